"""Re-execute the teaching notebooks in place, the scripted clean run behind committed outputs.

Usage: python scripts/execute_notebooks.py [notebooks/NN-name.ipynb ...]

For each notebook: drop stored widget state, clear outputs, run every cell top to bottom in a
fresh ``python3`` kernel from this environment with widget state *not* stored, normalise the
kernelspec, and write it back. Run it (``python3 dev.py notebooks``) after changing data or
helpers, then commit the notebooks so strict nbval compares against fresh outputs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def clean(nb: nbformat.NotebookNode) -> None:
    """Remove widget state and previous outputs; set the standard kernelspec."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)


def run(path: Path, **kernel_kw: object) -> nbformat.NotebookNode:
    """Execute a clean in-memory copy of one notebook and return it; the file is not touched.

    The kernel's working directory is the notebook's folder, as in JupyterLab. Extra keyword
    arguments go to the kernel start (for example ``env=``).
    """
    nb = nbformat.read(path, as_version=4)
    clean(nb)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute(**kernel_kw)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.validate(nb)
    return nb


def execute(path: Path) -> float:
    """Execute one notebook in place; return the seconds it took."""
    start = time.perf_counter()
    nb = run(path)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    """Execute the given notebooks, or all of notebooks/*.ipynb."""
    paths = [Path(a).resolve() for a in argv] or sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    for path in paths:
        seconds = execute(path)
        print(f"executed {path.relative_to(ROOT)} in {seconds:.1f} s "
              f"({path.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
