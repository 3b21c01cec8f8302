"""Doubles (persons reached from two or more accounts, and pairs left to review), within-account
duplicates, and the suggestion a community manager can act on."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..model import DOUBLE_COLUMNS
from ..util.arrays import group_starts, texts, unique_sorted
from .entities import Entities, object_frame
from .match import REVIEW_FLOOR, STRONG, evidence

DOUBLE_EXTRA: tuple[str, ...] = ("decision", "contact_ids")
DUPLICATE_COLUMNS: tuple[str, ...] = ("person_id", "name", "account", "contact_ids", "confidence", "evidence")


def _neighbour_spheres(ents: Entities, pid: np.ndarray, persons: pd.DataFrame, of: np.ndarray) -> dict[str, Counter]:
    """For the persons of entities ``of``: how many of their tie neighbours (persons tied to them,
    as in :func:`~netmix.resolution.persons.person_ties`) are in each sphere."""
    e = ents.edges
    if e.empty:
        return {}
    ids, code = np.unique(pid.astype(object), return_inverse=True)
    a = code[e["u"].to_numpy(dtype=np.int64)]
    b = code[e["v"].to_numpy(dtype=np.int64)]
    p = len(ids)
    tied = unique_sorted(np.minimum(a, b)[a != b] * p + np.maximum(a, b)[a != b])  # one per person pair
    sph, sph_names = pd.factorize(persons["sphere"].to_numpy(dtype=object))
    sph_of = sph[pd.Index(persons["person_id"].to_numpy(dtype=object)).get_indexer(ids)]
    wanted = np.zeros(p, dtype=bool)
    wanted[code[of]] = True
    x, y = np.concatenate([tied // p, tied % p]), np.concatenate([tied % p, tied // p])
    keep = wanted[x]
    x, s = x[keep], sph_of[y[keep]]
    keep = sph_names[s] != ""
    n_sph = len(sph_names)
    codes = np.sort(x[keep] * n_sph + s[keep])  # (person, sphere) of every neighbour, grouped
    first = group_starts(codes)
    counts = np.diff(np.append(first, len(codes)))
    out: dict[str, Counter] = {}
    for c, k in zip(codes[first].tolist(), counts.tolist(), strict=False):
        out.setdefault(ids[c // n_sph], Counter())[sph_names[c % n_sph]] = k
    return out


def _join(accs: list[str]) -> str:
    return " and ".join(accs) if len(accs) <= 2 else ", ".join(accs[:-1]) + " and " + accs[-1]


def suggestion(accounts: list[str], spheres: dict[str, str], nb: Counter | None, company: str = "") -> str:
    """What to do about a double, from the spheres of the contacts it shares with the ego.

    >>> suggestion(["perso", "pro"], {"perso": "personal", "pro": "professional"}, Counter(professional=9, personal=2))
    'professional circle: keep on pro, consider removing from perso — 9 of 11 shared contacts are professional'
    """
    nb = nb or Counter()
    n = sum(nb.values())
    perso = [a for a in accounts if spheres.get(a) == "personal"]
    pro = [a for a in accounts if spheres.get(a) == "professional"]
    if not (perso and pro):
        sphere = spheres.get(accounts[0], "") if accounts else ""
        return f"same sphere ({sphere}) on {_join(accounts)}: one connection is probably enough — keep the account you use with this person"
    if n == 0:
        extra = f" (works at {company})" if company else ""
        return f"no shared contacts known{extra}: keep on both, or choose from what you know of this person"
    p, q, b = nb.get("personal", 0), nb.get("professional", 0), nb.get("both", 0)
    if q >= 0.7 * n:
        return f"professional circle: keep on {_join(pro)}, consider removing from {_join(perso)} — {q} of {n} shared contacts are professional"
    if p >= 0.7 * n:
        return f"personal circle: keep on {_join(perso)}, consider removing from {_join(pro)} — {p} of {n} shared contacts are personal"
    return f"both circles: keep on both — of {n} shared contacts, {p} are personal, {q} professional and {b} in both"


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
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The doubles rows (DOUBLE_COLUMNS + decision + contact_ids, decision still empty) and the duplicates."""
    n = ents.n_contacts
    names = texts(contacts["name"])
    accs = texts(contacts["account"])
    cids = texts(contacts["contact_id"])
    pname = dict(zip(persons["person_id"].tolist(), persons["name"].tolist(), strict=False))
    pcompany = dict(zip(persons["person_id"].tolist(), persons["company"].tolist(), strict=False))

    sc = scored[(scored["i"].to_numpy() < n) & (scored["j"].to_numpy() < n)]
    # the pairs' columns as Python values, by pair position k
    col = {name: sc[name].tolist() for name in sc.columns}
    conf_of, same_group = col["confidence"], col["same_group"]
    ev_cache: dict[int, str] = {}

    def ev(k: int) -> str:
        if k not in ev_cache:
            r = {name: values[k] for name, values in col.items()}
            ev_cache[k] = evidence(r, int(deg[r["i"]]), int(deg[r["j"]]))
        return ev_cache[k]

    # persons of two or more contacts, by root, in the order of their first contact
    rc = root[:n]
    multi = np.flatnonzero(np.bincount(rc, minlength=len(root))[rc] >= 2)
    members: dict[int, list[int]] = {}
    for e, r in zip(multi.tolist(), rc[multi].tolist(), strict=False):
        members.setdefault(r, []).append(e)
    nbs = _neighbour_spheres(ents, pid, persons, multi)
    ri = root[sc["i"].to_numpy(dtype=np.int64)]
    rj = root[sc["j"].to_numpy(dtype=np.int64)]
    inside: dict[int, list[int]] = {}
    for k in np.flatnonzero(ri == rj).tolist():
        inside.setdefault(int(ri[k]), []).append(k)
    strong_homonym = sc["homonym"].to_numpy(dtype=bool) & np.isin(sc["rel"].to_numpy(dtype=object), STRONG)
    apart = np.flatnonzero(
        (ri != rj) & ~sc["same_group"].to_numpy(dtype=bool) & ((sc["confidence"].to_numpy(dtype=float) >= REVIEW_FLOOR) | strong_homonym)
    ).tolist()

    rows: list[dict] = []
    dups: list[dict] = []
    for r, mem in members.items():
        by_acc: dict[str, list[int]] = {}
        for e in mem:
            by_acc.setdefault(accs[e], []).append(e)
        p = pid[mem[0]]
        ks = inside.get(r, [])
        for acc, es in sorted(by_acc.items()):
            if len(es) > 1:
                same = [k for k in ks if same_group[k] and accs[col["i"][k]] == acc]
                best = max(same, key=lambda k: (conf_of[k], -k)) if same else None
                dups.append(
                    {
                        "person_id": p,
                        "name": pname[p],
                        "account": acc,
                        "contact_ids": ";".join(cids[x] for x in sorted(es)),
                        "confidence": float(conf_of[best]) if best is not None else 1.0,
                        "evidence": ev(best) if best is not None else "decided: same",
                    }
                )
        if len(by_acc) < 2:
            continue
        best_of: dict[str, int] = {}
        for k in ks:
            if same_group[k]:
                continue
            pair = " – ".join(sorted((accs[col["i"][k]], accs[col["j"][k]])))
            if pair not in best_of or (conf_of[k], -k) > (conf_of[best_of[pair]], -best_of[pair]):
                best_of[pair] = k
        if best_of:
            weakest = min(best_of.items(), key=lambda kv: (conf_of[kv[1]], kv[0]))[1]
            conf, band = float(conf_of[weakest]), str(col["band"][weakest])
            if len(best_of) == 1:
                evid = ev(weakest)
            else:
                evid = " / ".join(f"{pr}: {ev(k)}" for pr, k in sorted(best_of.items()))
            if r in forced_roots and not all(col["accepted"][k] for k in best_of.values()):
                evid = "decided: same; " + evid
        else:
            conf, band, evid = 1.0, "certain", "decided: same"
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
                "suggestion": suggestion(accounts, spheres, nbs.get(p), pcompany.get(p, "")),
                "decision": "",
                "contact_ids": ";".join(cids[x] for x in sorted(mem)),
            }
        )

    # cross-account pairs that were not merged, left to review
    apart.sort(key=lambda k: (-conf_of[k], col["i"][k], col["j"][k]))
    seen: set[tuple[str, str]] = set()
    for k in apart:
        ci, cj = int(col["i"][k]), int(col["j"][k])
        a, b = sorted((pid[ci], pid[cj]))
        if (a, b) in seen:
            continue
        seen.add((a, b))
        accounts = sorted({accs[ci], accs[cj]})
        evid = ev(k)
        if col["accepted"][k]:
            evid += "; not merged: it conflicts with another match"
        if col["homonym"][k]:
            sugg = "possible homonym: same name but no shared contacts — check before acting, then write same or not same"
        else:
            sugg = "review: the evidence is thin — look at both profiles, then write same or not same"
        rows.append(
            {
                "person_id": f"{a};{b}",
                "name": min((pname[a], pname[b]), key=lambda s: (-len(s.split()), -len(s), s)),
                "accounts": ";".join(accounts),
                "names": " | ".join(f"{accs[x]}: {names[x]}" for x in sorted((ci, cj), key=lambda x: (accs[x], x))),
                "confidence": float(conf_of[k]),
                "band": str(col["band"][k]),
                "evidence": evid,
                "suggestion": sugg,
                "decision": "",
                "contact_ids": ";".join(sorted((cids[ci], cids[cj]))),
            }
        )
    doubles = object_frame(rows, DOUBLE_COLUMNS + DOUBLE_EXTRA)
    if len(doubles):
        doubles["confidence"] = doubles["confidence"].astype(float)
        doubles = doubles.sort_values(["confidence", "name", "person_id"], ascending=[False, True, True], kind="stable").reset_index(drop=True)
    duplicates = object_frame(dups, DUPLICATE_COLUMNS)
    if len(duplicates):
        duplicates["confidence"] = duplicates["confidence"].astype(float)
        duplicates = duplicates.sort_values(["person_id", "account"], kind="stable").reset_index(drop=True)
    return doubles, duplicates
