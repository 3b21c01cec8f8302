"""`netmix formats` and `netmix contacts` through click's CliRunner."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from netmix.cli.main import cli
from netmix.importers import REGISTRY

from .importer_samples import LINKEDIN, SAMPLES, write


def test_formats_lists_every_importer_in_detection_order():
    result = CliRunner().invoke(cli, ["formats"])
    assert result.exit_code == 0
    positions = [result.output.index(f"  {imp.name} ") for imp in REGISTRY]
    assert positions == sorted(positions)
    assert "Connections.csv" in result.output and "*.vcf" in result.output


def test_contacts_as_csv(tmp_path):
    path = write(tmp_path, "Connections.csv", LINKEDIN)
    result = CliRunner().invoke(cli, ["contacts", f"pro={path}", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert [r["name"] for r in rows] == ["Ada Example", "Ben Sample"]
    assert {r["account"] for r in rows} == {"pro"} and {r["sphere"] for r in rows} == {"professional"}
    assert "2 contacts, 0 requests (linkedin)" in result.stderr
    assert "skipped 1 rows without a name" in result.stderr


def test_contacts_table_of_two_exports(tmp_path):
    li = write(tmp_path / "li", "Connections.csv", LINKEDIN)
    rel, data, _ = SAMPLES["vcard"]
    vc = write(tmp_path / "vc", rel, data)
    result = CliRunner().invoke(cli, ["contacts", str(li), str(vc)])
    assert result.exit_code == 0, result.output
    assert "Ada Example" in result.stdout and "account2" in result.stdout


def test_missing_input_exit_code_3_and_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["contacts", str(tmp_path / "nope.zip")])
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("netmix: error:") and "nope.zip" in lines[0] and "no such file" in lines[0]
    assert "Traceback" not in result.output and all(ln.strip().startswith("hint:") for ln in lines[1:])


def test_garbled_input_exit_code_3_no_traceback(tmp_path):
    path = write(tmp_path, "data/follower.js", "window.YTD.follower.part0 = [{\"follower\": ")
    result = CliRunner().invoke(cli, ["contacts", str(tmp_path)])
    assert result.exit_code == 3
    first = result.stderr.strip().splitlines()[0]
    assert first.startswith("netmix: error:") and "follower.js" in first and "invalid JSON" in first
    assert "Traceback" not in result.output
    assert path.exists()


def test_cp1252_file_is_read_and_the_encoding_option_still_wins(tmp_path):
    # issue 15: a Windows-1252 file is read (the issues say which encoding); --encoding still wins
    path = write(tmp_path, "Connections.csv", "First Name,Last Name,Connected On\nJürgen,Müller,07 Mar 2020\n".encode("cp1252"))
    detected = CliRunner().invoke(cli, ["contacts", str(path), "--format", "csv"])
    assert detected.exit_code == 0 and "Müller" in detected.stdout
    given = CliRunner().invoke(cli, ["contacts", str(path), "--encoding", "latin-1", "--format", "csv"])
    assert given.exit_code == 0 and "Müller" in given.stdout
    wrong = CliRunner().invoke(cli, ["contacts", str(path), "--encoding", "utf-8"])
    assert wrong.exit_code == 3 and "not valid utf-8" in wrong.stderr and "Traceback" not in wrong.output


def test_generic_csv_through_the_cli(tmp_path):
    path = write(tmp_path, "p.csv", "Full Name,Mail\nAda Example,ada@example.com\n")
    result = CliRunner().invoke(cli, ["contacts", str(path), "--columns", "name=Full Name,email=Mail", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "ada@example.com" in result.stdout
    missing = CliRunner().invoke(cli, ["contacts", str(path), "--columns", "name=Nom"])
    assert missing.exit_code == 3 and "'Nom'" in missing.stderr and "'Full Name'" in missing.stderr


def test_analyze_on_an_archive_that_yields_nothing_names_account_file_and_what_to_do(tmp_path):
    # issue 15 failure 2: this ended in KeyError: 'sphere_key' (exit 1) before
    export = tmp_path / "fb"
    write(export, "connections/friends/your_friends.html", "<html><head><title>Your friends</title></head><body></body></html>")
    result = CliRunner().invoke(cli, ["analyze", "-a", f"perso:personal={export}", "--out", str(tmp_path / "out")])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output and "KeyError" not in result.output
    assert "account 'perso' yields no contacts" in result.stderr and str(export) in result.stderr and "hint:" in result.stderr
