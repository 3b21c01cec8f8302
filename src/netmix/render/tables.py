"""The output contract's tables, sorted and deterministic (DESIGN.md, "Output contract").

:func:`output_tables` returns ``{"contacts.csv": frame, …}``; write them with
:func:`netmix.io.output.csv_bytes` (spreadsheet-safe). With a pseudonymizer, names are replaced
by pseudonyms and contact details dropped (:mod:`netmix.privacy`).
"""

from __future__ import annotations

import re
from collections.abc import Collection

import numpy as np
import pandas as pd

from .. import model
from ..model import Analysis, Resolution
from ..privacy import Pseudonymizer, anonymize_tables
from ..util.arrays import all_strings, blank_text
from ..util.text import natural_key
from .evidence import worded

#: The minimum columns of each file (more are kept, after these).
CONTRACT: dict[str, tuple[str, ...]] = {
    "contacts.csv": model.CONTACT_TABLE_COLUMNS,
    "persons.csv": model.PERSON_COLUMNS,
    "doubles.csv": model.DOUBLE_TABLE_COLUMNS,
    "clusters.csv": model.CLUSTER_COLUMNS,
    "exclusions.csv": model.EXCLUSION_COLUMNS,
    "bridges.csv": model.BRIDGE_COLUMNS,
    "waves.csv": (),
}

#: The order of each table's rows: sort columns and their directions (``None``: all ascending); waves: every column.
ORDER: dict[str, tuple[list[str], list[bool] | None]] = {
    "contacts.csv": (["account", "contact_id", "name", "person_id"], None),
    "persons.csv": (["person_id"], None),
    "doubles.csv": (["confidence", "name", "person_id"], [False, True, True]),
    "clusters.csv": (["cluster"], None),
    "exclusions.csv": (["cluster", "mutual", "name", "person_id"], [True, False, True, True]),
    "bridges.csv": (["rank", "person_id"], None),
}

_RUN = re.compile(r"\d+")
#: Digits of the widest number :func:`_encoded` pads to (longer numbers take the tuple keys of :func:`natural_key`).
_WIDTH = 40


def _padded(match: re.Match) -> str:
    return f"\x00{int(match.group()):0{_WIDTH}d}"  # int(): digits of any script


def _zfilled(match: re.Match) -> str:
    return "\x00" + match.group().zfill(_WIDTH)  # the same for ASCII digits, faster


def _encoded(value: str) -> str:
    """:func:`natural_key`'s order as one string: each text part ends with NUL (below every character, so a
    shorter part sorts first) and each number is zero-padded to :data:`_WIDTH` digits (numeric order).
    Text parts and numbers alternate in both keys, so they are compared part against part, as the tuples are.

    >>> sorted(["perso:10", "perso:9", "perso:9a", "perso"], key=_encoded)
    ['perso', 'perso:9', 'perso:9a', 'perso:10']
    """
    return _RUN.sub(_zfilled if value.isascii() else _padded, value) + "\x00"


def _natural_order(col: pd.Series) -> np.ndarray:
    """A sort key for ``col`` in :func:`natural_key` order: the text itself when it holds no digit, else
    :func:`_encoded` of it (made once per distinct value) — or, for a text holding NUL or a number of more
    than :data:`_WIDTH` digits, the rank of its :func:`natural_key` key among the column's distinct values.

    >>> pd.Series(_natural_order(pd.Series(["perso:10", "perso:9", "perso:9"]))).rank(method="dense").tolist()
    [2.0, 1.0, 1.0]
    """
    text = blank_text(col).to_numpy()  # missing values sort as blank text
    codes, values = pd.factorize(text)
    if not any(map(_RUN.search, values)):
        return text  # one text part each: natural order is the text's order
    if _fits(values):
        return np.array(list(map(_encoded, values)), dtype=object)[codes]
    keys = {value: natural_key(value) for value in values}
    rank: dict[str, int] = {}
    previous: tuple | None = None
    place = -1
    for value in sorted(keys, key=keys.__getitem__):
        if keys[value] != previous:  # equal keys ("a01", "a1") share a rank, as they shared a key
            previous, place = keys[value], place + 1
        rank[value] = place
    return np.array([rank[value] for value in values], dtype=np.int64)[codes]


def _fits(values: np.ndarray) -> bool:
    """Whether no text holds NUL and no number is wider than :data:`_WIDTH` digits (what :func:`_encoded` needs)."""
    if not any("\x00" in v or len(v) > _WIDTH for v in values):
        return True
    return not any("\x00" in v or any(len(run) > _WIDTH for run in _RUN.findall(v)) for v in values)


