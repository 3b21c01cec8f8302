"""The report's content without a browser: words in the reader's language, figures, pairs to decide.

Expected figures come from the output tables read back with pandas (``persons.csv``, ``contacts``)
and from the hand-built case of ``conftest.py`` — never from the functions under test.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from netmix.config import load_config
from netmix.model import REVIEW_COLUMNS
from netmix.pipeline import run
from netmix.privacy import Pseudonymizer, anonymize_tables
from netmix.render import charts, figures, i18n, wording
from netmix.render.decide import review_rows, run_key
from netmix.render.html import map_html
from netmix.render.report import _encode, report_html
from netmix.resolution.facts import Fact

from .english import english_in

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def samples():
    return run(load_config(ROOT / "samples" / "netmix.toml"))


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="nm-report-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


def test_the_english_check_finds_english():
    # the check itself: an English page and English evidence are caught, a French sentence is not
    assert "same name" in english_in("<p>même nom ; same name</p>")
    assert "Accounts" in english_in('<script type="application/json">{"title": "Accounts: perso"}</script>')
    assert english_in("<p>Comptes : perso ; même nom ; 3 contacts communs</p>") == []


def test_french_pages_of_the_case_hold_no_english(case):
    resolution, analysis, accounts = case
    page = map_html(analysis, resolution, accounts, lang="fr")
    assert english_in(page) == []
    assert english_in(report_html(analysis, resolution, accounts, lang="fr", map_html_fragment=page)) == []
    assert len(english_in(report_html(analysis, resolution, accounts, lang="en"))) > 50  # the English page is English


@pytest.mark.parametrize("pseudonymised", [False, True])
def test_french_pages_of_the_samples_hold_no_english(samples, pseudonymised):
    pseudo = Pseudonymizer(bytes(range(32))) if pseudonymised else None
    accounts = samples.config.accounts
    page = map_html(samples.analysis, samples.resolution, accounts, lang="fr", pseudonymizer=pseudo)
    report = report_html(samples.analysis, samples.resolution, accounts, lang="fr", pseudonymizer=pseudo, map_html_fragment=page)
    assert english_in(page) == []
    assert english_in(report) == []
    if pseudonymised:  # no names, no source keys (they hold profile URLs and names) in the page
        data = _data(report)
        assert all(r["source_keys"] == [] for r in data["review"]["rows"])
        assert "Aurore Thomas" not in report


def test_every_suggestion_and_evidence_of_the_samples_is_read(samples):
    d = samples.resolution.doubles
    assert Counter(wording.suggestion_kind(s) for s in d["suggestion"])["other"] == 0
    for facts in d["evidence"]:  # every double's evidence facts, said in French
        said = wording.evidence("fr", facts)
        assert english_in(f"<p>{said}</p>") == [], facts


def test_overlap_figures_match_the_persons_table(samples):
    p = samples.analysis.persons
    contacts = p[p["accounts"].astype(str) != ""]
    expected = Counter(";".join(sorted(a.split(";"))) for a in contacts["accounts"])
    from netmix.render.people import build_view

    got = figures.overlap(build_view(samples.analysis, samples.resolution).persons)
    assert {";".join(c["accounts"]): c["persons"] for c in got} == dict(expected)
    assert [c["persons"] for c in got] == sorted((c["persons"] for c in got), reverse=True)
    chart = charts.overlap_chart(got, "en")
    assert [r[1] for r in chart["rows"]] == [c["persons"] for c in got]  # the table is the chart's figures


def test_circle_and_wave_figures_match_the_tables(samples):
    cl = samples.analysis.clusters
    got = figures.circles(cl, {})
    by_id = {r["cluster"]: r for r in got}
    for r in cl.to_dict("records"):
        assert (by_id[r["cluster"]]["personal"], by_id[r["cluster"]]["professional"], by_id[r["cluster"]]["both"]) == (
            int(r["personal"]), int(r["professional"]), int(r["both"])
        )
    contacts = samples.resolution.contacts
    t = figures.timeline(contacts, samples.analysis.waves)
    dated = contacts[contacts["connected_on"].str.match(r"\d{4}-\d{2}-\d{2}")]
    expected = Counter(zip(dated["account"], dated["connected_on"].str[:4], strict=False))
    assert t["unit"] == "year"
    got_counts = {(a, p): n for a in t["accounts"] for p, n in zip(t["periods"], t["counts"][a], strict=False) if n}
    assert got_counts == dict(expected)
    assert len(t["waves"]) == len(samples.analysis.waves)


def test_the_report_holds_the_four_charts_and_their_tables(samples):
    report = report_html(samples.analysis, samples.resolution, samples.config.accounts, lang="en", map_html_fragment="<p>map</p>")
    for key in ("overlap", "circles", "waves", "bridges"):
        assert f'id="nm-svg-{key}"' in report
        assert f'id="nm-chart-{key}"' in report
    assert "<svg" in report and "https://" not in report.split("<iframe")[0]


def test_pairs_to_decide_come_from_the_review_band(samples):
    d = samples.resolution.doubles
    rows = review_rows(None, d, samples.resolution.contacts, "fr")
    band = d[d["band"] == "review"]
    assert [r["person_id"] for r in rows] == band["person_id"].tolist()
    c = samples.resolution.contacts.set_index("contact_id")
    for r, cids in zip(rows, band["contact_ids"], strict=False):
        assert r["contact_ids"] == sorted(cids.split(";"))
        # a source key per contact, "account|source_id", as load_decisions reads it
        assert r["source_keys"] == sorted({f"{c.loc[x, 'account']}|{c.loc[x, 'source_id']}" for x in r["contact_ids"]})
        assert set(r["accounts"]) == {x.split(":")[0] for x in r["contact_ids"]}
    assert run_key(rows) == run_key(review_rows(None, d, samples.resolution.contacts, "en"))  # one key per set of pairs


def test_pairs_to_decide_come_from_review_rows_when_given(case):
    resolution, analysis, accounts = case
    review = pd.DataFrame(
        [{**dict.fromkeys(REVIEW_COLUMNS, ""), "review_id": "R1", "kind": "possible_bridge", "person_id": "p01;p10",
          "name": "Marie Dupont", "accounts": "perso;linkedin", "confidence": "0.5", "band": "review",
          "evidence": (Fact("name.exact"),), "suggestion": (Fact("sg.review"),),
          "contact_ids": "perso:1;linkedin:2", "source_keys": "perso|name:Marie Dupont;linkedin|x"}]
    )  # fmt: skip
    page = report_html(analysis, resolution, accounts, lang="fr", review=review, map_html_fragment="<p></p>")
    data = _data(page)
    (row,) = data["review"]["rows"]
    assert (row["id"], row["contact_ids"], row["accounts"]) == ("R1", ["linkedin:2", "perso:1"], ["linkedin", "perso"])
    assert data["review"]["values"]["evidence"][row["evidence"]] == "même nom"
    assert data["review"]["columns"] == ["person_id", "name", "accounts", "decision", "note", "band", "confidence",
                                         "suggestion", "contact_ids", "source_keys"]  # fmt: skip


def test_repeated_words_are_sent_once():
    table = {"columns": [{"label": "a"}, {"label": "b"}], "rows": [[str(i), "same"] for i in range(60)]}
    coded = _encode(json.loads(json.dumps(table)))
    assert "values" not in coded["columns"][0] and coded["columns"][1]["values"] == ["same"]
    assert [[r[0], coded["columns"][1]["values"][r[1]]] for r in coded["rows"]] == table["rows"]


def test_circle_labels_and_doubles_summary_in_french():
    assert wording.circle_label("fr", "2014–2020 · personal") == "2014–2020 · perso"
    assert wording.circle_label("fr", "cluster c07") == "cercle c07"
    assert wording.circle_label("fr", "Mes amis du club") == "Mes amis du club"  # a user's label is kept
    facts = (Fact("sg.professional", {"keep": ("linkedin", "pro"), "drop": ("perso",), "k": 9, "n": 11}),)
    said = wording.suggestion("fr", facts)  # the sentence of catalogue/evidence.py's FR ev.sg.professional
    assert said == (
        "cercle professionnel : gardez sur linkedin et pro, envisagez de retirer de perso — "
        "contacts en commun avec vous : 9 sur 11 pro"
    )


def _decoded(table: dict, lang: str = "en") -> list[dict]:
    """The rows of an encoded report table as dicts keyed by catalogue key (``col.rank``…; cells sent as indices decoded)."""
    keys = {i18n.t(lang, k): k for k in ("col.rank", "col.name", "col.accounts", "col.cluster", "col.score", "col.status")}
    cols = table["columns"]
    out = []
    for row in table["rows"]:
        cells = [c["values"][v] if "values" in c else v for c, v in zip(cols, row, strict=True)]
        out.append({keys.get(c["label"], c["label"]): v for c, v in zip(cols, cells, strict=True)})
    return out


@pytest.mark.parametrize("pseudonymised", [False, True])
def test_possible_bridges_are_listed_in_the_report_with_both_halves(samples, pseudonymised):
    # issue 12: the report's bridges section lists every row of bridges.csv, the possible (unconfirmed) bridges
    # at the rank they would have, each with both halves' names (pseudonyms when pseudonymised) and accounts
    pseudo = Pseudonymizer(bytes(range(32))) if pseudonymised else None
    page = report_html(samples.analysis, samples.resolution, samples.config.accounts, lang="en", pseudonymizer=pseudo)
    rows = _decoded(_data(page)["tables"]["bridges"])
    bridges = samples.analysis.bridges
    assert len(rows) == len(bridges)
    possible = bridges[bridges["status"] == "unconfirmed"]
    assert len(possible) >= 4  # the samples plant 4 split bridges
    persons = samples.analysis.persons
    if pseudo is not None:  # the names the privacy layer gives (ids kept, as the pages keep them)
        persons = anonymize_tables({"persons": persons}, pseudo, key_ids=False)["persons"]
    persons = persons.set_index("person_id")
    shown = [r for r in rows if r["col.status"] == "to confirm"]
    assert len(shown) == len(possible)
    for (_, b), r in zip(possible.sort_values(["rank", "person_id"]).iterrows(), shown, strict=True):
        a_id, b_id = str(b["person_ids"]).split(";")
        assert r["col.rank"] == int(b["rank"])
        halves_accounts = {a for x in (a_id, b_id) for a in str(persons.loc[x, "accounts"]).split(";") if a}
        assert set(r["col.accounts"].split(", ")) == halves_accounts >= {"perso", "pro"}
        assert r["col.name"] == " / ".join(str(persons.loc[x, "name"]) for x in (a_id, b_id))
        if pseudonymised:
            assert samples.analysis.persons.set_index("person_id").loc[a_id, "name"] not in page
