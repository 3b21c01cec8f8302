"""Brokerage roles (Gould & Fernandez 1989) and ego roles, by hand and by brute force."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import numpy as np

from netmix.analysis.roles import brokerage, dominant_role, ego_roles


def _brute(g: nx.Graph, group: dict) -> dict:
    """The definition, literally: every unordered open pair of neighbours of each node."""
    out = {v: dict(coordinator=0, itinerant=0, gatekeeper=0, liaison=0) for v in g}
    for v in g:
        for a, b in itertools.combinations(sorted(g[v]), 2):
            if g.has_edge(a, b):
                continue
            ga, gb, gv = group[a], group[b], group[v]
            if ga == gb == gv:
                out[v]["coordinator"] += 1
            elif ga == gb:
                out[v]["itinerant"] += 1
            elif gv in (ga, gb):
                out[v]["gatekeeper"] += 1
            else:
                out[v]["liaison"] += 1
    return out


def test_brokerage_by_hand():
    # a(x) – v(y) – b(x), a and b not tied: v is an itinerant (consultant) broker for one pair
    df = brokerage(nx.path_graph(3), ["x", "y", "x"])
    assert df.loc[1].to_dict() == dict(coordinator=0, itinerant=1, gatekeeper=0, liaison=0, total=1)
    # star centre 0 (x) with leaves x, y, z: pairs (x,y) and (x,z) → gatekeeper 2; (y,z) → liaison 1
    df = brokerage(nx.star_graph(3), ["x", "x", "y", "z"])
    assert df.loc[0].to_dict() == dict(coordinator=0, itinerant=0, gatekeeper=2, liaison=1, total=3)
    # a closed triangle brokers nothing
    assert brokerage(nx.complete_graph(3), ["x", "y", "z"])["total"].tolist() == [0, 0, 0]


def test_brokerage_matches_brute_force():
    g = nx.gnp_random_graph(80, 0.1, seed=5)
    rnd = random.Random(2)
    group = {v: rnd.choice(["personal", "professional", "both", "none"]) for v in g}
    df = brokerage(g, [group[v] for v in sorted(g)], chunk=16)  # small chunks exercise the chunking
    expected = _brute(g, group)
    for i, v in enumerate(sorted(g)):
        got = df.loc[i, ["coordinator", "itinerant", "gatekeeper", "liaison"]].to_dict()
        assert got == expected[v]
    # total = C(deg, 2) − triangles (nx.triangles)
    tri = nx.triangles(g)
    assert df["total"].tolist() == [g.degree(v) * (g.degree(v) - 1) // 2 - tri[v] for v in sorted(g)]


def test_brokerage_on_hubs_matches_brute_force():
    # hubs and many triangles (preferential attachment, then closed triads): every triangle is found from its
    # node of fewest ties, so the degree order must not lose or double any; brute force enumerates neighbour pairs
    g = nx.powerlaw_cluster_graph(120, 4, 0.6, seed=3)
    rnd = random.Random(7)
    group = {v: rnd.choice(["personal", "professional", "both"]) for v in g}
    df = brokerage(g, [group[v] for v in sorted(g)], chunk=7)
    expected = _brute(g, group)
    assert [df.loc[i, list(expected[v])].to_dict() for i, v in enumerate(sorted(g))] == [expected[v] for v in sorted(g)]


def test_dominant_role():
    df = brokerage(nx.star_graph(3), ["x", "x", "y", "z"])
    assert dominant_role(df).tolist() == ["gatekeeper", "", "", ""]


def test_ego_roles_by_hand():
    # two triangles {0,1,2} and {4,5,6} joined through 3 (tied to 2 and 4), pendants 7 on 0 and 8 on 4
    g = nx.Graph([(0, 1), (1, 2), (0, 2), (4, 5), (5, 6), (4, 6), (2, 3), (3, 4), (0, 7), (4, 8)])
    mem = np.array([0, 0, 0, 0, 1, 1, 1, 0, 1])
    bet = np.array([nx.betweenness_centrality(g)[v] for v in range(9)])
    art = np.zeros(9, bool)
    art[list(nx.articulation_points(g))] = True  # 0, 2, 3, 4
    part = np.zeros(9)
    part[[3, 4]] = 0.5
    roles = ego_roles(g, mem, betweenness=bet, participation=part, articulation=art, connector_top=0.1)
    # pairs through 4: {0,1,2,3,7} × {5,6,8} + (5,8) + (6,8) = 17, more than 3 ({0,1,2,7} × {4,5,6,8}
    # = 16) and 2 (3 × 5 = 15); top 10 % of 9 persons = ceil(0.9) = 1 → 4 is the connector.
    # 7, 8: degree 1 → outsiders. 3: neighbours in clusters 0 and 1, an articulation point → gateway.
    # median degree of [3,2,3,2,4,2,2,1,1] = 2; 0, 1, 2, 5, 6 have all their ties in their cluster
    # and degree ≥ 2 → insiders.
    assert roles.tolist() == [
        "insider",
        "insider",
        "insider",
        "gateway",
        "connector",
        "insider",
        "insider",
        "outsider",
        "outsider",
    ]
    # only eligible nodes get a role
    elig = np.array([True] * 8 + [False])
    assert ego_roles(g, mem, betweenness=bet, participation=part, articulation=art, eligible=elig)[8] == ""


def test_ego_roles_neighbour_when_ties_leave_the_cluster():
    # path 0-1-2 with clusters [0, 0, 1]: node 0 has its only tie inside → outsider (degree 1);
    # node 1 has half of its ties outside, neighbours in 2 clusters, participation 0.5 < 0.6 and not an
    # articulation point as told here → neighbour (connector_top tiny and betweenness 0 here)
    g = nx.path_graph(3)
    roles = ego_roles(
        g,
        np.array([0, 0, 1]),
        betweenness=np.zeros(3),
        participation=np.array([0, 0.5, 0]),
        articulation=np.zeros(3, bool),
        gateway_participation=0.6,
    )
    assert roles.tolist() == ["outsider", "neighbour", "outsider"]
