"""Decoding text, JSON and CSV from export members, with every repair the real formats need.

- :func:`decode` sniffs a BOM (UTF-8/16/32), then decodes strictly as UTF-8; a file that is not
  UTF-8 is read in the encoding it declares or the one detected, and the caller's issues say which.
- :func:`fix_mojibake` repairs Meta's UTF-8-as-Latin-1 strings (FORMATS.md §1.4).
- :func:`load_json` turns every failure (depth, huge numbers, syntax) into an :class:`InputError`.
- :func:`read_csv` finds the header row by expected names (LinkedIn's ``Notes:`` preamble),
  sniffs the delimiter, strips NUL bytes and keeps the stdlib field-size limit.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from ..errors import EncodingError, InputError
from ..model import ImportIssue
from .encoding import BOMS, guess_encoding, looks_utf16le
from .sources import Member

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_JSON_DEPTH = 200
MAX_FIELD = 131_072  # the stdlib csv default, kept on purpose (RELIABILITY.md §5)

__all__ = [
    "MAX_FIELD",
    "MAX_JSON_DEPTH",
    "CsvTable",
    "decode",
    "first",
    "fix_mojibake",
    "fix_mojibake_deep",
    "header_has",
    "load_json",
    "read_csv",
    "sniff_delimiter",
]


def _where(member: Member) -> dict:
    return {"file": member.archive, "member": member.inner}


def decode(data: bytes, member: Member, encoding: str | None = None, issues: list[ImportIssue] | None = None) -> str:
    """Bytes to text: an explicit encoding, else the BOM, else strict UTF-8, else what the file declares or looks like.

    A UTF-16 file without BOM (legacy Google CSV) is recognised by its NUL pattern. A file that
    is not UTF-8 is read in the encoding it declares (vCard ``CHARSET=``, XML / HTML
    declarations) or, failing that, the one detected (:func:`netmix.io.encoding.guess_encoding`);
    the encoding used is appended to ``issues`` as an info issue. Lone surrogates become U+FFFD.

    Parameters
    ----------
    data
        The file's bytes.
    member
        The file (named in errors and issues).
    encoding
        The user's ``--encoding``: wins over everything, decoding is then strict.
    issues
        Where to say which encoding was used when it was not UTF-8 (``None``: not said).

    Returns
    -------
    str
        The text, without BOM.

    Raises
    ------
    EncodingError
        The given encoding is unknown or does not fit, or no encoding reads the file sensibly.

    Examples
    --------
    >>> from netmix.io.sources import Member
    >>> m = Member("contacts.csv", 0, "contacts.csv", bytes)
    >>> said = []
    >>> decode("Prénom,Nom\\nHélène,Dupré\\n".encode("cp1252"), m, issues=said)
    'Prénom,Nom\\nHélène,Dupré\\n'
    >>> said[0].message
    'the file is not UTF-8: read as cp1252 (detected; give --encoding if another is right)'
    """
    if encoding:
        return _decode_as(data, member, encoding)
    with_bom = _decode_bom(data, member)
    if with_bom is not None:
        return with_bom
    if looks_utf16le(data):
        try:
            return data.decode("utf-16-le")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")  # strict UTF-8 refuses encoded surrogates: none to replace
    except UnicodeDecodeError as exc:
        return _decode_not_utf8(data, member, exc, issues)


def _decode_bom(data: bytes, member: Member) -> str | None:
    """The text of a file that starts with a byte-order mark (``None`` without one)."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return _LONE_SURROGATE.sub("\ufffd", data[len(bom):].decode(enc))
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"the file starts with a {enc} byte-order mark but is not valid {enc} (byte offset {exc.start})",
                    **_where(member),
                    hint="re-export the file, or give --encoding",
                ) from exc
    return None


def _decode_as(data: bytes, member: Member, encoding: str) -> str:
    """Decode strictly in the encoding the user gave."""
    try:
        text = data.decode(encoding)
    except LookupError as exc:
        raise EncodingError(f"unknown encoding {encoding!r}", **_where(member), hint="try utf-8, cp1252 or latin-1") from exc
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"the text is not valid {encoding} (byte offset {exc.start})", **_where(member), hint="try another --encoding"
        ) from exc
    return _LONE_SURROGATE.sub("\ufffd", text.lstrip("\ufeff"))


def _decode_not_utf8(data: bytes, member: Member, exc: UnicodeDecodeError, issues: list[ImportIssue] | None) -> str:
    """A file that failed as UTF-8: its declared or detected encoding, said in ``issues``; else refused."""
    guess = guess_encoding(data)
    if guess is None:
        line = data[: exc.start].count(b"\n") + 1
        raise EncodingError(
            f"the text is not UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start}, line {line}) "
            "and no other encoding reads it sensibly",
            **_where(member),
            hint="if it is a text export, open it in a text editor and save it as UTF-8 "
            "(or give --encoding with the encoding it was saved in)",
        ) from exc
    codec, how = guess
    if issues is not None:
        note = "declared by the file" if how == "declared" else "detected; give --encoding if another is right"
        issues.append(ImportIssue(member.label, f"the file is not UTF-8: read as {codec} ({note})", severity="info"))
    return _LONE_SURROGATE.sub("\ufffd", data.decode(codec).lstrip("\ufeff"))


