"""Candidate pairs (blocking and shared identifiers) and their scores.

Pairs come from blocking keys (:func:`~netmix.resolution.normalise.block_keys`) and from shared
identifiers (profile URL, email, phone, platform id, handle). Each pair gets a confidence in
[0, 1] from log-odds evidence: how the names relate, how rare the name is, the same company,
and the contacts the two share in the tie files. Scoring is vectorised (numpy, rapidfuzz's
``cpdist``); only pairs that survive blocking are looked at.
"""

from __future__ import annotations

import logging
import math

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from ..util.arrays import contains, group_starts, texts, unique_sorted
from ..util.urls import normalise_url
from .entities import Entities
from .normalise import block_keys, compare_names, needs_comparison, normalise_email, normalise_name, normalise_phone

log = logging.getLogger(__name__)

WINDOW = 4  # sorted-neighbourhood window for spelling variants
MAX_BLOCK = 200  # blocks larger than this (a very common first name + initial) are skipped
CERTAIN = 0.95
REVIEW_FLOOR = 0.35

NAME_WEIGHT = {"exact": 3.0, "diminutive": 2.6, "subset": 1.2, "initial": 0.8}
PRIOR = -1.5
SAME_ACCOUNT = -1.5
NO_OVERLAP_PER_TIE = -0.45  # log-likelihood of "no shared contact" per tie of the less-tied side
NO_OVERLAP_CAP = -4.0
MIN_KNOWN = 3  # ties each side needs for a neighbourhood to count as known (possible homonym)
STRONG = ("exact", "diminutive")

ID_WORDS = {"url": "same profile URL", "email": "same email", "phone": "same phone", "pid": "same platform id", "handle": "same handle"}


def _ids(contacts: pd.DataFrame) -> pd.DataFrame:
    """Long table (ent, kind, value) of the contacts' normalised identifiers."""
    rows_e: list[int] = []
    rows_k: list[str] = []
    rows_v: list[str] = []
    cols = {c: texts(contacts[c]) for c in ("profile_url", "email", "phone", "platform_id", "handle", "platform", "account")}
    for i in range(len(contacts)):
        url = cols["profile_url"][i]
        if url:
            rows_e.append(i), rows_k.append("url"), rows_v.append(normalise_url(url).lower())
        plat = cols["platform"][i]
        if cols["platform_id"][i]:
            rows_e.append(i), rows_k.append("pid"), rows_v.append(f"{plat}:{cols['platform_id'][i]}")
        if cols["handle"][i]:
            rows_e.append(i), rows_k.append("handle"), rows_v.append(f"{plat}:{cols['handle'][i].lower().lstrip('@')}")
        for part in cols["email"][i].split(";") if cols["email"][i] else ():
            v = normalise_email(part)
            if v:
                rows_e.append(i), rows_k.append("email"), rows_v.append(v)
        for part in cols["phone"][i].split(";") if cols["phone"][i] else ():
            v = normalise_phone(part)
            if v:
                rows_e.append(i), rows_k.append("phone"), rows_v.append(v)
    ids = pd.DataFrame({"ent": np.asarray(rows_e, dtype=np.int64), "kind": rows_k, "value": rows_v})
    if ids.empty:
        return ids
    ids["account"] = [cols["account"][e] for e in ids["ent"]]
    ids = ids.drop_duplicates(["ent", "kind", "value"])
    # a mailbox or phone shared by two contacts of one account is a shared one (office, family)
    shared = ids[ids["kind"].isin(["email", "phone"])].groupby(["kind", "value", "account"]).size()
    generic = {(k, v) for (k, v, _a), c in shared.items() if c > 1}
    if generic:
        keep = [(k, v) not in generic for k, v in zip(ids["kind"], ids["value"], strict=False)]
        ids = ids[keep]
    return ids


def id_pairs(contacts: pd.DataFrame) -> pd.DataFrame:
    """Pairs (i < j) of contacts sharing an identifier, with the identifier kinds (``url;email``)."""
    ids = _ids(contacts)
    if ids.empty:
        return pd.DataFrame({"i": np.array([], dtype=np.int64), "j": np.array([], dtype=np.int64), "ids": pd.Series([], dtype=object)})
    m = ids.merge(ids, on=["kind", "value"], suffixes=("_a", "_b"))
    m = m[m["ent_a"] < m["ent_b"]]
    out = m.groupby(["ent_a", "ent_b"], sort=True)["kind"].agg(lambda s: ";".join(sorted(set(s)))).reset_index()
    return out.rename(columns={"ent_a": "i", "ent_b": "j", "kind": "ids"})


