"""Memory the process freed, handed back to the operating system.

glibc keeps the memory a program frees in its heap for later use; after the analysis of a large
network that is about 95 MB of 570 MB (35,000 persons). A forked child shares the parent's pages,
free ones included, and the peak of the whole run counts them: :func:`give_back` returns them
first (``malloc_trim``, a few milliseconds), and is a no-op where glibc is not the C library.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable
from typing import Any

__all__ = ["give_back"]


@functools.cache
def _trim() -> Callable[[int], Any] | None:
    """glibc's ``malloc_trim``, looked up among the symbols the process has loaded (None elsewhere)."""
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except (OSError, TypeError):  # no dynamic loader to ask (Windows)
        return None


def give_back() -> None:
    """Hand the memory freed so far back to the operating system (glibc), else do nothing.

    >>> give_back()
    """
    trim = _trim()
    if trim is not None:
        trim(0)
