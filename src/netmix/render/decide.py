"""What the report asks the reader to decide, and the doubles counted before they are listed.

:func:`review_rows` gives one row per pair to decide: the rows of ``review.csv`` when the run made
them (:data:`netmix.model.REVIEW_COLUMNS`), else the doubles of the ``review`` band. Each row
carries what the page's decision control needs to write a decisions file that ``--decisions``
reads back (:data:`netmix.resolution.decisions.TEMPLATE_COLUMNS`): person id, contact ids, source
keys (``account|source_id``; left out of pseudonymised pages, the contact ids then suffice).

:func:`doubles_summary` counts the doubles per kind of suggestion (same-sphere doubles per pair of
accounts) and per band, in sentences of the reader's language.

>>> from netmix.resolution.facts import Fact
>>> doubles = pd.DataFrame({"suggestion": [(Fact("sg.review"),)], "band": ["review"], "accounts": ["perso;pro"]})
>>> doubles_summary(doubles, "en")[0]
'1 to review: the evidence is thin — decide above'
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Callable

import pandas as pd

from ..privacy import redact_text
from ..util.arrays import texts
from . import i18n, wording
from .people import cap, records

__all__ = ["doubles_summary", "review_rows", "run_key", "source_keys"]


def _text(row: dict, key: str) -> str:
    value = row.get(key, "")
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def source_keys(contacts: pd.DataFrame | None) -> dict[str, str]:
    """contact id → ``account|source_id`` (the key a decision keeps when contact ids change).

    >>> source_keys(pd.DataFrame({"contact_id": ["pro:3"], "account": ["pro"], "source_id": ["17"]}))
    {'pro:3': 'pro|17'}
    """
    if contacts is None or not len(contacts) or not {"contact_id", "account", "source_id"} <= set(contacts.columns):
        return {}
    keys = (f"{a}|{s}" for a, s in zip(texts(contacts["account"]), texts(contacts["source_id"]), strict=True))
    return dict(zip(texts(contacts["contact_id"]), keys, strict=False))


def review_rows(
    review: pd.DataFrame | None, doubles: pd.DataFrame, contacts: pd.DataFrame | None, lang: str, *, private: bool = False
) -> list[dict]:
    """The rows to decide, most at stake first, ready for the page (words in ``lang``)."""
    if review is not None and len(review):
        source = records(review)
    else:
        band = doubles["band"].astype(str) if "band" in doubles.columns else pd.Series([], dtype=str)
        source = records(doubles[band == "review"])
    rows = []
    key_of = functools.cache(lambda: source_keys(contacts))  # only rows without their source keys need it
    evidence, suggestion = double_words(lang, private)
    for i, r in enumerate(source):
        cids = sorted({c for c in _text(r, "contact_ids").split(";") if c})
        keys = [k for k in _text(r, "source_keys").split(";") if k] or sorted({key_of()[c] for c in cids if c in key_of()})
        accounts = sorted({a for a in _text(r, "accounts").split(";") if a})
        rows.append(
            {
                "id": _text(r, "review_id") or f"r{i + 1}:{_text(r, 'person_id')}",
                "person_id": _text(r, "person_id"),
                "name": cap(_text(r, "name"), 120),
                "accounts": accounts,
                "confidence": _num(r.get("confidence", "")),
                "band": _text(r, "band"),
                "evidence": evidence(r.get("evidence", "")),
                "suggestion": suggestion(r.get("suggestion", "")),
                "decision": _text(r, "decision"),
                "contact_ids": cids,
                "source_keys": [] if private else keys,
            }
        )
    return rows


def double_words(lang: str, private: bool) -> tuple[Callable[[object], str], Callable[[object], str]]:
    """A double's evidence and suggestion as a page says them: in ``lang``, at most 300 characters, without
    contact details or employers when ``private``. A few dozen texts recur over thousands of doubles: each
    is worded once.

    >>> evidence, suggestion = double_words("fr", private=False)
    >>> evidence("same name") == evidence("same name")
    True
    """

    def evidence(text: object) -> str:
        said = wording.evidence(lang, text)
        return cap(redact_text(said) if private else said, 300)

    def suggestion(text: object) -> str:
        return cap(wording.suggestion(lang, text, private=private), 300)

    return _once(evidence), _once(suggestion)


def _once(say: Callable[[object], str]) -> Callable[[object], str]:
    """``say``, made once per text (values that are not text, such as facts, are said each time)."""
    memo = functools.cache(say)
    return lambda value: memo(value) if isinstance(value, str) else say(value)


def _num(value: object) -> str:
    try:
        return f"{float(str(value)):.2f}"
    except ValueError:
        return ""


def run_key(rows: list[dict]) -> str:
    """A short key naming this set of rows (the page keeps the reader's choices under it)."""
    ids = "\n".join(f"{r['id']}|{';'.join(r['contact_ids'])}" for r in rows)
    return hashlib.sha256(ids.encode("utf-8")).hexdigest()[:16]


def doubles_summary(doubles: pd.DataFrame, lang: str) -> list[str]:
    """Sentences counting the doubles: per kind of suggestion (what needs a decision first), then per band."""
    if not len(doubles):
        return []
    kinds = [wording.suggestion_kind(s) for s in doubles["suggestion"].tolist()]
    counts = Counter(kinds)
    pairs = Counter(a for a, k in zip(doubles["accounts"].astype(str), kinds, strict=False) if k == "same_sphere")
    lines = []
    for kind in wording.SUGGESTION_KINDS:
        if kind == "same_sphere":
            for accs, n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
                shown = " + ".join(a for a in accs.split(";") if a)
                lines.append(i18n.t(lang, "summary.same_sphere", n=n, accounts=shown))
        elif counts.get(kind):
            lines.append(i18n.t(lang, f"summary.{kind}", n=counts[kind]))
    bands = Counter(doubles["band"].astype(str)) if "band" in doubles.columns else Counter()
    detail = ", ".join(f"{bands[b]} {i18n.value(lang, 'band', b)}" for b in ("certain", "likely", "review") if bands.get(b))
    if detail:
        lines.append(i18n.t(lang, "summary.bands", detail=detail))
    return lines
