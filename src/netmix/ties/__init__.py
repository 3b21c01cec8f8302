"""Readers for tie files: ties between contacts, which platform exports do not have.

Each format is a small module with a ``READER``; the registry's order is the detection order.
:func:`read_ties` returns a :class:`~netmix.model.TieSet` whose nodes carry the file's own keys
and labels; resolution maps them to persons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

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
    readers = []
    for mod in ("gdf", "graphml", "gexf", "gml", "snap", "mutual", "edgelist"):
        try:
            readers.append(__import__(f"{__name__}.{mod}", fromlist=["READER"]).READER)
        except ModuleNotFoundError as exc:  # pragma: no cover - only while a module is being written
            if exc.name != f"{__name__}.{mod}":
                raise
    return tuple(readers)


REGISTRY: tuple[TieReader, ...] = _registry()


def get(name: str) -> TieReader:
    for r in REGISTRY:
        if r.name == name:
            return r
    raise FormatNotRecognised(
        f"unknown tie format {name!r}", hint=f"known tie formats: {', '.join(r.name for r in REGISTRY)}"
    )


def read_ties(source: TieSource, *, encoding: str | None = None) -> TieSet:
    """Read one tie file (or the tie files of a folder / zip, merged)."""
    import pandas as pd

    from ..model import TIE_EDGE_COLUMNS, TIE_NODE_COLUMNS

    members = list(iter_members(source.path))
    nodes, edges, issues, fmts = [], [], [], []
    for member in members:
        reader = get(source.format) if source.format else _detect(member)
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
    node_df = pd.concat(nodes, ignore_index=True).drop_duplicates("node", keep="first")[list(TIE_NODE_COLUMNS)]
    edge_df = pd.concat(edges, ignore_index=True)[list(TIE_EDGE_COLUMNS)]
    return TieSet(node_df.reset_index(drop=True), edge_df, source.path, "+".join(sorted(set(fmts))), source.account, tuple(issues))


def _detect(member: Member) -> TieReader | None:
    head = member.read()[:4096].decode("utf-8", "replace").lstrip("\ufeff")
    lower = member.name.lower()
    for r in REGISTRY:
        if lower.endswith(r.extensions) and r.sniff(member, head):
            return r
    return None
