"""Python's cyclic garbage collector kept off a large run's long-lived objects.

A run holds millions of objects that live to its end (contacts, ties, the resolution); each full
pass of the collector walks all of them again and finds next to nothing to free (about a second
on 35,000 persons). :func:`sparing` freezes what exists at chosen points out of its walks
(``gc.freeze``: the objects are still freed as usual when no longer referenced) and thaws them
at the end; :func:`paused` stops its automatic passes for a block that only allocates.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["paused", "sparing"]


@contextmanager
def sparing() -> Iterator[Callable[[], None]]:
    """Yield a function that freezes every object existing when it is called; all thawed after the block.

    Nothing is frozen or thawed when a caller already froze objects itself.

    >>> import gc
    >>> with sparing() as settle:
    ...     kept = [[i] for i in range(3)]
    ...     settle()
    ...     gc.get_freeze_count() > 0
    True
    >>> gc.get_freeze_count()
    0
    """
    if gc.get_freeze_count():
        yield lambda: None
        return
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block (as it was after it).

    >>> import gc
    >>> with paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
