"""One set of options for every command: every spelling the README or --help shows still works,
and column mappings work in analyze, viz and doubles (README: "anything else | a CSV")."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmix.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def params(command: str, args: list[str]) -> dict:
    """The values a command receives for ``args`` (parsed by click, nothing run)."""
    cmd = cli.commands[command]
    with cmd.make_context(command, list(args)) as ctx:
        return dict(ctx.params)


@pytest.mark.parametrize("command", ["analyze", "viz", "doubles"])
def test_accounts_and_ties_have_one_spelling_everywhere(command):
    out = ["--out", "o"] if command != "doubles" else []
    long = params(command, ["--account", "perso=a.zip", "--ties", "perso=t.gdf", *out])
    short = params(command, ["-a", "perso=a.zip", "-t", "perso=t.gdf", *out])
    assert long["accounts"] == short["accounts"] == ("perso=a.zip",)
    assert long["ties"] == short["ties"] == ("perso=t.gdf",)


def test_doubles_keeps_its_positional_accounts_as_a_hidden_alias():
    assert params("doubles", ["perso=a.zip", "pro=b.zip"])["legacy_accounts"] == ("perso=a.zip", "pro=b.zip")
    help_text = CliRunner().invoke(cli, ["doubles", "--help"]).output
    assert "LEGACY" not in help_text and "-a, --account" in help_text


@pytest.mark.parametrize("command", ["analyze", "viz", "batch", "demo"])
@pytest.mark.parametrize("spelling", ["--anonymize", "--anonymise", "--pseudonymize", "--pseudonymise"])
def test_every_pseudonym_spelling_means_anonymize(command, spelling):
    args = {"analyze": ["-o", "o"], "viz": ["-o", "o.html"], "batch": [str(ROOT), "-o", "o"], "demo": []}[command]
    assert params(command, [*args, spelling])["anonymize"] is True
    assert params(command, args)["anonymize"] is None


def test_hidden_aliases_stay_out_of_the_help():
    for command in ("analyze", "batch"):
        text = CliRunner().invoke(cli, [command, "--help"]).output
        assert "--anonymize" in text and "--pseudonymize" not in text


def test_html_is_one_option_with_a_stated_default():
    assert params("analyze", ["-o", "o"])["html"] is True
    assert params("analyze", ["-o", "o", "--no-html"])["html"] is False  # the README's spelling
    assert params("batch", [str(ROOT), "-o", "o"])["html"] is False
    assert params("batch", [str(ROOT), "-o", "o", "--html"])["html"] is True
    for command, state in (("analyze", "on"), ("batch", "off")):
        text = " ".join(CliRunner().invoke(cli, [command, "--help"]).output.split())
        assert "--html / --no-html" in text and f"(default: {state} for this command)" in text


def test_format_is_one_option():
    assert params("doubles", ["--format", "csv"])["fmt"] == "csv"
    assert params("contacts", ["x.csv", "--format", "json"])["fmt"] == "json"


def test_every_option_the_readme_shows_is_accepted():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", readme))
    known = {opt for cmd in cli.commands.values() for p in cmd.params for opt in (*p.opts, *p.secondary_opts)}
    known |= {opt for p in cli.params for opt in (*p.opts, *p.secondary_opts)} | {"--help"}
    assert shown <= known, f"README shows options no command accepts: {sorted(shown - known)}"


def _crm(tmp_path: Path, n: int = 12) -> Path:
    """A CRM export with its own headers: the first n LinkedIn connections of the samples."""
    text = (SAMPLES / "linkedin" / "Connections.csv").read_text(encoding="utf-8").splitlines()[3:]
    rows = list(csv.DictReader(io.StringIO("\n".join(text))))[:n]
    path = tmp_path / "crm.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Full Name", "Mail", "Employer"])
        for r in rows:
            w.writerow([f"{r['First Name']} {r['Last Name']}", "", r["Company"]])
    return path


MAPPING = ["--importer", "crm:csv", "--columns", "crm:name=Full Name,company=Employer"]


def test_doubles_maps_columns_for_one_account_only(tmp_path):
    crm = _crm(tmp_path)
    out = tmp_path / "d"
    args = ["doubles", "-a", f"linkedin={SAMPLES / 'linkedin'}", "-a", f"crm:pro={crm}", *MAPPING, "--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    contacts = list(csv.DictReader(io.StringIO((out / "contacts.csv").read_text(encoding="utf-8-sig"))))
    platforms = {(r["account"], r["platform"]) for r in contacts}
    assert platforms == {("linkedin", "linkedin"), ("crm", "csv")}  # linkedin still detected
    assert sum(r["account"] == "crm" for r in contacts) == 12
    doubles = list(csv.DictReader(io.StringIO((out / "doubles.csv").read_text(encoding="utf-8-sig"))))
    assert len(doubles) >= 10  # the CRM's 12 people are LinkedIn connections too


def test_analyze_and_viz_map_columns(tmp_path):
    crm = _crm(tmp_path)
    accounts = ["-a", f"linkedin={SAMPLES / 'linkedin'}", "-a", f"crm={crm}"]
    result = CliRunner().invoke(cli, ["analyze", *accounts, *MAPPING, "--no-html", "--out", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    run = json.loads((tmp_path / "a" / "run.json").read_text(encoding="utf-8"))
    assert {a["name"]: a["formats"] for a in run["accounts"]} == {"linkedin": ["linkedin"], "crm": ["csv"]}
    viz = CliRunner().invoke(cli, ["viz", *accounts, *MAPPING, "--out", str(tmp_path / "map.html")])
    assert viz.exit_code == 0, viz.output
    assert (tmp_path / "map.html").stat().st_size > 1000


def test_unprefixed_mapping_applies_to_the_command_line_accounts(tmp_path):
    crm = _crm(tmp_path, 3)
    result = CliRunner().invoke(
        cli, ["contacts", str(crm), "--importer", "csv", "--columns", "name=Full Name", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 4  # header + 3 contacts


def test_a_mapping_for_an_unknown_account_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["doubles", "-a", "a=x.csv", "--columns", "b:name=N"])
    assert result.exit_code == 2 and "names account 'b'" in result.output
