"""Persons: union-find over accepted pairs, stable person ids, the persons and ties tables."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

import numpy as np
import pandas as pd

from ..model import BOTH, RESOLVED_PERSON_COLUMNS, TIE_COLUMNS, frame
from ..util.arrays import filled, group_starts, text_order, texts
from .entities import Entities

__all__ = ["person_ids", "person_ties", "persons_table", "union"]


class _UnionFind:
    """Union-find whose components remember their members, groups and forbidden partners."""

    def __init__(self, n: int, groups: np.ndarray, forbidden: AbstractSet[tuple[int, int]]) -> None:
        self.parent = list(range(n))
        self.groups = groups
        self.members: dict[int, list[int]] = {}
        self.gsets: dict[int, set[str]] = {}
        self.block: dict[int, set[int]] = {}
        self.forbid(forbidden)

    def forbid(self, pairs: AbstractSet[tuple[int, int]]) -> None:
        for a, b in pairs:
            self.block.setdefault(a, set()).add(b)
            self.block.setdefault(b, set()).add(a)

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def roots(self) -> np.ndarray:
        """The root of every element, as :meth:`find` gives it, for all at once (each parent replaced by its own
        parent until none changes).

        >>> uf = _UnionFind(5, np.array(["g"] * 5), frozenset())
        >>> for a, b in ((3, 4), (1, 2), (2, 4)):
        ...     uf.join(uf.find(a), uf.find(b))
        >>> uf.roots().tolist(), [uf.find(x) for x in range(5)]
        ([0, 1, 1, 1, 1], [0, 1, 1, 1, 1])
        """
        parent = np.asarray(self.parent, dtype=np.int64)
        while not np.array_equal(up := parent[parent], parent):
            parent = up
        return parent

    def mem(self, r: int) -> list[int]:
        return self.members.get(r) or [r]

    def grp(self, r: int) -> set[str]:
        return self.gsets.get(r) or {self.groups[r]}

    def blocked(self, ra: int, rb: int) -> bool:
        block = self.block
        mb = self.mem(rb)
        return any(not block[x].isdisjoint(mb) for x in self.mem(ra) if x in block)

    def join(self, ra: int, rb: int) -> None:
        if ra > rb:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] = self.mem(ra) + self.mem(rb)
        self.gsets[ra] = self.grp(ra) | self.grp(rb)
        self.members.pop(rb, None)
        self.gsets.pop(rb, None)


def union(
    n: int,
    groups: np.ndarray,
    pairs: pd.DataFrame,
    *,
    forced: Sequence[tuple[int, int]] = (),
    forbidden: AbstractSet[tuple[int, int]] = frozenset(),
    homonyms: AbstractSet[tuple[int, int]] = frozenset(),
) -> np.ndarray:
    """Union-find over ``pairs[accepted]``, strongest first, under constraints: the root entity of every entity.

    Two components never merge when a ``forbidden`` pair (a "not same" decision, a possible
    homonym) would end up inside one person, nor when both already hold an entity of the same
    group (account) unless the pair itself links those two (a within-account duplicate): a
    homonym is never chained in through a third account. ``forced`` pairs ("same" decisions)
    merge first, ignoring the group rule.
    """
    uf = _UnionFind(n, groups, forbidden)
    for a, b in forced:
        ra, rb = uf.find(a), uf.find(b)
        if ra != rb and not uf.blocked(ra, rb):
            uf.join(ra, rb)
    uf.forbid(homonyms)
    if len(pairs):
        acc = pairs[pairs["accepted"]]
        order = acc.sort_values(["confidence", "i", "j"], ascending=[False, True, True], kind="stable")
        same_group = order["same_group"].tolist()
        for a, b, sg in zip(order["i"].tolist(), order["j"].tolist(), same_group, strict=False):
            ra, rb = uf.find(a), uf.find(b)
            if ra == rb:
                continue
            common = uf.grp(ra) & uf.grp(rb)
            if uf.blocked(ra, rb) or (common and not (sg and common == {groups[a]})):
                continue
            uf.join(ra, rb)
    return uf.roots()


def _hash(key: str) -> str:
    return "p" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def person_ids(ents: Entities, root: np.ndarray) -> np.ndarray:
    """A stable id per entity's person: hash of the smallest contact key of the person (for
    non-contacts: of the folded name and the smallest key among the node's neighbours)."""
    t = ents.table
    n = len(t)
    keys = t["sort_key"].to_numpy(dtype=object).copy()
    nodes = np.flatnonzero(~t["is_contact"].to_numpy(dtype=bool))
    if len(nodes):
        e = ents.edges
        nb_key = filled(n, "")
        if not e.empty:
            both = pd.DataFrame(
                {
                    "x": np.concatenate([e["u"].to_numpy(), e["v"].to_numpy()]),
                    "y": np.concatenate([e["v"].to_numpy(), e["u"].to_numpy()]),
                }
            )
            both = both[both["x"].isin(nodes)]
            yk = t["sort_key"].to_numpy(dtype=object)[both["y"].to_numpy()]
            yk = np.where(yk == "", "~" + t["folded"].to_numpy(dtype=object)[both["y"].to_numpy()], yk)
            mins = pd.Series(yk).groupby(both["x"].to_numpy()).min()
            nb_key[mins.index.to_numpy()] = mins.to_numpy()
        folded = t["folded"].to_numpy(dtype=object)
        for x in nodes:
            keys[x] = f"~node|{folded[x]}|{nb_key[x]}"
    # the smallest key of each root: sort by key, then stably by root, and take each root's first
    by_key = text_order(keys)
    order = by_key[np.argsort(root[by_key], kind="stable")]
    first = group_starts(root[order])
    best_of = dict(zip(root[order][first].tolist(), keys[order][first].tolist(), strict=False))
    pid_of_root = {r: _hash(k) for r, k in best_of.items()}
    # collisions (two non-contacts with the same name and the same smallest neighbour): extend the key
    if len(set(pid_of_root.values())) < len(pid_of_root):
        seen: dict[str, int] = {}
        for r in sorted(best_of, key=lambda r: (best_of[r], r)):
            p = pid_of_root[r]
            if p in seen:
                extra = ",".join(sorted(keys[root == r].tolist()))
                p = _hash(best_of[r] + "|" + extra)
                while p in seen:
                    p = _hash(p)
                pid_of_root[r] = p
            seen[p] = r
    return np.array([pid_of_root[r] for r in root.tolist()], dtype=object)


