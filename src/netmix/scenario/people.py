"""The invented humans of the scenario: who they are, their unique names, dates and name variants."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from . import names as N
from .spec import EGO, WAVE_END, WAVE_START, NonContact

__all__ = [
    "marked_name",
    "Human",
    "NameBook",
    "name_key",
    "ascii_fold",
    "draw_ts",
    "ts_date",
    "PERSO_YEARS",
    "VARIANT_KINDS",
    "variant_name",
    "needs_rename",
]


@dataclass
class Human:
    """One invented person (mutable while the world is being built)."""

    first: str
    last: str
    cluster: str
    kind: str
    sphere: str
    accounts: set[str] = field(default_factory=set)
    display: str = ""  # canonical display name when it is not "first last" (", Jr.")
    pro_name: str = ""  # the name on the pro side when it differs
    variant: str = ""
    separate_pro: bool = False  # uses another Facebook account of their own for work
    dup_name: str = ""  # a second own account, also a friend of the pro account
    city: str = ""
    roles: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)
    noncontact: NonContact | None = None
    ts: dict[str, int] = field(default_factory=dict)
    uid: str = ""
    uid_pro: str = ""
    uid_dup: str = ""
    url: str = ""

    @property
    def name(self) -> str:
        return self.display or f"{self.first} {self.last}"

    def fb_name(self, account: str) -> str:
        return self.pro_name if account == "pro" and self.pro_name else self.name

    @property
    def plain(self) -> bool:
        return not self.roles


def name_key(name: str) -> str:
    """Accent-, case- and hyphen-insensitive key (what makes two names "the same")."""
    s = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(s.casefold().replace("-", " ").split())


def ascii_fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


class NameBook:
    """Draws unique names (by :func:`name_key`); renames keep the book consistent."""

    def __init__(self, rng: np.random.Generator, reserved: set[str], large: bool) -> None:
        self.rng = rng
        self.firsts = N.first_names()
        lasts = list(N.surnames())
        if large:  # double-barrelled surnames widen the space for ~40,000 people
            pairs = rng.choice(len(lasts), size=(1500, 2))
            lasts += sorted({f"{lasts[a]}-{lasts[b]}" for a, b in pairs if a != b and " " not in lasts[a] + lasts[b]})
        self.lasts = tuple(lasts)
        self.used: set[str] = {name_key(r) for r in reserved} | {name_key(EGO)}

    def draw(self, first: str | None = None) -> tuple[str, str]:
        for _ in range(10_000):
            f = first or self.firsts[int(self.rng.integers(len(self.firsts)))]
            last = self.lasts[int(self.rng.integers(len(self.lasts)))]
            key = name_key(f"{f} {last}")
            if key not in self.used:
                self.used.add(key)
                return f, last
        raise RuntimeError("name space exhausted")  # pragma: no cover - never with these lists

    def release(self, name: str) -> None:
        self.used.discard(name_key(name))


def draw_ts(rng: np.random.Generator, start: dt.date, end: dt.date, avoid: bool = False) -> int:
    lo = int(dt.datetime(start.year, start.month, start.day, tzinfo=dt.UTC).timestamp())
    hi = int(dt.datetime(end.year, end.month, end.day, 23, 59, 59, tzinfo=dt.UTC).timestamp())
    w0 = int(dt.datetime(WAVE_START.year, WAVE_START.month, WAVE_START.day, tzinfo=dt.UTC).timestamp())
    w1 = w0 + (WAVE_END - WAVE_START).days * 86400 + 86399
    while True:
        t = int(rng.integers(lo, hi + 1))
        if not (avoid and w0 - 86400 <= t <= w1 + 86400):
            return t


def ts_date(ts: int) -> dt.date:
    return dt.datetime.fromtimestamp(ts, dt.UTC).date()


PERSO_YEARS = {"family": (2009, 2011), "school": (2009, 2013), "sports": (2012, 2024), "neighbours": (2014, 2024)}

#: variant kinds, in planting order; a kind that needs a particular first name renames the human.
VARIANT_KINDS = (
    "office-marker",
    "pro-marker",
    "dash-marker",
    "swapped",
    "upper-surname",
    "diminutive",
    "diminutive",
    "diminutive",
    "hyphen-dropped",
    "accent-dropped",
    "emoji",
    "upper-swapped",
)
SMALL_VARIANT_NAMES = {
    0: ("Marie", "Dupont"),
    5: ("Sébastien", "Martin"),
    6: ("Frédéric", None),
    7: ("Jean-Baptiste", None),
    8: ("Marie-Hélène", None),
    9: ("Cécile", None),
}


def variant_name(h: Human, kind: str, rng: np.random.Generator) -> str:
    first, last = h.first, h.last
    if kind == "office-marker":
        return f"{h.name} (OT {h.city or 'Pau'})"
    if kind == "pro-marker":
        return f"{h.name} Pro"
    if kind == "dash-marker":
        return f"{h.name} - Office de Tourisme"
    if kind == "swapped":
        return f"{last} {first}"
    if kind == "upper-surname":
        return f"{first} {last.upper()}"
    if kind == "upper-swapped":
        return f"{last.upper()} {first}"
    if kind == "diminutive":
        return f"{N.DIMINUTIVES[first]} {last}"
    if kind == "hyphen-dropped":
        return f"{first.replace('-', ' ')} {last}"
    if kind == "accent-dropped":
        return ascii_fold(h.name)
    if kind == "emoji":
        return f"{h.name} {N.EMOJI[int(rng.integers(len(N.EMOJI)))]}"
    raise ValueError(kind)  # pragma: no cover


def needs_rename(kind: str, h: Human) -> bool:
    """Whether ``h``'s name already suits the variant kind."""
    if kind == "diminutive":
        return h.first not in N.DIMINUTIVES
    if kind == "hyphen-dropped":
        return "-" not in h.first
    if kind == "accent-dropped":
        return h.name.isascii()
    return False


#: the organisation-marked forms of a pro account name, in planting order
MARKED_FORMS = ("{name} (OT {city})", "{name} - Office de Tourisme", "OT {city} - {name}", "{name} Pro", "{first} {LAST} PRO")


def marked_name(h: Human, j: int) -> str:
    """The ``j``-th organisation-marked form of ``h``'s name ("Emma Roger (OT Pau)", "OT Pau - Emma Roger", …)."""
    form = MARKED_FORMS[(j // 2) % len(MARKED_FORMS)]
    return form.format(name=h.name, city=h.city or "Pau", first=h.first, LAST=h.last.upper())
