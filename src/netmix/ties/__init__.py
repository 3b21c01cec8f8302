"""Readers for tie files: ties between contacts, which platform exports do not have.

One module per format (``gdf``, ``graphml``, ``gexf``, ``gml``, ``snap``, ``mutual``,
``edgelist``), each with a ``READER``; :mod:`~netmix.ties.registry` holds them in detection
order and :func:`read_ties` (:mod:`~netmix.ties.load`) reads a file, folder or zip into a
:class:`~netmix.model.TieSet`.
"""

from __future__ import annotations

from .base import TieReader
from .load import read_ties
from .registry import REGISTRY, detect, get

__all__ = ["REGISTRY", "TieReader", "detect", "get", "read_ties"]
