"""Connection waves: bursts of new contacts on one account (after an event, a move, a meeting).

Method (per account, on the ``connected_on`` dates of its contacts):

1. **Baseline**: the dated span of the account (first to last date) is cut into consecutive
   ``days``-day bins; the baseline is the median number of connections per bin (empty bins
   count as 0).
2. **Threshold**: ``max(min_size, ceil(factor × baseline))`` connections.
3. **Windows**: from each dated connection, the window ``[date, date + days)``; a window holding
   at least the threshold is a burst window.
4. **Waves**: overlapping burst windows are merged; a wave holds every connection dated between
   the first and the last date of its merged windows.

This is the classic sliding-window burst test (a rate far above the series' typical rate; cf.
Kleinberg 2002, "Bursty and hierarchical structure in streams", for the model-based variant),
kept simple so every figure can be checked by hand.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = ["WAVE_COLUMNS", "detect_waves"]

WAVE_COLUMNS: tuple[str, ...] = (
    "wave",
    "account",
    "start",
    "end",
    "size",
    "days",
    "per_day",
    "baseline",
    "threshold",
    "label",
    "person_ids",
)


def detect_waves(
    contacts: pd.DataFrame,
    *,
    days: int = 7,
    min_size: int = 5,
    factor: float = 3.0,
) -> pd.DataFrame:
    """Connection waves of every account.

    Parameters
    ----------
    contacts : pandas.DataFrame
        Needs ``account`` and ``connected_on`` (ISO dates; others ignored) and ``person_id``
        (else ``contact_id``) to list members.
    days : int
        Window length D in days.
    min_size : int
        The smallest number of connections in a window that can make a wave (N).
    factor : float
        How many times the account's median rate per window a burst must reach (k).

    Returns
    -------
    pandas.DataFrame
        One row per wave (``WAVE_COLUMNS``): ``wave`` (``w01``… by start date, then account),
        ``start``/``end`` (ISO), ``size``, ``days`` (end − start + 1), ``per_day``,
        ``baseline`` (median per window), ``threshold``, ``label``, ``person_ids`` (sorted,
        ``;``-joined).

    Examples
    --------
    >>> import pandas as pd
    >>> dates = ["2012-01-01", "2012-03-01", "2012-06-04", "2012-06-05", "2012-06-05", "2012-09-01"]
    >>> c = pd.DataFrame({"account": "pro", "connected_on": dates, "person_id": list("abcdef")})
    >>> detect_waves(c, days=7, min_size=3)[["start", "end", "size"]].values.tolist()
    [['2012-06-04', '2012-06-05', 3]]
    """
    key = "person_id" if "person_id" in contacts.columns else "contact_id"
    found = []
    if len(contacts):
        df = pd.DataFrame(
            {
                "account": contacts["account"].astype(str),
                "date": pd.to_datetime(contacts["connected_on"].astype(str).str[:10], format="%Y-%m-%d", errors="coerce"),
                "pid": contacts[key].astype(str),
            }
        ).dropna(subset=["date"])
        for account, g in df.groupby("account", sort=True):
            found += _account_waves(str(account), g.sort_values(["date", "pid"]), days, min_size, factor)
    if not found:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in WAVE_COLUMNS})
    out = pd.DataFrame(found).sort_values(["start", "account"], kind="mergesort").reset_index(drop=True)
    width = max(2, len(str(len(out))))
    out.insert(0, "wave", [f"w{i:0{width}d}" for i in range(1, len(out) + 1)])
    return out[list(WAVE_COLUMNS)]


def _account_waves(account: str, g: pd.DataFrame, days: int, min_size: int, factor: float) -> list[dict]:
    day = g["date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    pids = g["pid"].to_numpy()
    if day.size < min_size:
        return []
    bins = (day - day[0]) // days
    counts = np.bincount(bins)
    baseline = float(np.median(counts))
    threshold = max(min_size, math.ceil(factor * baseline))
    end_idx = np.searchsorted(day, day + days, side="left")  # window [day_i, day_i + D)
    hits = np.flatnonzero(end_idx - np.arange(day.size) >= threshold)
    waves: list[tuple[int, int]] = []
    for i in hits:
        lo, hi = int(day[i]), int(day[end_idx[i] - 1])
        if waves and lo <= waves[-1][1]:
            waves[-1] = (waves[-1][0], max(waves[-1][1], hi))
        else:
            waves.append((lo, hi))
    rows = []
    for lo, hi in waves:
        sel = (day >= lo) & (day <= hi)
        members = sorted(set(pids[sel]) - {""})
        size = int(sel.sum())
        span = hi - lo + 1
        start = str(np.datetime64(lo, "D"))
        end = str(np.datetime64(hi, "D"))
        rows.append(
            {
                "account": account,
                "start": start,
                "end": end,
                "size": size,
                "days": int(span),
                "per_day": round(size / span, 3),
                "baseline": baseline,
                "threshold": int(threshold),
                "label": f"{account}: {size} new contacts {start} → {end}",
                "person_ids": ";".join(members),
            }
        )
    return rows
