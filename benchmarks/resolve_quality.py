"""Person-resolution quality on the samples' planted truth (``samples/truth.json``).

Prints cross-account pairwise precision, recall and F1 (a pair = two contacts of different
accounts; "same" = same person id), within-account duplicate pairs found, and homonym pairs
merged — with the tie files and without them (names only).

    .venv/bin/python benchmarks/resolve_quality.py [SAMPLES_DIR] [--threshold X] [--seeds 5,11,17,23,31,42] [--large]

Recall is reported over the cross-account pairs the ties can decide; the planted split bridges'
pairs (one person whose two accounts share no contact, by design as undecidable from ties as a
homonym pair) are counted apart — missed pairs shown — and the split bridges listed as possible
bridges are counted in the bridges line. The figure over all pairs stays beside it.

Also prints the planted bridges found in the top 20 of the bridges table: merged and confirmed,
listed as possible (unconfirmed) bridges, or missed — on the samples and on other seeds; and, after
review.csv is filled from the planted truth and given back as decisions, how many planted bridges
are merged and in the top 20, and how many homonym pairs were merged.
"""

from __future__ import annotations

import argparse
import json
import time
import tomllib
from itertools import combinations
from pathlib import Path

import pandas as pd

from netmix.importers import load_account
from netmix.model import Account, TieSource
from netmix.resolution import DEFAULT_THRESHOLD, resolve
from netmix.ties import read_ties


def load(samples: Path):
    conf = tomllib.loads((samples / "netmix.toml").read_text(encoding="utf-8"))
    frames, reqs = [], []
    for a in conf["account"]:
        res = load_account(Account(a["name"], a["sphere"], str(samples / a["path"])))
        frames.append(res.contacts)
        reqs.append(res.requests)
    ties = [read_ties(TieSource(str(samples / t["path"]), t.get("account"))) for t in conf.get("ties", [])]
    return pd.concat(frames, ignore_index=True), pd.concat(reqs, ignore_index=True), ties


def pairs_of(groups: dict[str, list[str]], account_of) -> set[tuple[str, str]]:
    out = set()
    for members in groups.values():
        for a, b in combinations(sorted(members), 2):
            out.add((a, b))
    return out


def evaluate(res, truth: dict) -> dict:
    hid_of = {c: h for h, info in truth["humans"].items() for c in info["contacts"]}
    pid_of = dict(zip(res.contacts["contact_id"], res.contacts["person_id"], strict=False))
    acc = lambda cid: cid.rsplit(":", 1)[0]  # noqa: E731
    by_h: dict[str, list[str]] = {}
    by_p: dict[str, list[str]] = {}
    for cid in pid_of:
        if cid in hid_of:
            by_h.setdefault(hid_of[cid], []).append(cid)
            by_p.setdefault(pid_of[cid], []).append(cid)
    true_pairs = pairs_of(by_h, acc)
    pred_pairs = pairs_of(by_p, acc)
    cross_t = {p for p in true_pairs if acc(p[0]) != acc(p[1])}
    cross_p = {p for p in pred_pairs if acc(p[0]) != acc(p[1])}
    tp = len(cross_t & cross_p)
    prec = tp / len(cross_p) if cross_p else 1.0
    rec = tp / len(cross_t) if cross_t else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    within_t = true_pairs - cross_t
    within_p = pred_pairs - cross_p
    merged = certain = in_review = 0
    rows = [(set(x.split(";")), band) for x, band in zip(res.doubles["contact_ids"], res.doubles["band"], strict=False)]
    for ha, hb in truth["homonyms"]:
        ca, cb = truth["humans"][ha]["contacts"], truth["humans"][hb]["contacts"]
        if {pid_of.get(x) for x in ca} & {pid_of.get(x) for x in cb}:
            merged += 1
        bands = {band for s, band in rows if s & set(ca) and s & set(cb)}
        certain += "certain" in bands
        in_review += bands == {"review"}
    return {
        "precision": prec,
        "recall": rec,
        "f1": f1,
        "cross_pairs_true": len(cross_t),
        "cross_pairs_pred": len(cross_p),
        "fp": sorted(cross_p - cross_t),
        "fn": sorted(cross_t - cross_p),
        "true_cross": sorted(cross_t),
        "dup_found": len(within_t & within_p),
        "dup_true": len(within_t),
        "dup_false": len(within_p - within_t),
        "homonyms": len(truth["homonyms"]),
        "homonyms_merged": merged,
        "homonyms_certain": certain,
        "homonyms_review": in_review,
    }


