"""The readable report (``report.html``): headline figures, the map, the tables, definitions.

Everything on the page is in the chosen language (``en`` or ``fr``); data values go through
Jinja's autoescape (never raw HTML); the map is embedded as an ``<iframe srcdoc>`` sandboxed to
scripts only, so the page stays one offline file. A step-by-step mode for trainers (buttons and
← → keys) highlights spheres, doubles, clusters, exclusions and bridges on the map in turn.

Headline figures are computed here from the persons table so they are defined in one place:

- *overlap*: persons of sphere ``both`` / persons of sphere ``professional`` or ``both``;
- *would vanish*: contacts whose only account is that account.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ..model import Account, Analysis, Resolution
from ..privacy import Pseudonymizer, redact_text
from . import i18n
from .html import environment, map_html, script_json, static_text
from .people import View, build_view, cap

STEPS: tuple[str, ...] = ("spheres", "doubles", "clusters", "exclusions", "bridges")
MAX_DOUBLES = 200
MAX_BRIDGES = 25
MAX_EXCLUDED = 10


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


def _headlines(view: View, accounts: Sequence[Account] | None, lang: str, excluded_rows: int) -> list[str]:
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
        lines.append(t("headline.clusters", n=f["clusters"], ties=f["clusters_from_ties"], other=f["clusters"] - f["clusters_from_ties"]))
    if excluded_rows:
        lines.append(t("headline.exclusions", n=excluded_rows))
    if f["top_bridge"]:
        lines.append(t("headline.bridge", name=cap(f["top_bridge"], 100)))
    return lines


def _num(value: object, digits: int = 2) -> str:
    try:
        return f"{float(value):.{digits}f}"
    except (TypeError, ValueError):
        return str(value)


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
    positions: Mapping | None = None,
) -> str:
    """The report page as an HTML string.

    Parameters
    ----------
    analysis, resolution, accounts : as for :func:`netmix.render.html.map_html`.
    lang : ``"en"`` or ``"fr"`` — every text of the page.
    pseudonymizer : pseudonyms instead of names, no contact details.
    map_html_fragment : the map page already made by ``map_html`` (same lang and pseudonymizer);
        made here when ``None``.
    title, seed, max_nodes : page title; layout seed and node limit of the map.
    positions : the run's layout (person id → x, y), computed by the map when ``None``.
    """
    i18n.check_lang(lang)
    s = i18n.strings(lang)
    view = build_view(analysis, resolution, pseudonymizer=pseudonymizer)
    if map_html_fragment is None:
        map_html_fragment = map_html(
            analysis, resolution, accounts, lang=lang, pseudonymizer=pseudonymizer, seed=seed, max_nodes=max_nodes,
            positions=positions,
        )
    persons = view.persons.set_index("person_id")

    doubles_rows = []
    dbl = view.tables["doubles"]
    if len(dbl):
        dbl = dbl.copy()
        dbl["__c"] = [float(c) if str(c) not in ("", "nan") else 0.0 for c in dbl.get("confidence", [0.0] * len(dbl))]
        dbl["__undecided"] = [not str(d) for d in dbl.get("decision", [""] * len(dbl))]
        dbl = dbl.sort_values(["__undecided", "__c", "name", "person_id"], ascending=[True, False, True, True], kind="mergesort")
    for r in dbl.head(MAX_DOUBLES).to_dict("records"):
        evidence = str(r.get("evidence", ""))
        doubles_rows.append(
            {
                "name": cap(r.get("name", ""), 120),
                "accounts": str(r.get("accounts", "")).replace(";", ", "),
                "confidence": _num(r.get("confidence", "")),
                "band": i18n.value(lang, "band", str(r.get("band", ""))),
                "evidence": cap(redact_text(evidence) if pseudonymizer else evidence, 300),
                "suggestion": cap(str(r.get("suggestion", "")), 200),
                "decision": i18n.value(lang, "decision", str(r.get("decision", "") or "")) if r.get("decision") else "",
            }
        )
    more = len(dbl) - len(doubles_rows)

    excl = view.tables["exclusions"]
    by_cluster: dict[str, list[str]] = {}
    for r in excl.to_dict("records"):
        status = i18n.value(lang, "status", str(r.get("status", "")))
        by_cluster.setdefault(str(r.get("cluster", "")), []).append(f"{cap(r.get('name', ''), 80)} ({status})")
    clusters_rows = []
    cl = view.tables["clusters"]
    members = {c: Counter() for c in view.clusters}
    for c, accs in zip(view.persons["cluster"], view.persons["accounts"], strict=False):
        if c in members:
            members[c].update(accs)
    for r in cl.to_dict("records"):
        c = str(r.get("cluster", ""))
        ex = by_cluster.get(c, [])
        clusters_rows.append(
            {
                "cluster": c,
                "label": cap(view.clusters.get(c, r.get("label", "")), 120),
                "size": r.get("size", ""),
                "personal": r.get("personal", ""),
                "professional": r.get("professional", ""),
                "both": r.get("both", ""),
                "inclusion": ", ".join(f"{a} {n}" for a, n in sorted(members.get(c, Counter()).items())),
                "excluded": ex[:MAX_EXCLUDED],
                "excluded_more": max(0, len(ex) - MAX_EXCLUDED),
            }
        )

    bridges_rows = []
    ranked = view.persons[view.persons["bridge_rank"] > 0].sort_values(["bridge_rank", "person_id"])
    for r in ranked.head(MAX_BRIDGES).itertuples(index=False):
        bridges_rows.append(
            {
                "rank": r.bridge_rank,
                "name": cap(r.name, 120),
                "accounts": ", ".join(r.accounts),
                "cluster": cap(view.clusters.get(r.cluster, r.cluster), 80),
                "score": _num(persons.loc[r.person_id, "bridging_score"]),
            }
        )
    roles = Counter(r for r in view.persons["ego_role"] if r)
    steps = [{"key": k, "label": s[f"step.{k}"], "text": s[f"step.{k}.text"]} for k in STEPS]
    page_title = title if title is not None else s["report.title"]
    return environment().get_template("report.html.j2").render(
        lang=lang,
        title=cap(page_title, 200),
        s=s,
        headlines=_headlines(view, accounts, lang, len(excl)),
        steps=steps,
        steps_json=script_json(steps),
        steps_js=static_text("netmix-steps.js"),
        map_doc=map_html_fragment,  # autoescaped into the srcdoc attribute
        doubles=doubles_rows,
        decisions=_decisions_line(resolution, lang),
        doubles_more=i18n.t(lang, "report.more", n=more) if more > 0 else "",
        clusters=clusters_rows,
        bridges=bridges_rows,
        roles=[{"role": i18n.value(lang, "role", k), "count": n} for k, n in sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))],
        definitions=[s[f"def.{k}"] for k in ("sphere", "double", "cluster", "exclusion", "bridge", "inferred")],
    )
