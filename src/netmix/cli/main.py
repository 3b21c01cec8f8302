"""The ``netmix`` command group: global options, error handling and exit codes in one place."""

from __future__ import annotations

import logging
import sys

import click

from .._version import __version__
from ..errors import ExitCode, NetmixError


class NetmixGroup(click.Group):
    """Turns a :class:`NetmixError` into one clear message and its exit code (no traceback)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NetmixError as err:
            if ctx.obj and ctx.obj.get("traceback"):
                raise
            click.secho(f"netmix: error: {err}", fg="red", err=True)
            ctx.exit(int(err.exit_code))
        except KeyboardInterrupt:
            click.echo("netmix: interrupted; no output was changed", err=True)
            ctx.exit(130)


def _version_text() -> str:
    import pyexpat

    import networkx
    import pandas

    return (
        f"netmix {__version__} (python {sys.version.split()[0]}, networkx {networkx.__version__}, "
        f"pandas {pandas.__version__}, expat {pyexpat.EXPAT_VERSION})"
    )


@click.group(cls=NetmixGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, message=_version_text())
@click.option("--traceback", is_flag=True, help="Show the full Python traceback of an error.")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, traceback: bool, verbose: int) -> None:
    """netmix: who you are connected to, from which account, and how your spheres mix.

    Import the contact lists you downloaded (Facebook, LinkedIn, X, Instagram, Google, Outlook,
    vCard) and tie files (GDF, GraphML, GEXF, GML, edge lists, SNAP), find the people you are
    friends with twice, the clusters that take people in or keep them out, and who bridges your
    personal and professional worlds.
    """
    ctx.ensure_object(dict)
    ctx.obj["traceback"] = traceback
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="netmix: %(message)s", stream=sys.stderr)


def _register() -> None:
    from . import commands_import

    commands_import.register(cli)
    for optional in ("commands_doubles", "commands_analyze", "commands_render", "commands_batch"):
        try:
            mod = __import__(f"netmix.cli.{optional}", fromlist=["register"])
        except ModuleNotFoundError as exc:  # pragma: no cover - only while a module is being written
            if exc.name != f"netmix.cli.{optional}":
                raise
            continue
        mod.register(cli)


_register()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="netmix")


__all__ = ["cli", "main", "ExitCode"]
