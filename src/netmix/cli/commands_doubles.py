"""``netmix doubles``: the people you are connected to from more than one account."""

from __future__ import annotations

import sys

import click
import pandas as pd

from ..importers import load_account
from ..io.output import OutputDir, csv_bytes
from ..render.evidence import worded_resolution
from ..resolution import DEFAULT_THRESHOLD, decisions_template, load_decisions, resolve
from .options import encoding_option, parse_account, parse_ties

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


@click.command("doubles")
@click.argument("accounts", nargs=-1, required=True, metavar="ACCOUNT...")
@click.option("--ties", "ties", multiple=True, metavar="[ACCOUNT=]PATH", help="A tie file (GDF, GraphML, …), optionally owned by one account. Repeatable.")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True, max_open=True), default=DEFAULT_THRESHOLD, show_default=True, help="Confidence from which two contacts are merged.")
@click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False), default=None, metavar="FILE", help="Decisions CSV to re-apply (the decisions-template.csv you edited).")
@click.option("--out", "out", type=click.Path(file_okay=False), default=None, metavar="DIR", help="Write doubles.csv, contacts.csv and decisions-template.csv here.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True, help="How to print the doubles.")
@encoding_option
def doubles_cmd(
    accounts: tuple[str, ...],
    ties: tuple[str, ...],
    threshold: float,
    decisions_path: str | None,
    out: str | None,
    fmt: str,
    encoding: str | None,
) -> None:
    """Find the people you are connected to from two or more accounts ("friends twice").

    ACCOUNT is NAME[:SPHERE]=PATH, e.g. perso=facebook-perso.zip pro:professional=facebook-pro.zip
    linkedin=Connections.csv. Each double gets a confidence, a band (certain, likely, review),
    the evidence and a suggestion; same-name pairs whose circles do not meet are listed for review
    as possible homonyms, never merged.
    """
    from ..ties import read_ties

    frames, requests = [], []
    for spec in accounts:
        acc = parse_account(spec, encoding=encoding)
        result = load_account(acc)
        frames.append(result.contacts)
        requests.append(result.requests)
        click.echo(f"{acc.name} ({acc.sphere}): {len(result.contacts)} contacts from {acc.path}", err=True)
    tiesets = []
    for spec in ties:
        ts = read_ties(parse_ties(spec), encoding=encoding)
        tiesets.append(ts)
        click.echo(f"ties {ts.source}: {len(ts.nodes)} nodes, {len(ts.edges)} ties", err=True)
    decisions = load_decisions(decisions_path) if decisions_path else None
    contacts = pd.concat(frames, ignore_index=True)
    reqs = pd.concat(requests, ignore_index=True) if requests else None
    res = worded_resolution(resolve(contacts, tiesets, reqs, threshold=threshold, decisions=decisions))
    for issue in res.params.get("issues", []):
        click.echo(f"  {issue}", err=True)

    d = res.doubles
    bands = d["band"].value_counts()
    click.echo(
        f"{len(d)} doubles: {bands.get('certain', 0)} certain, {bands.get('likely', 0)} likely, {bands.get('review', 0)} to review"
        + (f"; {len(res.duplicates)} within-account duplicates" if len(res.duplicates) else ""),
        err=fmt == "csv",
    )
    if fmt == "csv":
        sys.stdout.buffer.write(csv_bytes(d))
    elif len(d):
        for r in d.to_dict("records"):
            dec = f"  [decided: {r['decision']}]" if r["decision"] else ""
            click.echo(f"\n{r['band']:<8} {float(r['confidence']):.2f}  {r['names']}{dec}")
            click.echo(f"         evidence: {r['evidence']}")
            click.echo(f"         suggestion: {r['suggestion']}")
    if out:
        with OutputDir(out) as od:
            od.write_csv("doubles.csv", d)
            od.write_csv("contacts.csv", res.contacts[list(CONTACT_OUT_COLUMNS)])
            od.write_csv("decisions-template.csv", decisions_template(res))
        click.echo(f"wrote doubles.csv, contacts.csv and decisions-template.csv to {out}", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(doubles_cmd)
