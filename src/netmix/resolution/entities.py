"""Entities to resolve: every contact, plus the tie-file nodes that match no contact.

Tie nodes are mapped to contacts (platform id, then exact display name, then folded name,
within the tie set's account, or in every account when the tie set has none). A name shared by
two contacts of one account (homonyms) cannot be told apart from a tie file: such a node is left
unmatched with an issue. Nodes matching no contact become non-contact entities.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model import ImportIssue, TieSet
from ..util.arrays import group_starts, text_array, texts
from .normalise import NameKey, fold, normalise_names

__all__ = ["Entities", "build_entities", "object_frame"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entities:
    """Contacts (rows ``0..n_contacts-1``, in the input's order) then non-contact tie nodes.

    ``table`` columns: account (contact's account, ``""`` for a node), group (constraint group:
    the account, or ``nc:<tie set>``), home (the tie set's account for a node), name (raw),
    display, key, folded, company (folded), sort_key (stable key for person ids), tieset (int,
    -1 for contacts), is_contact (bool). ``edges``: u < v entity ints, weight, src (tie set index).
    """

    table: pd.DataFrame
    n_contacts: int
    edges: pd.DataFrame
    sources: tuple[str, ...]  # tie file names, by tie set index
    issues: tuple[ImportIssue, ...]
    names: tuple[NameKey, ...]  # the normalised name of every entity


def _obj(values) -> pd.Series:
    """A column of Python strings (object dtype: no Arrow conversion on the hot path)."""
    return pd.Series(list(values), dtype=object)


def object_frame(rows: list[dict], columns) -> pd.DataFrame:
    """Like :func:`netmix.model.frame` (missing values ``""``), but built column by column with
    object dtype, which is much faster for large tables than inferring Arrow strings."""
    cols = list(columns)
    return pd.DataFrame({c: pd.Series([r.get(c, "") for r in rows], dtype=object) for c in cols}, columns=cols)


def _contact_frame(contacts: pd.DataFrame) -> tuple[pd.DataFrame, list[NameKey]]:
    names = texts(contacts["name"])
    keys = normalise_names(names)
    acc = texts(contacts["account"])
    companies = texts(contacts["company"])
    folded = {c: fold(c).strip() for c in set(companies)}  # many contacts share a company
    forms = dict(zip(NameKey._fields, zip(*keys, strict=True), strict=True)) if keys else dict.fromkeys(NameKey._fields, ())
    table = pd.DataFrame(
        {
            "account": _obj(acc),
            "group": _obj(acc),
            "home": _obj(acc),
            "name": _obj(names),
            "display": _obj(forms["display"]),
            "key": _obj(forms["key"]),
            "folded": _obj(forms["folded"]),
            "company": _obj(map(folded.__getitem__, companies)),
            "sort_key": _obj(a + "|" + sid for a, sid in zip(acc, texts(contacts["source_id"]), strict=False)),
            "tieset": np.full(len(names), -1, dtype=np.int64),
            "is_contact": np.ones(len(names), dtype=bool),
        }
    )
    return table, keys


_Index = dict[tuple[str, str], list[int]]


def _indexes(table: pd.DataFrame, contacts: pd.DataFrame) -> tuple[_Index, _Index, _Index]:
    """Contacts by (account, display name), (account, name key) and (account, platform id)."""
    by_name: _Index = {}
    by_key: _Index = {}
    by_pid: _Index = {}
    pids = texts(contacts["platform_id"])
    for i, (acc, name, key) in enumerate(
        zip(table["account"].tolist(), table["name"].tolist(), table["key"].tolist(), strict=False)
    ):
        by_name.setdefault((acc, name), []).append(i)
        if key:
            by_key.setdefault((acc, key), []).append(i)
        if pids[i]:
            by_pid.setdefault((acc, pids[i]), []).append(i)
    return by_name, by_key, by_pid


def _non_contact(t_index: int, home: str, label: str, nk: NameKey, nd: str) -> dict:
    return {
        "account": "",
        "group": f"nc:{t_index}",
        "home": home,
        "name": label,
        "display": nk.display,
        "key": nk.key,
        "folded": nk.folded,
        "company": "",
        "sort_key": "",
        "tieset": t_index,
        "is_contact": False,
        "node": nd,
        "name_key": nk,
    }


def _map_nodes(
    ts: TieSet,
    t_index: int,
    acc: str | None,
    tried: list[str],
    idx: tuple[_Index, _Index, _Index],
    known: dict[str, NameKey],
    n: int,
    extra: list[dict],
) -> tuple[list[str], list[int], int]:
    """Each node of ``ts`` mapped to the contact it names (by platform id, name, name key) or to a new non-contact in ``extra``.

    Returns node ids, entity ids and how many nodes name several contacts of one account (left out).
    """
    by_name, by_key, by_pid = idx
    node_keys = texts(ts.nodes["node"])
    labels = [(nm or nd) for nm, nd in zip(texts(ts.nodes["name"]), node_keys, strict=False)]
    node_pids = texts(ts.nodes["platform_id"])
    map_node: list[str] = []
    map_ent: list[int] = []
    ambiguous = 0
    new = [x for x in dict.fromkeys(labels) if x not in known]  # most nodes carry a contact's name
    known.update(zip(new, normalise_names(new), strict=True))
    for nd, label, pid in zip(node_keys, labels, node_pids, strict=False):
        nk = known[label]
        key = nk.key
        matched: list[int] = []
        amb = False
        for a in tried:
            cands = by_pid.get((a, pid)) if pid else None
            if not cands:
                cands = by_name.get((a, label)) or (by_key.get((a, key)) if key else None)
            if cands:
                if len(cands) == 1:
                    matched.append(cands[0])
                else:
                    amb = True
        if matched:
            map_node += [nd] * len(matched)
            map_ent += matched
        elif amb:
            ambiguous += 1
        else:
            map_node.append(nd)
            map_ent.append(n + len(extra))
            extra.append(_non_contact(t_index, acc or "", label, nk, nd))
    return map_node, map_ent, ambiguous


def build_entities(contacts: pd.DataFrame, tiesets: list[TieSet]) -> Entities:
    """Map every tie set's nodes to contacts or new non-contact entities, and its edges to entities."""
    table, names = _contact_frame(contacts)
    known = dict(zip(table["name"].tolist(), names, strict=True))
    n = len(table)
    accounts = sorted(set(table["account"]))
    idx = _indexes(table, contacts)
    issues: list[ImportIssue] = []
    extra: list[dict] = []
    edge_parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, int]] = []
    sources: list[str] = []
    for t_index, ts in enumerate(tiesets):
        source = os.path.basename(str(ts.source).rstrip("/\\")) or str(ts.source)
        sources.append(source)
        acc = ts.account
        if acc and acc not in accounts:
            issues.append(
                ImportIssue(
                    source,
                    f"tie file is given for account {acc!r}, which has no contacts: its names are matched in every account",
                )
            )
            acc = None
        map_node, map_ent, ambiguous = _map_nodes(ts, t_index, acc, [acc] if acc else accounts, idx, known, n, extra)
        if ambiguous:
            issues.append(
                ImportIssue(
                    source,
                    f"{ambiguous} node(s) carry a name shared by several contacts of one account (homonyms); "
                    "their ties are left out because the file cannot say which contact they are",
                    severity="info",
                )
            )
        rows, u, v = _map_edges(ts.edges, map_node, map_ent)
        lo, hi = np.minimum(u, v), np.maximum(u, v)
        w = pd.to_numeric(ts.edges["weight"], errors="coerce").fillna(1.0).to_numpy(dtype=float)[rows]
        edge_parts.append((lo[lo != hi], hi[lo != hi], w[lo != hi], t_index))
    names += [r.pop("name_key") for r in extra]
    if extra:
        ext = pd.DataFrame(
            {k: (_obj(r[k] for r in extra) if isinstance(extra[0][k], str) else [r[k] for r in extra]) for k in extra[0]}
        )
        table = pd.concat([table, ext.drop(columns=["node"])], ignore_index=True)
        table["node"] = _obj([""] * n + ext["node"].tolist())
    else:
        table["node"] = _obj([""] * n)
    if edge_parts:
        edges = _max_weight_edges(edge_parts, len(table), len(tiesets))
    else:
        edges = pd.DataFrame(
            {
                "u": np.array([], dtype=np.int64),
                "v": np.array([], dtype=np.int64),
                "weight": [],
                "src": np.array([], dtype=np.int64),
            }
        )
    return Entities(table, n, edges, tuple(sources), tuple(issues), tuple(names))


