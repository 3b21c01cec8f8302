"""Analyses of the ego network: overlap, clusters, inclusion / exclusion, bridges, roles, waves.

:func:`analyse` runs them all on a :class:`~netmix.model.Resolution` and fills a
:class:`~netmix.model.Analysis`. Each concept is a module of pure functions
(:mod:`.overlap`, :mod:`.clusters`, :mod:`.exclusion`, :mod:`.bridges`, :mod:`.roles`,
:mod:`.waves`) whose docstrings give the definitions and their sources.

What each figure rests on: structural measures (clusters found in ties, betweenness,
constraint, effective size, articulation points, participation, brokerage, ego roles, mutual
counts, bridges) use the **observed** ties only; inferred ties (same organisation, same
connection wave) are drawn on the map and group persons *without* observed ties into
affiliation clusters, but never count as evidence of structure (a projected ring of a large
company would otherwise create brokers out of nothing). ``params["structure"]`` says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..model import BOTH, CLUSTER_COLUMNS, PERSON_COLUMNS, Account, Analysis, Resolution

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


def _quiet(step: str) -> None:
    pass


def analyse(
    resolution: Resolution,
    accounts: Sequence[Account] | Mapping[str, str] = (),
    *,
    seed: int = 0,
    resolution_param: float = 1.0,
    labels: Mapping[str, str] | None = None,
    min_mutual: int = 3,
    exact_betweenness_max: int = 2000,
    betweenness_samples: int = 500,
    infer: bool = True,
    wave_days: int = 7,
    wave_min_size: int = 5,
    wave_factor: float = 3.0,
    insider_share: float = 0.8,
    connector_top: float = 0.05,
    gateway_participation: float = 0.5,
    top_bridges: int | None = 500,
    progress: Progress | None = None,
) -> Analysis:
    """Run every analysis on a resolution.

    Parameters
    ----------
    resolution : persons, contacts, ties and requests (:func:`netmix.resolution.resolve`).
    accounts : the ego's accounts (name → sphere), for per-account figures and columns.
    seed : seeds community detection and betweenness sampling.
    resolution_param : γ of the Leiden modularity (larger → smaller clusters).
    labels : user cluster labels (cluster → label; :func:`.clusters.load_labels`).
    min_mutual : the least mutual contacts that makes a non-contact "excluded".
    exact_betweenness_max : exact betweenness up to this many persons with ties, sampled above
        (``betweenness_samples`` sources).
    infer : add inferred ties (same organisation, same wave) to the graph.
    wave_days, wave_min_size, wave_factor : connection waves (:func:`.waves.detect_waves`).
    insider_share, connector_top, gateway_participation : ego-role parameters (:mod:`.roles`).
    top_bridges : rows kept in the bridges table (``None``: all).
    progress : called with a short step description (the CLI prints it on stderr).

    Returns
    -------
    :class:`~netmix.model.Analysis`, every table sorted, same input + seed → same output.
    """
    from .. import graph as gmod
    from ._adjacency import from_edges
    from .bridges import (
        articulation_points,
        betweenness,
        bridging_score,
        constraint,
        effective_size,
        participation,
        rank_bridges,
    )
    from .clusters import cluster_persons, composition, label_clusters, sphere_sides
    from .exclusion import exclusions, inclusion, mutual_counts
    from .overlap import account_spheres, overlap
    from .possible_bridges import counts as bridge_counts
    from .possible_bridges import with_possible_bridges
    from .roles import brokerage, dominant_role, ego_roles
    from .waves import detect_waves

    step = progress or _quiet
    spheres = account_spheres(accounts, resolution.contacts)
    acc_names = list(spheres)
    persons = resolution.persons.copy().astype({"person_id": str}).sort_values("person_id", kind="mergesort").reset_index(drop=True)
    for col in ("name", "accounts", "sphere", "is_contact", "company", "position", "first_connected"):
        if col not in persons.columns:
            persons[col] = ""
        persons[col] = persons[col].astype(object).where(persons[col].notna(), "").astype(str)
    ids = persons["person_id"].tolist()
    is_contact = persons["is_contact"].eq("1").to_numpy()

    # --- waves and edges ---------------------------------------------------------------------
    step("finding connection waves")
    contacts = resolution.contacts if resolution.contacts is not None else pd.DataFrame(columns=["account", "connected_on"])
    waves = detect_waves(contacts, days=wave_days, min_size=wave_min_size, factor=wave_factor)
    step("building the person graph")
    observed = gmod.observed_ties(resolution)
    inferred = gmod.merge_edges(gmod.inferred_ties(resolution, waves=waves)) if infer else observed.iloc[0:0]
    edges = gmod.merge_edges(pd.concat([observed, inferred], ignore_index=True), how="sum")
    obs_adj = from_edges(ids, observed["a"], observed["b"], observed["weight"])

    # --- clusters ----------------------------------------------------------------------------
    step("finding clusters")
    assigned, cluster_info = cluster_persons(persons, obs_adj, waves=waves, seed=seed, resolution=resolution_param)
    persons["cluster"] = assigned["cluster"].to_numpy()
    persons["cluster_basis"] = assigned["basis"].to_numpy()
    codes = np.full(len(persons), -1, dtype=np.int64)
    has = persons["cluster"].to_numpy() != ""
    if has.any():
        codes[has] = np.unique(persons["cluster"].to_numpy()[has], return_inverse=True)[1]

    # --- bridges and roles ---------------------------------------------------------------------
    step("measuring betweenness")
    bet, bet_info = betweenness(obs_adj, exact_max=exact_betweenness_max, samples=betweenness_samples, seed=seed)
    step("measuring structural holes (constraint, effective size)")
    con = constraint(obs_adj)
    esz = effective_size(obs_adj)
    art = articulation_points(obs_adj)
    par = participation(obs_adj, codes)
    deg = obs_adj.degree
    step("computing roles (brokerage, ego roles)")
    groups = np.where(persons["sphere"].to_numpy() == "", "none", persons["sphere"].to_numpy())
    brk = brokerage(obs_adj, groups)
    roles = ego_roles(
        obs_adj,
        codes,
        betweenness=bet,
        participation=par,
        articulation=art,
        eligible=is_contact,
        insider_share=insider_share,
        connector_top=connector_top,
        gateway_participation=gateway_participation,
    )
    side = sphere_sides(persons)
    pers_nb = _neighbour_count(obs_adj, side == "personal")
    prof_nb = _neighbour_count(obs_adj, side == "professional")
    mutual = mutual_counts(obs_adj, is_contact)

    persons["degree"] = deg
    persons["mutual"] = mutual
    persons["betweenness"] = bet
    persons["constraint"] = con
    persons["effective_size"] = esz
    persons["participation"] = par
    persons["articulation"] = art.astype(np.int64)
    persons["brokerage"] = brk["total"].to_numpy()
    persons["brokerage_role"] = dominant_role(brk)
    for r in ("coordinator", "itinerant", "gatekeeper", "liaison"):
        persons[f"brokerage_{r}"] = brk[r].to_numpy()
    persons["side"] = side
    persons["personal_ties"] = pers_nb
    persons["professional_ties"] = prof_nb
    persons["bridging_score"] = bridging_score(bet, con, par, deg)
    persons["ego_role"] = roles
    inf_adj = from_edges(ids, inferred["a"], inferred["b"]) if len(inferred) else None
    persons["inferred_degree"] = inf_adj.degree if inf_adj is not None else 0

    # --- labels, clusters table, exclusions --------------------------------------------------------
    step("labelling clusters and finding exclusions")
    lab = label_clusters(persons, labels=labels)
    label_of = dict(zip(lab["cluster"], lab["label"], strict=False))
    excl = exclusions(persons, obs_adj, requests=resolution.requests, labels=label_of, min_mutual=min_mutual)
    clusters = _clusters_table(persons, lab, acc_names, excl, composition, inclusion)
    bridges = rank_bridges(persons, top=top_bridges)
    bridges = bridges[
        ["person_id", "name", "rank", "bridge_kind", "bridging_score", "betweenness", "constraint", "effective_size",
         "participation", "articulation", "brokerage", "brokerage_role", "degree", "personal_ties",
         "professional_ties", "sphere", "side", "cluster", "ego_role"]
    ]
    bridges = with_possible_bridges(bridges, persons, obs_adj, resolution.doubles, exact_max=exact_betweenness_max)
    step("measuring overlap")
    ov = overlap(persons, spheres, contacts=resolution.contacts)

    step("building the networkx graph")
    front = list(PERSON_COLUMNS)
    persons_out = persons[front + [c for c in persons.columns if c not in front and c != "contact_ids"]]
    g = gmod.to_networkx(persons_out, edges, extra=("cluster", "ego_role"))

    n_obs = int(len(observed))
    summary = {
        "persons": int(len(persons)),
        "contacts": int(len(resolution.contacts)) if resolution.contacts is not None else 0,
        "contact_persons": int(is_contact.sum()),
        "non_contacts": int((~is_contact).sum()),
        "doubles": sum(len([a for a in s.split(";") if a]) >= 2 for s in persons["accounts"].tolist()),
        "both_spheres": int((persons["sphere"] == BOTH).sum()),
        "ties_observed": n_obs,
        "ties_inferred": int(len(inferred)),
        "edges": int(len(edges)),
        "clusters": int(cluster_info["clusters"]),
        "clusters_from_ties": int((clusters["basis"] == "ties").sum()) if len(clusters) else 0,
        "unclustered": int(cluster_info["unclustered"]),
        "exclusions": int(len(excl)),
        "exclusions_by_status": {k: int(v) for k, v in excl["status"].value_counts().sort_index().items()} if len(excl) else {},
        "bridges": bridge_counts(bridges),
        "sphere_bridges": int(((bridges["bridge_kind"] == "personal-professional") & (bridges["status"] == "confirmed")).sum()),
        "waves": int(len(waves)),
        "ego_roles": {k: int(v) for k, v in pd.Series(roles[is_contact]).value_counts().sort_index().items()},
        "share_professional_also_personal": ov["share_professional_also_personal"],
        "share_personal_also_professional": ov["share_personal_also_professional"],
        "vanish_if_deleted": ov["vanish_if_deleted"],
        "structure_rests_on": "observed ties" if n_obs else "nothing: no observed ties (give a tie file)",
    }
    params = {
        "seed": seed,
        "resolution": resolution_param,
        "min_mutual": min_mutual,
        "infer": infer,
        "inferred_ties": "same organisation + same wave; clique up to 8 members, else circulant ring k=2; weight 1/(n-1)",
        "structure": "observed ties",
        "waves": {"days": wave_days, "min_size": wave_min_size, "factor": wave_factor},
        "clustering": cluster_info,
        "betweenness": dict(bet_info, exact_max=exact_betweenness_max),
        "constraint": "Burt 1992, scipy sparse",
        "roles": {
            "insider_share": insider_share,
            "connector_top": connector_top,
            "gateway_participation": gateway_participation,
            "outsider_max_degree": 1,
            "brokerage_groups": "sphere (personal, professional, both, none)",
        },
        "bridges": {"top": top_bridges, "min_side_ties": 1},
    }
    return Analysis(
        persons=persons_out.reset_index(drop=True),
        clusters=clusters,
        exclusions=excl,
        bridges=bridges.reset_index(drop=True),
        waves=waves,
        overlap=ov,
        summary=summary,
        params=params,
        graph=g,
    )


def _neighbour_count(adj, mask: np.ndarray) -> np.ndarray:
    """Neighbours of every node for which ``mask`` is true."""
    return (np.bincount(adj.src[mask[adj.dst]], minlength=adj.n) + np.bincount(adj.dst[mask[adj.src]], minlength=adj.n)).astype(np.int64)


def _clusters_table(persons, lab, acc_names, excl, composition, inclusion) -> pd.DataFrame:
    comp = composition(persons)
    if comp.empty:
        cols = list(CLUSTER_COLUMNS) + ["label_source", "basis", "non_contacts", "contacts"] + [f"reach_{a}" for a in acc_names]
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    inc = inclusion(persons, acc_names)
    basis = persons[persons["cluster"] != ""].groupby("cluster")["cluster_basis"].first().rename("basis").reset_index()
    df = comp.merge(lab, on="cluster", how="left").merge(basis, on="cluster").merge(inc.drop(columns=["non_contacts"]), on="cluster")
    counts = excl.groupby(["cluster", "status"]).size().unstack(fill_value=0) if len(excl) else pd.DataFrame()
    df["other_sphere_only"] = df["cluster"].map(counts["other sphere only"] if "other sphere only" in counts else {}).fillna(0).astype(np.int64)
    kept_out = counts.drop(columns=["other sphere only"], errors="ignore").sum(axis=1) if len(counts) else {}
    df["kept_out"] = df["cluster"].map(kept_out).fillna(0).astype(np.int64)
    first = list(CLUSTER_COLUMNS)
    return df[first + [c for c in df.columns if c not in first]].sort_values("cluster").reset_index(drop=True)


__all__ = ["analyse"]
