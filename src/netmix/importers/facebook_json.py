"""Facebook "Download Your Information" archives, JSON (FORMATS.md §1.1–1.2, 1.4).

All three generations: ``friends/friends.json`` (key ``friends``, 2018–19),
``friends_and_followers/friends.json`` (``friends_v2``, 2020–22) and
``connections/friends/your_friends.json`` (``friends_v2``, 2023+), plus the removed friends and
sent / received / rejected request files of each generation. Files are recognised by basename and
read by trying every known key; every string is repaired from Meta's mojibake.
"""

from __future__ import annotations

from ..io.sources import Member
from ..io.text import decode, fix_mojibake, load_json
from ..model import ImportIssue
from .base import Importer, Parsed, ReadOptions, epoch_to_date, name_parts

__all__ = ["FILES", "IMPORTER", "add_entry", "read"]

#: basename -> (what it holds, keys to try)
FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "friends.json": ("friend", ("friends_v2", "friends")),
    "your_friends.json": ("friend", ("friends_v2", "friends")),
    "removed_friends.json": ("removed", ("deleted_friends_v2", "deleted_friends")),
    "sent_friend_requests.json": ("sent", ("sent_requests_v2", "sent_requests")),
    "friend_requests_sent.json": ("sent", ("sent_requests_v2", "sent_requests")),
    "received_friend_requests.json": ("received", ("received_requests_v2", "received_requests")),
    "friend_requests_received.json": ("received", ("received_requests_v2", "received_requests")),
    "rejected_friend_requests.json": ("rejected", ("rejected_requests_v2", "rejected_requests")),
}


def _claims(member: Member) -> bool:
    return member.basename.lower() in FILES and not member.name.lower().startswith("followers_and_following")


def _entries(doc: object, keys: tuple[str, ...], member: Member) -> list:
    if isinstance(doc, dict):
        for key in keys:
            if key in doc:
                value = doc[key]
                if isinstance(value, list):
                    return value
        raise _shape_error(member, f"none of the keys {', '.join(keys)} holds a list")
    if isinstance(doc, list):  # some tools save the bare list
        return doc
    raise _shape_error(member, "the top level is neither an object nor a list")


def _shape_error(member: Member, what: str):
    from ..errors import InputError

    return InputError(
        f"not a Facebook friends file: {what}",
        file=member.archive,
        member=member.inner,
        hint="give the folder or zip Facebook sent you; netmix finds the friends files in it",
    )


def add_entry(out: Parsed, kind: str, name: str, date: str, source_file: str, *, email: str = "") -> None:
    """Add one Facebook list entry: a friend becomes a contact, anything else a request row.

    ``email`` is what the export gives beside the name (``contact_info`` in JSON, ``Name (e-mail)``
    in the pre-2018 HTML); kept on friends only, where the contact table has room for it.
    """
    if kind == "friend":
        first, last = name_parts(name)
        row = {
            "platform": "facebook",
            "relation": "friend",
            "name": name,
            "first_name": first,
            "last_name": last,
            "connected_on": date,
            "source_file": source_file,
        }
        if email:
            row["email"] = email
        out.contacts.append(row)
    else:
        out.requests.append({"platform": "facebook", "status": kind, "name": name, "date": date, "source_file": source_file})


def _contact_info(entry: dict) -> str:
    """The e-mail a 2018–19 friends entry may carry in ``contact_info`` (``""`` when none)."""
    value = entry.get("contact_info")
    if not isinstance(value, str):
        return ""
    value = " ".join(fix_mojibake(value).split())
    return value if "@" in value else ""


def read(members: list[Member], options: ReadOptions) -> Parsed:
    """Read Facebook JSON friends, removed-friends and request files.

    Parameters
    ----------
    members
        The members this importer claimed, in sorted order.
    options
        ``encoding`` wins over detection.

    Returns
    -------
    Parsed
        Friends as contacts (relation ``friend``), the other lists as request rows, and the issues.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.io.sources import iter_members
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> entry = '{"name": "Jos\\u00c3\\u00a9 Lopez", "timestamp": 1700000000}'
    >>> _ = (folder / "your_friends.json").write_text(f'{{"friends_v2": [{entry}]}}')
    >>> parsed = read(list(iter_members(folder)), ReadOptions())
    >>> [(c["name"], c["connected_on"]) for c in parsed.contacts]
    [('José Lopez', '2023-11-14')]
    """
    out = Parsed()
    for member in members:
        kind, keys = FILES[member.basename.lower()]
        doc = load_json(decode(member.read(), member, options.encoding, out.issues), member)
        entries = _entries(doc, keys, member)
        skipped = 0
        for entry in entries:
            if not isinstance(entry, dict):
                skipped += 1
                continue
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                skipped += 1
                continue
            name = " ".join(fix_mojibake(name).split())
            date = epoch_to_date(entry.get("timestamp"))
            add_entry(out, kind, name, date, member.label, email=_contact_info(entry))
        if skipped:
            out.issues.append(ImportIssue(member.label, f"skipped {skipped} entries without a name (deactivated accounts?)"))
    return out


IMPORTER = Importer(
    name="facebook-json",
    platform="facebook",
    description="Facebook archive (JSON), all generations since 2018, with removed friends and requests",
    files=tuple(sorted(FILES)),
    claims=_claims,
    read=read,
)
