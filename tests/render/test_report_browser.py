"""The samples' report (and the large scenario's) in real headless Chromium, as a user opens it.

The outputs are made by ``netmix analyze`` run as a user types it. Checked: the four charts are
drawn; the tables sort, filter and page; a decision made in the page survives a reload, is saved
(a download) and read back by ``--decisions``; nothing is requested from outside; no page error;
the French pages hold no sentence of the English catalogue (report, map and tooltips); the page is
short with its tables collapsed and what needs a decision is within the first two screens; the print
version has the map as a picture and every row. Screenshots are kept in ``tests/render/artefacts/``
(ignored by git through the folder's own ``.gitignore``), one folder per test.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from .english import english_in
from .test_browser import ARGS, CHROMIUM, Opened

ROOT = Path(__file__).resolve().parents[2]
NETMIX = [str(Path(sys.executable).with_name("netmix"))]  # the command as a user types it
WIDTH, SCREEN = 1400, 900

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"Debian chromium not installed at {CHROMIUM}"),
]


def analyze(out: Path, *extra: str) -> Path:
    cmd = [*NETMIX, "analyze", "--config", str(ROOT / "samples" / "netmix.toml"), "--out", str(out), *extra]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


@pytest.fixture()
def shots(request) -> Path:
    """The folder of this test's screenshots (kept after the run, never committed)."""
    base = Path(__file__).parent / "artefacts"
    base.mkdir(exist_ok=True)
    (base / ".gitignore").write_text("*\n", encoding="utf-8")
    folder = base / request.node.name.replace("[", "-").replace("]", "")
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    base = tmp_path_factory.mktemp("samples")
    return {lang: analyze(base / lang, "--lang", lang) for lang in ("en", "fr")}


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_report(browser, path: Path) -> Opened:
    """The report opened in a fresh browser context (its own local storage), downloads accepted."""
    opened = Opened.__new__(Opened)
    page = browser.new_context(viewport={"width": WIDTH, "height": SCREEN}, accept_downloads=True).new_page()
    opened.page, opened.errors, opened.requests, opened.dialogs = page, [], [], []
    page.on("pageerror", lambda e: opened.errors.append(f"pageerror: {e}"))
    page.on("console", lambda m: opened.errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("request", lambda r: opened.requests.append(r.url))
    page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
    opened.url = path.as_uri()
    page.goto(opened.url)
    page.locator("body[data-report-interactive='1']").wait_for(state="attached", timeout=60_000)
    return opened


def french_check(opened: Opened) -> list[str]:
    """English catalogue sentences the reader can meet: the report's text, the map's text and tooltips."""
    pg = opened.page
    opened.wait_ready()
    frame = opened.map_frame()
    texts = [pg.inner_text("body"), frame.inner_text("body")]
    texts += pg.evaluate("Array.from(document.querySelectorAll('[title],[aria-label],[placeholder]')).map(e => "
                         "[e.title, e.getAttribute('aria-label'), e.placeholder].join(' '))")  # fmt: skip
    texts += frame.evaluate("window.netmix.nodes.get().map(n => n.title || '')")
    texts += frame.evaluate("Array.from(document.querySelectorAll('option')).map(o => o.text)")
    return english_in("<p>" + "\n".join(t.replace("<", " ") for t in texts if t) + "</p>")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_samples_report(browser, outputs, lang, shots):
    opened = open_report(browser, outputs[lang] / "report.html")
    pg = opened.page
    # short with its tables collapsed; what needs a decision within the first two screens
    height = pg.evaluate("document.documentElement.scrollHeight")
    assert height <= 9000, height
    assert pg.evaluate("document.getElementById('nm-decide').getBoundingClientRect().top") < 2 * SCREEN
    # one decision control per row of the run's review.csv (review band, possible bridges, possible homonyms)
    with open(outputs[lang] / "review.csv", encoding="utf-8-sig", newline="") as fh:
        rows = len(list(csv.DictReader(fh)))
    assert rows > 0 and pg.locator("#nm-decide select").count() == min(rows, 10)  # the review table shows 10 a page
    # the four charts drawn, with marks in each
    for key in ("overlap", "circles", "waves", "bridges"):
        svg = pg.locator(f"#nm-svg-{key}")
        assert svg.is_visible()
        assert svg.bounding_box()["height"] > 50
        assert pg.locator(f"#nm-svg-{key} rect, #nm-svg-{key} circle").count() >= 5
    pg.screenshot(path=str(shots / f"report-{lang}.png"), full_page=True)
    # the doubles table: collapsed, then paged (25 rows), filtered, sorted
    table = pg.locator("#nm-doubles table")
    assert not table.is_visible()
    pg.click("#nm-doubles > summary")
    assert table.locator("tbody tr").count() == 25
    search = pg.locator("#nm-doubles input[type=search]")
    search.fill("aurore")
    pg.wait_for_timeout(400)
    names = table.locator("tbody tr td:first-child").all_text_contents()
    assert names and all("aurore" in n.lower() for n in names)
    search.fill("")
    pg.wait_for_timeout(400)
    pg.click("#nm-doubles th:nth-child(3)")  # confidence, ascending
    shown = table.locator("tbody tr td:nth-child(3)").all_text_contents()
    mark, other = (",", ".") if lang == "fr" else (".", ",")  # the reader's decimal mark: 0,95 in French
    assert all(mark in x and other not in x for x in shown), shown
    conf = [float(x.replace(",", ".")) for x in shown]
    assert conf == sorted(conf) and len(conf) == 25
    assert len(set(conf)) > 1  # sorted by value: "0,5" and "0,95" compare as numbers, not as text
    pg.click("#nm-doubles th:nth-child(3)")  # descending
    conf = [float(x.replace(",", ".")) for x in table.locator("tbody tr td:nth-child(3)").all_text_contents()]
    assert conf == sorted(conf, reverse=True)
    pg.click("#nm-doubles .nm-pager button:last-child")
    assert "2" in pg.locator("#nm-doubles .nm-pager span").text_content()
    if lang == "fr":
        assert french_check(opened) == []
    else:
        opened.wait_ready()
    opened.map_frame().locator("canvas").screenshot(path=str(shots / f"map-{lang}.png"))
    opened.check_clean()
    pg.close()


def test_french_map_page_holds_no_english(browser, outputs, shots):
    opened = Opened(browser, outputs["fr"] / "graph.html")
    opened.wait_ready()
    assert french_check(opened) == []
    # account chips on one line each: a chip is never taller than one line of text
    heights = opened.page.evaluate("Array.from(document.querySelectorAll('.nm-chip')).map(c => c.getBoundingClientRect().height)")
    assert heights and max(heights) < 24
    opened.page.screenshot(path=str(shots / "map-fr.png"))
    opened.check_clean()
    opened.page.close()


def test_a_decision_made_in_the_page_is_kept_saved_and_read_back(browser, outputs, tmp_path, shots):
    opened = open_report(browser, outputs["en"] / "report.html")
    pg = opened.page
    selects = pg.locator("#nm-decide select")
    first, second = selects.nth(0).get_attribute("data-review"), selects.nth(1).get_attribute("data-review")
    selects.nth(0).select_option("not same")
    selects.nth(1).select_option("same")
    third = selects.nth(2)
    account = third.locator("option").nth(4).get_attribute("value")  # the first "remove from ACCOUNT"
    assert account.startswith("remove:")
    third.select_option(account)
    pg.reload()
    pg.locator("body[data-report-interactive='1']").wait_for(state="attached")
    assert pg.locator(f"select[data-review='{first}']").input_value() == "not same"  # survives a reload
    assert pg.locator(f"select[data-review='{second}']").input_value() == "same"
    pg.locator("#nm-decide").screenshot(path=str(shots / "decide.png"))
    with pg.expect_download() as info:
        pg.click("#nm-save")
    saved = tmp_path / "decisions.csv"
    info.value.save_as(saved)
    opened.check_clean()
    pg.context.close()
    table = pd.read_csv(saved, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert table["decision"].tolist() == ["not same", "same", "remove"]
    removed = account.split(":", 1)[1]  # remove names the contact of that account only
    assert all(c.startswith(removed + ":") for c in table.loc[2, "contact_ids"].split(";"))
    assert all(k.startswith(removed + "|") for k in table.loc[2, "source_keys"].split(";"))
    # read back by --decisions: the pair said "same" is merged into one double, decided; the other stays apart, decided
    again = analyze(tmp_path / "again", "--decisions", str(saved))
    doubles = pd.read_csv(again / "doubles.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for row in table.to_dict("records"):
        cids = set(row["contact_ids"].split(";"))
        hit = doubles[[cids <= set(c.split(";")) for c in doubles["contact_ids"]]]
        assert len(hit) >= 1 and set(hit["decision"]) == {row["decision"]}, row
    assert "decided: remove" in doubles[doubles["decision"] == "remove"].iloc[0]["suggestion"]
    merged = doubles[[set(table.loc[1, "contact_ids"].split(";")) <= set(c.split(";")) for c in doubles["contact_ids"]]]
    assert ";" not in merged.iloc[0]["person_id"]  # one person now


def test_print_version(browser, outputs, shots):
    opened = open_report(browser, outputs["en"] / "report.html")
    pg = opened.page
    opened.wait_ready()  # the map is drawn: its picture is ready for printing
    pg.wait_for_timeout(800)
    pg.emulate_media(media="print")
    pg.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    pg.wait_for_timeout(300)
    assert pg.evaluate("document.getElementById('nm-map-print').src.startsWith('data:image/png;base64,')")
    assert pg.locator("#nm-map-print").is_visible() and not pg.locator("#nm-map").is_visible()
    rows = pg.locator("#nm-doubles tbody tr").count()
    assert rows == len(pd.read_csv(outputs["en"] / "doubles.csv", dtype=str))  # every row, unclipped
    pg.screenshot(path=str(shots / "print.png"), full_page=True)
    opened.check_clean()
    pg.close()


@pytest.mark.slow
def test_large_scenario_reports(browser, tmp_path, shots):
    """One analysis of the large scenario (35,000 persons); its EN and FR reports opened."""
    from netmix.config import load_config
    from netmix.pipeline import run
    from netmix.render.html import map_html
    from netmix.render.report import report_html
    from netmix.scenario import generate

    root = generate(tmp_path / "large", scale="large")
    result = run(load_config(root / "netmix.toml"))
    for lang in ("en", "fr"):
        page = map_html(result.analysis, result.resolution, result.config.accounts, lang=lang)
        path = tmp_path / f"report-{lang}.html"
        report = report_html(result.analysis, result.resolution, result.config.accounts, lang=lang, map_html_fragment=page)
        path.write_text(report, encoding="utf-8")
        opened = open_report(browser, path)
        pg = opened.page
        assert pg.locator("#nm-decide tbody tr").count() == 10  # paged: thousands of pairs, ten at a time
        for key in ("overlap", "circles", "waves", "bridges"):
            assert pg.locator(f"#nm-svg-{key} rect").count() >= 3
        pg.click("#nm-doubles > summary")
        total = pg.locator("#nm-doubles .nm-tools span").first.text_content()
        pg.locator("#nm-doubles input[type=search]").fill("linkedin")
        pg.wait_for_timeout(600)
        assert pg.locator("#nm-doubles .nm-tools span").first.text_content() != total
        pg.screenshot(path=str(shots / f"large-{lang}.png"))
        if lang == "fr":
            assert french_check(opened) == []
        opened.check_clean()
        pg.close()


def test_hostile_names_in_the_decisions_stay_text(browser, case, tmp_path):
    from netmix.model import REVIEW_COLUMNS
    from netmix.render.report import report_html

    from .conftest import IMG, SELECT

    resolution, analysis, accounts = case
    review = pd.DataFrame(
        [{**dict.fromkeys(REVIEW_COLUMNS, ""), "review_id": "R1", "person_id": "p04;p06", "name": IMG, "accounts": "perso;pro",
          "band": "review", "evidence": SELECT, "contact_ids": "perso:4;pro:3", "source_keys": f"perso|name:{IMG}"},
         {**dict.fromkeys(REVIEW_COLUMNS, ""), "review_id": "R2", "person_id": "p02;p08", "name": "=1+2", "accounts": "perso;pro",
          "band": "review", "contact_ids": "perso:2;pro:4"}]
    )  # fmt: skip
    path = tmp_path / "report.html"
    path.write_text(report_html(analysis, resolution, accounts, review=review), encoding="utf-8")
    opened = open_report(browser, path)
    pg = opened.page
    cells = pg.locator("#nm-decide tbody tr td").all_text_contents()
    assert IMG in cells and SELECT in cells  # shown as text, not parsed
    assert pg.locator("#nm-decide img, #nm-decide script").count() == 0
    pg.locator("#nm-decide select").nth(0).select_option("not same")
    pg.locator("#nm-decide select").nth(1).select_option("same")
    csv = pg.evaluate("window.netmixReport.decisionsCsv()")
    # the name as it is, in its own cell (cells with ; quoted: the file may be read with either separator)
    assert f'"p04;p06",{IMG},"perso;pro",not same' in csv
    assert '"p02;p08",\'=1+2,"perso;pro",same' in csv  # a spreadsheet formula neutralised (load_decisions strips the ')
    opened.check_clean()
    pg.context.close()
