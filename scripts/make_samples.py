#!/usr/bin/env python
"""Regenerate ``samples/`` (the small synthetic scenario, seed 7) from ``netmix.scenario``.

Usage: ``python scripts/make_samples.py [OUT_DIR]`` (default: the repository's ``samples/``).
The output is deterministic: running it twice gives byte-identical files, so ``git diff`` after a
run shows exactly what a generator change did to the committed samples.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from netmix.scenario import generate

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "samples"
    root = generate(out, scale="small", seed=7)
    total = 0
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        total += len(data)
        print(f"{hashlib.sha256(data).hexdigest()[:12]}  {len(data):>8}  {path.relative_to(root)}")
    print(f"{total} bytes in {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
