"""Work that runs in another process while this one goes on: CPU-bound calls, awaited later.

igraph and the other C libraries netmix calls hold Python's global lock, so threads would run
one after the other; a second process uses a second core. :func:`in_background` pickles the
calls and their arguments to a private temporary file and hands the file's name, on its
standard input, to ``python -m netmix.util.background``: a fresh interpreter that loads igraph,
imports only the functions' modules (never the caller's script, unlike ``multiprocessing``'s
spawn, so an unguarded script or a notebook is safe) and makes the calls in turn, pickling each
result back on its standard output as soon as it is made (read on a thread of this process, so
that the other never waits to hand it over).

Each call is *claimed* before it is made, by whichever process is free for it first: the other
process as it comes to it, or this one when it asks for a result the other has not started
(:meth:`Later.get`). A claim is the removal of the call's empty marker file, which only one
process can do. So when the other process is slower than expected, this one makes the last calls
itself instead of waiting for them. :func:`warmed` starts that interpreter ahead of time, so that
its start-up (Python, numpy, igraph and scipy's sparse matrices: about two thirds of a second)
overlaps the caller's own work. With one CPU, or when that process cannot start or fails, the
calls are made in this process when their results are asked for: the results are the same either
way. (An output made from the whole run is made in a forked copy of the process instead, which
shares the run without pickling it: :mod:`netmix.pipeline.forked`.)
"""

from __future__ import annotations

import atexit
import logging
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Generic, TypeVar

__all__ = ["Later", "in_background", "in_turn", "warmed"]

T = TypeVar("T")
log = logging.getLogger(__name__)

#: The folder that holds the ``netmix`` package, put on the other process's ``PYTHONPATH``.
_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])

#: The interpreter :func:`warmed` started, waiting for a job (``None``: none is waiting).
_spare: subprocess.Popen[bytes] | None = None

#: The jobs started in another process and not yet closed: :func:`_close_all` ends them when this process leaves.
_live: weakref.WeakSet[Later[Any]] = weakref.WeakSet()


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


#: A call: a module-level function and its (picklable) arguments.
Call = tuple[Callable[..., Any], tuple[Any, ...]]


class Later(Generic[T]):
    """The results of calls made in turn in another process, each made here instead when asked for before that
    process has claimed it (module docstring), or when no other process could make it."""

    def __init__(self, calls: list[Call], *, background: bool) -> None:
        self._calls = calls
        self._proc: subprocess.Popen[bytes] | None = None
        self._job: str | None = None
        self._claims: list[str] = []
        self._made: dict[int, Any] = {}
        self._news = threading.Condition()
        self._ended = False
        if background:
            try:
                self._start()
            except (OSError, pickle.PicklingError, AttributeError, TypeError) as exc:
                log.debug("making %s here: %s", calls[0][0].__name__, exc)
                self._close()

    def _start(self) -> None:
        global _spare
        self._claims = [_empty_file("netmix-call-") for _ in self._calls]
        self._job = _empty_file("netmix-job-", ".pickle")
        with open(self._job, "wb") as fh:
            pickle.dump((self._calls, self._claims), fh, protocol=pickle.HIGHEST_PROTOCOL)
        spare, _spare = _spare, None
        if spare is not None and spare.poll() is not None:  # the interpreter started ahead has died
            _stop(spare)
            spare = None
        self._proc = proc = spare or _interpreter()
        _live.add(self)
        assert proc.stdin is not None
        proc.stdin.write(self._job.encode() + b"\n")
        proc.stdin.flush()  # the process reads one line
        threading.Thread(target=self._read, args=(proc,), name="netmix-results", daemon=True).start()

    def _read(self, proc: subprocess.Popen[bytes]) -> None:
        """Keep each ``(index, result)`` the other process writes, as it writes it, until it ends."""
        try:
            while True:
                i, value = pickle.load(proc.stdout)  # type: ignore[arg-type]
                with self._news:
                    self._made[i] = value
                    self._news.notify_all()
        except Exception:  # noqa: BLE001 - the end of the results, or of a process that failed (told by its code)
            with self._news:
                self._ended = True
                self._news.notify_all()

    def get(self, i: int, here: Callable[[], Any] | None = None, meanwhile: Iterable[int] = ()) -> Any:
        """The result of call ``i``: from the other process if it has claimed the call (waiting for it, and making
        the calls ``meanwhile`` it has not claimed yet, in that order, while it makes ``i``), else made now in this
        one — by ``here`` when given (a quicker way to the same result in this process).

        >>> in_turn([(sum, ([1, 2],))], worth_it=False).get(0, here=lambda: 1 + 2)
        3
        """
        with self._news:
            if i in self._made:
                return self._made[i]
        if self._proc is not None and not _claim(self._claims[i]):
            for k in meanwhile:
                if self._ready(i):
                    break
                if k not in self._made and _claim(self._claims[k]):
                    self._keep(k, self._make(k))
            with self._news:
                self._news.wait_for(lambda: self._ready(i))
                if i in self._made:
                    return self._made[i]
            err = self._proc.stderr.read() if self._proc.stderr else b""
            log.debug("the other process failed (%s): %s", self._proc.wait(), err.decode(errors="replace")[-2000:])
        return self._keep(i, here() if here is not None else self._make(i))

    def _ready(self, i: int) -> bool:
        """Whether call ``i`` is made, or will never come from the other process (it has ended)."""
        return i in self._made or self._ended

    def _make(self, i: int) -> Any:
        fn, args = self._calls[i]
        return fn(*args)

    def _keep(self, i: int, value: Any) -> Any:
        with self._news:
            self._made[i] = value
        return value

    def result(self) -> T:
        """Wait for the result of the first call (or make it now when the other process has not started it)."""
        value: T = self.get(0)
        return value

    def cancel(self) -> None:
        """Stop the other process, if any; the results are no longer wanted."""
        self._close()

    def _close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        for path in (self._job, *self._claims):
            if path is not None:
                Path(path).unlink(missing_ok=True)
        self._proc, self._job, self._claims = None, None, []

    def __del__(self) -> None:
        self._close()


