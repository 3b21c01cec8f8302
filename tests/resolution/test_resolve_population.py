"""Issue 12: name evidence weighted by how common the name is (population), and organisations in account names."""

from __future__ import annotations

import math

import pytest

from netmix.resolution.normalise import normalise_name, organisation

from .resolve_helpers import contact, contacts, double_row, population_term
from .resolve_helpers import resolve_en as resolve


def sig(x: float) -> float:
    return 1 / (1 + math.exp(-x))


@pytest.mark.parametrize(
    ("raw", "org"),
    [
        ("Emma Roger (OT Pau)", "OT Pau"),
        ("Emma Roger - Office de Tourisme", "Office de Tourisme"),
        ("OT Pau - Emma Roger", "OT Pau"),
        ("Emma Roger Pro", ""),
        ("Emma ROGER PRO", ""),
    ],
)
def test_each_name_form_is_the_same_name_with_its_organisation(raw, org):
    assert normalise_name(raw).key == normalise_name("Emma Roger").key == "emma roger"
    assert organisation(raw) == org


def test_rare_and_common_names_weigh_differently():
    # a list-only pair (no ties, no company): -1.5 + 3.0 (same name) + 0.5 (one per account) = 2.0,
    # plus the population term worked out from the shipped table (tests/resolution/resolve_helpers.py)
    common = double_row(resolve(contacts(contact("perso", 1, "Sophie Martin"), contact("pro", 1, "Sophie Martin"))), "perso:1")
    rare = double_row(resolve(contacts(contact("perso", 1, "Maud Lefèvre"), contact("pro", 1, "Maud Lefèvre"))), "perso:1")
    # Sophie (INSEE first-name rank 23 of women) × Martin (surname rank 1): about 2.3e-6, ~23 times the 1e-7 reference
    assert 0.35 * math.log(1e-7 / (0.000655 * 0.0035)) < -0.5  # so the term is at its floor
    assert population_term("sophie", "martin") == -0.5
    assert population_term("sophie", "martin") < 0 < population_term("maud", "lefevre")
    assert common["confidence"] == pytest.approx(sig(2.0 + population_term("sophie", "martin")), abs=1e-4)
    assert rare["confidence"] == pytest.approx(sig(2.0 + population_term("maud", "lefevre")), abs=1e-4)
    assert rare["confidence"] > common["confidence"]
    # the evidence says which source weighed, and no longer calls Sophie Martin a rare name
    assert "common name in the population (INSEE: 1 in " in common["evidence"] and "rare name;" not in common["evidence"]
    assert "rare name in the population (INSEE)" in rare["evidence"]
    assert common["band"] == rare["band"] == "review"  # lists only: never certain


def test_english_names_use_the_census_source():
    row = double_row(resolve(contacts(contact("perso", 1, "John Smith"), contact("pro", 1, "John Smith"))), "perso:1")
    assert "(US Census: 1 in " in row["evidence"]


def test_organisation_in_the_name_matching_the_company_is_evidence():
    c = contacts(
        contact("pro", 1, "Emma Roger (Office de Tourisme de Pau)"),
        contact(
            "linkedin", 1, "Emma Roger", company="Office de Tourisme de Pau", profile_url="https://www.linkedin.com/in/emma-roger"
        ),
    )
    row = double_row(resolve(c), "pro:1")
    assert "organisation in the name matches a company: Office de Tourisme de Pau" in row["evidence"]
    plain = double_row(resolve(contacts(contact("pro", 1, "Emma Roger (OT Pau)"), contact("linkedin", 1, "Emma Roger"))), "pro:1")
    assert "organisation in the name: OT Pau" in plain["evidence"]
    assert row["confidence"] == pytest.approx(sig(2.0 + population_term("emma", "roger") + 1.0), abs=1e-4)
