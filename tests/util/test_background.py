"""netmix.util.background: a call run in another process gives what it gives here, and never re-runs the caller."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

from netmix.util import background
from netmix.util.background import in_background, in_turn
from netmix.util.igraph_tools import path_counts

PATH = np.array([[0, 1], [1, 2], [2, 3]])


def test_another_process_gives_the_same_result_and_leaves_no_file():
    later = in_background(path_counts, 4, PATH, None)
    assert later._proc is not None  # really started elsewhere (this machine has 2 CPUs)
    claimed(later)  # asked for before the other process has started it, it would be made here
    job = later._job  # this job's file (other tests running beside this one may have files of their own)
    assert job is not None and os.path.dirname(job) == tempfile.gettempdir()
    # a path of 4 nodes, worked by hand: the inner nodes lie on 2 of the 3 pairs around them
    assert later.result().tolist() == [0.0, 2.0, 2.0, 0.0]
    assert not os.path.exists(job)


def claimed(later) -> None:
    """Wait (up to 30 s) until the other process has claimed every call."""
    deadline = time.monotonic() + 30
    while any(os.path.exists(c) for c in later._claims) and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_failing_process_falls_back_to_this_one(monkeypatch):
    monkeypatch.setattr(background, "__name__", "netmix.util.no_such_module")  # the other process cannot start the job
    later = in_background(path_counts, 4, PATH, None)
    assert later.result().tolist() == [0.0, 2.0, 2.0, 0.0]


def pid_once(flag: str | None = None, started: str | None = None) -> int:
    """The process that made the call; it first says it has started (``started``), then waits (up to 30 s) for
    ``flag``."""
    if started:
        Path(started).touch()
    deadline = time.monotonic() + 30
    while flag and not os.path.exists(flag) and time.monotonic() < deadline:
        time.sleep(0.01)
    return os.getpid()


def wait_for(path: Path) -> None:
    deadline = time.monotonic() + 30
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_call_the_other_process_has_not_started_is_made_here(tmp_path):
    # the other process is held in the first call until the second has been asked for: it is made here, at once
    started, flag = tmp_path / "started", tmp_path / "go on"
    later = in_turn([(pid_once, (str(flag), str(started))), (pid_once, ())])
    assert later._proc is not None
    wait_for(started)  # the other process has claimed the first call (else this one would make it too)
    assert later.get(1) == os.getpid()
    flag.touch()
    assert later.get(0) not in (os.getpid(), None)  # made there, handed back
    assert later.get(1) == os.getpid()  # kept, not made again


def test_a_call_the_other_process_has_started_is_waited_for(tmp_path):
    first, started, flag = tmp_path / "first", tmp_path / "started", tmp_path / "go on"
    later = in_turn([(pid_once, (None, str(first))), (pid_once, (str(flag), str(started)))])
    wait_for(first)
    there = later.get(0)
    assert there != os.getpid()
    wait_for(started)  # the other process has claimed the second call
    flag.touch()
    assert later.get(1, here=os.getpid) == there  # not made here (``here`` would say so)
    assert later._claims and not any(os.path.exists(c) for c in later._claims)


def touched(path: str) -> int:
    """Make the file ``path``; the process that made the call."""
    Path(path).touch()
    return os.getpid()


def test_while_waiting_for_a_call_the_calls_not_started_are_made_here(tmp_path):
    # the other process is held in the first call until the third is made: that can only happen here, meanwhile
    started, flag = tmp_path / "started", tmp_path / "go on"
    later = in_turn([(pid_once, (str(flag), str(started))), (pid_once, ()), (touched, (str(flag),))])
    wait_for(started)
    there = later.get(0, meanwhile=[1, 2])
    assert there != os.getpid()
    assert later.get(1) == later.get(2) == os.getpid()  # made here while waiting, kept


def test_calls_of_a_failing_process_are_made_here(monkeypatch):
    monkeypatch.setattr(background, "__name__", "netmix.util.no_such_module")  # the other process cannot start the job
    later = in_turn([(pid_once, ()), (path_counts, (4, PATH, None))])
    assert later.get(1).tolist() == [0.0, 2.0, 2.0, 0.0]
    assert later.get(0) == os.getpid()
    small = in_turn([(pid_once, ())], worth_it=False)
    assert small._proc is None and small.get(0) == os.getpid()


def test_small_jobs_run_here():
    later = in_background(path_counts, 4, PATH, None, worth_it=False)
    assert later._proc is None
    assert later.result().tolist() == [0.0, 2.0, 2.0, 0.0]


def test_an_unguarded_script_is_not_run_again(tmp_path):
    # multiprocessing's spawn would import the caller's script again in the child; this must not
    script = tmp_path / "script.py"
    marker = tmp_path / "runs.txt"
    script.write_text(
        textwrap.dedent(
            f"""
            import numpy as np
            from netmix.util.background import in_background, in_turn
            from netmix.util.igraph_tools import path_counts
            with open({str(marker)!r}, "a") as fh:
                fh.write("run\\n")
            print(in_background(path_counts, 3, np.array([[0, 1], [1, 2]]), None).result().tolist())
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[0.0, 1.0, 0.0]"
    assert marker.read_text(encoding="utf-8") == "run\n"


def test_the_command_line_loads_igraph_without_matplotlib():
    code = (
        "import sys; from netmix.util.igraph_tools import load_igraph, skip_plotting; skip_plotting(); load_igraph(); "
        "print('matplotlib' in sys.modules); import matplotlib; print(matplotlib.__name__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == ["False", "matplotlib"]


def test_a_warmed_interpreter_takes_the_next_job():
    with background.warmed():
        spare = background._spare
        assert spare is not None and spare.poll() is None  # started ahead, waiting for its job
        later = in_background(path_counts, 4, PATH, None)
        assert later._proc is spare and background._spare is None  # the job went to it; none is left waiting
        job = later._job
        assert later.result().tolist() == [0.0, 2.0, 2.0, 0.0]
    assert spare.wait(timeout=30) == 0 and job is not None and not os.path.exists(job)


def test_an_interpreter_left_without_a_job_is_stopped():
    with background.warmed():
        spare = background._spare
        assert spare is not None
    assert spare.poll() is not None and background._spare is None


def test_a_dead_warmed_interpreter_is_replaced():
    with background.warmed():
        spare = background._spare
        assert spare is not None
        spare.kill()
        spare.wait()
        later = in_background(path_counts, 4, PATH, None)
        assert later._proc is not None and later._proc is not spare
        assert later.result().tolist() == [0.0, 2.0, 2.0, 0.0]


def test_leaving_stops_the_other_process_and_leaves_no_marker(tmp_path):
    # a run that leaves before asking for every result (it failed): the exit hook ends the job
    started = tmp_path / "started"
    later = in_turn([(pid_once, (str(tmp_path / "never"), str(started))), (pid_once, ())])
    proc, markers = later._proc, list(later._claims)
    wait_for(started)  # the other process is inside the first call; the second is claimed by no one yet
    assert proc is not None and os.path.exists(markers[1])
    background._close_all()
    assert proc.poll() is not None and not any(os.path.exists(m) for m in markers)