@atexit.register
def _close_all() -> None:
    """Stop the other processes still running and remove the marker files of calls never claimed (a run that
    failed, or left, before asking for every result): nothing is left behind."""
    for later in list(_live):
        later.cancel()


def _empty_file(prefix: str, suffix: str = "") -> str:
    """A new private, empty temporary file (its path)."""
    fd, path = tempfile.mkstemp(prefix=prefix, suffix=suffix)
    os.close(fd)
    return path


def _claim(marker: str) -> bool:
    """Claim a call by removing its marker: true for the one process that does.

    >>> path = _empty_file("netmix-call-")
    >>> _claim(path), _claim(path)
    (True, False)
    """
    try:
        os.unlink(marker)
    except FileNotFoundError:
        return False
    return True


def in_background(fn: Callable[..., T], *args: Any, worth_it: bool = True) -> Later[T]:
    """Start ``fn(*args)`` in another process when ``worth_it`` and there is a second CPU.

    ``fn`` must be a module-level function and ``args`` picklable. Small jobs (``worth_it``
    false) are not worth a process start: they run in this process when the result is asked for.

    >>> later = in_background(sum, [1, 2, 3], worth_it=False)
    >>> later.result()
    6
    """
    return in_turn([(fn, args)], worth_it=worth_it)


def in_turn(calls: list[Call], *, worth_it: bool = True) -> Later[Any]:
    """Start ``calls`` (module-level functions and their picklable arguments), made one after the other in another
    process when ``worth_it`` and there is a second CPU; :meth:`Later.get` gives each result, and makes here a
    call the other process has not started yet.

    >>> later = in_turn([(sum, ([1, 2],)), (max, ([1, 2],))], worth_it=False)
    >>> later.get(1), later.get(0)
    (2, 3)
    """
    return Later(calls, background=worth_it and (os.cpu_count() or 1) > 1)


def _run() -> None:
    """The other process: load igraph without plotting, and scipy's sparse graphs, read the job's file name on stdin
    (none: leave), then make each call it can claim and pickle ``(index, result)`` to stdout as soon as it is made."""
    from .igraph_tools import load_igraph, skip_plotting

    skip_plotting()
    load_igraph()
    import scipy.sparse.csgraph  # noqa: F401  - what netmix's calls use besides igraph (0.15 s), loaded before the job comes
    job = sys.stdin.readline().strip()
    if not job:
        return
    with open(job, "rb") as fh:
        calls, claims = pickle.load(fh)
    os.unlink(job)  # read: nothing is left behind, even if the caller is killed
    for i, ((fn, args), marker) in enumerate(zip(calls, claims, strict=True)):
        if _claim(marker):  # else the caller has made it
            sys.stdout.buffer.write(pickle.dumps((i, fn(*args)), protocol=pickle.HIGHEST_PROTOCOL))
            sys.stdout.buffer.flush()


if __name__ == "__main__":
    _run()
