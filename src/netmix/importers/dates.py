"""Dates as exports write them: English and numeric forms, and dates in the interface's language.

- :func:`parse_date`: English or numeric dates (LinkedIn, CSV files), by regular expressions.
- :class:`LocalDates`: the dates of one page written in its interface language (Facebook and
  Instagram HTML: ``août 07, 2022 10:55:38pm``, ``mar 22, 2024 2:21:27pm``, ``20 de septiembre
  de 2016``), read with :mod:`dateparser` (CLDR month and day names of every language; no
  network; the language found on the first date is tried first on the next ones, so each page
  is read in one language, deterministically). A date without a year (``Jan 12``) is kept as
  unknown, never guessed.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MONTHS", "LocalDates", "parse_date"]

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


_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
#: A time of day at the end of a date (``10:55:38pm``, ``22:13``, ``6:45 a. m.``).
_TIME = re.compile(
    r"[\s,]+(?:(?:à|a las|um|at|alle|às|om)\s+)?\d{1,2}[:h.]\d{2}(?::\d{2})?"
    r"\s*(?:[ap]\.?\s?m\.?)?\s*(?:UTC[+-]?\d{0,2}:?\d{0,2})?$",
    re.I,
)
#: dateparser settings: every part required (no guessing from today), no timezone conversion.
_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
    "RELATIVE_BASE": _dt.datetime(2000, 1, 1),
    "RETURN_AS_TIMEZONE_AWARE": False,
}


@dataclass
class LocalDates:
    """The dates of one file, in whatever language its interface used.

    :meth:`read` returns the ISO date and counts what it could not read: ``no_year`` (kept
    unknown) and ``unreadable``.

    Examples
    --------
    >>> dates = LocalDates()
    >>> dates.read("août 07, 2022 10:55:38pm"), dates.read("Dec 17, 2023 9:22:56pm"), dates.read("Jan 12")
    ('2022-08-07', '2023-12-17', '')
    >>> dates.no_year, dates.unreadable
    (1, 0)
    """

    no_year: int = 0
    unreadable: int = 0
    _parser: Any = field(default=None, repr=False)  # a dateparser DateDataParser, made on first use
    _seen: dict[str, str] = field(default_factory=dict, repr=False)

    def read(self, raw: str) -> str:
        """``raw`` as ``YYYY-MM-DD``; ``""`` (and counted) when it has no year or cannot be read."""
        text = " ".join(raw.split())
        if not text:
            return ""
        if text not in self._seen:
            self._seen[text] = self._parse(text)
        iso = self._seen[text]
        if iso in ("no-year", "unreadable"):
            if iso == "no-year":
                self.no_year += 1
            else:
                self.unreadable += 1
            return ""
        return iso

    def _parse(self, text: str) -> str:
        english = parse_date(text, english_only=True)
        if english:
            return english
        if not _YEAR.search(text):
            return "no-year"
        day = _TIME.sub("", text)  # the time of day is not kept: fewer distinct strings, faster parsing
        if day != text:
            if day not in self._seen:
                self._seen[day] = self._parse(day)
            return self._seen[day]
        if self._parser is None:
            from dateparser.date import DateDataParser  # imported on first use: 0.3 s, needed for localized pages only

            self._parser = DateDataParser(settings=_SETTINGS, try_previous_locales=True)
        try:
            found = self._parser.get_date_data(text).date_obj
        except (ValueError, OverflowError, TypeError):
            found = None
        return found.date().isoformat() if found is not None else "unreadable"
