""":class:`OutputDir`: stage every file of a run, then publish them as one set.

In a folder netmix owns, the run is staged beside it and the whole folder is swapped in one step
(:func:`netmix.io.outfolder.exchange`): an interruption at any moment (Ctrl-C, SIGTERM, SIGKILL,
a full disk) leaves the previous run or the new one, complete, and files the new run does not
write (HTML after ``--no-html``, images) do not stay. In a folder that also holds other files
(``--force``, or the current folder) the run is staged inside it and moved file by file: only
files netmix wrote are replaced or removed. Files are created readable by their owner only (0600).
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import OutputError
from . import outfolder
from .outfolder import MANIFEST, STAGE_SENTINEL, Claim

__all__ = ["OutputDir", "add_files", "checkpoint"]


def checkpoint(step: str) -> None:
    """Called at each step of a publish (``staged``, ``manifest``, ``exchanged``, ``cleaned``).

    Does nothing; tests replace it to interrupt a publish exactly there.
    """


def _write_file(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks written as they come) to a new owner-only file (not yet flushed to disk)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # contacts are personal data
    with os.fdopen(fd, "wb") as fh:
        for chunk in (data,) if isinstance(data, (bytes, bytearray, memoryview)) else data:
            fh.write(chunk)


def _flush(path: Path) -> None:
    """Flush a written file to disk."""
    fd = os.open(path, os.O_WRONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_bytes(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` to a new owner-only file, flushed to disk."""
    _write_file(path, data)
    _flush(path)


