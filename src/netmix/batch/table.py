"""The batch's outputs: participants.csv / .parquet and risk.json.

Every figure of a participant's row is read from that run's analysis summary (``summary.json``)
or its tables, with the definitions of the analysis: a personal cluster is what
:func:`netmix.analysis.labels.cluster_sphere` calls personal, ``edges`` are the summary's
``edges`` (observed and inferred ties of the person graph), and so on. Nothing is re-derived.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .._version import __version__
from .participant import ParticipantOutcome

__all__ = ["PARTICIPANT_COLUMNS", "parquet_bytes", "participant_row", "participants_table", "risk_report"]

#: Fixed columns of participants.csv, with their types (``str``, ``int`` or ``float``).
#: Columns ``role_<role>`` and ``exclusions_<status>`` follow, one per value seen in the batch.
PARTICIPANT_COLUMNS: dict[str, type] = {
    "participant": str,
    "status": str,  # done (outputs complete, from this run or an earlier one) | failed
    "error": str,
    "accounts": str,  # account names, ";"-joined
    "n_accounts": int,
    "contacts": int,  # summary: contacts
    "contacts_personal": int,
    "contacts_professional": int,
    "persons": int,  # summary: contact_persons
    "persons_personal": int,  # reached only from personal accounts
    "persons_professional": int,  # reached only from professional accounts
    "persons_both": int,  # summary: both_spheres
    "non_contacts": int,  # summary: non_contacts
    "doubles": int,  # summary: doubles
    "doubles_certain": int,
    "doubles_likely": int,
    "doubles_review": int,
    "overlap_jaccard": float,  # both / (personal + professional + both)
    "overlap_personal": float,  # summary: share_personal_also_professional
    "overlap_professional": float,  # summary: share_professional_also_personal
    "edges": int,  # summary: edges
    "ties_observed": int,  # summary: ties_observed
    "ties_inferred": int,  # summary: ties_inferred
    "clusters": int,  # summary: clusters
    "clusters_personal": int,  # analysis.labels.cluster_sphere == personal
    "clusters_professional": int,
    "clusters_both": int,
    "clusters_mixed": int,
    "largest_cluster": int,
    "cluster_sizes": str,  # ";"-joined, largest first
    "exclusions": int,  # summary: exclusions
    "bridges": int,  # summary: bridges
    "risk_k_degree": int,
    "risk_unique_degree_share": float,
    "risk_unique_signature_share": float,
    "seed": int,
    "resolution": float,
    "threshold": float,
    "min_mutual": int,
    "lang": str,
    "pseudonymised": str,  # yes | no
    "netmix_version": str,
}


def _count(df: pd.DataFrame | None, column: str, value: str) -> int:
    if df is None or column not in df.columns:
        return 0
    return int((df[column].astype(str) == value).sum())


def _slug(value: str) -> str:
    """A column-name part: ``request pending`` → ``request_pending``.

    >>> _slug("request pending")
    'request_pending'
    """
    return "".join(c if c.isalnum() else "_" for c in value.strip().lower()) or "none"


def _clusters(clusters: pd.DataFrame | None) -> dict[str, Any]:
    from ..analysis.labels import cluster_sphere

    kinds = {"personal": 0, "professional": 0, "both": 0, "mixed": 0}
    sizes: list[int] = []
    for c in (clusters if clusters is not None else pd.DataFrame()).to_dict("records"):
        sizes.append(int(c.get("size", 0) or 0))
        kinds[cluster_sphere(int(c.get("personal", 0) or 0), int(c.get("professional", 0) or 0), int(c.get("both", 0) or 0))] += 1
    sizes.sort(reverse=True)
    return {
        **{f"clusters_{k}": n for k, n in kinds.items()},
        "largest_cluster": sizes[0] if sizes else 0,
        "cluster_sizes": ";".join(str(s) for s in sizes),
    }


def participant_row(result: Any, risk: Mapping[str, Any], *, pseudonymised: bool) -> dict[str, Any]:
    """The participants.csv row of one finished run (figures only: no names, no ids).

    ``result`` is a :class:`netmix.pipeline.RunResult`; ``risk`` its risk figures.
    """
    cfg, res, an = result.config, result.resolution, result.analysis
    s = an.summary
    p_pers, p_pro, p_both = (
        _count(an.persons, "sphere", "personal"),
        _count(an.persons, "sphere", "professional"),
        int(s.get("both_spheres", 0)),
    )
    threshold = res.params.get("threshold", cfg.threshold) if isinstance(res.params, dict) else cfg.threshold
    row: dict[str, Any] = {
        "participant": "",
        "status": "done",
        "error": "",
        "accounts": ";".join(a.name for a in cfg.accounts),
        "n_accounts": len(cfg.accounts),
        "contacts": int(s.get("contacts", 0)),
        "contacts_personal": _count(res.contacts, "sphere", "personal"),
        "contacts_professional": _count(res.contacts, "sphere", "professional"),
        "persons": int(s.get("contact_persons", 0)),
        "persons_personal": p_pers,
        "persons_professional": p_pro,
        "persons_both": p_both,
        "non_contacts": int(s.get("non_contacts", 0)),
        "doubles": int(s.get("doubles", 0)),
        "doubles_certain": _count(res.doubles, "band", "certain"),
        "doubles_likely": _count(res.doubles, "band", "likely"),
        "doubles_review": _count(res.doubles, "band", "review"),
        "overlap_jaccard": round(p_both / (p_pers + p_pro + p_both), 6) if p_pers + p_pro + p_both else 0.0,
        "overlap_personal": float(s.get("share_personal_also_professional", 0.0)),
        "overlap_professional": float(s.get("share_professional_also_personal", 0.0)),
        "edges": int(s.get("edges", 0)),
        "ties_observed": int(s.get("ties_observed", 0)),
        "ties_inferred": int(s.get("ties_inferred", 0)),
        "clusters": int(s.get("clusters", 0)),
        **_clusters(an.clusters),
        "exclusions": int(s.get("exclusions", 0)),
        "bridges": int(s.get("bridges", {}).get("confirmed", 0)),  # possible (unconfirmed) bridges are not counted
        "risk_k_degree": int(risk.get("k_degree_anonymity", 0)),
        "risk_unique_degree_share": float(risk.get("unique_degree_share", 0.0)),
        "risk_unique_signature_share": float(risk.get("unique_signature_share", 0.0)),
        "seed": cfg.seed,
        "resolution": float(cfg.resolution),
        "threshold": float(threshold) if threshold is not None else None,
        "min_mutual": cfg.min_mutual,
        "lang": cfg.lang,
        "pseudonymised": "yes" if pseudonymised else "no",
        "netmix_version": __version__,
    }
    for role, n in sorted(dict(s.get("ego_roles", {})).items()):
        row[f"role_{_slug(str(role))}"] = int(n)
    for status, n in sorted(dict(s.get("exclusions_by_status", {})).items()):
        row[f"exclusions_{_slug(str(status))}"] = int(n)
    return row


def _rows(outcomes: list[ParticipantOutcome]) -> list[dict[str, Any]]:
    rows = []
    for o in outcomes:
        row = dict(o.row) if o.row else {}
        row["participant"] = o.participant
        row["status"] = "failed" if o.status == "failed" else "done"  # the table describes data, not this run
        row["error"] = o.error
        rows.append(row)
    return rows


def participants_table(outcomes: list[ParticipantOutcome]) -> pd.DataFrame:
    """participants.csv as a DataFrame: fixed columns, then one per role and exclusion status.

    >>> participants_table([ParticipantOutcome("P1", "failed", error="x")])[["participant", "status", "persons"]]
      participant  status  persons
    0          P1  failed     <NA>
    """
    rows = _rows(outcomes)
    dynamic = sorted({k for r in rows for k in r if k not in PARTICIPANT_COLUMNS}, key=lambda k: (k.split("_", 1)[0], k))
    columns = list(PARTICIPANT_COLUMNS) + dynamic
    data: dict[str, pd.Series] = {}
    for col in columns:
        kind = PARTICIPANT_COLUMNS.get(col, int)
        values = [r.get(col) for r in rows]
        if col in dynamic:  # a role or status this participant does not have: 0, unless it failed
            values = [0 if v is None and r.get("status") != "failed" else v for v, r in zip(values, rows, strict=True)]
        if kind is str:
            data[col] = pd.Series(["" if v is None else str(v) for v in values], dtype=object)
        elif kind is int:
            data[col] = pd.Series(values, dtype="Int64")
        else:
            data[col] = pd.Series(values, dtype="Float64")
    return pd.DataFrame(data, columns=columns)


def parquet_bytes(df: pd.DataFrame) -> bytes:
    """``df`` as a Parquet file (snappy), for analysis in R, pandas or DuckDB."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="snappy")
    return buf.getvalue()


def risk_report(outcomes: list[ParticipantOutcome], pseudonymised: bool) -> dict[str, Any]:
    """risk.json of the batch: each participant's figures and the worst over all of them."""
    from ..risk import WARNING

    per = {o.participant: o.risk for o in outcomes if o.status != "failed" and o.risk}
    seen: dict[str, int] = {}
    for o in outcomes:
        for p in set(o.person_ids):
            seen[p] = seen.get(p, 0) + 1
    ks = [r["k_degree_anonymity"] for r in per.values() if r.get("persons")]
    return {
        "warning": WARNING,
        "pseudonymised": pseudonymised,
        "participants": per,
        "overall": {
            "participants": len(per),
            "min_k_degree_anonymity": min(ks) if ks else 0,
            "participants_with_k1": sum(1 for k in ks if k == 1),
            "max_unique_degree_share": max((r["unique_degree_share"] for r in per.values()), default=0.0),
            "max_unique_signature_share": max((r["unique_signature_share"] for r in per.values()), default=0.0),
            "persons_in_several_participants": sum(1 for n in seen.values() if n >= 2),
            "note": (
                "persons_in_several_participants: the same person (same pseudonym) appears in the "
                "data of several participants; linking them across participants is possible by design"
            ),
        },
    }
