"""Presentation mode for a room: Voila with a pool of pre-heated kernels, and its measurement.

Usage::

    python3 dev.py voilapool serve 03-road-to-a-treaty.ipynb --pool 4   # the screen + visitors
    python3 dev.py voilapool measure                                    # 10 visitors, pool or not
    python3 dev.py voilapool measure --visitors 5 --pool 5 --notebook 00-start-here.ipynb

``serve`` is ``python3 dev.py present`` (the same :func:`tools.browser.voila_command`: code and
exercises hidden, offline template, loopback only unless ``--ip``) plus
``--preheat_kernel=True --pool_size=N``: Voila keeps N kernels per chosen notebook that have
already run it, so a visitor gets a finished dashboard at once; each kernel handed out is
replaced a minute later. A pooled kernel is a live kernel: the explorers' widgets answer as
usual. The pool is per notebook, so choose the notebooks you will show (other notebooks are
hidden and get no pool). A pool of N holds N idle kernels (about 120 MiB each here).

``measure`` starts Voila twice, without and with the pool (sized to the visitors, filled before
they arrive), opens all visitors at once in headless Chromium (one context each) and reports,
per visitor, the time from opening the page to the first Plotly chart drawn and to the whole
dashboard done with its kernel idle, then checks that an explorer of each page still answers a
change of a menu (a round trip to the live kernel).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

from tools import ROOT
from tools.browser import (
    ARGS,
    EXPLORER_STATE,
    EXPLORERS_DRAWN,
    VOILA_DONE,
    VOILA_ERRORS,
    VOILA_KERNEL_IDLE,
    Server,
    find_chromium,
    free_port,
    isolated_env,
    voila_command,
    voila_env,
)

NOTEBOOKS = ROOT / "notebooks"
DEFAULT_NOTEBOOK = "03-road-to-a-treaty.ipynb"
#: Seconds before a handed-out kernel is replaced: Voila's default (1 s) starts all the
#: replacements while a crowd's pages are still loading, on the same cores (measured: 10 pages
#: at once drew their first chart after 46 s with 10 s, 22 s with 60 s, 30 s with no pool).
FILL_DELAY = 60.0
MAX_VISITORS = 20  # a bound: this tool never opens more pages at once
OUT = ROOT / "artifacts" / "room"
FIRST_CHART = """() => !!document.querySelector('#rendered_cells .js-plotly-plot .main-svg')
  && document.querySelector('#rendered_cells').style.display !== 'none'"""
#: Change the first explorer menu to another choice; return the explorer's state before.
CHANGE_MENU = """() => {
  const box = document.querySelector('.cte-explorer');
  const select = box && box.querySelector('select');
  if (!select || select.options.length < 2) return null;
  select.selectedIndex = (select.selectedIndex + 1) % select.options.length;
  select.dispatchEvent(new Event('change', {bubbles: true}));
  return select.value;
}"""


def pool_args(pool: int, hidden: list[str], fill_delay: float = FILL_DELAY) -> list[str]:
    """Voila's arguments for a pool of ``pool`` pre-heated kernels per shown notebook (none for
    the ``hidden`` ones, which Voila would otherwise pre-heat too), refilled ``fill_delay``
    seconds after a kernel is handed out."""
    if pool <= 0:
        return []
    args = ["--preheat_kernel=True", f"--pool_size={pool}",
            f"--VoilaKernelManager.fill_delay={fill_delay}"]
    if hidden:
        patterns = json.dumps(["^" + re.escape(name) + "$" for name in hidden])
        args.append(f"--VoilaKernelManager.preheat_denylist={patterns}")
    return args


def stage(folder: Path, names: list[str]) -> Path:
    """A folder with only the chosen notebooks (so Voila fills pools for those alone)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(NOTEBOOKS / name, folder / name)
    return folder


def start_voila(work: Path, notebook: str, pool: int, fill_delay: float = FILL_DELAY,
                ) -> Server:
    """Voila on a copy of ``notebook``, with a pool of ``pool`` kernels (0: none)."""
    folder = stage(work / "notebooks", [notebook])
    port = free_port()
    env = voila_env(isolated_env(work / "home"))
    cmd = voila_command([notebook], port, folder, extra=pool_args(pool, [], fill_delay))
    url = f"http://127.0.0.1:{port}"
    return Server(cmd, env, folder, f"{url}/", work / "voila.log", url)


