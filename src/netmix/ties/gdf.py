"""GDF (GUESS) files: Netvizz's Facebook friend networks and the dialect Gephi reads (FORMATS.md §6).

A ``nodedef>`` line declares the node columns (``name TYPE``, comma-separated; the first column
is the node id), node rows follow; an ``edgedef>`` line declares the edge columns (the first two
are the ends), edge rows follow. Values may be wrapped in ``'…'`` or ``"…"`` to protect commas;
empty and ``null`` values are missing.

Netvizz wrote labels unquoted, so a comma in a name shifts the following columns. A row with
too many values is repaired by keeping the id on the left and the typed columns anchored on the
right, and giving the label everything in between (``100001,Smith, Ana,female,en_GB,3``).
For a Netvizz file (node columns ``name, label, sex, locale, …``) the node key is the Facebook
uid and is also its ``platform_id``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..io.sources import Member
from ..io.text import decode
from . import TieReader
from ._common import TieBuilder, input_error, parse_weight

_TYPES = {
    "varchar": "string",
    "string": "string",
    "bool": "bool",
    "boolean": "bool",
    "int": "int",
    "integer": "int",
    "tinyint": "int",
    "bigint": "int",
    "double": "float",
    "float": "float",
}
_LENGTH = re.compile(r"\(\s*\d*\s*\)")
_NETVIZZ = ("name", "label", "sex", "locale")


@dataclass(frozen=True)
class Column:
    """One declared GDF column: its lower-cased name and its type (string, int, float, bool)."""

    name: str
    type: str


def _section(line: str, tag: str) -> str | None:
    """The column declarations after ``nodedef>`` / ``edgedef>`` (any case), or ``None``."""
    stripped = line.strip().lstrip("\ufeff")
    if stripped[: len(tag)].lower() == tag:
        return stripped[len(tag):]
    return None


def parse_header(spec: str) -> tuple[list[Column], list[str]]:
    """Columns of a ``nodedef>`` / ``edgedef>`` line (without the tag), and notes on it.

    The header is split on every comma, as Gephi does. A missing type means ``VARCHAR``;
    ``VARCHAR(32)`` is ``VARCHAR``; an unknown type is read as a string.

    >>> parse_header("name VARCHAR,label VARCHAR(32),agerank INT,x")[0][2:]
    [Column(name='agerank', type='int'), Column(name='x', type='string')]
    """
    columns: list[Column] = []
    notes: list[str] = []
    for i, raw in enumerate(spec.split(",")):
        text = raw.strip()
        if " " in text:
            name, type_ = text.rsplit(" ", 1)
        else:
            name, type_ = text, ""
        name = name.strip().strip("'\"").strip().lower() or f"column{i + 1}"
        type_ = _LENGTH.sub("", type_.strip().lower())
        if not type_:
            kind = "string"
        elif type_ in _TYPES:
            kind = _TYPES[type_]
        else:
            kind = "string"
            notes.append(f"column {name!r} has the unknown type {type_!r}; read as text")
        columns.append(Column(name, kind))
    return columns, notes


def split_values(line: str) -> tuple[list[str], list[bool]]:
    """Split one data row into values and whether each was quoted.

    Unquoted values keep their spaces (a label split on a comma is rebuilt exactly). A value starting with ``'`` or ``"`` runs to the matching quote that ends the value (followed
    by a comma or the end of the line); ``\\'`` / ``\\"`` inside it stand for the quote. An
    unterminated quote is read as plain text.

    >>> split_values("1,'Smith, Ana',,null, x")
    (['1', 'Smith, Ana', '', 'null', ' x'], [False, True, False, False, False])
    """
    values: list[str] = []
    quoted: list[bool] = []
    i, n = 0, len(line)
    while True:
        j = i
        while j < n and line[j] in " \t":
            j += 1
        if j < n and line[j] in "'\"":
            q = line[j]
            k = j + 1
            end = -1
            while True:
                k = line.find(q, k)
                if k < 0:
                    break
                if line[k - 1] != "\\":
                    after = k + 1
                    while after < n and line[after] in " \t":
                        after += 1
                    if after == n or line[after] == ",":
                        end = k
                        break
                k += 1
            if end >= 0:
                values.append(line[j + 1 : end].replace("\\" + q, q))
                quoted.append(True)
                after = end + 1
                while after < n and line[after] in " \t":
                    after += 1
                if after >= n:
                    return values, quoted
                i = after + 1
                continue
        comma = line.find(",", i)
        if comma < 0:
            values.append(line[i:])
            quoted.append(False)
            return values, quoted
        values.append(line[i:comma])
        quoted.append(False)
        i = comma + 1


def _missing(value: str, quoted: bool) -> bool:
    return not quoted and (value == "" or value.lower() == "null")


def _fit(values: list[str], quoted: list[bool], columns: list[Column], free: int | None) -> tuple[list[str], list[bool], str]:
    """Make a row exactly as long as the header; says how (``""``, ``"repaired"``, ``"cut"``, ``"padded"``)."""
    extra = len(values) - len(columns)
    if extra == 0:
        return values, quoted, ""
    if extra < 0:
        return values + [""] * -extra, quoted + [False] * -extra, "padded"
    if free is not None and not any(quoted[free : free + extra + 1]):
        merged = ",".join(values[free : free + extra + 1])
        return (
            values[:free] + [merged] + values[free + extra + 1 :],
            quoted[:free] + [False] + quoted[free + extra + 1 :],
            "repaired",
        )
    return values[: len(columns)], quoted[: len(columns)], "cut"


def _free_column(columns: list[Column]) -> int | None:
    """The free-text column that absorbs stray commas: ``label`` if declared as text."""
    for i, c in enumerate(columns):
        if i > 0 and c.name == "label" and c.type == "string":
            return i
    return None


def read(member: Member, encoding: str | None) -> tuple:
    """Read a GDF file into ``(nodes, edges, issues)``."""
    text = decode(member.read(), member, encoding)
    lines = text.splitlines()
    builder = TieBuilder(member)
    node_cols: list[Column] | None = None
    edge_cols: list[Column] | None = None
    netvizz = False
    section = ""
    fixes = {"repaired": 0, "padded": 0, "cut": 0}
    first_fix: dict[str, int] = {}
    seen_header = False
    for lineno, line in enumerate(lines, start=1):
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
            if len(edge_cols) < 2:
                raise input_error(
                    member, "the edgedef> line declares fewer than two columns", line=lineno,
                    hint="an edge row needs its two ends: edgedef>node1 VARCHAR,node2 VARCHAR",
                )
            for note in notes:
                builder.issue(note, line=lineno, severity="info")
            section, seen_header = "edges", True
            continue
        if not seen_header:
            raise input_error(
                member,
                "the file does not start with a nodedef> or edgedef> line",
                line=lineno,
                hint="a GDF file starts with a line like nodedef>name VARCHAR,label VARCHAR",
            )
        cols = node_cols if section == "nodes" else edge_cols
        assert cols is not None
        values, quoted = split_values(line)
        free = _free_column(cols) if section == "nodes" else None
        values, quoted, how = _fit(values, quoted, cols, free)
        values = [v if q else v.strip() for v, q in zip(values, quoted)]
        if how:
            fixes[how] += 1
            first_fix.setdefault(how, lineno)
        row = {c.name: ("" if _missing(v, q) else v) for c, v, q in zip(cols, values, quoted)}
        first = values[0] if not _missing(values[0], quoted[0]) else ""
        if section == "nodes":
            if not first:
                builder.count("node rows without an id skipped", lineno)
                continue
            name = " ".join(row.get("label", "").split())
            pid = first if netvizz and first.isdigit() else ""
            builder.node(first, name, pid, line=lineno)
        else:
            second = values[1] if not _missing(values[1], quoted[1]) else ""
            if not first or not second:
                builder.count("edge rows without both ends skipped", lineno)
                continue
            weight = row.get("weight", "")
            builder.edge(first, second, parse_weight(weight) if weight else 1.0, line=lineno)
    if not seen_header:
        raise input_error(member, "the file is empty", hint="a GDF file starts with a nodedef> line")
    if fixes["repaired"]:
        builder.issue(
            "rows whose unquoted label held a comma (label rebuilt from the values between the id "
            f"and the typed columns on the right): {fixes['repaired']}",
            line=first_fix["repaired"],
            severity="info",
        )
    if fixes["padded"]:
        builder.issue(
            f"rows with fewer values than the header (the rest left empty): {fixes['padded']}",
            line=first_fix["padded"],
            severity="info",
        )
    if fixes["cut"]:
        builder.issue(f"rows with more values than the header (extra values ignored): {fixes['cut']}", line=first_fix["cut"])
    return builder.result()


def sniff(member: Member, head: str) -> bool:
    """A ``.gdf`` file whose first non-blank line is ``nodedef>`` (or ``edgedef>``)."""
    for line in head.splitlines():
        if line.strip():
            return _section(line, "nodedef>") is not None or _section(line, "edgedef>") is not None
    return False


READER = TieReader(
    name="gdf",
    description="GDF as written by Netvizz (Facebook friend networks) and read by Gephi",
    extensions=(".gdf",),
    sniff=sniff,
    read=read,
)
