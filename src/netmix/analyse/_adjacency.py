"""A compact, array-based view of an undirected person graph, shared by the analyses.

networkx is convenient but far too slow for the measures netmix needs on 40,000 persons and
500,000 ties; every analysis therefore works on :class:`Adjacency` (sorted node ids, edge
arrays, a scipy sparse matrix and an igraph graph built on demand). Public functions accept
either an :class:`Adjacency` or a :class:`networkx.Graph` (converted with :func:`as_adjacency`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Hashable, Sequence

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp


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
        w = np.concatenate([self.weight, self.weight]).astype(np.float64)
        rows = np.concatenate([self.src, self.dst])
        cols = np.concatenate([self.dst, self.src])
        mat = sp.csr_matrix((w, (rows, cols)), shape=(self.n, self.n))
        mat.sort_indices()
        return mat

    @cached_property
    def binary(self) -> sp.csr_matrix:
        """Symmetric 0/1 adjacency matrix (CSR, float64)."""
        mat = self.weighted.copy()
        mat.data[:] = 1.0
        return mat

    @cached_property
    def degree(self) -> np.ndarray:
        return np.bincount(np.concatenate([self.src, self.dst]), minlength=self.n).astype(np.int64)

    @cached_property
    def strength(self) -> np.ndarray:
        return np.asarray(self.weighted.sum(axis=1)).ravel()

    @cached_property
    def igraph(self) -> Any:
        """The same graph as an :class:`igraph.Graph` (vertex i = ``nodes[i]``, attribute ``weight``)."""
        import igraph as ig

        g = ig.Graph(n=self.n, edges=np.column_stack([self.src, self.dst]).tolist(), directed=False)
        g.es["weight"] = self.weight.tolist()
        return g

    def subgraph_mask(self, keep: np.ndarray) -> "Adjacency":
        """The graph on the same nodes with only the edges where ``keep`` is true."""
        return Adjacency(self.nodes, self.src[keep], self.dst[keep], self.weight[keep])


def from_edges(nodes: Sequence[Hashable], a: Sequence[Hashable], b: Sequence[Hashable], weight: Sequence[float] | None = None) -> Adjacency:
    """Build an :class:`Adjacency` from node ids and edge end points (ids).

    Self-loops are dropped; parallel edges are merged keeping the largest weight; edges whose
    ends are not in ``nodes`` raise ``KeyError``.
    """
    order = tuple(sorted(nodes))
    idx = pd.Index(order)
    ia = idx.get_indexer(pd.Index(list(a)))
    ib = idx.get_indexer(pd.Index(list(b)))
    if (ia < 0).any() or (ib < 0).any():
        raise KeyError("an edge names a node that is not in the node list")
    w = np.ones(len(ia)) if weight is None else np.asarray(weight, dtype=np.float64)
    lo, hi = np.minimum(ia, ib), np.maximum(ia, ib)
    keep = lo != hi
    lo, hi, w = lo[keep], hi[keep], w[keep]
    if lo.size:
        df = pd.DataFrame({"s": lo, "d": hi, "w": w}).groupby(["s", "d"], sort=True, as_index=False)["w"].max()
        lo, hi, w = df["s"].to_numpy(np.int64), df["d"].to_numpy(np.int64), df["w"].to_numpy(np.float64)
    return Adjacency(order, lo.astype(np.int64), hi.astype(np.int64), w.astype(np.float64))


def as_adjacency(graph: "Adjacency | nx.Graph", *, weight: str | None = "weight") -> Adjacency:
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


def row_chunks(n: int, size: int = 4096):
    """Ranges of row indices for chunked sparse products (bounded memory)."""
    for start in range(0, n, size):
        yield start, min(n, start + size)


def masked_product_rowsums(left: sp.csr_matrix, right: sp.csr_matrix, mask: sp.csr_matrix, *, chunk: int = 4096) -> np.ndarray:
    """``rowsum((left @ right) ∘ mask)``, computed by row chunks so memory stays bounded."""
    out = np.zeros(left.shape[0])
    for s, e in row_chunks(left.shape[0], chunk):
        prod = (left[s:e] @ right).multiply(mask[s:e])
        out[s:e] = np.asarray(prod.sum(axis=1)).ravel()
    return out
