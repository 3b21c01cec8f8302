"""Any text given to a text tie reader gives tables or a NetmixError, never another exception."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netmix.errors import NetmixError
from netmix.io.sources import Member
from netmix.model import TIE_EDGE_COLUMNS, TIE_NODE_COLUMNS
from netmix.ties import _common, edgelist, gdf, gml, mutual, snap

# text made of the characters that matter to these formats, plus some arbitrary ones
_TOKENS = list("nodefgyr>,;'\"\\[]# \t\n12abé") + ["null", "edgedef>", "nodedef>", "graph [", "name,mutual\n", "source,target\n"]
_TEXT = st.lists(st.sampled_from(_TOKENS), max_size=80).map("".join)


@pytest.mark.parametrize("module, name", [(gdf, "f.gdf"), (gml, "f.gml"), (edgelist, "f.csv"), (mutual, "f.csv"), (snap, "f.edges")])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT)
def test_text_readers_never_crash(module, name, text):
    data = text.encode("utf-8")
    member = Member(name, len(data), name, lambda: data)
    try:
        nodes, edges, issues = module.read(member, None)
    except NetmixError:
        return
    assert list(nodes.columns) == list(TIE_NODE_COLUMNS) and list(edges.columns) == list(TIE_EDGE_COLUMNS)
    assert set(edges["a"]) | set(edges["b"]) <= set(nodes["node"])  # every edge end is a node
    assert not (edges["a"] == edges["b"]).any()


@pytest.mark.parametrize("module", [_common, gdf, edgelist, mutual, snap])
def test_docstring_examples(module):
    assert doctest.testmod(module).failed == 0
