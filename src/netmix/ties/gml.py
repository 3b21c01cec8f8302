"""GML files (Graph Modelling Language), as written by networkx, igraph, Cytoscape and yEd.

``graph [ node [ id 1 label "Ana" ] edge [ source 1 target 2 value 3 ] ]``. The node key is
the ``id``, the ``name`` its ``label``; an edge's weight is its ``weight`` (else ``value``, as in
Newman's data sets). Strings may span lines and hold HTML character references (``&amp;``,
``&#233;``), as networkx writes them.

The structure is parsed here with an explicit stack rather than with :func:`networkx.parse_gml`:
networkx recurses once per nesting level (a hostile file raises :class:`RecursionError`) and
refuses files with an undeclared edge end or a repeated edge, which netmix reads with a counted
issue like every other tie format.
"""

from __future__ import annotations

import bisect
import html
import re

from ..io.sources import Member
from ..io.text import decode
from ._common import TieBuilder, input_error, parse_weight
from .base import TieReader

__all__ = ["MAX_DEPTH", "READER", "parse_gml", "read", "sniff"]

_TOKEN = re.compile(
    r"""(?P<space>\s+|\#[^\n]*)
      | (?P<key>[A-Za-z_][0-9A-Za-z_]*)
      | (?P<real>[+-]?(?:\d*\.\d+|\d+\.\d*|INF|NAN)(?:[Ee][+-]?\d+)?)
      | (?P<int>[+-]?\d+)
      | (?P<string>"[^"]*")
      | (?P<open>\[)
      | (?P<close>\])""",
    re.VERBOSE,
)
MAX_DEPTH = 100


class _Block(list):
    """The ``[ … ]`` contents: a list of ``(key, value, line)`` in file order."""


def parse_gml(text: str, member: Member) -> _Block:
    """Parse GML text into nested blocks of ``(key, value, line)``; values are str or :class:`_Block`."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(pos: int) -> int:
        return bisect.bisect_right(starts, pos)

    top = _Block()
    stack: list[_Block] = [top]
    key: str | None = None
    key_pos = 0
    pos, n = 0, len(text)
    while pos < n:
        m = _TOKEN.match(text, pos)
        if m is None:
            raise input_error(
                member,
                f"unexpected text {text[pos:pos + 12]!r} in the GML",
                line=line_of(pos),
                hint="the file is not GML or was edited by hand (is a quote not closed?)",
            )
        kind = m.lastgroup
        tok = m.group()
        pos = m.end()
        if kind == "space":
            continue
        if key is None:
            if kind == "key":
                key, key_pos = tok, m.start()
                continue
            if kind == "close" and len(stack) > 1:
                stack.pop()
                continue
            raise input_error(
                member, f"expected a key, found {tok[:20]!r}", line=line_of(m.start()), hint="check the GML syntax there"
            )
        if kind == "open":
            if len(stack) > MAX_DEPTH:
                raise input_error(member, f"the GML is nested more than {MAX_DEPTH} levels deep", line=line_of(m.start()))
            block = _Block()
            stack[-1].append((key, block, line_of(key_pos)))
            stack.append(block)
        elif kind == "close":
            raise input_error(member, f"the key {key!r} has no value", line=line_of(key_pos))
        else:
            value = html.unescape(tok[1:-1]) if kind == "string" else tok
            stack[-1].append((key, value, line_of(key_pos)))
        key = None
    if key is not None:
        raise input_error(member, f"the file ends after the key {key!r}", line=line_of(key_pos), hint="the file is truncated")
    if len(stack) > 1:
        raise input_error(member, "the file ends inside a [ … ] block", line=line_of(n), hint="the file is truncated")
    return top


def _get(block: _Block, name: str) -> object:
    for k, v, _ in block:
        if k == name:
            return v
    return None


def _scalar(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def read(member: Member, encoding: str | None) -> tuple:
    """Read a GML file into ``(nodes, edges, issues)``."""
    said: list = []
    top = parse_gml(decode(member.read(), member, encoding, said), member)
    graphs = [v for k, v, _ in top if k == "graph" and isinstance(v, _Block)]
    if not graphs:
        raise input_error(member, "the file holds no graph [ … ] block", hint="is this a GML file?")
    builder = TieBuilder(member)
    builder.issues += said
    if len(graphs) > 1:
        builder.issue(f"the file holds {len(graphs)} graphs; only the first is read")
    graph = graphs[0]
    for k, v, line in graph:
        if k != "node" or not isinstance(v, _Block):
            continue
        nid = _scalar(_get(v, "id"))
        if not nid:
            builder.count("nodes without an id skipped", line)
            continue
        builder.node(nid, " ".join(_scalar(_get(v, "label")).split()), line=line)
    for k, v, line in graph:
        if k != "edge" or not isinstance(v, _Block):
            continue
        a, b = _scalar(_get(v, "source")), _scalar(_get(v, "target"))
        if not a or not b:
            builder.count("edges without a source or a target skipped", line)
            continue
        raw = _get(v, "weight")
        if raw is None:
            raw = _get(v, "value")
        builder.edge(a, b, parse_weight(raw) if isinstance(raw, str) and raw.strip() else 1.0, line=line)
    return builder.result()


def sniff(member: Member, head: str) -> bool:
    """A ``.gml`` file with a ``graph [`` block near its start."""
    return re.search(r"\bgraph\s*\[", head) is not None


READER = TieReader(
    name="gml",
    description="GML (networkx, igraph, Cytoscape, yEd)",
    extensions=(".gml",),
    sniff=sniff,
    read=read,
)
