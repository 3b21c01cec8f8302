"""What every tie reader shares: collecting nodes and edges, and the clean-up rules.

A reader feeds a :class:`TieBuilder` the nodes it declares and the edges it finds; the builder
applies the rules common to all formats (undirected ties, self-loops dropped, duplicate edges
merged keeping the largest weight, undeclared nodes added) and counts each repair as one
:class:`~netmix.model.ImportIssue` instead of one per row.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from ..errors import InputError
from ..io.sources import Member
from ..model import TIE_EDGE_COLUMNS, TIE_NODE_COLUMNS, ImportIssue, empty_frame

_NUMERIC = re.compile(r"[+-]?\d+(?:\.\d+)?")


def where(member: Member) -> dict:
    """``file`` and ``member`` keyword arguments for a :class:`~netmix.errors.NetmixError`."""
    return {"file": member.archive, "member": member.inner}


def input_error(member: Member, message: str, *, line: int | None = None, hint: str | None = None) -> InputError:
    """An :class:`InputError` located in ``member``."""
    return InputError(message, **where(member), line=line, hint=hint)


@functools.lru_cache(maxsize=1 << 16)
def natural_key(key: str) -> tuple:
    """Sort key putting integer ids in numeric order before other keys (``"2" < "10" < "Ana"``)."""
    return (0, int(key), key) if key.isdigit() else (1, 0, key)


def is_numeric(value: str) -> bool:
    """Whether a node key is a number (an id) rather than a name."""
    return bool(_NUMERIC.fullmatch(value))


def clean_name(value: str) -> str:
    """A name with its whitespace runs collapsed to one space."""
    return " ".join(value.split())


def header_token(cell: str) -> str:
    """A header cell reduced to lower-case letters and digits, accents removed (``"Ami commun"`` -> ``"amicommun"``)."""
    text = unicodedata.normalize("NFKD", cell.strip().strip("\ufeff").strip("'\"")).casefold()
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))


def first_line(head: str) -> str:
    """The first line of ``head`` that is neither blank nor a ``#`` comment (``""`` if none)."""
    for line in head.lstrip("\ufeff").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return ""


def head_lines(head: str, limit: int = 20) -> list[str]:
    """Up to ``limit`` complete, non-blank, non-comment lines of a sniffed head.

    The last line is dropped when the head does not end with a line break (it may be cut).
    """
    lines = head.lstrip("\ufeff").splitlines()
    if len(lines) > 1 and not head.endswith(("\n", "\r")):
        lines = lines[:-1]
    return [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")][:limit]


def parse_weight(text: object) -> float | None:
    """A weight from a cell: a finite non-negative float, or ``None`` if unusable."""
    try:
        w = float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not math.isfinite(w) or w < 0:
        return None
    return w


@dataclass
class _Count:
    n: int = 0
    line: int | None = None

    def add(self, line: int | None) -> None:
        self.n += 1
        if self.line is None:
            self.line = line


@dataclass
class TieBuilder:
    """Collects the nodes and edges of one tie file, then applies the common rules.

    Parameters
    ----------
    member : the file read (its label names the issues).
    reciprocal : the format lists each tie in both directions (SNAP ``.edges``, mutual-friend
        lists): merging ``b–a`` into ``a–b`` is then expected and not reported.
    """

    member: Member
    reciprocal: bool = False
    nodes: dict[str, list[str]] = field(default_factory=dict)
    edges: dict[tuple[str, str], float] = field(default_factory=dict)
    issues: list[ImportIssue] = field(default_factory=list)
    _directions: dict[tuple[str, str], int] = field(default_factory=dict)
    _counts: dict[str, _Count] = field(default_factory=dict)

    # --- input ------------------------------------------------------------------------------
    def issue(self, message: str, *, line: int | None = None, severity: str = "warning") -> None:
        """Record one issue as it is."""
        self.issues.append(ImportIssue(self.member.label, message, line=line, severity=severity))  # type: ignore[arg-type]

    def count(self, what: str, line: int | None = None) -> None:
        """Count one occurrence of a repair; reported once by :meth:`result` as ``"<what>: <n>"``."""
        self._counts.setdefault(what, _Count()).add(line)

    def node(self, key: str, name: str = "", platform_id: str = "", *, line: int | None = None) -> None:
        """Declare a node; a repeated key keeps the first row (filling its empty fields)."""
        if key in self.nodes:
            self.count("duplicate node ids (the first row of each id is kept)", line)
            row = self.nodes[key]
            row[0] = row[0] or name
            row[1] = row[1] or platform_id
            return
        self.nodes[key] = [name, platform_id]

    def edge(self, a: str, b: str, weight: float | None = 1.0, *, line: int | None = None) -> None:
        """Add an undirected edge; ``weight=None`` means an unusable weight (1.0 is used)."""
        if weight is None:
            self.count("edge weights that are not a non-negative number were set to 1", line)
            weight = 1.0
        if a == b:
            self.count("self-loops dropped", line)
            return
        pair = (a, b) if natural_key(a) <= natural_key(b) else (b, a)
        if pair in self.edges:
            forward = 1 if pair == (a, b) else 2
            seen = self._directions[pair]
            if self.reciprocal and not seen & forward:
                self._directions[pair] = seen | forward
            else:
                self.count("duplicate edges merged (the largest weight is kept)", line)
            if weight > self.edges[pair]:
                self.edges[pair] = weight
            return
        self.edges[pair] = weight
        self._directions[pair] = 1 if pair == (a, b) else 2

    # --- output -----------------------------------------------------------------------------
    def result(self) -> tuple[pd.DataFrame, pd.DataFrame, tuple[ImportIssue, ...]]:
        """``(nodes, edges, issues)`` sorted by node key, ready for :func:`netmix.ties.read_ties`."""
        undeclared: set[str] = set()
        for a, b in self.edges:
            for k in (a, b):
                if k not in self.nodes:
                    undeclared.add(k)
        for k in undeclared:
            self.nodes[k] = ["", ""]
        if undeclared:
            self.issue(f"nodes used by edges but not declared in the file (added without a name): {len(undeclared)}")
        if self.reciprocal and self.edges:
            one_way = sum(1 for d in self._directions.values() if d != 3)
            if one_way:
                self.issue(f"ties listed in one direction only: {one_way}", severity="info")
        for what, c in self._counts.items():
            self.issue(f"{what}: {c.n}", line=c.line)
        keys = sorted(self.nodes, key=natural_key)
        if keys:
            nodes = pd.DataFrame(
                {
                    "node": keys,
                    "name": [self.nodes[k][0] for k in keys],
                    "platform_id": [self.nodes[k][1] for k in keys],
                },
                dtype=object,
            )[list(TIE_NODE_COLUMNS)]
        else:
            nodes = empty_frame(TIE_NODE_COLUMNS)
        pairs = sorted(self.edges, key=lambda p: (natural_key(p[0]), natural_key(p[1])))
        edges = pd.DataFrame(
            {
                "a": pd.Series([p[0] for p in pairs], dtype=object),
                "b": pd.Series([p[1] for p in pairs], dtype=object),
                "weight": pd.Series([self.edges[p] for p in pairs], dtype="float64"),
            }
        )[list(TIE_EDGE_COLUMNS)]
        return nodes, edges, tuple(self.issues)
