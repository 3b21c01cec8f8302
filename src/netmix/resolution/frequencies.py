"""How common a name is in the population: first-name and surname shares, French and English.

``netmix/data/name_frequencies.csv.gz`` holds the top 4,000 first names and surnames of two
sources (see its header): the US Census Bureau's 1990 name files (``census``) and INSEE's
files of first names and surnames (``insee``). A name's probability is the share of its first
name times the share of its surname (the two read either way round, as name keys are sorted),
in the source where it is highest; a word in no list counts as ``UNLISTED_SHARE``.

>>> src, p = population_share(("martin", "sophie"))
>>> src, p > 1e-6
('insee', True)
>>> population_share(("qwzx", "yplk"))
('', 0.0)
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
from importlib import resources

__all__ = ["population_share", "UNLISTED_SHARE", "SOURCES"]

#: the sources, in the order they are tried when two give the same probability
SOURCES: tuple[str, ...] = ("insee", "census")
#: share assumed for a word of a listed name that is missing from a list (below every listed share)
UNLISTED_SHARE = 1e-6


@functools.cache
def _tables() -> dict[tuple[str, str], dict[str, float]]:
    data = resources.files("netmix").joinpath("data/name_frequencies.csv.gz").read_bytes()
    text = gzip.decompress(data).decode("utf-8")
    rows = csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#"))
    out: dict[tuple[str, str], dict[str, float]] = {}
    for r in rows:
        out.setdefault((r["source"], r["part"]), {})[r["name"]] = float(r["share"])
    return out


@functools.lru_cache(maxsize=65_536)
def population_share(tokens: tuple[str, ...]) -> tuple[str, float]:
    """``(source, probability)`` of a person carrying the name of these folded tokens; ``("", 0.0)`` if unknown.

    Only two-word names are looked up (a first name and a surname); a name is known to a source
    when at least one of its two words is listed there.
    """
    if len(tokens) != 2:
        return "", 0.0
    best = ("", 0.0)
    tables = _tables()
    for source in SOURCES:
        first, last = tables.get((source, "first"), {}), tables.get((source, "last"), {})
        for f, s in (tokens, tokens[::-1]):
            if f not in first and s not in last:
                continue
            p = first.get(f, UNLISTED_SHARE) * last.get(s, UNLISTED_SHARE)
            if p > best[1]:
                best = (source, p)
    return best
