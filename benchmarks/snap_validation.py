#!/usr/bin/env python
"""Cluster detection against the SNAP ego-Facebook circles (McAuley & Leskovec, NIPS 2012).

Usage: ``python benchmarks/snap_validation.py [--data DIR] [--seed 0] [--resolution 1.0]``

For each of the 10 egos, reads ``<ego>.edges`` (the ties among the ego's friends; the ego is not
a node, as in netmix) and ``<ego>.circles`` (the ego's hand-made circles, the ground truth),
runs netmix's community detection (:func:`netmix.analysis.clusters.detect_communities`, Leiden)
and prints:

- NMI against the circles over the friends who are in exactly one circle (circles overlap and
  many friends are in none; NMI needs one label per node);
- best-match F1: for every circle, the best F1 with any detected cluster, averaged;
- the median of both over egos.

Circles are not communities (an ego files friends by features, not only by ties), so scores are
modest for every method: McAuley & Leskovec report balanced-error F1 around 0.3–0.4 for
structure-only baselines. The data are read in place, never copied.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

DEFAULT = Path("/work/shared/datasets/snap-ego-facebook/facebook")
EGOS = (0, 107, 348, 414, 686, 698, 1684, 1912, 3437, 3980)


def read_circles(path: Path) -> dict[str, list[str]]:
    try:
        from netmix.ties.snap import read_circles as netmix_read_circles
    except ImportError:  # pragma: no cover - before the SNAP reader existed
        circles: dict[str, list[str]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if parts:
                circles.setdefault(parts[0], []).extend(parts[1:])
        return circles
    return netmix_read_circles(path)


def read_edges(path: Path) -> tuple[list[str], list[str]]:
    a, b = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            a.append(parts[0])
            b.append(parts[1])
    return a, b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--resolution", type=float, default=1.0)
    args = ap.parse_args()

    from netmix.analysis._adjacency import from_edges
    from netmix.analysis.clusters import detect_communities
    from netmix.analysis.compare import best_match_f1, nmi

    print(f"{'ego':>5} {'nodes':>6} {'ties':>6} {'circles':>7} {'clusters':>8} {'in 1 circle':>11} {'NMI':>6} {'F1':>6} {'s':>5}")
    nmis, f1s = [], []
    for ego in EGOS:
        t0 = time.perf_counter()
        a, b = read_edges(args.data / f"{ego}.edges")
        circles = {k: v for k, v in read_circles(args.data / f"{ego}.circles").items() if v}
        nodes = sorted(set(a) | set(b) | {m for ms in circles.values() for m in ms}, key=int)
        adj = from_edges(nodes, a, b)
        membership, _ = detect_communities(adj, seed=args.seed, resolution=args.resolution)
        cluster_of = {v: int(c) for v, c in zip(adj.nodes, membership) if c >= 0}
        found: dict[int, list[str]] = {}
        for v, c in cluster_of.items():
            found.setdefault(c, []).append(v)
        count: dict[str, int] = {}
        for ms in circles.values():
            for m in set(ms):
                count[m] = count.get(m, 0) + 1
        single = {m: name for name, ms in circles.items() for m in ms if count[m] == 1 and m in cluster_of}
        score = nmi([single[m] for m in sorted(single)], [cluster_of[m] for m in sorted(single)]) if single else float("nan")
        f1 = best_match_f1(circles, found)
        nmis.append(score)
        f1s.append(f1)
        print(f"{ego:>5} {adj.n:>6} {adj.m:>6} {len(circles):>7} {len(found):>8} {len(single):>11} {score:>6.3f} {f1:>6.3f} {time.perf_counter() - t0:>5.2f}")
    print(f"median NMI {statistics.median(nmis):.3f}   median best-match F1 {statistics.median(f1s):.3f}"
          f"   (seed {args.seed}, resolution {args.resolution})")


if __name__ == "__main__":
    main()
