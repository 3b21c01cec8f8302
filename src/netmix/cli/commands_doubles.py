"""``netmix doubles``: the people you are connected to from more than one account.

Imports and resolves through :func:`netmix.pipeline.import_all` and
:func:`netmix.pipeline.resolve_all`, exactly as ``netmix analyze`` does.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .inputs import build_config
from .options import force_option, format_option, inputs_options, lang_option, out_option, resolve_options

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


def _print_doubles(d: Any, duplicates: int, fmt: str, lang: str) -> None:
    """The count of doubles by band, then (``table``) each double with its evidence, or (``csv``) doubles.csv."""
    from ..render.i18n import number, t, value

    bands = d["band"].value_counts()
    count = {band: number(lang, int(bands.get(band, 0))) for band in ("certain", "likely", "review")}
    line = t(lang, "doubles.count", n=number(lang, len(d)), **count)
    click.echo(line + (t(lang, "doubles.duplicates", n=number(lang, duplicates)) if duplicates else ""), err=fmt == "csv")
    if fmt == "csv":
        from ..io.output import csv_bytes

        sys.stdout.buffer.write(csv_bytes(d))
        return
    width = max(8, *(len(value(lang, "band", b)) for b in count))
    indent = " " * (width + 1)
    for r in d.to_dict("records"):
        decided = "  " + t(lang, "doubles.decided", decision=value(lang, "decision", r["decision"])) if r["decision"] else ""
        band = value(lang, "band", r["band"])
        click.echo(f"\n{band:<{width}} {number(lang, float(r['confidence']), 2)}  {r['names']}{decided}")
        click.echo(indent + t(lang, "doubles.evidence", text=r["evidence"]))
        click.echo(indent + t(lang, "doubles.suggestion", text=r["suggestion"]))


@click.command("doubles")
@click.argument("legacy_accounts", nargs=-1, cls=HiddenArgument)
@inputs_options
@resolve_options
@out_option(
    help="Write doubles.csv, contacts.csv and decisions-template.csv here.", required=False, metavar="DIR"
)
@force_option
@format_option(("table", "csv"), default="table", help="How to print the doubles.")
@lang_option("Language of the evidence, the suggestions and the lines this command prints.")
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
    from ..render.i18n import number, t, value
    from .progress import progress_display

    config = build_config(config_path, legacy_accounts + accounts, ties, **overrides)
    lang = config.lang
    with progress_display(lang=lang) as progress:
        imports, tiesets = import_all(config, progress)
    for acc in config.accounts:
        if acc.name in imports:
            got = t(lang, "doubles.account.contacts", n=number(lang, len(imports[acc.name].contacts)))
        else:
            got = t(lang, "doubles.account.none")
        sphere = value(lang, "sphere", acc.sphere)
        click.echo(t(lang, "doubles.account", account=acc.name, sphere=sphere, got=got, path=acc.path), err=True)
    for ts in tiesets:
        nodes, ties_n = number(lang, len(ts.nodes)), number(lang, len(ts.edges))
        click.echo(t(lang, "doubles.ties", source=ts.source, nodes=nodes, ties=ties_n), err=True)
    from ..render.evidence import worded_resolution

    res = worded_resolution(resolve_all(config, imports, tiesets), lang)  # evidence and suggestions in words
    for issue in res.params.get("issues", []):
        click.echo(f"  {issue}", err=True)
    _print_doubles(res.doubles, len(res.duplicates), fmt, lang)
    if out:
        from ..io.output import OutputDir
        from ..resolution import decisions_template

        with OutputDir(out, force=force) as od:
            od.write_csv("doubles.csv", res.doubles)
            od.write_csv("contacts.csv", res.contacts[list(CONTACT_OUT_COLUMNS)])
            od.write_csv("decisions-template.csv", decisions_template(res))
        click.echo(t(lang, "doubles.wrote", out=out), err=True)


def register(cli: click.Group) -> None:
    """Add doubles to the command group."""
    cli.add_command(doubles_cmd)
