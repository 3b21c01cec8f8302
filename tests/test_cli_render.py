"""`netmix demo` and `netmix viz` from the command line (the pipeline itself is tested elsewhere)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from netmix.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]


def test_demo_builds_the_scenario_and_a_french_report(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "--lang", "fr", "--no-open", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = tmp_path / "report" / "report.html"
    assert report.exists() and (tmp_path / "scenario" / "netmix.toml").exists()
    page = report.read_text(encoding="utf-8")
    assert '<html lang="fr"' in page
    assert "https://" not in page.split("</head>")[0]  # nothing loaded from the internet


def test_demo_anonymised_shows_no_sample_name(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "--anonymize", "--no-open", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "report" / "graph.html").read_text(encoding="utf-8")
    # Bruno Garnier is planted in every generated scenario (samples/truth.json)
    assert "Bruno Garnier" not in page and "Garnier" not in page


def test_viz_writes_the_map_and_images(tmp_path):
    out = tmp_path / "map.html"
    args = ["viz", "--config", str(ROOT / "samples" / "netmix.toml"), "--out", str(out), "--images"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in (tmp_path / "map.svg").read_bytes()[:2000]
