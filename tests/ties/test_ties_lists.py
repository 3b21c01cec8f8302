"""Edge lists, mutual-friends lists, detection between them, and read_ties over a folder."""

from __future__ import annotations

import zipfile

import pytest

from netmix.errors import FormatNotRecognised, InputError
from netmix.io.sources import Member
from netmix.model import TieSource
from netmix.ties import detect as _detect, edgelist, mutual, read_ties


def msgs(issues) -> str:
    return " | ".join(i.message for i in issues)


def rows(df) -> list[tuple]:
    return [tuple(r) for r in df.itertuples(index=False)]


# --- edge lists --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "header",
    ["source,target,weight", "from,to,weight", "a,b,poids", "person1,person2,weight", "Person 1;Person 2;Weight"],
)
def test_edgelist_header_aliases_and_names(write, header):
    delim = ";" if ";" in header else ","
    body = "\n".join(delim.join(r) for r in [("Ana Exemplo", "Ben  Sample", "2"), ("Ben Sample", "Cara Demo", "")])
    m = write("ties.csv", header + "\n" + body + "\n")
    assert _detect(m).name == "edgelist"
    nodes, edges, issues = edgelist.read(m, None)
    # names are keys (whitespace collapsed: "Ben  Sample" is "Ben Sample"); empty weight -> 1.0
    assert rows(nodes) == [("Ana Exemplo", "Ana Exemplo", ""), ("Ben Sample", "Ben Sample", ""), ("Cara Demo", "Cara Demo", "")]
    assert rows(edges) == [("Ana Exemplo", "Ben Sample", 2.0), ("Ben Sample", "Cara Demo", 1.0)]
    assert issues == ()


def test_edgelist_gephi_data_laboratory_export(write):
    text = (
        "Source,Target,Type,Id,Label,timeset,Weight\n"
        "12,7,Undirected,0,,,1.5\n"
        "7,12,Directed,1,,,3.0\n"  # same tie, other way: merged, weight max(1.5, 3.0)
        "7,x-9,Undirected,2,,,bad\n"
    )
    nodes, edges, issues = edgelist.read(write("edges.csv", text), None)
    assert rows(nodes) == [("7", "", ""), ("12", "", ""), ("x-9", "x-9", "")]  # numeric ids have no name
    assert rows(edges) == [("7", "12", 3.0), ("7", "x-9", 1.0)]
    assert "duplicate edges merged (the largest weight is kept): 1" in msgs(issues)
    assert "set to 1: 1" in msgs(issues)


def test_edgelist_headerless_text_with_comments_and_weights(write):
    m = write("pairs.txt", "# Undirected graph\n# Nodes: 4\n1 2\n2\t3 0.5\n3 3\n4 1 2\n")
    assert _detect(m).name == "edgelist"
    nodes, edges, issues = edgelist.read(m, None)
    assert list(nodes["node"]) == ["1", "2", "3", "4"]
    assert rows(edges) == [("1", "2", 1.0), ("1", "4", 2.0), ("2", "3", 0.5)]
    assert msgs(issues) == "self-loops dropped: 1"
    assert issues[0].line == 5


def test_edgelist_real_facebook_combined(snap_dir):
    ties = read_ties(TieSource(str(snap_dir / "facebook_combined.txt")))
    # SNAP's published figures (README): 4039 nodes, 88 234 undirected edges, each once
    assert (ties.format, len(ties.nodes), len(ties.edges)) == ("edgelist", 4039, 88234)
    assert ties.issues == ()


def test_edgelist_sniff_is_precise(write):
    assert _detect(write("a.txt", "Dear diary,\ntoday I met Ana.\n")) is None
    assert _detect(write("b.txt", "nodedef>name VARCHAR\n1\n")) is None
    assert _detect(write("c.csv", "first,last,email\nAna,Ex,a@x\n")) is None  # a contacts CSV
    assert _detect(write("d.txt", "source target\nAna Ben\n")).name == "edgelist"


