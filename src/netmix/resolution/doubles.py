"""Doubles (persons reached from two or more accounts, and pairs left to review), within-account
duplicates, and the suggestion a community manager can act on (as facts, see :mod:`.facts`)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..model import DOUBLE_COLUMNS
from ..util.arrays import group_starts, texts
from .entities import Entities, object_frame
from .facts import Fact, Facts, evidence_facts, suggestion_facts
from .weights import REVIEW_FLOOR, STRONG

DOUBLE_EXTRA: tuple[str, ...] = ("decision", "note", "contact_ids")
DUPLICATE_COLUMNS: tuple[str, ...] = ("person_id", "name", "account", "contact_ids", "confidence", "evidence")
DECIDED_SAME: Facts = (Fact("decided_same"),)

__all__ = ["build_doubles", "DOUBLE_EXTRA", "DUPLICATE_COLUMNS", "DECIDED_SAME"]


def _neighbour_spheres(ties: pd.DataFrame, pid: np.ndarray, persons: pd.DataFrame, of: np.ndarray) -> dict[str, Counter]:
    """For the persons of entities ``of``: how many of their tie neighbours (persons tied to them in ``ties``,
    :func:`~netmix.resolution.persons.person_ties`) are in each sphere."""
    if ties.empty:
        return {}
    ids = ties["a"].cat.categories  # every person's id, sorted; the ends are read by their codes
    a, b = ties["a"].cat.codes.to_numpy(dtype=np.int64), ties["b"].cat.codes.to_numpy(dtype=np.int64)
    wanted = np.zeros(len(ids), dtype=bool)
    wanted[ids.get_indexer(pid[of])] = True
    near = wanted[a] | wanted[b]  # ties of the wanted persons only (one per person pair)
    sph, sph_names = pd.factorize(persons["sphere"].to_numpy(dtype=object))
    sph_of = sph[pd.Index(persons["person_id"].to_numpy(dtype=object), dtype=object).get_indexer(ids)]
    x, y = np.concatenate([a[near], b[near]]), np.concatenate([b[near], a[near]])
    keep = wanted[x]
    x, s = x[keep], sph_of[y[keep]]
    keep = np.asarray(sph_names != "", dtype=bool)[s]
    n_sph = len(sph_names)
    codes = np.sort(x[keep] * n_sph + s[keep])  # (person, sphere) of every neighbour, grouped
    first = group_starts(codes)
    counts = np.diff(np.append(first, len(codes)))
    out: dict[str, Counter] = {}
    for c, k in zip(codes[first].tolist(), counts.tolist(), strict=False):
        out.setdefault(ids[c // n_sph], Counter())[sph_names[c % n_sph]] = k
    return out


class _Pairs:
    """The scored contact pairs as Python lists by pair position ``k``, with their evidence facts (cached)."""

    def __init__(self, scored: pd.DataFrame, n: int, deg: np.ndarray) -> None:
        self.sc = scored[(scored["i"].to_numpy() < n) & (scored["j"].to_numpy() < n)]
        self.col = {name: self.sc[name].tolist() for name in self.sc.columns}
        self.conf = self.col["confidence"]
        self.deg = deg
        self._ev: dict[int, Facts] = {}

    def ev(self, k: int) -> Facts:
        if k not in self._ev:
            r = {name: values[k] for name, values in self.col.items()}
            self._ev[k] = evidence_facts(r, int(self.deg[r["i"]]), int(self.deg[r["j"]]))
        return self._ev[k]


def _duplicate_rows(
    pr: _Pairs, p: str, pname: str, by_acc: dict[str, list[int]], ks: list[int], accs: list[str], cids: list[str]
) -> list[dict]:
    """Within-account duplicates of one person: one row per account holding two or more of its contacts."""
    out = []
    for acc, es in sorted(by_acc.items()):
        if len(es) > 1:
            same = [k for k in ks if pr.col["same_group"][k] and accs[pr.col["i"][k]] == acc]
            best = max(same, key=lambda k: (pr.conf[k], -k)) if same else None
            out.append(
                {
                    "person_id": p,
                    "name": pname,
                    "account": acc,
                    "contact_ids": ";".join(cids[x] for x in sorted(es)),
                    "confidence": float(pr.conf[best]) if best is not None else 1.0,
                    "evidence": pr.ev(best) if best is not None else DECIDED_SAME,
                }
            )
    return out


def _merged_evidence(pr: _Pairs, ks: list[int], accs: list[str], forced: bool) -> tuple[float, str, Facts]:
    """Confidence, band and evidence of a merged person: its weakest link between two accounts."""
    best_of: dict[tuple[str, ...], int] = {}
    for k in ks:
        if pr.col["same_group"][k]:
            continue
        pair = tuple(sorted((accs[pr.col["i"][k]], accs[pr.col["j"][k]])))
        if pair not in best_of or (pr.conf[k], -k) > (pr.conf[best_of[pair]], -best_of[pair]):
            best_of[pair] = k
    if not best_of:
        return 1.0, "certain", DECIDED_SAME
    weakest = min(best_of.items(), key=lambda kv: (pr.conf[kv[1]], kv[0]))[1]
    if len(best_of) == 1:
        evid = pr.ev(weakest)
    else:
        evid = tuple(Fact("pair", {"pair": pair, "facts": pr.ev(k)}) for pair, k in sorted(best_of.items()))
    if forced and not all(pr.col["accepted"][k] for k in best_of.values()):
        evid = DECIDED_SAME + evid
    return float(pr.conf[weakest]), str(pr.col["band"][weakest]), evid


def _review_rows(
    pr: _Pairs, apart: list[int], pid: np.ndarray, pname: dict[str, str], names: list[str], accs: list[str], cids: list[str]
) -> list[dict]:
    """Cross-account pairs that were not merged, left to review (one row per pair of persons, strongest first)."""
    col = pr.col
    # one row per pair of persons, shown by its pair of contacts with ties on both sides if there is one (the two
    # halves a decision is about: "Emma Roger" of perso and of pro rather than her LinkedIn contact), else the strongest
    i, j = pr.sc["i"].to_numpy(dtype=np.int64), pr.sc["j"].to_numpy(dtype=np.int64)
    untied = (pr.deg[i] == 0) | (pr.deg[j] == 0)
    ks = np.asarray(apart, dtype=np.int64)
    apart = ks[np.lexsort((j[ks], i[ks], -np.asarray(pr.conf, dtype=float)[ks], untied[ks]))].tolist()
    seen: set[tuple[str, str]] = set()
    rows = []
    for k in apart:
        ci, cj = int(col["i"][k]), int(col["j"][k])
        a, b = sorted((pid[ci], pid[cj]))
        if (a, b) in seen:
            continue
        seen.add((a, b))
        evid = pr.ev(k)
        if col["accepted"][k]:
            evid += (Fact("conflict"),)
        sugg: Facts = (Fact("sg.homonym"),) if col["homonym"][k] else (Fact("sg.review"),)
        rows.append(
            {
                "person_id": f"{a};{b}",
                "name": min((pname[a], pname[b]), key=lambda s: (-len(s.split()), -len(s), s)),
                "accounts": ";".join(sorted({accs[ci], accs[cj]})),
                "names": " | ".join(f"{accs[x]}: {names[x]}" for x in sorted((ci, cj), key=lambda x: (accs[x], x))),
                "confidence": float(pr.conf[k]),
                "band": str(col["band"][k]),
                "evidence": evid,
                "suggestion": sugg,
                "decision": "",
                "contact_ids": ";".join(sorted((cids[ci], cids[cj]))),
            }
        )
    return rows


def _members(root: np.ndarray, n: int) -> tuple[np.ndarray, dict[int, list[int]]]:
    """Contacts of persons of two or more contacts, and those persons' contacts by root (in the order of their first contact)."""
    rc = root[:n]
    multi = np.flatnonzero(np.bincount(rc, minlength=len(root))[rc] >= 2)
    members: dict[int, list[int]] = {}
    for e, r in zip(multi.tolist(), rc[multi].tolist(), strict=False):
        members.setdefault(r, []).append(e)
    return multi, members


