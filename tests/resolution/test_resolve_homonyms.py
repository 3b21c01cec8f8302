"""Homonyms: the same name is strong evidence, not proof."""

from __future__ import annotations

import math

import pytest

from .resolve_helpers import contact, contacts, double_row, person_of, population_term, tieset
from .resolve_helpers import resolve_en as resolve

PERSO_FRIENDS = ["Anne Roux", "Luc Faure", "Inès Vidal"]
PRO_FRIENDS = ["Zoé Garnier", "Hugo Blanc", "Jade Colin"]


def two_circles(n_ties: int = 3):
    """Nicolas Petit on perso and on pro, each tied to ``n_ties`` friends of that account only."""
    rows = [contact("perso", 1, "Nicolas Petit"), contact("pro", 1, "Nicolas Petit")]
    rows += [contact("perso", i + 2, f) for i, f in enumerate(PERSO_FRIENDS)]
    rows += [contact("pro", i + 2, f) for i, f in enumerate(PRO_FRIENDS)]
    ties = [
        tieset("perso", [("Nicolas Petit", f) for f in PERSO_FRIENDS[:n_ties]], extra_nodes=tuple(PERSO_FRIENDS)),
        tieset("pro", [("Nicolas Petit", f) for f in PRO_FRIENDS[:n_ties]], extra_nodes=tuple(PRO_FRIENDS)),
    ]
    return contacts(*rows), ties


def test_same_name_disjoint_neighbourhoods_not_merged():
    c, ties = two_circles()
    res = resolve(c, ties)
    assert person_of(res, "perso:1") != person_of(res, "pro:1")
    row = double_row(res, "perso:1")
    # -1.5 + 3.0 + 0.5 - 0.45*3 (3 ties on the less-tied side, none shared) = 0.65
    w = 0.65 + population_term("nicolas", "petit")
    assert row["confidence"] == pytest.approx(1 / (1 + math.exp(-w)), abs=1e-4)
    assert row["band"] == "review"
    assert row["person_id"] == ";".join(sorted((person_of(res, "perso:1"), person_of(res, "pro:1"))))
    assert "possible homonym" in row["evidence"] and row["suggestion"].startswith("possible homonym")


def test_few_ties_and_no_overlap_only_lower_the_confidence():
    # one tie each side: a friend may well share none of so few; -1.5 + 3 + 0.5 - 0.45 = 1.55
    c, ties = two_circles(n_ties=1)
    res = resolve(c, ties)
    assert person_of(res, "perso:1") == person_of(res, "pro:1")
    row = double_row(res, "perso:1")
    w = 1.55 + population_term("nicolas", "petit")
    assert (row["band"], row["confidence"]) == ("likely", pytest.approx(1 / (1 + math.exp(-w)), abs=1e-4))
    assert "no shared contact (few ties known)" in row["evidence"]


def test_same_name_no_ties_on_one_side_is_never_certain():
    rows = [
        contact("perso", 1, "Sophie Bernard", company="Mairie de Pau"),
        contact("perso", 2, "Anne Roux"),
        contact("perso", 3, "Luc Faure"),
        contact("linkedin", 1, "Sophie Bernard", company="Mairie de Pau"),
    ]
    ties = [tieset("perso", [("Sophie Bernard", "Anne Roux"), ("Sophie Bernard", "Luc Faure")])]
    res = resolve(contacts(*rows), ties)
    row = double_row(res, "perso:1")
    assert row["band"] == "likely"  # merged, but not certain: the LinkedIn side has no ties
    w = 3.0 + population_term("sophie", "bernard")  # -1.5 + 3 + 0.5 + 1 = 3.0, plus the population term
    assert row["confidence"] == pytest.approx(1 / (1 + math.exp(-w)), abs=1e-4)


def test_homonym_is_not_chained_in_through_a_third_account():
    c, ties = two_circles()
    c = contacts(*c.to_dict("records"), contact("linkedin", 1, "Nicolas Petit"))
    res = resolve(c, ties)
    # perso and pro are possible homonyms; LinkedIn (no ties) matches both equally: it cannot
    # say which one it is, so it joins neither and both pairs are left to review
    assert person_of(res, "perso:1") != person_of(res, "pro:1")
    assert person_of(res, "linkedin:1") not in {person_of(res, "perso:1"), person_of(res, "pro:1")}
    rows = [r for r in res.doubles.to_dict("records") if "linkedin:1" in r["contact_ids"].split(";")]
    assert len(rows) == 2 and all(r["band"] == "review" and "matches two people of this name equally" in r["evidence"] for r in rows)


