"""LinkedIn data export: ``Connections.csv`` and ``Invitations.csv`` (FORMATS.md §2.2–2.3).

Every generation of ``Connections.csv``: with or without the 3-line ``Notes:`` preamble (also the
Excel-resaved ``Notes:,,`` padding), with a BOM, ``,`` or ``;`` delimited, dates ``DD Mon YYYY``,
``"1/8/18, 6:14 PM"``, ``23-Nov-21`` or ``16.09.2021``. Columns are found by header name (alias
lists), never by position. Rows without a name are skipped and counted.
"""

from __future__ import annotations

import re

from ..io.sources import Member
from ..io.text import CsvTable, decode, read_csv
from ..model import ImportIssue
from ._util import header_cells, is_csv_name, peek
from .base import Importer, Parsed, ReadOptions
from .dates import parse_date

__all__ = ["COMPANY", "CONNECTED", "EMAIL", "FILES", "FIRST", "IMPORTER", "INVITATION_COLUMNS", "LAST", "POSITION", "URL", "read"]

FIRST = ("First Name", "Vorname", "Prénom")
LAST = ("Last Name", "Nachname", "Nom")
URL = ("URL", "Profile URL")
EMAIL = ("Email Address", "E-mail Address", "E-Mail-Adresse", "Adresse e-mail")
COMPANY = ("Company", "Unternehmen", "Entreprise")
POSITION = ("Position", "Poste")
CONNECTED = ("Connected On", "Verbunden am", "Connecté le")
INVITATION_COLUMNS = ("From", "To", "Direction")

FILES = ("Connections.csv", "Invitations.csv")


def _lower(cells: list[str]) -> set[str]:
    return {c.lower() for c in cells}


def _is_connections_header(cells: list[str]) -> bool:
    low = _lower(cells)
    return bool(low & {c.lower() for c in FIRST}) and bool(low & {c.lower() for c in LAST}) and bool(
        low & {c.lower() for c in CONNECTED + URL + COMPANY}
    )


def _is_invitations_header(cells: list[str]) -> bool:
    return {c.lower() for c in INVITATION_COLUMNS} <= _lower(cells)


def _claims(member: Member) -> bool:
    base = member.basename.lower()
    if base in ("connections.csv", "invitations.csv"):
        return True
    if not is_csv_name(member):
        return False
    # a renamed LinkedIn file: its header has "Connected On" (or a localized form)
    return any(_is_connections_header(c) and _lower(c) & {x.lower() for x in CONNECTED} for c in header_cells(peek(member)))


def _column(table: CsvTable, aliases: tuple[str, ...]) -> str | None:
    by_lower = {h.lower(): h for h in table.header}
    for a in aliases:
        if a.lower() in by_lower:
            return by_lower[a.lower()]
    return None


def _table(text: str, member: Member, is_header) -> CsvTable:
    # the delimiter is the one of the header line (the Notes preamble has commas of its own)
    delimiter = None
    for line in text.splitlines()[:15]:
        for d in (";", "\t", ","):
            cells = [c.strip().strip('"').lstrip("\ufeff") for c in line.split(d)]
            if len(cells) > 2 and is_header(cells):
                delimiter = d
                break
        if delimiter:
            break
    return read_csv(text, member, is_header=is_header, max_preamble=10, delimiter=delimiter)


_EMPTY_ROW = re.compile(r"^[\s,;\t\"]*[,;\t][\s,;\t\"]*$")


def _empty_rows_after_header(text: str, header_line_hint: str) -> int:
    lines = text.splitlines()
    try:
        start = next(i for i, ln in enumerate(lines) if header_line_hint in ln)
    except StopIteration:
        return 0
    return sum(1 for ln in lines[start + 1 :] if _EMPTY_ROW.match(ln))


