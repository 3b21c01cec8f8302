"""pipeline.py: the steps of a run, reported as they happen and kept in timings.json (samples/netmix.toml)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from netmix.config import load_config
from netmix.pipeline import TIMINGS_FILE, StepEvent, run, write_outputs

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def result_and_events():
    events: list[StepEvent] = []
    result = run(load_config(ROOT / "samples" / "netmix.toml"), progress=events.append)
    return result, events


def test_every_step_starts_then_ends_with_its_count(result_and_events):
    result, events = result_and_events
    starts = [(e.step, e.item) for e in events if not e.done]
    ends = [(e.step, e.item) for e in events if e.done]
    assert starts == ends  # steps never overlap: each ends before the next starts
    assert starts[:3] == [("import", "perso"), ("import", "pro"), ("import", "linkedin")]
    assert ("ties", "perso.gdf") in starts and ("resolve", "") in starts
    assert sum(1 for step, _ in starts if step == "analyse") >= 5
    done = {(e.step, e.item): e for e in events if e.done}
    assert done[("import", "linkedin")].count == len(result.imports["linkedin"].contacts)
    assert done[("resolve", "")].count == len(result.resolution.persons)
    assert all(e.seconds >= 0 and e.elapsed >= e.seconds for e in events if e.done)


def test_timings_json_holds_every_step_and_every_file(result_and_events, tmp_path):
    result, _ = result_and_events
    events: list[StepEvent] = []
    written = write_outputs(result, tmp_path, progress=events.append)
    timings = json.loads((tmp_path / TIMINGS_FILE).read_text(encoding="utf-8"))
    steps = [(r["step"], r["item"]) for r in timings["steps"]]
    assert steps[: len(result.timings)] == [(r["step"], r["item"]) for r in result.timings]
    assert {item for step, item in steps if step == "write"} == set(written) - {TIMINGS_FILE}
    assert ("layout", "") in steps  # computed once, shared by the Gephi file, the map and the report
    assert sum(1 for step, _ in steps if step == "layout") == 1
    assert timings["total_seconds"] == pytest.approx(sum(r["seconds"] for r in timings["steps"]), abs=0.01)
    assert all(r["peak_memory_mib"] > 0 for r in timings["steps"])
    assert [(e.step, e.item) for e in events if e.done] == steps[len(result.timings) :]


def test_default_outputs_and_graphml_on_request(result_and_events, tmp_path):
    result, _ = result_and_events
    default = write_outputs(result, tmp_path / "a")
    assert "graph.gexf" in default and "graph.graphml" not in default and "report.html" in default
    run_json = json.loads((tmp_path / "a" / "run.json").read_text(encoding="utf-8"))
    assert run_json["outputs"] == {"xml_characters_removed": 0}
    assert "graph.graphml" in write_outputs(result, tmp_path / "b", html=False, graphml=True)
    assert TIMINGS_FILE not in write_outputs(result, tmp_path / "c", html=False, timings=False)


def test_outputs_made_beside_the_work_are_the_same_bytes(result_and_events, tmp_path):
    # review.xlsx and graph.gexf are made in forked children where fork exists: the files must not tell
    result, _ = result_and_events
    write_outputs(result, tmp_path / "alone", parallel=False, timings=False)
    write_outputs(result, tmp_path / "beside", parallel=True, timings=False)
    alone = sorted(p.name for p in (tmp_path / "alone").iterdir())
    assert alone == sorted(p.name for p in (tmp_path / "beside").iterdir())
    for name in alone:
        assert (tmp_path / "alone" / name).read_bytes() == (tmp_path / "beside" / name).read_bytes(), name


def test_a_failed_child_leaves_its_output_to_the_parent():
    from netmix.pipeline.forked import ForkedOutput

    parent = os.getpid()

    def make() -> bytes:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return b"made by the parent"

    assert ForkedOutput(make, parallel=True).result() == b"made by the parent"
    job = ForkedOutput(lambda: b"never read", parallel=True)
    job.cancel()  # a run that fails stops its children
    assert job.pid == 0
