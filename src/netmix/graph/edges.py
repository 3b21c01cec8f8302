"""The ties of the person graph as tables: observed ties, inferred ties, and both merged.

Every edge table has ``EDGE_COLUMNS``: ``a < b`` (person ids), ``weight``, ``kind`` (``observed``,
``inferred`` or ``observed+inferred``) and ``source``, sorted by ``a, b``. The sparse projection
of affiliation groups is described in :mod:`netmix.graph`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..model import Resolution
from ..util.arrays import as_text
from .companies import normalise_companies

__all__ = ["EDGE_COLUMNS", "PersonTies", "inferred_ties", "merge_edges", "observed_ties", "person_ties"]

log = logging.getLogger(__name__)

EDGE_COLUMNS: tuple[str, ...] = ("a", "b", "weight", "kind", "source")


def _group_pairs(members: np.ndarray, clique_max: int, ring_k: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs projecting one group: clique when small, circulant ring otherwise."""
    n = members.size
    if n <= clique_max or n <= 2 * ring_k + 1:
        i, j = np.triu_indices(n, k=1)
        return members[i], members[j]
    base = np.arange(n)
    a = np.concatenate([members[base]] * ring_k)
    b = np.concatenate([members[(base + off) % n] for off in range(1, ring_k + 1)])
    return a, b


def _project(groups: Iterable[tuple[str, Sequence[str]]], clique_max: int, ring_k: int) -> pd.DataFrame:
    a_all, b_all, w_all, s_all = [], [], [], []
    for source, members in groups:
        m = np.array(sorted(set(members)), dtype=object)
        if m.size < 2:
            continue
        a, b = _group_pairs(m, clique_max, ring_k)
        a_all.append(a)
        b_all.append(b)
        w_all.append(np.full(a.size, 1.0 / (m.size - 1)))
        s_all.append(np.full(a.size, source, dtype=object))
    if not a_all:
        return pd.DataFrame({c: pd.Series([], dtype=float if c == "weight" else object) for c in EDGE_COLUMNS})
    a, b = np.concatenate(a_all), np.concatenate(b_all)
    lo, hi = np.where(a < b, a, b), np.where(a < b, b, a)
    return _edge_frame(lo, hi, np.concatenate(w_all), np.full(lo.size, "inferred", dtype=object), np.concatenate(s_all))


def _edge_frame(a: np.ndarray, b: np.ndarray, weight: np.ndarray, kind: np.ndarray, source: np.ndarray) -> pd.DataFrame:
    """An ``EDGE_COLUMNS`` frame with object text columns (no Arrow string conversion)."""
    cols = dict(zip(EDGE_COLUMNS, (a, b, weight, kind, source), strict=False))
    return pd.DataFrame({c: pd.Series(v, dtype=float if c == "weight" else object) for c, v in cols.items()})


def inferred_ties(
    resolution: Resolution,
    *,
    waves: pd.DataFrame | None = None,
    clique_max: int = 8,
    ring_k: int = 2,
) -> pd.DataFrame:
    """Inferred ties (``EDGE_COLUMNS``): same organisation, same connection wave.

    ``source`` is ``same organisation`` or ``wave <id>``. See the module docstring for the
    sparse projection; duplicates between the two kinds are summed by :func:`person_ties`.
    """
    persons = resolution.persons
    groups: list[tuple[str, list[str]]] = []
    if "company" in persons.columns and len(persons):
        key = normalise_companies(persons["company"])
        df = pd.DataFrame({"k": key, "p": persons["person_id"].astype(str)})
        df = df[df["k"] != ""]
        for _, g in df.groupby("k", sort=True):
            groups.append(("same organisation", g["p"].tolist()))
    if waves is not None and len(waves):
        for w, ids in zip(waves["wave"], waves["person_ids"], strict=False):
            groups.append((f"wave {w}", [p for p in str(ids).split(";") if p]))
    return _project(groups, clique_max, ring_k)


def observed_ties(resolution: Resolution) -> pd.DataFrame:
    """The resolution's ties as ``EDGE_COLUMNS``: ``a < b``, no self-loops, parallel ties merged
    (largest weight, sources joined); ties naming an unknown person are dropped with a warning."""
    t = resolution.ties
    if t is None or not len(t):
        return merge_edges(pd.DataFrame(columns=list(EDGE_COLUMNS)))
    a, b = as_text(t["a"]), as_text(t["b"])
    w = pd.to_numeric(t["weight"], errors="coerce").fillna(1.0).to_numpy(dtype=float) if "weight" in t else np.ones(len(t))
    src = as_text(t["source"]) if "source" in t else np.full(len(t), "", dtype=object)
    known = pd.Index(as_text(resolution.persons["person_id"]), dtype=object)
    loop = a == b
    ok = pd.Index(a, dtype=object).isin(known) & pd.Index(b, dtype=object).isin(known) & ~loop
    if (~ok & ~loop).any():
        log.warning("%d ties name a person the resolution does not know; dropped", int((~ok & ~loop).sum()))
    less = a < b
    lo, hi = np.where(less, a, b), np.where(less, b, a)
    df = _edge_frame(lo[ok], hi[ok], np.where(w[ok] > 0, w[ok], 1.0), np.full(int(ok.sum()), "observed", dtype=object), src[ok])
    return merge_edges(df, how="max")


