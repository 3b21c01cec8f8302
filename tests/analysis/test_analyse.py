"""The whole analysis on Maud's toy network: every field filled, deterministic."""

from __future__ import annotations

import pandas as pd

from netmix.analysis import analyse
from netmix.model import BRIDGE_COLUMNS, CLUSTER_COLUMNS, EXCLUSION_COLUMNS, PERSON_COLUMNS


def test_every_field_is_filled(maud, accounts):
    steps = []
    a = analyse(maud, accounts, progress=steps.append)
    assert steps and all(isinstance(s, str) for s in steps)
    assert list(a.persons.columns[:5]) == list(PERSON_COLUMNS)
    assert list(a.clusters.columns[:6]) == list(CLUSTER_COLUMNS)
    assert list(a.exclusions.columns[:5]) == list(EXCLUSION_COLUMNS)
    assert list(a.bridges.columns[:3]) == list(BRIDGE_COLUMNS)
    for col in (
        "degree",
        "betweenness",
        "constraint",
        "effective_size",
        "participation",
        "brokerage",
        "ego_role",
        "bridging_score",
        "articulation",
    ):
        assert col in a.persons.columns
    assert {"reach_perso", "reach_pro", "reach_linkedin", "label_source"} <= set(a.clusters.columns)
    # two clusters: the 25 pro colleagues (+ x) and the personal circle (+ dbl, p7, y)
    sizes = a.clusters.set_index("cluster")["size"].to_dict()
    assert sizes == {"c01": 26, "c02": 9}
    c01 = a.clusters.iloc[0]
    assert c01["professional"] == 25 and c01["reach_pro"] == round(25 / 26, 4)
    # the double is the first personal ↔ professional bridge
    assert a.bridges.iloc[0]["person_id"] == "dbl" and a.bridges.iloc[0]["bridge_kind"] == "personal-professional"
    # the June 2012 burst on pro (12 colleagues in 5 days) is a wave
    assert len(a.waves) == 1 and a.waves.iloc[0]["size"] == 12
    s = a.summary
    assert (s["persons"], s["doubles"], s["non_contacts"], s["clusters"]) == (35, 1, 2, 2)
    # professional side: 25 t + p7 + dbl = 27 persons, of whom dbl also personal → 1/27
    assert s["share_professional_also_personal"] == round(1 / 27, 4)
    assert s["vanish_if_deleted"] == {"linkedin": 0, "perso": 6, "pro": 26}
    assert a.params["seed"] == 0 and a.params["betweenness"]["method"] == "exact"
    assert a.graph.nodes["x"]["cluster"] == c01["cluster"]
    assert a.graph.number_of_nodes() == 35


