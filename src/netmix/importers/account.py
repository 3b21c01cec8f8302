"""Reading accounts: detect each export, run the importer, finish the contact table.

:func:`load_account` adds what an importer never sees (account name, sphere, ``contact_id``) and
gives every contact a unique ``source_id`` (:func:`source_id_of`). An account whose export
yields no contact is an error for that account (:class:`EmptyAccount`, a structured fact);
:func:`load_accounts` sets such accounts aside and goes on with the others, and stops
(:class:`NoAccountLeft`) only when none is left.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..errors import InputError, NetmixError
from ..model import CONTACT_COLUMNS, REQUEST_COLUMNS, Account, ImportResult, frame
from ..util.urls import normalise_url
from .base import Parsed, ReadOptions
from .registry import detect

__all__ = ["EMPTY_REASONS", "AccountsLoaded", "EmptyAccount", "NoAccountLeft", "load_account", "load_accounts", "source_id_of"]

#: Why an account yields no contact (the ``reason`` code of :class:`EmptyAccount`) -> what it means.
EMPTY_REASONS: dict[str, str] = {
    "no-rows": "the files netmix recognised hold no contact rows",
    "only-requests": "the files hold friend or follow requests only, no contacts",
}


class EmptyAccount(InputError):
    """An account whose export was read without error but yields no contact.

    Parameters
    ----------
    account
        The account's name.
    file
        The export given for it (file, folder or zip).
    reason
        A key of :data:`EMPTY_REASONS`.
    importer
        The importer that read it (``facebook-html``).
    members
        The files of the export that were read.
    requests
        How many request rows it held (they are kept nowhere when the account is set aside).
    issues
        The import issues met while reading it (they usually say why).
    """

    def __init__(
        self,
        account: str,
        file: str,
        reason: str,
        *,
        importer: str = "",
        members: tuple[str, ...] = (),
        requests: int = 0,
        issues: tuple = (),
    ) -> None:
        self.account = account
        self.reason = reason
        self.importer = importer
        self.members = members
        self.requests = requests
        self.issues = issues
        read = ", ".join(m.rsplit("!", 1)[-1].rsplit("/", 1)[-1] for m in members[:5]) or "no file"
        super().__init__(
            f"account {account!r} yields no contacts: {EMPTY_REASONS.get(reason, reason)} (read with {importer}: {read})",
            file=file,
            hint="check that this is the export of that account (the folder or zip the platform sent, complete); "
            "`netmix contacts PATH` shows what netmix reads in it and the import issues",
        )

    def fact(self) -> dict:
        """The structured fact: account, file, reason code, importer, files read, requests, issue count."""
        return {
            "account": self.account,
            "file": self.file,
            "reason": self.reason,
            "importer": self.importer,
            "members": list(self.members),
            "requests": self.requests,
            "issues": len(self.issues),
        }


class NoAccountLeft(InputError):
    """Every account of a run yields no contact: nothing is left to analyse."""

    def __init__(self, empty: tuple[EmptyAccount, ...]) -> None:
        self.empty = empty
        names = "; ".join(f"{e.account} ({e.file}: {EMPTY_REASONS.get(e.reason, e.reason)})" for e in empty)
        super().__init__(
            f"no account yields a contact: {names}",
            hint="give each account the folder or zip its platform sent; `netmix contacts PATH` shows what is read and why",
        )


@dataclass(frozen=True)
class AccountsLoaded:
    """The accounts read (name -> result, in the given order) and those set aside as empty."""

    results: dict[str, ImportResult]
    empty: tuple[EmptyAccount, ...]


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
    EmptyAccount
        The export was read but yields no contact (:meth:`EmptyAccount.fact` says why).
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
    if not parsed.contacts:
        raise _empty(account, importer.name, members, parsed)
    contacts = _finish_contacts(parsed.contacts, account, importer.platform)
    requests = frame(
        [
            {**r, "account": account.name, "sphere": account.sphere, "platform": r.get("platform") or importer.platform}
            for r in parsed.requests
        ],
        REQUEST_COLUMNS,
    )
    return ImportResult(contacts, requests, tuple(parsed.issues), (importer.name,))


def _empty(account: Account, importer: str, members: list, parsed: Parsed) -> EmptyAccount:
    """The :class:`EmptyAccount` fact of an account whose importer found no contact row."""
    return EmptyAccount(
        account.name,
        account.path,
        "only-requests" if parsed.requests else "no-rows",
        importer=importer,
        members=tuple(m.label for m in members),
        requests=len(parsed.requests),
        issues=tuple(parsed.issues),
    )


def load_accounts(accounts: list[Account] | tuple[Account, ...], *, columns: Mapping[str, str] | None = None) -> AccountsLoaded:
    """Import every account; one that yields no contact is set aside and the others go on.

    Parameters
    ----------
    accounts
        The accounts, in the order of the run.
    columns
        A generic-CSV column mapping, as for :func:`load_account`.

    Returns
    -------
    AccountsLoaded
        The results of the accounts with contacts, and the :class:`EmptyAccount` facts of the others.

    Raises
    ------
    NoAccountLeft
        Every account yields no contact (the error lists each with its file and reason).
    NetmixError
        An export cannot be read at all (a damaged file is the user's to fix, not skipped).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.model import Account
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Connections.csv").write_text("First Name,Last Name,Connected On\\nAna,Lopez,05 Mar 2024\\n")
    >>> (folder / "fb").mkdir()
    >>> _ = (folder / "fb" / "your_friends.json").write_text('{"friends_v2": []}')
    >>> loaded = load_accounts([Account("pro", "professional", str(folder / "Connections.csv")),
    ...                         Account("perso", "personal", str(folder / "fb"))])
    >>> list(loaded.results), [e.fact()["reason"] for e in loaded.empty]
    (['pro'], ['no-rows'])
    """
    results: dict[str, ImportResult] = {}
    empty: list[EmptyAccount] = []
    for account in accounts:
        try:
            results[account.name] = load_account(account, columns=columns)
        except EmptyAccount as err:
            empty.append(err)
    if accounts and not results:
        raise NoAccountLeft(tuple(empty))
    return AccountsLoaded(results, tuple(empty))


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
