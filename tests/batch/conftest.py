"""Small participants for the batch tests, built with the scenario generator (synthetic people)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

PREAMBLE_LINES = 3  # LinkedIn's "Notes:" preamble (FORMATS.md §2.2)


def _strings(doc) -> list[str]:
    """Every string of a Facebook JSON document, with Meta's mojibake undone (FORMATS.md §1.4)."""
    if isinstance(doc, str):
        return [doc.encode("latin-1").decode("utf-8")]
    if isinstance(doc, dict):
        return [s for v in doc.values() for s in _strings(v)]
    if isinstance(doc, list):
        return [s for v in doc for s in _strings(v)]
    return []


def _facebook_text(folder: Path) -> str:
    """Every string of a generated participant's Facebook JSON files (zip members included)."""
    docs = []
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".json" and path.name != "truth.json":
            docs.append(json.loads(path.read_bytes()))
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as zf:
                docs += [json.loads(zf.read(n)) for n in zf.namelist() if n.endswith(".json") and "__MACOSX" not in n]
    return "\n".join(s for d in docs for s in _strings(d))


def connections(folder: Path) -> list[dict[str, str]]:
    """The rows of a participant's LinkedIn Connections.csv."""
    text = (folder / "linkedin" / "Connections.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO("\n".join(text.splitlines()[PREAMBLE_LINES:]))))


def shared_row(source: Path) -> str:
    """A LinkedIn-only contact of ``source`` (surname absent from its Facebook data),
    as a CSV line ready to append to another participant's Connections.csv."""
    fb = _facebook_text(source)
    lines = (source / "linkedin" / "Connections.csv").read_text(encoding="utf-8-sig").splitlines()
    for line, row in zip(lines[PREAMBLE_LINES + 1 :], connections(source), strict=False):
        name = f"{row['First Name']} {row['Last Name']}"
        if name not in fb and row["Last Name"] not in fb and row["URL"]:
            return line
    raise AssertionError("no LinkedIn-only contact found")  # pragma: no cover


def slim(folder: Path) -> None:
    """Keep two accounts of a generated participant (to keep the tests fast): the personal
    Facebook archive with its tie file, and the first 120 LinkedIn connections (~270 contacts in
    all, both spheres)."""
    shutil.rmtree(folder / "pro")
    conn = folder / "linkedin" / "Connections.csv"
    lines = conn.read_bytes().split(b"\r\n") if b"\r\n" in conn.read_bytes() else conn.read_bytes().split(b"\n")
    sep = b"\r\n" if b"\r\n" in conn.read_bytes() else b"\n"
    conn.write_bytes(sep.join(lines[: PREAMBLE_LINES + 1 + 120]) + sep)
    (folder / "ties" / "pro.gdf").unlink()
    toml = folder / "netmix.toml"
    kept = []
    for block in toml.read_text(encoding="utf-8").split("[["):
        if 'name = "pro"' in block or 'account = "pro"' in block:
            continue
        kept.append(block)
    toml.write_text("[[".join(kept), encoding="utf-8")


@pytest.fixture(scope="session")
def batch_root(tmp_path_factory) -> Path:
    """ROOT/P01 (seed 1), P02 (seed 2 + one contact of P01), P03 (P01 with a garbled Connections.csv)."""
    from netmix.scenario import generate

    root = tmp_path_factory.mktemp("participants")
    for pid, seed in (("P01", 1), ("P02", 2)):
        generate(root / pid, scale="small", seed=seed)
        slim(root / pid)
    with open(root / "P02" / "linkedin" / "Connections.csv", "a", encoding="utf-8", newline="") as fh:
        fh.write(shared_row(root / "P01") + "\r\n")
    shutil.copytree(root / "P01", root / "P03")
    # garbled: bytes that are not text at all, as a broken download would give
    (root / "P03" / "linkedin" / "Connections.csv").write_bytes(b"First Name,Last\xff\xfe\x00\x81 Name\r\n\x9d\x00garbled")
    return root


@pytest.fixture(scope="session")
def linkedin_rows():
    """``linkedin_rows(folder)``: the rows of a participant's Connections.csv."""
    return connections
