"""Scoring of candidate pairs: name relations, shared contacts, confidence, band and acceptance.

Each pair (from :mod:`netmix.resolution.blocking`) gets a confidence in [0, 1] from log-odds
evidence — how the names relate, how common the name is, the same company, the contacts the
two share in the tie files — with every weight named in :mod:`netmix.resolution.weights`.
Scoring is vectorised (numpy, rapidfuzz's ``cpdist``).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import scipy.sparse as sp
from rapidfuzz import fuzz, process

from ..util.arrays import filled, group_starts, unique_sorted
from .blocking import block_pairs, candidate_pairs, id_pairs
from .entities import Entities
from .frequencies import population_share
from .normalise import compare_names, needs_comparison, organisation
from .organisations import same_organisation
from .weights import (
    AMBIGUITY_MARGIN,
    CERTAIN,
    CERTAIN_MIN_SHARED,
    COMMON_NAME_PER_DOUBLING,
    DIFFERENT_COMPANY,
    DIFFERENT_NAME_WEIGHT,
    FUZZY_HIGH,
    FUZZY_HIGH_WEIGHT,
    FUZZY_LOW,
    FUZZY_LOW_WEIGHT,
    MIN_KNOWN,
    NAME_WEIGHT,
    NO_OVERLAP_CAP,
    NO_OVERLAP_PER_TIE,
    NODE_MIN_SHARED,
    ORG_MATCHES_COMPANY,
    POPULATION_MAX,
    POPULATION_MIN,
    POPULATION_PER_E,
    POPULATION_REF,
    PRIOR,
    RARE_NAME_WEIGHT,
    SAME_ACCOUNT,
    SAME_COMPANY,
    SHARED_BASE,
    SHARED_CAP,
    SHARED_MIN_FRACTION,
    SHARED_PER_DOUBLING,
    SIMILAR_MIN_SHARED,
    STRONG,
)

__all__ = [
    "NameTerms", "name_relations", "name_terms", "shared_counts", "score", "mark_ambiguous", "candidate_pairs", "block_pairs",
    "id_pairs",
]  # fmt: skip


def name_relations(
    ents: Entities, i: np.ndarray, j: np.ndarray, blocked: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Per pair: the name relation (``exact``, ``diminutive``, ``initial``, ``subset``, ``""``) and fuzzy ratio 0..1.

    Word-level relations are looked for only in ``blocked`` pairs (the blocking keys were made
    to bring them together); the others get the fuzzy ratio of their keys.
    """
    t = ents.table
    key_code, keys = pd.factorize(t["key"].to_numpy(dtype=object))
    folded_code = pd.factorize(t["folded"].to_numpy(dtype=object))[0]
    rel = filled(len(i), "")
    exact = folded_code[i] == folded_code[j]
    rel[exact] = "exact"
    named = np.asarray(keys != "", dtype=bool)[key_code]
    rel[~exact & (key_code[i] == key_code[j]) & named[i]] = "diminutive"
    fz = np.where(rel != "", 1.0, 0.0)
    rest = np.flatnonzero(rel == "")
    if len(rest):
        ri, rj = i[rest], j[rest]
        scores = process.cpdist(keys[key_code[ri]].tolist(), keys[key_code[rj]].tolist(), scorer=fuzz.ratio, workers=2)
        fz[rest] = np.asarray(scores, dtype=float) / 100.0
        nks = ents.names
        special = np.array([needs_comparison(k) for k in nks], dtype=bool)
        ntok = np.array([len(k.canon) for k in nks], dtype=np.int64)
        look_mask = special[ri] | special[rj] | (ntok[ri] != ntok[rj])
        if blocked is not None:
            look_mask &= blocked[rest]
        look = rest[look_mask]
        rel[look] = [compare_names(nks[a], nks[b]) for a, b in zip(i[look].tolist(), j[look].tolist(), strict=True)]
    return rel, fz


