""""Mutual friends" lists: a CSV saying, for each person, who they know among the ego's contacts.

The header has a person column and a mutual column (any case, accents and separators ignored):
``name,mutual``, ``person,mutual_friend``, French ``personne,ami_commun``. Either one row per
pair, or the mutual cell holds several names separated by ``;`` (or line breaks). Each
(person, mutual) pair is a tie; a pair listed from both sides is one tie. People are named, so
the node key is the name (whitespace collapsed) and so is ``name``.
"""

from __future__ import annotations

import csv
import re

from ..io.sources import Member
from ..io.text import decode, read_csv, sniff_delimiter
from ._common import TieBuilder, clean_name, first_line, header_token, input_error
from .base import TieReader

__all__ = ["MUTUAL", "PERSON", "READER", "header_columns", "read", "sniff"]

PERSON: tuple[str, ...] = ("name", "person", "personne", "nom", "contact", "friend", "ami", "amie")
MUTUAL: tuple[str, ...] = (
    "mutual",
    "mutuals",
    "mutualfriend",
    "mutualfriends",
    "mutualcontact",
    "mutualcontacts",
    "amicommun",
    "amiscommuns",
    "contactcommun",
    "contactscommuns",
)
_SEPARATORS = re.compile(r"[;\n\r]+")


def header_columns(cells: list[str]) -> tuple[int, int] | None:
    """Indices of the person and the mutual column in a header row, or ``None``.

    >>> header_columns(["Personne", "Ami commun"])
    (0, 1)
    """
    tokens = [header_token(c) for c in cells]
    person = next((tokens.index(p) for p in PERSON if p in tokens), None)
    mutual = next((tokens.index(m) for m in MUTUAL if m in tokens), None)
    if person is None or mutual is None:
        return None
    return person, mutual


def read(member: Member, encoding: str | None) -> tuple:
    """Read a mutual-friends list into ``(nodes, edges, issues)``."""
    said: list = []
    text = decode(member.read(), member, encoding, said)
    # the delimiter comes from the header line: ';' inside mutual cells must not win the vote
    delimiter = sniff_delimiter(first_line(text))
    table = read_csv(text, member, is_header=lambda cells: header_columns(cells) is not None, delimiter=delimiter)
    cols = header_columns(list(table.header))
    assert cols is not None
    p_col, m_col = table.header[cols[0]], table.header[cols[1]]
    builder = TieBuilder(member, reciprocal=True)
    builder.issues += said
    builder.issues.extend(table.issues)
    cells = [row[m_col] for row in table.rows if row[m_col].strip()]
    if cells and all(c.strip().isdigit() for c in cells):
        raise input_error(
            member,
            f"the {m_col!r} column holds numbers (counts of mutual friends), not names",
            line=table.lines[0] if table.lines else None,
            hint="a mutual-friends list names each mutual friend; a count gives no tie",
        )
    for row, lineno in zip(table.rows, table.lines, strict=False):
        person = clean_name(row[p_col])
        if not person:
            builder.count("rows without a person skipped", lineno)
            continue
        if person not in builder.nodes:
            builder.node(person, person, line=lineno)
        for raw in _SEPARATORS.split(row[m_col]):
            mutual = clean_name(raw)
            if not mutual:
                continue
            if mutual not in builder.nodes:
                builder.node(mutual, mutual)
            builder.edge(person, mutual, line=lineno)
    return builder.result()


def sniff(member: Member, head: str) -> bool:
    """A CSV whose first line names a person column and a mutual column."""
    line = first_line(head)
    if not line:
        return False
    return header_columns(next(csv.reader([line], delimiter=sniff_delimiter(line)), [])) is not None


READER = TieReader(
    name="mutual",
    description='"mutual friends" lists: CSV with a person column and a mutual column',
    extensions=(".csv", ".tsv"),
    sniff=sniff,
    read=read,
)
