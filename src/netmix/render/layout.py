"""A seeded, precomputed layout that keeps clusters apart, computed once per run.

Clusters are laid out one by one and scaled to a disc whose area grows with the cluster size;
the discs are packed around the centre, largest first, along a spiral, without overlap. The
browser then only draws: no physics, so a 5,000-node map is interactive at once.

Inside a cluster, members are placed by igraph's Fruchterman-Reingold from a seeded start (the
grid variant for large clusters) while the whole drawing stays under :data:`WORK_BUDGET` force
evaluations (about a second). Beyond — tens of thousands of persons, where the map shows
clusters rather than persons — each cluster's members fill its disc along a sunflower spiral,
best-connected at the centre: positions derived from the cluster view, in milliseconds, and a
tidy start for Gephi's own layouts.

>>> import networkx as nx
>>> g = nx.Graph([(1, 2), (2, 3)])
>>> pos = layout(g, seed=1)
>>> pos == layout(g, seed=1)
True
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np

from ..util.igraph_tools import igraph_seeded, load_igraph
from .people import View

#: Distance between neighbouring nodes, in drawing units (vis-network pixels at zoom 1).
NODE_SPACING = 28.0
_GAP = 1.5 * NODE_SPACING
#: Force evaluations (iterations × (node pairs or grid cells + edges)) the detailed layout may spend.
WORK_BUDGET = 2.5e8


def _key(node: Hashable) -> tuple[str, str]:
    return (type(node).__name__, str(node))


def cluster_of(graph: Any, node: Hashable) -> str:
    """The cluster name of a node (``""`` when it has none)."""
    value = graph.nodes[node].get("cluster", "")
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _niter(n: int) -> int:
    return 500 if n <= 1000 else (200 if n <= 5000 else 100)


def _work(n: int, m: int) -> float:
    """Force evaluations of one cluster's Fruchterman-Reingold run (grid beyond 1,000 nodes)."""
    pairs = n * n if n <= 1000 else 30 * n
    return _niter(n) * (pairs + m) if m else 0.0


def _sunflower(n: int) -> np.ndarray:
    """``n`` points filling the unit disc evenly (Vogel's spiral), the first at the centre."""
    i = np.arange(n) + 0.5
    r = np.sqrt(i / n)
    theta = i * math.pi * (3 - math.sqrt(5))
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def _force_layout(n: int, edges: np.ndarray, weights: np.ndarray, rng: np.random.Generator, seed: int) -> np.ndarray:
    """Fruchterman-Reingold coordinates of one cluster, pulled into the unit disc."""
    g = load_igraph().Graph(n=n, edges=edges.tolist())
    start = rng.uniform(-1, 1, size=(n, 2)) * math.sqrt(n)
    with igraph_seeded(seed):
        coords = g.layout_fruchterman_reingold(seed=start.tolist(), niter=_niter(n), weights=weights.tolist(), grid="auto")
    xy = np.asarray(coords.coords, dtype=float)
    # components drift apart in FR: pull far outliers in so the disc stays compact
    xy -= np.median(xy, axis=0)
    radius = np.hypot(xy[:, 0], xy[:, 1])
    cap = np.quantile(radius, 0.98) if n > 10 else radius.max()
    if cap > 0:
        far = radius > cap
        xy[far] *= (cap / radius[far])[:, None]
        xy /= cap
    return xy


def _inner(n: int, edges: np.ndarray, weights: np.ndarray, rng: np.random.Generator, seed: int, detailed: bool) -> np.ndarray:
    """Coordinates of one cluster's members (local indices 0..n-1) in the unit disc."""
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    if not len(edges):
        return _sunflower(n)  # no ties inside: fill the disc evenly
    if detailed:
        return _force_layout(n, edges, weights, rng, seed)
    degree = np.bincount(edges.ravel(), minlength=n)
    order = np.lexsort((np.arange(n), -degree))  # best-connected first, i.e. at the centre
    xy = np.empty((n, 2))
    xy[order] = _sunflower(n)
    return xy


