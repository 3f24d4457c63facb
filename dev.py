#!/usr/bin/env python3
"""One entry point for people and CI: ``python3 dev.py lab`` or ``python3 dev.py test``.

Every command first makes sure ``.venv`` holds exactly ``requirements.lock`` (created with uv
when it can be had, else with pip), so a clean clone needs nothing but Python >= 3.11 and pip.
Standard library only. ``python3 dev.py`` lists the commands.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import venv
from collections.abc import Callable
from dataclasses import dataclass
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
ROOT_FLAG = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def say(msg: str) -> None:
    """Print a progress line."""
    print(f"[dev] {msg}", flush=True)


def run(cmd: list[object], env: dict[str, str] | None = None, cwd: Path = ROOT) -> None:
    """Run one command, echoing it; a failure stops dev.py with its exit code."""
    say(" ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, cwd=cwd, env=env)


def lock_pin(name: str) -> str | None:
    """The version the lock pins for ``name`` (None if it does not)."""
    for line in LOCK.read_text().splitlines():
        if line.startswith(f"{name}=="):
            return line.split("==", 1)[1].split(";")[0].strip()
    return None


def wanted_stamp() -> str:
    """sha256 of the lock and pyproject.toml: a change means a fresh environment."""
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def install_with_uv() -> bool:
    """Install the lock with uv (byte-compiled: this machine may not write .pyc at import)."""
    uv = shutil.which("uv") or str(BIN / "uv")
    if not Path(uv).exists():
        pin = lock_pin("uv")
        try:
            run([PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                 f"uv=={pin}" if pin else "uv"])
        except subprocess.CalledProcessError:
            return False
    base = [uv, "pip", "install", "--python", PY, "--no-deps", "--compile-bytecode", "--quiet"]
    try:
        run([*base, "-r", LOCK])
        run([*base, "-e", ROOT])
    except subprocess.CalledProcessError:
        say("uv failed; falling back to pip")
        return False
    return True


def install_with_pip() -> None:
    """Install the lock with pip (slower; pip byte-compiles as it installs)."""
    pip = [PY, "-m", "pip", "--disable-pip-version-check", "install", "--quiet", "--no-deps"]
    run([*pip, "-r", LOCK])
    run([*pip, "-e", ROOT])


def ensure_venv() -> None:
    """Create .venv from the lock if it is missing or the lock changed.

    ``--no-deps``: the lock is complete (``uv pip compile`` output) and deliberately leaves out
    rfc3987-syntax (see ``[tool.uv]`` in pyproject.toml), which a resolver would add back.
    """
    stamp = wanted_stamp()
    if PY.exists() and STAMP.exists() and STAMP.read_text() == stamp:
        return
    start = time.perf_counter()
    say(f"creating the environment in {VENV} from {LOCK.name}")
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    if not install_with_uv():
        install_with_pip()
    run([PY, "-m", "pip", "check", "--disable-pip-version-check"])
    settings = VENV / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(LAB_SETTINGS, indent=2))
    STAMP.write_text(stamp)
    say(f"environment ready in {time.perf_counter() - start:.1f} s")


def ensure_browser() -> None:
    """Make sure a Chromium exists for the browser tests (Debian's package, as root)."""
    if shutil.which("chromium") or Path("/usr/bin/chromium").exists():
        return
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing Chromium for the browser tests (apt-get)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run([apt, "update", "-qq"], env=env)
        run([apt, "install", "-y", "-qq", "--no-install-recommends", "chromium"], env=env)
    else:
        say("no Chromium found: the browser tests will be skipped (CI=true makes them fail)")


HUB_PROXY_PACKAGE = ROOT / "tools" / "hub-proxy"  # package.json + package-lock.json
HUB_NODE = ROOT / ".hub" / "node"


def ensure_hub_proxy(args: list[str] | None = None) -> None:
    """Install configurable-http-proxy for the workshop hub and its tests: ``npm ci`` of
    tools/hub-proxy/package-lock.json into .hub/node (again only when that lock changes)."""
    lock = HUB_PROXY_PACKAGE / "package-lock.json"
    stamp = HUB_NODE / ".lock-sha256"
    want = hashlib.sha256(lock.read_bytes()).hexdigest()
    proxy = HUB_NODE / "node_modules" / ".bin" / "configurable-http-proxy"
    if proxy.exists() and stamp.exists() and stamp.read_text() == want:
        return
    npm = shutil.which("npm")
    if npm is None:
        say("no npm found: the hub tests will be skipped (CI=true makes them fail)")
        return
    say(f"installing configurable-http-proxy into {HUB_NODE} (npm ci)")
    HUB_NODE.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(HUB_PROXY_PACKAGE / name, HUB_NODE / name)
    run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HUB_NODE)
    stamp.write_text(want)


def project_env(offline: bool = False) -> dict[str, str]:
    """The environment: the venv first on PATH; with ``offline``, the network guard on."""
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    if offline:
        env["CTE_BLOCK_NETWORK"] = "1"
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(ROOT / "tests" / "offline"), env.get("PYTHONPATH", "")) if p)
    return env


def language(args: list[str]) -> tuple[str, list[str]]:
    """Take ``--lang xx`` out of the arguments; return (language, the other arguments)."""
    if "--lang" in args:
        i = args.index("--lang")
        return args[i + 1], args[:i] + args[i + 2:]
    return "en", args


