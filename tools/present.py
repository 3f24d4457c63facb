"""Presentation mode: the notebooks as Voila dashboards, code and exercises hidden, widgets live.

Usage::

    python3 dev.py present                          # every notebook in notebooks/
    python3 dev.py present 03-road-to-a-treaty.ipynb
    python3 dev.py present --lang fr                # the French edition
    python3 dev.py present --port 9000

The server listens on 127.0.0.1 only, opens no browser (it prints the addresses), and runs each
kernel in the notebooks' folder like JupyterLab does. It uses the project's ``offline`` Voila
template (``presentation/voila/templates/offline``): no CDN style sheets, and the exercise
cells left out. Stop it with Ctrl+C. The browser tests start Voila through the same
:func:`tools.browser.voila_command`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from tools import ROOT
from tools.browser import voila_command, voila_env

DEFAULT_PORT = 8866


def folder_of(lang: str) -> Path:
    """The notebooks folder of a language."""
    return ROOT / "notebooks" if lang == "en" else ROOT / "notebooks" / lang


def chosen(names: list[str], folder: Path) -> list[str]:
    """Check each requested notebook exists in ``folder``; return the file names."""
    out = []
    for name in names:
        path = folder / Path(name).name
        if path.suffix != ".ipynb" or not path.is_file():
            raise SystemExit(f"present: no notebook {name!r} in {folder}")
        out.append(path.name)
    return out


def urls(notebooks: list[str], port: int) -> list[str]:
    """The addresses to open: one per chosen notebook, or the notebook list."""
    base = f"http://127.0.0.1:{port}"
    return [f"{base}/voila/render/{n}" for n in notebooks] or [f"{base}/"]


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, print the addresses, run Voila until it stops."""
    parser = argparse.ArgumentParser(prog="python3 dev.py present",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebook file names (default: all)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--lang", default="en", help="en or fr")
    args = parser.parse_args(argv)
    folder = folder_of(args.lang)
    names = chosen(args.notebooks, folder)
    for url in urls(names, args.port):
        print(f"[present] open {url}", flush=True)
    print("[present] Ctrl+C stops the server", flush=True)
    try:
        return subprocess.call(voila_command(names, args.port, folder), env=voila_env(),
                               cwd=folder)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
