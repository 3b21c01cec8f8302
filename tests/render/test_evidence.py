"""Evidence and suggestions in words (render/evidence.py): the English sentences netmix always wrote, and French."""

from __future__ import annotations

from collections import Counter

from netmix.render.evidence import evidence_text
from netmix.resolution.facts import Fact, evidence_facts, suggestion_facts

SPHERES = {"perso": "personal", "pro": "professional", "linkedin": "professional"}


def _row(**kw):
    row = {
        "ids": "",
        "rel": "exact",
        "fuzzy": 1.0,
        "freq": 1,
        "shared": 0,
        "homonym": False,
        "both_ties": False,
        "same_company": False,
    }
    row.update(kw)
    return row


def test_english_sentences_are_the_historic_ones():
    assert evidence_text(evidence_facts(_row(ids="email;url", shared=14, same_company=True), 3, 4)) == (
        "same email; same profile URL; same name; rare name; 14 shared contacts; same company"
    )
    assert evidence_text(evidence_facts(_row(rel="", fuzzy=0.9, freq=3), 0, 5)) == (
        "similar name (90%); common name (3 contacts of one account); ties unknown on one side"
    )
    assert evidence_text(evidence_facts(_row(homonym=True, both_ties=True), 5, 5)) == (
        "same name; rare name; no shared contact although both have ties: possible homonym"
    )
    sugg = suggestion_facts(["linkedin", "perso", "pro"], SPHERES, Counter(personal=8, professional=1))
    assert (
        evidence_text(sugg)
        == "personal circle: keep on perso, consider removing from linkedin and pro — mutual contacts: 8 of 9 personal"
    )
    pairs = (
        Fact("decided_same"),
        Fact("pair", {"pair": ("perso", "pro"), "facts": (Fact("name.exact"),)}),
        Fact("pair", {"pair": ("linkedin", "pro"), "facts": (Fact("shared", {"n": 1}),)}),
    )
    assert evidence_text(pairs) == "decided: same; perso – pro: same name / linkedin – pro: 1 shared contact"


def test_french_words():
    assert evidence_text(evidence_facts(_row(shared=2), 3, 3), "fr") == "même nom ; nom rare ; 2 contacts communs"
    sugg = suggestion_facts(["perso", "pro"], SPHERES, None, "Office de Tourisme de Pau")
    assert evidence_text(sugg, "fr").startswith(
        "vous n'avez aucun contact en commun connu avec cette personne (travaille chez Office de Tourisme de Pau)"
    )
    decided = (Fact("decided", {"decision": "keep", "note": "amie", "then": (Fact("sg.review"),)}),)
    assert evidence_text(decided, "fr").startswith("décidé : garder (amie) — netmix suggérait : à vérifier")


def test_text_is_kept_as_it_is():
    assert evidence_text("already words", "fr") == "already words"


def test_facts_said_once_are_said_again_alike_and_never_for_other_facts():
    # evidence_text keeps what it said per language and facts: asking again, in the other language or with
    # other numbers, must give the sentences said the first time (the expected ones are the historic words)
    shared = (Fact("name.exact"), Fact("shared", {"n": 2}))
    for _ in range(2):
        assert evidence_text(shared) == "same name; 2 shared contacts"
        assert evidence_text(shared, "fr") == "même nom ; 2 contacts communs"
        assert evidence_text((Fact("name.exact"), Fact("shared", {"n": 3}))) == "same name; 3 shared contacts"
        assert evidence_text((Fact("shared", {"n": 2}), Fact("name.exact"))) == "2 shared contacts; same name"
        pair = [Fact("pair", {"pair": ("perso", "pro"), "facts": shared})]  # nested facts: no key, said each time
        assert evidence_text(pair) == "perso – pro: same name; 2 shared contacts"


def test_suggestions_count_mutual_contacts_and_read_well_at_one():
    """A suggestion counts the double's mutual contacts with you, by sphere; the evidence counts the contacts its two
    accounts share. The two used to be both "shared contacts" ("1 shared contact" beside "of 5 shared contacts"),
    and "1 are personal" / "1 sont personnels" was written at one. Sentences written by hand."""
    sugg = (Fact("sg.both", {"n": 3, "p": 1, "q": 1, "b": 1}),)
    assert evidence_text(sugg) == "both circles: keep on both — mutual contacts: 3 (1 personal, 1 professional, 1 in both)"
    assert evidence_text(sugg, "fr") == (
        "les deux cercles : gardez sur les deux — contacts en commun avec vous : 3 (1 perso, 1 pro, 1 dans les deux)"
    )
    one = (Fact("sg.personal", {"keep": ("perso",), "drop": ("pro",), "k": 1, "n": 1}),)
    assert evidence_text(one) == "personal circle: keep on perso, consider removing from pro — mutual contacts: 1 of 1 personal"
    assert evidence_text(one, "fr") == (
        "cercle personnel : gardez sur perso, envisagez de retirer de pro — contacts en commun avec vous : 1 sur 1 perso"
    )
    assert evidence_text((Fact("sg.no_shared", {"company": ""}),)).startswith("no mutual contacts known: ")
