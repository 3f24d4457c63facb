"""Benchmark: how close the package runs to the physical floor, measured in one run.

Usage: ``python3 dev.py bench`` (or ``make bench``); extra options go to this script:
``--skip-suite --skip-nbconvert --skip-browser --skip-site --scales 1,10,100
--repeat N --changes N --rfc3987-compare`` (see ``--help``).
Writes benchmarks/results.json and benchmarks/results.md (the committed reference run).
It is not part of the test suite; tests never time anything.

Figures (targets from issue 6; ratios count, absolute seconds on a shared machine do not):

1. suite vs floor: the strict nbval suite, one worker, against the floor, which is per notebook
   a bare kernel start plus importing the same libraries (benchmarks/floor.py), summed.
2. suite vs ``jupyter nbconvert --execute``: both on the 2 cores (``-n 2 --dist loadfile``
   against two nbconvert processes with the notebooks split the same way), and both serial.
3. widget latency in the kernel: every explorer, every control, on the real data and on
   synthetic data scaled 10x and 100x (generated here in a temp dir, never committed).
4. latency in the browser: control change -> Plotly's ``plotly_afterplot`` event, headless
   Chromium against a JupyterLab started here.
5. load and validate all tables at 1x, 10x, 100x (cold in a fresh interpreter at 1x, too).
6. weight: every committed notebook, and the static site if ``dev.py site`` built it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata as md
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
PY = sys.executable
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
sys.path.insert(0, str(ROOT))

RESULTS: dict[str, Any] = {}


def say(text: str) -> None:
    """Progress line on stdout."""
    print(f"[bench] {text}", flush=True)


def rel(path: Path | str) -> str:
    """Path shown relative to the project."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def env() -> dict[str, str]:
    """Environment for child processes: the venv's bin first on PATH, no stray validation."""
    out = dict(os.environ)
    out["PATH"] = f"{Path(PY).parent}{os.pathsep}{out.get('PATH', '')}"
    out.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    out.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    return out


def wall(cmd: list[str], cwd: Path = ROOT, check: bool = True) -> float:
    """Wall time of one command (output discarded unless it fails)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env(), capture_output=True, text=True)
    took = time.perf_counter() - start
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return took


def walls(cmds: list[list[str]], cwd: Path = ROOT) -> float:
    """Wall time of several commands started together (one per core)."""
    start = time.perf_counter()
    procs = [subprocess.Popen(c, cwd=cwd, env=env(), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True) for c in cmds]
    outs = [p.communicate()[0] for p in procs]
    took = time.perf_counter() - start
    for cmd, proc, out in zip(cmds, procs, outs, strict=True):
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{out[-3000:]}")
    return took


def pct(values: list[float], q: float) -> float:
    """Percentile (nearest rank) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def stats_ms(values: list[float]) -> dict[str, float]:
    """Median, p95 and max in milliseconds of timings given in seconds."""
    ms = [1000 * v for v in values]
    return {"n": len(ms), "median_ms": round(statistics.median(ms), 2),
            "p95_ms": round(pct(ms, 95), 2), "max_ms": round(max(ms), 2)}


def figure(key: str, title: str, value: float, unit: str, target: str | None,
           met: bool | None, command: str, **extra: Any) -> None:
    """Record one headline figure with the command that produced it."""
    RESULTS.setdefault("figures", {})[key] = {
        "title": title, "value": round(value, 4), "unit": unit, "target": target,
        "met": met, "command": command, **extra}
    mark = "" if met is None else ("  (target met)" if met else "  (target MISSED)")
    say(f"{title}: {value:.3f} {unit}{mark}")


# ----------------------------------------------------------------------------- 1 and 2: suites
def floor(repeat: int, python: str = PY) -> dict[str, Any]:
    """Per notebook, one bare kernel start plus the imports (benchmarks/floor.py), summed."""
    per_notebook = []
    for path in NOTEBOOKS:
        runs = []
        for _ in range(repeat):
            out = subprocess.run([python, str(BENCH / "floor.py"), "1"], cwd=path.parent,
                                 env=env(), capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout)["runs"][0])
        best = min(runs, key=lambda r: r["floor_s"])
        per_notebook.append({"notebook": path.name, **{k: round(v, 3) for k, v in best.items()}})
    return {"per_notebook": per_notebook,
            "sum_s": sum(r["floor_s"] for r in per_notebook),
            "kernel_start_sum_s": sum(r["kernel_start_s"] for r in per_notebook),
            "imports_sum_s": sum(r["imports_s"] for r in per_notebook),
            "shutdown_sum_s": sum(r["shutdown_s"] for r in per_notebook)}


def breakdown() -> dict[str, Any]:
    """Where a notebook's time goes beyond the floor: nbclient run with per-cell timing."""
    import nbformat
    from nbclient import NotebookClient

    def secs(meta: dict, a: str, b: str) -> float:
        """Seconds between two ISO timestamps in a cell's execution metadata."""
        if a not in meta or b not in meta:
            return 0.0
        t0, t1 = (dt.datetime.fromisoformat(meta[k].replace("Z", "+00:00")) for k in (a, b))
        return (t1 - t0).total_seconds()

    rows = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=True,
                                store_widget_state=False,
                                resources={"metadata": {"path": str(path.parent)}})
        start = time.perf_counter()
        client.execute()
        total = time.perf_counter() - start
        cells = [(c, secs(c.metadata.get("execution", {}), "iopub.execute_input",
                          "shell.execute_reply")) for c in nb.cells if c.cell_type == "code"]
        imports = sum(t for c, t in cells if "from helpers import" in c.source)
        loads = sum(t for c, t in cells if "load_all()" in c.source)
        work = sum(t for _, t in cells)
        rows.append({"notebook": path.name, "nbclient_total_s": round(total, 3),
                     "code_cells": len(cells), "cells_s": round(work, 3),
                     "import_cell_s": round(imports, 3), "load_all_cell_s": round(loads, 3),
                     "other_cells_s": round(work - imports - loads, 3),
                     "outside_cells_s": round(total - work, 3)})
    collect = wall([*SUITE, "-n", "0", "--collect-only"])
    return {"per_notebook": rows, "pytest_collect_only_s": collect, **fixed_costs(),
            **{f"sum_{k}": round(sum(r[k] for r in rows), 3)
               for k in ("nbclient_total_s", "cells_s", "import_cell_s", "load_all_cell_s",
                         "other_cells_s", "outside_cells_s")}}


