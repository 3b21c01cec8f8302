"""The command group: every command documented, version, errors without tracebacks, exit codes."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from netmix.cli.main import cli
from netmix.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`netmix (\w+)`", readme))
    assert set(cli.commands) <= documented, f"undocumented: {set(cli.commands) - documented}"


def test_version_names_the_libraries():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("netmix 0.")
    assert "networkx" in result.output and "expat" in result.output


def test_missing_input_is_one_line_without_traceback(tmp_path):
    result = CliRunner().invoke(cli, ["contacts", str(tmp_path / "nope.zip")])
    assert result.exit_code == ExitCode.INPUT
    assert "Traceback" not in result.output
    assert "nope.zip" in result.output and "hint:" in result.output


def test_traceback_flag_reraises(tmp_path):
    result = CliRunner().invoke(cli, ["--traceback", "contacts", str(tmp_path / "nope.zip")])
    assert result.exit_code != 0
    assert result.exception is not None and type(result.exception).__name__ == "InputError"


def test_analyze_without_accounts_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["analyze", "--out", str(tmp_path / "o")])
    assert result.exit_code == ExitCode.USAGE
    assert "no account given" in result.output


def test_bad_sphere_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["analyze", "-a", f"perso:friends={tmp_path}", "--out", str(tmp_path / "o")])
    assert result.exit_code == ExitCode.USAGE
    assert "unknown sphere 'friends'" in result.output


def test_contacts_as_json_keeps_ids_as_strings(tmp_path):
    import json

    js = tmp_path / "data" / "follower.js"
    js.parent.mkdir()
    js.write_text(
        'window.YTD.follower.part0 = [{"follower": {"accountId": "1234567890123456789"}},'
        ' {"follower": {"accountId": "1234567890123456790"}}]',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["contacts", f"x={tmp_path}", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    # ids above 2**53 must stay distinct strings (RELIABILITY.md checklist #5)
    assert sorted(r["platform_id"] for r in rows) == ["1234567890123456789", "1234567890123456790"]


def test_anonymize_refuses_a_key_inside_the_output_folder(tmp_path):
    out = tmp_path / "out"
    config = str(ROOT / "samples" / "netmix.toml")
    args = ["analyze", "--config", config, "--out", str(out), "--anonymize", "--key-file", str(out / "k.key")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == ExitCode.USAGE
    assert "must not be inside the output folder" in result.output
    assert not (out / "k.key").exists()


def test_the_command_group_starts_without_the_library():
    """netmix --help / --version import click, not pandas or networkx (speed: benchmarks/cli_startup.py)."""
    import subprocess
    import sys

    code = (
        "import sys; from netmix.cli.main import cli; cli.main(['--help'], standalone_mode=False); "
        "heavy = [m for m in ('pandas', 'networkx', 'numpy', 'igraph') if m in sys.modules]; print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out and "analyze" in out
