"""Candidate pairs: blocking keys, sorted neighbourhoods and shared identifiers.

Pairs come from blocking keys (:func:`~netmix.resolution.normalise.block_keys`), from a sorted
neighbourhood of the name keys (spelling variants early or late in a name) and from shared
identifiers (profile URL, email, phone, platform id, handle). Only these pairs are scored
(:mod:`netmix.resolution.match`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..util.arrays import contains, filled, group_starts, text_order, texts, unique_sorted
from ..util.urls import normalise_url
from .entities import Entities
from .normalise import NameKey, block_keys, normalise_email, normalise_phone
from .weights import MAX_BLOCK, WINDOW

__all__ = ["id_pairs", "block_pairs", "candidate_pairs", "url_key"]

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1 << 17)
def url_key(url: str) -> str:
    """A profile URL as a key: normalised and lower-cased (cached: contacts' URLs are looked up again for requests)."""
    return normalise_url(url).lower()


def _ids(contacts: pd.DataFrame) -> pd.DataFrame:
    """Long table (ent, kind, value) of the contacts' normalised identifiers."""
    rows_e: list[int] = []
    rows_k: list[str] = []
    rows_v: list[str] = []

    def add(e: int, kind: str, value: str) -> None:
        rows_e.append(e)
        rows_k.append(kind)
        rows_v.append(value)

    cols = {c: texts(contacts[c]) for c in ("profile_url", "email", "phone", "platform_id", "handle", "platform", "account")}
    for i in range(len(contacts)):
        url = cols["profile_url"][i]
        if url:
            add(i, "url", url_key(url))
        plat = cols["platform"][i]
        if cols["platform_id"][i]:
            add(i, "pid", f"{plat}:{cols['platform_id'][i]}")
        if cols["handle"][i]:
            add(i, "handle", f"{plat}:{cols['handle'][i].lower().lstrip('@')}")
        for part in cols["email"][i].split(";") if cols["email"][i] else ():
            v = normalise_email(part)
            if v:
                add(i, "email", v)
        for part in cols["phone"][i].split(";") if cols["phone"][i] else ():
            v = normalise_phone(part)
            if v:
                add(i, "phone", v)
    text = {"kind": pd.Series(rows_k, dtype=object), "value": pd.Series(rows_v, dtype=object)}
    ids = pd.DataFrame({"ent": np.asarray(rows_e, dtype=np.int64), **text})
    if ids.empty:
        return ids
    ids["account"] = pd.Series([cols["account"][e] for e in ids["ent"]], index=ids.index, dtype=object)
    ids = ids.drop_duplicates(["ent", "kind", "value"])
    # a mailbox or phone shared by two contacts of one account is a shared one (office, family)
    shared = ids[ids["kind"].isin(["email", "phone"])].groupby(["kind", "value", "account"]).size()
    generic = {(str(key[0]), str(key[1])) for key, c in shared.items() if isinstance(key, tuple) and c > 1}
    if generic:
        keep = [(k, v) not in generic for k, v in zip(ids["kind"], ids["value"], strict=False)]
        ids = ids[keep]
    return ids


def id_pairs(contacts: pd.DataFrame) -> pd.DataFrame:
    """Pairs (i < j) of contacts sharing an identifier, with the identifier kinds (``url;email``)."""
    ids = _ids(contacts)
    if ids.empty:
        return pd.DataFrame(
            {"i": np.array([], dtype=np.int64), "j": np.array([], dtype=np.int64), "ids": pd.Series([], dtype=object)}
        )
    m = ids.merge(ids, on=["kind", "value"], suffixes=("_a", "_b"))
    m = m[m["ent_a"] < m["ent_b"]]
    out = m.groupby(["ent_a", "ent_b"], sort=True)["kind"].agg(lambda s: ";".join(sorted(set(s)))).reset_index()
    return out.rename(columns={"ent_a": "i", "ent_b": "j", "kind": "ids"})


def _key_codes(nks: Sequence[NameKey]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every (entity, blocking key) as arrays: entity, key code, key kind, and per entity
    whether its name carries an initial and how many words it has."""
    initial = np.array([k.has_initial for k in nks], dtype=bool)
    ntok = np.array([len(k.canon) for k in nks], dtype=np.int64)
    by_key = {k.key: k for k in nks}  # a name's blocking keys depend on its key alone
    # initial keys matter only where a name carries an initial: those of such names, and the same keys of other names
    wanted = {x for k in {nk.key for nk in nks if nk.has_initial} for x in block_keys(by_key[k]) if x.startswith("i:")}
    words = frozenset(x[2:].rpartition("|")[0] for x in wanted)
    keys_of = {k: block_keys(nk, initial_words=words) for k, nk in by_key.items()}
    if wanted:
        keys_of = {k: [x for x in ks if not x.startswith("i:") or x in wanted] for k, ks in keys_of.items()}
    all_keys = [keys_of[k.key] for k in nks]
    key_col = [x for ks in all_keys for x in ks]
    ent = np.repeat(np.arange(len(nks), dtype=np.int64), [len(ks) for ks in all_keys])
    codes, uniq = pd.factorize(np.array(key_col, dtype=object))
    kind = np.array([x[0] for x in uniq], dtype="U1")[codes]
    return ent, codes, kind, initial, ntok


def _keyed_pairs(nks: Sequence[NameKey]) -> np.ndarray:
    """Sorted codes ``i * n + j`` (``n`` entities) of the entity pairs sharing a blocking key and allowed to be compared."""
    n = len(nks)
    ent, codes, kind, initial, ntok = _key_codes(nks)
    sizes = np.bincount(codes)[codes] if len(codes) else codes
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
    return unique_sorted(ea[allowed] * n + eb[allowed])


def block_pairs(ents: Entities) -> pd.DataFrame:
    """Pairs (i < j) of entities sharing a blocking key and allowed to be compared.

    ``i:`` (initial) keys only pair a name carrying an initial with another name; blocks larger
    than ``MAX_BLOCK`` (a very common word and prefix) are skipped, except same-name blocks.
    Two nodes of one tie file, and a node with a contact of the account that owns the tie file,
    are never compared (a tie file names each person once).
    """
    t = ents.table
    n = len(t)
    blocked = _keyed_pairs(ents.names)
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
        order = valid[text_order(variant)]
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
    ids = filled(len(keys), "")
    ids[np.searchsorted(keys, ki)] = ip["ids"].to_numpy(dtype=object)
    return pd.DataFrame({"i": keys // n, "j": keys % n, "blocked": blocked, "ids": pd.Series(ids, dtype=object)})
