"""The readable report (``report.html``): what to decide first, summaries, charts, the map, the tables.

Everything on the page is in the chosen language (``en`` or ``fr``), evidence and suggestions
included (:mod:`netmix.render.wording`). The page is one offline file under a strict
Content-Security-Policy: the charts are inline SVG (:mod:`netmix.render.charts`), the map is an
``<iframe srcdoc>`` sandboxed to scripts only (loaded once the report's own tables answer), the
tables' rows travel in one JSON block escaped for ``<script>`` and are drawn by the page's
script with ``textContent`` (sortable, filterable, paged: thousands of rows stay quick). Each
pair to decide has a control; the choices stay in the browser (``localStorage``) and a button
saves them as a decisions file ``--decisions`` reads.

Headline figures are computed here from the persons table so they are defined in one place:

- *overlap*: persons of sphere ``both`` / persons of sphere ``professional`` or ``both``;
- *would vanish*: contacts whose only account is that account.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import pandas as pd

from ..model import Account, Analysis, Resolution
from ..privacy import Pseudonymizer
from ..resolution.decisions import TEMPLATE_COLUMNS
from . import charts, figures, i18n, wording
from .decide import double_words, doubles_summary, review_rows, run_key
from .html import map_html
from .page import environment, script_json, static_text
from .people import View, build_view, cap

__all__ = ["STEPS", "headline_figures", "report_html"]

STEPS: tuple[str, ...] = ("spheres", "doubles", "clusters", "exclusions", "bridges")
MAX_EXCLUDED = 10
PAGE_ROWS = 25


def headline_figures(view: View) -> dict:
    """The numbers behind the headlines (see the module docstring for the definitions)."""
    p = view.persons
    contacts = p[p["is_contact"]]
    spheres = Counter(contacts["sphere_key"])
    pro = spheres.get("professional", 0) + spheres.get("both", 0)
    per_account = Counter(a for accs in contacts["accounts"] for a in accs)
    only = Counter(accs[0] for accs in contacts["accounts"] if len(accs) == 1)
    top = p[p["bridge_rank"] > 0].sort_values(["bridge_rank", "person_id"])
    return {
        "contacts": len(contacts),
        "accounts": dict(sorted(per_account.items())),
        "professional": pro,
        "both": spheres.get("both", 0),
        "overlap_pct": round(100 * spheres.get("both", 0) / pro) if pro else None,
        "only": {a: only.get(a, 0) for a in sorted(per_account)},
        "doubles": int(p["double"].sum()),
        "clusters": len(view.clusters),
        "clusters_from_ties": _from_ties(view),
        "excluded": int((p["excluded_from"].map(len) > 0).sum()),
        "top_bridge": str(top.iloc[0]["name"]) if len(top) else "",
    }


def _decisions_line(resolution: Resolution | None, lang: str) -> str:
    """One sentence on the decisions file applied to this run ("" when there was none)."""
    applied = (resolution.params.get("decisions") or []) if resolution is not None else []
    if not applied:
        return ""
    counts = Counter(str(d.get("decision", "")) for d in applied)
    detail = ", ".join(f"{n} × {i18n.value(lang, 'decision', d)}" for d, n in sorted(counts.items()))
    return i18n.t(lang, "report.decisions", detail=detail)


def _from_ties(view: View) -> int:
    """How many clusters were found in the ties (the rest group people by company or wave)."""
    cl = view.tables.get("clusters")
    if cl is None or "basis" not in cl.columns:
        return len(view.clusters)
    return int((cl["basis"] == "ties").sum())


def _headlines(view: View, accounts: Sequence[Account] | None, lang: str, excluded_rows: int, summary: dict) -> list[str]:
    f = headline_figures(view)
    t = lambda key, **kw: i18n.t(lang, key, **kw)  # noqa: E731
    spheres = {a.name: a.sphere for a in accounts or ()}
    lines = [t("headline.contacts", n=f["contacts"], k=len(f["accounts"]))]
    for acc, n in f["accounts"].items():
        sphere = i18n.t(lang, f"account.{spheres[acc]}") if acc in spheres else ""
        lines.append(t("headline.account", account=acc, sphere=sphere, n=n).replace(" ()", ""))
    lines.append(t("headline.overlap", pct=f["overlap_pct"]) if f["overlap_pct"] is not None else t("headline.overlap.none"))
    for acc, n in f["only"].items():
        lines.append(t("headline.vanish", n=n, account=acc))
    lines.append(t("headline.doubles", n=f["doubles"]))
    if f["clusters"]:
        lines.append(
            t("headline.clusters", n=f["clusters"], ties=f["clusters_from_ties"], other=f["clusters"] - f["clusters_from_ties"])
        )
    if excluded_rows:
        lines.append(t("headline.exclusions", n=excluded_rows))
    if f["top_bridge"]:
        lines.append(t("headline.bridge", name=cap(f["top_bridge"], 100)))
    return lines + _bridge_counts(summary, lang)


def _bridge_counts(summary: dict, lang: str) -> list[str]:
    """The confirmed and possible bridges, when the analysis counts them (``summary["bridges"]`` a dict)."""
    counts = summary.get("bridges")
    if not isinstance(counts, dict):
        return []
    return [i18n.t(lang, "headline.bridges", confirmed=int(counts.get("confirmed", 0)), possible=int(counts.get("possible", 0)))]


def _num(value: object, digits: int = 2) -> str:
    try:
        return f"{float(str(value)):.{digits}f}"
    except ValueError:
        return str(value)


def _columns(lang: str, keys: Sequence[str], numeric: Sequence[str] = ()) -> list[dict]:
    return [{"label": i18n.t(lang, k), "num": k in numeric} for k in keys]


def _doubles_table(view: View, lang: str, private: bool) -> dict:
    """Every double, decided ones first, then by confidence."""
    dbl = view.tables["doubles"]
    rows: list[list] = []
    if len(dbl):
        dbl = dbl.copy()
        dbl["__c"] = pd.to_numeric(dbl.get("confidence", pd.Series(0.0, index=dbl.index)), errors="coerce").fillna(0.0)
        dbl["__undecided"] = [not str(d) for d in dbl.get("decision", pd.Series("", index=dbl.index)).fillna("")]
        dbl = dbl.sort_values(["__undecided", "__c", "name", "person_id"], ascending=[True, False, True, True], kind="mergesort")
        def column(name: str) -> list:
            return dbl[name].tolist() if name in dbl.columns else [""] * len(dbl)

        decisions = [str(d or "") for d in column("decision")]
        evidence, suggestion = double_words(lang, private)
        rows = [list(row) for row in zip(
            [cap(str(v), 120) for v in column("name")], [str(v).replace(";", ", ") for v in column("accounts")],
            [_num(v) for v in column("confidence")], [i18n.value(lang, "band", str(v)) for v in column("band")],
            [evidence(v) for v in column("evidence")], [suggestion(v) for v in column("suggestion")],
            [i18n.value(lang, "decision", d) if d else "" for d in decisions], strict=True,
        )]  # fmt: skip
    keys = ("col.name", "col.accounts", "col.confidence", "col.band", "col.evidence", "col.suggestion", "col.decision")
    return {"columns": _columns(lang, keys, ("col.confidence",)), "rows": rows, "page": PAGE_ROWS}


def _clusters_table(view: View, lang: str) -> dict:
    """Each circle: its composition, the accounts it is reached through, who is kept out."""
    by_cluster: dict[str, list[str]] = {}
    for r in view.tables["exclusions"].to_dict("records"):
        status = i18n.value(lang, "status", str(r.get("status", "")))
        by_cluster.setdefault(str(r.get("cluster", "")), []).append(f"{cap(str(r.get('name', '')), 80)} ({status})")
    members: dict[str, Counter] = {c: Counter() for c in view.clusters}
    for c, accs in zip(view.persons["cluster"], view.persons["accounts"], strict=False):
        if c in members:
            members[c].update(accs)
    rows = []
    for r in view.tables["clusters"].to_dict("records"):
        c = str(r.get("cluster", ""))
        ex = by_cluster.get(c, [])
        kept_out = "; ".join(ex[:MAX_EXCLUDED]) + (f" (+{len(ex) - MAX_EXCLUDED})" if len(ex) > MAX_EXCLUDED else "")
        composition = [str(r.get(k, "")) for k in ("size", "personal", "professional", "both")]
        reached = ", ".join(f"{a} {n}" for a, n in sorted(members.get(c, Counter()).items()))
        rows.append([c, cap(view.clusters.get(c, str(r.get("label", ""))), 120), *composition, reached, kept_out])
    keys = (
        "col.cluster",
        "col.label",
        "col.size",
        "col.personal",
        "col.professional",
        "col.both",
        "report.inclusion",
        "report.exclusion",
    )
    return {
        "columns": _columns(lang, keys, ("col.size", "col.personal", "col.professional", "col.both")),
        "rows": rows,
        "page": PAGE_ROWS,
    }


def _bridges_table(view: View, lang: str) -> dict:
    """Every bridge of the bridges table, best first: confirmed bridges and possible ones (a same-name pair
    across the worlds, at the rank it would have as one person), each possible one with both halves' names
    (as the view shows them: pseudonyms in a pseudonymised run), accounts and clusters, and its status."""
    bridges = view.tables["bridges"]
    if not len(bridges) or "rank" not in bridges.columns:
        return {"columns": _columns(lang, ("col.rank", "col.name"), ("col.rank",)), "rows": [], "page": PAGE_ROWS}
    p = view.persons
    person = dict(zip(p["person_id"], zip(p["name"], p["accounts"], p["cluster"], strict=True), strict=True))
    has_status = "status" in bridges.columns
    rank = pd.to_numeric(bridges["rank"], errors="coerce").fillna(0).astype(int).tolist()
    pid = bridges["person_id"].astype(str).tolist()
    ids = bridges["person_ids"].astype(str).tolist() if "person_ids" in bridges.columns else pid
    score = bridges["bridging_score"].tolist()
    status = bridges["status"].astype(str).tolist() if has_status else []
    rows = []
    for i in sorted(range(len(bridges)), key=lambda i: (rank[i], pid[i])):
        people = [person[h] for h in ids[i].split(";") if h in person] or [person[h] for h in pid[i].split(";") if h in person]
        if not people:
            continue
        clusters = dict.fromkeys(view.clusters.get(str(c), str(c)) for _, _, c in people if str(c))
        row = [
            rank[i],
            cap(" / ".join(str(name) for name, _, _ in people), 120),
            ", ".join(sorted({a for _, accs, _ in people for a in accs})),
            cap(" / ".join(clusters), 80),
            _num(score[i]),
        ]
        if has_status:
            row.append(i18n.value(lang, "bridge", status[i]))
        rows.append(row)
    keys = ("col.rank", "col.name", "col.accounts", "col.cluster", "col.score") + (("col.status",) if has_status else ())
    return {"columns": _columns(lang, keys, ("col.rank", "col.score")), "rows": rows, "page": PAGE_ROWS}


def _circle_source(view: View, lang: str) -> pd.DataFrame:
    """The overlapping circles when the analysis has them (the view's, pseudonymised like circles.csv; labels in
    ``lang``), else the clusters."""
    circles = view.tables["circles"]
    if {"personal", "professional", "both"} <= set(circles.columns):
        circles = circles.rename(columns={"circle": "cluster"}) if "cluster" not in circles.columns else circles
        return circles.assign(label=[wording.circle_label(lang, str(label)) for label in circles["label"]])
    return view.tables["clusters"]


def _charts(view: View, analysis: Analysis, resolution: Resolution | None, lang: str) -> list[dict]:
    circles = figures.circles(_circle_source(view, lang), view.clusters)
    contacts = resolution.contacts if resolution is not None else None
    out = [
        charts.overlap_chart(figures.overlap(view.persons), lang),
        charts.circles_chart(circles, lang) if circles else None,
        charts.waves_chart(figures.timeline(contacts, analysis.waves), lang),
        charts.bridges_chart(figures.top_bridges(view.persons, view.clusters), lang),
    ]
    return [c for c in out if c is not None and c["rows"]]


def _encode(table: dict) -> dict:
    """Columns of repeated words (suggestions, bands, accounts) sent once: cells become indices into ``values``.

    The page decodes them when it starts; the data block of a run with thousands of doubles shrinks several times.
    """
    rows = table["rows"]
    for j, column in enumerate(table["columns"]):
        cells = [r[j] for r in rows]
        values = sorted({str(c) for c in cells})
        if len(rows) < 50 or len(values) * 2 > len(rows):
            continue
        index = {v: i for i, v in enumerate(values)}
        column["values"] = values
        for r in rows:
            r[j] = index[str(r[j])]
    return table


def _encode_review(rows: list[dict]) -> dict:
    """The pairs to decide, their repeated words (evidence, suggestion, band) sent once as in :func:`_encode`."""
    values = {k: sorted({r[k] for r in rows}) for k in ("evidence", "suggestion", "band")}
    index = {k: {v: i for i, v in enumerate(vs)} for k, vs in values.items()}
    coded = [{**r, **{k: index[k][r[k]] for k in values}} for r in rows]
    return {"rows": coded, "values": values}


def _page_data(view: View, resolution: Resolution | None, lang: str, review: pd.DataFrame | None, private: bool) -> dict:
    """The JSON block the page's script reads: tables, pairs to decide, words."""
    contacts = resolution.contacts if resolution is not None else None
    rows = review_rows(review, view.tables["doubles"], contacts, lang, private=private)
    return {
        "tables": {
            "doubles": _encode(_doubles_table(view, lang, private)),
            "clusters": _encode(_clusters_table(view, lang)),
            "bridges": _encode(_bridges_table(view, lang)),
        },
        "review": {
            **_encode_review(rows),
            "key": run_key(rows),
            "columns": list(TEMPLATE_COLUMNS),
            "labels": [
                i18n.t(lang, k)
                for k in ("decide.choice", "col.name", "col.accounts", "col.confidence", "col.evidence", "col.suggestion")
            ],
        },
        "strings": {**i18n.strings(lang, "decide."), **i18n.strings(lang, "table."), **i18n.strings(lang, "band.")},
    }


