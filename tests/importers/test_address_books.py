"""Google Contacts CSV (current and legacy), Outlook CSV (three families) — FORMATS.md §5.1–5.3."""

from __future__ import annotations

import csv
import io

import pytest

from .importer_samples import GOOGLE, GOOGLE_HEADER, OUTLOOK, outlook_row, run, write

LEGACY_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,"
    "Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,"
    "Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Type,Organization 1 - Name,"
    "Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,"
    "Organization 1 - Location,Organization 1 - Job Description"
)


def _csv(header: str, rows: list[dict], delimiter: str = ",") -> str:
    cols = header.split(delimiter)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([r.get(c, "") for c in cols])
    return buf.getvalue()


def test_google_current_maps_every_column(tmp_path):
    row = run(write(tmp_path, "contacts.csv", GOOGLE)).contacts.iloc[0].to_dict()
    assert (row["name"], row["first_name"], row["last_name"]) == ("Ada Example", "Ada", "Example")
    assert (row["company"], row["position"]) == ("Contoso", "Engineer")
    assert (row["email"], row["phone"]) == ("ada@example.com", "+44 20 7946 0000")
    assert (row["platform"], row["relation"], row["source_id"]) == ("google", "contact", "email:ada@example.com")


def test_google_multi_values_primary_marker_and_dynamic_groups(tmp_path):
    header = GOOGLE_HEADER + ",E-mail 2 - Label,E-mail 2 - Value,Phone 2 - Label,Phone 2 - Value,Website 1 - Label,Website 1 - Value,Website 2 - Label,Website 2 - Value"
    text = "\ufeff" + _csv(header, [{
        "First Name": "Ada", "Last Name": "Example",
        "E-mail 1 - Label": "* Work", "E-mail 1 - Value": "* ada@work.example ::: ada@old.example",
        "E-mail 2 - Label": "Home", "E-mail 2 - Value": "ada@home.example",
        "Phone 1 - Value": "+4930123456", "Phone 2 - Value": "+4930123456 ::: 0049 30 999",
        "Website 1 - Value": "https://ada.example.com", "Website 2 - Value": "https://www.linkedin.com/in/ada-example",
    }])
    row = run(write(tmp_path, "google.csv", text)).contacts.iloc[0]
    assert row["email"] == "ada@work.example ; ada@old.example ; ada@home.example"
    assert row["phone"] == "+4930123456 ; 0049 30 999"  # duplicates dropped, leading + kept
    assert row["profile_url"] == "https://www.linkedin.com/in/ada-example"


def test_google_multiline_notes(tmp_path):
    text = "\ufeff" + _csv(GOOGLE_HEADER, [{"First Name": "Ada", "Notes": "met at\nthe conference,\n2019"}, {"First Name": "Ben"}])
    res = run(write(tmp_path, "contacts.csv", text))
    assert res.contacts["name"].tolist() == ["Ada", "Ben"]


def test_google_legacy_utf16_with_bom(tmp_path):
    text = _csv(LEGACY_HEADER, [{
        "Name": "Jürgen Müller", "Given Name": "Jürgen", "Family Name": "Müller", "Group Membership": "* My Contacts ::: Friends",
        "E-mail 1 - Type": "* Work", "E-mail 1 - Value": "jm@example.com", "Phone 1 - Value": "007",
        "Organization 1 - Name": "Contoso", "Organization 1 - Title": "Engineer",
    }])
    path = write(tmp_path, "google.csv", b"\xff\xfe" + text.encode("utf-16-le"))
    row = run(path).contacts.iloc[0]
    assert (row["name"], row["last_name"], row["company"], row["position"], row["email"], row["phone"]) == (
        "Jürgen Müller", "Müller", "Contoso", "Engineer", "jm@example.com", "007")


def test_google_names_like_missing_values_and_phone_kept_verbatim(tmp_path):
    text = "\ufeff" + _csv(GOOGLE_HEADER, [{"First Name": n, "Phone 1 - Value": "+4930123456"} for n in ("NA", "None", "null")])
    res = run(write(tmp_path, "contacts.csv", text))
    assert res.contacts["name"].tolist() == ["NA", "None", "null"]
    assert res.contacts["phone"].tolist() == ["+4930123456"] * 3


def test_google_contact_without_any_name_falls_back_then_is_skipped(tmp_path):
    text = "\ufeff" + _csv(GOOGLE_HEADER, [{"Organization Name": "Contoso"}, {"E-mail 1 - Value": "x@example.com"}, {"Notes": "nobody"}])
    res = run(write(tmp_path, "contacts.csv", text))
    assert res.contacts["name"].tolist() == ["Contoso", "x@example.com"]
    assert any("skipped 1 contacts" in i.message for i in res.issues)


def test_outlook_com_family(tmp_path):
    row = run(write(tmp_path, "contacts.csv", OUTLOOK)).contacts.iloc[0]
    assert (row["name"], row["email"], row["platform"]) == ("Ada Example", "ada@example.com", "outlook")


def test_outlook_columns_mapped(tmp_path):
    text = OUTLOOK.decode() + outlook_row(**{
        "First Name": "Ben", "Middle Name": "J.", "Last Name": "Sample", "E-mail Address": "ben@example.com",
        "E-mail 2 Address": "b@home.example", "Mobile Phone": "+4930123", "Job Title": "CTO", "Company": "Fabrikam",
        "Web Page": "https://x.com/bensample",
    }) + "\r\n"
    row = run(write(tmp_path, "contacts.csv", text)).contacts.iloc[1]
    assert (row["name"], row["first_name"], row["last_name"]) == ("Ben J. Sample", "Ben", "Sample")
    assert (row["email"], row["phone"], row["company"], row["position"], row["profile_url"]) == (
        "ben@example.com ; b@home.example", "+4930123", "Fabrikam", "CTO", "https://x.com/bensample")