def _map_edges(edges: pd.DataFrame, map_node: list[str], map_ent: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each edge (row of ``edges``) once per entity pair its two nodes map to: (row, u, v).

    A node maps to several entities when it matched a contact in several accounts; edges of
    unmapped nodes are left out.
    """
    if not map_node:
        empty = np.array([], dtype=np.int64)
        return empty, empty, empty
    codes, uniq = pd.factorize(np.array(map_node, dtype=object))
    order = np.argsort(codes, kind="stable")
    ent_of = np.asarray(map_ent, dtype=np.int64)[order]
    count = np.bincount(codes, minlength=len(uniq))
    start = np.cumsum(count) - count
    index = pd.Index(uniq)

    def expand(node_codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        c = np.where(node_codes >= 0, count[node_codes], 0)
        idx = np.repeat(np.arange(len(node_codes)), c)
        off = np.arange(len(idx)) - np.repeat(np.cumsum(c) - c, c)
        return idx, ent_of[start[node_codes[idx]] + off]

    # look each distinct endpoint up once; the first ends come in runs (the readers sort the ties by them): one per run
    first, second = text_array(edges["a"]), text_array(edges["b"])
    runs = np.flatnonzero(np.concatenate([[True], first[1:] != first[:-1]])) if len(first) else np.zeros(0, dtype=np.int64)
    ends, end_names = pd.factorize(np.concatenate([first[runs], second]))
    node_of_end = index.get_indexer(end_names)[ends] if len(ends) else ends
    a = np.repeat(node_of_end[: len(runs)], np.diff(np.append(runs, len(first))))
    b = node_of_end[len(runs) :]
    rows, u = expand(a)
    sel, v = expand(b[rows])
    return rows[sel], u[sel], v


def _max_weight_edges(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, int]], n: int, n_src: int) -> pd.DataFrame:
    """One row per (u, v, src), sorted, with the largest weight seen."""
    u = np.concatenate([p[0] for p in parts])
    v = np.concatenate([p[1] for p in parts])
    w = np.concatenate([p[2] for p in parts])
    src = np.concatenate([np.full(len(p[0]), p[3], dtype=np.int64) for p in parts])
    key = (u * n + v) * max(n_src, 1) + src
    order = np.argsort(key)  # the order within a group does not change its largest weight
    key, w = key[order], w[order]
    first = group_starts(key)
    key = key[first]
    weight = np.maximum.reduceat(w, first) if len(first) else w[:0]
    uv, src = np.divmod(key, max(n_src, 1))
    return pd.DataFrame({"u": uv // n, "v": uv % n, "src": src, "weight": weight})
