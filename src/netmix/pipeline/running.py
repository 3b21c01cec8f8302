"""Import → resolve → analyse: :func:`run` and its steps (no output is written here)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import RunConfig
from ..importers.account import EmptyAccount, NoAccountLeft, load_account
from ..model import Analysis, ImportResult, Resolution, TieSet
from ..util import collector
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
    #: accounts set aside because their export yields no contact (:meth:`EmptyAccount.fact` of each)
    empty: tuple[dict[str, Any], ...] = ()


def import_accounts(config: RunConfig, clock: StepClock) -> tuple[dict[str, ImportResult], tuple[EmptyAccount, ...]]:
    """Every account of ``config`` that yields contacts, and those set aside because they yield none.

    Raises :class:`~netmix.importers.account.NoAccountLeft` when no account is left.
    """
    imports: dict[str, ImportResult] = {}
    empty: list[EmptyAccount] = []
    for acc in config.accounts:
        with clock.step("import", acc.name) as counted:
            try:
                imports[acc.name] = load_account(acc, columns=config.columns)
            except EmptyAccount as err:
                empty.append(err)
                continue
            counted.append(len(imports[acc.name].contacts))
    if not imports:  # one account: its own message says the most; several: each with its file and reason
        raise empty[0] if len(empty) == 1 else NoAccountLeft(tuple(empty))
    return imports, tuple(empty)


def import_all(
    config: RunConfig, progress: Progress = _quiet, *, clock: StepClock | None = None
) -> tuple[dict[str, ImportResult], tuple[TieSet, ...]]:
    """Import every account and tie file of ``config`` (accounts that yield no contact are left out).

    >>> from netmix.config import load_config
    >>> imports, tiesets = import_all(load_config("samples/netmix.toml"))
    >>> [t.format for t in tiesets]
    ['gdf', 'gdf']
    """
    clock = clock or StepClock(progress)
    imports, _empty = import_accounts(config, clock)
    return imports, read_all_ties(config, clock)


def read_all_ties(config: RunConfig, clock: StepClock) -> tuple[TieSet, ...]:
    """Every tie file of ``config``, each a timed step."""
    from ..ties import read_ties

    tiesets = []
    for src in config.ties:
        with clock.step("ties", os.path.basename(src.path)) as counted:
            tiesets.append(read_ties(src))
            counted.append(len(tiesets[-1].edges))
    return tuple(tiesets)


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
    # what each stage makes lives to the end of the run: frozen out of the garbage collector's walks
    with collector.sparing() as settle:
        imports, empty = import_accounts(config, clock)
        tiesets = read_all_ties(config, clock)
        settle()
        # an account whose export yields no contact is set aside (said on screen and in run.json); the run goes on
        config = replace(config, accounts=tuple(a for a in config.accounts if a.name in imports))
        with clock.step("resolve") as counted:
            resolution = resolve_all(config, imports, tiesets)
            counted.append(len(resolution.persons))
        settle()
        analysis = _analyse(config, resolution, clock)
    return RunResult(config, imports, tiesets, resolution, analysis, tuple(clock.rows), tuple(e.fact() for e in empty))


__all__ = ["RunResult", "import_accounts", "import_all", "read_all_ties", "resolve_all", "run"]
