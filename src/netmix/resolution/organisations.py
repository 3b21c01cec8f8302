"""Whether two ways of writing an organisation name the same one ("OT Pau" and "Office de Tourisme de Pau").

An organisation written in an account name ("Emma Roger (OT Pau)") is compared with a LinkedIn
company or with a cluster's organisation (the company most of its members share). Both sides
are folded (case, accents, punctuation); they are the same organisation when the words of one
appear, in order and side by side, among the words of the other, a word of the first standing
for a run of words of the other by their initials ("OT" for "Office (de) Tourisme"; linking words
such as "de", "du", "of" are skipped for initials, as acronyms do).

>>> same_organisation("OT Pau", "Office de Tourisme de Pau")
True
>>> same_organisation("Office de Tourisme", "Office de Tourisme de Pau, S.A.S.")
True
>>> same_organisation("OT Pau", "Office de Tourisme de Biarritz"), same_organisation("OT Pau", "Le Petit Béarnais")
(False, False)
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalise import fold

__all__ = ["same_organisation", "organisation_words"]

#: words an acronym skips ("Office de Tourisme" → "OT", "Comité Départemental du Tourisme" → "CDT")
LINK_WORDS = frozenset(["de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "a", "au", "aux", "of", "the", "and", "for"])


_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=4096)
def organisation_words(name: str) -> tuple[str, ...]:
    """The folded words of an organisation name without linking words (dots dropped: "S.A.S." is "sas").

    >>> organisation_words("Office de Tourisme de Pau, S.A.S.")
    ('office', 'tourisme', 'pau', 'sas')
    """
    return tuple(w for w in _NON_WORD.sub(" ", fold(name).replace(".", "")).split() if w not in LINK_WORDS)


def _stands_for(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether ``short`` is a run of ``long``'s words, some of them abbreviated to their initials."""
    for start in range(len(long)):
        i, j = 0, start
        while i < len(short) and j < len(long):
            w = short[i]
            if w == long[j]:
                j += 1
            elif len(w) >= 2 and j + len(w) <= len(long) and all(long[j + k][0] == w[k] for k in range(len(w))):
                j += len(w)
            else:
                break
            i += 1
        if i == len(short):
            return True
    return False


def same_organisation(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` name the same organisation (see the module); blank names match nothing."""
    wa, wb = organisation_words(a or ""), organisation_words(b or "")
    if not wa or not wb:
        return False
    return _stands_for(wa, wb) or _stands_for(wb, wa)
