"""Benchmark: speed and weight of the package, measured here rather than in timed tests.

Usage: python benchmarks/run.py [--skip-notebooks] [--repeat N]
(or ``python3 dev.py bench``). Prints a table and writes benchmarks/results.json.

What it measures
- import time of ``helpers`` and cold ``load_all()`` (fresh interpreter, median of N runs);
- warm ``load_all()`` (validation cached by content hash) and a full re-validation;
- explorer response: build each explorer, then change its first control repeatedly
  (median and worst kernel-side time per change, FigureWidget updated in place);
- each notebook's execution time in a fresh kernel (nbclient, widget state not stored);
- weight: size of data/, of each notebook, and of the virtual environment.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fresh_python(code: str, repeat: int) -> float:
    """Median wall time of running ``code`` in a new interpreter."""
    return median_seconds(lambda: subprocess.run([sys.executable, "-c", code], check=True,
                                                 cwd=ROOT), repeat)


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def loading(repeat: int) -> dict[str, float]:
    from helpers import data

    tables = data.load_all()
    with tempfile.TemporaryDirectory() as tmp:
        import shutil

        shutil.copytree(data.DATA_DIR, Path(tmp) / "d")
        fresh = Path(tmp) / "d"

        def revalidate() -> None:
            data._validate_cached.cache_clear()
            data.validate(fresh)

        return {
            "import_helpers_s": fresh_python("import helpers", repeat),
            "cold_load_all_s": fresh_python("import helpers; helpers.load_all()", repeat),
            "warm_load_all_s": median_seconds(data.load_all, repeat),
            "full_validation_s": median_seconds(revalidate, repeat),
            "rows_total": sum(len(t) for t in tables.values()),
        }


EXPLORERS: dict[str, Callable[[dict], object]] = {
    "00_years": lambda t: W.explore_years(t["milestones"]),
    "01_schemes": lambda t: W.explore_schemes(t["offences"], t["treaty_articles"]),
    "01_crosswalk": lambda t: W.explore_crosswalk(t["crosswalk"], t["offences"],
                                                  t["treaty_articles"]),
    "02_targets": lambda t: W.explore_targets(t["sdg_links"], t["sdg_targets"],
                                              t["sdg_goals"], t["offences"]),
    "03_timeline": lambda t: W.explore_timeline(t["milestones"]),
    "04_instruments": lambda t: W.explore_instruments(t["instruments"]),
    "04_signatures": lambda t: W.explore_signatures(t["signatures"], t["world_shapes"]),
    "05_quotes": lambda t: W.explore_quotes(t["quotes"]),
    "06_claims": lambda t: W.explore_claims(t["claims"], t["sources"]),
}
W = None  # helpers.widgets, imported lazily


def controls(widget: object) -> list:
    """Single-choice controls (dropdowns, toggle buttons) of an explorer, in layout order."""
    import ipywidgets

    kinds = (ipywidgets.Dropdown, ipywidgets.ToggleButtons, ipywidgets.Select,
             ipywidgets.RadioButtons)
    found, queue = [], [widget]
    while queue:
        node = queue.pop(0)
        if isinstance(node, kinds):
            found.append(node)
        queue.extend(getattr(node, "children", ()) or ())
    return found


def callbacks(repeat: int) -> dict[str, float]:
    """Kernel-side response of each explorer: build it once, then time control changes.

    Setting a control's value runs the same observer the browser triggers, which updates the
    FigureWidget in place; the time excludes the browser's redraw.
    """
    global W
    from helpers import load_all
    from helpers import widgets as W

    tables = load_all()
    out = {}
    for name, build in EXPLORERS.items():
        start = time.perf_counter()
        explorer = build(tables)
        out[f"build_{name}_ms"] = 1000 * (time.perf_counter() - start)
        times = []
        for control in controls(explorer)[:1]:
            values = [o[1] if isinstance(o, tuple) else o for o in control.options]
            for i in range(repeat):
                value = values[(i + 1) % len(values)]
                if value == control.value:
                    continue
                start = time.perf_counter()
                control.value = value
                times.append(time.perf_counter() - start)
        if times:
            out[f"change_{name}_ms_median"] = 1000 * statistics.median(times)
            out[f"change_{name}_ms_max"] = 1000 * max(times)
    return out


def notebooks() -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import nbformat
    from execute_notebooks import clean
    from nbclient import NotebookClient

    out = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        clean(nb)
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        out[f"run_{path.stem}_s"] = time.perf_counter() - start
    return out


def weights() -> dict[str, float]:
    out = {"data_kib": folder_bytes(ROOT / "data") / 1024}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        out[f"size_{path.stem}_kib"] = path.stat().st_size / 1024
    venv = ROOT / ".venv"
    if venv.exists():
        out["venv_mib"] = folder_bytes(venv) / 2**20
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-notebooks", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    results: dict[str, float] = {}
    results.update(loading(args.repeat))
    results.update(callbacks(args.repeat * 4))
    if not args.skip_notebooks:
        results.update(notebooks())
    results.update(weights())
    for key, value in results.items():
        print(f"{key:45s} {value:10.3f}")
    out = ROOT / "benchmarks" / "results.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({k: round(v, 4) for k, v in results.items()}, indent=2))
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