def bridges_found(samples: Path, truth: dict, top: int = 20) -> dict[str, int]:
    """Planted bridges merged and ranked in the top ``top`` (confirmed), listed as possible bridges there, or missed.

    Also, for the split bridges alone (ties in each account only on its side, so undecidable
    from ties): how many are listed as possible (unconfirmed) bridges at all (``split_listed``).
    """
    from netmix.config import load_config
    from netmix.pipeline import run

    result = run(load_config(str(samples / "netmix.toml")))
    pid_of = dict(zip(result.resolution.contacts["contact_id"], result.resolution.contacts["person_id"], strict=False))
    b = result.analysis.bridges
    out = {"confirmed": 0, "possible": 0, "missed": 0, "split_listed": 0}
    for h in truth.get("split_bridges", []):
        persons = {pid_of[c] for c in truth["humans"][h]["contacts"] if c in pid_of}
        pairs = zip(b["person_ids"], b["status"], strict=False)
        listed = [bool(set(str(p).split(";")) & persons) and st == "unconfirmed" for p, st in pairs]
        out["split_listed"] += any(listed) or len(persons) == 1
    for h in truth["bridges"]:
        persons = {pid_of[c] for c in truth["humans"][h]["contacts"] if c in pid_of}
        hit = [bool(set(str(p).split(";")) & persons) and int(r) <= top for p, r in zip(b["person_ids"], b["rank"], strict=False)]
        rows = b[hit]
        if len(persons) == 1 and (rows["status"] == "confirmed").any():
            out["confirmed"] += 1
        elif (rows["status"] == "unconfirmed").any():
            out["possible"] += 1
        else:
            out["missed"] += 1
    return out


def _pids(result) -> dict[str, str]:
    c = result.resolution.contacts
    return dict(zip(c["contact_id"], c["person_id"], strict=False))


def bridges_after_decisions(samples: Path, truth: dict, top: int = 20) -> dict[str, int]:
    """review.csv filled from the planted truth as a user would (same for one human, not same otherwise), run
    again with it: planted bridges merged and in the top ``top``, merged but lower, not merged; homonyms merged."""
    import csv
    import dataclasses
    import tempfile

    from netmix.config import load_config
    from netmix.pipeline import run
    from netmix.render.review import review_table

    config = load_config(str(samples / "netmix.toml"))
    first = run(config)
    human_of = {c: h for h, e in truth["humans"].items() for c in e["contacts"]}
    rows = review_table(first.resolution, first.analysis).to_dict("records")
    for r in rows:
        r["decision"] = "same" if len({human_of.get(c, c) for c in str(r["contact_ids"]).split(";") if c}) == 1 else "not same"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "review.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["contact_ids", "decision"])
            w.writeheader()
            w.writerows(rows)
        again = run(dataclasses.replace(config, decisions=str(path)))
    pid_of = _pids(again)
    b = again.analysis.bridges
    rank = {str(p): int(r) for p, r, st in zip(b["person_id"], b["rank"], b["status"], strict=False) if st == "confirmed"}
    out = {"top": 0, "lower": 0, "apart": 0, "homonyms_merged": 0}
    for h in truth["bridges"]:
        persons = {pid_of[c] for c in truth["humans"][h]["contacts"] if c in pid_of}
        if len(persons) != 1:
            out["apart"] += 1
        else:
            out["top" if rank.get(next(iter(persons)), top + 1) <= top else "lower"] += 1
    for ha, hb in truth["homonyms"]:
        pa = {pid_of.get(x) for x in truth["humans"][ha]["contacts"]}
        out["homonyms_merged"] += bool(pa & {pid_of.get(x) for x in truth["humans"][hb]["contacts"]})
    return out


