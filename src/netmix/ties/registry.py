"""The tie readers in detection order, and how a file finds its reader.

The registry's order is the detection order: the first reader whose endings match a file's name
and whose sniff accepts its first bytes reads it.
"""

from __future__ import annotations

from ..errors import FormatNotRecognised
from ..io.encoding import HEAD_BYTES, head_text
from ..io.sources import Member
from . import edgelist, gdf, gexf, gml, graphml, mutual, snap
from .base import TieReader

__all__ = ["HEAD_BYTES", "REGISTRY", "detect", "get"]

REGISTRY: tuple[TieReader, ...] = tuple(m.READER for m in (gdf, graphml, gexf, gml, snap, mutual, edgelist))


def get(name: str) -> TieReader:
    """The tie reader called ``name``.

    Parameters
    ----------
    name
        A tie format name (``gdf``, ``graphml``, ``gexf``, ``gml``, ``snap``, ``mutual``, ``edgelist``).

    Returns
    -------
    TieReader
        The reader.

    Raises
    ------
    FormatNotRecognised
        No reader has that name; the hint lists the known ones.

    Examples
    --------
    >>> get("gexf").extensions
    ('.gexf', '.xml')
    """
    for r in REGISTRY:
        if r.name == name:
            return r
    raise FormatNotRecognised(f"unknown tie format {name!r}", hint=f"known tie formats: {', '.join(r.name for r in REGISTRY)}")


def detect(member: Member) -> TieReader | None:
    """The first reader (registry order) whose endings match the member's name and whose sniff accepts it.

    Members no reader's endings match are never opened; the others are sniffed on their first
    :data:`HEAD_BYTES` (:func:`netmix.io.encoding.head_text`).

    Parameters
    ----------
    member
        One file of a tie source.

    Returns
    -------
    TieReader or None
        The reader, or ``None`` when the member is not a tie file.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.io.sources import iter_members
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ties.gdf"
    >>> _ = path.write_text("nodedef>name VARCHAR,label VARCHAR\\n1,Ana\\n2,Ben\\nedgedef>node1 VARCHAR,node2 VARCHAR\\n1,2\\n")
    >>> detect(next(iter_members(path))).name
    'gdf'
    """
    lower = member.name.lower()
    candidates = [r for r in REGISTRY if lower.endswith(r.extensions)]
    if not candidates:
        return None
    head = head_text(member, HEAD_BYTES)
    for r in candidates:
        if r.sniff(member, head):
            return r
    return None
