#!/usr/bin/env python3
"""One entry point for people and CI: ``python3 dev.py lab`` or ``python3 dev.py test``.

Every command first creates (or refreshes) a local virtual environment in ``.venv`` from
``requirements.lock``, so a clean clone needs nothing but Python >= 3.11 and pip.

Commands
--------
lab         open JupyterLab on notebooks/ (extra arguments go to ``jupyter lab``)
test        ruff + the whole pytest suite, offline (data, helpers, notebooks under strict nbval,
            determinism, browser)
notebooks   re-execute every notebook in place, so committed outputs match the data
dictionary  regenerate data/README.md from data/datapackage.json
freshness   list as-of dates in data/ older than 180 days (a reminder to re-check sources)
bench       run the benchmarks (benchmarks/run.py -> benchmarks/results.md and results.json)
present     serve notebooks as Voila dashboards (code hidden) on a local port
site        execute every notebook and write an offline HTML site to site/
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".lock-sha256"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": False},
}


def _say(msg: str) -> None:
    print(f"[dev] {msg}", flush=True)


def _run(cmd: list[str], **kw) -> None:
    _say(" ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, cwd=kw.pop("cwd", ROOT), **kw)


def _wanted_stamp() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_venv() -> None:
    """Create .venv if missing and (re)install the lock when it changed."""
    stamp = _wanted_stamp()
    if PY.exists() and STAMP.exists() and STAMP.read_text() == stamp:
        return
    # A new or changed lock gets a fresh environment, so .venv holds exactly the lock.
    _say(f"creating virtual environment in {VENV}")
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    _say("installing the locked dependencies (first run takes about a minute)")
    pip = [PY, "-m", "pip", "--disable-pip-version-check"]
    # --no-deps: the lock is complete (uv pip compile output), and it deliberately leaves
    # out rfc3987-syntax (see [tool.uv] in pyproject.toml), which pip would otherwise re-add.
    _run([*pip, "install", "--quiet", "--no-deps", "-r", LOCK])
    _run([*pip, "install", "--quiet", "--no-deps", "-e", ROOT])
    settings = VENV / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(LAB_SETTINGS, indent=2))
    STAMP.write_text(stamp)


def ensure_browser() -> None:
    """Make sure a Chromium exists for the browser tests (installs Debian's package as root)."""
    if shutil.which("chromium") or Path("/usr/bin/chromium").exists():
        return
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        _say("installing Chromium for the browser tests (apt-get)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        _run([apt, "update", "-qq"], env=env)
        _run([apt, "install", "-y", "-qq", "chromium"], env=env)
    else:
        _say("no Chromium found: the browser tests will be skipped (set CI=true to fail instead)")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    return env


def cmd_lab(args: list[str]) -> None:
    """Open JupyterLab on the notebooks folder."""
    ensure_venv()
    extra = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    start = "00-start-here.ipynb"
    _run([BIN / "jupyter", "lab", f"--ServerApp.root_dir={ROOT / 'notebooks'}", *extra, *args,
          start], cwd=ROOT / "notebooks", env=_env())


def _offline_env() -> dict[str, str]:
    """_env() plus the offline guard (tests/offline) that every Python process loads."""
    env = _env()
    env["CTE_BLOCK_NETWORK"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "tests" / "offline"), env.get("PYTHONPATH", "")) if p)
    return env


def cmd_test(args: list[str]) -> None:
    """Lint, then run every test offline: data, helpers, notebooks, browser.

    Both pytest phases run with outbound network blocked in every Python process (pytest, its
    workers, the kernels, JupyterLab); only loopback connections work.
    """
    ensure_venv()
    ensure_browser()
    env = _offline_env()
    _run([BIN / "ruff", "check", "."], env=env)
    # 1) data, helpers and strict nbval, two workers (one notebook per worker at a time)
    _run([PY, "-m", "pytest", "tests", "notebooks", "--nbval", "--nbval-current-env",
          "--nbval-cell-timeout=300", "-n", "2", "--dist", "loadfile", "-m", "not browser",
          *args], env=env)
    # 2) the real-browser tests on their own, so JupyterLab and Chromium get the machine
    _run([PY, "-m", "pytest", "tests", "-m", "browser", *args], env=env)


def cmd_notebooks(args: list[str]) -> None:
    """Re-execute the notebooks in place with widget state stripped."""
    ensure_venv()
    _run([PY, ROOT / "scripts" / "execute_notebooks.py", *args], env=_env())


def cmd_dictionary(args: list[str]) -> None:
    """Regenerate data/README.md."""
    ensure_venv()
    _run([PY, "-m", "helpers.dictionary", *args], env=_env())


def cmd_freshness(args: list[str]) -> None:
    """Print which as-of dates in the data are more than 180 days old."""
    ensure_venv()
    _run([PY, "-m", "helpers.freshness", *args], env=_env())


def cmd_bench(args: list[str]) -> None:
    """Run the benchmark script."""
    ensure_venv()
    _run([PY, ROOT / "benchmarks" / "run.py", *args], env=_env())


def cmd_present(args: list[str]) -> None:
    """Serve notebooks as Voila dashboards (presentation mode)."""
    ensure_venv()
    _run([PY, ROOT / "scripts" / "present.py", *args], env=_env())


def cmd_site(args: list[str]) -> None:
    """Build the offline static HTML site."""
    ensure_venv()
    _run([PY, ROOT / "scripts" / "build_site.py", *args], env=_env())


COMMANDS = {"lab": cmd_lab, "test": cmd_test, "notebooks": cmd_notebooks,
            "dictionary": cmd_dictionary, "freshness": cmd_freshness, "bench": cmd_bench,
            "present": cmd_present, "site": cmd_site}


def main(argv: list[str]) -> int:
    """Dispatch to a command; print the module docstring on bad usage."""
    if sys.version_info < (3, 11):  # noqa: UP036 - a friendly message on an old Python
        print("Python 3.11 or newer is needed; this is " + sys.version.split()[0])
        return 2
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    try:
        COMMANDS[argv[0]](argv[1:])
    except subprocess.CalledProcessError as err:
        return err.returncode or 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
