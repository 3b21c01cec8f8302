"""Fixtures for the tie-reader tests: write a small file, get its Member, read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from netmix.io.sources import Member, iter_members

SNAP = Path("/work/shared/datasets/snap-ego-facebook")


@pytest.fixture
def write(tmp_path):
    """``write(name, text_or_bytes)`` -> the file's :class:`Member`."""

    def _write(name: str, content: str | bytes) -> Member:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        (member,) = list(iter_members(path))
        return member

    return _write


@pytest.fixture
def snap_dir() -> Path:
    if not SNAP.exists():  # pragma: no cover - the shared data set is part of the project machine
        pytest.skip("the SNAP ego-Facebook copy is not available")
    return SNAP
