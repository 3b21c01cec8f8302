"""Small synthetic inputs for the resolution tests (invented names, real column contracts)."""

from __future__ import annotations

import pandas as pd

from netmix.model import CONTACT_COLUMNS, TIE_NODE_COLUMNS, TieSet, frame

SPHERE = {"perso": "personal", "perso2": "personal", "pro": "professional", "linkedin": "professional"}


def contact(acc: str, n: int, name: str, **kw: str) -> dict:
    """One contact row as load_account numbers it (``<account>:<n>``)."""
    row = {
        "contact_id": f"{acc}:{n}",
        "account": acc,
        "sphere": SPHERE.get(acc, "personal"),
        "platform": "linkedin" if acc == "linkedin" else "facebook",
        "relation": "friend",
        "name": name,
    }
    row.update(kw)
    row.setdefault("source_id", "url:" + row["profile_url"] if row.get("profile_url") else f"name:{name}")
    return row


def contacts(*rows: dict) -> pd.DataFrame:
    return frame(list(rows), CONTACT_COLUMNS)


def tieset(account: str | None, edges: list[tuple[str, str]], *, extra_nodes: tuple[str, ...] = (), source: str | None = None) -> TieSet:
    """A tie set whose nodes are named by display name (node key = name)."""
    names = []
    for a, b in edges:
        for x in (a, b):
            if x not in names:
                names.append(x)
    names += [x for x in extra_nodes if x not in names]
    nodes = frame([{"node": x, "name": x} for x in names], TIE_NODE_COLUMNS)
    e = pd.DataFrame({"a": [a for a, _ in edges], "b": [b for _, b in edges], "weight": [1.0] * len(edges)})
    return TieSet(nodes, e, source or f"{account or 'all'}.gdf", "gdf", account)


def person_of(res, contact_id: str) -> str:
    c = res.contacts
    return c.loc[c["contact_id"] == contact_id, "person_id"].iloc[0]


def double_row(res, contact_id: str) -> dict:
    d = res.doubles
    rows = [r for r in d.to_dict("records") if contact_id in r["contact_ids"].split(";")]
    assert len(rows) == 1, rows
    return rows[0]


def star(account: str, center: str, friends: list[str]) -> list[tuple[str, str]]:
    return [(center, f) for f in friends]


def resolve_en(*args, **kwargs):
    """:func:`netmix.resolution.resolve` with the evidence and suggestions in English words (as doubles.csv shows them)."""
    from netmix.render.evidence import worded_resolution
    from netmix.resolution import resolve

    return worded_resolution(resolve(*args, **kwargs), "en")
