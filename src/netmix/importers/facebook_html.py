"""Facebook "Download Your Information" archives, HTML (FORMATS.md §1.3).

Three generations, told apart by the page structure, not by class names alone:

- 2022 → now ``connections/friends/your_friends.html``: one ``section`` (class ``_a6-g``) per
  person with the name in its ``h2`` and the date in ``footer div._a72d``; the removed, sent,
  received and rejected request pages of the same tree have the same rows.
- 2018–2021 ``friends/friends.html`` / ``friends_and_followers/friends.html``: the name in
  ``div._2lel`` and the date in the next ``div._2lem``.
- before 2018 ``html/friends.htm``: the first ``ul`` of ``div.contents``, items ``Name (Date)``.

HTML text is real UTF-8 (no mojibake repair). English dates become ISO dates; localized dates are
left empty with one info issue per file.
"""

from __future__ import annotations

import re

from ..io.sources import Member
from ..io.text import decode
from ..model import ImportIssue
from ._html import Node, parse_html
from ._util import parse_date
from .base import Importer, Parsed, ReadOptions
from .facebook_json import add_entry

__all__ = ["FILES", "IMPORTER", "read"]

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


def _claims(member: Member) -> bool:
    return member.basename.lower() in FILES


def _rows_2022(doc: Node) -> list[tuple[str, str]]:
    title_node = doc.find("title")
    title = title_node.text().lower() if title_node else ""
    rows = []
    for h2 in doc.find_all("h2"):
        box = next((a for a in h2.ancestors() if a.tag == "section" or "_a6-g" in a.classes), None)
        if box is None:
            continue
        name = h2.text()
        if not name or name.lower() == title:
            continue
        date_node = box.find("div", "_a72d") or box.find("footer")
        rows.append((name, date_node.text() if date_node else ""))
    return rows


def _rows_2018(doc: Node) -> list[tuple[str, str]]:
    rows = []
    for parent in [doc, *doc.iter()]:
        kids = [c for c in parent.children if isinstance(c, Node)]
        for i, kid in enumerate(kids):
            if "_2lel" in kid.classes:
                date_node = next((s for s in kids[i + 1 : i + 4] if "_2lem" in s.classes), None)
                rows.append((kid.text(), date_node.text() if date_node is not None else ""))
    return rows


_SUFFIX = re.compile(r"\s*\[[^\]]*\]\s*$")


def _rows_legacy(doc: Node) -> list[tuple[str, str]]:
    contents = doc.find("div", "contents")
    ul = contents.find("ul") if contents else None
    if ul is None:
        return []
    rows = []
    for li in (c for c in ul.children if isinstance(c, Node) and c.tag == "li"):
        text = _SUFFIX.sub("", li.text())
        name, date = text, ""
        if text.endswith(")") and "(" in text:
            cut = text.rfind("(")
            name, date = text[:cut].strip(), text[cut + 1 : -1].strip()
        rows.append((name, date))
    return rows


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
        Friends as contacts (relation ``friend``), the other lists as request rows, and the issues.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.io.sources import iter_members
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "your_friends.html").write_text('<section class="_a6-g"><h2 class="_a6-h">Ana Lopez</h2>'
    ...     '<footer><div class="_a72d">Dec 17, 2023 9:22:56 pm</div></footer></section>')
    >>> parsed = read(list(iter_members(folder)), ReadOptions())
    >>> [(c["name"], c["connected_on"]) for c in parsed.contacts]
    [('Ana Lopez', '2023-12-17')]
    """
    out = Parsed()
    for member in members:
        kind = FILES[member.basename.lower()]
        doc = parse_html(decode(member.read(), member, options.encoding), member)
        rows = _rows_2022(doc) or _rows_2018(doc) or _rows_legacy(doc)
        if not rows:
            out.issues.append(ImportIssue(member.label, "no rows found: the page layout is not one netmix knows"))
        skipped = unreadable = 0
        for raw_name, raw_date in rows:
            name = " ".join(raw_name.split())
            if not name:
                skipped += 1
                continue
            date = parse_date(raw_date, english_only=True)
            if raw_date and not date:
                unreadable += 1
            add_entry(out, kind, name, date, member.label)
        if skipped:
            out.issues.append(ImportIssue(member.label, f"skipped {skipped} rows without a name"))
        if unreadable:
            out.issues.append(
                ImportIssue(
                    member.label,
                    f"{unreadable} dates are not in English (localized account?) and were left empty; "
                    "download the export in JSON to get them",
                    severity="info",
                )
            )
    return out


IMPORTER = Importer(
    name="facebook-html",
    platform="facebook",
    description="Facebook archive (HTML), 2022+ / 2018-2021 / pre-2018 pages, with removed friends and requests",
    files=tuple(sorted(FILES)),
    claims=_claims,
    read=read,
)
