"""What every picture of the network shows about each person, gathered once.

:func:`build_view` joins the analysis and the resolution into one row per person (name or
pseudonym, sphere, cluster, accounts, double, bridge rank, exclusions) plus the graph restricted
to these persons; the map, the report, the static image and the Gephi files all draw from it, so
they agree on colours, names and pseudonyms.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import weakref
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ..model import Analysis, Resolution
from ..privacy import Pseudonymizer, anonymize_tables, redact_text
from ..util.arrays import blank_text, places
from . import wording
from .ties import empty_ties, tie_arrays, tie_graph, tie_table

#: Colours by sphere (colour-blind-safe Okabe-Ito hues).
SPHERE_COLORS: dict[str, str] = {
    "personal": "#E69F00",
    "professional": "#0072B2",
    "both": "#8E44AD",
    "noncontact": "#A8A8A8",
}
SPHERE_ORDER: tuple[str, ...] = ("personal", "professional", "both", "noncontact")
#: Soft colours for cluster areas.
CLUSTER_PALETTE: tuple[str, ...] = (
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948",
    "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC", "#1B9E77", "#D95F02",
)  # fmt: skip

MAX_TEXT = 300

__all__ = [
    "CLUSTER_PALETTE", "SPHERE_COLORS", "SPHERE_ORDER", "View", "build_view", "cap", "cluster_colors", "records", "sphere_key",
    "tie_arrays",
]  # fmt: skip


def cap(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: The spheres that are their own colour key; any other person is a non-contact.
_SPHERED: tuple[str, ...] = ("personal", "professional", "both")


def sphere_key(sphere: str, is_contact: str = "1") -> str:
    """The colour key of a person: personal, professional, both or noncontact."""
    return sphere if sphere in _SPHERED else "noncontact"


@dataclass(frozen=True)
class View:
    """One row per person and the ties between them, ready to draw.

    ``persons`` columns: person_id, name, sphere_key, cluster, accounts (list), is_contact (bool),
    bridging_score (float 0..1, normalised), ego_role, double (bool), band, confidence, evidence,
    bridge_rank (int, 0 = not a bridge), possible_bridge_rank (int: the rank of the possible bridge this
    person is one half of, 0 = none), excluded_from (list of clusters); sorted by person_id.
    ``clusters``: cluster → label, in cluster order. ``ties``: each tie once as arrays (``src`` <
    ``dst`` places in ``persons``, ``weight``, ``kind``; :mod:`.ties`). ``graph``: the same as a
    networkx graph (nodes = person ids, with their cluster), made only when read.
    """

    persons: pd.DataFrame
    clusters: dict[str, str]
    tables: dict[str, pd.DataFrame]
    ties: pd.DataFrame

    @functools.cached_property
    def graph(self) -> nx.Graph:
        """The view as a networkx graph (made on first use: the outputs draw from :attr:`ties`)."""
        return tie_graph(self.persons["person_id"].tolist(), self.persons["cluster"].tolist(), self.ties)


def _s(df: pd.DataFrame, col: str) -> pd.Series:
    """A column as Python text (``""`` where missing), held as objects: the pages walk these columns
    value by value, which Arrow-backed text makes several times slower."""
    if col in df.columns:
        return blank_text(df[col])
    return pd.Series([""] * len(df), index=df.index, dtype=object)


def _tables(analysis: Analysis, resolution: Resolution | None) -> dict[str, pd.DataFrame]:
    """The tables a view draws from (empty tables of the right columns when a result lacks one)."""
    persons = analysis.persons.copy() if analysis.persons is not None else pd.DataFrame()
    if "person_id" not in persons.columns or persons.empty:
        # no persons table: take the graph's node attributes
        graph: Any = analysis.graph if analysis.graph is not None else nx.Graph()
        rows = [{"person_id": str(n), **dict(d)} for n, d in graph.nodes(data=True)]
        persons = pd.DataFrame(rows, columns=["person_id", "name", "accounts", "sphere", "cluster", "is_contact"])
    persons = persons.drop_duplicates("person_id").sort_values("person_id", kind="mergesort").reset_index(drop=True)

    def table(frame: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
        return frame.copy() if frame is not None else pd.DataFrame(columns=columns)

    doubles = resolution.doubles if resolution is not None else None
    return {
        "persons": persons,
        "doubles": table(doubles, ["person_id", "name", "band", "confidence", "evidence"]),
        "clusters": table(analysis.clusters, ["cluster", "label"]),
        "exclusions": table(analysis.exclusions, ["name", "person_id", "cluster"]),
        "bridges": table(analysis.bridges, ["person_id", "rank"]),
        "circles": table(analysis.circles, ["circle", "label"]),
    }


def _objects(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text columns held as Python objects (the pages read them row by row)."""
    text = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c].dtype) and frame[c].dtype != object]
    return frame.astype(dict.fromkeys(text, object)) if text else frame


