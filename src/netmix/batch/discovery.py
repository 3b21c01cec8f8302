"""Finding the participants of a batch folder and the configuration of each.

A participant's configuration may only read inside that participant's folder: every path of its
``netmix.toml`` is resolved (symbolic links included) and refused when it leads elsewhere —
another participant's export, or a system file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..config import RunConfig, load_config
from ..errors import ConfigError, InputError
from ..model import SPHERE_ALIASES, Account, TieSource, default_sphere

__all__ = ["Participant", "confine", "detect_config", "discover"]

_RESERVED_FILES = {"netmix.toml", "truth.json", "decisions.csv", "labels.csv", "batch.json", "risk.json"}
_IGNORED_SUFFIXES = (".md", ".txt", ".key", ".toml", ".log")


@dataclass(frozen=True)
class Participant:
    """One participant: an id and the folder holding their exports."""

    id: str
    folder: str


def discover(root: str | os.PathLike[str], *, exclude: Iterable[str | os.PathLike[str]] = ()) -> list[Participant]:
    """The participants of ``root``: its sub-folders (not hidden, not ``_…``), sorted by id.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("P2", "P1", ".cache", "_old"):
    ...     (root / name).mkdir()
    >>> [p.id for p in discover(root)]
    ['P1', 'P2']
    """
    root_p = Path(root)
    if not root_p.is_dir():
        raise InputError(
            "the batch folder does not exist or is not a folder",
            file=str(root),
            hint="give a folder with one sub-folder per participant",
        )
    skip = {Path(p).resolve() for p in exclude}
    found = []
    for entry in sorted(root_p.iterdir(), key=lambda p: p.name):
        if not entry.is_dir() or entry.name.startswith((".", "_")) or entry.resolve() in skip:
            continue
        found.append(Participant(entry.name, str(entry)))
    return found


def _sphere_of(name: str) -> tuple[str, str]:
    """``("pro", "professional")`` from ``pro.professional``; the sphere from the name otherwise."""
    base, dot, suffix = name.rpartition(".")
    if dot and suffix.lower() in SPHERE_ALIASES and base:
        return base, SPHERE_ALIASES[suffix.lower()]
    return name, default_sphere(name)


def _account_name(raw: str) -> str:
    name = "".join(c if c not in ":=|;" else "-" for c in raw).strip()
    return name or "account"


def confine(config: RunConfig, folder: str | os.PathLike[str]) -> None:
    """Refuse any path of ``config`` that resolves outside ``folder`` (symbolic links followed).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> confine(RunConfig(accounts=(Account("a", "personal", str(folder / "x.csv")),)), folder)
    >>> confine(RunConfig(accounts=(Account("a", "personal", "/etc/passwd"),)), folder)
    Traceback (most recent call last):
    ...
    netmix.errors.ConfigError: /etc/passwd: account 'a' reads outside this participant's folder
      hint: a participant's netmix.toml may only name files inside its own folder
    """
    home = Path(folder).resolve()
    paths = [(f"account {a.name!r}", a.path) for a in config.accounts]
    paths += [("a tie file", t.path) for t in config.ties]
    paths += [(what, p) for what, p in (("the decisions file", config.decisions), ("the labels file", config.labels)) if p]
    for what, path in paths:
        if not Path(path).resolve().is_relative_to(home):
            raise ConfigError(
                f"{what} reads outside this participant's folder",
                file=path,
                hint="a participant's netmix.toml may only name files inside its own folder",
            )


def _layout_accounts(folder: Path) -> list[Account]:
    accounts: list[Account] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        name = entry.name
        if name.startswith((".", "_")) or name in _RESERVED_FILES or name == "ties" or name.lower().startswith("readme"):
            continue
        if entry.is_file():
            if name.lower().endswith(_IGNORED_SUFFIXES):
                continue
            stem = name.rsplit(".", 1)[0] if "." in name else name
        elif entry.is_dir():
            stem = name
        else:
            continue
        acc, sphere = _sphere_of(stem)
        accounts.append(Account(name=_account_name(acc), sphere=sphere, path=str(entry)))
    return accounts


def detect_config(folder: str | os.PathLike[str]) -> RunConfig:
    """The run configuration of a participant folder: its ``netmix.toml``, else its layout.

    See :mod:`netmix.batch` for the layout convention. Every path stays inside ``folder``.
    """
    folder = Path(folder)
    toml = folder / "netmix.toml"
    if toml.is_file():
        config = load_config(toml)
        confine(config, folder)
        return config
    accounts = _layout_accounts(folder)
    if not accounts:
        raise ConfigError(
            "no export found in this participant's folder",
            file=str(folder),
            hint="put one folder or file per account (perso/, pro/, linkedin.csv …) or a netmix.toml",
        )
    names = {a.name for a in accounts}
    ties: list[TieSource] = []
    ties_dir = folder / "ties"
    if ties_dir.is_dir():
        for entry in sorted(ties_dir.iterdir(), key=lambda p: p.name):
            if entry.name.startswith((".", "_")) or not entry.is_file():
                continue
            stem = entry.name.split(".", 1)[0]
            ties.append(TieSource(path=str(entry), account=stem if stem in names else None))
    side = {k: str(folder / f"{k}.csv") if (folder / f"{k}.csv").is_file() else None for k in ("decisions", "labels")}
    config = RunConfig(accounts=tuple(accounts), ties=tuple(ties), decisions=side["decisions"], labels=side["labels"])
    confine(config, folder)  # a layout entry may be a symbolic link to elsewhere
    return config
