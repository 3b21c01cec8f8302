"""Small array helpers for the analyses' hot paths.

pandas 3 stores text as Arrow strings: building a Series or DataFrame from text, or grouping
by a text column, converts every value. On 35,000 persons and 500,000 ties these conversions
cost more than the figures themselves, so the analyses work on numpy object arrays of ``str``
and integer codes, and build DataFrames only for their results.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd


def as_text(values: pd.Series) -> np.ndarray:
    """``values.astype(str)`` as a numpy object array, without a detour through Arrow strings."""
    arr = values.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(arr, skipna=False) in ("string", "empty"):
        return arr
    return values.astype(str).to_numpy(dtype=object)


def group_positions(keys: np.ndarray, *, skip: object = "") -> Iterator[tuple[object, np.ndarray]]:
    """``(key, positions)`` for every distinct key except ``skip``, in key order; positions ascending.

    >>> [(k, p.tolist()) for k, p in group_positions(np.array(["b", "", "a", "b"], dtype=object))]
    [('a', [2]), ('b', [0, 3])]
    """
    codes, uniques = pd.factorize(np.asarray(keys, dtype=object), sort=True)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    for i, key in enumerate(uniques):
        if key != skip:
            yield key, order[bounds[i] : bounds[i + 1]]


def run_starts(keys: np.ndarray) -> np.ndarray:
    """Boolean mask of the first element of each run of equal values in ``keys`` (sorted keys: first of each key).

    >>> run_starts(np.array([1, 1, 2, 5, 5])).tolist()
    [True, False, True, True, False]
    """
    keys = np.asarray(keys)
    starts = np.ones(keys.shape[0], dtype=bool)
    starts[1:] = keys[1:] != keys[:-1]
    return starts
