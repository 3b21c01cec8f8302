"""The generic CSV importer, used only with --importer csv and a column mapping."""

from __future__ import annotations

import pytest

from netmix.errors import ConfigError, FormatNotRecognised, InputError
from netmix.importers import detect

from .importer_samples import run, write

TEXT = "Full Name,Mail,Id,Tel,Since,Org\nAda Example,ada@example.com,007,+4930123,2021-03-04,Contoso\nNA,,008,,bad,\n,,,,,\n"


def test_never_detected_without_being_asked(tmp_path):
    write(tmp_path, "people.csv", TEXT)
    with pytest.raises(FormatNotRecognised):
        detect(str(tmp_path / "people.csv"))


def test_mapping_of_each_column_and_verbatim_values(tmp_path):
    cols = {"name": "Full Name", "email": "Mail", "platform_id": "Id", "phone": "Tel", "connected_on": "Since", "company": "Org"}
    res = run(write(tmp_path, "people.csv", TEXT), columns=cols)
    assert res.formats == ("csv",)
    rows = res.contacts[["name", "email", "platform_id", "phone", "connected_on", "company", "platform", "relation"]].values.tolist()
    assert rows == [
        ["Ada Example", "ada@example.com", "007", "+4930123", "2021-03-04", "Contoso", "csv", "contact"],
        ["NA", "", "008", "", "", "", "csv", "contact"],
    ]
    assert any("1 dates could not be read" in i.message for i in res.issues)


def test_name_from_first_and_last(tmp_path):
    write(tmp_path, "p.csv", "Vorname;Nachname\nJürgen;Müller\n")
    res = run(tmp_path / "p.csv", columns={"first_name": "Vorname", "last_name": "Nachname"})
    assert res.contacts[["name", "first_name", "last_name"]].values.tolist() == [["Jürgen Müller", "Jürgen", "Müller"]]


def test_missing_mapped_column_names_it_and_lists_the_file_columns(tmp_path):
    with pytest.raises(InputError) as exc:
        run(write(tmp_path, "people.csv", TEXT), columns={"name": "Name", "email": "Mail"})
    msg = str(exc.value)
    assert "'Name'" in msg and "'Full Name'" in msg and "'Mail'" in msg and "people.csv" in msg


def test_mapping_without_a_name_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError):
        run(write(tmp_path, "people.csv", TEXT), platform="csv", columns={"email": "Mail"})
    with pytest.raises(ConfigError):
        run(write(tmp_path, "people.csv", TEXT), platform="csv")
