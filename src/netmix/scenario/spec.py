"""The scenario's specification: the ego, her accounts, the clusters and how much of each case to plant.

Every number is a named field (:class:`ClusterSpec`, :class:`Scale`), so a scale reads as a
description of the story rather than a row of magic numbers.

>>> SMALL.clusters[0].key, SMALL.clusters[0].size
('family', 22)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "EGO",
    "EGO_URL",
    "ZIP_STEM",
    "ACCOUNT_ORDER",
    "ACCOUNT_SPHERE",
    "MEETING",
    "WAVE_START",
    "WAVE_END",
    "PRO_START",
    "ClusterSpec",
    "NonContact",
    "Scale",
    "SMALL",
    "large_scale",
]

EGO = "Maud Lefèvre"
EGO_URL = "https://www.linkedin.com/in/maud-lefevre-7f3a2b"
ZIP_STEM = "facebook-maudlefevre-2025-01-01-AbCdEf12"
ACCOUNT_ORDER = ("perso", "pro", "linkedin")
ACCOUNT_SPHERE = {"perso": "personal", "pro": "professional", "linkedin": "professional"}
#: the national meeting in Pau that brought a wave of new friends to the pro account.
MEETING = "Rencontres nationales des offices de tourisme, Pau"
WAVE_START, WAVE_END = dt.date(2012, 10, 17), dt.date(2012, 10, 21)
PRO_START = dt.date(2011, 3, 1)


@dataclass(frozen=True)
class ClusterSpec:
    """One cluster of humans: its kind, sphere, size, density and who is on which account."""

    key: str
    kind: str  # family, school, sports, neighbours, office, national, partners, media, digital, linkedin
    size: int
    p_in: float
    perso: float  # share of members who are friends of the personal account
    pro: float
    linkedin: float
    doubles: float = 0.0  # share of members friends with both Facebook accounts

    @property
    def sphere(self) -> str:
        return "personal" if self.kind in ("family", "school", "sports", "neighbours") else "professional"


@dataclass(frozen=True)
class NonContact:
    """A planted non-contact: tied to ``picks`` contacts visible in ``account``'s tie file."""

    name: str | None
    cluster: str
    account: str
    status: str  # pending | rejected | removed | none
    picks: tuple[tuple[str, int], ...]  # (cluster key, "@personal", "@professional"), count


@dataclass(frozen=True)
class Scale:
    """How big the world is and how many of each planted case it holds."""

    name: str  # small | large
    clusters: tuple[ClusterSpec, ...]
    p_out: float  # probability of a tie between two humans of different clusters
    variants: int  # pro-side name variants (markers, swapped, diminutive, …)
    dup_accounts: int  # humans with a second own account in the pro account
    cross_homonyms: int  # same-name pairs across the spheres (different people)
    inner_homonyms: int  # same-name pairs inside the personal sphere
    double_bridges: int  # colleagues-turned-friends present in both Facebook accounts
    single_bridges: int  # one-account humans tied across the spheres
    wave: int  # pro contacts added at the national meeting
    noncontacts: tuple[NonContact, ...]  # planted non-contacts (named or not)
    random_noncontacts: int  # further non-contacts drawn at random (large scale)
    requests: dict[tuple[str, str], int]  # (account, status) -> request-only humans
    invitations: tuple[int, int]  # LinkedIn (outgoing, incoming)
    caps: dict[str, int] = field(default_factory=dict)
    split_bridges: int = 0  # colleagues also friends of the personal account whose ties each file shows on its side only


_BRUNO = NonContact(
    "Bruno Garnier",
    "national-network",
    "pro",
    "pending",
    (("national-network", 16), ("tourist-office-pau", 3), ("@personal", 3)),
)
_SMALL_NONCONTACTS = (
    _BRUNO,
    NonContact(None, "sports-club", "perso", "rejected", (("sports-club", 4),)),
    NonContact(None, "school-friends", "perso", "removed", (("school-friends", 5),)),
    NonContact(None, "regional-partners", "pro", "none", (("regional-partners", 3),)),
)

