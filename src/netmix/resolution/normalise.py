"""Names and identifiers in comparable form.

A display name is cleaned for display (markers people add to a second account's name, emoji and
titles removed; accents and case kept) and folded for comparison (accents, case, hyphens,
spacing and particles ignored; order ignored through sorted tokens; unambiguous diminutives
expanded from ``netmix/data/diminutives.csv``).

>>> normalise_name("Marie DUPONT (OT Pau)").display
'Marie DUPONT'
>>> normalise_name("Dupont Marie").key == normalise_name("Marie Dupont").key
True
>>> compare_names(normalise_name("Seb Martin"), normalise_name("Sébastien Martin"))
'diminutive'
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from typing import NamedTuple

__all__ = [
    "NameKey",
    "fold",
    "clean_display",
    "organisation",
    "ORG_WORDS",
    "normalise_name",
    "normalise_names",
    "compare_names",
    "diminutive_forms",
    "block_keys",
    "needs_comparison",
    "normalise_phone",
    "normalise_email",
]

# fmt: off
#: Words people append to a second account's name ("Marie Dupont Pro").
MARKERS = frozenset([
    "pro", "perso", "personnel", "personnelle", "professionnel", "professionnelle", "officiel", "officielle",
    "official", "work", "travail", "boulot", "business", "job",
])
#: Titles dropped in front of a name.
TITLES = frozenset(["dr", "mme", "mlle", "mr", "mrs", "ms", "madame", "monsieur"])
#: Surname particles joined to the following word ("de La Tour" -> "delatour").
PARTICLES = frozenset([
    "de", "du", "des", "la", "le", "les", "da", "das", "do", "dos", "di", "del", "della", "van", "von", "der", "den",
    "ter", "ten", "st", "ste",
])
# fmt: on

_SPECIAL = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "œ": "oe", "æ": "ae", "ı": "i", "ß": "ss"}
_BRACKETS = re.compile(r"\s*[\(\[\{][^\)\]\}]*[\)\]\}]?")
_TAIL = re.compile(r"\s+[-–—|/·•:]+\s+.*$")
_SEP = re.compile(r"\s+[-–—|/·•:]+\s+")
_SEP_START = re.compile(r"\s[-–—|/·•:]")  # where a _SEP or _TAIL match can begin
#: first words that make a ``X - Name`` prefix an organisation ("OT Pau - Emma Roger")
# fmt: off
ORG_WORDS = frozenset([
    "ot", "office", "mairie", "agence", "cci", "cdt", "crt", "adt", "syndicat",
    "association", "asso", "ville", "hotel", "camping", "club", "societe", "ste", "sas",
    "sarl", "groupe", "cabinet", "maison", "comite", "departement", "region",
])
# fmt: on
_APOS = str.maketrans("", "", "’'`´")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_NON_WORD_LINES = re.compile(r"[^0-9a-z\n]+")
_WORD = re.compile(r"[0-9a-z]+")
#: one or two words of letters (hyphens and apostrophes inside them): a name with nothing to clean
_PLAIN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?: [^\W\d_]+(?:['’-][^\W\d_]+)*)?")
_SPACES = re.compile(r"\s+")


class _CharTable(dict):
    """A :meth:`str.translate` table that maps each character by ``rule`` the first time it is seen."""

    def __init__(self, rule: Callable[[str], str]) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, code: int) -> str:
        out = self[code] = self.rule(chr(code))
        return out


#: accents (combining marks) removed, special letters spelt out
_FOLD = _CharTable(lambda c: "" if unicodedata.combining(c) else _SPECIAL.get(c, c))
#: emoji, symbols and invisible characters replaced by a space
_SYMBOLS = _CharTable(
    lambda c: " " if unicodedata.category(c) in ("So", "Sk", "Cs", "Co", "Cn", "Cf") or c in "\ufe0e\ufe0f\u20e3" else c
)


def fold(text: str) -> str:
    """Lower-case, accent-free form of ``text`` (NFKD folding; ``œ`` -> ``oe``).

    >>> fold("Frédérique LŒUILLET")
    'frederique loeuillet'
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    return text if text.isascii() else text.translate(_FOLD)


