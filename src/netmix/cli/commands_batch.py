"""``netmix batch``: run the analysis over many participants' exports (see :mod:`netmix.batch`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..errors import ConfigError, ExitCode
from .inputs import pseudonymizer_from_key
from .options import anonymize_option, html_option, key_file_option, lang_option, out_option

__all__ = ["batch_cmd", "register"]


@click.command("batch")
@click.argument("root", type=click.Path(exists=True, file_okay=False))
@out_option(help="Output folder: participants.csv/.parquet, risk.json and one folder per participant.")
@click.option(
    "-j", "--workers", type=click.IntRange(min=1), default=None, help="Local worker processes (default: the number of CPUs)."
)
@click.option(
    "--scheduler", default=None, metavar="ADDRESS", help="Run on a Dask cluster (tcp://host:8786) instead of local processes."
)
@click.option("--force", is_flag=True, help="Re-run participants whose outputs are already complete.")
@anonymize_option
@key_file_option
@html_option(default=False)
@click.option("--seed", type=int, default=None, help="Seed for every participant (over their netmix.toml).")
@click.option(
    "--resolution",
    type=click.FloatRange(min=0.0, min_open=True),
    default=None,
    help="Community-detection resolution for every participant.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True, max_open=True),
    default=None,
    help="Doubles: minimum confidence to merge, for every participant.",
)
@lang_option("Language of the maps, the reports and the lines this command prints.")
def batch_cmd(
    root: str,
    out: str,
    workers: int | None,
    scheduler: str | None,
    force: bool,
    anonymize: bool | None,
    key_file: str | None,
    html: bool,
    **settings: Any,
) -> None:
    """Analyse many participants: one sub-folder of ROOT per participant.

    Each participant folder holds a netmix.toml, or one export folder/file per account named
    ACCOUNT[.SPHERE] (perso/, pro/, linkedin.professional.csv …) and optional tie files in ties/.
    Participants already done with the same inputs and settings are skipped (--force re-runs
    them); a participant whose exports cannot be read is reported and the batch goes on. With
    --anonymize, the same person gets the same pseudonym in every participant.

    \b
    Example:
      netmix batch participants/ --out results/ --workers 2
      netmix batch participants/ --out results/ --anonymize --key-file ~/study.key
      netmix batch participants/ --out results/ --scheduler tcp://10.0.0.5:8786
    """
    from ..batch import run_batch

    if key_file and not anonymize:
        raise ConfigError("--key-file is only used with --anonymize", hint="add --anonymize, or leave --key-file out")
    keep_out_of = {"output": Path(out), "participants'": Path(root)}
    pseudo = pseudonymizer_from_key(key_file, keep_out_of=keep_out_of) if anonymize else None
    lang = settings.get("lang") or "en"
    with _Bar(lang) as bar:
        result = run_batch(
            root,
            out,
            workers=workers,
            scheduler=scheduler,
            force=force,
            pseudonymizer=pseudo,
            progress=bar.progress,
            html=html,
            settings={k: v for k, v in settings.items() if v is not None},
        )
    _summarise(result, out, lang)


class _Bar:
    """A progress bar over the participants on stderr, opened at the first report, labelled in ``lang``."""

    def __init__(self, lang: str) -> None:
        self._bar: Any = None
        self._lang = lang

    def progress(self, done: int, total: int, line: str) -> None:
        if self._bar is None:
            from ..render.i18n import t

            label = t(self._lang, "batch.bar")
            self._bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True).__enter__()
        if done:
            self._bar.update(1)

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def _summarise(result: Any, out: str, lang: str) -> None:
    from ..render.i18n import number, t

    for outcome in result.outcomes:
        if outcome.status == "failed":
            click.echo(f"netmix: {t(lang, 'batch.failed', participant=outcome.participant, error=outcome.error)}", err=True)
    done, skipped, failed = len(result.done), len(result.skipped), len(result.failed)
    total = done + skipped + failed
    counts = {k: number(lang, v) for k, v in (("done", done), ("skipped", skipped), ("failed", failed))}
    click.echo(t(lang, "batch.summary", total=number(lang, total), out=out, **counts))
    if failed and failed == total:
        click.echo(f"netmix: {t(lang, 'batch.all_failed')}", err=True)
        click.get_current_context().exit(int(ExitCode.INPUT))
    if failed:
        click.echo(f"netmix: {t(lang, 'batch.some_failed', failed=counts['failed'], out=out)}", err=True)


def register(cli: click.Group) -> None:
    """Add batch to the command group."""
    cli.add_command(batch_cmd)
