"""The result tables of :func:`netmix.analysis.analyse` built from the analysed persons: clusters,
bridges, and the headline figures (``summary.json``) and parameters (``run.json``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..graph import PersonTies
from ..model import BOTH, CLUSTER_COLUMNS, PERSON_COLUMNS
from ._adjacency import Adjacency
from .bridges import rank_bridges
from .clusters import composition
from .exclusion import exclusions, inclusion
from .labels import label_clusters
from .possible_bridges import counts as bridge_counts
from .steps import Options

__all__ = [
    "BRIDGE_TABLE_COLUMNS",
    "bridges_table",
    "clusters_table",
    "output_order",
    "result_tables",
    "run_params",
    "summary_facts",
]

#: The columns of the bridges table, in order.
BRIDGE_TABLE_COLUMNS: tuple[str, ...] = (
    "person_id", "name", "rank", "bridge_kind", "bridging_score", "betweenness", "constraint", "effective_size",
    "participation", "sphere_participation", "articulation", "brokerage", "brokerage_role", "degree",
    "personal_ties", "professional_ties", "sphere", "side", "cluster", "ego_role",
)  # fmt: skip


def result_tables(
    persons: pd.DataFrame,
    observed: Adjacency,
    requests: pd.DataFrame | None,
    accounts: list[str],
    labels: Mapping[str, str] | None,
    opts: Options,
) -> dict[str, pd.DataFrame]:
    """The ``clusters`` and ``exclusions`` tables of the analysed persons (:func:`bridges_table` waits for betweenness)."""
    lab = label_clusters(persons, labels=labels)
    excl = exclusions(
        persons,
        observed,
        requests=requests,
        labels=dict(zip(lab["cluster"], lab["label"], strict=True)),
        min_mutual=opts.min_mutual,
    )
    return {
        "clusters": clusters_table(persons, lab, accounts, excl),
        "exclusions": excl,
    }


def output_order(persons: pd.DataFrame) -> pd.DataFrame:
    """The persons table as written: ``PERSON_COLUMNS`` first, the working ``contact_ids`` dropped."""
    rest = [c for c in persons.columns if c not in PERSON_COLUMNS and c != "contact_ids"]
    return persons[list(PERSON_COLUMNS) + rest].reset_index(drop=True)


def clusters_table(persons: pd.DataFrame, labels: pd.DataFrame, accounts: list[str], exclusions: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster: ``CLUSTER_COLUMNS``, label source, basis, inclusion per account and the
    exclusions counted (``other_sphere_only``, ``kept_out``: every other status), sorted by cluster."""
    comp = composition(persons)
    if comp.empty:
        cols = list(CLUSTER_COLUMNS) + ["label_source", "basis", "non_contacts", "contacts"] + [f"reach_{a}" for a in accounts]
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    inc = inclusion(persons, accounts)
    basis = persons[persons["cluster"] != ""].groupby("cluster")["cluster_basis"].first().rename("basis").reset_index()
    df = (
        comp.merge(labels, on="cluster", how="left")
        .merge(basis, on="cluster")
        .merge(inc.drop(columns=["non_contacts"]), on="cluster")
    )
    counts = exclusions.groupby(["cluster", "status"]).size().unstack(fill_value=0) if len(exclusions) else pd.DataFrame()
    df["other_sphere_only"] = df["cluster"].map(counts.get("other sphere only", {})).fillna(0).astype(np.int64)
    kept_out: pd.Series | dict[str, int] = {}
    if len(counts):
        kept_out = counts.drop(columns=["other sphere only"], errors="ignore").sum(axis=1)
    df["kept_out"] = df["cluster"].map(kept_out).fillna(0).astype(np.int64)
    first = list(CLUSTER_COLUMNS)
    return df[first + [c for c in df.columns if c not in first]].sort_values("cluster").reset_index(drop=True)


def bridges_table(persons: pd.DataFrame, *, top: int | None) -> pd.DataFrame:
    """The ranked bridges (:func:`.bridges.rank_bridges`) with :data:`BRIDGE_TABLE_COLUMNS`."""
    return rank_bridges(persons, top=top)[list(BRIDGE_TABLE_COLUMNS)].reset_index(drop=True)