def _drop_symbols(text: str) -> str:
    return text if text.isascii() else text.translate(_SYMBOLS)


def clean_display(name: str) -> str:
    """The name without emoji, bracketed notes, `` - tail`` notes, titles and account markers.

    >>> clean_display("Marie Dupont - Office de Tourisme 🏖️")
    'Marie Dupont'
    """
    return _clean(name)[1]


def _clean(name: str) -> tuple[str, str, str]:
    """The name with its spacing normalised, cleaned (:func:`clean_display`), and cleaned and folded."""
    raw = " ".join(name.split())  # the only whitespace left is single spaces
    text = _drop_symbols(raw)
    if "(" in text or "[" in text or "{" in text:
        text = _BRACKETS.sub(" ", text)
    text = text.strip()
    if _SEP_START.search(" " + text + " "):
        parts = _SEP.split(text)
        if len(parts) == 2 and _org_like(parts[0]) and not _org_like(parts[1]):
            text = parts[1]  # "OT Pau - Emma Roger": the organisation comes first
        text = _TAIL.sub("", " " + text.strip() + " ")
    words = text.strip(" -–—|,;:/").split()
    while len(words) > 2 and _NON_WORD.sub("", fold(words[-1])) in MARKERS:
        words.pop()
    while len(words) > 2 and _NON_WORD.sub("", fold(words[0])) in TITLES:
        words.pop(0)
    cleaned = " ".join(words)
    folded = fold(cleaned)
    return (raw, cleaned, folded) if _WORD.search(folded) else (raw, raw, fold(raw))


def _org_like(text: str) -> bool:
    """Whether ``text`` reads as an organisation: a known first word, or an acronym of two or three capitals."""
    words = text.split()
    if not words:
        return False
    first = _NON_WORD.sub("", fold(words[0]))
    return first in ORG_WORDS or bool(re.fullmatch(r"[A-Z]{2,3}", words[0]))


