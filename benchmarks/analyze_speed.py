#!/usr/bin/env python
"""The whole ``netmix analyze``, as a user types it, against a plain networkx script, on a big network.

Usage::

    python benchmarks/analyze_speed.py [--dir DIR] [--runs 3] [--seed 7] [--src OTHER/src]

Generates the large synthetic scenario (``netmix.scenario.generate(dir, scale="large")``: 5,000
personal and 5,000 "pro" Facebook friends, 30,000 LinkedIn connections, about 485,000 ties) into
DIR (or a temporary folder) and runs, ``--runs`` times each, one after the other:

1. **netmix**: ``netmix analyze --config DIR/netmix.toml --out OUT`` in a subprocess, default
   outputs (tables, summary, run.json, timings.json, graph.gexf, graph.html, report.html);
2. **the plain script** a person would write in a weekend, on the same files: the three friend
   lists read with ``json`` / ``csv``, persons matched by exact name, the two GDF tie files read
   with ``csv``, ``networkx`` Louvain communities, ``networkx`` betweenness with 500 sampled
   sources, a CSV out.

netmix's modules are compiled first, as in an installation (:func:`_compile`). Each run's wall time is
measured around the subprocess with nothing else watching it. Peak memory
is measured in a separate run of netmix (after each timed one): the larger of its own
``ru_maxrss`` (``os.wait4``) and the largest memory of it and its children together (their
proportional set sizes, sampled from /proc every 20 ms: netmix works in other processes too, and a
page a forked child shares with its parent counts once). Sampling is kept out of the timed runs
because it is not free: reading ``smaps_rollup`` of a process of 700 MB walks its page tables under
the kernel's memory lock, which slowed netmix by about 24 % (14.8 s against 11.9 s, medians of
three, measured 2026-12-04) — the time a user would not wait. The script is one process with no
child, so its own ``ru_maxrss`` from the timed run is its exact peak.
Prints every run, the medians, the ratio script / netmix, the seconds of every netmix step
(median over the timed runs, from ``timings.json``; from the times of its progress lines on stderr
for a netmix that writes no timings.json) and the time of ``netmix --help`` and ``netmix
--version``. ``--src`` runs another netmix source tree (for
example a checkout of an older commit) with this interpreter, to compare before and after.

Targets (issue 14): the whole command ≥ 10× faster than the script (floor 5×), peak < 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TARGET_RATIO = 10.0
FLOOR_RATIO = 5.0
TARGET_BYTES = 10**9

PLAIN_SCRIPT = r'''
"""A weekend script: friends lists + tie files → exact-name persons, Louvain, betweenness, CSV."""
import csv, glob, io, json, os, sys, zipfile
import networkx as nx

root, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
accounts = {}  # name -> set of accounts

def add(name, account):
    if name:
        accounts.setdefault(name, set()).add(account)

with zipfile.ZipFile(glob.glob(os.path.join(root, "perso", "*.zip"))[0]) as z:
    member = next(n for n in z.namelist() if n.endswith("your_friends.json") and "__MACOSX" not in n)
    data = json.loads(z.read(member))
for f in next(iter(data.values())):
    add(f["name"], "perso")
with open(os.path.join(root, "pro", "friends_and_followers", "friends.json"), encoding="utf-8") as fh:
    data = json.load(fh)
for f in next(iter(data.values())):
    add(f["name"], "pro")
with open(os.path.join(root, "linkedin", "Connections.csv"), encoding="utf-8") as fh:
    lines = fh.read().splitlines()
start = next(i for i, line in enumerate(lines) if line.startswith("First Name"))
for row in csv.DictReader(lines[start:]):
    add(f"{row['First Name']} {row['Last Name']}".strip(), "linkedin")

g = nx.Graph()
g.add_nodes_from(accounts)
for path in sorted(glob.glob(os.path.join(root, "ties", "*.gdf"))):
    labels, section = {}, None
    with open(path, encoding="utf-8") as fh:
        for row in csv.reader(fh, skipinitialspace=True):
            if row and row[0].startswith(("nodedef>", "edgedef>")):
                section = row[0][:7]
                continue
            if section == "nodedef" and len(row) > 1:
                labels[row[0]] = row[1].strip('"')
            elif section == "edgedef" and len(row) > 1 and row[0] in labels and row[1] in labels:
                g.add_edge(labels[row[0]], labels[row[1]])

parts = nx.community.louvain_communities(g, seed=seed)
community = {n: i for i, members in enumerate(parts) for n in members}
between = nx.betweenness_centrality(g, k=min(500, g.number_of_nodes()), seed=seed)
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "persons.csv"), "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["name", "accounts", "community", "betweenness"])
    for n in sorted(g):
        w.writerow([n, ";".join(sorted(accounts.get(n, ()))), community[n], f"{between[n]:.6g}"])
print(json.dumps({"persons": g.number_of_nodes(), "ties": g.number_of_edges(), "communities": len(parts)}))
'''


def _memory(pid: int) -> int:
    """Bytes of memory a process uses: its proportional set size (PSS: a page shared with a forked
    parent or child counts for its share only, so a process tree's PSS adds up), else its RSS."""
    for path, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path, encoding="ascii") as fh:
                return next(int(line.split()[1]) * 1024 for line in fh if line.startswith(field))
        except (OSError, ValueError, StopIteration):
            continue
    return 0


