"""Which encoding a text file that is not UTF-8 uses: what it declares, else what it looks like.

Exports are UTF-8 nowadays; the exceptions are files re-saved by desktop programs (an Outlook or
Excel CSV in Windows-1252, a Japanese phone's vCard 2.1 in Shift_JIS, an old HTML page in
ISO-8859-1). :func:`guess_encoding` is asked only once strict UTF-8 has failed:

1. what the file declares: vCard ``CHARSET=`` parameters, an XML declaration
   (``<?xml … encoding="…"?>``), an HTML ``<meta charset>`` / ``content="…; charset=…"``;
2. else detection with :mod:`charset_normalizer`. When several single-byte code pages decode
   the file equally well, Windows-1252 wins if it decodes it (the code page of Western desktop
   programs; on short files detection cannot tell it from Windows-1250, where ``è`` would
   become ``č``, or even from Urdu cp1006); an unambiguous answer (Cyrillic cp1251) is kept;
3. else nothing: the caller refuses the file with a hint that works.

Detection is deterministic (same bytes, same answer) and needs no network.

:func:`head_text` is the one lenient sniffer of a member's first bytes (BOM-aware, UTF-16
without BOM recognised), used by the importers' and the tie readers' detection.
"""

from __future__ import annotations

import codecs
import os
import re

from .sources import Member

__all__ = [
    "BOMS",
    "HEAD_BYTES",
    "MAX_DETECT_BYTES",
    "decode_head",
    "declared_encodings",
    "guess_encoding",
    "head_text",
    "looks_utf16le",
    "read_head",
]

#: Bytes :func:`head_text` reads by default.
HEAD_BYTES = 4096
#: Byte-order marks and their encodings, longest first (UTF-32 LE starts like UTF-16 LE).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Bytes given to the detector (enough for a confident guess, bounded for huge files).
MAX_DETECT_BYTES = 256 * 1024

_VCARD_CHARSET = re.compile(rb"[;:]CHARSET=\"?([A-Za-z0-9._-]{2,40})", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{2,40})[\"']", re.I)
_HTML_META = re.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?([A-Za-z0-9._:-]{2,40})", re.I)
#: Encodings that cannot describe a file which failed as UTF-8 (declared by mistake).
_NOT_A_CHOICE = frozenset({"utf-8", "ascii"})


def _canonical(name: bytes | str) -> str | None:
    """The codec name Python knows for ``name`` (``SHIFT_JIS`` -> ``shift_jis``), or ``None``."""
    text = name.decode("ascii", "replace") if isinstance(name, bytes) else name
    try:
        return codecs.lookup(text.strip()).name
    except LookupError:
        return None


def declared_encodings(data: bytes) -> list[str]:
    """The encodings a file declares, most specific first, without duplicates.

    Parameters
    ----------
    data
        The file's bytes (only the start is searched for an XML / HTML declaration).

    Returns
    -------
    list of str
        Python codec names; UTF-8 and ASCII are left out (the file already failed as UTF-8).

    Examples
    --------
    >>> declared_encodings(b"BEGIN:VCARD\\r\\nN;CHARSET=SHIFT_JIS:x\\r\\nFN;CHARSET=UTF-8:y\\r\\n")
    ['shift_jis']
    >>> declared_encodings(b'<?xml version="1.0" encoding="ISO-8859-1"?><gexf/>')
    ['iso8859-1']
    >>> declared_encodings(b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252" />')
    ['cp1252']
    """
    head = data[:4096]
    found = [m.group(1) for m in _XML_DECL.finditer(head)]
    found += [m.group(1) for m in _HTML_META.finditer(head)]
    found += [m.group(1) for m in _VCARD_CHARSET.finditer(data[:MAX_DETECT_BYTES])]
    out: list[str] = []
    for name in found:
        codec = _canonical(name)
        if codec and codec not in _NOT_A_CHOICE and codec not in out:
            out.append(codec)
    return out


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def guess_encoding(data: bytes) -> tuple[str, str] | None:
    """The encoding of bytes that are not UTF-8, and where it comes from.

    Parameters
    ----------
    data
        The whole file.

    Returns
    -------
    tuple of str, or None
        ``(codec, "declared")`` or ``(codec, "detected")``; ``None`` when neither a declaration
        nor detection decodes the file.

    Examples
    --------
    >>> guess_encoding("First Name,Last Name\\r\\nFrançois,Lefèvre\\r\\n".encode("cp1252"))
    ('cp1252', 'detected')
    >>> guess_encoding("N;CHARSET=SHIFT_JIS:山田;太郎;;;\\r\\n".encode("shift_jis"))
    ('shift_jis', 'declared')
    """
    for declared in declared_encodings(data):
        if _decodes(data, declared):
            return declared, "declared"
    from charset_normalizer import from_bytes  # imported on first use: only files that are not UTF-8 need it
    from charset_normalizer.utils import is_multi_byte_encoding

    sample = data[:MAX_DETECT_BYTES]
    matches = list(from_bytes(sample))
    if not matches:
        return None
    best = matches[0]
    found = _canonical(best.encoding)
    if found is None:
        return None
    codec = found
    if not is_multi_byte_encoding(best.encoding):
        tied = {_canonical(m.encoding) for m in matches if m.chaos <= best.chaos}
        if "cp1252" in tied or (len(tied) > 1 and _decodes(data, "cp1252")):
            codec = "cp1252"
    if not _decodes(data, codec):
        return None
    return codec, "detected"


def looks_utf16le(data: bytes) -> bool:
    """UTF-16 LE without a BOM (legacy Google CSV): ASCII letters alternating with NUL bytes."""
    return len(data) >= 4 and data[1:4:2] == b"\x00\x00" and bool(data[0]) and bool(data[2])


def read_head(member: Member, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of a member, for format sniffing.

    A plain file is read only that far (``b""`` if it cannot be opened); an archive member is read
    whole (zip members cannot seek), so its :class:`~netmix.errors.NetmixError` (bomb, damage)
    reaches the caller.
    """
    if member.inner is None and os.path.isfile(member.label):
        try:
            with open(member.label, "rb") as fh:
                return fh.read(size)
        except OSError:
            return b""
    return member.read()[:size]


def decode_head(data: bytes) -> str:
    """Leniently decoded first bytes: the BOM's encoding, UTF-16 LE when it looks so, else UTF-8.

    Undecodable bytes become U+FFFD; the BOM is dropped.

    >>> decode_head(b"\\xef\\xbb\\xbfName"), decode_head("Name".encode("utf-16-le"))
    ('Name', 'Name')
    >>> decode_head(b"M\\xfcller") == "M\\ufffdller"
    True
    """
    for bom, enc in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    if looks_utf16le(data):
        return data.decode("utf-16-le", errors="replace")
    return data.decode("utf-8", errors="replace")


def head_text(member: Member, size: int = HEAD_BYTES) -> str:
    """:func:`decode_head` of :func:`read_head`: the start of a member as text, for sniffing."""
    return decode_head(read_head(member, size))
