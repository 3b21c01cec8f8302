"""Shared click options and the parsing of ``--account`` / ``--ties`` specifications."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ConfigError
from ..model import SPHERE_ALIASES, SPHERES, Account, TieSource, default_sphere


def parse_account(spec: str, *, encoding: str | None = None, platform: str | None = None) -> Account:
    """``NAME[:SPHERE]=PATH`` to an :class:`Account`; the sphere defaults from the name.

    >>> parse_account("pro=exports/pro.zip").sphere
    'professional'
    >>> parse_account("linkedin:professional=Connections.csv").name
    'linkedin'
    """
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
            raise ConfigError(f"--account {spec!r}: unknown sphere {sphere!r}", hint=f"use one of {', '.join(SPHERES)}")
        sphere = SPHERE_ALIASES[key]
    else:
        sphere = default_sphere(name)
    return Account(name=name, sphere=sphere, path=path.strip(), platform=platform, encoding=encoding)


def parse_ties(spec: str, *, fmt: str | None = None) -> TieSource:
    """``[ACCOUNT=]PATH`` to a :class:`TieSource`."""
    account, sep, path = spec.partition("=")
    if not sep:
        return TieSource(path=spec, account=None, format=fmt)
    return TieSource(path=path, account=account.strip() or None, format=fmt)


def parse_columns(spec: str | None) -> dict[str, str] | None:
    """``name=Full Name,email=Mail`` to a mapping of contact column -> file column."""
    if not spec:
        return None
    from ..model import CONTACT_COLUMNS

    out: dict[str, str] = {}
    for part in spec.split(","):
        key, sep, col = part.partition("=")
        key = key.strip()
        if not sep or key not in CONTACT_COLUMNS:
            raise ConfigError(
                f"--columns: {part.strip()!r} is not FIELD=COLUMN with a known field",
                hint="fields: name, first_name, last_name, email, phone, profile_url, handle, company, position, connected_on",
            )
        out[key] = col.strip()
    return out


encoding_option = click.option(
    "--encoding", default=None, metavar="CODEC", help="Text encoding of the inputs when it is not UTF-8 (e.g. cp1252)."
)
importer_option = click.option(
    "--importer", "importer", default=None, metavar="NAME", help="Importer to use instead of detecting it (see `netmix formats`)."
)


def pseudonymizer_from_key(key_file: str | None, *, keep_out_of: dict[str, Path]):
    """The Pseudonymizer of a key file (created when missing), refused inside the folders given.

    ``keep_out_of`` maps a folder's role ("output") to its path: a key stored there would be
    shared with the outputs it protects.
    """
    from ..errors import ConfigError
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
