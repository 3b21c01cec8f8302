"""Cluster and circle labels: what the members share, or the user's own labels.

:func:`label_clusters` names each group (a cluster, or a circle through its membership rows) from
its members' organisation, position words, period of connection and sphere; :func:`load_labels`
reads the user's labels (CSV ``cluster,label``; a circle id such as ``ci03`` works too), which win.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from ..graph.companies import normalise_company
from ..model import BOTH
from ..util.arrays import as_text, blank_text, filled, group_positions

__all__ = ["cluster_organisations", "cluster_sphere", "label_clusters", "load_labels"]

#: Words too common in job titles to name a cluster.
_STOP = frozenset(
    [
        "and",
        "the",
        "of",
        "for",
        "with",
        "des",
        "les",
        "pour",
        "avec",
        "chez",
        "dans",
        "une",
        "sur",
        "aux",
        "par",
        "et",
        "de",
        "la",
        "le",
        "du",
        "en",
        "au",
        "a",
        "l",
        "d",
        "at",
        "in",
        "to",
        "on",
        "co",
        "team",
        "équipe",
        "equipe",
        "senior",
        "junior",
        "assistant",
        "assistante",
        "manager",
        "responsable",
        "chargé",
        "chargée",
        "charge",
        "head",
        "lead",
    ]
)
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


def label_clusters(
    persons: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    min_share: float = 0.3,
) -> pd.DataFrame:
    """A human-readable label per cluster, from what its members share.

    The automatic label joins, with " · ": the organisation shared by at least ``min_share`` of
    the members who have one (else the most shared word of their positions, when it covers
    ``min_share`` of the members with a position), the period of connection (the year, or
    the range of years between the first and third quartiles of ``first_connected``), and the
    sphere ("personal", "professional", or "mixed" when neither holds two thirds of the
    contacts). Equal labels get the cluster id appended. ``labels`` (cluster → label, from the
    user) override; ``label_source`` says ``auto`` or ``user``.

    ``persons`` needs ``cluster, sphere, company, position, first_connected``.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"cluster": "c01", "sphere": "professional", "company": ["Mairie de Pau", "Mairie de Pau", ""],
    ...                   "position": "", "first_connected": ["2015-03-01", "2016-01-01", "2016-05-05"]})
    >>> label_clusters(p).values.tolist()
    [['c01', 'Mairie de Pau · 2015–2016 · professional', 'auto']]
    """
    labels = dict(labels or {})
    n = len(persons)

    def text(col: str) -> np.ndarray:  # missing column or value: ""
        return blank_text(persons[col]).to_numpy() if col in persons.columns else filled(n, "")

    company, position, sphere = text("company"), text("position"), text("sphere")
    norm = {c: normalise_company(c) for c in set(company.tolist())}
    company_key = np.array([norm[c] for c in company], dtype=object)
    has_company = np.array([c.strip() != "" for c in company], dtype=bool)
    has_position = np.array([p.strip() != "" for p in position], dtype=bool)
    first = text("first_connected")
    years = pd.to_numeric(pd.Series([f[:4] for f in first], dtype=object), errors="coerce").to_numpy(dtype=float)
    rows = []
    for c, at in group_positions(as_text(persons["cluster"])):
        comp = at[has_company[at]]
        pos = at[has_position[at]]
        yrs = years[at]
        label = _auto_label(company[comp], company_key[comp], position[pos], yrs[~np.isnan(yrs)], sphere[at], min_share)
        rows.append({"cluster": c, "label": label or f"cluster {c}", "label_source": "auto"})
    df = pd.DataFrame(rows, columns=["cluster", "label", "label_source"])
    if df.empty:
        return df.astype(object)
    dup = df["label"].duplicated(keep=False)
    df.loc[dup, "label"] = df.loc[dup, "label"] + " (" + df.loc[dup, "cluster"] + ")"
    user = df["cluster"].map(lambda c: labels.get(c, ""))
    df.loc[user != "", "label"] = user[user != ""]
    df.loc[user != "", "label_source"] = "user"
    return df


def _auto_label(
    companies: np.ndarray, keys: np.ndarray, positions: np.ndarray, years: np.ndarray, spheres: np.ndarray, min_share: float
) -> str:
    """The automatic label of one cluster (see :func:`label_clusters`), from its members' non-blank
    companies with their normalised keys, non-blank positions, connection years and spheres."""
    parts: list[str] = []
    org = _shared_company(companies, keys, min_share)
    if org:
        parts.append(org)
    if not parts and len(positions):
        words: Counter = Counter()
        for p in positions:
            words.update({w.casefold() for w in _WORD.findall(p) if w.casefold() not in _STOP})
        if words:
            word, n = sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            if n >= max(2, min_share * len(positions)):
                parts.append(word)
    if len(years):
        lo, hi = int(np.floor(np.quantile(years, 0.25))), int(np.ceil(np.quantile(years, 0.75)))
        parts.append(str(lo) if lo == hi else f"{lo}–{hi}")
    sph = spheres[spheres != ""]
    if len(sph):
        kind = cluster_sphere(int((sph == "personal").sum()), int((sph == "professional").sum()), int((sph == BOTH).sum()))
        parts.append("both spheres" if kind == BOTH else kind)
    return " · ".join(parts)


def _shared_company(companies: np.ndarray, keys: np.ndarray, min_share: float) -> str:
    """The company shared by at least ``min_share`` of the members who have one (and by 2 or more), or ``""``."""
    if not len(companies):
        return ""
    top, n = Counter(keys.tolist()).most_common(1)[0]
    if top and n >= max(2, min_share * len(companies)):
        return str(Counter(companies[keys == top].tolist()).most_common(1)[0][0]).strip()
    return ""


def cluster_organisations(persons: pd.DataFrame, min_share: float = 0.3) -> dict[str, str]:
    """Cluster → the organisation its automatic label names (the company its members share), for
    the clusters that have one. ``persons`` needs ``cluster`` and ``company``.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"cluster": ["c01", "c01", "c01", "c02"], "company": ["OT Pau", "O.T. Pau", "", "Acme"]})
    >>> cluster_organisations(p)
    {'c01': 'OT Pau'}
    """
    if "company" not in persons.columns or not len(persons):
        return {}
    company = np.asarray(as_text(persons["company"]), dtype=object)
    company = np.where(pd.isna(company), "", company)
    has = np.array([c.strip() != "" for c in company], dtype=bool)
    norm = {c: normalise_company(c) for c in set(company[has].tolist())}
    out = {}
    for c, at in group_positions(as_text(persons["cluster"])):
        comp = at[has[at]]
        org = _shared_company(company[comp], np.array([norm[x] for x in company[comp]], dtype=object), min_share)
        if c and org:
            out[str(c)] = org
    return out


def cluster_sphere(personal: int, professional: int, both: int) -> str:
    """The sphere of a cluster from its contacts' spheres (the one definition netmix uses).

    ``both`` when two thirds of the contacts are reached from both spheres; ``personal``
    (``professional``) when two thirds are reached personally (professionally), counting
    ``both``, and not two thirds the other way; ``mixed`` otherwise.

    >>> cluster_sphere(9, 1, 0), cluster_sphere(1, 1, 8), cluster_sphere(5, 5, 0)
    ('personal', 'both', 'mixed')
    """
    n = personal + professional + both
    pers, prof = personal + both, professional + both
    if both * 3 >= 2 * n:
        return BOTH
    if pers * 3 >= 2 * n > prof * 3:
        return "personal"
    if prof * 3 >= 2 * n > pers * 3:
        return "professional"
    return "mixed"


def load_labels(path: str | Path) -> dict[str, str]:
    """Read user cluster labels from a CSV file with the columns ``cluster,label``.

    Raises :class:`~netmix.errors.InputError` naming the file and line when the file has no such
    header, or a row an empty cluster id.
    """
    from ..io.sources import iter_members
    from ..io.text import decode, header_has, read_csv

    members = list(iter_members(path))
    if len(members) != 1:
        raise InputError(
            "expected one CSV file of cluster labels", file=str(path), hint="give a file with the columns cluster,label"
        )
    member = members[0]
    table = read_csv(decode(member.read(), member), member, is_header=header_has("cluster", "label"))
    col = {h.lower(): h for h in table.header}
    out: dict[str, str] = {}
    for row, line in zip(table.rows, table.lines, strict=False):
        c, lab = row[col["cluster"]].strip(), row[col["label"]].strip()
        if not c:
            raise InputError("a label row has no cluster id", file=str(path), line=line, hint="write c01,My label")
        if lab:
            out[c] = lab
    return out
