"""``netmix analyze`` (the main job), ``netmix viz`` (the map alone) and ``netmix demo``."""

from __future__ import annotations

import functools
import os
import sys
import tempfile
from pathlib import Path

import click

from ..config import RunConfig, load_config
from ..errors import ConfigError
from .options import encoding_option, parse_account, parse_ties, pseudonymizer_from_key
from .progress import progress_display


def _progress(msg: str) -> None:
    click.echo(f"netmix: {msg}…", err=True)


def run_inputs(f):
    """The options every command that runs the analysis shares."""

    @click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="A netmix.toml with accounts, ties and settings.")
    @click.option("-a", "--account", "accounts", multiple=True, metavar="NAME[:SPHERE]=PATH", help="An export to import (repeatable); SPHERE is personal or professional.")
    @click.option("-t", "--ties", "ties", multiple=True, metavar="[ACCOUNT=]PATH", help="A tie file (repeatable); ACCOUNT when its names are that account's.")
    @click.option("--seed", type=int, default=None, help="Seed of every random choice (default 0, or the toml's).")
    @click.option("--resolution", type=float, default=None, help="Community-detection resolution (higher: smaller clusters).")
    @click.option("--threshold", type=float, default=None, help="Doubles: minimum confidence to merge two contacts.")
    @click.option("--decisions", type=click.Path(dir_okay=False), default=None, help="Your decisions on doubles (CSV), applied on every run.")
    @click.option("--labels", type=click.Path(dir_okay=False), default=None, help="Your names for clusters (CSV: cluster,label).")
    @click.option("--lang", type=click.Choice(["en", "fr"]), default=None, help="Language of the map and report.")
    @click.option("--anonymize", "--anonymise", "anonymize", is_flag=True, default=None, help="Replace names by stable pseudonyms and drop contact details.")
    @click.option("--key-file", type=click.Path(dir_okay=False), default=None, help="Secret key for pseudonyms (created if missing; never written to the outputs).")
    @encoding_option
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)

    return wrapper


def build_config(config_path, accounts, ties, encoding, **overrides) -> RunConfig:
    """A RunConfig from a toml file and/or command-line accounts; options override the file."""
    base: RunConfig | None = load_config(config_path) if config_path else None
    cli_accounts = tuple(parse_account(s, encoding=encoding) for s in accounts)
    cli_ties = tuple(parse_ties(s) for s in ties)
    if base is None:
        if not cli_accounts:
            raise ConfigError("no account given", hint="add --account NAME[:SPHERE]=PATH (repeatable) or --config netmix.toml")
        base = RunConfig(accounts=cli_accounts, ties=cli_ties)
    elif cli_accounts or cli_ties:
        base = base.merged(accounts=base.accounts + cli_accounts, ties=base.ties + cli_ties)
    return base.merged(**overrides)


def pseudonymizer_for(config: RunConfig, out: Path | None):
    """The Pseudonymizer of an anonymised run (the key file is created when missing)."""
    if not config.anonymize:
        return None
    return pseudonymizer_from_key(config.key_file, keep_out_of={"output": out} if out is not None else {})


