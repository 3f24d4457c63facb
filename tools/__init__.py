"""Project tools: build and execute the notebooks, the offline site, presentation mode, the
world-map outlines, the browser start-up shared by tests and benchmarks, and the benchmarks.

Run them through ``python3 dev.py`` (which sets up the environment first), or as
``python -m tools.<module>`` inside it.
"""

from pathlib import Path

#: The project folder.
ROOT = Path(__file__).resolve().parent.parent
#: The glob of the teaching notebooks in a folder (the only copy of it).
NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"
