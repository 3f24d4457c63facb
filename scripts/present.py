#!/usr/bin/env python3
"""Presentation mode: serve the notebooks as Voila dashboards (code hidden, widgets live).

Usage::

    python3 dev.py present                          # every notebook in notebooks/
    python3 dev.py present 03-road-to-a-treaty.ipynb 05-voices-rights-debate.ipynb
    python3 dev.py present --port 9000 03-road-to-a-treaty.ipynb

The server listens on 127.0.0.1 only, opens no browser (it prints the URLs), runs as root
too, and runs each kernel in notebooks/ like JupyterLab does. It uses the project's
``offline`` Voila template (presentation/voila/templates/offline), which drops the CDN style
sheets of Voila's lab template, so no request leaves the machine. Stop it with Ctrl+C.

:func:`voila_command` and :func:`voila_env` build the exact command and environment; the
browser tests (tests/test_browser.py) start Voila through them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
#: A Jupyter data folder holding voila/templates/offline; put first on JUPYTER_PATH.
TEMPLATES = ROOT / "presentation"
TEMPLATE = "offline"
DEFAULT_PORT = 8866
#: Files Jupyter hides anyway; notebooks not chosen are added to this list.
HIDDEN = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", ".ipynb_checkpoints"]


def voila_command(notebooks: list[str] | None = None, port: int = DEFAULT_PORT,
                  folder: Path = NOTEBOOKS, python: str = sys.executable) -> list[str]:
    """The Voila command line that serves ``notebooks`` (names in ``folder``; None = all).

    Voila serves the whole ``folder`` (so every kernel starts there); notebooks that were not
    chosen are hidden from its list.
    """
    cmd = [python, "-m", "voila", str(folder), "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", "--strip_sources=True",
           f"--template={TEMPLATE}", "--VoilaConfiguration.show_tracebacks=True",
           "--theme=light"]
    if notebooks:
        chosen = set(notebooks)
        hidden = HIDDEN + sorted(p.name for p in folder.glob("*.ipynb") if p.name not in chosen)
        cmd += [f"--ContentsManager.hide_globs={name}" for name in hidden]
    return cmd


def voila_env(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Voila: ``environ`` (default os.environ) with the template folder
    first on JUPYTER_PATH, so ``--template=offline`` finds the project template."""
    env = dict(os.environ if environ is None else environ)
    paths = [str(TEMPLATES), *filter(None, env.get("JUPYTER_PATH", "").split(os.pathsep))]
    env["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


def urls(notebooks: list[str] | None, port: int) -> list[str]:
    """The addresses to open: one per chosen notebook, or the notebook list."""
    base = f"http://127.0.0.1:{port}"
    if not notebooks:
        return [f"{base}/"]
    return [f"{base}/voila/render/{name}" for name in notebooks]


def chosen(names: list[str], folder: Path = NOTEBOOKS) -> list[str]:
    """Check each requested notebook exists in ``folder``; return the file names."""
    out = []
    for name in names:
        path = folder / Path(name).name
        if path.suffix != ".ipynb" or not path.is_file():
            raise SystemExit(f"present: no notebook {name!r} in {folder}")
        out.append(path.name)
    return out


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, print the URLs, run Voila until it stops."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebook file names (default: all)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"local port (default {DEFAULT_PORT})")
    args = parser.parse_args(argv)
    names = chosen(args.notebooks)
    for url in urls(names, args.port):
        print(f"[present] open {url}", flush=True)
    print("[present] Ctrl+C stops the server", flush=True)
    try:
        return subprocess.call(voila_command(names, args.port), env=voila_env(), cwd=NOTEBOOKS)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
