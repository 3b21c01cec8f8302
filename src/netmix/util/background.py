"""Work that runs in another process while this one goes on: one CPU-bound call, awaited later.

igraph and the other C libraries netmix calls hold Python's global lock, so threads would run
one after the other; a second process uses a second core. :func:`in_background` pickles the
function and its arguments to a private temporary file and hands the file's name, on its
standard input, to ``python -m netmix.util.background``: a fresh interpreter that loads igraph,
imports only the function's module (never the caller's script, unlike ``multiprocessing``'s
spawn, so an unguarded script or a notebook is safe) and pickles the result back on its standard
output — or, for a job that yields its values one after another (:meth:`Later.parts`), each value as
soon as it is made, read on a thread of this process so that the other never waits to hand it over.
:func:`warmed` starts that interpreter ahead of time, so that its start-up (Python, numpy
and igraph: about half a second) overlaps the caller's own work. With one CPU, or when that
process cannot start or fails, the call runs in this process when the result is asked for: the
result is the same either way. (An output made from the whole run is made in a forked copy of
the process instead, which shares the run without pickling it: :mod:`netmix.pipeline.forked`.)
"""

from __future__ import annotations

import inspect
import itertools
import logging
import os
import pickle
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Generic, TypeVar

__all__ = ["Later", "in_background", "warmed"]

T = TypeVar("T")
log = logging.getLogger(__name__)

#: The folder that holds the ``netmix`` package, put on the other process's ``PYTHONPATH``.
_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])

#: What :meth:`Later.parts` reads after the last value.
_END = object()

#: The interpreter :func:`warmed` started, waiting for a job (``None``: none is waiting).
_spare: subprocess.Popen[bytes] | None = None


def _interpreter() -> subprocess.Popen[bytes]:
    """A fresh ``python -m netmix.util.background`` that loads igraph, then reads its job's file name on stdin."""
    path = os.pathsep.join(p for p in (_PACKAGE_PARENT, os.environ.get("PYTHONPATH", "")) if p)
    return subprocess.Popen(
        [sys.executable, "-m", __name__],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": path},
    )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop an interpreter that has no job (it holds nothing but its imports) and wait for it."""
    proc.kill()
    proc.communicate()


@contextmanager
def warmed(wanted: bool = True) -> Iterator[None]:
    """Within this block, start the interpreter of the next :func:`in_background` call now (when ``wanted``
    and there is a second CPU); one left without a job is stopped at the end of the block.

    >>> with warmed(wanted=False):
    ...     in_background(sum, [1, 2], worth_it=False).result()
    3
    """
    global _spare
    if wanted and _spare is None and (os.cpu_count() or 1) > 1:
        try:
            _spare = _interpreter()
        except OSError as exc:
            log.debug("no interpreter started ahead: %s", exc)
    try:
        yield
    finally:
        spare, _spare = _spare, None
        if spare is not None:
            _stop(spare)


class Later(Generic[T]):
    """The result of ``fn(*args)``, computed in another process or, failing that, when asked for."""

    def __init__(self, fn: Callable[..., T], args: tuple[Any, ...], *, background: bool, parts: bool = False) -> None:
        self._fn, self._args = fn, args
        self._proc: subprocess.Popen[bytes] | None = None
        self._job: str | None = None
        self._parts: queue.SimpleQueue[Any] | None = None
        if background:
            try:
                self._start()
            except (OSError, pickle.PicklingError, AttributeError, TypeError) as exc:
                log.debug("computing %s here: %s", fn.__name__, exc)
                self._close()
        if parts and self._proc is not None:
            self._read_parts(self._proc)

    def _start(self) -> None:
        global _spare
        fd, self._job = tempfile.mkstemp(prefix="netmix-job-", suffix=".pickle")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((self._fn, self._args), fh, protocol=pickle.HIGHEST_PROTOCOL)
        spare, _spare = _spare, None
        if spare is not None and spare.poll() is not None:  # the interpreter started ahead has died
            _stop(spare)
            spare = None
        self._proc = spare or _interpreter()
        assert self._proc.stdin is not None
        self._proc.stdin.write(self._job.encode() + b"\n")
        self._proc.stdin.flush()  # the process reads one line; communicate() closes its stdin

    def result(self) -> T:
        """Wait for the result (or compute it now when no other process could)."""
        try:
            if self._proc is not None:
                out, err = self._proc.communicate()
                if self._proc.returncode == 0:
                    value: T = pickle.loads(out)
                    return value
                log.debug("the other process failed (%s): %s", self._proc.returncode, err.decode(errors="replace")[-2000:])
        finally:
            self._close()
        return self._fn(*self._args)

    def _read_parts(self, proc: subprocess.Popen[bytes]) -> None:
        """Read the values the other process writes, on a thread, as it writes them; then :data:`_END`."""
        parts: queue.SimpleQueue[Any] = queue.SimpleQueue()

        def read() -> None:
            try:
                while True:
                    parts.put(pickle.load(proc.stdout))  # type: ignore[arg-type]
            except Exception:  # noqa: BLE001 - the end of the values, or of a process that failed (told by its code)
                parts.put(_END)

        self._parts = parts
        threading.Thread(target=read, name="netmix-parts", daemon=True).start()

    def parts(self) -> Iterator[Any]:
        """The values of a job that yields them (started with ``parts``), each as soon as the other process has made
        it — or made here, in turn, when no other process could, or from where it failed."""
        given = 0
        if self._parts is not None and self._proc is not None:
            while (part := self._parts.get()) is not _END:
                given += 1
                yield part
            _, err = self._proc.communicate()
            failed = self._proc.returncode != 0
            self._close()
            if not failed:
                return
            log.debug("the other process failed: %s", err.decode(errors="replace")[-2000:])
        yield from itertools.islice(self._fn(*self._args), given, None)  # type: ignore[call-overload]

    def cancel(self) -> None:
        """Stop the other process, if any; the result is no longer wanted."""
        self._close()

    def _close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        if self._job is not None:
            Path(self._job).unlink(missing_ok=True)
        self._proc, self._job = None, None

    def __del__(self) -> None:
        self._close()


def in_background(fn: Callable[..., T], *args: Any, worth_it: bool = True, parts: bool = False) -> Later[T]:
    """Start ``fn(*args)`` in another process when ``worth_it`` and there is a second CPU.

    ``fn`` must be a module-level function and ``args`` picklable. Small jobs (``worth_it``
    false) are not worth a process start: they run in this process when the result is asked for.
    With ``parts``, ``fn`` is a generator: :meth:`Later.parts` gives its values as they are made.

    >>> later = in_background(sum, [1, 2, 3], worth_it=False)
    >>> later.result()
    6
    """
    return Later(fn, args, background=worth_it and (os.cpu_count() or 1) > 1, parts=parts)


def _run() -> None:
    """The other process: load igraph without plotting, read the job's file name on stdin (none: leave), run the
    pickled call, pickle its result to stdout."""
    from .igraph_tools import load_igraph, skip_plotting

    skip_plotting()
    load_igraph()
    job = sys.stdin.readline().strip()
    if not job:
        return
    with open(job, "rb") as fh:
        fn, args = pickle.load(fh)
    os.unlink(job)  # read: nothing is left behind, even if the caller is killed
    made = fn(*args)
    for value in made if inspect.isgenerator(made) else (made,):  # a generator's values as they come
        sys.stdout.buffer.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        sys.stdout.buffer.flush()


if __name__ == "__main__":
    _run()
