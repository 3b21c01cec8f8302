"""Parsing the command line's specifications: ``--account``, ``--ties``, ``--columns``.

Nothing here imports pandas: the command group must start fast (``netmix --help``).
"""

from __future__ import annotations

from ..errors import ConfigError

__all__ = ["parse_account", "parse_columns", "parse_ties", "split_account_prefix"]


def parse_account(
    spec: str,
    *,
    encoding: str | None = None,
    platform: str | None = None,
    columns: dict[str, str] | None = None,
):
    """``NAME[:SPHERE]=PATH`` to an :class:`~netmix.model.Account`; the sphere defaults from the name.

    Parameters
    ----------
    spec : str
        The text after ``--account``.
    encoding : str, optional
        Text encoding of the export (``None``: detect).
    platform : str, optional
        Importer to use instead of detecting it.
    columns : dict, optional
        Generic-CSV mapping (contact field → file column) for this account.

    Returns
    -------
    Account
        The account; a ``ConfigError`` for a malformed spec or an unknown sphere.

    Examples
    --------
    >>> parse_account("pro=exports/pro.zip").sphere
    'professional'
    >>> parse_account("linkedin:professional=Connections.csv").name
    'linkedin'
    >>> parse_account("crm:perso=crm.csv").sphere
    'personal'
    """
    from ..model import SPHERE_ALIASES, SPHERES, Account, default_sphere

    if "=" not in spec:
        raise ConfigError(
            f"--account {spec!r} is not NAME[:SPHERE]=PATH", hint="for example --account perso:personal=facebook-me.zip"
        )
    left, path = spec.split("=", 1)
    name, _, sphere = left.partition(":")
    name = name.strip()
    if sphere:
        key = sphere.strip().lower()
        if key not in SPHERE_ALIASES:
            raise ConfigError(
                f"--account {spec!r}: unknown sphere {sphere!r}", hint=f"use one of {', '.join(SPHERES)} (or perso, pro)"
            )
        sphere = SPHERE_ALIASES[key]
    else:
        sphere = default_sphere(name)
    mapping = tuple(sorted(columns.items())) if columns else ()
    return Account(name=name, sphere=sphere, path=path.strip(), platform=platform, encoding=encoding, columns=mapping)


def parse_ties(spec: str, *, fmt: str | None = None):
    """``[ACCOUNT=]PATH`` to a :class:`~netmix.model.TieSource`.

    Examples
    --------
    >>> parse_ties("perso=friends.gdf").account
    'perso'
    >>> parse_ties("friends.gdf").account is None
    True
    """
    from ..model import TieSource

    account, sep, path = spec.partition("=")
    if not sep:
        return TieSource(path=spec, account=None, format=fmt)
    return TieSource(path=path, account=account.strip() or None, format=fmt)


def split_account_prefix(spec: str) -> tuple[str | None, str]:
    """``"crm:name=Full Name"`` → ``("crm", "name=Full Name")``; no prefix → ``(None, spec)``.

    Used by ``--columns`` and ``--importer``, which may name the account they apply to.

    Examples
    --------
    >>> split_account_prefix("crm:name=Full Name")
    ('crm', 'name=Full Name')
    >>> split_account_prefix("name=Full Name")
    (None, 'name=Full Name')
    >>> split_account_prefix("crm:csv")
    ('crm', 'csv')
    """
    head = spec.split("=", 1)[0]
    if ":" in head:
        account, _, rest = spec.partition(":")
        return account.strip() or None, rest
    return None, spec


def parse_columns(spec: str | None, *, option: str = "--columns") -> dict[str, str] | None:
    """``name=Full Name,email=Mail`` to a mapping of contact field → file column.

    Examples
    --------
    >>> parse_columns("name=Full Name, email=Mail")
    {'name': 'Full Name', 'email': 'Mail'}
    >>> parse_columns(None) is None
    True
    """
    if not spec:
        return None
    from ..model import CONTACT_COLUMNS

    out: dict[str, str] = {}
    for part in spec.split(","):
        key, sep, col = part.partition("=")
        key = key.strip()
        if not sep or key not in CONTACT_COLUMNS or not col.strip():
            raise ConfigError(
                f"{option}: {part.strip()!r} is not FIELD=COLUMN with a known field",
                hint="fields: name, first_name, last_name, email, phone, profile_url, handle, company, position, connected_on",
            )
        out[key] = col.strip()
    return out