def report(samples: Path, threshold: float, show: int, bridges: bool = True) -> None:
    truth = json.loads((samples / "truth.json").read_text(encoding="utf-8"))
    contacts, requests, ties = load(samples)
    print(
        f"{samples} (seed {truth['seed']}): {len(contacts)} contacts, {len(ties)} tie files, "
        f"{len(truth['homonyms'])} homonym pairs, {len(truth['bridges'])} planted bridges "
        f"({len(truth.get('split_bridges', []))} split); threshold {threshold}"
    )
    names = dict(zip(contacts["contact_id"], contacts["name"], strict=False))
    split = {c for h in truth.get("split_bridges", []) for c in truth["humans"][h]["contacts"]}
    for label, ts in (("with ties", ties), ("names only", [])):
        t0 = time.perf_counter()
        res = resolve(contacts, ts, requests, threshold=threshold)
        dt = time.perf_counter() - t0
        m = evaluate(res, truth)
        # the split bridges' pairs (one person, no contact in common by design) cannot be decided from
        # ties: recall is reported over the pairs the ties can decide, and over all pairs beside it
        split_true = sum(1 for a, b in m["true_cross"] if a in split and b in split)
        fn_split = sum(1 for a, b in m["fn"] if a in split and b in split)
        decidable = m["cross_pairs_true"] - split_true
        rec_dec = (decidable - (len(m["fn"]) - fn_split)) / decidable if decidable else 1.0
        print(
            f"{label:<11} precision {m['precision']:.4f}  recall {rec_dec:.4f} over the {decidable} pairs ties can decide "
            f"(all pairs: {m['recall']:.4f}; split bridges' pairs missed {fn_split}/{split_true})  "
            f"F1 {m['f1']:.4f}  duplicates {m['dup_found']}/{m['dup_true']} (+{m['dup_false']} false)  "
            f"homonyms merged {m['homonyms_merged']}/{m['homonyms']}, certain {m['homonyms_certain']}, "
            f"in review {m['homonyms_review']}  [{dt:.2f} s]"
        )
        for kind in ("fp", "fn"):
            for a, b in m[kind][:show]:
                print(f"    {kind}: {a} {names.get(a)!r} ~ {b} {names.get(b)!r}")
    if not bridges:
        return
    f = bridges_found(samples, truth)
    print(
        f"bridges     top 20: {f['confirmed']} confirmed, {f['possible']} possible (unconfirmed), {f['missed']} missed "
        f"of {len(truth['bridges'])} planted; split bridges listed as possible bridges (any rank) or merged: "
        f"{f['split_listed']}/{len(truth.get('split_bridges', []))}"
    )
    d = bridges_after_decisions(samples, truth)
    print(
        f"decided     review.csv filled from the truth: {d['top']} of {len(truth['bridges'])} planted bridges merged and in "
        f"the top 20, {d['lower']} merged but lower, {d['apart']} not merged; homonyms merged {d['homonyms_merged']}/"
        f"{len(truth['homonyms'])}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("samples", nargs="?", default=str(Path(__file__).resolve().parents[1] / "samples"))
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--show", type=int, default=0, help="false pairs to print")
    ap.add_argument("--seeds", default="5,11,17,23,31,42", help="other seeds of the small scenario to generate and measure too")
    ap.add_argument("--large", action="store_true", help="also the large scenario (seed 7; resolution only, no bridges)")
    args = ap.parse_args()
    report(Path(args.samples), args.threshold, args.show)
    import tempfile

    from netmix.scenario import generate

    with tempfile.TemporaryDirectory() as tmp:
        for seed in [int(x) for x in args.seeds.split(",") if x.strip()]:
            report(generate(Path(tmp) / f"seed{seed}", scale="small", seed=seed), args.threshold, args.show)
        if args.large:
            report(generate(Path(tmp) / "large7", scale="large", seed=7), args.threshold, args.show, bridges=False)


if __name__ == "__main__":
    main()
