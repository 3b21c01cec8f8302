"""Text helpers shared by every layer: the one natural sort key.

Two orders are in use, both given by :func:`natural_key`:

- *runs* (the default): the text is cut into digit runs and the rest; digit runs compare as
  numbers, so ``followers_2`` sorts before ``followers_10`` and ``perso:9`` before ``perso:10``.
  With ``lower=True`` the other runs compare lower-cased (file names, whose case varies).
- *whole*: integer keys in numeric order before every other key, which compare as plain text
  (``"2" < "10" < "Ana"``). Tie-file node ids use it: ``"a10" < "a2"`` there, and ``"007"``
  and ``"7"`` stay distinct and ordered.
"""

from __future__ import annotations

import functools
import re

__all__ = ["natural_key"]

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str, *, whole: bool = False, lower: bool = False) -> tuple:
    """Sort key that puts numbers in numeric order.

    Parameters
    ----------
    text
        The string to sort by.
    whole
        Compare the whole string as one number when it is made of decimal digits only (tie-file
        node ids), instead of cutting it into digit runs.
    lower
        Compare the runs that are not digits lower-cased (ignored with ``whole``).

    Returns
    -------
    tuple
        A key for :func:`sorted`: with runs, one ``(0, number, "")`` or ``(1, 0, text)`` per run;
        whole, ``(0, number, text)`` or ``(1, 0, text)``.

    Examples
    --------
    >>> sorted(["perso:10", "perso:9", "pro:1"], key=natural_key)
    ['perso:9', 'perso:10', 'pro:1']
    >>> sorted(["Followers_10.json", "followers_2.json"], key=lambda s: natural_key(s, lower=True))
    ['followers_2.json', 'Followers_10.json']
    >>> sorted(["a2", "Ana", "10", "a10", "2"], key=lambda s: natural_key(s, whole=True))
    ['2', '10', 'Ana', 'a10', 'a2']
    """
    if whole:
        return _whole_key(text)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower() if lower else p) for p in _DIGITS.split(text))


@functools.lru_cache(maxsize=1 << 16)
def _whole_key(key: str) -> tuple:
    """The *whole* key, cached (tie files repeat the same node ids on every edge)."""
    return (0, int(key), key) if key.isdecimal() else (1, 0, key)  # isdigit() would accept "²", which int() refuses
