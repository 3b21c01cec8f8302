"""How netmix runs igraph: imported without its plotting layer, seeded, and counting shortest paths.

This module imports nothing heavy until called (then igraph and numpy), so that the command
line starts fast and a process of its own can run :func:`path_counts` after a fraction of a
second of start-up (:mod:`netmix.util.background`).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "community_memberships",
    "graph_of",
    "igraph_seeded",
    "load_igraph",
    "memberships_of",
    "path_counts",
    "skip_plotting",
]

#: Whether :func:`load_igraph` loads igraph's matplotlib plotting layer in this process.
_PLOTTING = {"wanted": True}


def skip_plotting() -> None:
    """Make :func:`load_igraph` leave out igraph's matplotlib plotting layer in this process.

    igraph imports ``matplotlib.pyplot`` whenever matplotlib is installed: half a second of
    start-up that netmix, which never plots with igraph, does not need. Only processes that
    netmix owns call this (the command line, :mod:`netmix.util.background`): igraph then plots
    only with its Cairo backend there, and matplotlib itself stays importable. Library users,
    who may plot with igraph, get it whole.
    """
    _PLOTTING["wanted"] = False


def load_igraph() -> ModuleType:
    """The ``igraph`` module (without its matplotlib layer after :func:`skip_plotting`, if not yet imported).

    >>> load_igraph().Graph(3).vcount()
    3
    """
    if "igraph" in sys.modules or _PLOTTING["wanted"] or "matplotlib" in sys.modules:
        import igraph

        return igraph
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # "import matplotlib" now fails: igraph skips it
    try:
        import igraph
    finally:
        del sys.modules["matplotlib"]
    return igraph


@contextmanager
def igraph_seeded(seed: int) -> Iterator[None]:
    """igraph's random numbers drawn from ``random.Random(seed)`` inside the block, its default after.

    The same seed gives the same draws, and nothing outside the block (nor Python's global
    ``random`` state) is touched.

    >>> g = load_igraph().Graph.Famous("Zachary")
    >>> with igraph_seeded(3):
    ...     a = g.community_leiden(objective_function="modularity").membership
    >>> with igraph_seeded(3):
    ...     b = g.community_leiden(objective_function="modularity").membership
    >>> a == b
    True
    """
    ig = load_igraph()
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)  # igraph's default


def graph_of(n: int, a: np.ndarray, b: np.ndarray, weight: np.ndarray | None = None) -> Any:
    """The undirected :class:`igraph.Graph` on nodes ``0 … n-1`` with the edges ``(a[i], b[i])`` (attribute
    ``weight`` when given): every graph netmix hands igraph is made here, so one made in another process is the same.

    >>> import numpy as np
    >>> g = graph_of(3, np.array([0, 1]), np.array([1, 2]), np.array([2.0, 1.0]))
    >>> g.get_edgelist(), g.es["weight"]
    ([(0, 1), (1, 2)], [2.0, 1.0])
    """
    ig = load_igraph()
    # an iterator of pairs: a nested list of 500,000 pairs would cost more (garbage collection) than igraph itself
    g = ig.Graph(n=int(n), edges=zip(a.tolist(), b.tolist(), strict=True), directed=False)
    if weight is not None:
        g.es["weight"] = weight.tolist()
    return g


def path_counts(n: int, edges: np.ndarray, sources: list[int] | None, local: bool = False) -> np.ndarray:
    """Unnormalised betweenness of an undirected graph (paths in hops), from ``sources`` only when given.

    ``edges`` is an ``(m, 2)`` array of node indices ``0 … n-1``. With ``local``, igraph counts on the nodes
    renumbered in :func:`_local_order` (the sums then differ from the plain order's in their last bits only).

    >>> import numpy as np
    >>> path_counts(3, np.array([[0, 1], [1, 2]]), None).tolist()
    [0.0, 1.0, 0.0]
    """
    import numpy as np

    order = _local_order(n, edges) if local else None
    if order is not None:
        place = np.empty(n, dtype=np.int64)
        place[order] = np.arange(n)
        edges = place[edges]
        sources = place[np.asarray(sources, dtype=np.int64)].tolist() if sources is not None else None
    g = graph_of(n, edges[:, 0], edges[:, 1])
    counts = np.asarray(g.betweenness(directed=False, sources=sources), dtype=float)
    return counts[place] if order is not None else counts


def _local_order(n: int, edges: np.ndarray) -> np.ndarray:
    """The nodes in reverse Cuthill–McKee order (scipy): tied nodes get near numbers, so that a breadth-first
    search walks memory in order (a quarter faster on the large scenario's 9,500 tied persons)."""
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.csgraph import reverse_cuthill_mckee

    a, b = edges[:, 0], edges[:, 1]
    ones = np.ones(2 * len(edges), dtype=np.int8)
    matrix = sp.csr_matrix((ones, (np.concatenate([a, b]), np.concatenate([b, a]))), shape=(n, n))
    return np.asarray(reverse_cuthill_mckee(matrix, symmetric_mode=True), dtype=np.int64)


def community_memberships(
    graph: Any,
    *,
    seed: int,
    infomap_trials: int,
    resolutions: tuple[float, ...],
    louvain_levels: bool,
    cpm_resolutions: tuple[float, ...],
) -> list[list[int]]:
    """The partitions of a weighted igraph ``graph`` that circles start from, each as a membership list: Infomap
    (with ``infomap_trials`` > 0), then Louvain at each of ``resolutions`` (every level with ``louvain_levels``),
    sharing one random stream seeded by ``seed``; then Leiden CPM at each of ``cpm_resolutions``, each seeded afresh.

    >>> import numpy as np
    >>> g = graph_of(6, np.array([0, 0, 1, 3, 3, 4]), np.array([1, 2, 2, 4, 5, 5]), np.ones(6))
    >>> community_memberships(g, seed=1, infomap_trials=0, resolutions=(1.0,), louvain_levels=False, cpm_resolutions=())
    [[0, 0, 0, 1, 1, 1]]
    """
    parts: list[list[int]] = []
    with igraph_seeded(seed):
        if infomap_trials > 0:
            parts.append(graph.community_infomap(edge_weights="weight", trials=infomap_trials).membership)
        for gamma in resolutions:
            if louvain_levels:
                levels = graph.community_multilevel(weights="weight", resolution=float(gamma), return_levels=True)
                parts += [level.membership for level in levels]
            else:
                parts.append(graph.community_multilevel(weights="weight", resolution=float(gamma)).membership)
    for density in cpm_resolutions:
        with igraph_seeded(seed):
            cpm = graph.community_leiden(objective_function="CPM", weights="weight", resolution=float(density), n_iterations=-1)
        parts.append(cpm.membership)
    return parts


def memberships_of(n: int, edges: np.ndarray, weight: np.ndarray, options: dict[str, Any]) -> list[list[int]]:
    """:func:`community_memberships` of the weighted graph on nodes ``0 … n-1`` with ``edges`` (an ``(m, 2)`` array),
    made by :func:`graph_of` (what another process is given to count).

    >>> import numpy as np
    >>> memberships_of(3, np.array([[0, 1], [1, 2]]), np.ones(2),
    ...                dict(seed=0, infomap_trials=0, resolutions=(1.0,), louvain_levels=False, cpm_resolutions=()))
    [[0, 0, 0]]
    """
    return community_memberships(graph_of(n, edges[:, 0], edges[:, 1], weight), **options)
