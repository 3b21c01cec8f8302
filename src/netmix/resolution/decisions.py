"""Decisions a community manager records about doubles, re-applied on every run.

The file is a CSV (``person_id,name,accounts,decision,note`` plus ``contact_ids`` and
``source_keys``, the contacts a row is about, so it survives a change of person id). A decision
is ``same``, ``not same``, ``keep`` or ``remove`` (French: ``même``, ``différent``, ``garder``,
``retirer``); an empty decision is ignored.

>>> normalise_decision("Différent")
'not same'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import EncodingError, InputError
from ..io.sources import iter_members
from ..io.text import decode, read_csv
from ..model import frame
from .normalise import fold

__all__ = ["Decision", "Decisions", "DECISIONS", "TEMPLATE_COLUMNS", "load_decisions", "decisions_template", "normalise_decision"]

DECISIONS: tuple[str, ...] = ("same", "not same", "keep", "remove")
TEMPLATE_COLUMNS: tuple[str, ...] = (
    "person_id",
    "name",
    "accounts",
    "decision",
    "note",
    "band",
    "confidence",
    "suggestion",
    "contact_ids",
    "source_keys",
)
_ALIASES = {
    "same": "same",
    "meme": "same",
    "identique": "same",
    "oui": "same",
    "not same": "not same",
    "notsame": "not same",
    "not the same": "not same",
    "different": "not same",
    "differente": "not same",
    "pas le meme": "not same",
    "pas la meme": "not same",
    "keep": "keep",
    "garder": "keep",
    "conserver": "keep",
    "remove": "remove",
    "retirer": "remove",
    "supprimer": "remove",
}


@dataclass(frozen=True)
class Decision:
    """One row of the decisions file."""

    decision: str  # one of DECISIONS
    person_id: str = ""
    contact_ids: tuple[str, ...] = ()
    source_keys: tuple[str, ...] = ()  # "<account>|<source_id>"
    name: str = ""
    note: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Decisions:
    """Every decision of a file, in file order."""

    items: tuple[Decision, ...] = ()
    path: str = ""

    def __len__(self) -> int:
        return len(self.items)


def normalise_decision(value: str) -> str:
    """The canonical decision for ``value`` (``""`` for an empty cell); raises ``ValueError``."""
    key = " ".join(fold(value).replace("_", " ").replace("-", " ").split()).strip(" .!")
    if not key:
        return ""
    if key in _ALIASES:
        return _ALIASES[key]
    raise ValueError(value)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(sorted({p.strip().lstrip("'") for p in cell.split(";") if p.strip()}))


def load_decisions(path: str) -> Decisions:
    """Read a decisions file: review.csv / review.xlsx as netmix wrote them and the user filled them.

    CSV: UTF-8 with or without BOM, or a spreadsheet's cp1252; ``,`` or ``;``. XLSX: the first
    sheet with a ``decision`` header. Columns are found by name, so rows re-sorted and columns
    added in a spreadsheet still read.

    Raises
    ------
    InputError
        The file is missing, has no ``decision`` column, or a decision is not one netmix knows
        (the message gives the line).
    """
    if not Path(path).is_file():
        raise InputError(
            "the decisions file does not exist",
            file=str(path),
            hint="give the review.csv (or decisions-template.csv) you filled in, or leave --decisions out",
        )
    rows = _xlsx_rows(path) if str(path).lower().endswith(".xlsx") else _csv_rows(path)
    items: list[Decision] = []
    for row, line in rows:
        low = {str(k).strip().lower(): ("" if v is None else str(v)) for k, v in row.items() if k is not None}
        try:
            decision = normalise_decision(low.get("decision", ""))
        except ValueError:
            raise InputError(
                f"unknown decision {low.get('decision', '')[:30]!r}",
                file=path,
                line=line,
                hint="write same, not same, keep or remove (même, différent, garder, retirer), or leave it empty",
            ) from None
        if not decision:
            continue
        items.append(
            Decision(
                decision=decision,
                person_id=low.get("person_id", "").strip().lstrip("'"),
                contact_ids=_split(low.get("contact_ids", "")),
                source_keys=_split(low.get("source_keys", "")),
                name=low.get("name", "").lstrip("'"),
                note=low.get("note", "").lstrip("'"),
                line=line,
            )
        )
    return Decisions(tuple(items), str(path))


def _csv_rows(path: str) -> list[tuple[dict[str, str], int]]:
    members = list(iter_members(path))
    if len(members) != 1:
        raise InputError("the decisions file must be one CSV file", file=path, hint="give the review.csv you edited")
    member = members[0]
    data = member.read()
    try:
        text = decode(data, member)
    except EncodingError:
        text = data.decode("cp1252", errors="replace")
    table = read_csv(text, member, is_header=lambda cells: "decision" in {c.lower() for c in cells})
    return list(zip(table.rows, table.lines, strict=False))


def _xlsx_rows(path: str) -> list[tuple[dict[str, str], int]]:
    """The rows of the first sheet holding a ``decision`` header (columns found by name, any order)."""
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InputError(
            f"not a readable xlsx workbook ({type(exc).__name__})", file=str(path), hint="save the sheet as .xlsx or .csv"
        ) from None
    for ws in wb.worksheets:
        header: list[str] | None = None
        out: list[tuple[dict[str, str], int]] = []
        for line, cells in enumerate(ws.iter_rows(values_only=True), start=1):
            values = ["" if c is None else str(c) for c in cells]
            if header is None:
                if "decision" in {v.strip().lower() for v in values}:
                    header = values
                continue
            if any(v.strip() for v in values):
                out.append((dict(zip(header, values, strict=False)), line))
        if header is not None:
            wb.close()
            return out
    wb.close()
    raise InputError(
        "no sheet has a 'decision' column", file=str(path), hint="give the review.xlsx netmix wrote, with its header row"
    )


def decisions_template(resolution) -> pd.DataFrame:
    """A decisions file to fill in: one row per double (and per pair to review), decisions kept.

    ``resolution`` is a :class:`~netmix.model.Resolution`; its ``doubles`` must carry
    ``contact_ids`` (as :func:`netmix.resolution.resolve` gives them).
    """
    c = resolution.contacts
    key_of = dict(zip(c["contact_id"].astype(str), c["account"].astype(str) + "|" + c["source_id"].astype(str), strict=False))
    rows = []
    d = resolution.doubles
    for r in d.to_dict("records"):
        cids = [x for x in str(r.get("contact_ids", "")).split(";") if x]
        rows.append(
            {
                "person_id": r["person_id"],
                "name": r["name"],
                "accounts": r["accounts"],
                "decision": r.get("decision", ""),
                "note": r.get("note", ""),
                "band": r["band"],
                "confidence": f"{float(r['confidence']):.2f}",
                "suggestion": r["suggestion"],
                "contact_ids": ";".join(cids),
                "source_keys": ";".join(key_of.get(x, "") for x in cids),
            }
        )
    return frame(rows, TEMPLATE_COLUMNS)
