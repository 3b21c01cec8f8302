"""Safe XML parsing for GraphML and GEXF (RELIABILITY.md §4).

The bytes are size-capped, then parsed with :mod:`defusedxml` refusing any DTD, entity or
external reference (neither format needs one), so billion laughs and XXE never reach the
expander. Every parser failure becomes one :class:`~netmix.errors.InputError` (or
:class:`~netmix.errors.UnsafeInput`) naming the file, the member and the line and column.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import UnsafeInput
from ..io.sources import Member
from ._common import input_error, where

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
