"""Possible bridges: same-name pairs across the spheres, kept apart, scored as if they were one person.

A person who bridges the ego's two worlds and two different people who share a name look the
same in the ties: one node tied only to personal circles, one tied only to professional circles,
nobody in common. Resolution keeps such pairs apart (possible homonyms); here each is scored as
if it were one person — its two neighbourhoods joined — and placed at the rank it would have in
the bridges table, marked ``unconfirmed``, so that the user decides the pairs that matter first.

Columns added to the bridges table: ``status`` (``confirmed`` / ``unconfirmed``), ``person_ids``
(``a;b`` for a possible bridge), ``accounts`` and ``names`` (both halves), and ``org_cluster``: for a
possible bridge whose account name carries an organisation ("Emma Roger (OT Pau)"), the cluster of
one of its halves whose own organisation (the company its members share,
:func:`.labels.cluster_organisations`) is that one (:func:`netmix.resolution.organisations.same_organisation`),
else blank. It is evidence for the reader (review.csv words it), not a weight: a namesake working
there has the same cluster.

The merged node's figures: degree and ties per side add up (the neighbourhoods are disjoint);
participation is recomputed over the joined neighbourhood and sphere participation from the summed
ties per side; constraint is the strength-weighted
combination ``(s_a² c_a + s_b² c_b) / (s_a + s_b)²`` (Burt's constraint of a node whose two
neighbourhoods share no tie); betweenness is recomputed exactly on the graph with the two nodes
contracted (igraph) when at most ``exact_max`` persons have ties, else ``b_a + b_b`` (a lower
bound: the paths newly joined through the merged node are not counted).

>>> counts(pd.DataFrame({"status": ["confirmed", "unconfirmed", "confirmed"]}))
{'confirmed': 2, 'possible': 1}
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..resolution.facts import Fact
from ..resolution.normalise import normalise_names
from ..resolution.organisations import same_organisation
from ..util.arrays import mid_rank
from ..util.igraph_tools import load_igraph
from ._adjacency import Adjacency
from .bridges import BRIDGE_KINDS, score_terms, sphere_participation
from .labels import cluster_organisations

__all__ = ["with_possible_bridges", "candidates", "counts", "name_organisation", "organisation_cluster", "STATUS"]

STATUS: tuple[str, ...] = ("confirmed", "unconfirmed")


def counts(bridges: pd.DataFrame) -> dict[str, int]:
    """``{"confirmed": n, "possible": m}`` of a bridges table with a ``status`` column."""
    st = bridges["status"].tolist() if "status" in bridges.columns else ["confirmed"] * len(bridges)
    return {"confirmed": st.count("confirmed"), "possible": st.count("unconfirmed")}


def candidates(doubles: pd.DataFrame, persons: pd.DataFrame, adj: Adjacency) -> list[dict]:
    """Unmerged same-name pairs whose two persons sit in different spheres with disjoint contacts (not decided *not same*).

    ``persons`` are in ``adj``'s node order (as :func:`with_possible_bridges` takes them).
    """
    if doubles is None or not len(doubles):
        return []
    at = adj.index
    sphere = persons["sphere"].to_numpy(dtype=object)
    name = persons["name"].to_numpy(dtype=object)
    decision = doubles["decision"].astype(str).to_numpy() if "decision" in doubles else np.full(len(doubles), "")
    pairs = doubles["person_id"].astype(str).str.split(";").to_numpy()
    nbs = adj.neighbours
    across = []  # (row, a, b) of the pairs whose two persons sit in different spheres
    for i in np.flatnonzero(decision != "not same"):  # "not same": the user said they are two people
        ids = [x for x in pairs[i] if x]
        if len(ids) != 2 or not all(x in at for x in ids):
            continue
        a, b = ids
        if {sphere[at[a]], sphere[at[b]]} == {"personal", "professional"}:
            across.append((i, a, b))
    keys = normalise_names(str(name[at[x]]) for _, a, b in across for x in (a, b))
    out = []
    for k, (i, a, b) in enumerate(across):
        if keys[2 * k].key != keys[2 * k + 1].key:
            continue
        ia, ib = at[a], at[b]
        na, nb = set(nbs[ia].tolist()), set(nbs[ib].tolist())
        if not na or not nb or na & nb or ib in na:
            continue
        out.append({"a": a, "b": b, "ia": ia, "ib": ib, "row": doubles.iloc[i].to_dict()})
    return out


def name_organisation(evidence: object) -> str:
    """The organisation written in an account name, from a double's evidence facts (``""`` when none).

    >>> name_organisation((Fact("name.exact"), Fact("organisation", {"org": "OT Pau"})))
    'OT Pau'
    """
    for f in evidence if isinstance(evidence, tuple) else ():
        if isinstance(f, Fact) and f.code.startswith("organisation") and f.args.get("org"):
            return str(f.args["org"])
    return ""


def organisation_cluster(org: str, clusters: list[str], organisations: dict[str, str]) -> str:
    """The first of ``clusters`` whose organisation is ``org`` (:func:`same_organisation`), or ``""``.

    >>> organisation_cluster("OT Pau", ["c04", "c07"], {"c04": "Le Petit Béarnais", "c07": "Office de Tourisme de Pau"})
    'c07'
    """
    if not org:
        return ""
    return next((c for c in clusters if c in organisations and same_organisation(org, organisations[c])), "")


def _contracted_betweenness(adj: Adjacency, ia: int, ib: int) -> float:
    """Exact betweenness of the node made of ``ia`` and ``ib`` (normalised as networkx does)."""
    ig = load_igraph()
    n = adj.n
    remap = np.arange(n)
    remap[ib] = ia
    src, dst = remap[adj.src], remap[adj.dst]
    keep = src != dst
    g = ig.Graph(n=n, edges=np.stack([src[keep], dst[keep]], axis=1).tolist())
    g.simplify()
    raw = float(g.betweenness(vertices=[ia], directed=False)[0])
    n1 = n - 1  # one node fewer once the two are one
    return raw * 2.0 / ((n1 - 1) * (n1 - 2)) if n1 > 2 else 0.0


def _percentile_without(value: float, ordered: np.ndarray, own: tuple[float, float]) -> float:
    """:func:`.bridges.percentile_rank` of ``value`` among the sorted values ``ordered`` once the two
    values ``own`` are taken out and ``value`` is put in (the merged person replaces its halves)."""
    if value <= 0:
        return 0.0
    below = int(np.searchsorted(ordered, value, side="left")) - sum(v < value for v in own)
    upto = int(np.searchsorted(ordered, value, side="right")) - sum(v <= value for v in own) + 1
    return float(mid_rank(below, upto, ordered.size - 1))


def _merged(c: dict, persons: pd.DataFrame, adj: Adjacency, nbs: list[np.ndarray], exact_max: int, ordered: np.ndarray) -> dict:
    """The bridge figures of candidate ``c`` as one person (``ordered``: every person's betweenness, sorted)."""
    ia, ib = c["ia"], c["ib"]
    pa, pb = persons.iloc[ia], persons.iloc[ib]
    joined = np.concatenate([nbs[ia], nbs[ib]])
    degree = len(joined)
    cl = np.asarray(persons["cluster"].iloc[joined], dtype=object)
    lone = [f"\0{k}" for k in range(int((cl == "").sum()))]
    keys = np.concatenate([cl[cl != ""], np.array(lone, dtype=object)]) if lone else cl
    _, k_s = np.unique(keys.astype(str), return_counts=True)
    part = 1.0 - float(np.sum((k_s / degree) ** 2)) if degree else 0.0
    s = adj.strength
    sa, sb = float(s[ia]), float(s[ib])
    ca, cb = (float(np.nan_to_num(pa["constraint"], nan=1.0)), float(np.nan_to_num(pb["constraint"], nan=1.0)))
    con = (sa * sa * ca + sb * sb * cb) / (sa + sb) ** 2 if sa + sb else 1.0
    bet = _contracted_betweenness(adj, ia, ib) if adj.tied.size <= exact_max else float(pa["betweenness"] + pb["betweenness"])
    halves = (float(pa["betweenness"]), float(pb["betweenness"]))
    pct = _percentile_without(bet, ordered, halves)
    p_ties = int(pa["personal_ties"] + pb["personal_ties"])
    q_ties = int(pa["professional_ties"] + pb["professional_ties"])
    sph = float(sphere_participation(np.array([p_ties]), np.array([q_ties]))[0])
    score = float(score_terms(pct, part, con, sph)) if degree >= 2 else 0.0
    kind = ""
    if degree >= 2:
        kind = BRIDGE_KINDS[0] if (p_ties >= 1 and q_ties >= 1) else (BRIDGE_KINDS[1] if part > 0 else "")
    return {
        "bridge_kind": kind,
        "bridging_score": float(score),
        "betweenness": float(bet),
        "constraint": float(con),
        "participation": float(part),
        "sphere_participation": sph,
        "degree": int(degree),
        "personal_ties": p_ties,
        "professional_ties": q_ties,
    }


_KIND_ORDER = {k: i for i, k in enumerate(BRIDGE_KINDS)}


def _bridge_keys(bridges: pd.DataFrame) -> list[tuple[int, float, float]]:
    """The confirmed bridges' order keys: kind, then score and betweenness, both descending."""
    columns = (bridges[c].tolist() for c in ("bridge_kind", "bridging_score", "betweenness"))
    return [(_KIND_ORDER.get(k, 9), -float(sc), -float(b)) for k, sc, b in zip(*columns, strict=True)]


def _rank_if_same(keys: list[tuple[int, float, float]], m: dict) -> int:
    """The rank the merged person would take among the confirmed bridges (their :func:`_bridge_keys`)."""
    key = (_KIND_ORDER[m["bridge_kind"]], -m["bridging_score"], -m["betweenness"])
    return sum(1 for k in keys if k <= key) + 1


def with_possible_bridges(
    bridges: pd.DataFrame, persons: pd.DataFrame, adj: Adjacency, doubles: pd.DataFrame | None, *, exact_max: int = 2000
) -> pd.DataFrame:
    """The bridges table with ``status``, ``person_ids``, ``accounts``, ``names``, and the possible bridges at their rank.

    ``persons`` are in ``adj``'s node order with the bridge metrics (as :func:`netmix.analysis.analyse`
    computes them); ``doubles`` is the resolution's doubles table (its unmerged pairs hold ``a;b`` ids).
    """
    out = bridges.copy()
    acc = dict(zip(persons["person_id"], persons["accounts"], strict=False))
    out["status"] = "confirmed"
    out["person_ids"] = out["person_id"]
    out["accounts"] = [acc.get(p, "") for p in out["person_id"]]
    out["names"] = out["name"]
    out["org_cluster"] = ""
    nbs = adj.neighbours
    orgs = cluster_organisations(persons)
    ordered = np.sort(persons["betweenness"].to_numpy(dtype=float))
    keys = _bridge_keys(bridges)
    rows = []
    for c in candidates(doubles if doubles is not None else pd.DataFrame(), persons, adj):
        m = _merged(c, persons, adj, nbs, exact_max, ordered)
        if not m["bridge_kind"]:
            continue
        pa, pb = persons.iloc[c["ia"]], persons.iloc[c["ib"]]
        row: dict[str, object] = {col: "" for col in out.columns}
        row.update(m)
        row.update(
            person_id=str(c["row"]["person_id"]),
            name=str(c["row"]["name"]),
            rank=_rank_if_same(keys, m),
            status="unconfirmed",
            person_ids=f"{c['a']};{c['b']}",
            accounts=str(c["row"]["accounts"]),
            names=str(c["row"]["names"]),
            sphere="",
            side="",
            cluster=";".join(x for x in (pa["cluster"], pb["cluster"]) if x),
            articulation=0,
            org_cluster=organisation_cluster(name_organisation(c["row"].get("evidence")), [pa["cluster"], pb["cluster"]], orgs),
        )
        rows.append(row)
    if rows:
        out = pd.concat([out, pd.DataFrame(rows, columns=out.columns)], ignore_index=True)
        out["_s"] = (out["status"] != "confirmed").astype(int)
        out = out.sort_values(["rank", "_s", "person_id"], kind="mergesort").drop(columns="_s").reset_index(drop=True)
    return out
