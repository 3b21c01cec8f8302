"""The click options every command shares, spelled once.

- accounts: ``-a/--account NAME[:SPHERE]=PATH`` (repeatable), ties ``-t/--ties [ACCOUNT=]PATH``;
- column mappings: ``--importer [ACCOUNT:]NAME`` and ``--columns [ACCOUNT:]FIELD=COLUMN,…``;
- pseudonyms: ``--anonymize`` (``--anonymise``; ``--pseudonymize`` / ``--pseudonymise`` are
  hidden aliases), ``--key-file``;
- HTML: ``--html/--no-html``, whose default each command states in its help;
- ``--format`` for what a command prints, ``--encoding`` for the inputs.

Importing this module imports click only: ``netmix --help`` starts fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

__all__ = [
    "F",
    "account_options",
    "anonymize_option",
    "encoding_option",
    "force_option",
    "format_option",
    "html_option",
    "out_option",
    "importer_option",
    "columns_option",
    "inputs_options",
    "run_inputs",
    "resolve_options",
]

F = TypeVar("F", bound=Callable[..., Any])

encoding_option = click.option(
    "--encoding", default=None, metavar="CODEC", help="Text encoding of the inputs when it is not UTF-8 (e.g. cp1252)."
)
importer_option = click.option(
    "--importer",
    "importer",
    multiple=True,
    metavar="[ACCOUNT:]NAME",
    help="Importer to use instead of detecting it (see `netmix formats`); ACCOUNT: limits it to one account.",
)
columns_option = click.option(
    "--columns",
    "columns",
    multiple=True,
    metavar="[ACCOUNT:]MAP",
    help="Generic CSV (--importer csv): field=column pairs, e.g. 'name=Full Name,email=Mail'; "
    "ACCOUNT: limits the mapping to one account.",
)


def _chain(f: F, *decorators: Callable[[F], F]) -> F:
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


def account_options(f: F) -> F:
    """``--config``, ``-a/--account`` and ``-t/--ties``."""
    return _chain(
        f,
        click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False),
            default=None,
            help="A netmix.toml with accounts, ties and settings.",
        ),
        click.option(
            "-a",
            "--account",
            "accounts",
            multiple=True,
            metavar="NAME[:SPHERE]=PATH",
            help="An export to import (repeatable); SPHERE is personal or professional (perso, pro).",
        ),
        click.option(
            "-t",
            "--ties",
            "ties",
            multiple=True,
            metavar="[ACCOUNT=]PATH",
            help="A tie file (repeatable); ACCOUNT when its names are that account's.",
        ),
    )


def lang_option(help: str) -> Callable[[F], F]:
    """``--lang en|fr`` (default: the toml's, else English), with what it sets said in ``help``."""
    return click.option("--lang", type=click.Choice(["en", "fr"]), default=None, help=help)


def inputs_options(f: F) -> F:
    """Where the inputs are and how to read them: accounts, ties, importer, columns, encoding."""
    return _chain(f, account_options, importer_option, columns_option, encoding_option)


def resolve_options(f: F) -> F:
    """``--threshold`` and ``--decisions`` (doubles)."""
    return _chain(
        f,
        click.option(
            "--threshold",
            type=click.FloatRange(0.0, 1.0, min_open=True, max_open=True),
            default=None,
            help="Doubles: minimum confidence to merge two contacts (default 0.8, or the toml's).",
        ),
        click.option(
            "--decisions",
            type=click.Path(dir_okay=False),
            default=None,
            help="Your decisions on doubles (CSV), applied on every run.",
        ),
    )


def _anonymize(ctx: click.Context, _param: click.Parameter, value: bool | None) -> bool | None:
    return True if (value or ctx.params.get("anonymize")) else None


def _alias(ctx: click.Context, _param: click.Parameter, value: bool | None) -> None:
    if value:
        ctx.params["anonymize"] = True


def anonymize_option(f: F) -> F:
    """``--anonymize`` / ``--anonymise``, with ``--pseudonymize`` / ``--pseudonymise`` as hidden aliases.

    The command receives one ``anonymize`` argument: ``True`` when any spelling was given,
    ``None`` otherwise (a netmix.toml may still ask for it).
    """
    return _chain(
        f,
        click.option(
            "--anonymize",
            "--anonymise",
            "anonymize",
            is_flag=True,
            default=None,
            callback=_anonymize,
            help="Replace names by stable pseudonyms and drop contact details.",
        ),
        click.option(
            "--pseudonymize", "--pseudonymise", is_flag=True, default=None, hidden=True, expose_value=False, callback=_alias
        ),
    )


def key_file_option(f: F) -> F:
    """``--key-file``: the secret key of the pseudonyms."""
    return click.option(
        "--key-file",
        type=click.Path(dir_okay=False),
        default=None,
        help="Secret key of the pseudonyms (created if missing; default ./netmix.key; never written to the outputs).",
    )(f)


def html_option(*, default: bool) -> Callable[[F], F]:
    """``--html/--no-html``; the default is the command's (on for analyze, off for batch), stated in its help."""
    state = "on" if default else "off"
    return click.option(
        "--html/--no-html",
        "html",
        default=default,
        help=f"Write graph.html and report.html (default: {state} for this command).",
    )


force_option = click.option(
    "--force",
    is_flag=True,
    help="Write into a folder that also holds files netmix did not write (they are left untouched).",
)


def format_option(choices: tuple[str, ...], *, default: str, help: str) -> Callable[[F], F]:
    """``--format``: how a command prints its result."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True, help=help)


def out_option(*, help: str, required: bool = True, metavar: str | None = None) -> Callable[[F], F]:
    """``-o/--out``: the output folder of a command."""
    return click.option(
        "-o", "--out", "out", type=click.Path(file_okay=False), required=required, default=None, metavar=metavar, help=help
    )


def run_inputs(f: F) -> F:
    """The options of every command that runs the whole analysis (analyze, viz)."""
    return _chain(
        f,
        inputs_options,
        click.option("--seed", type=int, default=None, help="Seed of every random choice (default 0, or the toml's)."),
        click.option(
            "--resolution",
            type=click.FloatRange(min=0.0, min_open=True),
            default=None,
            help="Community-detection resolution (higher: smaller clusters).",
        ),
        resolve_options,
        click.option(
            "--labels", type=click.Path(dir_okay=False), default=None, help="Your names for clusters (CSV: cluster,label)."
        ),
        lang_option("Language of the map, the report, the tables' words and the progress lines."),
        anonymize_option,
        key_file_option,
    )
