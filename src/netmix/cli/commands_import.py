"""``netmix formats`` and ``netmix contacts``: what netmix reads, and what it read."""

from __future__ import annotations

import sys

import click

from .inputs import build_config
from .options import columns_option, encoding_option, format_option, importer_option

__all__ = ["contacts_cmd", "formats_cmd", "register"]


@click.command("formats")
def formats_cmd() -> None:
    """List every importer and tie reader and the files each recognises."""
    from ..importers import REGISTRY
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
@click.argument("paths", nargs=-1)
@click.option(
    "-a",
    "--account",
    "accounts",
    multiple=True,
    metavar="NAME[:SPHERE]=PATH",
    help="An export to show, named (repeatable); same as a NAME=PATH argument.",
)
@format_option(("table", "csv", "json"), default="table", help="How to print the contacts.")
@importer_option
@columns_option
@encoding_option
def contacts_cmd(
    paths: tuple[str, ...],
    accounts: tuple[str, ...],
    fmt: str,
    importer: tuple[str, ...],
    columns: tuple[str, ...],
    encoding: str | None,
) -> None:
    """Show the contacts read from each export PATH, and the import issues.

    PATH is a file, a folder or the zip you downloaded; write NAME[:SPHERE]=PATH to name the account.
    """
    import pandas as pd

    from ..importers import load_account
    from ..io.output import csv_bytes

    specs = [spec if "=" in spec else f"account{i}={spec}" for i, spec in enumerate(paths, start=1)] + list(accounts)
    if not specs:
        raise click.UsageError("give at least one export: netmix contacts PATH (or -a NAME=PATH)")
    frames = []
    for acc in build_config(None, tuple(specs), (), encoding, importer=importer, columns=columns).accounts:
        result = load_account(acc)
        frames.append(result.contacts)
        click.echo(
            f"{acc.path}: {len(result.contacts)} contacts, {len(result.requests)} requests ({', '.join(result.formats)})",
            err=True,
        )
        for issue in result.issues:
            click.echo(f"  {issue}", err=True)
    df = pd.concat(frames, ignore_index=True)
    if fmt == "csv":
        sys.stdout.buffer.write(csv_bytes(df))
    elif fmt == "json":
        click.echo(df.to_json(orient="records", force_ascii=False, indent=1))
    else:
        cols = ["account", "platform", "relation", "name", "company", "connected_on", "source_id"]
        with pd.option_context("display.max_rows", 200, "display.width", 160, "display.max_colwidth", 40):
            click.echo(df[cols].to_string(index=False) if len(df) else "(no contacts)")


def register(cli: click.Group) -> None:
    """Add formats and contacts to the command group."""
    cli.add_command(formats_cmd)
    cli.add_command(contacts_cmd)
