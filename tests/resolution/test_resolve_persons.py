"""Within-account duplicates, stable ids, non-contacts, ties, requests and suggestions."""

from __future__ import annotations

import hashlib
import math
import re

import pandas as pd
import pytest

from netmix.model import DOUBLE_COLUMNS, REQUEST_COLUMNS, RESOLVED_PERSON_COLUMNS, TIE_COLUMNS, frame
from netmix.resolution import resolve as netmix_resolve

from .resolve_helpers import contact, contacts, double_row, person_of, population_term, tieset
from .resolve_helpers import resolve_en as resolve


def test_within_account_duplicate():
    friends = ["Anne Roux", "Luc Faure", "Zoé Garnier"]
    rows = [contact("pro", 1, "Claire Moreau"), contact("pro", 2, "Claire Moreau (OT Biarritz)")]
    rows += [contact("pro", i + 3, f) for i, f in enumerate(friends)]
    edges = [(a, f) for a in ("Claire Moreau", "Claire Moreau (OT Biarritz)") for f in friends]
    res = resolve(contacts(*rows), [tieset("pro", edges)])
    assert person_of(res, "pro:1") == person_of(res, "pro:2")
    d = res.duplicates.to_dict("records")
    assert len(d) == 1 and d[0]["account"] == "pro" and d[0]["contact_ids"] == "pro:1;pro:2"
    # final round: the name is one person's, so rare (+0.5):
    # -1.5 + 3.0 + 0.5 + 3.4 (3 shared) - 1.5 (same account) = 3.9
    w = 3.9 + population_term("claire", "moreau")
    assert d[0]["confidence"] == pytest.approx(1 / (1 + math.exp(-w)), abs=1e-4)
    assert len(res.doubles) == 0  # one account only: a duplicate, not a double
    assert res.persons.set_index("person_id").at[person_of(res, "pro:1"), "name"] == "Claire Moreau"


def test_same_name_in_one_account_without_evidence_is_not_a_duplicate():
    res = resolve(contacts(contact("perso", 1, "Camille Martin"), contact("perso", 2, "Camille Martin")))
    assert person_of(res, "perso:1") != person_of(res, "perso:2")
    assert len(res.duplicates) == 0


def sample():
    rows = [
        contact("perso", 1, "Marie Dupont"),
        contact("perso", 2, "Paul Martin"),
        contact("perso", 3, "Anne Roux"),
        contact("pro", 1, "Marie Dupont (OT Pau)"),
        contact("pro", 2, "Paul Martin"),
        contact("pro", 3, "Zoé Garnier"),
        contact("pro", 4, "Luc Faure"),
    ]
    ties = [
        tieset("perso", [("Marie Dupont", "Paul Martin"), ("Marie Dupont", "Anne Roux"), ("Max Inconnu", "Paul Martin")]),
        tieset("pro", [("Marie Dupont (OT Pau)", "Paul Martin"), ("Marie Dupont (OT Pau)", "Zoé Garnier"), ("Max Inconnu", "Paul Martin"), ("Luc Faure", "Zoé Garnier")]),
    ]
    return contacts(*rows), ties


def test_person_ids_are_stable_under_shuffled_rows():
    c, ties = sample()
    a = resolve(c, ties)
    shuffled = c.sample(frac=1.0, random_state=3).reset_index(drop=True)
    b = resolve(shuffled, ties)
    ids_a = dict(zip(a.contacts["contact_id"], a.contacts["person_id"]))
    ids_b = dict(zip(b.contacts["contact_id"], b.contacts["person_id"]))
    assert ids_a == ids_b
    assert a.persons.equals(b.persons)


def test_tie_rows_in_any_order_give_the_same_resolution():
    # the readers hand ties sorted by their first end, which the resolution reads in runs; any other order of the
    # same rows (a tie set made by hand) must give the same persons, ties and doubles
    import dataclasses

    c, ties = sample()
    a = resolve(c, ties)
    shuffled = [dataclasses.replace(t, edges=t.edges.sample(frac=1.0, random_state=5).reset_index(drop=True)) for t in ties]
    assert any(not t.edges["a"].is_monotonic_increasing for t in shuffled)
    b = resolve(c, shuffled)
    for table in ("persons", "ties", "doubles", "contacts"):
        assert getattr(a, table).equals(getattr(b, table)), table


def test_person_id_is_the_hash_of_the_smallest_contact_key():
    c, ties = sample()
    res = resolve(c, ties)
    # Marie's contacts: "perso|name:Marie Dupont" < "pro|name:Marie Dupont (OT Pau)"
    expected = "p" + hashlib.sha1(b"perso|name:Marie Dupont").hexdigest()[:10]
    assert person_of(res, "perso:1") == person_of(res, "pro:1") == expected
    assert all(re.fullmatch(r"p[0-9a-f]{10}", p) for p in res.persons["person_id"])
    assert res.persons["person_id"].is_unique


