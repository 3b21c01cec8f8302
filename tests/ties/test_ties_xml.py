"""GraphML and GEXF: shapes written by networkx, Gephi and yEd; hostile and broken XML."""

from __future__ import annotations

import networkx as nx
import pytest

from netmix.errors import InputError, UnsafeInput
from netmix.ties import detect as _detect, _xml, gexf, graphml


def msgs(issues) -> str:
    return " | ".join(i.message for i in issues)


def rows(df) -> list[tuple]:
    return [tuple(r) for r in df.itertuples(index=False)]


def _sample_graph() -> nx.Graph:
    g = nx.Graph()
    g.add_node("a", label="Ana Exemplo")
    g.add_node("b", label="Ben Sample")
    g.add_node("c")  # no label
    g.add_edge("a", "b", weight=2.5)
    g.add_edge("b", "c")  # no weight
    return g


# --- GraphML -----------------------------------------------------------------------------------
def test_graphml_written_by_networkx(write):
    m = write("g.graphml", "\n".join(nx.generate_graphml(_sample_graph())))
    assert _detect(m).name == "graphml"
    nodes, edges, issues = graphml.read(m, None)
    assert rows(nodes) == [("a", "Ana Exemplo", ""), ("b", "Ben Sample", ""), ("c", "", "")]
    assert rows(edges) == [("a", "b", 2.5), ("b", "c", 1.0)]
    assert issues == ()


GEPHI_GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key attr.name="label" attr.type="string" for="node" id="label"/>
<key attr.name="Weight" attr.type="double" for="edge" id="weight"/>
<key attr.name="name" attr.type="string" for="node" id="nm"/>
<graph edgedefault="directed">
<node id="1"><data key="label">Zoë Müller</data><data key="nm">ignored, label wins</data></node>
<node id="2"><data key="nm">Only Name</data></node>
<node id="10"/>
<edge source="10" target="2"><data key="weight">3.0</data></edge>
<edge source="2" target="1"><data key="weight">0.5</data></edge>
</graph>
</graphml>"""


def test_graphml_from_gephi_label_and_weight_keys(write):
    nodes, edges, issues = graphml.read(write("gephi.graphml", GEPHI_GRAPHML), None)
    assert rows(nodes) == [("1", "Zoë Müller", ""), ("2", "Only Name", ""), ("10", "", "")]
    # undirected: 2->1 becomes (1, 2); ids sort numerically (2 before 10)
    assert rows(edges) == [("1", "2", 0.5), ("2", "10", 3.0)]
    assert issues == ()


YED_GRAPHML = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0"><data key="d6"><y:ShapeNode><y:Geometry height="30" width="30" x="0" y="0"/>
      <y:NodeLabel alignment="center">Ana
 Exemplo</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1" yfiles.foldertype="group"><data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="0">
      <y:GroupNode><y:NodeLabel>Team</y:NodeLabel></y:GroupNode></y:Realizers></y:ProxyAutoBoundsNode></data>
      <graph edgedefault="directed" id="n1:">
        <node id="n1::n0"><data key="d6"><y:ShapeNode><y:NodeLabel>Ben Sample</y:NodeLabel></y:ShapeNode></data></node>
      </graph>
    </node>
    <edge id="e0" source="n0" target="n1::n0"><data key="d10"><y:PolyLineEdge/></data></edge>
  </graph>
</graphml>"""


def test_graphml_from_yed_node_labels_and_groups(write):
    nodes, edges, _ = graphml.read(write("yed.graphml", YED_GRAPHML), None)
    assert rows(nodes) == [("n0", "Ana Exemplo", ""), ("n1", "Team", ""), ("n1::n0", "Ben Sample", "")]
    assert rows(edges) == [("n0", "n1::n0", 1.0)]


def test_graphml_without_namespace_is_read(write):
    text = '<graphml><graph><node id="x"/><node id="y"/><edge source="x" target="y"/></graph></graphml>'
    nodes, edges, _ = graphml.read(write("plain.graphml", text), None)
    assert list(nodes["node"]) == ["x", "y"] and len(edges) == 1


def test_graphml_dangling_edge_and_duplicate_ids_are_counted(write):
    text = """<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>
    <node id="a"/><node id="a"/><node id="b"/>
    <edge source="a" target="b"/><edge source="b" target="ghost"/><edge source="a" target="a"/>
    </graph></graphml>"""
    nodes, edges, issues = graphml.read(write("d.graphml", text), None)
    assert list(nodes["node"]) == ["a", "b", "ghost"]
    assert rows(edges) == [("a", "b", 1.0), ("b", "ghost", 1.0)]
    text_issues = msgs(issues)
    assert "duplicate node ids (the first row of each id is kept): 1" in text_issues
    assert "not declared in the file (added without a name): 1" in text_issues
    assert "self-loops dropped: 1" in text_issues