def _read_connections(member: Member, text: str, out: Parsed) -> None:
    table = _table(text, member, _is_connections_header)
    out.issues.extend(table.issues)
    aliases = (FIRST, LAST, URL, EMAIL, COMPANY, POSITION, CONNECTED)
    c_first, c_last, c_url, c_email, c_company, c_position, c_connected = (_column(table, a) or "" for a in aliases)
    unnamed = _empty_rows_after_header(text, table.header[0]) if table.header else 0
    bad_dates = 0
    label = member.label
    append = out.contacts.append
    for row in table.rows:
        get = row.get
        first_name = " ".join(get(c_first, "").split())
        last_name = " ".join(get(c_last, "").split())
        name = " ".join(f"{first_name} {last_name}".split())
        if not name:
            unnamed += 1
            continue
        raw_date = get(c_connected, "")
        date = parse_date(raw_date)
        if raw_date and not date:
            bad_dates += 1
        append(
            {
                "platform": "linkedin",
                "relation": "connection",
                "name": name,
                "first_name": first_name,
                "last_name": last_name,
                "profile_url": get(c_url, ""),
                "email": get(c_email, ""),
                "company": get(c_company, ""),
                "position": get(c_position, ""),
                "connected_on": date,
                "source_file": label,
            }
        )
    if unnamed:
        out.issues.append(
            ImportIssue(member.label, f"skipped {unnamed} rows without a name (members who hide their profile, or empty rows)")
        )
    if bad_dates:
        out.issues.append(ImportIssue(member.label, f"{bad_dates} 'Connected On' dates could not be read and were left empty"))


def _read_invitations(member: Member, text: str, out: Parsed) -> None:
    table = _table(text, member, _is_invitations_header)
    out.issues.extend(table.issues)
    c_from, c_to, c_dir = (_column(table, (c,)) for c in INVITATION_COLUMNS)
    c_sent = _column(table, ("Sent At",))
    c_inviter = _column(table, ("inviterProfileUrl",))
    c_invitee = _column(table, ("inviteeProfileUrl",))
    skipped = 0
    for row in table.rows:
        direction = row.get(c_dir or "", "").strip().upper()
        if direction == "OUTGOING":
            status, name, url = "sent", row.get(c_to or "", ""), row.get(c_invitee or "", "")
        elif direction == "INCOMING":
            status, name, url = "received", row.get(c_from or "", ""), row.get(c_inviter or "", "")
        else:
            skipped += 1
            continue
        name = " ".join(name.split())
        if not name:
            skipped += 1
            continue
        out.requests.append(
            {
                "platform": "linkedin",
                "status": status,
                "name": name,
                "profile_url": url,
                "date": parse_date(row.get(c_sent or "", "")),
                "source_file": member.label,
            }
        )
    if skipped:
        out.issues.append(
            ImportIssue(member.label, f"skipped {skipped} invitations without a name or a Direction of INCOMING/OUTGOING")
        )


def read(members: list[Member], options: ReadOptions) -> Parsed:
    """Read LinkedIn ``Connections.csv`` and ``Invitations.csv`` files.

    Parameters
    ----------
    members
        The members this importer claimed, in sorted order.
    options
        ``encoding`` wins over detection.

    Returns
    -------
    Parsed
        Connections as contacts (relation ``connection``), invitations as request rows, and the issues.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.io.sources import iter_members
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Connections.csv").write_text('Notes:\\n"When exporting ..."\\n\\n'
    ...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...     "Ana,Lopez,https://www.linkedin.com/in/ana-l,,Contoso,Engineer,05 Mar 2024\\n")
    >>> parsed = read(list(iter_members(folder)), ReadOptions())
    >>> [(c["name"], c["company"], c["connected_on"]) for c in parsed.contacts]
    [('Ana Lopez', 'Contoso', '2024-03-05')]
    """
    out = Parsed()
    for member in members:
        text = decode(member.read(), member, options.encoding, out.issues)
        if member.basename.lower() == "invitations.csv" or (
            member.basename.lower() != "connections.csv" and any(_is_invitations_header(c) for c in header_cells(text[:4096]))
        ):
            _read_invitations(member, text, out)
        else:
            _read_connections(member, text, out)
    return out


IMPORTER = Importer(
    name="linkedin",
    platform="linkedin",
    description="LinkedIn data export: Connections.csv (every generation) and Invitations.csv",
    files=FILES,
    claims=_claims,
    read=read,
)