def _counts(values: Any) -> dict[str, int]:
    """value → count, sorted by value."""
    return {str(k): int(v) for k, v in pd.Series(values).value_counts().sort_index().items()}


def summary_facts(
    persons: pd.DataFrame,
    contacts: pd.DataFrame | None,
    ties: PersonTies,
    tables: dict[str, pd.DataFrame],
    cluster_info: dict[str, Any],
    overlap: dict[str, Any],
) -> dict[str, Any]:
    """The headline figures (``summary.json``); ``tables`` holds ``clusters, exclusions, bridges, waves``."""
    is_contact = persons["is_contact"].eq("1").to_numpy()
    clusters, excl, bridges = tables["clusters"], tables["exclusions"], tables["bridges"]
    n_obs = int(len(ties.observed))
    return {
        "persons": int(len(persons)),
        "contacts": int(len(contacts)) if contacts is not None else 0,
        "contact_persons": int(is_contact.sum()),
        "non_contacts": int((~is_contact).sum()),
        "doubles": sum(len([a for a in s.split(";") if a]) >= 2 for s in persons["accounts"].tolist()),
        "both_spheres": int((persons["sphere"] == BOTH).sum()),
        "ties_observed": n_obs,
        "ties_inferred": int(len(ties.inferred)),
        "edges": int(len(ties.edges)),
        "clusters": int(cluster_info["clusters"]),
        "clusters_from_ties": int((clusters["basis"] == "ties").sum()) if len(clusters) else 0,
        "unclustered": int(cluster_info["unclustered"]),
        "exclusions": int(len(excl)),
        "exclusions_by_status": _counts(excl["status"]) if len(excl) else {},
        "bridges": bridge_counts(bridges),
        "sphere_bridges": int(((bridges["bridge_kind"] == "personal-professional") & (bridges["status"] == "confirmed")).sum()),
        "waves": int(len(tables["waves"])),
        "ego_roles": _counts(persons["ego_role"].to_numpy()[is_contact]),
        "share_professional_also_personal": overlap["share_professional_also_personal"],
        "share_personal_also_professional": overlap["share_personal_also_professional"],
        "vanish_if_deleted": overlap["vanish_if_deleted"],
        "structure_rests_on": "observed ties" if n_obs else "nothing: no observed ties (give a tie file)",
    }


def circle_facts(persons: pd.DataFrame, circles: pd.DataFrame) -> dict[str, Any]:
    """Headline figures of the circles: how many, how many at the top of the hierarchy, how many
    persons are in a circle and in two or more (``persons["circles"]``: circles per person)."""
    count = persons["circles"].to_numpy()
    return {
        "circles": int(len(circles)),
        "circles_top_level": int((circles["parent"] == "").sum()) if len(circles) else 0,
        "persons_in_circles": int((count >= 1).sum()),
        "persons_in_several_circles": int((count >= 2).sum()),
        "most_circles_per_person": int(count.max()) if count.size else 0,
    }


def run_params(opts: Options, cluster_info: dict[str, Any], betweenness_info: dict[str, Any]) -> dict[str, Any]:
    """The parameters and engines of an analysis (``run.json``)."""
    return {
        "seed": opts.seed,
        "resolution": opts.resolution_param,
        "min_mutual": opts.min_mutual,
        "infer": opts.infer,
        "inferred_ties": "same organisation + same wave; clique up to 8 members, else circulant ring k=2; weight 1/(n-1)",
        "structure": "observed ties",
        "waves": {"days": opts.wave_days, "min_size": opts.wave_min_size, "factor": opts.wave_factor},
        "clustering": cluster_info,
        "betweenness": dict(betweenness_info, exact_max=opts.exact_betweenness_max),
        "constraint": "Burt 1992, scipy sparse",
        "roles": {
            "insider_share": opts.insider_share,
            "connector_top": opts.connector_top,
            "gateway_participation": opts.gateway_participation,
            "outsider_max_degree": 1,
            "brokerage_groups": "sphere (personal, professional, both, none)",
        },
        "bridges": {"top": opts.top_bridges, "min_side_ties": 1},
    }
