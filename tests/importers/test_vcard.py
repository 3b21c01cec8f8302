"""vCard 2.1 / 3.0 / 4.0 (FORMATS.md §5.4)."""

from __future__ import annotations

import base64

from netmix.importers.vcard import components, logical_lines, parse_line

from .importer_samples import run, write

ANDROID = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=\r\n=BCller\r\n"
    "TEL;CELL:+49301234567\r\nEMAIL;HOME:juergen@example.com\r\nEND:VCARD\r\n"
)
APPLE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.5//EN\r\n"
    "N:Example;Ada;;;\r\nFN:Ada Example\r\nORG:Contoso;Research\r\nTITLE:Director\\, Data\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:ada@example.com\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+44 20 7946 0000\r\n"
    "item2.URL;type=pref:https://ada.example.com\r\n"
    "X-SOCIALPROFILE;type=twitter;x-user=ada_x:https://x.com/ada_x\r\n"
    "X-SOCIALPROFILE;type=linkedin;x-user=ada-example:https://www.linkedin.com/in/ada-example\r\n"
    "END:VCARD\r\n"
)


def test_android_21_quoted_printable_with_soft_break(tmp_path):
    row = run(write(tmp_path, "contacts.vcf", ANDROID)).contacts.iloc[0]
    assert (row["name"], row["first_name"], row["last_name"]) == ("Jürgen Müller", "Jürgen", "Müller")
    assert (row["phone"], row["email"], row["platform"], row["relation"]) == ("+49301234567", "juergen@example.com", "vcard", "contact")


def test_apple_30_groups_escapes_and_social_profiles(tmp_path):
    row = run(write(tmp_path, "Ada.vcf", APPLE)).contacts.iloc[0]
    assert (row["name"], row["company"], row["position"]) == ("Ada Example", "Contoso", "Director, Data")
    assert row["email"] == "ada@example.com" and row["phone"] == "+44 20 7946 0000"
    assert row["profile_url"] == "https://www.linkedin.com/in/ada-example"  # LinkedIn first
    assert row["handle"] == "ada-example"
    assert row["source_id"] == "url:linkedin.com/in/ada-example"


def test_folded_lines_are_unfolded_before_qp_decoding():
    text = "FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Zo=\r\n=C3=AB\r\nNOTE:a long\r\n  folded\r\n\t line\r\n"  # one folding char removed per line
    assert logical_lines(text)[:2] == ["FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Zo=C3=AB", "NOTE:a long folded line"]


def test_40_tel_uri_and_case_insensitive_names(tmp_path):
    text = "begin:vcard\nversion:4.0\nfn:Ben Sample\nTel;Value=uri;Type=cell:tel:+44-20-7946-0000\nemail;pref=1:ben@example.com\nend:vcard\n"
    row = run(write(tmp_path, "b.vcard", text)).contacts.iloc[0]
    assert (row["name"], row["phone"], row["email"]) == ("Ben Sample", "+44-20-7946-0000", "ben@example.com")


def test_many_cards_bom_and_base64_photo_skipped(tmp_path):
    photo = base64.b64encode(bytes(range(256)) * 4).decode()
    folded = "\r\n ".join(photo[i:i + 74] for i in range(0, len(photo), 74))
    text = "\ufeff" + APPLE.replace("END:VCARD", f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\nEND:VCARD") + ANDROID
    res = run(write(tmp_path, "all.vcf", text.encode("utf-8")))
    assert res.contacts["name"].tolist() == ["Ada Example", "Jürgen Müller"]


def test_name_from_n_when_there_is_no_fn_and_escapes_in_components(tmp_path):
    text = "BEGIN:VCARD\nVERSION:3.0\nN:Dupont\\;Durand;Marie;Claire;;\nORG:OT Pau\\, Béarn;Accueil\nEND:VCARD\n"
    row = run(write(tmp_path, "m.vcf", text)).contacts.iloc[0]
    assert (row["name"], row["last_name"], row["company"]) == ("Marie Claire Dupont;Durand", "Dupont;Durand", "OT Pau, Béarn")
    assert components("a\\;b;c\\nd") == ["a;b", "c\nd"]


def test_social_profile_without_url_built_from_x_user(tmp_path):
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Cara Demo\nX-SOCIALPROFILE;type=instagram;x-user=cara.demo:x-apple:cara.demo\nIMPP;X-SERVICE-TYPE=Skype:skype:cara\nEND:VCARD\n"
    row = run(write(tmp_path, "c.vcf", text)).contacts.iloc[0]
    assert (row["profile_url"], row["handle"]) == ("https://www.instagram.com/cara.demo", "cara.demo")


def test_card_without_any_name_is_counted_and_unclosed_card_reported(tmp_path):
    text = "BEGIN:VCARD\nVERSION:3.0\nTEL:+331\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Dan\n"
    res = run(write(tmp_path, "d.vcf", text))
    assert res.contacts["name"].tolist() == ["Dan"]
    messages = " | ".join(i.message for i in res.issues)
    assert "skipped 1 cards" in messages and "no END:VCARD" in messages


def test_parse_line_quoted_parameter_with_colon():
    prop = parse_line('item3.URL;type="home:page";X-ABLabel=x:https://a.example')
    assert prop is not None and prop.name == "URL" and prop.value == "https://a.example" and prop.params["TYPE"] == ["home:page"]


def test_vcard_21_declaring_shift_jis_is_read_in_it(tmp_path):
    # issue 15: Japanese phones write raw Shift_JIS and say so in CHARSET= (the hint proposed cp1252 before)
    card = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:山田;太郎;;;\r\nFN;CHARSET=SHIFT_JIS:山田 太郎\r\n" \
           "ORG;CHARSET=SHIFT_JIS:株式会社サンプル\r\nTEL;CELL:090-1234-5678\r\nEND:VCARD\r\n"
    res = run(write(tmp_path, "contacts.vcf", card.encode("shift_jis")))
    assert res.contacts[["name", "company", "phone"]].values.tolist() == [["山田 太郎", "株式会社サンプル", "090-1234-5678"]]
    assert any("read as shift_jis (declared by the file)" in i.message for i in res.issues)
