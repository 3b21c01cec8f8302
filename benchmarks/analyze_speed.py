#!/usr/bin/env python
"""Whole-analysis speed on the large synthetic scenario, against a plain networkx script.

Usage: ``python benchmarks/analyze_speed.py [--dir DIR] [--seed 7]``

Generates the large scenario (5,000 + 5,000 Facebook friends, 30,000 LinkedIn connections,
~500,000 ties; into DIR, or a temporary folder) and runs, each in a fresh subprocess so that peak
memory (``ru_maxrss``) is its own:

1. **netmix**: ``netmix.pipeline.run(config)`` — import → resolve → analyse (clusters, exact or
   sampled betweenness, constraint, effective size, brokerage, roles, exclusions, overlap,
   waves); the observed person ties are saved for step 2.
2. **networkx**: the same tie graph read with ``networkx.read_edgelist``, then
   ``louvain_communities(seed)`` and ``betweenness_centrality(k=500, seed)`` — only two of the
   measures netmix computes.

Prints wall times, peak memory, the time of each analysis step (between the announcements
``analyse`` makes through its ``progress`` callback; wall and CPU time, as the machine may be
shared) and the ratio. Targets: netmix under 30 s and 2 GB, ≥ 4× faster
than the networkx script (aim 10×).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 30.0
TARGET_BYTES = 2 * 2**30

_NETMIX = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from netmix.analysis import analyse
from netmix.config import load_config
from netmix.pipeline import import_all, resolve_all
cfg = load_config(Path(sys.argv[1]) / "netmix.toml")
imports, tiesets = import_all(cfg)
t1 = time.perf_counter()
resolution = resolve_all(cfg, imports, tiesets)
t2 = time.perf_counter()
rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
marks = [("preparing", time.perf_counter(), time.process_time())]
def progress(step):  # analyse announces each step: time the steps between announcements
    marks.append((step, time.perf_counter(), time.process_time()))
a = analyse(resolution, cfg.accounts, seed=cfg.seed, resolution_param=cfg.resolution, min_mutual=cfg.min_mutual,
            progress=progress)
t3 = time.perf_counter()
marks.append(("end", t3, time.process_time()))
steps = [(m[0], round(n[1] - m[1], 2), round(n[2] - m[2], 2)) for m, n in zip(marks, marks[1:])]
ties = resolution.ties
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for x, y in zip(ties["a"], ties["b"]):
        f.write(f"{x} {y}\n")
print(json.dumps({
    "wall": t3 - t0, "import": t1 - t0, "resolve": t2 - t1, "analyse": t3 - t2,
    "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "rss_before_analyse": rss_before,
    "persons": int(len(a.persons)), "ties": int(len(ties)),
    "analysis_steps": steps,
    "betweenness": a.params.get("betweenness", {}),
    "clusters": a.summary.get("clusters"),
}))
"""

_NETWORKX = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import networkx as nx
g = nx.read_edgelist(sys.argv[1])
t1 = time.perf_counter()
parts = nx.community.louvain_communities(g, seed=int(sys.argv[2]))
t2 = time.perf_counter()
bc = nx.betweenness_centrality(g, k=min(500, g.number_of_nodes()), seed=int(sys.argv[2]))
t3 = time.perf_counter()
print(json.dumps({"wall": t3 - t0, "read": t1 - t0, "louvain": t2 - t1, "betweenness": t3 - t2,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                  "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "clusters": len(parts)}))
"""


def _child(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=None, help="where to generate the scenario (default: a temporary folder)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = args.dir or Path(tmp) / "large"
        if not (root / "netmix.toml").exists():
            from netmix.scenario.generate import generate

            t = time.perf_counter()
            generate(root, scale="large", seed=args.seed)
            print(f"generated the large scenario in {time.perf_counter() - t:.1f} s → {root}")
        edges = Path(tmp) / "ties.txt"
        nm = _child(_NETMIX, str(root), str(edges))
        print(f"netmix   : {nm['wall']:6.1f} s  peak {nm['rss'] / 2**20:6.0f} MiB  "
              f"({nm['persons']} persons, {nm['ties']} ties, {nm['clusters']} clusters)")
        print(f"           import {nm['import']:.1f} s, resolve {nm['resolve']:.1f} s, analyse {nm['analyse']:.1f} s "
              f"(peak before analyse {nm['rss_before_analyse'] / 2**20:.0f} MiB)")
        print("           analysis steps (wall s / CPU s):")
        for step, wall, cpu in nm["analysis_steps"]:
            print(f"             {wall:6.2f} {cpu:6.2f}  {step}")
        print(f"           betweenness: {nm['betweenness']}")
        nx_ = _child(_NETWORKX, str(edges), str(args.seed))
        print(f"networkx : {nx_['wall']:6.1f} s  peak {nx_['rss'] / 2**20:6.0f} MiB  "
              f"(read {nx_['read']:.1f} s, Louvain {nx_['louvain']:.1f} s, betweenness k=500 {nx_['betweenness']:.1f} s; "
              f"{nx_['nodes']} nodes, {nx_['edges']} edges, {nx_['clusters']} clusters)")
        ratio = nx_["wall"] / nm["wall"]
        ratio_a = nx_["wall"] / nm["analyse"]
        ok = nm["wall"] < TARGET_SECONDS and nm["rss"] < TARGET_BYTES and ratio >= 4
        print(f"ratio    : networkx / netmix whole run = {ratio:.1f}×, networkx / netmix analyse = {ratio_a:.1f}×")
        print(f"targets  : whole run < {TARGET_SECONDS:.0f} s, < 2 GiB, ≥ 4× — {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
