"""Circles: overlapping groups found in the observed ties, organised by containment.

A person's circles overlap — a colleague is also in the sports club — while clusters give every
person exactly one group. Circles are the richer layer on top of the partition (which stays for
colours and the map's areas); they are found as follows (:func:`find_circles`):

1. **Candidates** from cheap, well-kept community methods on the tied persons, each run on the
   whole graph and all kept, so a person can sit in several candidates: Infomap (Rosvall &
   Bergstrom 2008, *PNAS* 105:1118; ``infomap_trials`` trials, on graphs of at most
   ``infomap_max_ties`` ties: beyond, one trial costs seconds) and Louvain (Blondel et al. 2008,
   *J. Stat. Mech.* P10008) at each of ``resolutions`` (γ < 1: broad circles, γ = 1: modularity),
   every level of its hierarchy (``louvain_levels``: the groups it merges level after level are
   circles inside circles), then Leiden with the Constant Potts Model (Traag et al. 2011,
   *Phys. Rev. E* 84:016114) at each of ``cpm_resolutions`` (groups whose tie density is above
   that value; unlike modularity, no resolution limit on a large graph). All are igraph's,
   weighted by tie weight, seeded through igraph's random number generator (Infomap and Louvain
   share one stream; each Leiden run starts afresh from the seed, so adding it leaves the others'
   groups unchanged).
2. **Tiny ones dropped**: fewer than ``min_size`` persons.
3. **Extended**: a person outside a candidate joins it when tied to at least ``extend_share``
   of its members, or when at least ``own_share`` of the person's own ties (and at least
   ``own_min`` ties) go into it — a partition puts a person who belongs to two groups in one of
   them only; this gives it back to the other. The first rule is the classic fitness step of
   local overlapping methods; it can never admit anyone to a large circle (a colleague who is
   also a school friend knows 7 of the 30 people of the office, not 18), hence the second, seen
   from the person: a circle that holds a quarter of someone's ties is one of their circles.
4. **Near-duplicates merged**: candidates are taken largest first; one whose Jaccard index with
   an already kept circle is at least ``merge_jaccard``, or that differs from it by one person
   only, is the same circle and is dropped.
5. **Hierarchy**: the parent of a circle is the smallest larger circle holding at least
   ``contain_share`` of its members (ties: the smaller circle number).

On the SNAP ego-Facebook circles drawn by 10 people (``benchmarks/snap_validation.py``, parameters
chosen on egos 0, 348 and 686 only, by one search over every combination), circles reach a mean
best-match F1 of 0.475 and a symmetric F1 of 0.501 against 0.357 and 0.468 for plain Louvain
(held-out 7 egos: 0.448 / 0.485 against 0.341 / 0.476). The margin is thin: with seeds 1 and 2,
0.462 / 0.495 and 0.468 / 0.488 (Louvain 0.358 / 0.472 and 0.355 / 0.464). Settings that pass 0.50
at every seed exist, but they keep near-duplicate circles (which lifts the reverse direction of
the symmetric F1 without finding anything new) and drop the person-centred joining rule, which
is what recovers the overlap the samples plant (colleagues who are also school friends; the
circle-centred rule alone misses it). F1 alone rewards piling up candidates, so
the symmetric F1 is reported beside it. Adding groups of shared profile features (employer,
school, location; also split into their tie-connected parts, or kept only when dense) or
weighting ties by shared features moved F1 and symmetric F1 along the same trade-off as more
tie candidates do (F1 up, symmetric F1 down on the tuning egos), so circles rest on ties only.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ..util.igraph_tools import community_memberships, load_igraph
from ._adjacency import Adjacency, as_adjacency

__all__ = ["CircleParams", "Circles", "circle_params", "circles_of", "community_options", "find_circles"]


@dataclass(frozen=True)
class CircleParams:
    """How circles are found (module docstring); defaults chosen on SNAP egos 0, 348 and 686 only."""

    infomap_trials: int = 5
    infomap_max_ties: int = 100_000
    resolutions: tuple[float, ...] = (0.25, 0.5, 1.0)
    louvain_levels: bool = True
    merge_jaccard: float = 0.95
    min_size: int = 3
    contain_share: float = 0.9
    extend_share: float | None = 0.6
    own_share: float | None = 0.35
    own_min: int = 5
    cpm_resolutions: tuple[float, ...] = (0.03,)


@dataclass(frozen=True)
class Circles:
    """Circles over the nodes of an :class:`~._adjacency.Adjacency`.

    ``members[i]``: sorted node indices of circle ``i``; circles are numbered by size (descending),
    then by their sorted members. ``parent[i]``: the index of the parent circle, ``-1`` for none.
    """

    members: tuple[np.ndarray, ...]
    parent: np.ndarray

    def __len__(self) -> int:
        return len(self.members)


def community_options(adj: Adjacency, seed: int, params: CircleParams) -> dict[str, Any]:
    """The arguments of :func:`~netmix.util.igraph_tools.community_memberships` that make the candidates of the
    circles of ``adj`` (module docstring, step 1)."""
    return {
        "seed": seed,
        "infomap_trials": params.infomap_trials if adj.m <= params.infomap_max_ties else 0,
        "resolutions": params.resolutions,
        "louvain_levels": params.louvain_levels,
        "cpm_resolutions": params.cpm_resolutions,
    }


def _groups(adj: Adjacency, membership: Any) -> list[np.ndarray]:
    """The groups of one partition of the tied nodes, as sorted node indices of ``adj``."""
    mem = np.asarray(membership, dtype=np.int64)
    order = np.argsort(mem, kind="stable")
    bounds = np.flatnonzero(np.diff(mem[order])) + 1
    return [adj.tied[np.sort(rows)] for rows in np.split(order, bounds)]


def _extend(adj: Adjacency, candidates: list[np.ndarray], params: CircleParams) -> list[np.ndarray]:
    """Each candidate with the outsiders added that are tied to at least ``extend_share`` of its
    members, or that have at least ``own_share`` of their own ties (and ``own_min`` ties) in it."""
    share, own = params.extend_share, params.own_share
    if (share is None and own is None) or not candidates:
        return candidates
    sizes = np.array([c.size for c in candidates], dtype=np.int64)
    rows = np.concatenate(candidates)
    cols = np.repeat(np.arange(len(candidates)), sizes)
    member = sp.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(adj.n, len(candidates)))
    ties = (adj.binary @ member).tocoo()
    join = np.zeros(ties.data.size, dtype=bool)
    if share is not None:
        join |= ties.data >= share * sizes[ties.col]
    if own is not None:
        join |= (ties.data >= own * adj.degree[ties.row]) & (ties.data >= params.own_min)
    node = np.concatenate([rows, ties.row[join]])
    circle = np.concatenate([cols, ties.col[join]])
    order = np.lexsort((node, circle))
    node, circle = node[order], circle[order]
    keep = np.ones(node.size, dtype=bool)
    keep[1:] = (node[1:] != node[:-1]) | (circle[1:] != circle[:-1])
    bounds = np.searchsorted(circle[keep], np.arange(1, len(candidates)))
    return [part.astype(np.int64) for part in np.split(node[keep], bounds)]


def _merge(candidates: list[np.ndarray], params: CircleParams) -> list[np.ndarray]:
    """Near-duplicates of a larger candidate dropped; sorted by size, then members."""
    kept: list[np.ndarray] = []
    kept_sets: list[frozenset[int]] = []
    big = sorted(candidates, key=lambda c: (-c.size, c.tolist()))
    for c in big:
        s = frozenset(c.tolist())
        if any(_same(s, k, params.merge_jaccard) for k in kept_sets):
            continue
        kept.append(c)
        kept_sets.append(s)
    return kept


def _same(a: frozenset[int], b: frozenset[int], jaccard: float) -> bool:
    """Near-duplicates: a Jaccard index of at least ``jaccard``, or one person of difference.

    >>> _same(frozenset(range(10)), frozenset(range(11)), 0.95), _same(frozenset(range(5)), frozenset(range(10)), 0.8)
    (True, False)
    """
    small, large = sorted((len(a), len(b)))
    if small < jaccard * large and large - small > 1:  # the sizes alone tell them apart (inter <= small, union >= large)
        return False
    inter, union = len(a & b), len(a | b)
    return inter >= jaccard * union or union - inter <= 1


def _parents(members: list[np.ndarray], share: float) -> np.ndarray:
    """The parent of each circle: the smallest larger circle holding ``share`` of its members."""
    sets = [frozenset(m.tolist()) for m in members]
    parent = np.full(len(sets), -1, dtype=np.int64)
    for i, s in enumerate(sets):
        best = -1
        for j in range(i - 1, -1, -1):  # larger or equal circles come first
            holds = len(sets[j]) > len(s) and len(s & sets[j]) >= share * len(s)
            if holds and (best < 0 or len(sets[j]) < len(sets[best])):
                best = j
        parent[i] = best
    return parent


def circle_params(params: CircleParams | None = None) -> dict[str, Any]:
    """The circle method and parameters, for ``run.json``."""
    ig = load_igraph()
    p = params or CircleParams()
    return {
        "engine": f"igraph {ig.__version__}",
        "method": (
            "Infomap + Louvain (every level) + Leiden CPM candidates, extended,"
            " near-duplicates merged, tiny dropped, containment hierarchy"
        ),
        "infomap_trials": p.infomap_trials,
        "infomap_max_ties": p.infomap_max_ties,
        "resolutions": list(p.resolutions),
        "louvain_levels": p.louvain_levels,
        "merge_jaccard": p.merge_jaccard,
        "min_size": p.min_size,
        "contain_share": p.contain_share,
        "extend_share": p.extend_share,
        "own_share": p.own_share,
        "own_min": p.own_min,
        "cpm_resolutions": list(p.cpm_resolutions),
        "ties": "observed",
    }


def circles_of(
    graph: Adjacency | nx.Graph,
    *,
    seed: int = 0,
    params: CircleParams | None = None,
    memberships: list[list[int]] | None = None,
) -> Circles:
    """The circles of a graph as node indices (:class:`Circles`); see :func:`find_circles`. ``memberships``: the
    partitions :func:`community_options` asks for (same graph, seed and parameters), when counted elsewhere
    (:mod:`.ahead`)."""
    adj = as_adjacency(graph)
    params = params or CircleParams()
    if memberships is None:
        memberships = community_memberships(adj.tied_igraph, **community_options(adj, seed, params)) if adj.tied.size else []
    candidates = [c for m in memberships for c in _groups(adj, m) if c.size >= params.min_size]
    members = _merge(_extend(adj, candidates, params), params)
    return Circles(tuple(members), _parents(members, params.contain_share))


def find_circles(graph: nx.Graph, *, seed: int = 0) -> list[set[Hashable]]:
    """Overlapping circles of a graph, found in its ties (module docstring).

    Parameters
    ----------
    graph : networkx.Graph
        Undirected; the edge attribute ``weight`` is used when present (default 1).
    seed : int
        Seeds the community methods: the same graph and seed give the same circles.

    Returns
    -------
    list of set
        The circles as sets of nodes, largest first (then by sorted members); a node may be in
        several circles, or in none (no ties, or only in groups smaller than 3).

    Examples
    --------
    Two cliques of five sharing two persons, ``x`` and ``y``, each in both circles:

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> for group in (["a1", "a2", "a3", "x", "y"], ["b1", "b2", "b3", "x", "y"]):
    ...     g.add_edges_from((u, v) for u in group for v in group if u < v)
    >>> [sorted(c) for c in find_circles(g)]
    [['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'x', 'y'], ['a1', 'a2', 'a3', 'x', 'y'], ['b1', 'b2', 'b3', 'x', 'y']]
    """
    adj = as_adjacency(graph)
    found = circles_of(adj, seed=seed)
    return [{adj.nodes[i] for i in m.tolist()} for m in found.members]
