"""Gephi files: GEXF 1.3 with colours and positions, GraphML with the same attributes.

Nodes carry label, sphere, cluster, cluster_label, accounts, is_contact, double, bridging_score,
bridge_rank and ego_role; edges carry weight and kind (observed / inferred). Positions and colours
are those of the map. With a pseudonymizer, labels are pseudonyms and node ids are keyed tokens
(person ids are hashes of source keys and could be recomputed from a known profile URL).

The files are streamed as text from the view's columns and one pass over the ties — no element
tree, no second graph — one element per line. Output is deterministic: nodes in person order,
edges sorted by their ends, no date in the header. Characters XML 1.0 cannot hold (NUL, ESC,
VT and the other control characters but tab and newlines, U+FFFE, U+FFFF) are removed from
every text; :func:`xml_unsafe_characters` counts them for run.json.

>>> import io, networkx as nx
>>> from netmix.model import Analysis
>>> g = nx.Graph()
>>> g.add_edge("p1", "p2", weight=2.0, kind="observed")
>>> g.nodes["p1"].update(name="Zoë", cluster="c1"); g.nodes["p2"].update(name="Léo\\x1b", cluster="c1")
>>> analysis = Analysis(*[None] * 5, overlap={}, summary={}, params={}, graph=g)
>>> back = nx.read_gexf(io.BytesIO(gexf_bytes(analysis)))
>>> back.nodes["p2"]["label"], back.edges["p1", "p2"]["weight"]
('Léo', 2.0)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from .._version import __version__
from ..model import Analysis, Resolution
from ..privacy import Pseudonymizer
from ..util.arrays import float_texts, text_order
from .layout import layout_view
from .people import SPHERE_COLORS, View, build_view

#: Node attributes of both files: (name, GEXF / GraphML type), in file order.
NODE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("sphere", "string"),
    ("cluster", "string"),
    ("cluster_label", "string"),
    ("accounts", "string"),
    ("is_contact", "long"),
    ("double", "long"),
    ("bridging_score", "double"),
    ("bridge_rank", "long"),
    ("ego_role", "string"),
)
#: The characters XML 1.0 cannot hold (https://www.w3.org/TR/xml/#charsets).
XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT = ("name", "cluster", "sphere_key", "ego_role")
#: Lines made and encoded at a time. Small enough that each chunk's strings reuse the memory the last one freed: at
#: 50,000 lines (7 MB) every chunk took fresh pages from the system, and page faults cost a third of the file's time.
_CHUNK = 5_000
_GEXF_NS = 'xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
_GEXF_SCHEMA = 'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"'
_GRAPHML_NS = (
    'xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"'
)


_UNSAFE_CODES = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]
_TEXT_TABLE = {**dict.fromkeys(_UNSAFE_CODES), ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord("\r"): "&#13;"}
_ATTRIBUTE_TABLE = {**_TEXT_TABLE, ord('"'): "&quot;", ord("\n"): "&#10;", ord("\t"): "&#9;"}


#: A character :data:`_TEXT_TABLE` or :data:`_ATTRIBUTE_TABLE` changes.
_TEXT_NEEDS = re.compile("[" + re.escape("".join(map(chr, _TEXT_TABLE))) + "]")
_ATTRIBUTE_NEEDS = re.compile("[" + re.escape("".join(map(chr, _ATTRIBUTE_TABLE))) + "]")


def _escape(values: pd.Series, *, attribute: bool) -> list[str]:
    """XML-safe text: unsafe characters removed, markup escaped (and newlines, in attributes).

    A column of texts none of which needs it (one search over them all) is returned as it is.
    """
    table, needs = (_ATTRIBUTE_TABLE, _ATTRIBUTE_NEEDS) if attribute else (_TEXT_TABLE, _TEXT_NEEDS)
    if pd.api.types.infer_dtype(values, skipna=False) == "string":  # str only, nothing missing
        texts = values.tolist()
        return texts if needs.search(" ".join(texts)) is None else [t.translate(table) for t in texts]
    return [str(v).translate(table) if v == v and v is not None else "" for v in values.tolist()]


def _shared_escape(values: list[str], attribute: bool) -> list[str]:
    """:func:`_escape` of a long column of few distinct values, each escaped text shared."""
    table = _ATTRIBUTE_TABLE if attribute else _TEXT_TABLE
    escaped = {v: str(v).translate(table) for v in set(values)}
    return [escaped[v] for v in values]


@dataclass(frozen=True)
class _Export:
    """What both files write, as text: node columns in person order, edges sorted."""

    ids: list[str]
    label: list[str]
    text: dict[str, list[str]]  # escaped attribute values (numbers formatted as networkx wrote them)
    color: list[str]
    x: list[float]
    y: list[float]
    size: list[float]
    lo: list[int]
    hi: list[int]
    weight: list[str]  # as str(float) writes them
    kind: list[str]


def _node_columns(view: View, attribute: bool) -> dict[str, list[str]]:
    p = view.persons
    cluster_label = p["cluster"].map(lambda c: view.clusters.get(c, c))
    text = {
        "sphere": _escape(p["sphere_key"], attribute=attribute),
        "cluster": _escape(p["cluster"], attribute=attribute),
        "cluster_label": _escape(cluster_label, attribute=attribute),
        "accounts": _escape(p["accounts"].map(";".join), attribute=attribute),
        "is_contact": [str(int(v)) for v in p["is_contact"].tolist()],
        "double": [str(int(v)) for v in p["double"].tolist()],
        "bridging_score": [str(float(v)) for v in p["bridging_score"].tolist()],
        "bridge_rank": [str(int(v)) for v in p["bridge_rank"].tolist()],
        "ego_role": _escape(p["ego_role"], attribute=attribute),
    }
    return text


def _edges(view: View, order: np.ndarray) -> tuple[list[int], list[int], list[str], list[str]]:
    """The ties as person indices (source first in person order), weights (as text) and kinds, in file order.

    The order is networkx's for a graph whose nodes were added in person order and whose edges
    in node-id order (what netmix wrote before it streamed the files): by the source's place, then
    by the tie's place among the sorted (low id, high id) pairs.
    """
    ties = view.ties
    m = len(ties)
    ends = np.column_stack([ties["src"].to_numpy(), ties["dst"].to_numpy()]) if m else np.zeros((0, 2), dtype=np.int64)
    weights, kinds = ties["weight"].to_numpy(dtype=float), ties["kind"].to_numpy(dtype=object)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))  # place of each person among the sorted node ids
    a, b = rank[ends[:, 0]], rank[ends[:, 1]]
    low, high = np.minimum(a, b), np.maximum(a, b)
    key = low * max(len(order), 1) + high  # ordered like (low, high)
    if (np.diff(key) > 0).all():  # in order already (the ties of a run are): sorting them again takes longer
        by_id = np.arange(m)
    else:
        by_id = np.empty(m, dtype=np.int64)
        by_id[np.lexsort((high, low))] = np.arange(m)
    src, dst = ends.min(axis=1), ends.max(axis=1)
    by = np.lexsort((by_id, src))
    return src[by].tolist(), dst[by].tolist(), float_texts(weights[by], str), kinds[by].tolist()


def _export(
    analysis: Analysis,
    resolution: Resolution | None,
    pseudonymizer: Pseudonymizer | None,
    seed: int,
    positions: Mapping[Hashable, tuple[float, float]] | None,
    attribute: bool,
) -> _Export:
    view = build_view(analysis, resolution, pseudonymizer=pseudonymizer)
    pos = positions if positions is not None else layout_view(view, seed=seed)
    pids = view.persons["person_id"].tolist()
    ident = [pseudonymizer.token(p) for p in pids] if pseudonymizer is not None else pids
    order = text_order(np.array(ident, dtype=object))
    lo, hi, weight, kind = _edges(view, order)
    ids = _escape(pd.Series(ident, dtype=object), attribute=True)
    return _Export(
        ids=ids,
        label=_escape(view.persons["name"], attribute=attribute),
        text=_node_columns(view, attribute),
        color=[SPHERE_COLORS[k] for k in view.persons["sphere_key"].tolist()],
        x=[float(pos[p][0]) for p in pids],
        y=[float(-pos[p][1]) for p in pids],
        size=[round(7 + 18 * s**0.5, 3) for s in view.persons["bridging_score"].tolist()],
        lo=lo,
        hi=hi,
        weight=weight,
        kind=_shared_escape(kind, attribute),
    )


def xml_unsafe_characters(
    analysis: Analysis, resolution: Resolution | None = None, *, pseudonymizer: Pseudonymizer | None = None
) -> int:
    """How many characters XML 1.0 cannot hold the Gephi files leave out of names, clusters and accounts."""
    view = build_view(analysis, resolution, pseudonymizer=pseudonymizer)
    p = view.persons
    texts = [*(p[c].tolist() for c in _TEXT), p["accounts"].map(";".join).tolist(), list(view.clusters.values())]
    return len(XML_UNSAFE.findall("\n".join(map(str, itertools.chain.from_iterable(texts)))))  # "\n": XML holds it


def _chunks(
    texts: tuple[str, str, str], nodes: Callable[[int, int], str], n: int, edges: Callable[[int, int], str], m: int
) -> Iterator[bytes]:
    """The file in encoded chunks: head, node lines, middle, edge lines, tail — lines made (``lines(start, end)``)
    ``_CHUNK`` at a time."""
    head, middle, tail = texts
    yield head.encode("utf-8")
    for count, lines, after in ((n, nodes, middle), (m, edges, tail)):
        for start in range(0, count, _CHUNK):
            yield lines(start, min(count, start + _CHUNK)).encode("utf-8")
        yield after.encode("utf-8")


def _joined(chunks: Iterable[bytes]) -> bytes:
    """The chunks as one bytes object, grown in place (the file is held once, not twice)."""
    data = bytearray()
    for chunk in chunks:
        data += chunk
    # a bytearray reads, compares and writes as bytes: handing it on as it is saves a copy of 100 MB
    return cast(bytes, data)


def _each(line: Callable[[int], str]) -> Callable[[int, int], str]:
    return lambda start, end: "".join([line(i) for i in range(start, end)])


def _rgb(hex_color: str) -> str:
    h = hex_color.lstrip("#")
    return f'r="{int(h[0:2], 16)}" g="{int(h[2:4], 16)}" b="{int(h[4:6], 16)}" a="1.0"'


def gexf_chunks(
    analysis: Analysis,
    resolution: Resolution | None = None,
    *,
    pseudonymizer: Pseudonymizer | None = None,
    seed: int = 0,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
) -> Iterator[bytes]:
    """The graph as GEXF 1.3 (UTF-8) with viz colours, positions and sizes, for Gephi, in chunks
    (:func:`gexf_bytes` joins them; written as they come, a 100 MB file is never held whole).

    Parameters
    ----------
    analysis, resolution
        What is drawn (``resolution`` marks doubles found by the resolver).
    pseudonymizer
        Pseudonyms for labels, keyed tokens for node ids.
    seed
        Layout seed, when ``positions`` is not given.
    positions
        The run's layout (:func:`netmix.render.layout.layout`), shared with the map and images.
    """
    e = _export(analysis, resolution, pseudonymizer, seed, positions, attribute=True)
    ids = {name: str(i) for i, (name, _) in enumerate(NODE_ATTRIBUTES)}
    declared = "".join(f'<attribute id="{ids[a]}" title="{a}" type="{t}"/>\n' for a, t in NODE_ATTRIBUTES)
    head = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<gexf {_GEXF_NS} {_GEXF_SCHEMA} version="1.3">\n'
        f"<meta><creator>netmix {__version__}</creator></meta>\n"
        '<graph defaultedgetype="undirected" mode="static">\n'
        f'<attributes class="node" mode="static">\n{declared}</attributes>\n'
        f'<attributes class="edge" mode="static">\n<attribute id="{len(ids)}" title="kind" type="string"/>\n</attributes>\n'
        f'<nodes count="{len(e.ids)}">\n'
    )
    nodes, edges = _gexf_nodes(e, ids), _gexf_edges(e, len(ids))
    return _chunks((head, "</nodes>\n<edges>\n", "</edges>\n</graph>\n</gexf>\n"), nodes, len(e.ids), edges, len(e.lo))


def gexf_bytes(
    analysis: Analysis,
    resolution: Resolution | None = None,
    *,
    pseudonymizer: Pseudonymizer | None = None,
    seed: int = 0,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
) -> bytes:
    """The whole file of :func:`gexf_chunks` (same arguments) as bytes."""
    return _joined(gexf_chunks(analysis, resolution, pseudonymizer=pseudonymizer, seed=seed, positions=positions))


def _gexf_nodes(e: _Export, ids: dict[str, str]) -> Callable[[int, int], str]:
    """The GEXF lines of the nodes ``start`` to ``end``, one format per node."""
    colors = {c: _rgb(c) for c in set(e.color)}
    rgb = [colors[c] for c in e.color]
    values = "".join(f'<attvalue for="{ids[a]}" value="{{}}"/>' for a, _ in NODE_ATTRIBUTES)
    node = (
        '<node id="{}" label="{}"><attvalues>' + values + "</attvalues>"
        '<viz:color {}/><viz:size value="{}"/><viz:position x="{}" y="{}" z="0.0"/></node>\n'
    ).format

    def nodes(start: int, end: int) -> str:
        cut = slice(start, end)
        texts = (e.text[a][cut] for a, _ in NODE_ATTRIBUTES)
        rows = zip(e.ids[cut], e.label[cut], *texts, rgb[cut], e.size[cut], e.x[cut], e.y[cut], strict=True)
        return "".join([node(*row) for row in rows])

    return nodes


def _gexf_edges(e: _Export, kind_id: int) -> Callable[[int, int], str]:
    """The GEXF lines of the edges ``start`` to ``end``, one f-string per edge."""
    source, target = _ends(e)

    def edges(start: int, end: int) -> str:
        cut = slice(start, end)
        rows = zip(range(start, end), source[cut], target[cut], e.weight[cut], e.kind[cut], strict=True)
        return "".join(
            [
                f'<edge id="{j}" source="{a}" target="{b}" weight="{w}">'
                f'<attvalues><attvalue for="{kind_id}" value="{k}"/></attvalues></edge>\n'
                for j, a, b, w, k in rows
            ]
        )

    return edges


def _ends(e: _Export) -> tuple[list[str], list[str]]:
    """The escaped ids of every edge's two ends, in file order."""
    ids = np.array(e.ids, dtype=object)
    return ids[np.asarray(e.lo, dtype=np.int64)].tolist(), ids[np.asarray(e.hi, dtype=np.int64)].tolist()


