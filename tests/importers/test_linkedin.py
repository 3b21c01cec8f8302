"""LinkedIn Connections.csv (every generation and Excel quirk) and Invitations.csv (FORMATS.md §2)."""

from __future__ import annotations

import pytest

from netmix.errors import InputError

from .importer_samples import LINKEDIN, parse, run, write

HEADER_2020 = "First Name,Last Name,Email Address,Company,Position,Connected On\n"


def test_current_file_maps_every_column(tmp_path):
    res = run(write(tmp_path, "Connections.csv", LINKEDIN))
    ada = res.contacts.iloc[0].to_dict()
    assert ada["name"] == "Ada Example" and ada["first_name"] == "Ada" and ada["last_name"] == "Example"
    assert ada["profile_url"] == "https://www.linkedin.com/in/ada-example-1a2b3c"
    assert ada["company"] == "Contoso" and ada["position"] == "Director, Data"  # quoted comma kept
    assert ada["connected_on"] == "2024-03-05"
    assert ada["relation"] == "connection" and ada["platform"] == "linkedin"
    assert ada["source_id"] == "url:linkedin.com/in/ada-example-1a2b3c"
    assert res.contacts.iloc[1]["email"] == "ben@example.com"
    assert len(res.contacts) == 2


def test_preamble_absent_2020_generation(tmp_path):
    res = run(write(tmp_path, "Connections.csv", HEADER_2020 + "Ada,Example,,Contoso,CTO,07 Mar 2020\n"))
    assert res.contacts[["name", "company", "position", "connected_on"]].values.tolist() == [["Ada Example", "Contoso", "CTO", "2020-03-07"]]
    assert res.contacts.iloc[0]["profile_url"] == ""


def test_2018_generation_us_dates_with_time(tmp_path):
    res = run(write(tmp_path, "Connections.csv", HEADER_2020 + 'Ada,Example,,,,"1/8/18, 6:14 PM"\n'))
    assert res.contacts.iloc[0]["connected_on"] == "2018-01-08"  # M/D/YY: January 8th 2018


def test_excel_resaved_padded_preamble_semicolons_and_mangled_dates(tmp_path):
    text = (
        "Notes:;;;;;;\n"
        '"When exporting your connection data, you may notice that some of the email addresses are missing.";;;;;;\n'
        ";;;;;;\n"
        "First Name;Last Name;URL;Email Address;Company;Position;Connected On\n"
        "Ada;Example;https://www.linkedin.com/in/ada;;Contoso;CTO;23-Nov-21\n"
        "Ben;Sample;https://www.linkedin.com/in/ben;;Fabrikam;Dev;16.09.2021\n"
    )
    res = run(write(tmp_path, "Connections.csv", text))
    assert res.contacts[["name", "connected_on"]].values.tolist() == [["Ada Example", "2021-11-23"], ["Ben Sample", "2021-09-16"]]


def test_notes_comma_padding_preamble(tmp_path):
    text = "Notes:,,,,,,\n\"Some text, with commas\",,,,,,\n,,,,,,\n" + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Example,,,,,05 Mar 2024\n"
    assert run(write(tmp_path, "Connections.csv", text)).contacts["name"].tolist() == ["Ada Example"]


def test_utf8_bom_before_the_header(tmp_path):
    res = run(write(tmp_path, "Connections.csv", b"\xef\xbb\xbf" + HEADER_2020.encode() + b"Zo\xc3\xab,M\xc3\xbcller,,,,07 Mar 2020\n"))
    assert res.contacts.iloc[0]["first_name"] == "Zoë" and res.contacts.iloc[0]["name"] == "Zoë Müller"


def test_columns_are_found_by_name_not_position(tmp_path):
    text = "Connected On,Company,Last Name,First Name,URL\n05 Mar 2024,Contoso,Example,Ada,https://www.linkedin.com/in/ada\n"
    row = run(write(tmp_path, "Connections.csv", text)).contacts.iloc[0]
    assert (row["name"], row["company"], row["connected_on"], row["profile_url"]) == (
        "Ada Example", "Contoso", "2024-03-05", "https://www.linkedin.com/in/ada")


def test_rows_without_a_name_and_empty_rows_are_skipped_and_counted(tmp_path):
    text = HEADER_2020 + ",,,,,02 Feb 2022\n,,,,,\nAda,Example,,,,07 Mar 2020\n,,,,,\n"
    res = run(write(tmp_path, "Connections.csv", text))
    assert res.contacts["name"].tolist() == ["Ada Example"]
    # 1 row with only a date + 2 all-empty rows = 3
    assert any("skipped 3 rows without a name" in i.message for i in res.issues)


