"""run_batch: one table per batch, failures reported, resumable, identical on every executor."""

from __future__ import annotations

import base64
import json
import logging
import shutil
from pathlib import Path

import pandas as pd
import pytest

import netmix.pipeline
from netmix.batch import PARTICIPANT_COLUMNS, detect_config, fingerprint, run_batch
from netmix.batch.resume import complete as _complete
from netmix.config import load_config
from netmix.errors import ConfigError
from netmix.privacy import Pseudonymizer


def read_table(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "participants.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def first_run(batch_root, tmp_path_factory):
    """The reference batch: one worker, in this process."""
    out = tmp_path_factory.mktemp("out1")
    events = []
    result = run_batch(batch_root, out, workers=1, progress=lambda d, t, line: events.append((d, t, line)))
    return out, result, events


def test_table_has_a_row_per_participant_and_the_failure_with_its_reason(first_run):
    out, result, events = first_run
    table = read_table(out)
    assert list(table["participant"]) == ["P01", "P02", "P03"]  # sorted by id
    assert list(table["status"]) == ["done", "done", "failed"]
    assert result.done == ["P01", "P02"] and result.failed == ["P03"] and result.skipped == []
    reason = table.loc[2, "error"]
    # the reason names the file, relative to the batch folder, and says what is wrong
    assert "P03/linkedin/Connections.csv" in reason and "UTF-8" in reason
    assert str(out.parent) not in reason
    # figures of a failed participant are empty, never 0
    assert table.loc[2, "contacts"] == "" and table.loc[0, "contacts"] != ""
    # the log has one line per participant, the failure with its reason
    log = (out / "batch.log").read_text(encoding="utf-8").splitlines()
    assert log[:2] == ["P01: done", "P02: done"] and log[2].startswith("P03: failed: P03/linkedin/Connections.csv")
    # progress: once before (0 of 3), then once per participant
    assert events[0] == (0, 3, "") and [e[0] for e in events[1:]] == [1, 2, 3]


def test_figures_match_the_participant_outputs(first_run, batch_root, linkedin_rows):
    out, _, _ = first_run
    table = read_table(out).set_index("participant")
    for pid in ("P01", "P02"):
        row = table.loc[pid]
        contacts = pd.read_csv(out / pid / "contacts.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        clusters = pd.read_csv(out / pid / "clusters.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        persons = pd.read_csv(out / pid / "persons.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        exclusions = pd.read_csv(out / pid / "exclusions.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert int(row["contacts"]) == len(contacts)
        # contacts per sphere: every LinkedIn row is a professional contact (P02 has one more, from P01)
        linkedin = len(linkedin_rows(batch_root / pid))
        assert int(row["contacts_professional"]) == int((contacts["account"] == "linkedin").sum()) == linkedin
        assert int(row["contacts_personal"]) == int((contacts["account"] == "perso").sum())
        assert int(row["clusters"]) == len(clusters)
        # one definition of a cluster's sphere: the analysis's, which also ends each automatic label
        ends = {
            k: sum(lab.endswith(k) for lab in clusters["label"].str.replace(r" \(c\d+\)$", "", regex=True))
            for k in ("personal", "professional", "both spheres", "mixed")
        }
        assert [int(row[f"clusters_{k}"]) for k in ("personal", "professional", "both", "mixed")] == list(ends.values())
        assert sum(ends.values()) == len(clusters)
        assert int(row["persons_both"]) == int((persons["sphere"] == "both").sum())
        assert int(row["exclusions"]) == len(exclusions)
        summary = json.loads((out / pid / "summary.json").read_text(encoding="utf-8"))
        # figures read from summary.json: roles of contact persons, edges named as there
        assert (
            sum(int(row[c]) for c in table.columns if c.startswith("role_")) == int(row["persons"]) == summary["contact_persons"]
        )
        assert int(row["edges"]) == summary["edges"] and int(row["ties_observed"]) == summary["ties_observed"]
        two_plus = sum(1 for a in persons["accounts"] if len([x for x in a.split(";") if x]) >= 2)
        assert int(row["doubles"]) == two_plus
        summary = json.loads((out / pid / "summary.json").read_text(encoding="utf-8"))
        assert int(row["doubles"]) == summary["doubles"] and int(row["bridges"]) == summary["bridges"]["confirmed"]
        run = json.loads((out / pid / "run.json").read_text(encoding="utf-8"))
        assert int(row["seed"]) == run["seed"] and row["netmix_version"] == run["netmix"]
        assert row["pseudonymised"] == "no"
    assert list(table.columns[: len(PARTICIPANT_COLUMNS) - 1]) == list(PARTICIPANT_COLUMNS)[1:]


def test_parquet_has_the_same_rows_with_types(first_run):
    out, _, _ = first_run
    pq = pd.read_parquet(out / "participants.parquet")
    csv_table = read_table(out)
    assert list(pq.columns) == list(csv_table.columns)
    assert list(pq["participant"]) == ["P01", "P02", "P03"]
    assert str(pq["contacts"].dtype) == "Int64" and pd.isna(pq.loc[2, "contacts"])
    assert pq.loc[0, "contacts"] == int(csv_table.loc[0, "contacts"])


def test_risk_report(first_run):
    out, _, _ = first_run
    risk = json.loads((out / "risk.json").read_text(encoding="utf-8"))
    assert "still personal data" in risk["warning"]
    assert sorted(risk["participants"]) == ["P01", "P02"]
    own = json.loads((out / "P01" / "risk.json").read_text(encoding="utf-8"))
    assert own["k_degree_anonymity"] == risk["participants"]["P01"]["k_degree_anonymity"]
    assert risk["overall"]["min_k_degree_anonymity"] == min(r["k_degree_anonymity"] for r in risk["participants"].values())
    # P02 was given one of P01's LinkedIn contacts: at least that person is in both
    assert risk["overall"]["persons_in_several_participants"] >= 1


def test_resume_skips_finished_participants_and_force_reruns_them(first_run, batch_root, tmp_path, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(first_run[0], out)  # copy2 keeps the files' mtimes
    calls: list[str] = []
    real_run = netmix.pipeline.run

    def counting_run(config, **kw):
        calls.append(Path(config.accounts[0].path).parts[-3])  # ROOT/<participant>/perso/<zip>
        return real_run(config, **kw)

    def ran() -> list[str]:
        done = sorted(calls)
        calls.clear()
        return done

    monkeypatch.setattr(netmix.pipeline, "run", counting_run)
    first_bytes = (out / "participants.csv").read_bytes()
    mtimes = {p: (out / p / "persons.csv").stat().st_mtime_ns for p in ("P01", "P02")}

    again = run_batch(batch_root, out, workers=1)
    assert ran() == ["P03"]  # finished participants are not re-run; a failure is retried
    assert again.skipped == ["P01", "P02"] and again.failed == ["P03"]
    assert {p: (out / p / "persons.csv").stat().st_mtime_ns for p in ("P01", "P02")} == mtimes
    assert (out / "participants.csv").read_bytes() == first_bytes  # byte-identical rerun
    assert (out / "batch.log").read_text(encoding="utf-8").splitlines()[:2] == ["P01: skipped", "P02: skipped"]

    # incomplete outputs (a file lost) are redone; the others still skipped
    (out / "P02" / "doubles.csv").unlink()
    third = run_batch(batch_root, out, workers=1)
    assert ran() == ["P02", "P03"] and third.done == ["P02"] and third.skipped == ["P01"]

    forced = run_batch(batch_root, out, workers=1, force=True)
    assert ran() == ["P01", "P02", "P03"] and forced.done == ["P01", "P02"]
    assert (out / "participants.csv").read_bytes() == first_bytes
    # re-run, and its outputs are the same bytes: the files are left as they were (RELIABILITY.md #26)
    assert (out / "P01" / "persons.csv").stat().st_mtime_ns == mtimes["P01"]


def test_outputs_are_stale_when_inputs_settings_or_key_change(first_run, batch_root, tmp_path):
    out = first_run[0] / "P01"
    config = detect_config(batch_root / "P01")
    stored = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert stored["fingerprint"] == fingerprint(config, html=False)
    assert _complete(out, fingerprint(config, html=False)) is not None
    # another seed, the HTML pages wanted, or pseudonyms (with either key): redo
    assert _complete(out, fingerprint(config.merged(seed=5), html=False)) is None
    assert _complete(out, fingerprint(config, html=True)) is None
    fa = fingerprint(config, html=False, pseudonymizer=Pseudonymizer(b"a" * 32))
    fb = fingerprint(config, html=False, pseudonymizer=Pseudonymizer(b"b" * 32))
    assert fa != fb and _complete(out, fa) is None
    assert b"a" * 32 not in json.dumps(fa).encode() and ("61" * 32) not in json.dumps(fa)
    # one input byte changed: redo
    folder = tmp_path / "P01"
    shutil.copytree(batch_root / "P01", folder)
    with open(folder / "linkedin" / "Invitations.csv", "ab") as fh:
        fh.write(b"\r\n")
    assert _complete(out, fingerprint(detect_config(folder), html=False)) is None


def test_one_worker_two_workers_and_dask_give_identical_tables(first_run, batch_root, tmp_path):
    distributed = pytest.importorskip("distributed")
    out1, _, _ = first_run
    out2 = tmp_path / "w2"
    run_batch(batch_root, out2, workers=2)
    out3 = tmp_path / "dask"
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster:
        result = run_batch(batch_root, out3, scheduler=cluster.scheduler_address)
    assert result.done == ["P01", "P02"] and result.failed == ["P03"]
    # (run.json and graph.gexf are left out: they are the pipeline's and the renderer's to keep stable)
    for name in (
        "participants.csv",
        "participants.parquet",
        "risk.json",
        "batch.log",
        "P01/persons.csv",
        "P02/doubles.csv",
        "P02/risk.json",
    ):
        assert (out2 / name).read_bytes() == (out1 / name).read_bytes(), name
        assert (out3 / name).read_bytes() == (out1 / name).read_bytes(), name


def _all_text(out: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in sorted(out.rglob("*")) if p.is_file())


def test_pseudonymised_batch(batch_root, tmp_path, linkedin_rows):
    key_a, key_b = bytes(range(32)), bytes(range(100, 132))
    small = tmp_path / "small"  # the two participants who share a contact
    for pid in ("P01", "P02"):
        shutil.copytree(batch_root / pid, small / pid)
    out_a, out_b = tmp_path / "a", tmp_path / "b"
    run_batch(small, out_a, workers=1, pseudonymizer=Pseudonymizer(key_a))
    run_batch(small, out_b, workers=1, pseudonymizer=Pseudonymizer(key_b))

    def persons(out: Path, pid: str) -> dict[str, str]:
        df = pd.read_csv(out / pid / "persons.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        return dict(zip(df["person_id"], df["name"], strict=True))

    p1, p2 = persons(out_a, "P01"), persons(out_a, "P02")
    shared = sorted(set(p1) & set(p2))
    assert shared, "P02 was given one of P01's contacts"
    # same key: the same person has the same keyed id and the same pseudonym in both participants
    assert all(p1[s] == p2[s] and p1[s].startswith("Contact ") for s in shared)
    # another key: other keyed ids and other pseudonyms for everyone
    b1 = persons(out_b, "P01")
    assert len(b1) == len(p1) and not set(b1) & set(p1) and not set(b1.values()) & set(p1.values())

    table = read_table(out_a)
    assert list(table["participant"]) == ["P01", "P02"]  # the researcher's codes stay
    assert set(table["pseudonymised"]) == {"yes"}

    text = _all_text(out_a)
    # no contact name, URL or e-mail of any participant's LinkedIn file survives
    for pid in ("P01", "P02"):
        for row in linkedin_rows(small / pid):
            assert f"{row['First Name']} {row['Last Name']}" not in text
            assert row["URL"].split("//", 1)[1] not in text
            if row["Email Address"]:
                assert row["Email Address"] not in text
    # the key appears nowhere, in no spelling
    for key in (key_a, key_b):
        for spelling in (
            key.hex(),
            key.hex().upper(),
            base64.b64encode(key).decode(),
            base64.urlsafe_b64encode(key).decode().rstrip("="),
        ):
            assert spelling not in text and spelling not in _all_text(out_b)


def test_layout_without_a_toml_gives_the_same_accounts(batch_root, tmp_path):
    folder = tmp_path / "P09"
    shutil.copytree(batch_root / "P01", folder)
    from_toml = load_config(folder / "netmix.toml")
    (folder / "netmix.toml").unlink()
    (folder / "linkedin").rename(folder / "cv.pro")  # <account>.<sphere>
    (folder / "ties" / "other.gdf").write_bytes((folder / "ties" / "perso.gdf").read_bytes())
    detected = detect_config(folder)
    # sorted by folder name; "perso" has no sphere suffix and no professional word: personal
    assert [(a.name, a.sphere) for a in detected.accounts] == [("cv", "professional"), ("perso", "personal")]
    # ties/<account>.<ext> belongs to that account, other tie files to none
    assert [(Path(t.path).name, t.account) for t in detected.ties] == [("other.gdf", None), ("perso.gdf", "perso")]
    assert [(a.name, a.sphere) for a in from_toml.accounts] == [("perso", "personal"), ("linkedin", "professional")]
    # README.md and truth.json are not accounts
    assert not any(Path(a.path).name in ("README.md", "truth.json") for a in detected.accounts)


def test_a_participant_toml_asking_for_pseudonyms_fails_without_a_key(batch_root, tmp_path):
    root = tmp_path / "root"
    shutil.copytree(batch_root / "P01", root / "P05")
    toml = root / "P05" / "netmix.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("[run]", "[run]\nanonymize = true"), encoding="utf-8")
    result = run_batch(root, tmp_path / "out", workers=1)
    assert result.failed == ["P05"] and "--anonymize" in result.outcomes[0].error


@pytest.mark.parametrize(
    "path",
    ["../P02/linkedin", "/etc/passwd", "escape"],  # another participant's export, a system file, a symlink out
)
def test_a_participant_config_may_only_read_its_own_folder(batch_root, tmp_path, path):
    root = tmp_path / "root"
    shutil.copytree(batch_root / "P01", root / "P01")
    shutil.copytree(batch_root / "P02", root / "P02")
    (root / "P01" / "escape").symlink_to(root / "P02" / "linkedin")
    toml = root / "P01" / "netmix.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + f"[[account]]\nname = 'other'\npath = '{path}'\n", encoding="utf-8")
    result = run_batch(root, tmp_path / "out", workers=1)
    assert result.failed == ["P01"] and result.done == ["P02"]
    assert "reads outside this participant's folder" in result.outcomes[0].error
    assert not (tmp_path / "out" / "P01").exists()


def test_a_folder_layout_symlink_out_of_the_participant_is_refused(batch_root, tmp_path):
    root = tmp_path / "root"
    shutil.copytree(batch_root / "P02", root / "P02")
    (root / "P02" / "netmix.toml").unlink(missing_ok=True)
    (root / "P02" / "stolen.professional").symlink_to(batch_root / "P01" / "linkedin")
    with pytest.raises(ConfigError, match="outside this participant's folder"):
        detect_config(root / "P02")


def test_a_pseudonymised_batch_leaves_nothing_of_an_earlier_html_batch(batch_root, tmp_path):
    from netmix.privacy import Pseudonymizer

    root = tmp_path / "root"
    shutil.copytree(batch_root / "P01", root / "P01")
    out = tmp_path / "out"
    assert run_batch(root, out, workers=1, html=True).done == ["P01"]
    assert (out / "P01" / "graph.html").is_file()
    result = run_batch(root, out, workers=1, pseudonymizer=Pseudonymizer(bytes(range(32))))
    assert result.done == ["P01"]
    files = {p.name for p in (out / "P01").iterdir()}
    assert not files & {"graph.html", "report.html"}
    listed = set(json.loads((out / "P01" / "manifest.json").read_text(encoding="utf-8"))["files"])
    assert files == listed | {"manifest.json"} and {"risk.json", "batch.json"} <= listed
    run = json.loads((out / "P01" / "run.json").read_text(encoding="utf-8"))
    assert run["parameters"]["anonymize"] is True and all("file" not in a for a in run["accounts"])
    assert str(root).encode() not in (out / "P01" / "run.json").read_bytes()