def _name_rank(display: str) -> tuple:
    words = display.split()
    full = sum(1 for w in words if len(w.strip(".")) > 1)
    return (-full, -len(display), display)


def persons_table(ents: Entities, contacts: pd.DataFrame, pid: np.ndarray, spheres: dict[str, str]) -> pd.DataFrame:
    """RESOLVED_PERSON_COLUMNS, one row per person, sorted by id."""
    t = ents.table
    n = ents.n_contacts
    m = len(t)
    pad = [""] * (m - n)
    accs = texts(contacts["account"]) + pad
    cids = texts(contacts["contact_id"]) + pad
    comps = texts(contacts["company"]) + pad
    poss = texts(contacts["position"]) + pad
    dates = texts(contacts["connected_on"]) + pad
    displays = t["display"].tolist()
    pids = pid.tolist()
    # persons of one entity, column by column
    codes = pd.factorize(pid.astype(object))[0]
    size = np.bincount(codes)[codes]
    alone = np.flatnonzero(size == 1).tolist()
    single = {
        "person_id": [pids[e] for e in alone],
        "name": [displays[e] for e in alone],
        "accounts": [accs[e] for e in alone],
        "sphere": [spheres.get(accs[e], "") if accs[e] else "" for e in alone],
        "is_contact": ["1" if e < n else "0" for e in alone],
        "contact_ids": [cids[e] for e in alone],
        "company": [comps[e] for e in alone],
        "position": [poss[e] if comps[e] else "" for e in alone],
        "first_connected": [dates[e] for e in alone],
    }
    groups: dict[str, list[int]] = {}
    for e in np.flatnonzero(size > 1).tolist():
        groups.setdefault(pids[e], []).append(e)
    out = []
    for p, es in groups.items():
        cs = [e for e in es if e < n]
        accounts = sorted({accs[e] for e in cs})
        sph = {spheres.get(a, "") for a in accounts} - {""}
        jobs = [(0 if spheres.get(accs[e]) == "professional" else 1, comps[e], poss[e]) for e in cs if comps[e]]
        job = min(jobs) if jobs else (0, "", "")
        ds = [dates[e] for e in cs if dates[e]]
        out.append(
            {
                "person_id": p,
                "name": min((displays[e] for e in es), key=_name_rank),
                "accounts": ";".join(accounts),
                "sphere": (BOTH if len(sph) > 1 else next(iter(sph))) if sph else "",
                "is_contact": "1" if cs else "0",
                "contact_ids": ";".join(sorted((cids[e] for e in cs), key=_cid_order)),
                "company": job[1],
                "position": job[2],
                "first_connected": min(ds) if ds else "",
            }
        )
    cols = list(RESOLVED_PERSON_COLUMNS)
    df = pd.DataFrame({c: pd.Series(single[c] + [r[c] for r in out], dtype=object) for c in cols}, columns=cols)
    return df.sort_values("person_id", kind="stable").reset_index(drop=True)


