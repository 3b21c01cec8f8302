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
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pyvis
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from ..model import Account, Analysis, Resolution
from ..privacy import Pseudonymizer
from . import i18n
from .layout import layout
from .people import SPHERE_COLORS, SPHERE_ORDER, View, build_view, cap, cluster_colors, tie_arrays

LABEL_MAX = 60
NAME_MAX = 200
TOOLTIP_MAX = 1000
VIS_VERSION = "9.1.2"

#: vis-network options: no physics (positions are given), straight edges, labels only when large enough.
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
        "scaling": {"label": {"enabled": True, "drawThreshold": 7}},
    },
    "edges": {
        "smooth": False,
        "color": {"color": "#B8B8B8", "highlight": "#555555", "opacity": 0.55},
        "selectionWidth": 1,
    },
}


# --- helpers ---------------------------------------------------------------------------------
def script_json(obj: object) -> Markup:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c``… so no ``</script>`` or ``<!--`` can appear;
    U+2028/U+2029 are escaped too (they end lines in old JavaScript parsers).
    """
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return Markup(text)


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


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment of netmix's templates (autoescape on for every template)."""
    env = Environment(loader=PackageLoader("netmix.render", "templates"), autoescape=select_autoescape(default=True))
    return env


@functools.lru_cache(maxsize=4)
def static_text(name: str) -> Markup:
    """A file of ``render/static`` as inline-able text."""
    text = resources.files("netmix.render").joinpath("static", name).read_text(encoding="utf-8")
    if "</script" in text.lower():  # pragma: no cover
        raise RuntimeError(f"{name} contains '</script'")
    return Markup(text)


def _tooltip(lines: Iterable[str]) -> str:
    return cap("\n".join(line for line in lines if line), TOOLTIP_MAX)


