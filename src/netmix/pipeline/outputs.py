"""Render a run into its output folder (DESIGN.md's output contract), all files or none, each file timed."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Hashable, Iterator
from typing import Any

import pandas as pd

from ..io.output import OutputDir, json_bytes
from ..privacy import Pseudonymizer, scrub_run_record
from ..util import collector
from .forked import ForkedOutput, Made, can_fork
from .record import run_record
from .running import RunResult
from .steps import TIMINGS_FILE, Progress, StepClock, _quiet, timings_record

Positions = dict[Hashable, tuple[float, float]]


def _review(result: RunResult, pseudonymizer: Pseudonymizer | None, clock: StepClock, jobs: _Jobs) -> pd.DataFrame:
    """The review rows (the pairs to decide, read back by ``--decisions``); review.xlsx started beside the work."""
    from ..render.review import review_for, review_xlsx

    lang = result.config.lang
    with clock.step("review"):
        review = review_for(result.resolution, result.analysis, lang, pseudonymizer)
    jobs.start("review.xlsx", lambda: review_xlsx(review, lang))  # beside the layout
    return review


def _output_tables(
    result: RunResult, pseudonymizer: Pseudonymizer | None, clock: StepClock
) -> dict[str, pd.DataFrame | bytes]:
    """The CSV files: the tables, sorted, with their evidence and suggestions worded in the run's language, or the
    bytes the run made beside the analysis (:attr:`RunResult.made`, unless pseudonyms change them)."""
    from ..privacy import anonymize_tables
    from ..render.evidence import worded_resolution
    from ..render.tables import output_tables

    with clock.step("tables"):
        made: dict[str, bytes] = {}
        for name, job in result.made.items():
            if pseudonymizer is None:
                made[name] = job.result() or b""
            else:  # pseudonyms change the file: made again below
                job.cancel()
        worded = worded_resolution(result.resolution, result.config.lang)
        tables = output_tables(worded, result.analysis, pseudonymizer=pseudonymizer, leave_out=made.keys())
        files: dict[str, pd.DataFrame | bytes] = {**tables, **made}
        files = {name: files[name] for name in sorted(files)}
        circles = {"circles.csv": result.analysis.circles, "circle_members.csv": result.analysis.circle_members}
        files |= anonymize_tables(circles, pseudonymizer) if pseudonymizer is not None else circles
    return files


def _write_tables(
    out: OutputDir, result: RunResult, files: dict[str, pd.DataFrame | bytes], clock: StepClock, review: pd.DataFrame
) -> None:
    """The CSV files (tables, or their bytes), review.csv and summary.json."""
    from ..io.output import csv_bytes

    for name, table in files.items():
        _write(out, name, clock, functools.partial(_csv, table))
    _write(out, "review.csv", clock, functools.partial(csv_bytes, review))
    _write(out, "summary.json", clock, lambda: json_bytes(result.analysis.summary))


class _Jobs:
    """The outputs being made beside the main work, by file name, each in a forked copy of the process
    (:class:`.forked.ForkedOutput`)."""

    def __init__(self, out: OutputDir, parallel: bool) -> None:
        self.out, self.parallel = out, parallel
        self.running: dict[str, ForkedOutput] = {}

    def start(self, name: str, make: Callable[[], Made]) -> None:
        """Start making ``name`` in a fork that writes the file itself, in the staging folder, and leaves: its
        memory is given back as soon as the file is made (bytes handed over through a pipe would keep the
        child waiting, whole, until the parent reads them)."""
        into = self.out.part(name) if self.parallel else None
        self.running[name] = ForkedOutput(make, parallel=self.parallel, into=into)

    def write(self, clock: StepClock) -> None:
        """Stage every output started, in the order they were started (each step times the wait)."""
        for name, job in list(self.running.items()):
            with clock.step("write", name) as counted:
                data = job.result()
                if data is not None:
                    self.out.write(name, data)
                    counted.append(len(data))
                else:  # the forked child wrote the file itself, where it was told to
                    assert job.into is not None
                    counted.append(self.out.adopt(name, job.into))
            del self.running[name]

    def cancel(self) -> None:
        for job in self.running.values():
            job.cancel()


def _csv(table: pd.DataFrame | bytes) -> bytes:
    """A CSV file's bytes: of a table, or as the run made them."""
    from ..io.output import csv_bytes

    return table if isinstance(table, bytes) else csv_bytes(table)


def _write(out: OutputDir, name: str, clock: StepClock, make: Callable[[], bytes]) -> None:
    """Make one output file's bytes and stage them, as one timed step."""
    with clock.step("write", name) as counted:
        data = make()
        out.write(name, data)
        counted.append(len(data))


def _layout(result: RunResult, pseudonymizer: Pseudonymizer | None, clock: StepClock) -> Positions:
    """The run's one layout, shared by the Gephi files, the map, the report and the images."""
    from ..render.layout import layout_view
    from ..render.people import build_view

    with clock.step("layout") as counted:
        view = build_view(result.analysis, result.resolution, pseudonymizer=pseudonymizer)
        positions = layout_view(view, seed=result.config.seed)
        counted.append(len(positions))
    return positions


#: A run and the keyword arguments every drawing of it shares (pseudonymizer, seed, positions).
_Drawing = tuple[RunResult, dict[str, Any]]


