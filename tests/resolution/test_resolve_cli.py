"""``netmix doubles`` through click's CliRunner, on small exports in their real formats."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from netmix.cli.main import cli


def fb_export(root: Path, names: list[str]) -> Path:
    """A Facebook JSON export folder (connections/friends/your_friends.json, FORMATS.md §1)."""
    p = root / "connections" / "friends" / "your_friends.json"
    p.parent.mkdir(parents=True)
    friends = [{"name": n, "timestamp": 1600000000 + i} for i, n in enumerate(names)]
    p.write_text(json.dumps({"friends_v2": friends}), encoding="utf-8")
    return root


def gdf(path: Path, names: list[str], edges: list[tuple[int, int]]) -> Path:
    lines = ["nodedef>name VARCHAR,label VARCHAR"] + [f"n{i},{n}" for i, n in enumerate(names)]
    lines += ["edgedef>node1 VARCHAR,node2 VARCHAR"] + [f"n{a},n{b}" for a, b in edges]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def setup(tmp_path: Path) -> list[str]:
    perso = fb_export(tmp_path / "perso", ["Marie Dupont", "Paul Martin", "Anne Roux", "Luc Faure"])
    pro = fb_export(tmp_path / "pro", ["Marie Dupont (OT Pau)", "Paul Martin", "Zoé Garnier", "Hugo Blanc"])
    t1 = gdf(tmp_path / "perso.gdf", ["Marie Dupont", "Paul Martin", "Anne Roux", "Luc Faure"], [(0, 1), (0, 2), (1, 3), (0, 3)])
    t2 = gdf(tmp_path / "pro.gdf", ["Marie Dupont (OT Pau)", "Paul Martin", "Zoé Garnier", "Hugo Blanc"], [(0, 1), (0, 2), (1, 3), (0, 3)])
    return [f"perso={perso}", f"pro={pro}", "--ties", f"perso={t1}", "--ties", f"pro={t2}"]


def test_doubles_table_and_files(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["doubles", *setup(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "perso: Marie Dupont | pro: Marie Dupont (OT Pau)" in result.output
    assert "2 doubles:" in result.output  # Marie and Paul
    doubles = (out / "doubles.csv").read_bytes()
    assert doubles.startswith(b"\xef\xbb\xbfperson_id,name,accounts,names,confidence,band,evidence,suggestion,decision")
    assert (out / "contacts.csv").read_text(encoding="utf-8-sig").splitlines()[0].startswith("contact_id,account,platform")
    header = (out / "decisions-template.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("person_id,name,accounts,decision,note")


def test_decisions_are_reapplied(tmp_path):
    args = setup(tmp_path)
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["doubles", *args, "--out", str(out)]).exit_code == 0
    template = (out / "decisions-template.csv").read_text(encoding="utf-8-sig").splitlines()
    edited = [template[0]] + [line.replace(",,,", ",not same,,", 1) if "Marie" in line else line for line in template[1:]]
    dec = tmp_path / "decisions.csv"
    dec.write_text("\n".join(edited) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["doubles", *args, "--decisions", str(dec), "--format", "csv"])
    assert result.exit_code == 0, result.output
    marie = [line for line in result.stdout.splitlines() if "Marie" in line]
    assert marie and all(",not same," in line for line in marie)


def test_bad_decision_is_a_clear_error(tmp_path):
    dec = tmp_path / "decisions.csv"
    dec.write_text("person_id,decision\np0123456789,maybe\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["doubles", *setup(tmp_path), "--decisions", str(dec)])
    assert result.exit_code == 3
    assert "line 2" in result.output and "unknown decision" in result.output


def test_doubles_lines_in_french(tmp_path):
    """Every line `netmix doubles --lang fr` prints is French (expected lines written by hand from the setup's
    files: 4 friends in each account, 4 nodes and 4 ties in each tie file; Marie and Paul are doubles)."""
    result = CliRunner().invoke(cli, ["doubles", *setup(tmp_path), "--lang", "fr", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert f"perso (perso) : 4 contacts dans {tmp_path / 'perso'}" in lines
    assert f"liens {tmp_path / 'perso.gdf'} : 4 nœuds, 4 liens" in lines
    assert f"doubles.csv, contacts.csv et decisions-template.csv écrits dans {tmp_path / 'out'}" in lines
    out = result.stdout
    assert out.startswith("2 doubles : ")
    assert "indices : " in out and "suggestion : " in out
    assert "evidence:" not in out and "to review" not in out
    confidences = [line.split()[1] for line in out.splitlines() if "perso:" in line and "pro:" in line]
    assert len(confidences) == 2 and all("," in c and "." not in c for c in confidences)  # 0,95: a decimal comma


def test_doubles_lines_in_english_are_the_ones_people_know(tmp_path):
    result = CliRunner().invoke(cli, ["doubles", *setup(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"perso (personal): 4 contacts from {tmp_path / 'perso'}" in result.stderr.splitlines()
    assert f"ties {tmp_path / 'perso.gdf'}: 4 nodes, 4 ties" in result.stderr.splitlines()
    assert result.stdout.startswith("2 doubles: ") and "         evidence: " in result.stdout
