"""What a person sees on stderr while a long command runs.

The pipeline reports each step as a :class:`~netmix.pipeline.StepEvent` (a step code, the item
it works on, a count, seconds); :func:`progress_display` turns them into

- a live line on a terminal (rich): the running step, the time since the command started, and
  above it one line per finished step with its count and seconds;
- plain lines when stderr is not a terminal (a log file, a CI job): one per finished step;
- nothing with ``--quiet``.

>>> import io
>>> from netmix.pipeline import StepEvent
>>> err = io.StringIO()
>>> with progress_display(stream=err) as show:
...     show(StepEvent("resolve"))
...     show(StepEvent("resolve", done=True, count=37012, seconds=3.21, elapsed=4.5))
>>> print(err.getvalue().strip())
netmix: resolving persons and doubles: 37,012 persons in 3.2 s
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from ..pipeline import Progress, StepEvent

#: What each step code does, and what its count counts.
STEPS: dict[str, tuple[str, str]] = {
    "import": ("importing", "contacts"),
    "ties": ("reading ties", "ties"),
    "resolve": ("resolving persons and doubles", "persons"),
    "analyse": ("", "persons"),
    "tables": ("sorting the tables", ""),
    "layout": ("laying out the map", "persons"),
    "write": ("writing", "bytes"),
}


def describe(event: StepEvent) -> str:
    """The step as a person reads it: ``importing perso``, ``writing graph.gexf``…

    >>> from netmix.pipeline import StepEvent
    >>> describe(StepEvent("import", "linkedin"))
    'importing linkedin'
    """
    verb = STEPS.get(event.step, (event.step, ""))[0]
    return " ".join(part for part in (verb, event.item) if part)


def finished(event: StepEvent) -> str:
    """A finished step with its count and seconds."""
    unit = STEPS.get(event.step, ("", ""))[1]
    count = ""
    if event.count is not None and unit:
        count = f": {_size(event.count)}" if unit == "bytes" else f": {event.count:,} {unit}"
    return f"{describe(event)}{count} in {event.seconds:.1f} s"


def _size(n: int) -> str:
    for unit, scale in (("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def _plain(stream: IO[str]) -> Progress:
    def show(event: StepEvent) -> None:
        if event.done:
            print(f"netmix: {finished(event)}", file=stream, flush=True)

    return show


@contextmanager
def _live(stream: IO[str]) -> Iterator[Progress]:
    from rich.console import Console
    from rich.progress import Progress as Bar
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(file=stream, highlight=False)
    bar = Bar(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True)
    task = bar.add_task("starting", total=None)
    begun = time.perf_counter()

    def show(event: StepEvent) -> None:
        if event.done:
            bar.console.print(f"[dim]{time.perf_counter() - begun:6.1f} s[/dim]  {finished(event)}", markup=True)
        else:
            bar.update(task, description=describe(event) + "…")

    with bar:
        yield show


@contextmanager
def progress_display(*, quiet: bool = False, stream: IO[str] | None = None) -> Iterator[Progress]:
    """A ``progress`` callback for :func:`netmix.pipeline.run` and ``write_outputs``.

    Parameters
    ----------
    quiet
        Show nothing.
    stream
        Where to write (default: stderr); a live display only when it is a terminal.
    """
    out = stream if stream is not None else sys.stderr
    if quiet:
        yield lambda _event: None
    elif out.isatty():
        with _live(out) as show:
            yield show
    else:
        yield _plain(out)


__all__ = ["STEPS", "describe", "finished", "progress_display"]