def lab_steps(args: list[str]) -> list[list[object]]:
    """JupyterLab on the notebooks of a language, opening its start notebook."""
    lang, rest = language(args)
    folder = ROOT / "notebooks" / ("" if lang == "en" else lang)
    start = sorted(folder.glob("00-*.ipynb"))
    return [[BIN / "jupyter", "lab", f"--ServerApp.root_dir={folder}", *ROOT_FLAG,
             f"--LabApp.user_settings_dir={VENV / 'lab-user-settings' / lang}",
             *rest, *(p.name for p in start[:1])]]


def lab_language(args: list[str]) -> None:
    """Set JupyterLab's display language in the user settings of that language's Lab."""
    lang, _ = language(args)
    locale = {"en": "en", "fr": "fr_FR"}.get(lang, lang)
    folder = VENV / "lab-user-settings" / lang / "@jupyterlab" / "translation-extension"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plugin.jupyterlab-settings").write_text(json.dumps({"locale": locale}))


PYTEST = [PY, "-m", "pytest", "--nbval-cell-timeout=300"]


def test_steps(args: list[str]) -> list[list[object]]:
    """Lint, then everything but the browser on two workers, then the browser on its own."""
    books = [str(p) for p in sorted((ROOT / "notebooks").rglob("[0-9][0-9]-*.ipynb"))
             if "src" not in p.parts]
    return [[BIN / "ruff", "check", "."],
            [*PYTEST, "tests", *books, "--nbval", "--nbval-current-env", "-n", "2",
             "--dist", "loadfile", "-m", "not browser", *args],
            [*PYTEST, "tests", "-m", "browser", *args]]


@dataclass(frozen=True)
class Command:
    """One dev.py command: what it does and the steps it runs."""

    help: str
    steps: Callable[[list[str]], list[list[object]]]
    offline: bool = False
    browser: bool = False
    cwd: Path = ROOT
    prepare: Callable[[list[str]], None] | None = None


def module(name: str) -> Callable[[list[str]], list[list[object]]]:
    """Steps that run ``python -m name ARGS``."""
    return lambda args: [[PY, "-m", name, *args]]


COMMANDS: dict[str, Command] = {
    "lab": Command("open JupyterLab on the notebooks (--lang fr for the French edition)",
                   lab_steps, cwd=ROOT / "notebooks", prepare=lab_language),
    "test": Command("ruff + every test, offline: data, helpers, strict nbval, site, browser",
                    test_steps, offline=True, browser=True, prepare=ensure_hub_proxy),
    "notebooks": Command("rebuild the notebooks from notebooks/src and execute them",
                         lambda a: [[PY, "-m", "tools.notebooks", "build", *a]]),
    "docs": Command("regenerate data/README.md, the README tables and the facilitator guide",
                    module("tools.docs")),
    "i18n": Command("update the string catalogues in locale/ from the code, the notebook "
                    "sources and the descriptor (--check lists missing translations)",
                    module("tools.i18n")),
    "freshness": Command("list as-of dates that need re-checking (older than 180 days or than "
                         "the newest source)", module("helpers.data.freshness")),
    "present": Command("serve the notebooks as Voila dashboards, code hidden (--lang fr)",
                       module("tools.present")),
    "site": Command("execute the notebooks into an offline HTML site in site/ (--lang fr)",
                    module("tools.site")),
    "rendercheck": Command("open every notebook N times in fresh kernels and count blank "
                           "explorer charts (not part of CI)", module("tools.rendercheck"),
                           browser=True),
    "bench": Command("run the benchmarks (tools/bench.py -> benchmarks/results.md)",
                     module("tools.bench"), browser=True),
    "hub": Command("JupyterHub for a workshop room: shared password, own server and notebook "
                   "copies per student, idle culler (docs/ROOM.md)", module("tools.hub"),
                   prepare=ensure_hub_proxy),
    "loadtest": Command("N simulated students log into a fresh hub and run a notebook: the "
                        "capacity table (not part of CI)", module("tools.loadtest"),
                        prepare=ensure_hub_proxy),
    "voilapool": Command("Voila with pre-heated kernels (serve NB --pool N), or measure 10 "
                         "visitors with and without the pool", module("tools.voilapool"),
                         browser=True),
}


def execute(name: str, args: list[str]) -> None:
    """Set up what the command needs, then run its steps in order."""
    command = COMMANDS[name]
    ensure_venv()
    if command.browser:
        ensure_browser()
    if command.prepare:
        command.prepare(args)
    env = project_env(command.offline)
    for step in command.steps(args):
        run(step, env=env, cwd=command.cwd)


def usage() -> str:
    """The command table, for ``python3 dev.py`` with no (or an unknown) command."""
    width = max(map(len, COMMANDS))
    rows = "\n".join(f"  {n:<{width}}  {c.help}" for n, c in COMMANDS.items())
    return f"usage: python3 dev.py COMMAND [ARGS]\n\n{rows}\n"


def main(argv: list[str]) -> int:
    """Dispatch to a command; print the table on bad usage."""
    if sys.version_info < (3, 11):  # noqa: UP036 - a friendly message on an old Python
        print("Python 3.11 or newer is needed; this is " + sys.version.split()[0])
        return 2
    if not argv or argv[0] not in COMMANDS:
        print(usage())
        return 2
    try:
        execute(argv[0], argv[1:])
    except subprocess.CalledProcessError as err:
        return err.returncode or 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
