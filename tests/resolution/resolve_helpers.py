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


def tieset(
    account: str | None, edges: list[tuple[str, str]], *, extra_nodes: tuple[str, ...] = (), source: str | None = None
) -> TieSet:
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


def population_term(first: str, last: str) -> float:
    """The population log-odds term of a same-name pair, worked out from the shipped table itself.

    Probability = first-name share × surname share (the source where it is highest; a word missing
    from a list counts 1e-6); term = clip(0.35 × ln(1e-7 / probability), -0.5, 0.8) — the values
    documented in ``netmix.resolution.weights``.
    """
    import csv
    import gzip
    import io
    import math
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "src" / "netmix" / "data" / "name_frequencies.csv.gz"
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    shares: dict[tuple[str, str, str], float] = {}
    for r in csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")):
        shares[(r["source"], r["part"], r["name"])] = float(r["share"])
    best = 0.0
    for source in ("insee", "census"):
        for f, s in ((first, last), (last, first)):
            if (source, "first", f) in shares or (source, "last", s) in shares:
                best = max(best, shares.get((source, "first", f), 1e-6) * shares.get((source, "last", s), 1e-6))
    if best == 0.0:
        return 0.0
    return min(max(0.35 * math.log(1e-7 / best), -0.5), 0.8)
