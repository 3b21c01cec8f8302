"""`netmix batch` and its output folder: confined to outside the participants, one batch at a time."""

from __future__ import annotations

from click.testing import CliRunner

from netmix.cli.main import cli
from tests.test_cli_outputs import Holders


def test_two_batches_on_one_folder(batch_root, tmp_path):
    out = tmp_path / "results"
    with Holders(tmp_path) as busy:
        busy(out)
        result = CliRunner().invoke(cli, ["batch", str(batch_root), "--out", str(out), "-j", "1"])
    assert result.exit_code == 5 and "another netmix run is writing to this folder" in result.output
    assert "internal error" not in result.output


def test_batch_refuses_an_output_folder_inside_the_participants(batch_root):
    result = CliRunner().invoke(cli, ["batch", str(batch_root), "--out", str(batch_root / "results")])
    assert result.exit_code == 2 and "inside the participants' folder" in result.output
    assert not (batch_root / "results").exists()


def test_batch_refuses_a_folder_of_other_files(batch_root, tmp_path):
    out = tmp_path / "results"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"draft")
    result = CliRunner().invoke(cli, ["batch", str(batch_root), "--out", str(out)])
    assert result.exit_code == 5 and "thesis.docx" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["thesis.docx"]
