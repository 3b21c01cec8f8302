"""The named steps of :func:`netmix.analysis.analyse`, each adding columns to the persons table.

Every step reads the persons table (sorted by ``person_id``, text columns blank rather than
missing) and the **observed** tie graph; none reads the inferred ties except
:func:`inferred_degree`. The order of the columns they add is the order of ``persons.csv``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np
import pandas as pd

from ..graph import detect_waves, tie_weights
from ..model import Resolution
from ..util.arrays import as_ids, blank_text
from ._adjacency import Adjacency, from_edges
from .ahead import Ahead, start_ahead
from .bridges import (
    articulation_points,
    bridging_score,
    effective_size,
    participation,
    sphere_participation,
    world_sides,
)
from .clusters import cluster_persons, sphere_sides
from .exclusion import mutual_counts
from .roles import brokerage, dominant_role, ego_roles

__all__ = [
    "Ahead",
    "OptionArgs",
    "Options",
    "add_betweenness",
    "add_clusters",
    "add_structure",
    "find_waves",
    "inferred_degree",
    "observed_graph",
    "prepare_persons",
    "start_structure",
    "tie_adjacency",
]

Progress = Callable[[str], None]

#: Text columns every person row has (blank when the resolution did not give them).
PERSON_TEXT: tuple[str, ...] = ("name", "accounts", "sphere", "is_contact", "company", "position", "first_connected")


@dataclass(frozen=True)
class Options:
    """The parameters of :func:`netmix.analysis.analyse`.

    ``seed`` seeds community detection and betweenness sampling; ``resolution_param`` is γ of the
    Leiden modularity (larger, smaller clusters); ``min_mutual`` the least mutual contacts that
    makes a non-contact "excluded"; betweenness is exact up to ``exact_betweenness_max`` persons
    with ties, sampled from ``betweenness_samples`` sources above; ``infer`` adds inferred ties to
    the graph; ``wave_days, wave_min_size, wave_factor`` set :func:`netmix.graph.waves.detect_waves`;
    ``insider_share, connector_top, gateway_participation`` the ego roles (:mod:`.roles`);
    ``top_bridges`` the rows kept in the bridges table (``None``: all).
    """

    seed: int = 0
    resolution_param: float = 1.0
    min_mutual: int = 3
    exact_betweenness_max: int = 2000
    betweenness_samples: int = 500
    infer: bool = True
    wave_days: int = 7
    wave_min_size: int = 5
    wave_factor: float = 3.0
    insider_share: float = 0.8
    connector_top: float = 0.05
    gateway_participation: float = 0.5
    top_bridges: int | None = 500


class OptionArgs(TypedDict, total=False):
    """The keyword arguments of :func:`netmix.analysis.analyse`: the fields of :class:`Options`."""

    seed: int
    resolution_param: float
    min_mutual: int
    exact_betweenness_max: int
    betweenness_samples: int
    infer: bool
    wave_days: int
    wave_min_size: int
    wave_factor: float
    insider_share: float
    connector_top: float
    gateway_participation: float
    top_bridges: int | None


def prepare_persons(resolution: Resolution) -> pd.DataFrame:
    """The resolution's persons sorted by id, with every :data:`PERSON_TEXT` column as blank-filled text.

    >>> import pandas as pd
    >>> from netmix.model import Resolution
    >>> e = pd.DataFrame()
    >>> p = prepare_persons(Resolution(e, pd.DataFrame({"person_id": ["b", "a"], "name": ["B", None]}), e, e, e, e))
    >>> p[["person_id", "name", "sphere"]].values.tolist()
    [['a', '', ''], ['b', 'B', '']]
    """
    persons = resolution.persons.copy()
    persons["person_id"] = blank_text(persons["person_id"])
    persons = persons.sort_values("person_id", kind="mergesort").reset_index(drop=True)
    for col in PERSON_TEXT:
        persons[col] = blank_text(persons[col] if col in persons.columns else [""] * len(persons), persons.index)
    return persons


def find_waves(resolution: Resolution, opts: Options) -> pd.DataFrame:
    """The connection waves of the resolution's contacts (:func:`netmix.graph.waves.detect_waves`)."""
    contacts = resolution.contacts if resolution.contacts is not None else pd.DataFrame(columns=["account", "connected_on"])
    return detect_waves(contacts, days=opts.wave_days, min_size=opts.wave_min_size, factor=opts.wave_factor)


