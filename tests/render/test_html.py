"""The map and report pages, checked as text (the browser tests check behaviour)."""

import json
import re

import pytest

from netmix.errors import ConfigError
from netmix.privacy import Pseudonymizer
from netmix.render.html import map_html, script_json, vis_assets
from netmix.render.people import build_view
from netmix.render.report import headline_figures, report_html

from .conftest import HREF, IMG, SELECT


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="nm-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def _without_vis(page: str) -> str:
    js, css = vis_assets()
    return page.replace(str(js), "").replace(str(css), "")


def test_script_json_escapes():
    text = str(script_json({"n": "</script><!--&\u2028\u2029"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"n": "</script><!--&\u2028\u2029"}


def test_hostile_names_only_in_json(case):
    resolution, analysis, accounts = case
    page = map_html(analysis, resolution, accounts, title=IMG)
    rest = _without_vis(page)
    for raw in (IMG, SELECT, HREF, "<img", "<a href", "</select><script", "<script>alert"):
        assert raw not in rest
    assert "&lt;img src=x onerror=alert(1)&gt;" in rest  # the title, escaped by Jinja
    names = {n["name"] for n in _data(page)["nodes"]}
    assert {IMG, SELECT, HREF} <= names
    assert "popup.innerHTML" not in page


def test_our_scripts_never_use_html_sinks(case):
    resolution, analysis, accounts = case
    for page in (map_html(analysis, resolution, accounts), report_html(analysis, resolution, accounts)):
        rest = _without_vis(page)
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in rest


def test_offline(case):
    resolution, analysis, accounts = case
    for page in (map_html(analysis, resolution, accounts), report_html(analysis, resolution, accounts, lang="fr")):
        assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', page)
        assert "cdnjs" not in page and "jsdelivr" not in page and "bootstrap" not in page.lower()
        assert "sourceMappingURL" not in page
        assert "default-src 'none'" in page


def test_vis_network_is_9():
    js, _ = vis_assets()
    m = re.search(r"@version (\d+)\.(\d+)\.(\d+)", str(js)[:3000])
    assert m and int(m.group(1)) >= 9


def test_nodes_opaque_ids_deterministic(case):
    resolution, analysis, accounts = case
    a = map_html(analysis, resolution, accounts)
    assert a == map_html(analysis, resolution, accounts)
    data = _data(a)
    assert [n["id"] for n in data["nodes"]] == [f"n{i}" for i in range(1, 11)]  # person-id order
    assert len(data["edges"]) == 13
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])
    marie = data["nodes"][0]
    assert marie["name"] == "Marie Dupont" and marie["shape"] == "diamond" and marie["sphere"] == "both"
    assert "\n" in marie["title"] and "<" not in marie["title"]


def test_tooltips_capped(case):
    import dataclasses

    resolution, analysis, accounts = case
    persons = analysis.persons.copy()
    persons.loc[persons.person_id == "p02", "name"] = "A" * 100_000
    page = map_html(dataclasses.replace(analysis, persons=persons), resolution, accounts)
    node = _data(page)["nodes"][1]
    assert len(node["title"]) <= 1000 and len(node["label"]) <= 60 and len(node["name"]) <= 200


def test_anonymized_map_and_report(case):
    resolution, analysis, accounts = case
    p = Pseudonymizer(bytes(range(32)))
    for page in (
        map_html(analysis, resolution, accounts, pseudonymizer=p),
        report_html(analysis, resolution, accounts, pseudonymizer=p),
    ):
        for secret in ("Marie Dupont", "Omar Haddad", "marie@example.org", "linkedin.com/in", "Jean Martin"):
            assert secret not in page
        assert p.name("p01") in page


def test_aggregated_view(case):
    resolution, analysis, accounts = case
    data = _data(map_html(analysis, resolution, accounts, max_nodes=5))
    assert data["mode"] == "clusters" and "10 persons" in data["note"]
    assert [n["members"] for n in data["nodes"]] == [5, 5]  # c1 and c2 have 5 members each
    # ties between c1 and c2: p01-p10 and p02-p10 (conftest) → one edge worth 2 ties
    assert len(data["edges"]) == 1 and data["edges"][0]["title"] == "2 ties"


def test_headline_figures(case):
    resolution, analysis, _ = case
    f = headline_figures(build_view(analysis, resolution))
    # professional or both: p05 p06 p07 p08 + p01 p10 = 6; both: p01 p10 = 2 → 33 %
    assert f["professional"] == 6 and f["both"] == 2 and f["overlap_pct"] == 33
    # only perso: p02 p03 p04; only pro: p05 p06 p08; only linkedin: p07
    assert f["only"] == {"linkedin": 1, "perso": 3, "pro": 3}
    assert f["contacts"] == 9 and f["doubles"] == 2 and f["top_bridge"] == "Omar Haddad"


def test_report_french(case):
    resolution, analysis, accounts = case
    page = report_html(analysis, resolution, accounts, lang="fr")
    for text in ("compte perso", "compte pro", "Doubles amitiés", "Cercles", "exclu", "Passeurs",
                 "33 % de vos contacts pro sont aussi des amis perso",
                 "3 contacts disparaîtraient si vous supprimiez votre compte perso", "Pas à pas",
                 "passerelle", "hors contacts"):
        assert text in page, text
    assert 'lang="fr"' in page
    en = report_html(analysis, resolution, accounts)
    assert "33 % of your professional contacts are also personal friends" in en
    with pytest.raises(ConfigError, match="language 'de' is not available"):
        report_html(analysis, resolution, accounts, lang="de")


def test_report_hostile_names_escaped(case):
    resolution, analysis, accounts = case
    page = report_html(analysis, resolution, accounts, title=HREF)
    for raw in (IMG, SELECT, HREF, "<script>alert", "<a href"):
        assert raw not in page
    assert "<title>Bob &lt;a href=&#34;javascript:alert(3)&#34;&gt;x&lt;/a&gt;</title>" in page
    # the map page travels as one JSON string escaped for <script>, made the sandboxed frame's srcdoc by the page
    assert '<iframe id="nm-map"' in page and 'sandbox="allow-scripts"' in page and 'id="nm-map-doc"' in page
