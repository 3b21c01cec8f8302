"""The report's four charts as inline SVG, each with a sentence and a table of the same figures.

A chart is a dict: ``id``, ``title``, ``svg`` (markup), ``summary`` (one sentence for every reader),
``columns`` and ``rows`` (the figures drawn, shown as a table: the text equivalent). Figures come
from :mod:`netmix.render.figures`; words from the ``chart.*`` catalogue keys.

>>> c = overlap_chart([{"accounts": ["perso"], "persons": 3}, {"accounts": ["perso", "pro"], "persons": 1}], "en")
>>> c["rows"], "<svg" in c["svg"]
([['perso', 3], ['perso + pro', 1]], True)
"""

from __future__ import annotations

from markupsafe import Markup

from . import i18n, svg
from .people import SPHERE_COLORS, cap

__all__ = ["ACCOUNT_COLORS", "bridges_chart", "circles_chart", "overlap_chart", "waves_chart"]

#: colours of the accounts, in account-name order (Okabe-Ito)
ACCOUNT_COLORS: tuple[str, ...] = ("#E69F00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
WIDTH = 760
MAX_COMBOS = 14
MAX_CIRCLES = 12
FONT = {"font_size": 12, "font_family": "system-ui, sans-serif", "fill": "#222"}


def _chart(key: str, lang: str, body: list[Markup], height: float, summary: str, columns: list[str], rows: list[list]) -> dict:
    title = i18n.t(lang, f"chart.{key}")
    return {
        "id": f"nm-chart-{key}",
        "title": title,
        "svg": svg.document(WIDTH, height, [svg.group(body, **FONT)], label=f"{title}. {summary}", id_=f"nm-svg-{key}"),
        "summary": summary,
        "columns": columns,
        "rows": rows,
    }


def overlap_chart(combos: list[dict], lang: str) -> dict:
    """UpSet-style: one bar per combination of accounts, a dot matrix saying which accounts."""
    shown = combos[:MAX_COMBOS]
    accounts = sorted({a for c in combos for a in c["accounts"]})
    left, top, bar_h, row_h = 120, 24, 150, 22
    step = min(80.0, (WIDTH - left - 10) / max(len(shown), 1))
    most = max((c["persons"] for c in shown), default=1) or 1
    body: list[Markup] = []
    matrix_top = top + bar_h + 14
    for j, acc in enumerate(accounts):
        y = matrix_top + j * row_h
        body.append(svg.text(left - 8, y + 4, cap(acc, 16), text_anchor="end"))
    for i, c in enumerate(shown):
        x = left + i * step + step / 2
        h = bar_h * c["persons"] / most
        body.append(svg.rect(x - step * 0.3, top + bar_h - h, step * 0.6, h, fill="#4E79A7"))
        body.append(svg.text(x, top + bar_h - h - 4, c["persons"], text_anchor="middle"))
        ys = [matrix_top + j * row_h for j, a in enumerate(accounts) if a in c["accounts"]]
        if len(ys) > 1:
            body.append(svg.line(x, min(ys), x, max(ys), stroke="#333", stroke_width=2))
        for j, a in enumerate(accounts):
            body.append(svg.circle(x, matrix_top + j * row_h, 6, fill="#333" if a in c["accounts"] else "#DDD"))
    height = matrix_top + len(accounts) * row_h
    rows = [[" + ".join(c["accounts"]), c["persons"]] for c in combos]
    several = sum(c["persons"] for c in combos if len(c["accounts"]) > 1)
    total = sum(c["persons"] for c in combos)
    summary = i18n.t(lang, "chart.overlap.summary", n=several, total=total, k=len(combos))
    return _chart(
        "overlap", lang, body, height, summary, [i18n.t(lang, "chart.col.combination"), i18n.t(lang, "col.count")], rows
    )


def circles_chart(circles: list[dict], lang: str) -> dict:
    """Stacked bars: the members of each circle by sphere (the biggest circles)."""
    shown = circles[:MAX_CIRCLES]
    keys = ("personal", "professional", "both")
    left, top, row_h, room = 330, 30, 24, WIDTH - 330 - 50
    most = max((sum(c[k] for k in keys) for c in shown), default=1) or 1
    body = _legend([(i18n.value(lang, "sphere", k), SPHERE_COLORS[k]) for k in keys], left, 12)
    for i, c in enumerate(shown):
        y = top + i * row_h
        body.append(svg.text(left - 8, y + 14, cap(c["label"], 48), text_anchor="end"))
        x = float(left)
        for k in keys:
            w = room * c[k] / most
            if c[k]:
                body.append(
                    svg.rect(x, y + 3, w, row_h - 6, fill=SPHERE_COLORS[k], tip=f"{i18n.value(lang, 'sphere', k)}: {c[k]}")
                )
            x += w
        body.append(svg.text(x + 6, y + 14, sum(c[k] for k in keys)))
    rows = [[c["label"], c["personal"], c["professional"], c["both"], c["size"]] for c in circles]
    summary = i18n.t(lang, "chart.circles.summary", n=len(circles), shown=len(shown))
    columns = [i18n.t(lang, k) for k in ("col.label", "col.personal", "col.professional", "col.both", "col.size")]
    return _chart("circles", lang, body, top + len(shown) * row_h + 6, summary, columns, rows)


def _legend(items: list[tuple[str, str]], x: float, y: float) -> list[Markup]:
    """Colour squares with their words, in one line from ``(x, y)``."""
    out: list[Markup] = []
    for label, color in items:
        out.append(svg.rect(x, y - 9, 10, 10, fill=color))
        out.append(svg.text(x + 14, y, label))
        x += 24 + 7 * len(label)
    return out


def waves_chart(timeline: dict, lang: str) -> dict:
    """Stacked bars of new connections per period and account; detected waves shaded behind."""
    periods, accounts, counts = timeline["periods"], timeline["accounts"], timeline["counts"]
    colors = {a: ACCOUNT_COLORS[i % len(ACCOUNT_COLORS)] for i, a in enumerate(accounts)}
    left, top, plot_h = 50, 34, 170
    step = (WIDTH - left - 10) / max(len(periods), 1)
    totals = [sum(counts[a][i] for a in accounts) for i in range(len(periods))]
    most = max(totals, default=1) or 1
    body = _legend([(a, colors[a]) for a in accounts], left, 12)
    body += _wave_bands(timeline, left, top, plot_h, step)
    every = max(1, int(len(periods) * 34 / (WIDTH - left)) + 1)
    for i, p in enumerate(periods):
        x, y = left + i * step, top + plot_h
        for a in accounts:
            h = plot_h * counts[a][i] / most
            if h:
                body.append(svg.rect(x + step * 0.1, y - h, step * 0.8, h, fill=colors[a]))
            y -= h
        if i % every == 0:
            body.append(svg.text(x + step / 2, top + plot_h + 14, p, text_anchor="middle", font_size=10))
    body.append(svg.line(left, top + plot_h, WIDTH - 10, top + plot_h, stroke="#999"))
    body.append(svg.text(left - 6, top + 8, most, text_anchor="end", font_size=10))
    rows = [[p] + [counts[a][i] for a in accounts] for i, p in enumerate(periods)]
    summary = _waves_summary(timeline, totals, lang)
    return _chart(
        "waves", lang, body, top + plot_h + 22, summary, [i18n.t(lang, f"chart.unit.{timeline['unit']}")] + accounts, rows
    )


def _wave_bands(timeline: dict, left: float, top: float, plot_h: float, step: float) -> list[Markup]:
    """A shaded band over the periods each detected wave covers."""
    cut = 7 if timeline["unit"] == "month" else 4
    index = {p: i for i, p in enumerate(timeline["periods"])}
    out = []
    for w in timeline["waves"]:
        a, b = index.get(w["start"][:cut]), index.get(w["end"][:cut])
        if a is None or b is None:
            continue
        out.append(svg.rect(left + a * step, top - 10, (b - a + 1) * step, plot_h + 10, fill="#FFD966", opacity=0.6))
    return out


def _waves_summary(timeline: dict, totals: list[int], lang: str) -> str:
    if not timeline["periods"]:
        return i18n.t(lang, "chart.waves.none")
    busiest = max(range(len(totals)), key=lambda i: (totals[i], -i))
    return i18n.t(
        lang,
        "chart.waves.summary",
        n=sum(totals),
        period=timeline["periods"][busiest],
        most=totals[busiest],
        waves=len(timeline["waves"]),
    )


def bridges_chart(bridges: list[dict], lang: str) -> dict:
    """Horizontal bars: the bridging score of the best-ranked bridges, coloured by sphere."""
    left, top, row_h, room = 250, 8, 24, WIDTH - 250 - 60
    body: list[Markup] = []
    for i, b in enumerate(bridges):
        y = top + i * row_h
        body.append(svg.text(left - 8, y + 14, f"{b['rank']}. {cap(b['name'], 30)}", text_anchor="end"))
        body.append(svg.rect(left, y + 3, room * b["score"], row_h - 6, fill=SPHERE_COLORS.get(b["sphere"], "#999")))
        body.append(svg.text(left + room * b["score"] + 6, y + 14, f"{b['score']:.2f}"))
    rows = [[b["rank"], b["name"], i18n.value(lang, "sphere", b["sphere"]), b["cluster"], f"{b['score']:.2f}"] for b in bridges]
    summary = i18n.t(lang, "chart.bridges.summary", name=cap(bridges[0]["name"], 80)) if bridges else i18n.t(lang, "report.empty")
    columns = [i18n.t(lang, k) for k in ("col.rank", "col.name", "tip.sphere", "col.cluster", "col.score")]
    return _chart("bridges", lang, body, top + len(bridges) * row_h + 4, summary, columns, rows)