def fixed_costs() -> dict[str, float]:
    """Overheads that do not depend on our notebooks: two one-cell notebooks run by the
    strict suite on 1 and 2 workers, and by nbconvert in one and in two processes."""
    import nbformat

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("a", "b"):
            nb = nbformat.v4.new_notebook()
            nb.cells = [nbformat.v4.new_code_cell("1 + 1")]
            nbformat.write(nb, folder / f"{name}.ipynb")
        trivial = sorted(folder.glob("*.ipynb"))
        probe = [PY, "-m", "pytest", str(folder), "--nbval", "--nbval-current-env",
                 "-p", "no:cacheprovider", "-q"]
        return {
            "trivial_suite_1_worker_s": wall([*probe, "-n", "0"]),
            "trivial_suite_2_workers_s": wall([*probe, "-n", "2", "--dist", "loadfile"]),
            "trivial_nbconvert_1_process_s": wall(nbconvert(trivial, folder / "o1")),
            "trivial_nbconvert_2_processes_s": walls([nbconvert([t], folder / f"o{t.stem}")
                                                      for t in trivial]),
        }


SUITE = [PY, "-m", "pytest", "notebooks", "--nbval", "--nbval-current-env",
         "--nbval-cell-timeout=300", "-p", "no:cacheprovider", "-q"]


def halves() -> list[list[Path]]:
    """The notebooks split over two workers, alternating (as --dist loadfile hands them out)."""
    return [NOTEBOOKS[0::2], NOTEBOOKS[1::2]]


def nbconvert(paths: list[Path], out: Path) -> list[str]:
    """The usual notebook check: execute and write a copy (fails on any error)."""
    return [PY, "-m", "jupyter", "nbconvert", "--execute", "--to", "notebook",
            "--ExecutePreprocessor.timeout=300", f"--output-dir={out}", *map(str, paths)]


def suites(repeat: int, skip_nbconvert: bool) -> None:
    """Figures 1 and 2: strict nbval suite against the floor and against nbconvert.

    Suite and nbconvert runs alternate (best of ``repeat`` each), so a change in the machine's
    background load hits both sides of a ratio alike.
    """
    say("floor: bare kernel start + library imports, per notebook")
    base = floor(repeat)
    RESULTS["floor"] = base
    serial, parallel, conv1, conv2 = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(repeat):
            say(f"round {r + 1}/{repeat}: strict nbval suite on 1 and 2 workers"
                + ("" if skip_nbconvert else ", nbconvert --execute in 1 and 2 processes"))
            serial.append(wall([*SUITE, "-n", "0"]))
            if not skip_nbconvert:
                conv1.append(wall(nbconvert(NOTEBOOKS, Path(tmp) / "s")))
            parallel.append(wall([*SUITE, "-n", "2", "--dist", "loadfile"]))
            if not skip_nbconvert:
                conv2.append(walls([nbconvert(h, Path(tmp) / str(i))
                                    for i, h in enumerate(halves())]))
    RESULTS["suite"] = {"serial_s": min(serial), "parallel_s": min(parallel),
                        "serial_runs_s": serial, "parallel_runs_s": parallel}
    say("where the time goes: per-cell timing with nbclient")
    RESULTS["breakdown"] = breakdown()
    serial_s, parallel_s = min(serial), min(parallel)
    floor_cmd = "python benchmarks/floor.py 1  (in notebooks/, once per notebook, summed)"
    figure("suite_vs_floor", "1. strict nbval suite (1 worker) / floor (sum over notebooks)",
           serial_s / base["sum_s"], "x", "<= 1.3", serial_s / base["sum_s"] <= 1.3,
           f"pytest notebooks --nbval --nbval-current-env -n 0  vs  {floor_cmd}",
           suite_s=round(serial_s, 2), floor_s=round(base["sum_s"], 2))
    figure("suite2_vs_floor", "1b. strict nbval suite (2 workers) / (floor sum / 2)",
           parallel_s / (base["sum_s"] / 2), "x", None, None,
           "pytest notebooks --nbval --nbval-current-env -n 2 --dist loadfile",
           suite_s=round(parallel_s, 2))
    if skip_nbconvert:
        return
    RESULTS["nbconvert"] = {"serial_s": min(conv1), "parallel_s": min(conv2),
                            "serial_runs_s": conv1, "parallel_runs_s": conv2}
    pairs = [round(a / b, 3) for a, b in zip(parallel, conv2, strict=True)]
    paired = statistics.median(pairs)  # each round's two runs saw the same background load
    figure("suite_vs_nbconvert", "2. strict nbval suite / nbconvert --execute (2 cores each; "
           "median of per-round ratios)", paired, "x", "<= 1.0", paired <= 1.0,
           "pytest notebooks --nbval --nbval-current-env -n 2 --dist loadfile  vs  two "
           "`jupyter nbconvert --execute --to notebook` processes, notebooks split alternately",
           suite_s=round(parallel_s, 2), nbconvert_s=round(min(conv2), 2),
           ratio_per_round=pairs, ratio_of_best_runs=round(parallel_s / min(conv2), 3))
    pairs1 = [round(a / b, 3) for a, b in zip(serial, conv1, strict=True)]
    figure("suite_vs_nbconvert_serial", "2b. strict nbval suite / nbconvert --execute (1 core; "
           "median of per-round ratios)", statistics.median(pairs1), "x", None, None,
           "pytest ... -n 0  vs  jupyter nbconvert --execute --to notebook notebooks/*.ipynb",
           suite_s=round(serial_s, 2), nbconvert_s=round(min(conv1), 2),
           ratio_per_round=pairs1, ratio_of_best_runs=round(serial_s / min(conv1), 3))


