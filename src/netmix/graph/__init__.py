"""The person graph: one node per person, edges = observed ties + inferred ties.

Nodes are person ids (contacts and non-contacts alike) with the attributes ``name, sphere,
accounts, is_contact, company``; the ego and its accounts are *not* nodes — which accounts a
person is a contact of is the ``accounts`` attribute. Every edge has ``weight``, ``kind``
(``observed``, ``inferred`` or ``observed+inferred``) and ``source`` so each figure can say what
it rests on.

**Inferred ties** (``infer=True``) come from two kinds of affiliation, both found here because the
graph is built from them:

- *same organisation*: persons whose ``company`` is the same once normalised
  (:mod:`.companies`);
- *same connection wave*: contacts who joined the same account in one burst (:mod:`.waves`; the
  analyses report the waves themselves).

An affiliation is a two-mode relation (person × group). Projecting it to a clique would give a
company of 300 people 44,850 ties and swamp the graph, so netmix projects each group of ``n``
members sparsely: a clique when ``n ≤ clique_max``, else a **circulant ring** — members in
person-id order, each tied to the next ``ring_k`` members (wrapping round), ``n·ring_k`` ties,
every member with ``2·ring_k`` ties. Each projected tie weighs ``1 / (n − 1)``, the per-pair
weight of Newman's collaboration projection (Newman 2001, *Phys. Rev. E* 64:016132): a tie
through a large group is weak. A pair linked both ways sums the weights.

Modules: :mod:`.companies` (organisation keys), :mod:`.waves` (connection waves), :mod:`.edges`
(the tie tables), :mod:`.build` (:func:`build_network`, the networkx graph).
"""

from .build import build_network, to_networkx
from .companies import LEGAL_FORMS, normalise_companies, normalise_company
from .edges import EDGE_COLUMNS, PersonTies, inferred_ties, merge_edges, observed_ties, person_ties, tie_weights
from .waves import WAVE_COLUMNS, detect_waves

__all__ = [
    "EDGE_COLUMNS",
    "LEGAL_FORMS",
    "WAVE_COLUMNS",
    "PersonTies",
    "build_network",
    "detect_waves",
    "inferred_ties",
    "merge_edges",
    "normalise_companies",
    "normalise_company",
    "observed_ties",
    "person_ties",
    "tie_weights",
    "to_networkx",
]
