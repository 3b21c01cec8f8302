"""On the committed synthetic samples: planted clusters, bridges and exclusions are recovered.

Expected values come from ``samples/truth.json`` (written by the scenario generator that planted
them); the run goes through the real importers and resolver.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netmix.analysis.compare import nmi

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
pytestmark = pytest.mark.skipif(not (SAMPLES / "truth.json").exists(), reason="samples/truth.json not generated")

STATUS = {
    "pending": "request pending",
    "removed": "removed",
    "rejected": "request rejected",
    "none": "not connected",
    "received": "request received",
}


@pytest.fixture(scope="module")
def run():
    from netmix.config import load_config
    from netmix.pipeline import run as run_pipeline

    truth = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))
    result = run_pipeline(load_config(SAMPLES / "netmix.toml"))
    c2p = dict(zip(result.resolution.contacts["contact_id"], result.resolution.contacts["person_id"], strict=False))
    h2p = {h: c2p.get(d["contacts"][0]) for h, d in truth["humans"].items() if d.get("contacts")}
    return truth, result.analysis, h2p


def test_planted_clusters_recovered(run):
    truth, a, h2p = run
    p = a.persons.set_index("person_id")
    pairs = [
        (name, p.loc[h2p[h], "cluster"])
        for name, humans in truth["clusters"].items()
        for h in humans
        if h2p.get(h) in p.index and p.loc[h2p[h], "degree"] > 0 and p.loc[h2p[h], "is_contact"] == "1"
    ]
    assert len(pairs) > 100
    assert nmi([t for t, _ in pairs], [c for _, c in pairs]) >= 0.9


def test_planted_bridges_rank_at_the_top(run):
    truth, a, h2p = run
    b = a.bridges
    ranks, kinds = [], set()
    for h in truth["bridges"]:
        # a split bridge (issue 12) is listed as a possible bridge (unconfirmed) naming both halves
        rows = b[[h2p[h] in str(p).split(";") for p in b["person_ids"]]]
        best = rows.sort_values("rank").iloc[0]
        ranks.append(int(best["rank"]))
        kinds.add(best["bridge_kind"])
        assert best["status"] == ("unconfirmed" if h in truth["split_bridges"] else "confirmed")
    assert kinds == {"personal-professional"}
    assert max(ranks) <= 20  # every planted bridge merged or possible in the top 20 (issue 12)
    assert sum(r <= 10 for r in ranks) >= len(ranks) // 2


def test_excluded_persons_found_with_mutual_and_status(run):
    truth, a, _ = run
    ex = a.exclusions
    for e in truth["excluded"]:
        rows = ex[ex["name"].str.casefold() == e["name"].casefold()]
        assert len(rows) >= 1, e["name"]
        row = rows.iloc[0]
        assert (int(row["mutual"]), row["status"]) == (e["mutual"], STATUS[e["status"]]), e["name"]
