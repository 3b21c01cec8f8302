"""Bridges: who links parts of the network that would otherwise be apart.

All measures are vectorised (scipy sparse products by row chunks, igraph in C) so they run on
40,000 persons and 500,000 ties; each is tested against networkx on small graphs.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..util.arrays import mid_rank
from ..util.sparse_graph import ROWS, constraint_of, tie_shares
from ._adjacency import Adjacency, as_adjacency, masked_product_rowsums
from .ahead import start_betweenness

#: Order of bridge kinds in the ranked table (personal ↔ professional bridges first).
BRIDGE_KINDS: tuple[str, ...] = ("personal-professional", "between clusters")


def betweenness(
    graph: Adjacency | nx.Graph,
    *,
    exact_max: int = 2000,
    samples: int = 500,
    seed: int = 0,
) -> tuple[np.ndarray, dict[str, Any]]:
    """Shortest-path betweenness centrality, exact on small graphs and sampled on big ones.

    Definition (Freeman 1977; algorithm: Brandes 2001, *J. Math. Sociol.* 25:163): the sum over
    pairs ``s ≠ t ≠ v`` of the share of shortest ``s``–``t`` paths through ``v``; paths are
    counted in hops (ties unweighted). Normalised like ``networkx.betweenness_centrality``
    (``normalized=True``): divided by ``(n-1)(n-2)/2`` with ``n`` the number of nodes.

    When more than ``exact_max`` nodes have ties, ``samples`` source nodes (drawn among nodes
    with ties with ``numpy.random.default_rng(seed)``) are used and the sums scaled by
    ``n_tied / samples`` (Brandes & Pich 2007, *Int. J. Bifurcation and Chaos* 17:2303) —
    the estimator ``networkx.betweenness_centrality(k=...)`` also uses.

    Returns
    -------
    values : numpy.ndarray
        Betweenness of every node, in node order.
    info : dict
        ``{"method": "exact" | "sampled", "engine": "igraph", "samples": k, "seed": seed}``.

    Examples
    --------
    >>> import networkx as nx
    >>> b, info = betweenness(nx.path_graph(3))
    >>> b.tolist(), info["method"]
    ([0.0, 1.0, 0.0], 'exact')
    """
    return start_betweenness(graph, exact_max=exact_max, samples=samples, seed=seed, background=False)()


def constraint(graph: Adjacency | nx.Graph, *, chunk: int = ROWS) -> np.ndarray:
    """Burt's constraint of every node.

    Definition (Burt 1992, *Structural Holes*, p. 54–55; as ``networkx.constraint``):
    ``C_i = Σ_{j∈N(i)} (p_ij + Σ_{q≠i,j} p_iq p_qj)²`` with ``p_ij = w_ij / Σ_k w_ik``.
    Low constraint = a node whose contacts are not tied to each other (a broker).
    Isolated nodes get NaN (as in networkx).

    Computed as the row sums of ``(P + (P @ P) ∘ A)²`` over the edges, by row chunks
    (:func:`netmix.util.sparse_graph.constraint_of`).

    Examples
    --------
    >>> import networkx as nx
    >>> constraint(nx.star_graph(2)).round(3).tolist()
    [0.5, 1.0, 1.0]
    """
    return constraint_of(as_adjacency(graph).weighted, chunk=chunk)


def effective_size(graph: Adjacency | nx.Graph, *, triangles: np.ndarray | None = None, chunk: int = ROWS) -> np.ndarray:
    """Burt's effective size of every node.

    Definition (Burt 1992, p. 52–53; as ``networkx.effective_size``):
    ``E_i = Σ_{j∈N(i)} (1 − Σ_{q≠i,j} p_iq m_jq)`` with ``p_iq = w_iq / Σ_k w_ik`` and
    ``m_jq = w_jq / max_k w_jk``. Unweighted this is Borgatti's ``n − 2t/n`` (``t`` ties among
    the ``n`` neighbours), computed so when every tie has the same weight, from ``triangles`` (the
    ``t`` of every node) when given — :func:`.roles.brokerage` counts them: ``C(degree, 2) − total``
    — else from igraph's count; the general product walks every path of two ties. Isolated nodes
    get NaN (as in networkx).

    Examples
    --------
    >>> import networkx as nx
    >>> effective_size(nx.complete_graph(3)).tolist()
    [1.0, 1.0, 1.0]
    """
    adj = as_adjacency(graph)
    if adj.m and np.all(adj.weight == adj.weight[0]):
        return _unweighted_effective_size(adj, triangles)
    p = tie_shares(adj.weighted)
    w = adj.weighted
    rowmax = np.asarray(w.max(axis=1).todense()).ravel() if adj.n else np.zeros(0)
    inv = np.divide(1.0, rowmax, out=np.zeros_like(rowmax), where=rowmax > 0)
    m_t = (sp.diags(inv) @ w).T.tocsr()  # (M^T)_qj = m_jq
    redundancy = masked_product_rowsums(p, m_t, adj.binary, chunk=chunk)
    out = adj.degree.astype(float) - redundancy
    out[adj.degree == 0] = np.nan
    return out


def _unweighted_effective_size(adj: Adjacency, counted: np.ndarray | None) -> np.ndarray:
    """Borgatti's ``n − 2t/n`` of every node (``t``: triangles through it, ``counted`` or igraph's); NaN for isolated
    nodes."""
    degree = adj.degree[adj.tied].astype(float)
    if counted is not None:
        triangles = np.asarray(counted, dtype=float)[adj.tied]
    else:
        local = np.asarray(adj.tied_igraph.transitivity_local_undirected(mode="zero"), dtype=float)
        triangles = np.rint(local * degree * (degree - 1) / 2)  # igraph gives t / C(n, 2)
    out = np.full(adj.n, np.nan)
    out[adj.tied] = degree - 2 * triangles / degree
    return out


def articulation_points(graph: Adjacency | nx.Graph) -> np.ndarray:
    """Boolean array: nodes whose removal disconnects their component (cut vertices).

    Definition: Hopcroft & Tarjan 1973 (*CACM* 16:372); computed by igraph, same set as
    ``networkx.articulation_points``.

    Examples
    --------
    >>> import networkx as nx
    >>> articulation_points(nx.path_graph(4)).tolist()
    [False, True, True, False]
    """
    adj = as_adjacency(graph)
    out = np.zeros(adj.n, dtype=bool)
    if adj.m:
        out[adj.tied[np.asarray(adj.tied_igraph.articulation_points(), dtype=np.int64)]] = True
    return out


def participation(graph: Adjacency | nx.Graph, membership: np.ndarray) -> np.ndarray:
    """Participation coefficient of every node across clusters.

    Definition (Guimerà & Amaral 2005, *Nature* 433:895, eq. 2): ``P_i = 1 − Σ_s (k_is / k_i)²``
    with ``k_i`` the degree (tie count) and ``k_is`` the ties to cluster ``s``. 0 = all ties in
    one cluster; close to 1 = ties spread evenly over many clusters. A neighbour without a
    cluster (``membership < 0``) counts as a cluster of its own. Isolated nodes get 0.

    Examples
    --------
    >>> import networkx as nx, numpy as np
    >>> participation(nx.path_graph(3), np.array([0, 0, 1])).tolist()
    [0.0, 0.5, 0.0]
    """
    adj = as_adjacency(graph)
    mem = np.asarray(membership, dtype=np.int64).copy()
    if mem.shape != (adj.n,):
        raise ValueError("membership must give one cluster per node")
    lone = mem < 0
    mem[lone] = mem.max(initial=-1) + 1 + np.arange(int(lone.sum()))
    _, codes = np.unique(mem, return_inverse=True)
    onehot = sp.csr_matrix((np.ones(adj.n), (np.arange(adj.n), codes)), shape=(adj.n, int(codes.max(initial=-1)) + 1))
    k_is = (adj.binary @ onehot).tocsr()
    k = adj.degree.astype(float)
    sq = k_is.multiply(k_is)
    sums = np.asarray(sq.sum(axis=1)).ravel()
    out = np.zeros(adj.n)
    has = k > 0
    out[has] = 1.0 - sums[has] / k[has] ** 2
    return out


def percentile_rank(values: np.ndarray) -> np.ndarray:
    """Share of values strictly below each value, plus half the ties (mid-rank), in [0, 1); 0 stays 0.

    Examples
    --------
    >>> import numpy as np
    >>> percentile_rank(np.array([0.0, 2.0, 1.0, 2.0])).round(3).tolist()
    [0.0, 0.833, 0.333, 0.833]
    """
    v = np.asarray(values, dtype=float)
    if v.size == 0:
        return v
    order = np.sort(v)
    out = mid_rank(np.searchsorted(order, v, side="left"), np.searchsorted(order, v, side="right"), v.size)
    out[v <= 0] = 0.0
    return out


def world_sides(graph: Adjacency | nx.Graph, sphere: np.ndarray, fallback: np.ndarray, *, majority: float = 2 / 3) -> np.ndarray:
    """The world (``personal``, ``professional`` or ``""``) each person counts for as someone's tie.

    A contact of one sphere's accounts only is in that world. A person of both worlds or a
    non-contact is placed by its own ties: in the world holding at least ``majority`` of its
    neighbours that are in one world only (a colleague-turned-friend tied to colleagues is
    professional), in neither when they are mixed (such a person bridges the worlds itself: a
    tie to it reaches both), and on ``fallback`` (its cluster's side,
    :func:`netmix.analysis.clusters.sphere_sides`) when it has no such neighbour. Unlike the
    cluster's side alone, this does not put a colleague-turned-friend on the personal side
    because community detection joined the office with a circle of friends.

    Examples
    --------
    >>> import networkx as nx, numpy as np
    >>> g = nx.Graph([(0, 1), (0, 2), (0, 3), (3, 4), (3, 5), (6, 7)])
    >>> sphere = np.array(["both", "professional", "professional", "both", "personal", "professional", "", "both"])
    >>> world_sides(g, sphere, np.array(["personal"] * 8)).tolist()
    ['professional', 'professional', 'professional', '', 'personal', 'professional', 'personal', 'personal']
    """
    adj = as_adjacency(graph)
    sphere = np.asarray(sphere, dtype=object)
    p = adj.binary @ (sphere == "personal").astype(float)
    q = adj.binary @ (sphere == "professional").astype(float)
    k = p + q
    out = np.asarray(fallback, dtype=object).copy()
    out[k > 0] = ""
    out[(k > 0) & (p >= majority * k)] = "personal"
    out[(k > 0) & (q >= majority * k)] = "professional"
    own = np.isin(sphere, ["personal", "professional"])
    out[own] = sphere[own]
    return out


def sphere_participation(personal_ties: np.ndarray, professional_ties: np.ndarray) -> np.ndarray:
    """How evenly a person's ties split between the personal and the professional side, in [0, 1].

    Definition: the index of qualitative variation of the neighbours' sides (Mueller & Schuessler
    1961; Agresti & Agresti 1978, *Sociological Methodology* 9:204), ``IQV = K/(K−1) · (1 − Σ_s
    (k_s/k)²)`` over the ``K = 2`` sides, i.e. ``4 p q / (p + q)²`` with ``p`` ties to persons on the
    personal side and ``q`` to persons on the professional side (neighbours on no side left out).
    It is Guimerà & Amaral's participation coefficient (2005) taken over the two spheres instead of
    the clusters, divided by its maximum ``1 − 1/K = 1/2``. 0 = every sided tie in one world;
    1 = as many ties in each; 2 of 10 on one side gives 0.64. It does not depend on the clusters, so
    a person whose friends and colleagues fall in one mixed cluster still counts as reaching both.

    Examples
    --------
    >>> import numpy as np
    >>> sphere_participation(np.array([5, 8, 3, 0]), np.array([5, 2, 0, 0])).round(2).tolist()
    [1.0, 0.64, 0.0, 0.0]
    """
    p = np.asarray(personal_ties, dtype=float)
    q = np.asarray(professional_ties, dtype=float)
    k = p + q
    return np.divide(4.0 * p * q, k * k, out=np.zeros_like(k), where=k > 0)


def score_terms(pct_betweenness: Any, participation: Any, constraint: Any, sphere_participation: Any) -> Any:
    """The mean of the four brokerage terms of :func:`bridging_score` (arrays or floats; NaN constraint counts as 1)."""
    c = np.clip(np.nan_to_num(np.asarray(constraint, dtype=float), nan=1.0), 0.0, 1.0)
    terms = np.asarray(pct_betweenness, float) + np.asarray(participation, float) + (1.0 - c)
    return (terms + np.asarray(sphere_participation, float)) / 4.0


def bridging_score(
    betweenness: np.ndarray,
    constraint: np.ndarray,
    participation: np.ndarray,
    degree: np.ndarray,
    sphere_participation: np.ndarray,
) -> np.ndarray:
    """netmix's bridging score in [0, 1]: the mean of four brokerage signals.

    ``score = (pct(betweenness) + participation + (1 − min(constraint, 1)) + sphere_participation) / 4``
    for nodes with at least 2 ties, 0 otherwise (one tie bridges nothing). ``pct`` is the mid-rank
    percentile of betweenness among all nodes (0 for betweenness 0). Each term is a classical
    broker measure: betweenness (Freeman 1977), low constraint (Burt 1992), spread over clusters
    (Guimerà & Amaral 2005) and spread over the ego's two worlds (:func:`sphere_participation`,
    the index of qualitative variation of the neighbours' sides). Averaging their scales gives a
    rank that does not rest on one of them only; the last term is what makes a person whose ties
    reach both worlds a bridge even when the clusters mix the two.

    Examples
    --------
    >>> import numpy as np
    >>> bridging_score(np.array([0.0, 2.0]), np.array([1.0, 0.5]), np.array([0.0, 0.5]), np.array([1, 3]),
    ...                np.array([0.0, 0.75])).round(3).tolist()
    [0.0, 0.688]
    """
    score = np.asarray(score_terms(percentile_rank(betweenness), participation, constraint, sphere_participation), dtype=float)
    score[np.asarray(degree) < 2] = 0.0
    return score


def rank_bridges(metrics: pd.DataFrame, *, min_side_ties: int = 1, top: int | None = 500) -> pd.DataFrame:
    """The ranked bridges table: personal ↔ professional bridges first, then bridges between clusters.

    ``metrics`` needs ``person_id, name, sphere, degree, betweenness, constraint, participation,
    articulation, bridging_score, personal_ties, professional_ties`` (ties to persons on each
    side, :func:`netmix.analysis.clusters.sphere_sides`). A person is a **personal-professional**
    bridge when it has at least ``min_side_ties`` ties to each side; a bridge **between clusters**
    has participation > 0 or is an articulation point.
    Within a kind: bridging score, then betweenness (descending), then person id. ``rank`` starts
    at 1; only the first ``top`` rows are kept (``None``: all).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"person_id": ["a", "b"], "name": ["A", "B"], "degree": [3, 2], "betweenness": [4.0, 0.0],
    ...                   "constraint": [0.4, 1.0], "participation": [0.4, 0.0], "articulation": [1, 0],
    ...                   "bridging_score": [0.8, 0.1], "personal_ties": [2, 2], "professional_ties": [1, 0]})
    >>> rank_bridges(m)[["person_id", "rank", "bridge_kind"]].values.tolist()
    [['a', 1, 'personal-professional']]
    """
    df = metrics.copy()
    sphere_bridge = (df["personal_ties"] >= min_side_ties) & (df["professional_ties"] >= min_side_ties) & (df["degree"] >= 2)
    between = (df["degree"] >= 2) & ((df["participation"] > 0) | df["articulation"].astype(bool))
    df["bridge_kind"] = np.where(sphere_bridge, BRIDGE_KINDS[0], np.where(between, BRIDGE_KINDS[1], ""))
    df = df[df["bridge_kind"] != ""].copy()
    df["_k"] = df["bridge_kind"].map({k: i for i, k in enumerate(BRIDGE_KINDS)})
    df = df.sort_values(
        ["_k", "bridging_score", "betweenness", "person_id"], ascending=[True, False, False, True], kind="mergesort"
    ).drop(columns="_k")
    if top is not None:
        df = df.head(top)
    df["rank"] = np.arange(1, len(df) + 1, dtype=np.int64)
    first = ["person_id", "name", "rank"]
    return df[first + [c for c in df.columns if c not in first]].reset_index(drop=True)



__all__ = [
    "betweenness",
    "constraint",
    "effective_size",
    "articulation_points",
    "participation",
    "sphere_participation",
    "world_sides",
    "percentile_rank",
    "score_terms",
    "bridging_score",
    "rank_bridges",
    "BRIDGE_KINDS",
]
