"""Pseudonyms: keyed, stable, normalised; the key never reaches an output."""

import os
import stat

import pytest

from netmix.errors import ConfigError
from netmix.io.output import csv_bytes
from netmix.privacy import Pseudonymizer, anonymize_frame, load_or_create_key, redact_text
from netmix.render.tables import output_tables

KEY = bytes(range(32))


def test_same_key_same_pseudonym_and_normalisation():
    a, b = Pseudonymizer(KEY), Pseudonymizer(bytes(KEY))
    assert a.name("p0123456789") == b.name("p0123456789")
    # normalisation: case, surrounding and repeated spaces, NFKC (ﬁ ligature → fi)
    assert a.name("  P0123456789 ") == a.name("p0123456789")
    assert a.name("name:Ma\uFB01e  Dupont") == a.name("name:mafie dupont")
    assert a.name("p1") != a.name("p2")


def test_other_key_other_pseudonym():
    assert Pseudonymizer(KEY).name("p1") != Pseudonymizer(bytes(31) + b"\x01").name("p1")


def test_pseudonym_format():
    name = Pseudonymizer(KEY).name("p1")
    prefix, code = name.split(" ")
    assert prefix == "Contact" and len(code) == 14 and code.count("-") == 2
    assert all(c in "0123456789ABCDEF-" for c in code)


def test_short_key_refused():
    with pytest.raises(ConfigError):
        Pseudonymizer(b"short")


def test_key_file_created_0600_and_reused(tmp_path):
    path = tmp_path / "sub" / "netmix.key"
    key = load_or_create_key(path)
    assert len(key) == 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_or_create_key(path) == key
    assert repr(Pseudonymizer(key)).find(key.hex()) == -1


def test_bad_key_file(tmp_path):
    path = tmp_path / "k"
    path.write_bytes(b"abc")
    with pytest.raises(ConfigError, match="3 bytes"):
        load_or_create_key(path)


def test_redact_text():
    text = "same mail marie@example.org, https://www.linkedin.com/in/x, +33 6 12 34 56 78, @marie"
    out = redact_text(text)
    assert out == "same mail [email], [url] [phone], [handle]"


def test_anonymize_tables_drops_details_and_key_never_in_outputs(case):
    resolution, analysis, _ = case
    p = Pseudonymizer(KEY)
    tables = output_tables(resolution, analysis, pseudonymizer=p)
    contacts = tables["contacts.csv"]
    for col in ("email", "phone", "profile_url", "handle", "platform_id", "company", "position", "first_name"):
        assert col not in contacts.columns
    assert set(contacts["source_id"]) == {""}  # kept for the contract, blanked
    blob = b"".join(csv_bytes(df) for df in tables.values())
    for secret in (b"Marie Dupont", b"marie@example.org", b"linkedin.com", b"Acme", b"OT Pau", KEY, KEY.hex().encode()):
        assert secret not in blob
    # person ids hash source keys (URLs, names), so they are keyed as well, consistently in every table
    for df in tables.values():
        if "person_id" in df.columns:
            assert not (set(df["person_id"]) & set(resolution.persons["person_id"]))
    tok = p.token("p01")
    assert tok.startswith("x") and len(tok) == 17
    persons = tables["persons.csv"].set_index("person_id")
    assert persons.loc[tok, "name"] == p.name("p01")
    assert persons.loc[tok, "sphere"] == "both" and persons.loc[tok, "cluster"] == "c1"
    doubles = tables["doubles.csv"].set_index("person_id")
    assert doubles.loc[tok, "names"] == f"perso: {p.name('p01')} | pro: {p.name('p01')}"
    assert doubles.loc[tok, "evidence"] == "same name; same email"  # facts hold no address to redact
    # non-contact exclusions without an id are keyed by name
    ex = tables["exclusions.csv"]
    assert ex.loc[0, "name"] == p.name("p09")


def test_anonymize_keeps_affiliation_when_asked(case):
    resolution, _, _ = case
    out = anonymize_frame(resolution.contacts, Pseudonymizer(KEY), keep_affiliation=True)
    assert "company" in out.columns and "email" not in out.columns