def merge_edges(df: pd.DataFrame, how: str = "sum", *, coded: bool = False) -> pd.DataFrame:
    """Merge rows with the same (a, b): weights (max or sum), kinds and sources joined.

    With ``coded``, ``a`` and ``b`` are categoricals sharing their categories (the sorted ids): the
    same ids, which a reader maps to its own rows once per person instead of once per tie.

    >>> edges = pd.DataFrame({"a": ["x", "x", "w"], "b": ["y", "y", "x"], "weight": [1.0, 2.0, 1.0],
    ...                       "kind": "observed", "source": ["f1", "f2", "f1"]})
    >>> merged = merge_edges(edges, coded=True)
    >>> merged[["a", "b", "weight", "source"]].values.tolist(), merged["a"].cat.categories.tolist()
    ([['w', 'x', 1.0, 'f1'], ['x', 'y', 3.0, 'f1; f2']], ['w', 'x', 'y'])
    """
    if not len(df):
        return pd.DataFrame({c: pd.Series([], dtype=float if c == "weight" else object) for c in EDGE_COLUMNS})
    df = df.astype({"a": object, "b": object, "weight": float, "kind": object, "source": object})
    # one integer code per pair, ordered like (a, b): much faster to group and sort than strings
    ends, ids = pd.factorize(np.concatenate([df["a"].to_numpy(), df["b"].to_numpy()]), sort=True)
    ca, cb = ends[: len(df)].astype(np.int64), ends[len(df) :].astype(np.int64)
    key = ca * max(len(ids), 1) + cb
    dup = pd.Series(key).duplicated(keep=False).to_numpy()
    if dup.any():
        rows, rkey = df[dup], key[dup]
        # pandas sums the weights (compensated summation), in row order within each pair
        merged = rows.groupby(rkey, sort=False).agg(a=("a", "first"), b=("b", "first"), weight=("weight", how))
        # kind: "observed", "inferred" or both, from the rows' kinds; sources: distinct, sorted, joined
        has = {k: (rows["kind"] == k).groupby(rkey, sort=False).any().to_numpy() for k in ("observed", "inferred")}
        merged["kind"] = ["+".join(k for k in ("observed", "inferred") if has[k][i]) for i in range(len(merged))]
        distinct = sorted({(k, s) for k, s in zip(rkey.tolist(), rows["source"].tolist(), strict=False) if s})
        joined = {k: "; ".join(s for _, s in grp) for k, grp in groupby(distinct, key=itemgetter(0))}
        merged["source"] = [joined.get(k, "") for k in merged.index]
        key = np.concatenate([key[~dup], merged.index.to_numpy()])
        df = pd.concat([df[~dup], merged.astype({"kind": object, "source": object})], ignore_index=True)
    order = np.argsort(key, kind="stable")
    out = df.iloc[order].reset_index(drop=True)[list(EDGE_COLUMNS)]
    if coded:
        categories = pd.Index(ids, dtype=object)
        for end, codes in (("a", key[order] // max(len(ids), 1)), ("b", key[order] % max(len(ids), 1))):
            out[end] = pd.Categorical.from_codes(codes, categories=categories)
    return out


class PersonTies(NamedTuple):
    """The ties of the person graph: observed, inferred (merged) and all of them merged (``EDGE_COLUMNS`` each)."""

    observed: pd.DataFrame
    inferred: pd.DataFrame
    edges: pd.DataFrame


def person_ties(
    resolution: Resolution,
    *,
    infer: bool = True,
    waves: pd.DataFrame | None = None,
    clique_max: int = 8,
    ring_k: int = 2,
    observed: pd.DataFrame | None = None,
) -> PersonTies:
    """The observed ties, the inferred ties and all edges of the person graph (``a, b`` sorted).

    Parameters
    ----------
    resolution : Resolution
        Persons and observed ties.
    infer : bool
        Infer ties from shared organisations and connection waves; ``False``: ``inferred`` is empty.
    waves : pandas.DataFrame, optional
        Connection waves (:func:`netmix.graph.waves.detect_waves`); ``None``: no same-wave ties.
    clique_max, ring_k : int
        The sparse projection of affiliation groups (:mod:`netmix.graph`).
    observed : pandas.DataFrame, optional
        :func:`observed_ties` of ``resolution``, when already made.

    Returns
    -------
    PersonTies
        ``edges`` sums the weights of a pair tied both ways and says ``observed+inferred``; its ``a`` and
        ``b`` are categoricals (``merge_edges(coded=True)``).
    """
    observed = observed_ties(resolution) if observed is None else observed
    inferred = (
        merge_edges(inferred_ties(resolution, waves=waves, clique_max=clique_max, ring_k=ring_k)) if infer else observed.iloc[0:0]
    )
    edges = merge_edges(pd.concat([observed, inferred], ignore_index=True), how="sum", coded=True)
    return PersonTies(observed, inferred, edges)
