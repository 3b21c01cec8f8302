"""Instagram exports, every layout of FORMATS.md §4."""

from __future__ import annotations

import json

import pytest

from netmix.errors import InputError
from netmix.importers import EmptyAccount
from netmix.importers.instagram import username_of

from .importer_samples import parse, run, write

DIR = "connections/followers_and_following"


def _item(value: str | None = None, href: str | None = None, title: str = "", ts: int = 1700000000) -> dict:
    entry: dict = {"timestamp": ts}
    if href is not None:
        entry["href"] = href
    if value is not None:
        entry["value"] = value
    return {"title": title, "media_list_data": [], "string_list_data": [entry]}


def test_2018_connections_json(tmp_path):
    doc = {
        "followers": {"Ana.Exemplo": "2019-05-03T12:34:56", "ben": "2018-01-02T00:00:00+00:00"},
        "following": {"ana.exemplo": "2019-04-01T08:00:00"},
        "follow_requests_sent": {"cara": "2019-06-01T00:00:00"},
        "blocked_users": {"troll": "2019-01-01T00:00:00"},
    }
    res = run(write(tmp_path, "connections.json", json.dumps(doc)))
    assert res.contacts[["name", "relation", "connected_on"]].values.tolist() == [
        ["ana.exemplo", "follower;following", "2019-04-01"],  # earliest of the two dates
        ["ben", "follower", "2018-01-02"],
    ]
    assert res.requests[["status", "name"]].values.tolist() == [["sent", "cara"]]


def test_relationships_dict_layout(tmp_path):
    write(tmp_path, "followers_and_following/followers.json", json.dumps({"relationships_followers": [_item("ana", "https://www.instagram.com/ana")]}))
    write(tmp_path, "followers_and_following/following.json", json.dumps({"relationships_following": [_item("ben", "https://www.instagram.com/ben")]}))
    res = run(tmp_path)
    row = res.contacts.iloc[0].to_dict()
    assert (row["name"], row["handle"], row["profile_url"], row["connected_on"]) == (
        "ana", "ana", "https://www.instagram.com/ana", "2023-11-14")  # 1700000000 = 2023-11-14 22:13:20 UTC
    assert res.contacts["relation"].tolist() == ["follower", "following"]


def test_bare_list_parts_merged_in_natural_order(tmp_path):
    for n in (1, 2, 10):
        write(tmp_path, f"{DIR}/followers_{n}.json", json.dumps([_item(f"user{n}")]))
    assert run(tmp_path).contacts["name"].tolist() == ["user1", "user2", "user10"]


def test_2025_following_items_username_in_title_and_u_href(tmp_path):
    doc = {"relationships_following": [{"title": "Ana.Exemplo", "string_list_data": [{"href": "https://www.instagram.com/_u/ana.exemplo", "timestamp": 1700000000}]}]}
    res = run(write(tmp_path, f"{DIR}/following.json", json.dumps(doc)))
    assert res.contacts[["name", "relation", "profile_url"]].values.tolist() == [["ana.exemplo", "following", "https://www.instagram.com/ana.exemplo"]]


@pytest.mark.parametrize(
    "item, expected",
    [
        (_item("val", "https://www.instagram.com/href", title="title"), "val"),
        (_item(None, "https://www.instagram.com/href", title="Title"), "title"),
        (_item(None, "https://www.instagram.com/_u/Href/?igsh=abc", title=""), "href"),
        (_item(None, "https://www.instagram.com/href/", title=""), "href"),
        ({"title": "", "string_list_data": []}, ""),
        ("not a dict", ""),
    ],
)
def test_username_priority_value_title_href(item, expected):
    assert username_of(item)[0] == expected


def test_one_contact_per_username_across_files(tmp_path):
    write(tmp_path, f"{DIR}/followers_1.json", json.dumps([_item("ana"), _item("ben")]))
    write(tmp_path, f"{DIR}/following.json", json.dumps({"relationships_following": [_item("ANA")]}))
    res = run(tmp_path)
    assert res.contacts[["name", "relation"]].values.tolist() == [["ana", "follower;following"], ["ben", "follower"]]


def test_request_files(tmp_path):
    write(tmp_path, f"{DIR}/pending_follow_requests.json", json.dumps({"relationships_follow_requests_sent": [_item("ana")]}))
    write(tmp_path, f"{DIR}/follow_requests_you've_received.json", json.dumps({"relationships_follow_requests_received": [_item("ben")]}))
    write(tmp_path, f"{DIR}/recently_unfollowed_profiles.json", json.dumps({"relationships_unfollowed_users": [_item("cara")]}))
    _, parsed = parse(tmp_path)
    assert parsed.contacts == []
    assert sorted([r["status"], r["name"]] for r in parsed.requests) == [["received", "ben"], ["removed", "cara"], ["sent", "ana"]]
    with pytest.raises(EmptyAccount) as exc:  # requests only: no contact to analyse (issue 15)
        run(tmp_path)
    assert exc.value.fact()["reason"] == "only-requests" and exc.value.fact()["requests"] == 3


def test_mojibake_in_string_values_is_repaired(tmp_path):
    # a mangled title is repaired before use: "Ã¡" is "á" written byte-wise; the repaired title is not a
    # valid username, so the href is not used as a fallback and the entry is counted
    raw = '[{"title": "ana.\\u00c3\\u00a1", "string_list_data": [{"timestamp": 1}]}]'
    _, parsed = parse(write(tmp_path, f"{DIR}/followers_1.json", raw))
    assert parsed.contacts == [] and any("skipped 1" in i.message for i in parsed.issues)


def test_html_variant_takes_the_last_path_segment_of_each_link(tmp_path):
    html = (
        "<html><body><div><a target='_blank' href='https://www.instagram.com/ana.exemplo'>ana.exemplo</a></div>"
        "<div><a href='https://www.instagram.com/_u/Ben_Sample/'>Ben_Sample</a></div>"
        "<div><a href='https://example.com/x'>elsewhere</a></div></body></html>"
    )
    write(tmp_path, f"{DIR}/followers_1.html", html)
    write(tmp_path, f"{DIR}/following.html", "<a href='https://www.instagram.com/ana.exemplo'>x</a>")
    res = run(tmp_path)
    assert res.contacts[["name", "relation"]].values.tolist() == [["ana.exemplo", "follower;following"], ["ben_sample", "follower"]]


def test_object_without_a_relationships_list_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="relationships"):
        run(write(tmp_path, f"{DIR}/following.json", '{"relationships_following": 3, "x": []}'), platform="instagram")
