"""Instagram export, JSON and HTML, every layout since 2018 (FORMATS.md §4).

- 2018–2020 ``connections.json``: ``{"followers": {user: ISO date}, "following": {...},
  "follow_requests_sent": {...}}``.
- 2020 → now ``followers.json`` / ``followers_1.json`` (+ ``_2`` …, merged in natural order) and
  ``following.json``: a bare list of items or ``{"relationships_followers" | "relationships_following": [...]}``;
  the 2025 following items have the username in ``title`` and an ``/_u/<user>`` href, no ``value``.
- ``pending_follow_requests.json`` (sent), ``follow_requests_you've_received.json`` (received),
  ``recently_unfollowed_profiles.json`` (removed) → request history.
- HTML ``followers_1.html`` / ``following.html``: the last path segment of every instagram link,
  and the date written beside it (``Mar 23, 2025 6:45 am``, in the interface's language).

Username priority: ``value`` → ``title`` → last path segment of ``href``; lower-cased. One
contact per username, relation ``follower``, ``following`` or ``follower;following``.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..io.sources import Member
from ..io.text import decode, fix_mojibake_deep, load_json
from ..model import ImportIssue
from ..util.text import natural_key
from ..util.urls import url_slug
from ._html import parse_html
from ._util import peek
from .base import Importer, Parsed, ReadOptions, epoch_to_date
from .dates import LocalDates

__all__ = ["IMPORTER", "REQUEST_FILES", "read", "username_of"]

_FOLLOWERS = re.compile(r"^followers(_\d+)?\.(json|html)$")
_FOLLOWING = re.compile(r"^following(_\d+)?\.(json|html)$")
REQUEST_FILES: dict[str, str] = {
    "pending_follow_requests.json": "sent",
    "follow_requests_you've_received.json": "received",
    "follow_requests_you_ve_received.json": "received",
    "recently_unfollowed_profiles.json": "removed",
}
_USERNAME = re.compile(r"^[a-z0-9._]{1,30}$")


def _kind(member: Member) -> str | None:
    base = member.basename.lower()
    if base == "connections.json":
        return "connections"
    if _FOLLOWERS.match(base):
        return "follower"
    if _FOLLOWING.match(base):
        return "following"
    if base in REQUEST_FILES:
        return REQUEST_FILES[base]
    return None


def _claims(member: Member) -> bool:
    kind = _kind(member)
    if kind is None:
        return False
    base = member.basename.lower()
    if kind == "connections":
        head = peek(member)
        return head.lstrip().startswith("{") and any(f'"{k}"' in head for k in ("followers", "following", "follow_requests_sent"))
    if base.endswith(".html"):
        return "instagram.com" in peek(member, 16384)
    if kind in ("follower", "following"):
        # Facebook's own followers.json / following.json have other keys ({"following_v2": ...})
        head = peek(member).lstrip()
        return head.startswith("[") or '"relationships_' in head
    return True


def _shape_error(member: Member, what: str) -> InputError:
    return InputError(
        f"not an Instagram {member.basename} file: {what}",
        file=member.archive,
        member=member.inner,
        hint="give the folder or zip Instagram sent you (JSON or HTML format)",
    )


def _items(doc: object, member: Member) -> list:
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key.startswith("relationships_") and isinstance(value, list):
                return value
        raise _shape_error(member, "no 'relationships_…' list in it")
    raise _shape_error(member, "the top level is neither a list nor an object")


def username_of(item: object) -> tuple[str, str]:
    """``(username, date)`` of one relationship item; ``("", "")`` if it names nobody."""
    if not isinstance(item, dict):
        return "", ""
    data = item.get("string_list_data")
    entry = data[0] if isinstance(data, list) and data and isinstance(data[0], dict) else {}
    for candidate in (entry.get("value"), item.get("title"), url_slug(str(entry.get("href") or ""))):
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip().lstrip("@").lower(), epoch_to_date(entry.get("timestamp"))
    return "", ""


def _iso_prefix(value: object) -> str:
    text = str(value or "")
    return text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", text) else epoch_to_date(value)


class _Collector:
    def __init__(self) -> None:
        self.order: list[str] = []
        self.kinds: dict[str, set[str]] = {}
        self.dates: dict[str, str] = {}
        self.files: dict[str, str] = {}

    def add(self, username: str, kind: str, date: str, label: str) -> None:
        if username not in self.kinds:
            self.order.append(username)
            self.kinds[username] = set()
            self.files[username] = label
            self.dates[username] = ""
        self.kinds[username].add(kind)
        if date and (not self.dates[username] or date < self.dates[username]):
            self.dates[username] = date

    def contacts(self) -> list[dict]:
        """One contact per username, in first-seen order."""
        return [
            {
                "platform": "instagram",
                "relation": ";".join(k for k in ("follower", "following") if k in self.kinds[username]),
                "name": username,
                "handle": username,
                "profile_url": f"https://www.instagram.com/{username}",
                "connected_on": self.dates[username],
                "source_file": self.files[username],
            }
            for username in self.order
        ]


def read(members: list[Member], options: ReadOptions) -> Parsed:
    """Read Instagram followers, following and follow-request files (JSON or HTML).

    Parameters
    ----------
    members
        The members this importer claimed, in sorted order.
    options
        ``encoding`` wins over detection.

    Returns
    -------
    Parsed
        One contact per username (relation ``follower``, ``following`` or both), requests, and the issues.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.io.sources import iter_members
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> item = '{"string_list_data": [{"href": "https://www.instagram.com/ana.l", "value": "ana.l", "timestamp": 1700000000}]}'
    >>> _ = (folder / "followers_1.json").write_text(f"[{item}]")
    >>> _ = (folder / "following.json").write_text(f'{{"relationships_following": [{item}]}}')
    >>> parsed = read(list(iter_members(folder)), ReadOptions())
    >>> [(c["name"], c["relation"], c["connected_on"]) for c in parsed.contacts]
    [('ana.l', 'follower;following', '2023-11-14')]
    """
    out = Parsed()
    people = _Collector()
    for member in sorted(members, key=lambda m: natural_key(m.name, lower=True)):
        kind = _kind(member) or ""
        text = decode(member.read(), member, options.encoding, out.issues)
        if member.basename.lower().endswith(".html"):
            pairs = _html_pairs(text, member, kind, out.issues)
        else:
            pairs = _json_pairs(text, member, kind)
        skipped = 0
        for username, k, date in pairs:
            if not username or not _USERNAME.match(username):
                skipped += 1
            elif k in ("follower", "following"):
                people.add(username, k, date, member.label)
            else:
                out.requests.append(_request(username, k, date, member.label))
        if skipped:
            out.issues.append(ImportIssue(member.label, f"skipped {skipped} entries without a usable username"))
    out.contacts += people.contacts()
    return out


def _html_pairs(text: str, member: Member, kind: str, issues: list[ImportIssue]) -> list[tuple[str, str, str]]:
    """``(username, kind, date)`` of every instagram link of an HTML page.

    The date is the rest of the link's block (``div._a6-g``: ``Mar 23, 2025 6:45 am``), read in
    the page's language.
    """
    doc = parse_html(text, member)
    dates = LocalDates()
    pairs = []
    for a in doc.find_all("a"):
        href = a.attrs.get("href", "")
        if "instagram.com" in href:
            box = next((p for p in a.ancestors() if "_a6-g" in p.classes), None)
            rest = box.text().replace(a.text(), "", 1) if box is not None else ""
            pairs.append((url_slug(href).lower(), kind, dates.read(rest)))
    if dates.no_year or dates.unreadable:
        n = dates.no_year + dates.unreadable
        issues.append(ImportIssue(member.label, f"{n} dates could not be read and were left empty"))
    return pairs


def _json_pairs(text: str, member: Member, kind: str) -> list[tuple[str, str, str]]:
    """``(username, kind, date)`` of every entry of a JSON file (``connections.json`` holds several kinds)."""
    doc = fix_mojibake_deep(load_json(text, member))
    pairs: list[tuple[str, str, str]] = []
    if kind != "connections":
        for item in _items(doc, member):
            username, date = username_of(item)
            pairs.append((username, kind, date))
        return pairs
    if not isinstance(doc, dict):
        raise _shape_error(member, "the top level is not an object")
    for key, k in (("followers", "follower"), ("following", "following"), ("follow_requests_sent", "sent")):
        block = doc.get(key)
        if isinstance(block, dict):
            pairs += [(str(u).strip().lstrip("@").lower(), k, _iso_prefix(v)) for u, v in block.items()]
    return pairs


def _request(username: str, status: str, date: str, label: str) -> dict:
    return {
        "platform": "instagram",
        "status": status,
        "name": username,
        "handle": username,
        "profile_url": f"https://www.instagram.com/{username}",
        "date": date,
        "source_file": label,
    }


IMPORTER = Importer(
    name="instagram",
    platform="instagram",
    description="Instagram export (JSON or HTML): followers, following and follow requests, 2018 to 2025 layouts",
    files=(
        "connections.json",
        "followers_1.json",
        "followers.json",
        "following.json",
        *sorted(REQUEST_FILES),
        "followers_1.html",
        "following.html",
    ),
    claims=_claims,
    read=read,
)
