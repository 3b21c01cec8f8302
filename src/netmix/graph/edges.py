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
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ..model import Resolution
from ..util.arrays import as_ids, as_text, filled, places
from .companies import normalise_companies

__all__ = ["EDGE_COLUMNS", "PersonTies", "inferred_ties", "merge_edges", "observed_ties", "person_ties", "tie_weights"]

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
        s_all.append(filled(a.size, source))
    if not a_all:
        return pd.DataFrame({c: pd.Series([], dtype=float if c == "weight" else object) for c in EDGE_COLUMNS})
    a, b = np.concatenate(a_all), np.concatenate(b_all)
    lo, hi = np.where(a < b, a, b), np.where(a < b, b, a)
    return _edge_frame(lo, hi, np.concatenate(w_all), filled(lo.size, "inferred"), np.concatenate(s_all))


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
        df = pd.DataFrame({"k": key, "p": pd.Series(as_text(persons["person_id"]), index=persons.index, dtype=object)})
        df = df[df["k"] != ""]
        for _, g in df.groupby("k", sort=True):
            groups.append(("same organisation", g["p"].tolist()))
    if waves is not None and len(waves):
        for w, ids in zip(waves["wave"], waves["person_ids"], strict=False):
            groups.append((f"wave {w}", [p for p in str(ids).split(";") if p]))
    return _project(groups, clique_max, ring_k)


def observed_ties(resolution: Resolution) -> pd.DataFrame:
    """The resolution's ties as ``EDGE_COLUMNS``: ``a < b``, no self-loops, parallel ties merged
    (largest weight, sources joined); ties naming an unknown person are dropped with a warning.
    ``a`` and ``b`` are ordered categoricals over the persons' sorted ids (as :func:`merge_edges` ``coded`` makes them)."""
    t = resolution.ties
    if t is None or not len(t):
        return merge_edges(pd.DataFrame(columns=list(EDGE_COLUMNS)), coded=True)
    ids = pd.Index(as_text(resolution.persons["person_id"]), dtype=object).dropna().unique().sort_values()
    ca, cb = places(ids, as_ids(t["a"])), places(ids, as_ids(t["b"]))
    unknown = (ca < 0) | (cb < 0)
    loop = ca == cb
    if unknown.any():  # two unknown ids: a loop only when they are the same text
        loop[unknown] = as_text(t["a"])[unknown] == as_text(t["b"])[unknown]
        if (unknown & ~loop).any():
            log.warning("%d ties name a person the resolution does not know; dropped", int((unknown & ~loop).sum()))
    ok = ~unknown & ~loop
    n = int(ok.sum())
    src = as_text(t["source"])[ok] if "source" in t else filled(n, "")
    lo, hi = np.minimum(ca, cb)[ok], np.maximum(ca, cb)[ok]
    ends = {end: pd.Categorical.from_codes(codes, categories=ids, ordered=True) for end, codes in (("a", lo), ("b", hi))}
    kind = pd.Series(filled(n, "observed"), dtype=object)
    df = pd.DataFrame(ends | {"weight": tie_weights(t)[ok], "kind": kind, "source": pd.Series(src, dtype=object)})
    return merge_edges(df, how="max", coded=True)


def tie_weights(ties: pd.DataFrame) -> np.ndarray:
    """The weight of each of a resolution's ``ties`` as the person graph counts it: a missing, unreadable or
    non-positive weight counts 1 (:func:`observed_ties`; the analyses' graph made from the same ties).

    >>> tie_weights(pd.DataFrame({"weight": [2.0, -1.0, None, "x"]})).tolist()
    [2.0, 1.0, 1.0, 1.0]
    """
    if "weight" not in ties:
        return np.ones(len(ties))
    weight = pd.to_numeric(ties["weight"], errors="coerce").fillna(1.0).to_numpy(dtype=float)
    return np.where(weight > 0, weight, 1.0)


