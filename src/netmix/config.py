"""Run configuration: the accounts, tie files and options of one analysis, from the CLI or a
``netmix.toml`` file.

```toml
[run]
seed = 7
resolution = 1.0        # community-detection resolution
threshold = 0.8         # doubles: minimum confidence to merge two contacts
decisions = "decisions.csv"
labels = "labels.csv"
lang = "fr"

[[account]]
name = "perso"
sphere = "personal"
path = "perso/facebook-me.zip"

[[ties]]
account = "perso"
path = "ties/perso.gdf"
```
Relative paths are relative to the toml file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import Account, TieSource

RUN_KEYS = {"seed", "resolution", "threshold", "decisions", "labels", "lang", "min_mutual", "anonymize", "key_file"}


@dataclass(frozen=True)
class RunConfig:
    """Everything one ``netmix analyze`` run depends on (recorded in run.json)."""

    accounts: tuple[Account, ...]
    ties: tuple[TieSource, ...] = ()
    seed: int = 0
    resolution: float = 1.0
    threshold: float | None = None  # None: the resolver's default
    decisions: str | None = None
    labels: str | None = None
    min_mutual: int = 3
    lang: str = "en"
    anonymize: bool = False
    key_file: str | None = None
    columns: dict[str, str] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.accounts:
            raise ConfigError("no account given", hint="add --account NAME[:SPHERE]=PATH or a netmix.toml with [[account]] entries")
        names = [a.name for a in self.accounts]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ConfigError(f"account name {dupes[0]!r} is used twice", hint="give every account its own name")
        for t in self.ties:
            if t.account and t.account not in names:
                raise ConfigError(
                    f"tie file {t.path!r} names account {t.account!r}, which is not one of {', '.join(names)}",
                    hint="write --ties ACCOUNT=PATH with one of the account names, or leave the account out",
                )
        if self.lang not in ("en", "fr"):
            raise ConfigError(f"language {self.lang!r} is not supported", hint="use en or fr")

    def merged(self, **overrides: Any) -> RunConfig:
        """A copy with the non-``None`` overrides applied (CLI options over the toml file)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def load_config(path: str | Path) -> RunConfig:
    """Read a ``netmix.toml``; relative paths are made relative to its folder."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("no such configuration file", file=str(path), hint="check the path of --config") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"invalid TOML ({exc})", file=str(path), hint="check the syntax of the file") from exc
    base = path.parent

    def rel(p: str) -> str:
        return str(p) if Path(p).is_absolute() else str(base / p)

    run = data.get("run", {})
    unknown = set(run) - RUN_KEYS
    if unknown:
        raise ConfigError(f"unknown [run] setting {sorted(unknown)[0]!r}", file=str(path), hint=f"known: {', '.join(sorted(RUN_KEYS))}")
    try:
        accounts = tuple(
            Account(
                name=str(a["name"]),
                sphere=str(a.get("sphere", "personal")),
                path=rel(a["path"]),
                platform=a.get("format"),
                encoding=a.get("encoding"),
            )
            for a in data.get("account", [])
        )
        ties = tuple(TieSource(path=rel(t["path"]), account=t.get("account"), format=t.get("format")) for t in data.get("ties", []))
    except KeyError as exc:
        raise ConfigError(f"an entry lacks the key {exc.args[0]!r}", file=str(path), hint="every [[account]] needs name and path, every [[ties]] a path") from exc
    for key in ("decisions", "labels", "key_file"):
        if run.get(key):
            run[key] = rel(run[key])
    try:
        return RunConfig(accounts=accounts, ties=ties, **run)
    except ConfigError as err:
        raise err.located(file=str(path))
    except TypeError as exc:
        raise ConfigError(f"a [run] setting has the wrong type ({exc})", file=str(path)) from exc