# --- a pseudonymised output folder, file by file (issue 16) ---------------------------------------
def _identifying(root) -> set[str]:
    """Every name, e-mail, phone, URL, company, position and username of the sample inputs
    (read with netmix's own importers and tie readers), and the archives' file names."""
    from pathlib import Path

    from netmix.config import load_config
    from netmix.importers import load_account
    from netmix.ties import read_ties

    config = load_config(Path(root) / "samples" / "netmix.toml")
    found: set[str] = set()
    for acc in config.accounts:
        contacts = load_account(acc).contacts
        for col in ("name", "email", "phone", "profile_url", "handle", "company", "position"):
            found |= {v for v in contacts[col].astype(str) for v in v.split(" ; ") if len(v.strip()) > 3}
        found |= {Path(m).name for m in contacts["source_file"].astype(str).str.split("!").str[0]}
    for src in config.ties:
        found |= set(read_ties(src).nodes["name"].astype(str))
    found |= {"maudlefevre", "Maud Lefèvre"}  # the owner: archive name and LinkedIn invitations
    return {s for s in found if len(s) > 3}


def _forms(text: str) -> set[bytes]:
    """How a text can appear in a file: UTF-8, JSON-escaped, HTML-escaped."""
    import html
    import json

    forms = {text, json.dumps(text)[1:-1], html.escape(text), html.escape(text, quote=False)}
    return {f.encode("utf-8") for f in forms}


@pytest.mark.slow
def test_a_pseudonymised_folder_holds_nothing_identifying(tmp_path):
    """A plain run with images, then an anonymised run into the same folder: every file is scanned."""
    from pathlib import Path

    from click.testing import CliRunner

    from netmix.cli.main import cli

    root = Path(__file__).resolve().parents[2]
    out, key = tmp_path / "out", tmp_path / "study.key"
    base = ["analyze", "--config", str(root / "samples" / "netmix.toml"), "--images", "--out", str(out)]
    assert CliRunner().invoke(cli, base).exit_code == 0
    plain = (out / "persons.csv").read_bytes()
    result = CliRunner().invoke(cli, [*base, "--anonymize", "--key-file", str(key)])
    assert result.exit_code == 0, result.output
    needles = _identifying(root)
    assert len(needles) > 800 and any(n.encode() in plain for n in needles)  # the scan would see them
    leaks = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hits = sorted(n for n in needles if any(f in data for f in _forms(n)))
        if hits:
            leaks[path.name] = hits[:5]
    assert leaks == {}, f"identifying text in a pseudonymised folder: {leaks}"
    assert str(tmp_path).encode() not in b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert key.read_bytes() not in b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())


def test_an_anonymised_run_leaves_no_file_of_an_earlier_plain_run(tmp_path):
    import json
    from pathlib import Path

    from click.testing import CliRunner

    from netmix.cli.main import cli

    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "out"
    base = ["analyze", "-a", f"linkedin={root / 'samples' / 'linkedin'}", "--out", str(out)]
    assert CliRunner().invoke(cli, [*base, "--images"]).exit_code == 0
    assert {"graph.html", "report.html", "graph.svg", "graph.png"} <= {p.name for p in out.iterdir()}
    anon = CliRunner().invoke(cli, [*base, "--anonymize", "--no-html", "--key-file", str(tmp_path / "k.key")])
    assert anon.exit_code == 0, anon.output
    names = {p.name for p in out.iterdir()}
    assert not names & {"graph.html", "report.html", "graph.svg", "graph.png"}
    assert names == set(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]) | {"manifest.json"}
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["parameters"]["anonymize"] is True and "file" not in run["accounts"][0]


def test_automatic_cluster_labels_lose_their_organisation_when_pseudonymised(case):
    from netmix.privacy import anonymize_tables

    res, an, accounts = case
    tables = output_tables(res, an)
    companies = {c for c in tables["contacts.csv"]["company"].astype(str) if c}
    anon = anonymize_tables(tables, Pseudonymizer(KEY))
    for label in anon["clusters.csv"]["label"]:
        assert not any(c in label for c in companies), label
