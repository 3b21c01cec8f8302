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


def test_plain_lines_in_french():
    # hand-written French: a narrow no-break space between thousands, a decimal comma, "Mo" for megabytes
    err = io.StringIO()
    with progress_display(stream=err, lang="fr") as show:
        for event in EVENTS:
            show(event)
    assert err.getvalue().splitlines() == [
        "netmix: import du compte perso : 5\u202f000 contacts en 0,4 s",
        "netmix: écriture du fichier graph.gexf : 95,7 Mo en 1,3 s",
    ]


def test_every_analysis_step_is_announced_and_said_in_each_language():
    import pandas as pd

    from netmix.analysis import ANALYSIS_STEPS, analyse
    from netmix.cli.progress import describe
    from netmix.model import Resolution

    persons = pd.DataFrame({"person_id": list("abcd"), "accounts": "fb", "sphere": "personal", "is_contact": "1"})
    ties = pd.DataFrame({"a": list("aabc"), "b": list("bccd"), "weight": 1.0, "kind": "observed", "source": ""})
    empty = pd.DataFrame()
    announced: list[str] = []
    analyse(Resolution(empty, persons, empty, empty, ties, empty), {"fb": "personal"}, seed=1, progress=announced.append)
    assert announced == list(ANALYSIS_STEPS)  # codes, in order: the CLI words them
    for lang in ("en", "fr"):
        said = [describe(StepEvent("analyse", code), lang) for code in ANALYSIS_STEPS]
        assert all(s and s != code for s, code in zip(said, ANALYSIS_STEPS, strict=True)) and len(set(said)) == len(said)


def test_the_reasons_an_account_is_set_aside_are_said_in_each_language():
    from netmix.importers.account import EMPTY_REASONS
    from netmix.render.i18n import t

    for reason, english in EMPTY_REASONS.items():
        assert t("en", f"progress.empty.{reason}") == english  # the error messages' wording, kept as one
        assert t("fr", f"progress.empty.{reason}") != english


def test_analyze_speaks_french_with_lang_fr(tmp_path):
    args = [sys.executable, "-m", "netmix", "analyze", "--config", "samples/netmix.toml", "--out", str(tmp_path / "out")]
    proc = subprocess.run([*args, "--lang", "fr"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "netmix: résolution des personnes et des doubles :" in proc.stderr
    assert "netmix: recherche des cercles en " in proc.stderr and "resolving" not in proc.stderr
    assert " personnes, " in proc.stdout and " groupes, " in proc.stdout and " fichiers)" in proc.stdout