def tie_adjacency(persons: pd.DataFrame, ties: pd.DataFrame, *, weighted: bool = True) -> Adjacency:
    """An :class:`~._adjacency.Adjacency` over every person from an ``EDGE_COLUMNS`` tie table."""
    return from_edges(persons["person_id"].tolist(), ties["a"], ties["b"], ties["weight"] if weighted else None)


def add_clusters(
    persons: pd.DataFrame, observed: Adjacency, waves: pd.DataFrame, opts: Options
) -> tuple[np.ndarray, dict[str, Any]]:
    """Add ``cluster`` and ``cluster_basis`` (:func:`.clusters.cluster_persons`).

    Returns the cluster code of every person (``-1``: none; codes in cluster id order) and the
    clustering facts for ``run.json``.
    """
    assigned, info = cluster_persons(persons, observed, waves=waves, seed=opts.seed, resolution=opts.resolution_param)
    persons["cluster"] = blank_text(assigned["cluster"].to_numpy(), persons.index)
    persons["cluster_basis"] = blank_text(assigned["basis"].to_numpy(), persons.index)
    codes = np.full(len(persons), -1, dtype=np.int64)
    has = persons["cluster"].to_numpy() != ""
    if has.any():
        codes[has] = np.unique(persons["cluster"].to_numpy()[has], return_inverse=True)[1]
    return codes, info


def start_structure(person_ids: Sequence[str], ties: pd.DataFrame | None, opts: Options) -> Ahead:
    """Start the slowest measures, betweenness and the circles' partitions (:mod:`.ahead`: in another process on
    big graphs), first of all, on the observed graph of a resolution's ``ties`` between ``person_ids`` (sorted, as
    :func:`prepare_persons` sorts them), made without the observed tie table (:func:`observed_graph`) — so that
    they can start as soon as the resolution has made its persons and ties.
    """
    return start_ahead(
        observed_graph(person_ids, ties), exact_max=opts.exact_betweenness_max, samples=opts.betweenness_samples, seed=opts.seed
    )


def observed_graph(person_ids: Sequence[str], ties: pd.DataFrame | None) -> Adjacency:
    """The observed ties of a resolution's ``ties`` between ``person_ids``: the graph :func:`tie_adjacency` makes
    of :func:`netmix.graph.observed_ties`, node for node, tie for tie and weight for weight (a missing or
    non-positive weight counts 1, a pair given twice keeps its largest).

    >>> ties = pd.DataFrame({"a": ["b", "a", "a", "x"], "b": ["a", "b", "a", "c"], "weight": [2.0, -1.0, 1.0, 1.0]})
    >>> adj = observed_graph(["a", "b", "c"], ties)
    >>> adj.src.tolist(), adj.dst.tolist(), adj.weight.tolist()
    ([0], [1], [2.0])
    """
    if ties is None or not len(ties):
        return from_edges(list(person_ids), [], [])
    return from_edges(list(person_ids), as_ids(ties["a"]), as_ids(ties["b"]), tie_weights(ties), drop_unknown=True)


