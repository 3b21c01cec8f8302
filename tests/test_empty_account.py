"""An account whose export yields no contact is set aside, said on screen, and the run goes on (issue 15)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _analyze(tmp_path: Path, *accounts: str) -> subprocess.CompletedProcess:
    args = [a for acc in accounts for a in ("-a", acc)]
    return subprocess.run(
        [sys.executable, "-m", "netmix", "analyze", *args, "--out", str(tmp_path / "out"), "--no-html", "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def _empty_facebook(tmp_path: Path) -> Path:
    folder = tmp_path / "fb"
    folder.mkdir()
    (folder / "your_friends.json").write_text('{"friends_v2": []}', encoding="utf-8")  # a real file, no friend in it
    return folder


def test_an_empty_account_is_left_out_and_the_others_are_analysed(tmp_path):
    proc = _analyze(tmp_path, f"perso={_empty_facebook(tmp_path)}", "linkedin=samples/linkedin")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "account 'perso' yields no contact and was left out" in proc.stderr and "your_friends" not in proc.stdout
    run = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert [a["name"] for a in run["accounts"]] == ["linkedin"]
    assert run["empty_accounts"] == [{"account": "perso", "reason": "no-rows", "importer": "facebook-json", "requests": 0}]
    # 281 LinkedIn connections in the samples (samples/truth.json's generator writes them all)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["contacts"] == 281


def test_no_account_left_is_a_clear_input_error(tmp_path):
    empty = _empty_facebook(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    (other / "your_friends.json").write_text('{"friends_v2": []}', encoding="utf-8")
    proc = _analyze(tmp_path, f"perso={empty}", f"pro={other}")
    assert proc.returncode == 3 and "Traceback" not in proc.stderr
    assert "no account yields a contact" in proc.stderr and "perso" in proc.stderr and "pro (" in proc.stderr
