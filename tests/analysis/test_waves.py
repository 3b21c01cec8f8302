"""Connection waves: hand-checkable dates."""

from __future__ import annotations

import pandas as pd

from netmix.graph.waves import WAVE_COLUMNS, detect_waves


def _contacts(account, dates):
    return pd.DataFrame(
        {"account": account, "connected_on": dates, "person_id": [f"{account}{i:02d}" for i in range(len(dates))]}
    )


def test_one_wave_by_hand():
    # 12 monthly connections in 2011 (one per 7-day bin at most) then 6 within 3 days in June 2012.
    monthly = [f"2011-{m:02d}-10" for m in range(1, 13)]
    burst = ["2012-06-04", "2012-06-04", "2012-06-05", "2012-06-06", "2012-06-06", "2012-06-06"]
    w = detect_waves(_contacts("pro", monthly + burst), days=7, min_size=5, factor=3.0)
    # baseline: 7-day bins from 2011-01-10 to 2012-06-06 → mostly empty → median 0;
    # threshold = max(5, ceil(3 × 0)) = 5; only the June window holds ≥ 5 → one wave of 6
    assert len(w) == 1
    row = w.iloc[0]
    assert (row["wave"], row["account"], row["start"], row["end"], row["size"], row["days"]) == (
        "w01",
        "pro",
        "2012-06-04",
        "2012-06-06",
        6,
        3,
    )
    assert row["baseline"] == 0.0 and row["threshold"] == 5
    assert row["person_ids"] == ";".join(f"pro{i:02d}" for i in range(12, 18))
    assert list(w.columns) == list(WAVE_COLUMNS)


def test_threshold_follows_the_account_rate():
    # a busy account: 10 connections every week for 20 weeks → median 10 per bin, threshold 30;
    # a week with 25 new contacts is no wave; one with 31 is.
    dates = [str(pd.Timestamp("2020-01-01") + pd.Timedelta(days=7 * wk + (i % 5)))[:10] for wk in range(20) for i in range(10)]
    assert detect_waves(_contacts("p", dates + ["2020-03-04"] * 15)).empty
    w = detect_waves(_contacts("p", dates + ["2020-03-04"] * 21), days=7)
    assert len(w) == 1 and w.iloc[0]["threshold"] == 30


def test_waves_are_per_account_and_ordered():
    a = _contacts("perso", ["2015-05-01"] * 5 + ["2010-01-01"])
    b = _contacts("pro", ["2014-05-01"] * 5 + ["2010-01-01"])
    w = detect_waves(pd.concat([a, b]), min_size=5)
    assert w[["wave", "account", "start"]].values.tolist() == [["w01", "pro", "2014-05-01"], ["w02", "perso", "2015-05-01"]]


def test_no_dates_no_waves():
    assert detect_waves(_contacts("p", [""] * 10)).empty
    assert list(detect_waves(pd.DataFrame(columns=["account", "connected_on"])).columns) == list(WAVE_COLUMNS)
