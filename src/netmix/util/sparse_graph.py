"""An undirected weighted graph as scipy sparse matrices, and Burt's constraint counted on them.

numpy and scipy only: another process (:mod:`netmix.util.background`) counts constraint here
without loading pandas or networkx, from the same arrays and with the same operations as
:func:`netmix.analysis.bridges.constraint`, so the values are the same bit for bit.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp

__all__ = ["EdgeGraph", "ROWS", "constraint_of", "edge_constraint", "row_chunks", "symmetric_matrix", "tie_shares", "unit_ties"]

#: Rows of a sparse product made at a time (bounded memory).
ROWS = 4096


def symmetric_matrix(n: int, a: np.ndarray, b: np.ndarray, weight: np.ndarray) -> sp.csr_matrix:
    """The weighted adjacency matrix (CSR, float64, sorted indices) of the ties ``a[i] – b[i]``, each given once.

    >>> import numpy as np
    >>> symmetric_matrix(3, np.array([0]), np.array([2]), np.array([2.0])).toarray().tolist()
    [[0.0, 0.0, 2.0], [0.0, 0.0, 0.0], [2.0, 0.0, 0.0]]
    """
    import numpy as np
    import scipy.sparse as sp

    w = np.concatenate([weight, weight]).astype(np.float64)
    mat = sp.csr_matrix((w, (np.concatenate([a, b]), np.concatenate([b, a]))), shape=(n, n))
    mat.sort_indices()
    return mat


def unit_ties(weighted: sp.csr_matrix) -> sp.csr_matrix:
    """The same ties, each of weight 1 (the 0/1 adjacency matrix).

    >>> import numpy as np
    >>> unit_ties(symmetric_matrix(2, np.array([0]), np.array([1]), np.array([3.0]))).toarray().tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    mat = weighted.copy()
    mat.data[:] = 1.0
    return mat


def row_chunks(n: int, size: int = ROWS) -> Iterator[tuple[int, int]]:
    """Ranges of row indices for chunked sparse products (bounded memory).

    >>> list(row_chunks(5, 2))
    [(0, 2), (2, 4), (4, 5)]
    """
    for start in range(0, n, size):
        yield start, min(n, start + size)


def tie_shares(weighted: sp.csr_matrix) -> sp.csr_matrix:
    """Proportional tie strength ``p_ij = w_ij / Σ_k w_ik`` (Burt 1992), rows of isolates empty."""
    import numpy as np
    import scipy.sparse as sp

    s = np.asarray(weighted.sum(axis=1)).ravel()
    inv = np.divide(1.0, s, out=np.zeros_like(s), where=s > 0)
    return (sp.diags(inv) @ weighted).tocsr()


def constraint_of(weighted: sp.csr_matrix, *, start: int = 0, stop: int | None = None, chunk: int = ROWS) -> np.ndarray:
    """Burt's constraint ``C_i = Σ_{j∈N(i)} (p_ij + Σ_q p_iq p_qj)²`` of the nodes ``start`` to ``stop`` (default:
    all) of the graph ``weighted`` (:func:`symmetric_matrix`), as the row sums of ``(P + (P @ P) ∘ A)²`` by row
    chunks; NaN for a node without ties. Each node's value is the same bit for bit whatever the range.

    >>> import numpy as np
    >>> star = symmetric_matrix(3, np.array([0, 0]), np.array([1, 2]), np.ones(2))
    >>> constraint_of(star).round(3).tolist(), constraint_of(star, start=1).round(3).tolist()
    ([0.5, 1.0, 1.0], [1.0, 1.0])
    """
    return _constraint_rows(*_matrices(weighted), start, stop, chunk)


def _matrices(weighted: sp.csr_matrix) -> tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]:
    """What constraint is counted on: the weighted matrix, its tie shares (:func:`tie_shares`) and its 0/1 matrix."""
    return weighted, tie_shares(weighted), unit_ties(weighted)


def _constraint_rows(
    weighted: sp.csr_matrix, p: sp.csr_matrix, tied: sp.csr_matrix, start: int, stop: int | None, chunk: int
) -> np.ndarray:
    """:func:`constraint_of` with the graph's tie shares ``p`` and 0/1 matrix ``tied`` already made (:func:`_matrices`)."""
    import numpy as np

    stop = weighted.shape[0] if stop is None else stop
    out = np.full(stop - start, np.nan)
    for s, e in row_chunks(stop - start, chunk):
        block = p[start + s : start + e]
        indirect = (block @ p).multiply(tied[start + s : start + e])
        local = (block + indirect).tocsr()
        local.data **= 2
        out[s:e] = np.asarray(local.sum(axis=1)).ravel()
    out[np.diff(weighted.indptr)[start:stop] == 0] = np.nan
    return out


class EdgeGraph:
    """The graph on nodes ``0 … n-1`` whose ties are ``edges`` (an ``(m, 2)`` array, each tie once) with ``weight``:
    what another process is handed to count constraint in parts (:func:`edge_constraint`). Its matrices are made
    once in each process, when a first part is counted there (they are not pickled).

    >>> import numpy as np
    >>> graph = EdgeGraph(3, np.array([[0, 1], [0, 2]]), np.ones(2))
    >>> edge_constraint(graph).round(3).tolist(), edge_constraint(graph, 1, 3).round(3).tolist()
    ([0.5, 1.0, 1.0], [1.0, 1.0])
    """

    def __init__(self, n: int, edges: np.ndarray, weight: np.ndarray) -> None:
        self.n, self.edges, self.weight = n, edges, weight

    def __getstate__(self) -> tuple[int, np.ndarray, np.ndarray]:
        return self.n, self.edges, self.weight

    def __setstate__(self, state: tuple[int, np.ndarray, np.ndarray]) -> None:
        self.n, self.edges, self.weight = state

    @functools.cached_property
    def matrices(self) -> tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]:
        """:func:`_matrices` of the graph's weighted matrix (:func:`symmetric_matrix`)."""
        return _matrices(symmetric_matrix(self.n, self.edges[:, 0], self.edges[:, 1], self.weight))


def edge_constraint(graph: EdgeGraph, start: int = 0, stop: int | None = None) -> np.ndarray:
    """:func:`constraint_of` the nodes ``start`` to ``stop`` of ``graph``."""
    return _constraint_rows(*graph.matrices, start, stop, ROWS)
