"""Batch mode: run netmix over many participants and collect one tidy table.

Layout of the input folder (one sub-folder per participant; the folder name is the
participant id — the researcher's code — and is kept as given, even when pseudonymising)::

    ROOT/
      P001/
        netmix.toml                  optional: accounts, ties and settings (as for `netmix analyze`)
        perso/ …                     without a toml: every export folder or file is an account,
        pro.professional/ …            named <account>[.<sphere>] (sphere: personal | professional,
        linkedin.csv                   or perso | pro); without a sphere, names containing pro,
                                       linkedin, work or job are professional, others personal
        ties/perso.gdf               optional: tie files; ties/<account>.<ext> belong to <account>
        decisions.csv, labels.csv    optional, as in netmix.toml
      P002/ …

Entries starting with ``.`` or ``_``, ``truth.json``, ``README*``, ``*.md``, ``*.txt``, ``*.key``
and ``*.toml`` files are never accounts.

Outputs (``OUT``)::

    OUT/participants.csv, participants.parquet   one row per participant, sorted by id
    OUT/risk.json                                 re-identification risk (per participant + overall)
    OUT/batch.log                                 one line per participant: done / skipped / failed
    OUT/<participant>/…                           that participant's `netmix analyze` outputs,
                                                  + risk.json and batch.json (resume record)

A participant whose input cannot be read (a :class:`~netmix.errors.NetmixError`) gets
``status = failed`` and the reason in ``error``; the batch goes on. A participant whose outputs
are complete for the same inputs (SHA-256) and settings is skipped unless ``force``.
Each participant's work is a pure function of its folder and the settings, so the table is the
same byte for byte whichever executor ran it: local processes (default) or a Dask cluster.

>>> result = run_batch("participants", "out", workers=2)        # doctest: +SKIP
>>> result.table[["participant", "status", "persons", "doubles"]]  # doctest: +SKIP
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import io
import json
import logging
import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ._version import __version__
from .config import RunConfig, load_config
from .errors import ConfigError, InputError, NetmixError
from .io.output import csv_bytes, json_bytes, write_atomic
from .model import SPHERE_ALIASES, Account, TieSource, default_sphere

log = logging.getLogger(__name__)

#: ``progress(done, total, line)``: called with ``done = 0`` first, then once per participant.
BatchProgress = Callable[[int, int, str], None]

#: Settings a batch may impose on every participant (over their netmix.toml).
SETTING_KEYS: tuple[str, ...] = ("seed", "resolution", "threshold", "min_mutual", "lang")

STATUSES: tuple[str, ...] = ("done", "skipped", "failed")
_RESERVED_FILES = {"netmix.toml", "truth.json", "decisions.csv", "labels.csv", "batch.json", "risk.json"}
_IGNORED_SUFFIXES = (".md", ".txt", ".key", ".toml", ".log")
_KEY_CHECK = "netmix:batch:key-check"

#: Fixed columns of participants.csv, with their types (``str``, ``int`` or ``float``).
#: Columns ``role_<role>`` and ``exclusions_<status>`` follow, one per value seen in the batch.
PARTICIPANT_COLUMNS: dict[str, type] = {
    "participant": str,
    "status": str,  # done (outputs complete, from this run or an earlier one) | failed
    "error": str,
    "accounts": str,  # account names, ";"-joined
    "n_accounts": int,
    "contacts": int,
    "contacts_personal": int,
    "contacts_professional": int,
    "persons": int,  # persons who are contacts
    "persons_personal": int,  # reached only from personal accounts
    "persons_professional": int,  # reached only from professional accounts
    "persons_both": int,  # reached from both spheres
    "non_contacts": int,  # persons met in tie files only
    "doubles": int,  # persons reached from >= 2 accounts
    "doubles_certain": int,
    "doubles_likely": int,
    "doubles_review": int,
    "overlap_jaccard": float,  # both / persons
    "overlap_personal": float,  # both / (personal + both)
    "overlap_professional": float,  # both / (professional + both)
    "ties": int,
    "ties_observed": int,
    "ties_inferred": int,
    "clusters": int,
    "clusters_personal": int,  # >= 80 % of members personal-only
    "clusters_professional": int,  # >= 80 % professional-only
    "clusters_mixed": int,
    "largest_cluster": int,
    "cluster_sizes": str,  # ";"-joined, largest first
    "exclusions": int,
    "bridges": int,
    "risk_k_degree": int,
    "risk_unique_degree_share": float,
    "risk_unique_signature_share": float,
    "seed": int,
    "resolution": float,
    "threshold": float,
    "min_mutual": int,
    "lang": str,
    "pseudonymised": str,  # yes | no
    "netmix_version": str,
}
_DOMINANT = 0.8


# --- records ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Participant:
    """One participant: an id and the folder holding their exports."""

    id: str
    folder: str


@dataclass(frozen=True)
class ParticipantOutcome:
    """What happened to one participant: ``done``, ``skipped`` or ``failed``, and its table row."""

    participant: str
    status: str
    row: dict = field(default_factory=dict, compare=False)
    error: str = ""
    risk: dict = field(default_factory=dict, compare=False)
    person_ids: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def line(self) -> str:
        """The batch.log line (no names, no key)."""
        if self.status == "failed":
            return f"{self.participant}: failed: {self.error}"
        return f"{self.participant}: {self.status}"


@dataclass(frozen=True)
class BatchResult:
    """The outcome of :func:`run_batch`.

    ``table``: participants.csv as a DataFrame (one row per participant, sorted by id).
    ``risk``: risk.json as a dict. ``outcomes``: one per participant, sorted by id.
    """

    out: str
    table: pd.DataFrame
    risk: dict
    outcomes: tuple[ParticipantOutcome, ...]

    def ids(self, status: str) -> list[str]:
        """Participant ids with that status."""
        return [o.participant for o in self.outcomes if o.status == status]

    @property
    def done(self) -> list[str]:
        return self.ids("done")

    @property
    def skipped(self) -> list[str]:
        return self.ids("skipped")

    @property
    def failed(self) -> list[str]:
        return self.ids("failed")


@dataclass(frozen=True)
class _Task:
    participant: Participant
    root: str
    out: str
    settings: tuple[tuple[str, Any], ...]
    html: bool
    force: bool
    pseudonymizer: Any = field(default=None, repr=False)


# --- discovery ----------------------------------------------------------------------------------
def discover(root: str | os.PathLike, *, exclude: Iterable[str | os.PathLike] = ()) -> list[Participant]:
    """The participants of ``root``: its sub-folders (not hidden, not ``_…``), sorted by id."""
    root_p = Path(root)
    if not root_p.is_dir():
        raise InputError("the batch folder does not exist or is not a folder", file=str(root), hint="give a folder with one sub-folder per participant")
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


def detect_config(folder: str | os.PathLike) -> RunConfig:
    """The run configuration of a participant folder: its ``netmix.toml``, else its layout.

    See the module docstring for the layout convention.
    """
    folder = Path(folder)
    toml = folder / "netmix.toml"
    if toml.is_file():
        return load_config(toml)
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
    extra = {k: str(folder / f"{k}.csv") for k in ("decisions", "labels") if (folder / f"{k}.csv").is_file()}
    return RunConfig(accounts=tuple(accounts), ties=tuple(ties), **extra)


# --- one participant ------------------------------------------------------------------------------
def _digest(path: str) -> str:
    from .pipeline import input_digest

    return input_digest(path)


def _file_digest(path: str | None) -> str | None:
    if not path or not Path(path).is_file():
        return None
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def fingerprint(config: RunConfig, *, html: bool, pseudonymizer: Any = None) -> dict:
    """What a participant's outputs depend on: input hashes, settings, version, key check.

    The key check is a pseudonym of a fixed text: it changes with the key but reveals nothing
    about it.
    """
    return {
        "netmix": __version__,
        "accounts": [
            {"name": a.name, "sphere": a.sphere, "format": a.platform, "encoding": a.encoding, "sha256": _digest(a.path)}
            for a in config.accounts
        ],
        "ties": [{"account": t.account, "format": t.format, "sha256": _digest(t.path)} for t in config.ties],
        "decisions": _file_digest(config.decisions),
        "labels": _file_digest(config.labels),
        "settings": {k: getattr(config, k) for k in SETTING_KEYS},
        "html": html,
        "pseudonymised": pseudonymizer is not None,
        "key_check": pseudonymizer.code(_KEY_CHECK) if pseudonymizer is not None else "",
    }


def _complete(out: Path, fp: dict) -> dict | None:
    """The stored record of a complete earlier run with the same fingerprint, else ``None``."""
    try:
        record = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("fingerprint") != json.loads(json.dumps(fp)):
        return None
    if not all((out / f).is_file() for f in record.get("files", [])) or not (out / "run.json").is_file():
        return None
    return record


def _relative_message(err: Exception, root: str) -> str:
    """The error text with the batch folder's path removed (stable across machines)."""
    text = str(err).replace("\n  hint:", " — hint:")
    for prefix in {str(Path(root)), str(Path(root).resolve())}:
        text = text.replace(prefix + os.sep, "").replace(prefix, ".")
    return text


