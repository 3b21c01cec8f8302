"""The README's main job on the bundled samples: the output contract, byte-identical reruns."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: DESIGN.md's output contract: file -> the columns it must have at least.
CONTRACT = {
    "contacts.csv": {"account", "platform", "name", "source_id", "person_id"},
    "persons.csv": {"person_id", "name", "accounts", "sphere", "cluster"},
    "doubles.csv": {"person_id", "name", "accounts", "confidence", "evidence", "suggestion"},
    "clusters.csv": {"cluster", "label", "size", "personal", "professional", "both"},
    "exclusions.csv": {"name", "person_id", "cluster", "mutual", "status"},
    "bridges.csv": {"person_id", "name", "rank"},
}
#: The seconds of every step (outside the byte-identical outputs).
TIMINGS = "timings.json"
OTHER_FILES = {TIMINGS, "summary.json", "run.json", "graph.html", "report.html", "graph.gexf", "waves.csv"}


def _analyze(out: Path, hashseed: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    return subprocess.run(
        # as the README types it: from the project root, with the relative config path
        [sys.executable, "-m", "netmix", "analyze", "--config", "samples/netmix.toml", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("e2e")
    runs = []
    for seed in ("1", "2"):  # different hash seeds: set and dict orders must not leak into outputs
        out = base / f"out{seed}"
        proc = _analyze(out, seed)
        assert proc.returncode == 0, proc.stderr
        runs.append(out)
    return runs


def test_output_contract(two_runs):
    out = two_runs[0]
    names = {p.name for p in out.iterdir()}
    assert set(CONTRACT) | OTHER_FILES <= names
    assert not [n for n in names if n.startswith(".")], "temporary files left behind"
    for name, columns in CONTRACT.items():
        raw = (out / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{name} lacks the BOM Excel needs for accents"
        header = next(csv.reader([raw[3:].split(b"\r\n", 1)[0].decode("utf-8")]))
        assert columns <= set(header), f"{name} misses {columns - set(header)}"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["persons"] > 0 and summary["doubles"] > 0


def test_reruns_are_byte_identical(two_runs):
    a, b = two_runs
    for path in sorted(a.iterdir()):
        if path.name == TIMINGS:  # the seconds of each step: the one output that differs between runs
            continue
        assert path.read_bytes() == (b / path.name).read_bytes(), f"{path.name} differs between runs"


def test_planted_pending_request_is_in_exclusions(two_runs):
    # samples/truth.json plants Bruno Garnier: not a friend, tied to exactly 22 contacts, a pending request
    truth = json.loads((ROOT / "samples" / "truth.json").read_text(encoding="utf-8"))
    planted = truth["excluded"][0]
    with open(two_runs[0] / "exclusions.csv", encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["name"] == planted["name"]]
    assert rows, "the planted excluded person is missing"
    assert int(rows[0]["mutual"]) == planted["mutual"] == 22
    assert rows[0]["status"] == "request pending"


def test_failed_run_keeps_previous_outputs(two_runs, tmp_path):
    out = two_runs[1]
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / "netmix.toml"
    bad.write_text('[[account]]\nname = "perso"\nsphere = "personal"\npath = "missing.zip"\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "netmix", "analyze", "--config", str(bad), "--out", str(out)], capture_output=True, text=True
    )
    assert proc.returncode == 3 and "Traceback" not in proc.stderr
    assert "missing.zip" in proc.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_decisions_are_applied_and_listed_in_the_report(two_runs, tmp_path):
    # a community manager marks the first double "keep" (in French) from the doubles.csv netmix wrote
    with open(two_runs[0] / "doubles.csv", encoding="utf-8-sig", newline="") as fh:
        first = next(r for r in csv.DictReader(fh) if ";" not in r["person_id"])
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(f"person_id,contact_ids,decision,note\n{first['person_id']},{first['contact_ids']},garder,amie\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["analyze", "--config", str(ROOT / "samples" / "netmix.toml"), "--out", str(out), "--decisions", str(decisions)]
    proc = subprocess.run([sys.executable, "-m", "netmix", *args], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    with open(out / "doubles.csv", encoding="utf-8-sig", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["person_id"] == first["person_id"])
    assert row["decision"] == "keep" and row["suggestion"].startswith("decided: keep (amie)")
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Your decisions file was applied (1 × keep)" in report
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["parameters"]["decisions"] == "decisions.csv"


#: Where the digests of the README's main command live. The restructuring keeps every output byte-identical;
#: a later commit that changes results on purpose regenerates this file
#: (``python -m tests.test_end_to_end /path/to/out``) and says why in its message.
DIGESTS = ROOT / "tests" / "data" / "main_command_digests.json"
#: run.json keys and GEXF lines that name the versions of the installed libraries: not results.
VERSION_KEYS = ("libraries", "netmix", "platform", "python")


def output_digests(out: Path) -> dict[str, str]:
    """SHA-256 of every output file, version stamps left out (they follow the installed libraries)."""
    import hashlib
    import re

    digests = {}
    for path in sorted(out.iterdir()):
        if path.name == TIMINGS:
            continue
        data = path.read_bytes()
        if path.name == "run.json":
            run = json.loads(data)
            data = json.dumps({k: v for k, v in run.items() if k not in VERSION_KEYS}, sort_keys=True).encode()
        elif path.suffix == ".gexf":
            data = re.sub(rb"<creator>[^<]*</creator>", b"", data)
        digests[path.name] = hashlib.sha256(data).hexdigest()
    return digests


def test_main_command_outputs_match_the_recorded_digests(two_runs):
    expected = json.loads(DIGESTS.read_text(encoding="utf-8"))
    assert output_digests(two_runs[0]) == expected


if __name__ == "__main__":  # regenerate the digests from an output folder of the main command
    DIGESTS.write_text(json.dumps(output_digests(Path(sys.argv[1])), indent=1, sort_keys=True) + "\n", encoding="utf-8")
