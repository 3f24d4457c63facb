"""Benchmark: speed and weight of the package, measured here rather than in timed tests.

Usage: python scripts/benchmark.py [--skip-notebooks] [--repeat N]
(or ``python3 dev.py bench``). Prints a table and writes bench/results.json.

What it measures
- import time of ``helpers`` and cold ``load_all()`` (fresh interpreter, median of N runs);
- warm ``load_all()`` (validation cached by content hash) and a full re-validation;
- widget callback latency: each explorer's update function on the real data (median);
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


def callbacks(repeat: int) -> dict[str, float]:
    """Median latency of each explorer callback (helpers.widgets.BENCHMARK_CASES)."""
    from helpers import load_all, widgets

    cases = getattr(widgets, "benchmark_cases", None)
    if cases is None:
        return {}
    out = {}
    for name, call in cases(load_all()).items():
        out[f"callback_{name}_ms"] = 1000 * median_seconds(call, repeat)
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
    out = ROOT / "bench" / "results.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({k: round(v, 4) for k, v in results.items()}, indent=2))
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
