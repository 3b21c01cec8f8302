"""cli/progress.py: what a person sees on stderr while netmix analyze runs."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from netmix.cli.progress import progress_display
from netmix.pipeline import StepEvent

ROOT = Path(__file__).resolve().parents[1]
EVENTS = [
    StepEvent("import", "perso"),
    StepEvent("import", "perso", done=True, count=5000, seconds=0.41, elapsed=0.6),
    StepEvent("write", "graph.gexf"),
    StepEvent("write", "graph.gexf", done=True, count=95_737_791, seconds=1.26, elapsed=12.0),
]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_stderr_is_not_a_terminal():
    err = io.StringIO()
    with progress_display(stream=err) as show:
        for event in EVENTS:
            show(event)
    assert err.getvalue().splitlines() == [
        "netmix: importing perso: 5,000 contacts in 0.4 s",
        "netmix: writing graph.gexf: 95.7 MB in 1.3 s",
    ]


def test_quiet_shows_nothing():
    for stream in (io.StringIO(), Terminal()):
        with progress_display(quiet=True, stream=stream) as show:
            for event in EVENTS:
                show(event)
        assert stream.getvalue() == ""


def test_live_display_on_a_terminal_lists_finished_steps():
    term = Terminal()
    with progress_display(stream=term) as show:
        for event in EVENTS:
            show(event)
    text = term.getvalue()
    assert "importing perso: 5,000 contacts in 0.4 s" in text and "writing graph.gexf: 95.7 MB" in text
    assert "netmix:" not in text  # the live display, not the plain lines


def test_analyze_quiet_writes_nothing_on_stderr(tmp_path):
    args = [sys.executable, "-m", "netmix", "analyze", "--config", "samples/netmix.toml", "--out", str(tmp_path / "out")]
    loud = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert loud.returncode == 0 and "netmix: resolving persons and doubles:" in loud.stderr
    quiet = subprocess.run([*args, "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert quiet.returncode == 0 and quiet.stderr == "" and "persons" in quiet.stdout