def test_third_account_joins_the_one_it_matches_better():
    c, ties = two_circles()
    rows = c.to_dict("records")
    rows[1]["company"] = "Hôtel du Parc"  # pro:1
    c = contacts(*rows, contact("linkedin", 1, "Nicolas Petit", company="Hôtel du Parc"))
    res = resolve(c, ties)
    assert person_of(res, "linkedin:1") == person_of(res, "pro:1") != person_of(res, "perso:1")


def test_two_same_name_contacts_of_one_account_stay_apart_through_another_account():
    c = contacts(contact("perso", 1, "Camille Martin"), contact("perso", 2, "Camille Martin"), contact("pro", 1, "Camille Martin"))
    res = resolve(c, threshold=0.5)  # low threshold: pro:1 is matched with both perso ones (0.668)
    assert person_of(res, "perso:1") != person_of(res, "perso:2")


def test_tie_node_named_like_two_contacts_is_left_out_with_an_issue():
    c = contacts(contact("perso", 1, "Camille Martin"), contact("perso", 2, "Camille Martin"), contact("perso", 3, "Anne Roux"))
    res = resolve(c, [tieset("perso", [("Camille Martin", "Anne Roux")])])
    assert len(res.ties) == 0
    assert any("homonyms" in i for i in res.params["issues"])
    assert (res.persons["is_contact"] == "1").all()  # the node did not become a non-contact


def test_one_contact_in_common_among_forty_is_chance_not_evidence():
    """Large scenario case: two Nicolas Petit, 40 ties each, sharing only a friend who is on both accounts.

    1 shared of 40 is below SHARED_MIN_FRACTION (0.05 * 40 = 2): counted as no overlap, so the
    pair is a possible homonym. Worked out: -1.5 + 3.0 (exact) + 0.5 (rare) - 4.0 (no overlap,
    capped) = -2.0, plus the population term.
    """
    perso = [f"Ami{chr(65 + k // 26)}{chr(97 + k % 26)} Perso" for k in range(39)]
    pro = [f"Coll{chr(65 + k // 26)}{chr(97 + k % 26)} Pro" for k in range(39)]
    rows = [contact("perso", 1, "Nicolas Petit"), contact("pro", 1, "Nicolas Petit")]
    rows += [contact("perso", 2, "Zoé Garnier"), contact("pro", 2, "Zoé Garnier")]
    rows += [contact("perso", k + 3, f) for k, f in enumerate(perso)]
    rows += [contact("pro", k + 3, f) for k, f in enumerate(pro)]
    ties = [
        tieset("perso", [("Nicolas Petit", f) for f in [*perso, "Zoé Garnier"]]),
        tieset("pro", [("Nicolas Petit", f) for f in [*pro, "Zoé Garnier"]]),
    ]
    res = resolve(contacts(*rows), ties)
    assert person_of(res, "perso:1") != person_of(res, "pro:1")
    row = double_row(res, "perso:1")
    assert row["band"] == "review"
    w = -2.0 + population_term("nicolas", "petit")
    assert row["confidence"] == pytest.approx(1 / (1 + math.exp(-w)), abs=1e-4)
    assert "only 1 shared of 40 contacts" in row["evidence"]
    assert row["suggestion"].startswith("possible homonym")


def test_similar_names_with_one_contact_in_common_are_not_merged():
    """Seed 42 case: "Liam Colin" (perso) and "Liam Collins" (pro), different people of one circle.

    A spelling variant (fuzzy 0.93, no name relation) with ties on both sides and a single
    contact in common is left to review: SIMILAR_MIN_SHARED = 2. With two in common it merges.
    """
    friends = ["Anne Roux", "Luc Faure", "Inès Vidal", "Zoé Garnier"]
    for k, merged in ((1, False), (2, True)):
        rows = [contact("perso", 1, "Liam Colin"), contact("pro", 1, "Liam Collins")]
        rows += [contact("perso", n + 2, f) for n, f in enumerate(friends)]
        rows += [contact("pro", n + 2, f) for n, f in enumerate(friends[:k])]
        ties = [
            tieset("perso", [("Liam Colin", f) for f in friends]),
            tieset("pro", [("Liam Collins", f) for f in [*friends[:k], "Hugo Blanc", "Jade Colin"]]),
        ]
        res = resolve(contacts(*rows), ties)
        assert (person_of(res, "perso:1") == person_of(res, "pro:1")) is merged, k
        if not merged:
            assert double_row(res, "perso:1")["band"] == "review"
