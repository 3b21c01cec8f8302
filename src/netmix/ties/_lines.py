"""A text's lines cut at every comma and line end at once, so that many comma-separated rows are split together.

numpy finds the separators in the text's UTF-8 bytes and Arrow holds the pieces between them; a
column's distinct values alone become Python strings. The lines are those :meth:`str.splitlines`
gives, numbered from 0.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

__all__ = ["CommaLines"]

#: The line breaks of :meth:`str.splitlines` other than ``\n`` and ``\r\n``.
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


class CommaLines:
    """The lines of a text, cut at every comma and line end.

    A *piece* runs from one separator (comma or line end) to the next, that separator included:
    line ``i`` holds pieces ``first[i]`` to ``first[i + 1] - 1``, one per value when its commas
    all separate values (no quotes).

    >>> lines = CommaLines("a,b\\r\\nc,'d,e'")
    >>> len(lines), lines[1], lines.first.tolist(), lines.having("'").tolist(), lines.having("a", 1).tolist()
    (2, "c,'d,e'", [0, 2, 5], [False, True], [False])
    >>> lines.distinct(np.array([0, 2, 1]))
    (['a', 'c', 'b'], array([0, 1, 2], dtype=int32))
    """

    def __init__(self, text: str) -> None:
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        if any(sep in text for sep in _OTHER_BREAKS):
            text = "\n".join(text.splitlines())
        if text and not text.endswith("\n"):
            text += "\n"
        self._blob = text.encode("utf-8")
        self._bytes = np.frombuffer(self._blob, dtype=np.uint8)
        cuts = np.flatnonzero((self._bytes == ord(",")) | (self._bytes == ord("\n")))
        ends = np.flatnonzero(self._bytes[cuts] == ord("\n"))
        self.first = np.concatenate([[0], ends + 1])
        self._ends = cuts[ends]
        offsets = np.concatenate([[0], cuts + 1]).astype(np.int64)
        self._pieces = pa.LargeStringArray.from_buffers(len(cuts), pa.py_buffer(offsets), pa.py_buffer(self._blob))

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str:
        return self._blob[self._ends[i - 1] + 1 if i else 0 : self._ends[i]].decode("utf-8")

    def having(self, chars: str, lo: int = 0, hi: int | None = None) -> np.ndarray:
        """Whether each of lines ``lo`` to ``hi - 1`` (all by default) holds one of the ASCII ``chars``."""
        hi = len(self) if hi is None else hi
        start = self._ends[lo - 1] + 1 if lo else 0
        part = self._bytes[start : self._ends[hi - 1] if hi > lo else start]
        mask = np.zeros(len(part), dtype=bool)
        for c in chars.encode("ascii"):
            mask |= part == c
        found = np.zeros(hi - lo, dtype=bool)
        found[np.searchsorted(self._ends[lo:hi], np.flatnonzero(mask) + start)] = True
        return found

    def distinct(self, pieces: np.ndarray) -> tuple[list[str], np.ndarray]:
        """The distinct values of ``pieces`` (indices; separators left out) and the code of each piece among them."""
        encoded = self._pieces.take(pa.array(pieces)).dictionary_encode()
        return [piece[:-1] for piece in encoded.dictionary.to_pylist()], encoded.indices.to_numpy()
