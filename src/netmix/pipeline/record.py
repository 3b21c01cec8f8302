"""run.json: versions, parameters, seed and input hashes of a run — no clock time, so reruns are identical."""

from __future__ import annotations

import hashlib
import os
import platform as _platform
import sys
from importlib import metadata
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..io.sources import iter_members

if TYPE_CHECKING:
    from .running import RunResult

def input_digest(path: str) -> str:
    """SHA-256 over the names and bytes of every file of an input (file, folder or zip)."""
    h = hashlib.sha256()
    for m in iter_members(path):
        h.update(m.name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(m.read()).digest())
    return h.hexdigest()


def _library_versions() -> dict[str, str]:
    """The versions of the libraries whose algorithms shape the results (read without importing them)."""
    out = {}
    for name, fallback in (("networkx", ""), ("pandas", ""), ("igraph", ""), ("pyvis", "0.3.2")):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = fallback
    return out


def _parameters(result: RunResult) -> dict[str, Any]:
    cfg = result.config
    return {
        "resolution": cfg.resolution,
        "threshold": result.resolution.params.get("threshold", cfg.threshold),
        "min_mutual": cfg.min_mutual,
        "lang": cfg.lang,
        "anonymize": cfg.anonymize,
        "decisions": os.path.basename(cfg.decisions) if cfg.decisions else None,
        "labels": os.path.basename(cfg.labels) if cfg.labels else None,
    }


def _account_records(result: RunResult) -> list[dict[str, Any]]:
    rows = []
    for a in result.config.accounts:
        imported = result.imports[a.name]
        rows.append(
            {
                "name": a.name,
                "sphere": a.sphere,
                "file": os.path.basename(os.path.normpath(a.path)),
                "sha256": input_digest(a.path),
                "formats": list(imported.formats),
                "contacts": len(imported.contacts),
                "requests": len(imported.requests),
                "issues": [str(i) for i in imported.issues][:50],
            }
        )
    return rows


def _tie_records(result: RunResult) -> list[dict[str, Any]]:
    return [
        {
            "account": t.account,
            "file": os.path.basename(t.source),
            "format": t.format,
            "nodes": len(t.nodes),
            "edges": len(t.edges),
            "sha256": input_digest(t.source),
            "issues": [str(i) for i in t.issues][:50],
        }
        for t in result.tiesets
    ]


def run_record(result: RunResult, outputs: dict[str, Any] | None = None) -> dict[str, Any]:
    """run.json: versions, parameters, seed, input hashes — no clock time, so reruns are identical.

    ``outputs``: facts about the files written (``xml_characters_removed``: characters XML 1.0
    cannot hold, left out of the Gephi files).
    """
    return {
        "netmix": __version__,
        "python": sys.version.split()[0],
        "platform": _platform.system(),
        "libraries": _library_versions(),
        "seed": result.config.seed,
        "parameters": _parameters(result),
        "accounts": _account_records(result),
        # no file or member names here: a pseudonymised run.json names no input (the screen said them)
        **({"empty_accounts": [{k: e[k] for k in ("account", "reason", "importer", "requests")} for e in result.empty]}
           if result.empty else {}),
        "ties": _tie_records(result),
        "resolution": _jsonable(result.resolution.params),
        "analysis": _jsonable(result.analysis.params),
        "outputs": outputs or {},
    }


def _scalar(x: object) -> object:
    return x if isinstance(x, (str, int, float, bool)) or x is None else str(x)


def _jsonable(d: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out[k] = _jsonable(v)
        elif isinstance(v, (list, tuple)):
            out[k] = [_scalar(x) for x in v]
        else:
            out[k] = _scalar(v)
    return out


__all__ = ["input_digest", "run_record"]
