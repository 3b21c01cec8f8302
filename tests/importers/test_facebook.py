"""Facebook HTML archives (three generations, FORMATS.md §1.3) and the JSON mojibake vector (§1.4)."""

from __future__ import annotations

import json

import pytest

from netmix.importers import EmptyAccount

from .importer_samples import FB_HTML, run, write


def _section(name: str, date: str) -> str:
    return (
        f'<section class="_a6-g"><h2 class="_2ph_ _a6-h _a6-i">{name}</h2>'
        f'<footer class="_a6-o"><div class="_a72d">{date}</div></footer></section>'
    )


def _page(rows: str, title: str = "Your friends") -> str:
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{rows}</body></html>"


def test_2022_layout_names_dates_and_entities(tmp_path):
    res = run(write(tmp_path, "connections/friends/your_friends.html", FB_HTML))
    assert res.contacts[["name", "connected_on", "relation", "first_name", "last_name"]].values.tolist() == [
        ["Ana Exemplo", "2023-11-14", "friend", "Ana", "Exemplo"],
        ["Ben O'Sample", "2020-01-02", "friend", "Ben", "O'Sample"],  # &#039; unescaped
    ]
    assert res.formats == ("facebook-html",)


def test_2022_layout_selected_structurally_without_class_names(tmp_path):
    rows = "<section><h2>Ana Exemplo</h2><footer><div>Mar 3, 2022 9:00:00 am</div></footer></section>"
    res = run(write(tmp_path, "your_friends.html", _page(rows)))
    assert res.contacts[["name", "connected_on"]].values.tolist() == [["Ana Exemplo", "2022-03-03"]]


def test_a_section_heading_equal_to_the_page_title_is_not_a_friend(tmp_path):
    rows = "<section><h2>Your friends</h2></section>" + _section("Ana Exemplo", "Nov 14, 2023 10:13:20 pm")
    assert run(write(tmp_path, "your_friends.html", _page(rows))).contacts["name"].tolist() == ["Ana Exemplo"]


def test_2018_layout(tmp_path):
    rows = (
        '<div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder"><div class="_3-96 _2pio _2lek _2lel">Ana Exemplo</div>'
        '<div class="_3-94 _2lem">Mar 03, 2019, 2:05 PM</div></div>'
        '<div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder"><div class="_3-96 _2pio _2lek _2lel">Zoë Demo</div></div>'
    )
    res = run(write(tmp_path, "friends_and_followers/friends.html", _page(rows, "Friends")))
    assert res.contacts[["name", "connected_on"]].values.tolist() == [["Ana Exemplo", "2019-03-03"], ["Zoë Demo", ""]]


def test_pre_2018_layout_splits_on_the_last_parenthesis(tmp_path):
    html = (
        '<html><body><div class="contents"><h2>Friends</h2>'
        "<ul><li>Ana Exemplo (March 3, 2012)</li><li>Ben (Benny) Sample (July 9, 2010)</li><li>Cara Demo [Family]</li></ul>"
        "<h2>Sent Friend Requests</h2><ul><li>Not A Friend</li></ul></div></body></html>"
    )
    res = run(write(tmp_path, "html/friends.htm", html))
    assert res.contacts[["name", "connected_on"]].values.tolist() == [
        ["Ana Exemplo", "2012-03-03"],
        ["Ben (Benny) Sample", "2010-07-09"],
        ["Cara Demo", ""],
    ]


def test_pre_2018_unclosed_li_items(tmp_path):
    html = '<div class="contents"><ul><li>Ana Exemplo (March 3, 2012)<li>Ben Sample (July 9, 2010)</ul></div>'
    assert run(write(tmp_path, "friends.htm", html)).contacts["name"].tolist() == ["Ana Exemplo", "Ben Sample"]


def test_localized_dates_are_read_in_the_interface_language(tmp_path):
    # issue 15: German and Japanese interface dates (FORMATS.md §1.3) are read, not dropped
    rows = _section("Ana Exemplo", "14. Nov. 2023, 22:13") + _section("Ben Sample", "6月 30, 2026 5:30:53 AM")
    res = run(write(tmp_path, "your_friends.html", _page(rows)))
    assert res.contacts["connected_on"].tolist() == ["2023-11-14", "2026-06-30"]
    assert not [i for i in res.issues if "date" in i.message]