def records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")``: one dict per row, of Python values, made from whole columns (three times faster).

    >>> records(pd.DataFrame({"name": ["Zoé", "Luc"], "score": [0.5, 1.0]}))
    [{'name': 'Zoé', 'score': 0.5}, {'name': 'Luc', 'score': 1.0}]
    """
    columns = list(frame.columns)
    return [dict(zip(columns, row, strict=True)) for row in zip(*(frame[c].tolist() for c in columns), strict=True)]


def _scores(persons: pd.DataFrame) -> pd.Series:
    """Bridging scores scaled to 0..1 (0 where unknown)."""
    score = pd.to_numeric(persons["bridging_score"], errors="coerce") if "bridging_score" in persons.columns else None
    if score is None or score.isna().all():
        score = pd.Series([0.0] * len(persons), index=persons.index)
    score = score.fillna(0.0).astype(float)
    top = float(score.max()) if len(score) else 0.0
    return score / top if top > 0 else score * 0.0


def _first_doubles(doubles: pd.DataFrame) -> pd.DataFrame:
    """The first double row of each person (band, confidence, evidence as facts or text), indexed by person id."""
    evidence = doubles["evidence"].to_numpy(dtype=object) if "evidence" in doubles.columns else [""] * len(doubles)
    first = pd.DataFrame(
        {"band": _s(doubles, "band").to_numpy(), "confidence": _s(doubles, "confidence").to_numpy(), "evidence": evidence},
        index=pd.Index(_s(doubles, "person_id").to_numpy(), name="person_id"),
    )
    return first[(first.index != "") & ~first.index.duplicated()]


def _by_person(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, int], dict[str, int], dict[str, list[str]]]:
    """Per person id: the bridge rank, the rank of the possible bridge it is one half of, the circles kept out of."""
    bridges, exclusions = tables["bridges"], tables["exclusions"]
    ranks: dict[str, int] = {}
    possible: dict[str, int] = {}
    status = _s(bridges, "status") if "status" in bridges.columns else pd.Series("", index=bridges.index)
    halves = _s(bridges, "person_ids") if "person_ids" in bridges.columns else _s(bridges, "person_id")
    for p, r, st, ids in zip(_s(bridges, "person_id"), _s(bridges, "rank"), status, halves, strict=False):
        try:
            rank = int(float(r))
        except ValueError:
            continue
        if st == "unconfirmed":  # a same-name pair across the worlds: both halves show where it would rank
            for half in str(ids).split(";"):
                possible.setdefault(half, rank)
        else:
            ranks.setdefault(p, rank)
    excluded: dict[str, list[str]] = {}
    for p, c in zip(_s(exclusions, "person_id"), _s(exclusions, "cluster"), strict=False):
        if p:
            excluded.setdefault(p, []).append(c)
    return ranks, possible, excluded


def _evidence(pid: pd.Series, first: pd.DataFrame, redact: bool, lang: str) -> pd.Series:
    """Each person's first double evidence said in ``lang`` (contact details removed when ``redact``), else ""."""
    said = [wording.evidence(lang, e) for e in first["evidence"].tolist()]
    text = pd.Series([redact_text(e) for e in said] if redact else said, index=first.index, dtype=object)
    return _mapped(pid, text)


def _mapped(pid: pd.Series, values: pd.Series) -> pd.Series:
    """``values`` (indexed by person id) of every person, ``""`` where it has none."""
    place = places(pd.Index(values.index, dtype=object), pid.to_numpy(dtype=object))
    found = np.append(values.to_numpy(dtype=object), "")[place]  # -1 (no value): the "" after the last
    return pd.Series(np.where(pd.isna(found), "", found), index=pid.index, dtype=object)


def _person_rows(tables: dict[str, pd.DataFrame], redact: bool, lang: str | None) -> pd.DataFrame:
    """One row per person with the columns :class:`View` documents."""
    persons = tables["persons"]
    first = _first_doubles(tables["doubles"])
    ranks, possible, excluded = _by_person(tables)
    pid = _s(persons, "person_id")
    accounts = _s(persons, "accounts")
    lists = {a: sorted(x for x in a.split(";") if x) for a in pd.unique(accounts.to_numpy())}
    acc_lists = [list(lists[a]) for a in accounts.tolist()]
    n_acc = accounts.map({a: len(v) for a, v in lists.items()}).to_numpy(dtype=np.int64)
    if "is_contact" in persons.columns:
        is_contact = _s(persons, "is_contact")
    else:
        is_contact = pd.Series(np.where(accounts.ne(""), "1", "0"), index=accounts.index, dtype=object)
    sphere = _s(persons, "sphere")
    known = pid.isin(first.index).to_numpy()
    return pd.DataFrame(
        {
            "person_id": pid,
            "name": _s(persons, "name"),
            "sphere_key": sphere.where(sphere.isin(_SPHERED), "noncontact"),  # sphere_key, column-wise
            "cluster": _s(persons, "cluster"),
            "accounts": acc_lists,
            "is_contact": (is_contact.eq("1") | (is_contact.eq("") & (n_acc > 0))).to_numpy(),
            "bridging_score": _scores(persons).round(6).tolist(),
            "ego_role": _s(persons, "ego_role"),
            "double": (n_acc >= 2) | known,
            "band": _mapped(pid, first["band"]),
            "confidence": _mapped(pid, first["confidence"]),
            "evidence": _evidence(pid, first, redact, lang or "en"),
            "bridge_rank": np.array([ranks.get(p, 0) for p in pid.tolist()], dtype=np.int64),
            "possible_bridge_rank": np.array([possible.get(p, 0) for p in pid.tolist()], dtype=np.int64),
            "excluded_from": [sorted(set(excluded.get(p, []))) for p in pid.tolist()],
        }
    )