def test_outlook_desktop_french_semicolons(tmp_path):
    header = "Titre;Prénom;Deuxième prénom;Nom;Suffixe;Société;Service;Adresse de messagerie;Catégories"
    text = _csv(header, [{"Prénom": "Zoë", "Nom": "Dupont", "Société": "OT Pau", "Adresse de messagerie": "zoe@example.fr"}], delimiter=";")
    row = run(write(tmp_path, "contacts.csv", text)).contacts.iloc[0]
    assert (row["name"], row["company"], row["email"]) == ("Zoë Dupont", "OT Pau", "zoe@example.fr")


def test_outlook_desktop_german(tmp_path):
    header = "Anrede,Vorname,Weitere Vornamen,Nachname,Suffix,Firma,Abteilung,E-Mail-Adresse"
    text = _csv(header, [{"Vorname": "Jürgen", "Nachname": "Müller", "Firma": "Contoso GmbH", "E-Mail-Adresse": "jm@example.de"}])
    row = run(write(tmp_path, "Kontakte.csv", text)).contacts.iloc[0]
    assert (row["name"], row["company"], row["email"]) == ("Jürgen Müller", "Contoso GmbH", "jm@example.de")


@pytest.mark.parametrize("platform", ["google", "outlook"])
def test_forced_format_on_the_wrong_file_says_what_it_reads(tmp_path, platform):
    from netmix.errors import FormatNotRecognised

    with pytest.raises(FormatNotRecognised, match="it reads"):
        run(write(tmp_path, "x.vcf", "BEGIN:VCARD\nEND:VCARD\n"), platform=platform)


# --- issue 15 --------------------------------------------------------------------------------
def test_google_contact_with_only_a_phone_is_kept_and_named_by_the_number(tmp_path):
    # Google Contacts shows such a contact by its number; it was dropped before
    rows = [{"First Name": "Ada", "Last Name": "Example"}, {"Phone 1 - Label": "Mobile", "Phone 1 - Value": "+33 6 12 34 56 78"}]
    res = run(write(tmp_path, "contacts.csv", "\ufeff" + _csv(GOOGLE_HEADER, rows)))
    assert res.contacts[["name", "phone"]].values.tolist() == [["Ada Example", ""], ["+33 6 12 34 56 78", "+33 6 12 34 56 78"]]
    assert not [i for i in res.issues if "skipped" in i.message]


def test_outlook_csv_saved_by_desktop_outlook_in_windows_1252_imports(tmp_path):
    # desktop Outlook writes the ANSI code page; the issues say which encoding was used
    header = "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Phone,Mobile Phone,E-mail Address"
    rows = [{"First Name": "François", "Last Name": "Lefèvre", "Company": "Société Générale", "Job Title": "Directeur financier",
             "Mobile Phone": "+33 6 98 76 54 32", "E-mail Address": "f.lefevre@example.org"}]
    res = run(write(tmp_path, "contacts.csv", _csv(header, rows).encode("cp1252")))
    row = res.contacts.iloc[0]
    assert (row["name"], row["company"], row["position"], row["phone"]) == (
        "François Lefèvre", "Société Générale", "Directeur financier", "+33 6 98 76 54 32")
    assert any("read as cp1252" in i.message for i in res.issues)


WLM_DE = (
    "Vorname,Nachname,Name,Spitzname,E-Mail-Adresse,Straße (privat),Ort (privat),Postleitzahl (privat),Bundesland (privat),"
    "Land/Region (privat),Rufnummer (privat),Fax (privat),Mobiltelefon,Webseite (privat),Straße (geschäftlich),"
    "Ort (geschäftlich),Postleitzahl (geschäftlich),Bundesland (geschäftlich),Land/Region (geschäftlich),Firmenwebseite,"
    "Rufnummer (geschäftlich),Fax (geschäftlich),Pager,Firma,Position,Abteilung,Büro,Kommentare"
)
OUTLOOK_DE = (
    "Anrede,Vorname,Weitere Vornamen,Nachname,Suffix,Firma,Abteilung,Position,Telefon geschäftlich,Telefon geschäftlich 2,"
    "Telefon (privat),Mobiltelefon,Haupttelefon,E-Mail-Adresse,E-Mail 2: Adresse"
)


@pytest.mark.parametrize("header", [WLM_DE, OUTLOOK_DE], ids=["windows-live-mail-de", "outlook-desktop-de"])
def test_german_phone_and_position_columns_are_mapped(tmp_path, header):
    rows = [{"Vorname": "Jürgen", "Nachname": "Weiß", "E-Mail-Adresse": "jw@example.de", "Firma": "Bäckerei Weiß",
             "Position": "Inhaber", "Mobiltelefon": "+49 170 1234567", "Rufnummer (geschäftlich)": "+49 30 1234567",
             "Telefon geschäftlich": "+49 30 1234567"}]
    row = run(write(tmp_path, "kontakte.csv", _csv(header, rows))).contacts.iloc[0]
    assert (row["name"], row["position"], row["company"]) == ("Jürgen Weiß", "Inhaber", "Bäckerei Weiß")
    assert row["phone"] == "+49 170 1234567 ; +49 30 1234567"