def _hull(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Convex hull (Andrew's monotone chain), counter-clockwise."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _padded(hull: list[tuple[float, float]], pad: float) -> list[list[float]]:
    cx = sum(p[0] for p in hull) / len(hull)
    cy = sum(p[1] for p in hull) / len(hull)
    out = []
    for x, y in hull:
        d = math.hypot(x - cx, y - cy) or 1.0
        out.append([round(x + (x - cx) / d * pad, 1), round(y + (y - cy) / d * pad, 1)])
    return out


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


# --- the map ---------------------------------------------------------------------------------
def _person_network(view: View, lang: str, seed: int, positions: Mapping | None = None) -> tuple[Network, list[dict]]:
    s = functools.partial(i18n.t, lang)
    pos = positions if positions is not None else layout(view.graph, seed=seed)
    colors = cluster_colors(view.clusters)
    net = Network(directed=False, cdn_resources="remote")
    ids: dict[str, str] = {}
    for i, row in enumerate(view.persons.itertuples(index=False), start=1):
        nid = f"n{i}"
        ids[row.person_id] = nid
        name = cap(row.name, NAME_MAX)
        cluster_label = view.clusters.get(row.cluster, row.cluster)
        lines = [
            name,
            f"{s('tip.sphere')}: {i18n.value(lang, 'sphere', row.sphere_key)}",
            f"{s('tip.accounts')}: {', '.join(row.accounts) or s('tip.none')}",
            f"{s('tip.cluster')}: {cap(cluster_label, 80)}" if row.cluster else "",
            f"{s('tip.role')}: {i18n.value(lang, 'role', row.ego_role)}" if row.ego_role else "",
            f"{s('tip.bridge')}: {row.bridge_rank}" if row.bridge_rank else "",
        ]
        if row.double:
            band = i18n.value(lang, "band", row.band) if row.band else ""
            conf = f" {float(row.confidence):.2f}" if row.confidence not in ("", None) else ""
            lines.append(f"{s('tip.double')}: {band}{conf}".rstrip(": "))
            if row.evidence:
                lines.append(f"{s('tip.evidence')}: {cap(row.evidence, 300)}")
        if row.excluded_from:
            lines.append(f"{s('tip.excluded')}: " + ", ".join(cap(view.clusters.get(c, c), 60) for c in row.excluded_from))
        color = SPHERE_COLORS[row.sphere_key]
        x, y = pos[row.person_id]
        net.add_node(
            nid,
            label=cap(row.name, LABEL_MAX) or " ",
            shape="diamond" if row.double else "dot",
            color={"background": color, "border": "#222222" if row.double else color},
            borderWidth=2 if row.double else 1,
            size=round(7 + 18 * math.sqrt(row.bridging_score), 2),
            title=_tooltip(lines),
            x=x,
            y=y,
        )
        extra = net.node_map[nid]
        extra.update(
            name=name,
            sphere=row.sphere_key,
            cluster=row.cluster,
            accounts=list(row.accounts),
            double=bool(row.double),
            bridge=int(row.bridge_rank),
            excluded=bool(row.excluded_from),
        )
    _add_edges(net, ((ids[u], ids[v], d) for u, v, d in view.graph.edges(data=True)))
    hulls = []
    members: dict[str, list[tuple[float, float]]] = {}
    for pid, c in zip(view.persons["person_id"], view.persons["cluster"], strict=False):
        if c:
            members.setdefault(c, []).append(pos[pid])
    for c, pts in sorted(members.items()):
        if len(pts) < 3:
            continue
        hull = _hull(pts)
        if len(hull) < 3:
            continue
        poly = _padded(hull, 22.0)
        top = min(poly, key=lambda p: (p[1], p[0]))
        hulls.append(
            {"key": c, "label": cap(view.clusters.get(c, c), 40), "color": colors.get(c, "#999999"), "points": poly,
             "labelAt": [top[0], round(top[1] - 10, 1)]}
        )
    return net, hulls


def _add_edges(net: Network, edges: Iterable[tuple[str, str, dict]]) -> None:
    """Append pyvis edge records (pyvis' ``add_edge`` checks duplicates in O(E) per call)."""
    from pyvis.edge import Edge

    rows = []
    for a, b, d in edges:
        a, b = sorted((a, b), key=lambda x: (len(x), x))
        rows.append((a, b, d))
    for a, b, d in sorted(rows, key=lambda r: (len(r[0]), r[0], len(r[1]), r[1])):
        w = float(d.get("weight", 1.0) or 1.0)
        opts = {"width": round(min(1.0 + math.log1p(max(w, 0.0) - 1.0 if w > 1 else 0.0), 6.0), 2)}
        if d.get("kind") == "inferred":
            opts["color"] = {"color": "#D6C9A8", "opacity": 0.5}
        if "ties" in d:
            opts["title"] = str(d["ties"])
        net.edges.append(Edge(a, b, False, **opts).options)


def _cluster_network(view: View, lang: str, seed: int, positions: Mapping | None = None) -> Network:
    """The aggregated map: one node per cluster, edges weighted by the ties between clusters."""
    s = functools.partial(i18n.t, lang)
    pos = positions if positions is not None else layout(view.graph, seed=seed)
    unclustered = "·"
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(view.persons.itertuples(index=False)):
        groups.setdefault(row.cluster or unclustered, []).append(i)
    persons = view.persons
    net = Network(directed=False, cdn_resources="remote")
    ids: dict[str, str] = {}
    order = [c for c in view.clusters if c in groups] + sorted(c for c in groups if c not in view.clusters)
    biggest = max((len(g) for g in groups.values()), default=1)
    for i, c in enumerate(order, start=1):
        nid = f"c{i}"
        ids[c] = nid
        rows = persons.iloc[groups[c]]
        comp = Counter(rows["sphere_key"])
        main = max(SPHERE_ORDER, key=lambda k: (comp.get(k, 0), -SPHERE_ORDER.index(k)))
        label = view.clusters.get(c, c) if c != unclustered else s("map.unclustered")
        xs = [pos[p][0] for p in rows["person_id"]]
        ys = [pos[p][1] for p in rows["person_id"]]
        lines = [cap(label, 100), f"{len(rows)} {s('map.members')}"] + [
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
        )
        accs = sorted({a for accs in rows["accounts"] for a in accs})
        net.node_map[nid].update(name=cap(label, NAME_MAX), sphere=main, cluster=c, accounts=accs, double=False,
                                 bridge=0, excluded=False, members=len(rows))
    ties = _between_clusters(view, [ids[c or unclustered] for c in persons["cluster"].tolist()])
    _add_edges(net, ((a, b, {"weight": float(n), "ties": f"{n} {s('map.ties')}"}) for (a, b), n in ties.items()))
    return net


def _between_clusters(view: View, node_of: list[str]) -> Counter:
    """Ties between persons of different clusters, counted per pair of cluster nodes (from the view's tie arrays)."""
    ties = view.ties if view.ties is not None else tie_arrays(view.graph, view.persons["person_id"].tolist())
    codes, names = pd.factorize(pd.Series(node_of, dtype=object))
    a, b = codes[ties["src"].to_numpy()], codes[ties["dst"].to_numpy()]
    lo, hi = np.minimum(a, b)[a != b], np.maximum(a, b)[a != b]
    pairs, counts = np.unique(np.column_stack([lo, hi]), axis=0, return_counts=True) if len(lo) else (np.zeros((0, 2), int), [])
    pair_names = (tuple(sorted((str(names[x]), str(names[y])))) for x, y in pairs.tolist())
    return Counter(dict(zip(pair_names, (int(n) for n in counts), strict=True)))


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
    analysis : result of ``analyze`` (its graph and persons are drawn).
    resolution : gives double evidence for tooltips (optional).
    accounts : the ego's accounts (names and spheres for the legend; optional).
    lang : ``"en"`` or ``"fr"``.
    pseudonymizer : names replaced by pseudonyms, no contact details, evidence redacted.
    title : page title (escaped; default from ``lang``).
    max_nodes : above this many persons, draw clusters instead of persons.
    seed : layout seed.
    positions : the run's layout (person id → x, y; :func:`netmix.render.layout.layout`), computed here when ``None``.

    Examples
    --------
    >>> html = map_html(analysis, resolution, accounts, lang="fr")   # doctest: +SKIP
    >>> Path("graph.html").write_text(html, encoding="utf-8")        # doctest: +SKIP
    """
    i18n.check_lang(lang)
    view = build_view(analysis, resolution, pseudonymizer=pseudonymizer)
    total = len(view.persons)
    aggregated = total > max_nodes
    if aggregated:
        net = _cluster_network(view, lang, seed, positions)
        hulls: list[dict] = []
        note = i18n.t(lang, "map.aggregated", n=total, max=max_nodes)
    else:
        net, hulls = _person_network(view, lang, seed, positions)
        note = ""
    net.set_options(json.dumps(OPTIONS))
    nodes, edges, _heading, _h, _w, options = net.get_network_data()
    counts = Counter(view.persons["sphere_key"])
    colors = cluster_colors(view.clusters)
    csize = Counter(view.persons["cluster"])
    data = {
        "mode": "clusters" if aggregated else "persons",
        "note": note,
        "total": total,
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options) if isinstance(options, str) else options,
        "hulls": hulls,
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
        "strings": i18n.strings(lang, "map."),
    }
    vis_js, vis_css = vis_assets()
    page_title = title if title is not None else i18n.t(lang, "map.title")
    return environment().get_template("map.html.j2").render(
        lang=lang,
        title=cap(page_title, 200),
        s=i18n.strings(lang),
        data_json=script_json(data),
        vis_js=vis_js,
        vis_css=vis_css,
        app_js=static_text("netmix-map.js"),
    )
