"""Evidence and suggestions in words: the facts of :mod:`netmix.resolution.facts`, in the reader's language.

>>> from netmix.resolution.facts import Fact
>>> evidence_text((Fact("name.exact"), Fact("rare"), Fact("shared", {"n": 14})), "en")
'same name; rare name; 14 shared contacts'
>>> evidence_text((Fact("name.exact"), Fact("shared", {"n": 1})), "fr")
'même nom ; 1 contact commun'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from ..model import Resolution
from ..resolution.facts import Fact
from .i18n import number, t

__all__ = ["evidence_text", "fact_text", "worded", "worded_resolution"]


def _join(lang: str, items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c`` in ``lang``."""
    items = list(items)
    if len(items) <= 2:
        return t(lang, "ev.join.and").join(items)
    return t(lang, "ev.join.list").join(items[:-1]) + t(lang, "ev.join.and") + items[-1]


def _fmt(lang: str, key: str, **values: Any) -> str:
    if "one_in" in values:  # thousands as the reader's language writes them
        values["one_in"] = number(lang, values["one_in"])
    return t(lang, key).format(**values)


def fact_text(fact: Fact, lang: str = "en") -> str:
    """One fact in words."""
    code, a = fact.code, dict(fact.args)
    if code == "id":
        key = f"ev.id.{a['kind']}"
        return t(lang, key) if _known(lang, key) else str(a["kind"])
    if code == "shared":
        return _fmt(lang, "ev.shared.one" if a["n"] == 1 else "ev.shared.many", n=a["n"])
    if code == "ties_unknown":
        return t(lang, f"ev.ties_unknown.{a['sides']}")
    if code == "pair":
        return _fmt(lang, "ev.pair", pair=" – ".join(a["pair"]), facts=evidence_text(a["facts"], lang))
    if code == "decided":
        note = _fmt(lang, "ev.note", note=a["note"]) if a.get("note") else ""
        return _fmt(
            lang, "ev.decided", decision=t(lang, f"ev.decision.{a['decision']}"), note=note, then=evidence_text(a["then"], lang)
        )
    if code in ("population.common", "population.rare"):
        return _fmt(lang, f"ev.{code}", source=t(lang, f"ev.source.{a['source']}"), one_in=a.get("one_in", 0))
    if code == "organisation.match" and a.get("cluster"):
        return _fmt(lang, "ev.organisation.cluster", org=a["org"], cluster=a["cluster"])
    if code.startswith("organisation"):
        where = t(lang, f"ev.where.{a['where']}") if a.get("where") else ""
        return _fmt(lang, f"ev.{code}", org=a["org"], where=where)
    return _suggestion_text(fact, lang)


def _suggestion_text(fact: Fact, lang: str) -> str:
    code, a = fact.code, dict(fact.args)
    if code == "sg.same_sphere":
        sphere = t(lang, f"ev.sphere.{a['sphere']}") if _known(lang, f"ev.sphere.{a['sphere']}") else a["sphere"]
        return _fmt(lang, "ev.sg.same_sphere", sphere=sphere, accounts=_join(lang, a["accounts"]))
    if code == "sg.no_shared" and a.get("company"):
        return _fmt(lang, "ev.sg.no_shared.company", company=a["company"])
    if code in ("sg.professional", "sg.personal"):
        return _fmt(lang, f"ev.{code}", keep=_join(lang, a["keep"]), drop=_join(lang, a["drop"]), k=a["k"], n=a["n"])
    return _fmt(lang, f"ev.{code}", **a)


def _known(lang: str, key: str) -> bool:
    try:
        t(lang, key)
    except KeyError:
        return False
    return True


#: Facts already said, by language and facts (their codes and arguments): a run says its few hundred distinct
#: evidences and suggestions for each of its thousands of doubles, several times over (tables, map, report, review).
_SAID: dict[tuple, str] = {}
_SAID_MAX = 100_000


def evidence_text(facts: Iterable[Fact] | str, lang: str = "en") -> str:
    """Facts in words, joined (``; `` between facts, `` / `` between account pairs); text is returned as it is."""
    if isinstance(facts, str):
        return facts
    facts = tuple(facts)
    try:
        key = (lang, *[(f.code, *f.args.items()) for f in facts])
        said = _SAID.get(key)
    except TypeError:  # an argument that cannot be a key (nested facts): said each time
        return _said(facts, lang)
    if said is None:
        if len(_SAID) >= _SAID_MAX:
            _SAID.clear()
        said = _SAID[key] = _said(facts, lang)
    return said


def _said(facts: tuple[Fact, ...], lang: str) -> str:
    plain = [fact_text(f, lang) for f in facts if f.code != "pair"]
    pairs = [fact_text(f, lang) for f in facts if f.code == "pair"]
    text = t(lang, "ev.join.parts").join(plain)
    if pairs:
        text = (text + t(lang, "ev.join.parts") if text else "") + t(lang, "ev.join.pairs").join(pairs)
    return text


def worded(df: pd.DataFrame | None, lang: str = "en", columns: Sequence[str] = ("evidence", "suggestion")) -> pd.DataFrame | None:
    """A copy of ``df`` whose fact columns are text in ``lang`` (columns already text are kept)."""
    if df is None:
        return None
    out = df.copy()
    for col in columns:
        if col in out.columns:
            out[col] = pd.Series(
                [evidence_text(v, lang) if not _empty(v) else "" for v in out[col].tolist()], index=out.index, dtype=object
            )
    return out


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value == ""


def worded_resolution(resolution: Resolution, lang: str = "en") -> Resolution:
    """``resolution`` with the evidence and suggestions of its doubles and duplicates in words."""
    doubles = worded(resolution.doubles, lang)
    duplicates = worded(resolution.duplicates, lang, ("evidence",))
    assert doubles is not None and duplicates is not None
    return dataclasses.replace(resolution, doubles=doubles, duplicates=duplicates)