def _end_codes(a: pd.Series, b: pd.Series) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Both ends as codes into their sorted distinct ids: a categorical pair sharing sorted categories gives its own."""
    categorical = isinstance(a.dtype, pd.CategoricalDtype) and isinstance(b.dtype, pd.CategoricalDtype)
    if categorical and a.cat.categories.equals(b.cat.categories) and a.cat.categories.is_monotonic_increasing:
        ca, cb = a.cat.codes.to_numpy(dtype=np.int64), b.cat.codes.to_numpy(dtype=np.int64)
        if ca.min() >= 0 and cb.min() >= 0:
            return ca, cb, pd.Index(a.cat.categories, dtype=object)
    both = np.concatenate([a.to_numpy(dtype=object), b.to_numpy(dtype=object)])
    ends, ids = pd.factorize(both, sort=True, use_na_sentinel=False)
    return ends[: len(a)].astype(np.int64), ends[len(a) :].astype(np.int64), pd.Index(ids, dtype=object)


def merge_edges(df: pd.DataFrame, how: str = "sum", *, coded: bool = False) -> pd.DataFrame:
    """Merge rows with the same (a, b): weights (max or sum), kinds and sources joined.

    With ``coded``, ``a`` and ``b`` are ordered categoricals sharing their categories (the sorted ids):
    the same ids, compared and sorted as they are, which a reader maps to its own rows once per person
    instead of once per tie. Ends that are already such categoricals are read by their codes.

    >>> edges = pd.DataFrame({"a": ["x", "x", "w"], "b": ["y", "y", "x"], "weight": [1.0, 2.0, 1.0],
    ...                       "kind": "observed", "source": ["f1", "f2", "f1"]})
    >>> merged = merge_edges(edges, coded=True)
    >>> merged[["a", "b", "weight", "source"]].values.tolist(), merged["a"].cat.categories.tolist()
    ([['w', 'x', 1.0, 'f1'], ['x', 'y', 3.0, 'f1; f2']], ['w', 'x', 'y'])
    """
    if not len(df):
        return pd.DataFrame({c: pd.Series([], dtype=float if c == "weight" else object) for c in EDGE_COLUMNS})
    ca, cb, ids = _end_codes(df["a"], df["b"])
    n = max(len(ids), 1)
    key = ca * n + cb  # one integer per pair, ordered like (a, b): much faster to group and sort than strings
    weight = df["weight"].to_numpy(dtype=float)
    kind, source = df["kind"].to_numpy(dtype=object), df["source"].to_numpy(dtype=object)
    # pairs already merged and in order (the ties a resolution makes): nothing to merge or sort
    in_order = bool((key[1:] > key[:-1]).all())
    dup = np.zeros(len(key), dtype=bool) if in_order else pd.Series(key).duplicated(keep=False).to_numpy()
    if dup.any():
        rkey = key[dup]
        # pandas sums the weights (compensated summation), in row order within each pair
        merged = pd.Series(weight[dup]).groupby(rkey, sort=False).agg(how)
        pairs = merged.index.to_numpy()
        # kind: "observed", "inferred" or both, from the rows' kinds; sources: distinct, sorted, joined
        kinds = pd.Series(kind[dup], dtype=object)
        has = {k: (kinds == k).groupby(rkey, sort=False).any().to_numpy() for k in ("observed", "inferred")}
        joined_kind = ["+".join(k for k in ("observed", "inferred") if has[k][i]) for i in range(len(pairs))]
        distinct = sorted({(k, s) for k, s in zip(rkey.tolist(), source[dup].tolist(), strict=False) if s})
        joined = {k: "; ".join(s for _, s in grp) for k, grp in groupby(distinct, key=itemgetter(0))}
        key = np.concatenate([key[~dup], pairs])
        weight = np.concatenate([weight[~dup], merged.to_numpy(dtype=float)])
        kind = np.concatenate([kind[~dup], np.array(joined_kind, dtype=object)])
        source = np.concatenate([source[~dup], np.array([joined.get(k, "") for k in pairs.tolist()], dtype=object)])
    order = slice(None) if in_order else np.argsort(key, kind="stable")
    key = key[order]
    if coded:
        a: Any = pd.Categorical.from_codes(key // n, categories=ids, ordered=True)
        b: Any = pd.Categorical.from_codes(key % n, categories=ids, ordered=True)
    else:
        a, b = (pd.Series(ids.to_numpy(dtype=object)[codes], dtype=object) for codes in (key // n, key % n))
    columns = (a, b, weight[order], pd.Series(kind[order], dtype=object), pd.Series(source[order], dtype=object))
    return pd.DataFrame(dict(zip(EDGE_COLUMNS, columns, strict=True)))


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
    edges = merge_edges(pd.concat([observed, _coded_like(inferred, observed)], ignore_index=True), how="sum", coded=True)
    return PersonTies(observed, inferred, edges)


def _coded_like(edges: pd.DataFrame, coded: pd.DataFrame) -> pd.DataFrame:
    """``edges`` with ``a`` and ``b`` as categoricals of ``coded``'s ids, when ``coded`` has such and they hold every id
    (tables so coded are merged by their codes); else ``edges`` as they are."""
    if not isinstance(coded["a"].dtype, pd.CategoricalDtype) or not len(edges):
        return edges
    ids = coded["a"].cat.categories
    codes = {end: places(ids, edges[end]) for end in ("a", "b")}
    if min(c.min() for c in codes.values()) < 0:
        return edges
    return edges.assign(**{end: pd.Categorical.from_codes(c, dtype=coded["a"].dtype) for end, c in codes.items()})
