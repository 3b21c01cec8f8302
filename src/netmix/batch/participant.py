"""One participant's work: configure, skip when complete, run, write, summarise.

:func:`process_participant` runs in a worker process (local or Dask) and never raises for bad
input: the outcome says ``failed`` and why, with the batch folder's path removed.
"""

from __future__ import annotations

import logging
import os
import re
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import check_input_files
from ..errors import ConfigError, NetmixError
from ..io.outfolder import hold
from ..io.output import json_bytes
from ..io.publish import add_files
from .discovery import Participant, detect_config
from .resume import complete, fingerprint

__all__ = ["ParticipantOutcome", "Task", "process_participant"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ParticipantOutcome:
    """What happened to one participant: ``done``, ``skipped`` or ``failed``, and its table row."""

    participant: str
    status: str
    row: dict[str, Any] = field(default_factory=dict, compare=False)
    error: str = ""
    risk: dict[str, Any] = field(default_factory=dict, compare=False)
    person_ids: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def line(self) -> str:
        """The batch.log line (no names, no key).

        >>> ParticipantOutcome("P01", "failed", error="bad file").line
        'P01: failed: bad file'
        """
        if self.status == "failed":
            return f"{self.participant}: failed: {self.error}"
        return f"{self.participant}: {self.status}"


@dataclass(frozen=True)
class Task:
    """Everything a worker needs for one participant (picklable)."""

    participant: Participant
    root: str
    out: str
    settings: tuple[tuple[str, Any], ...]
    html: bool
    force: bool
    pseudonymizer: Any = field(default=None, repr=False)


_FILE = re.compile(r"[^\s'\"]*[^\s'\"/]\.(?:zip|json|csv|js|vcf|html?|gdf|graphml|gexf|gml|edges|txt)\b", re.IGNORECASE)


def _relative_message(err: Exception, root: str, *, pseudonymised: bool = False) -> str:
    """The error text with the batch folder's path removed (stable across machines).

    In a pseudonymised batch, file names (an archive is named after its owner) and contact
    details are removed too.

    >>> _relative_message(ValueError("/data/P1/perso/facebook-ana.zip: bad member"), "/data")
    'P1/perso/facebook-ana.zip: bad member'
    >>> _relative_message(ValueError("/data/P1/perso/facebook-ana.zip: bad member"), "/data", pseudonymised=True)
    '[file]: bad member'
    """
    text = str(err).replace("\n  hint:", " — hint:")
    for prefix in {str(Path(root)), str(Path(root).resolve())}:
        text = text.replace(prefix + os.sep, "").replace(prefix, ".")
    if pseudonymised:
        from ..privacy import redact_text

        text = redact_text(_FILE.sub("[file]", text))
    return text


def _is_ego(data: Mapping[str, Any]) -> bool:
    """Ego nodes (everyone can identify the ego: it is left out of the risk figures)."""
    flag = data.get("is_ego")
    return (flag not in (None, "", 0, "0", False, "False")) or data.get("kind") == "ego"


def risk_of(result: Any) -> dict[str, Any]:
    """The re-identification risk figures of one run's person graph (ego left out)."""
    from ..risk import risk_summary

    graph = result.analysis.graph
    ego = [n for n, d in graph.nodes(data=True) if _is_ego(d)]
    summary = risk_summary(graph, ignore=ego)
    summary.pop("warning", None)
    return summary


def _configure(task: Task) -> Any:
    config = detect_config(task.participant.folder)
    if config.anonymize and task.pseudonymizer is None:
        raise ConfigError(
            "this participant's netmix.toml asks for pseudonymised outputs",
            file=str(Path(task.participant.folder) / "netmix.toml"),
            hint="run the batch with --anonymize --key-file KEY",
        )
    settings = dict(task.settings)
    if settings:
        config = config.merged(**settings)
    if task.pseudonymizer is not None:
        config = config.merged(anonymize=True)  # with the batch's key, which is never recorded
    check_input_files(config)
    return config


def _run(task: Task, config: Any, fp: dict[str, Any]) -> ParticipantOutcome:
    from ..pipeline import run, write_outputs
    from ..risk import WARNING
    from .table import participant_row

    pid, pseudo = task.participant.id, task.pseudonymizer
    out = Path(task.out) / pid
    result = run(config)
    risk = risk_of(result)
    with hold(out):
        files = write_outputs(result, out, html=task.html, pseudonymizer=pseudo)
        row = participant_row(result, risk, pseudonymised=pseudo is not None)
        row["participant"] = pid
        persons = result.analysis.persons
        ids = sorted(str(p) for p in persons["person_id"]) if "person_id" in persons.columns else []
        if pseudo is not None:
            ids = sorted(pseudo.token(p) for p in ids)
        record = {"fingerprint": fp, "files": sorted(files) + ["risk.json"], "row": row, "risk": risk, "person_ids": ids}
        add_files(out, {"risk.json": json_bytes({**risk, "warning": WARNING}), "batch.json": json_bytes(record)})
    return ParticipantOutcome(pid, "done", row, risk=risk, person_ids=tuple(ids))


def process_participant(task: Task) -> ParticipantOutcome:
    """Run (or skip) one participant; never raises for bad input. Runs in a worker process."""
    pid = task.participant.id
    try:
        config = _configure(task)
        fp = fingerprint(config, html=task.html, pseudonymizer=task.pseudonymizer)
        record = None if task.force else complete(Path(task.out) / pid, fp)
        if record is not None:
            return ParticipantOutcome(
                pid, "skipped", record["row"], risk=record.get("risk", {}), person_ids=tuple(record.get("person_ids", ()))
            )
        return _run(task, config, fp)
    except NetmixError as err:
        msg = _relative_message(err, task.root, pseudonymised=task.pseudonymizer is not None)
        log.warning("participant %s failed: %s", pid, msg)
        return ParticipantOutcome(pid, "failed", error=msg)
    except Exception as exc:  # a bug: the batch goes on, the reason names the place, not the data
        tb = traceback.extract_tb(exc.__traceback__)
        where = f" at {Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else ""
        log.error("participant %s failed with an internal error %s%s", pid, type(exc).__name__, where)
        return ParticipantOutcome(pid, "failed", error=f"internal error ({type(exc).__name__}{where}); please report it")
