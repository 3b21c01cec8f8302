"""X / Twitter archive follower.js / following.js (FORMATS.md §3)."""

from __future__ import annotations

import json

import pytest

from netmix.errors import InputError
from netmix.importers import EmptyAccount

from .importer_samples import run, write


def _js(kind: str, ids: list, part: int = 0) -> str:
    body = json.dumps([{kind: {"accountId": i, "userLink": f"https://twitter.com/intent/user?user_id={i}"}} for i in ids], indent=2)
    return f"window.YTD.{kind}.part{part} = {body}"


def test_followers_and_following_merge_into_one_contact_per_id(tmp_path):
    write(tmp_path, "data/follower.js", _js("follower", ["111", "222"]))
    write(tmp_path, "data/following.js", _js("following", ["222", "333"]))
    res = run(tmp_path)
    assert res.contacts[["platform_id", "relation", "name", "profile_url"]].values.tolist() == [
        ["111", "follower", "X account 111", ""],
        ["222", "follower;following", "X account 222", ""],
        ["333", "following", "X account 333", ""],
    ]
    assert res.contacts["source_id"].tolist() == ["id:twitter:111", "id:twitter:222", "id:twitter:333"]


def test_split_parts_are_all_read(tmp_path):
    write(tmp_path, "data/follower.js", _js("follower", ["1"]))
    write(tmp_path, "data/follower-part1.js", _js("follower", ["2"], part=1))
    write(tmp_path, "data/follower-part2.js", _js("follower", ["3"], part=2))
    assert sorted(run(tmp_path).contacts["platform_id"]) == ["1", "2", "3"]


def test_ids_beyond_2_to_the_53_stay_distinct_strings(tmp_path):
    write(tmp_path, "data/follower.js", _js("follower", ["1234567890123456789", "1234567890123456790"]))
    ids = run(tmp_path).contacts["platform_id"].tolist()
    assert ids == ["1234567890123456789", "1234567890123456790"]
    assert float(ids[0]) == float(ids[1])  # why they must never become numbers


def test_numeric_account_id_is_kept_exact(tmp_path):
    write(tmp_path, "data/follower.js", 'window.YTD.follower.part0 = [{"follower": {"accountId": 1234567890123456789}}]')
    assert run(tmp_path).contacts["platform_id"].tolist() == ["1234567890123456789"]


@pytest.mark.parametrize(
    "text",
    [
        'alert(1); window.YTD.follower.part0 = [{"follower": {"accountId": "1"}}]',
        '[{"follower": {"accountId": "1"}}]',
        'window.YTD.follower.part0 = (function(){return []})()',
        'window.YTD.tweets.part0 = []',
        'window.evil.follower.part0 = []',
    ],
)
def test_anything_but_the_exact_prefix_and_json_is_rejected(tmp_path, text):
    with pytest.raises(InputError):
        run(write(tmp_path, "data/follower.js", text))


def test_entries_without_an_account_id_are_counted(tmp_path):
    write(tmp_path, "data/following.js", 'window.YTD.following.part0 = [{"following": {"accountId": "9"}}, {"following": {}}, 3, {"x": 1}]')
    res = run(tmp_path)
    assert res.contacts["platform_id"].tolist() == ["9"]
    assert any("skipped 3 entries" in i.message for i in res.issues)


def test_empty_archive_list_gives_no_contacts(tmp_path):
    with pytest.raises(EmptyAccount, match="yields no contacts"):
        run(write(tmp_path, "data/follower.js", "window.YTD.follower.part0 = []"))


def test_account_file_next_to_the_lists_is_ignored(tmp_path):
    write(tmp_path, "data/account.js", 'window.YTD.account.part0 = [{"account": {"accountId": "42", "username": "me"}}]')
    write(tmp_path, "data/follower.js", _js("follower", ["1"]))
    assert run(tmp_path).contacts["platform_id"].tolist() == ["1"]
