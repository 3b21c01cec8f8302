"""Clusters: groups found in the ties, or — for persons without ties — in affiliations.

Steps (:func:`cluster_persons`):

1. **Community detection** on the persons that have ties: Leiden (Traag, Waltman & van Eck 2019,
   *Sci. Rep.* 9:5233) as igraph implements it in C (``Graph.community_leiden``), quality =
   modularity with a resolution parameter γ (Reichardt & Bornholdt 2006), weighted by tie weight,
   two iterations, seeded — the same seed and input give the same partition. It finds the
   partitions ``leidenalg``'s ``RBConfigurationVertexPartition`` found before (same modularity,
   NMI 1.0 on the samples and the large scenario) about 19× faster.
2. **Affiliation groups** for persons without ties: same organisation (normalised ``company``),
   then same connection wave; groups of fewer than ``min_group`` persons stay unclustered
   (cluster ``""``).
3. **Numbering**: clusters sorted by size (descending), then smallest person id, named ``c01``,
   ``c02``, … (more digits when there are ≥ 100 clusters).

:func:`netmix.analysis.labels.label_clusters` names each cluster from what its members share;
:func:`netmix.analysis.labels.load_labels` reads the user's own labels, which win.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ..graph.companies import normalise_companies
from ..model import BOTH
from ..util.arrays import as_text, filled, group_positions
from ..util.igraph_tools import igraph_seeded, load_igraph
from ._adjacency import Adjacency, as_adjacency

__all__ = ["cluster_persons", "composition", "detect_communities", "sphere_sides"]



def detect_communities(
    graph: Adjacency | nx.Graph, *, seed: int = 0, resolution: float = 1.0
) -> tuple[np.ndarray, dict[str, Any]]:
    """Leiden communities of the nodes that have ties; isolated nodes get ``-1``.

    Parameters
    ----------
    graph : Adjacency or networkx.Graph
        The person graph (edge attribute ``weight``).
    seed : int
        The random seed (same seed, same graph → same partition).
    resolution : float
        γ of modularity; larger γ → more, smaller clusters.

    Returns
    -------
    membership : numpy.ndarray
        Community of every node, in node order; communities numbered by size (descending), then
        by smallest node index.
    info : dict
        Engine and parameters (for run.json).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(3))
    >>> detect_communities(g)[0].tolist()
    [0, 0, 0, 0, 1, 1, 1]
    """
    ig = load_igraph()
    adj = as_adjacency(graph)
    membership = np.full(adj.n, -1, dtype=np.int64)
    info: dict[str, Any] = {
        "engine": f"igraph {ig.__version__}",
        "method": "Leiden, modularity with resolution (2 iterations)",
        "resolution": resolution,
        "seed": seed,
        "weights": "tie weight",
    }
    tied = adj.tied
    if tied.size == 0:
        return membership, info
    with igraph_seeded(int(seed)):
        part = adj.tied_igraph.community_leiden(
            objective_function="modularity", weights="weight", resolution=float(resolution), n_iterations=2
        )
    raw = np.asarray(part.membership, dtype=np.int64)
    membership[tied] = _renumber(raw, tied)
    return membership, info


def _renumber(raw: np.ndarray, order_key: np.ndarray) -> np.ndarray:
    """Renumber community ids by size (descending), then by smallest ``order_key``."""
    ids, inverse, counts = np.unique(raw, return_inverse=True, return_counts=True)
    smallest = np.full(ids.size, np.iinfo(np.int64).max)
    np.minimum.at(smallest, inverse, order_key)
    order = np.lexsort((smallest, -counts))
    rank = np.empty(ids.size, dtype=np.int64)
    rank[order] = np.arange(ids.size)
    return rank[inverse]


def cluster_persons(
    persons: pd.DataFrame,
    graph: Adjacency | nx.Graph,
    *,
    waves: pd.DataFrame | None = None,
    seed: int = 0,
    resolution: float = 1.0,
    min_group: int = 2,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Give every person a cluster: communities in the ties, else affiliation, else ``""``.

    Parameters
    ----------
    persons : pandas.DataFrame
        Needs ``person_id`` and ``company``; every person must be a node of ``graph``.
    graph : Adjacency or networkx.Graph
        The tie graph the communities are found in (netmix passes observed ties).
    waves : pandas.DataFrame, optional
        Connection waves (:func:`netmix.graph.waves.detect_waves`), for persons with neither
        ties nor a shared company.
    seed, resolution : int, float
        Passed to :func:`detect_communities`.
    min_group : int
        The smallest affiliation group that makes a cluster.

    Returns
    -------
    frame : pandas.DataFrame
        ``person_id, cluster, basis`` (basis: ``ties``, ``company``, ``wave`` or ``""``), in
        ``persons`` order.
    info : dict
        :func:`detect_communities`'s info plus counts.

    Examples
    --------
    >>> import networkx as nx, pandas as pd
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "x"), ("y", "y"), ("z", "z")])
    >>> persons = pd.DataFrame({"person_id": list("abcxyz"), "company": ["", "", "", "ACME", "Acme Inc", ""]})
    >>> frame = cluster_persons(persons, g)[0]
    >>> frame["cluster"].tolist(), frame["basis"].tolist()
    (['c01', 'c01', 'c01', 'c02', 'c02', ''], ['ties', 'ties', 'ties', 'company', 'company', ''])
    """
    adj = as_adjacency(graph)
    membership, info = detect_communities(adj, seed=seed, resolution=resolution)
    pid = as_text(persons["person_id"])
    mem = membership[_positions(adj, pid)]
    # (row positions in persons, basis), communities first
    groups: list[tuple[np.ndarray, str]] = [(rows, "ties") for _c, rows in group_positions(mem, skip=-1)]
    free = mem < 0
    if "company" in persons.columns:
        key = normalise_companies(persons["company"]).to_numpy()
        groups += _affiliation_groups(np.where(free, key, ""), free, min_group, "company")
    if waves is not None and len(waves):
        wave_of = _first_wave(waves)
        key = np.array([wave_of.get(p, "") if f else "" for p, f in zip(pid, free, strict=True)], dtype=object)
        groups += _affiliation_groups(key, free, min_group, "wave")
    frame = _numbered(groups, pid)
    info = dict(info, clusters=len(groups), unclustered=int((frame["cluster"] == "").sum()), min_group=min_group)
    return frame, info


