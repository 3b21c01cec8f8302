"""Outlook CSV contact exports, three header families (FORMATS.md §5.3).

1. Outlook.com / People (``First Name,Middle Name,Last Name,Title,…,E-mail Address,…,Job Title,…,Company,…``);
2. Google's "Outlook CSV" export (``…,E-mail Address,E-mail 2 Address,…,Categories``);
3. desktop Outlook (``Title,First Name,Middle Name,Last Name,Suffix,Company,…``), whose titles are
   localized: the French (``Prénom``, ``Nom``, ``Adresse de messagerie``, ``Société``) and German
   (``Vorname``, ``Nachname``, ``E-Mail-Adresse``, ``Firma``) names of the name, e-mail and company
   columns are known; the delimiter may be ``;``.

Columns are found by header name, never by position.
"""

from __future__ import annotations

from ..io.sources import Member
from ..io.text import decode, first, read_csv
from ..model import ImportIssue
from ..util.urls import best_profile
from ._util import header_cells, is_csv_name, join_unique, peek
from .base import Importer, Parsed, ReadOptions
from .google import is_google_header

__all__ = [
    "COMPANY",
    "EMAILS",
    "FIRST",
    "IMPORTER",
    "LAST",
    "MIDDLE",
    "NICK",
    "PHONES",
    "POSITION",
    "WEB",
    "is_outlook_header",
    "read",
]

FIRST = ("First Name", "Prénom", "Vorname")
MIDDLE = ("Middle Name", "Deuxième prénom", "Weitere Vornamen", "2. Vorname")
LAST = ("Last Name", "Nom", "Nachname")
EMAILS = (
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
    "Adresse de messagerie",
    "Adresse de messagerie 2",
    "Adresse de messagerie 3",
    "E-Mail-Adresse",
    "E-Mail 2: Adresse",
    "E-Mail 3: Adresse",
    "E-Mail2",
    "E-Mail3",
)
COMPANY = ("Company", "Société", "Firma")
#: Outlook.com / desktop "Job Title", Windows Live Mail and German desktop Outlook "Position",
#: French desktop Outlook "Fonction".
POSITION = ("Job Title", "Position", "Fonction")
#: Every phone column of the header families netmix knows, mobile first: Outlook.com / desktop
#: Outlook (English), Windows Live Mail (English and German ``Rufnummer (…)``), German desktop
#: Outlook (``Telefon geschäftlich``, ``Telefon (privat)`` …), French desktop Outlook.
PHONES = (
    "Mobile Phone",
    "Business Phone",
    "Business Phone 2",
    "Home Phone",
    "Home Phone 2",
    "Primary Phone",
    "Other Phone",
    "Car Phone",
    "Company Main Phone",
    "Mobiltelefon",
    "Mobiltelefon 2",
    "Rufnummer (geschäftlich)",
    "Rufnummer (privat)",
    "Telefon geschäftlich",
    "Telefon geschäftlich 2",
    "Telefon (privat)",
    "Telefon (privat 2)",
    "Haupttelefon",
    "Telefon Firma",
    "Weiteres Telefon",
    "Autotelefon",
    "Tél. mobile",
    "Téléphone mobile",
    "Téléphone bureau",
    "Téléphone bureau 2",
    "Téléphone domicile",
    "Téléphone domicile 2",
    "Téléphone principal",
    "Autre téléphone",
)
WEB = ("Web Page", "Personal Web Page", "Webseite", "Webseite (privat)", "Firmenwebseite", "Page Web")
NICK = ("Nickname", "E-mail Display Name", "Spitzname", "Name")


def is_outlook_header(cells: list[str]) -> bool:
    """An Outlook header: a first-name column and an e-mail column, and not Google's own CSV."""
    names = set(cells)
    return bool(names & set(FIRST)) and bool(names & set(EMAILS)) and not is_google_header(cells)


def _claims(member: Member) -> bool:
    return is_csv_name(member) and any(is_outlook_header(c) for c in header_cells(peek(member), max_lines=2))


def read(members: list[Member], options: ReadOptions) -> Parsed:
    """Read Outlook CSV contact files (every header family netmix knows).

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
    >>> _ = (folder / "contacts.csv").write_text("First Name,Last Name,E-mail Address,Mobile Phone,Company,Job Title\\n"
    ...                                          "Ana,Lopez,ana@example.org,+33 6 12 34 56 78,Contoso,Engineer\\n")
    >>> parsed = read(list(iter_members(folder)), ReadOptions())
    >>> [(c["name"], c["phone"], c["position"]) for c in parsed.contacts]
    [('Ana Lopez', '+33 6 12 34 56 78', 'Engineer')]
    """
    out = Parsed()
    for member in members:
        table = read_csv(decode(member.read(), member, options.encoding, out.issues), member, is_header=is_outlook_header)
        out.issues.extend(table.issues)
        skipped = 0
        for row in table.rows:
            first_name, last_name = first(row, FIRST), first(row, LAST)
            email = join_unique(row.get(c, "") for c in EMAILS)
            company = first(row, COMPANY)
            name = " ".join(f"{first_name} {first(row, MIDDLE)} {last_name}".split())
            phone = join_unique(row.get(c, "") for c in PHONES)
            name = " ".join((name or first(row, NICK) or company or email.split(" ; ")[0] or phone.split(" ; ")[0]).split())
            if not name:
                skipped += 1
                continue
            out.contacts.append(
                {
                    "platform": "outlook",
                    "relation": "contact",
                    "name": name,
                    "first_name": first_name,
                    "last_name": last_name,
                    "email": email,
                    "phone": phone,
                    "company": company,
                    "position": first(row, POSITION),
                    "profile_url": best_profile(row.get(c, "") for c in WEB),
                    "source_file": member.label,
                }
            )
        if skipped:
            out.issues.append(ImportIssue(member.label, f"skipped {skipped} contacts without a name, company or email"))
    return out


IMPORTER = Importer(
    name="outlook",
    platform="outlook",
    description="Outlook CSV contacts (Outlook.com, Google's 'Outlook CSV', desktop Outlook incl. French/German headers)",
    files=("contacts.csv", "any CSV with Outlook columns (E-mail Address, First Name …)"),
    claims=_claims,
    read=read,
)
