"""Layout, static images and Gephi files: deterministic, complete, readable back."""

import dataclasses
import io
import math
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from netmix.errors import ConfigError
from netmix.privacy import Pseudonymizer
from netmix.render import layout as layout_module
from netmix.render.gephi import gexf_bytes, graphml_bytes, xml_unsafe_characters
from netmix.render.layout import layout, layout_view
from netmix.render.people import SPHERE_COLORS, build_view
from netmix.render.static import map_image

from .conftest import synthetic


def test_layout_deterministic_and_complete(case):
    _, analysis, _ = case
    a = layout(analysis.graph, seed=3)
    assert a == layout(analysis.graph, seed=3)
    assert set(a) == set(analysis.graph.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in a.values())
    assert len(set(a.values())) == len(a)  # no two persons on the same spot


def test_layout_keeps_clusters_apart():
    _, analysis = synthetic(600, per_cluster=100)
    g = analysis.graph
    pos = layout(g, seed=0)
    cl = nx.get_node_attributes(g, "cluster")
    # every person is closer to its own cluster's centre than to any other centre
    centres = {}
    for c in set(cl.values()):
        pts = [pos[n] for n in g if cl[n] == c]
        centres[c] = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    wrong = 0
    for n in g:
        d = {c: math.dist(pos[n], xy) for c, xy in centres.items()}
        wrong += min(d, key=d.get) != cl[n]
    assert wrong == 0


def test_static_images_deterministic(case):
    resolution, analysis, _ = case
    png = map_image(analysis, resolution=resolution)
    assert png.startswith(b"\x89PNG") and png == map_image(analysis, resolution=resolution)
    svg = map_image(analysis, fmt="svg")
    assert svg == map_image(analysis, fmt="svg")
    assert b"<dc:date>" not in svg and b"Date" not in svg


def test_static_hide_names_and_pseudonyms(case):
    _, analysis, _ = case
    # svg.fonttype "path" draws glyphs, so check text through the label ids matplotlib keeps
    shown = map_image(analysis, fmt="svg")
    hidden = map_image(analysis, fmt="svg", hide_names=True)
    assert shown.count(b"<g id=\"text_") > hidden.count(b"<g id=\"text_")
    with pytest.raises(ConfigError):
        map_image(analysis, fmt="jpg")


def test_gexf_round_trip(case):
    resolution, analysis, _ = case
    data = gexf_bytes(analysis, resolution)
    assert data == gexf_bytes(analysis, resolution)
    assert b"lastmodifieddate" not in data
    g = nx.read_gexf(io.BytesIO(data))
    assert g.number_of_nodes() == 10 and g.number_of_edges() == 13  # conftest: 10 persons, 13 ties
    assert g.nodes["p01"]["label"] == "Marie Dupont"
    assert g.nodes["p01"]["viz"]["color"] == {"r": 0x8E, "g": 0x44, "b": 0xAD, "a": 1.0}  # "both" purple
    assert g.nodes["p09"]["sphere"] == "noncontact"
    assert g.edges["p01", "p10"]["kind"] == "inferred"
    assert "position" in g.nodes["p01"]["viz"]


def test_graphml_round_trip_pseudonymised(case):
    resolution, analysis, _ = case
    p = Pseudonymizer(bytes(32))
    data = graphml_bytes(analysis, resolution, pseudonymizer=p)
    assert data == graphml_bytes(analysis, resolution, pseudonymizer=p)
    assert b"Marie" not in data and b"p01" not in data
    g = nx.read_graphml(io.BytesIO(data))
    assert g.nodes[p.token("p01")]["label"] == p.name("p01")
    assert g.nodes[p.token("p01")]["color"] == "#8E44AD"
    assert g.number_of_edges() == 13


def test_view_marks_doubles_bridges_exclusions(case):
    resolution, analysis, _ = case
    v = build_view(analysis, resolution).persons.set_index("person_id")
    assert sorted(v.index[v["double"]]) == ["p01", "p10"]  # two accounts each
    assert v.loc["p10", "bridge_rank"] == 1 and v.loc["p09", "excluded_from"] == ["c1"]
    assert v.loc["p10", "bridging_score"] == 1.0 and v.loc["p01", "bridging_score"] == 0.8  # max is 1.0


def _networkx_export(view, pos, ident=lambda p: p):
    """What netmix wrote through networkx's writers before it streamed the files (the reference)."""
    g = nx.Graph()
    for row in view.persons.itertuples(index=False):
        h = SPHERE_COLORS[row.sphere_key].lstrip("#")
        x, y = pos[row.person_id]
        g.add_node(
            ident(row.person_id),
            label=row.name, sphere=row.sphere_key, cluster=row.cluster, cluster_label=view.clusters.get(row.cluster, row.cluster),
            accounts=";".join(row.accounts), is_contact=int(row.is_contact), double=int(row.double),
            bridging_score=float(row.bridging_score), bridge_rank=int(row.bridge_rank), ego_role=row.ego_role,
            viz={"color": {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16), "a": 1.0},
                 "position": {"x": float(x), "y": float(-y), "z": 0.0}, "size": round(7 + 18 * row.bridging_score**0.5, 3)},
        )  # fmt: skip
    for u, v, d in sorted((*sorted((ident(u), ident(v))), d) for u, v, d in view.graph.edges(data=True)):
        g.add_edge(u, v, weight=float(d["weight"]), kind=d["kind"])
    return g


