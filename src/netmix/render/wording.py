"""Evidence, suggestions and circle labels in the reader's language.

Resolution writes a double's evidence and suggestion from a fixed grammar (``same name; rare name;
7 shared contacts``; ``professional circle: keep on pro, consider removing from perso — 9 of 11
shared contacts are professional``). Here that grammar is read back into facts — a kind and its
numbers or accounts — and said again from the catalogue (``said.*`` keys), so a French page says
``même nom ; nom rare ; 7 contacts communs``. Text outside the grammar is shown as it is.

>>> evidence("fr", "same name; rare name; 7 shared contacts")
'même nom ; nom rare ; 7 contacts communs'
>>> suggestion_kind("both circles: keep on both — of 3 shared contacts, 1 are personal, 1 professional and 1 in both")
'both_circles'
>>> circle_label("fr", "Office de Tourisme de Pau · 2014–2016 · professional")
'Office de Tourisme de Pau · 2014–2016 · pro'
"""

from __future__ import annotations

import functools
import re

from . import i18n

__all__ = ["SUGGESTION_KINDS", "circle_label", "evidence", "suggestion", "suggestion_kind"]

_FIXED = {
    "same profile URL": "url", "same email": "email", "same phone": "phone", "same platform id": "pid",
    "same handle": "handle", "same name": "same_name", "same name (short form)": "short_form",
    "name with an initial": "initial", "name with an extra word": "extra_word", "different names": "different",
    "rare name": "rare", "1 shared contact": "shared.one", "same company": "company",
    "no shared contact although both have ties: possible homonym": "homonym",
    "no shared contact (few ties known)": "few_ties", "ties unknown on both sides": "unknown_both",
    "ties unknown on one side": "unknown_one", "matches two people of this name equally: not merged": "ambiguous",
    "not merged: it conflicts with another match": "conflict", "decided: same": "decided",
}  # fmt: skip
_NUMBERED = (
    (re.compile(r"similar name \((\d+)%\)"), "similar", "pct"),
    (re.compile(r"common name \((\d+) contacts of one account\)"), "common", "n"),
    (re.compile(r"(\d+) shared contacts"), "shared", "n"),
)
_PAIR = re.compile(r"^(\S+ – \S+): (.*)$")

_ACC = r"(.+?)"
_TAIL_ACCOUNT = "keep the account you use with this person"
_TAIL_KNOW = "keep on both, or choose from what you know of this person"
_TAIL_WRITE = "then write same or not same"
_SUGGESTIONS = (
    ("same_sphere", rf"same sphere \((\w*)\) on {_ACC}: one connection is probably enough — {_TAIL_ACCOUNT}"),
    ("no_shared_at", rf"no shared contacts known \(works at (.*)\): {_TAIL_KNOW}"),
    ("no_shared", rf"no shared contacts known: {_TAIL_KNOW}"),
    (
        "pro_circle",
        rf"professional circle: keep on {_ACC}, consider removing from {_ACC} — (\d+) of (\d+) shared contacts are professional",
    ),
    (
        "perso_circle",
        rf"personal circle: keep on {_ACC}, consider removing from {_ACC} — (\d+) of (\d+) shared contacts are personal",
    ),
    (
        "both_circles",
        r"both circles: keep on both — of (\d+) shared contacts, (\d+) are personal, (\d+) professional and (\d+) in both",
    ),
    ("homonym", rf"possible homonym: same name but no shared contacts — check before acting, {_TAIL_WRITE}"),
    ("review", rf"review: the evidence is thin — look at both profiles, {_TAIL_WRITE}"),
)
_PATTERNS = tuple((kind, re.compile(pattern)) for kind, pattern in _SUGGESTIONS)
_DECIDED = re.compile(r"decided: ([a-z ]+?)(?: \((.*)\))? — netmix suggested: (.*)$", re.S)
#: the kinds of suggestion, in the order the report counts them (``other``: outside the grammar)
SUGGESTION_KINDS: tuple[str, ...] = (
    "decided", "review", "homonym", "pro_circle", "perso_circle", "both_circles", "no_shared", "same_sphere", "other",
)  # fmt: skip


def _part(lang: str, part: str) -> str:
    key = _FIXED.get(part)
    if key:
        return i18n.t(lang, f"said.ev.{key}")
    for pattern, name, field in _NUMBERED:
        m = pattern.fullmatch(part)
        if m:
            return i18n.t(lang, f"said.ev.{name}", **{field: m.group(1)})
    return part


@functools.lru_cache(maxsize=8192)
def evidence(lang: str, text: str) -> str:
    """The evidence ``text`` (parts joined by ``; ``, pairs of accounts by `` / ``) said in ``lang``."""
    sep = " ; " if lang == "fr" else "; "
    out = []
    for chunk in str(text).split(" / "):
        m = _PAIR.match(chunk)
        head, body = (m.group(1) + ": ", m.group(2)) if m else ("", chunk)
        out.append(head + sep.join(_part(lang, p.strip()) for p in body.split(";") if p.strip()))
    return " / ".join(out)


def _accounts(lang: str, text: str) -> str:
    """``a and b`` / ``a, b and c`` with the ``and`` of ``lang``."""
    return text.replace(" and ", f" {i18n.t(lang, 'said.and')} ")


def suggestion_kind(text: str) -> str:
    """The kind of a suggestion (one of :data:`SUGGESTION_KINDS`)."""
    if _DECIDED.match(str(text)):
        return "decided"
    for kind, pattern in _PATTERNS:
        if pattern.fullmatch(str(text)):
            return "no_shared" if kind == "no_shared_at" else kind
    return "other"


@functools.lru_cache(maxsize=8192)
def suggestion(lang: str, text: str, *, private: bool = False) -> str:
    """The suggestion ``text`` said in ``lang`` (``private``: no employer named)."""
    m = _DECIDED.match(str(text))
    if m:
        note = f" ({m.group(2)})" if m.group(2) else ""
        decision = i18n.value(lang, "decision", m.group(1))
        return i18n.t(lang, "said.sg.decided", decision=decision, note=note, before=suggestion(lang, m.group(3), private=private))
    for kind, pattern in _PATTERNS:
        m = pattern.fullmatch(str(text))
        if not m:
            continue
        g = m.groups()
        if kind == "same_sphere":
            return i18n.t(lang, "said.sg.same_sphere", sphere=i18n.value(lang, "sphere", g[0]), accounts=_accounts(lang, g[1]))
        if kind == "no_shared_at":
            return i18n.t(lang, "said.sg.no_shared") if private else i18n.t(lang, "said.sg.no_shared_at", company=g[0])
        if kind in ("pro_circle", "perso_circle"):
            return i18n.t(lang, f"said.sg.{kind}", keep=_accounts(lang, g[0]), drop=_accounts(lang, g[1]), k=g[2], n=g[3])
        if kind == "both_circles":
            return i18n.t(lang, "said.sg.both_circles", n=g[0], p=g[1], q=g[2], b=g[3])
        return i18n.t(lang, f"said.sg.{kind}")
    return str(text)


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
