"""Any CSV file, read with a column mapping the user gives (``--importer csv --columns …``).

Never chosen by detection (``explicit_only``). ``options.columns`` maps contact fields
(``name``, ``first_name``, ``last_name``, ``email``, ``phone``, ``profile_url``, ``handle``,
``platform_id``, ``company``, ``position``, ``connected_on``, ``relation``) to file columns; the
name comes from ``name`` or from ``first_name`` + ``last_name``.
"""

from __future__ import annotations

from ..errors import ConfigError, InputError
from ..io.sources import Member
from ..io.text import decode, read_csv
from ..model import CONTACT_COLUMNS, CONTACT_FILLED_COLUMNS, CONTACT_NAME_COLUMNS, RELATIONS, ImportIssue
from ._util import is_csv_name
from .base import Importer, Parsed, ReadOptions
from .dates import parse_date

__all__ = ["IMPORTER", "RESERVED", "read"]

#: contact fields a mapping may not set (netmix fills them in)
RESERVED = CONTACT_FILLED_COLUMNS


def _claims(member: Member) -> bool:
    return is_csv_name(member)


def _check_mapping(columns) -> dict[str, str]:
    if not columns:
        raise ConfigError(
            "a generic CSV needs a column mapping",
            hint="give --columns 'name=Full Name,email=Mail' "
            "(fields: name, first_name, last_name, email, phone, profile_url, company, …)",
        )
    mapping = dict(columns)
    bad = [k for k in mapping if k not in CONTACT_COLUMNS or k in RESERVED]
    if bad:
        raise ConfigError(
            f"--columns: {', '.join(sorted(bad))} cannot be mapped", hint="map contact fields such as name, email, company"
        )
    if "name" not in mapping and not ({"first_name", "last_name"} & set(mapping)):
        raise ConfigError("--columns must map name (or first_name / last_name)", hint="for example --columns 'name=Full Name'")
    return mapping


def read(members: list[Member], options: ReadOptions) -> Parsed:
    """Read CSV files with the user's column mapping.

    Parameters
    ----------
    members
        The members this importer claimed, in sorted order.
    options
        ``encoding`` wins over detection; ``columns`` is the mapping (contact field -> file column).

    Returns
    -------
    Parsed
        One contact per row with a name (relation ``contact`` unless mapped), and the issues.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.io.sources import iter_members
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "club.csv").write_text("Full Name,Mail\\nAna Lopez,ana@example.org\\n")
    >>> parsed = read(list(iter_members(folder)), ReadOptions(columns={"name": "Full Name", "email": "Mail"}))
    >>> [(c["name"], c["email"]) for c in parsed.contacts]
    [('Ana Lopez', 'ana@example.org')]
    """
    mapping = _check_mapping(options.columns)
    out = Parsed()
    for member in members:
        table = read_csv(decode(member.read(), member, options.encoding, out.issues), member)
        out.issues.extend(table.issues)
        missing = [c for c in mapping.values() if c not in table.header]
        if missing:
            raise InputError(
                f"the column {missing[0]!r} of the mapping is not in the file",
                file=member.archive,
                member=member.inner,
                hint=f"the file's columns are: {', '.join(repr(h) for h in table.header)[:500]}",
            )
        skipped = bad_dates = 0
        for row in table.rows:
            rec = {field: " ".join(row.get(col, "").split()) if field in CONTACT_NAME_COLUMNS else row.get(col, "")
                   for field, col in mapping.items()}
            name = rec.get("name") or " ".join(f"{rec.get('first_name', '')} {rec.get('last_name', '')}".split())
            if not name:
                skipped += 1
                continue
            rec["name"] = name
            if "connected_on" in rec:
                raw = rec["connected_on"]
                rec["connected_on"] = parse_date(raw)
                bad_dates += bool(raw and not rec["connected_on"])
            if "relation" in rec and rec["relation"] not in RELATIONS:
                rec["relation"] = "contact"
            out.contacts.append({"platform": "csv", "relation": "contact", **rec, "source_file": member.label})
        if skipped:
            out.issues.append(ImportIssue(member.label, f"skipped {skipped} rows without a name"))
        if bad_dates:
            out.issues.append(ImportIssue(member.label, f"{bad_dates} dates could not be read and were left empty"))
    return out


IMPORTER = Importer(
    name="csv",
    platform="csv",
    description="Any CSV with a column mapping (--importer csv --columns 'name=Full Name,email=Mail')",
    files=("*.csv", "*.tsv", "*.txt"),
    claims=_claims,
    read=read,
    explicit_only=True,
)
