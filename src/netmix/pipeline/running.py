"""Import → resolve → analyse: :func:`run` and its steps (no output is written here)."""

from __future__ import annotations

import functools
import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..config import RunConfig
from ..importers.account import EmptyAccount, NoAccountLeft, load_account
from ..model import Analysis, ImportResult, Resolution, TieSet, TieSource
from ..util import background, collector
from .forked import ForkedOutput, can_fork
from .steps import Progress, StepClock, _quiet

if TYPE_CHECKING:
    from ..analysis.steps import Ahead, OptionArgs
    from ..resolution import TiesReady


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
    #: output files started while the analysis waited, by name (contacts.csv, which the resolution alone makes, on a
    #: big network, in a forked child): :func:`.outputs.write_outputs` writes them as made unless pseudonyms change them
    made: dict[str, ForkedOutput] = field(default_factory=dict, compare=False, repr=False)


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
    imports, _empty, tiesets = _import_and_read(config, clock or StepClock(progress), beside=_big(config))
    return imports, tiesets


#: Tie files smaller than this (bytes, in all) are read in the run's process: a fork would cost more than it saves.
_FORK_FROM = 2_000_000


def _import_and_read(
    config: RunConfig, clock: StepClock, *, beside: bool
) -> tuple[dict[str, ImportResult], tuple[EmptyAccount, ...], tuple[TieSet, ...]]:
    """The accounts (:func:`import_accounts`) and the tie files (:func:`read_all_ties`); with ``beside`` (large tie
    files, :func:`_big`), the tie files are read in a forked child (:class:`~.forked.ForkedOutput`) while the accounts
    are imported."""
    child = ForkedOutput(lambda: _read_until_error(config.ties), parallel=True) if beside else None
    try:
        imports, empty = import_accounts(config, clock)
        if child is not None:
            _load_next()
        return imports, empty, read_all_ties(config, clock, child)
    except BaseException:
        if child is not None:
            child.cancel()
        raise


def _load_next() -> None:
    """Import what resolving and analysing need (about a quarter of a second) while the child still reads the tie
    files: otherwise the run would wait for the child, then import them."""
    from .. import analysis, resolution  # noqa: F401
    from ..util.igraph_tools import load_igraph

    load_igraph()


def _big(config: RunConfig) -> bool:
    """Whether the tie files are big enough for work beside the run's process (which :func:`~.forked.can_fork`)."""
    return sum(map(_size, (src.path for src in config.ties))) >= _FORK_FROM and can_fork()


def _size(path: str) -> int:
    """The bytes of a file, or of the files in a folder (0 when missing)."""
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(top, name)) for top, _, names in os.walk(path) for name in names)
    return os.path.getsize(path) if os.path.isfile(path) else 0


def _read_until_error(sources: Sequence[TieSource]) -> bytes:
    """The tie sets of ``sources``, pickled, up to the first one that cannot be read.

    That one and the next are left to :func:`read_all_ties`, which reads them again in the run's
    process: an error is raised there, exactly as without a child.
    """
    tiesets = []
    with collector.paused():  # the child only allocates, and leaves
        for src in sources:
            try:
                tiesets.append(_read_ties(src))
            except Exception:
                break
    return pickle.dumps(tiesets, protocol=pickle.HIGHEST_PROTOCOL)


def _read_ties(src: TieSource) -> TieSet:
    """:func:`netmix.ties.read_ties`, whose readers are imported when first used (not by a run whose child read the ties)."""
    from ..ties import read_ties

    return read_ties(src)


def read_all_ties(config: RunConfig, clock: StepClock, beside: ForkedOutput | None = None) -> tuple[TieSet, ...]:
    """Every tie file of ``config``, each a timed step; those a child read ``beside`` the imports are taken from it
    (the first step waits for it)."""
    tiesets: list[TieSet] = []
    ready: list[TieSet] = []
    for src in config.ties:
        with clock.step("ties", os.path.basename(src.path)) as counted:
            if beside is not None:  # what the child read (it hands over nothing if it could not read the first)
                made, beside = beside.result(), None
                ready = pickle.loads(made) if made else []
            tiesets.append(ready[len(tiesets)] if len(tiesets) < len(ready) else _read_ties(src))
            counted.append(len(tiesets[-1].edges))
    return tuple(tiesets)


