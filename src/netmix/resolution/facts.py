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

from .weights import POPULATION_COMMON, POPULATION_REF, STRONG

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
    src, share = row.get("pop_source", ""), float(row.get("pop_share", 0.0) or 0.0)
    pop_common = bool(src) and share >= POPULATION_COMMON
    if row["freq"] > 1:
        parts.append(Fact("common", {"n": int(row["freq"])}))
    elif row["rel"] in STRONG and not pop_common:
        parts.append(Fact("rare"))
    if pop_common:
        parts.append(Fact("population.common", {"source": src, "one_in": _round2(1.0 / share)}))
    elif src and share < POPULATION_REF:
        parts.append(Fact("population.rare", {"source": src}))
    k = int(row["shared"])
    if k and row.get("chance"):
        parts.append(Fact("shared_few", {"n": k, "of": min(deg_i, deg_j)}))
    if k and not row.get("chance"):
        parts.append(Fact("shared", {"n": k}))
    elif row["homonym"]:
        parts.append(Fact("homonym"))
    elif row["both_ties"]:
        parts.append(Fact("few_ties"))
    elif not (deg_i and deg_j):
        parts.append(Fact("ties_unknown", {"sides": 2 if not (deg_i or deg_j) else 1}))
    if row["same_company"]:
        parts.append(Fact("same_company"))
    if row.get("org"):
        code = "organisation.match" if row.get("org_match") and not row["same_company"] else "organisation"
        parts.append(Fact(code, {"org": row["org"], "where": "company"} if code == "organisation.match" else {"org": row["org"]}))
    if row.get("ambiguous"):
        parts.append(Fact("ambiguous"))
    return tuple(parts)


def _round2(x: float) -> int:
    """``x`` rounded to two significant digits (``436681.2`` → ``440000``)."""
    if x < 100:
        return int(round(x))
    digits = len(str(int(x))) - 2
    return int(round(x / 10**digits) * 10**digits)


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
