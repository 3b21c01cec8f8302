"""Time-to-interactive of netmix's map versus pyvis' default output, in headless Chromium.

Usage::

    /work/venv/bin/python benchmarks/browser_tti.py [--sizes 500,5000,20000] [--runs 3] [--timeout 180]

Graphs: synthetic clustered networks (clusters of 100 persons, ~10 ties per person, 90 % inside
the cluster; ``tests/render/conftest.py:synthetic``).

TTI, measured inside the page with ``performance.now()`` (milliseconds since navigation start):

- netmix: the first ``afterDrawing`` of the network (physics off, precomputed layout) and then
  the first task the main thread runs after it (a ``setTimeout(0)`` queued in that handler) —
  the moment the final picture is on screen and a click is handled;
- pyvis: ``Network()`` + ``from_nx(graph)`` + ``generate_html()`` with pyvis defaults (physics
  on: barnesHut with 1000 stabilisation iterations), same moment defined as the end of
  stabilisation (``stabilizationIterationsDone``) followed by the first ``setTimeout(0)`` task.

Offline: pyvis' default template loads vis-network from cdnjs; here it is rendered with
``cdn_resources="in_line"``, i.e. the *same* vis-network 9.1.2 bundle inlined, and its remaining
Bootstrap CDN requests are aborted (counted in the last column). For graphs above 1,000 persons
pyvis' records are built as ``from_nx`` builds them, but directly (``from_nx`` calls ``add_edge``,
which scans all edges each time: hours at 100,000 edges); the generated page is the same.
Above ``max_nodes`` (6,000) netmix draws its aggregated cluster view; the ``netmix-full`` row forces
the person view (``max_nodes`` raised) to compare like with like.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "render"))

from conftest import synthetic  # noqa: E402

from netmix.render.html import map_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip

HOOK = """
(() => {
  const iv = setInterval(() => {
    const net = window.network;
    if (!net || net.__hooked) return;
    net.__hooked = true; clearInterval(iv);
    net.once("stabilizationIterationsDone", () => {
      window.__readyAt = performance.now();
      setTimeout(() => { window.__interactiveAt = performance.now(); }, 0);
    });
  }, 1);
})();
"""


def pyvis_page(graph) -> str:
    from pyvis.edge import Edge
    from pyvis.network import Network
    from pyvis.node import Node

    import networkx as nx

    plain = nx.Graph()
    plain.add_nodes_from(sorted(graph.nodes))
    plain.add_edges_from((u, v, {"weight": 1}) for u, v in graph.edges())
    net = Network(cdn_resources="in_line")
    if plain.number_of_nodes() <= 1000:
        net.from_nx(plain)
    else:  # what from_nx produces, without its quadratic duplicate-edge scan
        seen = set()
        for u, v in plain.edges():
            for n in (u, v):
                if n not in seen:
                    seen.add(n)
                    net.nodes.append(Node(n, "dot", label=n, color="#97c2fc", size=10).options)
                    net.node_ids.append(n)
            net.edges.append(Edge(u, v, False, width=1).options)
        for n in nx.isolates(plain):
            net.nodes.append(Node(n, "dot", label=n, color="#97c2fc", size=10).options)
    return net.generate_html()


def measure(browser, path: Path, kind: str, timeout: float) -> tuple[float | None, int]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked = []

    def guard(route):  # the browser stays offline: anything but the local file is aborted
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    if kind == "pyvis":
        page.add_init_script(HOOK)
    page.goto(path.as_uri(), timeout=timeout * 1000, wait_until="commit")
    # waits run in the browser driver, so they time out even when the page's main thread is blocked
    value = None
    try:
        if kind == "netmix":  # its CSP forbids eval, which wait_for_function needs
            page.locator("body[data-ready='1']").wait_for(state="attached", timeout=timeout * 1000)
            for _ in range(100):
                value = page.evaluate("window.netmix.interactiveAt")
                if value:
                    break
                time.sleep(0.02)
        else:
            value = page.wait_for_function("window.__interactiveAt", timeout=timeout * 1000, polling=100).json_value()
    except PlaywrightTimeout:
        value = None
    context.close()
    if errors:
        print(f"  page errors ({kind}): {errors[:2]}", file=sys.stderr)
    return (float(value) / 1000 if value else None), len(blocked)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,5000,20000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=180.0)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in sizes:
            resolution, analysis = synthetic(n, per_cluster=100, ties=10, seed=0)
            edges = analysis.graph.number_of_edges()
            pages = {}
            t = time.monotonic()
            pages["netmix"] = map_html(analysis, resolution)
            build = {"netmix": time.monotonic() - t}
            if n > 6000:
                t = time.monotonic()
                pages["netmix-full"] = map_html(analysis, resolution, max_nodes=n)
                build["netmix-full"] = time.monotonic() - t
            t = time.monotonic()
            pages["pyvis"] = pyvis_page(analysis.graph)
            build["pyvis"] = time.monotonic() - t
            for name, html in pages.items():
                path = Path(tmp) / f"{name}-{n}.html"
                path.write_text(html, encoding="utf-8")
                kind = "pyvis" if name == "pyvis" else "netmix"
                times, blocked = [], 0
                for _ in range(args.runs):
                    tti, blocked = measure(browser, path, kind, args.timeout)
                    times.append(tti)
                ok = [x for x in times if x is not None]
                med = statistics.median(ok) if len(ok) == len(times) else None
                rows.append((n, edges, name, build[name], len(html) / 1e6, med, blocked))
                print(f"  {name} n={n}: {times}", file=sys.stderr, flush=True)
        browser.close()
    print(f"\nTTI in headless Chromium, median of {args.runs} runs (timeout {args.timeout:.0f} s)\n")
    print(f"{'persons':>8} {'ties':>7} {'page':<12} {'build s':>8} {'MB':>6} {'TTI s':>8} {'pyvis/netmix':>13} {'blocked':>8}")
    base = {r[0]: r[5] for r in rows if r[2] == "netmix"}
    for n, e, name, b, mb, med, blocked in rows:
        tti = f"{med:.2f}" if med is not None else f">{args.timeout:.0f}"
        ratio = ""
        if name == "pyvis" and base.get(n):
            ratio = f"{med / base[n]:.1f}x" if med is not None else f">{args.timeout / base[n]:.0f}x"
        print(f"{n:>8} {e:>7} {name:<12} {b:>8.2f} {mb:>6.2f} {tti:>8} {ratio:>13} {blocked:>8}")


if __name__ == "__main__":
    main()