def _context(
    view: View,
    analysis: Analysis,
    resolution: Resolution | None,
    accounts: Sequence[Account] | None,
    lang: str,
    review: pd.DataFrame | None,
    private: bool,
) -> dict:
    """Everything the report's template shows, but the title and the map."""
    s = i18n.strings(lang)
    data = _page_data(view, resolution, lang, review, private)
    steps = [{"key": k, "label": s[f"step.{k}"], "text": s[f"step.{k}.text"]} for k in STEPS]
    roles = sorted(Counter(r for r in view.persons["ego_role"] if r).items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "lang": lang,
        "s": s,
        "headlines": _headlines(view, accounts, lang, len(view.tables["exclusions"]), analysis.summary or {}),
        "steps": steps,
        "steps_json": script_json(steps),
        "data_json": script_json(data),
        "counts": {k: len(v["rows"]) for k, v in data["tables"].items()},
        "to_decide": len(data["review"]["rows"]),
        "summary": doubles_summary(view.tables["doubles"], lang),
        "charts": _charts(view, analysis, resolution, lang),
        "steps_js": static_text("netmix-steps.js"),
        "report_js": static_text("netmix-report.js"),
        "decisions": _decisions_line(resolution, lang),
        "roles": [{"role": i18n.value(lang, "role", k), "count": n} for k, n in roles],
        "definitions": [s[f"def.{k}"] for k in ("sphere", "double", "cluster", "exclusion", "bridge", "inferred")],
    }


