"""The main job, in one direction: import → resolve → analyse → render.

:func:`run` imports every account and tie file of a :class:`~netmix.config.RunConfig`, resolves
the contacts into persons and analyses them; :func:`write_outputs` renders the result into an
output folder (DESIGN.md's output contract), all files or none. Both report their steps to an
optional ``progress`` callback as :class:`StepEvent` facts (a step code, the item it works on,
a count, seconds): the CLI turns them into a progress display, and every step's seconds go to
``timings.json`` beside the outputs (the only output that differs between two runs).

>>> from netmix.config import load_config
>>> result = run(load_config("samples/netmix.toml"))
>>> sorted(result.imports)
['linkedin', 'perso', 'pro']
"""

from __future__ import annotations

import functools
import hashlib
import os
import platform as _platform
import resource
import sys
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from ._version import __version__
from .config import RunConfig
from .importers import load_account
from .io.output import OutputDir, json_bytes
from .io.sources import iter_members
from .model import Analysis, ImportResult, Resolution, TieSet
from .privacy import Pseudonymizer

#: The file that records the seconds of every step; it changes from run to run, unlike every other output.
TIMINGS_FILE = "timings.json"
Positions = dict[Hashable, tuple[float, float]]


@dataclass(frozen=True)
class StepEvent:
    """One step of a run starting (``done=False``) or ending (``done=True``).

    ``step`` is a code: ``import`` (one account), ``ties`` (one tie file), ``resolve``,
    ``analyse`` (one analysis step, ``item`` its description), ``layout`` or ``write`` (one
    output file). ``count`` is what the step produced when known (contacts, edges, persons,
    bytes); ``seconds`` the step's wall time (0.0 when it starts); ``elapsed`` the seconds since
    the run started.
    """

    step: str
    item: str = ""
    done: bool = False
    count: int | None = None
    seconds: float = 0.0
    elapsed: float = 0.0


Progress = Callable[[StepEvent], None]


def _quiet(_: StepEvent) -> None:
    return None


class StepClock:
    """Times the steps of a run, tells ``progress`` about each, and keeps them for timings.json.

    >>> clock = StepClock()
    >>> with clock.step("resolve") as counted:
    ...     counted.append(37)
    >>> [(r["step"], r["count"]) for r in clock.rows]
    [('resolve', 37)]
    """

    def __init__(self, progress: Progress = _quiet) -> None:
        self.progress = progress
        self.start = time.perf_counter()
        self.rows: list[dict[str, Any]] = []
        self._open: tuple[str, str, float] | None = None

    def begin(self, step: str, item: str = "") -> None:
        """Start a step (ending the one a :meth:`substep` left open)."""
        self.finish()
        now = time.perf_counter()
        self._open = (step, item, now)
        self.progress(StepEvent(step, item, elapsed=now - self.start))

    def finish(self, count: int | None = None) -> None:
        """End the open step, if any."""
        if self._open is None:
            return
        step, item, began = self._open
        self._open = None
        now = time.perf_counter()
        row = {"step": step, "item": item, "count": count, "seconds": round(now - began, 3), "peak_memory_mib": _peak_mib()}
        self.rows.append(row)
        self.progress(StepEvent(step, item, done=True, count=count, seconds=now - began, elapsed=now - self.start))

    @contextmanager
    def step(self, step: str, item: str = "") -> Iterator[list[int]]:
        """A timed step; append a count to the yielded list to report it."""
        self.begin(step, item)
        counted: list[int] = []
        yield counted
        self.finish(counted[-1] if counted else None)

    def substep(self, step: str) -> Callable[[str], None]:
        """A callback for a function that announces its own steps as text (``analyse``)."""
        return lambda item: self.begin(step, item)


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
    from .ties import read_ties

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
    from .resolution import resolve
    from .resolution.decisions import load_decisions

    contacts = pd.concat([r.contacts for r in imports.values()], ignore_index=True)
    requests = pd.concat([r.requests for r in imports.values()], ignore_index=True)
    kwargs: dict[str, Any] = {}
    if config.threshold is not None:
        kwargs["threshold"] = config.threshold
    if config.decisions and Path(config.decisions).exists():
        kwargs["decisions"] = load_decisions(config.decisions)
    return resolve(contacts, tiesets, requests, **kwargs)


def _analyse(config: RunConfig, resolution: Resolution, clock: StepClock) -> Analysis:
    from .analysis import analyse
    from .analysis.clusters import load_labels

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


def input_digest(path: str) -> str:
    """SHA-256 over the names and bytes of every file of an input (file, folder or zip)."""
    h = hashlib.sha256()
    for m in iter_members(path):
        h.update(m.name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(m.read()).digest())
    return h.hexdigest()


