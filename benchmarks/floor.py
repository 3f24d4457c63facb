"""The floor of one notebook run: start a bare kernel, import the notebooks' libraries, stop.

Run with any Python that has ipykernel and jupyter_client (the project's .venv, or a throwaway
venv for a before/after comparison): ``python benchmarks/floor.py N`` prints one JSON object
with N timings in seconds. Standard library plus jupyter_client only, so it runs anywhere.
"""

from __future__ import annotations

import json
import sys
import time

#: What every notebook's first code cell pulls in, listed as libraries (not our helpers):
#: pandas and numpy for the frames, plotly for charts, ipywidgets for explorers, and nbformat,
#: which plotly's notebook renderer imports in every kernel to check its version.
IMPORTS = "import numpy, pandas, plotly.graph_objects, plotly.io, ipywidgets, nbformat"


def one_run() -> dict[str, float]:
    """Time one bare kernel start plus the imports; shutdown is timed separately."""
    from jupyter_client.manager import start_new_kernel

    start = time.perf_counter()
    manager, client = start_new_kernel(kernel_name="python3", startup_timeout=120)
    started = time.perf_counter()
    reply = client.execute_interactive(IMPORTS, timeout=120, store_history=False)
    imported = time.perf_counter()
    assert reply["content"]["status"] == "ok", reply["content"]
    client.stop_channels()
    manager.shutdown_kernel(now=False)
    stopped = time.perf_counter()
    return {"kernel_start_s": started - start, "imports_s": imported - started,
            "floor_s": imported - start, "shutdown_s": stopped - imported}


def main(argv: list[str]) -> int:
    """Print N runs as JSON."""
    runs = [one_run() for _ in range(int(argv[0]) if argv else 1)]
    print(json.dumps({"imports": IMPORTS, "python": sys.executable, "runs": runs}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
