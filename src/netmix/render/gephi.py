"""Gephi files: GEXF with colours and positions, GraphML with the same attributes.

Nodes carry label, sphere, cluster, cluster_label, accounts, is_contact, double, bridging_score,
bridge_rank and ego_role; edges carry weight and kind (observed / inferred). Positions and colours
are those of the map. With a pseudonymizer, labels are pseudonyms and node ids are keyed tokens
(person ids are hashes of source keys and could be recomputed from a known profile URL).
Output is deterministic: sorted nodes and edges, no date in the GEXF header.
"""

from __future__ import annotations

import io
import re

import networkx as nx

from ..model import Analysis, Resolution
from ..privacy import Pseudonymizer
from .layout import layout
from .people import SPHERE_COLORS, build_view

_DATE = re.compile(rb'\s+lastmodifieddate="[^"]*"')


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def export_graph(
    analysis: Analysis,
    resolution: Resolution | None = None,
    *,
    pseudonymizer: Pseudonymizer | None = None,
    seed: int = 0,
    viz: bool = True,
) -> nx.Graph:
    """The person graph with export attributes (``viz`` dicts for GEXF, flat x/y/color otherwise)."""
    view = build_view(analysis, resolution, pseudonymizer=pseudonymizer)
    pos = layout(view.graph, seed=seed)
    ident = (lambda p: pseudonymizer.token(p)) if pseudonymizer is not None else (lambda p: p)
    g = nx.Graph()
    for row in view.persons.itertuples(index=False):
        color = SPHERE_COLORS[row.sphere_key]
        x, y = pos[row.person_id]
        size = round(7 + 18 * row.bridging_score**0.5, 3)
        attrs = {
            "label": row.name,
            "sphere": row.sphere_key,
            "cluster": row.cluster,
            "cluster_label": view.clusters.get(row.cluster, row.cluster),
            "accounts": ";".join(row.accounts),
            "is_contact": int(row.is_contact),
            "double": int(row.double),
            "bridging_score": float(row.bridging_score),
            "bridge_rank": int(row.bridge_rank),
            "ego_role": row.ego_role,
        }
        if viz:
            r, gg, b = _rgb(color)
            attrs["viz"] = {
                "color": {"r": r, "g": gg, "b": b, "a": 1.0},
                "position": {"x": float(x), "y": float(-y), "z": 0.0},
                "size": size,
            }
        else:
            attrs.update(x=float(x), y=float(-y), color=color, size=size)
        g.add_node(ident(row.person_id), **attrs)
    edges = sorted(
        (tuple(sorted((ident(u), ident(v)))) + (float(d.get("weight", 1.0)), str(d.get("kind", "observed"))))
        for u, v, d in view.graph.edges(data=True)
    )
    for a, b, w, kind in edges:
        g.add_edge(a, b, weight=w, kind=kind)
    return g


def gexf_bytes(
    analysis: Analysis,
    resolution: Resolution | None = None,
    *,
    pseudonymizer: Pseudonymizer | None = None,
    seed: int = 0,
) -> bytes:
    """The graph as GEXF 1.2 (UTF-8) with viz colours, positions and sizes, for Gephi."""
    g = export_graph(analysis, resolution, pseudonymizer=pseudonymizer, seed=seed, viz=True)
    buf = io.BytesIO()
    nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
    return _DATE.sub(b"", buf.getvalue())


def graphml_bytes(
    analysis: Analysis,
    resolution: Resolution | None = None,
    *,
    pseudonymizer: Pseudonymizer | None = None,
    seed: int = 0,
) -> bytes:
    """The graph as GraphML (UTF-8) with typed attributes, x/y and a colour per node."""
    g = export_graph(analysis, resolution, pseudonymizer=pseudonymizer, seed=seed, viz=False)
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


__all__ = ["export_graph", "gexf_bytes", "graphml_bytes"]
