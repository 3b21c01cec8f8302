"""Small helpers shared by the importers: header peeking, CSV cells, multi-value cells.

Private to :mod:`netmix.importers`; nothing here knows about a particular platform.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import NetmixError
from ..io.encoding import head_text
from ..io.sources import Member

__all__ = ["header_cells", "is_csv_name", "join_unique", "peek", "split_multi"]

def peek(member: Member, size: int = 4096) -> str:
    """The first ``size`` bytes of a member decoded leniently (for ``claims`` sniffing only).

    A member that cannot be read (gone, damaged, hostile) is ``""``: it is simply not claimed
    here; reading it for real reports the problem.
    """
    try:
        return head_text(member, size)
    except (OSError, NetmixError):
        return ""


def header_cells(head: str, max_lines: int = 12) -> list[list[str]]:
    """The cells of the first non-empty lines of CSV text (split on the likeliest delimiter)."""
    import csv
    import io

    out = []
    lines = [ln for ln in head.splitlines()[:max_lines] if ln.strip()]
    for ln in lines:
        delim = max((",", ";", "\t"), key=ln.count)
        try:
            cells = next(csv.reader(io.StringIO(ln), delimiter=delim), [])
        except csv.Error:
            continue
        out.append([c.strip().strip('"').lstrip("\ufeff") for c in cells])
    return out


def is_csv_name(member: Member) -> bool:
    return member.basename.lower().endswith((".csv", ".tsv", ".txt"))


def split_multi(value: str, sep: str = " ::: ") -> list[str]:
    """Cell values joined by ``sep`` (Google's ` ::: `), stripped, without the ``* `` primary marker."""
    out = []
    for part in value.split(sep):
        part = part.strip()
        if part.startswith("* "):
            part = part[2:].strip()
        if part:
            out.append(part)
    return out


def join_unique(values: Iterable[str]) -> str:
    """Distinct non-empty values in first-seen order, joined with `` ; ``."""
    out: list[str] = []
    seen: set[str] = set()
    for v in values:
        v = v.strip()
        if v and v.lower() not in seen:
            seen.add(v.lower())
            out.append(v)
    return " ; ".join(out)
