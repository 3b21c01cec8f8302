"""Reading one account: detect its export, run the importer, finish the contact table.

:func:`load_account` adds what an importer never sees (account name, sphere, ``contact_id``) and
gives every contact a unique ``source_id`` (:func:`source_id_of`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import pandas as pd

from ..errors import NetmixError
from ..model import CONTACT_COLUMNS, REQUEST_COLUMNS, Account, ImportResult, frame
from ..util.urls import normalise_url
from .base import Parsed, ReadOptions
from .registry import detect

__all__ = ["load_account", "source_id_of"]


def source_id_of(row: Mapping[str, str]) -> str:
    """The best native key of a contact row: URL, then platform id, handle, email, else name.

    Parameters
    ----------
    row
        A contact row (``CONTACT_COLUMNS`` keys; missing keys count as empty).

    Returns
    -------
    str
        ``url:…``, ``id:<platform>:…``, ``handle:<platform>:…``, ``email:…`` or ``name:…``.

    Examples
    --------
    >>> source_id_of({"platform": "instagram", "handle": "Ana.B", "name": "Ana"})
    'handle:instagram:ana.b'
    """
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

    Parameters
    ----------
    account
        The account: its name, sphere, path, and optionally a platform (importer name) and an
        encoding that wins over detection.
    columns
        A generic-CSV column mapping (contact field -> file column); with it an account without
        a platform is read by the ``csv`` importer.

    Returns
    -------
    ImportResult
        Its contacts (``CONTACT_COLUMNS``, in import order), its request history
        (``REQUEST_COLUMNS``), the import issues and the importer used.

    Raises
    ------
    NetmixError
        The export cannot be read; the error names the file (and member).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.model import Account
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Connections.csv").write_text(
    ...     "First Name,Last Name,URL,Connected On\\nAna,Lopez,https://www.linkedin.com/in/ana-l,05 Mar 2024\\n")
    >>> result = load_account(Account("pro", "professional", str(folder)))
    >>> result.contacts[["contact_id", "name", "source_id", "connected_on"]].values.tolist()
    [['pro:1', 'Ana Lopez', 'url:linkedin.com/in/ana-l', '2024-03-05']]
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
        err.located(file=account.path)
        raise
    contacts = _finish_contacts(parsed.contacts, account, importer.platform)
    requests = frame(
        [
            {**r, "account": account.name, "sphere": account.sphere, "platform": r.get("platform") or importer.platform}
            for r in parsed.requests
        ],
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
        sid = row.get("source_id") or _source_id(row, row.get("platform", platform))
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
