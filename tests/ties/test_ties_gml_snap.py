"""GML files and SNAP ego files (the real ego 0 of ego-Facebook is read from /work/shared)."""

from __future__ import annotations

import networkx as nx
import pytest

from netmix.errors import InputError
from netmix.model import TieSource
from netmix.ties import detect as _detect, gml, read_ties, snap
from netmix.ties.snap import read_circles


def msgs(issues) -> str:
    return " | ".join(i.message for i in issues)


def rows(df) -> list[tuple]:
    return [tuple(r) for r in df.itertuples(index=False)]


# --- GML ---------------------------------------------------------------------------------------
def test_gml_written_by_networkx_with_escaped_labels(write):
    g = nx.Graph()
    g.add_edge("Zoë & Co", "Ben Sample", weight=3.5)
    text = "\n".join(nx.generate_gml(g))
    # networkx numbers the nodes (id 0, 1) and writes each node's key as its label, escaped
    assert 'label "Zo&#235; &#38; Co"' in text
    m = write("g.gml", text)
    assert _detect(m).name == "gml"
    nodes, edges, issues = gml.read(m, None)
    assert rows(nodes) == [("0", "Zoë & Co", ""), ("1", "Ben Sample", "")]
    assert rows(edges) == [("0", "1", 3.5)]
    assert issues == ()


def test_gml_hand_written_value_weights_dangling_duplicates_multiline(write):
    text = """Creator "hand"
graph [
  directed 0
  # a comment
  node [ id 1 label "Ana
  Exemplo" ]
  node [ id 2 label "Ben" ]
  node [ id 2 label "Ben again" ]
  edge [ source 1 target 2 value 4 ]
  edge [ source 2 target 1 value 6 ]
  edge [ source 2 target 7 ]
]
"""
    nodes, edges, issues = gml.read(write("h.gml", text), None)
    assert rows(nodes) == [("1", "Ana Exemplo", ""), ("2", "Ben", ""), ("7", "", "")]
    # 1-2 twice (value 4 then 6): one tie of weight 6
    assert rows(edges) == [("1", "2", 6.0), ("2", "7", 1.0)]
    text_issues = msgs(issues)
    assert "duplicate node ids (the first row of each id is kept): 1" in text_issues
    assert "duplicate edges merged (the largest weight is kept): 1" in text_issues
    assert "not declared in the file (added without a name): 1" in text_issues


@pytest.mark.parametrize(
    "text, line",
    [
        ("graph [\n node [ id 1 ]\n node [ id 2", 3),  # truncated inside a block
        ("graph [\n node [ id 1 ]\n node [ id ]\n]", 3),  # a key without a value
        ("graph [\n node [ id 1 label \"x ]\n]\n", 2),  # unclosed string
    ],
)
def test_gml_syntax_errors_have_a_line(write, text, line):
    with pytest.raises(InputError) as exc:
        gml.read(write("bad.gml", text), None)
    assert exc.value.line == line


def test_gml_deep_nesting_is_an_input_error_not_a_recursion_error(write):
    text = "graph [ " + "x [ " * 5000 + "]" * 5001
    with pytest.raises(InputError, match="nested"):
        gml.read(write("deep.gml", text), None)


def test_gml_without_graph(write):
    with pytest.raises(InputError, match="no graph"):
        gml.read(write("none.gml", 'Creator "x"\n'), None)


# --- SNAP --------------------------------------------------------------------------------------
def test_snap_edges_both_directions_give_each_tie_once(write):
    m = write("7.edges", "1 2\n2 1\n2 3\n3 2\n1 3\n")
    assert _detect(m).name == "snap"
    nodes, edges, issues = snap.read(m, None)
    assert rows(nodes) == [("1", "", ""), ("2", "", ""), ("3", "", "")]
    assert rows(edges) == [("1", "2", 1.0), ("1", "3", 1.0), ("2", "3", 1.0)]
    # 1 3 appears in one direction only: told as an info, not a warning
    assert [(i.severity, i.message) for i in issues] == [("info", "ties listed in one direction only: 1")]


def test_snap_real_ego_0_edges(snap_dir):
    path = snap_dir / "facebook" / "0.edges"
    lines = path.read_text().splitlines()
    assert len(lines) == 5038  # README: 5038 lines = 2519 undirected edges
    ties = read_ties(TieSource(str(path)))
    assert ties.format == "snap"
    assert len(ties.edges) == 2519
    # independent count: distinct unordered pairs of the raw lines
    pairs = {frozenset(ln.split()) for ln in lines}
    assert len(pairs) == 2519
    assert set(map(frozenset, zip(ties.edges["a"], ties.edges["b"]))) == pairs
    assert len(ties.nodes) == len({x for p in pairs for x in p})
    assert ties.issues == ()  # every tie is listed both ways, no self-loop


def test_read_circles_on_real_ego_0(snap_dir):
    circles = read_circles(snap_dir / "facebook" / "0.circles")
    assert len(circles) == 24  # `wc -l 0.circles` = 24 lines, one circle each
    assert list(circles)[:2] == ["circle0", "circle1"]
    assert circles["circle1"] == ["173"]  # second line: "circle1\t173"
    assert len(circles["circle0"]) == 20 and circles["circle0"][:3] == ["71", "215", "54"]


def test_read_circles_errors(write, tmp_path):
    write("x.circles", "12\t3\n")
    with pytest.raises(InputError) as exc:
        read_circles(tmp_path / "x.circles")
    assert exc.value.line == 1
    with pytest.raises(InputError):
        read_circles(tmp_path / "missing.circles")


def test_snap_sniff_rejects_other_content(write):
    assert _detect(write("a.edges", "source,target\nx,y\n")) is None
    assert _detect(write("b.edges", "1 2\n3 4")) is not None  # no final newline
