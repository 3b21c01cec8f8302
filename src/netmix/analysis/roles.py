"""Roles: Gould–Fernandez brokerage roles across spheres, and ego roles (insider, connector, …).

**Brokerage** (Gould & Fernandez 1989, "Structures of mediation", *Sociological Methodology*
19:89–126). A broker ``v`` mediates a pair of its neighbours ``a``, ``b`` that are not tied to each
other (the open two-path ``a – v – b``). With a group for each node (here the sphere:
``personal``, ``professional``, ``both``, and ``none`` for non-contacts), the directed roles are:

===============  =======================  =========================
role             groups (a → v → b)       undirected count (here)
===============  =======================  =========================
coordinator      a, v, b all in one group same
itinerant        a, b in one group,       same (also called *consultant*)
                 v in another
representative   v with a, b elsewhere    } collapse into **gatekeeper**: v shares
gatekeeper       v with b, a elsewhere    } its group with exactly one end
liaison          a, v, b in three groups  same
===============  =======================  =========================

In an undirected graph ``a – v – b`` and ``b – v – a`` are one path, so representative and
gatekeeper cannot be told apart: netmix reports their sum as ``gatekeeper`` and counts every
unordered open pair once. Counting is vectorised: per node, all neighbour pairs by group pair
(from neighbour counts per group), minus the tied pairs (triangles by group pair, each found
once, from sparse products by row chunks) — no Python loop over neighbour pairs.

**Ego roles**, in the spirit of Wolfram|Alpha's Personal Analytics for Facebook (2012), with
exact definitions (first match wins, in this order):

- ``outsider``: degree ≤ ``outsider_max_degree``;
- ``connector``: betweenness > 0 and among the top ``connector_top`` share of persons by
  betweenness (ties broken by person order);
- ``gateway``: neighbours in ≥ 2 clusters and (an articulation point, or participation ≥
  ``gateway_participation``);
- ``insider``: ≥ ``insider_share`` of its ties inside its own cluster and degree ≥ the median
  degree of the persons with ties;
- ``neighbour``: every other person with ties.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..util.arrays import filled
from ..util.sparse_graph import ROWS, row_chunks
from ._adjacency import Adjacency, as_adjacency

__all__ = ["BROKERAGE_ROLES", "EGO_ROLES", "brokerage", "dominant_role", "ego_roles"]

BROKERAGE_ROLES: tuple[str, ...] = ("coordinator", "itinerant", "gatekeeper", "liaison")
EGO_ROLES: tuple[str, ...] = ("insider", "outsider", "connector", "gateway", "neighbour")


def brokerage(graph: Adjacency | nx.Graph, groups: Sequence[str] | np.ndarray, *, chunk: int = ROWS) -> pd.DataFrame:
    """Gould–Fernandez brokerage counts of every node (undirected; see the module docstring).

    Parameters
    ----------
    graph : Adjacency or networkx.Graph
        An undirected graph.
    groups : sequence of str
        A group label per node, in node order (sorted node ids).

    Returns
    -------
    pandas.DataFrame
        In node order, integer columns ``coordinator, itinerant, gatekeeper, liaison, total``
        (``total`` = open neighbour pairs = ``C(degree, 2)`` − triangles).

    Examples
    --------
    >>> import networkx as nx
    >>> brokerage(nx.path_graph(3), ["x", "y", "x"]).loc[1].tolist()
    [0, 1, 0, 0, 1]
    """
    adj = as_adjacency(graph)
    labels, codes = np.unique(np.asarray(list(groups), dtype=object).astype(str), return_inverse=True)
    if codes.size != adj.n:
        raise ValueError("groups must give one group per node")
    n, k = adj.n, len(labels)
    onehot = sp.csr_matrix((np.ones(n), (np.arange(n), codes)), shape=(n, max(k, 1)))
    nbr = np.asarray((adj.binary @ onehot).todense()) if n else np.zeros((0, k))  # neighbours per group
    tri = _tied_pairs(adj.binary, codes, onehot, chunk)
    out = {r: np.zeros(n) for r in BROKERAGE_ROLES}
    own = codes
    for g in range(k):
        for h in range(g, k):
            if g == h:
                open_ = nbr[:, g] * (nbr[:, g] - 1) / 2 - tri[:, g, g] / 2
                out["coordinator"] += np.where(own == g, open_, 0)
                out["itinerant"] += np.where(own != g, open_, 0)
            else:
                open_ = nbr[:, g] * nbr[:, h] - tri[:, g, h]
                one = (own == g) | (own == h)
                out["gatekeeper"] += np.where(one, open_, 0)
                out["liaison"] += np.where(one, 0, open_)
    df = pd.DataFrame({r: np.rint(v).astype(np.int64) for r, v in out.items()})
    df["total"] = df[list(BROKERAGE_ROLES)].sum(axis=1)
    return df


def _tied_pairs(b: sp.csr_matrix, codes: np.ndarray, onehot: sp.csr_matrix, chunk: int) -> np.ndarray:
    """``tri[v, g, h]``: the ordered pairs of tied neighbours of ``v``, the first in group ``g`` and the second in ``h``.

    Every triangle is found once, from its node of fewest ties (Schank & Wagner 2005, "Finding,
    counting and listing all triangles in large graphs", *WEA*): each tie points from the node of
    lower degree to the other (``up``), so that only two-paths that go "up" are walked — half of
    all neighbour pairs' on the large scenario. A triangle ``x → y → z`` (with ``x → z``) is
    counted for ``x`` and ``z`` from the paths through ``y`` (``up·up``), and for ``y`` from the
    pairs ``x → y``, ``x → z`` (``upᵀ·up``).
    """
    n, k = onehot.shape
    tri = np.zeros((n, k, k))
    if not b.nnz:
        return tri
    order = np.argsort(np.diff(b.indptr), kind="stable")  # in degree order (nearby rows: a quarter faster)
    up = sp.triu(b[order][:, order], k=1, format="csr")
    down = up.T.tocsr()
    codes, onehot = codes[order], onehot[order]
    for g in range(k):
        in_g = sp.diags((codes == g).astype(float))
        through, from_low = up @ in_g, down @ in_g  # two-paths whose middle (or lowest) node is in g
        counts = np.zeros((n, k))
        ends = []
        for s, e in row_chunks(n, chunk):
            ends.append((through[s:e] @ up).multiply(up[s:e]).tocsr())  # [x, z]: middles y in g
            mids = (from_low[s:e] @ up).multiply(up[s:e]).tocsr()  # [y, z]: lowest x in g
            counts[s:e] = (ends[-1] @ onehot).toarray() + (mids @ onehot).toarray()
        counts += (sp.vstack(ends, format="csr").T @ onehot).toarray()
        tri[order, g, :] += counts
        tri[order, :, g] += counts
    return tri


def dominant_role(counts: pd.DataFrame) -> np.ndarray:
    """The brokerage role with the largest count per node (first in ``BROKERAGE_ROLES`` on ties), ``""`` when none.

    Examples
    --------
    >>> import pandas as pd
    >>> dominant_role(pd.DataFrame({"coordinator": [0, 2], "itinerant": [0, 3], "gatekeeper": 0, "liaison": 0})).tolist()
    ['', 'itinerant']
    """
    vals = counts[list(BROKERAGE_ROLES)].to_numpy()
    best = np.array(BROKERAGE_ROLES, dtype=object)[vals.argmax(axis=1)] if len(vals) else np.array([], dtype=object)
    return np.where(vals.max(axis=1, initial=0) > 0, best, "") if len(vals) else best


def ego_roles(
    graph: Adjacency | nx.Graph,
    membership: np.ndarray,
    *,
    betweenness: np.ndarray,
    participation: np.ndarray,
    articulation: np.ndarray,
    eligible: np.ndarray | None = None,
    insider_share: float = 0.8,
    connector_top: float = 0.05,
    gateway_participation: float = 0.5,
    outsider_max_degree: int = 1,
) -> np.ndarray:
    """The ego role of every node (module docstring), ``""`` where ``eligible`` is false.

    ``membership``: cluster code per node (``-1``: no cluster). ``eligible`` (default all): the
    nodes that get a role — netmix gives roles to the ego's contacts only; the median degree and
    the top-betweenness share are taken over eligible nodes with ties.

    Examples
    --------
    >>> import networkx as nx, numpy as np
    >>> from netmix.analysis.bridges import articulation_points, betweenness, participation
    >>> g, two = nx.barbell_graph(3, 0), np.array([0, 0, 0, 1, 1, 1])
    >>> roles = ego_roles(g, two, betweenness=betweenness(g)[0], participation=participation(g, two),
    ...                   articulation=articulation_points(g))
    >>> roles.tolist()
    ['insider', 'insider', 'connector', 'gateway', 'insider', 'insider']
    """
    adj = as_adjacency(graph)
    n = adj.n
    deg = adj.degree
    mem = np.asarray(membership, dtype=np.int64)
    elig = np.ones(n, bool) if eligible is None else np.asarray(eligible, bool)
    bet = np.asarray(betweenness, float)
    # ties inside the own cluster
    same = (mem[adj.src] == mem[adj.dst]) & (mem[adj.src] >= 0)
    inside = np.bincount(np.concatenate([adj.src[same], adj.dst[same]]), minlength=n)
    n_clusters = _neighbour_clusters(adj, mem)
    pool = np.flatnonzero(elig & (deg > 0))
    median = float(np.median(deg[pool])) if pool.size else 0.0
    connector = np.zeros(n, bool)
    if pool.size:
        top = max(1, math.ceil(connector_top * pool.size))
        order = pool[np.lexsort((pool, -bet[pool]))][:top]
        connector[order[bet[order] > 0]] = True
    gateway = (n_clusters >= 2) & (np.asarray(articulation, bool) | (np.asarray(participation, float) >= gateway_participation))
    with np.errstate(invalid="ignore", divide="ignore"):
        share_in = np.where(deg > 0, inside / np.maximum(deg, 1), 0.0)
    insider = (share_in >= insider_share) & (deg >= median) & (deg > 0)
    role = filled(n, "neighbour")
    role[insider] = "insider"
    role[gateway] = "gateway"
    role[connector] = "connector"
    role[deg <= outsider_max_degree] = "outsider"
    role[~elig] = ""
    return role


def _neighbour_clusters(adj: Adjacency, mem: np.ndarray) -> np.ndarray:
    """The number of distinct clusters among each node's neighbours."""
    v = np.concatenate([adj.src, adj.dst])
    c = np.concatenate([mem[adj.dst], mem[adj.src]])
    width = int(mem.max(initial=0)) + 1
    pairs = pd.unique(v[c >= 0] * width + c[c >= 0])  # distinct (node, neighbour cluster)
    return np.bincount(pairs // width, minlength=adj.n)