def _is_ego(node: Any, data: Mapping[str, Any]) -> bool:
    """Ego nodes (everyone can identify the ego: it is left out of the risk figures)."""
    flag = data.get("is_ego")
    return (flag not in (None, "", 0, "0", False, "False")) or data.get("kind") == "ego"


def _count(series: pd.Series | None, value: str) -> int:
    if series is None:
        return 0
    return int((series.astype(str) == value).sum())


def _col(df: pd.DataFrame | None, name: str) -> pd.Series | None:
    return df[name] if df is not None and name in df.columns else None


def participant_row(result: Any, risk: Mapping[str, Any], *, pseudonymised: bool) -> dict:
    """The participants.csv row of one finished run (figures only: no names, no ids)."""
    cfg: RunConfig = result.config
    res = result.resolution
    an = result.analysis
    contacts = res.contacts
    persons = an.persons if an.persons is not None and len(an.persons) else res.persons
    sphere = _col(persons, "sphere")
    is_contact = _col(res.persons, "is_contact")
    n_contacts_persons = (
        _count(is_contact, "1") if is_contact is not None else int((sphere.astype(str) != "").sum()) if sphere is not None else 0
    )
    p_pers, p_pro, p_both = _count(sphere, "personal"), _count(sphere, "professional"), _count(sphere, "both")
    accounts_col = _col(persons, "accounts")
    doubles = int(sum(1 for v in accounts_col.astype(str) if len([a for a in v.split(";") if a]) >= 2)) if accounts_col is not None else 0
    band = _col(res.doubles, "band")
    ties = res.ties if res.ties is not None else pd.DataFrame()
    graph = an.graph
    kinds = [d.get("kind", "") for _, _, d in graph.edges(data=True)] if graph is not None else []
    clusters = an.clusters if an.clusters is not None else pd.DataFrame()
    sizes, comp = [], {"personal": 0, "professional": 0, "mixed": 0}
    for _, c in clusters.iterrows():
        size = int(pd.to_numeric(c.get("size", 0), errors="coerce") or 0)
        sizes.append(size)
        pers = float(pd.to_numeric(c.get("personal", 0), errors="coerce") or 0)
        pro = float(pd.to_numeric(c.get("professional", 0), errors="coerce") or 0)
        if size and pers / size >= _DOMINANT:
            comp["personal"] += 1
        elif size and pro / size >= _DOMINANT:
            comp["professional"] += 1
        else:
            comp["mixed"] += 1
    sizes.sort(reverse=True)

    def ratio(a: int, b: int) -> float:
        return round(a / b, 6) if b else 0.0

    threshold = res.params.get("threshold", cfg.threshold) if isinstance(res.params, dict) else cfg.threshold
    row: dict[str, Any] = {
        "participant": "",
        "status": "done",
        "error": "",
        "accounts": ";".join(a.name for a in cfg.accounts),
        "n_accounts": len(cfg.accounts),
        "contacts": len(contacts),
        "contacts_personal": _count(_col(contacts, "sphere"), "personal"),
        "contacts_professional": _count(_col(contacts, "sphere"), "professional"),
        "persons": n_contacts_persons,
        "persons_personal": p_pers,
        "persons_professional": p_pro,
        "persons_both": p_both,
        "non_contacts": max(len(res.persons) - n_contacts_persons, 0) if res.persons is not None else 0,
        "doubles": doubles,
        "doubles_certain": _count(band, "certain"),
        "doubles_likely": _count(band, "likely"),
        "doubles_review": _count(band, "review"),
        "overlap_jaccard": ratio(p_both, p_pers + p_pro + p_both),
        "overlap_personal": ratio(p_both, p_pers + p_both),
        "overlap_professional": ratio(p_both, p_pro + p_both),
        "ties": len(kinds) if graph is not None else len(ties),
        "ties_observed": sum(1 for k in kinds if "observed" in str(k)),  # observed or observed+inferred
        "ties_inferred": sum(1 for k in kinds if "inferred" in str(k)),
        "clusters": len(clusters),
        "clusters_personal": comp["personal"],
        "clusters_professional": comp["professional"],
        "clusters_mixed": comp["mixed"],
        "largest_cluster": sizes[0] if sizes else 0,
        "cluster_sizes": ";".join(str(s) for s in sizes),
        "exclusions": len(an.exclusions) if an.exclusions is not None else 0,
        "bridges": int(an.summary["bridges"]["confirmed"]),  # possible bridges (unconfirmed) are not counted
        "risk_k_degree": int(risk.get("k_degree_anonymity", 0)),
        "risk_unique_degree_share": float(risk.get("unique_degree_share", 0.0)),
        "risk_unique_signature_share": float(risk.get("unique_signature_share", 0.0)),
        "seed": cfg.seed,
        "resolution": float(cfg.resolution),
        "threshold": float(threshold) if threshold is not None else None,
        "min_mutual": cfg.min_mutual,
        "lang": cfg.lang,
        "pseudonymised": "yes" if pseudonymised else "no",
        "netmix_version": __version__,
    }
    role_col = _col(persons, "ego_role") if _col(persons, "ego_role") is not None else _col(persons, "role")
    if role_col is not None:
        for role, n in sorted(role_col.astype(str).replace("", "none").value_counts().items()):
            row[f"role_{_slug(role)}"] = int(n)
    status = _col(an.exclusions, "status")
    if status is not None:
        for st, n in sorted(status.astype(str).replace("", "unknown").value_counts().items()):
            row[f"exclusions_{_slug(st)}"] = int(n)
    return row