def fix_mojibake(text: str) -> str:
    """Repair one string written by Meta's exporter (UTF-8 bytes escaped as ``\\u00XX``).

    >>> fix_mojibake("Jos\\u00c3\\u00a9 M\\u00c3\\u00bcller")
    'José Müller'
    >>> fix_mojibake("Zoë")  # a genuine non-ASCII name is left intact
    'Zoë'
    """
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def fix_mojibake_deep(value: Any) -> Any:
    """Apply :func:`fix_mojibake` to every string value (never to keys) of a JSON document."""
    if isinstance(value, str):
        return fix_mojibake(value)
    if isinstance(value, list):
        return [fix_mojibake_deep(v) for v in value]
    if isinstance(value, dict):
        return {k: fix_mojibake_deep(v) for k, v in value.items()}
    return value


#: A JSON string (also one left open at the end of the text), and what is neither a bracket nor a brace.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _depth_ok(text: str) -> bool:
    """Whether no array or object of ``text`` is nested more than ``MAX_JSON_DEPTH`` deep (brackets in strings ignored)."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(accumulate(1 if c in "[{" else -1 for c in brackets), default=0) <= MAX_JSON_DEPTH


def load_json(text: str, member: Member) -> Any:
    """Parse JSON text, turning every failure into an :class:`InputError` with the line."""
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH and not _depth_ok(text):
        raise InputError(
            f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep",
            **_where(member),
            hint="this is not a platform export; check the file",
        )
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
        return _replace_surrogates(doc) if _SURROGATE_ESCAPE.search(text) else doc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid JSON: {exc.msg} (column {exc.colno})",
            **_where(member),
            line=exc.lineno,
            hint="the file is truncated or was edited; download the export again",
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise InputError(f"unreadable JSON ({exc})"[:200], **_where(member), hint="check the file") from exc


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _replace_surrogates(value: Any) -> Any:
    """Lone surrogates left by ``\\udXXX`` escapes (never valid text) become U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_replace_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_replace_surrogates(k): _replace_surrogates(v) for k, v in value.items()}
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in an export")


# --- CSV --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CsvTable:
    """Rows of a CSV file after its header row, as dicts keyed by the header's names."""

    header: tuple[str, ...]
    rows: list[dict[str, str]]
    lines: list[int]  # the file line each row starts on (1-based)
    issues: tuple[ImportIssue, ...]


def sniff_delimiter(sample: str) -> str:
    """``,`` ``;`` or tab: the one that splits the header-like lines most consistently."""
    lines = [ln for ln in sample.splitlines()[:20] if ln.strip()]
    best, score = ",", -1
    for d in (",", ";", "\t"):
        counts = [ln.count(d) for ln in lines]
        if not counts or max(counts) == 0:
            continue
        s = max(counts) * 10 + sum(1 for c in counts if c == max(counts))
        if s > score:
            best, score = d, s
    return best


def read_csv(
    text: str,
    member: Member,
    *,
    is_header: Callable[[list[str]], bool] | None = None,
    max_preamble: int = 10,
    delimiter: str | None = None,
) -> CsvTable:
    """Parse CSV text; the header is the first row (within ``max_preamble`` lines) ``is_header`` accepts.

    Ragged rows are padded or cut (with an issue); NUL bytes are stripped (with an issue);
    a field over the stdlib limit raises an :class:`InputError` with its line.
    """
    issues: list[ImportIssue] = []
    if "\x00" in text:
        n = text.count("\x00")
        text = text.replace("\x00", "")
        issues.append(ImportIssue(member.label, f"removed {n} NUL bytes"))
    delim = delimiter or sniff_delimiter(text[:20_000])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    header: list[str] | None = None
    width = 0
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    try:
        for record in reader:
            if header is None:
                if reader.line_num > max_preamble + 1 and is_header is not None:
                    break
                cells = [c.strip().lstrip("\ufeff") for c in record]
                if not any(cells):
                    continue
                if is_header is None or is_header(cells):
                    header = cells
                    width = len(header)
                continue
            cells = [c.strip() for c in record]
            if not any(cells):
                continue
            if len(cells) != width:
                issues.append(
                    ImportIssue(member.label, f"row has {len(cells)} fields, the header has {width}", line=reader.line_num)
                )
                cells = (cells + [""] * width)[:width]
            rows.append(dict(zip(header, cells, strict=False)))
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise InputError(
            f"malformed CSV ({exc})",
            **_where(member),
            line=reader.line_num,
            hint="a quote is probably not closed; open the file in a text editor at that line",
        ) from exc
    if header is None:
        raise InputError(
            "no header row found in the first lines",
            **_where(member),
            hint="is this the right file? for a generic CSV give a --columns mapping",
        )
    return CsvTable(tuple(header), rows, lines, tuple(issues))


def header_has(*names: str) -> Callable[[list[str]], bool]:
    """A header test: every one of ``names`` is among the cells (case-insensitive)."""
    wanted = {n.lower() for n in names}
    return lambda cells: wanted <= {c.lower() for c in cells}


def first(row: dict[str, str], names: Iterable[str]) -> str:
    """The first non-empty value among the columns ``names`` (case-sensitive)."""
    for n in names:
        v = row.get(n)
        if v:
            return v
    return ""


csv.field_size_limit(MAX_FIELD)
