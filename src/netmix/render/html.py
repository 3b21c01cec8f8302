"""The interactive map (``graph.html``): one self-contained, offline, script-safe page.

pyvis builds the vis-network node, edge and option records; netmix renders them with its own
Jinja template (autoescape on) because pyvis' template has raw-HTML sinks and loads
vis-network and Bootstrap from CDNs (RELIABILITY.md §1). Here:

- node ids are opaque (``n1``, ``n2``… in person-id order), names only travel inside one JSON
  block escaped for ``<script>`` (``<``, ``>``, ``&``, U+2028/9 as ``\\uXXXX``);
- tooltips are plain text (vis-network ≥ 9 sets them with ``innerText``), capped in length;
- vis-network 9.1.2's JS and CSS, shipped inside the pyvis package, are inlined, and a
  Content-Security-Policy forbids every fetch: the page opens from a USB stick;
- positions are precomputed (:mod:`netmix.render.layout`) and physics is off, so the browser
  only draws; beyond ``max_nodes`` persons the map shows clusters instead (with a note).

This is the only netmix module that imports pyvis.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from ..model import Account, Analysis, Resolution
from ..privacy import Pseudonymizer
from . import geometry, i18n
from .layout import layout_view
from .page import environment, script_json, static_text
from .people import SPHERE_COLORS, SPHERE_ORDER, View, build_view, cap, cluster_colors

#: person id → (x, y)
Positions = dict[Any, tuple[float, float]]
LABEL_MAX = 60
NAME_MAX = 200
TOOLTIP_MAX = 1000
VIS_VERSION = "9.1.2"

__all__ = ["OPTIONS", "environment", "map_html", "script_json", "static_text", "vis_assets"]

#: vis-network options: no physics (positions are given), straight edges, no labels of its own.
OPTIONS: dict = {
    "autoResize": True,
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False, "randomSeed": 0},
    "interaction": {
        "hover": False,
        "tooltipDelay": 120,
        "hideEdgesOnDrag": True,
        "hideEdgesOnZoom": True,
        "dragNodes": False,
        "navigationButtons": False,
        "keyboard": False,
    },
    "nodes": {
        "shape": "dot",
        "borderWidth": 1,
        "font": {"size": 12, "color": "#222"},
        # labels are painted by netmix-map.js where they fit (no overlap); vis-network draws none
        "scaling": {"label": {"enabled": False, "drawThreshold": 10000}},
    },
    "edges": {
        "smooth": False,
        "color": {"color": "#B8B8B8", "highlight": "#555555", "opacity": 0.55},
        "selectionWidth": 1,
    },
}


# --- helpers ---------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def vis_assets() -> tuple[Markup, Markup]:
    """The vis-network JS and CSS shipped in pyvis, ready to inline (source-map comment removed)."""
    base = Path(pyvis.__file__).parent / "lib" / f"vis-{VIS_VERSION}"
    js = (base / "vis-network.min.js").read_text(encoding="utf-8")
    css = (base / "vis-network.css").read_text(encoding="utf-8")
    js = "\n".join(line for line in js.split("\n") if not line.startswith("//# sourceMappingURL"))
    for text, end in ((js, "</script"), (css, "</style")):
        if end in text.lower():  # pragma: no cover - would break out of the inline block
            raise RuntimeError(f"the vis-network bundle contains {end!r}; it cannot be inlined")
    return Markup(js), Markup(css)


def _tooltip(lines: Iterable[str]) -> str:
    return cap("\n".join(line for line in lines if line), TOOLTIP_MAX)


def _account_rows(view: View, accounts: Sequence[Account] | None, lang: str) -> list[dict]:
    counts = Counter(a for accs in view.persons["accounts"] for a in accs)
    spheres = {a.name: a.sphere for a in accounts or ()}
    names = sorted(set(counts) | set(spheres))
    return [
        {
            "name": n,
            "sphere": spheres.get(n, ""),
            "label": i18n.t(lang, f"account.{spheres[n]}") if n in spheres else "",
            "count": counts.get(n, 0),
        }
        for n in names
    ]


# --- the map of persons ----------------------------------------------------------------------
def _person_tooltip(row: Any, view: View, lang: str) -> str:
    """The plain-text tooltip of one person (name, sphere, accounts, circle, role, double, exclusions)."""
    s = functools.partial(i18n.t, lang)
    cluster_label = view.clusters.get(row.cluster, row.cluster)
    lines = [
        cap(row.name, NAME_MAX),
        f"{s('tip.sphere')}: {i18n.value(lang, 'sphere', row.sphere_key)}",
        f"{s('tip.accounts')}: {', '.join(row.accounts) or s('tip.none')}",
        f"{s('tip.cluster')}: {cap(cluster_label, 80)}" if row.cluster else "",
        f"{s('tip.role')}: {i18n.value(lang, 'role', row.ego_role)}" if row.ego_role else "",
        f"{s('tip.bridge')}: {row.bridge_rank}" if row.bridge_rank else "",
        f"{s('tip.possible_bridge')}: {row.possible_bridge_rank}" if row.possible_bridge_rank else "",
    ]
    if row.double:
        band = i18n.value(lang, "band", row.band) if row.band else ""
        conf = f" {float(row.confidence):.2f}" if row.confidence not in ("", None) else ""
        lines.append(f"{s('tip.double')}: {band}{conf}".rstrip(": "))
        if row.evidence:
            lines.append(f"{s('tip.evidence')}: {cap(row.evidence, 300)}")
    if row.excluded_from:
        lines.append(f"{s('tip.excluded')}: " + ", ".join(cap(view.clusters.get(c, c), 60) for c in row.excluded_from))
    return _tooltip(lines)


def _add_person(net: Network, nid: str, row: Any, xy: tuple[float, float], tooltip: str) -> None:
    """One person as a vis-network node; netmix's own fields travel as extra node options."""
    color = SPHERE_COLORS[row.sphere_key]
    net.add_node(
        nid,
        label=cap(row.name, LABEL_MAX) or " ",
        shape="diamond" if row.double else "dot",
        color={"background": color, "border": "#222222" if row.double else color},
        borderWidth=2 if row.double else 1,
        size=round(7 + 18 * math.sqrt(row.bridging_score), 2),
        title=tooltip,
        x=xy[0],
        y=xy[1],
        name=cap(row.name, NAME_MAX),
        sphere=row.sphere_key,
        cluster=row.cluster,
        accounts=list(row.accounts),
        double=bool(row.double),
        bridge=int(row.bridge_rank),
        possible=int(row.possible_bridge_rank),
        excluded=bool(row.excluded_from),
    )