def resolve_all(
    config: RunConfig, imports: dict[str, ImportResult], tiesets: tuple[TieSet, ...], *, on_ties: TiesReady | None = None
) -> Resolution:
    """Resolve the imported contacts into persons (doubles, ties between persons); ``on_ties`` as
    :func:`netmix.resolution.resolve`'s."""
    from ..resolution import resolve
    from ..resolution.decisions import load_decisions

    contacts = pd.concat([r.contacts for r in imports.values()], ignore_index=True)
    requests = pd.concat([r.requests for r in imports.values()], ignore_index=True)
    kwargs: dict[str, Any] = {}
    if config.threshold is not None:
        kwargs["threshold"] = config.threshold
    if config.decisions:  # a missing decisions file is an error (InputError naming it), never silently skipped
        kwargs["decisions"] = load_decisions(config.decisions)
    return resolve(contacts, tiesets, requests, on_ties=on_ties, **kwargs)


def _options(config: RunConfig) -> OptionArgs:
    """The analysis options ``config`` sets."""
    return {"seed": config.seed, "resolution_param": config.resolution, "min_mutual": config.min_mutual}


def _prepare_outputs(resolution: Resolution, made: dict[str, ForkedOutput]) -> None:
    """While the analysis waits for betweenness and constraint (counted in the other process): start contacts.csv,
    which the resolution alone makes, in a forked child (half a second on the large scenario, on the core the other
    process is leaving, which the outputs would spend while every core is busy), and import what writing the outputs
    needs (the pages' modules and pyvis; review.xlsx imports its writer in the forked child that makes it)."""
    from ..render import gephi, html, layout, people, report, review  # noqa: F401

    made["contacts.csv"] = ForkedOutput(functools.partial(_contacts_csv, resolution), parallel=True, drain=True)


def _contacts_csv(resolution: Resolution) -> bytes:
    from ..io.output import csv_bytes
    from ..render.tables import contacts_table

    return csv_bytes(contacts_table(resolution))


def _analyse(
    config: RunConfig, resolution: Resolution, clock: StepClock, ahead: Ahead | None, made: dict[str, ForkedOutput] | None
) -> Analysis:
    from ..analysis import analyse
    from ..analysis.labels import load_labels

    labels = load_labels(config.labels) if config.labels and Path(config.labels).exists() else None
    analysis = analyse(
        resolution,
        config.accounts,
        labels=labels,
        progress=clock.substep("analyse"),
        ahead=ahead,
        meanwhile=None if made is None else functools.partial(_prepare_outputs, resolution, made),
        **_options(config),
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
    big = _big(config)
    # what each stage makes lives to the end of the run: frozen out of the garbage collector's walks
    with collector.sparing() as settle:
        with collector.paused():  # importing allocates what lives to the end, and modules: nothing to collect
            imports, empty, tiesets = _import_and_read(config, clock, beside=big)
        settle()
        # an account whose export yields no contact is set aside (said on screen and in run.json); the run goes on
        config = replace(config, accounts=tuple(a for a in config.accounts if a.name in imports))
        ahead: list[Ahead] = []  # the slowest measures start as soon as the persons' ties are made

        def start(person_ids: list[str], ties: pd.DataFrame) -> None:
            from ..analysis import structure_ahead

            ahead.append(structure_ahead(person_ids, ties, **_options(config)))

        # on a big network, the interpreter that will count betweenness and circles starts now, on the core the resolution
        # leaves free (during the imports, the tie files' child keeps it busy)
        with background.warmed(big):
            with clock.step("resolve") as counted:
                resolution = resolve_all(config, imports, tiesets, on_ties=start)
                counted.append(len(resolution.persons))
            settle()
            made: dict[str, ForkedOutput] = {}
            analysis = _analyse(config, resolution, clock, ahead[0] if ahead else None, made if big else None)
    return RunResult(config, imports, tiesets, resolution, analysis, tuple(clock.rows), tuple(e.fact() for e in empty), made)


__all__ = ["RunResult", "import_accounts", "import_all", "read_all_ties", "resolve_all", "run"]
