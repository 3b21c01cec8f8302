"""Writers that reproduce the real export formats byte for byte (FORMATS.md §1, §2, §6).

Every writer is deterministic: same input, same bytes (zip timestamps are fixed, members sorted).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

__all__ = [
    "APPLEDOUBLE",
    "INVITATIONS_HEADER",
    "LINKEDIN_HEADER",
    "LINKEDIN_NOTES",
    "ZIP_DATE",
    "deterministic_zip",
    "facebook_list",
    "gephi_gdf",
    "linkedin_connections",
    "linkedin_invitations",
    "meta_json",
    "netvizz_gdf",
]

#: every zip member gets this timestamp, so archives are byte-identical across runs.
ZIP_DATE = (2025, 1, 1, 0, 0, 0)

#: the three-line preamble LinkedIn puts before the Connections.csv header since late 2021.
LINKEDIN_NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing.'
    " You will only see email addresses for connections who have allowed their connections to see or"
    " download their email address using this setting https://www.linkedin.com/psettings/privacy/email."
    ' You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
LINKEDIN_HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
INVITATIONS_HEADER = ("From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl")

#: the start of an AppleDouble file (what macOS puts under ``__MACOSX/`` when it zips a folder).
APPLEDOUBLE = (
    b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02"
    b"\x00\x00\x00\x09\x00\x00\x00\x32\x00\x00\x00\x20"
    b"\x00\x00\x00\x02\x00\x00\x00\x52\x00\x00\x00\x00" + b"\x00" * 32
)


def _mangle(value: Any) -> Any:
    """Meta's bug: every string's UTF-8 bytes read back as Latin-1 characters."""
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [_mangle(v) for v in value]
    if isinstance(value, dict):
        return {k: _mangle(v) for k, v in value.items()}
    return value


def meta_json(document: Any) -> bytes:
    """A JSON document exactly as Meta's exporter writes it.

    Pretty-printed with a 2-space indent, pure ASCII, each UTF-8 byte of a non-ASCII character
    written as a ``\\u00XX`` escape (FORMATS.md §1.4).

    >>> meta_json({"name": "José"})
    b'{\\n  "name": "Jos\\\\u00c3\\\\u00a9"\\n}'
    """
    return json.dumps(_mangle(document), indent=2, ensure_ascii=True).encode("ascii")


def facebook_list(key: str, entries: Iterable[tuple[str, int]]) -> bytes:
    """One Facebook list file: ``{key: [{"name": ..., "timestamp": ...}, ...]}``."""
    return meta_json({key: [{"name": name, "timestamp": int(ts)} for name, ts in entries]})


def deterministic_zip(members: dict[str, bytes], directories: Sequence[str] = ()) -> bytes:
    """A zip archive of ``members`` (name -> bytes) plus directory entries, sorted, fixed dates."""
    buf = io.BytesIO()
    entries: list[tuple[str, bytes | None]] = [(d.rstrip("/") + "/", None) for d in directories]
    entries += list(members.items())
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in sorted(entries, key=lambda e: e[0]):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.create_system = 3
            if data is None:
                info.external_attr = (0o40755 << 16) | 0x10
                info.compress_type = zipfile.ZIP_STORED
                zf.writestr(info, b"")
            else:
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buf.getvalue()


def _csv_text(rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()


def linkedin_connections(rows: Iterable[Sequence[str]]) -> bytes:
    """``Connections.csv`` of the current generation: ``Notes:`` preamble, URL column, UTF-8, LF."""
    return (LINKEDIN_NOTES + _csv_text([LINKEDIN_HEADER, *rows])).encode("utf-8")


def linkedin_invitations(rows: Iterable[Sequence[str]]) -> bytes:
    """``Invitations.csv`` with the profile-URL columns of late-2023+ exports."""
    return _csv_text([INVITATIONS_HEADER, *rows]).encode("utf-8")


def netvizz_gdf(nodes: Sequence[tuple[str, str, str, str, int]], edges: Iterable[tuple[str, str]]) -> bytes:
    """A Netvizz ``personal_basic`` GDF: uid, unquoted label, sex, locale, agerank (FORMATS.md §6.1).

    Labels are written as they are, unquoted: a comma in a name shifts the following columns,
    exactly like the real tool did.
    """
    lines = ["nodedef>name VARCHAR,label VARCHAR,sex VARCHAR,locale VARCHAR,agerank INT"]
    lines += [f"{uid},{label},{sex},{locale},{rank}" for uid, label, sex, locale, rank in nodes]
    lines.append("edgedef>node1 VARCHAR,node2 VARCHAR")
    lines += [f"{a},{b}" for a, b in edges]
    return ("\n".join(lines) + "\n").encode("utf-8")


def gephi_gdf(
    nodes: Sequence[tuple[str, str, str, str, int]],
    edges: Iterable[tuple[str, str]],
    positions: np.ndarray,
) -> bytes:
    """A GDF as Gephi's exporter writes it (default options): double-quoted strings, positions, colour.

    Column order follows Gephi's ``ExporterGDF``: id, label, width, height, x, y, color, then the
    imported attributes; edges get ``weight DOUBLE,directed BOOLEAN``.
    """
    lines = [
        "nodedef> name VARCHAR,label VARCHAR,width DOUBLE,height DOUBLE,x DOUBLE,y DOUBLE,color VARCHAR,"
        "sex VARCHAR,locale VARCHAR,agerank INTEGER"
    ]
    for (uid, label, sex, locale, rank), (x, y) in zip(nodes, positions.astype(np.float32), strict=False):
        sex_cell = f'"{sex}"' if sex else ""
        lines.append(f"{uid},\"{label}\",10.0,10.0,{x!s},{y!s},'153,153,153',{sex_cell},\"{locale}\",{rank}")
    lines.append("edgedef> node1,node2,weight DOUBLE,directed BOOLEAN")
    lines += [f"{a},{b},1.0,false" for a, b in edges]
    return ("\n".join(lines) + "\n").encode("utf-8")
