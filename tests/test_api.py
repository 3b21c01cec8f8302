"""The public Python API: lazy, complete, and the same results as the pipeline."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

import netmix

API = [
    "load_account", "read_ties", "resolve", "analyse", "build_network", "run", "write_outputs",
    "RunConfig", "load_config", "Account", "TieSource", "map_html", "report_html", "run_batch",
    "Pseudonymizer", "NetmixError",
]


def test_import_netmix_is_lazy():
    code = (
        "import sys, netmix\n"
        "heavy = [m for m in ('pandas', 'networkx', 'netmix.pipeline', 'netmix.batch') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


@pytest.mark.parametrize("name", API)
def test_every_api_name_resolves_and_is_listed(name):
    obj = getattr(netmix, name)
    assert callable(obj)
    assert name in netmix.__all__ and name in dir(netmix)


def test_version_is_kept():
    assert netmix.__version__ == "0.1.0"


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        netmix.no_such_thing  # noqa: B018


def test_resolve_and_analyse_are_functions_even_after_their_subpackages_are_imported():
    import importlib

    importlib.import_module("netmix.resolution")
    importlib.import_module("netmix.analysis")
    assert isinstance(netmix.resolve, types.FunctionType) and netmix.resolve.__name__ == "resolve"
    assert isinstance(netmix.analyse, types.FunctionType) and netmix.analyse.__name__ == "analyse"
    assert isinstance(sys.modules["netmix.resolution"], types.ModuleType)
    from netmix import analyse, resolve

    assert resolve is netmix.resolve and analyse is netmix.analyse
    match = importlib.import_module("netmix.resolution.match")  # sub-modules stay reachable as attributes
    assert netmix.resolution.match is match


def test_api_objects_are_the_library_objects():
    from netmix.batch import run_batch
    from netmix.errors import NetmixError
    from netmix.model import Account

    assert netmix.run_batch is run_batch and netmix.NetmixError is NetmixError and netmix.Account is Account


def test_step_by_step_gives_the_same_as_run(tmp_path):
    from netmix.scenario import generate

    generate(tmp_path / "s", scale="small", seed=11)
    config = netmix.load_config(tmp_path / "s" / "netmix.toml")
    whole = netmix.run(config)
    import pandas as pd

    imports = [netmix.load_account(a) for a in config.accounts]
    tiesets = [netmix.read_ties(t) for t in config.ties]
    contacts = pd.concat([i.contacts for i in imports], ignore_index=True)
    requests = pd.concat([i.requests for i in imports], ignore_index=True)
    kwargs = {"threshold": config.threshold} if config.threshold is not None else {}
    resolution = netmix.resolve(contacts, tiesets, requests, **kwargs)
    assert resolution.persons.equals(whole.resolution.persons)
    analysis = netmix.analyse(resolution, config.accounts, seed=config.seed, resolution_param=config.resolution, min_mutual=config.min_mutual)
    assert analysis.clusters.equals(whole.analysis.clusters)
    graph = netmix.build_network(resolution, config.accounts)
    assert set(graph.nodes) == set(resolution.persons["person_id"])