def _library_versions() -> dict[str, str]:
    """The versions of the libraries whose algorithms shape the results (read without importing them)."""
    out = {}
    for name, fallback in (("networkx", ""), ("pandas", ""), ("igraph", ""), ("pyvis", "0.3.2")):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = fallback
    return out


def _parameters(result: RunResult) -> dict[str, Any]:
    cfg = result.config
    return {
        "resolution": cfg.resolution,
        "threshold": result.resolution.params.get("threshold", cfg.threshold),
        "min_mutual": cfg.min_mutual,
        "lang": cfg.lang,
        "anonymize": cfg.anonymize,
        "decisions": os.path.basename(cfg.decisions) if cfg.decisions else None,
        "labels": os.path.basename(cfg.labels) if cfg.labels else None,
    }


def _account_records(result: RunResult) -> list[dict[str, Any]]:
    rows = []
    for a in result.config.accounts:
        imported = result.imports[a.name]
        rows.append(
            {
                "name": a.name,
                "sphere": a.sphere,
                "file": os.path.basename(os.path.normpath(a.path)),
                "sha256": input_digest(a.path),
                "formats": list(imported.formats),
                "contacts": len(imported.contacts),
                "requests": len(imported.requests),
                "issues": [str(i) for i in imported.issues][:50],
            }
        )
    return rows


def _tie_records(result: RunResult) -> list[dict[str, Any]]:
    return [
        {
            "account": t.account,
            "file": os.path.basename(t.source),
            "format": t.format,
            "nodes": len(t.nodes),
            "edges": len(t.edges),
            "sha256": input_digest(t.source),
            "issues": [str(i) for i in t.issues][:50],
        }
        for t in result.tiesets
    ]


def run_record(result: RunResult, outputs: dict[str, Any] | None = None) -> dict[str, Any]:
    """run.json: versions, parameters, seed, input hashes — no clock time, so reruns are identical.

    ``outputs``: facts about the files written (``xml_characters_removed``: characters XML 1.0
    cannot hold, left out of the Gephi files).
    """
    return {
        "netmix": __version__,
        "python": sys.version.split()[0],
        "platform": _platform.system(),
        "libraries": _library_versions(),
        "seed": result.config.seed,
        "parameters": _parameters(result),
        "accounts": _account_records(result),
        "ties": _tie_records(result),
        "resolution": _jsonable(result.resolution.params),
        "analysis": _jsonable(result.analysis.params),
        "outputs": outputs or {},
    }


def _scalar(x: object) -> object:
    return x if isinstance(x, (str, int, float, bool)) or x is None else str(x)


