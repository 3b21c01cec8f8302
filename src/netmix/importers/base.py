"""What an importer is: a name, the files it recognises, and a pure ``read`` function.

An importer never sees the account's name or sphere: it turns members into rows of
``CONTACT_COLUMNS`` / ``REQUEST_COLUMNS`` (without ``contact_id``, ``account``, ``sphere``) and
issues. :func:`netmix.importers.load_account` adds the rest.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..io.sources import Member
from ..model import ImportIssue

__all__ = ["Importer", "Parsed", "ReadOptions", "epoch_to_date", "name_parts"]


@dataclass(frozen=True)
class ReadOptions:
    """Options the user can give an importer."""

    encoding: str | None = None
    columns: Mapping[str, str] | None = None  # generic CSV: contact column -> file column


@dataclass
class Parsed:
    """Rows produced by an importer (dicts keyed by model column names)."""

    contacts: list[dict] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)

    def extend(self, other: Parsed) -> None:
        self.contacts += other.contacts
        self.requests += other.requests
        self.issues += other.issues


@dataclass(frozen=True)
class Importer:
    """One export format.

    ``claims(member)`` must be cheap (the member's name; at most a peek at its first bytes) and
    say whether this importer reads that member. ``read(members, options)`` gets every claimed
    member of the export, in sorted order.
    """

    name: str  # "facebook-json"
    platform: str  # "facebook"
    description: str
    files: tuple[str, ...]  # recognised file names, shown by `netmix formats`
    claims: Callable[[Member], bool]
    read: Callable[[list[Member], ReadOptions], Parsed]
    explicit_only: bool = False  # only used when asked for (generic CSV)


def epoch_to_date(value: object) -> str:
    """Unix epoch seconds (int, float or digit string) to an ISO date in UTC; ``""`` if unusable."""
    try:
        ts = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    if not (0 < ts < 4_102_444_800):  # 1970 .. 2100
        return ""
    return _dt.datetime.fromtimestamp(ts, _dt.UTC).date().isoformat()


def name_parts(name: str) -> tuple[str, str]:
    """Split a display name into a first and a last name (best effort, for display only)."""
    bits = name.split()
    if len(bits) < 2:
        return name, ""
    return bits[0], " ".join(bits[1:])