def _spiral(r: float, start: float, count: int) -> tuple[np.ndarray, np.ndarray, float]:
    """The next ``count`` points of the packing spiral for a disc of radius ``r``, from angle ``start``."""
    b = (2 * r + _GAP) / (2 * math.pi)  # Archimedean spiral: turns 2r + gap apart
    step = max(r, _GAP) * 0.5
    theta = start
    xs, ys = [], []
    for _ in range(count):
        rad = b * theta
        theta += step / max(rad, step)
        xs.append(rad * math.cos(theta))
        ys.append(rad * math.sin(theta))
    return np.array(xs), np.array(ys), theta


def _pack(radii: Sequence[float]) -> list[tuple[float, float]]:
    """Centres for discs of the given radii (largest first), packed without overlap.

    Each disc walks out along its spiral until it overlaps no placed disc; the walk is checked
    256 steps at a time against every placed disc at once.
    """
    placed = np.zeros((0, 3))
    centres: list[tuple[float, float]] = []
    for r in radii:
        if not len(placed):
            placed = np.array([[0.0, 0.0, r]])
            centres.append((0.0, 0.0))
            continue
        theta = 0.0
        while True:
            xs, ys, theta = _spiral(r, theta, 256)
            px, py, pr = placed[:, 0], placed[:, 1], placed[:, 2]
            free = ((xs[:, None] - px) ** 2 + (ys[:, None] - py) ** 2 >= (r + pr + _GAP) ** 2).all(axis=1)
            if free.any():
                i = int(np.argmax(free))
                x, y = float(xs[i]), float(ys[i])
                break
        placed = np.vstack([placed, [x, y, r]])
        centres.append((x, y))
    return centres


def _cluster_edges(members: np.ndarray, local: np.ndarray, src: np.ndarray, dst: np.ndarray, w: np.ndarray) -> tuple:
    """One cluster's edges as sorted (low, high) local-index pairs with their weights."""
    a, b = local[src], local[dst]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((w, hi, lo))  # the graph's own edge order depends on how it was built
    return np.column_stack([lo[order], hi[order]]), w[order]


def layout_arrays(
    names: Sequence[Hashable], clusters: Sequence[str], src: np.ndarray, dst: np.ndarray, weights: np.ndarray, *, seed: int = 0
) -> np.ndarray:
    """Positions (``n × 2``, y downwards) of nodes given as arrays.

    Parameters
    ----------
    names
        The nodes (their order within a cluster follows ``(type name, str(node))``).
    clusters
        The cluster of each node (``""``: none; the unclustered form one group).
    src, dst, weights
        The edges, as node indices, and their weights.
    seed
        Seeds the start positions and igraph's random generator.

    Examples
    --------
    >>> xy = layout_arrays(["a", "b", "c"], ["", "", ""], np.array([0, 1]), np.array([1, 2]), np.ones(2))
    >>> xy.shape
    (3, 2)
    """
    n = len(names)
    cl = np.asarray(clusters, dtype=object).astype(str) if n else np.array([], dtype=str)
    uniq, codes = np.unique(cl, return_inverse=True) if n else (np.array([], dtype=str), np.array([], dtype=np.int64))
    sizes = np.bincount(codes, minlength=len(uniq))
    order = sorted(range(len(uniq)), key=lambda c: (-int(sizes[c]), str(uniq[c])))
    src, dst, weights = np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64), np.asarray(weights, dtype=float)
    inside = (codes[src] == codes[dst]) & (src != dst) if len(src) else np.zeros(0, dtype=bool)
    e_src, e_dst, e_w = src[inside], dst[inside], weights[inside]
    by = np.argsort(codes[e_src], kind="stable")
    e_src, e_dst, e_w = e_src[by], e_dst[by], e_w[by]
    bounds = np.searchsorted(codes[e_src], np.arange(len(uniq) + 1))
    keys: list[Any] = list(names) if all(type(x) is str for x in names) else [_key(x) for x in names]  # str ids: own order
    detailed = sum(_work(int(sizes[c]), int(bounds[c + 1] - bounds[c])) for c in order) <= WORK_BUDGET
    rng = np.random.default_rng(seed)
    local = np.full(n, -1, dtype=np.int64)
    members_of, inner, radii = [], [], []
    for c in order:
        members = np.array(sorted(np.flatnonzero(codes == c), key=keys.__getitem__), dtype=np.int64)
        local[members] = np.arange(len(members))
        part = slice(bounds[c], bounds[c + 1])
        edges, w = _cluster_edges(members, local, e_src[part], e_dst[part], e_w[part])
        w = np.where(w != 0, w, 1.0)
        r = NODE_SPACING * math.sqrt(len(members)) * 0.75 + NODE_SPACING * 0.5
        inner.append(_inner(len(members), edges, w, rng, seed, detailed) * r)
        members_of.append(members)
        radii.append(r)
    xy = np.zeros((n, 2))
    for members, pts, (cx, cy) in zip(members_of, inner, _pack(radii), strict=True):
        xy[members] = pts + (cx, cy)
    return xy


