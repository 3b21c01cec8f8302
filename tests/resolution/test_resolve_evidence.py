"""Each kind of evidence moves the confidence as the log-odds weights of match.py say.

Expected confidences are hand-computed: sigmoid(PRIOR -1.5 + name + rarity + company + shared
+ homonym + same account), with name exact = +3.0, a rare name (one contact per account) = +0.5,
same company = +1.0, k shared contacts = +(1 + 1.2*log2(1+k)).
"""

from __future__ import annotations

import math

import pytest

from .resolve_helpers import contact, contacts, double_row, person_of, population_term, tieset
from .resolve_helpers import resolve_en as resolve


def sig(x: float) -> float:
    return 1 / (1 + math.exp(-x))


@pytest.mark.parametrize(
    "field, left, right, words",
    [
        ("profile_url", "https://www.facebook.com/marie.dupont.12", "facebook.com/marie.dupont.12/?ref=bookmarks", "same profile URL"),
        ("email", "marie@example.org", "MARIE@example.org ; other@example.net", "same email"),
        ("phone", "+33 6 12 34 56 78", "06 12 34 56 78", "same phone"),
        ("platform_id", "100001234567", "100001234567", "same platform id"),
    ],
)
def test_identifier_is_certain_whatever_the_names(field, left, right, words):
    # names too different to be blocked together: only the identifier links them
    c = contacts(contact("perso", 1, "M. Dupont", **{field: left}), contact("pro", 1, "Marie-Claire Durand", **{field: right}))
    res = resolve(c)
    assert person_of(res, "perso:1") == person_of(res, "pro:1")
    row = double_row(res, "perso:1")
    assert (row["band"], row["confidence"]) == ("certain", 1.0)
    assert row["evidence"].startswith(words)


def test_shared_email_of_two_contacts_of_one_account_is_not_evidence():
    # an office mailbox used by two perso contacts says nothing about who is who
    c = contacts(
        contact("perso", 1, "Ana Costa", email="office@example.org"),
        contact("perso", 2, "Rui Lopes", email="office@example.org"),
        contact("pro", 1, "Pedro Alves", email="office@example.org"),
    )
    res = resolve(c)
    assert len(set(res.contacts["person_id"])) == 3


def test_shared_ties_make_a_same_name_pair_certain():
    friends = ["Anne Petit", "Luc Bernard", "Zoé Roux"]
    rows = [contact("perso", 1, "Paul Girard"), contact("pro", 1, "Paul Girard")]
    rows += [contact("perso", i + 2, f) for i, f in enumerate(friends)] + [contact("pro", i + 2, f) for i, f in enumerate(friends)]
    ties = [tieset("perso", [("Paul Girard", f) for f in friends]), tieset("pro", [("Paul Girard", f) for f in friends])]
    res = resolve(contacts(*rows), ties)
    row = double_row(res, "perso:1")
    # -1.5 + 3.0 + 0.5 + (1 + 1.2*log2(4) = 3.4) = 5.4, plus the population term of "Paul Girard"
    assert row["confidence"] == pytest.approx(sig(5.4 + population_term("paul", "girard")), abs=1e-4)
    assert row["band"] == "certain"
    assert "3 shared contacts" in row["evidence"]


def test_same_company_raises_confidence():
    def conf(company: str) -> dict:
        c = contacts(
            contact("pro", 1, "Léon Garnier", company=company),
            contact("linkedin", 1, "Léon Garnier", company=company, profile_url="https://www.linkedin.com/in/leon-garnier"),
        )
        return double_row(resolve(c), "pro:1")

    without, with_company = conf(""), conf("Office de Tourisme de Pau")
    pop = population_term("leon", "garnier")
    assert without["confidence"] == pytest.approx(sig(2.0 + pop), abs=1e-4)  # -1.5 + 3.0 + 0.5 + population
    assert with_company["confidence"] == pytest.approx(sig(3.0 + pop), abs=1e-4)  # + 1.0
    assert "same company" in with_company["evidence"]
    assert with_company["band"] == "likely"  # no ties at all: never certain


def test_common_name_lowers_confidence_below_the_threshold():
    # two "Camille Martin" among perso's friends: the name is common, the pro one is not merged
    c = contacts(contact("perso", 1, "Camille Martin"), contact("perso", 2, "Camille Martin"), contact("pro", 1, "Camille Martin"))
    res = resolve(c)
    pro = person_of(res, "pro:1")
    assert pro not in {person_of(res, "perso:1"), person_of(res, "perso:2")}
    rows = [r for r in res.doubles.to_dict("records") if "pro:1" in r["contact_ids"]]
    # -1.5 + 3.0 - 0.8*log2(2) = 0.7, plus the population term of "Camille Martin"
    pop = population_term("camille", "martin")
    assert len(rows) == 2 and all(r["confidence"] == pytest.approx(sig(0.7 + pop), abs=1e-4) for r in rows)
    assert all(r["band"] == "review" and "common name" in r["evidence"] for r in rows)


def test_rare_name_alone_is_merged_but_left_to_review():
    # lists alone cannot rule out a homonym (issue 3: names-only pairs belong in review),
    # but the pair is above the threshold, so it is merged and the overlap figures hold
    res = resolve(contacts(contact("perso", 1, "Ysolde Kerbrat"), contact("pro", 1, "Ysolde KERBRAT Pro")))
    assert person_of(res, "perso:1") == person_of(res, "pro:1")
    row = double_row(res, "perso:1")
    assert (row["band"], row["confidence"]) == ("review", pytest.approx(sig(2.0), abs=1e-4))
    assert row["names"] == "perso: Ysolde Kerbrat | pro: Ysolde KERBRAT Pro"
    assert row["evidence"] == "same name; rare name; ties unknown on both sides"


def test_diminutive_variant_is_merged():
    res = resolve(contacts(contact("perso", 1, "Sébastien Martin"), contact("pro", 1, "Seb Martin")))
    row = double_row(res, "perso:1")
    # -1.5 + 2.6 + 0.5 = 1.6, plus the population term of "Sébastien Martin"
    assert row["confidence"] == pytest.approx(sig(1.6 + population_term("sebastien", "martin")), abs=1e-4)
    assert row["name"] == "Sébastien Martin"  # the most complete name


def test_shared_counts_by_hand():
    # entities 0..5, labels: 2 and 3 are one person (label 2), the others their own. Ties: 0–2, 0–3, 0–4, 1–2, 1–4,
    # 1–5, 5–0 (written v < u once) and 0–1. Pair (0, 1): neighbours of 0 by label {1, 2, 4, 5}, of 1 {0, 2, 4, 5}; the
    # partners' own labels (0, 1) are not counted: shared {2, 4, 5} = 3. Pair (2, 3): 2 sees {0, 1}, 3 sees {0}: 1.
    # Pair (4, 5): both see {0, 1}: 2.
    import numpy as np
    import pandas as pd

    from netmix.resolution.match import shared_counts

    edges = pd.DataFrame({"u": [0, 0, 0, 1, 1, 1, 0, 0], "v": [2, 3, 4, 2, 4, 5, 5, 1]})
    labels = np.array([0, 1, 2, 2, 4, 5])
    shared, degree = shared_counts(6, edges, labels, np.array([0, 2, 4]), np.array([1, 3, 5]))
    assert shared.tolist() == [3, 1, 2]
    assert degree.tolist() == [5, 4, 2, 1, 2, 2]
