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

Speed: rows without quotes and with exactly the header's number of values (nearly all edge rows)
are split all at once — numpy finds every comma and line end of the file's UTF-8 bytes, Arrow
gathers each column's distinct values, which alone become Python strings; every other row goes
through :func:`split_values` / ``_fit`` one by one, so the repairs and their issues are the same
whichever way a row is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..io.sources import Member
from ..io.text import decode
from ..util.arrays import filled
from ._common import TieBuilder, input_error, parse_weight
from ._lines import CommaLines
from .base import TieReader

__all__ = ["READER", "Column", "parse_header", "read", "sniff", "split_values"]

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

    Unquoted values keep their spaces (a label split on a comma is rebuilt exactly). A value
    starting with ``'`` or ``"`` runs to the matching quote that ends the value (followed by a
    comma or the end of the line); ``\\'`` / ``\\"`` inside it stand for the quote. An
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


def _clean(value: str, quoted: bool = False) -> str:
    """A value as the rows use it: stripped unless quoted, ``""`` when missing."""
    if quoted:
        return value
    value = value.strip()
    return "" if _missing(value, False) else value


def _parse_line(line: str, cols: list[Column], free: int | None) -> tuple[list[str], str]:
    """One data row, value by value (quotes, stray commas, wrong lengths), and how it was fitted."""
    values, quoted = split_values(line)
    values, quoted, how = _fit(values, quoted, cols, free)
    return [_clean(v, q) for v, q in zip(values, quoted, strict=False)], how


def _last(cols: list[Column], name: str) -> int | None:
    """Index of the last column called ``name`` (a row keeps the last of repeated names)."""
    found = None
    for i, c in enumerate(cols):
        if c.name == name:
            found = i
    return found


def _rows(
    lines: CommaLines, lo: int, hi: int, cols: list[Column], free: int | None, wanted: list[int | None], fixes: list
) -> tuple[list[np.ndarray], np.ndarray]:
    """The ``wanted`` columns of the non-blank data rows in lines ``lo`` to ``hi - 1``, and the line number of each row.

    Rows without quotes and with as many values as the header are split all at once (:class:`CommaLines`);
    the others go through :func:`_parse_line` one by one (their repairs are appended to ``fixes``
    as ``(how, line)``). Both give the same values; ``None`` in ``wanted`` gives empty values.
    """
    count = np.diff(lines.first[lo : hi + 1])
    fast = (count == len(cols)) & ~lines.having("'\"", lo, hi) if len(cols) > 1 else np.zeros(hi - lo, dtype=bool)
    fast_idx = np.flatnonzero(fast)
    slow_idx = np.array([i for i in np.flatnonzero(~fast).tolist() if lines[lo + i].strip()], dtype="int64")
    out = [filled(hi - lo, "") for _ in wanted]
    if len(fast_idx):
        first = lines.first[lo + fast_idx]
        for arr, j in zip(out, wanted, strict=False):
            if j is not None:
                uniq, codes = lines.distinct(first + j)
                arr[fast_idx] = np.asarray([_clean(u) for u in uniq], dtype=object)[codes]
    for i in slow_idx.tolist():
        values, how = _parse_line(lines[lo + i], cols, free)
        if how:
            fixes.append((how, lo + i + 1))
        for arr, j in zip(out, wanted, strict=False):
            if j is not None:
                arr[i] = values[j]
    present = fast.copy()
    present[slow_idx] = True
    rows = np.flatnonzero(present)
    return [arr[rows] for arr in out], rows + lo + 1


def _weights(values: np.ndarray) -> np.ndarray:
    """Edge weights of weight cells: 1.0 when empty, NaN when unusable (once per distinct cell)."""
    codes, uniq = pd.factorize(values)
    parsed = [(1.0 if not u else (w if (w := parse_weight(u)) is not None else np.nan)) for u in uniq]
    return np.asarray(parsed, dtype="float64")[codes] if len(uniq) else np.ones(len(values))


