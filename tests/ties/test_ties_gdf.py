"""GDF: Netvizz files (FORMATS.md §6.1) and the Gephi dialect (§6.2). All names are invented."""

from __future__ import annotations

import pytest

from netmix.errors import InputError
from netmix.ties import detect as _detect
from netmix.ties.gdf import Column, parse_header, read, split_values

NETVIZZ_HEADER = "nodedef>name VARCHAR,label VARCHAR,sex VARCHAR,locale VARCHAR,agerank INT\n"


def msgs(issues) -> str:
    return " | ".join(i.message for i in issues)


def rows(df) -> list[tuple]:
    return [tuple(r) for r in df.itertuples(index=False)]


def test_netvizz_personal_file_maps_uid_label_and_platform_id(write):
    # the FORMATS.md §6.1 example, verbatim in structure
    m = write(
        "personal_basic_100000_2013_05_01_10_00_00_abc.gdf",
        NETVIZZ_HEADER
        + "100001,Ana Exemplo,female,en_GB,3\n100002,Ben Sample,male,de_DE,2\n100003,Cara Demo,,pt_BR,1\n"
        + "edgedef>node1 VARCHAR,node2 VARCHAR\n100001,100002\n100002,100003\n",
    )
    assert _detect(m).name == "gdf"
    nodes, edges, issues = read(m, None)
    assert rows(nodes) == [
        ("100001", "Ana Exemplo", "100001"),
        ("100002", "Ben Sample", "100002"),
        ("100003", "Cara Demo", "100003"),
    ]
    assert rows(edges) == [("100001", "100002", 1.0), ("100002", "100003", 1.0)]
    assert edges["weight"].dtype == "float64"
    assert issues == ()


def test_netvizz_comma_in_unquoted_label_is_repaired_from_the_right(write):
    m = write(
        "personal_basic_1.gdf",
        NETVIZZ_HEADER
        + "100001,Exemplo, Ana,female,en_GB,3\n"  # one comma in the name: 6 values for 5 columns
        + "100002,Sample, Ben, Jr.,male,de_DE,2\n"  # two commas: 7 values
        + "100003,Demo, Cara,,pt_BR,1\n"  # comma in name and empty sex
        + "100004,Dan Plain,male,fr_FR,4\n"
        + "edgedef>node1 VARCHAR,node2 VARCHAR\n100001,100004\n",
    )
    nodes, edges, issues = read(m, None)
    names = dict(zip(nodes["node"], nodes["name"]))
    assert names == {"100001": "Exemplo, Ana", "100002": "Sample, Ben, Jr.", "100003": "Demo, Cara", "100004": "Dan Plain"}
    # three rows were repaired (lines 2, 3, 4); the issue is counted once and points at the first
    (rep,) = [i for i in issues if "comma" in i.message]
    assert rep.message.endswith(": 3") and rep.line == 2 and rep.severity == "info"


def test_netvizz_activity_count_variant(write):
    header = NETVIZZ_HEADER.rstrip("\n") + (
        ",like_count INT,post_count INT,post_like_count INT,post_comment_count INT,post_engagement_count INT\n"
    )
    m = write(
        "personal_activitycount_1.gdf",
        header + "100001,Roe, Rita,female,fr_FR,2,5,1,0,3,4\n100002,Tom Test,male,en_US,1,0,0,0,0,0\n"
        "edgedef>node1 VARCHAR,node2 VARCHAR\n100001,100002\n",
    )
    nodes, edges, _ = read(m, None)
    assert rows(nodes) == [("100001", "Roe, Rita", "100001"), ("100002", "Tom Test", "100002")]
    assert len(edges) == 1


