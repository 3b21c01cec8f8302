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
from .normalise import fold, normalise_name

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


def _obj(values) -> pd.Series:
    """A column of Python strings (object dtype: no Arrow conversion on the hot path)."""
    return pd.Series(list(values), dtype=object)


def object_frame(rows: list[dict], columns) -> pd.DataFrame:
    """Like :func:`netmix.model.frame` (missing values ``""``), but built column by column with
    object dtype, which is much faster for large tables than inferring Arrow strings."""
    cols = list(columns)
    return pd.DataFrame({c: pd.Series([r.get(c, "") for r in rows], dtype=object) for c in cols}, columns=cols)


def _contact_frame(contacts: pd.DataFrame) -> pd.DataFrame:
    names = contacts["name"].astype(str).tolist()
    keys = [normalise_name(n) for n in names]
    acc = contacts["account"].astype(str).tolist()
    return pd.DataFrame(
        {
            "account": _obj(acc),
            "group": _obj(acc),
            "home": _obj(acc),
            "name": _obj(names),
            "display": _obj(k.display for k in keys),
            "key": _obj(k.key for k in keys),
            "folded": _obj(k.folded for k in keys),
            "company": _obj(fold(c).strip() for c in contacts["company"].astype(str)),
            "sort_key": _obj(a + "|" + sid for a, sid in zip(acc, contacts["source_id"].astype(str))),
            "tieset": np.full(len(names), -1, dtype=np.int64),
            "is_contact": np.ones(len(names), dtype=bool),
        }
    )


def build_entities(contacts: pd.DataFrame, tiesets: list[TieSet]) -> Entities:
    """Map every tie set's nodes to contacts or new non-contact entities, and its edges to entities."""
    table = _contact_frame(contacts)
    n = len(table)
    accounts = sorted(set(table["account"]))
    by_name: dict[tuple[str, str], list[int]] = {}
    by_key: dict[tuple[str, str], list[int]] = {}
    by_pid: dict[tuple[str, str], list[int]] = {}
    pids = contacts["platform_id"].astype(str).tolist()
    for i, (acc, name, key) in enumerate(zip(table["account"], table["name"], table["key"])):
        by_name.setdefault((acc, name), []).append(i)
        if key:
            by_key.setdefault((acc, key), []).append(i)
        if pids[i]:
            by_pid.setdefault((acc, pids[i]), []).append(i)

    issues: list[ImportIssue] = []
    extra: list[dict] = []
    edge_frames: list[pd.DataFrame] = []
    sources: list[str] = []
    for t_index, ts in enumerate(tiesets):
        source = os.path.basename(str(ts.source).rstrip("/\\")) or str(ts.source)
        sources.append(source)
        acc = ts.account
        if acc and acc not in accounts:
            issues.append(ImportIssue(source, f"tie file is given for account {acc!r}, which has no contacts: its names are matched in every account"))
            acc = None
        tried = [acc] if acc else accounts
        nodes = ts.nodes
        node_keys = nodes["node"].astype(str).tolist()
        labels = [(nm or nd) for nm, nd in zip(nodes["name"].astype(str), node_keys)]
        node_pids = nodes["platform_id"].astype(str).tolist()
        map_node: list[str] = []
        map_ent: list[int] = []
        ambiguous = 0
        for nd, label, pid in zip(node_keys, labels, node_pids):
            nk = normalise_name(label)
            matched: list[int] = []
            amb = False
            for a in tried:
                cands = by_pid.get((a, pid)) if pid else None
                if not cands:
                    cands = by_name.get((a, label)) or (by_key.get((a, nk.key)) if nk.key else None)
                if cands:
                    if len(cands) == 1:
                        matched.append(cands[0])
                    else:
                        amb = True
            if matched:
                for e in matched:
                    map_node.append(nd)
                    map_ent.append(e)
            elif amb:
                ambiguous += 1
            else:
                e = n + len(extra)
                extra.append(
                    {
                        "account": "",
                        "group": f"nc:{t_index}",
                        "home": acc or "",
                        "name": label,
                        "display": nk.display,
                        "key": nk.key,
                        "folded": nk.folded,
                        "company": "",
                        "sort_key": "",
                        "tieset": t_index,
                        "is_contact": False,
                        "node": nd,
                    }
                )
                map_node.append(nd)
                map_ent.append(e)
        if ambiguous:
            issues.append(
                ImportIssue(
                    source,
                    f"{ambiguous} node(s) carry a name shared by several contacts of one account (homonyms); "
                    "their ties are left out because the file cannot say which contact they are",
                    severity="info",
                )
            )
        mapping = pd.DataFrame({"node": _obj(map_node), "ent": np.asarray(map_ent, dtype=np.int64)})
        e = ts.edges[["a", "b", "weight"]].copy()
        e["a"] = e["a"].astype(str)
        e["b"] = e["b"].astype(str)
        e = e.merge(mapping.rename(columns={"node": "a", "ent": "u"}), on="a").merge(
            mapping.rename(columns={"node": "b", "ent": "v"}), on="b"
        )
        e = e[e["u"] != e["v"]]
        u = np.minimum(e["u"].to_numpy(), e["v"].to_numpy())
        v = np.maximum(e["u"].to_numpy(), e["v"].to_numpy())
        w = pd.to_numeric(e["weight"], errors="coerce").fillna(1.0).to_numpy(dtype=float)
        edge_frames.append(pd.DataFrame({"u": u, "v": v, "weight": w, "src": t_index}))

    if extra:
        ext = pd.DataFrame({k: (_obj(r[k] for r in extra) if isinstance(extra[0][k], str) else [r[k] for r in extra]) for k in extra[0]})
        table = pd.concat([table, ext.drop(columns=["node"])], ignore_index=True)
        table["node"] = _obj([""] * n + ext["node"].tolist())
    else:
        table["node"] = _obj([""] * n)
    if edge_frames:
        edges = pd.concat(edge_frames, ignore_index=True)
        edges = edges.groupby(["u", "v", "src"], as_index=False, sort=True)["weight"].max()
    else:
        edges = pd.DataFrame({"u": np.array([], dtype=np.int64), "v": np.array([], dtype=np.int64), "weight": [], "src": np.array([], dtype=np.int64)})
    return Entities(table, n, edges, tuple(sources), tuple(issues))
