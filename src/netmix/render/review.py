"""review.csv and review.xlsx: the pairs a person should decide, most at stake first.

One row per pair or group to decide (:data:`netmix.model.REVIEW_COLUMNS`):

- ``possible_bridge``: an unmerged same-name pair across the spheres that would be a bridge as
  one person (``rank_if_same`` = its rank in bridges.csv if it were one person);
- ``possible_homonym``: another same-name pair kept apart because the two share no contact;
- ``review``: a double in the review band (merged on thin evidence) or a pair left apart on
  thin evidence.

``stake`` orders the rows: ``1 / rank_if_same`` when the decision makes or unmakes a bridge
(a merged double that is a bridge counts as well: deciding *not same* would lose it), else 0;
then confidence. The file is in the decisions-file format: fill the ``decision`` column
(same, not same, keep, remove — or même, différent, garder, retirer) and give it back with
``--decisions``. review.xlsx holds the same rows with a drop-down list in the decision column.

>>> from netmix.model import REVIEW_COLUMNS
>>> list(empty_review().columns) == list(REVIEW_COLUMNS)
True
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping

import pandas as pd

from ..io.output import safe_cell
from ..model import REVIEW_COLUMNS, Analysis, Resolution, empty_frame
from ..privacy import Pseudonymizer, anonymize_tables
from ..resolution.facts import Fact
from .decide import source_keys
from .evidence import evidence_text
from .i18n import t
from .people import records

__all__ = ["review_table", "review_xlsx", "review_for", "empty_review", "with_cluster_match", "DECISION_CHOICES"]

#: the choices of the drop-down list of review.xlsx, per language (all are read back by --decisions)
DECISION_CHOICES: Mapping[str, tuple[str, ...]] = {
    "en": ("same", "not same", "keep", "remove"),
    "fr": ("même", "différent", "garder", "retirer"),
}

#: The review columns of numbers (the others hold text, or a rank and "").
_FLOATS = ("stake", "confidence")


def empty_review() -> pd.DataFrame:
    """An empty review table."""
    return empty_frame(REVIEW_COLUMNS)


def _review_id(contact_ids: str) -> str:
    return "r" + hashlib.sha256(contact_ids.encode("utf-8")).hexdigest()[:10]


def _kind(row: Mapping, possible: Mapping[str, int]) -> str:
    if row["person_id"] in possible:
        return "possible_bridge"
    sugg = row.get("suggestion")
    if isinstance(sugg, tuple) and any(isinstance(f, Fact) and f.code == "sg.homonym" for f in sugg):
        return "possible_homonym"
    if isinstance(sugg, str) and sugg.startswith(t("en", "ev.sg.homonym")[:16]):
        return "possible_homonym"
    return "review"


def with_cluster_match(evidence: object, cluster: str) -> object:
    """``evidence`` with its "organisation in the name" fact saying it is ``cluster``'s organisation (when ``cluster``).

    >>> with_cluster_match((Fact("name.exact"), Fact("organisation", {"org": "OT Pau"})), "c07")[1]
    Fact(code='organisation.match', args={'org': 'OT Pau', 'where': 'cluster', 'cluster': 'c07'})
    """
    if not cluster or not isinstance(evidence, tuple):
        return evidence
    return tuple(
        Fact("organisation.match", {"org": f.args["org"], "where": "cluster", "cluster": cluster})
        if isinstance(f, Fact) and f.code == "organisation"
        else f
        for f in evidence
    )


def review_table(resolution: Resolution, analysis: Analysis | None, lang: str = "en") -> pd.DataFrame:
    """The review rows of a run, most at stake first (evidence and suggestions in ``lang``)."""
    d = resolution.doubles
    if d is None or not len(d):
        return empty_review()
    b = analysis.bridges if analysis is not None and analysis.bridges is not None else pd.DataFrame()
    status = b["status"] if "status" in b.columns else pd.Series(["confirmed"] * len(b), index=b.index)
    ranked = list(zip(b.get("person_id", []), b.get("rank", []), status, strict=False))
    possible = {str(p): int(r) for p, r, s in ranked if s == "unconfirmed"}
    org_cluster = dict(zip(b["person_id"].astype(str), b["org_cluster"].astype(str), strict=False)) if "org_cluster" in b else {}
    confirmed = {str(p): int(r) for p, r, s in ranked if s != "unconfirmed"}
    key_of = source_keys(resolution.contacts)
    rows = []
    for r in records(d):
        kind = _kind(r, possible)
        if kind == "review" and r["band"] != "review":
            continue
        pid = str(r["person_id"])
        rank = possible.get(pid) or confirmed.get(pid)
        sugg, evidence = r["suggestion"], r["evidence"]
        if kind == "possible_bridge":
            sugg = (Fact("sg.bridge", {"rank": rank}),)
            evidence = with_cluster_match(evidence, org_cluster.get(pid, ""))
        cids = [x for x in str(r.get("contact_ids", "")).split(";") if x]
        rows.append(
            {
                "review_id": _review_id(";".join(cids)),
                "kind": kind,
                "stake": round(1.0 / rank, 4) if rank else 0.0,
                "rank_if_same": rank or "",
                "person_id": pid,
                "name": r["name"],
                "accounts": r["accounts"],
                "decision": r.get("decision", ""),
                "note": r.get("note", ""),
                "band": r["band"],
                "confidence": float(r["confidence"]),
                "evidence": evidence_text(evidence, lang),
                "suggestion": evidence_text(sugg, lang),
                "contact_ids": ";".join(cids),
                "source_keys": ";".join(key_of.get(x, "") for x in cids),
            }
        )
    if not rows:
        return empty_review()
    out = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=float if c in _FLOATS else object) for c in REVIEW_COLUMNS})
    out = out.sort_values(["stake", "confidence", "name", "review_id"], ascending=[False, False, True, True], kind="mergesort")
    return out.reset_index(drop=True)


def review_xlsx(review: pd.DataFrame, lang: str = "en") -> bytes:
    """review.xlsx: the review rows, a drop-down list in the decision column, frozen header, autofilter, fitting widths.

    Written with XlsxWriter, which writes the sheet's XML as it goes (several times faster than building a
    workbook of cells first). Every text cell is formula-safe (:func:`netmix.io.output.safe_cell`) and written as
    text, never read as a formula, number or link; a missing number is a blank cell. The workbook is
    deterministic: a fixed creation date, and XlsxWriter dates every part of the zip 1980-01-01.

    >>> import openpyxl
    >>> rows = pd.DataFrame({"name": ["=1+1"], "decision": [""], "confidence": [0.5]})
    >>> ws = openpyxl.load_workbook(io.BytesIO(review_xlsx(rows)))["review"]
    >>> [c.value for c in ws[2]], ws.freeze_panes
    (["'=1+1", None, 0.5], 'A2')
    """
    import datetime as dt

    import xlsxwriter

    out = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    with xlsxwriter.Workbook(out, options) as wb:
        wb.set_properties({"created": dt.datetime(2000, 1, 1)})
        ws = wb.add_worksheet("review")
        cols = list(review.columns)
        ws.write_row(0, 0, cols)
        for r, row in enumerate(review.itertuples(index=False), start=1):
            ws.write_row(r, 0, [_xlsx_cell(v) for v in row])
        n = len(review) + 1
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(n, 1) - 1, len(cols) - 1)
        choices = DECISION_CHOICES.get(lang, DECISION_CHOICES["en"])
        dcol = cols.index("decision")
        ws.data_validation(1, dcol, max(n, 2) + 499, dcol, {"validate": "list", "source": list(choices), "ignore_blank": True})
        for k, col in enumerate(cols):
            width = max([len(str(col))] + [len(str(v)) for v in review[col].tolist()[:500]])
            ws.set_column(k, k, min(max(width + 2, 8), 60))
    return out.getvalue()


def _xlsx_cell(value: object) -> object:
    """A review value as an xlsx cell: text made formula-safe, a missing value blank."""
    if isinstance(value, str):
        return safe_cell(value)
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value


def review_for(
    resolution: Resolution, analysis: Analysis | None, lang: str = "en", pseudonymizer: Pseudonymizer | None = None
) -> pd.DataFrame:
    """The review rows of a run as written to review.csv (names pseudonymised with a pseudonymizer)."""
    review = review_table(resolution, analysis, lang)
    if pseudonymizer is not None:
        review = anonymize_tables({"review.csv": review}, pseudonymizer)["review.csv"]
        review["source_keys"] = ""  # source ids carry names ("perso|name:…"); contact_ids still match the decisions
    return review

