"""netmix.util.background: a call run in another process gives what it gives here, and never re-runs the caller."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time

import numpy as np

from netmix.util import background
from netmix.util.background import in_background
from netmix.util.igraph_tools import path_counts

PATH = np.array([[0, 1], [1, 2], [2, 3]])


def test_another_process_gives_the_same_result_and_leaves_no_file():
    later = in_background(path_counts, 4, PATH, None)
    assert later._proc is not None  # really started elsewhere (this machine has 2 CPUs)
    job = later._job  # this job's file (other tests running beside this one may have files of their own)
    assert job is not None and os.path.dirname(job) == tempfile.gettempdir()
    # a path of 4 nodes, worked by hand: the inner nodes lie on 2 of the 3 pairs around them
    assert later.result().tolist() == [0.0, 2.0, 2.0, 0.0]
    assert not os.path.exists(job)


def test_a_failing_process_falls_back_to_this_one(monkeypatch):
    monkeypatch.setattr(background, "__name__", "netmix.util.no_such_module")  # the other process cannot start the job
    later = in_background(path_counts, 4, PATH, None)
    assert later.result().tolist() == [0.0, 2.0, 2.0, 0.0]


def parts_after_signal(flag: str):
    """A job in two parts: the second says whether the caller had the first before it was made (it signals so)."""
    yield "first"
    deadline = time.monotonic() + 30
    while not os.path.exists(flag) and time.monotonic() < deadline:
        time.sleep(0.01)
    yield os.path.exists(flag)


def test_parts_come_back_as_they_are_made(tmp_path):
    # the second part is made only once this process has the first (or after 30 s without it): handed back at
    # the end only, the first part would come too late for the signal
    flag = tmp_path / "had the first part"
    later = in_background(parts_after_signal, str(flag), parts=True)
    assert later._proc is not None
    parts = later.parts()
    assert next(parts) == "first"
    flag.touch()
    assert next(parts) is True
    assert list(parts) == []


def test_parts_of_a_failing_process_are_made_here(monkeypatch, tmp_path):
    monkeypatch.setattr(background, "__name__", "netmix.util.no_such_module")  # the other process cannot start the job
    (tmp_path / "flag").touch()
    later = in_background(parts_after_signal, str(tmp_path / "flag"), parts=True)
    assert list(later.parts()) == ["first", True]
    assert list(in_background(parts_after_signal, str(tmp_path / "flag"), parts=True, worth_it=False).parts()) == ["first", True]


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
            from netmix.util.background import in_background
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
    assert spare.returncode == 0 and job is not None and not os.path.exists(job)


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