def _same_graph(a, b):
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert {frozenset((u, v)): d for u, v, d in a.edges(data=True)} == {frozenset((u, v)): d for u, v, d in b.edges(data=True)}


@pytest.mark.parametrize("pseudonymised", [False, True])
def test_gephi_files_read_back_as_networkx_wrote_them(case, pseudonymised):
    # the reference: the same graph written by networkx's own GEXF and GraphML writers
    resolution, analysis, _ = case
    p = Pseudonymizer(bytes(32)) if pseudonymised else None
    view = build_view(analysis, resolution, pseudonymizer=p)
    pos = layout(view.graph, seed=0)
    ref = _networkx_export(view, pos, p.token if p else (lambda x: x))
    buf = io.BytesIO()
    nx.write_gexf(ref, buf)
    ours = gexf_bytes(analysis, resolution, pseudonymizer=p)
    _same_graph(nx.read_gexf(io.BytesIO(ours)), nx.read_gexf(io.BytesIO(buf.getvalue())))
    flat = ref.copy()
    for _, d in flat.nodes(data=True):
        viz = d.pop("viz")
        d.update(x=viz["position"]["x"], y=viz["position"]["y"], size=viz["size"],
                 color="#{r:02X}{g:02X}{b:02X}".format(**viz["color"]))  # fmt: skip
    buf = io.BytesIO()
    nx.write_graphml(flat, buf)
    ours = graphml_bytes(analysis, resolution, pseudonymizer=p)
    _same_graph(nx.read_graphml(io.BytesIO(ours)), nx.read_graphml(io.BytesIO(buf.getvalue())))


def test_gexf_has_the_gexf_1_3_structure_gephi_reads(case):
    resolution, analysis, _ = case
    root = ET.fromstring(gexf_bytes(analysis, resolution))
    ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    graph = root.find("g:graph", ns)
    assert graph.get("defaultedgetype") == "undirected"
    declared = {a.get("id"): a.get("type") for a in graph.iterfind("g:attributes/g:attribute", ns)}
    assert set(declared.values()) <= {"string", "long", "double"}
    nodes = graph.findall("g:nodes/g:node", ns)
    assert len(nodes) == int(graph.find("g:nodes", ns).get("count")) == 10
    for node in nodes:
        color = node.find("viz:color", ns)
        assert all(0 <= int(color.get(c)) <= 255 for c in "rgb") and 0.0 <= float(color.get("a")) <= 1.0
        position = node.find("viz:position", ns)
        assert all(math.isfinite(float(position.get(c))) for c in "xyz")
        assert float(node.find("viz:size", ns).get("value")) > 0
        assert {v.get("for") for v in node.iterfind("g:attvalues/g:attvalue", ns)} <= set(declared)
    ids = {n.get("id") for n in nodes}
    edges = graph.findall("g:edges/g:edge", ns)
    assert len(edges) == 13 and len({e.get("id") for e in edges}) == 13
    assert all(e.get("source") in ids and e.get("target") in ids and float(e.get("weight")) > 0 for e in edges)


def test_names_xml_cannot_hold_are_cleaned_and_counted(case):
    # NUL, ESC and VT are not XML 1.0 characters: a parser refuses a file that holds them
    resolution, analysis, _ = case
    persons = analysis.persons.copy()
    persons.loc[persons.person_id == "p02", "name"] = "Jean\x00 Martin"
    persons.loc[persons.person_id == "p03", "name"] = "Zoë\x1b[31m Lefèvre\x0b"
    dirty = dataclasses.replace(analysis, persons=persons)
    assert xml_unsafe_characters(dirty, resolution) == 3
    for data in (gexf_bytes(dirty, resolution), graphml_bytes(dirty, resolution)):
        ET.fromstring(data)  # every written XML file parses back
    g = nx.read_gexf(io.BytesIO(gexf_bytes(dirty, resolution)))
    assert g.nodes["p02"]["label"] == "Jean Martin" and g.nodes["p03"]["label"] == "Zoë[31m Lefèvre"
    assert nx.read_graphml(io.BytesIO(graphml_bytes(dirty, resolution))).nodes["p02"]["label"] == "Jean Martin"
    assert xml_unsafe_characters(analysis, resolution) == 0


def test_shared_positions_are_used_as_given(case):
    resolution, analysis, _ = case
    view = build_view(analysis, resolution)
    pos = {p: (float(i), 2.0 * i) for i, p in enumerate(view.persons["person_id"])}
    g = nx.read_gexf(io.BytesIO(gexf_bytes(analysis, resolution, positions=pos)))
    assert g.nodes["p03"]["viz"]["position"] == {"x": 2.0, "y": -4.0, "z": 0.0}
    assert layout_view(view, seed=5) == layout(view.graph, seed=5)


def test_layout_beyond_the_work_budget_keeps_clusters_apart(monkeypatch):
    # above the budget, members fill their cluster's disc (sunflower, best-connected at the centre)
    _, analysis = synthetic(600, per_cluster=100)
    monkeypatch.setattr(layout_module, "WORK_BUDGET", 0)
    g = analysis.graph
    pos = layout(g, seed=0)
    assert pos == layout(g, seed=0) and len(set(pos.values())) == len(pos) == g.number_of_nodes()
    cl = nx.get_node_attributes(g, "cluster")
    centres = {}
    for c in set(cl.values()):
        pts = [pos[n] for n in g if cl[n] == c]
        centres[c] = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    assert all(min(centres, key=lambda c: math.dist(pos[n], centres[c])) == cl[n] for n in g)
