""":func:`run_batch`: every participant of a folder, then the batch's tables.

A participant whose input cannot be read (a :class:`~netmix.errors.NetmixError`) gets
``status = failed`` and the reason in ``error``; the batch goes on. A participant whose outputs
are complete for the same inputs (SHA-256) and settings is skipped unless ``force``.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ConfigError, InputError, OutputError
from ..io.outfolder import MANIFEST, Claim, hold, owned_files
from ..io.output import csv_bytes, json_bytes
from ..io.publish import add_files
from .discovery import Participant, discover
from .executors import run_dask, run_local
from .participant import ParticipantOutcome, Task
from .resume import SETTING_KEYS
from .table import parquet_bytes, participants_table, risk_report

__all__ = ["STATUSES", "BatchProgress", "BatchResult", "run_batch"]

log = logging.getLogger(__name__)

#: ``progress(done, total, line)``: called with ``done = 0`` first, then once per participant.
BatchProgress = Callable[[int, int, str], None]

STATUSES: tuple[str, ...] = ("done", "skipped", "failed")


@dataclass(frozen=True)
class BatchResult:
    """The outcome of :func:`run_batch`.

    ``table``: participants.csv as a DataFrame (one row per participant, sorted by id).
    ``risk``: risk.json as a dict. ``outcomes``: one per participant, sorted by id.
    """

    out: str
    table: pd.DataFrame
    risk: dict[str, Any]
    outcomes: tuple[ParticipantOutcome, ...]

    def ids(self, status: str) -> list[str]:
        """Participant ids with that status."""
        return [o.participant for o in self.outcomes if o.status == status]

    @property
    def done(self) -> list[str]:
        """Participants run now."""
        return self.ids("done")

    @property
    def skipped(self) -> list[str]:
        """Participants whose outputs were already complete."""
        return self.ids("skipped")

    @property
    def failed(self) -> list[str]:
        """Participants whose input could not be read."""
        return self.ids("failed")


def _quiet(done: int, total: int, line: str) -> None:
    return None


def check_out(root: str | os.PathLike[str], out: str | os.PathLike[str]) -> None:
    """Refuse an output folder inside the input folder (it would write into participants' data)."""
    root_r, out_r = Path(root).resolve(), Path(out).resolve()
    if out_r == root_r or out_r.is_relative_to(root_r):
        raise ConfigError(
            "the output folder is inside the participants' folder",
            file=str(out),
            hint=f"write the results elsewhere, e.g. --out {root_r.parent / (root_r.name + '-results')}",
        )


def _write_tables(out_p: Path, outcomes: list[ParticipantOutcome], pseudonymised: bool) -> tuple[pd.DataFrame, dict[str, Any]]:
    table = participants_table(outcomes)
    risk = risk_report(outcomes, pseudonymised)
    files = {
        "participants.csv": csv_bytes(table),
        "participants.parquet": parquet_bytes(table),
        "risk.json": json_bytes(risk),
        "batch.log": ("\n".join(o.line for o in outcomes) + "\n").encode("utf-8"),
    }
    add_files(out_p, files)
    return table, risk


_OURS = re.compile(r"^\..+\.netmix-(lock|stage-[0-9a-f]+(-old)?)$")
_BATCH_FILES = frozenset({"participants.csv", "participants.parquet", "risk.json", "batch.log"})


def _batch_owns(entry: Path, owned: frozenset[str]) -> bool:
    if entry.name in owned or entry.name == MANIFEST or _OURS.match(entry.name):
        return True
    return entry.is_dir() and owned_files(entry) is not None  # a participant's run


def batch_claim(path: Path, force: bool) -> Claim:
    """A batch output folder: new, empty, or holding a previous batch (its tables and participant runs).

    ``force`` (re-run every participant) does not make a foreign folder acceptable.
    """
    if path.exists() and not path.is_dir():
        raise OutputError("this is a file, not a folder", file=str(path), hint="give --out a folder name")
    if not path.exists():
        return Claim(path, swap=False, owned=frozenset())
    owned: frozenset[str] = owned_files(path) or (_BATCH_FILES if (path / "participants.csv").is_file() else frozenset())
    foreign = sorted(e.name for e in path.iterdir() if not _batch_owns(e, owned))
    if foreign:
        raise OutputError(
            f"this folder holds files netmix did not write ({', '.join(foreign[:5])})",
            file=str(path),
            hint="give netmix batch a new or empty folder, or the folder of an earlier batch",
        )
    return Claim(path, swap=False, owned=frozenset(owned))


def run_batch(
    root: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    workers: int | None = None,
    scheduler: Any = None,
    force: bool = False,
    pseudonymizer: Any = None,
    progress: BatchProgress | None = None,
    html: bool = False,
    settings: Mapping[str, Any] | None = None,
) -> BatchResult:
    """Run netmix for every participant folder of ``root``; write outputs and tables in ``out``.

    Parameters
    ----------
    root : str or PathLike
        Folder with one sub-folder per participant (layout in :mod:`netmix.batch`).
    out : str or PathLike
        Output folder, outside ``root``; ``out/<participant>/`` gets that participant's outputs.
    workers : int, optional
        Local worker processes (default: the number of CPUs; 1 runs in this process).
    scheduler : str or distributed.Client, optional
        A Dask scheduler (``"tcp://host:8786"``) to run on instead (it must see the same paths).
    force : bool
        Re-run participants whose outputs are already complete.
    pseudonymizer : netmix.privacy.Pseudonymizer, optional
        Pseudonyms instead of names (the same in every participant); contact details dropped.
    progress : callable, optional
        ``progress(done, total, line)``, called once before and once per participant.
    html : bool
        Also write each participant's graph.html and report.html.
    settings : Mapping, optional
        ``seed``, ``resolution``, ``threshold``, ``min_mutual``, ``lang`` for every participant.

    Returns
    -------
    BatchResult
        The participants table (failed participants with ``status = "failed"`` and ``error``),
        the risk report and one outcome per participant.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / "P1").mkdir()
    >>> _ = (root / "P1" / "notes.txt").write_text("no export here")
    >>> result = run_batch(root, root.parent / (root.name + "-out"), workers=1)
    >>> result.failed, result.table.loc[0, "error"].split(":")[0]
    (['P1'], 'P1')
    """
    frozen = _settings(settings)
    out_p = Path(out)
    participants = _prepare(root, out_p)
    with hold(out_p, claimer=batch_claim):  # a second batch on this folder stops here
        tasks = [Task(p, str(root), str(out_p), frozen, html, force, pseudonymizer) for p in participants]
        outcomes = _execute(tasks, scheduler, workers, progress or _quiet)
        table, risk = _write_tables(out_p, outcomes, pseudonymizer is not None)
    return BatchResult(str(out_p), table, risk, tuple(outcomes))


def _settings(settings: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
    unknown = set(settings or {}) - set(SETTING_KEYS)
    if unknown:
        raise ConfigError(f"unknown batch setting {sorted(unknown)[0]!r}", hint=f"known: {', '.join(SETTING_KEYS)}")
    return tuple(sorted((k, v) for k, v in (settings or {}).items() if v is not None))


def _prepare(root: str | os.PathLike[str], out: Path) -> list[Participant]:
    check_out(root, out)
    participants = discover(root, exclude=[out])
    if not participants:
        raise InputError("no participant folder found", file=str(root), hint="put one sub-folder per participant in it")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder ({exc.strerror})", file=str(out)) from exc
    return participants


def _execute(tasks: list[Task], scheduler: Any, workers: int | None, report_progress: BatchProgress) -> list[ParticipantOutcome]:
    total = len(tasks)
    outcomes: list[ParticipantOutcome] = []
    report_progress(0, total, "")

    def report(outcome: ParticipantOutcome) -> None:
        outcomes.append(outcome)
        (log.warning if outcome.status == "failed" else log.info)("%s", outcome.line)
        report_progress(len(outcomes), total, outcome.line)

    if scheduler is not None:
        run_dask(tasks, scheduler, report)
    else:
        run_local(tasks, workers or os.cpu_count() or 1, report)
    return sorted(outcomes, key=lambda o: o.participant)