def _slug(value: str) -> str:
    """A column-name part: ``request pending`` → ``request_pending``."""
    return "".join(c if c.isalnum() else "_" for c in value.strip().lower()) or "none"


def _risk_of(result: Any) -> dict:
    from .risk import risk_summary

    graph = result.analysis.graph
    ego = [n for n, d in graph.nodes(data=True) if _is_ego(n, d)]
    summary = risk_summary(graph, ignore=ego)
    summary.pop("warning", None)
    return summary


def process_participant(task: _Task) -> ParticipantOutcome:
    """Run (or skip) one participant; never raises for bad input. Runs in a worker process."""
    from .pipeline import run, write_outputs

    pid = task.participant.id
    out = Path(task.out) / pid
    pseudo = task.pseudonymizer
    try:
        config = detect_config(task.participant.folder)
        if config.anonymize and pseudo is None:
            raise ConfigError(
                "this participant's netmix.toml asks for pseudonymised outputs",
                file=str(Path(task.participant.folder) / "netmix.toml"),
                hint="run the batch with --pseudonymize --key-file KEY",
            )
        settings = dict(task.settings)
        if settings:
            config = config.merged(**settings)
        if pseudo is not None:
            config = config.merged(anonymize=True)  # with the batch's key, which is never recorded
        fp = fingerprint(config, html=task.html, pseudonymizer=pseudo)
        if not task.force:
            record = _complete(out, fp)
            if record is not None:
                return ParticipantOutcome(
                    pid, "skipped", record["row"], risk=record.get("risk", {}), person_ids=tuple(record.get("person_ids", ()))
                )
        result = run(config)
        risk = _risk_of(result)
        files = write_outputs(result, out, html=task.html, pseudonymizer=pseudo)
        row = participant_row(result, risk, pseudonymised=pseudo is not None)
        row["participant"] = pid
        ids = sorted(str(p) for p in result.analysis.persons["person_id"]) if "person_id" in result.analysis.persons.columns else []
        if pseudo is not None:
            ids = sorted(pseudo.token(p) for p in ids)
        write_atomic(out / "risk.json", json_bytes({**risk, "warning": _warning()}))
        record = {"fingerprint": fp, "files": sorted(files) + ["risk.json"], "row": row, "risk": risk, "person_ids": ids}
        write_atomic(out / "batch.json", json_bytes(record))
        return ParticipantOutcome(pid, "done", row, risk=risk, person_ids=tuple(ids))
    except NetmixError as err:
        msg = _relative_message(err, task.root)
        log.warning("participant %s failed: %s", pid, msg)
        return ParticipantOutcome(pid, "failed", error=msg)
    except Exception as exc:  # a bug: the batch goes on, the reason names the place, not the data
        tb = traceback.extract_tb(exc.__traceback__)
        where = f" at {Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else ""
        log.error("participant %s failed with an internal error %s%s", pid, type(exc).__name__, where)
        return ParticipantOutcome(pid, "failed", error=f"internal error ({type(exc).__name__}{where}); please report it")


