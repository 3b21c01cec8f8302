"""SNAP ego-network files (FORMATS.md §7): ``<ego>.edges`` and ``<ego>.circles``.

``<ego>.edges`` lists the ties among the ego's alters as ``u v`` lines, **each tie in both
directions**; the ego is not in the file. Each tie is kept once (a tie seen in one direction only
is kept and counted as an info). Ids are anonymised integers, so node names are ``""``.

:func:`read_circles` reads ``<ego>.circles`` (``circle<k>\\t<id>\\t<id>…``), the ground-truth
groups used by the benchmarks.

Reference: J. McAuley and J. Leskovec, *Learning to Discover Social Circles in Ego Networks*,
NIPS 2012.
"""

from __future__ import annotations

import os
import re

from ..errors import InputError
from ..io.sources import Member, iter_members
from ..io.text import decode
from ._common import TieBuilder, head_lines, input_error
from .base import TieReader

__all__ = ["READER", "read", "read_circles", "sniff"]

_EDGE_LINE = re.compile(r"\s*\d+\s+\d+\s*")


def read(member: Member, encoding: str | None) -> tuple:
    """Read a SNAP ``.edges`` file into ``(nodes, edges, issues)``."""
    builder = TieBuilder(member, reciprocal=True)
    text = decode(member.read(), member, encoding, builder.issues)
    data_lines = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        data_lines += 1
        if len(parts) < 2:
            builder.count("lines without two ids skipped", lineno)
            continue
        if len(parts) > 2:
            builder.count("lines with more than two values (the extra values were ignored)", lineno)
        for key in parts[:2]:
            if key not in builder.nodes:
                builder.node(key)
        builder.edge(parts[0], parts[1], line=lineno)
    if not data_lines:
        raise input_error(member, "the .edges file holds no edge", hint="a SNAP .edges file has one 'u v' pair per line")
    return builder.result()


def read_circles(path: str | os.PathLike) -> dict[str, list[str]]:
    """The circles of a SNAP ``<ego>.circles`` file: circle name -> member ids, in file order.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "0.circles"
    >>> _ = p.write_text("circle0\\t3\\t1\\ncircle1\\t2\\n")
    >>> read_circles(p)
    {'circle0': ['3', '1'], 'circle1': ['2']}

    Raises
    ------
    InputError
        The file is missing, a folder or archive with several files, or a line has no circle name.
    """
    members = list(iter_members(path))
    if len(members) != 1:
        raise InputError(
            f"expected one .circles file, found {len(members)} files", file=str(path), hint="give the <ego>.circles file itself"
        )
    member = members[0]
    circles: dict[str, list[str]] = {}
    for lineno, line in enumerate(decode(member.read(), member).splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        name, ids = parts[0], parts[1:]
        if name.isdigit():
            raise input_error(
                member,
                "a circle line must start with the circle's name",
                line=lineno,
                hint="lines look like circle0<TAB>12<TAB>34",
            )
        circles.setdefault(name, []).extend(ids)
    return circles


def sniff(member: Member, head: str) -> bool:
    """A ``.edges`` file whose first lines are ``u v`` pairs of integers."""
    lines = head_lines(head)
    return bool(lines) and all(_EDGE_LINE.fullmatch(ln) for ln in lines)


READER = TieReader(
    name="snap",
    description="SNAP ego-network edges (<ego>.edges, each tie listed both ways)",
    extensions=(".edges",),
    sniff=sniff,
    read=read,
)
