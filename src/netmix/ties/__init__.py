"""Readers for tie files: ties between contacts, which platform exports do not have.

Each format is a small module with a ``READER``; the registry's order is the detection order.
:func:`read_ties` returns a :class:`~netmix.model.TieSet` whose nodes carry the file's own keys
and labels; resolution maps them to persons.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import FormatNotRecognised, NetmixError
from ..io.sources import Member, iter_members
from ..model import TieSet, TieSource


@dataclass(frozen=True)
class TieReader:
    """One tie-file format: its name, the file endings it claims, and a ``read`` function.

    ``sniff(member, head)`` gets the first 4 KiB (decoded leniently) and says whether the
    member is in this format; ``read(member, encoding)`` returns ``(nodes, edges, issues)``.
    """

    name: str
    description: str
    extensions: tuple[str, ...]
    sniff: Callable[[Member, str], bool]
    read: Callable[[Member, str | None], tuple]


def _registry() -> tuple[TieReader, ...]:
    from . import edgelist, gdf, gexf, gml, graphml, mutual, snap  # they import TieReader from here

    return tuple(m.READER for m in (gdf, graphml, gexf, gml, snap, mutual, edgelist))


REGISTRY: tuple[TieReader, ...] = _registry()


def get(name: str) -> TieReader:
    for r in REGISTRY:
        if r.name == name:
            return r
    raise FormatNotRecognised(
        f"unknown tie format {name!r}", hint=f"known tie formats: {', '.join(r.name for r in REGISTRY)}"
    )


def read_ties(source: TieSource, *, encoding: str | None = None) -> TieSet:
    """Read one tie file (or the tie files of a folder / zip, merged).

    In a folder or zip, every member whose ending and first bytes a reader recognises is read
    (with ``source.format``, every member with that format's endings). Nodes met in several
    files are merged by key (the first name that is not just the key, and the first platform id,
    win); a tie met in several files is kept once with its largest weight. Rows are sorted by
    node key (integer ids in numeric order).

    Raises
    ------
    FormatNotRecognised
        No member is a tie file, or ``source.format`` is unknown.
    InputError, UnsafeInput
        A tie file is malformed or hostile (the message names file, member and line).
    """
    from ..model import TIE_EDGE_COLUMNS, TIE_NODE_COLUMNS

    forced = get(source.format) if source.format else None
    members = list(iter_members(source.path))
    nodes, edges, issues, fmts = [], [], [], []
    for member in members:
        if forced is not None:
            reader = forced if len(members) == 1 or member.name.lower().endswith(forced.extensions) else None
        else:
            reader = _detect(member)
        if reader is None:
            continue
        try:
            n, e, iss = reader.read(member, encoding)
        except NetmixError as err:
            raise err.located(file=source.path)
        nodes.append(n)
        edges.append(e)
        issues += list(iss)
        fmts.append(reader.name)
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


def _merge(nodes: list, edges: list) -> tuple:
    """Merge the tables of several tie files: nodes by key (first informative fields), ties by pair (max weight)."""
    import pandas as pd

    from ..model import TIE_EDGE_COLUMNS, TIE_NODE_COLUMNS
    from ._common import natural_key

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
            pair = (a, b) if natural_key(a) <= natural_key(b) else (b, a)
            if w > ties.get(pair, -1.0):
                ties[pair] = float(w)
    keys = sorted(node_rows, key=natural_key)
    pairs = sorted(ties, key=lambda p: (natural_key(p[0]), natural_key(p[1])))
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


#: Bytes given to a reader's ``sniff``.
HEAD_BYTES = 4096


def _head(member: Member) -> str:
    """The first :data:`HEAD_BYTES` of a member, decoded leniently (UTF-16 with a BOM, else UTF-8).

    A plain file is read only that far; an archive member is read whole (zip members cannot seek).
    """
    import codecs
    import os

    data = b""
    if member.inner is None and os.path.isfile(member.label):
        try:
            with open(member.label, "rb") as fh:
                data = fh.read(HEAD_BYTES)
        except OSError:
            data = b""
    else:
        data = member.read()[:HEAD_BYTES]
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace")
    return data.decode("utf-8", "replace").lstrip("\ufeff")


def _detect(member: Member) -> TieReader | None:
    """The first reader (registry order) whose endings match the member's name and whose sniff accepts it.

    Members no reader's endings match are never opened.
    """
    lower = member.name.lower()
    candidates = [r for r in REGISTRY if lower.endswith(r.extensions)]
    if not candidates:
        return None
    head = _head(member)
    for r in candidates:
        if r.sniff(member, head):
            return r
    return None
