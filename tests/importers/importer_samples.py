"""Small synthetic exports, one per importer, written from the shapes in FORMATS.md (no real data).

``SAMPLES[importer name] = (path inside the export, bytes, expected first contact name)``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

FB_JSON = b'{\n  "friends_v2": [\n    {\n      "name": "Ana Exemplo",\n      "timestamp": 1700000000\n    }\n  ]\n}\n'

FB_HTML = b"""<html><head><title>Your friends</title></head><body>
<div class="_a706">
<section class="_a6-g" aria-labelledby="r1"><h2 class="_2ph_ _a6-h _a6-i" id="r1">Ana Exemplo</h2>
<footer class="_a6-o"><div class="_a72d">Nov 14, 2023 10:13:20 pm</div></footer></section>
<section class="_a6-g" aria-labelledby="r2"><h2 class="_2ph_ _a6-h _a6-i" id="r2">Ben O&#039;Sample</h2>
<footer class="_a6-o"><div class="_a72d">Jan 2, 2020 1:00:00 am</div></footer></section>
</div></body></html>
"""

LINKEDIN = (
    b"Notes:\n"
    b'"When exporting your connection data, you may notice that some of the email addresses are missing. '
    b"You will only see email addresses for connections who have allowed their connections to see or download "
    b'their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n'
    b"\n"
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b'Ada,Example,https://www.linkedin.com/in/ada-example-1a2b3c,,Contoso,"Director, Data",05 Mar 2024\n'
    b"Ben,Sample,https://www.linkedin.com/in/bensample,ben@example.com,,,14 Jan 2023\n"
    b",,,,,,02 Feb 2022\n"
)

TWITTER = b"""window.YTD.follower.part0 = [
  {
    "follower" : {
      "accountId" : "1234567890123456789",
      "userLink" : "https://twitter.com/intent/user?user_id=1234567890123456789"
    }
  }
]"""

INSTAGRAM = b"""[
  {
    "title": "",
    "media_list_data": [],
    "string_list_data": [
      {"href": "https://www.instagram.com/ana.exemplo", "value": "ana.exemplo", "timestamp": 1700000000}
    ]
  }
]"""

GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,"
    "Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,"
    "Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,"
    "Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,"
    "Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address"
)
GOOGLE = (
    "\ufeff" + GOOGLE_HEADER + "\r\n"
    "Ada,,Example,,,,,,,,Contoso,Engineer,,,,,* myContacts ::: Friends,* Work,ada@example.com,Mobile,+44 20 7946 0000,,,,,,,,,\r\n"
).encode("utf-8")

OUTLOOK_HEADER = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,E-mail Address,E-mail 2 Address,"
    "E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,Business Phone 2,Mobile Phone,Car Phone,Other Phone,"
    "Primary Phone,Pager,Business Fax,Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,TTY/TDD Phone,"
    "IMAddress,Job Title,Department,Company,Office Location,Manager's Name,Assistant's Name,Assistant's Phone,"
    "Company Yomi,Business Street,Business City,Business State,Business Postal Code,Business Country/Region,"
    "Home Street,Home City,Home State,Home Postal Code,Home Country/Region,Other Street,Other City,Other State,"
    "Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,Location,Web Page,Birthday,"
    "Anniversary,Notes"
)


def outlook_row(**values: str) -> str:
    cols = OUTLOOK_HEADER.split(",")
    return ",".join(values.get(c, "") for c in cols)


OUTLOOK = (OUTLOOK_HEADER + "\r\n" + outlook_row(**{"First Name": "Ada", "Last Name": "Example", "E-mail Address": "ada@example.com"}) + "\r\n").encode()

VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Example;Ada;;;\r\nFN:Ada Example\r\nEMAIL;type=INTERNET:ada@example.com\r\nEND:VCARD\r\n"

SAMPLES: dict[str, tuple[str, bytes, str]] = {
    "facebook-json": ("connections/friends/your_friends.json", FB_JSON, "Ana Exemplo"),
    "facebook-html": ("connections/friends/your_friends.html", FB_HTML, "Ana Exemplo"),
    "linkedin": ("Connections.csv", LINKEDIN, "Ada Example"),
    "twitter": ("data/follower.js", TWITTER, "X account 1234567890123456789"),
    "instagram": ("connections/followers_and_following/followers_1.json", INSTAGRAM, "ana.exemplo"),
    "google": ("contacts.csv", GOOGLE, "Ada Example"),
    "outlook": ("contacts.csv", OUTLOOK, "Ada Example"),
    "vcard": ("contacts.vcf", VCARD, "Ada Example"),
}


def write(root: Path, rel: str, data: bytes | str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def make_zip(path: Path, files: dict[str, bytes], *, wrapper: str = "", macosx: bool = False, backslash: bool = False) -> Path:
    """A zip of ``files`` (optionally in a wrapper folder, with ``__MACOSX/`` junk, with ``\\`` names)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel, data in files.items():
            name = f"{wrapper}/{rel}" if wrapper else rel
            if backslash:
                name = name.replace("/", "\\")
            zf.writestr(name, data)
            if macosx:
                d, _, b = (f"{wrapper}/{rel}" if wrapper else rel).rpartition("/")
                zf.writestr(f"__MACOSX/{d}/._{b}".replace("//", "/"), b"\x00\x05\x16\x07junk")
    path.write_bytes(buf.getvalue())
    return path


def run(path: Path | str, *, encoding: str | None = None, platform: str | None = None, columns=None):
    """Import ``path`` as account ``a`` (personal) and return the ImportResult."""
    from netmix.importers import load_account
    from netmix.model import Account

    return load_account(Account("a", "personal", str(path), platform=platform, encoding=encoding), columns=columns)


def parse(path: Path | str, *, encoding: str | None = None, fmt: str | None = None, columns=None):
    """``(importer, Parsed)`` for ``path``: the raw rows of the importer that claims it."""
    from netmix.importers import detect
    from netmix.importers.base import ReadOptions

    imp, members = detect(str(path), fmt)
    return imp, imp.read(members, ReadOptions(encoding=encoding, columns=columns))
