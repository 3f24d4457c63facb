"""The first-render check: open every notebook N times in JupyterLab, each time in a fresh
kernel and a fresh browser context, Run All, and count explorer charts that come up blank.

``python3 dev.py rendercheck [--runs 20] [--width 1400] [--lang fr] [NN ...]`` (not part of
CI; about six seconds a run). An explorer chart is blank when it has no title or no trace with
data and is not the explicit empty state: the symptom of the old FigureWidget explorers was
Plotly's empty default plot (axes -1..6, no title). Prints a table and exits 1 if any run was
blank.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tools import NOTEBOOK_GLOB, ROOT, browser


def one_run(chromium: object, server: browser.Server, name: str,
            width: int) -> tuple[int, int, float, list[str]]:
    """Open, Run All, inspect; return (explorer charts, blank ones, seconds, notes)."""
    page, _watch = browser.new_page(chromium, width, 900)
    start = time.perf_counter()
    try:
        state = browser.open_in_lab(page, server, name)
        notes = list(state["errors"])
        try:
            browser.wait_for(page, browser.EXPLORERS_DRAWN, browser.LAB_PANEL,
                             f"{name}: explorers", timeout=60)
        except TimeoutError as err:
            notes.append(str(err))
        charts = browser.inspect(page, f"{browser.LAB_PANEL} .cte-explorer")
        blank = sum(1 for c in charts if not c["title"] or not (c["traces"] or c["empty"]))
        browser.shutdown_lab_kernel(page)
        return len(charts), blank, time.perf_counter() - start, notes
    finally:
        page.close()


def main(argv: list[str]) -> int:
    """Run the check and print one line per notebook."""
    parser = argparse.ArgumentParser(prog="python3 dev.py rendercheck")
    parser.add_argument("numbers", nargs="*", help="notebook numbers (default: all)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--lang", default="en", help="edition: en or fr")
    args = parser.parse_args(argv)
    folder = ROOT / "notebooks" / ("" if args.lang == "en" else args.lang)
    names = [p.name for p in sorted(folder.glob(NOTEBOOK_GLOB))
             if not args.numbers or p.name[:2] in args.numbers]
    total = 0
    print(f"{'notebook':<36} runs  charts  blank  median s", flush=True)
    with tempfile.TemporaryDirectory() as tmp, browser.chromium() as chromium:
        server = browser.lab(Path(tmp), folder,
                             language=None if args.lang == "en" else f"{args.lang}_FR")
        try:
            for name in names:
                blanks, drawn, times = 0, 0, []
                for _ in range(args.runs):
                    charts, blank, seconds, notes = one_run(chromium, server, name, args.width)
                    blanks, drawn = blanks + blank, drawn + charts
                    times.append(seconds)
                    for note in notes:
                        print(f"  {name}: {note}", flush=True)
                total += blanks
                times.sort()
                print(f"{name:<36} {args.runs:>4}  {drawn:>6}  {blanks:>5}  "
                      f"{times[len(times) // 2]:>8.1f}", flush=True)
        finally:
            server.stop()
    print(f"blank explorer renders: {total}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
