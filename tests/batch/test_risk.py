"""Re-identification risk figures on hand-checkable graphs."""

from __future__ import annotations

import networkx as nx

from netmix.risk import (
    WARNING,
    degree_anonymity,
    risk_summary,
    small_components,
    unique_degree_nodes,
    unique_neighbourhood_nodes,
    unique_signature_nodes,
)


def paw() -> nx.Graph:
    # a triangle a-b-c with a pendant d on a: degrees a=3, b=2, c=2, d=1
    # (the brief's [1, 1, 2, 3] sums to 7, which no simple graph has; this is the closest one)
    return nx.Graph([("a", "b"), ("a", "c"), ("a", "d"), ("b", "c")])


def test_k_degree_anonymity_and_unique_degrees_of_the_paw():
    g = paw()
    # degree counts: {3: 1, 2: 2, 1: 1} -> smallest group has 1 node -> k = 1
    assert degree_anonymity(g) == 1
    # degrees 3 (a) and 1 (d) are held by one node each
    assert unique_degree_nodes(g) == ["a", "d"]


def test_regular_graph_is_k_anonymous_with_k_equal_to_its_size():
    # every node of a 6-cycle has degree 2 -> one group of 6
    g = nx.cycle_graph(6)
    assert degree_anonymity(g) == 6
    assert unique_degree_nodes(g) == []
    assert unique_neighbourhood_nodes(g) == []


def test_signature_uses_sphere_and_cluster_size():
    g = nx.cycle_graph(4)  # all degree 2
    for n, (sphere, cluster) in enumerate([("personal", "A"), ("personal", "A"), ("professional", "B"), ("personal", "B")]):
        g.nodes[n].update(sphere=sphere, cluster=cluster)
    # signatures: 0,1 -> (2, personal, 2) twice; 2 -> (2, professional, 2); 3 -> (2, personal, 2)
    # so 0, 1, 3 share a signature and only node 2 is unique
    assert unique_signature_nodes(g) == [2]


def test_neighbourhood_signature_separates_equal_degrees():
    # path 0-1-2-3-4: degrees 1,2,2,2,1; node 2's neighbours have degrees (2, 2),
    # nodes 1 and 3 have (1, 2) -> node 2 is the only one with its neighbourhood
    g = nx.path_graph(5)
    assert unique_neighbourhood_nodes(g) == [2]


def test_small_components():
    # a triangle (3), a pair (2), an isolated node (1) and a 4-path (4)
    g = nx.Graph([(1, 2), (2, 3), (3, 1), (4, 5), (7, 8), (8, 9), (9, 10)])
    g.add_node(6)
    assert small_components(g, 3) == [[6], [4, 5], [1, 2, 3]]
    assert small_components(g, 1) == [[6]]


def test_summary_of_the_paw_and_ignoring_the_ego():
    s = risk_summary(paw())
    # 4 persons; k = 1; a and d unique -> 2 / 4 = 0.5; one component of 4 > 3 -> no small component
    assert (s["persons"], s["k_degree_anonymity"], s["unique_degree"], s["unique_degree_share"]) == (4, 1, 2, 0.5)
    assert s["small_components"] == 0 and s["persons_in_small_components"] == 0
    assert s["warning"] == WARNING and "personal data" in WARNING
    # without the hub a: b-c tied, d isolated -> degrees 1, 1, 0 -> k = 1 (d), d unique;
    # components {b, c} and {d} are both small (3 persons)
    s = risk_summary(paw(), ignore=["a"])
    assert (s["persons"], s["k_degree_anonymity"], s["unique_degree"]) == (3, 1, 1)
    assert (s["small_components"], s["persons_in_small_components"]) == (2, 3)


def test_empty_graph():
    s = risk_summary(nx.Graph())
    assert s["persons"] == 0 and s["k_degree_anonymity"] == 0 and s["unique_degree_share"] == 0.0
