"""What `netmix analyze` and `netmix batch` do with an output folder, as a user meets it:
a folder holding their own files, two runs at once, a full disk, a run killed mid-publish."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmix.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
LINKEDIN = ["-a", f"linkedin={ROOT / 'samples' / 'linkedin'}"]  # one account: a quick run


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes; timings.json (the seconds of this run's steps) is there but its bytes vary by design."""
    return {
        p.relative_to(folder).as_posix(): b"" if p.name == "timings.json" else p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def analyze(out: Path | str, *extra: str):
    return CliRunner().invoke(cli, ["analyze", *LINKEDIN, "--no-html", "--out", str(out), *extra])


def test_out_dot_beside_a_google_export_is_refused_and_the_export_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    export = b"Name,Given Name,E-mail 1 - Value\nAda Lovelace,Ada,ada@example.org\n"
    (tmp_path / "contacts.csv").write_bytes(export)
    refused = analyze(".")
    assert refused.exit_code == 5 and "holds files netmix did not write (contacts.csv)" in refused.output
    assert "Traceback" not in refused.output
    forced = analyze(".", "--force")  # --force writes beside user files, never over them
    assert forced.exit_code == 5 and "would replace contacts.csv, which it did not write" in forced.output
    assert (tmp_path / "contacts.csv").read_bytes() == export
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.csv"]


def test_force_in_the_current_folder_writes_beside_the_users_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text("my notes", encoding="utf-8")
    result = analyze(".", "--force")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "my notes"
    assert (tmp_path / "persons.csv").is_file() and (tmp_path / "manifest.json").is_file()
    again = analyze(".", "--force")  # a rerun replaces only netmix's own files
    assert again.exit_code == 0 and (tmp_path / "notes.md").read_text(encoding="utf-8") == "my notes"


def test_full_disk_exits_5_with_a_message_and_keeps_the_previous_run(tmp_path, monkeypatch):
    from netmix.io import publish

    out = tmp_path / "out"
    assert analyze(out).exit_code == 0
    before = snapshot(out)

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(publish, "_write_file", full)
    result = analyze(out)
    assert result.exit_code == 5 and "the disk is full" in result.output and "Traceback" not in result.output
    assert snapshot(out) == before


KILLED = textwrap.dedent(
    """
    import os, signal, sys
    from netmix.io import publish
    from netmix.cli.main import main

    step = os.environ["STOP_AT"]

    def stop(name):
        if name == step:
            os.kill(os.getpid(), signal.SIGKILL)

    publish.checkpoint = stop
    sys.argv = ["netmix", *sys.argv[1:]]
    main()
    """
)


@pytest.mark.parametrize("step", ["manifest", "exchanged"])
def test_netmix_analyze_killed_mid_publish_leaves_one_whole_run(tmp_path, step):
    out, reference = tmp_path / "out", tmp_path / "reference"
    assert analyze(out, "--seed", "1").exit_code == 0
    old = snapshot(out)
    assert analyze(reference, "--seed", "2").exit_code == 0
    new = snapshot(reference)
    args = ["analyze", *LINKEDIN, "--no-html", "--seed", "2", "--out", str(out)]
    proc = subprocess.run([sys.executable, "-c", KILLED, *args], env={**os.environ, "STOP_AT": step}, capture_output=True)
    assert proc.returncode == -9
    assert snapshot(out) == (old if step == "manifest" else new)


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from netmix.io.outfolder import hold

    with hold(sys.argv[1]):
        Path(sys.argv[2]).write_text("held")
        time.sleep(60)
    """
)


class Holders:
    """Processes that hold a folder as a running netmix does (killed on exit)."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path, self.procs = tmp_path, []

    def __call__(self, folder: Path) -> None:
        flag = self.tmp_path / f"flag-{len(self.procs)}"
        self.procs.append(subprocess.Popen([sys.executable, "-c", HOLDER, str(folder), str(flag)]))
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert time.monotonic() < deadline and self.procs[-1].poll() is None
            time.sleep(0.05)

    def __enter__(self) -> Holders:
        return self

    def __exit__(self, *exc: object) -> None:
        for p in self.procs:
            p.kill()
            p.wait()


@pytest.fixture
def busy(tmp_path):
    with Holders(tmp_path) as holders:
        yield holders


def test_two_runs_on_one_folder(tmp_path, busy):
    out = tmp_path / "out"
    busy(out)
    result = analyze(out)
    assert result.exit_code == 5 and "another netmix run is writing to this folder" in result.output
    assert not out.exists()


def test_two_real_runs_at_once_end_with_one_whole_run(tmp_path):
    out = tmp_path / "out"
    cmd = [str(Path(sys.executable).parent / "netmix"), "analyze", *LINKEDIN, "--no-html", "--out", str(out)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in procs]
    assert all(code in (0, 5) for code, _ in results), results
    assert any(code == 0 for code, _ in results)
    for code, err in results:
        if code == 5:
            assert "another netmix run is writing to this folder" in err and "Traceback" not in err
    files = set(snapshot(out))
    import json

    assert files == set(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]) | {"manifest.json"}
