"""Overlap: how the ego's accounts and spheres share persons.

Definitions (for accounts ``A`` and ``B`` as sets of persons):

- Jaccard index ``|A ∩ B| / |A ∪ B|`` (Jaccard 1912);
- coverage of ``A`` by ``B``: ``|A ∩ B| / |A|`` — the share of ``A``'s persons ``B`` also holds;
- ``share_professional_also_personal``: among persons reached from a professional account, the
  share also reached from a personal one (``both / (professional + both)``), and its mirror;
- ``vanish_if_deleted[account]``: persons reached from that account only — who would vanish
  from the ego's network if the account were deleted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

import pandas as pd

from ..model import BOTH, Account
from ..util.arrays import texts

__all__ = ["account_sets", "account_spheres", "overlap", "pairs_frame"]


def account_spheres(accounts: Sequence[Account] | Mapping[str, str], contacts: pd.DataFrame | None = None) -> dict[str, str]:
    """account name → sphere, from ``accounts`` then from the contacts table for any account missing."""
    out: dict[str, str] = {}
    if isinstance(accounts, Mapping):
        out.update({str(k): str(v) for k, v in accounts.items()})
    else:
        out.update({a.name: a.sphere for a in accounts})
    if contacts is not None and len(contacts) and {"account", "sphere"} <= set(contacts.columns):
        for acc, sph in contacts[["account", "sphere"]].drop_duplicates("account").itertuples(index=False, name=None):
            out.setdefault(str(acc), str(sph))
    return dict(sorted(out.items()))


def account_sets(persons: pd.DataFrame) -> dict[str, frozenset[str]]:
    """account → the person ids it reaches (from ``persons.accounts``, ``;``-joined)."""
    sets: dict[str, set[str]] = {}
    for pid, accs in zip(texts(persons["person_id"]), texts(persons["accounts"]), strict=False):
        for a in accs.split(";"):
            if a:
                sets.setdefault(a, set()).add(pid)
    return {a: frozenset(s) for a, s in sorted(sets.items())}


def overlap(
    persons: pd.DataFrame,
    accounts: Sequence[Account] | Mapping[str, str],
    *,
    contacts: pd.DataFrame | None = None,
) -> dict:
    """Overlap figures between accounts and spheres.

    Parameters
    ----------
    persons : pandas.DataFrame
        ``person_id, accounts, sphere`` (a resolution's persons).
    accounts : sequence of Account, or mapping of str to str
        The ego's accounts (name and sphere).
    contacts : pandas.DataFrame, optional
        The contacts table, for the number of contact rows per account.

    Returns
    -------
    dict
        With ``accounts`` (per account: sphere, persons, contacts, only_here, only_here_share),
        ``spheres`` (persons reached only personally, only professionally, from both),
        ``pairs`` (per pair of accounts: shared, jaccard, coverage_a = ``|A∩B|/|A|``,
        coverage_b), ``share_professional_also_personal``, ``share_personal_also_professional``
        and ``vanish_if_deleted`` (account → persons reached from it only). Shares are rounded
        to 4 digits; a share over an empty set is 0.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"person_id": ["a", "b", "c"], "accounts": ["perso", "perso;pro", "pro"],
    ...                   "sphere": ["personal", "both", "professional"]})
    >>> o = overlap(p, {"perso": "personal", "pro": "professional"})
    >>> o["pairs"][0]["jaccard"], o["share_professional_also_personal"], o["vanish_if_deleted"]
    (0.3333, 0.5, {'perso': 1, 'pro': 1})
    """
    spheres = account_spheres(accounts, contacts)
    sets = account_sets(persons)
    for a in spheres:
        sets.setdefault(a, frozenset())
    names = sorted(sets)
    acc_out = _per_account(sets, names, spheres, contacts)
    pairs = [_pair(a, b, sets[a], sets[b]) for a, b in combinations(names, 2)]
    sph = persons["sphere"].astype(str).value_counts()
    n_pers, n_prof, n_both = int(sph.get("personal", 0)), int(sph.get("professional", 0)), int(sph.get(BOTH, 0))
    return {
        "accounts": acc_out,
        "spheres": {"personal": n_pers, "professional": n_prof, "both": n_both},
        "pairs": pairs,
        "share_professional_also_personal": _share(n_both, n_prof + n_both),
        "share_personal_also_professional": _share(n_both, n_pers + n_both),
        "vanish_if_deleted": {a: acc_out[a]["only_here"] for a in names},
    }


def _per_account(
    sets: dict[str, frozenset[str]], names: list[str], spheres: dict[str, str], contacts: pd.DataFrame | None
) -> dict[str, dict[str, Any]]:
    """Per account: sphere, persons, contact rows, persons reached from it only (count and share)."""
    rows_per_account = contacts["account"].astype(str).value_counts().to_dict() if contacts is not None and len(contacts) else {}
    out = {}
    for a in names:
        others: frozenset[str] = frozenset().union(*(sets[b] for b in names if b != a)) if len(names) > 1 else frozenset()
        only = len(sets[a] - others)
        out[a] = {
            "sphere": spheres.get(a, ""),
            "persons": len(sets[a]),
            "contacts": int(rows_per_account.get(a, len(sets[a]))),
            "only_here": only,
            "only_here_share": _share(only, len(sets[a])),
        }
    return out


def _pair(a: str, b: str, in_a: frozenset[str], in_b: frozenset[str]) -> dict[str, Any]:
    """The overlap of two accounts: shared persons, Jaccard index, coverage of each."""
    inter = len(in_a & in_b)
    return {
        "a": a,
        "b": b,
        "shared": inter,
        "jaccard": _share(inter, len(in_a | in_b)),
        "coverage_a": _share(inter, len(in_a)),
        "coverage_b": _share(inter, len(in_b)),
    }


def pairs_frame(result: dict) -> pd.DataFrame:
    """The ``pairs`` of :func:`overlap` as a table (one row per pair of accounts)."""
    cols = ["a", "b", "shared", "jaccard", "coverage_a", "coverage_b"]
    return pd.DataFrame(result.get("pairs", []), columns=cols)


def _share(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0
