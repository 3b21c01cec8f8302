"""Reading a ``netmix.toml``: parse, validate against the schema, build the :class:`RunConfig`."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import SPHERE_ALIASES, Account, TieSource, default_sphere
from .run import RunConfig
from .schema import validate

__all__ = ["load_config"]


def _columns(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not value:
        return ()
    if isinstance(value, Mapping):
        pairs = [(str(k).strip(), str(v).strip()) for k, v in value.items()]
    else:
        pairs = []
        for part in str(value).split(","):
            key, sep, col = part.partition("=")
            if not sep:
                raise ConfigError(
                    f"{where}.columns: {part.strip()!r} is not FIELD=COLUMN",
                    hint='for example columns = "name=Full Name,email=Mail"',
                )
            pairs.append((key.strip(), col.strip()))
    return tuple(sorted(pairs))


def _account(entry: Mapping[str, Any], where: str, rel: Any) -> Account:
    name = entry["name"].strip()
    sphere = entry.get("sphere")
    return Account(
        name=name,
        sphere=SPHERE_ALIASES[sphere.strip().lower()] if sphere else default_sphere(name),
        path=rel(entry["path"]),
        platform=entry.get("format"),
        encoding=entry.get("encoding"),
        columns=_columns(entry.get("columns"), where),
    )


def load_config(path: str | Path) -> RunConfig:
    """Read and validate a ``netmix.toml``; relative paths are made relative to its folder.

    A missing sphere follows the name, as with ``--account`` (names containing pro, linkedin or
    work are professional); ``perso`` and ``pro`` are accepted. Every problem of the file is
    reported at once, one line each, in a :class:`~netmix.errors.ConfigError`.

    Parameters
    ----------
    path : str or Path
        The toml file.

    Returns
    -------
    RunConfig
        The configuration, paths made absolute or relative to the current folder.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "netmix.toml").write_text('[[account]]\\nname = "linkedin"\\npath = "in.csv"\\n')
    >>> load_config(folder / "netmix.toml").accounts[0].sphere
    'professional'
    >>> _ = (folder / "bad.toml").write_text('[run]\\nseed = "seven"\\n[[account]]\\nname = "a"\\npath = "x"\\n')
    >>> load_config(folder / "bad.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netmix.errors.ConfigError: ...bad.toml: 1 problem:
      run.seed: must be a whole number, got 'seven'
      hint: fix the lines above; the keys are listed in the netmix.config documentation
    """
    path = Path(path)
    data = _read(path)
    base = path.parent
    problems = validate(data, base=str(base))
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise ConfigError(
            f"{count}:\n  " + "\n  ".join(problems),
            file=str(path),
            hint="fix the lines above; the keys are listed in the netmix.config documentation",
        )
    return _build(data, base, path)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("no such configuration file", file=str(path), hint="check the path of --config") from exc
    except IsADirectoryError as exc:
        raise ConfigError(
            "this is a folder, not a configuration file", file=str(path), hint="give the netmix.toml inside it"
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"invalid TOML ({exc})", file=str(path), hint="check the syntax of the file") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read the configuration file ({exc.strerror})", file=str(path)) from exc


def _build(data: Mapping[str, Any], base: Path, path: Path) -> RunConfig:
    def rel(p: str) -> str:
        return str(p) if Path(p).is_absolute() else str(base / p)

    run = dict(data.get("run", {}))
    for key in ("decisions", "labels", "key_file"):
        if run.get(key):
            run[key] = rel(run[key])
    if "lang" in run:
        run["lang"] = run["lang"].lower()
    if "resolution" in run:
        run["resolution"] = float(run["resolution"])
    if "threshold" in run:
        run["threshold"] = float(run["threshold"])
    try:
        accounts = tuple(_account(a, f"account[{i}]", rel) for i, a in enumerate(data.get("account", []), start=1))
        ties = tuple(
            TieSource(path=rel(t["path"]), account=t.get("account"), format=t.get("format")) for t in data.get("ties", [])
        )
        return RunConfig(accounts=accounts, ties=ties, **run)
    except ConfigError as err:
        raise err.located(file=str(path)) from None