def _clean(df: pd.DataFrame | None, first: tuple[str, ...]) -> pd.DataFrame:
    """Contract columns first (added empty if missing), text NaN → "", a fresh index."""
    if df is None:
        df = model.empty_frame(first)
    absent = {col: "" for col in first if col not in df.columns}
    if absent:
        df = df.assign(**absent)
    # a new frame that shares the columns until one is replaced (pandas copies on write): the caller's is untouched
    df = df[list(first) + [c for c in df.columns if c not in first]]
    for col in df.columns:
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
            values = df[col].to_numpy(dtype=object)
            if df[col].dtype == object and all_strings(values):
                continue
            missing = pd.isna(values)
            if missing.any() or df[col].dtype != object:
                df[col] = pd.Series(np.where(missing, "", values), index=df.index, dtype=object)
    return df.reset_index(drop=True)


def _sort(df: pd.DataFrame, by: list[str], ascending: list[bool] | None = None) -> pd.DataFrame:
    """``df`` sorted stably by the columns ``by`` (text in :func:`natural_key` order, missing numbers first), a fresh
    index; the columns after the first that tell every row apart are not read.

    >>> table = pd.DataFrame({"id": ["p10", "p9", "p10"], "n": [1.0, 2.0, float("nan")]})
    >>> _sort(table, ["id", "n"], [True, False]).values.tolist()
    [['p9', 2.0], ['p10', nan], ['p10', 1.0]]
    """
    by = [c for c in by if c in df.columns]
    if not by or df.empty:
        return df.reset_index(drop=True)
    asc = ascending[: len(by)] if ascending else [True] * len(by)
    ranks: list[np.ndarray] = []  # each key's rank among its distinct values (negated when descending)
    combined = np.zeros(len(df), dtype=np.int64)  # one code per distinct combination of the keys so far
    for c, up in zip(by, asc, strict=False):
        col = df[c]
        if pd.api.types.is_numeric_dtype(col):
            key = col.fillna(float("-inf") if up else float("inf")).to_numpy()
        else:
            key = _natural_order(col)
        rank = pd.factorize(key, sort=True)[0].astype(np.int64)
        ranks.append(rank if up else -rank)
        combined = pd.factorize(combined * (int(rank.max()) + 1) + rank)[0].astype(np.int64)
        if combined.max() == len(df) - 1:  # the keys so far tell every row apart: the rest never count
            break
    return df.take(np.lexsort(ranks[::-1])).reset_index(drop=True)


def output_tables(
    resolution: Resolution,
    analysis: Analysis,
    *,
    pseudonymizer: Pseudonymizer | None = None,
    keep_affiliation: bool = False,
    lang: str = "en",
    leave_out: Collection[str] = (),
) -> dict[str, pd.DataFrame]:
    """The CSV tables of the output contract, sorted.

    Parameters
    ----------
    resolution, analysis : the results of ``resolve`` and ``analyze``.
    pseudonymizer : when given, names become pseudonyms and contact details are removed.
    keep_affiliation : keep company / position when pseudonymising.
    lang : language of the doubles' evidence and suggestions (when the resolution holds them as facts).
    leave_out : names of tables not to make (made already, as :func:`contacts_table`).

    Returns
    -------
    dict mapping ``"bridges.csv"``, ``"clusters.csv"``, ``"contacts.csv"``, ``"doubles.csv"``,
    ``"exclusions.csv"``, ``"persons.csv"``, ``"waves.csv"`` (in this order) to DataFrames.
    """
    sources = {
        "bridges.csv": analysis.bridges,
        "clusters.csv": analysis.clusters,
        "contacts.csv": resolution.contacts,
        "doubles.csv": worded(resolution.doubles, lang),
        "exclusions.csv": analysis.exclusions,
        "persons.csv": analysis.persons,
        "waves.csv": analysis.waves,
    }
    tables = {name: _clean(df, CONTRACT[name]) for name, df in sources.items() if name not in leave_out}
    doubles = tables.get("doubles.csv")
    if doubles is not None and "confidence" in doubles.columns:
        doubles["confidence"] = pd.to_numeric(doubles["confidence"], errors="coerce").fillna(0.0)
    tables = {name: _sort(df, *_order(name, df)) for name, df in tables.items()}
    if pseudonymizer is not None:
        tables = anonymize_tables(tables, pseudonymizer, keep_affiliation=keep_affiliation)
        for name in ("doubles.csv", "exclusions.csv", "contacts.csv"):  # names changed: they are sort keys
            if name in tables:
                tables[name] = _sort(tables[name], *ORDER[name])
    return tables


def contacts_table(resolution: Resolution) -> pd.DataFrame:
    """contacts.csv's table as :func:`output_tables` makes it without pseudonyms: the resolution's contacts alone
    make it (no analysis, no language)."""
    table = _clean(resolution.contacts, CONTRACT["contacts.csv"])
    return _sort(table, *_order("contacts.csv", table))


def _order(name: str, table: pd.DataFrame) -> tuple[list[str], list[bool] | None]:
    """The sort keys of a contract table (all its columns, in order, when the contract names none)."""
    return ORDER.get(name, (list(table.columns), None))


__all__ = ["CONTRACT", "ORDER", "contacts_table", "output_tables"]