#: The views built per analysis (with what each was built from, which keeps those ids unique while it
#: lives): the map, the report, the images and the Gephi files of one run share them.
_VIEWS: dict[int, dict[tuple, tuple[View, Resolution | None, Pseudonymizer | None]]] = {}


def build_view(
    analysis: Analysis,
    resolution: Resolution | None = None,
    *,
    pseudonymizer: Pseudonymizer | None = None,
    lang: str | None = None,
    with_graph: bool = True,
) -> View:
    """Gather per-person facts from ``analysis`` (and ``resolution`` for double evidence).

    With ``lang``, the evidence and the automatic circle labels are said in that language
    (:mod:`netmix.render.wording`); without it they stay as the analysis wrote them. Without
    ``with_graph`` the view holds the persons but no ties. A view is built once per (analysis,
    resolution, pseudonymizer) and shared until the analysis is freed — the views in a language or
    without ties are made from it, column by column: treat them as read-only.

    Examples
    --------
    >>> import networkx as nx, pandas as pd
    >>> from netmix.model import Analysis
    >>> g = nx.Graph([("p1", "p2")])
    >>> persons = pd.DataFrame({"person_id": ["p2", "p1"], "name": ["Bo", "Al"], "accounts": ["pro", "perso;pro"],
    ...                         "sphere": ["professional", "both"], "cluster": ["c1", "c1"]})
    >>> v = build_view(Analysis(persons, None, None, None, None, {}, {}, {}, g))
    >>> v.persons[["person_id", "sphere_key", "double"]].values.tolist()
    [['p1', 'both', True], ['p2', 'professional', False]]
    """
    key = (id(resolution), id(pseudonymizer), lang, with_graph)
    views = _VIEWS.get(id(analysis))
    if views is not None and key in views:
        return views[key][0]
    if views is None:
        views = _VIEWS[id(analysis)] = {}
        weakref.finalize(analysis, _VIEWS.pop, id(analysis), None)
    if lang is None and with_graph:
        view = _build_view(analysis, resolution, pseudonymizer)
    else:
        view = build_view(analysis, resolution, pseudonymizer=pseudonymizer)
        view = _said(view, lang, pseudonymizer is not None) if lang else view
        view = view if with_graph else dataclasses.replace(view, ties=empty_ties())
    views[key] = (view, resolution, pseudonymizer)
    return view


def _labels(clusters: pd.DataFrame) -> dict[str, str]:
    return {c: (lab or c) for c, lab in zip(_s(clusters, "cluster"), _s(clusters, "label"), strict=False) if c}


def _build_view(analysis: Analysis, resolution: Resolution | None, pseudonymizer: Pseudonymizer | None) -> View:
    tables = _tables(analysis, resolution)
    if pseudonymizer is not None:
        tables = anonymize_tables(tables, pseudonymizer, key_ids=False)  # ids index the ties; pages use n1, n2…
    tables = {name: _objects(frame) for name, frame in tables.items()}
    persons, labels = tables["persons"], _labels(tables["clusters"])
    view = _person_rows(tables, pseudonymizer is not None, None)
    pid = view["person_id"].tolist()
    if pseudonymizer is None and "name" not in persons.columns and analysis.graph is not None:
        names = nx.get_node_attributes(analysis.graph, "name")
        view["name"] = [str(names.get(p, "")) for p in pid]
    if analysis.ties is not None:
        ties = tie_table(analysis.ties, pid)
    else:  # an analysis made by hand: its graph
        ties = tie_arrays(analysis.graph if analysis.graph is not None else nx.Graph(), pid)
    ordered = {c: labels.get(c, c) for c in sorted(set(view["cluster"]) | set(labels), key=_cluster_sort) if c}
    return View(persons=view, clusters=ordered, tables=tables, ties=ties)


def _said(view: View, lang: str, redact: bool) -> View:
    """``view`` with its evidence and automatic circle labels said in ``lang``."""
    labels = {c: wording.circle_label(lang, lab) for c, lab in _labels(view.tables["clusters"]).items()}
    persons = view.persons
    if lang != "en":  # the view's own evidence is said in English
        first = _first_doubles(view.tables["doubles"])
        persons = persons.assign(evidence=_evidence(persons["person_id"], first, redact, lang))
    return View(persons=persons, clusters={c: labels.get(c, c) for c in view.clusters}, tables=view.tables, ties=view.ties)


def _cluster_sort(c: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", c))


def cluster_colors(clusters: dict[str, str]) -> dict[str, str]:
    """A palette colour per cluster, in cluster order."""
    return {c: CLUSTER_PALETTE[i % len(CLUSTER_PALETTE)] for i, c in enumerate(clusters)}
