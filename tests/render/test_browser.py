"""The map and the report in a real headless Chromium (Debian's /usr/bin/chromium).

Checks: no JavaScript error, one node per person, search and filters work, not a single request
leaves the page, hostile names stay text and open no dialog, the picture is not blank.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import zlib
import struct

import pandas as pd
import pytest

from netmix.privacy import Pseudonymizer
from netmix.render.html import map_html
from netmix.render.report import report_html

from .conftest import HREF, IMG, PERSONS, SELECT

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"Debian chromium not installed at {CHROMIUM} (apt install chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Opened:
    def __init__(self, browser, path):
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.as_uri()
        self.page.goto(self.url)

    def map_frame(self):
        """The frame holding the map (the page itself, or the report's iframe)."""
        iframe = self.page.locator("iframe#nm-map")
        if iframe.count():  # ask the element for its frame: page.frames may not list it yet under load
            frame = iframe.element_handle().content_frame()
            assert frame is not None
            return frame
        return self.page.main_frame

    def wait_ready(self):
        # no wait_for_function: the page's CSP forbids eval, which Playwright would need
        iframe = self.page.locator("iframe#nm-map")
        if iframe.count():  # Chromium draws no off-screen frame: bring the report's map into view
            iframe.scroll_into_view_if_needed()
        self.map_frame().locator("body[data-ready='1']").wait_for(state="attached", timeout=30_000)

    def check_clean(self):
        assert self.errors == []
        assert self.dialogs == []
        assert [u for u in self.requests if u != self.url and not u.startswith("data:")] == []


def _write(tmp_path, name, html):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def _distinct_colours(png: bytes) -> int:
    try:
        from PIL import Image

        img = Image.open(io.BytesIO(png)).convert("RGB")
        data = img.tobytes()
        return len({data[i : i + 3] for i in range(0, len(data), 3)})
    except ImportError:  # pragma: no cover - parse the PNG by hand (8-bit RGB/RGBA, filter bytes kept)
        pos, chunks, width, bpp = 8, [], 0, 4
        while pos < len(png):
            (n,), kind = struct.unpack(">I", png[pos : pos + 4]), png[pos + 4 : pos + 8]
            body = png[pos + 8 : pos + 8 + n]
            if kind == b"IHDR":
                width, bpp = struct.unpack(">I", body[:4])[0], (4 if body[9] == 6 else 3)
            elif kind == b"IDAT":
                chunks.append(body)
            pos += 12 + n
        raw = zlib.decompress(b"".join(chunks))
        return len(set(raw[i : i + bpp] for i in range(1, len(raw), bpp)))


@pytest.fixture()
def map_page(browser, case, tmp_path):
    resolution, analysis, accounts = case
    opened = Opened(browser, _write(tmp_path, "graph.html", map_html(analysis, resolution, accounts, title=SELECT)))
    opened.wait_ready()
    yield opened
    opened.page.close()


def test_map_loads_offline_one_node_per_person(map_page, tmp_path):
    pg = map_page.page
    assert pg.evaluate("window.netmix.nodes.length") == 10  # conftest: 10 persons
    assert pg.evaluate("window.netmix.edges.length") == 13
    assert pg.evaluate("window.netmix.view.length") == 10
    assert pg.title() == SELECT  # the title is text
    assert pg.evaluate("document.querySelectorAll('img, svg, iframe, a').length") == 0
    assert pg.evaluate("document.scripts.length") == 3  # data, vis-network, netmix
    shot = pg.screenshot()
    (tmp_path / "map.png").write_bytes(shot)
    assert _distinct_colours(shot) > 50
    map_page.check_clean()


def test_hostile_names_stay_text_in_search_and_tooltips(map_page):
    pg = map_page.page
    for query, expected in (("onerror", IMG), ("select", SELECT), ("javascript", HREF)):
        pg.fill("#nm-search", query)
        items = pg.locator("#nm-results li")
        assert items.count() == 1
        assert items.first.text_content() == expected
        assert items.first.evaluate("e => e.children.length") == 0
    # hover the <img onerror> person: vis-network shows the plain-text tooltip
    xy = pg.evaluate(
        "(() => { const p = window.netmix.network.getPositions(['n4']).n4;"
        " const d = window.netmix.network.canvasToDOM(p); const r = document.getElementById('nm-graph').getBoundingClientRect();"
        " return [d.x + r.left, d.y + r.top]; })()"
    )
    pg.mouse.move(xy[0] - 30, xy[1] - 30)
    pg.mouse.move(*xy)
    tip = pg.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    assert IMG in tip.text_content()
    # innerText turns "\n" into <br>; nothing else may be an element
    assert tip.evaluate("e => Array.from(e.querySelectorAll('*')).every(c => c.tagName === 'BR')")
    assert tip.evaluate("e => e.querySelectorAll('br').length") >= 3  # name, sphere, accounts… on lines
    assert pg.evaluate("document.querySelectorAll('img').length") == 0
    map_page.check_clean()


def test_filters(map_page):
    pg = map_page.page
    pg.uncheck("input[data-sphere='professional']")
    assert pg.evaluate("window.netmix.view.length") == 6  # 10 minus p05 p06 p07 p08
    pg.select_option("#nm-cluster", "c2")
    assert pg.evaluate("window.netmix.view.length") == 1  # c2 without professionals: p10 (both)
    pg.click("#nm-reset")
    assert pg.evaluate("window.netmix.view.length") == 10
    pg.uncheck("input[data-account='linkedin']")
    assert pg.evaluate("window.netmix.view.length") == 9  # p07 only on linkedin; p10 also on perso
    assert pg.locator("#nm-count").text_content() == "9 of 10 persons shown"
    map_page.check_clean()


def test_search_and_neighbourhood(map_page):
    pg = map_page.page
    pg.fill("#nm-search", "zoe")  # accent-insensitive: Zoë
    assert pg.locator("#nm-results li").all_text_contents() == ["Zoë Lefèvre"]
    pg.click("#nm-results li")
    # Zoë (p03) and her neighbours p01 p02 p04 keep their colour; the 6 others are greyed
    kept = pg.evaluate("window.netmix.nodes.get().filter(n => n.color.background !== '#E4E4E4').map(n => n.id).sort()")
    assert kept == ["n1", "n2", "n3", "n4"]
    assert pg.evaluate("window.netmix.network.getSelectedNodes()") == ["n3"]
    map_page.check_clean()


def test_aggregated_and_anonymized_map(browser, case, tmp_path):
    resolution, analysis, accounts = case
    p = Pseudonymizer(bytes(range(32)))
    html = map_html(analysis, resolution, accounts, pseudonymizer=p, max_nodes=5, lang="fr")
    opened = Opened(browser, _write(tmp_path, "agg.html", html))
    opened.wait_ready()
    pg = opened.page
    assert pg.evaluate("window.netmix.nodes.length") == 2
    assert pg.locator("#nm-note").is_visible()
    assert "10 personnes" in pg.locator("#nm-note").text_content()
    opened.check_clean()
    pg.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_report_steps(browser, case, tmp_path, lang):
    resolution, analysis, accounts = case
    opened = Opened(browser, _write(tmp_path, f"report-{lang}.html", report_html(analysis, resolution, accounts, lang=lang)))
    opened.wait_ready()
    pg, frame = opened.page, opened.map_frame()
    assert frame.evaluate("window.netmix.nodes.length") == 10
    pg.keyboard.press("ArrowRight")  # step 1: spheres
    pg.keyboard.press("ArrowRight")  # step 2: doubles
    assert pg.evaluate("document.body.dataset.step") == "doubles"
    text = pg.locator("#nm-step-text").text_content()
    assert text.startswith("Diamonds" if lang == "en" else "Les losanges")

    def kept():
        return frame.evaluate("window.netmix.nodes.get().filter(n => n.color.background !== '#E4E4E4').map(n => n.id).sort()")

    pg.wait_for_timeout(200)  # postMessage is asynchronous
    assert kept() == ["n1", "n10"]  # the doubles p01 and p10
    pg.click("button.nm-step[data-step='exclusions']")
    pg.wait_for_timeout(200)
    assert kept() == ["n9"]  # p09 kept out of c1
    body = pg.inner_text("body")
    if lang == "fr":
        for word in ("Doubles amitiés", "Passeurs", "compte perso", "Exclus", "Définitions utilisées"):
            assert word in body
        assert "Double friendships" not in body
    # the only picture: the map's snapshot for the print version, a data: URL
    assert pg.evaluate("Array.from(document.images).map(i => i.id)") == ["nm-map-print"]
    assert pg.evaluate("document.images[0].src.startsWith('data:image/png;base64,')")
    assert frame.evaluate("document.querySelectorAll('img').length") == 0
    shot = pg.screenshot(full_page=True)
    (tmp_path / f"report-{lang}.png").write_bytes(shot)
    assert _distinct_colours(shot) > 50
    opened.check_clean()
    pg.close()


def test_bridges_step_shows_both_halves_of_a_possible_bridge(browser, case, tmp_path):
    # issue 12: a possible bridge (p04 and p05 as one person, unconfirmed, at rank 2) is highlighted at the
    # map's bridges step with the confirmed bridges p10 and p01, its halves' tooltips say where it would rank,
    # and the report's bridges table lists it with both names
    import dataclasses

    resolution, analysis, accounts = case
    bridges = pd.DataFrame(
        [("p10", "p10", "Omar Haddad", 1, 1.0, "confirmed"), ("p04;p05", "p04;p05", "x", 2, 0.9, "unconfirmed"),
         ("p01", "p01", "Marie Dupont", 3, 0.8, "confirmed")],
        columns=["person_id", "person_ids", "name", "rank", "bridging_score", "status"],
    )  # fmt: skip
    analysis = dataclasses.replace(analysis, bridges=bridges)
    page = report_html(analysis, resolution, accounts, lang="en")
    data = json.loads(re.search(r'<script type="application/json" id="nm-report-data">(.*?)</script>', page, re.S).group(1))
    names = {p: n for p, n, *_ in PERSONS}
    rows = data["tables"]["bridges"]["rows"]
    assert [r[1] for r in rows] == [names["p10"], f"{names['p04']} / {names['p05']}", names["p01"]]
    opened = Opened(browser, _write(tmp_path, "report.html", page))
    opened.wait_ready()
    pg, frame = opened.page, opened.map_frame()
    pg.click("button.nm-step[data-step='bridges']")
    pg.wait_for_timeout(200)  # postMessage is asynchronous
    kept = frame.evaluate("window.netmix.nodes.get().filter(n => n.color.background !== '#E4E4E4').map(n => n.id).sort()")
    assert kept == ["n1", "n10", "n4", "n5"]
    titles = frame.evaluate("window.netmix.nodes.get().filter(n => n.id === 'n4' || n.id === 'n5').map(n => n.title)")
    assert all("Possible bridge, to confirm" in t and ": 2" in t for t in titles)
    opened.check_clean()
    pg.close()
