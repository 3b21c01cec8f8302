"""Edge lists: a CSV with a header naming the two ends, or header-less ``u v [w]`` text.

CSV headers (any case, accents and separators ignored): ``source,target`` (Gephi's data
laboratory writes ``Source,Target,Type,Id,Label,Weight``), ``from,to``, ``a,b``,
``person1,person2``, ``node1,node2``, ``u,v``, French ``personne1,personne2`` / ``source,cible``;
an optional weight column ``weight`` / ``poids`` / ``value``. The delimiter is sniffed
(``,`` ``;`` tab). Header-less text (SNAP's ``facebook_combined.txt``) has one ``u v [w]`` per
line, whitespace-separated, ``#`` comments allowed.

People are named by id or by name: the node key is the value itself (whitespace collapsed), and
the ``name`` is that value when it is not a number, else ``""``.
"""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pandas as pd

from ..io.sources import Member
from ..io.text import decode, read_csv, sniff_delimiter
from ._common import TieBuilder, clean_name, first_line, head_lines, header_token, input_error, is_numeric, parse_weight
from .base import TieReader

__all__ = ["PAIRS", "READER", "WEIGHTS", "header_columns", "read", "sniff"]

#: Header names of the two ends (after :func:`header_token`), best first.
PAIRS: tuple[tuple[str, str], ...] = (
    ("source", "target"),
    ("from", "to"),
    ("a", "b"),
    ("person1", "person2"),
    ("personne1", "personne2"),
    ("node1", "node2"),
    ("u", "v"),
    ("source", "cible"),
    ("src", "dst"),
)
WEIGHTS: tuple[str, ...] = ("weight", "poids", "value", "w")
_WORD = re.compile(r"[\w.@'-]+")


def header_columns(cells: list[str]) -> tuple[int, int, int | None] | None:
    """Indices of the two end columns and the weight column in a header row, or ``None``.

    >>> header_columns(["Source", "Target", "Type", "Id", "Label", "Weight"])
    (0, 1, 5)
    """
    tokens = [header_token(c) for c in cells]
    for left, right in PAIRS:
        if left in tokens and right in tokens:
            weight = next((tokens.index(w) for w in WEIGHTS if w in tokens), None)
            return tokens.index(left), tokens.index(right), weight
    return None


def _header_split(line: str) -> tuple[str | None, tuple[int, int, int | None] | None]:
    """The delimiter (``None``: whitespace) under which ``line`` is an edge-list header."""
    delim = sniff_delimiter(line)
    cols = header_columns(next(csv.reader([line], delimiter=delim), []))
    if cols:
        return delim, cols
    cols = header_columns(line.split())
    if cols and header_token(line.split()[cols[0]]) in ("a", "u"):  # "a b" / "u v" is data in plain text
        cols = None
    return (None, cols) if cols else (None, None)


def _key(value: str) -> tuple[str, str]:
    """(node key, name) of a cell naming a person by id or by name."""
    value = clean_name(value)
    return value, ("" if is_numeric(value) else value)


def read(member: Member, encoding: str | None) -> tuple:
    """Read an edge list into ``(nodes, edges, issues)``."""
    builder = TieBuilder(member)
    text = decode(member.read(), member, encoding, builder.issues)
    head = first_line(text)
    if not head:
        raise input_error(member, "the edge list is empty", hint="one tie per line: 'source,target' or 'u v'")
    delim, cols = _header_split(head)
    if cols and delim is not None:
        table = read_csv(text, member, is_header=lambda cells: header_columns(cells) == cols, delimiter=delim)
        builder.issues.extend(table.issues)
        a_col, b_col = table.header[cols[0]], table.header[cols[1]]
        w_col = table.header[cols[2]] if cols[2] is not None else None
        a_raw = [r[a_col] for r in table.rows]
        b_raw = [r[b_col] for r in table.rows]
        w_raw = [r[w_col] for r in table.rows] if w_col else [""] * len(table.rows)
        lines = table.lines
    else:
        a_raw, b_raw, w_raw, lines = _text_rows(text, skip_header=cols is not None, builder=builder)
    _add_rows(builder, a_raw, b_raw, w_raw, lines)
    return builder.result()