def kernel_state(server: Server, kernel_id: str) -> dict[str, Any]:
    """Voila's REST model of one kernel (execution_state, last_activity)."""
    with urllib.request.urlopen(f"{server.url}/api/kernels/{kernel_id}", timeout=10) as reply:
        return json.loads(reply.read())


def wait_pool_filled(server: Server, pool: int, timeout: float = 300) -> float:
    """Seconds until ``pool`` kernels have started and finished running the notebook (each
    idle, with no activity for 2 s): the state a facilitator's early start leaves."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if server.proc.poll() is not None:
            raise RuntimeError(f"Voila exited; log: {server.log}")
        ids = re.findall(r"Kernel started: ([0-9a-f-]{36})", server.log.read_text(errors="replace"))
        if len(ids) >= pool:
            states = [kernel_state(server, k) for k in ids[:pool]]
            now = datetime.now(UTC)
            if all(st["execution_state"] == "idle" and (now - datetime.fromisoformat(
                    st["last_activity"].replace("Z", "+00:00"))).total_seconds() > 2
                   for st in states):
                return time.monotonic() - start
        try:
            server.proc.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            pass
    raise TimeoutError(f"the pool of {pool} kernels did not fill; log: {server.log}")


def tree_mib(pid: int) -> float:
    """PSS (MiB) of a process and its children."""
    total = 0.0
    root = psutil.Process(pid)
    for proc in [root, *root.children(recursive=True)]:
        try:
            mem = proc.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total += getattr(mem, "pss", mem.rss) / 2**20
    return total


async def visit(browser: Any, url: str, explorers: int, timeout: float) -> dict[str, Any]:
    """One visitor: open the dashboard, time the first chart, the end and the explorers
    drawn, then change an explorer's menu and wait for its chart or summary to follow."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    out: dict[str, Any] = {"error": ""}
    start = time.monotonic()
    try:
        await page.goto(url, wait_until="commit", timeout=timeout * 1000)
        await page.wait_for_function(FIRST_CHART, timeout=timeout * 1000, polling=50)
        out["first_chart_s"] = time.monotonic() - start
        await page.wait_for_function(VOILA_DONE, timeout=timeout * 1000, polling=100)
        await page.wait_for_function(VOILA_KERNEL_IDLE, timeout=timeout * 1000, polling=100)
        out["done_s"] = time.monotonic() - start
        errors = await page.evaluate(VOILA_ERRORS)
        if errors:
            raise RuntimeError(f"errors on the page: {errors[:2]}")
        if explorers:
            await page.wait_for_function(EXPLORERS_DRAWN, arg="#rendered_cells",
                                         timeout=timeout * 1000, polling=100)
            out["explorers_s"] = time.monotonic() - start
        before = await page.evaluate(EXPLORER_STATE, "#rendered_cells")
        if explorers:
            chosen = await page.evaluate(CHANGE_MENU)
            if chosen is None:
                raise RuntimeError("the explorer has no menu to change")
            await page.wait_for_function(
                """([root, old]) => JSON.stringify([...document.querySelector(root)
                     .querySelectorAll('.cte-explorer')].map(b => ({
                       titles: [...b.querySelectorAll('.js-plotly-plot')].map(p => {
                         const t = p.layout && p.layout.title;
                         return t ? String(t.text !== undefined ? t.text : t) : ''; }),
                       summary: (b.querySelector('.cte-summary') || {}).textContent || ''})))
                   !== old""",
                arg=["#rendered_cells", json.dumps([{"titles": b["titles"],
                                                     "summary": b["summary"]} for b in before])],
                timeout=timeout * 1000, polling=100)
            out["explorer_s"] = time.monotonic() - start - out["done_s"]
        out["explorer_live"] = bool(before)
    except Exception as err:  # noqa: BLE001 - every failure is counted, with its reason
        out["error"] = f"{type(err).__name__}: {str(err).splitlines()[0][:200]}"
    finally:
        await context.close()
    return out


async def crowd(url: str, visitors: int, explorers: int, timeout: float,
                ) -> list[dict[str, Any]]:
    """``visitors`` pages opened at the same moment in one headless Chromium."""
    from playwright.async_api import async_playwright

    path = find_chromium()
    if path is None:
        raise SystemExit("voilapool: Chromium is not installed (python3 dev.py voilapool "
                         "installs it)")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=path, args=ARGS)
        try:
            return list(await asyncio.gather(*(visit(browser, url, explorers, timeout)
                                               for _ in range(visitors))))
        finally:
            await browser.close()