def _warning() -> str:
    from .risk import WARNING

    return WARNING


# --- the batch ------------------------------------------------------------------------------------
def _quiet(done: int, total: int, line: str) -> None:
    return None


def _run_local(tasks: list[_Task], workers: int, report: Callable[[ParticipantOutcome], None]) -> None:
    if workers <= 1 or len(tasks) <= 1:
        for t in tasks:
            report(process_participant(t))
        return
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=ctx) as pool:
        futures = [pool.submit(process_participant, t) for t in tasks]
        for fut in cf.as_completed(futures):
            report(fut.result())


def _run_dask(tasks: list[_Task], scheduler: Any, report: Callable[[ParticipantOutcome], None]) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - dask is an optional extra
        raise ConfigError("Dask is not installed", hint="pip install 'netmix[dask]'") from exc
    own = isinstance(scheduler, str)
    try:
        client = Client(scheduler, set_as_default=False) if own else scheduler
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler {scheduler!r} ({exc})", hint="check the address: tcp://HOST:8786") from exc
    try:
        futures = client.map(process_participant, tasks, pure=False)
        with client.as_current():  # as_completed looks for the current client
            for fut in as_completed(futures):
                report(fut.result())
    finally:
        if own:
            client.close()


def _table(outcomes: list[ParticipantOutcome]) -> pd.DataFrame:
    rows = []
    for o in outcomes:
        row = dict(o.row) if o.row else {}
        row["participant"] = o.participant
        row["status"] = "failed" if o.status == "failed" else "done"  # the table describes data, not this run
        row["error"] = o.error
        rows.append(row)
    dynamic = sorted({k for r in rows for k in r if k not in PARTICIPANT_COLUMNS}, key=lambda k: (k.split("_", 1)[0], k))
    columns = list(PARTICIPANT_COLUMNS) + dynamic
    data: dict[str, pd.Series] = {}
    for col in columns:
        kind = PARTICIPANT_COLUMNS.get(col, int)
        values = []
        for r in rows:
            v = r.get(col)
            if v is None and col in dynamic and r.get("status") != "failed":
                v = 0
            values.append(v)
        if kind is str:
            data[col] = pd.Series(["" if v is None else str(v) for v in values], dtype=object)
        elif kind is int:
            data[col] = pd.Series(values, dtype="Int64")
        else:
            data[col] = pd.Series(values, dtype="Float64")
    return pd.DataFrame(data, columns=columns)


