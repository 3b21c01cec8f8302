"""Twitter / X archive: ``data/follower.js`` and ``data/following.js`` (FORMATS.md §3).

The files are JavaScript assignments ``window.YTD.follower.part0 = [...]``. Only that exact
prefix is accepted (matched by a regular expression, the rest parsed as JSON); nothing is ever
evaluated. The export carries numeric account ids only (kept as strings: they exceed 2^53), so
each contact is named ``X account <id>``; someone both followed and following is one contact
with relation ``follower;following``. ``data/account.js`` (the owner) is not a contact.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..io.sources import Member
from ..io.text import decode, load_json
from ..model import ImportIssue
from .base import Importer, Parsed, ReadOptions

__all__ = ["IMPORTER", "PREFIX", "read"]

PREFIX = re.compile(r"^window\.YTD\.(follower|following)\.part\d+\s*=\s*")
_NAME = re.compile(r"^(follower|following)(-part\d+)?\.js$", re.I)


def _claims(member: Member) -> bool:
    return bool(_NAME.match(member.basename))


def _shape_error(member: Member, what: str) -> InputError:
    return InputError(
        f"not an X/Twitter {member.basename} file: {what}",
        file=member.archive,
        member=member.inner,
        hint="give the archive zip (or its data/ folder) exactly as X sent it",
    )


def _entries(member: Member, options: ReadOptions, issues: list[ImportIssue]) -> tuple[str, list]:
    text = decode(member.read(), member, options.encoding, issues)
    m = PREFIX.match(text)
    if not m:
        raise _shape_error(member, "it does not start with 'window.YTD.follower.partN =' or 'window.YTD.following.partN ='")
    body = text[m.end():].rstrip()
    if body.endswith(";"):
        body = body[:-1]
    doc = load_json(body, member)
    if not isinstance(doc, list):
        raise _shape_error(member, "the value assigned is not a list")
    return m.group(1), doc


def read(members: list[Member], options: ReadOptions) -> Parsed:
    """Read X / Twitter ``follower.js`` and ``following.js`` files.

    Parameters
    ----------
    members
        The members this importer claimed, in sorted order.
    options
        ``encoding`` wins over detection.

    Returns
    -------
    Parsed
        One contact per account id (relation ``follower``, ``following`` or both), and the issues.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.io.sources import iter_members
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> data = folder / "data"
    >>> data.mkdir()
    >>> _ = (data / "follower.js").write_text('window.YTD.follower.part0 = [{"follower": {"accountId": "1234567890123456789"}}]')
    >>> parsed = read(list(iter_members(folder)), ReadOptions())
    >>> [(c["name"], c["platform_id"]) for c in parsed.contacts]
    [('X account 1234567890123456789', '1234567890123456789')]
    """
    out = Parsed()
    relations: dict[str, set[str]] = {}
    sources: dict[str, str] = {}
    for member in members:
        kind, entries = _entries(member, options, out.issues)
        skipped = 0
        for entry in entries:
            inner = entry.get(kind) if isinstance(entry, dict) else None
            account_id = inner.get("accountId") if isinstance(inner, dict) else None
            if isinstance(account_id, int) and not isinstance(account_id, bool):
                account_id = str(account_id)
            if not isinstance(account_id, str) or not account_id.strip().isdigit():
                skipped += 1
                continue
            account_id = account_id.strip()
            relations.setdefault(account_id, set()).add(kind)
            sources.setdefault(account_id, member.label)
        if skipped:
            out.issues.append(ImportIssue(member.label, f"skipped {skipped} entries without a numeric accountId"))
    for account_id, kinds in relations.items():
        out.contacts.append(
            {
                "platform": "twitter",
                "relation": ";".join(k for k in ("follower", "following") if k in kinds),
                "name": f"X account {account_id}",
                "platform_id": account_id,
                "profile_url": "",
                "source_file": sources[account_id],
            }
        )
    return out


IMPORTER = Importer(
    name="twitter",
    platform="twitter",
    description="X / Twitter archive: followers and following (numeric account ids only)",
    files=("data/follower.js", "data/following.js", "data/follower-partN.js", "data/following-partN.js"),
    claims=_claims,
    read=read,
)
