"""Pseudonyms: keyed, stable, normalised; the key never reaches an output."""

import os
import stat

import pytest

from netmix.errors import ConfigError
from netmix.privacy import Pseudonymizer, anonymize_frame, load_or_create_key, redact_text
from netmix.render.tables import output_tables
from netmix.io.output import csv_bytes

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
