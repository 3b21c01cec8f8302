"""Import → resolve → analyse: :func:`run` and its steps (no output is written here)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import RunConfig
from ..importers import load_account
from ..model import Analysis, ImportResult, Resolution, TieSet
from .steps import Progress, StepClock, _quiet


@dataclass(frozen=True)
class RunResult:
    """Everything a run produced, before rendering (``timings``: the seconds of each step)."""

    config: RunConfig
    imports: dict[str, ImportResult]
    tiesets: tuple[TieSet, ...]
    resolution: Resolution
    analysis: Analysis
    timings: tuple[dict[str, Any], ...] = field(default=(), compare=False)


def import_all(
    config: RunConfig, progress: Progress = _quiet, *, clock: StepClock | None = None
) -> tuple[dict[str, ImportResult], tuple[TieSet, ...]]:
    """Import every account and tie file of ``config``.

    >>> from netmix.config import load_config
    >>> imports, tiesets = import_all(load_config("samples/netmix.toml"))
    >>> [t.format for t in tiesets]
    ['gdf', 'gdf']
    """
    from ..ties import read_ties

    clock = clock or StepClock(progress)
    imports: dict[str, ImportResult] = {}
    for acc in config.accounts:
        with clock.step("import", acc.name) as counted:
            imports[acc.name] = load_account(acc, columns=config.columns)
            counted.append(len(imports[acc.name].contacts))
    tiesets = []
    for src in config.ties:
        with clock.step("ties", os.path.basename(src.path)) as counted:
            tiesets.append(read_ties(src))
            counted.append(len(tiesets[-1].edges))
    return imports, tuple(tiesets)


def resolve_all(config: RunConfig, imports: dict[str, ImportResult], tiesets: tuple[TieSet, ...]) -> Resolution:
    """Resolve the imported contacts into persons (doubles, ties between persons)."""
    from ..resolution import resolve
    from ..resolution.decisions import load_decisions

    contacts = pd.concat([r.contacts for r in imports.values()], ignore_index=True)
    requests = pd.concat([r.requests for r in imports.values()], ignore_index=True)
    kwargs: dict[str, Any] = {}
    if config.threshold is not None:
        kwargs["threshold"] = config.threshold
    if config.decisions:  # a missing decisions file is an error (InputError naming it), never silently skipped
        kwargs["decisions"] = load_decisions(config.decisions)
    return resolve(contacts, tiesets, requests, **kwargs)


def _analyse(config: RunConfig, resolution: Resolution, clock: StepClock) -> Analysis:
    from ..analysis import analyse
    from ..analysis.labels import load_labels

    labels = load_labels(config.labels) if config.labels and Path(config.labels).exists() else None
    analysis = analyse(
        resolution,
        config.accounts,
        seed=config.seed,
        resolution_param=config.resolution,
        labels=labels,
        min_mutual=config.min_mutual,
        progress=clock.substep("analyse"),
    )
    clock.finish(len(analysis.persons))
    return analysis


def run(config: RunConfig, *, progress: Progress = _quiet) -> RunResult:
    """Run the whole analysis of ``config`` (no output is written).

    Parameters
    ----------
    config
        Accounts, tie files and settings (:func:`netmix.config.load_config` or the CLI).
    progress
        Called with a :class:`StepEvent` when each step starts and ends.

    Returns
    -------
    RunResult
        The imports, the resolution, the analysis and the seconds of each step.

    Examples
    --------
    >>> from netmix.config import load_config
    >>> result = run(load_config("samples/netmix.toml"))
    >>> result.analysis.summary["persons"] == len(result.resolution.persons)
    True
    >>> [row["step"] for row in result.timings][:3]
    ['import', 'import', 'import']
    """
    clock = StepClock(progress)
    imports, tiesets = import_all(config, clock=clock)
    with clock.step("resolve") as counted:
        resolution = resolve_all(config, imports, tiesets)
        counted.append(len(resolution.persons))
    analysis = _analyse(config, resolution, clock)
    return RunResult(config, imports, tiesets, resolution, analysis, tuple(clock.rows))


__all__ = ["RunResult", "import_all", "resolve_all", "run"]
