"""The steps of a run: :class:`StepEvent` facts for a progress display, timed by :class:`StepClock` for timings.json."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

#: The file that records the seconds of every step; it changes from run to run, unlike every other output.
TIMINGS_FILE = "timings.json"


@dataclass(frozen=True)
class StepEvent:
    """One step of a run starting (``done=False``) or ending (``done=True``).

    ``step`` is a code: ``import`` (one account), ``ties`` (one tie file), ``resolve``, ``analyse``
    (one analysis step, ``item`` its code: :data:`netmix.analysis.ANALYSIS_STEPS`), ``review``,
    ``layout``, ``tables`` or ``write`` (one output file). ``count`` is what the step produced when
    known (contacts, edges, persons, bytes); ``seconds`` the step's wall time (0.0 when it starts);
    ``elapsed`` the seconds since the run started.
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


__all__ = ["TIMINGS_FILE", "Progress", "StepClock", "StepEvent", "timings_record"]
