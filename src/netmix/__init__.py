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

from typing import TYPE_CHECKING, Any

from ._version import __version__

#: public name -> module that defines it (imported on first use)
_API: dict[str, str] = {
    "load_account": "netmix.importers",
    "read_ties": "netmix.ties",
    "resolve": "netmix.resolution",
    "analyse": "netmix.analysis",
    "build_network": "netmix.graph",
    "find_circles": "netmix.analysis",
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

__all__ = [
    "__version__",
    "Account",
    "BatchResult",
    "NetmixError",
    "Pseudonymizer",
    "RunConfig",
    "RunResult",
    "TieSource",
    "analyse",
    "build_network",
    "find_circles",
    "load_account",
    "load_config",
    "load_or_create_key",
    "map_html",
    "read_ties",
    "report_html",
    "resolve",
    "risk_summary",
    "run",
    "run_batch",
    "write_outputs",
]
assert set(__all__) == {"__version__", *_API}  # one list of public names


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


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from .analysis import analyse, find_circles
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
    from .resolution import resolve
    from .risk import risk_summary
    from .ties import read_ties
