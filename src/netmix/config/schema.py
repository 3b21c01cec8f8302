"""The schema of ``netmix.toml``: every key, its type and range, checked before anything runs.

:func:`validate` returns one line per problem (wrong type, value out of range, NaN, unknown key
with a "did you mean", the same export listed under two accounts); :func:`netmix.config.load_config`
turns them into one :class:`~netmix.errors.ConfigError`. No configuration, however wrong, ends in
a traceback.
"""

from __future__ import annotations

import codecs
import difflib
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["SCHEMA", "Field", "validate"]


@dataclass(frozen=True)
class Field:
    """One key of a table: its kind (``int``, ``float``, ``bool``, ``str``, ``columns``) and its rule."""

    kind: str
    required: bool = False
    check: Callable[[Any], str | None] | None = None  # a problem, or None


def _between(low: float, high: float | None, *, open_low: bool = False, open_high: bool = False) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        too_low = value <= low if open_low else value < low
        too_high = high is not None and (value >= high if open_high else value > high)
        if too_low or too_high:
            lo = f"above {low}" if open_low else f"at least {low}"
            hi = "" if high is None else (f" and below {high}" if open_high else f" and at most {high}")
            return f"must be {lo}{hi}, got {value!r}"
        return None

    return check


def _one_of(*values: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value.lower() in values else f"must be one of {', '.join(values)}, got {value!r}"

    return check


def _codec(value: Any) -> str | None:
    try:
        codecs.lookup(value)
    except LookupError:
        return f"is not a known text encoding: {value!r}"
    return None


SPHERE_WORDS = ("personal", "professional", "perso", "pro")

#: table → key → field. ``account`` and ``ties`` are arrays of tables.
SCHEMA: dict[str, dict[str, Field]] = {
    "run": {
        "seed": Field("int", check=_between(0, 2**32 - 1)),
        "resolution": Field("float", check=_between(0, None, open_low=True)),
        "threshold": Field("float", check=_between(0, 1, open_low=True, open_high=True)),
        "decisions": Field("str"),
        "labels": Field("str"),
        "lang": Field("str", check=_one_of("en", "fr")),
        "min_mutual": Field("int", check=_between(1, None)),
        "anonymize": Field("bool"),
        "key_file": Field("str"),
    },
    "account": {
        "name": Field("str", required=True),
        "path": Field("str", required=True),
        "sphere": Field("str", check=_one_of(*SPHERE_WORDS)),
        "format": Field("str"),
        "encoding": Field("str", check=_codec),
        "columns": Field("columns"),
    },
    "ties": {
        "path": Field("str", required=True),
        "account": Field("str"),
        "format": Field("str"),
    },
}
_ARRAYS = ("account", "ties")
_KIND_WORDS = {"int": "a whole number", "float": "a number", "bool": "true or false", "str": "text", "columns": "a table or text"}


def _did_you_mean(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f" — did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"


def _type_problem(kind: str, value: Any) -> str | None:
    if kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "float":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and not math.isfinite(value):
            return f"must be a finite number, got {value!r}"
    elif kind == "bool":
        ok = isinstance(value, bool)
    elif kind == "str":
        ok = isinstance(value, str) and value.strip() != ""
    else:  # columns: {field = "column"} or "field=column,…"
        ok = isinstance(value, str) or (isinstance(value, Mapping) and all(isinstance(v, str) for v in value.values()))
    if ok:
        return None
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return f"must be {_KIND_WORDS[kind]}, got {shown}"


def _check_table(where: str, table: Any, fields: Mapping[str, Field]) -> list[str]:
    if not isinstance(table, Mapping):
        return [f"{where}: must be a table ([{where.split('[')[0]}]), got {type(table).__name__}"]
    problems = []
    for key, value in table.items():
        spec = fields.get(key)
        if spec is None:
            problems.append(f"{where}: unknown key {key!r}{_did_you_mean(key, list(fields))}")
            continue
        problem = _type_problem(spec.kind, value) or (spec.check(value) if spec.check else None)
        if problem:
            problems.append(f"{where}.{key}: {problem}")
    for key, spec in fields.items():
        if spec.required and key not in table:
            problems.append(f"{where}: the key {key!r} is missing")
    return problems


def _same_exports(accounts: list[Any], base: str) -> list[str]:
    seen: dict[str, str] = {}
    problems = []
    for entry in accounts:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("path"), str) or not isinstance(entry.get("name"), str):
            continue
        real = os.path.realpath(os.path.join(base, entry["path"]))
        if real in seen:
            problems.append(
                f"accounts {seen[real]!r} and {entry['name']!r} read the same export {entry['path']!r}: "
                "every contact would be a false double"
            )
        else:
            seen[real] = entry["name"]
    return problems


def validate(data: Mapping[str, Any], *, base: str = ".") -> list[str]:
    """Every problem of a parsed netmix.toml, one line each (empty when it is valid).

    Parameters
    ----------
    data : Mapping
        The parsed TOML document.
    base : str
        The folder of the toml file (relative paths are resolved from it).

    Returns
    -------
    list of str
        The problems, in the order of the file.

    Examples
    --------
    >>> doc = {"run": {"seed": "seven", "resolution": float("nan")}, "account": [{"name": "a", "path": "x", "sphre": "pro"}]}
    >>> for problem in validate(doc):
    ...     print(problem)
    run.seed: must be a whole number, got 'seven'
    run.resolution: must be a finite number, got nan
    account[1]: unknown key 'sphre' — did you mean 'sphere'?
    >>> validate({"runn": {}, "account": [{"name": "a", "path": "x"}]})
    ["unknown table 'runn' — did you mean 'run'?"]
    """
    problems = []
    for key in data:
        if key not in SCHEMA:
            problems.append(f"unknown table {key!r}{_did_you_mean(key, list(SCHEMA))}")
    if "run" in data:
        problems += _check_table("run", data["run"], SCHEMA["run"])
    for array in _ARRAYS:
        entries = data.get(array, [])
        if not isinstance(entries, list):
            problems.append(f"{array}: must be written [[{array}]] (a list of tables), got {type(entries).__name__}")
            continue
        for i, entry in enumerate(entries, start=1):
            problems += _check_table(f"{array}[{i}]", entry, SCHEMA[array])
    if not data.get("account"):
        problems.append("no [[account]] entry: give at least one account with name and path")
    elif isinstance(data["account"], list):
        problems += _same_exports(data["account"], base)
    return problems
