"""Benchmarks: ``python3 dev.py bench [--skip browser,suite,setup]`` writes
benchmarks/results.md and benchmarks/results.json. Speed and weight are measured here, never in
timed tests. Each figure carries the command that produced it; only ratios taken in the same run
mean much on a shared machine, so the load average is recorded too.

Figures (with their targets):

1. strict nbval suite against ``jupyter nbconvert --execute`` (same kernels, 2 workers each);
2. strict nbval suite against the floor (a bare kernel start + the libraries' imports);
3. explorer view in the kernel, over every value of every control (real data and 100x);
4. control change to redrawn chart in JupyterLab, in headless Chromium (< 250 ms median);
5. load and validate, in a fresh interpreter: warm (cache hit, < 0.3 s) and after an edit;
6. weight: the largest notebook (< 200 KB), the site, and the bytes received over the kernel
   websocket during one Run All of each notebook (< 1 MB);
7. setup: a clean clone to JupyterLab serving 00-start-here (< 30 s with a warm uv cache).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tools import NOTEBOOK_GLOB, ROOT, browser

OUT = ROOT / "benchmarks"
PY = sys.executable
BOOKS = sorted((ROOT / "notebooks").glob(NOTEBOOK_GLOB))
FLOOR = ("import time, jupyter_client.manager as m; t = time.perf_counter(); "
         "k, c = m.start_new_kernel(kernel_name='python3'); "
         "c.execute_interactive('import numpy, pandas, plotly.graph_objects, ipywidgets', "
         "timeout=120); print(time.perf_counter() - t); c.stop_channels(); "
         "k.shutdown_kernel(now=True)")


def timed(cmd: list[str], **kw: object) -> float:
    """Wall seconds of one command (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, **kw)
    return time.perf_counter() - start


