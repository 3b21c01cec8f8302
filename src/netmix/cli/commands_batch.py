"""``netmix batch``: run the analysis over many participants' exports (see :mod:`netmix.batch`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ConfigError, ExitCode
from .options import pseudonymizer_from_key


@click.command("batch")
@click.argument("root", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--out", "out", type=click.Path(file_okay=False), required=True, help="Output folder: participants.csv/.parquet, risk.json and one folder per participant.")
@click.option("-j", "--workers", type=click.IntRange(min=1), default=None, help="Local worker processes (default: the number of CPUs).")
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Run on a Dask cluster (tcp://host:8786) instead of local processes.")
@click.option("--force", is_flag=True, help="Re-run participants whose outputs are already complete.")
@click.option("--pseudonymize", "--pseudonymise", "pseudonymize", is_flag=True, help="Pseudonyms instead of names (same person, same pseudonym across participants); contact details dropped.")
@click.option("--key-file", type=click.Path(dir_okay=False), default=None, help="Secret key of the pseudonyms (created if missing; default ./netmix.key; never written to the outputs).")
@click.option("--html/--no-html", default=False, show_default=True, help="Also write each participant's map and report.")
@click.option("--seed", type=int, default=None, help="Seed for every participant (over their netmix.toml).")
@click.option("--resolution", type=float, default=None, help="Community-detection resolution for every participant.")
@click.option("--threshold", type=float, default=None, help="Doubles: minimum confidence to merge, for every participant.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None, help="Language of the maps and reports.")
def batch_cmd(root, out, workers, scheduler, force, pseudonymize, key_file, html, seed, resolution, threshold, lang) -> None:
    """Analyse many participants: one sub-folder of ROOT per participant.

    Each participant folder holds a netmix.toml, or one export folder/file per account named
    ACCOUNT[.SPHERE] (perso/, pro/, linkedin.professional.csv …) and optional tie files in ties/.
    Participants already done with the same inputs and settings are skipped (--force re-runs
    them); a participant whose exports cannot be read is reported and the batch goes on.

    \b
    Example:
      netmix batch participants/ --out results/ --workers 2
      netmix batch participants/ --out results/ --pseudonymize --key-file ~/study.key
      netmix batch participants/ --out results/ --scheduler tcp://10.0.0.5:8786
    """
    from ..batch import run_batch

    if key_file and not pseudonymize:
        raise ConfigError("--key-file is only used with --pseudonymize", hint="add --pseudonymize, or leave --key-file out")
    pseudo = pseudonymizer_from_key(key_file, keep_out_of={"output": Path(out), "participants'": Path(root)}) if pseudonymize else None
    settings = {"seed": seed, "resolution": resolution, "threshold": threshold, "lang": lang}
    bar_holder: dict = {}

    def progress(done: int, total: int, line: str) -> None:
        if "bar" not in bar_holder:
            bar = click.progressbar(length=total, label="participants", file=sys.stderr, show_pos=True)
            bar_holder["bar"] = bar.__enter__()
        if done:
            bar_holder["bar"].update(1)

    try:
        result = run_batch(
            root,
            out,
            workers=workers,
            scheduler=scheduler,
            force=force,
            pseudonymizer=pseudo,
            progress=progress,
            html=html,
            settings={k: v for k, v in settings.items() if v is not None},
        )
    finally:
        if "bar" in bar_holder:
            bar_holder["bar"].__exit__(None, None, None)
    for outcome in result.outcomes:
        if outcome.status == "failed":
            click.echo(f"netmix: {outcome.line}", err=True)
    done, skipped, failed = len(result.done), len(result.skipped), len(result.failed)
    total = done + skipped + failed
    click.echo(f"{total} participants: {done} done, {skipped} skipped, {failed} failed → {out}/participants.csv")
    if failed and failed == total:
        click.echo("netmix: every participant failed; see the error column of participants.csv", err=True)
        click.get_current_context().exit(int(ExitCode.INPUT))
    if failed:
        click.echo(f"netmix: {failed} participant(s) failed (reasons above and in {out}/batch.log); the others are done", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(batch_cmd)
