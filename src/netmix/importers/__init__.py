"""Importers for the exports people download, and :func:`load_account` to run them.

The registry's order is the detection order: the first importer that claims a file of the export
reads the account (so Facebook JSON wins over Facebook HTML when both are there).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

import pandas as pd

from ..errors import FormatNotRecognised, NetmixError
from ..io.sources import iter_members
from ..model import CONTACT_COLUMNS, REQUEST_COLUMNS, Account, ImportResult, frame
from .base import Importer, Parsed, ReadOptions

__all__ = ["REGISTRY", "Importer", "ReadOptions", "detect", "get", "load_account", "source_id_of"]


def _registry() -> tuple[Importer, ...]:
    from . import facebook_html, facebook_json, generic_csv, google, instagram, linkedin, outlook, twitter, vcard

    modules = (facebook_json, facebook_html, linkedin, twitter, instagram, google, outlook, vcard, generic_csv)
    return tuple(m.IMPORTER for m in modules)


REGISTRY: tuple[Importer, ...] = _registry()


def get(name: str) -> Importer:
    """The importer called ``name`` (or the first of a platform called ``name``)."""
    for imp in REGISTRY:
        if imp.name == name:
            return imp
    for imp in REGISTRY:
        if imp.platform == name:
            return imp
    known = ", ".join(imp.name for imp in REGISTRY)
    raise FormatNotRecognised(f"unknown format {name!r}", hint=f"known formats: {known} (see `netmix formats`)")


def detect(path: str, fmt: str | None = None) -> tuple[Importer, list]:
    """The importer for the export at ``path`` and the members it reads."""
    members = list(iter_members(path))
    candidates = [get(fmt)] if fmt else [imp for imp in REGISTRY if not imp.explicit_only]
    for imp in candidates:
        claimed = [m for m in members if imp.claims(m)]
        if claimed:
            return imp, claimed
    if fmt:
        raise FormatNotRecognised(
            f"no file of this export is one the {fmt} importer reads",
            file=path,
            hint=f"it reads: {', '.join(get(fmt).files)}",
        )
    seen = ", ".join(sorted({m.basename for m in members})[:8]) or "no files"
    raise FormatNotRecognised(
        f"no importer recognises this export (files seen: {seen})",
        file=path,
        hint="run `netmix formats` for the files netmix knows, or give --importer csv with a column mapping",
    )


_URL_RE = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)*?(linkedin\.com|facebook\.com|instagram\.com|twitter\.com|x\.com)(/.*)?$", re.I)


_LINKEDIN = "https://www.linkedin.com/"


def normalise_url(url: str) -> str:
    """A profile URL without scheme, ``www``, query or trailing slash, lower-cased host.

    >>> normalise_url("https://www.linkedin.com/in/Ana-B/?trk=x"), normalise_url("HTTP://m.Facebook.com/_u/Ana.B")
    ('linkedin.com/in/Ana-B', 'facebook.com/ana.b')
    """
    url = url.strip()
    if not url:
        return ""
    if url.startswith(_LINKEDIN) and "\n" not in url:  # LinkedIn's own form (the regex gives the same)
        path = url[len(_LINKEDIN) - 1 :].split("?", 1)[0].split("#", 1)[0].rstrip("/")
        return "linkedin.com" + path.replace("/_u/", "/")
    m = _URL_RE.match(url)
    if not m:
        return url.split("?", 1)[0].rstrip("/")
    host = m.group(1).lower().replace("twitter.com", "x.com")
    path = (m.group(2) or "").split("?", 1)[0].split("#", 1)[0].rstrip("/")
    path = path.replace("/_u/", "/")
    return f"{host}{path.lower() if host != 'linkedin.com' else path}"


def source_id_of(row: Mapping[str, str]) -> str:
    """The best native key of a contact row: URL, then platform id, handle, email, else name."""
    return _source_id(row, row.get("platform", ""))


def _source_id(row: Mapping[str, str], platform: object) -> str:
    """:func:`source_id_of` with the row's platform given (the importer's when the row has none)."""
    if row.get("profile_url"):
        return "url:" + normalise_url(row["profile_url"])
    if row.get("platform_id"):
        return f"id:{platform}:{row['platform_id']}"
    if row.get("handle"):
        return f"handle:{platform}:{row['handle'].lower()}"
    if row.get("email"):
        return "email:" + row["email"].split(" ; ")[0].strip().lower()
    return "name:" + row.get("name", "")


def load_account(account: Account, *, columns: Mapping[str, str] | None = None) -> ImportResult:
    """Import one account's export (a file, a folder or the downloaded zip).

    Returns its contacts (``CONTACT_COLUMNS``, in import order), its request history and the
    import issues. Raises a :class:`~netmix.errors.NetmixError` naming the file when the export
    cannot be read.
    """
    fmt = account.platform
    columns = columns or dict(account.columns) or None
    if columns and not fmt:
        fmt = "csv"
    importer, members = detect(account.path, fmt)
    options = ReadOptions(encoding=account.encoding, columns=columns)
    try:
        parsed: Parsed = importer.read(members, options)
    except NetmixError as err:
        raise err.located(file=account.path)
    contacts = _finish_contacts(parsed.contacts, account, importer.platform)
    requests = frame(
        [{**r, "account": account.name, "sphere": account.sphere, "platform": r.get("platform") or importer.platform} for r in parsed.requests],
        REQUEST_COLUMNS,
    )
    return ImportResult(contacts, requests, tuple(parsed.issues), (importer.name,))


def _finish_contacts(rows: list[dict], account: Account, platform: str) -> pd.DataFrame:
    """The contact table: the rows plus account, sphere, ``contact_id`` and a unique ``source_id``.

    A row without a ``platform`` / ``relation`` key gets the importer's platform / ``contact``;
    a repeated source id gets ``#2``, ``#3``... in import order.
    """
    if not rows:
        return frame([], CONTACT_COLUMNS)
    seen: Counter[str] = Counter()
    source_ids = []
    for row in rows:
        sid = row.get("source_id") or _source_id(row, row["platform"] if "platform" in row else platform)
        seen[sid] += 1
        source_ids.append(sid if seen[sid] == 1 else f"{sid}#{seen[sid]}")
    df = frame(rows, CONTACT_COLUMNS)
    n = len(rows)

    def column(values: list) -> pd.Series:
        return pd.Series(values, index=df.index, dtype=object)

    df["account"] = column([account.name] * n)
    df["sphere"] = column([account.sphere] * n)
    df["contact_id"] = column([f"{account.name}:{i}" for i in range(1, n + 1)])
    df["platform"] = column([v if "platform" in r else platform for r, v in zip(rows, df["platform"].tolist(), strict=False)])
    df["relation"] = column([v if "relation" in r else "contact" for r, v in zip(rows, df["relation"].tolist(), strict=False)])
    df["source_id"] = column(source_ids)
    return df
