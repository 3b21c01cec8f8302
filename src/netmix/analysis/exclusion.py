"""Inclusion and exclusion: through which accounts the ego reaches each cluster, and who is kept out.

Definitions
-----------
- **mutual** (of a person): the number of its *observed* ties to the ego's contacts — what a
  platform shows as "22 mutual friends". Inferred ties never count as mutual friends.
- **reach_<account>** (of a cluster): the share of its members who are contacts of that account.
- **other sphere only**: a contact in a cluster whose contacts are mostly (≥ ``dominant_share``)
  of one sphere, reached only from accounts of the other sphere.
- **exclusion**: a person kept out of a cluster although tied to it, with a ``status``:

  ==================  ==========================================================
  status              who
  ==================  ==========================================================
  not connected       a non-contact with ≥ ``min_mutual`` mutual contacts
  request pending     a request the ego sent that is still listed as sent
  request received    a request the ego received and has not accepted
  request rejected    a request listed as rejected (declined)
  removed             a former contact removed from an account
  other sphere only   see above
  ==================  ==========================================================

  A person's cluster of exclusion is the cluster holding most of its mutual contacts (ties
  broken by cluster id), else its own. Request rows are kept whatever the mutual count, and
  dropped when the person is a contact of that request's account now.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

import networkx as nx
import numpy as np
import pandas as pd

from ..model import EXCLUSION_COLUMNS
from ..util.arrays import as_text, group_positions, run_starts
from ._adjacency import Adjacency, as_adjacency

__all__ = ["EXCLUSION_EXTRA", "REQUEST_STATUS", "STATUSES", "exclusions", "inclusion", "mutual_counts"]

STATUSES: tuple[str, ...] = (
    "not connected",
    "request pending",
    "request received",
    "request rejected",
    "removed",
    "other sphere only",
)
REQUEST_STATUS = {"sent": "request pending", "received": "request received", "rejected": "request rejected", "removed": "removed"}
EXCLUSION_EXTRA: tuple[str, ...] = ("reason", "mutual_in_cluster", "account", "date")


def mutual_counts(graph: Adjacency | nx.Graph, is_contact: np.ndarray) -> np.ndarray:
    """Ties of every node to contacts (``is_contact`` true), in node order.

    >>> import networkx as nx, numpy as np
    >>> mutual_counts(nx.star_graph(3), np.array([False, True, True, False])).tolist()
    [2, 0, 0, 0]
    """
    adj = as_adjacency(graph)
    c = np.asarray(is_contact, bool)
    return (np.bincount(adj.src[c[adj.dst]], minlength=adj.n) + np.bincount(adj.dst[c[adj.src]], minlength=adj.n)).astype(
        np.int64
    )


def _contact_cluster_ties(
    adj: Adjacency, is_contact: np.ndarray, codes: np.ndarray, width: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ties from each node to the contacts of each cluster (``codes``: cluster code per node, -1: none).

    Returns ``(node, code, ties)``, one entry per pair with ties, sorted by node then code
    (``node * width + code`` ascending).
    """
    v = np.concatenate([adj.src, adj.dst])
    u = np.concatenate([adj.dst, adj.src])
    keep = (is_contact & (codes >= 0))[u]
    pairs, ties = np.unique(v[keep] * width + codes[u[keep]], return_counts=True)
    return pairs // width, pairs % width, ties


@dataclass
class _People:
    """The persons' columns as arrays, and where each one's mutual contacts sit (:func:`exclusions`)."""

    pid: np.ndarray
    name: np.ndarray
    cluster: np.ndarray
    sphere: np.ndarray
    accounts: np.ndarray
    is_contact: np.ndarray
    mutual: np.ndarray
    labels: dict[str, str]
    codes: np.ndarray
    width: int
    tie_key: np.ndarray
    tie_count: np.ndarray
    best_cluster: dict[int, str]
    best_ties: dict[int, int]

    @classmethod
    def of(cls, persons: pd.DataFrame, adj: Adjacency, labels: dict[str, str]) -> _People:
        pid = as_text(persons["person_id"])
        if tuple(pid) != tuple(str(x) for x in adj.nodes):
            raise ValueError("persons must be in the graph's node order")
        is_contact = as_text(persons["is_contact"]) == "1"
        cluster = as_text(persons["cluster"])
        codes, names = pd.factorize(cluster, sort=True)  # codes in cluster id order
        codes = np.where(cluster == "", -1, codes)
        width = max(len(names), 1)
        tie_node, tie_code, tie_count = _contact_cluster_ties(adj, is_contact, codes, width)
        best = np.lexsort((tie_code, -tie_count, tie_node))  # per node: most ties, then smallest cluster id
        best = best[run_starts(tie_node[best])]
        text = {c: as_text(persons[c]) for c in ("name", "sphere", "accounts")}
        return cls(
            pid, text["name"], cluster, text["sphere"], text["accounts"], is_contact, mutual_counts(adj, is_contact), labels,
            codes, width, tie_node * width + tie_code, tie_count,  # tie keys ascending
            dict(zip(tie_node[best].tolist(), names[tie_code[best]].tolist(), strict=True)),
            dict(zip(tie_node[best].tolist(), tie_count[best].tolist(), strict=True)),
        )  # fmt: skip

    def ties_at(self, i: int) -> int:
        """Ties of node ``i`` to the contacts of its own cluster."""
        key = i * self.width + self.codes[i]
        at = int(np.searchsorted(self.tie_key, key))
        return int(self.tie_count[at]) if at < self.tie_key.size and self.tie_key[at] == key else 0

    def where(self, i: int) -> tuple[str, int]:
        """The cluster holding most of node ``i``'s mutual contacts (else its own), and those ties."""
        c = self.best_cluster.get(i, self.cluster[i])
        return c, int(self.best_ties.get(i, 0)) if c == self.best_cluster.get(i) else 0

    def lab(self, c: str) -> str:
        """A cluster id with its label."""
        return f"{c} ({self.labels[c]})" if c in self.labels and self.labels[c] else c