def _hulls(view: View, pos: Mapping[Any, tuple[float, float]]) -> list[dict]:
    """The shaded area of each circle of three or more persons: its padded convex hull and label place."""
    colors = cluster_colors(view.clusters)
    members: dict[str, list[tuple[float, float]]] = {}
    for pid, c in zip(view.persons["person_id"], view.persons["cluster"], strict=False):
        if c:
            members.setdefault(c, []).append(pos[pid])
    out = []
    for c, pts in sorted(members.items()):
        corners = geometry.hull(pts) if len(pts) >= 3 else []
        if len(corners) < 3:
            continue
        poly = geometry.padded(corners, 22.0)
        top = min(poly, key=lambda p: (p[1], p[0]))
        out.append(
            {"key": c, "label": cap(view.clusters.get(c, c), 40), "color": colors.get(c, "#999999"), "points": poly,
             "labelAt": [top[0], round(top[1] - 10, 1)]}
        )  # fmt: skip
    return out


def _person_network(view: View, lang: str, pos: Positions) -> tuple[Network, list[dict], list[dict]]:
    """The map of persons: pyvis nodes, netmix's edge records and the circles' areas."""
    net = Network(directed=False, cdn_resources="remote")
    for i, row in enumerate(view.persons.itertuples(index=False), start=1):
        _add_person(net, f"n{i}", row, pos[row.person_id], _person_tooltip(row, view, lang))
    ids = np.array([f"n{i}" for i in range(1, len(view.persons) + 1)], dtype=object)
    ties = view.ties
    ends = zip(ids[ties["src"].to_numpy()].tolist(), ids[ties["dst"].to_numpy()].tolist(), strict=True)
    data = ({"weight": w, "kind": k} for w, k in zip(ties["weight"].tolist(), ties["kind"].tolist(), strict=True))
    edges = _edge_records((a, b, d) for (a, b), d in zip(ends, data, strict=True))
    return net, edges, _hulls(view, pos)