def _positions(adj: Adjacency, ids: np.ndarray) -> np.ndarray:
    """The node index of each id; every id must be a node."""
    pos = pd.Index(adj.nodes, dtype=object).get_indexer(pd.Index(ids, dtype=object))
    if (pos < 0).any():
        raise ValueError("every person must be a node of the graph")
    return pos


def _numbered(groups: list[tuple[np.ndarray, str]], pid: np.ndarray) -> pd.DataFrame:
    """``person_id, cluster, basis`` with the groups named ``c01``… by size, then smallest id."""
    groups = sorted(groups, key=lambda g: (-g[0].size, min(pid[g[0]])))
    width = max(2, len(str(len(groups))))
    cluster = filled(len(pid), "")
    basis = filled(len(pid), "")
    for i, (rows, b) in enumerate(groups, start=1):
        cluster[rows] = f"c{i:0{width}d}"
        basis[rows] = b
    return pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in (("person_id", pid), ("cluster", cluster), ("basis", basis))})


def _affiliation_groups(key: np.ndarray, free: np.ndarray, min_group: int, basis: str) -> list[tuple[np.ndarray, str]]:
    """Groups of at least ``min_group`` rows sharing a non-blank ``key``, in key order; their rows
    are marked as no longer ``free``."""
    groups = []
    for _key, rows in group_positions(key):
        if rows.size >= min_group:
            groups.append((rows, basis))
            free[rows] = False
    return groups


def _first_wave(waves: pd.DataFrame) -> dict[str, str]:
    """person id → the first wave (in table order) that holds it."""
    wave_of: dict[str, str] = {}
    for w, ids in zip(waves["wave"], waves["person_ids"], strict=True):
        for p in str(ids).split(";"):
            if p and p not in wave_of:
                wave_of[p] = w
    return wave_of


def composition(persons: pd.DataFrame) -> pd.DataFrame:
    """Members per cluster by sphere.

    ``persons`` needs ``cluster`` and ``sphere``. Returns ``cluster, size, personal,
    professional, both, non_contacts`` (non-contacts have sphere ``""``), sorted by cluster.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"cluster": ["c01", "c01", "c02"], "sphere": ["personal", "both", "professional"]})
    >>> composition(p).values.tolist()
    [['c01', 2, 1, 0, 1, 0], ['c02', 1, 0, 1, 0, 0]]
    """
    sphere = as_text(persons["sphere"])
    rows = []
    for c, at in group_positions(as_text(persons["cluster"])):
        s = sphere[at]
        rows.append(
            {
                "cluster": c,
                "size": len(at),
                "personal": int((s == "personal").sum()),
                "professional": int((s == "professional").sum()),
                "both": int((s == BOTH).sum()),
                "non_contacts": int((s == "").sum()),
            }
        )
    cols = ["cluster", "size", "personal", "professional", "both", "non_contacts"]
    return pd.DataFrame(rows, columns=cols) if rows else pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})


def sphere_sides(persons: pd.DataFrame, *, majority: float = 2 / 3) -> np.ndarray:
    """The side (``personal``, ``professional`` or ``""``) each person stands on, for bridges.

    A contact of one sphere stands on that sphere's side. A person reached from both spheres, or
    a non-contact, stands on the side of its cluster: the sphere holding at least ``majority`` of
    the cluster's one-sphere contacts (``""`` when none does, or without a cluster). So a
    colleague-turned-friend inside the colleagues' cluster counts as professional there.

    ``persons`` needs ``sphere`` and ``cluster``; returns an array in ``persons`` order.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"cluster": ["c01", "c01", "c01", "c02"], "sphere": ["personal", "personal", "both", ""]})
    >>> sphere_sides(p).tolist()
    ['personal', 'personal', 'personal', '']
    """
    sphere = as_text(persons["sphere"])
    cluster = as_text(persons["cluster"])
    side_of: dict[str, str] = {}
    own = np.isin(sphere, ["personal", "professional"])
    one = np.flatnonzero(own)
    for c, at in group_positions(cluster[one]):
        s_of = sphere[one[at]]
        for s in ("personal", "professional"):
            if (s_of == s).sum() >= majority * len(at):
                side_of[c] = s
    return np.where(own, sphere, np.array([side_of.get(c, "") for c in cluster], dtype=object)).astype(object)
