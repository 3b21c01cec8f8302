"""Small numpy helpers for the hot paths of resolution (integer codes rather than strings).

``np.unique`` hashes its input in numpy 2.4, which is many times slower than sorting for the
int64 pair codes used here; these helpers sort instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def texts(values: pd.Series) -> list[str]:
    """A column as a list of Python strings: ``astype(str).tolist()`` without the Arrow round trip."""
    return text_array(values).tolist()


def text_array(values: pd.Series) -> np.ndarray:
    """A column as an object array of Python strings (non-strings converted with ``str``)."""
    arr = values.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(arr, skipna=False) == "string":
        return arr
    return np.array([x if type(x) is str else str(x) for x in arr.tolist()], dtype=object)


def group_starts(keys: np.ndarray) -> np.ndarray:
    """Positions in sorted ``keys`` where a new value starts.

    >>> group_starts(np.array([3, 3, 5, 7, 7])).tolist()
    [0, 2, 3]
    """
    if not len(keys):
        return np.array([], dtype=np.int64)
    return np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))


def unique_sorted(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (as ``np.unique``).

    >>> unique_sorted(np.array([5, 3, 5, 1])).tolist()
    [1, 3, 5]
    """
    s = np.sort(values)
    return s[group_starts(s)]


def contains(sorted_values: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Whether each of ``x`` is in ``sorted_values`` (as ``np.isin``).

    >>> contains(np.array([1, 3, 5]), np.array([3, 4, 5, 9])).tolist()
    [True, False, True, False]
    """
    if not len(sorted_values):
        return np.zeros(len(x), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_values, x), len(sorted_values) - 1)
    return sorted_values[pos] == x
