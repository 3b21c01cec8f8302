"""Evidence, suggestions and circle labels in the reader's language, for the map and the report.

The resolution gives a double's evidence and suggestion as facts (:mod:`netmix.resolution.facts`);
:mod:`netmix.render.evidence` says them from the catalogue. Text (a table already worded, or a
caller's own words) is shown as it is.

>>> from netmix.resolution.facts import Fact
>>> evidence("fr", (Fact("name.exact"), Fact("rare"), Fact("shared", {"n": 7})))
'même nom ; nom rare ; 7 contacts communs'
>>> suggestion_kind((Fact("sg.both", {"n": 3, "p": 1, "q": 1, "b": 1}),))
'both_circles'
>>> circle_label("fr", "Office de Tourisme de Pau · 2014–2016 · professional")
'Office de Tourisme de Pau · 2014–2016 · pro'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..resolution.facts import Fact
from . import i18n
from .evidence import evidence_text

__all__ = ["SUGGESTION_KINDS", "circle_label", "evidence", "suggestion", "suggestion_kind"]

#: the kinds of suggestion, in the order the report counts them (``other``: none of these)
SUGGESTION_KINDS: tuple[str, ...] = (
    "decided", "review", "homonym", "pro_circle", "perso_circle", "both_circles", "no_shared", "same_sphere", "other",
)  # fmt: skip
_KIND_OF_CODE = {
    "decided": "decided", "sg.review": "review", "sg.homonym": "homonym", "sg.professional": "pro_circle",
    "sg.personal": "perso_circle", "sg.both": "both_circles", "sg.no_shared": "no_shared", "sg.same_sphere": "same_sphere",
}  # fmt: skip


def _facts(value: object) -> tuple[Fact, ...] | None:
    """``value`` as facts, or None when it is text (or empty)."""
    if isinstance(value, Fact):
        return (value,)
    if isinstance(value, Iterable) and not isinstance(value, str):
        return tuple(value)
    return None


def evidence(lang: str, value: object) -> str:
    """A double's evidence (facts, or text kept as it is) said in ``lang``."""
    facts = _facts(value)
    return evidence_text(facts, lang) if facts is not None else ("" if value is None else str(value))


def _private(fact: Fact) -> Fact:
    """``fact`` without an employer's name (pseudonymised pages name no organisation)."""
    if fact.code == "sg.no_shared" and fact.args.get("company"):
        return Fact("sg.no_shared")
    if fact.code == "decided":
        return Fact("decided", {**fact.args, "then": tuple(_private(f) for f in fact.args.get("then", ()))})
    return fact


def suggestion(lang: str, value: object, *, private: bool = False) -> str:
    """A double's suggestion said in ``lang`` (``private``: no employer named)."""
    facts = _facts(value)
    if facts is None:
        return "" if value is None else str(value)
    return evidence_text(tuple(_private(f) for f in facts) if private else facts, lang)


def suggestion_kind(value: object) -> str:
    """The kind of a suggestion (one of :data:`SUGGESTION_KINDS`), from its first fact."""
    facts = _facts(value) or ()
    return next((_KIND_OF_CODE[f.code] for f in facts if f.code in _KIND_OF_CODE), "other")


def circle_label(lang: str, label: str) -> str:
    """An automatic circle label with its sphere word (or ``cluster c07``) said in ``lang``.

    User labels pass unchanged unless they end with one of the automatic words.
    """
    m = re.fullmatch(r"cluster (\S+)", label)
    if m:
        return i18n.t(lang, "said.label.cluster", id=m.group(1))
    head, dot, last = label.rpartition(" · ")
    tail, paren, rest = last.partition(" (")  # "… · personal (c03)" for equal labels
    if tail in ("both spheres", "personal", "professional", "mixed"):
        word = i18n.t(lang, f"said.label.{tail}")
        return f"{head}{dot}{word}{paren}{rest}"
    return label
