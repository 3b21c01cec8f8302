"""Every ```python block of docs/api.md runs, in order, in one namespace, against the samples."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "api.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```", DOC.read_text(encoding="utf-8"), flags=re.S | re.M)


def test_the_page_has_examples():
    assert len(BLOCKS) >= 8


@pytest.mark.skipif(not (ROOT / "samples" / "netmix.toml").is_file(), reason="samples/netmix.toml not built yet")
def test_api_examples_run(tmp_path, monkeypatch, capsys):
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "__docs__"}
    for i, block in enumerate(BLOCKS):
        try:
            exec(compile(block, f"docs/api.md block {i + 1}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message says which block
            pytest.fail(f"docs/api.md block {i + 1} failed: {type(exc).__name__}: {exc}\n{block}")
    printed = capsys.readouterr().out
    # the batch example ran both participants, then skipped both
    assert "['P01', 'P02'] [] []" in printed
    assert namespace["batch"].done == ["P01", "P02"] and namespace["again"].skipped == ["P01", "P02"]
    assert (tmp_path / "out" / "persons.csv").is_file() and (tmp_path / "results" / "participants.csv").is_file()
    assert "ConfigError" in printed
