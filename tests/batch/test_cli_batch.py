"""`netmix batch`: progress on stderr, a final count line, exit codes."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from netmix.cli.main import cli


def test_batch_command_reports_counts_and_succeeds_despite_a_failure(batch_root, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(batch_root), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "3 participants: 2 done, 0 skipped, 1 failed" in result.stdout
    assert "P03: failed: P03/linkedin/Connections.csv" in result.stderr
    assert "1 participant(s) failed" in result.stderr and "participants" in result.stderr  # the bar's label
    assert (out / "participants.csv").is_file() and (out / "P01" / "persons.csv").is_file()
    assert not (out / "P01" / "graph.html").exists()  # --no-html by default

    again = CliRunner().invoke(cli, ["batch", str(batch_root), "--out", str(out), "-j", "1"])
    assert again.exit_code == 0 and "3 participants: 0 done, 2 skipped, 1 failed" in again.stdout


def test_all_failed_is_an_error(batch_root, tmp_path):
    root = tmp_path / "root"
    shutil.copytree(batch_root / "P03", root / "P03")
    result = CliRunner().invoke(cli, ["batch", str(root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "every participant failed" in result.stderr


def test_key_file_must_stay_out_of_the_outputs_and_needs_pseudonymize(batch_root, tmp_path):
    out = tmp_path / "out"
    inside = CliRunner().invoke(
        cli, ["batch", str(batch_root), "--out", str(out), "--pseudonymize", "--key-file", str(out / "k.key")]
    )
    assert inside.exit_code == 2 and "must not be inside the output folder" in inside.stderr
    alone = CliRunner().invoke(cli, ["batch", str(batch_root), "--out", str(out), "--key-file", str(tmp_path / "k.key")])
    assert alone.exit_code == 2 and "--anonymize" in alone.stderr
    assert not (tmp_path / "k.key").exists()


def test_batch_is_listed_in_the_help():
    result = CliRunner().invoke(cli, ["batch", "--help"])
    assert result.exit_code == 0
    for option in ("--workers", "--scheduler", "--force", "--anonymize", "--key-file", "--html / --no-html"):
        assert option in result.output


def test_batch_lines_in_french(batch_root, tmp_path):
    """The bar, the count line and the failure line follow --lang (the French lines written by hand)."""
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(batch_root), "--out", str(out), "--workers", "1", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert f"3 participants : 2 faits, 0 passés, 1 en échec → {out}/participants.csv" in result.stdout
    assert f"1 participant(s) en échec (raisons ci-dessus et dans {out}/batch.log) ; les autres sont faits" in result.stderr
    assert "P03 : en échec : P03/linkedin/Connections.csv" in result.stderr  # the library's own reason stays as it is said
    assert "P03: failed: P03/linkedin/Connections.csv" in (out / "batch.log").read_text(encoding="utf-8")  # the log: English