def organisation(name: str) -> str:
    """The organisation written in an account name, or ``""``.

    >>> forms = ("Emma Roger (OT Pau)", "Emma Roger - Office de Tourisme", "OT Pau - Emma Roger", "Emma Roger Pro")
    >>> [organisation(n) for n in forms]
    ['OT Pau', 'Office de Tourisme', 'OT Pau', '']
    """
    raw = _SPACES.sub(" ", _drop_symbols(name)).strip()
    m = re.search(r"[\(\[\{]([^\)\]\}]+)[\)\]\}]", raw)
    if m and _NON_WORD.sub("", fold(m.group(1))):
        return m.group(1).strip()
    parts = _SEP.split(raw)
    if len(parts) == 2:
        left, right = parts
        if _org_like(left) and not _org_like(right):
            return left.strip()
        if _NON_WORD.sub("", fold(right)) and fold(right).strip() not in MARKERS:
            return right.strip()
    return ""


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    forms: dict[str, set[str]] = {}
    ref = importlib.resources.files("netmix") / "data" / "diminutives.csv"
    with ref.open("r", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            variant = " ".join(_NON_WORD.sub(" ", fold(row["variant"])).split())
            canonical = " ".join(_NON_WORD.sub(" ", fold(row["canonical"])).split())
            if variant and canonical and variant != canonical:
                forms.setdefault(variant, set()).add(canonical)
    return {k: frozenset(v) for k, v in forms.items()}


def diminutive_forms(token: str) -> frozenset[str]:
    """The full first names a folded token may stand for (itself included).

    >>> sorted(diminutive_forms("fred"))
    ['fred', 'frederic', 'frederick', 'frederique']
    """
    return _table().get(token, frozenset()) | {token}


class NameKey(NamedTuple):
    """A name in every form resolution needs (a named tuple: made for every name of a run, three times faster
    than a frozen dataclass)."""

    display: str  # cleaned display name (accents and case kept)
    tokens: tuple[str, ...]  # folded tokens, in order (particles joined)
    canon: tuple[str, ...]  # sorted tokens with unambiguous diminutives expanded
    key: str  # " ".join(canon): equal keys = same name
    folded: str  # " ".join(sorted(tokens)): equal = same name, same spelling
    marked: bool  # markers, emoji or notes were removed from the raw name
    has_initial: bool  # a word of one letter


@functools.lru_cache(maxsize=262_144)
def normalise_name(name: str) -> NameKey:
    """Every comparable form of a display name (cached)."""
    return normalise_names([name])[0]


def normalise_names(names: Iterable[str]) -> list[NameKey]:
    """:func:`normalise_name` of every name, computed together (several times faster on many names)."""
    names = list(names)
    uniq = list(dict.fromkeys(names))
    if not uniq:
        return []
    raws = [" ".join(n.split()) for n in uniq]
    forms = [("", "", "")] * len(uniq)  # (raw, display, folded display) of each name
    plain: list[int] = []  # names with nothing to clean, folded together below
    for k, (n, r) in enumerate(zip(uniq, raws, strict=True)):
        if _PLAIN.fullmatch(r):
            plain.append(k)
        else:
            forms[k] = _clean(n)
    if plain:
        for k, f in zip(plain, fold("\n".join(raws[k] for k in plain)).split("\n"), strict=True):
            forms[k] = (raws[k], raws[k], f)
    # the folded words of every name at once ("\n" is in no name now: their spacing is normalised)
    lines = _NON_WORD_LINES.sub(" ", "\n".join(f[2] for f in forms).translate(_APOS)).split("\n")
    words = [_join_particles(w) if not PARTICLES.isdisjoint(w) else tuple(w) for w in map(str.split, lines)]
    vocabulary = {t for ws in words for t in ws}
    canon_of = {t: c for t in vocabulary if (c := _canon(t)) != [t]}  # the words that stand for others
    out: dict[str, NameKey] = {}
    for n, (raw, display, _), toks in zip(uniq, forms, words, strict=True):
        folded = tuple(sorted(toks))
        canon = folded if canon_of.keys().isdisjoint(toks) else tuple(sorted([c for t in toks for c in canon_of.get(t, (t,))]))
        out[n] = NameKey(display, toks, canon, " ".join(canon), " ".join(folded), display != raw, 1 in map(len, toks))
    return [out[n] for n in names]


def _join_particles(toks: list[str]) -> tuple[str, ...]:
    """Particles joined to the word after them (``de la tour`` -> ``delatour``)."""
    out: list[str] = []
    prefix = ""
    for i, t in enumerate(toks):
        if t in PARTICLES and i < len(toks) - 1:
            prefix += t
            continue
        out.append(prefix + t)
        prefix = ""
    if prefix:
        out.append(prefix)
    return tuple(out)


def _canon(token: str) -> list[str]:
    """The word(s) a token stands for: its full form when it is an unambiguous diminutive, else itself."""
    forms = _table().get(token)
    return next(iter(forms)).split() if forms and len(forms) == 1 else [token]


def _compatible(a: str, b: str) -> bool:
    return bool(diminutive_forms(a) & diminutive_forms(b))


def _initials_match(initials: list[str], full: list[str]) -> bool:
    if not initials or len(initials) != len(full) or any(len(t) != 1 for t in initials):
        return False
    return sorted(initials) == sorted(t[0] for t in full)


def compare_names(a: NameKey, b: NameKey) -> str:
    """How two names relate: ``exact``, ``diminutive``, ``initial``, ``subset`` or ``""``.

    ``exact``: same tokens (case, accents, order, hyphens, particles and markers aside);
    ``diminutive``: same once diminutives are expanded (``Seb``/``Sébastien``); ``initial``: an
    initial stands for a word of the other name (``Marie D.``); ``subset``: one name adds a word
    to the other's two or more (``Marie Claire Dupont``); ``""``: none of these.
    """
    if a.folded == b.folded:
        return "exact"
    if a.key == b.key:
        return "diminutive"
    common, la, lb = _merge_sorted(a.canon, b.canon)
    if not common:
        return ""
    if len(la) == 1 and len(lb) == 1 and _compatible(la[0], lb[0]):
        return "diminutive"
    if any(len(t) > 1 for t in common) and (_initials_match(la, lb) or _initials_match(lb, la)):
        return "initial"
    if (not la or not lb) and len(common) >= 2 and all(len(t) > 1 for t in common):
        return "subset"
    return ""


def _merge_sorted(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """Words of two sorted word tuples: in both (as a multiset), only in ``a``, only in ``b`` (each sorted)."""
    common: list[str] = []
    only_a: list[str] = []
    only_b: list[str] = []
    x = y = 0
    while x < len(a) and y < len(b):
        if a[x] == b[y]:
            common.append(a[x])
            x += 1
            y += 1
        elif a[x] < b[y]:
            only_a.append(a[x])
            x += 1
        else:
            only_b.append(b[y])
            y += 1
    return common, only_a + list(a[x:]), only_b + list(b[y:])


@functools.lru_cache(maxsize=1)
def _targets() -> frozenset[str]:
    return frozenset(f for forms in _table().values() for f in forms)


def block_keys(name: NameKey, max_tokens: int = 4, *, initial_words: AbstractSet[str] | None = None) -> list[str]:
    """Blocking keys of a name (spelling variants are found apart, by sorted neighbourhood).

    ``k:`` the sorted-token key (same name); ``d:rest|full`` the other words with the full form
    of a short first name (``Fred Morel`` meets ``Frédéric Morel``); ``s:`` the name without one
    of its words (``Marie Claire Dupont`` meets ``Marie Dupont``); ``i:word|x`` a word with
    another word's initial, used only to pair names that carry initials (``Marie D.``), made
    only for the words of ``initial_words`` when it is given.

    >>> block_keys(normalise_name("Marie D."))
    ['k:d marie', 's:d marie', 'i:marie|d']
    >>> block_keys(normalise_name("Frédéric Morel"))[:3]
    ['k:frederic morel', 'd:morel|frederic', 's:frederic morel']
    """
    if not name.key:
        return []
    toks = name.canon[:max_tokens]
    keys = ["k:" + name.key]
    if len(toks) > 1:
        table, targets = _table(), _targets()
        for n, t in enumerate(toks):
            forms = table.get(t)
            if forms is None and t not in targets:
                continue
            rest = " ".join(toks[:n] + toks[n + 1 :])
            keys += [f"d:{rest}|{f}" for f in sorted(forms or ())]
            if t in targets:
                keys.append(f"d:{rest}|{t}")
        keys.append("s:" + name.key)
    if len(toks) >= 3:  # the name without one of its words (the last one first: the order of a name's keys is free)
        keys += ["s:" + " ".join(rest) for rest in itertools.combinations(toks, len(toks) - 1)]
    initials = initial_words is None or not initial_words.isdisjoint(toks)
    if initials:
        for n, t in enumerate(toks):
            if len(t) < 2 or (initial_words is not None and t not in initial_words):
                continue
            keys += [f"i:{t}|{u[0]}" for m, u in enumerate(toks) if m != n]
    # a key can come twice only from a word said twice, or from two words with the same initial
    return list(dict.fromkeys(keys)) if initials or len(set(toks)) < len(toks) else keys


def needs_comparison(name: NameKey) -> bool:
    """Whether :func:`compare_names` can find more than key equality for this name: it has an
    initial, or a word that is an ambiguous short form."""
    return name.has_initial or not _table().keys().isdisjoint(name.canon)


def normalise_phone(phone: str) -> str:
    """Digits of a phone number, compared on their last 9 (``+33 6…`` = ``06…``); ``""`` if too short.

    >>> normalise_phone("+33 (0)6 12 34 56 78") == normalise_phone("06.12.34.56.78")
    True
    """
    digits = re.sub(r"\D", "", phone)
    return digits[-9:] if len(digits) >= 8 else ""


def normalise_email(email: str) -> str:
    """A lower-cased, trimmed email address (``mailto:`` removed); ``""`` if it has no ``@``."""
    e = email.strip().lower()
    if e.startswith("mailto:"):
        e = e[7:]
    return e if "@" in e and "." in e.split("@", 1)[1] else ""
