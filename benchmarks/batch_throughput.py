"""Batch throughput: participants per minute with 1 and 2 local worker processes, and the speed-up.

Builds N synthetic participants (default 200) from the scenario generator: a pool of scenarios
with different seeds, each participant a variant with its own LinkedIn sample and, for some, no
"perso PRO" account — from ~300 to ~680 contacts (the generator's "small" scale tops out there).
Then runs ``netmix.run_batch`` on them (no HTML) with each worker count and prints the figures.

    .venv/bin/python benchmarks/batch_throughput.py                 # 200 participants
    .venv/bin/python benchmarks/batch_throughput.py -n 20 --pool 5  # a quick look
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from netmix import run_batch
from netmix.scenario import generate

PREAMBLE = 4  # LinkedIn's three "Notes:" lines and the header


def variant(source: Path, target: Path, rng: random.Random) -> None:
    """A participant derived from a generated scenario: a LinkedIn sample, maybe no pro account."""
    shutil.copytree(source, target)
    conn = target / "linkedin" / "Connections.csv"
    lines = conn.read_text(encoding="utf-8").split("\n")
    rows = [line for line in lines[PREAMBLE:] if line]
    keep = sorted(rng.sample(range(len(rows)), rng.randint(len(rows) // 3, len(rows))))
    conn.write_text("\n".join(lines[:PREAMBLE] + [rows[i] for i in keep]) + "\n", encoding="utf-8")
    if rng.random() < 0.4:  # drop the "perso PRO" Facebook account and its ties
        shutil.rmtree(target / "pro")
        (target / "ties" / "pro.gdf").unlink()
        toml = target / "netmix.toml"
        blocks = toml.read_text(encoding="utf-8").split("[[")
        toml.write_text("[[".join(b for b in blocks if 'name = "pro"' not in b and 'account = "pro"' not in b), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--participants", type=int, default=200)
    ap.add_argument("--pool", type=int, default=200, help="distinct generated scenarios (seeds); participants reuse them in turn")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="netmix-bench-") as tmp:
        tmp_p = Path(tmp)
        t0 = time.perf_counter()
        pool = [generate(tmp_p / "pool" / f"s{k:03d}", scale="small", seed=args.seed + k) for k in range(args.pool)]
        root = tmp_p / "participants"
        for i in range(args.participants):
            variant(pool[i % len(pool)], root / f"P{i + 1:04d}", rng)
        print(f"built {args.participants} participants from {len(pool)} scenarios in {time.perf_counter() - t0:.1f} s")

        rates: dict[int, float] = {}
        tables = {}
        for w in args.workers:
            out = tmp_p / f"out-{w}"
            t = time.perf_counter()
            result = run_batch(root, out, workers=w)
            elapsed = time.perf_counter() - t
            rates[w] = len(result.done) / elapsed * 60
            tables[w] = (out / "participants.csv").read_bytes()
            contacts = result.table["contacts"].dropna()
            print(
                f"workers={w}: {len(result.done)} done, {len(result.failed)} failed in {elapsed:.1f} s "
                f"→ {rates[w]:.1f} participants/min (contacts per participant {int(contacts.min())}–{int(contacts.max())}, "
                f"median {int(contacts.median())})"
            )
        base = args.workers[0]
        for w in args.workers[1:]:
            print(f"speed-up {w} vs {base} workers: ×{rates[w] / rates[base]:.2f}")
        same = len({v for v in tables.values()}) == 1
        print(f"participants.csv identical across worker counts: {same}")


if __name__ == "__main__":
    main()