def report_html(
    analysis: Analysis,
    resolution: Resolution | None = None,
    accounts: Sequence[Account] | None = None,
    *,
    lang: str = "en",
    pseudonymizer: Pseudonymizer | None = None,
    map_html_fragment: str | None = None,
    title: str | None = None,
    seed: int = 0,
    max_nodes: int = 6000,
    review: pd.DataFrame | None = None,
    positions: Mapping | None = None,
) -> str:
    """The report page as an HTML string.

    Parameters
    ----------
    analysis, resolution, accounts
        As for :func:`netmix.render.html.map_html`.
    lang : str
        ``"en"`` or ``"fr"``: every word of the page.
    pseudonymizer : Pseudonymizer, optional
        Pseudonyms instead of names, no contact details.
    map_html_fragment : str, optional
        The map page made by ``map_html`` (same ``lang`` and ``pseudonymizer``); made here if ``None``.
    title : str, optional
        The page title (a default in ``lang``).
    seed, max_nodes, positions
        The map's layout seed, node limit and the run's layout (computed by the map when ``None``).
    review : pandas.DataFrame, optional
        The rows of ``review.csv`` (:data:`netmix.model.REVIEW_COLUMNS`), one decision control each;
        without them the doubles of the ``review`` band are the pairs to decide.

    Examples
    --------
    >>> from netmix.model import CONTACT_COLUMNS, frame
    >>> from netmix import analyse, resolve
    >>> rows = [dict(contact_id="perso:1", account="perso", sphere="personal", name="Marie Dupont", source_id="a"),
    ...         dict(contact_id="pro:1", account="pro", sphere="professional", name="Marie Dupont", source_id="b")]
    >>> res = resolve(frame(rows, CONTACT_COLUMNS))
    >>> page = report_html(analyse(res), res, lang="fr")
    >>> "Ce qui attend votre décision" in page, "même nom" in page, "same name" in page
    (True, True, False)
    """
    i18n.check_lang(lang)
    view = build_view(analysis, resolution, pseudonymizer=pseudonymizer, lang=lang, with_graph=False)
    if map_html_fragment is None:
        map_html_fragment = map_html(
            analysis, resolution, accounts, lang=lang, pseudonymizer=pseudonymizer, seed=seed, max_nodes=max_nodes,
            positions=positions,
        )
    context = _context(view, analysis, resolution, accounts, lang, review, pseudonymizer is not None)
    page_title = cap(title if title is not None else context["s"]["report.title"], 200)
    # the map page travels as a JSON string (escaped for <script>); the page's script makes it the
    # iframe's srcdoc once its own tables answer, so the map never delays them
    template = environment().get_template("report.html.j2")
    return template.render(title=page_title, map_json=script_json(map_html_fragment), **context)
