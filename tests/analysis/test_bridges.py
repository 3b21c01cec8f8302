"""Bridges: every measure checked against networkx on the same small graphs, or by hand."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from netmix.analysis.ahead import start_betweenness
from netmix.analysis.bridges import (
    articulation_points,
    betweenness,
    bridging_score,
    constraint,
    effective_size,
    participation,
    percentile_rank,
    rank_bridges,
    sphere_participation,
    world_sides,
)


def _graphs():
    weighted = nx.les_miserables_graph()  # weighted co-appearance graph
    g = nx.gnp_random_graph(60, 0.08, seed=3)
    g.add_node(99)  # an isolate
    return [("karate", nx.karate_club_graph()), ("lesmis", weighted), ("gnp", g)]


def _vec(d: dict, nodes) -> np.ndarray:
    return np.array([d[v] for v in nodes], dtype=float)


@pytest.mark.parametrize("name,g", _graphs())
def test_constraint_and_effective_size_match_networkx_unweighted(name, g):
    # expected: networkx.constraint / effective_size (weight=None) on the same graph
    h = nx.Graph(g.edges())
    h.add_nodes_from(g.nodes)
    nodes = sorted(h.nodes)
    np.testing.assert_allclose(constraint(h), _vec(nx.constraint(h), nodes), atol=1e-12, equal_nan=True)
    np.testing.assert_allclose(effective_size(h), _vec(nx.effective_size(h), nodes), atol=1e-12, equal_nan=True)
    # the triangles brokerage counted (C(degree, 2) - open pairs) give the same values, bit for bit
    from netmix.analysis.roles import brokerage

    degree = np.array([h.degree(v) for v in nodes])
    counted = degree * (degree - 1) // 2 - brokerage(h, ["x"] * len(nodes))["total"].to_numpy()
    np.testing.assert_array_equal(counted, _vec(nx.triangles(h), nodes))
    np.testing.assert_array_equal(effective_size(h, triangles=counted), effective_size(h))


@pytest.mark.parametrize("name,g", _graphs()[:2])
def test_constraint_and_effective_size_match_networkx_weighted(name, g):
    # expected: networkx's per-node (reference) implementation with weight="weight"; networkx's
    # whole-graph sparse shortcut for weighted effective size gives other values (int weights).
    nodes = sorted(g.nodes)
    np.testing.assert_allclose(constraint(g), _vec(nx.constraint(g, nodes=nodes, weight="weight"), nodes), atol=1e-12)
    np.testing.assert_allclose(effective_size(g), _vec(nx.effective_size(g, nodes=nodes, weight="weight"), nodes), atol=1e-12)


def test_effective_size_with_one_weight_for_every_tie_matches_networkx_weighted():
    # every tie weighs 2.5: the triangle formula (n - 2t/n) must give networkx's weighted per-node values
    g = nx.gnp_random_graph(60, 0.1, seed=5)
    g.add_node(99)
    nx.set_edge_attributes(g, 2.5, "weight")
    nodes = sorted(g.nodes)
    expected = _vec(nx.effective_size(g, nodes=nodes, weight="weight"), nodes)
    np.testing.assert_allclose(effective_size(g), expected, atol=1e-12, equal_nan=True)


def test_constraint_by_hand_star():
    # star with centre 0 and leaves 1, 2: p_0j = 1/2, no indirect path → C_0 = 2 × (1/2)² = 0.5;
    # a leaf has one tie: C = 1² = 1. Effective size: centre 2 (no redundancy), leaves 1.
    g = nx.star_graph(2)
    assert constraint(g).tolist() == [0.5, 1.0, 1.0]
    assert effective_size(g).tolist() == [2.0, 1.0, 1.0]


def test_constraint_by_hand_triangle():
    # triangle: p = 1/2, indirect = 1/2 × 1/2 = 1/4 → c_ij = (3/4)² = 9/16, C = 2 × 9/16 = 1.125
    assert constraint(nx.complete_graph(3)).tolist() == pytest.approx([1.125] * 3)


@pytest.mark.parametrize("name,g", _graphs())
def test_exact_betweenness_matches_networkx(name, g):
    # expected: networkx.betweenness_centrality (hops, normalised) on the same graph
    h = nx.Graph(g.edges())
    h.add_nodes_from(g.nodes)
    b, info = betweenness(h)
    assert info["method"] == "exact"
    np.testing.assert_allclose(b, _vec(nx.betweenness_centrality(h), sorted(h.nodes)), atol=1e-12)


def test_betweenness_by_hand_path():
    # path 0-1-2-3: node 1 lies on (0,2) and (0,3) → 2 pairs; normalised by (n-1)(n-2)/2 = 3
    b, _ = betweenness(nx.path_graph(4))
    assert b.tolist() == pytest.approx([0, 2 / 3, 2 / 3, 0])


def test_sampled_betweenness_is_seeded_and_close():
    g = nx.connected_watts_strogatz_graph(300, 6, 0.1, seed=1)
    exact = _vec(nx.betweenness_centrality(g), sorted(g.nodes))
    b1, info = betweenness(g, exact_max=10, samples=150, seed=7)
    b2, _ = betweenness(g, exact_max=10, samples=150, seed=7)
    assert info == {"method": "sampled", "engine": "igraph", "seed": 7, "samples": 150}
    assert np.array_equal(b1, b2)  # same seed, same estimate
    # an unbiased estimate from half the sources: the top nodes agree and the error is small
    assert np.corrcoef(b1, exact)[0, 1] > 0.95
    # all sources sampled → the exact value (scale n/k = 1)
    ball, _ = betweenness(g, exact_max=10, samples=300, seed=7)
    np.testing.assert_allclose(ball, exact, atol=1e-12)


@pytest.mark.parametrize("name,g", _graphs())
def test_articulation_points_match_networkx(name, g):
    nodes = np.array(sorted(g.nodes), dtype=object)
    assert set(nodes[articulation_points(g)]) == set(nx.articulation_points(g))


def test_participation_by_hand():
    # node 1 of path 0-1-2 with clusters [A, A, B]: k=2, k_A=1, k_B=1 → 1 − (1/4 + 1/4) = 0.5
    assert participation(nx.path_graph(3), np.array([0, 0, 1])).tolist() == [0.0, 0.5, 0.0]
    # star centre with 3 leaves in 3 clusters (one unclustered counts alone): 1 − 3 × (1/3)² = 2/3
    p = participation(nx.star_graph(3), np.array([0, 0, 1, -1]))
    assert p[0] == pytest.approx(2 / 3)


def test_percentile_rank_and_bridging_score_by_hand():
    # values [0, 1, 2, 2]: 0 stays 0; 1 has 1 below of 3 others → 1/3; 2s: 2 below + half of 1 tie → 2.5/3
    assert percentile_rank(np.array([0.0, 1.0, 2.0, 2.0])).tolist() == pytest.approx([0, 1 / 3, 2.5 / 3, 2.5 / 3])
    # score = (pct + participation + 1 − constraint + sphere participation)/4 with degree ≥ 2; degree 1 → 0
    s = bridging_score(np.array([0.0, 1.0]), np.array([1.0, 0.25]), np.array([0.0, 0.5]), np.array([1, 3]), np.array([1.0, 0.64]))
    assert s.tolist() == pytest.approx([0.0, (1.0 + 0.5 + 0.75 + 0.64) / 4])
    # a NaN constraint (isolate) counts as 1: the term is 0
    s = bridging_score(np.array([1.0]), np.array([np.nan]), np.array([0.5]), np.array([2]), np.array([1.0]))
    assert s.tolist() == pytest.approx([(0.0 + 0.5 + 0.0 + 1.0) / 4])


def test_sphere_participation_by_hand():
    # IQV of two categories: 4pq/(p+q)². 5/5 → 1; 8/2 → 64/100; one side only → 0; no sided tie → 0;
    # 1/3 → 12/16 = 0.75
    got = sphere_participation(np.array([5, 8, 3, 0, 1]), np.array([5, 2, 0, 0, 3]))
    assert got.tolist() == pytest.approx([1.0, 0.64, 0.0, 0.0, 0.75])


def test_sphere_participation_is_participation_over_the_two_sides_rescaled():
    # independent route: Guimerà-Amaral participation of a star's centre whose leaves form two groups
    # (3 personal, 1 professional) is 1 − (3/4)² − (1/4)² = 3/8; divided by its maximum 1/2 → 3/4
    p = participation(nx.star_graph(4), np.array([9, 0, 0, 0, 1]))[0]
    assert p == pytest.approx(3 / 8)
    assert sphere_participation(np.array([3]), np.array([1]))[0] == pytest.approx(p / 0.5)


def test_world_sides_by_hand():
    # 0 "both", tied to colleagues 1, 2 (professional only) → professional, although its cluster's side
    #   (the fallback, say a cluster the office shares with a sports club) is personal;
    # 3 "both", tied to 0 (both), 4 (personal) and 5 (professional): 1 of 2 one-world neighbours each
    #   side, below the 2/3 majority → "" (it bridges the worlds itself);
    # 6 non-contact tied only to 7 ("both"): no one-world neighbour → its cluster's side (fallback);
    # 8 non-contact tied to 4 and 9 (both personal) → personal; one-world contacts keep their sphere.
    g = nx.Graph([(0, 1), (0, 2), (0, 3), (3, 4), (3, 5), (6, 7), (8, 4), (8, 9)])
    sphere = np.array(["both", "professional", "professional", "both", "personal", "professional", "", "both", "", "personal"])
    fallback = np.array(["personal"] * 6 + ["professional", "personal", "", "personal"])
    assert world_sides(g, sphere, fallback).tolist() == [
        "professional", "professional", "professional", "", "personal", "professional", "professional", "personal",
        "personal", "personal",
    ]  # fmt: skip


def test_ties_split_between_the_worlds_make_the_bridge_in_one_mixed_cluster():
    # Hand-built: one cluster holds the office and a circle of friends (cluster participation is 0 for
    # everyone). x (both accounts) is tied to 3 friends (personal only) and 3 colleagues (professional
    # only); c (professional only) is tied to the 3 colleagues and to y, a colleague-turned-friend (both
    # accounts) tied to colleagues only. The cluster's side is personal (8 friends of its 12 one-sphere
    # contacts = 2/3), so with the cluster's side alone y stood on the personal side and c looked like a bridge.
    from netmix.analysis._adjacency import from_edges
    from netmix.analysis.clusters import sphere_sides
    from netmix.analysis.steps import Options, add_betweenness, add_structure, start_structure

    friends, colleagues = [f"f{i}" for i in range(1, 9)], ["k1", "k2", "k3"]
    ids = sorted(["x", "c", "y", *friends, *colleagues])
    sphere = {"x": "both", "y": "both", "c": "professional"}
    sphere |= dict.fromkeys(friends, "personal") | dict.fromkeys(colleagues, "professional")
    persons = pd.DataFrame({"person_id": ids, "sphere": [sphere[i] for i in ids], "cluster": "c01", "is_contact": "1"})
    edges = [("x", "f1"), ("x", "f2"), ("x", "f3"), ("x", "k1"), ("x", "k2"), ("x", "k3"), ("f1", "f2"), ("f2", "f3"),
             ("f4", "f5"), ("f5", "f6"), ("f6", "f7"), ("f7", "f8"), ("f4", "f1"),
             ("c", "k1"), ("c", "k2"), ("c", "k3"), ("c", "y"), ("y", "k1"), ("y", "k2")]  # fmt: skip
    adj = from_edges(ids, [a for a, _ in edges], [b for _, b in edges])
    codes = np.zeros(len(ids), dtype=np.int64)
    add_structure(persons, adj, codes, Options(), lambda _: None)
    ties = pd.DataFrame({"a": [a for a, _ in edges], "b": [b for _, b in edges]})
    add_betweenness(persons, codes, Options(), start_structure(ids, ties, Options()))
    p = persons.set_index("person_id")
    assert sphere_sides(persons).tolist()[ids.index("y")] == "personal"  # the cluster's side, as before
    assert p.loc["y", "side"] == "professional"  # 3 of 3 one-world neighbours are colleagues (c, k1, k2)
    assert (p.loc["x", "personal_ties"], p.loc["x", "professional_ties"], p.loc["x", "sphere_participation"]) == (3, 3, 1.0)
    assert (p.loc["c", "personal_ties"], p.loc["c", "sphere_participation"]) == (0, 0.0)
    assert (p["participation"] == 0).all()
    ranked = rank_bridges(persons.assign(name=persons["person_id"]))
    assert ranked.iloc[0]["person_id"] == "x" and ranked.iloc[0]["bridge_kind"] == "personal-professional"
    assert "c" not in set(ranked.loc[ranked["bridge_kind"] == "personal-professional", "person_id"])


def test_rank_bridges_puts_sphere_bridges_first():
    base = dict(name="n", sphere="personal", degree=3, constraint=0.5, effective_size=2.0, articulation=0)
    rows = [
        dict(base, person_id="a", betweenness=0.9, participation=0.6, bridging_score=0.9, personal_ties=3, professional_ties=0),
        dict(base, person_id="b", betweenness=0.1, participation=0.1, bridging_score=0.2, personal_ties=1, professional_ties=2),
        dict(base, person_id="c", betweenness=0.0, participation=0.0, bridging_score=0.0, personal_ties=3, professional_ties=0),
        dict(
            base,
            person_id="d",
            betweenness=0.3,
            participation=0.0,
            bridging_score=0.5,
            personal_ties=2,
            professional_ties=0,
            articulation=1,
        ),
    ]
    out = rank_bridges(pd.DataFrame(rows))
    # b crosses spheres (first, despite a low score); then a and d between clusters by score; c is no bridge
    assert out["person_id"].tolist() == ["b", "a", "d"]
    assert out["rank"].tolist() == [1, 2, 3]
    assert out["bridge_kind"].tolist() == ["personal-professional", "between clusters", "between clusters"]
    assert list(out.columns[:3]) == ["person_id", "name", "rank"]


def test_betweenness_measured_in_another_process_is_the_same():
    # a graph above exact_max is sampled; start_betweenness measures it in a spawned process:
    # the values must be those of the same computation in this process (and of networkx's exact
    # values when every node is a source)
    g = nx.connected_watts_strogatz_graph(60, 4, 0.2, seed=3)
    inline, info = betweenness(g, exact_max=10, samples=60, seed=5)
    elsewhere, info2 = start_betweenness(g, exact_max=10, samples=60, seed=5, background=True)()
    assert info == info2 and info["method"] == "sampled"
    assert np.array_equal(inline, elsewhere)
    expected = nx.betweenness_centrality(g)
    assert np.allclose(elsewhere, [expected[v] for v in sorted(g)])


def test_percentile_of_a_merged_person_is_the_rank_among_the_others():
    # The merged person replaces its two halves: its percentile must be percentile_rank over the
    # other persons' values plus its own (the definition), computed here on the whole array.
    from netmix.analysis.possible_bridges import _percentile_without

    rng = np.random.default_rng(3)
    values = np.round(rng.random(40), 1)  # many ties
    values[:5] = 0.0
    for ia, ib in [(0, 1), (5, 6), (7, 30), (10, 11)]:
        for merged in (0.0, 0.3, values[ia] + values[ib], 0.55, 2.0):
            others = np.delete(values, [ia, ib])
            expected = percentile_rank(np.append(others, merged))[-1]
            got = _percentile_without(float(merged), np.sort(values), (float(values[ia]), float(values[ib])))
            assert got == expected
