"""The output folder netmix owns and its one-step publish (RELIABILITY.md §8, issue 16).

Interruptions are real: a child process publishes a run and is killed (SIGKILL, SIGTERM) or
interrupted (Ctrl-C) at each step of the publish, through the ``checkpoint`` hook; the folder is
then compared byte for byte with the previous run and with the new one.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from netmix.errors import OutputError
from netmix.io import publish
from netmix.io.outfolder import hold
from netmix.io.publish import OutputDir

OLD = {"contacts.csv": b"old contacts", "graph.html": b"<old map>", "sub/summary.json": b"{}"}
NEW = {"contacts.csv": b"new contacts", "persons.csv": b"new persons"}
STEPS = ("write", "staged", "manifest", "exchanged", "cleaned")


def publish_files(out: Path, files: dict[str, bytes], **kw) -> None:
    with OutputDir(out, **kw) as od:
        for name, data in files.items():
            od.write(name, data)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too), as bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def expected(files: dict[str, bytes]) -> dict[str, bytes]:
    from netmix.io.outfolder import manifest_bytes

    return {**files, "manifest.json": manifest_bytes(list(files))}


def beside(out: Path) -> list[str]:
    """Names netmix left beside the output folder (stages, locks)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name and p.name.startswith(f".{out.name}."))


# --- ownership ----------------------------------------------------------------------------------
def test_new_empty_and_own_folders_are_replaced_whole(tmp_path):
    out = tmp_path / "out"
    publish_files(out, OLD)
    assert snapshot(out) == expected(OLD)
    publish_files(out, NEW)
    assert snapshot(out) == expected(NEW)  # graph.html of the old run does not stay beside the new one
    (tmp_path / "empty").mkdir()
    publish_files(tmp_path / "empty", NEW)
    assert snapshot(tmp_path / "empty") == expected(NEW)
    assert beside(out) == [] and beside(tmp_path / "empty") == []


def test_a_folder_with_other_files_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "contacts.csv").write_bytes(b"Name,E-mail\nAda,ada@example.org\n")  # a Google export, say
    before = snapshot(out)
    with pytest.raises(OutputError, match="holds files netmix did not write \\(contacts.csv\\)") as info:
        publish_files(out, NEW)
    assert "--force" in str(info.value) and info.value.exit_code == 5
    assert snapshot(out) == before and beside(out) == []


