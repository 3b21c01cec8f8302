"""Pseudonymisation: stable, keyed pseudonyms and tables stripped of contact details.

A :class:`Pseudonymizer` turns a person key (a person id, or ``"name:<name>"`` for people
without one) into a pseudonym such as ``"Contact 3F9A-27C1-5D0E"`` with HMAC-SHA256. The
pseudonym depends only on the secret key and the *normalised* person key, so batch runs that
share a key give the same contact the same pseudonym across participants, while someone without
the key cannot recompute it (RELIABILITY.md §6). The key itself never reaches an output.

>>> p = Pseudonymizer(b"k" * 32)
>>> p.name("p0123456789") == p.name(" P0123456789 ")
True
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import ConfigError

__all__ = [
    "AFFILIATION_COLUMNS",
    "BLANKED_COLUMNS",
    "CONTACT_DETAIL_COLUMNS",
    "KEY_BYTES",
    "Pseudonymizer",
    "anonymize_frame",
    "anonymize_tables",
    "label_without_affiliation",
    "load_or_create_key",
    "normalise_key",
    "person_key",
    "redact_text",
    "scrub_run_record",
]

log = logging.getLogger(__name__)

KEY_BYTES = 32

#: Columns that identify or reach a person; dropped by :func:`anonymize_frame`.
CONTACT_DETAIL_COLUMNS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "profile_url",
    "email",
    "phone",
    "handle",
    "platform_id",
    "source_file",
    "contact_ids",
)
#: Columns blanked (kept, for the output contract) rather than dropped.
BLANKED_COLUMNS: tuple[str, ...] = ("source_id",)
#: Affiliation columns, dropped unless ``keep_affiliation``.
AFFILIATION_COLUMNS: tuple[str, ...] = ("company", "position")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # ISO dates are not phone numbers
_HANDLE = re.compile(r"(?<![\w@])@\w{2,}")


def normalise_key(person_key: str) -> str:
    """The canonical form of a person key: NFKC, case-folded, single spaces, trimmed."""
    text = unicodedata.normalize("NFKC", str(person_key)).casefold()
    return " ".join(text.split())


@dataclass(frozen=True)
class Pseudonymizer:
    """Keyed pseudonyms for persons.

    Parameters
    ----------
    key : bytes
        At least 16 secret bytes (see :func:`load_or_create_key`); never written to an output.
    prefix : str
        The word before the code (``"Contact"``).

    Examples
    --------
    >>> p = Pseudonymizer(b"0" * 32)
    >>> p.name("p1") == p.name(" P1 "), p.name("p1").startswith("Contact ")
    (True, True)
    >>> Pseudonymizer(b"1" * 32).name("p1") == p.name("p1")   # another key, other pseudonyms
    False
    """

    key: bytes = field(repr=False)
    prefix: str = "Contact"

    def __post_init__(self) -> None:
        if not isinstance(self.key, (bytes, bytearray)) or len(self.key) < 16:
            raise ConfigError("the pseudonymisation key must be at least 16 bytes", hint="use load_or_create_key()")

    def digest(self, person_key: str) -> bytes:
        """The HMAC-SHA256 of the normalised person key."""
        return hmac.new(bytes(self.key), normalise_key(person_key).encode("utf-8"), hashlib.sha256).digest()

    def code(self, person_key: str) -> str:
        """A 48-bit code ``"3F9A-27C1-5D0E"`` (collisions are negligible below millions of persons)."""
        h = self.digest(person_key)[:6].hex().upper()
        return f"{h[0:4]}-{h[4:8]}-{h[8:12]}"

    def name(self, person_key: str) -> str:
        """The pseudonym shown instead of a name: ``"Contact 3F9A-27C1-5D0E"``."""
        return f"{self.prefix} {self.code(person_key)}"

    def token(self, person_key: str) -> str:
        """An opaque identifier (``"x"`` + 16 hex chars) to use instead of an id."""
        return "x" + self.digest(person_key)[:8].hex()


def person_key(person_id: str, name: str = "") -> str:
    """The key to pseudonymise: the person id, or ``"name:<name>"`` when there is none."""
    return person_id if person_id else f"name:{name}"


def load_or_create_key(path: str | os.PathLike) -> bytes:
    """Read a 32-byte key file, or create it (random, mode 0600) if it does not exist.

    The key is what makes pseudonyms irreversible: keep the file out of shared outputs, and
    reuse it across participants of one study to get comparable pseudonyms.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = None
    except OSError as exc:
        raise ConfigError(f"cannot read the key file ({exc.strerror})", file=str(path)) from exc
    if data is not None:
        if len(data) != KEY_BYTES:
            raise ConfigError(
                f"the key file holds {len(data)} bytes, expected {KEY_BYTES}",
                file=str(path),
                hint="point to the key file netmix created, or to a new path to create one",
            )
        return data
    key = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # created concurrently: use that one
        return load_or_create_key(path)
    except OSError as exc:
        raise ConfigError(f"cannot create the key file ({exc.strerror})", file=str(path)) from exc
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    try:
        os.chmod(path, 0o600)
    except OSError:  # pragma: no cover - filesystems without modes
        log.warning("could not set mode 0600 on %s", path)
    return key