def _distinct(values: list[str]) -> tuple[np.ndarray, list[str]]:
    """``(codes, uniques)``: each value's index among the distinct values (to work once per value)."""
    codes, uniq = pd.factorize(np.asarray(values, dtype=object))
    return codes, list(uniq)


def _weight(cell: str) -> float:
    """The weight of a cell: 1.0 when empty, NaN when unusable (see :meth:`TieBuilder.add_edges`)."""
    if not cell.strip():
        return 1.0
    w = parse_weight(cell)
    return np.nan if w is None else w


def _add_rows(builder: TieBuilder, a_raw: list[str], b_raw: list[str], w_raw: list[str], lines: list[int]) -> None:
    """Give the builder the rows ``(a, b, weight cell, line)``: nodes named by id or name, then the edges."""
    n = len(a_raw)
    codes, uniq = _distinct(a_raw + b_raw)
    pairs = [_key(u) for u in uniq]
    keys = np.array([k for k, _ in pairs] or [""], dtype=object)[codes]
    names = np.array([name for _, name in pairs] or [""], dtype=object)[codes]
    a, b = keys[:n], keys[n:]
    lines_arr = np.asarray(lines, dtype="int64")
    skip = (a == "") | (b == "")
    builder.count_lines("rows without both ends skipped", lines_arr[skip])
    keep = np.concatenate([~skip, ~skip])
    for k, name in dict(zip(keys[keep].tolist(), names[keep].tolist(), strict=False)).items():
        if k not in builder.nodes:  # a key's name depends on the key only: the order does not matter
            builder.node(k, name)
    w_codes, w_uniq = _distinct(w_raw)
    weights = np.array([_weight(w) for w in w_uniq] or [1.0], dtype="float64")[w_codes]
    builder.add_edges(a[~skip], b[~skip], weights[~skip], lines_arr[~skip])


def _text_rows(text: str, *, skip_header: bool, builder: TieBuilder) -> tuple[list[str], list[str], list[str], list[int]]:
    """``(a, b, weight, line)`` columns of whitespace-separated text; ``,``/``;`` rows of a header-less CSV too."""
    header_skipped = not skip_header
    a_raw: list[str] = []
    b_raw: list[str] = []
    w_raw: list[str] = []
    lines: list[int] = []
    short: list[int] = []
    long: list[int] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not header_skipped:
            header_skipped = True
            continue
        if "," in stripped or ";" in stripped:
            parts = next(csv.reader(io.StringIO(stripped), delimiter="," if "," in stripped else ";"), [])
        else:
            parts = stripped.split()
        if len(parts) < 2:
            short.append(lineno)
            continue
        if len(parts) > 3:
            long.append(lineno)
        a_raw.append(parts[0])
        b_raw.append(parts[1])
        w_raw.append(parts[2] if len(parts) > 2 else "")
        lines.append(lineno)
    builder.count_lines("lines without two ends skipped", short)
    builder.count_lines("lines with more than three values (the extra values were ignored)", long)
    return a_raw, b_raw, w_raw, lines


def sniff(member: Member, head: str) -> bool:
    """A header naming two ends (``.csv``/``.tsv``/``.txt``), or ``.txt`` lines of ``u v [w]``."""
    line = first_line(head)
    if not line:
        return False
    if _header_split(line)[1] is not None:
        return True
    if not member.name.lower().endswith(".txt"):
        return False
    lines = head_lines(head)
    for ln in lines:
        parts = ln.split()
        if len(parts) not in (2, 3) or not all(_WORD.fullmatch(p) for p in parts[:2]):
            return False
        if len(parts) == 3 and parse_weight(parts[2]) is None:
            return False
    return bool(lines)


READER = TieReader(
    name="edgelist",
    description="edge lists: CSV with source/target columns, or 'u v [w]' text",
    extensions=(".csv", ".tsv", ".txt"),
    sniff=sniff,
    read=read,
)
