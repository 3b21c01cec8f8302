"""Work that runs in another process while this one goes on: one CPU-bound call, awaited later.

igraph and the other C libraries netmix calls hold Python's global lock, so threads would run
one after the other; a second process uses a second core. :func:`in_background` pickles the
function and its arguments to a private temporary file and starts ``python -m
netmix.util.background FILE``: a fresh interpreter that imports only the function's module
(never the caller's script, unlike ``multiprocessing``'s spawn, so an unguarded script or a
notebook is safe) and pickles the result back on its standard output. With one CPU, or when
that process cannot start or fails, the call runs in this process when the result is asked for:
the result is the same either way. (An output made from the whole run is made in a forked copy
of the process instead, which shares the run without pickling it: :mod:`netmix.pipeline.forked`.)
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

__all__ = ["Later", "in_background"]

T = TypeVar("T")
log = logging.getLogger(__name__)

#: The folder that holds the ``netmix`` package, put on the other process's ``PYTHONPATH``.
_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])


class Later(Generic[T]):
    """The result of ``fn(*args)``, computed in another process or, failing that, when asked for."""

    def __init__(self, fn: Callable[..., T], args: tuple[Any, ...], *, background: bool) -> None:
        self._fn, self._args = fn, args
        self._proc: subprocess.Popen[bytes] | None = None
        self._job: str | None = None
        if background:
            try:
                self._start()
            except (OSError, pickle.PicklingError, AttributeError, TypeError) as exc:
                log.debug("computing %s here: %s", fn.__name__, exc)
                self._close()

    def _start(self) -> None:
        fd, self._job = tempfile.mkstemp(prefix="netmix-job-", suffix=".pickle")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((self._fn, self._args), fh, protocol=pickle.HIGHEST_PROTOCOL)
        path = os.pathsep.join(p for p in (_PACKAGE_PARENT, os.environ.get("PYTHONPATH", "")) if p)
        self._proc = subprocess.Popen(
            [sys.executable, "-m", __name__, self._job],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": path},
        )

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


def in_background(fn: Callable[..., T], *args: Any, worth_it: bool = True) -> Later[T]:
    """Start ``fn(*args)`` in another process when ``worth_it`` and there is a second CPU.

    ``fn`` must be a module-level function and ``args`` picklable. Small jobs (``worth_it``
    false) are not worth a process start: they run in this process when the result is asked for.

    >>> later = in_background(sum, [1, 2, 3], worth_it=False)
    >>> later.result()
    6
    """
    return Later(fn, args, background=worth_it and (os.cpu_count() or 1) > 1)


def _run(job: str) -> None:
    """The other process: load igraph without plotting, run the pickled call, pickle its result to stdout."""
    from .igraph_tools import skip_plotting

    skip_plotting()
    with open(job, "rb") as fh:
        fn, args = pickle.load(fh)
    os.unlink(job)  # read: nothing is left behind, even if the caller is killed
    sys.stdout.buffer.write(pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    _run(sys.argv[1])
