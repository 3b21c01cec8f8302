"""From command-line options to a :class:`~netmix.config.RunConfig` and a pseudonymizer.

Options override the netmix.toml given with ``--config``; accounts given with ``--account`` are
added to the toml's. ``--importer`` and ``--columns`` without an ``ACCOUNT:`` prefix apply to
every ``--account`` of the command line (never to the toml's accounts, which carry their own
``format`` and ``columns``); with a prefix, to that account only.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import ConfigError
from .specs import parse_account, parse_columns, parse_ties, split_account_prefix

if TYPE_CHECKING:
    from ..config import RunConfig
    from ..model import Account
    from ..privacy import Pseudonymizer

__all__ = ["build_config", "per_account", "pseudonymizer_for", "pseudonymizer_from_key"]


def per_account(values: tuple[str, ...], names: list[str], *, option: str) -> dict[str | None, str]:
    """``--importer`` / ``--columns`` values keyed by the account they name (``None``: every one).

    Examples
    --------
    >>> per_account(("crm:csv",), ["perso", "crm"], option="--importer")
    {'crm': 'csv'}
    >>> per_account(("csv",), ["crm"], option="--importer")
    {None: 'csv'}
    """
    out: dict[str | None, str] = {}
    for value in values:
        account, rest = split_account_prefix(value)
        if account is not None and account not in names:
            raise ConfigError(
                f"{option} {value!r} names account {account!r}, "
                f"which is not one of {', '.join(names) or 'the --account options'}",
                hint=f"write {option} ACCOUNT:… with the name given to --account",
            )
        if account in out:
            raise ConfigError(f"{option} is given twice for {account or 'every account'}", hint=f"give {option} once per account")
        out[account] = rest.strip()
    return out


def _cli_accounts(
    accounts: tuple[str, ...], importer: tuple[str, ...], columns: tuple[str, ...], encoding: str | None
) -> tuple[Account, ...]:
    names = [spec.split("=", 1)[0].partition(":")[0].strip() for spec in accounts]
    importers = per_account(importer, names, option="--importer")
    mappings = per_account(columns, names, option="--columns")
    out = []
    for spec, name in zip(accounts, names, strict=True):
        mapping = mappings.get(name, mappings.get(None))
        out.append(
            parse_account(
                spec,
                encoding=encoding,
                platform=importers.get(name, importers.get(None)) or None,
                columns=parse_columns(mapping) if mapping else None,
            )
        )
    return tuple(out)


def build_config(
    config_path: str | None,
    accounts: tuple[str, ...],
    ties: tuple[str, ...],
    encoding: str | None = None,
    *,
    importer: tuple[str, ...] = (),
    columns: tuple[str, ...] = (),
    **overrides: Any,
) -> RunConfig:
    """A RunConfig from a toml file and/or command-line accounts; options override the file.

    Files the run reads besides the exports (``--decisions``, ``--labels``) must exist: a typo is
    an input error (exit 3), never a silently ignored option.

    Examples
    --------
    >>> cfg = build_config(None, ("perso=fb.zip", "crm=crm.csv"), (), columns=("crm:name=Full Name",))
    >>> [(a.name, a.sphere, dict(a.columns)) for a in cfg.accounts]
    [('perso', 'personal', {}), ('crm', 'personal', {'name': 'Full Name'})]
    """
    from ..config import RunConfig, check_input_files, load_config

    if (importer or columns) and not accounts:
        raise ConfigError(
            "--importer and --columns apply to --account exports",
            hint="set format and columns per [[account]] in the netmix.toml",
        )
    base = load_config(config_path) if config_path else None
    cli_accounts = _cli_accounts(accounts, importer, columns, encoding)
    cli_ties = tuple(parse_ties(s) for s in ties)
    if base is None:
        if not cli_accounts:
            raise ConfigError("no account given", hint="add --account NAME[:SPHERE]=PATH (repeatable) or --config netmix.toml")
        base = RunConfig(accounts=cli_accounts, ties=cli_ties)
    elif cli_accounts or cli_ties:
        base = base.merged(accounts=base.accounts + cli_accounts, ties=base.ties + cli_ties)
    if encoding and base.accounts:
        base = base.merged(accounts=tuple(a if a.encoding else replace(a, encoding=encoding) for a in base.accounts))
    config = base.merged(**overrides)
    check_input_files(config)
    return config


def pseudonymizer_from_key(key_file: str | None, *, keep_out_of: dict[str, Path]) -> Pseudonymizer:
    """The Pseudonymizer of a key file (created when missing), refused inside the folders given.

    ``keep_out_of`` maps a folder's role ("output") to its path: a key stored there would be
    shared with the outputs it protects.
    """
    from ..privacy import Pseudonymizer, load_or_create_key

    key_path = Path(key_file or "netmix.key").resolve()
    for what, folder in keep_out_of.items():
        if key_path.is_relative_to(folder.resolve()):
            raise ConfigError(
                f"the key file must not be inside the {what} folder",
                hint="keep the key apart from what you share: --key-file ~/netmix.key",
            )
    existed = key_path.exists()
    key = load_or_create_key(key_path)
    if not existed:
        click.echo(f"netmix: created the pseudonym key {key_path} — keep it private; reuse it for the same pseudonyms", err=True)
    return Pseudonymizer(key)


def pseudonymizer_for(config: RunConfig, out: Path | None) -> Pseudonymizer | None:
    """The Pseudonymizer of an anonymised run (the key file is created when missing)."""
    if not config.anonymize:
        return None
    return pseudonymizer_from_key(config.key_file, keep_out_of={"output": out} if out is not None else {})