def redact_text(text: str, names: Mapping[str, str] | None = None) -> str:
    """Remove e-mail addresses, URLs, phone numbers and handles; replace the given names.

    ``names`` maps a name to its replacement (longest names are replaced first).
    """
    if not text:
        return text
    out = _EMAIL.sub("[email]", text)
    out = _URL.sub("[url]", out)
    out = _PHONE.sub(lambda m: m.group(0) if _DATE.fullmatch(m.group(0)) else "[phone]", out)
    out = _HANDLE.sub("[handle]", out)
    if names:
        for original in sorted((n for n in names if n and len(n) > 1), key=len, reverse=True):
            if original in out:
                out = out.replace(original, names[original])
    return out


def anonymize_frame(
    df: pd.DataFrame,
    pseudonymizer: Pseudonymizer,
    *,
    keep_affiliation: bool = False,
    key_ids: bool = True,
    free_text: tuple[str, ...] = ("evidence", "label", "reason"),
) -> pd.DataFrame:
    """One table with names pseudonymised and contact details removed.

    - ``name`` becomes the pseudonym of ``person_id`` (or of the name when there is no id);
    - ``names`` (``"perso: Marie | pro: M. Dupont"``) keeps the accounts, each name replaced;
    - ``person_id`` becomes a keyed token when ``key_ids`` (the plain id hashes a URL or a name);
    - contact-detail columns are dropped, ``source_id`` blanked, company/position dropped unless
      ``keep_affiliation``; free-text columns lose e-mails, URLs, phones, handles and names.
    Spheres, clusters, accounts and metrics are kept.
    """
    out = df.copy()
    pids = out["person_id"].astype(str) if "person_id" in out.columns else pd.Series([""] * len(out), index=out.index)
    if "name" in out.columns:
        originals = out["name"].astype(str)
        pseudo = [pseudonymizer.name(person_key(p, n)) for p, n in zip(pids, originals, strict=False)]
        mapping = {n: s for n, s in zip(originals, pseudo, strict=False) if n}
        out["name"] = pseudo
    else:
        originals = pd.Series([""] * len(out), index=out.index)
        mapping = {}
    if "names" in out.columns:
        out["names"] = [
            _pseudonymise_names(v, pseudonymizer.name(person_key(p, n)))
            for v, p, n in zip(out["names"].astype(str), pids, originals, strict=False)
        ]
    for col in free_text:
        if col in out.columns:
            out[col] = [
                redact_text(str(v), {n: mapping.get(n, "")} if n else None) for v, n in zip(out[col], originals, strict=False)
            ]
    if key_ids and "person_id" in out.columns:  # person ids hash source keys (URLs, names): key them too
        out["person_id"] = [pseudonymizer.token(p) if p else "" for p in pids]
    drop = [c for c in CONTACT_DETAIL_COLUMNS if c in out.columns]
    if not keep_affiliation:
        drop += [c for c in AFFILIATION_COLUMNS if c in out.columns]
    out = out.drop(columns=drop)
    for col in BLANKED_COLUMNS:
        if col in out.columns:
            out[col] = ""
    return out.reset_index(drop=True)


def _pseudonymise_names(value: str, pseudonym: str) -> str:
    if not value:
        return value
    parts = []
    for part in value.split(" | "):
        account, sep, _ = part.partition(": ")
        parts.append(f"{account}: {pseudonym}" if sep else pseudonym)
    return " | ".join(parts)


def anonymize_tables(
    tables: Mapping[str, pd.DataFrame],
    pseudonymizer: Pseudonymizer,
    *,
    keep_affiliation: bool = False,
    key_ids: bool = True,
) -> dict[str, pd.DataFrame]:
    """:func:`anonymize_frame` applied to every table of a ``{file name: frame}`` mapping.

    Cluster labels may be built from member names: names of all persons found in the tables are
    replaced by their pseudonyms in the ``label`` column too.
    """
    name_map: dict[str, str] = {}
    for df in tables.values():
        if "name" in df.columns:
            pids = df["person_id"].astype(str) if "person_id" in df.columns else [""] * len(df)
            for p, n in zip(pids, df["name"].astype(str), strict=False):
                if n and len(n) > 2:
                    name_map.setdefault(n, pseudonymizer.name(person_key(p, n)))
    out: dict[str, pd.DataFrame] = {}
    relabel: dict[str, str] = {}  # an automatic label -> the same without organisation
    for fname, df in tables.items():
        anon = anonymize_frame(df, pseudonymizer, keep_affiliation=keep_affiliation, key_ids=key_ids)
        if "label" in anon.columns and "name" not in df.columns and name_map:
            anon["label"] = [_replace_names(str(v), name_map) for v in df["label"]]
            anon["label"] = [redact_text(v) for v in anon["label"]]
        group = next((c for c in ("cluster", "circle") if c in anon.columns), None)  # clusters.csv, circles.csv
        if "label" in anon.columns and group is not None and not keep_affiliation:
            before = anon["label"].astype(str).tolist()
            anon["label"] = label_without_affiliation(anon.rename(columns={group: "cluster"}) if group != "cluster" else anon)
            relabel.update({b: a for b, a in zip(before, anon["label"], strict=True) if b != a})
        out[fname] = anon
    if relabel:  # free texts quote cluster labels ("mostly in c04 (Acme · 2019 · personal)")
        for anon in out.values():
            for col in ("reason", "evidence"):
                if col in anon.columns:
                    anon[col] = [_replace_names(str(v), relabel) for v in anon[col]]
    return out