def _write_gephi(out: OutputDir, draw: _Drawing, graphml: bool, clock: StepClock, jobs: _Jobs) -> int:
    """graph.gexf (started beside the main work) and graph.graphml; returns the characters XML could not
    hold, left out of them."""
    from ..render.gephi import gexf_chunks, graphml_bytes, xml_unsafe_characters

    result, kwargs = draw
    args = (result.analysis, result.resolution)
    jobs.start("graph.gexf", lambda: gexf_chunks(*args, **kwargs))
    if graphml:
        _write(out, "graph.graphml", clock, lambda: graphml_bytes(*args, **kwargs))
    return xml_unsafe_characters(*args, pseudonymizer=kwargs["pseudonymizer"])


def _write_pages(out: OutputDir, draw: _Drawing, review: pd.DataFrame, clock: StepClock, jobs: _Jobs) -> None:
    """graph.html, then report.html around the same map page, with the review rows to decide (started beside the
    main work)."""
    from ..render.html import map_html
    from ..render.report import report_html

    result, kwargs = draw
    args = (result.analysis, result.resolution, result.config.accounts)
    page = ""

    def make_map() -> bytes:
        nonlocal page
        page = map_html(*args, lang=result.config.lang, **kwargs)
        return page.encode("utf-8")

    def make_report() -> bytes:
        return report_html(*args, lang=result.config.lang, map_html_fragment=page, review=review, **kwargs).encode("utf-8")

    _write(out, "graph.html", clock, make_map)
    jobs.start("report.html", make_report)


def _write_images(out: OutputDir, draw: _Drawing, clock: StepClock) -> None:
    from ..render.static import map_image

    result, kwargs = draw

    def image(fmt: str) -> Callable[[], bytes]:
        return lambda: map_image(result.analysis, fmt=fmt, **kwargs)

    for fmt in ("png", "svg"):
        _write(out, f"graph.{fmt}", clock, image(fmt))


@contextlib.contextmanager
def _spared_by_collector() -> Iterator[None]:
    """Python's cyclic garbage collector stays out of the way while the outputs are made: what existed
    before (the run's result, which lives to the end) is frozen out of its walks, and its automatic
    passes are paused — on 35,000 persons they walked the same objects again and again for about a
    second, and found next to nothing (the outputs make few reference cycles; the peak memory is the
    same). Both are undone afterwards (:mod:`netmix.util.collector`)."""
    with collector.sparing() as settle, collector.paused():
        settle()
        yield


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
    parallel: bool | None = None,
) -> list[str]:
    """Write the output contract of DESIGN.md into ``out_dir``, all files or none.

    Parameters
    ----------
    result
        What :func:`run` returned.
    out_dir
        The output folder (created when missing; its files replaced together at the end).
    html, images
        Write ``graph.html`` and ``report.html``; ``graph.png`` and ``graph.svg``.
    graphml
        Write ``graph.graphml`` beside ``graph.gexf`` (same nodes, ties and attributes).
    pseudonymizer
        Pseudonyms instead of names, no contact details (:class:`netmix.privacy.Pseudonymizer`).
    progress
        Called with a :class:`StepEvent` when each file is started and written.
    timings
        Write ``timings.json``: the seconds of every step of the run and of each file.
    parallel
        Make review.xlsx, graph.gexf and report.html in forked processes beside the other outputs (same bytes);
        ``None``: where ``fork`` exists and there are two cores or more (:func:`.forked.can_fork`).

    Returns
    -------
    list of str
        The names of the files written, sorted.

    Examples
    --------
    >>> import tempfile
    >>> from netmix.config import load_config
    >>> from netmix.pipeline import run
    >>> result = run(load_config("samples/netmix.toml"))
    >>> written = write_outputs(result, tempfile.mkdtemp(), html=False)
    >>> "persons.csv" in written and "graph.gexf" in written and "timings.json" in written
    True
    """
    clock = StepClock(progress)
    with _spared_by_collector(), OutputDir(out_dir) as out, contextlib.ExitStack() as stack:
        jobs = _Jobs(out, can_fork() if parallel is None else parallel)
        stack.callback(jobs.cancel)  # a run that fails leaves no child behind
        _write_all(out, result, pseudonymizer, clock, jobs, (html, images, graphml))
        if timings:
            out.write(TIMINGS_FILE, json_bytes(timings_record(result.timings + tuple(clock.rows))))
        return sorted(out.written)


def _write_all(
    out: OutputDir, result: RunResult, pseudonymizer: Pseudonymizer | None, clock: StepClock, jobs: _Jobs, which: tuple[bool, ...]
) -> None:
    """Every output but timings.json; ``which``: (html, images, graphml)."""
    html, images, graphml = which
    # review.xlsx is made beside the layout, graph.gexf beside the sorting of the tables and the map, report.html
    # beside the CSV files, each in a fork: the memory a fork takes (the pages of the run it touches, copied) is
    # given back when its file is made
    review = _review(result, pseudonymizer, clock, jobs)
    positions = _layout(result, pseudonymizer, clock)
    draw = (result, {"pseudonymizer": pseudonymizer, "seed": result.config.seed, "positions": positions})
    outputs = {"xml_characters_removed": _write_gephi(out, draw, graphml, clock, jobs)}
    tables = _output_tables(result, pseudonymizer, clock)
    if html:
        _write_pages(out, draw, review, clock, jobs)
    _write_tables(out, result, tables, clock, review)
    del tables
    record = scrub_run_record(run_record(result, outputs), result.config, pseudonymised=pseudonymizer is not None)
    _write(out, "run.json", clock, lambda: json_bytes(record))
    if images:
        _write_images(out, draw, clock)
    jobs.write(clock)


__all__ = ["write_outputs"]