def _jsonable(d: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out[k] = _jsonable(v)
        elif isinstance(v, (list, tuple)):
            out[k] = [_scalar(x) for x in v]
        else:
            out[k] = _scalar(v)
    return out


def timings_record(rows: list[dict[str, Any]] | tuple[dict[str, Any], ...]) -> dict[str, Any]:
    """timings.json: the seconds of every step (and the peak memory when it ended), their total, the peak memory.

    >>> timings_record([{"step": "resolve", "item": "", "count": 3, "seconds": 1.5}])["total_seconds"]
    1.5
    """
    return {
        "steps": list(rows),
        "total_seconds": round(sum(r["seconds"] for r in rows), 3),
        "peak_memory_mib": _peak_mib(),
    }


def _peak_mib() -> float:
    """The peak memory of this process so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return round(peak / 2**20 if sys.platform == "darwin" else peak / 2**10, 1)


def _write_tables(out: OutputDir, result: RunResult, pseudonymizer: Pseudonymizer | None, clock: StepClock) -> None:
    from .io.output import csv_bytes
    from .render.tables import output_tables

    with clock.step("tables"):
        tables = output_tables(result.resolution, result.analysis, pseudonymizer=pseudonymizer)
    for name, df in tables.items():
        _write(out, name, clock, functools.partial(csv_bytes, df))
    _write(out, "summary.json", clock, lambda: json_bytes(result.analysis.summary))


def _write(out: OutputDir, name: str, clock: StepClock, make: Callable[[], bytes]) -> None:
    """Make one output file's bytes and stage them, as one timed step."""
    with clock.step("write", name) as counted:
        data = make()
        out.write(name, data)
        counted.append(len(data))


def _layout(result: RunResult, pseudonymizer: Pseudonymizer | None, clock: StepClock) -> Positions:
    """The run's one layout, shared by the Gephi files, the map, the report and the images."""
    from .render.layout import layout_view
    from .render.people import build_view

    with clock.step("layout") as counted:
        view = build_view(result.analysis, result.resolution, pseudonymizer=pseudonymizer)
        positions = layout_view(view, seed=result.config.seed)
        counted.append(len(positions))
    return positions


#: A run and the keyword arguments every drawing of it shares (pseudonymizer, seed, positions).
_Drawing = tuple[RunResult, dict[str, Any]]


def _write_gephi(out: OutputDir, draw: _Drawing, graphml: bool, clock: StepClock) -> int:
    """graph.gexf (and graph.graphml); returns the characters XML could not hold, left out of them."""
    from .render.gephi import gexf_bytes, graphml_bytes, xml_unsafe_characters

    result, kwargs = draw
    args = (result.analysis, result.resolution)
    _write(out, "graph.gexf", clock, lambda: gexf_bytes(*args, **kwargs))
    if graphml:
        _write(out, "graph.graphml", clock, lambda: graphml_bytes(*args, **kwargs))
    return xml_unsafe_characters(*args, pseudonymizer=kwargs["pseudonymizer"])


def _write_pages(out: OutputDir, draw: _Drawing, clock: StepClock) -> None:
    """graph.html, then report.html around the same map page."""
    from .render.html import map_html
    from .render.report import report_html

    result, kwargs = draw
    args = (result.analysis, result.resolution, result.config.accounts)
    page = ""

    def make_map() -> bytes:
        nonlocal page
        page = map_html(*args, lang=result.config.lang, **kwargs)
        return page.encode("utf-8")

    def make_report() -> bytes:
        return report_html(*args, lang=result.config.lang, map_html_fragment=page, **kwargs).encode("utf-8")

    _write(out, "graph.html", clock, make_map)
    _write(out, "report.html", clock, make_report)


def _write_images(out: OutputDir, draw: _Drawing, clock: StepClock) -> None:
    from .render.static import map_image

    result, kwargs = draw

    def image(fmt: str) -> Callable[[], bytes]:
        return lambda: map_image(result.analysis, fmt=fmt, **kwargs)

    for fmt in ("png", "svg"):
        _write(out, f"graph.{fmt}", clock, image(fmt))


def write_outputs(
    result: RunResult,
    out_dir: str | os.PathLike,
    *,
    html: bool = True,
    images: bool = False,
    pseudonymizer: Pseudonymizer | None = None,
    graphml: bool = False,
    progress: Progress = _quiet,
    timings: bool = True,
) -> list[str]:
    """Write the output contract of DESIGN.md into ``out_dir``, all files or none.

    Parameters
    ----------
    result
        What :func:`run` returned.
    out_dir
        The output folder (created when missing; its files are replaced together at the end).
    html
        Write ``graph.html`` and ``report.html``.
    images
        Write ``graph.png`` and ``graph.svg``.
    graphml
        Write ``graph.graphml`` beside ``graph.gexf`` (same nodes, ties and attributes).
    pseudonymizer
        Pseudonyms instead of names, no contact details (:class:`netmix.privacy.Pseudonymizer`).
    progress
        Called with a :class:`StepEvent` when each file is started and written.
    timings
        Write ``timings.json``: the seconds of every step of the run and of each file.

    Returns
    -------
    list of str
        The names of the files written, sorted.

    Examples
    --------
    >>> import tempfile
    >>> from netmix.config import load_config
    >>> result = run(load_config("samples/netmix.toml"))
    >>> out = tempfile.mkdtemp()
    >>> written = write_outputs(result, out, html=False)
    >>> "persons.csv" in written and "graph.gexf" in written and "timings.json" in written
    True
    """
    clock = StepClock(progress)
    with OutputDir(out_dir) as out:
        _write_tables(out, result, pseudonymizer, clock)
        positions = _layout(result, pseudonymizer, clock)
        draw = (result, {"pseudonymizer": pseudonymizer, "seed": result.config.seed, "positions": positions})
        removed = _write_gephi(out, draw, graphml, clock)
        _write(out, "run.json", clock, lambda: json_bytes(run_record(result, {"xml_characters_removed": removed})))
        if html:
            _write_pages(out, draw, clock)
        if images:
            _write_images(out, draw, clock)
        if timings:
            out.write(TIMINGS_FILE, json_bytes(timings_record(result.timings + tuple(clock.rows))))
        return sorted(out.written)


__all__ = [
    "TIMINGS_FILE",
    "Progress",
    "RunResult",
    "StepClock",
    "StepEvent",
    "import_all",
    "input_digest",
    "resolve_all",
    "run",
    "run_record",
    "timings_record",
    "write_outputs",
]
