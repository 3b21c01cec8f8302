"""The data model: concepts as frozen dataclasses, bulk rows as DataFrames.

This module is the single source of column names. Every DataFrame netmix passes around holds
strings only (``""`` for unknown, never NaN) except where a column is declared numeric here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import pandas as pd

__all__ = [
    "Account",
    "Analysis",
    "BOTH",
    "BRIDGE_COLUMNS",
    "CIRCLE_COLUMNS",
    "CIRCLE_MEMBER_COLUMNS",
    "CLUSTER_COLUMNS",
    "CONTACT_COLUMNS",
    "CONTACT_FILLED_COLUMNS",
    "CONTACT_NAME_COLUMNS",
    "CONTACT_TABLE_COLUMNS",
    "Deferred",
    "DOUBLE_COLUMNS",
    "DOUBLE_TABLE_COLUMNS",
    "EXCLUSION_COLUMNS",
    "ImportIssue",
    "ImportResult",
    "LazyField",
    "PERSON_COLUMNS",
    "RELATIONS",
    "REQUEST_COLUMNS",
    "REQUEST_STATUSES",
    "RESOLVED_PERSON_COLUMNS",
    "REVIEW_COLUMNS",
    "Resolution",
    "SPHERES",
    "SPHERE_ALIASES",
    "TIE_COLUMNS",
    "TIE_EDGE_COLUMNS",
    "TIE_NODE_COLUMNS",
    "TieSet",
    "TieSource",
    "default_sphere",
    "empty_frame",
    "frame",
]

if TYPE_CHECKING:  # networkx is imported by the graph layer, not by the model
    import networkx as nx

Sphere = Literal["personal", "professional"]
SPHERES: tuple[str, ...] = ("personal", "professional")
BOTH = "both"  # a person reached from accounts of both spheres

#: How users may write a sphere (CLI, folder names in batch mode).
SPHERE_ALIASES: dict[str, str] = {
    "personal": "personal",
    "perso": "personal",
    "professional": "professional",
    "pro": "professional",
}
_PRO_WORDS = ("pro", "linkedin", "work", "job", "boulot", "travail")


def default_sphere(account_name: str) -> str:
    """``professional`` for account names that say so (pro, linkedin, work, …), else ``personal``.

    >>> default_sphere("linkedin"), default_sphere("perso")
    ('professional', 'personal')
    """
    low = account_name.lower()
    return "professional" if any(w in low for w in _PRO_WORDS) else "personal"

#: Kinds of relation a contact row can stand for.
RELATIONS: tuple[str, ...] = ("friend", "connection", "follower", "following", "contact")

#: Statuses of a request-history row.
REQUEST_STATUSES: tuple[str, ...] = ("sent", "received", "rejected", "removed")

# --- contacts ---------------------------------------------------------------------------------
#: One row per imported contact (one row of one export).
CONTACT_COLUMNS: tuple[str, ...] = (
    "contact_id",  # "<account>:<n>", n = 1-based position in the account's import order
    "account",  # the ego's account name ("perso", "pro", "linkedin")
    "platform",  # facebook, linkedin, twitter, instagram, google, outlook, vcard, csv
    "sphere",  # personal | professional
    "relation",  # one of RELATIONS
    "name",  # display name as the person reads it (encoding repaired)
    "first_name",
    "last_name",
    "source_id",  # best native key: URL, platform id, handle, email, else "name:<name>"
    "profile_url",
    "email",  # several joined with " ; "
    "phone",  # several joined with " ; "
    "handle",  # username without "@"
    "platform_id",  # numeric ids kept as strings
    "company",
    "position",
    "connected_on",  # ISO 8601 date "YYYY-MM-DD" or ""
    "source_file",  # file, and "!member" inside an archive
)

#: Contact columns netmix fills in itself: a generic-CSV column mapping may not set them.
CONTACT_FILLED_COLUMNS: tuple[str, ...] = ("contact_id", "account", "sphere", "source_file", "platform")

#: Contact columns holding (parts of) a name: their whitespace runs are collapsed on import.
CONTACT_NAME_COLUMNS: tuple[str, ...] = ("name", "first_name", "last_name")

#: One row per request-history event (sent, received, rejected, removed).
REQUEST_COLUMNS: tuple[str, ...] = (
    "account",
    "platform",
    "sphere",
    "status",  # one of REQUEST_STATUSES
    "name",
    "profile_url",
    "handle",
    "platform_id",
    "date",  # ISO 8601 date or ""
    "source_file",
)

# --- ties -------------------------------------------------------------------------------------
#: Nodes of one tie file: the people it names.
TIE_NODE_COLUMNS: tuple[str, ...] = (
    "node",  # the node key inside the tie file (id, or name when the file has no ids)
    "name",  # display label ("" when the file has none)
    "platform_id",  # a platform id when the file carries one (Netvizz uid)
)

#: Edges of one tie file, between node keys. ``weight`` is a float column.
TIE_EDGE_COLUMNS: tuple[str, ...] = ("a", "b", "weight")

# --- resolution and analysis outputs (the output contract, DESIGN.md) -------------------------
PERSON_COLUMNS: tuple[str, ...] = ("person_id", "name", "accounts", "sphere", "cluster")
DOUBLE_COLUMNS: tuple[str, ...] = (
    "person_id",
    "name",
    "accounts",
    "names",  # "perso: Marie Dupont | pro: Marie Dupont (OT Pau)"
    "confidence",  # float 0..1
    "band",  # certain | likely | review
    "evidence",
    "suggestion",
)
CLUSTER_COLUMNS: tuple[str, ...] = ("cluster", "label", "size", "personal", "professional", "both")
EXCLUSION_COLUMNS: tuple[str, ...] = ("name", "person_id", "cluster", "mutual", "status")
BRIDGE_COLUMNS: tuple[str, ...] = ("person_id", "name", "rank")
#: The columns contacts.csv and doubles.csv start with (the resolution's other columns follow).
CONTACT_TABLE_COLUMNS: tuple[str, ...] = ("account", "platform", "name", "source_id", "person_id")
DOUBLE_TABLE_COLUMNS: tuple[str, ...] = ("person_id", "name", "accounts", "confidence", "evidence", "suggestion")
CIRCLE_COLUMNS: tuple[str, ...] = ("circle", "label", "size", "parent", "personal", "professional", "both")
CIRCLE_MEMBER_COLUMNS: tuple[str, ...] = ("circle", "person_id", "centrality")
#: review.csv / review.xlsx: one row per pair or group a person should decide, most at stake first. The
#: decisions-file columns (person_id … source_keys, read back by ``--decisions``) plus what the decision is
#: about: ``kind`` is ``review`` (a double in the review band), ``possible_bridge`` or ``possible_homonym``;
#: ``stake`` orders the rows; ``rank_if_same`` is the bridge rank the pair would have as one person.
REVIEW_COLUMNS: tuple[str, ...] = (
    "review_id",
    "kind",
    "stake",
    "rank_if_same",
    "person_id",
    "name",
    "accounts",
    "decision",
    "note",
    "band",
    "confidence",
    "evidence",
    "suggestion",
    "contact_ids",
    "source_keys",
)


def empty_frame(columns: Iterable[str]) -> pd.DataFrame:
    """An empty DataFrame of string columns."""
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})


def frame(rows: list[dict], columns: Iterable[str]) -> pd.DataFrame:
    """Build a DataFrame with exactly ``columns`` (missing values become ``""``)."""
    cols = list(columns)
    if not rows:
        return empty_frame(cols)
    if all(type(r) is dict for r in rows):
        data = {}
        for c in cols:
            values = [r.get(c) for r in rows]
            kinds = set(map(type, values))
            if not kinds <= {str, type(None)}:
                break  # numbers, NaN...: let pandas convert them as it always did
            data[c] = [v if v is not None else "" for v in values] if type(None) in kinds else values
        else:  # text only (the usual case): build the object columns directly, no conversion
            return pd.DataFrame(data, columns=cols, dtype=object)
    df = pd.DataFrame.from_records(rows, columns=cols)
    return df.astype(object).fillna("")


# --- records ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Account:
    """One of the ego's accounts: a name, a sphere and where its export is."""

    name: str
    sphere: str
    path: str
    platform: str | None = None  # None: detect from the files
    encoding: str | None = None  # None: detect (BOM, strict UTF-8)
    columns: tuple[tuple[str, str], ...] = ()  # generic CSV: (contact field, file column) pairs

    def __post_init__(self) -> None:
        from .errors import ConfigError

        if self.sphere not in SPHERES:
            raise ConfigError(
                f"account {self.name!r}: sphere {self.sphere!r} is not one of {', '.join(SPHERES)}",
                hint="write --account NAME:personal=PATH or NAME:professional=PATH",
            )
        if not self.name or any(c in self.name for c in ":=|;"):
            raise ConfigError(
                f"account name {self.name!r} is empty or contains one of ':=|;'",
                hint="use a short name such as perso, pro or linkedin",
            )


