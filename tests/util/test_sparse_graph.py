"""netmix.util.sparse_graph: constraint counted in parts, in any process, is networkx's, bit for bit the whole's."""

from __future__ import annotations

import pickle

import networkx as nx
import numpy as np

from netmix.util.sparse_graph import EdgeGraph, constraint_of, edge_constraint, symmetric_matrix


def test_constraint_in_parts_is_the_whole_and_networkx():
    g = nx.gnp_random_graph(80, 0.1, seed=11)
    g.add_node(80)  # a node without ties: NaN, as in networkx
    rng = np.random.default_rng(2)
    edges = np.array(sorted(g.edges()))
    weight = rng.integers(1, 5, len(edges)).astype(float)
    whole = constraint_of(symmetric_matrix(81, edges[:, 0], edges[:, 1], weight))
    graph = EdgeGraph(81, edges, weight)
    graph.matrices  # made here: a copy handed to another process carries the ties only, and makes them again
    moved = pickle.loads(pickle.dumps(graph))
    assert "matrices" not in moved.__dict__
    parts = [edge_constraint(graph, 0, 30), edge_constraint(moved, 30, 31), edge_constraint(moved, 31, 81)]
    assert np.array_equal(np.concatenate(parts), whole, equal_nan=True)
    # expected: networkx's per-node constraint with the same weights
    nx.set_edge_attributes(g, {tuple(e): w for e, w in zip(edges.tolist(), weight.tolist(), strict=True)}, "weight")
    expected = nx.constraint(g, weight="weight")
    np.testing.assert_allclose(whole, [expected[v] for v in range(81)], atol=1e-12, equal_nan=True)
