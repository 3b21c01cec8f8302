"""netmix: turn exported contact lists into an understanding of your network.

The Python API gives the same results as the ``netmix`` command, as pandas DataFrames and a
networkx graph. Names are imported lazily, so ``import netmix`` stays fast.

Example (run from the repository, whose ``samples/`` hold a synthetic participant)::

    import netmix

    config = netmix.load_config("samples/netmix.toml")
    result = netmix.run(config)                      # import → resolve → analyse
    print(result.analysis.summary)                   # headline figures
    print(result.resolution.doubles.head())          # people you are connected to twice
    graph = result.analysis.graph                    # networkx.Graph of persons
    netmix.write_outputs(result, "out", html=False)  # the CSV / JSON / GEXF outputs

Step by step: ``load_account(Account(...))`` → ``read_ties(TieSource(...))`` →
``resolve(contacts, tiesets, requests)`` → ``analyse(resolution, accounts)``; many participants
at once: ``run_batch("participants/", "results/")``. See docs/api.md.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> module that defines it (imported on first use)
_API: dict[str, str] = {
    "load_account": "netmix.importers",
    "read_ties": "netmix.ties",
    "resolve": "netmix.resolve",
    "analyse": "netmix.analyse",
    "build_network": "netmix.graph",
    "run": "netmix.pipeline",
    "write_outputs": "netmix.pipeline",
    "RunResult": "netmix.pipeline",
    "RunConfig": "netmix.config",
    "load_config": "netmix.config",
    "Account": "netmix.model",
    "TieSource": "netmix.model",
    "map_html": "netmix.render.html",
    "report_html": "netmix.render.report",
    "run_batch": "netmix.batch",
    "BatchResult": "netmix.batch",
    "risk_summary": "netmix.risk",
    "Pseudonymizer": "netmix.privacy",
    "load_or_create_key": "netmix.privacy",
    "NetmixError": "netmix.errors",
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'netmix' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))


#: API functions named like a sub-package: ``netmix.resolve`` and ``netmix.analyse`` are always
#: the functions (as ``networkx.bridges`` is); reach the sub-packages with
#: ``from netmix.resolve import …`` or ``importlib.import_module("netmix.resolve")``.
_SHADOWED = ("resolve", "analyse")


def _shadowed(name: str) -> property:
    def get(self: types.ModuleType) -> Any:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)

    def set_(self: types.ModuleType, value: Any) -> None:
        if not isinstance(value, types.ModuleType):  # the import system binds the sub-package: ignore
            raise AttributeError(f"netmix.{name} is read-only")

    return property(get, set_, doc=f"The :func:`{_API[name]}.{name}` function.")


class _NetmixModule(types.ModuleType):
    """The ``netmix`` package, with the API functions that share a sub-package's name."""


for _name in _SHADOWED:
    setattr(_NetmixModule, _name, _shadowed(_name))
sys.modules[__name__].__class__ = _NetmixModule


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from .analyse import analyse
    from .batch import BatchResult, run_batch
    from .config import RunConfig, load_config
    from .errors import NetmixError
    from .graph import build_network
    from .importers import load_account
    from .model import Account, TieSource
    from .pipeline import RunResult, run, write_outputs
    from .privacy import Pseudonymizer, load_or_create_key
    from .render.html import map_html
    from .render.report import report_html
    from .resolve import resolve
    from .risk import risk_summary
    from .ties import read_ties
