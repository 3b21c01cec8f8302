"""An output made beside the main work: in a forked copy of the process, on a second core.

Some outputs of a run are long and self-contained — review.xlsx (cell by cell), graph.gexf (100 MB
of text on a large network) and report.html. :class:`ForkedOutput` makes such an output's bytes in
a child process started with ``os.fork`` (POSIX; the child shares the parent's memory until it
writes to it, so nothing is copied or pickled on the way in) while the parent goes on with the
other outputs, and hands the bytes over through a pipe when the parent asks for them — or writes
them itself, into the file it was given (what the pipeline does: the child then leaves as soon as the
file is made, and its memory with it). The bytes
are those the parent would have made (same code, same data, seeded): the output is the same with or
without the child. Wherever the child cannot be used — no ``fork`` (Windows), one core, a process
that is itself a worker (a batch), or a child that failed — the parent makes the bytes itself.

The child never returns into the caller's code: it writes its bytes and leaves with ``os._exit``
(no ``finally`` of the parent's runs twice, the output folder's lock and staging stay the
parent's), also on Ctrl-C.

Large tie files are read the same way, in a child forked while the accounts are imported, the
tie sets handed over pickled (:mod:`netmix.pipeline.running`).

A fork shares the whole run without copying it, which is what an output of the whole run needs;
a computation on a few arrays (betweenness) goes to a fresh interpreter instead
(:mod:`netmix.util.background`), which is safe wherever the library is called from.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from ..io.output import OutputDir
from ..util.memory import give_back

__all__ = ["ForkedOutput", "Made", "can_fork"]

#: An output's bytes: whole, or in chunks (written as they come when the child writes the file itself).
Made = bytes | Iterable[bytes]


def _whole(data: Made) -> bytes:
    return data if isinstance(data, bytes | bytearray) else b"".join(data)


def can_fork() -> bool:
    """Whether outputs may be made in forked children: ``fork`` exists, two cores or more, not a worker process."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and multiprocessing.parent_process() is None


class ForkedOutput:
    """The bytes of ``make()``, made in a forked child when ``parallel`` (see the module docstring); with ``drain``,
    a thread of this process takes them as soon as the child has made them, so that it leaves at once.

    >>> job = ForkedOutput(lambda: b"netmix", parallel=True)
    >>> job.result()
    b'netmix'
    """

    def __init__(
        self, make: Callable[[], Made], *, parallel: bool, into: Path | None = None, drain: bool = False
    ) -> None:
        self.make, self.into = make, into
        self.pid = 0
        self.fd = -1
        self._reader: threading.Thread | None = None  # with ``drain``: takes the bytes as soon as the child has them
        self._data = b""
        if parallel:
            self._start(drain)

    def _start(self, drain: bool) -> None:
        give_back()  # the memory the run freed is neither shared with the child nor counted in its peak
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process left to fork: made here, later
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: make the bytes, hand them over, leave
            code = 1
            try:
                os.close(read)
                data = self.make()
                if self.into is not None:  # the file is written here, on this core, not handed over
                    OutputDir.write_part(self.into, data)
                    data = b""
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(_whole(data))
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self.pid, self.fd = pid, read
        if drain:  # the child leaves (and gives its memory back) as soon as it has made the bytes
            self._reader = threading.Thread(target=self._read, name="netmix-forked", daemon=True)
            self._reader.start()

    def _read(self) -> None:
        with os.fdopen(self.fd, "rb") as pipe:
            self._data = pipe.read()

    def cancel(self) -> None:
        """Stop the child, if any (the run failed before its bytes were needed)."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            if self._reader is not None:
                self._reader.join()  # the pipe closed with the child: the reader closes its end
            else:
                os.close(self.fd)
            self.pid = 0
        if self.into is not None:
            self.into.unlink(missing_ok=True)

    def result(self) -> bytes | None:
        """The bytes (waiting for the child; made here when there is no child or it failed), or ``None`` when the
        child wrote them to ``into``."""
        if not self.pid:
            return _whole(self.make())
        if self._reader is not None:
            self._reader.join()
            data = self._data
        else:
            with os.fdopen(self.fd, "rb") as pipe:
                data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if os.waitstatus_to_exitcode(status) != 0:
            if self.into is not None:
                self.into.unlink(missing_ok=True)  # what a failed child may have left
            return _whole(self.make())
        return None if self.into is not None else data