@dataclass(frozen=True)
class TieSource:
    """A tie file, optionally owned by one account (its labels are that account's names)."""

    path: str
    account: str | None = None
    format: str | None = None  # None: detect


@dataclass(frozen=True)
class ImportIssue:
    """Something an importer repaired or skipped, told to the user (never a whole row)."""

    file: str
    message: str
    line: int | None = None
    severity: Literal["info", "warning"] = "warning"

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{self.severity}: {where}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    """What importing one account gives: contacts, request history and issues."""

    contacts: pd.DataFrame
    requests: pd.DataFrame
    issues: tuple[ImportIssue, ...] = ()
    formats: tuple[str, ...] = ()  # importer names that contributed


@dataclass(frozen=True)
class TieSet:
    """The ties read from one tie file."""

    nodes: pd.DataFrame  # TIE_NODE_COLUMNS
    edges: pd.DataFrame  # TIE_EDGE_COLUMNS (weight: float)
    source: str  # file name for messages and run.json
    format: str
    account: str | None = None
    issues: tuple[ImportIssue, ...] = field(default=())


# --- results ----------------------------------------------------------------------------------
#: persons table of a resolution (before analysis adds cluster and metrics).
RESOLVED_PERSON_COLUMNS: tuple[str, ...] = (
    "person_id",  # "p" + 10 hex chars, stable across runs (hash of the person's smallest source key)
    "name",  # the display name to show (the most complete of its contacts' names)
    "accounts",  # ego accounts it is a contact of, sorted, joined with ";" ("" for non-contacts)
    "sphere",  # personal | professional | both | "" (non-contact)
    "is_contact",  # "1" or "0"
    "contact_ids",  # joined with ";"
    "company",
    "position",
    "first_connected",  # earliest connected_on of its contacts, ISO date or ""
)

