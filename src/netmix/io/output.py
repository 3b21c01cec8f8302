"""Writing outputs: spreadsheet-safe CSV, deterministic JSON, and all-or-nothing output folders.

- :func:`safe_cell` neutralises formula injection (OWASP / CWE-1236): a string starting with
  ``= + - @``, tab, CR or LF gets a leading ``'``; NUL bytes are removed; cells are capped at
  Excel's 32,767 characters.
- :func:`csv_bytes` writes UTF-8 with a BOM and CRLF, RFC 4180 quoting, so Excel keeps accents.
- :class:`OutputDir` (:mod:`netmix.io.publish`) stages every file of a run and publishes them as
  one set: the output folder is swapped whole, so it always holds one complete run. Files are
  created readable by their owner only (0600), like :func:`write_atomic`'s.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import OutputError
from ..util.arrays import all_strings, float_texts
from .publish import OutputDir

__all__ = ["EXCEL_CELL_LIMIT", "TRIGGERS", "OutputDir", "csv_bytes", "json_bytes", "safe_cell", "write_atomic"]

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
EXCEL_CELL_LIMIT = 32_767
_TRUNCATED = "…[truncated]"


def safe_cell(value: Any) -> Any:
    """Make one value safe to open in a spreadsheet; numbers pass unchanged.

    >>> safe_cell('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> safe_cell("Zoë")
    'Zoë'
    """
    if not isinstance(value, str):
        return value
    if "\x00" in value:
        value = value.replace("\x00", "")
    if value.startswith(TRIGGERS):
        value = "'" + value
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - len(_TRUNCATED)] + _TRUNCATED
    return value


def _float_text(value: float) -> str:
    """A float as a cell: 6 significant digits (``repr`` from 1e15 up), ``""`` for NaN."""
    if value != value:  # NaN
        return ""
    return f"{value:.6g}" if abs(value) < 1e15 else repr(value)


def _float_cells(values: np.ndarray) -> list[str]:
    """:func:`_float_text` of every value, made once per distinct value (:func:`~netmix.util.arrays.float_texts`: a
    column of persons repeats most of its values, 226,000 floats hold 42,000 distinct ones on the large scenario).

    >>> _float_cells(np.array([0.5, np.nan, 0.5, 0.0, 2e15, np.nan]))
    ['0.5', '', '0.5', '0', '2000000000000000.0', '']
    >>> _float_cells(np.array([0.0, -0.0]))
    ['0', '-0']
    """
    return float_texts(values, _float_text)


def _format(value: Any) -> Any:
    if isinstance(value, float):
        return _float_text(value)
    if value is None or value is pd.NA:
        return ""
    return value


def csv_bytes(df: pd.DataFrame, *, spreadsheet: bool = True) -> bytes:
    """The CSV text of ``df`` as bytes: BOM + CRLF + neutralised cells when ``spreadsheet``.

    Cells are made column by column (numbers formatted with 6 significant digits, text made
    safe with vectorised string operations); the csv module only joins and quotes them, ``_ROWS``
    rows at a time (each block's text reuses the memory the last one freed: made whole, the text of
    a 12 MB file took fresh pages from the system three times over).

    >>> data = csv_bytes(pd.DataFrame({"name": ["=1+1", "Zoë"], "score": [0.5, float("nan")]}))
    >>> data.decode("utf-8-sig").splitlines()
    ['name,score', "'=1+1,0.5", 'Zoë,']
    """
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n" if spreadsheet else "\n")
    writer.writerow(list(df.columns))
    columns = [_cells(df.iloc[:, i], spreadsheet) for i in range(df.shape[1])]
    data = bytearray(b"\xef\xbb\xbf" if spreadsheet else b"")
    for start in range(0, len(df), _ROWS):
        writer.writerows(zip(*(cells[start : start + _ROWS] for cells in columns), strict=True))
        data += buf.getvalue().encode("utf-8")
        buf.seek(0)
        buf.truncate()
    data += buf.getvalue().encode("utf-8")  # the header of a table without rows
    return bytes(data)


#: The rows :func:`csv_bytes` joins at a time.
_ROWS = 2_000


def _cells(col: pd.Series, spreadsheet: bool) -> list:
    """One column's cells as :func:`safe_cell` (``spreadsheet``) of :func:`_format` would make them, vectorised."""
    if pd.api.types.is_bool_dtype(col.dtype) and not col.hasnans:
        return col.tolist()
    if pd.api.types.is_integer_dtype(col.dtype) and not col.hasnans:
        return col.tolist()  # numbers are never neutralised
    if pd.api.types.is_float_dtype(col.dtype):
        cells = _float_cells(col.to_numpy(dtype=float, na_value=np.nan))
    elif col.dtype == object and all_strings(values := col.to_numpy(dtype=object)):
        cells = values.tolist()
    elif _all_text(col):
        cells = col.astype(object).where(col.notna(), "").tolist()
    else:
        return [safe_cell(_format(v)) if spreadsheet else _format(v) for v in col.tolist()]
    if not spreadsheet or not _needs_care(cells):
        return cells  # nothing to neutralise: one search over the whole column said so
    return _safe_text(pd.Series(cells, index=col.index, dtype=object)).tolist()


#: A trigger at the start of a cell, after the separator :func:`_needs_care` joins the cells with.
_CARE = re.compile("\x1e[" + re.escape("".join(TRIGGERS)) + "]")


def _needs_care(cells: list[str]) -> bool:
    """Whether some cell of a column of text starts with a trigger, holds NUL or passes Excel's limit (a cell
    holding the separator ``\x1e`` may only make this say yes for nothing).

    >>> _needs_care(["a", "b=1"]), _needs_care(["a", "=1"]), _needs_care(["+1", "a"])
    (False, True, True)
    """
    if not cells:
        return False
    joined = "\x1e" + "\x1e".join(cells)
    return _CARE.search(joined) is not None or "\x00" in joined or max(map(len, cells)) > EXCEL_CELL_LIMIT


def _all_text(col: pd.Series) -> bool:
    """Whether every cell of ``col`` is a string or missing."""
    if col.dtype == object:
        return pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty")
    return pd.api.types.is_string_dtype(col.dtype)


def _safe_text(text: pd.Series) -> pd.Series:
    """:func:`safe_cell` on a column of strings, with pandas' string operations."""
    s = text.astype(str)
    if s.str.contains("\x00", regex=False).any():
        s = s.str.replace("\x00", "", regex=False)
    trigger = s.str.startswith(TRIGGERS)
    if trigger.any():
        s = s.where(~trigger, "'" + s)
    long = s.str.len() > EXCEL_CELL_LIMIT
    if long.any():
        s = s.where(~long, s.str.slice(0, EXCEL_CELL_LIMIT - len(_TRUNCATED)) + _TRUNCATED)
    return s.astype(object)


def json_bytes(obj: Any) -> bytes:
    """Deterministic, human-readable JSON (sorted keys, UTF-8, trailing newline)."""
    return (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True, default=_json_default) + "\n").encode("utf-8")


def _json_default(obj: Any) -> Any:
    if hasattr(obj, "item"):  # numpy scalars
        return obj.item()
    if isinstance(obj, (set, frozenset, tuple)):
        return sorted(obj) if isinstance(obj, (set, frozenset)) else list(obj)
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write here ({exc.strerror})", file=str(path.parent)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except PermissionError as exc:
        _unlink(tmp)
        raise OutputError(
            "permission denied", file=str(path), hint="close the file if a spreadsheet has it open, then run again"
        ) from exc
    except OSError as exc:
        _unlink(tmp)
        raise OutputError(f"cannot write the file ({exc.strerror})", file=str(path)) from exc
    except BaseException:
        _unlink(tmp)
        raise


def _unlink(p: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(p)