def build_doubles(
    ents: Entities,
    contacts: pd.DataFrame,
    scored: pd.DataFrame,
    root: np.ndarray,
    pid: np.ndarray,
    deg: np.ndarray,
    persons: pd.DataFrame,
    spheres: dict[str, str],
    forced_roots: set[int],
    ties: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The doubles rows (DOUBLE_COLUMNS + decision + contact_ids, decision still empty) and the duplicates."""
    n = ents.n_contacts
    names, accs, cids = texts(contacts["name"]), texts(contacts["account"]), texts(contacts["contact_id"])
    pname = dict(zip(persons["person_id"].tolist(), persons["name"].tolist(), strict=False))
    pcompany = dict(zip(persons["person_id"].tolist(), persons["company"].tolist(), strict=False))
    pr = _Pairs(scored, n, deg)
    sc = pr.sc
    multi, members = _members(root, n)
    nbs = _neighbour_spheres(ties, pid, persons, multi)
    ri = root[sc["i"].to_numpy(dtype=np.int64)]
    rj = root[sc["j"].to_numpy(dtype=np.int64)]
    inside: dict[int, list[int]] = {}
    for k in np.flatnonzero(ri == rj).tolist():
        inside.setdefault(int(ri[k]), []).append(k)
    strong_homonym = sc["homonym"].to_numpy(dtype=bool) & np.isin(sc["rel"].to_numpy(dtype=object), STRONG)
    apart = np.flatnonzero(
        (ri != rj)
        & ~sc["same_group"].to_numpy(dtype=bool)
        & ((sc["confidence"].to_numpy(dtype=float) >= REVIEW_FLOOR) | strong_homonym)
    ).tolist()
    rows: list[dict] = []
    dups: list[dict] = []
    for r, mem in members.items():
        by_acc: dict[str, list[int]] = {}
        for e in mem:
            by_acc.setdefault(accs[e], []).append(e)
        p = pid[mem[0]]
        dups += _duplicate_rows(pr, p, pname[p], by_acc, inside.get(r, []), accs, cids)
        if len(by_acc) < 2:
            continue
        conf, band, evid = _merged_evidence(pr, inside.get(r, []), accs, r in forced_roots)
        accounts = sorted(by_acc)
        rows.append(
            {
                "person_id": p,
                "name": pname[p],
                "accounts": ";".join(accounts),
                "names": " | ".join(f"{a}: {' / '.join(names[x] for x in sorted(by_acc[a]))}" for a in accounts),
                "confidence": round(conf, 4),
                "band": band,
                "evidence": evid,
                "suggestion": suggestion_facts(accounts, spheres, nbs.get(p), pcompany.get(p, "")),
                "decision": "",
                "contact_ids": ";".join(cids[x] for x in sorted(mem)),
            }
        )
    rows += _review_rows(pr, apart, pid, pname, names, accs, cids)
    return _sorted_frames(rows, dups)


def _sorted_frames(rows: list[dict], dups: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    doubles = object_frame(rows, DOUBLE_COLUMNS + DOUBLE_EXTRA)
    if len(doubles):
        doubles["confidence"] = doubles["confidence"].astype(float)
        doubles = doubles.sort_values(
            ["confidence", "name", "person_id"], ascending=[False, True, True], kind="stable"
        ).reset_index(drop=True)
    duplicates = object_frame(dups, DUPLICATE_COLUMNS)
    if len(duplicates):
        duplicates["confidence"] = duplicates["confidence"].astype(float)
        duplicates = duplicates.sort_values(["person_id", "account"], kind="stable").reset_index(drop=True)
    return doubles, duplicates
