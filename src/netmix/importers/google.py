"""Google Contacts CSV exports, current and legacy (FORMATS.md §5.1–5.2).

- current "Google CSV" (``First Name,…,Labels,E-mail 1 - Label,E-mail 1 - Value,…``): UTF-8 with
  a BOM, a dynamic number of ``E-mail N`` / ``Phone N`` / ``Website N`` groups, `` ::: ``
  joining several values in one cell, multi-line Notes;
- legacy (``Name,Given Name,…,Group Membership,E-mail 1 - Type,…,Organization 1 - Name,…``),
  possibly UTF-16 LE with a BOM.

Recognised by the header, whatever the file is called (``contacts.csv``, ``google.csv`` …).
Google's "Outlook CSV" export has Outlook's header and is read by the Outlook importer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..io.sources import Member
from ..io.text import decode, first, read_csv
from ..model import ImportIssue
from ..util.urls import best_profile
from ._util import header_cells, is_csv_name, join_unique, peek, split_multi
from .base import Importer, Parsed, ReadOptions

__all__ = ["IMPORTER", "is_google_header", "read"]

_GROUP = re.compile(
    r"^(E-mail|Phone|Website|Organization|Address|Relation|Event|IM|Custom Field) (\d+)"
    r" - (Label|Value|Type|Name|Title|Formatted)$"
)


def is_google_header(cells: list[str]) -> bool:
    """A Google Contacts header: numbered ``E-mail 1 - Value`` groups, or Labels / Group Membership."""
    names = set(cells)
    if "Group Membership" in names or ("Labels" in names and "File As" in names):
        return True
    return any(_GROUP.match(c) for c in cells) and bool(names & {"First Name", "Given Name", "Name"})


def _claims(member: Member) -> bool:
    return is_csv_name(member) and any(is_google_header(c) for c in header_cells(peek(member), max_lines=2))


def _numbered(header: tuple[str, ...], kind: str, part: str) -> list[str]:
    cols = []
    for h in header:
        m = _GROUP.match(h)
        if m and m.group(1) == kind and m.group(3) == part:
            cols.append((int(m.group(2)), h))
    return [h for _, h in sorted(cols)]


def read(members: list[Member], options: ReadOptions) -> Parsed:
    """Read Google Contacts CSV files (current and legacy).

    Parameters
    ----------
    members
        The members this importer claimed, in sorted order.
    options
        ``encoding`` wins over detection.

    Returns
    -------
    Parsed
        One contact per row (relation ``contact``), and the issues.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.io.sources import iter_members
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "contacts.csv").write_text("First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,Labels,File As\\n"
    ...                                          "Ana,Lopez,* Home,ana@example.org ::: al@example.org,* myContacts,\\n")
    >>> parsed = read(list(iter_members(folder)), ReadOptions())
    >>> [(c["name"], c["email"]) for c in parsed.contacts]
    [('Ana Lopez', 'ana@example.org ; al@example.org')]
    """
    out = Parsed()
    for member in members:
        table = read_csv(decode(member.read(), member, options.encoding, out.issues), member, is_header=is_google_header)
        out.issues.extend(table.issues)
        groups = _Groups.of(table.header)
        skipped = 0
        for row in table.rows:
            contact = _contact(row, groups)
            if contact is None:
                skipped += 1
                continue
            contact["source_file"] = member.label
            out.contacts.append(contact)
        if skipped:
            out.issues.append(ImportIssue(member.label, f"skipped {skipped} contacts without a name, company, email or phone"))
    return out


@dataclass(frozen=True)
class _Groups:
    """The numbered columns of one header: ``E-mail N - Value``, ``Phone N - Value`` …"""

    emails: list[str]
    phones: list[str]
    sites: list[str]
    org_names: list[str]
    org_titles: list[str]

    @classmethod
    def of(cls, h: tuple[str, ...]) -> _Groups:
        return cls(
            _numbered(h, "E-mail", "Value"),
            _numbered(h, "Phone", "Value"),
            _numbered(h, "Website", "Value"),
            _numbered(h, "Organization", "Name"),
            _numbered(h, "Organization", "Title"),
        )


def _values(row: dict[str, str], columns: list[str]) -> list[str]:
    return [v for c in columns for v in split_multi(row.get(c, ""))]


def _contact(row: dict[str, str], groups: _Groups) -> dict | None:
    """One contact row, or ``None`` when nothing names it.

    The name is the first of: full name, given + family names, File As, nickname, organisation,
    first e-mail, first phone number (a contact with only a number is shown by its number in
    Google Contacts, so it is named so here too).
    """
    first_name = first(row, ("First Name", "Given Name"))
    last_name = first(row, ("Last Name", "Family Name"))
    middle = first(row, ("Middle Name", "Additional Name"))
    email = join_unique(_values(row, groups.emails))
    phone = join_unique(_values(row, groups.phones))
    company = first(row, ("Organization Name", *groups.org_names))
    name = first(row, ("Name",)) or " ".join(f"{first_name} {middle} {last_name}".split())
    name = name or first(row, ("File As", "Nickname")) or company or email.split(" ; ")[0] or phone.split(" ; ")[0]
    name = " ".join(name.split())
    if not name:
        return None
    return {
        "platform": "google",
        "relation": "contact",
        "name": name,
        "first_name": first_name,
        "last_name": last_name,
        "email": email,
        "phone": phone,
        "company": company,
        "position": first(row, ("Organization Title", *groups.org_titles)),
        "profile_url": best_profile(_values(row, groups.sites)),
        "source_file": "",
    }


IMPORTER = Importer(
    name="google",
    platform="google",
    description="Google Contacts CSV (current 'Google CSV' and the legacy UTF-16 export)",
    files=("contacts.csv", "google.csv", "any CSV with Google Contacts columns"),
    claims=_claims,
    read=read,
)
