"""A JupyterHub for a workshop room: one shared password, a server and a notebook copy per
student, an idle culler. Engines: JupyterHub, configurable-http-proxy (npm), jupyterhub-idle-culler.

Usage::

    export CTE_HUB_PASSWORD='...'               # or type it at the prompt (8 characters or more)
    python3 dev.py hub                           # http://127.0.0.1:8000/ on this machine only
    python3 dev.py hub --ip 0.0.0.0 --port 8000  # reachable from the room's network
    python3 dev.py hub --users roster.txt        # only these user names may log in
    python3 dev.py hub --users roster.txt --prespawn   # and their servers start before the class
    python3 dev.py hub --dir /srv/workshop --idle-timeout 3600

Each student types a user name of their own and the workshop password. Their first login starts
a Jupyter server (JupyterLab, the project's environment) with ``ROOM/students/NAME/notebooks``
as its root: a copy of the project notebooks made at their first start and never overwritten
afterwards. When the hub runs as root (a container, a shared server) each student's server runs
under a Unix user id of its own (``20000 + the hub's user id``; no account is created), with a
private home (mode 0700), so one student's kernel cannot read another's files either. Servers
idle for ``--idle-timeout`` seconds are stopped by jupyterhub-idle-culler, a hub-managed service;
their files stay. Ctrl+C stops the hub, the proxy and every student server.

The settings travel to ``tools/hub_config.py`` (the file ``jupyterhub -f`` reads) as JSON in
``CTE_HUB_SETTINGS``; the password only in ``CTE_HUB_PASSWORD``, never on a command line or on
disk. See docs/ROOM.md for the facilitator's guide and the measured capacity.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import getpass
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from jupyterhub.spawner import SimpleLocalProcessSpawner
from traitlets import Bool, Integer, Unicode, default

from tools import ROOT
from tools.browser import Server, free_port

HUB_DIR = ROOT / ".hub"
NODE_DIR = HUB_DIR / "node"
#: package.json + package-lock.json pinning configurable-http-proxy (dev.py installs them).
PROXY_PACKAGE = ROOT / "tools" / "hub-proxy"
PROXY = NODE_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
CONFIG = ROOT / "tools" / "hub_config.py"
NOTEBOOKS = ROOT / "notebooks"
START_NOTEBOOK = "00-start-here.ipynb"
PASSWORD_ENV = "CTE_HUB_PASSWORD"
SETTINGS_ENV = "CTE_HUB_SETTINGS"
MIN_PASSWORD = 8  # SharedPasswordAuthenticator refuses shorter ones
#: Lower-case names that are safe as folder names (the hub lower-cases what students type).
USERNAME_PATTERN = r"^[a-z][a-z0-9_-]{0,31}$"
UID_BASE = 20000
#: Student servers listen on SERVER_PORT_BASE + the hub's user id: below Linux's ephemeral
#: range (32768-60999), where every kernel's ZMQ sockets take their ports. JupyterHub's default
#: (a random free port, bound by the server seconds later) collided with a kernel's port in a
#: burst of 30 logins and left that student's spawn hanging.
SERVER_PORT_BASE = 24000
#: Server extensions a student does not use (language server, Voila, classic-notebook shim):
#: each one is imported by every student server; switched off, a server starts faster and
#: holds less memory (see docs/ROOM.md for the measurement).
UNUSED_EXTENSIONS = ("jupyter_lsp", "voila.server_extension", "notebook_shim")
SCOPES_CULLER = ["list:users", "read:users:activity", "read:servers", "delete:servers"]
SCOPES_PRESPAWN = ["list:users", "read:users", "read:servers", "servers"]


@dataclass
class RoomSettings:
    """Everything the hub configuration needs besides the password."""

    room: str = str(HUB_DIR / "room")
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    idle_timeout: int = 3600
    users: list[str] = field(default_factory=list)
    prespawn: bool = False
    prespawn_stagger: float = 2.0
    prespawn_concurrency: int = 3
    isolate: bool = True
    light: bool = True
    concurrent_spawn_limit: int = 100
    server_port_base: int = SERVER_PORT_BASE

    def to_env(self) -> str:
        """The JSON for ``CTE_HUB_SETTINGS``."""
        return json.dumps(asdict(self))


def settings_from_env(environ: dict[str, str] | None = None) -> RoomSettings:
    """The settings ``python3 dev.py hub`` put in the environment (defaults without it)."""
    raw = (os.environ if environ is None else environ).get(SETTINGS_ENV)
    return RoomSettings(**json.loads(raw)) if raw else RoomSettings()


def read_roster(path: Path) -> list[str]:
    """User names from a file, one a line (blank lines and ``#`` comments ignored)."""
    import re

    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip().lower()
        if not name:
            continue
        if not re.match(USERNAME_PATTERN, name):
            raise SystemExit(f"hub: {name!r} in {path} is not a valid user name "
                             f"({USERNAME_PATTERN}: lower-case letters, digits, - and _)")
        names.append(name)
    return sorted(set(names))


# --- the student's home -------------------------------------------------------------------


def copy_new_notebooks(source: Path, target: Path) -> list[Path]:
    """Copy the notebooks of ``source`` (and of its language folders, not ``src``) into
    ``target``; a notebook already there is never overwritten. Return the copies made."""
    target.mkdir(parents=True, exist_ok=True)
    made = []
    for nb in sorted(source.glob("*.ipynb")):
        dest = target / nb.name
        if not dest.exists():
            shutil.copyfile(nb, dest)
            made.append(dest)
    for sub in sorted(p for p in source.iterdir() if p.is_dir()):
        if sub.name != "src" and not sub.name.startswith(".") and any(sub.glob("*.ipynb")):
            made += copy_new_notebooks(sub, target / sub.name)
    return made


def chown_tree(top: Path, uid: int) -> None:
    """Give ``top`` and everything below it to ``uid`` (group ``uid``), where not yet so."""
    for path in [top, *top.rglob("*")]:
        if path.lstat().st_uid != uid:
            os.lchown(path, uid, uid)


def prepare_home(home: Path, source: Path = NOTEBOOKS, uid: int | None = None) -> list[Path]:
    """The student's home (mode 0700) with ``notebooks/`` holding their own copies."""
    home.mkdir(parents=True, exist_ok=True)
    home.chmod(0o700)
    made = copy_new_notebooks(source, home / "notebooks")
    if uid is not None:
        chown_tree(home, uid)
    return made


def unreachable_for_others(path: Path) -> Path | None:
    """The first existing folder on the way to ``path`` that other users cannot enter."""
    for folder in reversed(path.resolve().parents):
        if folder.exists() and not folder.stat().st_mode & stat.S_IXOTH:
            return folder
    return None


def port_is_free(port: int) -> bool:
    """Nothing listens on 127.0.0.1:``port`` now."""
    import socket

    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def isolation_blocker(settings: RoomSettings) -> str | None:
    """Why student servers cannot run under user ids of their own here (None: they can).

    They can when asked for, when the hub runs as root, and when another user can reach the
    Python interpreter, the project and the room (a pyenv Python under /root, mode 0700, is
    out of reach: then every server runs as the hub's user).
    """
    if not settings.isolate:
        return "--no-isolation"
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "the hub does not run as root"
    for path in (Path(sys.executable), Path(sys.base_prefix) / "lib", NOTEBOOKS,
                 Path(settings.room) / "students"):
        blocked = unreachable_for_others(path)
        if blocked is not None:
            return f"{blocked} is closed to other users (needed for {path})"
    return None


def isolating(settings: RoomSettings) -> bool:
    """Each student server runs under a user id of its own."""
    return isolation_blocker(settings) is None


class WorkshopSpawner(SimpleLocalProcessSpawner):
    """A local process per student, with no system account: the home is
    ``ROOM/students/NAME``, the server's root its ``notebooks/`` copy; as root, the process runs
    under a user id of its own (``uid_base`` + the hub's user id) with a private home."""

    room = Unicode(str(HUB_DIR / "room"), config=True,
                   help="The workshop folder; homes are in its students/ folder.")
    notebooks_source = Unicode(str(NOTEBOOKS), config=True,
                               help="Where the notebooks copied at a student's first start are.")
    isolate = Bool(True, config=True,
                   help="Run each student's server under its own user id (when root).")
    uid_base = Integer(UID_BASE, config=True, help="The first student's user id, minus 1.")
    port_base = Integer(SERVER_PORT_BASE, config=True,
                        help="The first student's server port, minus 1 (0: random ports).")

    @default("home_dir_template")
    def _default_home_dir_template(self) -> str:
        return str(Path(self.room) / "students" / "{username}")

    @default("notebook_dir")
    def _default_notebook_dir(self) -> str:
        return str(Path(self.home_dir) / "notebooks")

    @property
    def uid(self) -> int | None:
        """The student's user id, or None when the servers run as the hub's own user."""
        if not self.isolate or not hasattr(os, "geteuid") or os.geteuid() != 0:
            return None
        return self.uid_base + int(self.user.id)

    async def start(self) -> Any:
        """Make the home and the notebook copies (first start only), then start the server."""
        made = await asyncio.to_thread(prepare_home, Path(self.home_dir),
                                       Path(self.notebooks_source), self.uid)
        if made:
            self.log.info("Copied %d notebooks for %s", len(made), self.user.name)
        if self.port_base:
            wanted = self.port_base + int(self.user.id)
            self.port = wanted if port_is_free(wanted) else 0  # 0: JupyterHub picks one
        return await super().start()

    def make_preexec_fn(self, name: str) -> Any:
        """In the child: drop to the student's user id, private umask, start in the home."""
        home, uid = self.home_dir, self.uid

        def preexec() -> None:
            """Runs between fork and exec."""
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # an ignored SIGINT would survive exec
            if uid is not None:
                os.setgroups([])
                os.setgid(uid)
                os.setuid(uid)
            os.umask(0o077)
            os.chdir(home)

        return preexec

    def user_env(self, env: dict[str, str]) -> dict[str, str]:
        """USER, HOME and SHELL of the student, and the project's Jupyter settings."""
        env = super().user_env(env)
        env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
        env["JUPYTER_PLATFORM_DIRS"] = "1"
        return env


# --- the JupyterHub configuration ---------------------------------------------------------


def singleuser_args(settings: RoomSettings) -> list[str]:
    """Arguments of every student server: idle kernels culled, no news, lighter when asked."""
    idle = max(60, settings.idle_timeout)
    args = [f"--MappingKernelManager.cull_idle_timeout={idle}",
            f"--MappingKernelManager.cull_interval={max(30, idle // 6)}",
            "--ServerApp.port_retries=0",  # a taken port: fail now, not listen elsewhere
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--ServerApp.allow_root=True")  # used when the servers run as root
    if settings.light:
        args += [f"--ServerApp.jpserver_extensions={name}=False" for name in UNUSED_EXTENSIONS]
    return args


def configure(c: Any, settings: RoomSettings, password: str | None = None) -> None:
    """Fill JupyterHub's config object ``c`` for a workshop room."""
    if password is None:
        password = os.environ.pop(PASSWORD_ENV, "")
    if len(password) < MIN_PASSWORD:
        raise SystemExit(f"hub: set {PASSWORD_ENV} to a workshop password of {MIN_PASSWORD} or "
                         "more characters")
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        # Started in the background (nohup, &): SIGINT is ignored and would stay ignored in
        # the services, which then take the hub's full interrupt timeout to stop.
        signal.signal(signal.SIGINT, signal.default_int_handler)
    room = Path(settings.room)
    state = room / "hub"
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o700)
    (room / "students").mkdir(exist_ok=True)
    (room / "students").chmod(0o755)

    c.JupyterHub.bind_url = f"http://{settings.ip}:{settings.port}/"
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{settings.hub_port}"
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
    c.ConfigurableHTTPProxy.command = [str(PROXY)]
    c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.JupyterHub.concurrent_spawn_limit = settings.concurrent_spawn_limit
    c.JupyterHub.template_vars = {
        "announcement_login": "Workshop: type a user name of your own and the workshop password."}

    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = password
    c.Authenticator.username_pattern = USERNAME_PATTERN
    if settings.users:
        c.Authenticator.allowed_users = set(settings.users)
    else:
        c.Authenticator.allow_all = True

    c.JupyterHub.spawner_class = WorkshopSpawner
    c.WorkshopSpawner.room = str(room)
    c.WorkshopSpawner.port_base = settings.server_port_base
    blocker = isolation_blocker(settings)
    c.WorkshopSpawner.isolate = blocker is None
    if blocker is not None:
        print(f"[hub] student servers run as the hub's own user: {blocker}. Students cannot "
              "open each other's servers or files through the hub, but code in a kernel can "
              "read every file this user can (docs/ROOM.md).", flush=True)
    launcher = "tools.hub_singleuser" if settings.light else "jupyterhub.singleuser"
    c.Spawner.cmd = [sys.executable, "-m", launcher]
    c.Spawner.args = singleuser_args(settings)
    c.Spawner.default_url = f"/lab/tree/{START_NOTEBOOK}"
    c.Spawner.start_timeout = 300  # a burst of starts on two cores queues for CPU
    c.Spawner.http_timeout = 300

    idle = max(60, settings.idle_timeout)
    services = [{"name": "idle-culler",
                 "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                             f"--timeout={idle}", f"--cull-every={max(30, idle // 6)}"]}]
    roles = [{"name": "idle-culler", "scopes": SCOPES_CULLER, "services": ["idle-culler"]}]
    if settings.prespawn:
        services.append({"name": "prespawn",
                         "command": [sys.executable, "-m", "tools.hub", "prespawn",
                                     f"--stagger={settings.prespawn_stagger}",
                                     f"--concurrency={settings.prespawn_concurrency}"]})
        roles.append({"name": "prespawn", "scopes": SCOPES_PRESPAWN, "services": ["prespawn"]})
    c.JupyterHub.services = services
    c.JupyterHub.load_roles = roles


# --- pre-spawning (a hub-managed service) -------------------------------------------------


def api(url: str, token: str, method: str = "GET", body: object = None) -> Any:
    """One JSON request to the hub's REST API with a token; returns the decoded reply."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=60) as reply:
        text = reply.read()
    return json.loads(text) if text else None


def prespawn(stagger: float, concurrency: int) -> None:
    """Start the server of every allowed user who has none, ``stagger`` seconds apart and at
    most ``concurrency`` starting at once (run by the hub, with its API URL and token)."""
    base, token = os.environ["JUPYTERHUB_API_URL"].rstrip("/"), os.environ["JUPYTERHUB_API_TOKEN"]
    deadline = time.monotonic() + 120
    while True:
        try:
            users = api(f"{base}/users", token)
            break
        except (OSError, urllib.error.URLError):
            if time.monotonic() > deadline:
                raise
            time.sleep(1)
    waiting = [u["name"] for u in users if not u.get("servers") and not u.get("admin")]
    print(f"[prespawn] starting {len(waiting)} servers", flush=True)
    for name in waiting:
        while True:
            pending = [u for u in api(f"{base}/users", token)
                       if any(s.get("pending") for s in (u.get("servers") or {}).values())]
            if len(pending) < concurrency:
                break
            time.sleep(1)
        try:
            api(f"{base}/users/{name}/server", token, method="POST", body={})
        except urllib.error.HTTPError as err:
            print(f"[prespawn] {name}: HTTP {err.code}", flush=True)
        time.sleep(stagger)
    print("[prespawn] done; idle from now on", flush=True)
    while True:  # the hub restarts a managed service that exits: that would start culled
        time.sleep(3600)  # servers again, so stay (idle) until the hub stops


# --- starting the hub ---------------------------------------------------------------------


def hub_command() -> list[str]:
    """The JupyterHub command line (everything else is in the environment)."""
    return [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)]


def hub_env(settings: RoomSettings, password: str, base: dict[str, str] | None = None,
            ) -> dict[str, str]:
    """The hub's environment: the venv first on PATH, the settings and the password."""
    env = dict(os.environ if base is None else base)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env[SETTINGS_ENV] = settings.to_env()
    env[PASSWORD_ENV] = password
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    return env


def precompile() -> None:
    """Write the project's .pyc files once, so no student kernel compiles them (a student's
    user id cannot write into the project)."""
    for folder in ("helpers", "tools"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def proxy_ready() -> bool:
    """configurable-http-proxy is installed in .hub/node."""
    return PROXY.exists()


def start(room: Path, password: str, log: Path, base_env: dict[str, str] | None = None,
          **options: Any) -> Server:
    """A hub on free loopback ports (tests and the load test); stop it with ``.stop()``."""
    options.setdefault("server_port_base", random.randrange(10000, 32000, 1000))
    settings = RoomSettings(room=str(room), ip="127.0.0.1", port=free_port(),
                            hub_port=free_port(), proxy_api_port=free_port(), **options)
    room.mkdir(parents=True, exist_ok=True)
    env = hub_env(settings, password, base_env)
    url = f"http://127.0.0.1:{settings.port}"
    server = Server(hub_command(), env, room, f"{url}/hub/api/", log, url)
    server.settings = settings  # type: ignore[attr-defined]
    return server


def stop(server: Server, timeout: float = 90) -> None:
    """Stop a hub from :func:`start` as a facilitator would (SIGTERM: the hub stops every
    student server and the proxy), then end, by PID, anything of that hub still left."""
    settings: RoomSettings = server.settings  # type: ignore[attr-defined]
    if server.proc.poll() is None:
        server.proc.terminate()
        try:
            server.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait(timeout=20)
    import psutil

    marks = (f"127.0.0.1:{settings.hub_port}/", f"--api-port {settings.proxy_api_port}")
    left = []
    for proc in psutil.process_iter(["cmdline", "environ"]):
        try:
            text = " ".join(proc.info["cmdline"] or []) + " " + json.dumps(proc.info["environ"])
        except (psutil.Error, TypeError):
            continue
        if any(mark in text for mark in marks) and proc.pid != os.getpid():
            left.append(proc)
    for proc in left:
        proc.terminate()
    gone, alive = psutil.wait_procs(left, timeout=10)
    for proc in alive:
        proc.kill()


def ask_password() -> str:
    """The workshop password from CTE_HUB_PASSWORD, or typed twice at a prompt."""
    password = os.environ.get(PASSWORD_ENV, "")
    if password:
        return password
    if not sys.stdin.isatty():
        raise SystemExit(f"hub: set {PASSWORD_ENV} (no terminal to ask for the password)")
    while True:
        password = getpass.getpass(f"workshop password ({MIN_PASSWORD}+ characters): ")
        if len(password) < MIN_PASSWORD:
            print(f"too short: {len(password)} characters")
        elif getpass.getpass("again: ") == password:
            return password
        else:
            print("the two did not match")


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, check the proxy and the password, run JupyterHub until Ctrl+C."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["prespawn"]:
        sub = argparse.ArgumentParser(prog="python -m tools.hub prespawn")
        sub.add_argument("--stagger", type=float, default=2.0)
        sub.add_argument("--concurrency", type=int, default=3)
        opts = sub.parse_args(argv[1:])
        prespawn(opts.stagger, opts.concurrency)
    parser = argparse.ArgumentParser(prog="python3 dev.py hub",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, default=HUB_DIR / "room",
                        help="workshop folder: student homes and the hub's state (.hub/room)")
    parser.add_argument("--ip", default="127.0.0.1",
                        help="address to listen on (0.0.0.0: the room's network)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--idle-timeout", type=int, default=3600,
                        help="seconds before an idle server (and kernel) is stopped")
    parser.add_argument("--users", type=Path, help="file of allowed user names, one a line")
    parser.add_argument("--prespawn", action="store_true",
                        help="start the servers of every --users name when the hub starts")
    parser.add_argument("--no-isolation", action="store_true",
                        help="run student servers as the hub's own user (no private homes)")
    parser.add_argument("--full", action="store_true",
                        help="keep every server extension (language server, Voila, ...)")
    args = parser.parse_args(argv)
    if not proxy_ready():
        raise SystemExit(f"hub: configurable-http-proxy is missing ({PROXY}); "
                         "python3 dev.py hub installs it with npm")
    if args.prespawn and not args.users:
        raise SystemExit("hub: --prespawn needs --users (the names whose servers to start)")
    room = args.dir.resolve()
    settings = RoomSettings(room=str(room), ip=args.ip, port=args.port,
                            idle_timeout=args.idle_timeout,
                            users=read_roster(args.users) if args.users else [],
                            prespawn=args.prespawn, isolate=not args.no_isolation,
                            light=not args.full)
    password = ask_password()
    if len(password) < MIN_PASSWORD:
        raise SystemExit(f"hub: the workshop password needs {MIN_PASSWORD} or more characters")
    precompile()
    room.mkdir(parents=True, exist_ok=True)
    shown = "127.0.0.1" if args.ip in ("127.0.0.1", "localhost") else "THIS-MACHINE'S-ADDRESS"
    print(f"[hub] students open http://{shown}:{args.port}/ , type a user name of their own "
          "and the workshop password", flush=True)
    print(f"[hub] student files: {room / 'students'}/NAME/notebooks (kept after the hub stops)",
          flush=True)
    print("[hub] Ctrl+C stops the hub and every student server (or: kill "
          f"$(cat {room / 'hub' / 'jupyterhub.pid'}))", flush=True)
    proc = subprocess.Popen(hub_command(), env=hub_env(settings, password), cwd=room)
    # Ctrl+C reaches the hub too, which then stops every server and the proxy: wait for that
    # instead of killing it (subprocess.call would, leaving student servers behind).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return proc.wait()


if __name__ == "__main__":
    sys.exit(main())
