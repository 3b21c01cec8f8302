"""The person graph as a :class:`networkx.Graph`: one node per person, the ties as edges."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx
import numpy as np
import pandas as pd

from ..model import Account, Resolution
from ..util import collector
from .edges import EDGE_COLUMNS, PersonTies, person_ties
from .waves import detect_waves

__all__ = ["build_network", "to_networkx"]


def to_networkx(persons: pd.DataFrame, edges: pd.DataFrame, *, extra: Sequence[str] = ()) -> nx.Graph:
    """The person graph as networkx: node attributes from ``persons``, edge attributes from ``edges``."""
    g: nx.Graph = nx.Graph()
    cols = [c for c in ("name", "sphere", "accounts", "company", *extra) if c in persons.columns]
    is_contact = persons["is_contact"].astype(str).eq("1").to_numpy() if "is_contact" in persons else np.zeros(len(persons), bool)
    values = [persons[c].to_numpy(dtype=object) for c in cols]
    values = [np.where(pd.isna(v), "", v).tolist() for v in values]
    pids = persons["person_id"].astype(str).tolist()
    g.add_nodes_from(
        (pid, dict(zip(cols, row, strict=False), is_contact=flag))
        for pid, flag, *row in zip(pids, is_contact.tolist(), *values, strict=False)
    )
    a, b, w, k, s = (edges[c].tolist() for c in EDGE_COLUMNS)
    with collector.paused():
        g.add_edges_from(
            (u, v, {"weight": float(weight), "kind": kind, "source": source})
            for u, v, weight, kind, source in zip(a, b, w, k, s, strict=False)
        )
    return g


def build_network(
    resolution: Resolution,
    accounts: Sequence[Account] = (),
    *,
    infer: bool = True,
    wave_days: int = 7,
    wave_min_size: int = 5,
    wave_factor: float = 3.0,
    waves: pd.DataFrame | None = None,
    clique_max: int = 8,
    ring_k: int = 2,
    ties: PersonTies | None = None,
    persons: pd.DataFrame | None = None,
    extra: Sequence[str] = (),
) -> nx.Graph:
    """The person graph of a resolution.

    Parameters
    ----------
    resolution : Resolution
        Persons (every one becomes a node) and observed ties.
    accounts : sequence of Account
        Unused (the accounts of a person are read from ``persons.accounts``); kept for symmetry
        with :func:`netmix.analysis.analyse`.
    infer : bool
        Add inferred ties (same organisation, same connection wave).
    wave_days, wave_min_size, wave_factor, waves : int, int, float, pandas.DataFrame
        Connection waves (:func:`netmix.graph.waves.detect_waves`), found unless ``waves`` is given.
    clique_max, ring_k : int
        The sparse projection of affiliation groups (:mod:`netmix.graph`).
    ties : PersonTies, optional
        Ties from :func:`netmix.graph.edges.person_ties` (the tie options above are then ignored).
    persons : pandas.DataFrame, optional
        The node table (default ``resolution.persons``); ``extra`` names more of its columns to
        copy onto the nodes (``analyse`` adds ``cluster`` and ``ego_role``).

    Returns
    -------
    networkx.Graph
        Nodes: person ids with ``name, sphere, accounts, company, *extra, is_contact``; edges:
        ``weight, kind, source``.

    Examples
    --------
    >>> import pandas as pd
    >>> from netmix.model import Resolution
    >>> persons = pd.DataFrame({"person_id": ["p1", "p2", "p3"], "name": ["Ana", "Bo", "Cy"],
    ...                         "sphere": "professional", "accounts": "linkedin", "is_contact": "1",
    ...                         "company": ["Acme", "ACME Inc.", ""]})
    >>> ties = pd.DataFrame({"a": ["p2"], "b": ["p3"], "weight": [1.0], "kind": "observed", "source": "ties.csv"})
    >>> empty = pd.DataFrame()
    >>> g = build_network(Resolution(empty, persons, empty, empty, ties, empty))
    >>> sorted(g.edges(data="kind"))
    [('p1', 'p2', 'inferred'), ('p2', 'p3', 'observed')]
    """
    if ties is None:
        if infer and waves is None:
            waves = detect_waves(resolution.contacts, days=wave_days, min_size=wave_min_size, factor=wave_factor)
        ties = person_ties(resolution, infer=infer, waves=waves, clique_max=clique_max, ring_k=ring_k)
    return to_networkx(resolution.persons if persons is None else persons, ties.edges, extra=extra)
