"""Overlapping circles: planted overlap, determinism, hierarchy, tables, and the samples' circles.

Expected memberships are worked out by hand on small graphs (each test says how); on the
samples they come from ``samples/truth.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

import netmix
from netmix.analysis import analyse
from netmix.analysis.circle_tables import circle_ids, circle_tables
from netmix.analysis.circles import CircleParams, Circles, _parents, circles_of, find_circles
from netmix.analysis.steps import tie_adjacency

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def clique(g: nx.Graph, members: list[str]) -> None:
    g.add_edges_from((u, v) for i, u in enumerate(members) for v in members[i + 1 :])


def planted_overlap() -> tuple[nx.Graph, set[str], set[str]]:
    """A personal circle (friends f1..f6) and a professional one (colleagues w1..w6), both cliques;
    o1 and o2 — a colleague who is also a friend, and a cousin at the tourist office — are tied to
    everyone in both. By hand: the friends' circle is F = f1..f6 + o1, o2 and the colleagues' W =
    w1..w6 + o1, o2 (each a clique of 8, with 12 ties between them, all through o1 and o2); only
    o1 and o2 belong to both."""
    g = nx.Graph()
    friends = [f"f{i}" for i in range(1, 7)] + ["o1", "o2"]
    colleagues = [f"w{i}" for i in range(1, 7)] + ["o1", "o2"]
    clique(g, friends)
    clique(g, colleagues)
    return g, set(friends), set(colleagues)


def test_planted_overlap_recovered():
    g, friends, colleagues = planted_overlap()
    circles = find_circles(g, seed=0)
    assert friends in circles and colleagues in circles
    # every circle other than the union of both is inside one of them: no circle mixes friends and
    # colleagues except through o1 and o2
    for c in circles:
        assert c <= friends or c <= colleagues or c == friends | colleagues
    in_several = {v for v in g if sum(v in c for c in circles if c != friends | colleagues) >= 2}
    assert in_several == {"o1", "o2"}


def test_person_centred_joining_by_hand():
    """A clique of 10 friends f0..f9, a clique of 12 colleagues w0..w11, and b — a colleague who is
    also a friend — tied to f0..f7 and w0..w4 (8 + 5 = 13 ties). By hand: b's friends pull harder
    (8 ties against 5), so every method groups b with the friends: F = f0..f9 + b. b is tied to 5
    of the 12 colleagues, 42 % < extend_share 60 %, so the circle-centred rule leaves b out of
    the colleagues' circle; but it holds 5 of b's 13 ties, 38 % ≥ own_share 25 %, and 5 ≥
    own_min 5, so b joins it: W = w0..w11 + b. Nobody else joins anything (every other person has
    at most 1 tie — to b — outside their clique, below own_min and below 60 % of any circle)."""
    g = nx.Graph()
    friends, colleagues = [f"f{i}" for i in range(10)], [f"w{i}" for i in range(12)]
    clique(g, friends)
    clique(g, colleagues)
    g.add_edges_from(("b", v) for v in friends[:8] + colleagues[:5])
    f, w = set(friends) | {"b"}, set(colleagues) | {"b"}
    circles = find_circles(g, seed=0)
    assert f in circles and w in circles
    for c in circles:
        assert c <= f or c <= w or c == f | w
    # without the person-centred rule b is in the friends' circle only; the colleagues' is theirs alone
    nodes = sorted(g)
    alone = [{nodes[i] for i in m.tolist()} for m in circles_of(g, seed=0, params=CircleParams(own_share=None)).members]
    assert f in alone and w not in alone and set(colleagues) in alone


def test_find_circles_is_in_the_public_api_and_deterministic():
    g, _, _ = planted_overlap()
    assert netmix.find_circles is find_circles
    assert find_circles(g, seed=3) == find_circles(g, seed=3)
    # relabelled nodes in another insertion order: the same circles
    h = nx.Graph()
    h.add_edges_from(sorted(g.edges(), reverse=True))
    assert find_circles(h, seed=3) == find_circles(g, seed=3)


def test_tiny_groups_and_untied_nodes_are_in_no_circle():
    g = nx.Graph([("a", "b"), ("c", "d"), ("d", "e")])
    g.add_node("z")
    # a–b (2 persons) is below min_size 3 (the default); c–d–e is a circle; z has no tie
    assert find_circles(g) == [{"c", "d", "e"}]
    assert circles_of(g, params=CircleParams(min_size=4)).members == ()


def test_parents_by_hand():
    # sizes 6, 4, 3, 3 in circle order; by hand (contain_share 0.9): {0,1,2,3} ⊂ circle 0 → 0;
    # {0,1,2} is in circle 1 (4 persons) and in circle 0 (6): the smaller, 1; {7,8,9} in none
    members = [np.array([0, 1, 2, 3, 4, 5]), np.array([0, 1, 2, 3]), np.array([0, 1, 2]), np.array([7, 8, 9])]
    assert _parents(members, 0.9).tolist() == [-1, 0, 1, -1]
    # 2 of 3 members inside is 67 % < 90 %: no parent
    assert _parents([np.array([0, 1, 2, 3]), np.array([2, 3, 9])], 0.9).tolist() == [-1, -1]


def test_hierarchy_on_a_nested_graph():
    """Two 'worlds' of three cliques of 6, the cliques of a world joined pairwise by 4 ties, the
    worlds by one tie: m = 2 × (45 + 12) + 1 = 115 ties. By hand, modularity
    Q = Σ L_c/m − γ (d_c/2m)²: at γ = 0.25 a world (L = 57, d = 115) gives 2 × 0.433 = 0.866
    against 6 × 0.124 = 0.742 for the cliques (L = 15, d = 38) and 0.75 for the whole graph, so
    the worlds are found; at γ = 1 the cliques win (0.619 against 0.491). So each clique is a
    circle whose parent is its world, and the worlds have no parent."""
    g = nx.Graph()
    worlds = {}
    for w in ("A", "B"):
        cliques = [[f"{w}{k}{i}" for i in range(6)] for k in range(3)]
        for k, c in enumerate(cliques):
            clique(g, c)
            g.add_edges_from((c[i], cliques[(k + 1) % 3][i]) for i in range(4))
        worlds[w] = cliques
    g.add_edge("A00", "B00")
    nodes = sorted(g)
    found = circles_of(g, seed=0)
    sets = [frozenset(nodes[i] for i in m.tolist()) for m in found.members]
    for w, cliques in worlds.items():
        world = frozenset(v for c in cliques for v in c)
        assert world in sets, w
        assert found.parent[sets.index(world)] == -1
        for c in cliques:
            assert frozenset(c) in sets
            assert sets[found.parent[sets.index(frozenset(c))]] == world


def test_circle_tables_by_hand():
    """Circles {a, b, c, d} and {c, d, e, f} (given directly) over 6 persons; a–b–c–d a clique,
    c–d–e–f a clique. By hand: c and d are in 2 circles; in circle 1, a has 3 ties to its 3 other
    members (centrality 1.0); e is a non-contact."""
    persons = pd.DataFrame(
        {
            "person_id": list("abcdef"),
            "sphere": ["personal"] * 4 + ["", "professional"],
            "accounts": ["fb"] * 4 + ["", "li"],
            "is_contact": ["1"] * 4 + ["0", "1"],
            "company": "",
            "position": "",
            "first_connected": "",
        }
    )
    g = nx.Graph()
    clique(g, list("abcd"))
    clique(g, list("cdef"))
    ties = pd.DataFrame([(u, v, 1.0) for u, v in sorted(g.edges())], columns=["a", "b", "weight"])
    adj = tie_adjacency(persons, ties)
    circles = Circles((np.array([0, 1, 2, 3]), np.array([2, 3, 4, 5])), np.array([-1, -1]))
    excl = pd.DataFrame({"person_id": ["e"], "status": ["not connected"]})
    table, members, count = circle_tables(persons, adj, circles, accounts=["fb", "li"], exclusions=excl)
    assert count.tolist() == [1, 1, 2, 2, 1, 1]
    assert table[["circle", "size", "personal", "professional", "non_contacts", "parent"]].values.tolist() == [
        ["ci01", 4, 4, 0, 0, ""],
        ["ci02", 4, 2, 1, 1, ""],
    ]
    assert table["reach_fb"].tolist() == [1.0, 0.5] and table["reached_from"].tolist() == ["fb", "fb;li"]
    # e (excluded) is a member of ci02 and tied to 3 contacts of ci01 (c, d... and f is not in ci01):
    # tied to c and d only among ci01's contacts → 2 < min_mutual 3: kept out of ci02 only
    assert table["kept_out"].tolist() == [0, 1]
    assert set(members["centrality"]) == {1.0}
    assert members[members["person_id"] == "c"]["circle"].tolist() == ["ci01", "ci02"]


def test_circle_ids():
    assert circle_ids(0) == [] and circle_ids(100)[-1] == "ci100"


def test_analyse_adds_circles_without_changing_the_partition(maud, accounts):
    res = maud
    a = analyse(res, accounts, seed=0)
    b = analyse(res, accounts, seed=0)
    assert a.circles.equals(b.circles) and a.circle_members.equals(b.circle_members)
    assert {"circle", "label", "size", "parent", "personal", "professional", "both"} <= set(a.circles.columns)
    assert "circles" in a.persons.columns
    per_person = a.circle_members.groupby("person_id").size()
    assert (a.persons.set_index("person_id")["circles"].loc[per_person.index] == per_person).all()
    assert a.summary["persons_in_several_circles"] == int((a.persons["circles"] >= 2).sum())
    # the clusters are those of the partition alone: circles come after, on the same graph
    from netmix.analysis.clusters import cluster_persons
    from netmix.analysis.steps import prepare_persons
    from netmix.graph import observed_ties

    persons = prepare_persons(res)
    expected, _ = cluster_persons(persons, tie_adjacency(persons, observed_ties(res)), waves=a.waves, seed=0)
    assert a.persons.set_index("person_id")["cluster"].loc[expected["person_id"]].tolist() == expected["cluster"].tolist()


def test_samples_planted_clusters_and_overlap_in_circles():
    """Every planted cluster of the samples has a circle matching it (F1 ≥ 0.7), and planted
    bridges — tourist-office colleagues who are also school friends — sit in a circle of their
    own planted cluster and in one of a planted cluster of the other sphere."""
    from netmix.config import load_config
    from netmix.pipeline import run as run_pipeline

    truth = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))
    result = run_pipeline(load_config(SAMPLES / "netmix.toml"))
    c2p = dict(zip(result.resolution.contacts["contact_id"], result.resolution.contacts["person_id"], strict=True))
    h2p = {h: c2p.get(d["contacts"][0]) for h, d in truth["humans"].items() if d.get("contacts")}
    members = result.analysis.circle_members.groupby("circle")["person_id"].apply(set).to_dict()
    planted = {n: {h2p[h] for h in hs if h2p.get(h)} for n, hs in truth["clusters"].items()}
    for name, s in planted.items():
        assert max(2 * len(m & s) / (len(m) + len(s)) for m in members.values()) >= 0.7, name
    sphere_of = {n: truth["humans"][hs[0]]["sphere"] for n, hs in truth["clusters"].items()}

    def dominant(m: set[str]) -> str:  # the planted cluster holding ≥ 80 % of a circle, else ""
        best = max(planted, key=lambda n: len(m & planted[n]))
        return best if len(m & planted[best]) >= 0.8 * len(m) else ""

    overlapping = 0
    split = set(truth.get("split_bridges", ()))  # planted as two unmerged halves: one person only after a decision
    for h in (h for h in truth["bridges"] if h not in split):
        own = truth["humans"][h]["cluster"]
        doms = {dominant(m) for m in members.values() if h2p[h] in m} - {""}
        overlapping += own in doms and any(sphere_of[d] != sphere_of[own] for d in doms)
    assert overlapping >= 2
