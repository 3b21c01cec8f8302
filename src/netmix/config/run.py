"""The :class:`RunConfig` of one analysis (recorded in run.json) and the check of its side files."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError
from ..model import Account, TieSource

__all__ = ["RunConfig", "check_input_files"]


@dataclass(frozen=True)
class RunConfig:
    """Everything one ``netmix analyze`` run depends on (recorded in run.json).

    Generic-CSV column mappings belong to each account (:attr:`Account.columns
    <netmix.model.Account.columns>`), so a mapping never changes how another account is read.

    Examples
    --------
    >>> cfg = RunConfig(accounts=(Account("perso", "personal", "fb.zip"),), seed=3)
    >>> cfg.merged(seed=None, lang="fr").seed, cfg.merged(lang="fr").lang
    (3, 'fr')
    """

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

    def __post_init__(self) -> None:
        if not self.accounts:
            raise ConfigError(
                "no account given", hint="add --account NAME[:SPHERE]=PATH or a netmix.toml with [[account]] entries"
            )
        names = [a.name for a in self.accounts]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ConfigError(f"account name {dupes[0]!r} is used twice", hint="give every account its own name")
        real: dict[str, str] = {}
        for a in self.accounts:
            key = os.path.realpath(a.path)
            if key in real:
                raise ConfigError(
                    f"accounts {real[key]!r} and {a.name!r} read the same export {a.path!r}",
                    hint="every contact would be a false double: give each export once",
                )
            real[key] = a.name
        for t in self.ties:
            if t.account and t.account not in names:
                raise ConfigError(
                    f"tie file {t.path!r} names account {t.account!r}, which is not one of {', '.join(names)}",
                    hint="write --ties ACCOUNT=PATH with one of the account names, or leave the account out",
                )
        if self.lang not in ("en", "fr"):
            raise ConfigError(f"language {self.lang!r} is not supported", hint="use en or fr")
        if not math.isfinite(self.resolution) or self.resolution <= 0:
            raise ConfigError(f"resolution {self.resolution!r} must be a number above 0", hint="1.0 is the usual value")
        if self.threshold is not None and not 0 < self.threshold < 1:
            raise ConfigError(f"threshold {self.threshold!r} must be between 0 and 1", hint="0.8 is the default")

    @property
    def columns(self) -> None:
        """Always ``None``: column mappings are per account (``Account.columns``)."""
        return None

    def merged(self, **overrides: Any) -> RunConfig:
        """A copy with the non-``None`` overrides applied (CLI options over the toml file)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def check_input_files(config: RunConfig) -> None:
    """Refuse a decisions or labels file that does not exist (a typo must not be ignored).

    Raises
    ------
    InputError
        Naming the missing file (exit code 3).

    Examples
    --------
    >>> cfg = RunConfig(accounts=(Account("perso", "personal", "fb.zip"),), decisions="no-such.csv")
    >>> check_input_files(cfg)
    Traceback (most recent call last):
    ...
    netmix.errors.InputError: no-such.csv: the decisions file does not exist
      hint: check the path given to --decisions (or decisions = in netmix.toml)
    """
    for what, path in (("decisions", config.decisions), ("labels", config.labels)):
        if path and not Path(path).is_file():
            raise InputError(
                f"the {what} file does not exist",
                file=path,
                hint=f"check the path given to --{what} (or {what} = in netmix.toml)",
            )