def test_ragged_row_is_padded_with_an_issue_naming_the_line(tmp_path):
    text = HEADER_2020 + "Ada,Example,,Contoso\nBen,Sample,,,,07 Mar 2020\n"
    res = run(write(tmp_path, "Connections.csv", text))
    assert res.contacts["name"].tolist() == ["Ada Example", "Ben Sample"]
    ragged = [i for i in res.issues if "fields" in i.message]
    assert len(ragged) == 1 and ragged[0].line == 2


def test_unmatched_quote_is_an_input_error_with_a_line(tmp_path):
    text = HEADER_2020 + 'Ada,"Example,,,,07 Mar 2020\n' + ("x" * 140_000) + "\n"
    with pytest.raises(InputError) as exc:
        run(write(tmp_path, "Connections.csv", text))
    assert exc.value.line is not None and "Connections.csv" in str(exc.value)


def test_unreadable_date_is_left_empty_with_an_issue(tmp_path):
    res = run(write(tmp_path, "Connections.csv", HEADER_2020 + "Ada,Example,,,,sometime\n"))
    assert res.contacts.iloc[0]["connected_on"] == ""
    assert any("could not be read" in i.message for i in res.issues)


def test_cp1252_file_is_read_and_the_issue_names_the_encoding(tmp_path):
    path = write(tmp_path, "Connections.csv", (HEADER_2020 + "Jürgen,Müller,,,,07 Mar 2020\n").encode("cp1252"))
    res = run(path)
    assert res.contacts.iloc[0]["last_name"] == "Müller"
    assert any("read as cp1252" in i.message and i.severity == "info" for i in res.issues)


def test_cp1252_file_with_the_encoding_given(tmp_path):
    path = write(tmp_path, "Connections.csv", (HEADER_2020 + "Jürgen,Müller,,,,07 Mar 2020\n").encode("cp1252"))
    assert run(path, encoding="cp1252").contacts.iloc[0]["last_name"] == "Müller"


def test_names_that_look_like_missing_values_are_kept(tmp_path):
    text = HEADER_2020 + "NA,None,,,,\nnull,NaN,,,,\n"
    assert run(write(tmp_path, "Connections.csv", text)).contacts["name"].tolist() == ["NA None", "null NaN"]


def test_renamed_connections_file_is_recognised_by_its_header(tmp_path):
    imp, parsed = parse(write(tmp_path, "my linkedin.csv", HEADER_2020 + "Ada,Example,,,,07 Mar 2020\n"))
    assert imp.name == "linkedin" and parsed.contacts[0]["name"] == "Ada Example"


def test_invitations_become_sent_and_received_requests(tmp_path):
    write(tmp_path, "Connections.csv", LINKEDIN)
    write(
        tmp_path,
        "Invitations.csv",
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        'Ada Example,Ben Sample,"9/25/24, 8:52 AM",,OUTGOING,https://www.linkedin.com/in/ada,https://www.linkedin.com/in/bensample\n'
        'Cara Demo,Ada Example,"9/20/24, 4:10 PM","Hi, shall we connect?",INCOMING,https://www.linkedin.com/in/cara-demo,https://www.linkedin.com/in/ada\n'
        "Dan,Ada Example,,,SIDEWAYS,,\n",
    )
    res = run(tmp_path)
    req = res.requests[["status", "name", "profile_url", "date", "platform", "account"]].values.tolist()
    assert req == [
        ["sent", "Ben Sample", "https://www.linkedin.com/in/bensample", "2024-09-25", "linkedin", "a"],
        ["received", "Cara Demo", "https://www.linkedin.com/in/cara-demo", "2024-09-20", "linkedin", "a"],
    ]
    assert any("skipped 1 invitations" in i.message for i in res.issues)
    assert len(res.contacts) == 2


def test_2018_invitations_without_url_columns(tmp_path):
    write(tmp_path, "Invitations.csv", 'From,To,Sent At,Message,Direction\nAda,Ben Sample,"8/18/18, 9:08 PM",,OUTGOING\n')
    _, parsed = parse(tmp_path)
    assert [[r[k] for k in ("status", "name", "profile_url", "date")] for r in parsed.requests] == [["sent", "Ben Sample", "", "2018-08-18"]]
