"""Inclusion / exclusion on Maud's toy network (conftest.maud_resolution)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from netmix.analysis import analyse
from netmix.analysis.exclusion import inclusion, mutual_counts


def test_mutual_counts_by_hand():
    # star centre 0 tied to 1, 2, 3; contacts are 1 and 2 → centre has 2 mutual contacts
    assert mutual_counts(nx.star_graph(3), np.array([False, True, True, False])).tolist() == [2, 0, 0, 0]


def test_the_22_mutual_friends_case(maud, accounts):
    a = analyse(maud, accounts)
    ex = a.exclusions.set_index("person_id")
    # x is tied to t01..t22, all pro contacts: 22 mutual; Maud's request from pro is still "sent"
    assert ex.loc["x", "mutual"] == 22
    assert ex.loc["x", "status"] == "request pending"
    assert ex.loc["x", "cluster"] == a.persons.set_index("person_id").loc["t01", "cluster"]
    assert "22 of your contacts" in ex.loc["x", "reason"]
    # y has 2 mutual contacts (< min_mutual 3): not listed
    assert "y" not in ex.index
    # p7: pro-only contact in the personal clique's cluster (6 of 8 contacts personal only ≥ 60 %)
    assert ex.loc["p7", "status"] == "other sphere only" and ex.loc["p7", "mutual"] == 5
    # the removed friend without a person is listed with an empty person id
    ghost = a.exclusions[a.exclusions["name"] == "Ghost"].iloc[0]
    assert (ghost["person_id"], ghost["status"], ghost["mutual"]) == ("", "removed", 0)
    assert list(a.exclusions.columns[:5]) == ["name", "person_id", "cluster", "mutual", "status"]


def test_not_connected_without_request_and_min_mutual(build, maud, accounts):
    res = build.make_resolution(
        [build.person(p["person_id"], p["accounts"], name=p["name"]) for p in maud.persons.to_dict("records")],
        maud.ties[["a", "b"]].itertuples(index=False, name=None),
    )
    a = analyse(res, accounts, min_mutual=2)
    ex = a.exclusions.set_index("person_id")
    assert ex.loc["x", "status"] == "not connected" and ex.loc["x", "mutual"] == 22
    # with min_mutual=2, y (tied to f3 and t05) is now excluded too, with its 2 mutual contacts
    assert ex.loc["y", "mutual"] == 2 and ex.loc["y", "status"] == "not connected"


def test_request_dropped_when_person_became_a_contact(build, accounts):
    res = build.make_resolution(
        [build.person("a", "perso"), build.person("b", "perso")],
        [("a", "b")],
        [
            {"account": "perso", "status": "received", "name": "Name a", "date": "2020-01-01", "person_id": "a"},
            {"account": "pro", "status": "received", "name": "Name a", "date": "2020-01-01", "person_id": "a"},
        ],
    )
    ex = analyse(res, accounts).exclusions
    # a is a perso contact now: the perso request is gone; the pro one stays
    assert ex[["person_id", "status", "account"]].values.tolist() == [["a", "request received", "pro"]]


def test_inclusion_reach_by_hand():
    p = pd.DataFrame(
        {
            "cluster": ["c01"] * 4,
            "accounts": ["perso", "perso;pro", "pro", ""],
            "is_contact": ["1", "1", "1", "0"],
        }
    )
    inc = inclusion(p, ["perso", "pro", "linkedin"])
    # 4 members: perso reaches 2 → 0.5, pro 2 → 0.5, linkedin 0
    assert inc.iloc[0][["contacts", "non_contacts", "reach_perso", "reach_pro", "reach_linkedin", "reached_from"]].tolist() == [
        3,
        1,
        0.5,
        0.5,
        0.0,
        "perso;pro",
    ]