def _tree_memory(pid: int) -> int:
    """Memory of a process and all its descendants now (Linux /proc; 0 elsewhere or when gone)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += _memory(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def _measure(cmd: list[str], env: dict[str, str] | None = None, *, sample: bool = False) -> dict:
    """Run ``cmd``; its wall time, peak memory, stdout and timed stderr lines.

    Peak memory is the process's own ``ru_maxrss``; with ``sample``, the larger of that and the
    largest sum of the proportional set sizes of the process and its descendants (netmix counts
    paths and writes two files in other processes; PSS counts a page shared after a fork once),
    sampled every 20 ms — which slows the process measured (see the module docstring).
    """
    lines: list[tuple[float, str]] = []
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.append(proc.stdout.read() if proc.stdout else ""))
    reader.start()
    tree_peak = [0]

    def sample_tree() -> None:
        while not done.is_set():
            tree_peak[0] = max(tree_peak[0], _tree_memory(proc.pid))
            done.wait(0.02)

    done = threading.Event()
    sampler = threading.Thread(target=sample_tree)
    if sample:
        sampler.start()
    for line in proc.stderr or ():
        lines.append((time.perf_counter() - start, line.rstrip("\n")))
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    if sample:
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n" + "\n".join(line for _, line in lines[-20:]))
    peak = max(usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024), tree_peak[0])
    return {"wall": wall, "peak": peak, "stdout": "".join(out), "stderr": lines}


def _compile(env: dict[str, str] | None) -> None:
    """Compile the modules of the netmix that runs, as an installation has them: ``pip install`` compiles a
    package's modules, and Python writes them on the first run of an editable install, unless
    ``PYTHONDONTWRITEBYTECODE`` is set — as it is on the machines this project is built on, where every run
    compiled netmix's 150 modules again (0.12 s) while the script's libraries came compiled."""
    where = [sys.executable, "-c", "import netmix, os; print(os.path.dirname(netmix.__file__))"]
    package = subprocess.run(where, check=True, capture_output=True, text=True, env=env).stdout.strip()
    done = subprocess.run([sys.executable, "-m", "compileall", "-q", package], capture_output=True, env=env)
    if done.returncode:  # a read-only tree, say: the runs then compile netmix's modules each time, as they did
        print(f"note     : netmix's modules could not all be compiled in {package}; its runs compile them", flush=True)


def _netmix_cmd(src: Path | None) -> tuple[list[str], dict[str, str] | None]:
    """``netmix`` as installed beside this Python (or ``python -m netmix`` from ``--src``)."""
    if src is not None:
        return [sys.executable, "-m", "netmix"], {**os.environ, "PYTHONPATH": str(src)}
    script = Path(sys.executable).with_name("netmix")
    return ([str(script)] if script.exists() else [sys.executable, "-m", "netmix"]), None


def _steps(out: Path, run: dict) -> list[tuple[str, float]]:
    """(step, seconds) of a netmix run: timings.json, else the gaps between its progress lines."""
    timings = out / "timings.json"
    if timings.exists():
        rows = json.loads(timings.read_text(encoding="utf-8"))["steps"]
        return [(f"{r['step']} {r['item']}".strip(), float(r["seconds"])) for r in rows]
    marks = [(t, line.removeprefix("netmix: ").rstrip("…")) for t, line in run["stderr"] if line.startswith("netmix: ")]
    ends = [t for t, _ in marks[1:]] + [run["wall"]]
    return [(label.split(" (")[0], end - t) for (t, label), end in zip(marks, ends, strict=True)]


def _scenario(root: Path, seed: int) -> None:
    if (root / "netmix.toml").exists():
        return
    from netmix.scenario import generate

    t = time.perf_counter()
    generate(root, scale="large", seed=seed)
    print(f"generated the large scenario in {time.perf_counter() - t:.1f} s → {root}")


def _check_size(out: Path) -> str:
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    ties = sum(t["edges"] for t in run["ties"])
    linkedin = sum(a["contacts"] for a in run["accounts"] if a["name"] == "linkedin")
    if ties < 450_000 or linkedin < 30_000:
        sys.exit(f"the scenario is too small: {ties:,} ties, {linkedin:,} LinkedIn connections")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return f"{ties:,} ties, {linkedin:,} LinkedIn connections → {summary.get('persons', '?'):,} persons"


def _quick(cmd: list[str], env: dict[str, str] | None, arg: str, n: int = 5) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run([*cmd, arg], check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _print_steps(step_runs: list[list[tuple[str, float]]]) -> None:
    order: list[str] = []
    values: dict[str, list[float]] = {}
    for steps in step_runs:
        seen: dict[str, float] = {}
        for name, sec in steps:
            seen[name] = seen.get(name, 0.0) + sec
        for name, sec in seen.items():
            if name not in values:
                order.append(name)
                values[name] = []
            values[name].append(sec)
    print("netmix steps (median seconds over the runs):")
    for name in order:
        print(f"  {statistics.median(values[name]):7.2f}  {name}")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--dir", type=Path, default=None, help="the scenario (generated when missing; default: a temp folder)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each (medians are printed)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--src", type=Path, default=None, help="run the netmix of this source tree (its src/ folder) instead")
    ap.add_argument("--no-script", action="store_true", help="time netmix only")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = args.dir or Path(tmp) / "large"
        _scenario(root, args.seed)
        cmd, env = _netmix_cmd(args.src)
        _compile(env)
        script = Path(tmp) / "plain.py"
        script.write_text(PLAIN_SCRIPT, encoding="utf-8")
        netmix_runs, script_runs, step_runs = [], [], []
        for i in range(args.runs):
            out = Path(tmp) / f"out{i}"
            analyze = [*cmd, "analyze", "--config", str(root / "netmix.toml"), "--out", str(out)]
            nm = _measure(analyze, env)
            step_runs.append(_steps(out, nm))
            if i == 0:
                print(f"scenario : {_check_size(out)}; netmix wrote {', '.join(sorted(p.name for p in out.iterdir()))}")
            sampled = _measure([*analyze, "--force"], env, sample=True)
            nm["peak"] = max(nm["peak"], sampled["peak"])
            netmix_runs.append(nm)
            line = (f"run {i + 1}    : netmix {nm['wall']:6.1f} s, peak {nm['peak'] / 2**20:5.0f} MiB "
                    f"(memory run: {sampled['wall']:.1f} s, sampled)")  # fmt: skip
            if not args.no_script:
                sc = _measure([sys.executable, str(script), str(root), str(Path(tmp) / f"plain{i}"), str(args.seed)])
                script_runs.append(sc)
                line += f" | script {sc['wall']:6.1f} s, peak {sc['peak'] / 2**20:5.0f} MiB ({sc['stdout'].strip()})"
            print(line, flush=True)
        nm_wall = statistics.median(r["wall"] for r in netmix_runs)
        nm_peak = statistics.median(r["peak"] for r in netmix_runs)
        top = max(r["peak"] for r in netmix_runs)
        print(f"netmix   : median {nm_wall:6.1f} s, peak {nm_peak / 2**20:5.0f} MiB (max {top / 2**20:.0f})")
        _print_steps(step_runs)
        helps, version = _quick(cmd, env, "--help"), _quick(cmd, env, "--version")
        print(f"start    : netmix --help {helps:.2f} s, netmix --version {version:.2f} s (medians of 5)")
        if script_runs:
            sc_wall = statistics.median(r["wall"] for r in script_runs)
            sc_peak = statistics.median(r["peak"] for r in script_runs)
            ratio = sc_wall / nm_wall
            print(f"script   : median {sc_wall:6.1f} s, peak {sc_peak / 2**20:5.0f} MiB")
            verdict = "met" if ratio >= TARGET_RATIO else ("floor met" if ratio >= FLOOR_RATIO else "NOT met")
            print(f"ratio    : script / netmix = {ratio:.1f}× (target {TARGET_RATIO:.0f}×, floor {FLOOR_RATIO:.0f}×: {verdict}); "
                  f"netmix peak {'<' if nm_peak < TARGET_BYTES else '≥'} 1 GB")  # fmt: skip
        print(f"load     : {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
