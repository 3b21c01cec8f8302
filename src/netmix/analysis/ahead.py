"""The slowest measures, started before the others: betweenness, the partitions circles start from, and
constraint.

:func:`start_ahead` starts them on the observed graph. On a big graph — one whose betweenness is
sampled — another process counts them one after the other (:func:`netmix.util.background.in_turn`),
handing each back as soon as it is counted, while this process measures everything else and then
the circles' Leiden CPM partitions (which are seeded afresh). All but betweenness go to whichever
process is free first: when this one asks for the circles' Louvain levels, or for a part of the
nodes' constraint, while the other is still busy, it counts them itself. On a small graph each is
counted here when first asked for. The values are the same either way: a sampled betweenness is
always counted on the nodes in local order (:func:`netmix.util.igraph_tools.path_counts`), the
partitions on the same graph (:func:`netmix.util.igraph_tools.graph_of`) with the same seeds,
constraint by the same sparse products (:func:`netmix.util.sparse_graph.constraint_of`) on the
tied nodes, in order.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from ..util.background import in_background, in_turn
from ..util.igraph_tools import community_memberships, memberships_of, path_counts
from ..util.sparse_graph import EdgeGraph, constraint_of, edge_constraint
from ._adjacency import Adjacency, as_adjacency
from .circles import CircleParams, Circles, circles_of, community_options

__all__ = ["Ahead", "Betweenness", "start_ahead", "start_betweenness"]

#: Constraint is counted in this many parts of the tied nodes, each by whichever process is free for it first.
CONSTRAINT_PARTS = 8

#: Betweenness started: call it to wait for the values of every node and the facts of how they were counted.
Betweenness = Callable[[], tuple[np.ndarray, dict[str, Any]]]


@dataclass(frozen=True)
class Ahead:
    """The observed graph and its slowest measures, started (:func:`start_ahead`); calling ``betweenness``,
    ``circles`` or ``constraint`` waits for them (or counts them)."""

    observed: Adjacency
    betweenness: Betweenness
    circles: Callable[[], Circles]
    constraint: Callable[[], np.ndarray]


@dataclass(frozen=True)
class _Paths:
    """How betweenness is counted on ``adj``: from ``sources`` (places among its tied nodes; ``None``: all)."""

    adj: Adjacency
    sources: list[int] | None
    info: dict[str, Any] = field(compare=False)

    @classmethod
    def plan(cls, adj: Adjacency, exact_max: int, samples: int, seed: int) -> _Paths:
        info: dict[str, Any] = {"method": "exact", "engine": "igraph", "seed": seed}
        tied = adj.tied
        if adj.n < 3 or adj.m == 0 or tied.size <= exact_max:
            return cls(adj, None, info)
        k = min(samples, tied.size)
        chosen = np.sort(np.random.default_rng(seed).choice(tied, size=k, replace=False))
        info.update(method="sampled", samples=int(k))
        return cls(adj, np.searchsorted(tied, chosen).tolist(), info)

    def values(self, counts: np.ndarray | None) -> tuple[np.ndarray, dict[str, Any]]:
        """Normalised betweenness of every node from the path ``counts`` of the tied nodes (``None``: no path)."""
        n, tied = self.adj.n, self.adj.tied
        out = np.zeros(n)
        if counts is not None:
            if self.sources is not None:
                counts = counts * (tied.size / len(self.sources))
            out[tied] = counts * 2.0 / ((n - 1) * (n - 2))
        return out, self.info


def start_betweenness(
    graph: Adjacency | nx.Graph, *, exact_max: int = 2000, samples: int = 500, seed: int = 0, background: bool = True
) -> Betweenness:
    """:func:`.bridges.betweenness`, started now and awaited by calling the returned function.

    On a sampled (big) graph with ``background``, igraph counts the paths in another process
    (:func:`netmix.util.background.in_background`) while the caller measures the rest; the
    values are the same as :func:`.bridges.betweenness`'s.

    >>> wait = start_betweenness(nx.path_graph(3))
    >>> wait()[0].tolist()
    [0.0, 1.0, 0.0]
    """
    adj = as_adjacency(graph)
    paths = _Paths.plan(adj, exact_max, samples, seed)
    if adj.n < 3 or adj.m == 0:
        return lambda: paths.values(None)
    # nodes without ties lie on no shortest path: leaving them out changes nothing
    sampled = paths.sources is not None
    later = in_background(path_counts, int(adj.tied.size), adj.tied_ends, paths.sources, sampled, worth_it=background and sampled)
    return lambda: paths.values(later.result())


def start_ahead(observed: Adjacency, *, exact_max: int, samples: int, seed: int) -> Ahead:
    """Start betweenness (:func:`start_betweenness`), the circles' partitions (:func:`.circles.community_options`)
    and constraint (:func:`.bridges.constraint`) of the ``observed`` graph: in one other process when betweenness
    is sampled, else here, when each is asked for.

    >>> wait = start_ahead(as_adjacency(nx.complete_graph(4)), exact_max=2000, samples=500, seed=0)
    >>> wait.betweenness()[0].tolist(), [m.tolist() for m in wait.circles().members], wait.constraint().round(3).tolist()
    ([0.0, 0.0, 0.0, 0.0], [[0, 1, 2, 3]], [0.926, 0.926, 0.926, 0.926])
    """
    paths = _Paths.plan(observed, exact_max, samples, seed)
    if paths.sources is None:
        return Ahead(
            observed,
            start_betweenness(observed, exact_max=exact_max, samples=samples, seed=seed, background=False),
            lambda: circles_of(observed, seed=seed),
            lambda: constraint_of(observed.weighted),
        )
    options = community_options(observed, seed, CircleParams())
    # the Leiden CPM partitions (each seeded afresh) are found here; the Louvain levels where there is room first
    levels, cpm = options | {"cpm_resolutions": ()}, options | {"infomap_trials": 0, "resolutions": ()}
    tied, ends = int(observed.tied.size), observed.tied_ends
    graph = EdgeGraph(tied, ends, observed.weight)
    parts = np.linspace(0, tied, CONSTRAINT_PARTS + 1).astype(int)
    slow = in_turn([
        (path_counts, (tied, ends, paths.sources, True)),
        (memberships_of, (tied, ends, observed.weight, levels)),
        *((edge_constraint, (graph, int(a), int(b))) for a, b in itertools.pairwise(parts)),
    ])  # fmt: skip

    last_parts = range(1 + CONSTRAINT_PARTS, 1, -1)  # the other process takes them first to last, this one last to first

    def circles() -> Circles:
        last = community_memberships(observed.tied_igraph, **cpm)
        # while the other process finds the Louvain levels, this one counts the parts of constraint it has not started
        first = slow.get(1, here=lambda: community_memberships(observed.tied_igraph, **levels), meanwhile=last_parts)
        return circles_of(observed, seed=seed, memberships=first + last)

    def constraint() -> np.ndarray:
        last_first = [slow.get(i) for i in last_parts]
        out = np.full(observed.n, np.nan)
        out[observed.tied] = np.concatenate(last_first[::-1])
        return out

    return Ahead(observed, lambda: paths.values(slow.get(0)), functools.cache(circles), constraint)
