#!/usr/bin/env python
"""Import speed on the large synthetic scenario (5,000 + 5,000 Facebook friends, 30,000 LinkedIn
connections, ~500,000 ties).

Usage: ``python benchmarks/import_speed.py [--dir DIR] [--runs 3] [--seed 7]``

Generates the large scenario (into DIR, or a temporary folder), then imports every account with
``netmix.importers.load_account`` and every tie file with ``netmix.ties.read_ties``. Each run is a
fresh subprocess, so its peak memory (``ru_maxrss``) is its own; the script prints the median wall
time of every step over the runs, its median CPU time (user + system: steadier than wall time on a
shared, loaded machine) and the largest peak RSS. Targets: under 5 s and 1 GB in total.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 5.0
TARGET_BYTES = 2**30

_CHILD = r"""
import json, resource, sys, time, tomllib
from pathlib import Path
root = Path(sys.argv[1])
t0, c0 = time.perf_counter(), time.process_time()
from netmix.importers import load_account
from netmix.model import Account, TieSource
from netmix.ties import read_ties
base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
config = tomllib.loads((root / "netmix.toml").read_text(encoding="utf-8"))
steps = {"import netmix": time.perf_counter() - t0}
cpu = {"import netmix": time.process_time() - c0}
counts = {}
for acc in config["account"]:
    t, c = time.perf_counter(), time.process_time()
    result = load_account(Account(acc["name"], acc["sphere"], str(root / acc["path"])))
    steps[f"account {acc['name']}"] = time.perf_counter() - t
    cpu[f"account {acc['name']}"] = time.process_time() - c
    counts[f"account {acc['name']}"] = len(result.contacts)
for tie in config["ties"]:
    t, c = time.perf_counter(), time.process_time()
    ties = read_ties(TieSource(str(root / tie["path"]), tie["account"]))
    steps[f"ties {tie['account']}"] = time.perf_counter() - t
    cpu[f"ties {tie['account']}"] = time.process_time() - c
    counts[f"ties {tie['account']}"] = len(ties.edges)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"steps": steps, "cpu": cpu, "counts": counts, "maxrss_kib": rss, "base_rss_kib": base_rss}))
"""


def _run_once(root: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(root)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None, help="where to generate (default: a temporary folder)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    from netmix.scenario import generate

    with tempfile.TemporaryDirectory(prefix="netmix-bench-") as tmp:
        root = args.dir or Path(tmp) / "large"
        t = time.perf_counter()
        generate(root, scale="large", seed=args.seed)
        print(f"generated the large scenario in {time.perf_counter() - t:.1f} s -> {root}")
        runs = [_run_once(root) for _ in range(args.runs)]

    steps = list(runs[0]["steps"])
    print(f"\nmedian of {args.runs} runs (each in a fresh subprocess):   wall     cpu")
    for step in steps:
        med = statistics.median(r["steps"][step] for r in runs)
        med_cpu = statistics.median(r["cpu"][step] for r in runs)
        count = runs[0]["counts"].get(step, "")
        print(f"  {step:<20} {med:7.2f} s {med_cpu:7.2f} s   {count}")
    import_total = statistics.median(sum(v for k, v in r["steps"].items() if k != "import netmix") for r in runs)
    cpu_total = statistics.median(sum(v for k, v in r["cpu"].items() if k != "import netmix") for r in runs)
    rss = max(r["maxrss_kib"] for r in runs) * 1024
    base = max(r["base_rss_kib"] for r in runs) * 1024
    print(f"  {'total (imports)':<20} {import_total:7.2f} s {cpu_total:7.2f} s   target < {TARGET_SECONDS:.0f} s (wall) "
          f"{'OK' if import_total < TARGET_SECONDS else 'SLOWER THAN TARGET'}")
    print(f"peak RSS {rss / 2**20:.0f} MiB (after importing netmix: {base / 2**20:.0f} MiB), target < 1 GiB "
          f"{'OK' if rss < TARGET_BYTES else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