def suite() -> list[dict]:
    """Figures 1 and 2: the strict suite against nbconvert and against the floor."""
    books = [str(b) for b in BOOKS]
    nbval = [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
             "--nbval-current-env", "-n", "2", "--dist", "loadfile", *books]
    rounds = []
    with tempfile.TemporaryDirectory() as tmp:
        halves = [books[0::2], books[1::2]]
        for _ in range(3):
            t_suite = timed(nbval, cwd=ROOT)
            start = time.perf_counter()
            procs = [subprocess.Popen([PY, "-m", "jupyter", "nbconvert", "--execute", "--to",
                                       "notebook", "--output-dir", tmp, *half],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                     for half in halves]
            assert all(p.wait() == 0 for p in procs)
            rounds.append((t_suite, time.perf_counter() - start))
    floors = [float(subprocess.run([PY, "-c", FLOOR], capture_output=True, text=True,
                                   check=True).stdout.split()[-1]) for _ in BOOKS]
    ratio = statistics.median(s / n for s, n in rounds)
    best = min(s for s, _ in rounds)
    return [row("1. strict nbval suite / nbconvert --execute (2 workers each, median of 3 "
                "paired rounds)", f"{ratio:.2f} x", "<= 1.0", ratio <= 1.0,
                "pytest --nbval --nbval-current-env -n 2 --dist loadfile notebooks/*.ipynb vs "
                "two jupyter nbconvert --execute processes"),
            row("2. strict nbval suite (2 workers) / floor (sum of bare kernel + imports, "
                "halved)", f"{best / (sum(floors) / 2):.2f} x", "<= 1.3",
                best / (sum(floors) / 2) <= 1.3, f"python -c {FLOOR[:60]}... once per notebook"),
            row("   suite wall time (best round)", f"{best:.1f} s", "", None, "same")]


def kernel_views() -> list[dict]:
    """Figure 3: a view per value of every control, real data and 100x."""
    from helpers import load_all
    from helpers.explorer import figure_output
    from helpers.topics.registry import EXPLORERS

    out = []
    for scale in (1, 100):
        tables = load_all() if scale == 1 else scaled(scale)
        times = []
        for case in EXPLORERS:
            explorer = case.build(tables)
            base = explorer.state()
            for name, control in explorer.controls.items():
                for value in values_of(control)[:12]:
                    start = time.perf_counter()
                    for fig in explorer.view(**{**base, name: value}).figures:
                        figure_output(fig)
                    times.append((time.perf_counter() - start) * 1000)
        target = "< 50" if scale == 1 else "< 250"
        median = statistics.median(times)
        out.append(row(f"3. explorer view + figure JSON in the kernel, {scale}x data (median of "
                       f"{len(times)})", f"{median:.1f} ms", target,
                       median < (50 if scale == 1 else 250),
                       "Explorer.view(**controls) and helpers.explorer.figure_output"))
    return out


def values_of(control: object) -> list[object]:
    """Every value of a menu or buttons; the ends of a range slider."""
    options = getattr(control, "options", None)
    if options and type(control).__name__ in ("Dropdown", "ToggleButtons"):
        return [o[1] if isinstance(o, tuple) else o for o in options]
    return [control.value]


def scaled(factor: int) -> dict:
    """The tables with every row repeated ``factor`` times (ids made unique)."""
    import pandas as pd

    from helpers import load_all

    tables = load_all()
    out = {}
    for name, frame in tables.items():
        copies = [frame.assign(**{c: frame[c].astype("string") + f"_{i}" for c in frame.columns
                                  if c.endswith("_id") and c != "source_id"}) if i else frame
                  for i in range(factor)]
        out[name] = pd.concat(copies, ignore_index=True)
    out["sources"] = tables["sources"]
    return out


def load_times() -> list[dict]:
    """Figure 5: load_all in a fresh interpreter, warm cache and right after an edit."""
    code = ("import time; t = time.perf_counter(); from helpers import load_all; "
            "i = time.perf_counter(); load_all(); print(i - t, time.perf_counter() - i)")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CTE_CACHE_DIR": tmp}
        cold = [float(x) for x in subprocess.run([PY, "-c", code], env=env, capture_output=True,
                                                 text=True, check=True).stdout.split()]
        warm = [[float(x) for x in subprocess.run([PY, "-c", code], env=env,
                                                  capture_output=True, text=True,
                                                  check=True).stdout.split()] for _ in range(3)]
    load = statistics.median(w[1] for w in warm)
    return [row("5. load_all() in a fresh interpreter, warm validation cache (median of 3)",
                f"{load:.3f} s (imports before it {statistics.median(w[0] for w in warm):.2f} s)",
                "< 0.3", load < 0.3, code),
            row("5. load_all() right after a data edit (cache miss: Frictionless validates)",
                f"{cold[1]:.3f} s", "", None, "same, with an empty CTE_CACHE_DIR")]


def weight() -> list[dict]:
    """Figure 6 (files): the largest notebook and the offline site."""
    from tools import site

    every = BOOKS + sorted((ROOT / "notebooks" / "fr").glob(NOTEBOOK_GLOB))
    largest = max(every, key=lambda p: p.stat().st_size)
    with tempfile.TemporaryDirectory() as tmp:
        report = site.build_site(Path(tmp) / "site", execute=False, log=lambda *_: None)
        size = report.total_bytes
    kb = largest.stat().st_size / 1024
    return [row(f"6. largest committed notebook ({largest.relative_to(ROOT / 'notebooks')})",
                f"{kb:.0f} KB", "< 200 KB", kb < 200,
                "stat notebooks/*.ipynb notebooks/fr/*.ipynb"),
            row("6. offline site, all files", f"{size / 1e6:.1f} MB", "", None,
                "python3 dev.py site --no-execute --out DIR")]


def in_browser() -> list[dict]:
    """Figures 4 and 6 (websocket): redraw latency and bytes per Run All, in JupyterLab."""
    latencies, sockets = [], {}
    with tempfile.TemporaryDirectory() as tmp, browser.chromium() as chromium:
        server = browser.lab(Path(tmp))
        try:
            for book in BOOKS:
                page, watch = browser.new_page(chromium, 1400, 900)
                browser.open_in_lab(page, server, book.name)
                browser.wait_for(page, browser.EXPLORERS_DRAWN, browser.LAB_PANEL)
                sockets[book.name] = watch.ws_bytes
                latencies += redraws(page)
                browser.shutdown_lab_kernel(page)
                page.close()
        finally:
            server.stop()
    median, heaviest = statistics.median(latencies), max(sockets.values())
    return [row(f"4. control change to redrawn chart, JupyterLab + Chromium (median of "
                f"{len(latencies)})", f"{median:.0f} ms", "< 250", median < 250,
                "select an option of each explorer's first menu; time to the new title"),
            row("6. received over the kernel websocket in one Run All (largest notebook)",
                f"{heaviest / 1e3:.0f} KB ({max(sockets, key=sockets.get)})", "< 1 MB",
                heaviest < 1e6, "Playwright websocket frames of /api/kernels/.../channels"),
            *[row(f"   websocket bytes, {name}", f"{n / 1e3:.0f} KB", "", None, "same")
              for name, n in sockets.items()]]


REDRAW = """async (box, i) => {
  const plot = box.querySelector('.js-plotly-plot');
  const before = plot.layout.title.text;
  const select = box.querySelector('select');
  const start = performance.now();
  select.selectedIndex = i; select.dispatchEvent(new Event('change', {bubbles: true}));
  while (performance.now() - start < 5000) {
    const p = box.querySelector('.js-plotly-plot');
    if (p && p._fullLayout && p.layout.title.text !== before) return performance.now() - start;
    await new Promise(r => requestAnimationFrame(r));
  }
  return null;  // the title did not change (same view, or no redraw): not timed
}"""


def redraws(page: object, changes: int = 6) -> list[float]:
    """Milliseconds from a menu change to the redrawn chart, for each explorer with a menu."""
    out = []
    boxes = page.locator(f"{browser.LAB_PANEL} .cte-explorer")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        if not box.locator("select").count():
            continue
        n = box.locator("select").first.evaluate("s => s.options.length")
        for k in range(changes):
            took = box.evaluate(REDRAW, (k + 1) % n)
            if took is not None:
                out.append(took)
    return out


def setup() -> list[dict]:
    """Figure 7: a clean clone to JupyterLab serving 00-start-here.ipynb."""
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        port = browser.free_port()
        start = time.perf_counter()
        proc = subprocess.Popen(["python3", "dev.py", "lab", "--no-browser", f"--port={port}",
                                 "--IdentityProvider.token="], cwd=clone,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/api/contents/00-start-here.ipynb"
        seconds = None
        while time.perf_counter() - start < 600 and proc.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=2) as reply:
                    if reply.status == 200:
                        seconds = time.perf_counter() - start
                        break
            except OSError:
                time.sleep(0.2)
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(clone, ignore_errors=True)
    return [row("7. clean clone to JupyterLab serving 00-start-here.ipynb (uv, warm cache)",
                f"{seconds:.1f} s" if seconds else "failed", "< 30", bool(seconds and
                                                                          seconds < 30),
                "git clone; python3 dev.py lab; poll /api/contents/00-start-here.ipynb")]


def row(figure: str, value: str, target: str, met: bool | None, command: str) -> dict:
    """One result line."""
    return {"figure": figure, "value": value, "target": target, "met": met, "command": command}


def write(rows: list[dict], started: str) -> None:
    """results.json and results.md."""
    meta = {"started": started, "cores": os.cpu_count(), "load": os.getloadavg(),
            "python": sys.version.split()[0]}
    (OUT / "results.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n")
    lines = ["# Benchmark results", "",
             f"`python3 dev.py bench` on {started}, {meta['cores']} cores, load average "
             f"{', '.join(f'{x:.2f}' for x in meta['load'])} at the end. Ratios are taken within "
             "this run; absolute times move with the machine's load.", "",
             "| Figure | Value | Target | Met | Command |", "|---|---|---|---|---|"]
    for r in rows:
        met = "" if r["met"] is None else ("yes" if r["met"] else "**no**")
        lines.append(f"| {r['figure']} | {r['value']} | {r['target']} | {met} | "
                     f"`{r['command']}` |")
    (OUT / "results.md").write_text("\n".join(lines) + "\n")


PARTS = {"suite": suite, "kernel": kernel_views, "load": load_times, "weight": weight,
         "browser": in_browser, "setup": setup}


def main(argv: list[str]) -> int:
    """Run the chosen parts and write the results."""
    parser = argparse.ArgumentParser(prog="python3 dev.py bench")
    parser.add_argument("--skip", default="", help=f"comma-separated parts of {list(PARTS)}")
    args = parser.parse_args(argv)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    rows = []
    for name, part in PARTS.items():
        if name not in args.skip.split(","):
            print(f"[bench] {name}", flush=True)
            rows += part()
            for r in rows[-3:]:
                print(f"  {r['figure']}: {r['value']}", flush=True)
    write(rows, started)
    print(f"wrote {OUT / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