def test_same_seed_same_result(maud, accounts):
    a, b = analyse(maud, accounts, seed=3), analyse(maud, accounts, seed=3)
    for name in ("persons", "clusters", "exclusions", "bridges", "waves"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert a.summary == b.summary


def test_user_labels(maud, accounts):
    a = analyse(maud, accounts, labels={"c02": "Les amis"})
    row = a.clusters.set_index("cluster").loc["c02"]
    assert (row["label"], row["label_source"]) == ("Les amis", "user")


def test_lists_only_no_ties(build, accounts):

    ps = [build.person(f"l{i}", "linkedin", company="ACME") for i in range(3)] + [build.person("z", "perso")]
    a = analyse(build.make_resolution(ps), accounts)
    # no observed ties: clusters from affiliation only, structure rests on nothing
    assert a.clusters[["cluster", "basis", "size"]].values.tolist() == [["c01", "company", 3]]
    assert a.persons.set_index("person_id").loc["z", "cluster"] == ""
    assert a.bridges.empty and a.summary["structure_rests_on"].startswith("nothing")
    assert a.summary["ties_inferred"] == 3


def test_the_slowest_measures_start_on_the_observed_graph_itself(maud):
    # observed_graph reads the resolution's ties without building the observed tie table: it must give the
    # graph tie_adjacency gives from that table (the reference: observed_ties, which drops unknown persons and
    # self-loops, counts a missing or non-positive weight as 1 and merges a pair given twice, in either direction,
    # keeping its largest weight), node for node, tie for tie and weight for weight
    import dataclasses

    import numpy as np

    from netmix.analysis.steps import observed_graph, prepare_persons, tie_adjacency
    from netmix.graph import observed_ties

    messy = pd.concat(
        [maud.ties, maud.ties.iloc[:5].rename(columns={"a": "b", "b": "a"}), maud.ties.iloc[:3].assign(b="nobody"),
         maud.ties.iloc[:2].assign(b=maud.ties["a"].iloc[:2]), maud.ties.iloc[5:8].assign(weight=3.5),
         maud.ties.iloc[8:10].assign(weight=-2.0), maud.ties.iloc[10:12].assign(weight=None)],
        ignore_index=True,
    )  # fmt: skip
    for resolution in (maud, dataclasses.replace(maud, ties=messy)):
        persons = prepare_persons(resolution)
        early = observed_graph(persons["person_id"].tolist(), resolution.ties)
        reference = tie_adjacency(persons, observed_ties(resolution))
        assert early.nodes == reference.nodes and early.m == reference.m > 0
        assert np.array_equal(early.src, reference.src) and np.array_equal(early.dst, reference.dst)
        assert np.array_equal(early.weight, reference.weight)
    assert (reference.weight == 3.5).sum() == 3  # the messy copy's heavier ties won


def test_the_slowest_measures_started_ahead_give_the_same_analysis(maud, accounts):
    # what the pipeline does: betweenness and circles started from the resolution's persons and ties before
    # analyse (here sampled: 10 sources, so that the seed matters; the circles' partitions then come from the same
    # job, in another process where there are two cores), then handed to it; the reference is analyse alone
    from netmix.analysis import structure_ahead

    options = {"seed": 7, "exact_betweenness_max": 5, "betweenness_samples": 10}
    ids = sorted(maud.persons["person_id"])
    ahead = analyse(maud, accounts, ahead=structure_ahead(ids, maud.ties, **options), **options)
    alone = analyse(maud, accounts, **options)
    assert ahead.params["betweenness"]["method"] == "sampled"
    assert ahead.persons["betweenness"].gt(0).any() and len(ahead.circles) > 0
    pd.testing.assert_frame_equal(ahead.persons, alone.persons)
    pd.testing.assert_frame_equal(ahead.circles, alone.circles)
    pd.testing.assert_frame_equal(ahead.circle_members, alone.circle_members)


def test_circles_from_partitions_counted_elsewhere_are_the_circles(maud):
    # the other process hands back the partitions only (community_memberships on a graph built from the same
    # arrays): the circles made of them are those circles_of finds itself on the observed graph
    import numpy as np

    from netmix.analysis.circles import CircleParams, circles_of, community_options
    from netmix.analysis.steps import observed_graph
    from netmix.util.igraph_tools import community_memberships, graph_of

    adj = observed_graph(sorted(maud.persons["person_id"]), maud.ties)
    graph = graph_of(int(adj.tied.size), adj.tied_ends[:, 0], adj.tied_ends[:, 1], adj.weight)
    parts = community_memberships(graph, **community_options(adj, 3, CircleParams()))
    here, there = circles_of(adj, seed=3), circles_of(adj, seed=3, memberships=parts)
    assert len(here.members) > 1 and len(here.members) == len(there.members)
    assert all(np.array_equal(a, b) for a, b in zip(here.members, there.members, strict=True))
    assert np.array_equal(here.parent, there.parent)


def test_meanwhile_runs_once_before_the_wait_for_betweenness_and_constraint(maud, accounts):
    # the pipeline fills the wait for betweenness and circles (another process on big graphs) with its own work
    import dataclasses

    from netmix.analysis import structure_ahead

    order = []
    ahead = structure_ahead(sorted(maud.persons["person_id"]), maud.ties)

    def waited(name, wait):
        return lambda: order.append(name) or wait()

    ahead = dataclasses.replace(
        ahead,
        betweenness=waited("betweenness", ahead.betweenness),
        circles=waited("circles", ahead.circles),
        constraint=waited("constraint", ahead.constraint),
    )
    analyse(maud, accounts, ahead=ahead, meanwhile=lambda: order.append("meanwhile"))
    # circles first (this process may find some of their partitions itself while the other counts betweenness), then
    # the caller's work, then constraint (counted here if the other process is still busy) and betweenness
    assert order == ["circles", "meanwhile", "constraint", "betweenness"]
