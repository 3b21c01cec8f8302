"""The output folder netmix owns: who wrote what, who is writing now, and the one-step swap.

- **Ownership.** A folder is netmix's when it is new, empty, or holds a ``manifest.json`` written
  by netmix (the names of every file of that run; a folder written by an older netmix, with a
  ``run.json``, counts too). Anything else is refused unless ``force``; even then, only files
  netmix wrote are replaced or removed (:func:`claim`).
- **Swap.** A run is written beside the folder (``.NAME.netmix-stage-XXXX``) and exchanged with it
  in one ``renameat2(RENAME_EXCHANGE)`` on Linux (two renames elsewhere, repaired at the next
  start), so the folder is always a whole run: the previous one or the new one (:func:`exchange`).
- **Lock.** ``fcntl.flock`` on ``.NAME.netmix-lock`` beside the folder: a second run on the same
  folder stops with a clear message (:func:`hold`).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError

__all__ = [
    "LEGACY_NAMES",
    "MANIFEST",
    "STAGE_SENTINEL",
    "Claim",
    "claim",
    "exchange",
    "held",
    "hold",
    "manifest_bytes",
    "output_error",
    "owned_files",
    "remove_stale",
    "stage_prefix",
]

MANIFEST = "manifest.json"
STAGE_SENTINEL = ".netmix-stage"
#: Files an older netmix (without a manifest) wrote: the ones a legacy folder may hold.
LEGACY_NAMES = frozenset(
    {
        "contacts.csv", "persons.csv", "doubles.csv", "clusters.csv", "exclusions.csv", "bridges.csv", "waves.csv",
        "summary.json", "run.json", "graph.gexf", "graph.graphml", "graph.html", "report.html", "graph.png",
        "graph.svg", "decisions-template.csv", "review.csv", "risk.json", "batch.json",
    }
)  # fmt: skip
_HELD: dict[Path, Claim] = {}


@dataclass
class Claim:
    """This process's hold on an output folder: the lock, and how it may be written.

    ``swap``: the folder is netmix's alone (or new) and is replaced as a whole; otherwise netmix
    writes file by file beside files it did not write (``--force``, or the current folder).
    """

    path: Path
    swap: bool
    owned: frozenset[str]
    fd: int | None = None
    depth: int = 0


def output_error(exc: OSError, path: Path | str, what: str) -> OutputError:
    """One clear :class:`OutputError` (exit 5) for an ``OSError`` while writing ``path``."""
    hints = {
        errno.ENOSPC: ("the disk is full", "free some space (the previous outputs are intact), then run again"),
        errno.EDQUOT: ("the disk quota is exceeded", "free some space (the previous outputs are intact), then run again"),
        errno.EROFS: ("the file system is read-only", "choose another --out"),
        errno.EACCES: ("permission denied", "close the file if a spreadsheet has it open, or choose another --out"),
        errno.EPERM: ("permission denied", "close the file if a spreadsheet has it open, or choose another --out"),
    }
    reason, hint = hints.get(exc.errno or 0, (exc.strerror or str(exc), "check the folder, then run again"))
    return OutputError(f"{what}: {reason}", file=str(path), hint=hint)


def stage_prefix(path: Path) -> str:
    """The name prefix of the folders a run of ``path`` is staged in (beside it)."""
    return f".{path.name}.netmix-stage-"


def manifest_bytes(files: list[str]) -> bytes:
    """manifest.json: the files of a run (no clock time, no version: reruns stay byte-identical).

    >>> manifest_bytes(["b.csv", "a.csv"]).decode()
    '{\\n  "files": [\\n    "a.csv",\\n    "b.csv"\\n  ],\\n  "written_by": "netmix"\\n}\\n'
    """
    doc = {"written_by": "netmix", "files": sorted(set(files))}
    return (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _foreign(folder: Path, owned: frozenset[str]) -> set[str]:
    """Names under ``folder`` netmix did not write (a top-level entry it never wrote is not descended:
    ``--out ~`` answers at once)."""
    tops = {n.split("/", 1)[0] for n in owned}
    found = set()
    for entry in folder.iterdir():
        if entry.name not in tops:
            found.add(entry.name)
        elif entry.is_dir() and not entry.is_symlink():
            for p in entry.rglob("*"):
                rel = p.relative_to(folder).as_posix()
                if (p.is_file() or p.is_symlink() or (p.is_dir() and not any(p.iterdir()))) and rel not in owned:
                    found.add(rel)
        elif entry.name not in owned:
            found.add(entry.name)
    return found


def owned_files(folder: Path) -> frozenset[str] | None:
    """The files netmix wrote in ``folder`` (its manifest's, or a legacy run's), ``None`` if none."""
    try:
        doc = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if isinstance(doc, dict) and doc.get("written_by") == "netmix" and isinstance(doc.get("files"), list):
            return frozenset(str(f) for f in doc["files"]) | {MANIFEST}
    except (OSError, ValueError):
        pass
    try:
        run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
        if isinstance(run, dict) and "netmix" in run:
            return frozenset(n for n in LEGACY_NAMES if (folder / n).is_file())
    except (OSError, ValueError):
        pass
    return None


def _describe(names: set[str]) -> str:
    shown = sorted(names)[:5]
    return ", ".join(shown) + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def claim(path: Path, *, force: bool) -> Claim:
    """How netmix may write ``path``; refuses a folder holding files it did not write, unless ``force``."""
    if path.exists() and not path.is_dir():
        raise OutputError("this is a file, not a folder", file=str(path), hint="give --out a folder name")
    if not path.exists():
        return Claim(path, swap=True, owned=frozenset())
    owned = owned_files(path) or frozenset()
    foreign = _foreign(path, owned)
    cwd = Path.cwd().resolve()
    in_use = cwd == path or cwd.is_relative_to(path)  # replacing the current folder would strand the shell
    if foreign and not force:
        raise OutputError(
            f"this folder holds files netmix did not write ({_describe(foreign)})",
            file=str(path),
            hint="netmix writes into a new or empty folder, or one of its own runs: choose another --out, "
            "or add --force to write beside these files (they are left untouched)",
        )
    return Claim(path, swap=not foreign and not in_use, owned=owned)


@contextlib.contextmanager
def hold(
    path: str | os.PathLike[str], *, force: bool = False, claimer: Callable[[Path, bool], Claim] | None = None
) -> Iterator[Claim]:
    """Lock ``path`` for this process and claim it (re-entrant within one process).

    ``claimer(path, force)`` decides how the folder may be written (default :func:`claim`).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with hold(out) as c:
    ...     c.swap, held(out) is c
    (True, True)
    >>> held(out) is None
    True
    """
    target = Path(path).resolve()
    existing = _HELD.get(target)
    if existing is not None:
        existing.depth += 1
        try:
            yield existing
        finally:
            existing.depth -= 1
        return
    fd = _lock(target)
    try:
        repair(target)
        c = claimer(target, force) if claimer is not None else claim(target, force=force)
        c.fd, _HELD[target] = fd, c
        yield c
    finally:
        _HELD.pop(target, None)
        _unlock(target, fd)


def held(path: str | os.PathLike[str]) -> Claim | None:
    """This process's claim on ``path``, if it holds one."""
    return _HELD.get(Path(path).resolve())


