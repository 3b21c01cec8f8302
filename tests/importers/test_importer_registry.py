"""Detection over the registry: from a file, a folder and a zip; each sample claimed by one platform."""

from __future__ import annotations

import pytest

from netmix.errors import FormatNotRecognised
from netmix.importers import REGISTRY, detect
from netmix.io.sources import iter_members
from netmix.model import CONTACT_COLUMNS

from .importer_samples import SAMPLES, make_zip, run, write

NAMES = sorted(SAMPLES)


def test_registry_order_is_the_documented_detection_order():
    assert [i.name for i in REGISTRY] == [
        "facebook-json", "facebook-html", "linkedin", "twitter", "instagram", "google", "outlook", "vcard", "csv"
    ]
    assert [i.name for i in REGISTRY if i.explicit_only] == ["csv"]


@pytest.mark.parametrize("name", NAMES)
def test_detect_from_a_single_file(tmp_path, name):
    rel, data, first = SAMPLES[name]
    path = write(tmp_path, rel.rsplit("/", 1)[-1], data)
    imp, members = detect(str(path))
    assert imp.name == name
    res = run(path)
    assert res.contacts["name"].iloc[0] == first
    assert list(res.contacts.columns) == list(CONTACT_COLUMNS)
    assert res.formats == (name,)


@pytest.mark.parametrize("name", NAMES)
def test_detect_from_a_folder(tmp_path, name):
    rel, data, first = SAMPLES[name]
    write(tmp_path / "export", rel, data)
    write(tmp_path / "export", "README.txt", "nothing to see")  # unclaimed neighbour
    imp, members = detect(str(tmp_path / "export"))
    assert imp.name == name
    assert [m.name for m in members] == [rel]
    assert run(tmp_path / "export").contacts["name"].iloc[0] == first


@pytest.mark.parametrize("name", NAMES)
def test_detect_from_a_zip_with_wrapper_folder_and_macosx_junk(tmp_path, name):
    rel, data, first = SAMPLES[name]
    z = make_zip(tmp_path / "export.zip", {rel: data}, wrapper="my-export-2024", macosx=True)
    imp, members = detect(str(z))
    assert imp.name == name
    assert [m.name for m in members] == [f"my-export-2024/{rel}"]  # the __MACOSX/._ twin is ignored
    assert run(z).contacts["name"].iloc[0] == first


@pytest.mark.parametrize("name", NAMES)
def test_detect_from_a_zip_with_backslash_names(tmp_path, name):
    rel, data, first = SAMPLES[name]
    z = make_zip(tmp_path / "export.zip", {rel: data}, wrapper="w", backslash=True)
    imp, members = detect(str(z))
    assert imp.name == name
    assert members[0].name == f"w/{rel}"
    assert run(z).contacts["name"].iloc[0] == first


@pytest.mark.parametrize("name", NAMES)
def test_each_sample_is_claimed_by_exactly_one_detectable_importer(tmp_path, name):
    rel, data, _ = SAMPLES[name]
    write(tmp_path, rel, data)
    (member,) = list(iter_members(tmp_path))
    claimants = [i.name for i in REGISTRY if not i.explicit_only and i.claims(member)]
    assert claimants == [name]


def test_the_owner_account_file_of_x_is_not_claimed(tmp_path):
    write(tmp_path, "data/account.js", 'window.YTD.account.part0 = [{"account": {"accountId": "1", "username": "me"}}]')
    with pytest.raises(FormatNotRecognised, match="files seen: account.js"):
        detect(str(tmp_path))


def test_facebook_followers_json_is_not_taken_for_instagram(tmp_path):
    # FB 2020-22 followers.json has key followers_v2 (FORMATS.md §1.1); Instagram's has relationships_*
    write(tmp_path, "friends_and_followers/followers.json", '{"followers_v2": [{"name": "Ana", "timestamp": 1}]}')
    member = next(iter_members(tmp_path))
    assert not any(i.claims(member) for i in REGISTRY if not i.explicit_only)


def test_json_wins_over_html_in_a_mixed_facebook_export(tmp_path):
    rel_j, data_j, _ = SAMPLES["facebook-json"]
    rel_h, data_h, _ = SAMPLES["facebook-html"]
    write(tmp_path, rel_j, data_j)
    write(tmp_path, rel_h, data_h)
    imp, members = detect(str(tmp_path))
    assert imp.name == "facebook-json" and [m.basename for m in members] == ["your_friends.json"]


def test_google_outlook_csv_named_contacts_csv_goes_to_outlook(tmp_path):
    # Google's "Outlook CSV" export is also called contacts.csv: the header decides (FORMATS.md §5.3)
    header = "First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,Anniversary,Location,Language,Internet Free Busy,Notes,E-mail Address,E-mail 2 Address,E-mail 3 Address,Primary Phone,Home Phone,Categories"
    write(tmp_path, "contacts.csv", header + "\nAda,,Example,,,,,,,,,,,,ada@example.com,,,,,myContacts;starred\n")
    imp, _ = detect(str(tmp_path / "contacts.csv"))
    assert imp.name == "outlook"
    assert run(tmp_path / "contacts.csv").contacts["email"].tolist() == ["ada@example.com"]


def test_unknown_export_lists_the_files_seen(tmp_path):
    write(tmp_path, "notes.md", "hello")
    with pytest.raises(FormatNotRecognised, match="notes.md"):
        detect(str(tmp_path))


@pytest.mark.parametrize("imp", [i for i in REGISTRY], ids=lambda i: i.name)
def test_every_importer_describes_its_files(imp):
    assert imp.description and imp.files and imp.platform
