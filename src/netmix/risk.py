"""Re-identification risk of a (pseudonymised) network: pure functions over a networkx graph.

Replacing names by pseudonyms does not make a network anonymous: a person's *position* in it
(how many ties, in which sphere, in which cluster) can single them out to anyone who knows a
little about them (Backstrom, Dwork & Kleinberg 2007; Narayanan & Shmatikov 2009; Hay et al.
2008). These functions measure how exposed the persons of a graph are:

- *k-degree anonymity* (Liu & Terzi, SIGMOD 2008): the smallest number of persons sharing a
  degree — ``k = 1`` means at least one person is the only one with their degree;
- persons with a **unique degree**, a unique **signature** (degree, sphere, size of their
  cluster) or a unique **neighbourhood** (degree and the sorted degrees of their neighbours);
- **small components**: groups of at most a few persons tied only to each other.

Pseudonymised data is still personal data (GDPR Art. 4(5), Recital 26; RELIABILITY.md §6).

>>> import networkx as nx
>>> g = nx.Graph([("a", "b"), ("a", "c"), ("a", "d"), ("b", "c")])   # degrees 3, 2, 2, 1
>>> degree_anonymity(g)
1
>>> sorted(unique_degree_nodes(g))
['a', 'd']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import networkx as nx

#: The warning that goes with every risk summary.
WARNING = (
    "Pseudonymised data is still personal data (GDPR Art. 4(5), Recital 26): the position of a "
    "person in the network (degree, sphere, cluster) can re-identify them. Share it only under a "
    "data-protection agreement, keep the pseudonym key apart, and never publish it openly."
)

Signature = Callable[[nx.Graph, Hashable], Hashable]


def _without(graph: nx.Graph, ignore: Iterable[Hashable]) -> nx.Graph:
    ignore = set(ignore)
    if not ignore:
        return graph
    return graph.subgraph([n for n in graph.nodes if n not in ignore])


def _unique(graph: nx.Graph, signature: Signature) -> list[Hashable]:
    sigs = {n: signature(graph, n) for n in graph.nodes}
    counts = Counter(sigs.values())
    return sorted((n for n, s in sigs.items() if counts[s] == 1), key=str)


def degree_anonymity(graph: nx.Graph) -> int:
    """The *k* of k-degree anonymity: the smallest number of nodes that share a degree.

    ``0`` for an empty graph.

    >>> degree_anonymity(nx.cycle_graph(5))   # every node has degree 2
    5
    """
    counts = Counter(d for _, d in graph.degree())
    return min(counts.values()) if counts else 0


def unique_degree_nodes(graph: nx.Graph) -> list[Hashable]:
    """Nodes that are the only ones with their degree, sorted.

    >>> unique_degree_nodes(nx.path_graph(3))   # degrees 1, 2, 1
    [1]
    """
    return _unique(graph, lambda g, n: g.degree(n))


def cluster_sizes(graph: nx.Graph, attribute: str = "cluster") -> dict[Hashable, int]:
    """The size of each node's cluster (node attribute ``attribute``; ``""`` or missing: 1)."""
    values = {n: graph.nodes[n].get(attribute, "") for n in graph.nodes}
    sizes = Counter(v for v in values.values() if v not in ("", None))
    return {n: (sizes[v] if v not in ("", None) else 1) for n, v in values.items()}


def unique_signature_nodes(graph: nx.Graph, *, sphere: str = "sphere", cluster: str = "cluster") -> list[Hashable]:
    """Nodes with a unique (degree, sphere, cluster size) signature, sorted.

    An attacker who knows how many contacts someone has in the network, whether they are a
    personal or professional contact, and roughly how large their circle is, finds them.
    """
    sizes = cluster_sizes(graph, cluster)
    return _unique(graph, lambda g, n: (g.degree(n), str(g.nodes[n].get(sphere, "")), sizes[n]))


def unique_neighbourhood_nodes(graph: nx.Graph) -> list[Hashable]:
    """Nodes with a unique (degree, sorted neighbour degrees) signature, sorted (Hay et al. 2008)."""
    return _unique(graph, lambda g, n: (g.degree(n), tuple(sorted(g.degree(m) for m in g.neighbors(n)))))


def small_components(graph: nx.Graph, max_size: int = 3) -> list[list[Hashable]]:
    """Connected components of at most ``max_size`` nodes (isolated nodes included), sorted."""
    comps = [sorted(c, key=str) for c in nx.connected_components(graph) if len(c) <= max_size]
    return sorted(comps, key=lambda c: (len(c), [str(x) for x in c]))


def risk_summary(
    graph: nx.Graph,
    *,
    ignore: Iterable[Hashable] = (),
    small: int = 3,
    sphere: str = "sphere",
    cluster: str = "cluster",
) -> dict[str, Any]:
    """Re-identification risk figures of ``graph`` (JSON-ready, no node names or ids).

    Parameters
    ----------
    graph : networkx.Graph
        An undirected graph of persons (directed graphs are read as undirected).
    ignore : iterable of nodes
        Nodes left out (e.g. the ego, whom everyone can identify anyway).
    small : int
        Components of at most this many persons count as small.
    sphere, cluster : str
        Node attributes of the signature.

    Returns
    -------
    dict
        ``persons``, ``k_degree_anonymity``, ``unique_degree`` (count) and
        ``unique_degree_share``, ``unique_signature`` / ``unique_signature_share``,
        ``unique_neighbourhood`` / ``unique_neighbourhood_share``, ``small_components``,
        ``persons_in_small_components``, ``small_component_max_size``, ``warning``.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("a", "c"), ("a", "d"), ("b", "c")])
    >>> s = risk_summary(g); s["k_degree_anonymity"], s["unique_degree"], s["unique_degree_share"]
    (1, 2, 0.5)
    """
    g = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    g = _without(g, ignore)
    n = g.number_of_nodes()

    def share(count: int) -> float:
        return round(count / n, 6) if n else 0.0

    ud = len(unique_degree_nodes(g))
    us = len(unique_signature_nodes(g, sphere=sphere, cluster=cluster))
    un = len(unique_neighbourhood_nodes(g))
    comps = small_components(g, small)
    return {
        "persons": n,
        "k_degree_anonymity": degree_anonymity(g),
        "unique_degree": ud,
        "unique_degree_share": share(ud),
        "unique_signature": us,
        "unique_signature_share": share(us),
        "unique_neighbourhood": un,
        "unique_neighbourhood_share": share(un),
        "small_components": len(comps),
        "persons_in_small_components": sum(len(c) for c in comps),
        "small_component_max_size": small,
        "warning": WARNING,
    }


__all__ = [
    "WARNING",
    "cluster_sizes",
    "degree_anonymity",
    "risk_summary",
    "small_components",
    "unique_degree_nodes",
    "unique_neighbourhood_nodes",
    "unique_signature_nodes",
]
