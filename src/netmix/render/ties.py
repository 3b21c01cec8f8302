"""The ties a picture draws, as arrays: ``src``, ``dst`` (places in the view's persons), ``weight``, ``kind``.

:func:`tie_table` reads them from the analysis' tie table (vectorised, no graph is built);
:func:`tie_arrays` from a networkx graph (an analysis made by hand, with a graph and no tie table).
Both give each tie once, between two different persons of the view, ``src < dst``, sorted; a pair
listed twice keeps its last weight and kind (as a networkx graph built from the table would).
:func:`tie_graph` makes the networkx graph of a view back from its arrays, for whoever asks for it.

>>> import pandas as pd
>>> edges = pd.DataFrame({"a": ["b", "a", "x"], "b": ["c", "b", "a"], "weight": [1.0, 2.0, 1.0],
...                       "kind": ["observed", "", "observed"]})
>>> tie_table(edges, ["a", "b", "c"]).values.tolist()
[[0, 1, 2.0, 'observed'], [1, 2, 1.0, 'observed']]
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from itertools import chain

import networkx as nx
import numpy as np
import pandas as pd

from ..util.arrays import as_ids, places

__all__ = ["empty_ties", "tie_arrays", "tie_graph", "tie_table"]


def empty_ties() -> pd.DataFrame:
    """A tie table without ties."""
    return _frame(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, float), np.zeros(0, dtype=object))


def _frame(src: np.ndarray, dst: np.ndarray, weight: np.ndarray, kind: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"src": src, "dst": dst, "weight": weight, "kind": pd.Series(kind, dtype=object)})


def _weight(w: object) -> float:
    try:
        return float(w)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0


def _weights(values: pd.Series) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        return values.to_numpy(dtype=float)
    return np.array([_weight(w) for w in values.tolist()], dtype=float)


def _kinds(values: pd.Series) -> np.ndarray:
    """``str(kind or "observed")`` of every value, made once per distinct value."""
    codes, uniq = pd.factorize(values.astype(object), use_na_sentinel=True)
    said = np.array([str(v or "observed") for v in uniq] + ["observed"], dtype=object)
    return said[codes]  # code -1 (missing) takes the last: "observed"


def _sorted_unique(lo: np.ndarray, hi: np.ndarray, n: int) -> np.ndarray:
    """Row positions that keep each (lo, hi) pair once — its last row — sorted by (lo, hi)."""
    key = lo * max(n, 1) + hi
    if (key[1:] > key[:-1]).all():  # already so (a merged tie table read in id order)
        return np.arange(len(key))
    last = len(key) - 1 - np.unique(key[::-1], return_index=True)[1]  # np.unique sorts by key
    return last


def tie_table(edges: pd.DataFrame, pid: Sequence[str]) -> pd.DataFrame:
    """The ties of a table with ``a, b, weight, kind`` columns (person ids) between the persons ``pid``."""
    if edges is None or not len(edges) or not len(pid):
        return empty_ties()
    persons = pd.Index(list(pid), dtype=object)
    a, b = places(persons, as_ids(edges["a"])), places(persons, as_ids(edges["b"]))  # coded ends: once per person
    ok = np.flatnonzero((a >= 0) & (b >= 0) & (a != b))
    lo, hi = np.minimum(a[ok], b[ok]).astype(np.int64), np.maximum(a[ok], b[ok]).astype(np.int64)
    keep = _sorted_unique(lo, hi, len(pid))
    rows = ok[keep]
    weight = _weights(edges["weight"]) if "weight" in edges.columns else np.ones(len(edges))
    kind = _kinds(edges["kind"]) if "kind" in edges.columns else np.full(len(edges), "observed", dtype=object)
    return _frame(lo[keep], hi[keep], weight[rows], kind[rows])


def tie_arrays(graph: nx.Graph, pid: Sequence[str]) -> pd.DataFrame:
    """The ties of ``graph`` between the persons ``pid`` (str ids) as arrays (one pass over its adjacency).

    >>> tie_arrays(nx.Graph([("b", "a", {"weight": 2.0})]), ["a", "b"]).values.tolist()
    [[0, 1, 2.0, 'observed']]
    """
    index = {p: i for i, p in enumerate(pid)}
    adjacency = [(index.get(str(u), -1), nbrs) for u, nbrs in graph.adjacency()]
    counts = np.fromiter((len(nbrs) for _, nbrs in adjacency), dtype=np.int64, count=len(adjacency))
    here = np.repeat(np.fromiter((i for i, _ in adjacency), dtype=np.int64, count=len(adjacency)), counts)
    neighbours = chain.from_iterable(nbrs.keys() for _, nbrs in adjacency)
    there = np.fromiter((index.get(str(v), -1) for v in neighbours), dtype=np.int64, count=int(counts.sum()))
    keep = np.flatnonzero((here >= 0) & (here < there))  # each tie once (and no self-loop), both ends persons
    everything = list(chain.from_iterable(nbrs.values() for _, nbrs in adjacency))
    data = [everything[i] for i in keep.tolist()]
    weight = np.array([_weight(d.get("weight", 1.0)) for d in data], dtype=float)
    kind = np.array([str(d.get("kind", "observed") or "observed") for d in data], dtype=object)
    lo, hi = here[keep], there[keep]
    order = np.lexsort((hi, lo))
    return _frame(lo[order], hi[order], weight[order], kind[order])


def tie_graph(pid: Sequence[str], clusters: Sequence[str], ties: pd.DataFrame) -> nx.Graph:
    """The networkx graph of a view: its persons (with their cluster) and its ties (weight, kind)."""
    g: nx.Graph = nx.Graph()
    g.add_nodes_from((p, {"cluster": c}) for p, c in zip(pid, clusters, strict=True))
    names = np.asarray(list(pid), dtype=object)
    ends = zip(names[ties["src"].to_numpy()].tolist(), names[ties["dst"].to_numpy()].tolist(), strict=True)
    data = zip(ties["weight"].tolist(), ties["kind"].tolist(), strict=True)
    with _gc_paused():
        g.add_edges_from((u, v, {"weight": w, "kind": k}) for (u, v), (w, k) in zip(ends, data, strict=True))
    return g


class _gc_paused:  # noqa: N801 - used as a statement
    """Pause Python's cyclic garbage collector while half a million small dicts are made."""

    def __enter__(self) -> None:
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was:
            gc.enable()
