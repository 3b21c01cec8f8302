"""``netmix doubles``: the people you are connected to from more than one account.

Imports and resolves through :func:`netmix.pipeline.import_all` and
:func:`netmix.pipeline.resolve_all`, exactly as ``netmix analyze`` does.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .inputs import build_config
from .options import force_option, format_option, inputs_options, out_option, resolve_options

__all__ = ["CONTACT_OUT_COLUMNS", "doubles_cmd", "register"]

CONTACT_OUT_COLUMNS = (
    "contact_id",
    "account",
    "platform",
    "sphere",
    "relation",
    "name",
    "source_id",
    "profile_url",
    "company",
    "position",
    "connected_on",
    "person_id",
)


class HiddenArgument(click.Argument):
    """A positional argument left out of the usage line (an old spelling kept working)."""

    def get_usage_pieces(self, ctx: click.Context) -> list[str]:
        return []


def _print_doubles(d: Any, duplicates: int, fmt: str) -> None:
    bands = d["band"].value_counts()
    click.echo(
        f"{len(d)} doubles: {bands.get('certain', 0)} certain, {bands.get('likely', 0)} likely, "
        f"{bands.get('review', 0)} to review"
        + (f"; {duplicates} within-account duplicates" if duplicates else ""),
        err=fmt == "csv",
    )
    if fmt == "csv":
        from ..io.output import csv_bytes

        sys.stdout.buffer.write(csv_bytes(d))
        return
    for r in d.to_dict("records"):
        dec = f"  [decided: {r['decision']}]" if r["decision"] else ""
        click.echo(f"\n{r['band']:<8} {float(r['confidence']):.2f}  {r['names']}{dec}")
        click.echo(f"         evidence: {r['evidence']}")
        click.echo(f"         suggestion: {r['suggestion']}")


@click.command("doubles")
@click.argument("legacy_accounts", nargs=-1, cls=HiddenArgument)
@inputs_options
@resolve_options
@out_option(
    help="Write doubles.csv, contacts.csv and decisions-template.csv here.", required=False, metavar="DIR"
)
@force_option
@format_option(("table", "csv"), default="table", help="How to print the doubles.")
def doubles_cmd(
    legacy_accounts: tuple[str, ...],
    config_path: str | None,
    accounts: tuple[str, ...],
    ties: tuple[str, ...],
    out: str | None,
    force: bool,
    fmt: str,
    **overrides: Any,
) -> None:
    """Find the people you are connected to from two or more accounts ("friends twice").

    Give the accounts with -a NAME[:SPHERE]=PATH (or --config netmix.toml), e.g.
    -a perso=facebook-perso.zip -a pro:professional=facebook-pro.zip -a linkedin=Connections.csv.
    Each double gets a confidence, a band (certain, likely, review), the evidence and a
    suggestion; same-name pairs whose circles do not meet are listed for review as possible
    homonyms, never merged.
    """
    from ..pipeline import import_all, resolve_all
    from .progress import progress_display

    config = build_config(config_path, legacy_accounts + accounts, ties, **overrides)
    with progress_display(lang=config.lang) as progress:
        imports, tiesets = import_all(config, progress)
    for acc in config.accounts:
        got = f"{len(imports[acc.name].contacts)} contacts" if acc.name in imports else "no contact (left out)"
        click.echo(f"{acc.name} ({acc.sphere}): {got} from {acc.path}", err=True)
    for ts in tiesets:
        click.echo(f"ties {ts.source}: {len(ts.nodes)} nodes, {len(ts.edges)} ties", err=True)
    from ..render.evidence import worded_resolution

    res = worded_resolution(resolve_all(config, imports, tiesets), config.lang)  # evidence and suggestions in words
    for issue in res.params.get("issues", []):
        click.echo(f"  {issue}", err=True)
    _print_doubles(res.doubles, len(res.duplicates), fmt)
    if out:
        from ..io.output import OutputDir
        from ..resolution import decisions_template

        with OutputDir(out, force=force) as od:
            od.write_csv("doubles.csv", res.doubles)
            od.write_csv("contacts.csv", res.contacts[list(CONTACT_OUT_COLUMNS)])
            od.write_csv("decisions-template.csv", decisions_template(res))
        click.echo(f"wrote doubles.csv, contacts.csv and decisions-template.csv to {out}", err=True)


def register(cli: click.Group) -> None:
    """Add doubles to the command group."""
    cli.add_command(doubles_cmd)
