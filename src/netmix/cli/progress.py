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

#: What each step code counts (its count is said with ``progress.count.<unit>``, or as a size for ``bytes``).
UNITS: dict[str, str] = {"import": "contacts", "ties": "ties", "resolve": "persons", "analyse": "persons",
                         "layout": "persons", "write": "bytes"}  # fmt: skip


def describe(event: StepEvent, lang: str = "en") -> str:
    """The step as a person reads it, in ``lang``: ``importing perso``, ``writing graph.gexf``…

    >>> from netmix.pipeline import StepEvent
    >>> describe(StepEvent("import", "linkedin")), describe(StepEvent("analyse", "circles"), "fr")
    ('importing linkedin', 'recherche des cercles')
    """
    from ..render.i18n import value

    if event.step == "analyse":
        return value(lang, "progress.analyse", event.item)
    said = value(lang, "progress", event.step)  # a step this display does not know: its code
    return said.format(item=event.item) if "{item}" in said else " ".join(part for part in (said, event.item) if part)


def finished(event: StepEvent, lang: str = "en") -> str:
    """A finished step with its count and seconds, in ``lang``.

    >>> from netmix.pipeline import StepEvent
    >>> finished(StepEvent("resolve", done=True, count=37012, seconds=3.21), "fr")
    'résolution des personnes et des doubles : 37\u202f012 personnes en 3,2 s'
    """
    from ..render.i18n import number, t

    step = describe(event, lang)
    unit = UNITS.get(event.step, "")
    if event.count is not None and unit:
        count = _size(event.count, lang) if unit == "bytes" else t(lang, f"progress.count.{unit}", n=number(lang, event.count))
        step = t(lang, "progress.counted", step=step, count=count)
    return t(lang, "progress.done", step=step, seconds=number(lang, event.seconds, 1))


def _size(n: int, lang: str) -> str:
    from ..render.i18n import number, t

    for unit, scale in (("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return t(lang, f"progress.size.{unit}", n=number(lang, n / scale, 1))
    return t(lang, "progress.size.bytes", n=n)


def _plain(stream: IO[str], lang: str) -> Progress:
    def show(event: StepEvent) -> None:
        if event.done:
            print(f"netmix: {finished(event, lang)}", file=stream, flush=True)

    return show


@contextmanager
def _live(stream: IO[str], lang: str) -> Iterator[Progress]:
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress as Bar
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..render.i18n import number, t

    console = Console(file=stream, highlight=False)
    bar = Bar(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True)
    task = bar.add_task(t(lang, "progress.starting"), total=None)
    begun = time.perf_counter()

    def show(event: StepEvent) -> None:
        if event.done:
            elapsed = number(lang, time.perf_counter() - begun, 1).rjust(6)
            bar.console.print(f"[dim]{elapsed} s[/dim]  {escape(finished(event, lang))}", markup=True)
        else:
            bar.update(task, description=escape(describe(event, lang)) + "…")

    with bar:
        yield show


@contextmanager
def progress_display(*, quiet: bool = False, stream: IO[str] | None = None, lang: str = "en") -> Iterator[Progress]:
    """A ``progress`` callback for :func:`netmix.pipeline.run` and ``write_outputs``.

    Parameters
    ----------
    quiet
        Show nothing.
    stream
        Where to write (default: stderr); a live display only when it is a terminal.
    lang
        The language of the lines (``en`` or ``fr``: :data:`netmix.render.i18n.LANGS`).
    """
    out = stream if stream is not None else sys.stderr
    if quiet:
        yield lambda _event: None
    elif out.isatty():
        with _live(out, lang) as show:
            yield show
    else:
        yield _plain(out, lang)


__all__ = ["UNITS", "describe", "finished", "progress_display"]
