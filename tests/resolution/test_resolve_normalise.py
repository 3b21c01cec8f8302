"""Name and identifier normalisation: one assertion per case of the issue."""

from __future__ import annotations

import csv
import importlib.resources

import pytest

from netmix.resolution.normalise import (
    block_keys,
    compare_names,
    fold,
    normalise_email,
    normalise_name,
    normalise_names,
    normalise_phone,
)


def same_key(a: str, b: str) -> bool:
    return normalise_name(a).key == normalise_name(b).key


def test_accents_folded_for_comparison():
    assert same_key("Hélène Lefèvre", "Helene Lefevre")


def test_accents_kept_for_display():
    assert normalise_name("Hélène Lefèvre (OT Pau)").display == "Hélène Lefèvre"


def test_ligatures_folded():
    assert fold("Lœuillet") == "loeuillet"


def test_case():
    assert same_key("marie dupont", "MARIE DUPONT")


def test_spacing():
    assert same_key("  Marie   Dupont ", "Marie Dupont")


def test_hyphens():
    assert same_key("Jean-Baptiste Roux", "Jean Baptiste Roux")


def test_particle_le():
    assert same_key("Yann Le Goff", "Yann LEGOFF")


def test_particle_da():
    assert same_key("Léa Da Silva", "Lea da silva")


def test_particle_de_la():
    assert same_key("Jean de La Tour", "Jean DE LA TOUR")


def test_swapped_order():
    assert same_key("Dupont Marie", "Marie Dupont")


def test_capitalised_surname():
    assert same_key("Marie DUPONT", "Marie Dupont")


def test_capitalised_swapped():
    assert same_key("DUPONT Marie", "Marie Dupont")


@pytest.mark.parametrize(
    "raw",
    ["Marie Dupont Pro", "Marie Dupont (OT Pau)", "Marie Dupont - Office de Tourisme", "Marie Dupont \U0001F30D", "Marie Dupont \u2600\ufe0f"],
)
def test_markers_removed(raw):
    assert normalise_name(raw).display == "Marie Dupont"


def test_marker_word_kept_when_it_is_the_surname():
    # only two words: "Pro" could be a surname, so nothing is removed
    assert normalise_name("Jean Pro").display == "Jean Pro"


def test_names_normalised_together_as_one_by_one():
    names = [
        "Marie Dupont",
        "Hélène Lefèvre (OT Pau)",
        "Yann Le Goff",
        "  Jean-Baptiste   O’Brien ",
        "Seb Martin",
        "Marie Dupont",
        "",
        "🏖️",
        "OT Pau - Emma Roger",
        "Dr Marie Claire Dupont Pro",
        "Ægir Þórsson",
        "Marie D.",
    ]
    one_by_one = []
    for n in names:
        normalise_name.cache_clear()
        one_by_one.append(normalise_name(n))
    assert normalise_names(names) == one_by_one
    assert normalise_names([]) == []


def test_initial():
    assert compare_names(normalise_name("Marie D."), normalise_name("Marie Dupont")) == "initial"


def test_initial_shares_a_block_with_the_full_name():
    assert set(block_keys(normalise_name("Marie D."))) & set(block_keys(normalise_name("Marie Dupont")))


@pytest.mark.parametrize(
    "short, full",
    [
        ("Seb Martin", "Sébastien Martin"),
        ("Fred Morel", "Frédéric Morel"),
        ("JB Roux", "Jean-Baptiste Roux"),
        ("Bob Smith", "Robert Smith"),
        ("Kate Brown", "Katherine Brown"),
        ("Steph Garnier", "Stéphanie Garnier"),
        ("Nico Faure", "Nicolas Faure"),
    ],
)
def test_diminutives(short, full):
    assert compare_names(normalise_name(short), normalise_name(full)) == "diminutive"


def test_different_first_names_are_not_diminutives():
    assert compare_names(normalise_name("Marie Dupont"), normalise_name("Sophie Dupont")) == ""


def test_extra_middle_name():
    assert compare_names(normalise_name("Marie Claire Dupont"), normalise_name("Marie Dupont")) == "subset"


def test_diminutive_table_shipped_and_well_formed():
    ref = importlib.resources.files("netmix") / "data" / "diminutives.csv"
    with ref.open("r", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 200
    assert all(r["variant"] and r["canonical"] and r["lang"] in ("fr", "en") for r in rows)


def test_phone_formats():
    assert normalise_phone("+33 6 12 34 56 78") == normalise_phone("06.12.34.56.78") == "612345678"


def test_short_phone_ignored():
    assert normalise_phone("12 34") == ""


def test_email():
    assert normalise_email(" Mailto:Marie.Dupont@Example.ORG ") == "marie.dupont@example.org"


def _keys_by_definition(toks: tuple[str, ...], key: str) -> set[str]:
    """block_keys' docstring, word for word, for names without initials: ``k:`` the key; ``d:rest|full`` the other
    words with each full form of a short word (and a full form's own); ``s:`` the key, and (three words or more)
    the name without one of its words."""
    from netmix.resolution.normalise import _table, _targets

    rest = [" ".join(toks[:n] + toks[n + 1 :]) for n in range(len(toks))]
    out = {"k:" + key}
    if len(toks) > 1:
        out |= {f"d:{rest[n]}|{f}" for n, t in enumerate(toks) for f in _table().get(t, ())}
        out |= {f"d:{rest[n]}|{t}" for n, t in enumerate(toks) if t in _targets()}
        out.add("s:" + key)
    if len(toks) >= 3:
        out |= {"s:" + r for r in rest}
    return out


@pytest.mark.parametrize(
    "name",
    ["Fred Morel", "Marie Claire Dupont", "Jean Jean Dupont", "Anne Marie Louise de la Tour", "Bob Bob", "Zoé",
     "Seb Martin Martin"],  # fmt: skip
)
def test_block_keys_are_those_of_the_definition_each_once(name):
    nk = normalise_name(name)
    keys = block_keys(nk, initial_words=frozenset())  # no initials asked for
    assert len(keys) == len(set(keys)) and set(keys) == _keys_by_definition(nk.canon[:4], nk.key)