def exclusions(
    persons: pd.DataFrame,
    graph: Adjacency | nx.Graph,
    *,
    requests: pd.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
    min_mutual: int = 3,
    dominant_share: float = 0.6,
    min_cluster_contacts: int = 3,
) -> pd.DataFrame:
    """The exclusion table (``EXCLUSION_COLUMNS`` + ``reason, mutual_in_cluster, account, date``).

    Parameters
    ----------
    persons : pandas.DataFrame
        ``person_id, name, accounts, sphere, is_contact, cluster``, in ``graph`` node order
        (sorted person ids).
    graph : Adjacency or networkx.Graph
        The **observed** tie graph (mutual counts rest on observed ties only).
    requests : pandas.DataFrame, optional
        Request history with ``person_id`` (``model.REQUEST_COLUMNS`` + person_id).
    labels : mapping of str to str, optional
        Cluster → label, for the reasons.
    min_mutual : int
        The least number of mutual contacts that makes a non-contact excluded.
    dominant_share, min_cluster_contacts : float, int
        When a cluster has a dominant sphere (see module).

    Returns
    -------
    pandas.DataFrame
        Sorted by cluster (empty last), mutual (descending), name, person id.

    Examples
    --------
    >>> import networkx as nx, pandas as pd
    >>> g = nx.Graph([("a", "n"), ("b", "n"), ("c", "n"), ("a", "b")])
    >>> p = pd.DataFrame({"person_id": list("abcn"), "name": ["Ana", "Bo", "Cy", "Noé"], "accounts": ["fb", "fb", "fb", ""],
    ...                   "sphere": ["personal"] * 3 + [""], "is_contact": ["1", "1", "1", "0"], "cluster": "c01"})
    >>> exclusions(p, g)[["name", "cluster", "mutual", "status"]].values.tolist()
    [['Noé', 'c01', 3, 'not connected']]
    """
    people = _People.of(persons, as_adjacency(graph), dict(labels or {}))
    rows: dict[tuple, dict] = {}
    requested = _request_rows(people, requests, rows)
    _not_connected_rows(people, min_mutual, requested, rows)
    _other_sphere_rows(people, dominant_share, min_cluster_contacts, rows)
    cols = list(EXCLUSION_COLUMNS) + list(EXCLUSION_EXTRA)
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    df = pd.DataFrame(list(rows.values()), columns=cols)
    df["_e"] = df["cluster"] == ""
    df = df.sort_values(
        ["_e", "cluster", "mutual", "name", "person_id", "status"],
        ascending=[True, True, False, True, True, True],
        kind="mergesort",
    )
    return df.drop(columns="_e").reset_index(drop=True)


def _request_rows(people: _People, requests: pd.DataFrame | None, rows: dict[tuple, dict]) -> set[str]:
    """Add a row per request still open (the latest event per person, account and status);
    return the ids of the persons who have one."""
    requested: set[str] = set()
    if requests is None or not len(requests):
        return requested
    req = requests.copy()
    for col in ("person_id", "account", "status", "name", "date"):
        if col not in req.columns:
            req[col] = ""
    req = req.astype({c: str for c in ("person_id", "account", "status", "name", "date")})
    req = req.sort_values(["date"], ascending=False, kind="mergesort")
    index = {p: i for i, p in enumerate(people.pid)}
    for r in cast(Iterable[Any], req.itertuples(index=False)):
        status = REQUEST_STATUS.get(r.status)
        if status is None:
            continue
        i = index.get(r.person_id, -1) if r.person_id else -1
        if i >= 0 and r.account in people.accounts[i].split(";"):
            continue  # a contact of that account now
        key = (r.person_id or f"name:{r.name}", r.account, status)
        if key in rows:
            continue  # keep the latest event
        c, in_c = people.where(i) if i >= 0 else ("", 0)
        m = int(people.mutual[i]) if i >= 0 else 0
        rows[key] = {
            "name": people.name[i] if i >= 0 else r.name,
            "person_id": r.person_id if i >= 0 else "",
            "cluster": c,
            "mutual": m,
            "status": status,
            "reason": _request_reason(r.status, r.account, r.date, m, c and people.lab(c)),
            "mutual_in_cluster": in_c,
            "account": r.account,
            "date": r.date,
        }
        if i >= 0:
            requested.add(r.person_id)
    return requested


