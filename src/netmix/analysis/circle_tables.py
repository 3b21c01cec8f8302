"""The circles as tables: one row per circle, one row per membership, a count per person.

- ``circles``: ``CIRCLE_COLUMNS`` (circle, label, size, parent, and the composition by sphere),
  then ``level`` (0 for a circle without parent), ``non_contacts``, ``label_source``,
  ``contacts``, ``reach_<account>`` and ``reached_from`` (inclusion, as for clusters:
  :func:`.exclusion.inclusion`), ``other_sphere_only`` and ``kept_out`` (exclusion, below).
- ``circle_members``: ``CIRCLE_MEMBER_COLUMNS``: circle, person_id, ``centrality`` — the share
  of the circle's other members the person is tied to (observed ties) — and ``ties_in_circle``.

Exclusion per circle, as per cluster: ``other_sphere_only`` counts the circle's contacts reached
only from the other sphere when at least ``dominant_share`` of its contacts (and at least
``min_contacts`` of them) are of one sphere; ``kept_out`` counts the persons of the exclusions
table (not connected, requests, removed) who are members of the circle or tied to at least
``min_mutual`` of its contacts.

Circle ids are ``ci01``, ``ci02``, … in circle order (largest first); labels come from what the
members share, as cluster labels do (:func:`.labels.label_clusters`), and a user label given
for a circle id wins.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..model import CIRCLE_COLUMNS, CIRCLE_MEMBER_COLUMNS
from ..util.arrays import group_positions
from ._adjacency import Adjacency
from .circles import Circles
from .clusters import composition
from .exclusion import inclusion
from .labels import label_clusters

__all__ = ["circle_ids", "circle_tables", "membership_matrix"]


def circle_ids(n: int) -> list[str]:
    """``ci01`` … for ``n`` circles (more digits from 100 circles on).

    >>> circle_ids(3)
    ['ci01', 'ci02', 'ci03']
    """
    width = max(2, len(str(n)))
    return [f"ci{i:0{width}d}" for i in range(1, n + 1)]


def membership_matrix(circles: Circles, n: int, keep: np.ndarray | None = None) -> sp.csr_matrix:
    """Node × circle 0/1 matrix (only the nodes where ``keep`` is true, when given)."""
    rows = np.concatenate([m for m in circles.members]) if len(circles) else np.array([], dtype=np.int64)
    cols = np.repeat(np.arange(len(circles)), [m.size for m in circles.members])
    if keep is not None:
        rows, cols = rows[keep[rows]], cols[keep[rows]]
    return sp.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(n, len(circles)))


def _long(persons: pd.DataFrame, circles: Circles, ids: list[str]) -> pd.DataFrame:
    """One row per membership: the member's person columns with ``cluster`` = the circle id, so the
    cluster measures (composition, inclusion, labels) apply to circles unchanged."""
    rows = np.concatenate(list(circles.members))
    cols = [
        c for c in ("person_id", "sphere", "accounts", "is_contact", "company", "position", "first_connected") if c in persons
    ]
    long = persons.iloc[rows][cols].reset_index(drop=True)
    long["cluster"] = np.repeat(np.asarray(ids, dtype=object), [m.size for m in circles.members])
    return long


def _other_sphere(long: pd.DataFrame, dominant_share: float, min_contacts: int) -> dict[str, int]:
    """circle → contacts reached only from the other sphere than the circle's dominant one."""
    out: dict[str, int] = {}
    contacts = long[long["is_contact"] == "1"]
    sphere = contacts["sphere"].to_numpy(dtype=object)
    for c, at in group_positions(contacts["cluster"].to_numpy(dtype=object)):
        s = sphere[at]
        if at.size < min_contacts:
            continue
        for dom, other in (("personal", "professional"), ("professional", "personal")):
            if (s == dom).sum() >= dominant_share * at.size:
                out[c] = int((s == other).sum())
    return out


def _kept_out(
    persons: pd.DataFrame, observed: Adjacency, circles: Circles, exclusions: pd.DataFrame, min_mutual: int
) -> np.ndarray:
    """Per circle: excluded persons who are members or tied to ``min_mutual`` of its contacts."""
    if not len(exclusions) or not len(circles):
        return np.zeros(len(circles), dtype=np.int64)
    rows = exclusions[exclusions["status"] != "other sphere only"]
    excluded = pd.Index(persons["person_id"]).get_indexer(pd.Index(rows["person_id"].unique()))
    excluded = np.sort(excluded[excluded >= 0])
    contacts = persons["is_contact"].to_numpy(dtype=object) == "1"
    member = membership_matrix(circles, observed.n)[excluded]
    tied = (observed.binary[excluded] @ membership_matrix(circles, observed.n, contacts)) >= min_mutual
    return np.asarray((member + tied).astype(bool).sum(axis=0)).ravel().astype(np.int64)