def test_request_and_removed_pages_of_the_2022_tree(tmp_path):
    root = tmp_path / "connections" / "friends"
    write(root, "your_friends.html", _page(_section("Ana Exemplo", "Nov 14, 2023 10:13:20 pm")))
    write(root, "sent_friend_requests.html", _page(_section("Ben Sample", "Jan 2, 2024 1:00:00 am"), "Sent friend requests"))
    write(root, "received_friend_requests.html", _page(_section("Cara Demo", "Feb 3, 2024 1:00:00 am"), "Received"))
    write(root, "rejected_friend_requests.html", _page(_section("Dan Demo", "Mar 4, 2024 1:00:00 am"), "Rejected"))
    write(root, "removed_friends.html", _page(_section("Eve Demo", "Apr 5, 2024 1:00:00 am"), "Removed friends"))
    res = run(tmp_path)
    assert res.contacts["name"].tolist() == ["Ana Exemplo"]
    # members are read in sorted path order: received, rejected, removed, sent
    assert res.requests[["status", "name", "date"]].values.tolist() == [
        ["received", "Cara Demo", "2024-02-03"],
        ["rejected", "Dan Demo", "2024-03-04"],
        ["removed", "Eve Demo", "2024-04-05"],
        ["sent", "Ben Sample", "2024-01-02"],
    ]


def test_html_text_gets_no_mojibake_repair(tmp_path):
    rows = _section("JosÃ© Zoë", "Nov 14, 2023 10:13:20 pm")
    assert run(write(tmp_path, "your_friends.html", _page(rows))).contacts["name"].tolist() == ["JosÃ© Zoë"]


def test_unknown_layout_gives_a_warning_not_a_crash(tmp_path):
    path = write(tmp_path, "your_friends.html", "<html><body><p>nothing</p></body></html>")
    with pytest.raises(EmptyAccount) as exc:
        run(path)
    fact = exc.value.fact()
    assert (fact["account"], fact["file"], fact["reason"], fact["importer"]) == ("a", str(path), "no-rows", "facebook-html")
    assert any("layout" in i.message for i in exc.value.issues) and "your_friends.html" in str(exc.value)


def test_json_mojibake_vector_is_repaired_and_genuine_names_untouched(tmp_path):
    # the raw JSON text carries \u00XX escapes exactly as Meta writes them (FORMATS.md §1.4)
    raw = '{"friends_v2": [{"name": "Jos\\u00c3\\u00a9 M\\u00c3\\u00bcller \\u00f0\\u009f\\u0098\\u00a0", "timestamp": 1700000000}, {"name": "Zo\\u00eb", "timestamp": 1700000000}]}'
    assert json.loads(raw)["friends_v2"][0]["name"].startswith("JosÃ©")  # what a plain parser yields
    res = run(write(tmp_path, "your_friends.json", raw))
    assert res.contacts["name"].tolist() == ["José Müller 😠", "Zoë"]


def test_2018_json_contact_info_email_is_kept(tmp_path):
    raw = '{"friends": [{"name": "Ana Exemplo", "timestamp": 1500000000, "contact_info": "ana@example.org"}, {"name": "Ben"}]}'
    res = run(write(tmp_path, "friends/friends.json", raw))
    assert res.contacts["email"].tolist() == ["ana@example.org", ""]


def test_pre_2018_entries_with_a_date_without_a_year_and_with_an_email(tmp_path):
    page = ('<div class="contents"><h1>Owner</h1><h2>Friends</h2><ul><li>Ana Exemplo (ana@example.org)</li>'
            "<li>Ben Sample (Jan 12)</li><li>Cara Demo (March 3, 2012)</li></ul>"
            "<h2>Declined Friend Requests</h2><ul><li>Dan Roe (Feb 2)</li></ul></div>")
    res = run(write(tmp_path, "html/friends.htm", page))
    assert res.contacts[["name", "email", "connected_on"]].values.tolist() == [
        ["Ana Exemplo", "ana@example.org", ""], ["Ben Sample", "", ""], ["Cara Demo", "", "2012-03-03"]]
    assert res.requests[["status", "name", "date"]].values.tolist() == [["rejected", "Dan Roe", ""]]
    infos = [i.message for i in res.issues if i.severity == "info"]
    assert infos == ["2 dates have no year and were left unknown"]  # kept unknown, not "not in English"