def _not_connected_rows(people: _People, min_mutual: int, requested: set[str], rows: dict[tuple, dict]) -> None:
    """Add a row per non-contact with at least ``min_mutual`` mutual contacts and no request row."""
    for i in np.flatnonzero(~people.is_contact & (people.mutual >= min_mutual)).tolist():
        pid = people.pid[i]
        if pid in requested:
            continue
        c, in_c = people.where(i)
        rows[(pid, "", "not connected")] = {
            "name": people.name[i],
            "person_id": pid,
            "cluster": c,
            "mutual": int(people.mutual[i]),
            "status": "not connected",
            "reason": f"not your contact, yet tied to {people.mutual[i]} of your contacts"
            + (f", {in_c} of them in {people.lab(c)}" if c and in_c else ""),
            "mutual_in_cluster": in_c,
            "account": "",
            "date": "",
        }


def _other_sphere_rows(people: _People, dominant_share: float, min_contacts: int, rows: dict[tuple, dict]) -> None:
    """Add a row per contact reached only from the other sphere than its cluster's dominant one."""
    sphere = people.sphere
    members = np.flatnonzero(people.is_contact & (people.cluster != ""))
    for c, at in group_positions(people.cluster[members]):
        g = members[at]
        n = g.size
        if n < min_contacts:
            continue
        for dom, other in (("personal", "professional"), ("professional", "personal")):
            n_dom = int((sphere[g] == dom).sum())
            if n_dom < dominant_share * n:
                continue
            for i in g[sphere[g] == other].tolist():
                accounts = people.accounts[i]
                rows[(people.pid[i], "", "other sphere only")] = {
                    "name": people.name[i],
                    "person_id": people.pid[i],
                    "cluster": c,
                    "mutual": int(people.mutual[i]),
                    "status": "other sphere only",
                    "reason": f"in {people.lab(c)}, where {n_dom} of {n} contacts are {dom} only, "
                    f"but reached only from your {other} account(s) {accounts.replace(';', ', ')}",
                    "mutual_in_cluster": people.ties_at(i),
                    "account": accounts,
                    "date": "",
                }


def _request_reason(status: str, account: str, date: str, mutual: int, cluster: str) -> str:
    when = f" on {date}" if date else ""
    text = {
        "sent": f"you sent a request from {account}{when}; it is still pending",
        "received": f"sent you a request on {account}{when}, not accepted",
        "rejected": f"a request on {account} was declined{when}",
        "removed": f"removed from your {account} contacts{when}",
    }[status]
    if mutual:
        text += f"; tied to {mutual} of your contacts"
    if cluster:
        text += f", mostly in {cluster}"
    return text


def inclusion(persons: pd.DataFrame, accounts: list[str]) -> pd.DataFrame:
    """Per cluster: ``contacts``, ``non_contacts``, ``reach_<account>`` (share of members who are
    contacts of the account, 4 digits) and ``reached_from`` (the accounts with any reach).

    ``persons`` needs ``cluster, accounts, is_contact``.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"cluster": "c01", "accounts": ["fb", "fb;li", ""], "is_contact": ["1", "1", "0"]})
    >>> inclusion(p, ["fb", "li"]).values.tolist()
    [['c01', 2, 1, 0.6667, 0.3333, 'fb;li']]
    """
    is_contact = as_text(persons["is_contact"]) == "1"
    split = [s.split(";") for s in as_text(persons["accounts"])]
    reaches = {a: np.fromiter((a in xs for xs in split), dtype=bool, count=len(split)) for a in accounts}
    rows = []
    for c, at in group_positions(as_text(persons["cluster"])):
        n = len(at)
        row = {"cluster": c, "contacts": int(is_contact[at].sum())}
        row["non_contacts"] = n - row["contacts"]
        reached = []
        for a in accounts:
            k = int(reaches[a][at].sum())
            row[f"reach_{a}"] = round(k / n, 4) if n else 0.0
            if k:
                reached.append(a)
        row["reached_from"] = ";".join(reached)
        rows.append(row)
    cols = ["cluster", "contacts", "non_contacts"] + [f"reach_{a}" for a in accounts] + ["reached_from"]
    return pd.DataFrame(rows, columns=cols)
