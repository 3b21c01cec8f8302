"""GEXF files (Gephi's own format), versions 1.1draft, 1.2draft and 1.3.

Parsed safely (:mod:`netmix.ties._xml`) and read directly from the tree. A node's ``name`` is its
``label`` attribute (else an ``<attvalue>`` of an attribute titled ``label`` or ``name``); an
edge's weight is its ``weight`` attribute (else an ``<attvalue>`` titled ``weight``). Edges to
undeclared nodes and duplicate node ids are counted issues. Nodes nested in hierarchical graphs
are read too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..io.sources import Member
from ._common import TieBuilder, parse_weight
from ._xml import graph_root
from .base import TieReader

__all__ = ["READER", "read", "sniff"]

#: GEXF namespaces: http://www.gexf.net/1.1draft, …/1.2draft, http://gexf.net/1.3 (with or without www).
_GEXF_NS = re.compile(r"https?://(www\.)?gexf\.net/1\.\d+(draft)?/?")


def _attribute_titles(root: ET.Element, ns: str, cls: str) -> dict[str, str]:
    """Attribute id -> lower-cased title, for ``<attributes class="node|edge">``."""
    titles: dict[str, str] = {}
    for block in root.iter(f"{ns}attributes"):
        if (block.get("class") or "node").lower() != cls:
            continue
        for attr in block.findall(f"{ns}attribute"):
            aid = attr.get("id")
            if aid is not None:
                titles[aid] = (attr.get("title") or "").strip().lower()
    return titles


def _attvalues(el: ET.Element, ns: str, titles: dict[str, str]) -> dict[str, str]:
    """Title -> value of an element's ``<attvalues>`` (``for`` in 1.2/1.3, ``id`` in 1.1)."""
    out: dict[str, str] = {}
    block = el.find(f"{ns}attvalues")
    if block is None:
        return out
    for av in block.findall(f"{ns}attvalue"):
        key = av.get("for", av.get("id"))
        title = titles.get(key or "", "")
        if title and title not in out:
            out[title] = av.get("value") or ""
    return out


def read(member: Member, encoding: str | None) -> tuple:
    """Read a GEXF file into ``(nodes, edges, issues)``; ``encoding`` is ignored (XML declares it)."""
    root, ns = graph_root(
        member,
        "GEXF",
        "gexf",
        _GEXF_NS,
        "a GEXF one (http://gexf.net/1.3, http://www.gexf.net/1.2draft)",
        "export the graph again from Gephi",
    )
    node_titles = _attribute_titles(root, ns, "node")
    edge_titles = _attribute_titles(root, ns, "edge")
    builder = TieBuilder(member)
    for node in root.iter(f"{ns}node"):
        nid = (node.get("id") or "").strip()
        if not nid:
            builder.count("nodes without an id skipped")
            continue
        name = node.get("label") or ""
        if not name.strip() and node_titles:
            values = _attvalues(node, ns, node_titles)
            name = values.get("label") or values.get("name") or ""
        builder.node(nid, " ".join(name.split()))
    for edge in root.iter(f"{ns}edge"):
        a = (edge.get("source") or "").strip()
        b = (edge.get("target") or "").strip()
        if not a or not b:
            builder.count("edges without a source or a target skipped")
            continue
        raw = edge.get("weight")
        if raw is None and edge_titles:
            raw = _attvalues(edge, ns, edge_titles).get("weight")
        builder.edge(a, b, parse_weight(raw) if raw not in (None, "") else 1.0)
    return builder.result()


def sniff(member: Member, head: str) -> bool:
    """A ``.gexf`` file (or ``.xml``) whose start mentions ``<gexf``."""
    return "<gexf" in head


READER = TieReader(
    name="gexf",
    description="GEXF 1.1–1.3 (Gephi)",
    extensions=(".gexf", ".xml"),
    sniff=sniff,
    read=read,
)
