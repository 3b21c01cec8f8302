"""Importers on structure-faithful copies of real exports (issue 15; sources in fixtures/real/SOURCES.md).

Expected values come from the files themselves, read here with regular expressions and a
month table written for the test (not with netmix): the rows of each page, in order, with their
dates.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from netmix.importers import EmptyAccount, load_account
from netmix.model import Account

REAL = Path(__file__).parent / "fixtures" / "real"

#: month abbreviations of the English, French and Spanish interfaces, as the pages write them
MONTHS = {
    **{m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)},
    **{m: i for i, m in enumerate(["janv", "fév", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"], 1)},
    **{m: i for i, m in enumerate(["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"], 1)},
}
ES_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
PAGES = {  # file stem -> list kind
    "your_friends": "friend",
    "friends": "friend",
    "removed_friends": "removed",
    "rejected_friend_requests": "rejected",
    "received_friend_requests": "received",
    "friend_requests_received": "received",
    "sent_friend_requests": "sent",
    "friend_requests_sent": "sent",
}


def _load(folder: str):
    return load_account(Account("a", "personal", str(REAL / folder)))


def _block_rows(path: Path) -> list[tuple[str, str]]:
    """``(name, ISO date)`` of every ``div._a6-g`` block of a page, by regex and the test's month table."""
    text = path.read_text(encoding="utf-8")
    rows = re.findall(r'<div class="_2ph_ _a6-h _a6-i">(.*?)</div>.*?<div class="_a72d">(\w+)\.? (\d\d), (\d{4}) ', text)
    return [(html.unescape(n), f"{y}-{MONTHS[m.lower()]:02d}-{d}") for n, m, d, y in rows]


@pytest.mark.parametrize("folder", ["facebook-html-2024-en-a", "facebook-html-2024-en-b", "facebook-html-2024-es", "facebook-html-2022-fr"])
def test_class_based_facebook_html_reads_every_row_and_date_of_every_page(folder):
    # issue 15 failure 1: these pages gave 0 rows; English, Spanish and French interfaces
    result = _load(folder)
    pages = sorted((REAL / folder).rglob("*.html"))
    expected_friends, expected_requests = [], []
    for page in pages:
        kind = PAGES[page.stem]
        rows = _block_rows(page)
        assert rows, page  # the test's own reading found the rows
        if kind == "friend":
            expected_friends += rows
        else:
            expected_requests += [(kind, n, d) for n, d in rows]
    assert list(zip(result.contacts["name"], result.contacts["connected_on"], strict=True)) == expected_friends
    got = list(zip(result.requests["status"], result.requests["name"], result.requests["date"], strict=True))
    assert sorted(got) == sorted(expected_requests)
    assert not [i for i in result.issues if i.severity == "warning"]


def test_the_spanish_2024_archive_in_numbers():
    result = _load("facebook-html-2024-es")
    assert len(result.contacts) == 42
    assert result.requests["status"].value_counts().to_dict() == {"received": 45, "removed": 27, "sent": 22}
    assert result.contacts["connected_on"].iloc[0] == "2024-03-22"  # "mar 22, 2024 2:21:27pm"


def test_the_french_2022_archive_in_numbers():
    result = _load("facebook-html-2022-fr")
    assert len(result.contacts) == 123
    assert result.requests["status"].value_counts().to_dict() == {"removed": 175, "sent": 95, "rejected": 81, "received": 19}
    assert result.contacts["connected_on"].iloc[0] == "2022-08-07"  # "août 07, 2022 10:55:38pm"


def _legacy_lists(path: Path) -> list[tuple[str, list[str]]]:
    text = path.read_text(encoding="utf-8")
    return [(h, re.findall(r"<li>(.*?)</li>", body)) for h, body in re.findall(r"<h2>([^<]*)</h2>\s*<ul>(.*?)</ul>", text, re.S)]


def _es_date(text: str) -> str:
    m = re.search(r"\((\d{1,2}) de (\w+)(?: de (\d{4}))?\)$", text)
    if not m or not m.group(3):
        return ""
    return f"{m.group(3)}-{ES_MONTHS.index(m.group(2).lower()) + 1:02d}-{int(m.group(1)):02d}"


