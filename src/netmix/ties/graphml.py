"""GraphML files, as written by Gephi, yEd, networkx and igraph.

Parsed safely (:mod:`netmix.ties._xml`) and read directly from the tree, so that what networkx
would do silently is reported: edges to undeclared nodes and duplicate node ids become counted
issues. A node's ``name`` is its ``<data>`` whose key is named ``label`` (else yEd's
``<y:NodeLabel>``, else a key named ``name``); an edge's weight is its ``<data>`` whose key is
named ``weight`` (or the key's ``<default>``). Nodes of nested graphs (yEd groups) are read too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..io.sources import Member
from ._common import TieBuilder, parse_weight
from ._xml import graph_root, split_tag
from .base import TieReader

__all__ = ["NS", "READER", "read", "sniff"]

NS = "http://graphml.graphdrawing.org/xmlns"
_NS = re.compile(re.escape(NS))


def _keys(root: ET.Element, ns: str) -> tuple[dict[str, str], str | None]:
    """Key id -> role (``label``, ``name``, ``yfiles``, ``weight``), and the weight keys' default."""
    roles: dict[str, str] = {}
    weight_default: str | None = None
    for key in root.iter(f"{ns}key"):
        kid = key.get("id")
        if not kid:
            continue
        domain = (key.get("for") or "all").lower()
        attr = (key.get("attr.name") or "").strip().lower()
        default = key.find(f"{ns}default")
        if domain in ("node", "all"):
            if key.get("yfiles.type") == "nodegraphics":
                roles[kid] = "yfiles"
            elif attr in ("label", "name"):
                roles[kid] = attr
        if domain in ("edge", "all") and attr == "weight":
            roles[kid] = "weight"
            if default is not None and default.text:
                weight_default = default.text.strip()
    return roles, weight_default


def _text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _yed_label(data: ET.Element) -> str:
    for el in data.iter():
        if split_tag(el.tag)[1] == "NodeLabel":
            text = _text(el)
            if text:
                return text
    return ""


def _node_name(node: ET.Element, ns: str, roles: dict[str, str]) -> str:
    found: dict[str, str] = {}
    for data in node.findall(f"{ns}data"):
        role = roles.get(data.get("key", ""))
        if role and role not in found:
            value = _yed_label(data) if role == "yfiles" else _text(data)
            if value:
                found[role] = value
    return found.get("label") or found.get("yfiles") or found.get("name") or ""


def read(member: Member, encoding: str | None) -> tuple:
    """Read a GraphML file into ``(nodes, edges, issues)``; ``encoding`` is ignored (XML declares it)."""
    root, ns = graph_root(
        member, "GraphML", "graphml", _NS, repr(NS), "export the graph again as GraphML from Gephi, yEd or networkx"
    )
    roles, weight_default = _keys(root, ns)
    builder = TieBuilder(member)
    for node in root.iter(f"{ns}node"):
        nid = (node.get("id") or "").strip()
        if not nid:
            builder.count("nodes without an id skipped")
            continue
        builder.node(nid, _node_name(node, ns, roles))
    weight_keys = {k for k, r in roles.items() if r == "weight"}
    for edge in root.iter(f"{ns}edge"):
        a = (edge.get("source") or "").strip()
        b = (edge.get("target") or "").strip()
        if not a or not b:
            builder.count("edges without a source or a target skipped")
            continue
        raw = weight_default
        for data in edge.findall(f"{ns}data"):
            if data.get("key") in weight_keys:
                raw = _text(data)
                break
        builder.edge(a, b, parse_weight(raw) if raw else 1.0)
    hyper = sum(1 for _ in root.iter(f"{ns}hyperedge"))
    if hyper:
        builder.issue(f"{hyper} hyperedges ignored (only ties between two people are read)")
    return builder.result()


def sniff(member: Member, head: str) -> bool:
    """A ``.graphml`` file (or ``.xml``) whose start mentions ``<graphml``."""
    return "<graphml" in head


READER = TieReader(
    name="graphml",
    description="GraphML (Gephi, yEd, networkx, igraph)",
    extensions=(".graphml", ".xml"),
    sniff=sniff,
    read=read,
)