def _lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.netmix-lock"


def _lock(target: Path) -> int | None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory lock
        return None
    lock = _lock_path(target)
    while True:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise output_error(exc, target.parent, "cannot create the output folder") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputError(
                "another netmix run is writing to this folder",
                file=str(target),
                hint="wait until it has finished, or choose another --out",
            ) from None
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(lock))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # the previous holder removed the file as we opened it: lock the new one


def _unlock(target: Path, fd: int | None) -> None:
    if fd is None:  # pragma: no cover - Windows
        return
    with contextlib.suppress(OSError):
        os.unlink(_lock_path(target))
    os.close(fd)


def _is_stale(entry: Path) -> bool:
    if not entry.is_dir() or entry.is_symlink():
        return False
    return (entry / STAGE_SENTINEL).is_file() or owned_files(entry) is not None


def repair(target: Path) -> None:
    """Finish what an interrupted run left: put back a folder moved aside, remove stale stages.

    Only folders named like a stage of ``target`` *and* marked as netmix's (a sentinel file or a
    netmix manifest) are touched; a user's folder with a similar name is left alone.
    """
    prefix = stage_prefix(target)
    parent = target.parent
    if not parent.is_dir():
        return
    stages = sorted(e for e in parent.iterdir() if e.name.startswith(prefix) and _is_stale(e))
    if not target.exists():  # killed between the two renames of the fallback: the old run comes back
        previous = [e for e in stages if e.name.endswith("-old")]
        if previous:
            os.rename(previous[0], target)
            stages.remove(previous[0])
    for e in stages:
        shutil.rmtree(e, ignore_errors=True)


def remove_stale(folder: Path) -> None:
    """Remove in-place stages (``.netmix-stage-*`` with the sentinel) an interrupted run left in ``folder``."""
    if folder.is_dir():
        for e in folder.iterdir():
            if e.name.startswith(".netmix-stage-") and (e / STAGE_SENTINEL).is_file() and not e.is_symlink():
                shutil.rmtree(e, ignore_errors=True)


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); ``False`` when the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):  # pragma: no cover - old glibc or musl
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # pragma: no cover - file system without exchange
        return False
    raise OSError(err, os.strerror(err), str(b))


def exchange(stage: Path, target: Path, checkpoint: object = None) -> Path | None:
    """Put the folder ``stage`` at ``target`` in one step; returns where the previous run now is.

    With no previous folder, a plain rename. Without ``renameat2`` the previous folder is first
    renamed to ``<stage>-old`` (:func:`repair` puts it back if the process dies in between).
    """
    step = checkpoint if callable(checkpoint) else (lambda _name: None)
    if not target.exists():
        os.rename(stage, target)
        return None
    if _renameat2_exchange(stage, target):
        return stage
    old = stage.with_name(stage.name + "-old")  # pragma: no cover - exercised only without renameat2
    os.rename(target, old)  # pragma: no cover
    step("moved-aside")  # pragma: no cover
    os.rename(stage, target)  # pragma: no cover
    return old  # pragma: no cover
