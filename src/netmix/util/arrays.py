"""Small numpy helpers for the hot paths of resolution and analysis.

pandas 3 stores text as Arrow strings: building a Series or DataFrame from text, or grouping by a
text column, converts every value. On 35,000 persons and 500,000 ties these conversions cost more
than the figures themselves, so resolution and the analyses work on numpy object arrays of ``str``
and integer codes, and build DataFrames only for their results. ``np.unique`` hashes its input in
numpy 2.4, which is many times slower than sorting for int64 codes; these helpers sort instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "as_ids",
    "as_text",
    "blank_text",
    "contains",
    "filled",
    "float_texts",
    "group_positions",
    "group_starts",
    "mid_rank",
    "places",
    "run_starts",
    "text_array",
    "text_order",
    "texts",
    "unique_sorted",
    "unique_texts",
]


def filled(n: int, value: Any) -> np.ndarray:
    """An object array holding ``value`` ``n`` times: one object, where ``np.full(n, "text", dtype=object)`` makes
    a new string for every cell (thirty times slower).

    >>> filled(3, "observed").tolist()
    ['observed', 'observed', 'observed']
    """
    out = np.empty(n, dtype=object)
    out.fill(value)
    return out


def as_ids(values: pd.Series) -> pd.Series | np.ndarray:
    """Ids as :func:`places` reads them best: a categorical as it is (one lookup per category), else as text.

    >>> as_ids(pd.Series([1, 2])).tolist(), as_ids(pd.Series(["a"], dtype="category")).dtype.name
    (['1', '2'], 'category')
    """
    return values if isinstance(values.dtype, pd.CategoricalDtype) else as_text(values)


def places(index: pd.Index, values: Any) -> np.ndarray:
    """The place of each of ``values`` in ``index`` (``-1``: not there), as ``index.get_indexer``; a categorical
    Series is looked up once per category, not once per value.

    >>> places(pd.Index(["a", "b"], dtype=object), pd.Series(["b", "x", "b"], dtype="category")).tolist()
    [1, -1, 1]
    """
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        found = index.get_indexer(pd.Index(values.cat.categories, dtype=object))
        codes = values.cat.codes.to_numpy(dtype=np.int64)
        return np.where(codes >= 0, found[codes], -1)
    array_like = isinstance(values, pd.Series | pd.Index | np.ndarray)
    return index.get_indexer(pd.Index(values if array_like else list(values), dtype=object))


def text_array(values: pd.Series | np.ndarray) -> np.ndarray:
    """A column as an object array of Python strings (non-strings converted with ``str``).

    >>> text_array(pd.Series(["a", 1, None], dtype=object)).tolist()
    ['a', '1', 'None']
    """
    arr = values.to_numpy(dtype=object) if isinstance(values, pd.Series) else np.asarray(values, dtype=object)
    if pd.api.types.infer_dtype(arr, skipna=False) == "string":
        return arr
    return np.array([x if type(x) is str else str(x) for x in arr.tolist()], dtype=object)


def texts(values: pd.Series) -> list[str]:
    """A column as a list of Python strings: ``astype(str).tolist()`` without the Arrow round trip.

    >>> texts(pd.Series([1, "b"], dtype=object))
    ['1', 'b']
    """
    return text_array(values).tolist()


def as_text(values: pd.Series) -> np.ndarray:
    """``values.astype(str)`` as a numpy object array: as :func:`text_array`, except that missing
    values stay missing (pandas 3 keeps NaN through ``astype(str)``), for callers that blank them.

    >>> as_text(pd.Series(["a", float("nan"), 2], dtype=object)).tolist()
    ['a', nan, '2']
    """
    arr = values.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(arr, skipna=False) in ("string", "empty"):
        return arr
    return values.astype(str).to_numpy(dtype=object)


def blank_text(values: pd.Series | np.ndarray | list[Any], index: pd.Index | None = None) -> pd.Series:
    """Text with missing values blank, kept as Python strings: ``values.where(values.notna(), "").astype(str)``
    without pandas 3 converting every value to an Arrow string — and back, for each reader that wants them.
    The index is ``values``'s (a Series), else ``index`` (or ``0 … n-1``).

    >>> column = blank_text(pd.Series(["a", None, float("nan"), 2], dtype=object))
    >>> column.tolist(), column.dtype
    (['a', '', '', '2'], dtype('O'))
    """
    index = values.index if isinstance(values, pd.Series) else index
    arr = values.to_numpy(dtype=object) if isinstance(values, pd.Series) else np.asarray(values, dtype=object)
    if not all_strings(arr):
        missing = pd.isna(arr)
        arr = text_array(np.where(missing, "", arr) if missing.any() else arr)
    return pd.Series(arr, index=index, dtype=object)


def all_strings(values: np.ndarray) -> bool:
    """Whether every value of an object array is a Python string (then none is missing): one pass, four times
    quicker than looking for missing values.

    >>> all_strings(np.array(["a", "b"], dtype=object)), all_strings(np.array(["a", None], dtype=object))
    (True, False)
    """
    return bool(len(values)) and pd.api.types.infer_dtype(values, skipna=False) == "string"


def run_starts(keys: np.ndarray) -> np.ndarray:
    """Boolean mask of the first element of each run of equal values in ``keys`` (sorted keys: first of each key).

    >>> run_starts(np.array([1, 1, 2, 5, 5])).tolist()
    [True, False, True, True, False]
    """
    keys = np.asarray(keys)
    starts = np.ones(keys.shape[0], dtype=bool)
    starts[1:] = keys[1:] != keys[:-1]
    return starts


def group_starts(keys: np.ndarray) -> np.ndarray:
    """Positions in sorted ``keys`` where a new value starts (the positions of :func:`run_starts`).

    >>> group_starts(np.array([3, 3, 5, 7, 7])).tolist()
    [0, 2, 3]
    """
    return np.flatnonzero(run_starts(keys)).astype(np.int64)


def text_order(values: np.ndarray) -> np.ndarray:
    """The indices that sort an array of texts stably, as ``np.argsort(values, kind="stable")``: Python's sort,
    which compares strings directly, in about half the time numpy takes on an object array.

    >>> text_order(np.array(["b", "a", "b", "a"], dtype=object)).tolist()
    [1, 3, 0, 2]
    """
    items = values.tolist()
    return np.fromiter(sorted(range(len(items)), key=items.__getitem__), dtype=np.int64, count=len(items))


def unique_texts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct texts, sorted, and each value's place among them, as ``np.unique(values, return_inverse=True)``
    on an object array: the texts hashed (``pandas.factorize``), then only the distinct ones put in order by
    :func:`text_order`.

    >>> ids, code = unique_texts(np.array(["b", "a", "b", "c"], dtype=object))
    >>> ids.tolist(), code.tolist()
    (['a', 'b', 'c'], [1, 0, 1, 2])
    """
    codes, found = pd.factorize(values)
    distinct = np.asarray(found, dtype=object)
    order = text_order(distinct)
    place = np.empty(len(order), dtype=np.int64)
    place[order] = np.arange(len(order))
    return distinct[order], place[codes]


