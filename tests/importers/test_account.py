"""load_account / load_accounts: an account that yields nothing is an error for that account (issue 15)."""

from __future__ import annotations

import pytest

from netmix.errors import InputError
from netmix.importers import EmptyAccount, NoAccountLeft, load_accounts
from netmix.model import Account

from .importer_samples import LINKEDIN, write


def test_an_empty_account_is_set_aside_and_the_others_go_on(tmp_path):
    write(tmp_path / "pro", "Connections.csv", LINKEDIN)
    write(tmp_path / "fb", "connections/friends/your_friends.json", '{"friends_v2": []}')
    write(tmp_path / "ig", "connections/followers_and_following/pending_follow_requests.json",
          '{"relationships_follow_requests_sent": [{"string_list_data": [{"value": "ana.b", "timestamp": 1}]}]}')
    accounts = [Account("perso", "personal", str(tmp_path / "fb")), Account("pro", "professional", str(tmp_path / "pro")),
                Account("insta", "personal", str(tmp_path / "ig"))]
    loaded = load_accounts(accounts)
    assert list(loaded.results) == ["pro"] and len(loaded.results["pro"].contacts) > 0
    facts = [e.fact() for e in loaded.empty]
    assert [(f["account"], f["reason"], f["importer"], f["requests"]) for f in facts] == [
        ("perso", "no-rows", "facebook-json", 0), ("insta", "only-requests", "instagram", 1)]
    assert facts[0]["file"] == str(tmp_path / "fb") and facts[0]["members"][0].endswith("your_friends.json")


def test_no_account_left_stops_with_every_account_named(tmp_path):
    write(tmp_path / "fb", "connections/friends/your_friends.json", '{"friends_v2": []}')
    write(tmp_path / "x", "data/follower.js", "window.YTD.follower.part0 = []")
    with pytest.raises(NoAccountLeft) as exc:
        load_accounts([Account("perso", "personal", str(tmp_path / "fb")), Account("x", "personal", str(tmp_path / "x"))])
    assert isinstance(exc.value, InputError) and [e.account for e in exc.value.empty] == ["perso", "x"]
    assert "perso" in str(exc.value) and "x (" in str(exc.value) and exc.value.hint


def test_an_unreadable_export_is_not_set_aside(tmp_path):
    write(tmp_path / "fb", "connections/friends/your_friends.json", "{not json")
    with pytest.raises(InputError) as exc:
        load_accounts([Account("perso", "personal", str(tmp_path / "fb"))])
    assert not isinstance(exc.value, EmptyAccount) and "invalid JSON" in str(exc.value)
