"""Clusters: Leiden on ties (seeded), affiliation groups, numbering, labels."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from netmix.analysis._adjacency import from_edges
from netmix.analysis.clusters import cluster_persons, composition, detect_communities
from netmix.analysis.labels import label_clusters, load_labels
from netmix.errors import InputError


def test_two_cliques_joined_by_one_tie():
    # K5 on 0..4 and K4 on 5..8 joined by 4–5: modularity's best split is the two cliques;
    # numbered by size: the K5 is community 0
    g = nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(4))
    g.add_edge(4, 5)
    g.add_node(9)  # isolated → -1
    mem, info = detect_communities(g, seed=1)
    assert mem.tolist() == [0, 0, 0, 0, 0, 1, 1, 1, 1, -1]
    assert info["seed"] == 1 and "igraph" in info["engine"] and "Leiden" in info["method"]


def test_same_seed_same_partition():
    g = nx.les_miserables_graph()
    a, _ = detect_communities(g, seed=42)
    b, _ = detect_communities(g, seed=42)
    assert np.array_equal(a, b)
    # a higher resolution gives at least as many clusters
    c, _ = detect_communities(g, seed=42, resolution=3.0)
    assert c.max() >= a.max()


def test_planted_partition_recovered():
    # 4 groups of 25, p_in = 0.5, p_out = 0.01: Leiden finds the planted groups (NMI = 1)
    g = nx.planted_partition_graph(4, 25, 0.5, 0.01, seed=3)
    mem, _ = detect_communities(g, seed=0)
    truth = [v // 25 for v in sorted(g)]
    # every planted group is one community, and the communities differ across groups
    assert all(len(set(mem[i * 25 : (i + 1) * 25])) == 1 for i in range(4))
    assert len(set(mem)) == 4 and len(set(zip(mem, truth, strict=False))) == 4


def _persons(ids, company=None):
    return pd.DataFrame({"person_id": ids, "company": company or [""] * len(ids)})


def test_affiliation_groups_for_persons_without_ties():
    ids = ["a", "b", "c", "d", "e", "f", "g", "h"]
    comp = ["", "", "", "ACME Inc.", "acme", "Solo SARL", "", ""]
    adj = from_edges(ids, ["a", "a"], ["b", "c"])  # a-b, a-c: one tie cluster of 3
    waves = pd.DataFrame({"wave": ["w01"], "person_ids": ["f;g;h"]})
    out, info = cluster_persons(_persons(ids, comp), adj, waves=waves)
    # sizes: ties {a,b,c} = 3, company "acme" {d,e} = 2, wave w01 {g,h} = 2 (f is taken by no
    # company group since Solo has 1 member, so f joins the wave) → wave {f,g,h} = 3
    # order by size desc, then smallest id: {a,b,c} (3, 'a') → c01, {f,g,h} (3, 'f') → c02, {d,e} → c03
    assert out["cluster"].tolist() == ["c01", "c01", "c01", "c03", "c03", "c02", "c02", "c02"]
    assert out["basis"].tolist() == ["ties"] * 3 + ["company"] * 2 + ["wave"] * 3
    assert info["clusters"] == 3 and info["unclustered"] == 0


def test_lonely_person_is_unclustered():
    out, info = cluster_persons(_persons(["a", "b"]), from_edges(["a", "b"], [], []))
    assert out["cluster"].tolist() == ["", ""] and info["unclustered"] == 2


def test_labels_and_user_override():
    p = pd.DataFrame(
        {
            "cluster": ["c01"] * 4 + ["c02"] * 3,
            "sphere": ["professional"] * 4 + ["personal", "personal", "both"],
            "company": ["Office de Tourisme", "office de tourisme", "", "Mairie"] + [""] * 3,
            "position": ["Chargée d'accueil", "Conseiller séjour", "", ""] + ["", "", ""],
            "first_connected": ["2012-06-04", "2012-06-05", "2012-07-01", "2013-01-01", "2008-01-01", "2009-05-05", "2010-01-01"],
        }
    )
    lab = label_clusters(p)
    # c01: 2 of 3 companies are the same office (≥ 30 %), years q25..q75 = 2012..2013 (np quantile: 2012, 2012.25 → ceil 2013),
    # 4 of 4 contacts professional; c02: no company or position, 2008..2010 → "2009" not one year → range, 3 of 3 personal side
    assert lab.set_index("cluster")["label"].to_dict() == {
        "c01": "Office de Tourisme · 2012–2013 · professional",
        "c02": "2008–2010 · personal",
    }
    lab = label_clusters(p, labels={"c02": "Famille"})
    assert lab.set_index("cluster").loc["c02", ["label", "label_source"]].tolist() == ["Famille", "user"]


def test_composition():
    p = pd.DataFrame(
        {"cluster": ["c01", "c01", "c01", "c02", ""], "sphere": ["personal", "both", "", "professional", "personal"]}
    )
    assert composition(p).values.tolist() == [["c01", 3, 1, 0, 1, 1], ["c02", 1, 0, 1, 0, 0]]


def test_load_labels(tmp_path):
    f = tmp_path / "labels.csv"
    f.write_text("\ufeffcluster,label\nc01,Collègues de Pau\nc02,\n", encoding="utf-8")
    assert load_labels(f) == {"c01": "Collègues de Pau"}
    bad = tmp_path / "bad.csv"
    bad.write_text("group,name\nc01,x\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_labels(bad)
