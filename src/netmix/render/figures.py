"""The figures behind the report's charts, computed once so each chart and its table agree.

- :func:`overlap`: persons per combination of accounts (an UpSet chart's bars), contacts only;
- :func:`circles`: members of each circle by sphere (personal, professional, both);
- :func:`timeline`: new connections per period and account, with the detected waves;
- :func:`top_bridges`: the best-ranked bridges with their score.

>>> import pandas as pd
>>> p = pd.DataFrame({"accounts": [["perso"], ["perso", "pro"], ["pro"], ["pro"]], "is_contact": [True] * 4})
>>> overlap(p)
[{'accounts': ['pro'], 'persons': 2}, {'accounts': ['perso'], 'persons': 1}, {'accounts': ['perso', 'pro'], 'persons': 1}]
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

__all__ = ["circles", "overlap", "timeline", "top_bridges"]


def overlap(persons: pd.DataFrame) -> list[dict]:
    """Persons per exact combination of accounts, most persons first (ties: fewer accounts, then names)."""
    combos = Counter(tuple(a) for a, c in zip(persons["accounts"], persons["is_contact"], strict=False) if c and len(a))
    ordered = sorted(combos.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
    return [{"accounts": list(k), "persons": n} for k, n in ordered]


def _int(value: object) -> int:
    try:
        return int(float(str(value)))
    except ValueError:
        return 0


def circles(clusters: pd.DataFrame, labels: dict[str, str]) -> list[dict]:
    """Each circle's members by sphere, biggest first (``size`` counts non-contacts as well)."""
    rows = []
    for r in clusters.to_dict("records"):
        c = str(r.get("cluster", ""))
        if not c:
            continue
        rows.append(
            {
                "cluster": c,
                "label": labels.get(c, str(r.get("label", "")) or c),
                "size": _int(r.get("size", 0)),
                "personal": _int(r.get("personal", 0)),
                "professional": _int(r.get("professional", 0)),
                "both": _int(r.get("both", 0)),
            }
        )
    return sorted(rows, key=lambda r: (-r["size"], r["cluster"]))


def timeline(contacts: pd.DataFrame | None, waves: pd.DataFrame | None) -> dict:
    """New connections per period (years, or months over a span of three years or less) and account.

    Returns ``{"unit": "year" | "month", "periods": [...], "accounts": [...], "counts": {account: [n per
    period]}, "waves": [{"account", "start", "end", "size"}]}``; no periods when no date is known.
    """
    out: dict = {"unit": "year", "periods": [], "accounts": [], "counts": {}, "waves": []}
    if contacts is None or not len(contacts) or "connected_on" not in contacts.columns:
        return out
    dates = contacts["connected_on"].astype(str).str[:10]
    ok = dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    if not ok.any():
        return out
    dates, accounts = dates[ok], contacts.loc[ok, "account"].astype(str)
    years = dates.str[:4].astype(int)
    unit = "month" if years.max() - years.min() < 3 else "year"
    keys = dates.str[:7] if unit == "month" else dates.str[:4]
    periods = _periods(str(keys.min()), str(keys.max()), unit)
    index = {p: i for i, p in enumerate(periods)}
    counts: dict[str, list[int]] = {}
    tally = pd.DataFrame({"account": accounts.to_numpy(dtype=object), "period": keys.map(index).to_numpy()}).value_counts()
    levels = (tally.index.get_level_values(0).tolist(), tally.index.get_level_values(1).tolist(), tally.tolist())
    for acc, period, n in zip(*levels, strict=True):
        counts.setdefault(acc, [0] * len(periods))[period] = int(n)
    out.update(unit=unit, periods=periods, accounts=sorted(counts), counts={a: counts[a] for a in sorted(counts)})
    if waves is not None and len(waves) and {"start", "end", "account"} <= set(waves.columns):
        out["waves"] = [
            {"account": str(w["account"]), "start": str(w["start"]), "end": str(w["end"]), "size": _int(w.get("size", 0))}
            for w in waves.to_dict("records")
        ]
    return out


def _periods(first: str, last: str, unit: str) -> list[str]:
    """Every year (``2014``) or month (``2014-03``) from ``first`` to ``last``."""
    if unit == "year":
        return [str(y) for y in range(int(first), int(last) + 1)]
    out = []
    y, m = int(first[:4]), int(first[5:7])
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def top_bridges(persons: pd.DataFrame, labels: dict[str, str], limit: int = 10) -> list[dict]:
    """The ``limit`` best-ranked bridges: rank, name, sphere, circle and score (0..1, scaled to the best)."""
    ranked = persons[persons["bridge_rank"] > 0].sort_values(["bridge_rank", "person_id"]).head(limit)
    return [
        {
            "rank": int(r["bridge_rank"]),
            "name": str(r["name"]),
            "sphere": str(r["sphere_key"]),
            "accounts": list(r["accounts"]),
            "cluster": labels.get(str(r["cluster"]), str(r["cluster"])),
            "score": round(float(r["bridging_score"]), 2),
        }
        for r in ranked.to_dict("records")
    ]