def block_pairs(ents: Entities) -> pd.DataFrame:
    """Pairs (i < j) of entities sharing a blocking key and allowed to be compared.

    ``i:`` (initial) keys only pair a name carrying an initial with another name; blocks larger
    than ``MAX_BLOCK`` (a very common word and prefix) are skipped, except same-name blocks.
    """
    t = ents.table
    n = len(t)
    nks = [normalise_name(x) for x in t["name"].tolist()]
    initial = np.array([k.has_initial for k in nks], dtype=bool)
    ntok = np.array([len(k.canon) for k in nks], dtype=np.int64)
    keys_of: dict[str, list[str]] = {}  # a name's blocking keys depend on its key alone
    all_keys = []
    for k in nks:
        ks = keys_of.get(k.key)
        if ks is None:
            ks = keys_of[k.key] = block_keys(k)
        all_keys.append(ks)
    key_col = [x for ks in all_keys for x in ks]
    ent = np.repeat(np.arange(n, dtype=np.int64), [len(ks) for ks in all_keys])
    codes, uniq = pd.factorize(np.array(key_col, dtype=object))
    kind = np.array([x[0] for x in uniq], dtype="U1")[codes]
    # initial keys matter only where a name carries an initial
    is_i = kind == "i"
    keep = ~is_i | contains(unique_sorted(codes[is_i & initial[ent]]), codes)
    ent, codes, kind = ent[keep], codes[keep], kind[keep]
    sizes = np.bincount(codes, minlength=len(uniq))[codes] if len(codes) else codes
    big = (sizes > MAX_BLOCK) & (kind != "k")
    if big.any():
        log.info("skipped %d blocking keys with more than %d names", len(unique_sorted(codes[big])), MAX_BLOCK)
    keep = (sizes >= 2) & ~big
    # every pair of entities sharing a key: sorted by key then entity, each with those after it
    order = np.lexsort((ent[keep], codes[keep]))
    ent, codes, kind, sizes = ent[keep][order], codes[keep][order], kind[keep][order], sizes[keep][order]
    first = group_starts(codes)
    pos = np.arange(len(codes)) - np.repeat(first, sizes[first])
    after = sizes - 1 - pos
    a = np.repeat(np.arange(len(codes)), after)
    b = a + 1 + np.arange(len(a)) - np.repeat(np.cumsum(after) - after, after)
    ea, eb, k = ent[a], ent[b], kind[a]
    allowed = ((k != "i") | initial[ea] | initial[eb]) & ((k != "s") | (ntok[ea] != ntok[eb]))
    blocked = unique_sorted(ea[allowed] * n + eb[allowed])
    near = _neighbourhood_pairs(t["key"])
    both = unique_sorted(np.concatenate([blocked, near["i"].to_numpy(dtype=np.int64) * n + near["j"].to_numpy(dtype=np.int64)]))
    pairs = pd.DataFrame({"i": both // n, "j": both % n, "blocked": contains(blocked, both)})
    i, j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
    contact = t["is_contact"].to_numpy(dtype=bool)
    tieset = t["tieset"].to_numpy()
    home = t["home"].to_numpy(dtype=object)
    ok = np.ones(len(pairs), dtype=bool)
    both_nodes = ~contact[i] & ~contact[j]
    ok &= ~(both_nodes & (tieset[i] == tieset[j]))
    node_i = ~contact[i] & contact[j]
    node_j = contact[i] & ~contact[j]
    ok &= ~(node_i & (home[i] == home[j]) & (home[i] != ""))
    ok &= ~(node_j & (home[i] == home[j]) & (home[j] != ""))
    return pairs[ok].reset_index(drop=True)


def _neighbourhood_pairs(keys: pd.Series, window: int = WINDOW) -> pd.DataFrame:
    """Sorted-neighbourhood pairs: names next to each other once sorted by key, and by reversed
    key (a spelling difference early or late in the name)."""
    k = keys.to_numpy(dtype=object)
    valid = np.flatnonzero(k != "")
    out_i, out_j = [], []
    for variant in (k[valid], np.array([x[::-1] for x in k[valid]], dtype=object)):
        order = valid[np.argsort(variant, kind="stable")]
        for off in range(1, window + 1):
            a, b = order[:-off], order[off:]
            out_i.append(np.minimum(a, b))
            out_j.append(np.maximum(a, b))
    if not out_i:
        return pd.DataFrame({"i": np.array([], dtype=np.int64), "j": np.array([], dtype=np.int64)})
    return pd.DataFrame({"i": np.concatenate(out_i).astype(np.int64), "j": np.concatenate(out_j).astype(np.int64)})


def candidate_pairs(ents: Entities, contacts: pd.DataFrame) -> pd.DataFrame:
    """All pairs to score: (i, j, ids) with ``ids`` the shared identifier kinds or ``""``."""
    bp = block_pairs(ents)
    ip = id_pairs(contacts)
    n = len(ents.table)
    kb = bp["i"].to_numpy(dtype=np.int64) * n + bp["j"].to_numpy(dtype=np.int64)
    ki = ip["i"].to_numpy(dtype=np.int64) * n + ip["j"].to_numpy(dtype=np.int64)
    keys = unique_sorted(np.concatenate([kb, ki]))  # sorted by (i, j)
    blocked = np.zeros(len(keys), dtype=bool)
    blocked[np.searchsorted(keys, kb)] = bp["blocked"].to_numpy(dtype=bool)
    ids = np.full(len(keys), "", dtype=object)
    ids[np.searchsorted(keys, ki)] = ip["ids"].to_numpy(dtype=object)
    return pd.DataFrame({"i": keys // n, "j": keys % n, "blocked": blocked, "ids": pd.Series(ids, dtype=object)})


def name_relations(ents: Entities, i: np.ndarray, j: np.ndarray, blocked: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per pair: the name relation (``exact``, ``diminutive``, ``initial``, ``subset``, ``""``) and fuzzy ratio 0..1.

    Word-level relations are looked for only in ``blocked`` pairs (the blocking keys were made
    to bring them together); the others get the fuzzy ratio of their keys.
    """
    t = ents.table
    key = t["key"].to_numpy(dtype=object)
    folded = t["folded"].to_numpy(dtype=object)
    rel = np.full(len(i), "", dtype=object)
    rel[folded[i] == folded[j]] = "exact"
    dim = (rel == "") & (key[i] == key[j]) & (key[i] != "")
    rel[dim] = "diminutive"
    fz = np.where(rel != "", 1.0, 0.0)
    rest = np.flatnonzero(rel == "")
    if len(rest):
        scores = process.cpdist(list(key[i[rest]]), list(key[j[rest]]), scorer=fuzz.ratio, workers=2)
        fz[rest] = np.asarray(scores, dtype=float) / 100.0
        names = t["name"].to_numpy(dtype=object)
        ri, rj = i[rest], j[rest]
        # only the names of these pairs need their word-level forms
        nks = {e: normalise_name(names[e]) for e in unique_sorted(np.concatenate([ri, rj])).tolist()}
        special = np.zeros(len(names), dtype=bool)
        ntok = np.zeros(len(names), dtype=np.int64)
        for e, k in nks.items():
            special[e] = needs_comparison(k)
            ntok[e] = len(k.canon)
        look_mask = special[ri] | special[rj] | (ntok[ri] != ntok[rj])
        if blocked is not None:
            look_mask &= blocked[rest]
        look = rest[look_mask]
        for p in look.tolist():
            r = compare_names(nks[int(i[p])], nks[int(j[p])])
            if r:
                rel[p] = r
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
    codes = np.sort(src * L + labels[dst])
    if len(codes):
        codes = codes[np.concatenate([[True], codes[1:] != codes[:-1]])]
    owner = codes // L
    lab = codes % L
    counts = np.bincount(owner, minlength=n)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
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
) -> pd.DataFrame:
    """Confidence, band, acceptance and homonym flag of every pair (vectorised).

    ``persons`` (a person label per entity, from the round before) lets the rarity of a name
    count distinct persons rather than contacts, so a within-account duplicate does not make
    its own name look common.

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
    contact = t["is_contact"].to_numpy(dtype=bool)
    group = t["group"].to_numpy(dtype=object)
    company = t["company"].to_numpy(dtype=object)
    key = t["key"].to_numpy(dtype=object)

    # rarity: how many contacts of one account carry the name (1 = rare)
    tc = t[t["is_contact"]]
    if persons is None:
        cts = tc.groupby(["account", "key"]).size()
    else:
        cts = tc.assign(p=persons[: len(tc)]).groupby(["account", "key"])["p"].nunique()
    per_key = cts.groupby(level="key").max()
    freq = pd.Series(key).map(per_key).fillna(1).to_numpy(dtype=float)
    f = np.maximum(freq[i], freq[j])

    w = np.full(len(i), PRIOR)
    name_w = np.select(
        [rel == "exact", rel == "diminutive", rel == "subset", rel == "initial", fz >= 0.92, fz >= 0.85],
        [NAME_WEIGHT["exact"], NAME_WEIGHT["diminutive"], NAME_WEIGHT["subset"], NAME_WEIGHT["initial"], 1.6, 0.6],
        default=-2.5,
    )
    w += name_w
    w += np.where(f <= 1, 0.5, -0.8 * np.log2(np.maximum(f, 1)))
    same_co = (company[i] != "") & (company[i] == company[j])
    diff_co = (company[i] != "") & (company[j] != "") & ~same_co
    w += np.where(same_co, 1.0, np.where(diff_co, -0.3, 0.0))
    k = shared.astype(float)
    w += np.where(k > 0, np.minimum(1.0 + 1.2 * np.log2(1 + k), 6.0), 0.0)
    both_ties = (deg[i] > 0) & (deg[j] > 0)
    min_deg = np.minimum(deg[i], deg[j])
    apart = both_ties & (shared == 0) & ~has_id
    w += np.where(apart, np.maximum(NO_OVERLAP_PER_TIE * min_deg, NO_OVERLAP_CAP), 0.0)
    homonym = apart & (min_deg >= MIN_KNOWN)
    same_group = group[i] == group[j]
    w += np.where(same_group, SAME_ACCOUNT, 0.0)
    conf = 1.0 / (1.0 + np.exp(-w))
    conf = np.where(has_id, 1.0, conf)

    node_pair = ~contact[i] | ~contact[j]
    node_ok = np.isin(rel, STRONG) & (shared >= 1)
    certain = has_id | ((conf >= CERTAIN) & both_ties & (shared >= 2))
    eligible = certain | ((conf >= threshold) & ~homonym)
    # nothing but the name (no tie known on either side, no id, no company): merged so the overlap
    # figures hold, but a homonym cannot be ruled out — the community manager reviews it
    name_only = (deg[i] == 0) & (deg[j] == 0) & ~has_id & ~same_co
    band = np.where(certain, "certain", np.where(eligible, np.where(name_only, "review", "likely"), "review"))
    # shared contacts never make up for different names (family, colleagues), and a friend's two
    # accounts in one account of the ego carry the same name (markers aside)
    name_ok = np.where(same_group, np.isin(rel, STRONG), (rel != "") | (fz >= 0.92)) | has_id
    accepted = eligible & ~homonym & name_ok & (~node_pair | node_ok | has_id)
    out = pairs[["i", "j", "ids"]].copy()
    out["rel"] = pd.Series(rel, index=out.index, dtype=object)
    out["fuzzy"] = fz
    out["shared"] = shared
    out["freq"] = f.astype(int)
    out["same_company"] = same_co
    out["both_ties"] = both_ties
    out["homonym"] = homonym
    out["same_group"] = same_group
    out["confidence"] = np.round(conf, 4)
    out["band"] = pd.Series(band, index=out.index, dtype=object)
    out["accepted"] = accepted
    out["ambiguous"] = False
    return out


def mark_ambiguous(scored: pd.DataFrame, margin: float = 0.05) -> pd.DataFrame:
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
    for x, ps in partners.items():
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


def evidence(row: pd.Series | dict, deg_i: int, deg_j: int) -> str:
    """The evidence of one scored pair in words: ``same name; 14 shared contacts; same company``."""
    parts: list[str] = []
    if row["ids"]:
        parts += [ID_WORDS.get(k, k) for k in str(row["ids"]).split(";")]
    rel = row["rel"]
    if rel == "exact":
        parts.append("same name")
    elif rel == "diminutive":
        parts.append("same name (short form)")
    elif rel == "initial":
        parts.append("name with an initial")
    elif rel == "subset":
        parts.append("name with an extra word")
    elif row["fuzzy"] >= 0.85:
        parts.append(f"similar name ({int(round(row['fuzzy'] * 100))}%)")
    else:
        parts.append("different names")
    if row["freq"] > 1:
        parts.append(f"common name ({row['freq']} contacts of one account)")
    elif rel in STRONG:
        parts.append("rare name")
    k = int(row["shared"])
    if k:
        parts.append(f"{k} shared contact{'s' if k > 1 else ''}")
    elif row["homonym"]:
        parts.append("no shared contact although both have ties: possible homonym")
    elif row["both_ties"]:
        parts.append("no shared contact (few ties known)")
    elif not (deg_i and deg_j):
        parts.append("ties unknown on " + ("both sides" if not (deg_i or deg_j) else "one side"))
    if row["same_company"]:
        parts.append("same company")
    if row.get("ambiguous"):
        parts.append("matches two people of this name equally: not merged")
    return "; ".join(parts)


def log_odds(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