SMALL = Scale(
    name="small",
    clusters=(
        ClusterSpec(key="family", kind="family", size=22, p_in=0.40, perso=0.95, pro=0.0, linkedin=0.05, doubles=0.14),
        ClusterSpec(key="school-friends", kind="school", size=38, p_in=0.30, perso=0.96, pro=0.0, linkedin=0.30, doubles=0.08),
        ClusterSpec(key="sports-club", kind="sports", size=42, p_in=0.30, perso=0.97, pro=0.0, linkedin=0.05, doubles=0.10),
        ClusterSpec(key="neighbours", kind="neighbours", size=30, p_in=0.30, perso=0.96, pro=0.0, linkedin=0.02, doubles=0.04),
        ClusterSpec(key="tourist-office-pau", kind="office", size=30, p_in=0.40, perso=0.0, pro=1.0, linkedin=0.85, doubles=0.43),
        ClusterSpec(
            key="national-network", kind="national", size=140, p_in=0.25, perso=0.0, pro=0.63, linkedin=0.92, doubles=0.022
        ),
        ClusterSpec(
            key="regional-partners", kind="partners", size=55, p_in=0.30, perso=0.0, pro=0.80, linkedin=0.60, doubles=0.055
        ),
        ClusterSpec(key="journalists", kind="media", size=28, p_in=0.30, perso=0.0, pro=0.78, linkedin=0.55),
        ClusterSpec(key="digital-network", kind="digital", size=70, p_in=0.30, perso=0.0, pro=0.55, linkedin=0.90, doubles=0.015),
    ),
    p_out=0.005,
    variants=12,
    dup_accounts=1,
    cross_homonyms=3,
    inner_homonyms=1,
    double_bridges=4,
    single_bridges=2,
    split_bridges=4,
    wave=40,
    noncontacts=_SMALL_NONCONTACTS,
    random_noncontacts=0,
    requests={
        ("perso", "sent"): 2,
        ("perso", "received"): 3,
        ("perso", "rejected"): 1,
        ("perso", "removed"): 3,
        ("pro", "sent"): 2,
        ("pro", "received"): 3,
        ("pro", "rejected"): 1,
        ("pro", "removed"): 2,
    },
    invitations=(4, 6),
)


def _large_clusters(rng: np.random.Generator) -> tuple[ClusterSpec, ...]:
    """Clusters of 50–300 people: ~4,800 personal, ~4,800 professional, the rest LinkedIn only."""
    out: list[ClusterSpec] = []

    def fill(kinds: tuple[str, ...], total: int, make) -> None:
        n, i = 0, 0
        while n < total:
            size = int(rng.integers(50, 301))
            kind = kinds[i % len(kinds)]
            out.append(make(f"{kind}-{i + 1:02d}", kind, size))
            n += size
            i += 1

    fill(
        ("family", "school", "sports", "neighbours"),
        5000,
        lambda k, kind, s: ClusterSpec(
            key=k, kind=kind, size=s, p_in=float(rng.uniform(0.4, 0.65)), perso=1.0, pro=0.0, linkedin=0.04, doubles=0.025
        ),
    )
    fill(
        ("office", "national", "partners", "media", "digital"),
        5600,
        lambda k, kind, s: ClusterSpec(
            key=k, kind=kind, size=s, p_in=float(rng.uniform(0.4, 0.65)), perso=0.0, pro=0.9, linkedin=0.8, doubles=0.07
        ),
    )
    fill(
        ("linkedin",), 26500, lambda k, kind, s: ClusterSpec(key=k, kind=kind, size=s, p_in=0.0, perso=0.0, pro=0.0, linkedin=1.0)
    )
    return tuple(out)


def large_scale(rng: np.random.Generator) -> Scale:
    clusters = _large_clusters(rng)
    national = next(c.key for c in clusters if c.kind == "national")
    office = next(c.key for c in clusters if c.kind == "office")
    bruno = NonContact(_BRUNO.name, national, "pro", "pending", ((national, 16), (office, 3), ("@personal", 3)))
    return Scale(
        name="large",
        clusters=clusters,
        p_out=0.0003,
        variants=200,
        dup_accounts=10,
        cross_homonyms=30,
        inner_homonyms=5,
        double_bridges=40,
        single_bridges=20,
        split_bridges=20,
        wave=300,
        noncontacts=(bruno,),
        random_noncontacts=50,
        requests={(a, s): 20 for a in ("perso", "pro") for s in ("sent", "received", "rejected", "removed")},
        invitations=(40, 60),
        caps={"perso": 5000, "pro": 5000, "linkedin": 30000},
    )
