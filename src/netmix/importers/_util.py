"""Small helpers shared by the importers: lenient date parsing, header peeking, URL slugs.

Private to :mod:`netmix.importers`; nothing here knows about a particular platform.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Iterable

from ..errors import NetmixError
from ..io.sources import Member
from ..io.text import head_text

__all__ = ["MONTHS", "header_cells", "is_csv_name", "join_unique", "parse_date", "peek", "split_multi"]

MONTHS: dict[str, int] = {}
for _i, _m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"),
    start=1,
):
    MONTHS[_m] = _i
    MONTHS[_m[:3]] = _i
MONTHS["sept"] = 9

_MON = r"([A-Za-z]{3,9})\.?"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_D_MON_Y = re.compile(r"^(\d{1,2})[\s-]+" + _MON + r"[\s-]+(\d{4}|\d{2})(?:$|[\s,T])")
_MON_D_Y = re.compile(r"^" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:$|[\s,])")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:$|[\s,])")
_DOTS = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:$|[\s,])")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", re.I)


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _iso(y: int, m: int, d: int) -> str:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return ""


def parse_date(text: str, *, english_only: bool = False) -> str:
    """An English or numeric date as ISO ``YYYY-MM-DD``; ``""`` when it cannot be read.

    Accepts ``2024-05-30``, ``30 May 2024``, ``May 30, 2024 10:13:20 pm``, ``23-Nov-21``,
    ``1/8/18, 6:14 PM`` (US month first; swapped when the first number cannot be a month) and
    ``16.09.2021`` (day first). With ``english_only`` only the forms with an English month name
    are tried (Facebook HTML, where numeric dates come from localized accounts).

    >>> parse_date("1/8/18, 6:14 PM"), parse_date("23-Nov-21"), parse_date("Nov 14, 2023 10:13:20 pm")
    ('2018-01-08', '2021-11-23', '2023-11-14')
    """
    if type(text) is str:  # exports repeat the same dates: each distinct one is parsed once
        return _parse_date_cached(text, english_only)
    return _parse_date(text, english_only)


def _parse_date(text: object, english_only: bool) -> str:
    s = " ".join(str(text).split())
    if not s:
        return ""
    s = _WEEKDAY.sub("", s)
    m = _D_MON_Y.match(s)
    if m and m.group(2).lower() in MONTHS:
        return _iso(_year(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    m = _MON_D_Y.match(s)
    if m and m.group(1).lower() in MONTHS:
        return _iso(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
    if english_only:
        return ""
    m = _ISO.match(s)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _SLASH.match(s)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        if a > 12 >= b:
            a, b = b, a
        return _iso(y, a, b)
    m = _DOTS.match(s)
    if m:
        return _iso(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
    return ""


_parse_date_cached = functools.lru_cache(maxsize=1 << 14)(_parse_date)


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
