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
    # review.xlsx, graph.gexf and report.html are made in forked children where fork exists: the files must not tell
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


def _with_ties(paths: list[Path]):
    """The samples' accounts with these tie files (each the perso account's)."""
    from dataclasses import replace

    from netmix.model import TieSource

    config = load_config(ROOT / "samples" / "netmix.toml")
    return replace(config, ties=tuple(TieSource(str(p), "perso") for p in paths))


def test_tie_files_read_beside_the_imports_are_those_read_alone(monkeypatch):
    # the tie files are read in a forked child while the accounts are imported: the tie sets are those of read_ties
    from netmix.pipeline import import_all, running
    from netmix.ties import read_ties

    config = load_config(ROOT / "samples" / "netmix.toml")
    alone = [read_ties(src) for src in config.ties]
    monkeypatch.setattr(running, "can_fork", lambda: True)
    monkeypatch.setattr(running, "_FORK_FROM", 0)  # the samples' tie files are small
    events: list[StepEvent] = []
    _, beside = import_all(config, events.append)
    assert [(e.step, e.item) for e in events if e.done][-2:] == [("ties", "perso.gdf"), ("ties", "pro.gdf")]
    for a, b in zip(alone, beside, strict=True):
        assert a.nodes.equals(b.nodes) and a.edges.equals(b.edges) and a.edges["a"].dtype == b.edges["a"].dtype
        assert (a.source, a.format, a.account, a.issues) == (b.source, b.format, b.account, b.issues)


@pytest.mark.parametrize("fork", [True, False])
def test_a_tie_file_that_cannot_be_read_fails_the_run_as_without_a_child(fork, monkeypatch, tmp_path):
    from netmix.errors import InputError
    from netmix.model import TieSource
    from netmix.pipeline import import_all, running
    from netmix.ties import read_ties

    bad = tmp_path / "bad.gdf"
    bad.write_text("nodedef>name VARCHAR\n1\nedgedef>node1 VARCHAR\n1\n", encoding="utf-8")  # one end only
    with pytest.raises(InputError) as alone:
        read_ties(TieSource(str(bad), "perso"))
    monkeypatch.setattr(running, "can_fork", lambda: fork)
    monkeypatch.setattr(running, "_FORK_FROM", 0)
    events: list[StepEvent] = []
    with pytest.raises(InputError) as failed:
        import_all(_with_ties([ROOT / "samples" / "ties" / "perso.gdf", bad]), events.append)
    assert (str(failed.value), failed.value.file, failed.value.line) == (str(alone.value), str(bad), 3)  # the edgedef> line
    steps = [(e.step, e.item, e.done) for e in events][-3:]
    assert steps == [("ties", "perso.gdf", False), ("ties", "perso.gdf", True), ("ties", "bad.gdf", False)]


def test_contacts_csv_made_while_the_analysis_waits_is_the_same_file(monkeypatch, tmp_path):
    # on a big network contacts.csv is made beside the analysis (RunResult.made, in a forked child); written, it is the
    # file the outputs would make from the tables, and pseudonyms (which change it) make it again
    import dataclasses

    from netmix.pipeline import running
    from netmix.pipeline.forked import ForkedOutput
    from netmix.privacy import Pseudonymizer

    monkeypatch.setattr(running, "can_fork", lambda: True)
    monkeypatch.setattr(running, "_FORK_FROM", 0)  # the samples count as big
    result = run(load_config(ROOT / "samples" / "netmix.toml"))
    assert list(result.made) == ["contacts.csv"]
    plain = dataclasses.replace(result, made={})
    for key, pseudonyms in (("a", None), ("b", Pseudonymizer(bytes(32)))):
        made, alone = tmp_path / f"{key}-made", tmp_path / f"{key}-alone"
        write_outputs(result, made, html=False, timings=False, pseudonymizer=pseudonyms)
        write_outputs(plain, alone, html=False, timings=False, pseudonymizer=pseudonyms)
        assert sorted(os.listdir(made)) == sorted(os.listdir(alone))
        assert all((made / f).read_bytes() == (alone / f).read_bytes() for f in os.listdir(made))
    marked = dataclasses.replace(result, made={"contacts.csv": ForkedOutput(lambda: b"made during the run", parallel=True)})
    write_outputs(marked, tmp_path / "marked", html=False, timings=False)
    assert (tmp_path / "marked" / "contacts.csv").read_bytes() == b"made during the run"
    write_outputs(marked, tmp_path / "pseudonymised", html=False, timings=False, pseudonymizer=Pseudonymizer(bytes(32)))
    assert (tmp_path / "pseudonymised" / "contacts.csv").read_bytes() != b"made during the run"


def test_a_drained_child_leaves_as_soon_as_its_bytes_are_made():
    # without drain the child waits, whole, until the parent reads 1 MB from the pipe; with it, it leaves at once
    import time

    from netmix.pipeline.forked import ForkedOutput

    job = ForkedOutput(lambda: b"x" * 1_000_000, parallel=True, drain=True)
    deadline = time.monotonic() + 30
    state = ""
    while time.monotonic() < deadline:  # "Z": the child has exited (and waits to be reaped by result())
        state = Path(f"/proc/{job.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if state == "Z":
            break
        time.sleep(0.01)
    assert state == "Z"
    assert job.result() == b"x" * 1_000_000
