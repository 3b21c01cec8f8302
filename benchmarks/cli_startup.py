"""How fast ``netmix --help`` and ``netmix --version`` answer, as a user types them.

Each command runs ``-n`` times in a fresh subprocess; the script prints the medians beside two
references measured in the same run: a bare ``python -c pass`` (the floor) and importing the
libraries netmix computes with (pandas + networkx: what every start paid before the commands
imported the library lazily). The target is a median under 0.3 s.

    .venv/bin/python benchmarks/cli_startup.py          # 15 runs each
    .venv/bin/python benchmarks/cli_startup.py -n 41
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def median_seconds(cmd: list[str], n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=15, help="runs per command")
    n = parser.parse_args().n
    netmix = str(BIN / "netmix")
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("netmix --help", [netmix, "--help"]),
        ("netmix --version", [netmix, "--version"]),
        ("netmix analyze --help", [netmix, "analyze", "--help"]),
        ("import pandas, networkx", [sys.executable, "-c", "import pandas, networkx"]),
    ]
    results = {label: median_seconds(cmd, n) for label, cmd in rows}
    heavy = results["import pandas, networkx"]
    print(f"median of {n} runs each")
    for label, seconds in results.items():
        print(f"  {label:<26} {seconds:6.3f} s   {seconds / heavy:5.2f}× the library import")


if __name__ == "__main__":
    main()