def test_gephi_dialect_quotes_types_nulls_and_weights(write):
    text = (
        "Nodedef> name VARCHAR(32),label VARCHAR(32),x DOUBLE,visible BOOLEAN,note\n"
        "n1,'Doe, Jane',1.5,true,null\n"
        'n2,"Roe, Rick",null,,"said \\"hi\\", left"\n'
        "n3,null,,,\n"
        "edgedef>node1 VARCHAR,node2 VARCHAR,weight DOUBLE,directed BOOLEAN\n"
        "n1,n2,2.5,true\n"
        "n2,n3,null,false\n"
        "n3,n1,,\n"
    )
    nodes, edges, issues = read(write("g.gdf", text), None)
    assert rows(nodes) == [("n1", "Doe, Jane", ""), ("n2", "Roe, Rick", ""), ("n3", "", "")]  # not Netvizz: no platform id
    # pairs are ordered (a <= b); null / empty weights default to 1.0
    assert rows(edges) == [("n1", "n2", 2.5), ("n1", "n3", 1.0), ("n2", "n3", 1.0)]
    assert issues == ()


def test_header_types_lengths_and_missing_types():
    cols, notes = parse_header(" name VARCHAR(32),Label,agerank INTEGER,w FLOAT,ok BOOL,odd BLOB(4)")
    assert cols == [
        Column("name", "string"),
        Column("label", "string"),  # no type: VARCHAR
        Column("agerank", "int"),
        Column("w", "float"),
        Column("ok", "bool"),
        Column("odd", "string"),  # unknown type: read as text, with a note
    ]
    assert notes == ["column 'odd' has the unknown type 'blob'; read as text"]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("a,b,c", ["a", "b", "c"]),
        ("a,,c,", ["a", "", "c", ""]),
        ("1,'x, y',2", ["1", "x, y", "2"]),
        ('1,"x, y" ,2', ["1", "x, y", "2"]),
        ("1,'it''s',2", ["1", "it''s", "2"]),  # the value ends at the first quote followed by a comma
        ("1,'unterminated, z", ["1", "'unterminated", " z"]),
        ("1,O'Neil,2", ["1", "O'Neil", "2"]),  # a quote inside a value is text
    ],
)
def test_split_values(line, expected):
    assert split_values(line)[0] == expected


def test_weights_duplicates_self_loops_and_undeclared_nodes_are_counted(write):
    text = (
        "nodedef>name VARCHAR,label VARCHAR\n1,Ana\n2,Ben\n2,Ben again\n3,Cara\n"
        "edgedef>node1 VARCHAR,node2 VARCHAR,weight DOUBLE\n"
        "1,2,1\n2,1,4\n"  # the same undirected tie twice: merged, weight max(1, 4) = 4
        "3,3,1\n"  # self-loop: dropped
        "3,9,abc\n"  # undeclared node 9, unusable weight -> 1.0
    )
    nodes, edges, issues = read(write("w.gdf", text), None)
    assert rows(nodes) == [("1", "Ana", ""), ("2", "Ben", ""), ("3", "Cara", ""), ("9", "", "")]
    assert rows(edges) == [("1", "2", 4.0), ("3", "9", 1.0)]
    text_issues = msgs(issues)
    assert "duplicate node ids (the first row of each id is kept): 1" in text_issues
    assert "duplicate edges merged (the largest weight is kept): 1" in text_issues
    assert "self-loops dropped: 1" in text_issues
    assert "not declared in the file (added without a name): 1" in text_issues
    assert "set to 1: 1" in text_issues


def test_short_rows_are_padded_and_long_rows_without_label_are_cut(write):
    text = "nodedef>name VARCHAR,kind VARCHAR\n1\n2,a,b\nedgedef>node1 VARCHAR,node2 VARCHAR\n1,2\n"
    nodes, _, issues = read(write("s.gdf", text), None)
    assert list(nodes["node"]) == ["1", "2"]
    lines = {i.message.split(" (")[0]: i.line for i in issues}
    assert lines == {"rows with fewer values than the header": 2, "rows with more values than the header": 3}


def test_not_a_gdf_raises_input_error_with_line(write):
    m = write("bad.gdf", "\nhello,world\n")
    with pytest.raises(InputError) as exc:
        read(m, None)
    assert exc.value.line == 2 and "nodedef>" in str(exc.value)


def test_sniff_requires_nodedef(write):
    assert _detect(write("a.gdf", "\ufeffnodedef>name VARCHAR\n1\n")).name == "gdf"
    assert _detect(write("b.gdf", "id,label\n1,x\n")) is None
    assert _detect(write("c.txt", "nodedef>name VARCHAR\n1\n")) is None  # right content, wrong ending
