"""vCard files ``*.vcf`` / ``*.vcard``, versions 2.1, 3.0 and 4.0 (FORMATS.md §5.4).

Lines are unfolded (CRLF + space/tab) before quoted-printable decoding; QP soft line breaks,
``CHARSET=`` parameters, ``\\,`` ``\\;`` ``\\n`` escapes, ``itemN.`` groups and
case-insensitive property and parameter names are handled. ``N`` is family;given;middle;…,
``ORG``'s first component is the company. ``X-SOCIALPROFILE``, ``URL`` and ``IMPP`` give the
profile URL (LinkedIn first) and the handle. Base64 photos are skipped.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field

from ..io.sources import Member
from ..io.text import decode
from ..model import ImportIssue
from ..util.urls import best_profile, social_host, url_slug
from ._util import join_unique
from .base import Importer, Parsed, ReadOptions

__all__ = ["IMPORTER", "MAX_LINE", "Prop", "components", "logical_lines", "parse_line", "read", "split_cards"]

MAX_LINE = 1 << 20  # a logical line longer than this is a photo or garbage: skipped


@dataclass
class Prop:
    """One content line: NAME, parameters (upper-cased names, list of values), raw value."""

    name: str
    params: dict[str, list[str]] = field(default_factory=dict)
    value: str = ""

    def param(self, key: str) -> list[str]:
        return self.params.get(key, [])

    @property
    def types(self) -> set[str]:
        return {t.lower() for v in self.param("TYPE") for t in v.split(",")}


def _claims(member: Member) -> bool:
    return member.basename.lower().endswith((".vcf", ".vcard"))


def _split_unquoted(text: str, sep: str) -> list[str]:
    out: list[str] = []
    cur: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def parse_line(line: str) -> Prop | None:
    """``[group.]NAME;param=value;…:value`` to a :class:`Prop`; ``None`` if there is no ``:``."""
    quoted = False
    colon = -1
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            colon = i
            break
    if colon <= 0:
        return None
    head, value = line[:colon], line[colon + 1 :]
    parts = _split_unquoted(head, ";")
    name = parts[0].strip().rsplit(".", 1)[-1].upper()  # drop the itemN. group
    params: dict[str, list[str]] = {}
    for p in parts[1:]:
        key, sep, val = p.partition("=")
        if not sep:  # vCard 2.1 bare parameter: TEL;CELL / QUOTED-PRINTABLE / BASE64
            bare = key.strip().upper()
            if bare in ("QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"):
                params.setdefault("ENCODING", []).append(bare)
            else:
                params.setdefault("TYPE", []).append(key.strip())
            continue
        params.setdefault(key.strip().upper(), []).extend(v.strip().strip('"') for v in _split_unquoted(val, ","))
    return Prop(name, params, value)


def _is_qp(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def logical_lines(text: str) -> list[str]:
    """Unfold continuation lines (space/tab), then join quoted-printable soft line breaks."""
    out: list[str] = []
    parts: list[str] = []
    qp = False
    for raw in re.split(r"\r\n|\n|\r", text):
        if parts and raw[:1] in (" ", "\t"):
            parts.append(raw[1:])
        elif parts and qp and parts[-1].endswith("="):
            parts[-1] = parts[-1][:-1]
            parts.append(raw)
        else:
            if parts:
                out.append("".join(parts))
            parts = [raw]
            qp = _is_qp(raw)
    if parts:
        out.append("".join(parts))
    return out


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\,;nN:])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def components(value: str) -> list[str]:
    """A structured value (``N``, ``ORG``) split on unescaped ``;``, each part unescaped."""
    return [_unescape(p) for p in re.split(r"(?<!\\);", value)]


def _decoded(prop: Prop) -> str:
    enc = {e.upper() for e in prop.param("ENCODING")}
    if "QUOTED-PRINTABLE" not in enc:
        return prop.value
    raw = quopri.decodestring(prop.value.encode("utf-8", errors="surrogateescape"))
    charset = (prop.param("CHARSET") or ["utf-8"])[0]
    try:
        return raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return raw.decode("latin-1")


_SOCIAL_BASE = {
    "linkedin": "https://www.linkedin.com/in/",
    "facebook": "https://www.facebook.com/",
    "instagram": "https://www.instagram.com/",
    "twitter": "https://x.com/",
    "x": "https://x.com/",
}


def _profile_url(prop: Prop, value: str) -> str:
    value = value.strip()
    if prop.name == "IMPP" and ":" in value and not value.lower().startswith("http"):
        value = value.split(":", 1)[1].lstrip("/")
    if social_host(value):
        return value if "://" in value else "https://" + value
    if prop.name == "X-SOCIALPROFILE":
        user = (prop.param("X-USER") or [""])[0].strip()
        kinds = prop.types & set(_SOCIAL_BASE)
        if user and kinds:
            return _SOCIAL_BASE[sorted(kinds)[0]] + user
    return ""


def _card(props: list[Prop]) -> dict | None:
    fn = n = org = title = ""
    emails: list[str] = []
    phones: list[str] = []
    urls: list[tuple[str, str]] = []  # (url, x-user)
    for prop in props:
        if prop.name == "PHOTO" or len(prop.value) > MAX_LINE:
            continue
        value = _decoded(prop)
        if prop.name == "FN" and not fn:
            fn = _unescape(value)
        elif prop.name == "N" and not n:
            n = value
        elif prop.name == "ORG" and not org:
            org = components(value)[0]
        elif prop.name == "TITLE" and not title:
            title = _unescape(value)
        elif prop.name == "EMAIL":
            emails.append(_unescape(value).removeprefix("mailto:"))
        elif prop.name == "TEL":
            phones.append(_unescape(value).removeprefix("tel:"))
        elif prop.name in ("X-SOCIALPROFILE", "URL", "IMPP"):
            url = _profile_url(prop, _unescape(value))
            if url:
                urls.append((url, (prop.param("X-USER") or [""])[0]))
    parts = components(n) + [""] * 5 if n else [""] * 5
    family, given, middle = (" ".join(p.split()) for p in parts[:3])
    name = " ".join(fn.split()) or " ".join(f"{given} {middle} {family}".split())
    email = join_unique(emails)
    name = name or " ".join(org.split()) or email.split(" ; ")[0]
    if not name:
        return None
    profile = best_profile(u for u, _ in urls)
    handle = next((user for u, user in urls if u == profile and user), "") or (url_slug(profile) if profile else "")
    return {
        "platform": "vcard",
        "relation": "contact",
        "name": name,
        "first_name": given,
        "last_name": family,
        "email": email,
        "phone": join_unique(phones),
        "company": " ".join(org.split()),
        "position": " ".join(title.split()),
        "profile_url": profile,
        "handle": handle.lstrip("@"),
        "source_file": "",
    }


def split_cards(text: str) -> tuple[list[list[Prop]], int]:
    """The properties of each ``BEGIN:VCARD`` … ``END:VCARD`` block, and how many lacked their END.

    >>> cards, unclosed = split_cards("BEGIN:VCARD\\nFN:Ana\\nEND:VCARD\\nBEGIN:VCARD\\nFN:Ben\\n")
    >>> [[p.value for p in c] for c in cards], unclosed
    ([['Ana'], ['Ben']], 1)
    """
    cards: list[list[Prop]] = []
    current: list[Prop] | None = None
    unclosed = 0
    for line in logical_lines(text):
        stripped = line.strip()
        upper = stripped.upper()
        if upper == "BEGIN:VCARD":
            if current is not None:
                unclosed += 1
                cards.append(current)
            current = []
        elif upper == "END:VCARD":
            if current is not None:
                cards.append(current)
            current = None
        elif current is not None and stripped:
            prop = parse_line(stripped)
            if prop is not None:
                current.append(prop)
    if current is not None:
        unclosed += 1
        cards.append(current)
    return cards, unclosed


def read(members: list[Member], options: ReadOptions) -> Parsed:
    """Read vCard files (2.1, 3.0, 4.0).

    Parameters
    ----------
    members
        The members this importer claimed, in sorted order.
    options
        ``encoding`` wins over detection.

    Returns
    -------
    Parsed
        One contact per card with a name, organisation or e-mail, and the issues.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.io.sources import iter_members
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "contacts.vcf").write_text("BEGIN:VCARD\\nVERSION:2.1\\n"
    ...     "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\\nTEL;CELL:+49301234567\\nEND:VCARD\\n")
    >>> parsed = read(list(iter_members(folder)), ReadOptions())
    >>> [(c["name"], c["phone"]) for c in parsed.contacts]
    [('Jürgen Müller', '+49301234567')]
    """
    out = Parsed()
    for member in members:
        text = decode(member.read(), member, options.encoding, out.issues)
        cards, unclosed = split_cards(text)
        unnamed = 0
        for props in cards:
            row = _card(props)
            if row is None:
                unnamed += 1
                continue
            row["source_file"] = member.label
            out.contacts.append(row)
        if not cards:
            out.issues.append(ImportIssue(member.label, "no BEGIN:VCARD found: this file holds no contact card"))
        if unnamed:
            out.issues.append(ImportIssue(member.label, f"skipped {unnamed} cards without a name, organisation or email"))
        if unclosed:
            out.issues.append(ImportIssue(member.label, f"{unclosed} cards had no END:VCARD (file truncated?)"))
    return out


IMPORTER = Importer(
    name="vcard",
    platform="vcard",
    description="vCard files (2.1 from Android, 3.0 from Apple/iCloud/Google, 4.0)",
    files=("*.vcf", "*.vcard"),
    claims=_claims,
    read=read,
)