def explorer_count(notebook: str) -> int:
    """How many code cells of the notebook end in an explorer (``explore_...(...)``)."""
    nb = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))
    return sum(1 for c in nb["cells"] if c["cell_type"] == "code"
               and re.search(r"\bexplore_\w+\(", "".join(c["source"])))


def summary(label: str, results: list[dict[str, Any]], extra: dict[str, Any]) -> dict:
    """One row of the report."""
    ok = [r for r in results if not r["error"]]

    def stat(key: str, fn: Any) -> float | None:
        """``fn`` of one measure over the visitors who got through (None if none did)."""
        vals = [r[key] for r in ok if r.get(key) is not None]
        return round(fn(vals), 3) if vals else None

    return {"mode": label, "visitors": len(results), "failures": len(results) - len(ok),
            "first_byte_max_s": stat("first_byte_s", max),
            "first_chart_median_s": stat("first_chart_s", statistics.median),
            "first_chart_max_s": stat("first_chart_s", max),
            "done_median_s": stat("done_s", statistics.median),
            "done_max_s": stat("done_s", max),
            "explorers_drawn_max_s": stat("explorers_s", max),
            "explorer_answer_max_s": stat("explorer_s", max),
            "explorers_live": sum(1 for r in ok if r.get("explorer_live")), **extra}


async def fetch_all(url: str, visitors: int, timeout: float) -> list[dict[str, Any]]:
    """``visitors`` plain HTTP requests of the dashboard at once: the server's side alone (Voila
    sends the page as the cells finish; a pre-heated page comes complete)."""
    import aiohttp

    async def one(http: aiohttp.ClientSession) -> dict[str, Any]:
        """One request: seconds to the first byte and to the whole page, charts in it."""
        out: dict[str, Any] = {"error": ""}
        start = time.monotonic()
        try:
            async with http.get(url) as reply:
                first = await reply.content.read(1)
                out["first_byte_s"] = time.monotonic() - start
                body = first + await reply.read()
                out["done_s"] = time.monotonic() - start
                if reply.status != 200 or b"application/vnd.plotly.v1+json" not in body:
                    raise RuntimeError(f"HTTP {reply.status}, {len(body)} bytes, no chart")
        except Exception as err:  # noqa: BLE001 - counted, with its reason
            out["error"] = f"{type(err).__name__}: {str(err)[:200]}"
        return out

    limit = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(timeout=limit) as http:
        return list(await asyncio.gather(*(one(http) for _ in range(visitors))))


async def arrive(how: str, url: str, visitors: int, explorers: int, timeout: float,
                 ) -> list[dict[str, Any]]:
    """All visitors at once: as HTTP requests, as Chromium pages, or one Chromium page (the
    projector, say) among HTTP requests; the Chromium results come first."""
    if how == "HTTP":
        return await fetch_all(url, visitors, timeout)
    if how == "Chromium":
        return await crowd(url, visitors, explorers, timeout)
    page, rest = await asyncio.gather(crowd(url, 1, explorers, timeout),
                                      fetch_all(url, visitors - 1, timeout))
    return [*page, *rest]


