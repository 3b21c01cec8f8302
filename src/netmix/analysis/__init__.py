"""Analyses of the ego network: overlap, clusters, inclusion / exclusion, bridges, roles.

:func:`analyse` (:mod:`.run`) runs them all on a :class:`~netmix.model.Resolution` and fills a
:class:`~netmix.model.Analysis`, as a sequence of named steps (:mod:`.steps`, :mod:`.tables`)
over the person graph of :func:`netmix.graph.build_network`. Each concept is a module of pure
functions (:mod:`.overlap`, :mod:`.clusters`, :mod:`.exclusion`, :mod:`.bridges`, :mod:`.roles`)
whose docstrings give the definitions and their sources; :func:`find_circles` (:mod:`.circles`)
finds overlapping circles, a richer layer over the one-cluster-per-person partition; connection waves are found in the graph
layer (:mod:`netmix.graph.waves`), which needs them to infer "same wave" ties.

What each figure rests on: structural measures (clusters found in ties, betweenness,
constraint, effective size, articulation points, participation, brokerage, ego roles, mutual
counts, bridges) use the **observed** ties only; inferred ties (same organisation, same
connection wave) are drawn on the map and group persons *without* observed ties into
affiliation clusters, but never count as evidence of structure (a projected ring of a large
company would otherwise create brokers out of nothing). ``params["structure"]`` says so.
"""

from .circles import find_circles
from .run import ANALYSIS_STEPS, analyse, structure_ahead

__all__ = ["ANALYSIS_STEPS", "analyse", "find_circles", "structure_ahead"]
