"""Doubles (persons reached from two or more accounts, and pairs left to review), within-account
duplicates, and the suggestion a community manager can act on."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..model import DOUBLE_COLUMNS, frame
from .entities import Entities, object_frame
from .match import REVIEW_FLOOR, STRONG, evidence

DOUBLE_EXTRA: tuple[str, ...] = ("decision", "contact_ids")
DUPLICATE_COLUMNS: tuple[str, ...] = ("person_id", "name", "account", "contact_ids", "confidence", "evidence")


def _neighbour_spheres(ties: pd.DataFrame, persons: pd.DataFrame) -> dict[str, Counter]:
    """For each person: how many of its tie neighbours who are the ego's contacts are in each sphere."""
    if ties.empty:
        return {}
    sph = persons.set_index("person_id")["sphere"]
    both = pd.DataFrame({"x": pd.concat([ties["a"], ties["b"]], ignore_index=True), "y": pd.concat([ties["b"], ties["a"]], ignore_index=True)})
    both["s"] = both["y"].map(sph).fillna("")
    both = both[both["s"] != ""]
    counts = both.groupby(["x", "s"]).size()
    out: dict[str, Counter] = {}
    for (x, s), c in counts.items():
        out.setdefault(x, Counter())[s] = int(c)
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
    ties: pd.DataFrame,
    spheres: dict[str, str],
    forced_roots: set[int],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The doubles rows (DOUBLE_COLUMNS + decision + contact_ids, decision still empty) and the duplicates."""
    n = ents.n_contacts
    names = contacts["name"].astype(str).tolist()
    accs = contacts["account"].astype(str).tolist()
    cids = contacts["contact_id"].astype(str).tolist()
    pname = dict(zip(persons["person_id"], persons["name"]))
    pcompany = dict(zip(persons["person_id"], persons["company"]))
    nbs = _neighbour_spheres(ties, persons)

    sc = scored[(scored["i"].to_numpy() < n) & (scored["j"].to_numpy() < n)]
    recs = sc.to_dict("records")
    ev_cache: dict[int, str] = {}

    def ev(k: int) -> str:
        if k not in ev_cache:
            r = recs[k]
            ev_cache[k] = evidence(r, int(deg[r["i"]]), int(deg[r["j"]]))
        return ev_cache[k]

    members: dict[int, list[int]] = {}
    for e in range(n):
        members.setdefault(int(root[e]), []).append(e)
    inside: dict[int, list[int]] = {}
    apart: list[int] = []
    for k, r in enumerate(recs):
        ri, rj = int(root[r["i"]]), int(root[r["j"]])
        if ri == rj:
            inside.setdefault(ri, []).append(k)
        elif not r["same_group"] and (r["confidence"] >= REVIEW_FLOOR or (r["homonym"] and r["rel"] in STRONG)):
            apart.append(k)

    rows: list[dict] = []
    dups: list[dict] = []
    for r, mem in members.items():
        by_acc: dict[str, list[int]] = {}
        for e in mem:
            by_acc.setdefault(accs[e], []).append(e)
        if len(mem) < 2:
            continue
        p = pid[mem[0]]
        ks = inside.get(r, [])
        for acc, es in sorted(by_acc.items()):
            if len(es) > 1:
                same = [k for k in ks if recs[k]["same_group"] and accs[recs[k]["i"]] == acc]
                best = max(same, key=lambda k: (recs[k]["confidence"], -k)) if same else None
                dups.append(
                    {
                        "person_id": p,
                        "name": pname[p],
                        "account": acc,
                        "contact_ids": ";".join(cids[x] for x in sorted(es)),
                        "confidence": float(recs[best]["confidence"]) if best is not None else 1.0,
                        "evidence": ev(best) if best is not None else "decided: same",
                    }
                )
        if len(by_acc) < 2:
            continue
        best_of: dict[str, int] = {}
        for k in ks:
            rec = recs[k]
            if rec["same_group"]:
                continue
            pair = " – ".join(sorted((accs[rec["i"]], accs[rec["j"]])))
            if pair not in best_of or (rec["confidence"], -k) > (recs[best_of[pair]]["confidence"], -best_of[pair]):
                best_of[pair] = k
        if best_of:
            weakest = min(best_of.items(), key=lambda kv: (recs[kv[1]]["confidence"], kv[0]))[1]
            conf, band = float(recs[weakest]["confidence"]), str(recs[weakest]["band"])
            if len(best_of) == 1:
                evid = ev(weakest)
            else:
                evid = " / ".join(f"{pr}: {ev(k)}" for pr, k in sorted(best_of.items()))
            if r in forced_roots and not all(recs[k]["accepted"] for k in best_of.values()):
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
    apart.sort(key=lambda k: (-recs[k]["confidence"], recs[k]["i"], recs[k]["j"]))
    seen: set[tuple[str, str]] = set()
    for k in apart:
        rec = recs[k]
        ci, cj = int(rec["i"]), int(rec["j"])
        a, b = sorted((pid[ci], pid[cj]))
        if (a, b) in seen:
            continue
        seen.add((a, b))
        accounts = sorted({accs[ci], accs[cj]})
        evid = ev(k)
        if rec["accepted"]:
            evid += "; not merged: it conflicts with another match"
        if rec["homonym"]:
            sugg = "possible homonym: same name but no shared contacts — check before acting, then write same or not same"
        else:
            sugg = "review: the evidence is thin — look at both profiles, then write same or not same"
        rows.append(
            {
                "person_id": f"{a};{b}",
                "name": min((pname[a], pname[b]), key=lambda s: (-len(s.split()), -len(s), s)),
                "accounts": ";".join(accounts),
                "names": " | ".join(f"{accs[x]}: {names[x]}" for x in sorted((ci, cj), key=lambda x: (accs[x], x))),
                "confidence": float(rec["confidence"]),
                "band": str(rec["band"]),
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
