"""Evidence and suggestions as structured facts: a code and its numbers or accounts, no words.

The resolution says *what* it found (``Fact("shared", {"n": 14})``); the render layer
(:mod:`netmix.render.evidence`, catalogue :mod:`netmix.render.catalogue.evidence`) says it in the
reader's language. A double's ``evidence`` and ``suggestion`` cells hold a tuple of facts.

>>> evidence_facts({"ids": "", "rel": "exact", "fuzzy": 1.0, "freq": 1, "shared": 3, "homonym": False,
...                 "both_ties": True, "same_company": False}, 5, 4)
(Fact(code='name.exact', args={}), Fact(code='rare', args={}), Fact(code='shared', args={'n': 3}))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .weights import STRONG

__all__ = ["Fact", "Facts", "evidence_facts", "suggestion_facts", "fact_codes"]


@dataclass(frozen=True)
class Fact:
    """One piece of evidence or advice: ``code`` (a catalogue key under ``ev.`` or ``sg.``) and its values.

    Values are numbers, account names, spheres, or nested facts (``pair``, ``decided``).
    """

    code: str
    args: Mapping[str, Any] = field(default_factory=dict)


Facts = tuple[Fact, ...]


def fact_codes(facts: Facts) -> str:
    """The codes of ``facts`` joined by ``;`` (a compact, language-free summary for tests and logs).

    >>> fact_codes((Fact("name.exact"), Fact("shared", {"n": 2})))
    'name.exact;shared'
    """
    return ";".join(f.code for f in facts)


def _name_fact(row: Mapping[str, Any]) -> Fact:
    rel = row["rel"]
    if rel in ("exact", "diminutive", "initial", "subset"):
        return Fact(f"name.{rel}")
    if row["fuzzy"] >= 0.85:
        return Fact("name.similar", {"pct": int(round(row["fuzzy"] * 100))})
    return Fact("name.different")


def evidence_facts(row: Mapping[str, Any], deg_i: int, deg_j: int) -> Facts:
    """The evidence of one scored pair (a row of :func:`~netmix.resolution.match.score`) as facts."""
    parts: list[Fact] = []
    if row["ids"]:
        parts += [Fact("id", {"kind": k}) for k in str(row["ids"]).split(";")]
    parts.append(_name_fact(row))
    if row["freq"] > 1:
        parts.append(Fact("common", {"n": int(row["freq"])}))
    elif row["rel"] in STRONG:
        parts.append(Fact("rare"))
    k = int(row["shared"])
    if k:
        parts.append(Fact("shared", {"n": k}))
    elif row["homonym"]:
        parts.append(Fact("homonym"))
    elif row["both_ties"]:
        parts.append(Fact("few_ties"))
    elif not (deg_i and deg_j):
        parts.append(Fact("ties_unknown", {"sides": 2 if not (deg_i or deg_j) else 1}))
    if row["same_company"]:
        parts.append(Fact("same_company"))
    if row.get("ambiguous"):
        parts.append(Fact("ambiguous"))
    return tuple(parts)


def suggestion_facts(accounts: list[str], spheres: Mapping[str, str], nb: Counter | None, company: str = "") -> Facts:
    """What to do about a double, from the spheres of the contacts it shares with the ego.

    >>> suggestion_facts(["perso", "pro"], {"perso": "personal", "pro": "professional"}, Counter(professional=9, personal=2))
    (Fact(code='sg.professional', args={'keep': ('pro',), 'drop': ('perso',), 'k': 9, 'n': 11}),)
    """
    nb = nb or Counter()
    n = sum(nb.values())
    perso = tuple(a for a in accounts if spheres.get(a) == "personal")
    pro = tuple(a for a in accounts if spheres.get(a) == "professional")
    if not (perso and pro):
        sphere = spheres.get(accounts[0], "") if accounts else ""
        return (Fact("sg.same_sphere", {"sphere": sphere, "accounts": tuple(accounts)}),)
    if n == 0:
        return (Fact("sg.no_shared", {"company": company}),)
    p, q, b = nb.get("personal", 0), nb.get("professional", 0), nb.get("both", 0)
    if q >= 0.7 * n:
        return (Fact("sg.professional", {"keep": pro, "drop": perso, "k": q, "n": n}),)
    if p >= 0.7 * n:
        return (Fact("sg.personal", {"keep": perso, "drop": pro, "k": p, "n": n}),)
    return (Fact("sg.both", {"n": n, "p": p, "q": q, "b": b}),)