# ----------------------------------------------------------------------------- synthetic data
#: Fixed reference lists that cannot grow without inventing facts or breaking their keys:
#: 17 goals, target numbers (a closed pattern), and the outlines of the world's countries
#: (100 copies of every border drawn on top of each other is not a bigger workshop). Every
#: other table is replicated, including signatures (which still point at real ISO codes).
FIXED = {"sdg_goals", "sdg_targets", "world_shapes"}


def scaled_copy(factor: int, out: Path) -> dict[str, int]:
    """Write the data package with every table (but FIXED) repeated ``factor`` times.

    Copy i gets fresh ids: string key/unique columns get a suffix ``_x{i}``, integer ones an
    offset; foreign keys into a replicated table get the same suffix, so every reference still
    resolves. Text, dates and codes stay real, so all rules still hold. Returns row counts.
    """
    import csv

    from helpers.data import read_descriptor

    out.mkdir(parents=True, exist_ok=True)
    descriptor = read_descriptor()
    shutil.copy(ROOT / "data" / "datapackage.json", out / "datapackage.json")
    counts = {}
    for res in descriptor["resources"]:
        schema = res["schema"]
        with open(ROOT / "data" / res["path"], encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        keys = set(_names(schema.get("primaryKey", [])))
        keys |= {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("unique")}
        refs = {name for fk in schema.get("foreignKeys", [])
                if (fk["reference"].get("resource") or res["name"]) not in FIXED
                for name in _names(fk["fields"])}
        types = {f["name"]: f["type"] for f in schema["fields"]}
        copies = 1 if res["name"] in FIXED else factor
        grown = []
        for i in range(copies):
            for row in rows:
                new = dict(row)
                if i:
                    for col in (keys | refs):
                        if not new[col] or (col == "iso3"):
                            continue
                        if types[col] == "integer":
                            new[col] = str(int(new[col]) + 1000 * i)
                        else:
                            new[col] = f"{new[col]}_x{i}"
                grown.append(new)
        with open(out / res["path"], "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(grown)
        counts[res["name"]] = len(grown)
    return counts


def _names(value: str | list[str]) -> list[str]:
    """A Table Schema key as a list of names."""
    return [value] if isinstance(value, str) else list(value)


# ----------------------------------------------------------------------------- 5: load
def loading(repeat: int, dirs: dict[int, Path]) -> None:
    """Figure 5: load + validate every table at 1x, 10x, 100x; cold 1x in a fresh process."""
    from helpers import data

    code = "import helpers; helpers.load_all()"
    cold = sorted(wall([PY, "-c", code]) for _ in range(repeat))[repeat // 2]
    bare = sorted(wall([PY, "-c", "import pandas"]) for _ in range(repeat))[repeat // 2]
    reference = sorted(wall([PY, "-c", "from helpers import data; data.problems(engine="
                                       "'frictionless')"]) for _ in range(repeat))[repeat // 2]
    out: dict[str, Any] = {"cold_process_s": cold, "import_pandas_process_s": bare,
                           "frictionless_reference_process_s": reference}
    for factor, folder in dirs.items():
        rows = sum(len(t) for t in data.load_all(folder).values())  # also proves it is valid

        def once(f: Path = folder) -> None:
            """Full validation (cache emptied) and typed load of every table."""
            data._validate_cached.cache_clear()
            data.load_all(f)

        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            once()
            times.append(time.perf_counter() - start)
        out[f"{factor}x"] = {"rows": rows, "median_s": statistics.median(times)}
    RESULTS["load"] = out
    one = out["1x"]["median_s"]
    growth = {f: out[f"{f}x"]["median_s"] / one for f in dirs}
    out["growth"] = growth
    cmd = ("python -c 'from helpers import data; data._validate_cached.cache_clear(); "
           f"data.load_all(DIR)'  (in-process, imports done, median of {repeat})")
    figure("load_1x", "5. load + validate all tables, 1x", one, "s", "< 0.3", one < 0.3, cmd,
           rows=out["1x"]["rows"])
    for f in (10, 100):
        if f in dirs:
            extra_rows = out[f"{f}x"]["rows"] - out["1x"]["rows"]
            per_row = (out[f"{f}x"]["median_s"] - one) / extra_rows * 1e6
            out[f"{f}x"]["marginal_us_per_row"] = per_row
            figure(f"load_{f}x", f"5. load + validate all tables, {f}x (growth vs 1x; "
                   "microseconds per added row)", out[f"{f}x"]["median_s"], "s", None, None, cmd,
                   rows=out[f"{f}x"]["rows"], growth_vs_1x=round(growth[f], 1),
                   marginal_us_per_row=round(per_row, 1))
    figure("load_cold_process", "5. fresh interpreter: import helpers + load_all() (1x)", cold,
           "s", None, None, f"python -c '{code}'  (median of {repeat}; `python -c 'import "
           f"pandas'` alone: {bare:.2f} s)")


# ----------------------------------------------------------------------------- 3: kernel latency
def explorers() -> dict[str, Callable[[dict], Any]]:
    """Every explorer of helpers.widgets with the tables it takes."""
    from helpers import widgets as w

    return {
        "00 explore_years": lambda t: w.explore_years(t["milestones"]),
        "01 explore_schemes": lambda t: w.explore_schemes(t["offences"], t["treaty_articles"]),
        "01 explore_crosswalk": lambda t: w.explore_crosswalk(t["crosswalk"], t["offences"],
                                                              t["treaty_articles"]),
        "02 explore_targets": lambda t: w.explore_targets(t["sdg_links"], t["sdg_targets"],
                                                          t["sdg_goals"], t["offences"]),
        "03 explore_timeline": lambda t: w.explore_timeline(t["milestones"]),
        "04 explore_instruments": lambda t: w.explore_instruments(t["instruments"]),
        "04 explore_signatures": lambda t: w.explore_signatures(t["signatures"],
                                                                t["world_shapes"]),
        "05 explore_quotes": lambda t: w.explore_quotes(t["quotes"]),
        "06 explore_claims": lambda t: w.explore_claims(t["claims"], t["sources"]),
    }


def controls(widget: Any) -> list:
    """Every choice control of an explorer, in layout order."""
    import ipywidgets as ipw

    kinds = (ipw.Dropdown, ipw.ToggleButtons, ipw.Select, ipw.RadioButtons,
             ipw.SelectionSlider, ipw.SelectionRangeSlider)
    found, queue = [], [widget]
    while queue:
        node = queue.pop(0)
        if isinstance(node, kinds):
            found.append(node)
        queue.extend(getattr(node, "children", ()) or ())
    return found


def changes(control: Any, limit: int) -> list[Callable[[], None]]:
    """Up to ``limit`` control changes, cycling through its options (then back to start)."""
    import ipywidgets as ipw

    n = len(control.options)
    if isinstance(control, ipw.SelectionRangeSlider):
        ends = [max(1, (n - 1) * k // limit) for k in range(1, limit + 1)]
        return [lambda e=e: setattr(control, "index", (0, e)) for e in ends]
    picks = [(i % (n - 1)) + 1 for i in range(limit - 1)] + [0] if n > 1 else []
    return [lambda i=i: setattr(control, "index", i) for i in picks]


def kernel_latency(dirs: dict[int, Path], per_explorer: int) -> None:
    """Figure 3: callback time of every explorer control, real data and scaled."""
    import warnings

    from helpers import data

    warnings.filterwarnings("ignore")
    out: dict[str, Any] = {}
    for factor, folder in dirs.items():
        tables = data.load_all(folder)
        every = []
        for name, build in explorers().items():
            start = time.perf_counter()
            box = build(tables)
            built = time.perf_counter() - start
            ctrls = controls(box)
            times = []
            for control in ctrls:
                for change in changes(control, max(2, per_explorer // len(ctrls))):
                    start = time.perf_counter()
                    change()
                    times.append(time.perf_counter() - start)
            every.extend(times)
            out.setdefault(name, {})[f"{factor}x"] = {"build_ms": round(1000 * built, 1),
                                                      "controls": len(ctrls), **stats_ms(times)}
        out.setdefault("all", {})[f"{factor}x"] = stats_ms(every)
    RESULTS["kernel_latency"] = out
    cmd = ("set each control's value in the kernel (same observer the browser triggers) and "
           "time it; python benchmarks/run.py (kernel_latency)")
    worst = max((v for k, v in out.items() if k != "all"), key=lambda v: v["1x"]["median_ms"])
    slowest = next(k for k, v in out.items() if v is worst)
    one = out["all"]["1x"]
    figure("widget_1x", "3. kernel callback, real data, all explorers (median)",
           one["median_ms"], "ms", "< 20 median", one["median_ms"] < 20, cmd,
           p95_ms=one["p95_ms"], slowest_explorer=slowest,
           slowest_median_ms=worst["1x"]["median_ms"],
           every_explorer_below_target=all(v["1x"]["median_ms"] < 20
                                           for k, v in out.items() if k != "all"))
    for f in (10, 100):
        if f"{f}x" in out["all"]:
            s = out["all"][f"{f}x"]
            figure(f"widget_{f}x", f"3. kernel callback, {f}x data, all explorers (median)",
                   s["median_ms"], "ms", "< 100 median" if f == 100 else None,
                   s["median_ms"] < 100 if f == 100 else None, cmd, p95_ms=s["p95_ms"],
                   slowest_median_ms=max(v[f"{f}x"]["median_ms"] for k, v in out.items()
                                         if k != "all"))


# ----------------------------------------------------------------------------- 4: browser
def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_lab(work: Path) -> tuple[subprocess.Popen, str]:
    """JupyterLab on a copy of the notebooks, isolated dirs, free port; returns (proc, url)."""
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    port = free_port()
    child = {**env(), "JUPYTER_CONFIG_DIR": str(work / "cfg"),
             "JUPYTER_RUNTIME_DIR": str(work / "rt"), "IPYTHONDIR": str(work / "ipy")}
    cmd = [PY, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
           "--IdentityProvider.token=", "--ServerApp.password=",
           f"--ServerApp.root_dir={work / 'notebooks'}", "--allow-root",
           "--LabApp.news_url=None", "--ServerApp.disable_check_xsrf=True"]
    proc = subprocess.Popen(cmd, env=child, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/lab", timeout=2)
            return proc, url
        except OSError:
            time.sleep(0.5)
    stop(proc)
    raise RuntimeError("JupyterLab did not start")


def stop(proc: subprocess.Popen) -> None:
    """Stop a process we started, by its PID."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
KERNEL_IDLE = ("() => /\\|\\s*Idle/.test((document.querySelector('#jp-main-statusbar')"
               " || {}).innerText || '')")
EXPLORER = f"{PANEL} .widget-vbox .js-plotly-plot"
STARTED = (f"() => Array.from(document.querySelectorAll('{PANEL} .jp-InputPrompt'))"
           f".some(e => e.textContent.includes('[*]')) || !!document.querySelector('{EXPLORER}')")
#: In the page: change control ``c`` of explorer ``i`` to its next option and resolve with the
#: milliseconds until the explorer's plot fires plotly_afterplot (or -1 after 3 s: a change
#: that leaves the chart as it was, e.g. a filter with the same rows, may not redraw it).
MEASURE = """([i, c, k]) => new Promise(resolve => {
  const boxes = Array.from(document.querySelectorAll('@PANEL .widget-vbox'))
    .filter(b => b.querySelector(':scope > .js-plotly-plot, :scope .js-plotly-plot')
                 && b.querySelector('select, .widget-toggle-buttons button'));
  const tops = boxes.filter(b => !boxes.some(o => o !== b && o.contains(b)));
  const box = tops[i];
  const plot = box.querySelector('.js-plotly-plot');
  const ctrls = Array.from(box.querySelectorAll('select, .widget-toggle-buttons'));
  const ctrl = ctrls[c];
  let t0 = 0, done = false;
  const finish = v => { if (!done) { done = true; plot.removeListener('plotly_afterplot', on);
                                     resolve(v); } };
  const on = () => finish(performance.now() - t0);
  plot.on('plotly_afterplot', on);
  setTimeout(() => finish(-1), 3000);
  t0 = performance.now();
  if (ctrl.tagName === 'SELECT') {
    const n = ctrl.options.length;
    ctrl.selectedIndex = (ctrl.selectedIndex + 1 + k % Math.max(1, n - 1)) % n;
    ctrl.dispatchEvent(new Event('change', {bubbles: true}));
  } else {
    const buttons = Array.from(ctrl.querySelectorAll('button'));
    const on_ = buttons.findIndex(b => b.classList.contains('mod-active'));
    buttons[(on_ + 1) % buttons.length].click();
  }
})""".replace("@PANEL", PANEL)
COUNT = """() => {
  const boxes = Array.from(document.querySelectorAll('@PANEL .widget-vbox'))
    .filter(b => b.querySelector('.js-plotly-plot')
                 && b.querySelector('select, .widget-toggle-buttons button'));
  const tops = boxes.filter(b => !boxes.some(o => o !== b && o.contains(b)));
  return tops.map(b => b.querySelectorAll('select, .widget-toggle-buttons').length);
}""".replace("@PANEL", PANEL)


def open_and_run(page: Any, url: str, name: str) -> None:
    """Open a notebook in JupyterLab and Run All, waiting for the explorer and an idle kernel."""
    page.goto(f"{url}/lab/tree/{name}?reset", wait_until="domcontentloaded")
    page.wait_for_selector(f"{PANEL} .jp-Cell", timeout=120_000)
    for attempt in range(3):  # a click before the kernel connects is lost; wait for the state
        page.wait_for_function(KERNEL_IDLE, timeout=120_000)
        page.keyboard.press("Escape")
        page.get_by_role("menuitem", name="Run").click()
        page.get_by_text("Run All Cells", exact=True).click()
        try:
            page.wait_for_function(STARTED, timeout=30_000, polling=100)
            break
        except Exception:
            if attempt == 2:
                raise
    page.wait_for_selector(EXPLORER, timeout=120_000)
    page.wait_for_function(KERNEL_IDLE, timeout=120_000)


def browser_latency(per_explorer: int) -> None:
    """Figure 4: control change -> plotly_afterplot in headless Chromium against JupyterLab."""
    if not Path(CHROMIUM).exists():
        RESULTS["browser_latency"] = {"skipped": f"no Chromium at {CHROMIUM}"}
        return
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    every: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = start_lab(Path(tmp))
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                warm = browser.new_page()
                warm.goto(f"{url}/lab?reset", wait_until="domcontentloaded")
                warm.wait_for_selector("#jp-main-dock-panel", timeout=120_000)
                warm.close()
                for path in NOTEBOOKS:
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    open_and_run(page, url, path.name)
                    for i, n_ctrls in enumerate(page.evaluate(COUNT)):
                        times, quiet = [], 0
                        for k in range(per_explorer):
                            ms = page.evaluate(MEASURE, [i, k % n_ctrls, k])
                            if ms >= 0:
                                times.append(ms / 1000)
                            else:
                                quiet += 1
                            page.wait_for_function(KERNEL_IDLE, timeout=30_000)
                        key = f"{path.stem[:2]} explorer {i + 1}"
                        out[key] = {**(stats_ms(times) if times else {"n": 0}),
                                    "changes_without_redraw": quiet}
                        every.extend(times)
                    say(f"browser: {path.name} done")
                    page.close()
                browser.close()
        finally:
            stop(proc)
    if not every:
        RESULTS["browser_latency"] = {"skipped": "no plotly_afterplot event was seen"}
        return
    out["all"] = stats_ms(every)
    RESULTS["browser_latency"] = out
    figure("browser", "4. browser: control change -> plotly_afterplot (median)",
           out["all"]["median_ms"], "ms", "< 250 median", out["all"]["median_ms"] < 250,
           "headless Chromium (Playwright) against JupyterLab started by benchmarks/run.py; "
           f"{per_explorer} changes per explorer", p95_ms=out["all"]["p95_ms"])


# ----------------------------------------------------------------------------- 6: weight
def folder_bytes(path: Path) -> int:
    """Total bytes of the files under a folder."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def weight(build_site: bool) -> None:
    """Figure 6: bytes of every committed notebook, and of the static site if it exists."""
    sizes = {p.name: p.stat().st_size for p in NOTEBOOKS}
    out: dict[str, Any] = {"notebooks": sizes, "data_bytes": folder_bytes(ROOT / "data")}
    biggest = max(sizes, key=sizes.get)
    figure("notebook_max", f"6. largest committed notebook ({biggest})", sizes[biggest] / 1000,
           "KB", "< 200 KB each", all(v < 200_000 for v in sizes.values()),
           "stat -c %s notebooks/*.ipynb", total_kb=round(sum(sizes.values()) / 1000, 1))
    script = ROOT / "scripts" / "build_site.py"
    site = None
    if build_site and script.exists():
        tmp = Path(tempfile.mkdtemp(prefix="bench-site-"))
        try:
            took = wall([PY, str(script), "--out", str(tmp / "site")])
            site = tmp / "site"
            out["site_build_s"] = took
            out["site_bytes"] = folder_bytes(site)
            out["site_files"] = sum(1 for p in site.rglob("*") if p.is_file())
        except RuntimeError as err:
            out["site"] = f"build failed: {str(err)[:300]}"
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    elif (ROOT / "site").is_dir():
        out["site_bytes"] = folder_bytes(ROOT / "site")
    else:
        out["site"] = "not built (scripts/build_site.py missing or --skip-site)"
    if "site_bytes" in out:
        figure("site", "6. static site (all files)", out["site_bytes"] / 1e6, "MB", None, None,
               "python scripts/build_site.py --out DIR; du -b DIR" if site else "du -b site/",
               files=out.get("site_files"))
    RESULTS["weight"] = out


# ----------------------------------------------------------------------------- rfc3987
def rfc3987_compare(repeat: int) -> None:
    """Before/after the lock's rfc3987-syntax remedy: import nbformat, and the kernel floor."""
    venv = Path(tempfile.gettempdir()) / "bench-rfc-venv"
    other = venv / "bin" / "python"
    uv = Path(PY).parent / "uv"
    if not other.exists():
        if not uv.exists():
            wall([PY, "-m", "pip", "install", "--quiet", "uv"])
        lock = Path(tempfile.gettempdir()) / "bench-rfc-lock.txt"
        text = (ROOT / "requirements.lock").read_text().splitlines(keepends=True)
        lock.write_text("".join(t for t in text if "sys_platform == 'never'" not in t))
        # run uv outside the project, or it applies the project's own override and skips it
        away = Path(tempfile.gettempdir())
        wall([str(uv), "venv", "-q", "-p", PY, str(venv)], cwd=away)
        wall([str(uv), "pip", "install", "-q", "--python", str(other), "--no-deps", "-r",
              str(lock), "rfc3987-syntax==1.1.0", "lark==1.3.1"], cwd=away)
    wall([str(other), "-c", "import rfc3987_syntax"])  # the "before" really has it
    out: dict[str, Any] = {"venv": str(venv)}
    for label, python in (("with_rfc3987_syntax", str(other)), ("lock", PY)):
        imp = sorted(wall([python, "-c", "import nbformat"]) for _ in range(repeat))
        bare = sorted(wall([python, "-c", "pass"]) for _ in range(repeat))
        runs = []
        for _ in range(repeat):
            res = subprocess.run([python, str(BENCH / "floor.py"), "1"], cwd=ROOT / "notebooks",
                                 env=env(), capture_output=True, text=True, check=True)
            runs.append(json.loads(res.stdout)["runs"][0]["floor_s"])
        out[label] = {"import_nbformat_s": statistics.median(imp),
                      "python_startup_s": statistics.median(bare),
                      "kernel_floor_s": statistics.median(runs)}
    RESULTS["rfc3987"] = out
    before, after = out["with_rfc3987_syntax"], out["lock"]
    figure("rfc3987_nbformat", "rfc3987-syntax cost per `import nbformat` (before - after)",
           before["import_nbformat_s"] - after["import_nbformat_s"], "s", None, None,
           "python -c 'import nbformat' in a venv = lock + rfc3987-syntax 1.1.0 + lark 1.3.1, "
           "vs the lock's .venv (median)", before_s=round(before["import_nbformat_s"], 3),
           after_s=round(after["import_nbformat_s"], 3))
    figure("rfc3987_kernel", "rfc3987-syntax cost per kernel floor (before - after)",
           before["kernel_floor_s"] - after["kernel_floor_s"], "s", None, None,
           "python benchmarks/floor.py 1 with each venv's python (median)",
           before_s=round(before["kernel_floor_s"], 3), after_s=round(after["kernel_floor_s"], 3))


# ----------------------------------------------------------------------------- report
def versions() -> dict[str, str]:
    """Versions of the things that set the numbers."""
    names = ["pandas", "plotly", "ipywidgets", "nbformat", "nbval", "nbconvert", "pytest",
             "pytest-xdist", "ipykernel", "jupyterlab", "frictionless", "playwright"]
    out = {"python": platform.python_version()}
    for name in names:
        try:
            out[name] = md.version(name)
        except md.PackageNotFoundError:
            out[name] = "not installed"
    out["rfc3987-syntax"] = (md.version("rfc3987-syntax") if _installed("rfc3987-syntax")
                             else "not installed (dropped by the lock)")
    return out


def _installed(name: str) -> bool:
    """True if a distribution is installed."""
    try:
        md.version(name)
    except md.PackageNotFoundError:
        return False
    return True


def markdown() -> str:
    """results.md: every figure with its target and command, then the details."""
    meta = RESULTS["meta"]
    lines = [
        "# Benchmark results", "",
        f"Reference run of `{meta['command']}` on {meta['date']}, {meta['cores']} cores "
        f"({meta['machine']}), load average at start {meta['load_start']}. "
        "Ratios are measured in one run and are the figures that count; absolute times on a "
        "shared machine move with the load. Regenerate with `make bench`.", "",
        "| Figure | Value | Target | Met | Command |", "|---|---|---|---|---|"]
    for item in RESULTS.get("figures", {}).values():
        met = "" if item["met"] is None else ("yes" if item["met"] else "**no**")
        rounds = item.get("ratio_per_round")
        extra = (f" (per round: {', '.join(map(str, rounds))}; best runs: "
                 f"{item['ratio_of_best_runs']})") if rounds else ""
        if "growth_vs_1x" in item:
            extra = (f" ({item['growth_vs_1x']}x the 1x time for {item['rows']} rows; "
                     f"{item['marginal_us_per_row']} us per added row)")
        lines.append(f"| {item['title']} | {item['value']:.3g} {item['unit']}{extra} | "
                     f"{item['target'] or ''} | {met} | `{item['command']}` |")
    lines += ["", "## Versions", "", ", ".join(f"{k} {v}" for k, v in meta["versions"].items()),
              "", "## Details", ""]
    if "floor" in RESULTS:
        lines += ["### 1. Floor per notebook (best of runs)", "",
                  f"Imports: `{_floor_imports()}`", "",
                  "| Notebook | kernel start s | imports s | floor s | shutdown s |",
                  "|---|---|---|---|---|"]
        for r in RESULTS["floor"]["per_notebook"]:
            lines.append(f"| {r['notebook']} | {r['kernel_start_s']} | {r['imports_s']} | "
                         f"{r['floor_s']} | {r['shutdown_s']} |")
        suite = RESULTS["suite"]
        lines += ["", f"Floor sum {RESULTS['floor']['sum_s']:.2f} s (+ graceful shutdowns "
                      f"{RESULTS['floor']['shutdown_sum_s']:.2f} s, not counted); strict suite "
                      f"{suite['serial_s']:.2f} s on 1 worker, {suite['parallel_s']:.2f} s on 2."]
        if "breakdown" in RESULTS:
            b = RESULTS["breakdown"]
            lines += ["", "Where the suite's time goes (nbclient, per-cell timing, summed over "
                          "notebooks): "
                      "pytest + nbval + xdist start and collection "
                      f"{b['pytest_collect_only_s']:.2f} s; "
                      f"code cells {b['sum_cells_s']:.2f} s, of which the import cell "
                      f"{b['sum_import_cell_s']:.2f} s (the first cell to import pandas, plotly "
                      "and ipywidgets, so it pays most of the floor's import time again), "
                      "`load_all()` "
                      f"{b['sum_load_all_cell_s']:.2f} s, "
                      f"the rest (building figures and explorers, checks) "
                      f"{b['sum_other_cells_s']:.2f} s; outside cells (kernel start, shutdown, "
                      f"messaging) {b['sum_outside_cells_s']:.2f} s.", "",
                      "| Notebook | code cells | cells s | import cell s | load_all cell s | "
                      "other cells s | outside cells s |", "|---|---|---|---|---|---|---|"]
            lines += [f"| {r['notebook']} | {r['code_cells']} | {r['cells_s']} | "
                      f"{r['import_cell_s']} | {r['load_all_cell_s']} | {r['other_cells_s']} | "
                      f"{r['outside_cells_s']} |" for r in b["per_notebook"]]
            lines.append("")
            lines += ["Fixed costs, two one-cell notebooks: strict suite "
                      f"{b['trivial_suite_1_worker_s']:.2f} s on 1 worker, "
                      f"{b['trivial_suite_2_workers_s']:.2f} s on 2 (pytest-xdist start-up); "
                      f"nbconvert {b['trivial_nbconvert_1_process_s']:.2f} s in one process, "
                      f"{b['trivial_nbconvert_2_processes_s']:.2f} s in two.", ""]

        if "nbconvert" in RESULTS:
            nb = RESULTS["nbconvert"]
            lines.append(f"nbconvert --execute: {nb['serial_s']:.2f} s in one process, "
                         f"{nb['parallel_s']:.2f} s in two.")
        lines.append("")
    if "kernel_latency" in RESULTS:
        lines += ["### 3. Kernel callback per explorer (ms; median / p95)", "",
                  "| Explorer | controls | build 1x ms | 1x | 10x | 100x |",
                  "|---|---|---|---|---|---|"]
        for name, per in RESULTS["kernel_latency"].items():
            cells = [f"{per[f]['median_ms']} / {per[f]['p95_ms']}" if f in per else ""
                     for f in ("1x", "10x", "100x")]
            first = per.get("1x", {})
            lines.append(f"| {name} | {first.get('controls', '')} | {first.get('build_ms', '')} "
                         f"| {' | '.join(cells)} |")
        lines.append("")
    if "browser_latency" in RESULTS:
        lines += ["### 4. Browser latency per explorer (ms)", ""]
        b = RESULTS["browser_latency"]
        if "skipped" in b:
            lines += [f"Not measured: {b['skipped']}.", ""]
        else:
            lines += ["| Explorer | n | median | p95 | max | changes without a redraw |",
                      "|---|---|---|---|---|---|"]
            lines += [f"| {k} | {v['n']} | {v.get('median_ms', '')} | {v.get('p95_ms', '')} | "
                      f"{v.get('max_ms', '')} | {v.get('changes_without_redraw', '')} |"
                      for k, v in b.items()]
            lines.append("")
    if "load" in RESULTS:
        ld = RESULTS["load"]
        lines += ["### 5. Load and validate", "", "| Scale | rows | median s | x of 1x |",
                  "|---|---|---|---|"]
        for f, g in ld["growth"].items():
            lines.append(f"| {f}x | {ld[f'{f}x']['rows']} | {ld[f'{f}x']['median_s']:.3f} | "
                         f"{g:.1f} |")
        lines += ["", f"Fresh interpreter, `import helpers; helpers.load_all()`: "
                      f"{ld['cold_process_s']:.2f} s (`import pandas` alone: "
                      f"{ld['import_pandas_process_s']:.2f} s; the Frictionless reference "
                      f"validator in a fresh interpreter: "
                      f"{ld['frictionless_reference_process_s']:.2f} s).", ""]
    if "weight" in RESULTS:
        w = RESULTS["weight"]
        lines += ["### 6. Weight", "", "| File | bytes |", "|---|---|"]
        lines += [f"| notebooks/{k} | {v} |" for k, v in w["notebooks"].items()]
        lines.append(f"| data/ | {w['data_bytes']} |")
        if "site_bytes" in w:
            lines.append(f"| static site ({w.get('site_files', '?')} files) | {w['site_bytes']} |")
        else:
            lines.append(f"| static site | {w.get('site', 'not built')} |")
        lines.append("")
    if "rfc3987" in RESULTS:
        r = RESULTS["rfc3987"]
        b, a = r["with_rfc3987_syntax"], r["lock"]
        lines += ["### rfc3987-syntax, before and after the lock's override", "",
                  "| | with rfc3987-syntax | lock (without) |", "|---|---|---|",
                  f"| `python -c 'import nbformat'` s | {b['import_nbformat_s']:.2f} | "
                  f"{a['import_nbformat_s']:.2f} |",
                  f"| `python -c 'pass'` s | {b['python_startup_s']:.2f} | "
                  f"{a['python_startup_s']:.2f} |",
                  f"| kernel floor (start + imports) s | {b['kernel_floor_s']:.2f} | "
                  f"{a['kernel_floor_s']:.2f} |", ""]
    lines += ["### Not measured in this run", ""]
    lines += [f"- {s}" for s in RESULTS["meta"]["skipped"]] or ["- nothing"]
    return "\n".join(lines) + "\n"


def _floor_imports() -> str:
    """The import line the floor runs."""
    sys.path.insert(0, str(BENCH))
    from floor import IMPORTS

    return IMPORTS


def main(argv: list[str]) -> int:
    """Run the selected parts and write results.json and results.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (default 3)")
    parser.add_argument("--changes", type=int, default=20, help="control changes per explorer")
    parser.add_argument("--skip-suite", action="store_true", help="skip figures 1 and 2")
    parser.add_argument("--skip-nbconvert", action="store_true", help="skip figure 2")
    parser.add_argument("--skip-browser", action="store_true", help="skip figure 4")
    parser.add_argument("--skip-site", action="store_true", help="do not build the site")
    parser.add_argument("--scales", default="1,10,100", help="data scales (default 1,10,100)")
    parser.add_argument("--rfc3987-compare", action="store_true",
                        help="also time a throwaway venv that has rfc3987-syntax (before/after)")
    parser.add_argument("--out", default=str(BENCH), help="folder for results.json/.md")
    args = parser.parse_args(argv)
    skipped = []
    load1 = subprocess.run(["cat", "/proc/loadavg"], capture_output=True, text=True).stdout
    RESULTS["meta"] = {
        "command": "python3 dev.py bench" + (" " + " ".join(argv) if argv else ""),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(), "machine": f"{platform.system()} {platform.machine()}",
        "load_start": " ".join(load1.split()[:3]), "versions": versions(), "skipped": skipped}
    started = time.perf_counter()
    scales = [int(s) for s in args.scales.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-data-") as tmp:
        dirs = {}
        for factor in scales:
            dirs[factor] = ROOT / "data" if factor == 1 else Path(tmp) / f"x{factor}"
            if factor != 1:
                scaled_copy(factor, dirs[factor])
        say("load and validate")
        loading(args.repeat, dirs)
        say("kernel callback latency")
        kernel_latency(dirs, args.changes)
    if args.skip_suite:
        skipped.append("1, 2: suites (--skip-suite)")
    else:
        suites(args.repeat, args.skip_nbconvert)
        if args.skip_nbconvert:
            skipped.append("2: nbconvert (--skip-nbconvert)")
    if args.skip_browser:
        skipped.append("4: browser latency (--skip-browser)")
    else:
        say("browser latency (JupyterLab + headless Chromium)")
        browser_latency(max(5, args.changes))
    weight(not args.skip_site)
    if args.rfc3987_compare:
        say("rfc3987-syntax before/after")
        rfc3987_compare(args.repeat)
    else:
        skipped.append("rfc3987-syntax before/after (--rfc3987-compare)")
    RESULTS["meta"]["runtime_s"] = round(time.perf_counter() - started, 1)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(RESULTS, indent=2, default=str) + "\n")
    (out / "results.md").write_text(markdown())
    say(f"wrote {rel(out / 'results.json')} and {rel(out / 'results.md')} "
        f"in {RESULTS['meta']['runtime_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
