"""``netmix formats`` and ``netmix contacts``: what netmix reads, and what it read."""

from __future__ import annotations

import sys

import click
import pandas as pd

from ..importers import REGISTRY, load_account
from ..io.output import csv_bytes
from .options import encoding_option, importer_option, parse_account, parse_columns


@click.command("formats")
def formats_cmd() -> None:
    """List every importer and tie reader and the files each recognises."""
    from ..ties import REGISTRY as TIE_REGISTRY

    click.echo("Contact exports (detected in this order):")
    for imp in REGISTRY:
        click.echo(f"  {imp.name:<16} {imp.description}")
        click.echo(f"  {'':<16} files: {', '.join(imp.files)}")
    click.echo("\nTie files:")
    for r in TIE_REGISTRY:
        click.echo(f"  {r.name:<16} {r.description}")
        click.echo(f"  {'':<16} files: {', '.join('*' + e for e in r.extensions)}")


@click.command("contacts")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "as_", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True, help="How to print the contacts.")
@importer_option
@encoding_option
@click.option("--columns", default=None, metavar="MAP", help="Generic CSV: field=column pairs, e.g. 'name=Full Name,email=Mail'.")
def contacts_cmd(paths: tuple[str, ...], as_: str, importer: str | None, encoding: str | None, columns: str | None) -> None:
    """Show the contacts read from each export PATH, and the import issues.

    PATH is a file, a folder or the zip you downloaded; write NAME[:SPHERE]=PATH to name the account.
    """
    mapping = parse_columns(columns)
    frames = []
    for i, spec in enumerate(paths, start=1):
        acc = parse_account(spec if "=" in spec else f"account{i}={spec}", encoding=encoding, platform=importer)
        result = load_account(acc, columns=mapping)
        frames.append(result.contacts)
        click.echo(
            f"{acc.path}: {len(result.contacts)} contacts, {len(result.requests)} requests ({', '.join(result.formats)})", err=True
        )
        for issue in result.issues:
            click.echo(f"  {issue}", err=True)
    df = pd.concat(frames, ignore_index=True)
    if as_ == "csv":
        sys.stdout.buffer.write(csv_bytes(df))
    elif as_ == "json":
        click.echo(df.to_json(orient="records", force_ascii=False, indent=1))
    else:
        cols = ["account", "platform", "relation", "name", "company", "connected_on", "source_id"]
        with pd.option_context("display.max_rows", 200, "display.width", 160, "display.max_colwidth", 40):
            click.echo(df[cols].to_string(index=False) if len(df) else "(no contacts)")


def register(cli: click.Group) -> None:
    cli.add_command(formats_cmd)
    cli.add_command(contacts_cmd)