def _members(persons: pd.DataFrame, observed: Adjacency, circles: Circles, ids: list[str]) -> pd.DataFrame:
    """The membership table: ties of each member to the circle's other members, and their share."""
    mat = membership_matrix(circles, observed.n).tocoo()
    inside = (observed.binary @ membership_matrix(circles, observed.n)).multiply(membership_matrix(circles, observed.n)).tocsr()
    ties = np.asarray(inside[mat.row, mat.col]).ravel().astype(np.int64)
    sizes = np.array([m.size for m in circles.members], dtype=np.int64)[mat.col]
    df = pd.DataFrame(
        {
            "circle": np.asarray(ids, dtype=object)[mat.col],
            "person_id": persons["person_id"].to_numpy(dtype=object)[mat.row],
            "centrality": np.round(ties / np.maximum(sizes - 1, 1), 4),
            "ties_in_circle": ties,
        }
    )
    df = df.sort_values(["circle", "centrality", "person_id"], ascending=[True, False, True], kind="mergesort")
    return df[list(CIRCLE_MEMBER_COLUMNS) + ["ties_in_circle"]].reset_index(drop=True)


def circle_tables(
    persons: pd.DataFrame,
    observed: Adjacency,
    circles: Circles,
    *,
    accounts: list[str],
    exclusions: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    min_mutual: int = 3,
    dominant_share: float = 0.6,
    min_contacts: int = 3,
) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """The ``circles`` and ``circle_members`` tables and each person's number of circles.

    ``persons`` is in ``observed`` node order (sorted person ids) with the columns the cluster
    tables need; see the module docstring for the columns.
    """
    ids = circle_ids(len(circles))
    count = np.asarray(membership_matrix(circles, observed.n).sum(axis=1)).ravel().astype(np.int64)
    if not len(circles):
        cols = list(CIRCLE_COLUMNS) + ["level", "non_contacts", "label_source", "contacts"] + [f"reach_{a}" for a in accounts]
        empty = {c: pd.Series([], dtype=object) for c in cols + ["reached_from", "other_sphere_only", "kept_out"]}
        members = {c: pd.Series([], dtype=object) for c in list(CIRCLE_MEMBER_COLUMNS) + ["ties_in_circle"]}
        return pd.DataFrame(empty), pd.DataFrame(members), count
    long = _long(persons, circles, ids)
    df = composition(long).rename(columns={"cluster": "circle"})
    lab = label_clusters(long, labels=labels).rename(columns={"cluster": "circle"})
    inc = inclusion(long, accounts).drop(columns=["non_contacts"]).rename(columns={"cluster": "circle"})
    df = df.merge(lab, on="circle").merge(inc, on="circle")
    parent = dict(zip(ids, (ids[p] if p >= 0 else "" for p in circles.parent.tolist()), strict=True))
    df["parent"] = df["circle"].map(parent)
    df["level"] = df["circle"].map(dict(zip(ids, _levels(circles.parent).tolist(), strict=True))).astype(np.int64)
    df["other_sphere_only"] = df["circle"].map(_other_sphere(long, dominant_share, min_contacts)).fillna(0).astype(np.int64)
    df["kept_out"] = df["circle"].map(
        dict(zip(ids, _kept_out(persons, observed, circles, exclusions, min_mutual).tolist(), strict=True))
    )
    first = [*CIRCLE_COLUMNS, "level", "non_contacts"]
    df = df[first + [c for c in df.columns if c not in first]].sort_values("circle", kind="mergesort").reset_index(drop=True)
    return df, _members(persons, observed, circles, ids), count


def _levels(parent: np.ndarray) -> np.ndarray:
    """Depth of each circle in the containment hierarchy (parents come before their children)."""
    level = np.zeros(parent.size, dtype=np.int64)
    for i, p in enumerate(parent.tolist()):
        if p >= 0:
            level[i] = level[p] + 1
    return level
