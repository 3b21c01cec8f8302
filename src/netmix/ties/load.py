"""Reading a tie source: every tie file of a file, folder or zip, merged into one :class:`~netmix.model.TieSet`.

The nodes carry the file's own keys and labels; resolution maps them to persons.
"""

from __future__ import annotations

import pandas as pd

from ..errors import FormatNotRecognised, NetmixError
from ..io.sources import iter_members
from ..model import TIE_EDGE_COLUMNS, TIE_NODE_COLUMNS, TieSet, TieSource
from ._common import node_order
from .registry import REGISTRY, detect, get

__all__ = ["read_ties"]


def read_ties(source: TieSource, *, encoding: str | None = None) -> TieSet:
    """Read one tie file (or the tie files of a folder / zip, merged).

    In a folder or zip, every member whose ending and first bytes a reader recognises is read
    (with ``source.format``, every member with that format's endings). Nodes met in several
    files are merged by key (the first name that is not just the key, and the first platform id,
    win); a tie met in several files is kept once with its largest weight. Rows are sorted by
    node key (integer ids in numeric order).

    Parameters
    ----------
    source
        Where the ties are (``path``), the account they belong to, and optionally a format
        name that wins over detection.
    encoding
        The text encoding of the files (detected when ``None``; XML files declare their own).

    Returns
    -------
    TieSet
        Nodes (``TIE_NODE_COLUMNS``), undirected weighted ties (``TIE_EDGE_COLUMNS``), the
        formats read and the issues met (counted repairs, not one per row).

    Raises
    ------
    FormatNotRecognised
        No member is a tie file, or ``source.format`` is unknown.
    InputError, UnsafeInput
        A tie file is malformed or hostile (the message names file, member and line).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.model import TieSource
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "friends.csv"
    >>> _ = path.write_text("source,target,weight\\nAna,Ben,2\\nBen,Cleo,1\\nBen,Ana,3\\n")
    >>> ties = read_ties(TieSource(str(path), account="perso"))
    >>> ties.edges.values.tolist(), ties.format
    ([['Ana', 'Ben', 3.0], ['Ben', 'Cleo', 1.0]], 'edgelist')
    """
    nodes, edges, issues, fmts = _read_members(source, encoding)
    if not fmts:
        raise FormatNotRecognised(
            "no tie file recognised here",
            file=source.path,
            hint=f"tie formats: {', '.join(r.name + ' (' + ' '.join(r.extensions) + ')' for r in REGISTRY)}",
        )
    if len(nodes) == 1:
        node_df, edge_df = nodes[0], edges[0]
    else:
        node_df, edge_df = _merge(nodes, edges)
    node_df = node_df[list(TIE_NODE_COLUMNS)].astype(object).reset_index(drop=True)
    edge_df = edge_df[list(TIE_EDGE_COLUMNS)].astype({"a": object, "b": object, "weight": "float64"}).reset_index(drop=True)
    return TieSet(node_df, edge_df, source.path, "+".join(sorted(set(fmts))), source.account, tuple(issues))


def _read_members(source: TieSource, encoding: str | None) -> tuple[list, list, list, list[str]]:
    """Nodes, edges, issues and format of every tie file of the source, in member order."""
    forced = get(source.format) if source.format else None
    members = list(iter_members(source.path))
    nodes, edges, issues, fmts = [], [], [], []
    for member in members:
        if forced is not None:
            reader = forced if len(members) == 1 or member.name.lower().endswith(forced.extensions) else None
        else:
            reader = detect(member)
        if reader is None:
            continue
        try:
            n, e, iss = reader.read(member, encoding)
        except NetmixError as err:
            err.located(file=source.path)
            raise
        nodes.append(n)
        edges.append(e)
        issues += list(iss)
        fmts.append(reader.name)
    return nodes, edges, issues, fmts


def _merge(nodes: list, edges: list) -> tuple:
    """Merge the tables of several tie files: nodes by key (first informative fields), ties by pair (max weight)."""
    node_rows: dict[str, list[str]] = {}
    for df in nodes:
        for key, name, pid in zip(df["node"], df["name"], df["platform_id"], strict=False):
            row = node_rows.get(key)
            if row is None:
                node_rows[key] = [name, pid]
            else:
                if not row[0] or (row[0] == key and name):  # a real label beats the key repeated
                    row[0] = name or row[0]
                row[1] = row[1] or pid
    ties: dict[tuple[str, str], float] = {}
    for df in edges:
        for a, b, w in zip(df["a"], df["b"], df["weight"], strict=False):
            pair = (a, b) if node_order(a) <= node_order(b) else (b, a)
            if w > ties.get(pair, -1.0):
                ties[pair] = float(w)
    keys = sorted(node_rows, key=node_order)
    pairs = sorted(ties, key=lambda p: (node_order(p[0]), node_order(p[1])))
    node_df = pd.DataFrame(
        {"node": keys, "name": [node_rows[k][0] for k in keys], "platform_id": [node_rows[k][1] for k in keys]},
        dtype=object,
    )[list(TIE_NODE_COLUMNS)]
    edge_df = pd.DataFrame(
        {
            "a": pd.Series([p[0] for p in pairs], dtype=object),
            "b": pd.Series([p[1] for p in pairs], dtype=object),
            "weight": pd.Series([ties[p] for p in pairs], dtype="float64"),
        }
    )[list(TIE_EDGE_COLUMNS)]
    return node_df, edge_df