class _Flushes:
    """Staged files flushed to disk on another thread while the run goes on.

    Flushing waits for the disk (about 0.2 s for the tables of a large run, file after file) but lets
    Python's lock go, so the next files are made meanwhile; :meth:`wait` makes sure every file
    reached the disk before the set is published, and gives the first that failed (a full disk may
    show only then) so that its name is in the message.
    """

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[tuple[str, Future[None]]] = []

    def add(self, name: str, path: Path) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="netmix-flush")
        self._pending.append((name, self._pool.submit(_flush, path)))

    def wait(self) -> tuple[str, OSError] | None:
        """Wait for every flush; the first that failed (name, error), if any."""
        failed = None
        for name, done in self._pending:
            try:
                done.result()
            except OSError as err:
                failed = failed or (name, err)
        self._pending.clear()
        return failed

    def close(self) -> None:
        """Stop the thread (flushes not started are dropped: the staged files are being removed)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._pending.clear()


class OutputDir:
    """Stage a run's files and publish them together (see the module docstring).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with OutputDir(out) as od:
    ...     od.write("summary.json", b"{}")
    >>> sorted(p.name for p in out.iterdir())
    ['manifest.json', 'summary.json']
    """

    def __init__(self, path: str | os.PathLike[str], *, force: bool = False) -> None:
        self.path = Path(path)
        self.force = force
        self._stage: Path | None = None
        self._claim: Claim | None = None
        self._hold: Any = None
        self._flushes = _Flushes()
        self.written: list[str] = []

    def __enter__(self) -> OutputDir:
        self._hold = outfolder.hold(self.path, force=self.force)
        claim = self._hold.__enter__()
        self._claim = claim
        try:
            if claim.swap:
                base, prefix = claim.path.parent, outfolder.stage_prefix(claim.path)
            else:
                outfolder.remove_stale(claim.path)
                base, prefix = claim.path, ".netmix-stage-"
            stage = base / (prefix + secrets.token_hex(4))
            stage.mkdir(mode=0o700)
            (stage / STAGE_SENTINEL).write_bytes(b"netmix\n")
            self._stage = stage
        except OSError as exc:
            self._hold.__exit__(None, None, None)
            raise outfolder.output_error(exc, self.path, "cannot write the outputs here") from exc
        return self

    def _target(self, name: str) -> Path:
        """Where ``name`` is staged (its folder made); refuses names that are not output names."""
        if self._stage is None:
            raise RuntimeError("OutputDir used outside 'with'")
        if name == MANIFEST or name.startswith(".") or Path(name).is_absolute() or ".." in Path(name).parts:
            raise ValueError(f"{name!r} is not an output name")
        target = self._stage / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise outfolder.output_error(exc, self.path / name, "cannot write the file") from exc
        return target

    def write(self, name: str, data: bytes) -> None:
        """Stage ``data`` as ``name`` (a relative path; sub-folders allowed)."""
        target = self._target(name)
        try:
            if not self._reuse(name, len(data), lambda: data, target):
                _write_file(target, data)
                self._flushes.add(name, target)
        except OSError as exc:
            raise outfolder.output_error(exc, self.path / name, "cannot write the file") from exc
        self.written.append(name)

    def part(self, name: str) -> Path:
        """Where another process may make ``name`` (:meth:`write_part`) before :meth:`adopt` stages it."""
        target = self._target(name)
        return target.with_name(f".{target.name}.part")

    @staticmethod
    def write_part(part: Path, data: bytes | Iterable[bytes]) -> None:
        """Write a file at a :meth:`part` path (bytes, or chunks as they come), as :meth:`write` writes its files
        (owner only, flushed to disk)."""
        _write_bytes(part, data)

    def adopt(self, name: str, part: Path) -> int:
        """Stage the file made at ``part`` as ``name`` (as :meth:`write` would have); returns its size."""
        target = self._target(name)
        try:
            size = part.stat().st_size
            if self._reuse(name, size, part.read_bytes, target):
                part.unlink()
            else:
                os.replace(part, target)
        except OSError as exc:
            raise outfolder.output_error(exc, self.path / name, "cannot write the file") from exc
        self.written.append(name)
        return size

    def _reuse(self, name: str, size: int, data: Callable[[], bytes], target: Path) -> bool:
        """Link the previous run's file when its bytes are the same: an unchanged file is not rewritten."""
        claim = self._claim
        if claim is None or name not in claim.owned:
            return False
        old = claim.path / name
        try:
            if not old.is_file() or old.is_symlink() or old.stat().st_size != size or old.read_bytes() != data():
                return False
            os.link(old, target)
        except OSError:
            return False
        return True

    def write_csv(self, name: str, df: Any, *, spreadsheet: bool = True) -> None:
        """Stage a DataFrame as a spreadsheet-safe CSV (:func:`netmix.io.output.csv_bytes`)."""
        from .output import csv_bytes

        self.write(name, csv_bytes(df, spreadsheet=spreadsheet))

    def write_json(self, name: str, obj: Any) -> None:
        """Stage an object as deterministic JSON (:func:`netmix.io.output.json_bytes`)."""
        from .output import json_bytes

        self.write(name, json_bytes(obj))

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        stage, claim = self._stage, self._claim
        if stage is None or claim is None:
            return
        try:
            if exc_type is None:
                failed = self._flushes.wait()
                if failed is not None:
                    name, err = failed
                    raise outfolder.output_error(err, self.path / name, "cannot write the file") from err
                checkpoint("staged")
                try:
                    _write_bytes(stage / MANIFEST, outfolder.manifest_bytes(self.written))
                    checkpoint("manifest")
                    self._publish(stage, claim)
                except OutputError:
                    raise
                except OSError as err:
                    raise outfolder.output_error(err, self.path, "cannot publish the outputs") from err
        finally:
            self._flushes.close()
            if stage.exists():
                shutil.rmtree(stage, ignore_errors=True)
            self._stage = None
            self._hold.__exit__(None, None, None)

    def _publish(self, stage: Path, claim: Claim) -> None:
        if claim.swap:
            (stage / STAGE_SENTINEL).unlink()
            previous = outfolder.exchange(stage, claim.path, checkpoint)
            _fsync_dir(claim.path.parent)
            checkpoint("exchanged")
            if previous is not None:
                (previous / STAGE_SENTINEL).write_bytes(b"netmix\n")  # stale if we die now: removed next time
                shutil.rmtree(previous, ignore_errors=True)
            checkpoint("cleaned")
            return
        self._publish_in_place(stage, claim)

    def _publish_in_place(self, stage: Path, claim: Claim) -> None:
        folder = claim.path
        clash = sorted(n for n in [*self.written, MANIFEST] if (folder / n).exists() and n not in claim.owned)
        if clash:
            raise OutputError(
                f"netmix would replace {', '.join(clash[:5])}, which it did not write",
                file=str(folder),
                hint="move these files away, or choose another --out (nothing was changed)",
            )
        backup, done = stage / ".previous", []
        try:
            for name in sorted(self.written):
                dest = folder / name
                dest.parent.mkdir(parents=True, exist_ok=True)
                if dest.is_file() and os.path.samefile(dest, stage / name):
                    continue  # the same bytes: left as it is
                if dest.is_file():  # kept (a hard link) until the whole set is in place
                    (backup / name).parent.mkdir(parents=True, exist_ok=True)
                    os.link(dest, backup / name)
                os.replace(stage / name, dest)
                done.append(name)
        except OSError:
            _roll_back(folder, backup, done)
            raise
        checkpoint("exchanged")
        for name in sorted(claim.owned - set(self.written) - {MANIFEST}):  # leftovers of the previous run
            if (folder / name).is_file():
                (folder / name).unlink()
        os.replace(stage / MANIFEST, folder / MANIFEST)
        checkpoint("cleaned")


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems without directory fsync
        pass
    finally:
        os.close(fd)


def _roll_back(folder: Path, backup: Path, done: list[str]) -> None:
    """Put back the files an in-place publish had replaced before it failed."""
    for name in reversed(done):
        if (backup / name).is_file():
            os.replace(backup / name, folder / name)
        else:
            (folder / name).unlink(missing_ok=True)


def add_files(folder: str | os.PathLike[str], files: dict[str, bytes]) -> None:
    """Add files to a published run (batch.json, risk.json of a batch participant).

    The manifest is updated first, so the files count as netmix's even if the process dies
    before they are all written; each file is written atomically.
    """
    from .output import write_atomic

    path = Path(folder)
    owned = outfolder.owned_files(path) or frozenset()
    names = sorted((set(owned) | set(files)) - {MANIFEST})
    write_atomic(path / MANIFEST, outfolder.manifest_bytes(names))
    for name, data in sorted(files.items()):
        write_atomic(path / name, data)