def _cid_order(cid: str) -> tuple:
    acc, _, num = cid.rpartition(":")
    return (acc, int(num)) if num.isdigit() else (acc, 0, num)


def person_ties(ents: Entities, ids: np.ndarray, code: np.ndarray) -> pd.DataFrame:
    """TIE_COLUMNS between person ids (a < b), observed; weight = the largest seen, source = files. ``ids``: every
    person's id, sorted; ``code``: each entity's person, as its place in ``ids`` (``np.unique(pid,
    return_inverse=True)``). ``a`` and ``b`` are ordered categoricals over ``ids`` (as :func:`netmix.graph.merge_edges`
    ``coded`` makes them)."""
    e = ents.edges
    if e.empty:
        return frame([], TIE_COLUMNS)
    # person ids as integer codes in id order: pairs are grouped and sorted as the ids would be
    a = code[e["u"].to_numpy(dtype=np.int64)]
    b = code[e["v"].to_numpy(dtype=np.int64)]
    apart = a != b
    if not apart.any():
        return frame([], TIE_COLUMNS)
    key = np.minimum(a, b)[apart] * len(ids) + np.maximum(a, b)[apart]
    order = np.argsort(key)  # the order within a group changes neither its max nor its bits
    key = key[order]
    weight = e["weight"].to_numpy(dtype=float)[apart][order]
    bit = np.left_shift(1, e["src"].to_numpy(dtype=np.int64)[apart][order])
    first = group_starts(key)
    categories = pd.Index(ids, dtype=object)  # every person's id, sorted: the ends are read by their codes
    out = pd.DataFrame(
        {
            "a": pd.Categorical.from_codes(key[first] // len(ids), categories=categories, ordered=True),
            "b": pd.Categorical.from_codes(key[first] % len(ids), categories=categories, ordered=True),
            "weight": np.maximum.reduceat(weight, first),
        }
    )
    mask = np.bitwise_or.reduceat(bit, first)  # the files each tie is in, one bit per file
    names = ents.sources
    which, masks = pd.factorize(mask)  # a few distinct sets of files, each named once
    label = np.array([";".join(sorted({names[x] for x in range(len(names)) if m >> x & 1})) for m in masks], dtype=object)
    out["kind"] = pd.Series(filled(len(out), "observed"), index=out.index, dtype=object)
    out["source"] = pd.Series(label[which], index=out.index, dtype=object)
    return out[list(TIE_COLUMNS)].reset_index(drop=True)