def _edge_records(edges: Iterable[tuple[str, str, dict]]) -> list[dict]:
    """vis-network edge records, sorted by end ids (``n2`` before ``n10``).

    Built here rather than with pyvis' ``add_edge``: that method scans every edge already added
    to refuse duplicates (O(E²) over a map) and pyvis has no bulk method without that scan. The
    records are what pyvis' ``Edge(...).options`` would hold: ``from``, ``to`` and the options.
    """
    rows = []
    for a, b, d in edges:
        a, b = sorted((a, b), key=lambda x: (len(x), x))
        rows.append((a, b, d))
    records = []
    for a, b, d in sorted(rows, key=lambda r: (len(r[0]), r[0], len(r[1]), r[1])):
        w = float(d.get("weight", 1.0) or 1.0)
        opts: dict[str, object] = {"width": round(min(1.0 + math.log1p(max(w, 0.0) - 1.0 if w > 1 else 0.0), 6.0), 2)}
        if d.get("kind") == "inferred":
            opts["color"] = {"color": "#D6C9A8", "opacity": 0.5}
        if "ties" in d:
            opts["title"] = str(d["ties"])
        records.append({**opts, "from": a, "to": b})
    return records


# --- the map of circles ----------------------------------------------------------------------
UNCLUSTERED = "·"


def _cluster_groups(view: View) -> tuple[list[str], dict[str, list[int]]]:
    """The circles in drawing order and the row positions of their members (``·`` = no circle)."""
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(view.persons["cluster"]):
        groups.setdefault(str(c) or UNCLUSTERED, []).append(i)
    order = [c for c in view.clusters if c in groups] + sorted(c for c in groups if c not in view.clusters)
    return order, groups


def _add_cluster(net: Network, nid: str, c: str, label: str, rows: Any, pos: dict, sizes: tuple[int, str]) -> None:
    """One circle as a vis-network node at its members' centroid, sized by its members.

    ``sizes`` is the biggest circle's size and ``lang``.
    """
    biggest, lang = sizes
    comp = Counter(rows["sphere_key"])
    main = max(SPHERE_ORDER, key=lambda k: (comp.get(k, 0), -SPHERE_ORDER.index(k)))
    xs = [pos[p][0] for p in rows["person_id"]]
    ys = [pos[p][1] for p in rows["person_id"]]
    lines = [cap(label, 100), f"{len(rows)} {i18n.t(lang, 'map.members')}"] + [
        f"{i18n.value(lang, 'sphere', k)}: {comp[k]}" for k in SPHERE_ORDER if comp.get(k)
    ]
    net.add_node(
        nid,
        label=cap(label, LABEL_MAX),
        shape="dot",
        color={"background": SPHERE_COLORS[main], "border": SPHERE_COLORS[main]},
        size=round(10 + 50 * math.sqrt(len(rows) / biggest), 2),
        title=_tooltip(lines),
        x=round(sum(xs) / len(xs), 2),
        y=round(sum(ys) / len(ys), 2),
        name=cap(label, NAME_MAX),
        sphere=main,
        cluster=c,
        accounts=sorted({a for accs in rows["accounts"] for a in accs}),
        double=False,
        bridge=0,
        excluded=False,
        members=len(rows),
    )


def _cluster_network(view: View, lang: str, pos: Positions) -> tuple[Network, list[dict]]:
    """The aggregated map: one node per circle, edges weighted by the ties between circles."""
    order, groups = _cluster_groups(view)
    net = Network(directed=False, cdn_resources="remote")
    ids: dict[str, str] = {}
    biggest = max((len(g) for g in groups.values()), default=1)
    for i, c in enumerate(order, start=1):
        ids[c] = f"c{i}"
        label = view.clusters.get(c, c) if c != UNCLUSTERED else i18n.t(lang, "map.unclustered")
        _add_cluster(net, f"c{i}", c, label, view.persons.iloc[groups[c]], pos, (biggest, lang))
    ties = _between_clusters(view, [ids[c or UNCLUSTERED] for c in view.persons["cluster"].tolist()])
    word = i18n.t(lang, "map.ties")
    return net, _edge_records((a, b, {"weight": float(n), "ties": f"{n} {word}"}) for (a, b), n in ties.items())


def _between_clusters(view: View, node_of: list[str]) -> Counter:
    """Ties between persons of different clusters, counted per pair of cluster nodes (from the view's tie arrays)."""
    ties = view.ties
    codes, names = pd.factorize(pd.Series(node_of, dtype=object))
    a, b = codes[ties["src"].to_numpy()], codes[ties["dst"].to_numpy()]
    lo, hi = np.minimum(a, b)[a != b], np.maximum(a, b)[a != b]
    if not len(lo):
        return Counter()
    keys, counts = np.unique(lo * len(names) + hi, return_counts=True)  # in (lo, hi) order
    first, second = np.divmod(keys, len(names))
    pair_names = (tuple(sorted((str(names[x]), str(names[y])))) for x, y in zip(first.tolist(), second.tolist(), strict=True))
    return Counter(dict(zip(pair_names, (int(n) for n in counts.tolist()), strict=True)))


