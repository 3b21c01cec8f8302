"""``netmix analyze`` (the main job), ``netmix viz`` (the map alone) and ``netmix demo``.

The library is imported when a command runs, not when the command group starts.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from .inputs import build_config, pseudonymizer_for
from .options import anonymize_option, force_option, html_option, out_option, run_inputs
from .progress import progress_display

__all__ = ["analyze_cmd", "demo_cmd", "register", "viz_cmd"]


def _progress(msg: str) -> None:
    click.echo(f"netmix: {msg}…", err=True)


def _say_imports(result: Any, verbose: bool, lang: str) -> None:
    """On stderr, in ``lang``: each account set aside for yielding no contact, and the import issues (counted, or
    listed)."""
    from collections import Counter

    from ..render.i18n import t, value

    for e in result.empty:
        reason = value(lang, "progress.empty", e["reason"])
        click.echo(f"netmix: {t(lang, 'progress.empty', account=e['account'], file=e['file'], reason=reason)}", err=True)
    for name, imported in result.imports.items():
        counts = Counter(issue.severity for issue in imported.issues)
        if verbose:
            for issue in imported.issues:
                click.echo(f"netmix: {name}: {issue}", err=True)
        elif counts:
            said = ", ".join(
                t(lang, f"progress.issues.{kind}.{'n' if n > 1 else '1'}", n=n) for kind, n in sorted(counts.items())
            )
            click.echo(f"netmix: {t(lang, 'progress.issues', account=name, counts=said)}", err=True)


@click.command("analyze")
@run_inputs
@out_option(help="Output folder, replaced as a whole by each run (see --force).")
@click.option("--images", is_flag=True, help="Also write graph.png and graph.svg.")
@click.option("--graphml", is_flag=True, help="Also write graph.graphml (graph.gexf is always written).")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@click.option("-v", "--verbose", is_flag=True, help="List every import issue (a count per account is shown otherwise).")
@html_option(default=True)
@force_option
def analyze_cmd(
    config_path: str | None,
    accounts: tuple[str, ...],
    ties: tuple[str, ...],
    out: str,
    images: bool,
    html: bool,
    quiet: bool = False,
    graphml: bool = False,
    force: bool = False,
    verbose: bool = False,
    **overrides: Any,
) -> None:
    """Analyse your network: doubles, clusters, inclusion and exclusion, bridges.

    Writes contacts.csv, persons.csv, doubles.csv, clusters.csv, exclusions.csv, bridges.csv,
    waves.csv, summary.json, run.json, timings.json, graph.gexf, graph.html and report.html
    (graph.graphml with --graphml).

    \b
    Example:
      netmix analyze --config samples/netmix.toml --out out
      netmix analyze -a perso=facebook-me.zip -a pro:professional=pro.zip \\
                     -a linkedin=Connections.csv -t perso=friends.gdf --out out
      netmix analyze -a perso=facebook-me.zip -a crm=crm.csv \\
                     --importer crm:csv --columns "crm:name=Full Name,email=Mail" --out out
    """
    from ..io.outfolder import hold
    from ..pipeline import run, write_outputs

    config = build_config(config_path, accounts, ties, **overrides)
    with hold(out, force=force):  # checked and locked before the work, not after
        pseudo = pseudonymizer_for(config, Path(out))
        with progress_display(quiet=quiet, lang=config.lang) as progress:
            result = run(config, progress=progress)
            written = write_outputs(
                result, out, html=html, images=images, graphml=graphml, pseudonymizer=pseudo, progress=progress
            )
    from ..render.i18n import t
    from .main import keep_until_exit

    keep_until_exit(result)
    _say_imports(result, verbose, config.lang)
    s = result.analysis.summary
    figures = {k: s.get(k, "?") for k in ("persons", "doubles", "clusters", "exclusions")}
    click.echo(t(config.lang, "progress.summary", **figures, out=out, files=len(written)))


@click.command("viz")
@run_inputs
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(dir_okay=False),
    required=True,
    help="The HTML file to write (PNG/SVG beside it with --images).",
)
@click.option("--images", is_flag=True, help="Also write the map as PNG and SVG beside the HTML.")
def viz_cmd(
    config_path: str | None, accounts: tuple[str, ...], ties: tuple[str, ...], out: str, images: bool, **overrides: Any
) -> None:
    """Draw the interactive map of your network as one self-contained HTML file."""
    from ..io.output import write_atomic
    from ..pipeline import run
    from ..render.html import map_html
    from ..render.i18n import t

    config = build_config(config_path, accounts, ties, **overrides)
    pseudo = pseudonymizer_for(config, None)
    with progress_display(lang=config.lang) as progress:
        result = run(config, progress=progress)
    page = map_html(result.analysis, result.resolution, config.accounts, lang=config.lang, pseudonymizer=pseudo, seed=config.seed)
    write_atomic(out, page.encode("utf-8"))
    if images:
        from ..render.static import map_image

        stem = os.path.splitext(out)[0]
        for fmt in ("png", "svg"):
            write_atomic(f"{stem}.{fmt}", map_image(result.analysis, fmt=fmt, pseudonymizer=pseudo, seed=config.seed))
    click.echo(t(config.lang, "progress.viz", path=out))


@click.command("demo")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True, help="Language of the report.")
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(file_okay=False),
    default=None,
    help="Where to write the demo (default: a new temporary folder).",
)
@anonymize_option
@click.option("--open/--no-open", "open_", default=True, help="Open the report in a browser when a display exists.")
def demo_cmd(lang: str, out: str | None, anonymize: bool | None, open_: bool) -> None:
    """Build the synthetic sample scenario and its report, offline, in one command."""
    from ..config import load_config
    from ..pipeline import run, write_outputs
    from ..render.i18n import t
    from ..scenario import generate

    root = Path(out) if out else Path(tempfile.mkdtemp(prefix="netmix-demo-"))
    _progress(t(lang, "progress.demo", path=root / "scenario"))
    generate(root / "scenario", scale="small")
    config = load_config(root / "scenario" / "netmix.toml").merged(lang=lang, anonymize=anonymize)
    pseudo = None
    if anonymize:
        from ..privacy import Pseudonymizer

        pseudo = Pseudonymizer(os.urandom(32))  # a throw-away key: demo pseudonyms need no re-linking
    with progress_display(lang=lang) as progress:
        result = run(config, progress=progress)
        write_outputs(result, root / "report", images=False, pseudonymizer=pseudo, progress=progress)
    report = root / "report" / "report.html"
    click.echo(t(lang, "progress.demo.report", path=report))
    if open_ and _has_display():
        import webbrowser

        webbrowser.open(report.resolve().as_uri())


def _has_display() -> bool:
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def register(cli: click.Group) -> None:
    """Add analyze, viz and demo to the command group."""
    cli.add_command(analyze_cmd)
    cli.add_command(viz_cmd)
    cli.add_command(demo_cmd)
