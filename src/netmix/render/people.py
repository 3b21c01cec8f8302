"""What every picture of the network shows about each person, gathered once.

:func:`build_view` joins the analysis and the resolution into one row per person (name or
pseudonym, sphere, cluster, accounts, double, bridge rank, exclusions) plus the graph restricted
to these persons; the map, the report, the static image and the Gephi files all draw from it, so
they agree on colours, names and pseudonyms.
"""

from __future__ import annotations

import gc
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ..model import Analysis, Resolution
from ..privacy import Pseudonymizer, anonymize_tables, redact_text
from . import wording

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
    "CLUSTER_PALETTE", "SPHERE_COLORS", "SPHERE_ORDER", "View", "build_view", "cap", "cluster_colors", "sphere_key", "tie_arrays",
]  # fmt: skip


def cap(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sphere_key(sphere: str, is_contact: str = "1") -> str:
    """The colour key of a person: personal, professional, both or noncontact."""
    return sphere if sphere in ("personal", "professional", "both") else "noncontact"


@dataclass(frozen=True)
class View:
    """One row per person and the person graph, ready to draw.

    ``persons`` columns: person_id, name, sphere_key, cluster, accounts (list), is_contact (bool),
    bridging_score (float 0..1, normalised), ego_role, double (bool), band, confidence, evidence,
    bridge_rank (int, 0 = not a bridge), excluded_from (list of clusters); sorted by person_id.
    ``clusters``: cluster → label, in cluster order. ``graph``: nodes = person ids. ``ties``: the
    graph's ties as arrays (``src``, ``dst`` positions in ``persons``, ``weight``, ``kind``).
    """

    persons: pd.DataFrame
    clusters: dict[str, str]
    graph: nx.Graph
    tables: dict[str, pd.DataFrame]
    ties: pd.DataFrame | None = None


def _s(df: pd.DataFrame, col: str) -> pd.Series:
    if col in df.columns:
        return df[col].astype(object).where(df[col].notna(), "").astype(str)
    return pd.Series([""] * len(df), index=df.index, dtype=object)


def _tables(analysis: Analysis, resolution: Resolution | None) -> dict[str, pd.DataFrame]:
    """The tables a view draws from (empty tables of the right columns when a result lacks one)."""
    graph: Any = analysis.graph if analysis.graph is not None else nx.Graph()
    persons = analysis.persons.copy() if analysis.persons is not None else pd.DataFrame()
    if "person_id" not in persons.columns or persons.empty:
        # no persons table: take the graph's node attributes
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


def _scores(persons: pd.DataFrame) -> pd.Series:
    """Bridging scores scaled to 0..1 (0 where unknown)."""
    score = pd.to_numeric(persons["bridging_score"], errors="coerce") if "bridging_score" in persons.columns else None
    if score is None or score.isna().all():
        score = pd.Series([0.0] * len(persons), index=persons.index)
    score = score.fillna(0.0).astype(float)
    top = float(score.max()) if len(score) else 0.0
    return score / top if top > 0 else score * 0.0


def _by_person(tables: dict[str, pd.DataFrame]) -> tuple[dict, dict[str, int], dict[str, list[str]]]:
    """Per person id: the first double row's (band, confidence, evidence), the bridge rank, the circles kept out of."""
    doubles, bridges, exclusions = tables["doubles"], tables["bridges"], tables["exclusions"]
    dbl: dict[str, tuple[str, str, str]] = {}
    evidence = doubles["evidence"].tolist() if "evidence" in doubles.columns else [""] * len(doubles)  # facts or text
    facts = zip(_s(doubles, "band"), _s(doubles, "confidence"), evidence, strict=False)
    for p, fact in zip(_s(doubles, "person_id"), facts, strict=False):
        if p and p not in dbl:
            dbl[p] = fact
    ranks: dict[str, int] = {}
    for p, r in zip(_s(bridges, "person_id"), _s(bridges, "rank"), strict=False):
        try:
            ranks.setdefault(p, int(float(r)))
        except ValueError:
            continue
    excluded: dict[str, list[str]] = {}
    for p, c in zip(_s(exclusions, "person_id"), _s(exclusions, "cluster"), strict=False):
        if p:
            excluded.setdefault(p, []).append(c)
    return dbl, ranks, excluded


def _person_graph(graph: nx.Graph, pid: list[str], clusters: list[str]) -> nx.Graph:
    """``graph`` restricted to the persons ``pid`` (str ids, no self-loops, float weights), with their clusters.

    The analysis' own graph (:func:`netmix.graph.to_networkx`: float weights, a kind on every tie) is
    used as it is when it holds exactly these persons with these clusters: no copy of half a million ties.
    """
    if _is_person_graph(graph, pid, clusters):
        return graph
    keep = set(pid)

    def edges() -> Iterator[tuple[str, str, dict]]:
        for u, v, d in graph.edges(data=True):
            u, v = str(u), str(v)
            if u in keep and v in keep and u != v:
                yield u, v, {"weight": _weight(d.get("weight", 1.0)), "kind": str(d.get("kind", "observed") or "observed")}

    sub: nx.Graph = nx.Graph()
    sub.add_nodes_from(sorted(keep))
    paused = gc.isenabled()
    gc.disable()  # half a million small dicts: the collector would walk them again and again
    try:
        sub.add_edges_from(edges())
    finally:
        if paused:
            gc.enable()
    for p, c in zip(pid, clusters, strict=False):
        sub.nodes[p]["cluster"] = c
    return sub


def tie_arrays(graph: nx.Graph, pid: list[str]) -> pd.DataFrame:
    """The ties of ``graph`` between the persons ``pid`` as arrays (one pass over its adjacency).

    >>> tie_arrays(nx.Graph([("b", "a", {"weight": 2.0})]), ["a", "b"]).values.tolist()
    [[0, 1, 2.0, 'observed']]
    """
    adjacency = list(graph.adjacency())
    index = {p: i for i, p in enumerate(pid)}
    counts = np.fromiter((len(nbrs) for _, nbrs in adjacency), dtype=np.int64, count=len(adjacency))
    here = np.repeat(np.fromiter((index[u] for u, _ in adjacency), dtype=np.int64, count=len(adjacency)), counts)
    neighbours = chain.from_iterable(nbrs.keys() for _, nbrs in adjacency)
    there = np.fromiter(map(index.__getitem__, neighbours), dtype=np.int64, count=int(counts.sum()))
    keep = np.flatnonzero(here < there)  # each tie once (and no self-loop)
    everything = list(chain.from_iterable(nbrs.values() for _, nbrs in adjacency))
    data = [everything[i] for i in keep.tolist()]
    weights = [d.get("weight", 1.0) for d in data]
    try:
        weight = np.array(weights, dtype=float)
    except (TypeError, ValueError):
        weight = np.array([_weight(w) for w in weights], dtype=float)
    return pd.DataFrame(
        {
            "src": here[keep],
            "dst": there[keep],
            "weight": weight,
            "kind": pd.Series([str(d.get("kind", "observed") or "observed") for d in data], dtype=object),
        }
    )


def _is_person_graph(graph: nx.Graph, pid: list[str], clusters: list[str]) -> bool:
    if graph.number_of_nodes() != len(pid) or nx.number_of_selfloops(graph):
        return False
    nodes = graph.nodes
    return all(p in nodes and nodes[p].get("cluster") == c for p, c in zip(pid, clusters, strict=True))


def _weight(w: object) -> float:
    try:
        return float(w)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0


def _person_rows(tables: dict[str, pd.DataFrame], redact: bool, lang: str | None) -> pd.DataFrame:
    """One row per person with the columns :class:`View` documents."""
    persons = tables["persons"]
    dbl, ranks, excluded = _by_person(tables)
    pid = _s(persons, "person_id")
    is_contact = _s(persons, "is_contact")
    accounts = _s(persons, "accounts")
    if "is_contact" not in persons.columns:
        is_contact = accounts.map(lambda a: "1" if a else "0")
    acc_lists = [sorted(a for a in s.split(";") if a) for s in accounts]
    none = ("", "", "")
    dbl = {p: (b, c, wording.evidence(lang or "en", e)) for p, (b, c, e) in dbl.items()}  # facts said as text
    return pd.DataFrame(
        {
            "person_id": pid,
            "name": _s(persons, "name"),
            "sphere_key": [sphere_key(s, c) for s, c in zip(_s(persons, "sphere"), is_contact, strict=False)],
            "cluster": _s(persons, "cluster"),
            "accounts": acc_lists,
            "is_contact": [c == "1" or (c == "" and bool(a)) for c, a in zip(is_contact, acc_lists, strict=False)],
            "bridging_score": _scores(persons).round(6).tolist(),
            "ego_role": _s(persons, "ego_role"),
            "double": [len(a) >= 2 or p in dbl for p, a in zip(pid, acc_lists, strict=False)],
            "band": [dbl.get(p, none)[0] for p in pid],
            "confidence": [dbl.get(p, none)[1] for p in pid],
            "evidence": [redact_text(dbl.get(p, none)[2]) if redact else dbl.get(p, none)[2] for p in pid],
            "bridge_rank": [ranks.get(p, 0) for p in pid],
            "excluded_from": [sorted(set(excluded.get(p, []))) for p in pid],
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
    ``with_graph`` the view's graph holds the persons but no ties (pages that draw no map). A view is
    built once per (analysis, resolution, pseudonymizer, lang, with_graph) and shared until the
    analysis is freed: treat it as read-only.

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
    view = _build_view(analysis, resolution, pseudonymizer, lang, with_graph)
    views[key] = (view, resolution, pseudonymizer)
    return view


def _build_view(
    analysis: Analysis, resolution: Resolution | None, pseudonymizer: Pseudonymizer | None, lang: str | None, with_graph: bool
) -> View:
    graph: Any = analysis.graph if analysis.graph is not None else nx.Graph()
    tables = _tables(analysis, resolution)
    if pseudonymizer is not None:
        tables = anonymize_tables(tables, pseudonymizer, key_ids=False)  # ids index the graph; pages use n1, n2…
    persons, clusters = tables["persons"], tables["clusters"]
    labels = {c: (lab or c) for c, lab in zip(_s(clusters, "cluster"), _s(clusters, "label"), strict=False) if c}
    view = _person_rows(tables, pseudonymizer is not None, lang)
    if lang:
        labels = {c: wording.circle_label(lang, lab) for c, lab in labels.items()}
    pid = view["person_id"]
    if pseudonymizer is None and "name" not in persons.columns and graph.number_of_nodes():
        names = nx.get_node_attributes(graph, "name")
        view["name"] = [str(names.get(p, "")) for p in pid]
    sub = _person_graph(graph if with_graph else nx.Graph(), pid.tolist(), view["cluster"].tolist())
    ordered = {c: labels.get(c, c) for c in sorted(set(view["cluster"]) | set(labels), key=_cluster_sort) if c}
    return View(persons=view, clusters=ordered, graph=sub, tables=tables, ties=tie_arrays(sub, pid.tolist()))


def _cluster_sort(c: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", c))


def cluster_colors(clusters: dict[str, str]) -> dict[str, str]:
    """A palette colour per cluster, in cluster order."""
    return {c: CLUSTER_PALETTE[i % len(CLUSTER_PALETTE)] for i, c in enumerate(clusters)}
