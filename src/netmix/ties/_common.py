"""What every tie reader shares: collecting nodes and edges, and the clean-up rules.

A reader feeds a :class:`TieBuilder` the nodes it declares and the edges it finds; the builder
applies the rules common to all formats (undirected ties, self-loops dropped, duplicate edges
merged keeping the largest weight, undeclared nodes added) and counts each repair as one
:class:`~netmix.model.ImportIssue` instead of one per row. Large files give their edges as arrays
(:meth:`TieBuilder.add_edges`, :meth:`TieBuilder.count_lines`): numpy does the same work, with
the same results and issues, as the row-by-row :meth:`TieBuilder.edge`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from ..errors import InputError
from ..io.sources import Member
from ..model import TIE_EDGE_COLUMNS, TIE_NODE_COLUMNS, ImportIssue, empty_frame
from ..util.text import natural_key

__all__ = [
    "TieBuilder",
    "clean_name",
    "first_line",
    "head_lines",
    "header_token",
    "input_error",
    "is_numeric",
    "natural_ranks",
    "node_order",
    "parse_weight",
    "where",
]

_NUMERIC = re.compile(r"[+-]?\d+(?:\.\d+)?")


def where(member: Member) -> dict:
    """``file`` and ``member`` keyword arguments for a :class:`~netmix.errors.NetmixError`."""
    return {"file": member.archive, "member": member.inner}


def input_error(member: Member, message: str, *, line: int | None = None, hint: str | None = None) -> InputError:
    """An :class:`InputError` located in ``member``."""
    return InputError(message, **where(member), line=line, hint=hint)


def node_order(key: str) -> tuple:
    """Sort key of node ids: integer ids in numeric order before other keys (``"2" < "10" < "Ana"``).

    :func:`netmix.util.text.natural_key` with ``whole=True``.

    >>> sorted(["Ana", "10", "2"], key=node_order)
    ['2', '10', 'Ana']
    """
    return natural_key(key, whole=True)


def natural_ranks(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``values`` in :func:`node_order`, and the rank of each value among them.

    >>> natural_ranks(np.array(["10", "b", "2", "10"], dtype=object))
    (array(['2', '10', 'b'], dtype=object), array([1, 2, 0, 1]))
    """
    codes, uniq = pd.factorize(values)
    keys = uniq.tolist()
    order = sorted(range(len(keys)), key=lambda i: node_order(keys[i]))
    rank = np.empty(len(uniq), dtype="int64")
    rank[order] = np.arange(len(uniq))
    return np.asarray(uniq, dtype=object)[order], rank[codes]


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


