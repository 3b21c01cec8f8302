"""Property tests: every importer and every tie reader, fed arbitrary or format-shaped input,
either returns rows or raises a NetmixError — never anything else (RELIABILITY.md §7 (c))."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netmix.errors import NetmixError
from netmix.importers import REGISTRY
from netmix.importers.base import ReadOptions
from netmix.io.sources import Member
from netmix.ties import REGISTRY as TIE_REGISTRY

from tests.importers.importer_samples import SAMPLES

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)

#: importer -> (a file name it reads, a valid start of such a file)
SHAPES: dict[str, tuple[str, bytes]] = {name: (rel.rsplit("/", 1)[-1], data) for name, (rel, data, _) in SAMPLES.items()}
SHAPES["csv"] = ("people.csv", b"Name,Mail\nAda,ada@example.com\n")
SHAPES["linkedin-invitations"] = ("Invitations.csv", b"From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n")
SHAPES["instagram-connections"] = ("connections.json", b'{"followers": {"ana": "2019-01-01T00:00:00"}, "following": ')
SHAPES["facebook-html-2018"] = ("friends.html", b'<div class="contents"><ul><li>Ana (March 3, 2012)</li><div class="_2lel">')

IMPORTERS = {imp.name: imp for imp in REGISTRY}


def _importer(shape: str):
    """The importer a shape belongs to: ``linkedin-invitations`` -> linkedin."""
    while shape not in IMPORTERS:
        shape = shape.rsplit("-", 1)[0]
    return IMPORTERS[shape]


def _options(name: str) -> ReadOptions:
    return ReadOptions(columns={"name": "Name", "email": "Mail"}) if name == "csv" else ReadOptions()


def _member(name: str, data: bytes) -> Member:
    return Member(name, len(data), f"fuzz!{name}", lambda: data)


def _only_netmix_errors(read, *args) -> None:
    try:
        read(*args)
    except NetmixError:
        pass


@pytest.mark.parametrize("shape", sorted(SHAPES))
@FUZZ
@given(data=st.binary(max_size=2000))
def test_importers_accept_arbitrary_bytes(shape, data):
    fname, _ = SHAPES[shape]
    imp = _importer(shape)
    _only_netmix_errors(imp.read, [_member(fname, data)], _options(imp.name))


@pytest.mark.parametrize("shape", sorted(SHAPES))
@FUZZ
@given(tail=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(list(',;"\n\r\t:=<>/[]{}\\ ')), max_size=400))
def test_importers_accept_format_shaped_text(shape, tail):
    fname, head = SHAPES[shape]
    imp = _importer(shape)
    for data in (head + tail.encode("utf-8"), head[: len(head) // 2] + tail.encode("utf-8")):
        _only_netmix_errors(imp.read, [_member(fname, data)], _options(imp.name))


@pytest.mark.skipif(not TIE_REGISTRY, reason="no tie reader registered yet")
@pytest.mark.parametrize("reader", TIE_REGISTRY, ids=lambda r: r.name)
@FUZZ
@given(data=st.binary(max_size=2000))
def test_tie_readers_accept_arbitrary_bytes(reader, data):
    ext = reader.extensions[0] if reader.extensions else ".txt"
    _only_netmix_errors(reader.read, _member("ties" + ext, data), None)
