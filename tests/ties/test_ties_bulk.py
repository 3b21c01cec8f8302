"""The bulk paths of the tie readers give exactly what the row-by-row paths give.

``TieBuilder.add_edges`` must equal calling ``TieBuilder.edge`` row by row, and the GDF reader
(rows without quotes split in bulk, the others one by one) must equal a plain per-line reading
of the same file: same nodes, edges, issues, issue order and issue lines. All names are invented.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from netmix.io.sources import Member
from netmix.ties._common import TieBuilder, node_order, parse_weight
from netmix.ties.gdf import _NETVIZZ, _fit, _free_column, _missing, _section, parse_header, read, split_values


def member(name: str, text: str = "") -> Member:
    data = text.encode("utf-8")
    return Member(name, len(data), name, lambda: data)


def frames(result) -> tuple:
    nodes, edges, issues = result
    return nodes.to_dict("list"), edges.to_dict("list"), [edges["weight"].dtype.name], issues


# --- TieBuilder.add_edges == TieBuilder.edge, row by row ------------------------------------------------
KEYS = st.sampled_from(["1", "2", "10", "010", "a", "B", "b", "x y"])
WEIGHTS = st.one_of(st.none(), st.sampled_from([0.0, 1.0, 2.5, 7.0]))
ROW = st.tuples(KEYS, KEYS, WEIGHTS, st.booleans())  # a, b, weight, skipped by the reader


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(ROW, max_size=40), reciprocal=st.booleans(), cut=st.integers(0, 40), two_batches=st.booleans())
def test_add_edges_equals_edge_row_by_row(rows, reciprocal, cut, two_batches):
    m = member("ties.txt")
    one = TieBuilder(m, reciprocal=reciprocal)
    one.node("1", "Ana")
    for line, (a, b, w, skipped) in enumerate(rows, start=2):
        if skipped:
            one.count("rows skipped", line)
        else:
            one.edge(a, b, w, line=line)

    bulk = TieBuilder(m, reciprocal=reciprocal)
    bulk.node("1", "Ana")
    batches = [(0, cut), (cut, len(rows))] if two_batches else [(0, len(rows))]  # a second batch merges one by one
    for lo, hi in batches:
        part = list(enumerate(rows, start=2))[lo:hi]
        bulk.count_lines("rows skipped", [line for line, r in part if r[3]])
        kept = [(line, r) for line, r in part if not r[3]]
        bulk.add_edges(
            [r[0] for _, r in kept],
            [r[1] for _, r in kept],
            [math.nan if r[2] is None else r[2] for _, r in kept],
            [line for line, _ in kept],
        )
    assert frames(bulk.result()) == frames(one.result())


def test_add_edges_hand_checked():
    # lines 1..6: 2–10, 10–2 (duplicate, weight 3 kept), 1–1 (self-loop), 10–2 with an unusable weight
    # (set to 1, then a duplicate), a–2, 2–10 again (duplicate)
    b = TieBuilder(member("t.txt"))
    b.count_lines("rows skipped", [4])
    b.add_edges(["2", "10", "1", "10", "a", "2"], ["10", "2", "1", "2", "2", "10"], [1.0, 3.0, 1.0, math.nan, 1.0, 1.0], [1, 2, 3, 5, 6, 7])
    nodes, edges, issues = b.result()
    assert list(nodes["node"]) == ["2", "10", "a"]  # 1 only had a self-loop
    assert [tuple(r) for r in edges.itertuples(index=False)] == [("2", "10", 3.0), ("2", "a", 1.0)]  # numeric ids first
    assert [(i.message, i.line) for i in issues] == [
        ("nodes used by edges but not declared in the file (added without a name): 3", None),
        ("duplicate edges merged (the largest weight is kept): 3", 2),  # lines 2, 5, 7
        ("self-loops dropped: 1", 3),
        ("rows skipped: 1", 4),
        ("edge weights that are not a non-negative number were set to 1: 1", 5),
    ]


# --- GDF: bulk rows + per-line rows == a per-line reading ------------------------------------------------
def per_line_read(m: Member, text: str) -> tuple:
    """The GDF reading row by row (what gdf.read did before it split plain rows in bulk)."""
    builder = TieBuilder(m)
    node_cols = edge_cols = None
    netvizz, section, seen_header = False, "", False
    fixes = {"repaired": 0, "padded": 0, "cut": 0}
    first_fix: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        spec = _section(line, "nodedef>")
        if spec is not None and not seen_header:
            node_cols, notes = parse_header(spec)
            netvizz = tuple(c.name for c in node_cols[:4]) == _NETVIZZ
            for note in notes:
                builder.issue(note, line=lineno, severity="info")
            section, seen_header = "nodes", True
            continue
        spec = _section(line, "edgedef>")
        if spec is not None:
            edge_cols, notes = parse_header(spec)
            for note in notes:
                builder.issue(note, line=lineno, severity="info")
            section, seen_header = "edges", True
            continue
        cols = node_cols if section == "nodes" else edge_cols
        values, quoted = split_values(line)
        values, quoted, how = _fit(values, quoted, cols, _free_column(cols) if section == "nodes" else None)
        values = [v if q else v.strip() for v, q in zip(values, quoted)]
        if how:
            fixes[how] += 1
            first_fix.setdefault(how, lineno)
        row = {c.name: ("" if _missing(v, q) else v) for c, v, q in zip(cols, values, quoted)}
        first = "" if _missing(values[0], quoted[0]) else values[0]
        if section == "nodes":
            if not first:
                builder.count("node rows without an id skipped", lineno)
                continue
            builder.node(first, " ".join(row.get("label", "").split()), first if netvizz and first.isdigit() else "", line=lineno)
        else:
            second = "" if _missing(values[1], quoted[1]) else values[1]
            if not first or not second:
                builder.count("edge rows without both ends skipped", lineno)
                continue
            weight = row.get("weight", "")
            builder.edge(first, second, parse_weight(weight) if weight else 1.0, line=lineno)
    for how, text_ in (
        ("repaired", "rows whose unquoted label held a comma (label rebuilt from the values between the id "
         "and the typed columns on the right)"),
        ("padded", "rows with fewer values than the header (the rest left empty)"),
    ):
        if fixes[how]:
            builder.issue(f"{text_}: {fixes[how]}", line=first_fix[how], severity="info")
    if fixes["cut"]:
        builder.issue(f"rows with more values than the header (extra values ignored): {fixes['cut']}", line=first_fix["cut"])
    return builder.result()


def test_gdf_mixed_rows_hand_checked(write):
    text = (
        "nodedef>name VARCHAR,label VARCHAR,sex VARCHAR,locale VARCHAR,agerank INT\n"
        "100001,Ana Exemplo,female,en_GB,3\n"  # bulk
        "100002,'Ben, Sample',male,de_DE,2\n"  # quoted: per line
        "100003,Demo, Cara,female,pt_BR,1\n"  # Netvizz comma in the label: repaired (line 4)
        "100001,,,,\n"  # duplicate id (line 5), bulk
        "edgedef>node1 VARCHAR,node2 VARCHAR,weight DOUBLE\n"
        "100001,100002,2\n"  # bulk
        "100002,100001,'5'\n"  # quoted, duplicate (line 8): weight 5 kept
        "100003,null,1\n"  # no second end (line 9)
        "100003,100003\n"  # padded (line 10), self-loop
        "100004, 100003 ,x\n"  # unusable weight (line 11), undeclared node 100004
    )
    m = write("mixed.gdf", text)
    nodes, edges, issues = read(m, None)
    assert [tuple(r) for r in nodes.itertuples(index=False)] == [
        ("100001", "Ana Exemplo", "100001"),
        ("100002", "Ben, Sample", "100002"),
        ("100003", "Demo, Cara", "100003"),
        ("100004", "", ""),
    ]
    assert [tuple(r) for r in edges.itertuples(index=False)] == [("100001", "100002", 5.0), ("100003", "100004", 1.0)]
    assert [(i.message.rsplit(":", 1)[-1].strip(), i.line) for i in issues] == [
        ("1", 4),  # repaired
        ("1", 10),  # padded
        ("1", None),  # undeclared 100004
        ("1", 5),  # duplicate node ids
        ("1", 8),  # duplicate edges
        ("1", 9),  # rows without both ends
        ("1", 10),  # self-loops
        ("1", 11),  # unusable weights
    ]
    assert frames((nodes, edges, issues)) == frames(per_line_read(m, text))


VALUE = st.one_of(
    st.sampled_from(["1", "2", "10", "010", "a", " 3", "3 ", " null ", "NULL", "", "x y", "Ana", "O'Brien", "\t", "1.5", "-1"]),
    st.sampled_from(["abc", "Zoë", "李", "\u00a0b"]),
    st.sampled_from(["'1'", "'Smith, Ana'", '"2,z"', "'null'", "'x\\'y'"]),
)
NODE_HEADERS = st.sampled_from(["name VARCHAR,label VARCHAR,sex VARCHAR,locale VARCHAR,agerank INT", "name,label", "name", "name,weight DOUBLE,label"])
EDGE_HEADERS = st.sampled_from(["node1,node2", "node1 VARCHAR,node2 VARCHAR,weight DOUBLE", "a,b,weight,directed BOOLEAN,weight"])


@st.composite
def gdf_texts(draw) -> str:
    def rows(header: str) -> list[str]:
        width = header.count(",") + 1
        out = []
        for _ in range(draw(st.integers(0, 12))):
            n = max(1, width + draw(st.sampled_from([0, 0, 0, 1, -1, 2])))
            out.append(",".join(draw(st.lists(VALUE, min_size=n, max_size=n))) if draw(st.integers(0, 9)) else draw(st.sampled_from(["", " ", "nodedef>1,2"])))
        return out

    lines: list[str] = []
    if draw(st.booleans()):
        header = draw(NODE_HEADERS)
        lines += ["nodedef>" + header] + rows(header)
    for _ in range(draw(st.integers(1, 2))):
        header = draw(EDGE_HEADERS)
        lines += [draw(st.sampled_from(["edgedef>", "EDGEDEF> "])) + header] + rows(header)
    end = draw(st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\x0c"]))  # line breaks str.splitlines knows
    return end.join(lines) + draw(st.sampled_from([end, ""]))


@settings(max_examples=80, deadline=None)
@given(text=gdf_texts())
def test_gdf_bulk_equals_per_line(text):
    m = member("t.gdf", text)
    assert frames(read(m, None)) == frames(per_line_read(m, text))


def test_natural_key_reads_only_decimal_ids():
    # "²" is a digit for str.isdigit() but not a number for int(): it sorts as a name, it does not crash
    assert sorted(["10", "²", "2", "a"], key=node_order) == ["2", "10", "a", "²"]
