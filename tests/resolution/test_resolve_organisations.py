"""Issue 12: the organisation written in an account name, compared with a company or a cluster's organisation.

Expected values are worked out by hand from the rule in :mod:`netmix.resolution.organisations` (the
words of one name in order among the other's, a word standing for a run of words by their initials,
linking words skipped), on the five name forms of the issue.
"""

from __future__ import annotations

import pytest

from netmix.resolution.normalise import organisation
from netmix.resolution.organisations import organisation_words, same_organisation

OFFICE = "Office de Tourisme de Pau"


@pytest.mark.parametrize(
    "name, org, matches_office",
    [
        ("Emma Roger (OT Pau)", "OT Pau", True),  # OT = Office (de) Tourisme, then Pau
        ("Emma Roger - Office de Tourisme", "Office de Tourisme", True),  # office tourisme: a run of the words
        ("OT Pau - Emma Roger", "OT Pau", True),
        ("Emma Roger Pro", "", False),  # a marker, no organisation
        ("Emma ROGER PRO", "", False),
    ],
)
def test_each_name_form_gives_its_organisation_and_matches_the_office(name, org, matches_office):
    assert organisation(name) == org
    assert same_organisation(org, OFFICE) is matches_office
    assert same_organisation(OFFICE, org) is matches_office  # symmetric


def test_organisation_words_fold_and_skip_linking_words():
    assert organisation_words("Comité Départemental du Tourisme") == ("comite", "departemental", "tourisme")
    assert organisation_words("O.T. de Pau") == ("ot", "pau")


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("CDT 64", "Comité Départemental du Tourisme 64", True),  # C-D-T over three words, "du" skipped
        ("OT Pau", "Office de Tourisme de Biarritz", False),  # the town differs
        ("OT Pau", "Mairie de Pau", False),  # "ot" is not M-(de)-P…, nor a word of it
        ("OT Pau", "Le Petit Béarnais", False),
        ("Office de Tourisme", "OT Pau", False),  # no town on one side, an acronym on the other: not said
        ("OT Pau", "", False),  # blank matches nothing
        ("Pau", OFFICE, True),  # one word of the other, as the former containment rule said
    ],
)
def test_same_organisation_by_hand(a, b, same):
    assert same_organisation(a, b) is same