def _parquet_bytes(df: pd.DataFrame) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="snappy")
    return buf.getvalue()


def _risk_report(outcomes: list[ParticipantOutcome], pseudonymised: bool) -> dict:
    from .risk import WARNING

    per = {o.participant: o.risk for o in outcomes if o.status != "failed" and o.risk}
    seen: dict[str, int] = {}
    for o in outcomes:
        for p in set(o.person_ids):
            seen[p] = seen.get(p, 0) + 1
    ks = [r["k_degree_anonymity"] for r in per.values() if r.get("persons")]
    return {
        "warning": WARNING,
        "pseudonymised": pseudonymised,
        "participants": per,
        "overall": {
            "participants": len(per),
            "min_k_degree_anonymity": min(ks) if ks else 0,
            "participants_with_k1": sum(1 for k in ks if k == 1),
            "max_unique_degree_share": max((r["unique_degree_share"] for r in per.values()), default=0.0),
            "max_unique_signature_share": max((r["unique_signature_share"] for r in per.values()), default=0.0),
            "persons_in_several_participants": sum(1 for n in seen.values() if n >= 2),
            "note": (
                "persons_in_several_participants: the same person (same pseudonym) appears in the "
                "data of several participants; linking them across participants is possible by design"
            ),
        },
    }


def run_batch(
    root: str | os.PathLike,
    out: str | os.PathLike,
    *,
    workers: int | None = None,
    scheduler: Any = None,
    force: bool = False,
    pseudonymizer: Any = None,
    progress: BatchProgress | None = None,
    html: bool = False,
    settings: Mapping[str, Any] | None = None,
) -> BatchResult:
    """Run netmix for every participant folder of ``root``; write outputs and tables in ``out``.

    Parameters
    ----------
    root : folder with one sub-folder per participant (layout in the module docstring).
    out : output folder; ``out/<participant>/`` gets that participant's outputs.
    workers : local worker processes (default: the number of CPUs; 1 runs in this process).
    scheduler : a Dask scheduler address (``"tcp://host:8786"``) or a ``distributed.Client``;
        when given, the participants run on that cluster (``workers`` is ignored). The workers
        must see ``root`` and ``out`` at the same paths.
    force : re-run participants whose outputs are already complete.
    pseudonymizer : a :class:`netmix.privacy.Pseudonymizer`: names become pseudonyms (the same
        person gets the same pseudonym in every participant), contact details are dropped.
    progress : ``progress(done, total, line)``, called once before and once per participant.
    html : also write each participant's graph.html and report.html.
    settings : ``seed``, ``resolution``, ``threshold``, ``min_mutual``, ``lang`` imposed on
        every participant (over their netmix.toml).

    Returns
    -------
    BatchResult with the participants table, the risk report and one outcome per participant.
    Participants that fail are in the table with ``status = "failed"`` and ``error``.
    """
    report_progress = progress or _quiet
    settings = dict(settings or {})
    unknown = set(settings) - set(SETTING_KEYS)
    if unknown:
        raise ConfigError(f"unknown batch setting {sorted(unknown)[0]!r}", hint=f"known: {', '.join(SETTING_KEYS)}")
    out_p = Path(out)
    participants = discover(root, exclude=[out_p])
    if not participants:
        raise InputError("no participant folder found", file=str(root), hint="put one sub-folder per participant in it")
    try:
        out_p.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from .errors import OutputError

        raise OutputError(f"cannot create the output folder ({exc.strerror})", file=str(out_p)) from exc
    frozen = tuple(sorted((k, v) for k, v in settings.items() if v is not None))
    tasks = [_Task(p, str(root), str(out_p), frozen, html, force, pseudonymizer) for p in participants]
    total = len(tasks)
    outcomes: list[ParticipantOutcome] = []
    report_progress(0, total, "")

    def report(outcome: ParticipantOutcome) -> None:
        outcomes.append(outcome)
        (log.warning if outcome.status == "failed" else log.info)("%s", outcome.line)
        report_progress(len(outcomes), total, outcome.line)

    if scheduler is not None:
        _run_dask(tasks, scheduler, report)
    else:
        _run_local(tasks, workers or os.cpu_count() or 1, report)

    outcomes.sort(key=lambda o: o.participant)
    table = _table(outcomes)
    risk = _risk_report(outcomes, pseudonymizer is not None)
    write_atomic(out_p / "participants.csv", csv_bytes(table))
    write_atomic(out_p / "participants.parquet", _parquet_bytes(table))
    write_atomic(out_p / "risk.json", json_bytes(risk))
    write_atomic(out_p / "batch.log", ("\n".join(o.line for o in outcomes) + "\n").encode("utf-8"))
    return BatchResult(str(out_p), table, risk, tuple(outcomes))


__all__ = [
    "BatchProgress",
    "BatchResult",
    "PARTICIPANT_COLUMNS",
    "Participant",
    "ParticipantOutcome",
    "detect_config",
    "discover",
    "fingerprint",
    "participant_row",
    "process_participant",
    "run_batch",
]
