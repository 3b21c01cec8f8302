"""Resuming a batch: what a participant's outputs depend on, and whether they are complete.

A participant whose outputs were written for the same inputs (SHA-256), settings, netmix version
and key is skipped; its stored row is reused, so the table does not depend on which run wrote it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .._version import __version__
from ..config import RunConfig

__all__ = ["KEY_CHECK", "SETTING_KEYS", "complete", "fingerprint"]

#: Settings a batch may impose on every participant (over their netmix.toml).
SETTING_KEYS: tuple[str, ...] = ("seed", "resolution", "threshold", "min_mutual", "lang")
#: The fixed text whose pseudonym tells whether the key changed (it reveals nothing about the key).
KEY_CHECK = "netmix:batch:key-check"


def _digest(path: str) -> str:
    from ..pipeline import input_digest

    return input_digest(path)


def _file_digest(path: str | None) -> str | None:
    if not path or not Path(path).is_file():
        return None
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def fingerprint(config: RunConfig, *, html: bool, pseudonymizer: Any = None) -> dict[str, Any]:
    """What a participant's outputs depend on: input hashes, settings, version, key check.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netmix.model import Account
    >>> export = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = export.write_text("name\\nAda\\n")
    >>> fp = fingerprint(RunConfig(accounts=(Account("a", "personal", str(export)),)), html=False)
    >>> sorted(fp)[:4], fp["pseudonymised"]
    (['accounts', 'decisions', 'html', 'key_check'], False)
    """
    return {
        "netmix": __version__,
        "accounts": [
            {
                "name": a.name,
                "sphere": a.sphere,
                "format": a.platform,
                "encoding": a.encoding,
                "columns": [list(pair) for pair in a.columns],
                "sha256": _digest(a.path),
            }
            for a in config.accounts
        ],
        "ties": [{"account": t.account, "format": t.format, "sha256": _digest(t.path)} for t in config.ties],
        "decisions": _file_digest(config.decisions),
        "labels": _file_digest(config.labels),
        "settings": {k: getattr(config, k) for k in SETTING_KEYS},
        "html": html,
        "pseudonymised": pseudonymizer is not None,
        "key_check": pseudonymizer.code(KEY_CHECK) if pseudonymizer is not None else "",
    }


def complete(out: Path, fp: dict[str, Any]) -> dict[str, Any] | None:
    """The stored record of a complete earlier run with the same fingerprint, else ``None``."""
    try:
        record = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("fingerprint") != json.loads(json.dumps(fp)):
        return None
    if not all((out / f).is_file() for f in record.get("files", [])) or not (out / "run.json").is_file():
        return None
    return record
