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

``--report``: the large scenario's report (``netmix.scenario.generate(dir, scale="large")``, then
``netmix analyze --config DIR/netmix.toml --out OUT --lang LANG`` run as a user types it, in a
subprocess). Its TTI is the first task after the report's script has built its tables and decision
controls (``window.netmixReport.interactiveAt``); the map, in its own frame (given its page right
after that), is timed apart, on the report's clock (the viewport is tall enough for the frame to
be drawn at once). Beside it, in the same run, the plain
alternative: the same doubles and pairs to decide as one static HTML table, no script (its TTI:
the end of the load event)::

    .venv/bin/python benchmarks/browser_tti.py --report [--scenario DIR] [--out DIR] [--reuse]
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
    import networkx as nx
    from pyvis.edge import Edge
    from pyvis.network import Network
    from pyvis.node import Node

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


def plain_page(out: Path) -> str:
    """The plain alternative: every double as a row of one static table (escaped), no script."""
    import html

    import pandas as pd

    d = pd.read_csv(out / "doubles.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    cols = ["name", "accounts", "confidence", "band", "evidence", "suggestion", "decision"]
    head = "".join(f"<th>{c}</th>" for c in cols)
    cells = ("".join(f"<td>{html.escape(str(r[c]))}</td>" for c in cols) for r in d.to_dict("records"))
    body = "\n".join(f"<tr>{row}</tr>" for row in cells)
    page = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>doubles</title></head><body>"
    return f"{page}<table><tr>{head}</tr>{body}</table></body></html>"


def measure_report(browser, path: Path, kind: str, timeout: float) -> tuple[float | None, float | None]:
    """(TTI of the page, TTI of its map frame) in seconds since navigation start."""
    context = browser.new_context(viewport={"width": 1400, "height": 2600})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    page.goto(path.as_uri(), timeout=timeout * 1000, wait_until="commit")
    tti = frame_tti = None
    if kind == "netmix":
        page.locator("body[data-report-interactive='1']").wait_for(state="attached", timeout=timeout * 1000)
        tti = page.evaluate("window.netmixReport.interactiveAt")
        frame = page.locator("iframe#nm-map").element_handle().content_frame()
        frame.locator("body[data-ready='1']").wait_for(state="attached", timeout=timeout * 1000)
        for _ in range(100):  # on the report's clock: the frame's own clock starts when its page is set
            frame_tti = frame.evaluate("window.netmix.interactiveAt && performance.timeOrigin + window.netmix.interactiveAt")
            if frame_tti:
                frame_tti -= page.evaluate("performance.timeOrigin")
                break
            time.sleep(0.02)
    else:
        page.wait_for_load_state("load", timeout=timeout * 1000)
        tti = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    context.close()
    return (tti / 1000 if tti else None), (frame_tti / 1000 if frame_tti else None)


def report_main(args: argparse.Namespace) -> None:
    """The large scenario's report versus the plain table (see the module docstring)."""
    import subprocess

    from playwright.sync_api import sync_playwright

    from netmix.scenario import generate

    work = Path(tempfile.mkdtemp(prefix="netmix-tti-"))
    scenario = Path(args.scenario) if args.scenario else work / "scenario"
    if not (scenario / "netmix.toml").exists():
        generate(scenario, scale="large")
    out = Path(args.out) if args.out else work / f"out-{args.lang}"
    if not (args.reuse and (out / "report.html").exists()):
        exe = Path(sys.executable).with_name("netmix")
        cmd = [str(exe), "analyze", "--config", str(scenario / "netmix.toml"), "--out", str(out), "--lang", args.lang]
        t = time.monotonic()
        subprocess.run(cmd, check=True, capture_output=True, timeout=args.timeout * 20)
        print(f"  netmix analyze: {time.monotonic() - t:.0f} s", file=sys.stderr)
    plain = work / "plain.html"
    plain.write_text(plain_page(out), encoding="utf-8")
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, path in (("netmix report", out / "report.html"), ("plain table", plain)):
            kind = "netmix" if name.startswith("netmix") else "plain"
            runs = [measure_report(browser, path, kind, args.timeout) for _ in range(args.runs)]
            print(f"  {name}: {runs}", file=sys.stderr)
            tti = statistics.median(r[0] for r in runs if r[0] is not None)
            frames = [r[1] for r in runs if r[1] is not None]
            rows.append((name, path.stat().st_size / 1e6, tti, statistics.median(frames) if frames else None))
        browser.close()
    print(f"\nLarge scenario report, headless Chromium, median of {args.runs} runs ({args.lang})\n")
    print(f"{'page':<14} {'MB':>6} {'TTI s':>7} {'map drawn s':>12} {'vs netmix':>10}")
    for name, mb, tti, frame in rows:
        ratio = f"{tti / rows[0][2]:.2f}x"
        print(f"{name:<14} {mb:>6.2f} {tti:>7.2f} {(f'{frame:.2f}' if frame else '-'):>12} {ratio:>10}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,5000,20000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=180.0)
    ap.add_argument("--report", action="store_true", help="time the large scenario's report instead of maps")
    ap.add_argument("--scenario", help="--report: a generated large scenario to use (made in a temp folder if absent)")
    ap.add_argument("--out", help="--report: the output folder of netmix analyze")
    ap.add_argument("--reuse", action="store_true", help="--report: keep an existing --out instead of running netmix analyze")
    ap.add_argument("--lang", default="en", choices=("en", "fr"))
    args = ap.parse_args()
    if args.report:
        report_main(args)
        return
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
