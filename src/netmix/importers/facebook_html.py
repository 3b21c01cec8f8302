"""Facebook "Download Your Information" archives, HTML (FORMATS.md §1.3).

Every generation, told apart by the page structure, not by class names alone:

- 2022 → early 2024 ``connections/friends/your_friends.html``: one ``div._a6-g`` per person,
  the name in the ``div._a6-h`` inside it, the date in its ``div._a72d``; later exports use a
  ``section`` with the name in an ``h2``. The removed, sent, received and rejected request pages
  of the same tree have the same blocks.
- 2018–2021 ``friends/friends.html`` / ``friends_and_followers/friends.html``: the name in
  ``div._2lel`` and the date in the next ``div._2lem``.
- before 2018 ``html/friends.htm``: ``div.contents`` holds one ``h2`` + ``ul`` per list —
  friends first, then sent, received, declined and removed requests and followers, headed in the
  interface language (:mod:`~netmix.importers.facebook_sections`); items are ``Name``,
  ``Name (Date)`` or ``Name (e-mail)``.

HTML text is real UTF-8 (no mojibake repair). Dates are read in the interface's language
(:class:`~netmix.importers.dates.LocalDates`); a date without a year is kept unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..io.sources import Member
from ..io.text import decode
from ..model import ImportIssue
from ._html import Node, parse_html
from .base import Importer, Parsed, ReadOptions
from .dates import LocalDates
from .facebook_json import add_entry
from .facebook_sections import section_kind

__all__ = ["FILES", "IMPORTER", "Row", "read", "rows_of"]

#: basename -> what its rows are ("friend" or a request status)
FILES: dict[str, str] = {
    "your_friends.html": "friend",
    "friends.html": "friend",
    "friends.htm": "friend",
    "removed_friends.html": "removed",
    "sent_friend_requests.html": "sent",
    "friend_requests_sent.html": "sent",
    "received_friend_requests.html": "received",
    "friend_requests_received.html": "received",
    "rejected_friend_requests.html": "rejected",
}
_EMAIL = re.compile(r"^[^@\s()]+@[^@\s()]+\.[^@\s()]+$")
_SUFFIX = re.compile(r"\s*\[[^\]]*\]\s*$")


@dataclass(frozen=True)
class Row:
    """One entry of a page: its list (``friend`` or a request status), name, raw date, e-mail."""

    kind: str
    name: str
    date: str = ""
    email: str = ""


def _claims(member: Member) -> bool:
    return member.basename.lower() in FILES


def _title(doc: Node) -> str:
    title_node = doc.find("title")
    return title_node.text().lower() if title_node else ""


def _rows_blocks(doc: Node, kind: str) -> list[Row]:
    """2022 → now: ``div._a6-g`` blocks (name in ``._a6-h``) or ``section`` blocks (name in ``h2``)."""
    title = _title(doc)
    rows = []
    taken: set[int] = set()
    for box in doc.iter():
        if "_a6-g" not in box.classes and box.tag != "section":
            continue
        if any(id(a) in taken for a in box.ancestors()):  # a block inside a block already read
            continue
        name_node = box.find(None, "_a6-h") or box.find("h2")
        if name_node is None:
            continue
        name = name_node.text()
        if not name or name.lower() == title:
            continue
        date_node = box.find("div", "_a72d") or box.find("footer")
        rows.append(Row(kind, name, date_node.text() if date_node else ""))
        taken.add(id(box))
    return rows


def _rows_2018(doc: Node, kind: str) -> list[Row]:
    rows = []
    for parent in [doc, *doc.iter()]:
        kids = [c for c in parent.children if isinstance(c, Node)]
        for i, kid in enumerate(kids):
            if "_2lel" in kid.classes:
                date_node = next((s for s in kids[i + 1 : i + 4] if "_2lem" in s.classes), None)
                rows.append(Row(kind, kid.text(), date_node.text() if date_node is not None else ""))
    return rows


def legacy_item(text: str, kind: str) -> Row:
    """One ``li`` of the pre-2018 page: ``Name``, ``Name (Date)`` or ``Name (e-mail)``.

    >>> legacy_item("Ana Lopez (ana@example.org)", "friend"), legacy_item("Ben Li (Jan 12)", "sent").date
    (Row(kind='friend', name='Ana Lopez', date='', email='ana@example.org'), 'Jan 12')
    """
    text = _SUFFIX.sub("", text)
    if not (text.endswith(")") and "(" in text):
        return Row(kind, text)
    cut = text.rfind("(")
    name, inner = text[:cut].strip(), text[cut + 1 : -1].strip()
    if _EMAIL.match(inner):
        return Row(kind, name, email=inner)
    return Row(kind, name, inner)


def _rows_legacy(doc: Node, skipped: dict[str, int]) -> list[Row]:
    """Before 2018: every ``ul`` of ``div.contents``, named by the ``h2`` before it; the first is the friends."""
    contents = doc.find("div", "contents")
    if contents is None:
        return []
    rows: list[Row] = []
    for index, ul in enumerate(contents.find_all("ul")):
        heading = _heading_before(ul)
        items = [c for c in ul.children if isinstance(c, Node) and c.tag == "li"]
        kind = "friend" if index == 0 else section_kind(heading)
        if kind in ("friend", "sent", "received", "rejected", "removed"):
            rows += [legacy_item(li.text(), kind) for li in items]
        elif items:
            skipped[heading] = skipped.get(heading, 0) + len(items)
    return rows


def _heading_before(ul: Node) -> str:
    """The text of the ``h2`` just before a list (``""`` when the list has none)."""
    parent = ul.parent
    if parent is None:
        return ""
    kids = [c for c in parent.children if isinstance(c, Node)]
    for kid in reversed(kids[: kids.index(ul)]):
        if kid.tag == "h2":
            return kid.text()
        if kid.tag == "ul":
            return ""
    return ""


def rows_of(doc: Node, kind: str, skipped: dict[str, int]) -> list[Row]:
    """The entries of a page, whatever its generation (``skipped``: legacy lists not read, by heading)."""
    return _rows_blocks(doc, kind) or _rows_2018(doc, kind) or _rows_legacy(doc, skipped)


def read(members: list[Member], options: ReadOptions) -> Parsed:
    """Read Facebook HTML friends, removed-friends and request pages of every generation.

    Parameters
    ----------
    members
        The members this importer claimed, in sorted order.
    options
        ``encoding`` wins over detection.

    Returns
    -------
    Parsed
        Friends as contacts (relation ``friend``, with the e-mail of ``Name (e-mail)`` entries),
        the other lists as request rows, and the issues.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.io.sources import iter_members
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "your_friends.html").write_text('<div class="_a6-g"><div class="_a6-h">Ana Lopez</div>'
    ...     '<div class="_a72d">août 07, 2022 10:55:38pm</div></div>')
    >>> parsed = read(list(iter_members(folder)), ReadOptions())
    >>> [(c["name"], c["connected_on"]) for c in parsed.contacts]
    [('Ana Lopez', '2022-08-07')]
    """
    out = Parsed()
    for member in members:
        doc = parse_html(decode(member.read(), member, options.encoding, out.issues), member)
        skipped_lists: dict[str, int] = {}
        rows = rows_of(doc, FILES[member.basename.lower()], skipped_lists)
        if not rows:
            out.issues.append(ImportIssue(member.label, "no rows found: the page layout is not one netmix knows"))
        _add_rows(out, rows, member.label)
        for heading, n in sorted(skipped_lists.items()):
            message = f"list {heading!r} not read ({n} entries): not friends nor friend requests"
            out.issues.append(ImportIssue(member.label, message, severity="info"))
    return out


def _add_rows(out: Parsed, rows: list[Row], label: str) -> None:
    """Add a page's rows, counting those without a name and the dates left unknown."""
    dates = LocalDates()
    skipped = 0
    for row in rows:
        name = " ".join(row.name.split())
        if not name:
            skipped += 1
            continue
        add_entry(out, row.kind, name, dates.read(row.date), label, email=row.email)
    if skipped:
        out.issues.append(ImportIssue(label, f"skipped {skipped} rows without a name"))
    if dates.no_year:
        out.issues.append(ImportIssue(label, f"{dates.no_year} dates have no year and were left unknown", severity="info"))
    if dates.unreadable:
        out.issues.append(ImportIssue(label, f"{dates.unreadable} dates could not be read and were left empty"))


IMPORTER = Importer(
    name="facebook-html",
    platform="facebook",
    description="Facebook archive (HTML), 2022+ / 2018-2021 / pre-2018 pages, with removed friends and requests",
    files=tuple(sorted(FILES)),
    claims=_claims,
    read=read,
)