@click.command("analyze")
@run_inputs
@click.option("-o", "--out", "out", type=click.Path(file_okay=False), required=True, help="Output folder (written all at once).")
@click.option("--images", is_flag=True, help="Also write graph.png and graph.svg.")
@click.option("--no-html", is_flag=True, help="Skip graph.html and report.html.")
@click.option("--graphml", is_flag=True, help="Also write graph.graphml (graph.gexf is always written).")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def analyze_cmd(config_path, accounts, ties, out, images, no_html, encoding, quiet=False, graphml=False, **overrides) -> None:
    """Analyse your network: doubles, clusters, inclusion and exclusion, bridges.

    Writes contacts.csv, persons.csv, doubles.csv, clusters.csv, exclusions.csv, bridges.csv,
    waves.csv, summary.json, run.json, timings.json, graph.gexf, graph.html and report.html
    (graph.graphml with --graphml).

    \b
    Example:
      netmix analyze --config samples/netmix.toml --out out
      netmix analyze -a perso=facebook-me.zip -a pro:professional=pro.zip \\
                     -a linkedin=Connections.csv -t perso=friends.gdf --out out
    """
    from ..pipeline import run, write_outputs

    config = build_config(config_path, accounts, ties, encoding, **overrides)
    pseudo = pseudonymizer_for(config, Path(out))
    with progress_display(quiet=quiet) as progress:
        result = run(config, progress=progress)
        written = write_outputs(
            result, out, html=not no_html, images=images, graphml=graphml, pseudonymizer=pseudo, progress=progress
        )
    s = result.analysis.summary
    click.echo(
        f"{s.get('persons', '?')} persons, {s.get('doubles', '?')} doubles, {s.get('clusters', '?')} clusters, "
        f"{s.get('exclusions', '?')} exclusions → {out}/ ({len(written)} files)"
    )


@click.command("viz")
@run_inputs
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False), required=True, help="The HTML file to write (PNG/SVG beside it with --images).")
@click.option("--images", is_flag=True, help="Also write the map as PNG and SVG beside the HTML.")
def viz_cmd(config_path, accounts, ties, out, images, encoding, **overrides) -> None:
    """Draw the interactive map of your network as one self-contained HTML file."""
    from ..io.output import write_atomic
    from ..pipeline import run
    from ..render.html import map_html

    config = build_config(config_path, accounts, ties, encoding, **overrides)
    pseudo = pseudonymizer_for(config, None)
    with progress_display() as progress:
        result = run(config, progress=progress)
    page = map_html(result.analysis, result.resolution, config.accounts, lang=config.lang, pseudonymizer=pseudo, seed=config.seed)
    write_atomic(out, page.encode("utf-8"))
    if images:
        from ..render.static import map_image

        stem = os.path.splitext(out)[0]
        for fmt in ("png", "svg"):
            write_atomic(f"{stem}.{fmt}", map_image(result.analysis, fmt=fmt, pseudonymizer=pseudo, seed=config.seed))
    click.echo(f"map written to {out}")


@click.command("demo")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True, help="Language of the report.")
@click.option("-o", "--out", "out", type=click.Path(file_okay=False), default=None, help="Where to write the demo (default: a new temporary folder).")
@click.option("--anonymize", "--anonymise", "anonymize", is_flag=True, help="Hide the (synthetic) names behind pseudonyms.")
@click.option("--open/--no-open", "open_", default=True, help="Open the report in a browser when a display exists.")
def demo_cmd(lang, out, anonymize, open_) -> None:
    """Build the synthetic sample scenario and its report, offline, in one command."""
    from ..pipeline import run, write_outputs
    from ..scenario import generate

    root = Path(out) if out else Path(tempfile.mkdtemp(prefix="netmix-demo-"))
    _progress(f"building the sample scenario in {root / 'scenario'}")
    generate(root / "scenario", scale="small")
    config = load_config(root / "scenario" / "netmix.toml").merged(lang=lang, anonymize=anonymize or None)
    pseudo = None
    if anonymize:
        from ..privacy import Pseudonymizer

        pseudo = Pseudonymizer(os.urandom(32))  # a throw-away key: demo pseudonyms need no re-linking
    with progress_display() as progress:
        result = run(config, progress=progress)
        write_outputs(result, root / "report", images=False, pseudonymizer=pseudo, progress=progress)
    report = root / "report" / "report.html"
    click.echo(f"report: {report}")
    if open_ and _has_display():
        import webbrowser

        webbrowser.open(report.resolve().as_uri())


def _has_display() -> bool:
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def register(cli: click.Group) -> None:
    cli.add_command(analyze_cmd)
    cli.add_command(viz_cmd)
    cli.add_command(demo_cmd)
