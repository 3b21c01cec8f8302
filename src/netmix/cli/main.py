"""The ``netmix`` command group: global options, error handling and exit codes in one place.

Starting is cheap: the command modules import click only, and each command imports the library
when it runs (``netmix --help`` and ``netmix --version`` stay well under 0.3 s).
"""

from __future__ import annotations

import logging
import sys

import click

from .._version import __version__
from ..errors import ExitCode, NetmixError

__all__ = ["ExitCode", "NetmixGroup", "cli", "main"]

#: command modules, each with a ``register(cli)`` function
COMMAND_MODULES: tuple[str, ...] = (
    "commands_import",
    "commands_doubles",
    "commands_analyze",
    "commands_render",
    "commands_batch",
)


class NetmixGroup(click.Group):
    """Turns a :class:`NetmixError` into one clear message and its exit code (no traceback)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except NetmixError as err:
            if ctx.obj and ctx.obj.get("traceback"):
                raise
            click.secho(f"netmix: error: {err}", fg="red", err=True)
            ctx.exit(int(err.exit_code))
        except KeyboardInterrupt:
            click.echo(
                "netmix: interrupted; the output folder holds one complete run "
                "(the previous one, unless the new one was already in place)",
                err=True,
            )
            ctx.exit(130)


def _version_text() -> str:
    """The ``--version`` line: netmix and the libraries that shape its results."""
    import pyexpat
    from importlib.metadata import version  # the installed versions, without importing the libraries

    return (
        f"netmix {__version__} (python {sys.version.split()[0]}, networkx {version('networkx')}, "
        f"pandas {version('pandas')}, expat {pyexpat.EXPAT_VERSION})"
    )


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_version_text())
        ctx.exit()


@click.group(cls=NetmixGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version of netmix and its libraries, then exit.",
)
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
    for optional in COMMAND_MODULES:
        try:
            mod = __import__(f"netmix.cli.{optional}", fromlist=["register"])
        except ModuleNotFoundError as exc:  # pragma: no cover - only while a module is being written
            if exc.name != f"netmix.cli.{optional}":
                raise
            continue
        mod.register(cli)


_register()


def _terminate(signum: int, _frame: object) -> None:
    """SIGTERM ends the run like Ctrl-C: staged outputs are removed, the lock released."""
    raise SystemExit(128 + signum)


#: What the last command made, kept until the process leaves (:func:`_leave`, which does not free it).
_KEPT: list[object] = []


def keep_until_exit(made: object) -> None:
    """Keep what a command made until the process leaves, instead of freeing it when the command returns: freeing a
    large run's objects one by one took 0.06 s for nothing. Only the last command's is kept (several commands run in
    one process, as in the tests).

    >>> keep_until_exit([1, 2]); _KEPT
    [[1, 2]]
    """
    _KEPT[:] = [made]


def _leave(code: int | str | None) -> None:
    """End the process at once once a command is done: its outputs are published and flushed, the
    ``atexit`` functions run, and only the interpreter's own teardown is skipped — freeing every object of
    a large run one by one took half a second for nothing. Falls back to a normal exit while another
    (non-daemon) thread still runs, or when the code is a message."""
    import atexit
    import os
    import threading

    others = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if others or not (code is None or isinstance(code, int)):
        sys.exit(code)
    atexit._run_exitfuncs()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said there
            code = code or 1
    os._exit(code or 0)


def main() -> None:
    """Console-script entry point (ends the process: :func:`_leave`)."""
    import os
    import signal

    from ..util.igraph_tools import skip_plotting

    signal.signal(signal.SIGTERM, _terminate)
    skip_plotting()  # this process never plots with igraph: half a second less to start it
    # numpy asks the kernel to back large arrays with 2 MB pages. Where the kernel compacts memory to find them
    # when asked (transparent_hugepage/defrag "madvise"), such allocations stall, and after a fork every huge
    # page the parent writes is copied whole: on the large scenario the run's process spent 1.0-1.2 s in the
    # kernel with them, 0.8 s without (A/B over 6 pairs: 9.03 -> 8.86 s). netmix's own processes (this one,
    # its forked children, the interpreter that counts betweenness) go without; numpy reads this when first
    # imported; a value the user set wins.
    os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
    # numpy and scipy each load an OpenBLAS whose worker threads, started with it, spin for a while on the other
    # core: about 0.25 s of CPU in every process that imports both, taken from the run's other process. netmix
    # does no dense linear algebra (its matrices are sparse, multiplied by scipy's own code), so its processes go
    # without them (A/B over 6 pairs on the large scenario: 0.3 s less CPU, 7.46 -> 7.39 s); a value the user set wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        cli(prog_name="netmix")
    except SystemExit as done:
        _leave(done.code)
    _leave(0)