def test_force_writes_beside_user_files_and_never_replaces_them(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_bytes(b"mine")
    (out / ".netmix-tmp-backup").mkdir()  # a user's folder named like netmix's old temporary folders
    (out / ".netmix-tmp-backup" / "keep.txt").write_bytes(b"keep")
    publish_files(out, OLD, force=True)
    publish_files(out, NEW, force=True)  # graph.html and sub/summary.json were netmix's: removed
    assert snapshot(out) == {**expected(NEW), "notes.txt": b"mine", ".netmix-tmp-backup/keep.txt": b"keep"}
    (out / "graph.html").write_bytes(b"the user's own page")
    with pytest.raises(OutputError, match="would replace graph.html, which it did not write"):
        publish_files(out, {"graph.html": b"x"}, force=True)
    assert (out / "graph.html").read_bytes() == b"the user's own page"


def test_a_users_folder_named_like_a_stage_is_not_deleted(tmp_path):
    out = tmp_path / "out"
    look_alike = tmp_path / ".out.netmix-stage-backup"
    look_alike.mkdir()
    (look_alike / "photo.jpg").write_bytes(b"jpg")
    publish_files(out, OLD)
    publish_files(out, NEW)
    assert (look_alike / "photo.jpg").read_bytes() == b"jpg"


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    (tmp_path / "out").write_bytes(b"x")
    with pytest.raises(OutputError, match="not a folder"):
        publish_files(tmp_path / "out", NEW)


def test_an_older_netmix_run_without_manifest_is_netmix_s(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "run.json").write_text('{"netmix": "0.0.9"}', encoding="utf-8")
    (out / "graph.html").write_bytes(b"old")
    publish_files(out, NEW)
    assert snapshot(out) == expected(NEW)


# --- interruptions --------------------------------------------------------------------------------
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from netmix.io import publish
    from netmix.cli.main import _terminate

    out, step, how = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    signal.signal(signal.SIGTERM, _terminate)

    def stop(name):
        if name == step:
            if how == "ctrl-c":
                raise KeyboardInterrupt
            os.kill(os.getpid(), getattr(signal, how))
            signal.pause()

    publish.checkpoint = stop
    with publish.OutputDir(out) as od:
        od.write("contacts.csv", b"new contacts")
        stop("write")
        od.write("persons.csv", b"new persons")
    """
)


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM", "ctrl-c"])
@pytest.mark.parametrize("step", STEPS)
def test_an_interrupted_publish_leaves_the_old_run_or_the_new_one(tmp_path, step, how):
    out = tmp_path / "out"
    publish_files(out, OLD)
    proc = subprocess.run([sys.executable, "-c", CHILD, str(out), step, how], capture_output=True, timeout=60)
    assert proc.returncode != 0
    after = snapshot(out)
    assert after in (expected(OLD), expected(NEW)), f"mixed folder after {how} at {step}: {sorted(after)}"
    if step in ("write", "staged", "manifest"):
        assert after == expected(OLD)  # nothing was in place yet
    if how != "SIGKILL":  # a clean exit removes its stage; after SIGKILL the next run does
        assert [n for n in beside(out) if "stage" in n] == []
    publish_files(out, NEW)
    assert snapshot(out) == expected(NEW) and beside(out) == []


def test_ctrl_c_in_process_keeps_the_previous_run(tmp_path, monkeypatch):
    out = tmp_path / "out"
    publish_files(out, OLD)

    def interrupt(step: str) -> None:
        if step == "manifest":
            raise KeyboardInterrupt

    monkeypatch.setattr(publish, "checkpoint", interrupt)
    with pytest.raises(KeyboardInterrupt):
        publish_files(out, NEW)
    assert snapshot(out) == expected(OLD) and beside(out) == []


# --- full disk, read-only, locked files ---------------------------------------------------------
def test_full_disk_is_a_clear_error_and_keeps_the_previous_run(tmp_path, monkeypatch):
    out = tmp_path / "out"
    publish_files(out, OLD)
    real = publish._write_file
    calls = []

    def fill(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(publish, "_write_file", fill)
    with pytest.raises(OutputError, match="the disk is full") as info:
        publish_files(out, NEW)
    assert info.value.exit_code == 5 and "previous outputs are intact" in str(info.value)
    assert snapshot(out) == expected(OLD) and beside(out) == []


def test_a_disk_full_when_flushing_is_a_clear_error_naming_the_file(tmp_path, monkeypatch):
    """Files are flushed to disk on another thread while the run goes on; a file system that says it is full
    only when a file is flushed (delayed allocation) stops the publish all the same, naming that file."""
    out = tmp_path / "out"
    publish_files(out, OLD)
    real = publish._flush

    def full(path: Path) -> None:
        if path.name == sorted(NEW)[-1]:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path)

    monkeypatch.setattr(publish, "_flush", full)
    with pytest.raises(OutputError, match="the disk is full") as info:
        publish_files(out, NEW)
    assert info.value.exit_code == 5 and sorted(NEW)[-1] in str(info.value)
    assert snapshot(out) == expected(OLD) and beside(out) == []


def test_every_staged_file_is_flushed_before_the_set_is_published(tmp_path, monkeypatch):
    flushed: list[str] = []
    real = publish._flush

    def record(path: Path) -> None:  # a slow disk: without the wait, the set would be published first
        time.sleep(0.1)
        real(path)
        flushed.append(path.name)

    def publish_after_flushes(step: str) -> None:
        if step == "staged":
            assert sorted(flushed) == sorted(NEW)

    monkeypatch.setattr(publish, "_flush", record)
    monkeypatch.setattr(publish, "checkpoint", publish_after_flushes)
    publish_files(tmp_path / "out", NEW)
    assert sorted(flushed) == sorted([*NEW, "manifest.json"])  # the manifest is flushed as it is written


def test_read_only_place_is_a_clear_error(tmp_path, monkeypatch):
    out = tmp_path / "out"
    publish_files(out, OLD)
    real_mkdir = Path.mkdir

    def read_only(self: Path, *a, **k) -> None:
        if ".netmix-stage-" in self.name:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        real_mkdir(self, *a, **k)

    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(OutputError, match="read-only"):
        publish_files(out, NEW)
    assert snapshot(out) == expected(OLD)


def test_a_locked_file_rolls_back_an_in_place_publish(tmp_path, monkeypatch):
    """Windows refuses to replace a file Excel holds open; the files already moved are put back."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_bytes(b"mine")
    publish_files(out, {"a.csv": b"old a", "b.csv": b"old b"}, force=True)
    before = snapshot(out)
    real = os.replace

    def locked(src, dst):
        if str(dst).endswith("b.csv"):
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        real(src, dst)

    monkeypatch.setattr(publish.os, "replace", locked)
    with pytest.raises(OutputError, match="permission denied") as info:
        publish_files(out, {"a.csv": b"new a", "b.csv": b"new b"}, force=True)
    assert "close the file" in str(info.value)
    monkeypatch.undo()
    assert snapshot(out) == before


# --- two runs on one folder -----------------------------------------------------------------------
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


@pytest.fixture
def held_elsewhere(tmp_path):
    """Another process holding the lock of a folder (as a running netmix would)."""
    procs = []

    def start(folder: Path) -> None:
        flag = tmp_path / f"held-{len(procs)}"
        procs.append(subprocess.Popen([sys.executable, "-c", HOLDER, str(folder), str(flag)]))
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert time.monotonic() < deadline and procs[-1].poll() is None, "the holder did not start"
            time.sleep(0.05)

    yield start
    for p in procs:
        p.kill()
        p.wait()


def test_a_second_run_on_the_same_folder_stops_with_a_clear_message(tmp_path, held_elsewhere):
    out = tmp_path / "out"
    publish_files(out, OLD)
    held_elsewhere(out)
    with pytest.raises(OutputError, match="another netmix run is writing to this folder") as info:
        publish_files(out, NEW)
    assert info.value.exit_code == 5
    assert snapshot(out) == expected(OLD)


def test_the_lock_is_reentrant_in_one_process_and_released(tmp_path):
    out = tmp_path / "out"
    with hold(out, force=False):
        publish_files(out, NEW)  # write_outputs inside `netmix analyze`, which holds the folder
    assert beside(out) == []
    publish_files(out, OLD)
    assert snapshot(out) == expected(OLD)


def test_sigterm_ends_the_command_like_ctrl_c():
    """The command turns SIGTERM into an exit that runs the clean-up (stage removed, lock released)."""
    from netmix.cli.main import _terminate

    with pytest.raises(SystemExit) as info:
        _terminate(signal.SIGTERM, None)
    assert info.value.code == 128 + signal.SIGTERM


def test_a_rerun_leaves_unchanged_files_as_they_were(tmp_path):
    """RELIABILITY.md checklist #26: byte-identical outputs and manifest; unchanged files not rewritten."""
    out = tmp_path / "out"
    publish_files(out, OLD)
    before = {name: (out / name).stat() for name in ("contacts.csv", "graph.html", "manifest.json")}
    publish_files(out, {**OLD, "contacts.csv": b"changed"})
    after = {name: (out / name).stat() for name in before}
    assert after["graph.html"].st_ino == before["graph.html"].st_ino  # the same file, not rewritten
    assert after["graph.html"].st_mtime_ns == before["graph.html"].st_mtime_ns
    assert after["contacts.csv"].st_ino != before["contacts.csv"].st_ino
    assert snapshot(out) == expected({**OLD, "contacts.csv": b"changed"})


def test_a_forced_rerun_leaves_unchanged_files_in_place(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_bytes(b"mine")
    publish_files(out, OLD, force=True)
    ino = (out / "graph.html").stat().st_ino
    publish_files(out, OLD, force=True)
    assert (out / "graph.html").stat().st_ino == ino
    assert snapshot(out) == {**expected(OLD), "notes.txt": b"mine"}