#: GraphML keys: (name, domain, type), their ids d0, d1… in this order.
GRAPHML_KEYS: tuple[tuple[str, str, str], ...] = (
    ("label", "node", "string"),
    *((a, "node", t) for a, t in NODE_ATTRIBUTES),
    ("x", "node", "double"),
    ("y", "node", "double"),
    ("color", "node", "string"),
    ("size", "node", "double"),
    ("weight", "edge", "double"),
    ("kind", "edge", "string"),
)


def graphml_bytes(
    analysis: Analysis,
    resolution: Resolution | None = None,
    *,
    pseudonymizer: Pseudonymizer | None = None,
    seed: int = 0,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
) -> bytes:
    """The graph as GraphML (UTF-8) with typed attributes, x/y and a colour per node (as :func:`gexf_bytes`)."""
    e = _export(analysis, resolution, pseudonymizer, seed, positions, attribute=False)
    key = {name: f"d{i}" for i, (name, _, _) in enumerate(GRAPHML_KEYS)}
    declared = "".join(f'<key id="{key[n]}" for="{d}" attr.name="{n}" attr.type="{t}"/>\n' for n, d, t in GRAPHML_KEYS)
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<graphml {_GRAPHML_NS}>\n{declared}<graph edgedefault="undirected">\n'

    def data(name: str, value: object) -> str:
        return f'<data key="{key[name]}">{value}</data>' if value != "" else f'<data key="{key[name]}"/>'

    def node(i: int) -> str:
        values = data("label", e.label[i]) + "".join(data(a, e.text[a][i]) for a, _ in NODE_ATTRIBUTES)
        where = data("x", e.x[i]) + data("y", e.y[i]) + data("color", e.color[i]) + data("size", e.size[i])
        return f'<node id="{e.ids[i]}">{values}{where}</node>\n'

    def edge(j: int) -> str:
        return (
            f'<edge source="{e.ids[e.lo[j]]}" target="{e.ids[e.hi[j]]}">'
            f"{data('weight', e.weight[j])}{data('kind', e.kind[j])}</edge>\n"
        )

    return _joined(_chunks((head, "", "</graph>\n</graphml>\n"), _each(node), len(e.ids), _each(edge), len(e.lo)))


__all__ = ["GRAPHML_KEYS", "NODE_ATTRIBUTES", "XML_UNSAFE", "gexf_bytes", "gexf_chunks", "graphml_bytes", "xml_unsafe_characters"]
