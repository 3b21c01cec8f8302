"""A compact, array-based view of an undirected person graph, shared by the analyses.

networkx is convenient but far too slow for the measures netmix needs on 40,000 persons and
500,000 ties; every analysis therefore works on :class:`Adjacency` (sorted node ids, edge
arrays, a scipy sparse matrix and an igraph graph built on demand). Public functions accept
either an :class:`Adjacency` or a :class:`networkx.Graph` (converted with :func:`as_adjacency`).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..util.arrays import places, run_starts
from ..util.igraph_tools import graph_of
from ..util.sparse_graph import ROWS, row_chunks, symmetric_matrix, unit_ties

__all__ = ["Adjacency", "Ids", "as_adjacency", "from_edges", "masked_product_rowsums"]

#: Node ids: a sequence, a pandas Series or Index, or a numpy array.
Ids = Sequence[Any] | pd.Series | pd.Index | np.ndarray


@dataclass(frozen=True, eq=False)
class Adjacency:
    """An undirected simple graph as arrays.

    ``nodes`` are sorted; ``src < dst`` index into ``nodes``; each pair appears once;
    ``weight`` holds the (positive) tie weights.
    """

    nodes: tuple
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def m(self) -> int:
        return int(self.src.size)

    @cached_property
    def index(self) -> dict[Hashable, int]:
        return {v: i for i, v in enumerate(self.nodes)}

    @cached_property
    def weighted(self) -> sp.csr_matrix:
        """Symmetric weighted adjacency matrix (CSR, float64, sorted indices)."""
        return symmetric_matrix(self.n, self.src, self.dst, self.weight)

    @cached_property
    def binary(self) -> sp.csr_matrix:
        """Symmetric 0/1 adjacency matrix (CSR, float64)."""
        return unit_ties(self.weighted)

    @cached_property
    def neighbours(self) -> list[np.ndarray]:
        """The neighbours of every node (indices, sorted)."""
        m = self.binary
        return [m.indices[m.indptr[i] : m.indptr[i + 1]] for i in range(self.n)]

    @cached_property
    def degree(self) -> np.ndarray:
        return np.bincount(np.concatenate([self.src, self.dst]), minlength=self.n).astype(np.int64)

    @cached_property
    def strength(self) -> np.ndarray:
        return np.asarray(self.weighted.sum(axis=1)).ravel()

    @cached_property
    def tied(self) -> np.ndarray:
        """Indices of the nodes with at least one tie."""
        return np.flatnonzero(self.degree > 0)

    @cached_property
    def tied_ends(self) -> np.ndarray:
        """The edges as an ``(m, 2)`` array of places in :attr:`tied` (edge ``i`` joins ``tied[tied_ends[i]]``)."""
        place = np.full(self.n, -1, dtype=np.int64)
        place[self.tied] = np.arange(self.tied.size)
        return np.column_stack([place[self.src], place[self.dst]])

    @cached_property
    def tied_igraph(self) -> Any:
        """The graph on the tied nodes as an :class:`igraph.Graph` (vertex i = ``nodes[tied[i]]``, edges in
        :attr:`tied_ends`, attribute ``weight``); built once, shared by community detection and cut vertices."""
        return graph_of(int(self.tied.size), self.tied_ends[:, 0], self.tied_ends[:, 1], self.weight)

    def subgraph_mask(self, keep: np.ndarray) -> Adjacency:
        """The graph on the same nodes with only the edges where ``keep`` is true."""
        return Adjacency(self.nodes, self.src[keep], self.dst[keep], self.weight[keep])


def from_edges(
    nodes: Ids,
    a: Ids,
    b: Ids,
    weight: Sequence[float] | np.ndarray | pd.Series | None = None,
    *,
    drop_unknown: bool = False,
) -> Adjacency:
    """Build an :class:`Adjacency` from node ids and edge end points (ids).

    Self-loops are dropped; parallel edges are merged keeping the largest weight; edges whose
    ends are not in ``nodes`` raise ``KeyError`` (are left out with ``drop_unknown``).

    >>> from_edges(["b", "a", "c"], ["c", "a", "b", "x"], ["a", "c", "b", "a"], drop_unknown=True).src.tolist()
    [0]
    """
    order = tuple(sorted(nodes))
    idx = pd.Index(list(order), dtype=object)
    ia, ib = places(idx, a), places(idx, b)
    w = np.ones(len(ia)) if weight is None else np.asarray(weight, dtype=np.float64)
    known = (ia >= 0) & (ib >= 0)
    if not known.all():
        if not drop_unknown:
            raise KeyError("an edge names a node that is not in the node list")
        ia, ib, w = ia[known], ib[known], w[known]
    lo, hi = np.minimum(ia, ib).astype(np.int64), np.maximum(ia, ib).astype(np.int64)
    keep = lo != hi
    lo, hi, w = lo[keep], hi[keep], w[keep]
    key = lo * len(order) + hi  # ordered like (lo, hi)
    if key.size and not (np.diff(key) > 0).all():  # unsorted or parallel edges
        sort = np.argsort(key, kind="stable")
        lo, hi, w, key = lo[sort], hi[sort], w[sort], key[sort]
        first = np.flatnonzero(run_starts(key))
        lo, hi, w = lo[first], hi[first], np.fmax.reduceat(w, first)  # largest weight (NaN ignored, as pandas max)
    return Adjacency(order, lo, hi, w.astype(np.float64))


def as_adjacency(graph: Adjacency | nx.Graph, *, weight: str | None = "weight") -> Adjacency:
    """Return ``graph`` as an :class:`Adjacency` (``weight``: edge attribute, default 1)."""
    if isinstance(graph, Adjacency):
        return graph
    if graph.is_directed() or graph.is_multigraph():
        raise TypeError("netmix analyses take an undirected simple graph")
    edges = list(graph.edges(data=True))
    a = [u for u, _, _ in edges]
    b = [v for _, v, _ in edges]
    w = [float(d.get(weight, 1.0)) if weight else 1.0 for _, _, d in edges]
    return from_edges(list(graph.nodes), a, b, w)


def masked_product_rowsums(left: sp.csr_matrix, right: sp.csr_matrix, mask: sp.csr_matrix, *, chunk: int = ROWS) -> np.ndarray:
    """``rowsum((left @ right) ∘ mask)``, computed by row chunks so memory stays bounded."""
    out = np.zeros(left.shape[0])
    for s, e in row_chunks(left.shape[0], chunk):
        prod = (left[s:e] @ right).multiply(mask[s:e])
        out[s:e] = np.asarray(prod.sum(axis=1)).ravel()
    return out