def graph_arrays(graph: Any) -> tuple[list[Hashable], list[str], np.ndarray, np.ndarray, np.ndarray]:
    """A networkx graph as the arrays :func:`layout_arrays` takes (one pass over the edges)."""
    names = list(graph.nodes)
    index = {v: i for i, v in enumerate(names)}
    clusters = [cluster_of(graph, v) for v in names]
    m = graph.number_of_edges()
    ends = np.fromiter((index[x] for e in graph.edges() for x in e), dtype=np.int64, count=2 * m).reshape(m, 2)
    w = np.fromiter((float(x) if x else 1.0 for _, _, x in graph.edges(data="weight", default=1.0)), dtype=float, count=m)
    return names, clusters, ends[:, 0], ends[:, 1], w


def layout(graph: Any, *, seed: int = 0) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node of ``graph``, clusters apart, deterministic for a seed.

    Parameters
    ----------
    graph
        A networkx graph; the node attribute ``cluster`` groups nodes (missing → one group).
    seed
        Seeds the start positions and igraph's random generator.

    Returns
    -------
    dict
        Each node mapped to ``(x, y)`` (rounded to 0.01, y grows downwards like the screen).
    """
    names, clusters, src, dst, w = graph_arrays(graph)
    xy = layout_arrays(names, clusters, src, dst, w, seed=seed)
    return {v: (round(x, 2), round(y, 2)) for v, (x, y) in zip(names, xy.tolist(), strict=True)}


def layout_view(view: View, *, seed: int = 0) -> dict[Hashable, tuple[float, float]]:
    """:func:`layout` of a view's graph, from the ties it read once (the same positions).

    >>> import networkx as nx
    >>> from netmix.model import Analysis
    >>> from netmix.render.people import build_view
    >>> g = nx.Graph([("p1", "p2"), ("p2", "p3")])
    >>> view = build_view(Analysis(*[None] * 5, overlap={}, summary={}, params={}, graph=g))
    >>> layout_view(view, seed=1) == layout(view.graph, seed=1)
    True
    """
    names = view.persons["person_id"].tolist()
    ties = view.ties
    src, dst, w = (ties[c].to_numpy() for c in ("src", "dst", "weight"))
    xy = layout_arrays(names, view.persons["cluster"].tolist(), src, dst, w, seed=seed)
    return {v: (round(x, 2), round(y, 2)) for v, (x, y) in zip(names, xy.tolist(), strict=True)}


__all__ = ["NODE_SPACING", "WORK_BUDGET", "cluster_of", "graph_arrays", "layout", "layout_arrays", "layout_view"]
