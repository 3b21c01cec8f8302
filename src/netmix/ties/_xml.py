"""Safe XML parsing for GraphML and GEXF (RELIABILITY.md §4).

The bytes are size-capped, then parsed with :mod:`defusedxml` refusing any DTD, entity or
external reference (neither format needs one), so billion laughs and XXE never reach the
expander. Every parser failure becomes one :class:`~netmix.errors.InputError` (or
:class:`~netmix.errors.UnsafeInput`) naming the file, the member and the line and column.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import UnsafeInput
from ..io.sources import Member
from ._common import input_error, where

__all__ = ["MAX_XML_BYTES", "graph_root", "parse", "split_tag"]

#: Largest GraphML / GEXF member netmix parses (the tree takes several times this in memory).
MAX_XML_BYTES = 256 * 2**20


def parse(member: Member, kind: str) -> ET.Element:
    """The root element of ``member``, parsed safely.

    Raises
    ------
    UnsafeInput
        The file is too large or declares a DTD, an entity or an external reference.
    InputError
        The XML is malformed (truncated, not XML); the message gives line and column.
    """
    if member.size > MAX_XML_BYTES:
        raise _too_big(member, member.size, kind)
    data = member.read()
    if len(data) > MAX_XML_BYTES:
        raise _too_big(member, len(data), kind)
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeInput(
            f"the {kind} file declares a DTD or entities ({type(exc).__name__}); refused, as "
            "they can expand without bound or read local files",
            **where(member),
            hint=f"export the graph again from its program: a {kind} file never needs a <!DOCTYPE>",
        ) from exc
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        reason = str(exc).split(":", 1)[0]
        raise input_error(
            member,
            f"the {kind} file is not well-formed XML ({reason}, column {column})",
            line=line,
            hint="the file is probably truncated or was edited by hand; export it again",
        ) from exc
    except (ValueError, RecursionError, MemoryError) as exc:
        raise input_error(member, f"the {kind} file cannot be parsed ({type(exc).__name__})", hint="export it again") from exc


def _too_big(member: Member, size: int, kind: str) -> UnsafeInput:
    return UnsafeInput(
        f"the {kind} file is {size} bytes, more than the limit of {MAX_XML_BYTES}",
        **where(member),
        hint="export a smaller graph (only the ties between your contacts)",
    )


def split_tag(tag: object) -> tuple[str, str]:
    """``"{ns}local"`` -> ``("ns", "local")``; ``"local"`` -> ``("", "local")``."""
    if not isinstance(tag, str):  # comments, processing instructions
        return "", ""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def graph_root(
    member: Member, kind: str, root_tag: str, namespace: re.Pattern[str], expected: str, hint: str
) -> tuple[ET.Element, str]:
    """Parse a GraphML / GEXF member and check its root: element name, namespace, a ``<graph>``.

    Parameters
    ----------
    member
        The file.
    kind
        The format's name in messages (``GraphML``, ``GEXF``).
    root_tag
        The root's local name (``graphml``, ``gexf``).
    namespace
        The namespace URIs accepted (matched whole); no namespace is always accepted.
    expected
        How the accepted namespaces are named in the message.
    hint
        What to do when the namespace or the graph is wrong (``export the graph again …``).

    Returns
    -------
    tuple
        The root element and the ``{uri}`` prefix of its children's tags (``""`` without namespace).

    Raises
    ------
    InputError
        Another root element, a foreign namespace, or no ``<graph>``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.io.sources import iter_members
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
    >>> _ = path.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph/></graphml>')
    >>> root, ns = graph_root(next(iter_members(path)), "GraphML", "graphml", re.compile("http://graphml.graphdrawing.org/xmlns"),
    ...                       "'http://graphml.graphdrawing.org/xmlns'", "export it again")
    >>> ns
    '{http://graphml.graphdrawing.org/xmlns}'
    """
    root = parse(member, kind)
    ns_uri, local = split_tag(root.tag)
    if local != root_tag:
        raise input_error(
            member, f"the root element is <{local}>, not <{root_tag}>", hint=f"is this a {kind} file? export it again as {kind}"
        )
    if ns_uri and not namespace.fullmatch(ns_uri):
        raise input_error(member, f"the {kind} root has the namespace {ns_uri!r}, expected {expected}", hint=hint)
    ns = f"{{{ns_uri}}}" if ns_uri else ""
    if root.find(f"{ns}graph") is None:
        raise input_error(member, f"the {kind} file holds no <graph>", hint=hint)
    return root, ns
