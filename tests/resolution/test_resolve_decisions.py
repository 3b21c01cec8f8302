"""Decisions: loaded from the CSV a community manager edits, re-applied on every run."""

from __future__ import annotations

import pytest

from netmix.errors import InputError
from netmix.io.output import csv_bytes
from netmix.resolution import decisions_template, load_decisions
from netmix.resolution.decisions import TEMPLATE_COLUMNS

from .resolve_helpers import contact, contacts, double_row, person_of, tieset
from .resolve_helpers import resolve_en as resolve


def base():
    rows = [
        contact("perso", 1, "Ysolde Kerbrat"),
        contact("pro", 1, "Ysolde Kerbrat Pro"),
        contact("perso", 2, "Nicolas Petit"),
        contact("pro", 2, "Nicolas Petit"),
    ]
    perso_friends, pro_friends = ["Anne Roux", "Luc Faure", "Inès Vidal"], ["Zoé Garnier", "Hugo Blanc", "Jade Colin"]
    rows += [contact("perso", i + 3, f) for i, f in enumerate(perso_friends)] + [contact("pro", i + 3, f) for i, f in enumerate(pro_friends)]
    # Nicolas Petit: three ties each side, none shared -> a possible homonym
    ties = [tieset("perso", [("Nicolas Petit", f) for f in perso_friends]), tieset("pro", [("Nicolas Petit", f) for f in pro_friends])]
    return contacts(*rows), ties


def write_decisions(tmp_path, res, choices: dict[str, str], note: str = "") -> str:
    """The template with a decision filled in for the rows holding the given contact ids."""
    t = decisions_template(res)
    for cid, decision in choices.items():
        mask = t["contact_ids"].str.split(";").map(lambda xs: cid in xs)
        t.loc[mask, "decision"] = decision
        t.loc[mask, "note"] = note
    path = tmp_path / "decisions.csv"
    path.write_bytes(csv_bytes(t))
    return str(path)


def test_template_columns_and_rows():
    c, ties = base()
    res = resolve(c, ties)
    t = decisions_template(res)
    assert tuple(t.columns) == TEMPLATE_COLUMNS
    assert len(t) == len(res.doubles) == 2
    ys = t[t["contact_ids"] == "perso:1;pro:1"].iloc[0]
    assert ys["source_keys"] == "perso|name:Ysolde Kerbrat;pro|name:Ysolde Kerbrat Pro"


def test_not_same_forbids_the_merge_and_is_not_asked_again(tmp_path):
    c, ties = base()
    first = resolve(c, ties)
    assert person_of(first, "perso:1") == person_of(first, "pro:1")
    dec = load_decisions(write_decisions(tmp_path, first, {"perso:1": "not same"}))
    again = resolve(c, ties, decisions=dec)
    assert person_of(again, "perso:1") != person_of(again, "pro:1")
    row = double_row(again, "perso:1")
    assert (row["band"], row["decision"]) == ("review", "not same")  # band stays (name only), decision filled
    assert again.params["decisions"] == [{"line": 2, "decision": "not same", "person_id": person_of(first, "perso:1"), "contacts": 2, "rows": 1, "matched": True}]


def test_same_forces_a_merge_of_a_possible_homonym(tmp_path):
    c, ties = base()
    first = resolve(c, ties)
    assert person_of(first, "perso:2") != person_of(first, "pro:2")
    dec = load_decisions(write_decisions(tmp_path, first, {"perso:2": "même"}))
    again = resolve(c, ties, decisions=dec)
    assert person_of(again, "perso:2") == person_of(again, "pro:2")
    assert double_row(again, "perso:2")["decision"] == "same"


def test_keep_is_carried_into_decision_and_suggestion(tmp_path):
    c, ties = base()
    first = resolve(c, ties)
    dec = load_decisions(write_decisions(tmp_path, first, {"perso:1": "garder"}, note="amie d'enfance"))
    row = double_row(resolve(c, ties, decisions=dec), "perso:1")
    assert row["decision"] == "keep"
    assert row["suggestion"].startswith("decided: keep (amie d'enfance)")


def test_decisions_survive_a_change_of_person_id(tmp_path):
    c, ties = base()
    first = resolve(c, ties)
    path = tmp_path / "d.csv"
    # only the source keys identify the contacts; the person id is stale
    path.write_text("person_id,name,accounts,decision,note,source_keys\npdeadbeef00,Y,perso;pro,retirer,,perso|name:Ysolde Kerbrat;pro|name:Ysolde Kerbrat Pro\n", encoding="utf-8")
    row = double_row(resolve(c, ties, decisions=load_decisions(str(path))), "perso:1")
    assert row["decision"] == "remove"


@pytest.mark.parametrize("value, expected", [("same", "same"), ("Différent", "not same"), ("not_same", "not same"), ("GARDER", "keep"), ("retirer", "remove")])
def test_values_in_english_and_french(tmp_path, value, expected):
    path = tmp_path / "d.csv"
    path.write_text(f"person_id;decision;contact_ids\np0123456789;{value};perso:1;pro:1\n".replace(";perso:1;pro:1", ";perso:1"), encoding="cp1252")
    assert load_decisions(str(path)).items[0].decision == expected


def test_bad_decision_names_the_line(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("person_id,decision\np0123456789,same\np0123456788,peut-être\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_decisions(str(path))
    assert err.value.line == 3 and "peut-être" in str(err.value)


def test_empty_decisions_are_ignored(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("person_id,decision\np0123456789,\n", encoding="utf-8")
    assert len(load_decisions(str(path))) == 0


def test_a_missing_decisions_file_is_an_input_error_naming_it(tmp_path):
    missing = tmp_path / "decisions.csv"
    with pytest.raises(InputError) as err:
        load_decisions(str(missing))
    assert str(missing) in str(err.value) and err.value.exit_code == 3


def test_decisions_matching_nothing_in_this_data_are_counted(tmp_path):
    c, ties = base()
    path = tmp_path / "old.csv"
    path.write_text("person_id,decision,contact_ids\npx,same,other:1;other:2\npy,keep,perso:1\n", encoding="utf-8")
    res = resolve(c, ties, decisions=load_decisions(str(path)))
    # other:1 / other:2 are not in this data; perso:1 is
    assert res.params["decisions_match"] == {"decisions": 2, "matched": 1}