def add_structure(persons: pd.DataFrame, observed: Adjacency, codes: np.ndarray, opts: Options, step: Progress) -> None:
    """Add the structural measures (:mod:`.bridges`, :mod:`.roles`) on the observed ties, but betweenness.

    Columns: ``degree, mutual, betweenness, constraint, effective_size, participation,
    articulation, brokerage, brokerage_role, brokerage_<role>, side, personal_ties,
    professional_ties, sphere_participation, bridging_score, ego_role``; ``side`` is the world a
    person counts for as someone's tie (:func:`.bridges.world_sides`). ``betweenness``, ``constraint``
    and what is made from them (``bridging_score``, ``ego_role``) stay blank until
    :func:`add_betweenness`, so that everything else is measured while they are counted in another
    process.
    """
    is_contact = persons["is_contact"].eq("1").to_numpy()
    step("roles")
    groups = np.where(persons["sphere"].to_numpy() == "", "none", persons["sphere"].to_numpy())
    brk = brokerage(observed, groups)
    step("effective_size")
    degree = observed.degree
    # brokerage counted every open pair of neighbours: the others are the triangles effective size needs
    esz = effective_size(observed, triangles=degree * (degree - 1) // 2 - brk["total"].to_numpy())
    art = articulation_points(observed)
    par = participation(observed, codes)
    side = world_sides(observed, persons["sphere"].to_numpy(), sphere_sides(persons))
    persons["degree"] = observed.degree
    persons["mutual"] = mutual_counts(observed, is_contact)
    persons["betweenness"] = np.nan
    persons["constraint"] = np.nan
    persons["effective_size"] = esz
    persons["participation"] = par
    persons["articulation"] = art.astype(np.int64)
    persons["brokerage"] = brk["total"].to_numpy()
    persons["brokerage_role"] = blank_text(dominant_role(brk), persons.index)
    for r in ("coordinator", "itinerant", "gatekeeper", "liaison"):
        persons[f"brokerage_{r}"] = brk[r].to_numpy()
    persons["side"] = blank_text(side, persons.index)
    persons["personal_ties"] = p_ties = _neighbour_count(observed, side == "personal")
    persons["professional_ties"] = q_ties = _neighbour_count(observed, side == "professional")
    persons["sphere_participation"] = sphere_participation(p_ties, q_ties)
    persons["bridging_score"] = np.nan
    persons["ego_role"] = blank_text([""] * len(persons), persons.index)


def add_betweenness(persons: pd.DataFrame, codes: np.ndarray, opts: Options, ahead: Ahead) -> dict[str, Any]:
    """Fill ``betweenness``, ``constraint``, ``bridging_score`` and ``ego_role`` (after :func:`add_structure`).

    ``ahead`` is what :func:`start_structure` started; this waits for its betweenness and
    constraint. Returns the betweenness facts for ``run.json``.
    """
    observed = ahead.observed
    persons["constraint"] = ahead.constraint()  # first: counted here if the other process is still counting paths
    bet, bet_info = ahead.betweenness()
    roles = ego_roles(
        observed, codes, betweenness=bet, participation=persons["participation"].to_numpy(),
        articulation=persons["articulation"].to_numpy().astype(bool), eligible=persons["is_contact"].eq("1").to_numpy(),
        insider_share=opts.insider_share, connector_top=opts.connector_top, gateway_participation=opts.gateway_participation,
    )  # fmt: skip
    persons["betweenness"] = bet
    persons["bridging_score"] = bridging_score(
        bet, persons["constraint"].to_numpy(), persons["participation"].to_numpy(), observed.degree,
        persons["sphere_participation"].to_numpy(),
    )  # fmt: skip
    persons["ego_role"] = blank_text(roles, persons.index)
    return dict(bet_info)


def inferred_degree(persons: pd.DataFrame, inferred: pd.DataFrame) -> np.ndarray | int:
    """Inferred ties of every person (``0`` when there are none)."""
    return tie_adjacency(persons, inferred, weighted=False).degree if len(inferred) else 0


def _neighbour_count(adj: Adjacency, mask: np.ndarray) -> np.ndarray:
    """Neighbours of every node for which ``mask`` is true."""
    return (np.bincount(adj.src[mask[adj.dst]], minlength=adj.n) + np.bincount(adj.dst[mask[adj.src]], minlength=adj.n)).astype(
        np.int64
    )
