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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["igraph_seeded", "load_igraph", "path_counts", "skip_plotting"]

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


def path_counts(n: int, edges: np.ndarray, sources: list[int] | None) -> np.ndarray:
    """Unnormalised betweenness of an undirected graph (paths in hops), from ``sources`` only when given.

    ``edges`` is an ``(m, 2)`` array of node indices ``0 … n-1``.

    >>> import numpy as np
    >>> path_counts(3, np.array([[0, 1], [1, 2]]), None).tolist()
    [0.0, 1.0, 0.0]
    """
    import numpy as np

    ig = load_igraph()
    g = ig.Graph(n=n, edges=zip(edges[:, 0].tolist(), edges[:, 1].tolist(), strict=True), directed=False)
    return np.asarray(g.betweenness(directed=False, sources=sources), dtype=float)