def test_output_contract():
    c, ties = sample()
    res = resolve(c, ties)
    assert tuple(res.persons.columns) == RESOLVED_PERSON_COLUMNS
    assert tuple(res.doubles.columns[: len(DOUBLE_COLUMNS)]) == DOUBLE_COLUMNS and "decision" in res.doubles.columns
    assert tuple(res.ties.columns) == TIE_COLUMNS
    assert (res.ties["a"] < res.ties["b"]).all() and set(res.ties["kind"]) == {"observed"}
    assert list(res.persons["person_id"]) == sorted(res.persons["person_id"])
    assert "person_id" in res.contacts.columns and len(res.contacts) == len(c)


def test_non_contact_named_in_two_tie_files_is_one_person():
    c, ties = sample()
    res = resolve(c, ties)
    nc = res.persons[res.persons["is_contact"] == "0"]
    # "Max Inconnu" is tied to Paul Martin in both files: one non-contact person
    assert nc["name"].tolist() == ["Max Inconnu"]
    assert nc[["accounts", "sphere", "contact_ids"]].iloc[0].tolist() == ["", "", ""]
    paul = person_of(res, "perso:2")
    row = res.ties[(res.ties["a"].isin([paul, nc["person_id"].iloc[0]])) & (res.ties["b"].isin([paul, nc["person_id"].iloc[0]]))]
    assert row["source"].tolist() == ["perso.gdf;pro.gdf"]


def test_non_contacts_with_disjoint_neighbourhoods_stay_two():
    c, ties = sample()
    ties[1] = tieset("pro", [("Marie Dupont (OT Pau)", "Paul Martin"), ("Max Inconnu", "Luc Faure")])
    res = resolve(c, ties)
    assert (res.persons["is_contact"] == "0").sum() == 2


def test_double_names_and_suggestion():
    friends_pro = ["Zoé Garnier", "Luc Faure", "Hugo Blanc", "Iris Vidal", "Jade Colin", "Eve Masson"]
    rows = [contact("perso", 1, "Marie Dupont"), contact("perso", 2, "Paul Martin"), contact("perso", 3, "Anne Roux")]
    rows += [contact("pro", 1, "Marie Dupont (OT Pau)"), contact("pro", 2, "Paul Martin")]
    rows += [contact("pro", i + 3, f) for i, f in enumerate(friends_pro)]
    ties = [
        tieset("perso", [("Marie Dupont", "Paul Martin"), ("Marie Dupont", "Anne Roux")]),
        tieset("pro", [("Marie Dupont (OT Pau)", "Paul Martin")] + [("Marie Dupont (OT Pau)", f) for f in friends_pro]),
    ]
    res = resolve(contacts(*rows), ties)
    row = double_row(res, "perso:1")
    assert row["names"] == "perso: Marie Dupont | pro: Marie Dupont (OT Pau)"
    assert row["name"] == "Marie Dupont"
    # neighbours: Paul (both), Anne (personal), 6 professional -> 6 of 8
    assert row["suggestion"] == "professional circle: keep on pro, consider removing from perso — mutual contacts: 6 of 8 professional"


def test_requests_get_person_ids():
    c, ties = sample()
    reqs = frame(
        [
            {"account": "perso", "platform": "facebook", "sphere": "personal", "status": "sent", "name": "Max Inconnu"},
            {"account": "pro", "platform": "facebook", "sphere": "professional", "status": "received", "name": "Zoé Garnier"},
            {"account": "pro", "platform": "facebook", "sphere": "professional", "status": "rejected", "name": "Nobody Known"},
        ],
        REQUEST_COLUMNS,
    )
    res = resolve(c, ties, reqs)
    pid = res.requests["person_id"].tolist()
    nc = res.persons.loc[res.persons["is_contact"] == "0", "person_id"].iloc[0]
    assert pid == [nc, person_of(res, "pro:3"), ""]
    assert tuple(res.requests.columns) == REQUEST_COLUMNS + ("person_id",)


def test_empty_input():
    res = resolve(frame([], [c for c in contacts().columns]))
    assert len(res.persons) == 0 and len(res.doubles) == 0 and len(res.ties) == 0


def test_on_ties_sees_the_persons_and_ties_resolve_returns():
    # the pipeline starts betweenness from what on_ties is handed: it must be the ids of the resolution's own
    # persons, in their order, and its own ties
    friends = ["Anne Roux", "Luc Faure", "Zoé Garnier"]
    rows = [contact("pro", 1, "Claire Moreau"), contact("perso", 2, "Claire Moreau")]
    rows += [contact("pro", i + 3, f) for i, f in enumerate(friends)]
    seen = []
    ties = [tieset("pro", [("Claire Moreau", f) for f in friends])]
    res = netmix_resolve(contacts(*rows), ties, on_ties=lambda ids, ties: seen.append((ids, ties)))
    assert len(seen) == 1 and len(res.ties) == 3 and len(res.persons) == 4
    assert seen[0][0] == res.persons["person_id"].tolist()
    pd.testing.assert_frame_equal(seen[0][1], res.ties)