def shared_counts(n: int, edges: pd.DataFrame, labels: np.ndarray, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pair: how many neighbour labels (persons) ``i`` and ``j`` share; and each entity's degree."""
    if edges.empty:
        return np.zeros(len(i), dtype=np.int64), np.zeros(n, dtype=np.int64)
    u = edges["u"].to_numpy(dtype=np.int64)
    v = edges["v"].to_numpy(dtype=np.int64)
    src = np.concatenate([u, v])
    dst = np.concatenate([v, u])
    deg = np.bincount(src, minlength=n)
    L = int(labels.max()) + 1 if len(labels) else 1
    # each entity's distinct neighbour labels, sorted: the rows of an entity × label matrix (a counting sort by
    # entity, then short sorts within each row: twice as fast as sorting the codes src · L + label)
    rows = sp.csr_matrix((np.ones(len(src), dtype=np.int32), (src, labels[dst])), shape=(n, L))
    rows.sum_duplicates()
    counts = np.diff(rows.indptr)
    starts = rows.indptr[:-1].astype(np.int64)
    lab = rows.indices.astype(np.int64)
    codes = np.repeat(np.arange(n, dtype=np.int64), counts) * L + lab
    c_i = counts[i]
    total = int(c_i.sum())
    if total == 0:
        return np.zeros(len(i), dtype=np.int64), deg
    pair_of = np.repeat(np.arange(len(i)), c_i)
    offs = np.arange(total) - np.repeat(np.cumsum(c_i) - c_i, c_i)
    labs = lab[np.repeat(starts[i], c_i) + offs]
    # do not count the partners themselves
    keep = (labs != labels[j][pair_of]) & (labs != labels[i][pair_of])
    query = j[pair_of] * L + labs
    pos = np.searchsorted(codes, query)
    pos[pos >= len(codes)] = 0
    found = (codes[pos] == query) & keep
    return np.bincount(pair_of[found], minlength=len(i)), deg


def _name_counts(ents: Entities, persons: np.ndarray | None) -> np.ndarray:
    """Per entity: how many persons (contacts before the first round) of one account carry its name key, at most."""
    t = ents.table
    n = ents.n_contacts  # the contacts are the first rows
    key, keys = pd.factorize(t["key"].to_numpy(dtype=object))
    acc = pd.factorize(t["account"].to_numpy(dtype=object)[:n])[0]
    combo = acc.astype(np.int64) * len(keys) + key[:n]
    if persons is not None:  # each person once per (account, key)
        combo = unique_sorted(combo * len(t) + persons[:n]) // len(t)
    combo = np.sort(combo)
    first = group_starts(combo)
    per_key = np.zeros(len(keys), dtype=np.int64)
    np.maximum.at(per_key, combo[first] % len(keys), np.diff(np.append(first, len(combo))))
    counts = per_key[key]
    return np.where(counts > 0, counts, 1).astype(float)


def _population(t: pd.DataFrame, i: np.ndarray, j: np.ndarray, rel: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per pair of related names: the population source, the name's probability and its log-odds term (0 when unknown)."""
    key = t["key"].to_numpy(dtype=object)
    strong = np.flatnonzero(np.isin(rel, STRONG))
    codes, names = pd.factorize(np.concatenate([key[i[strong]], key[j[strong]]]))
    found = [population_share(tuple(name.split())) for name in names]
    name_src = np.array([s for s, _ in found], dtype=object)
    name_share = np.array([p for _, p in found], dtype=float)
    ci, cj = codes[: len(strong)], codes[len(strong) :]
    best = np.where(name_share[cj] > name_share[ci], cj, ci)  # the likelier name's, the first on a tie
    src = filled(len(i), "")
    share = np.zeros(len(i))
    src[strong], share[strong] = name_src[best], name_share[best]
    known = share > 0
    term = np.zeros(len(i))
    term[known] = np.clip(POPULATION_PER_E * np.log(POPULATION_REF / share[known]), POPULATION_MIN, POPULATION_MAX)
    return src, share, term


def _org_matches(t: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pair: the organisation written in either account name, and whether it names the other side's company."""
    names = t["name"].to_numpy(dtype=object)
    company = t["company"].to_numpy(dtype=object)
    ends = unique_sorted(np.concatenate([i, j]))
    org_of = filled(len(names), "")
    org_of[ends] = [
        organisation(n) if ("(" in n or " - " in n or "[" in n or "–" in n or "|" in n) else "" for n in names[ends].tolist()
    ]
    oi, oj = org_of[i], org_of[j]
    org = np.where(oj != "", oj, oi)
    match = np.zeros(len(i), dtype=bool)
    for own, other in ((oi, company[j]), (oj, company[i])):
        has = np.flatnonzero(own != "")
        same = [same_organisation(o, c) for o, c in zip(own[has].tolist(), other[has].tolist(), strict=True)]
        match[has] |= np.array(same, dtype=bool)
    return org, match


def _log_odds(
    t: pd.DataFrame, i: np.ndarray, j: np.ndarray, rel: np.ndarray, fz: np.ndarray, f: np.ndarray, shared: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The log-odds of every pair without the tie terms, and whether both name the same company."""
    company = t["company"].to_numpy(dtype=object)
    w = np.full(len(i), PRIOR)
    w += np.select(
        [rel == "exact", rel == "diminutive", rel == "subset", rel == "initial", fz >= FUZZY_HIGH, fz >= FUZZY_LOW],
        [
            NAME_WEIGHT["exact"],
            NAME_WEIGHT["diminutive"],
            NAME_WEIGHT["subset"],
            NAME_WEIGHT["initial"],
            FUZZY_HIGH_WEIGHT,
            FUZZY_LOW_WEIGHT,
        ],
        default=DIFFERENT_NAME_WEIGHT,
    )
    w += np.where(f <= 1, RARE_NAME_WEIGHT, COMMON_NAME_PER_DOUBLING * np.log2(np.maximum(f, 1)))
    same_co = (company[i] != "") & (company[i] == company[j])
    diff_co = (company[i] != "") & (company[j] != "") & ~same_co
    w += np.where(same_co, SAME_COMPANY, np.where(diff_co, DIFFERENT_COMPANY, 0.0))
    k = shared.astype(float)
    w += np.where(k > 0, np.minimum(SHARED_BASE + SHARED_PER_DOUBLING * np.log2(1 + k), SHARED_CAP), 0.0)
    return w, same_co


class NameTerms(NamedTuple):
    """What the score of a pair takes from the names and companies alone (:func:`name_terms`): the same in every
    round, found once."""

    pop_source: np.ndarray  # the population a name's rarity comes from ("" unknown)
    pop_share: np.ndarray
    pop_term: np.ndarray  # its log-odds term
    org: np.ndarray  # the organisation written in either account name
    org_match: np.ndarray  # whether it names the other side's company


def name_terms(ents: Entities, pairs: pd.DataFrame, rel: np.ndarray) -> NameTerms:
    """:class:`NameTerms` of every pair, given its name relation ``rel``."""
    i = pairs["i"].to_numpy(dtype=np.int64)
    j = pairs["j"].to_numpy(dtype=np.int64)
    return NameTerms(*_population(ents.table, i, j, rel), *_org_matches(ents.table, i, j))


def score(
    ents: Entities,
    pairs: pd.DataFrame,
    rel: np.ndarray,
    fz: np.ndarray,
    shared: np.ndarray,
    deg: np.ndarray,
    *,
    threshold: float,
    persons: np.ndarray | None = None,
    terms: NameTerms | None = None,
) -> pd.DataFrame:
    """Confidence, band, acceptance and homonym flag of every pair (vectorised).

    ``persons`` (a person label per entity, from the round before) lets the rarity of a name
    count distinct persons rather than contacts, so a within-account duplicate does not make
    its own name look common. ``terms``: :func:`name_terms` of these pairs, when already found.

    No shared contact although both sides have ties counts against a pair in proportion to the
    ties of the less-tied side (a friend tied to one person on each side may well share none);
    with at least ``MIN_KNOWN`` ties each side, the pair is a possible homonym: never merged,
    band ``review``. A pair resting on the name alone (no tie known on either side, no id, no
    shared company) is merged above the threshold but banded ``review``: lists alone cannot rule
    out a homonym.
    """
    t = ents.table
    i = pairs["i"].to_numpy(dtype=np.int64)
    j = pairs["j"].to_numpy(dtype=np.int64)
    has_id = pairs["ids"].to_numpy(dtype=object) != ""
    group = t["group"].to_numpy(dtype=object)
    freq = _name_counts(ents, persons)
    f = np.maximum(freq[i], freq[j])
    both_ties = (deg[i] > 0) & (deg[j] > 0)
    min_deg = np.minimum(deg[i], deg[j])
    # a contact or two in common among a hundred is chance, not evidence: counted as none
    chance = both_ties & (shared > 0) & (shared < SHARED_MIN_FRACTION * min_deg) & ~has_id
    raw_shared, shared = shared, np.where(chance, 0, shared)
    w, same_co = _log_odds(t, i, j, rel, fz, f, shared)
    pop_src, pop_share, pop_term, org, org_match = terms if terms is not None else name_terms(ents, pairs, rel)
    w += pop_term
    w += np.where(org_match & ~same_co, ORG_MATCHES_COMPANY, 0.0)
    apart = both_ties & (shared == 0) & ~has_id
    w += np.where(apart, np.maximum(NO_OVERLAP_PER_TIE * min_deg, NO_OVERLAP_CAP), 0.0)
    homonym = apart & (min_deg >= MIN_KNOWN)
    same_group = group[i] == group[j]
    w += np.where(same_group, SAME_ACCOUNT, 0.0)
    conf = np.where(has_id, 1.0, 1.0 / (1.0 + np.exp(-w)))
    band, accepted = _decide(t, i, j, rel, fz, conf, shared, deg, has_id, same_co, homonym, same_group, threshold)
    cols = {"rel": rel, "fuzzy": fz, "shared": raw_shared, "chance": chance, "freq": f.astype(int), "same_company": same_co}
    cols |= {"pop_source": pop_src, "pop_share": pop_share, "org": org, "org_match": org_match, "both_ties": both_ties}
    cols |= {
        "homonym": homonym,
        "same_group": same_group,
        "confidence": np.round(conf, 4),
        "band": band.astype(object),
        "accepted": accepted,
    }
    return _scored_frame(pairs, cols)


def _scored_frame(pairs: pd.DataFrame, cols: dict[str, np.ndarray]) -> pd.DataFrame:
    """The scored pairs: ``i``, ``j``, ``ids`` then every column of ``cols`` (object arrays stay object), ``ambiguous`` last."""
    out = pairs[["i", "j", "ids"]].copy()
    for name, values in cols.items():
        out[name] = pd.Series(values, index=out.index, dtype=object) if values.dtype == object else values
    out["ambiguous"] = False
    return out


def _decide(
    t: pd.DataFrame,
    i: np.ndarray,
    j: np.ndarray,
    rel: np.ndarray,
    fz: np.ndarray,
    conf: np.ndarray,
    shared: np.ndarray,
    deg: np.ndarray,
    has_id: np.ndarray,
    same_co: np.ndarray,
    homonym: np.ndarray,
    same_group: np.ndarray,
    threshold: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Band (certain / likely / review) and acceptance of every pair."""
    contact = t["is_contact"].to_numpy(dtype=bool)
    both_ties = (deg[i] > 0) & (deg[j] > 0)
    node_pair = ~contact[i] | ~contact[j]
    node_ok = np.isin(rel, STRONG) & (shared >= NODE_MIN_SHARED)
    certain = has_id | ((conf >= CERTAIN) & both_ties & (shared >= CERTAIN_MIN_SHARED))
    # a spelling variant with ties on both sides needs more than one contact in common
    weak_similar = (rel == "") & both_ties & (shared < SIMILAR_MIN_SHARED) & ~has_id
    eligible = certain | ((conf >= threshold) & ~homonym & ~weak_similar)
    # nothing but the name (no tie known on either side, no id, no company): merged so the overlap
    # figures hold, but a homonym cannot be ruled out — the community manager reviews it
    name_only = (deg[i] == 0) & (deg[j] == 0) & ~has_id & ~same_co
    band = np.where(certain, "certain", np.where(eligible, np.where(name_only, "review", "likely"), "review"))
    # shared contacts never make up for different names (family, colleagues), and a friend's two
    # accounts in one account of the ego carry the same name (markers aside)
    name_ok = np.where(same_group, np.isin(rel, STRONG), (rel != "") | (fz >= FUZZY_HIGH)) | has_id
    accepted = eligible & ~homonym & name_ok & (~node_pair | node_ok | has_id)
    return band, accepted


def mark_ambiguous(scored: pd.DataFrame, margin: float = AMBIGUITY_MARGIN) -> pd.DataFrame:
    """Refuse both matches of a contact that matches two possible homonyms about equally.

    A LinkedIn "Richard Edwards" (no ties) that matches the perso and the pro "Richard Edwards",
    who are possible homonyms of each other, cannot say which of them it is: both pairs are left
    to review unless one is stronger by ``margin``.
    """
    hom = scored[scored["homonym"]]
    if hom.empty:
        return scored
    forbidden = set(zip(hom["i"].tolist(), hom["j"].tolist(), strict=False))
    acc = scored[scored["accepted"]]
    partners: dict[int, list[tuple[int, float, int]]] = {}
    for row, a, b, c in zip(acc.index.tolist(), acc["i"].tolist(), acc["j"].tolist(), acc["confidence"].tolist(), strict=False):
        partners.setdefault(a, []).append((b, c, row))
        partners.setdefault(b, []).append((a, c, row))
    bad: set[int] = set()
    for ps in partners.values():
        if len(ps) < 2:
            continue
        for n, (y1, c1, r1) in enumerate(ps):
            for y2, c2, r2 in ps[n + 1 :]:
                if (min(y1, y2), max(y1, y2)) in forbidden and abs(c1 - c2) < margin:
                    bad |= {r1, r2}
    if bad:
        idx = sorted(bad)
        scored.loc[idx, "accepted"] = False
        scored.loc[idx, "ambiguous"] = True
        scored.loc[idx, "band"] = "review"
    return scored
