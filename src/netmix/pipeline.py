"""The main job, in one direction: import → resolve → analyse → render.

>>> from netmix.config import load_config                       # doctest: +SKIP
>>> result = run(load_config("samples/netmix.toml"))            # doctest: +SKIP
>>> write_outputs(result, "out")                                # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import logging
import os
import platform as _platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ._version import __version__
from .config import RunConfig
from .importers import load_account
from .io.output import OutputDir
from .io.sources import iter_members
from .model import Analysis, ImportResult, Resolution, TieSet
from .privacy import scrub_run_record

log = logging.getLogger(__name__)
Progress = Callable[[str], None]


@dataclass(frozen=True)
class RunResult:
    """Everything a run produced, before rendering."""

    config: RunConfig
    imports: dict[str, ImportResult]
    tiesets: tuple[TieSet, ...]
    resolution: Resolution
    analysis: Analysis


def _quiet(_: str) -> None:
    return None


def import_all(config: RunConfig, progress: Progress = _quiet) -> tuple[dict[str, ImportResult], tuple[TieSet, ...]]:
    """Import every account and tie file of ``config``."""
    from .ties import read_ties

    imports: dict[str, ImportResult] = {}
    for acc in config.accounts:
        progress(f"importing {acc.name} ({acc.path})")
        imports[acc.name] = load_account(acc, columns=config.columns)
    tiesets = []
    for src in config.ties:
        progress(f"reading ties {src.path}")
        tiesets.append(read_ties(src))
    return imports, tuple(tiesets)


def resolve_all(config: RunConfig, imports: dict[str, ImportResult], tiesets: tuple[TieSet, ...]) -> Resolution:
    """Resolve the imported contacts into persons (doubles, ties between persons)."""
    from .resolution import resolve
    from .resolution.decisions import load_decisions

    contacts = pd.concat([r.contacts for r in imports.values()], ignore_index=True)
    requests = pd.concat([r.requests for r in imports.values()], ignore_index=True)
    kwargs: dict = {}
    if config.threshold is not None:
        kwargs["threshold"] = config.threshold
    if config.decisions and Path(config.decisions).exists():
        kwargs["decisions"] = load_decisions(config.decisions)
    return resolve(contacts, tiesets, requests, **kwargs)


def run(config: RunConfig, *, progress: Progress = _quiet) -> RunResult:
    """Run the whole analysis of ``config`` (no output is written)."""
    from .analysis import analyse
    from .analysis.clusters import load_labels

    imports, tiesets = import_all(config, progress)
    progress("resolving persons and doubles")
    resolution = resolve_all(config, imports, tiesets)
    labels = load_labels(config.labels) if config.labels and Path(config.labels).exists() else None
    analysis = analyse(
        resolution,
        config.accounts,
        seed=config.seed,
        resolution_param=config.resolution,
        labels=labels,
        min_mutual=config.min_mutual,
        progress=progress,
    )
    return RunResult(config, imports, tiesets, resolution, analysis)


def input_digest(path: str) -> str:
    """SHA-256 over the names and bytes of every file of an input (file, folder or zip)."""
    h = hashlib.sha256()
    for m in iter_members(path):
        h.update(m.name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(m.read()).digest())
    return h.hexdigest()


def run_record(result: RunResult) -> dict:
    """run.json: versions, parameters, seed, input hashes — no clock time, so reruns are identical."""
    import igraph
    import networkx
    import pyvis

    cfg = result.config
    return {
        "netmix": __version__,
        "python": sys.version.split()[0],
        "platform": _platform.system(),
        "libraries": {
            "networkx": networkx.__version__,
            "pandas": pd.__version__,
            "igraph": igraph.__version__,
            "pyvis": getattr(pyvis, "__version__", "0.3.2"),
        },
        "seed": cfg.seed,
        "parameters": {
            "resolution": cfg.resolution,
            "threshold": result.resolution.params.get("threshold", cfg.threshold),
            "min_mutual": cfg.min_mutual,
            "lang": cfg.lang,
            "anonymize": cfg.anonymize,
            "decisions": os.path.basename(cfg.decisions) if cfg.decisions else None,
            "labels": os.path.basename(cfg.labels) if cfg.labels else None,
        },
        "accounts": [
            {
                "name": a.name,
                "sphere": a.sphere,
                "file": os.path.basename(os.path.normpath(a.path)),
                "sha256": input_digest(a.path),
                "formats": list(result.imports[a.name].formats),
                "contacts": len(result.imports[a.name].contacts),
                "requests": len(result.imports[a.name].requests),
                "issues": [str(i) for i in result.imports[a.name].issues][:50],
            }
            for a in cfg.accounts
        ],
        "ties": [
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
        ],
        "resolution": _jsonable(result.resolution.params),
        "analysis": _jsonable(result.analysis.params),
    }


def _jsonable(d: dict) -> dict:
    out = {}
    for k, v in d.items():
        if isinstance(v, (str, int, float, bool)) or v is None:
            out[k] = v
        elif isinstance(v, dict):
            out[k] = _jsonable(v)
        elif isinstance(v, (list, tuple)):
            out[k] = [x if isinstance(x, (str, int, float, bool)) or x is None else str(x) for x in v]
        else:
            out[k] = str(v)
    return out


def write_outputs(
    result: RunResult,
    out_dir: str | os.PathLike,
    *,
    html: bool = True,
    images: bool = False,
    pseudonymizer=None,
    progress: Progress = _quiet,
) -> list[str]:
    """Write the output contract of DESIGN.md into ``out_dir``, all files or none."""
    from .render.gephi import gexf_bytes, graphml_bytes
    from .render.tables import output_tables

    cfg = result.config
    with OutputDir(out_dir) as out:
        progress("writing tables")
        for name, df in output_tables(result.resolution, result.analysis, pseudonymizer=pseudonymizer).items():
            out.write_csv(name, df)
        out.write_json("summary.json", result.analysis.summary)
        out.write_json("run.json", scrub_run_record(run_record(result), cfg, pseudonymised=pseudonymizer is not None))
        out.write("graph.gexf", gexf_bytes(result.analysis, pseudonymizer=pseudonymizer, seed=cfg.seed))
        out.write("graph.graphml", graphml_bytes(result.analysis, pseudonymizer=pseudonymizer, seed=cfg.seed))
        if html:
            from .render.html import map_html
            from .render.report import report_html

            progress("drawing the map")
            page = map_html(result.analysis, result.resolution, cfg.accounts, lang=cfg.lang, pseudonymizer=pseudonymizer, seed=cfg.seed)
            out.write("graph.html", page.encode("utf-8"))
            progress("writing the report")
            report = report_html(result.analysis, result.resolution, cfg.accounts, lang=cfg.lang, pseudonymizer=pseudonymizer, seed=cfg.seed)
            out.write("report.html", report.encode("utf-8"))
        if images:
            from .render.static import map_image

            progress("drawing the images")
            for fmt in ("png", "svg"):
                out.write(f"graph.{fmt}", map_image(result.analysis, fmt=fmt, pseudonymizer=pseudonymizer, seed=cfg.seed))
        return sorted(out.written)


__all__ = ["RunResult", "run", "write_outputs", "import_all", "resolve_all", "run_record", "input_digest"]
