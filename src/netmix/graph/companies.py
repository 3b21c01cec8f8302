"""Organisation names made comparable, for "same organisation" ties and cluster labels."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from ..util.arrays import as_text

__all__ = ["LEGAL_FORMS", "normalise_companies", "normalise_company"]

#: Legal-form words dropped from organisation names before comparing.
LEGAL_FORMS = frozenset(
    [
        "sa",
        "sas",
        "sasu",
        "sarl",
        "eurl",
        "sci",
        "sca",
        "snc",
        "scop",
        "gie",
        "asbl",
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "plc",
        "gmbh",
        "ag",
        "kg",
        "ug",
        "bv",
        "nv",
        "spa",
        "srl",
        "sl",
        "oy",
        "ab",
        "as",
        "corp",
        "corporation",
        "co",
        "company",
        "cie",
        "the",
    ]
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalise_company(name: str) -> str:
    """A comparable organisation key: accents, case, punctuation and legal forms removed.

    >>> normalise_company("Office de Tourisme de Pau, S.A.S.")
    'office de tourisme de pau'
    >>> normalise_company("ACME Inc.") == normalise_company("Acme")
    True
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", str(name).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace(".", "")  # S.A.S. → sas
    words = [w for w in _NON_WORD.sub(" ", text).split() if w]
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def normalise_companies(values: pd.Series) -> pd.Series:
    """:func:`normalise_company` over a column, computed once per distinct value."""
    codes, uniq = pd.factorize(as_text(values), use_na_sentinel=False)
    keys = np.array([normalise_company(u) for u in uniq], dtype=object)
    return pd.Series(keys[codes], index=values.index, dtype=object)
