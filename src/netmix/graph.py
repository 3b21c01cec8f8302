"""The person graph: one node per person, edges = observed ties + inferred ties.

Nodes are person ids (contacts and non-contacts alike) with the attributes ``name, sphere,
accounts, is_contact, company``; the ego and its accounts are *not* nodes — which accounts a
person is a contact of is the ``accounts`` attribute. Every edge has ``weight``, ``kind``
(``observed``, ``inferred`` or ``observed+inferred``) and ``source`` so each figure can say what
it rests on.

**Inferred ties** (``infer=True``) come from two kinds of affiliation:

- *same organisation*: persons whose ``company`` is the same once normalised
  (:func:`normalise_company`);
- *same connection wave*: contacts who joined the same account in one burst
  (:func:`netmix.analysis.waves.detect_waves`).

An affiliation is a two-mode relation (person × group). Projecting it to a clique would give a
company of 300 people 44,850 ties and swamp the graph, so netmix projects each group of ``n``
members sparsely: a clique when ``n ≤ clique_max``, else a **circulant ring** — members in
person-id order, each tied to the next ``ring_k`` members (wrapping round), ``n·ring_k`` ties,
every member with ``2·ring_k`` ties. Each projected tie weighs ``1 / (n − 1)``, the per-pair
weight of Newman's collaboration projection (Newman 2001, *Phys. Rev. E* 64:016132): a tie
through a large group is weak. A pair linked both ways sums the weights.
"""

from __future__ import annotations

import gc
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import groupby
from operator import itemgetter

import networkx as nx
import numpy as np
import pandas as pd

from .analysis._arrays import as_text
from .model import Account, Resolution

log = logging.getLogger(__name__)

EDGE_COLUMNS: tuple[str, ...] = ("a", "b", "weight", "kind", "source")

#: Legal-form words dropped from organisation names before comparing.
LEGAL_FORMS = frozenset(
    ["sa", "sas", "sasu", "sarl", "eurl", "sci", "sca", "snc", "scop", "gie", "asbl", "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "plc", "gmbh", "ag", "kg", "ug", "bv", "nv", "spa", "srl", "sl", "oy", "ab", "as", "corp", "corporation", "co", "company", "cie", "the"]
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalise_company(name: str) -> str:
    """A comparable organisation key: accents, case, punctuation and legal forms removed.

    >>> normalise_company("Office de Tourisme de Pau, S.A.S.")
    'office de tourisme de pau'
    >>> normalise_company("ACME Inc.") == normalise_company("Acme")
    True
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", str(name).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace(".", "")  # S.A.S. → sas
    words = [w for w in _NON_WORD.sub(" ", text).split() if w]
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def normalise_companies(values: pd.Series) -> pd.Series:
    """:func:`normalise_company` over a column, computed once per distinct value."""
    text = values.astype(str)
    uniq = pd.unique(text)
    return text.map(dict(zip(uniq, (normalise_company(u) for u in uniq), strict=False)))


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
    sparse projection; duplicates between the two kinds are summed by :func:`network_edges`.
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


def merge_edges(df: pd.DataFrame, how: str = "sum") -> pd.DataFrame:
    """Merge rows with the same (a, b): weights (max or sum), kinds and sources joined."""
    if not len(df):
        return pd.DataFrame({c: pd.Series([], dtype=float if c == "weight" else object) for c in EDGE_COLUMNS})
    df = df.astype({"a": object, "b": object, "weight": float, "kind": object, "source": object})
    # one integer code per pair, ordered like (a, b): much faster to group and sort than strings
    ca = pd.factorize(df["a"].to_numpy(), sort=True)[0].astype(np.int64)
    cb, ub = pd.factorize(df["b"].to_numpy(), sort=True)
    key = ca * max(len(ub), 1) + cb
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
    return df.iloc[np.argsort(key, kind="stable")].reset_index(drop=True)[list(EDGE_COLUMNS)]


def network_edges(
    resolution: Resolution,
    *,
    infer: bool = True,
    waves: pd.DataFrame | None = None,
    clique_max: int = 8,
    ring_k: int = 2,
) -> pd.DataFrame:
    """All edges of the person graph (``EDGE_COLUMNS``), sorted by ``a, b``."""
    obs = observed_ties(resolution)
    if not infer:
        return obs
    inf = merge_edges(inferred_ties(resolution, waves=waves, clique_max=clique_max, ring_k=ring_k))
    return merge_edges(pd.concat([obs, inf], ignore_index=True), how="sum")


def to_networkx(persons: pd.DataFrame, edges: pd.DataFrame, *, extra: Sequence[str] = ()) -> nx.Graph:
    """The person graph as networkx: node attributes from ``persons``, edge attributes from ``edges``."""
    g = nx.Graph()
    cols = [c for c in ("name", "sphere", "accounts", "company", *extra) if c in persons.columns]
    is_contact = persons["is_contact"].astype(str).eq("1").to_numpy() if "is_contact" in persons else np.zeros(len(persons), bool)
    values = [persons[c].to_numpy(dtype=object) for c in cols]
    values = [np.where(pd.isna(v), "", v).tolist() for v in values]
    pids = persons["person_id"].astype(str).tolist()
    g.add_nodes_from((pid, dict(zip(cols, row, strict=False), is_contact=flag)) for pid, flag, *row in zip(pids, is_contact.tolist(), *values, strict=False))
    a, b, w, k, s = (edges[c].tolist() for c in EDGE_COLUMNS)
    with _gc_paused():
        g.add_edges_from(
            (u, v, {"weight": float(weight), "kind": kind, "source": source}) for u, v, weight, kind, source in zip(a, b, w, k, s, strict=False)
        )
    return g


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: allocating 500,000 edge dicts would otherwise set off
    repeated full collections that find nothing to free (a third of the graph's build time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_network(
    resolution: Resolution,
    accounts: Sequence[Account] = (),
    *,
    infer: bool = True,
    wave_days: int = 7,
    wave_min_size: int = 5,
    wave_factor: float = 3.0,
    waves: pd.DataFrame | None = None,
    clique_max: int = 8,
    ring_k: int = 2,
) -> nx.Graph:
    """The person graph of a resolution.

    Parameters
    ----------
    resolution : persons (every one becomes a node) and observed ties.
    accounts : the ego's accounts (kept for symmetry with :func:`netmix.analysis.analyse`; the
        accounts a person is reached from are read from ``persons.accounts``).
    infer : add inferred ties (same organisation, same connection wave).
    wave_days, wave_min_size, wave_factor : wave detection (:func:`netmix.analysis.waves.detect_waves`),
        used when ``waves`` is not given.
    clique_max, ring_k : the sparse projection of affiliation groups (module docstring).

    Examples
    --------
    >>> g = build_network(resolution)  # doctest: +SKIP
    >>> g.nodes["p0123456789"]["sphere"], g.edges["p01…", "p02…"]["kind"]  # doctest: +SKIP
    ('both', 'observed+inferred')
    """
    if infer and waves is None:
        from .analysis.waves import detect_waves

        waves = detect_waves(resolution.contacts, days=wave_days, min_size=wave_min_size, factor=wave_factor)
    edges = network_edges(resolution, infer=infer, waves=waves, clique_max=clique_max, ring_k=ring_k)
    return to_networkx(resolution.persons, edges)
