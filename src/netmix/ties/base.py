"""What a tie reader is: a format name, the file endings it claims, a sniff and a ``read`` function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..io.sources import Member

__all__ = ["TieReader"]


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