def _headers(member: Member, lines: CommaLines) -> list[tuple[int, str, str]]:
    """The section headers ``(line index, "nodes" | "edges", spec)``; the first non-blank line must be one."""
    start = next((i for i in range(len(lines)) if lines[i].strip()), None)
    if start is None:
        raise input_error(member, "the file is empty", hint="a GDF file starts with a nodedef> line")
    node_spec, edge_spec = _section(lines[start], "nodedef>"), _section(lines[start], "edgedef>")
    if node_spec is not None:
        headers = [(start, "nodes", node_spec)]
    elif edge_spec is not None:
        headers = [(start, "edges", edge_spec)]
    else:
        raise input_error(
            member,
            "the file does not start with a nodedef> or edgedef> line",
            line=start + 1,
            hint="a GDF file starts with a line like nodedef>name VARCHAR,label VARCHAR",
        )
    # after the first header only edgedef> starts a section (a later nodedef> line is data)
    for i in np.flatnonzero(lines.having(">")).tolist():
        spec = _section(lines[i], "edgedef>") if i > start else None
        if spec is not None:
            headers.append((i, "edges", spec))
    return headers


def read(member: Member, encoding: str | None) -> tuple:
    """Read a GDF file into ``(nodes, edges, issues)``.

    Parameters
    ----------
    member
        The ``.gdf`` file.
    encoding
        Its text encoding (detected when ``None``).

    Returns
    -------
    tuple
        Nodes (``TIE_NODE_COLUMNS``), edges (``TIE_EDGE_COLUMNS``) and the issues met.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.io.sources import iter_members
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "personal.gdf"
    >>> _ = path.write_text("nodedef>name VARCHAR,label VARCHAR\\n1,Ana Lopez\\n2,Ben, Jr\\n"
    ...                     "edgedef>node1 VARCHAR,node2 VARCHAR\\n1,2\\n")
    >>> nodes, edges, issues = read(next(iter_members(path)), None)
    >>> nodes["name"].tolist(), edges[["a", "b"]].values.tolist()
    (['Ana Lopez', 'Ben, Jr'], [['1', '2']])
    """
    builder = TieBuilder(member)
    lines = CommaLines(decode(member.read(), member, encoding, builder.issues))
    headers = _headers(member, lines)
    fixes: list[tuple[str, int]] = []
    for n, (at, section, spec) in enumerate(headers):
        cols, notes = parse_header(spec)
        if section == "edges" and len(cols) < 2:
            raise input_error(
                member, "the edgedef> line declares fewer than two columns", line=at + 1,
                hint="an edge row needs its two ends: edgedef>node1 VARCHAR,node2 VARCHAR",
            )
        for note in notes:
            builder.issue(note, line=at + 1, severity="info")
        end = headers[n + 1][0] if n + 1 < len(headers) else len(lines)
        if section == "nodes":
            netvizz = tuple(c.name for c in cols[:4]) == _NETVIZZ
            (keys, labels), linenos = _rows(lines, at + 1, end, cols, _free_column(cols), [0, _last(cols, "label")], fixes)
            for key, label, lineno in zip(keys.tolist(), labels.tolist(), linenos.tolist(), strict=False):
                if not key:
                    builder.count("node rows without an id skipped", lineno)
                    continue
                builder.node(key, " ".join(label.split()), key if netvizz and key.isdigit() else "", line=lineno)
        else:
            (a, b, weight), linenos = _rows(lines, at + 1, end, cols, None, [0, 1, _last(cols, "weight")], fixes)
            skip = (a == "") | (b == "")
            builder.count_lines("edge rows without both ends skipped", linenos[skip])
            keep = ~skip
            builder.add_edges(a[keep], b[keep], _weights(weight[keep]), linenos[keep])
    _report_fixes(builder, fixes)
    return builder.result()


def _report_fixes(builder: TieBuilder, fixes: list[tuple[str, int]]) -> None:
    """One issue per kind of row repair (``repaired``, ``padded``, ``cut``), at its first line."""
    counts = {how: sum(1 for h, _ in fixes if h == how) for how in ("repaired", "padded", "cut")}
    first_fix = {how: min(ln for h, ln in fixes if h == how) for how in counts if counts[how]}
    if counts["repaired"]:
        builder.issue(
            "rows whose unquoted label held a comma (label rebuilt from the values between the id "
            f"and the typed columns on the right): {counts['repaired']}",
            line=first_fix["repaired"],
            severity="info",
        )
    if counts["padded"]:
        builder.issue(
            f"rows with fewer values than the header (the rest left empty): {counts['padded']}",
            line=first_fix["padded"],
            severity="info",
        )
    if counts["cut"]:
        builder.issue(f"rows with more values than the header (extra values ignored): {counts['cut']}", line=first_fix["cut"])


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