# --- mutual friends ----------------------------------------------------------------------------
def test_mutual_one_row_per_pair_and_reciprocal_listing(write):
    text = "name,mutual\nAna Exemplo,Ben Sample\nBen Sample,Ana Exemplo\nAna Exemplo,Cara Demo\nDan Solo,\n"
    m = write("mutual.csv", text)
    assert _detect(m).name == "mutual"
    nodes, edges, issues = mutual.read(m, None)
    assert list(nodes["node"]) == ["Ana Exemplo", "Ben Sample", "Cara Demo", "Dan Solo"]  # Dan has no tie but is listed
    assert rows(edges) == [("Ana Exemplo", "Ben Sample", 1.0), ("Ana Exemplo", "Cara Demo", 1.0)]
    # Ana–Ben listed from both sides is expected in such lists; Ana–Cara from one side only
    assert [(i.severity, i.message) for i in issues] == [("info", "ties listed in one direction only: 1")]


def test_mutual_french_header_and_semicolon_cells(write):
    text = 'Personne,Ami commun\nÉlodie Martin,"Jean Dupont; Zoë Müller ;"\nJean Dupont,Zoë Müller\n'
    m = write("amis.csv", text)
    assert _detect(m).name == "mutual"
    nodes, edges, _ = mutual.read(m, None)
    assert rows(edges) == [
        ("Jean Dupont", "Zoë Müller", 1.0),
        ("Jean Dupont", "Élodie Martin", 1.0),
        ("Zoë Müller", "Élodie Martin", 1.0),
    ]
    assert set(nodes["name"]) == {"Élodie Martin", "Jean Dupont", "Zoë Müller"}


def test_mutual_counts_are_refused(write):
    with pytest.raises(InputError, match="counts"):
        mutual.read(write("m.csv", "person,mutual_friends\nAna,12\nBen,3\n"), None)


# --- detection and read_ties -------------------------------------------------------------------
def test_detect_never_opens_members_with_unknown_endings():
    def boom() -> bytes:
        raise AssertionError("read")

    assert _detect(Member("photo.jpg", 10, "x.zip!photo.jpg", boom)) is None


def test_read_ties_merges_a_folder_of_tie_files(tmp_path):
    (tmp_path / "net.gdf").write_text(
        "nodedef>name VARCHAR,label VARCHAR\nAna,Ana Exemplo\nBen,\nedgedef>node1 VARCHAR,node2 VARCHAR,weight DOUBLE\nAna,Ben,2\n"
    )
    (tmp_path / "more.csv").write_text("source,target,weight\nBen,Ana,5\nBen,Cara,1\n")
    (tmp_path / "notes.md").write_text("not a tie file\n")
    (tmp_path / "contacts.csv").write_text("first,last\nAna,Ex\n")
    ties = read_ties(TieSource(str(tmp_path), account="perso"))
    assert ties.format == "edgelist+gdf" and ties.account == "perso"
    # node Ana: label from the GDF; Ben: the GDF has no label, the edge list gives "Ben"
    assert rows(ties.nodes) == [("Ana", "Ana Exemplo", ""), ("Ben", "Ben", ""), ("Cara", "Cara", "")]
    # Ana–Ben in both files (weights 2 and 5): one tie, weight 5
    assert rows(ties.edges) == [("Ana", "Ben", 5.0), ("Ben", "Cara", 1.0)]
    assert ties.edges["weight"].dtype == "float64" and ties.nodes["node"].dtype == object


def test_read_ties_in_a_zip_and_with_a_forced_format(tmp_path):
    z = tmp_path / "ties.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("ego/1.edges", "1 2\n2 1\n")
        zf.writestr("ego/1.circles", "circle0\t1\n")
    assert rows(read_ties(TieSource(str(z))).edges) == [("1", "2", 1.0)]
    forced = read_ties(TieSource(str(z), format="snap"))  # only .edges members are read
    assert forced.format == "snap" and len(forced.edges) == 1
    weird = tmp_path / "ties.dat"
    weird.write_text("a b\nb c\n")
    assert len(read_ties(TieSource(str(weird), format="edgelist")).edges) == 2  # one file: format as told


def test_read_ties_nothing_recognised(tmp_path):
    (tmp_path / "readme.txt").write_text("Nothing to see here, just prose.\n")
    with pytest.raises(FormatNotRecognised) as exc:
        read_ties(TieSource(str(tmp_path)))
    assert "gdf (.gdf)" in str(exc.value)
    with pytest.raises(FormatNotRecognised):
        read_ties(TieSource(str(tmp_path), format="pajek"))


def test_read_ties_errors_name_the_file(tmp_path):
    bad = tmp_path / "broken.graphml"
    bad.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<graph>\n<node id="a"')
    with pytest.raises(InputError) as exc:
        read_ties(TieSource(str(bad)))
    assert exc.value.file == str(bad) and exc.value.line == 3