@pytest.mark.parametrize(
    ("folder", "kinds", "followers"),
    [
        ("facebook-htm-2014-de", ["friend", "sent", "removed"], 5),
        ("facebook-htm-2015-en", ["friend", "sent", "received", "removed"], 41),
        ("facebook-htm-2017-es", ["friend", "sent", "received", "rejected", "removed"], 29),
    ],
)
def test_pre_2018_friends_htm_reads_every_list(folder, kinds, followers):
    # issue 15 failure 3: only the first list was read; sections are headed in the interface language
    page = REAL / folder / "html" / "friends.htm"
    lists = [(h, items) for h, items in _legacy_lists(page) if items]
    result = _load(folder)
    friends = lists[0][1]
    assert len(result.contacts) == len(friends)
    requests = lists[1 : 1 + len(kinds) - 1]
    assert result.requests["status"].tolist() == [k for k, (_, items) in zip(kinds[1:], requests, strict=True) for _ in items]
    assert lists[len(kinds)][1] and len(lists[len(kinds)][1]) == followers  # the followers list, reported not read
    assert any(f"({followers} entries)" in i.message and i.severity == "info" for i in result.issues)
    emails = [re.search(r"\((\S+)&#064;(\S+)\)$", li) for li in friends]
    assert result.contacts["email"].tolist() == [f"{m.group(1)}@{m.group(2)}" if m else "" for m in emails]
    assert all("(" not in n for n in result.contacts["name"])  # "Name (e-mail)" is a name plus an e-mail


def test_pre_2018_spanish_dates_with_and_without_a_year():
    page = REAL / "facebook-htm-2017-es" / "html" / "friends.htm"
    lists = _legacy_lists(page)
    result = _load("facebook-htm-2017-es")
    assert result.contacts["connected_on"].tolist() == [_es_date(li) for li in lists[0][1]]
    request_items = [li for _, items in lists[1:5] for li in items]
    assert result.requests["date"].tolist() == [_es_date(li) for li in request_items]
    no_year = sum(1 for _, items in lists[:5] for li in items if not _es_date(li) and "(" in li)
    assert no_year == 321
    assert any(i.message == "321 dates have no year and were left unknown" and i.severity == "info" for i in result.issues)
    assert not [i for i in result.issues if i.severity == "warning"]


def test_instagram_html_2025_dates_are_read():
    # issue 15 failure 4: the date beside each account ("Mar 23, 2025 6:45 am") was never read
    folder = REAL / "instagram-html-2025" / "connections" / "followers_and_following"
    pattern = r'instagram\.com/([^"]+)">[^<]*</a></div><div>(\w+) (\d\d), (\d{4})'
    seen: dict[str, str] = {}
    for page in ("followers_1.html", "following.html"):
        for user, m, d, y in re.findall(pattern, (folder / page).read_text(encoding="utf-8")):
            date = f"{y}-{MONTHS[m.lower()]:02d}-{d}"
            seen[user] = min(seen.get(user, date), date)
    result = _load("instagram-html-2025")
    assert dict(zip(result.contacts["handle"], result.contacts["connected_on"], strict=True)) == seen
    assert len(seen) == 138 and all(seen.values())


def test_an_archive_whose_pages_hold_nothing_is_an_empty_account_naming_file_and_reason(tmp_path):
    # issue 15 failure 2: the account that yields nothing is an error for that account, not a traceback
    page = (REAL / "facebook-html-2024-en-b" / "connections" / "friends" / "your_friends.html").read_text(encoding="utf-8")
    empty = re.sub(r'<div class="_a706" role="main">.*', '<div class="_a706" role="main"></div></body></html>', page, flags=re.S)
    (tmp_path / "connections" / "friends").mkdir(parents=True)
    (tmp_path / "connections" / "friends" / "your_friends.html").write_text(empty, encoding="utf-8")
    with pytest.raises(EmptyAccount) as exc:
        load_account(Account("perso", "personal", str(tmp_path)))
    fact = exc.value.fact()
    assert (fact["account"], fact["file"], fact["reason"]) == ("perso", str(tmp_path), "no-rows")
    assert fact["members"][0].endswith("your_friends.html")