_BAD_WEIGHT = "edge weights that are not a non-negative number were set to 1"
_SELF_LOOP = "self-loops dropped"
_DUPLICATE = "duplicate edges merged (the largest weight is kept)"


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
    #: Counts recorded by the bulk methods, merged into ``_counts`` in line order by :meth:`_flush`.
    _pending: list[tuple[int, int, str, int]] = field(default_factory=list)
    #: Edges added by :meth:`add_edges` as arrays ``(a, b, weight, direction, ends)``, not yet in ``edges``
    #: (``ends``: every node key they use).
    _block: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

    # --- input ------------------------------------------------------------------------------
    def issue(self, message: str, *, line: int | None = None, severity: str = "warning") -> None:
        """Record one issue as it is."""
        self.issues.append(ImportIssue(self.member.label, message, line=line, severity=severity))  # type: ignore[arg-type]

    def count(self, what: str, line: int | None = None) -> None:
        """Count one occurrence of a repair; reported once by :meth:`result` as ``"<what>: <n>"``."""
        if self._pending:
            self._flush()
        self._counts.setdefault(what, _Count()).add(line)

    def count_lines(self, what: str, lines: np.ndarray | list[int]) -> None:
        """Count one repair at each of ``lines`` (in reading order), like :meth:`count` once per line.

        Bulk counts are kept aside and merged with the others in line order, so a reader may
        record its skipped rows and then pass the rest to :meth:`add_edges`, in any order.
        """
        if len(lines):
            self._pending.append((int(lines[0]), len(self._pending), what, len(lines)))

    def _flush(self) -> None:
        """Merge the bulk counts: each repair is listed where its first occurrence falls."""
        for line, _, what, n in sorted(self._pending):
            c = self._counts.setdefault(what, _Count())
            c.n += n
            if c.line is None:
                c.line = line
        self._pending.clear()

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
        self._edge(a, b, weight, line, self.count)

    def _edge(self, a: str, b: str, weight: float | None, line: int | None, count) -> None:
        if self._block is not None:
            self._materialise()
        if weight is None:
            count(_BAD_WEIGHT, line)
            weight = 1.0
        if a == b:
            count(_SELF_LOOP, line)
            return
        pair = (a, b) if node_order(a) <= node_order(b) else (b, a)
        if pair in self.edges:
            forward = 1 if pair == (a, b) else 2
            seen = self._directions[pair]
            if self.reciprocal and not seen & forward:
                self._directions[pair] = seen | forward
            else:
                count(_DUPLICATE, line)
            if weight > self.edges[pair]:
                self.edges[pair] = weight
            return
        self.edges[pair] = weight
        self._directions[pair] = 1 if pair == (a, b) else 2

    def add_edges(self, a: ArrayLike, b: ArrayLike, weights: ArrayLike, lines: ArrayLike) -> None:
        """Add many edges at once, exactly as :meth:`edge` called on each row in order would.

        Parameters
        ----------
        a, b : the two ends of each edge (strings).
        weights : float per edge; NaN stands for an unusable weight (``weight=None`` in :meth:`edge`).
        lines : the line of each edge (increasing), for the issues.
        """
        arrays = (
            np.asarray(a, dtype=object),
            np.asarray(b, dtype=object),
            np.array(weights, dtype="float64"),
            np.asarray(lines, dtype="int64"),
        )
        if not len(arrays[0]):
            return
        if self.edges or self._block is not None:  # merging into earlier edges: one at a time
            self._add_one_by_one(*arrays)
        else:
            self._add_block(*arrays)

    def _add_one_by_one(self, a: np.ndarray, b: np.ndarray, w: np.ndarray, lines: np.ndarray) -> None:
        """:meth:`add_edges` into earlier edges: :meth:`_edge` per row, the counts queued in line order."""
        events: list[tuple[int, int, str]] = []
        record = lambda what, line: events.append((line, len(events), what))  # noqa: E731
        for x, y, wt, ln in zip(a.tolist(), b.tolist(), w.tolist(), lines.tolist(), strict=False):
            self._edge(x, y, None if wt != wt else wt, ln, record)
        self._pend(events)

    def _add_block(self, a: np.ndarray, b: np.ndarray, w: np.ndarray, lines: np.ndarray) -> None:
        """:meth:`add_edges` into an empty builder: the whole block at once with numpy."""
        n = len(a)
        bad = np.isnan(w)
        if bad.any():
            self.count_lines(_BAD_WEIGHT, lines[bad])
            w[bad] = 1.0
        loop = a == b
        if loop.any():
            self.count_lines(_SELF_LOOP, lines[loop])
            keep = ~loop
            a, b, w, lines = a[keep], b[keep], w[keep], lines[keep]
            n = len(a)
            if not n:
                return
        keys, ranks = natural_ranks(np.concatenate([a, b]))
        ra, rb = ranks[:n], ranks[n:]
        forward = ra < rb
        lo, hi = np.where(forward, ra, rb), np.where(forward, rb, ra)
        pair = lo * len(keys) + hi
        direction = np.where(forward, 1, 2)
        seen_key = pair * 2 + (direction - 1) if self.reciprocal else pair
        dup = pd.Series(seen_key).duplicated().to_numpy()
        if dup.any():
            self.count_lines(_DUPLICATE, lines[dup])
        pairs, inverse = np.unique(pair, return_inverse=True)
        weight = np.full(len(pairs), -np.inf)
        np.maximum.at(weight, inverse, w)
        if self.reciprocal:
            dirs = np.zeros(len(pairs), dtype="int64")
            np.bitwise_or.at(dirs, inverse, direction)
        else:
            first = np.full(len(pairs), n, dtype="int64")
            np.minimum.at(first, inverse, np.arange(n))
            dirs = direction[first]
        # the pairs come sorted by their ends' natural order, as result() returns them
        self._block = (keys[pairs // len(keys)], keys[pairs % len(keys)], weight, dirs, keys)

    def _pend(self, events: list[tuple[int, int, str]]) -> None:
        """Queue per-occurrence counts ``(line, seq, what)`` as bulk counts (first line of each)."""
        first: dict[str, list[int]] = {}
        for line, seq, what in events:
            if what in first:
                first[what][2] += 1
            else:
                first[what] = [line, seq, 1]
        for what, (line, _, n) in sorted(first.items(), key=lambda kv: (kv[1][0], kv[1][1])):
            self._pending.append((line, len(self._pending), what, n))

    def _materialise(self) -> None:
        """Move the edges of :meth:`add_edges` into ``edges`` (before edges are added one by one)."""
        if self._block is None:
            return
        a, b, w, d, _ = self._block
        self._block = None
        pairs = list(zip(a.tolist(), b.tolist(), strict=False))
        self.edges.update(zip(pairs, w.tolist(), strict=False))
        self._directions.update(zip(pairs, d.tolist(), strict=False))

    # --- output -----------------------------------------------------------------------------
    def result(self) -> tuple[pd.DataFrame, pd.DataFrame, tuple[ImportIssue, ...]]:
        """``(nodes, edges, issues)`` sorted by node key, ready for :func:`netmix.ties.read_ties`."""
        if self._block is not None and self.edges:
            self._materialise()
        block = self._block
        presorted = block is not None
        if block is not None:
            a, b, w, d, used = block
        else:
            a = np.array([p[0] for p in self.edges], dtype=object)
            b = np.array([p[1] for p in self.edges], dtype=object)
            w = np.fromiter(self.edges.values(), dtype="float64", count=len(self.edges))
            d = np.fromiter(self._directions.values(), dtype="int64", count=len(self._directions))
            used = pd.unique(np.concatenate([a, b])) if len(a) else np.array([], dtype=object)
        undeclared = [k for k in used.tolist() if k not in self.nodes]  # in any order: the nodes are sorted below
        for k in undeclared:
            self.nodes[k] = ["", ""]
        if undeclared:
            self.issue(f"nodes used by edges but not declared in the file (added without a name): {len(undeclared)}")
        if self.reciprocal and len(a):
            one_way = int(np.count_nonzero(d != 3))
            if one_way:
                self.issue(f"ties listed in one direction only: {one_way}", severity="info")
        if self._pending:
            self._flush()
        for what, c in self._counts.items():
            self.issue(f"{what}: {c.n}", line=c.line)
        keys = sorted(self.nodes, key=node_order)
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
        if len(a) and not presorted:
            ranks = natural_ranks(np.concatenate([a, b]))[1]
            order = np.lexsort((ranks[len(a):], ranks[: len(a)]))
            a, b, w = a[order], b[order], w[order]
        edges = pd.DataFrame(
            {
                "a": pd.Series(a, dtype=object),
                "b": pd.Series(b, dtype=object),
                "weight": pd.Series(w, dtype="float64"),
            }
        )[list(TIE_EDGE_COLUMNS)]
        return nodes, edges, tuple(self.issues)