def test_graphml_wrong_namespace_is_an_input_error(write):
    text = '<graphml xmlns="http://example.com/not-graphml"><graph/></graphml>'
    with pytest.raises(InputError, match="namespace"):
        graphml.read(write("ns.graphml", text), None)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<{root} xmlns="{ns}"><graph><node id="a" label="&lol9;"><data key="k">&lol9;</data></node></graph></{root}>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<{root} xmlns="{ns}"><graph><node id="a" label="&x;"><data key="k">&x;</data></node></graph></{root}>"""

XML_KINDS = [
    (graphml, "graphml", "http://graphml.graphdrawing.org/xmlns", "x.graphml"),
    (gexf, "gexf", "http://gexf.net/1.3", "x.gexf"),
]


@pytest.mark.parametrize("module, root, ns, name", XML_KINDS)
@pytest.mark.parametrize("attack", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_dtd_entities_and_external_references_are_refused(write, module, root, ns, name, attack):
    m = write(name, attack.format(root=root, ns=ns))
    with pytest.raises(UnsafeInput) as exc:
        module.read(m, None)
    assert "root:" not in str(exc.value)  # nothing of /etc/passwd leaks into the message
    assert exc.value.exit_code == 4


@pytest.mark.parametrize("module, root, ns, name", XML_KINDS)
def test_truncated_xml_is_an_input_error_with_line(write, module, root, ns, name):
    text = f'<?xml version="1.0"?>\n<{root} xmlns="{ns}">\n<graph>\n<node id="a"/>\n<node id="b'
    with pytest.raises(InputError) as exc:
        module.read(write(name, text), None)
    assert exc.value.line == 5  # the file stops inside the tag opened on line 5
    assert "column" in exc.value.message and exc.value.file is not None


@pytest.mark.parametrize("module, root, ns, name", XML_KINDS)
def test_size_cap_is_checked_before_parsing(write, module, root, ns, name, monkeypatch):
    monkeypatch.setattr(_xml, "MAX_XML_BYTES", 50)
    m = write(name, f'<{root} xmlns="{ns}"><graph>' + "<node id='n'/>" * 10 + "</graph></" + root + ">")
    with pytest.raises(UnsafeInput, match="limit"):
        module.read(m, None)


# --- GEXF --------------------------------------------------------------------------------------
def test_gexf_12_written_by_networkx(write):
    m = write("g.gexf", "\n".join(nx.generate_gexf(_sample_graph(), version="1.2draft")))
    assert _detect(m).name == "gexf"
    nodes, edges, issues = gexf.read(m, None)
    # networkx writes the node id as label when a node has none: c's label is "c"
    assert rows(nodes) == [("a", "Ana Exemplo", ""), ("b", "Ben Sample", ""), ("c", "c", "")]
    assert rows(edges) == [("a", "b", 2.5), ("b", "c", 1.0)]
    assert issues == ()


GEXF_13 = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <graph defaultedgetype="undirected" mode="static">
    <attributes class="node"><attribute id="0" title="Name" type="string"/></attributes>
    <attributes class="edge"><attribute id="w" title="weight" type="double"/></attributes>
    <nodes>
      <node id="1" label="Ana Exemplo"><viz:size value="3"/></node>
      <node id="2"><attvalues><attvalue for="0" value="Ben Sample"/></attvalues></node>
      <node id="3" label="Cara Demo"/>
    </nodes>
    <edges>
      <edge id="0" source="1" target="2" weight="2"/>
      <edge id="1" source="3" target="2"><attvalues><attvalue for="w" value="4.5"/></attvalues></edge>
      <edge id="2" source="2" target="1" weight="7"/>
      <edge id="3" source="3" target="9"/>
    </edges>
  </graph>
</gexf>"""


def test_gexf_13_labels_attvalues_weights_duplicates_and_dangling(write):
    nodes, edges, issues = gexf.read(write("g13.gexf", GEXF_13), None)
    assert rows(nodes) == [("1", "Ana Exemplo", ""), ("2", "Ben Sample", ""), ("3", "Cara Demo", ""), ("9", "", "")]
    # 1-2 listed twice (weights 2 and 7): one tie, weight 7; 3-2 from the attvalue
    assert rows(edges) == [("1", "2", 7.0), ("2", "3", 4.5), ("3", "9", 1.0)]
    text_issues = msgs(issues)
    assert "duplicate edges merged (the largest weight is kept): 1" in text_issues
    assert "not declared in the file (added without a name): 1" in text_issues


def test_gexf_11_attvalue_id_form(write):
    text = """<gexf xmlns="http://www.gexf.net/1.1draft" version="1.1"><graph>
    <attributes class="node"><attribute id="0" title="label" type="string"/></attributes>
    <nodes><node id="a"><attvalues><attvalue id="0" value="Ana"/></attvalues></node><node id="b" label="Ben"/></nodes>
    <edges><edge id="0" source="a" target="b"/></edges></graph></gexf>"""
    nodes, edges, _ = gexf.read(write("g11.gexf", text), None)
    assert rows(nodes) == [("a", "Ana", ""), ("b", "Ben", "")]
    assert len(edges) == 1


def test_gexf_wrong_namespace_and_wrong_root(write):
    with pytest.raises(InputError, match="namespace"):
        gexf.read(write("ns.gexf", '<gexf xmlns="http://graphml.graphdrawing.org/xmlns"><graph/></gexf>'), None)
    with pytest.raises(InputError, match="not <gexf>"):
        gexf.read(write("root.gexf", '<graphml><graph/></graphml>'), None)


def test_xml_extension_is_told_apart_by_content(write):
    assert _detect(write("a.xml", GEPHI_GRAPHML)).name == "graphml"
    assert _detect(write("b.xml", GEXF_13)).name == "gexf"
    assert _detect(write("c.xml", "<rss><channel/></rss>")) is None
