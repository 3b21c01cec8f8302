"""io/sources.py: safe access to files, folders and zip archives (RELIABILITY.md §3)."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from netmix.errors import InputError, UnsafeInput
from netmix.importers import detect
from netmix.io import sources
from netmix.io.sources import iter_members

FB = b'{"friends_v2": [{"name": "Ana Exemplo", "timestamp": 1700000000}]}'


def _zip(path: Path, files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in files.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return path


def _patch_headers(path: Path, *, file_size: int | None = None, flag_bits: int | None = None) -> None:
    """Rewrite the local and central headers of the (single) member."""
    data = bytearray(path.read_bytes())
    loc = data.index(b"PK\x03\x04")
    cen = data.index(b"PK\x01\x02")
    if file_size is not None:
        struct.pack_into("<I", data, loc + 22, file_size)
        struct.pack_into("<I", data, cen + 24, file_size)
    if flag_bits is not None:
        struct.pack_into("<H", data, loc + 6, flag_bits)
        struct.pack_into("<H", data, cen + 8, flag_bits)
    path.write_bytes(bytes(data))


def test_zip_bomb_by_ratio_is_refused_before_reading(tmp_path):
    z = _zip(tmp_path / "bomb.zip", {"friends/friends.json": b"\x00" * (10 * 2**20)})
    (member,) = list(iter_members(z))
    with pytest.raises(UnsafeInput, match="compression ratio"):
        member.read()


def test_zip_bomb_with_a_lying_header_is_refused(tmp_path):
    z = _zip(tmp_path / "liar.zip", {"friends/friends.json": b"\x00" * (10 * 2**20)})
    _patch_headers(z, file_size=100)  # the header now claims 100 bytes for ~10 KB of deflate data
    (member,) = list(iter_members(z))
    assert member.size == 100
    with pytest.raises(UnsafeInput, match="lying header"):
        member.read()


def test_member_declaring_more_than_the_limit_is_refused(tmp_path, monkeypatch):
    z = _zip(tmp_path / "big.zip", {"a.json": b"x" * 5000}, method=zipfile.ZIP_STORED)
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 1000)
    (member,) = list(iter_members(z))
    with pytest.raises(UnsafeInput, match="more than the limit"):
        sources.read_zip_member(zipfile.ZipFile(z), zipfile.ZipFile(z).infolist()[0], member.label, limit=1000)


def test_traversal_and_absolute_names_never_escape_and_match_by_suffix(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    z = _zip(tmp_path / "x.zip", {
        "../../evil/connections/friends/your_friends.json": FB,
        "/abs/path/notes.txt": b"hi",
        "C:\\win\\Connections.csv": b"First Name,Last Name\n",
    })
    before = sorted(p.name for p in tmp_path.rglob("*"))
    names = [m.name for m in iter_members(z)]
    assert names == ["abs/path/notes.txt", "evil/connections/friends/your_friends.json", "win/Connections.csv"]
    imp, members = detect(str(z))
    assert imp.name == "facebook-json" and members[0].read() == FB
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing was written anywhere


def test_encrypted_member_is_an_input_error_naming_archive_and_member(tmp_path):
    z = _zip(tmp_path / "enc.zip", {"your_friends.json": FB}, method=zipfile.ZIP_STORED)
    _patch_headers(z, flag_bits=0x1)
    (member,) = list(iter_members(z))
    with pytest.raises(InputError, match="encrypted") as exc:
        member.read()
    assert exc.value.file == str(z) and exc.value.member == "your_friends.json"


def test_damaged_member_is_an_input_error_naming_archive_and_member(tmp_path):
    z = _zip(tmp_path / "bad.zip", {"your_friends.json": FB * 50})
    data = bytearray(z.read_bytes())
    start = data.index(b"PK\x03\x04") + 30 + len("your_friends.json")
    data[start + 5 : start + 40] = b"\xff" * 35  # scramble the deflate stream
    z.write_bytes(bytes(data))
    (member,) = list(iter_members(z))
    with pytest.raises(InputError, match="damaged") as exc:
        member.read()
    assert exc.value.file == str(z) and exc.value.member == "your_friends.json"


def test_truncated_zip_is_an_input_error_naming_the_archive(tmp_path):
    z = _zip(tmp_path / "cut.zip", {"your_friends.json": FB * 50, "other.json": FB})
    z.write_bytes(z.read_bytes()[:-40])  # the central directory is cut
    with pytest.raises(InputError) as exc:
        detect(str(z))
    assert str(z) in str(exc.value)


def test_truncated_nested_zip_names_the_member(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("your_friends.json", FB)
    z = _zip(tmp_path / "outer.zip", {"part1.zip": inner.getvalue()[:-30]}, method=zipfile.ZIP_STORED)
    with pytest.raises(InputError, match="not a readable zip") as exc:
        list(iter_members(z))
    assert "part1.zip" in str(exc.value)


def test_too_many_members(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_MEMBERS", 5)
    z = _zip(tmp_path / "many.zip", {f"f{i}.txt": b"" for i in range(6)})
    with pytest.raises(UnsafeInput, match="6 members"):
        list(iter_members(z))


def test_missing_path_is_an_input_error():
    with pytest.raises(InputError, match="no such file"):
        list(iter_members("/nonexistent/export.zip"))


def test_macosx_and_dot_underscore_files_are_ignored(tmp_path):
    z = _zip(tmp_path / "m.zip", {"__MACOSX/x/._your_friends.json": b"junk", "x/._a.json": b"junk", "x/.DS_Store": b"", "x/your_friends.json": FB})
    assert [m.name for m in iter_members(z)] == ["x/your_friends.json"]