def float_texts(values: np.ndarray, say: Callable[[float], str]) -> list[str]:
    """``say`` of every float of ``values``, called once per distinct value, bit for bit (``-0.0`` apart from
    ``0.0``): the values hashed (``pandas.factorize``), not sorted. Columns repeat most of their values.

    >>> float_texts(np.array([1.0, 0.5, 1.0, -0.0]), str)
    ['1.0', '0.5', '1.0', '-0.0']
    """
    where, bits = pd.factorize(np.ascontiguousarray(values, dtype=np.float64).view(np.int64))
    said = np.array([say(v) for v in bits.view(np.float64).tolist()], dtype=object)
    return said[where].tolist()


def unique_sorted(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (as ``np.unique``).

    >>> unique_sorted(np.array([5, 3, 5, 1])).tolist()
    [1, 3, 5]
    """
    s = np.sort(values)
    return s[group_starts(s)]


def mid_rank(below: Any, upto: Any, count: int) -> Any:
    """The percentile of a value among ``count`` values, ``below`` of them smaller and ``upto`` at most as large
    (itself included): the share strictly below it plus half its ties (numbers or arrays of them).

    >>> mid_rank(1, 3, 4)  # 0.0, 2.0, 2.0, 5.0: a 2.0 has one value below it and one tie
    0.5
    """
    return (below + (upto - below - 1) / 2.0) / max(count - 1, 1)


def contains(sorted_values: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Whether each of ``x`` is in ``sorted_values`` (as ``np.isin``).

    >>> contains(np.array([1, 3, 5]), np.array([3, 4, 5, 9])).tolist()
    [True, False, True, False]
    """
    if not len(sorted_values):
        return np.zeros(len(x), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_values, x), len(sorted_values) - 1)
    return sorted_values[pos] == x


def group_positions(keys: np.ndarray, *, skip: object = "") -> Iterator[tuple[Any, np.ndarray]]:
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