#: person-level ties (undirected, a < b), observed in tie files or inferred.
TIE_COLUMNS: tuple[str, ...] = ("a", "b", "weight", "kind", "source")  # kind: observed | inferred


@dataclass(frozen=True)
class Resolution:
    """Contacts resolved into persons.

    ``contacts``: CONTACT_COLUMNS + ``person_id``.
    ``persons``: RESOLVED_PERSON_COLUMNS, one row per person (contacts and non-contacts), sorted by id.
    ``doubles``: DOUBLE_COLUMNS (+ ``decision``), one row per person reached from ≥ 2 accounts or
    per cross-account pair left to review, sorted by confidence then name.
    ``duplicates``: within-account duplicates (person_id, name, account, contact_ids, confidence, evidence).
    ``ties``: TIE_COLUMNS between person ids (``a < b``), kind "observed"; ``a`` and ``b`` are ordered
    categoricals over every person's id, sorted (compared, sorted and matched as the ids are; read by their codes).
    ``requests``: REQUEST_COLUMNS + ``person_id``.
    ``params``: threshold, decisions file, counts — for run.json.
    """

    contacts: pd.DataFrame
    persons: pd.DataFrame
    doubles: pd.DataFrame
    duplicates: pd.DataFrame
    ties: pd.DataFrame
    requests: pd.DataFrame
    params: dict = field(default_factory=dict)


T = TypeVar("T")


class Deferred:
    """A value made on first use: ``Deferred(f, *args)`` given to a :class:`LazyField` is replaced by
    ``f(*args)`` the first time the field is read (the person graph nobody may ask for)."""

    def __init__(self, make: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.make, self.args, self.kwargs = make, args, kwargs

    def __call__(self) -> Any:
        return self.make(*self.args, **self.kwargs)


class LazyField(Generic[T]):
    """A dataclass field (default ``None``) whose value may be a :class:`Deferred`, made once when first read."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = f"_{name}"

    def __get__(self, obj: object | None, owner: type | None = None) -> T:
        if obj is None:
            return None  # type: ignore[return-value]  # the field's default
        value = obj.__dict__.get(self.attr)
        if isinstance(value, Deferred):
            value = obj.__dict__[self.attr] = value()
        return value  # type: ignore[return-value]

    def __set__(self, obj: object, value: T | Deferred | None) -> None:
        obj.__dict__[self.attr] = value  # from __init__ only: the dataclass is frozen


@dataclass(frozen=True)
class Analysis:
    """Everything ``netmix analyze`` computes from a resolution.

    ``persons``: PERSON_COLUMNS + metrics (degree, betweenness, constraint, effective_size,
    participation, brokerage, ego_role, bridging_score, articulation) for every person.
    ``clusters``: CLUSTER_COLUMNS + label_source, coverage per account (``reach_<account>``).
    ``exclusions``: EXCLUSION_COLUMNS (+ reason). ``bridges``: BRIDGE_COLUMNS + scores.
    ``waves``: one row per connection wave. ``overlap``: account and sphere overlap figures.
    ``summary``: headline counts and figures (summary.json). ``params``: seed, resolution,
    engines used (run.json). ``graph``: the person graph as networkx (observed + inferred ties; node
    attributes: name, sphere, cluster, accounts, is_contact; edge attributes: weight, kind), made
    from ``persons`` and ``ties`` the first time it is read when ``analyse`` made the analysis.
    ``ties``: the same ties as a table (``a, b, weight, kind, source``; the outputs draw from it; ``a`` and
    ``b`` may be categoricals of the person ids).
    ``circles``: CIRCLE_COLUMNS + level, inclusion and exclusion counts (overlapping circles).
    ``circle_members``: CIRCLE_MEMBER_COLUMNS, one row per person and circle.
    """

    persons: pd.DataFrame
    clusters: pd.DataFrame
    exclusions: pd.DataFrame
    bridges: pd.DataFrame
    waves: pd.DataFrame
    overlap: dict
    summary: dict
    params: dict
    graph: LazyField[nx.Graph] = LazyField()
    circles: pd.DataFrame = field(default_factory=lambda: empty_frame(CIRCLE_COLUMNS))  # CIRCLE_COLUMNS + composition
    circle_members: pd.DataFrame = field(default_factory=lambda: empty_frame(CIRCLE_MEMBER_COLUMNS))
    ties: pd.DataFrame | None = None  # every tie of the person graph (EDGE_COLUMNS), ends as in Resolution.ties
