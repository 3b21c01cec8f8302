"""Layout, static images and Gephi files: deterministic, complete, readable back."""

import io
import math

import networkx as nx
import pytest

from netmix.privacy import Pseudonymizer
from netmix.render.gephi import gexf_bytes, graphml_bytes
from netmix.render.layout import layout
from netmix.render.people import build_view
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
    with pytest.raises(Exception):
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
