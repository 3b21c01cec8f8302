"""Uniform, safe access to the files of an export: a single file, a folder or a zip archive.

Archives are never extracted: members are read in memory with caps on their number, their
declared and actual size and their compression ratio (RELIABILITY.md §3). Member names are
normalised (``\\`` → ``/``) and never become paths; ``__MACOSX/`` and ``._*`` files are ignored.
A zip nested directly inside a folder or zip (Facebook multi-part downloads re-zipped) is opened
one level deep with the same caps.
"""

from __future__ import annotations

import functools
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, UnsafeInput

__all__ = ["MAX_FILE_BYTES", "MAX_MEMBERS", "MAX_MEMBER_BYTES", "MAX_RATIO", "Member", "iter_members", "read_zip_member"]

MAX_MEMBERS = 50_000
MAX_MEMBER_BYTES = 512 * 2**20
MAX_RATIO = 1000
MAX_FILE_BYTES = 2 * 2**30
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Member:
    """One file of an export: a plain file, or a member of a zip archive."""

    name: str  # posix path relative to the source root ("connections/friends/your_friends.json")
    size: int
    label: str  # for messages: "archive.zip!connections/friends/your_friends.json"
    _read: Callable[[], bytes]

    @property
    def basename(self) -> str:
        return self.name.rsplit("/", 1)[-1]

    def read(self) -> bytes:
        return self._read()

    @property
    def archive(self) -> str:
        """The file on disk this member lives in."""
        return self.label.split("!", 1)[0]

    @property
    def inner(self) -> str | None:
        """The member name inside the archive, or ``None`` for a plain file."""
        return self.label.split("!", 1)[1] if "!" in self.label else None


def _ignored(name: str) -> bool:
    parts = name.split("/")
    return any(p == "__MACOSX" for p in parts) or parts[-1].startswith("._") or parts[-1] in (
        ".DS_Store",
        "Thumbs.db",
        "desktop.ini",
    )


def _safe_name(name: str) -> str:
    name = name.replace("\\", "/")
    parts = [p for p in name.split("/") if p not in ("", ".", "..")]
    if parts and len(parts[0]) == 2 and parts[0][1] == ":":  # C:
        parts = parts[1:]
    return "/".join(parts)


def _check_header(info: zipfile.ZipInfo, archive: str, limit: int) -> None:
    """Refuse a member by its header alone: encrypted, too large, too compressed, lying."""
    member = info.filename
    if info.flag_bits & 0x1:
        raise InputError(
            "this archive member is encrypted",
            file=archive,
            member=member,
            hint="download the export again without a password, or unzip it yourself and give the folder",
        )
    if info.file_size > limit:
        raise UnsafeInput(
            f"the member declares {info.file_size} bytes, more than the limit of {limit}",
            file=archive,
            member=member,
            hint="unzip the archive and point netmix at the file you need",
        )
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1 << 20:
        raise UnsafeInput(
            f"compression ratio {info.file_size // info.compress_size}:1 is too high (possible zip bomb)",
            file=archive,
            member=member,
            hint="this archive was not produced by a platform export; check where it comes from",
        )
    if info.compress_type != zipfile.ZIP_STORED and info.compress_size > info.file_size + info.file_size // 100 + 1024:
        # deflate/bzip2/lzma never grow data by more than a fraction: the header understates the size
        raise UnsafeInput(
            f"the member declares {info.file_size} bytes but holds {info.compress_size} compressed bytes "
            "(lying header, possible zip bomb)",
            file=archive,
            member=member,
            hint="this archive was not produced by a platform export; check where it comes from",
        )


def read_zip_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
    """Read one member in memory, refusing encryption, bombs and lying headers."""
    archive = label.split("!", 1)[0]
    member = info.filename
    _check_header(info, archive, limit)
    out: list[bytes] = []
    total = 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                total += len(chunk)
                if total > limit or total > max(info.file_size, 0) + _CHUNK:
                    raise UnsafeInput(
                        "the member unpacks to more bytes than its header declares (possible zip bomb)",
                        file=archive,
                        member=member,
                        hint="this archive was not produced by a platform export; check where it comes from",
                    )
                out.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise InputError(
            f"the archive member is damaged ({type(exc).__name__}: {exc})",
            file=archive,
            member=member,
            hint="download the export again; the archive is truncated or corrupt",
        ) from exc
    except NotImplementedError as exc:
        raise InputError(
            f"the member uses a compression method Python cannot read ({exc})",
            file=archive,
            member=member,
            hint="unzip the archive with your system's tool and give netmix the folder",
        ) from exc
    return b"".join(out)


def _zip_members(data_or_path, label: str, depth: int) -> Iterator[Member]:
    try:
        zf = zipfile.ZipFile(data_or_path)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise InputError(
            f"not a readable zip archive ({exc})",
            file=label,
            hint="download the export again; the archive is truncated or corrupt",
        ) from exc
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UnsafeInput(
            f"the archive has {len(infos)} members, more than the limit of {MAX_MEMBERS}",
            file=label,
            hint="unzip it and point netmix at the folder holding your contacts",
        )
    for info in infos:
        if info.is_dir():
            continue
        name = _safe_name(info.filename)
        if not name or _ignored(name):
            continue
        member_label = f"{label}!{name}"
        if name.lower().endswith(".zip") and depth == 0:
            inner = read_zip_member(zf, info, member_label)
            yield from _zip_members(io.BytesIO(inner), member_label, depth + 1)
            continue
        yield Member(
            name=name,
            size=info.file_size,
            label=member_label,
            _read=functools.partial(read_zip_member, zf, info, member_label),
        )


def _read_file(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnsafeInput(
            f"the file is {size} bytes, more than the limit of {MAX_FILE_BYTES}",
            file=str(path),
            hint="give netmix only the files that hold contacts or ties",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", file=str(path)) from exc


def iter_members(path: str | os.PathLike) -> Iterator[Member]:
    """Every readable file of ``path`` (a file, a folder or a zip), in sorted order.

    Raises
    ------
    InputError
        The path does not exist or a zip is damaged.
    UnsafeInput
        An archive looks hostile (too many members, bomb).
    """
    root = Path(path)
    if not root.exists():
        raise InputError("no such file or folder", file=str(root), hint="check the path")
    if root.is_file():
        if zipfile.is_zipfile(root):
            yield from sorted(_zip_members(str(root), str(root), 0), key=lambda m: m.name)
        else:
            yield Member(root.name, root.stat().st_size, str(root), functools.partial(_read_file, root))
        return
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for fn in sorted(filenames):
            p = Path(dirpath) / fn
            rel = p.relative_to(root).as_posix()
            if _ignored(rel) or p.is_symlink():
                continue
            files.append((rel, p))
    if len(files) > MAX_MEMBERS:
        raise UnsafeInput(
            f"the folder has {len(files)} files, more than the limit of {MAX_MEMBERS}",
            file=str(root),
            hint="point netmix at the sub-folder holding your contacts",
        )
    for rel, p in sorted(files):
        if rel.lower().endswith(".zip") and zipfile.is_zipfile(p):
            yield from sorted(_zip_members(str(p), str(p), 0), key=lambda m: m.name)
        else:
            yield Member(rel, p.stat().st_size, str(p), functools.partial(_read_file, p))
