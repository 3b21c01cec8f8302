"""Importers for the exports people download, and :func:`load_account` to run them.

One module per export format (``facebook_json``, ``facebook_html``, ``linkedin``, ``twitter``,
``instagram``, ``google``, ``outlook``, ``vcard``, ``generic_csv``), each with an ``IMPORTER``;
:mod:`~netmix.importers.registry` holds them in detection order and
:mod:`~netmix.importers.account` reads one account with the right one.
"""

from __future__ import annotations

from .account import AccountsLoaded, EmptyAccount, NoAccountLeft, load_account, load_accounts, source_id_of
from .base import Importer, Parsed, ReadOptions
from .registry import REGISTRY, detect, get

__all__ = [
    "REGISTRY",
    "AccountsLoaded",
    "EmptyAccount",
    "Importer",
    "NoAccountLeft",
    "Parsed",
    "ReadOptions",
    "detect",
    "get",
    "load_account",
    "load_accounts",
    "source_id_of",
]
