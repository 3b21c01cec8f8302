"""Message catalogues: one module per domain (``report``, …), each with ``EN`` and ``FR`` dicts of the same keys.

A new domain adds a module here; :mod:`netmix.render.i18n` finds and merges every module of this package.
"""

import pkgutil

#: the catalogue modules merged by :mod:`netmix.render.i18n`, in name order
CATALOGUES: tuple[str, ...] = tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")))

__all__ = ["CATALOGUES"]