_PERIOD = re.compile(r"^\d{4}(?:–\d{4})?$")
_SPHERE_PARTS = frozenset({"personal", "professional", "mixed", "both spheres"})
_CLUSTER_SUFFIX = re.compile(r" \((c\d+)\)$")


def label_without_affiliation(clusters: pd.DataFrame) -> list[str]:
    """Automatic cluster labels without the organisation or position they start with.

    An automatic label (``label_source`` ``auto``) joins an organisation or position word, a
    period and a sphere: only the period and the sphere are kept, so a pseudonymised output
    names no employer. User labels are the user's words and are kept. Equal labels get the
    cluster id, as in :func:`netmix.analysis.clusters.label_clusters`.

    >>> df = pd.DataFrame({"cluster": ["c01", "c02"], "label": ["Acme SA · 2019 · professional", "projet · 2019 · professional"],
    ...                    "label_source": ["auto", "auto"]})
    >>> label_without_affiliation(df)
    ['2019 · professional (c01)', '2019 · professional (c02)']
    """
    sources = clusters["label_source"].astype(str) if "label_source" in clusters.columns else pd.Series(["auto"] * len(clusters))
    labels = []
    for c, label, source in zip(clusters["cluster"].astype(str), clusters["label"].astype(str), sources, strict=True):
        if source != "auto":
            labels.append(label)
            continue
        base = _CLUSTER_SUFFIX.sub("", label)
        parts = [p for p in base.split(" · ") if _PERIOD.match(p) or p in _SPHERE_PARTS]
        labels.append(" · ".join(parts) or f"cluster {c}")
    seen = pd.Series(labels).duplicated(keep=False).tolist()
    return [
        f"{lab} ({c})" if dup and src == "auto" else lab
        for lab, dup, c, src in zip(labels, seen, clusters["cluster"], sources, strict=True)
    ]


def _replace_names(text: str, name_map: Mapping[str, str]) -> str:
    if not text:
        return text
    for original in sorted((n for n in name_map if n in text), key=len, reverse=True):
        text = text.replace(original, name_map[original])
    return text


def _sha256_of(path: str) -> str:
    try:
        return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "sha256:?"


def scrub_run_record(record: Mapping[str, Any], config: Any, *, pseudonymised: bool) -> dict[str, Any]:
    """run.json without paths: file names only, and in a pseudonymised run not even those.

    Input paths in issue texts become the file's name (no home folders). When ``pseudonymised``,
    account and tie files are known by their hashes and account names only, the decisions and
    labels files by their hashes, and issue texts lose names, e-mails, URLs and phones.

    >>> from netmix.model import Account
    >>> from netmix.config import RunConfig
    >>> cfg = RunConfig(accounts=(Account("fb", "personal", "/home/ana/facebook-ana-2025.zip"),))
    >>> rec = {"parameters": {"anonymize": False, "decisions": None, "labels": None},
    ...        "accounts": [{"name": "fb", "file": "facebook-ana-2025.zip", "sha256": "ab",
    ...                      "issues": ["warning: /home/ana/facebook-ana-2025.zip: 2 rows skipped"]}], "ties": []}
    >>> scrub_run_record(rec, cfg, pseudonymised=False)["accounts"][0]["issues"]
    ['warning: facebook-ana-2025.zip: 2 rows skipped']
    >>> anon = scrub_run_record(rec, cfg, pseudonymised=True)
    >>> "file" in anon["accounts"][0], anon["accounts"][0]["issues"], anon["parameters"]["anonymize"]
    (False, ['warning: [fb]: 2 rows skipped'], True)
    """
    out = json.loads(json.dumps(record))
    paths = [(a.path, a.name) for a in config.accounts] + [(t.path, t.account or "ties") for t in config.ties]
    swaps = []
    for path, owner in paths:
        shown = f"[{owner}]" if pseudonymised else os.path.basename(os.path.normpath(path))
        for form in {path, os.path.normpath(path), os.path.abspath(path), str(Path(path).resolve())}:
            swaps.append((form, shown))
    swaps.sort(key=lambda s: len(s[0]), reverse=True)

    def clean(text: str) -> str:
        for form, shown in swaps:
            text = text.replace(form, shown)
        return redact_text(text) if pseudonymised else text

    for section in ("accounts", "ties"):
        for entry in out.get(section, []):
            entry["issues"] = [clean(str(i)) for i in entry.get("issues", [])]
            if pseudonymised:
                entry.pop("file", None)
    params = out.setdefault("parameters", {})
    if pseudonymised:
        params["anonymize"] = True
        for key in ("decisions", "labels"):
            path = getattr(config, key, None)
            params[key] = _sha256_of(path) if path else None
    return out
