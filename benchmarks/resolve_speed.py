"""Resolution speed on the large scenario (5,000 + 5,000 Facebook friends, 30,000 LinkedIn
connections, ~500,000 ties): wall time of ``resolve`` (median of 3) and peak memory.

    /work/venv/bin/python benchmarks/resolve_speed.py [DIR]   # DIR: a generated large scenario

Without DIR the scenario is generated into a temporary folder first
(``netmix.scenario.generate(dir, scale="large")``). Targets: under 5 s and 1.5 GB.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from resolve_quality import evaluate, load  # noqa: E402

from netmix.resolution import resolve  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    if len(sys.argv) > 1:
        root = Path(sys.argv[1])
    else:
        from netmix.scenario.generate import generate

        root = Path(tempfile.mkdtemp(prefix="netmix-large-"))
        t0 = time.perf_counter()
        generate(root, scale="large")
        print(f"generated {root} in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    contacts, requests, ties = load(root)
    print(
        f"loaded {len(contacts)} contacts, {sum(len(t.edges) for t in ties)} ties in {len(ties)} files "
        f"in {time.perf_counter() - t0:.1f} s; peak memory so far {peak_mb():.0f} MB"
    )
    before = peak_mb()
    times, cpu = [], []
    res = None
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        res = resolve(contacts, ties, requests)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(f"resolve: median {statistics.median(times):.2f} s wall, {statistics.median(cpu):.2f} s CPU (runs: {', '.join(f'{t:.2f}' for t in times)})")
    print(f"load average while measuring: {', '.join(f'{x:.1f}' for x in __import__('os').getloadavg())}")
    print(f"peak memory: {peak_mb():.0f} MB (before resolving: {before:.0f} MB)")
    counts = res.params["counts"]
    print(f"persons {counts['persons']}, doubles {counts['doubles']}, review pairs {counts['review_pairs']}, candidate pairs {counts['candidate_pairs']}, rounds {res.params['rounds']}")
    truth_file = root / "truth.json"
    if truth_file.exists():
        import json

        m = evaluate(res, json.loads(truth_file.read_text(encoding="utf-8")))
        print(f"quality: precision {m['precision']:.4f} recall {m['recall']:.4f} F1 {m['f1']:.4f}, homonyms merged {m['homonyms_merged']}/{m['homonyms']}")


if __name__ == "__main__":
    main()