def measure(notebook: str, visitors: int, pool: int, timeout: float, keep: bool,
            fill_delay: float = FILL_DELAY) -> list[dict]:
    """Without the pool, then with it, each with plain HTTP fetches (the server alone), with
    Chromium pages (server and every browser on this machine), and with one Chromium page
    among HTTP fetches (what one visitor's own browser shows): the report rows. Each row gets a
    fresh Voila, its pool filled before the visitors arrive."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="cte-voilapool-") as tmp:
        base = OUT / f"voilapool-work-{datetime.now(UTC):%Y%m%dT%H%M%SZ}" if keep else Path(tmp)
        for size in (0, pool):
            for how in ("HTTP", "Chromium", "one Chromium + HTTP"):
                work = base / f"pool-{size}-{how}"
                label = (f"pool of {size}" if size else "no pool") + f", {how}"
                server = start_voila(work, notebook, size, fill_delay)
                try:
                    fill = round(wait_pool_filled(server, size), 1) if size else None
                    idle_mib = round(tree_mib(server.proc.pid), 1)
                    load = psutil.getloadavg()[0]
                    url = f"{server.url}/voila/render/{notebook}"
                    results = asyncio.run(arrive(how, url, visitors, explorer_count(notebook),
                                                 timeout))
                    log = server.log.read_text(errors="replace")
                finally:
                    server.stop()
                row = summary(label, results, {
                    "pool_fill_s": fill, "voila_idle_mib": idle_mib, "load_before": round(load, 2),
                    "served_from_pool": log.count("Using pre-heated kernel")})
                for r in results:
                    if r["error"]:
                        print(f"[voilapool]   {label}: {r['error']}", flush=True)
                print(f"[voilapool] {json.dumps(row)}", flush=True)
                rows.append(row)
    return rows


COLUMNS = [("mode", "Voila, visitors as"), ("visitors", "at once"), ("failures", "failures"),
           ("served_from_pool", "pages from the pool"), ("first_byte_max_s", "first byte max s"),
           ("first_chart_median_s", "first chart median s"),
           ("first_chart_max_s", "first chart max s"), ("done_median_s", "done median s"),
           ("done_max_s", "done max s"), ("explorers_drawn_max_s", "explorers drawn max s"),
           ("explorer_answer_max_s", "explorer answer max s"),
           ("explorers_live", "pages with a live explorer"),
           ("pool_fill_s", "pool filled after s"), ("voila_idle_mib", "Voila idle MiB")]


def table(rows: list[dict]) -> str:
    """The report as Markdown."""
    head = "| " + " | ".join(t for _, t in COLUMNS) + " |"
    rule = "|" + "|".join("---" for _ in COLUMNS) + "|"
    body = ["| " + " | ".join("" if r[k] is None else str(r[k]) for k, _ in COLUMNS) + " |"
            for r in rows]
    return "\n".join([head, rule, *body])


def serve(names: list[str], pool: int, port: int, ip: str,
          fill_delay: float = FILL_DELAY) -> int:
    """Presentation mode with a pool, until Ctrl+C."""
    for name in names:
        if not (NOTEBOOKS / name).is_file():
            raise SystemExit(f"voilapool: no notebook {name!r} in {NOTEBOOKS}")
    hidden = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb") if p.name not in names)
    extra = pool_args(pool, hidden, fill_delay)
    if ip != "127.0.0.1":
        extra.append(f"--Voila.ip={ip}")
    cmd = voila_command(names, port, NOTEBOOKS, extra=extra)
    for name in names:
        print(f"[voilapool] open http://127.0.0.1:{port}/voila/render/{name}", flush=True)
    print(f"[voilapool] {pool} pre-heated kernel(s) per notebook; Ctrl+C stops", flush=True)
    try:
        return subprocess.call(cmd, env=voila_env(), cwd=NOTEBOOKS)
    except KeyboardInterrupt:
        return 130


def main(argv: list[str] | None = None) -> int:
    """``serve`` or ``measure`` (the default)."""
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python3 dev.py voilapool",
                                     description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what")
    s = sub.add_parser("serve", help="presentation mode with pre-heated kernels")
    s.add_argument("notebooks", nargs="+", help="notebook file names to show")
    s.add_argument("--pool", type=int, default=3, help="pre-heated kernels per notebook")
    s.add_argument("--port", type=int, default=8866)
    s.add_argument("--ip", default="127.0.0.1", help="0.0.0.0: reachable from the room")
    m = sub.add_parser("measure", help="N visitors at once, without and with the pool")
    for one in (s, m):
        one.add_argument("--fill-delay", type=float, default=FILL_DELAY,
                         help="seconds before a handed-out kernel is replaced")
    m.add_argument("--notebook", default=DEFAULT_NOTEBOOK)
    m.add_argument("--visitors", type=int, default=10)
    m.add_argument("--pool", type=int, help="pool size (default: one kernel per visitor)")
    m.add_argument("--timeout", type=float, default=180, help="seconds per visitor at most")
    m.add_argument("--keep", action="store_true", help="keep the Voila logs in artifacts/room")
    args = parser.parse_args(argv if argv and argv[0] in ("serve", "measure")
                             else ["measure", *argv])
    if args.what == "serve":
        return serve([Path(n).name for n in args.notebooks], args.pool, args.port, args.ip,
                     args.fill_delay)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop Voila on the way out
    if not 1 <= args.visitors <= MAX_VISITORS:
        raise SystemExit(f"voilapool: between 1 and {MAX_VISITORS} visitors")
    rows = measure(Path(args.notebook).name, args.visitors, args.pool or args.visitors,
                   args.timeout, args.keep, args.fill_delay)
    report = table(rows)
    print("\n" + report)
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (OUT / f"voilapool-{stamp}.md").write_text(
        f"python3 dev.py voilapool {' '.join(argv)}\n\n{report}\n")
    (OUT / f"voilapool-{stamp}.json").write_text(json.dumps(rows, indent=1))
    return 0 if all(r["failures"] == 0 for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
