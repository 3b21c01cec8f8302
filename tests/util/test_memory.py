"""netmix.util.memory: freed memory handed back to the operating system before a fork."""

from __future__ import annotations

import ctypes
import os
import sys

import pytest

from netmix.util.memory import _trim, give_back

GLIBC = sys.platform.startswith("linux") and bool(getattr(ctypes.CDLL(None), "gnu_get_libc_version", None))


def _rss_kib() -> int:
    with open(f"/proc/{os.getpid()}/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))


@pytest.mark.skipif(not GLIBC, reason="malloc_trim is glibc's")
def test_memory_freed_in_the_heap_goes_back_to_the_system():
    """Blocks of 100 kB (below glibc's mmap threshold: they live in the heap), written, then freed while a
    block above them stays in use: glibc keeps their pages until ``malloc_trim`` hands them back (glibc's
    manual, "Freeing after Malloc" and ``malloc_trim``)."""
    assert _trim() is not None
    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    blocks = [libc.malloc(100_000) for _ in range(2_000)]
    for block in blocks:
        ctypes.memset(block, 1, 100_000)  # 200 MB of heap pages in use
    keep = libc.malloc(100_000)  # the top of the heap stays in use: freeing alone returns nothing
    for block in blocks:
        libc.free(block)
    before = _rss_kib()
    give_back()
    after = _rss_kib()
    libc.free(keep)
    assert before - after > 100_000, (before, after)  # more than half of the 200 MB went back


def test_give_back_is_harmless_anywhere():
    give_back()
    give_back()