def _legend(view: View, accounts: Sequence[Account] | None, lang: str) -> dict:
    """The side panel's data: spheres, circles and accounts with their counts."""
    counts = Counter(view.persons["sphere_key"])
    colors = cluster_colors(view.clusters)
    csize = Counter(view.persons["cluster"])
    return {
        "spheres": [
            {"key": k, "label": i18n.value(lang, "sphere", k), "color": SPHERE_COLORS[k], "count": counts.get(k, 0)}
            for k in SPHERE_ORDER
        ],
        "clusters": [
            {"key": c, "label": cap(label, 60), "color": colors[c], "size": csize.get(c, 0)}
            for c, label in view.clusters.items()
            if csize.get(c, 0)
        ],
        "accounts": _account_rows(view, accounts, lang),
    }


def _map_data(view: View, accounts: Sequence[Account] | None, lang: str, *, max_nodes: int, pos: Positions) -> dict:
    """Everything the map's script reads: nodes, edges, areas, legend and words."""
    total = len(view.persons)
    hulls: list[dict] = []
    if total > max_nodes:
        net, edges = _cluster_network(view, lang, pos)
        note = i18n.t(lang, "map.aggregated", n=total, max=max_nodes)
    else:
        net, edges, hulls = _person_network(view, lang, pos)
        note = ""
    net.set_options(json.dumps(OPTIONS))
    nodes, _edges, _heading, _h, _w, options = net.get_network_data()
    return {
        "mode": "clusters" if total > max_nodes else "persons",
        "note": note,
        "total": total,
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options) if isinstance(options, str) else options,
        "hulls": hulls,
        **_legend(view, accounts, lang),
        "strings": i18n.strings(lang, "map."),
    }


def map_html(
    analysis: Analysis,
    resolution: Resolution | None = None,
    accounts: Sequence[Account] | None = None,
    *,
    lang: str = "en",
    pseudonymizer: Pseudonymizer | None = None,
    title: str | None = None,
    max_nodes: int = 6000,
    seed: int = 0,
    positions: Mapping | None = None,
) -> str:
    """The self-contained interactive map as an HTML string.

    Parameters
    ----------
    analysis : Analysis
        The result of :func:`netmix.analyse`: its graph and persons are drawn.
    resolution : Resolution, optional
        Gives the doubles' evidence for the tooltips.
    accounts : Sequence[Account], optional
        The ego's accounts (names and spheres for the legend).
    lang : str
        ``"en"`` or ``"fr"``: every word of the page.
    pseudonymizer : Pseudonymizer, optional
        Names replaced by pseudonyms, no contact details, evidence redacted.
    title : str, optional
        The page title (escaped; a default in ``lang``).
    max_nodes, seed, positions
        Above ``max_nodes`` persons the map draws circles instead of persons; the layout seed, or the
        run's layout itself (person id → x, y), computed here when ``None``.

    Returns
    -------
    str
        One HTML page that loads nothing from the network.

    Examples
    --------
    >>> from netmix.model import CONTACT_COLUMNS, frame
    >>> from netmix import analyse, resolve
    >>> res = resolve(frame([dict(contact_id="perso:1", account="perso", sphere="personal", name="Marie Dupont",
    ...                           source_id="a")], CONTACT_COLUMNS))
    >>> page = map_html(analyse(res), res, lang="fr")
    >>> page.startswith("<!DOCTYPE html>"), "Marie Dupont" in page, "<script src" in page
    (True, True, False)
    """
    i18n.check_lang(lang)
    view = build_view(analysis, resolution, pseudonymizer=pseudonymizer, lang=lang)
    pos = dict(positions) if positions is not None else layout_view(view, seed=seed)
    vis_js, vis_css = vis_assets()
    return environment().get_template("map.html.j2").render(
        lang=lang,
        title=cap(title if title is not None else i18n.t(lang, "map.title"), 200),
        s=i18n.strings(lang),
        data_json=script_json(_map_data(view, accounts, lang, max_nodes=max_nodes, pos=pos)),
        vis_js=vis_js,
        vis_css=vis_css,
        app_js=static_text("netmix-map.js"),
    )
