"""How many students a workshop hub holds: N simulated students log in, start their servers,
open a notebook in JupyterLab's way and run every cell in a kernel on their own server.

Usage (not part of CI; loopback only; bounded in students and time)::

    python3 dev.py loadtest                          # N = 5, 10, 20, 30, one second apart
    python3 dev.py loadtest --students 5 --stagger 2
    python3 dev.py loadtest --students 30 --prespawn # servers started before the logins
    python3 dev.py loadtest --students 10 --full     # every server extension, as a plain hub

Each N gets a fresh hub (``tools.hub.start``: the configuration of ``python3 dev.py hub``) in a
new workshop folder. A student: opens the login page and posts the form (the shared password),
asks the hub API for a token with the same password, starts the server through the API and
waits until it is ready, loads ``/user/NAME/lab`` with the login cookie (the OAuth round trip a
browser makes), reads the notebook from the contents API (their own copy), opens a session for
it (a kernel in their notebooks folder) and runs its code cells one by one over the kernel
websocket, like JupyterLab's Run All. Measured: the spawn time, the time from opening the
notebook to the first Plotly chart in the kernel's output (a chart drawn directly or inside an
explorer's Output widget), errors, and, with every kernel still alive, the memory of each
student's processes (PSS: shared pages split between the processes sharing them) and their
CPU seconds. The table goes to the terminal and to artifacts/room/.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import signal
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import psutil

from tools import ROOT

PLOTLY = "application/vnd.plotly.v1+json"
DEFAULT_NOTEBOOK = "01-what-is-cybercrime.ipynb"
MAX_STUDENTS = 60  # a bound: this tool never simulates more
OUT = ROOT / "artifacts" / "room"
XSRF = re.compile(r'name="_xsrf" value="([^"]+)"')


# --- one student ----------------------------------------------------------------------------


@dataclass
class Result:
    """What happened to one student."""

    name: str
    login_s: float | None = None
    spawn_s: float | None = None
    lab_s: float | None = None
    first_chart_s: float | None = None
    notebook_s: float | None = None
    login_to_chart_s: float | None = None
    cells: int = 0
    charts: int = 0
    error: str = ""
    pss_mib: float | None = None
    server_pss_mib: float | None = None
    rss_mib: float | None = None
    cpu_s: float | None = None


class Student:
    """A browser-like client of the hub: cookies for the pages, a token for the APIs."""

    def __init__(self, hub_url: str, name: str) -> None:
        """Prepare a client with its own cookie jar (nothing is sent yet)."""
        self.hub, self.name = hub_url.rstrip("/"), name
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),
                                          timeout=aiohttp.ClientTimeout(total=300))
        self.token = ""

    async def close(self) -> None:
        """Close the HTTP client."""
        await self.http.close()

    def auth(self) -> dict[str, str]:
        """The Authorization header of the student's token."""
        return {"Authorization": f"token {self.token}"}

    async def login(self, password: str) -> int:
        """Open the login page and post the form; return the HTTP status (302 = logged in)."""
        async with self.http.get(f"{self.hub}/hub/login") as page:
            match = XSRF.search(await page.text())
        form = {"username": self.name, "password": password,
                "_xsrf": match.group(1) if match else ""}
        async with self.http.post(f"{self.hub}/hub/login", data=form,
                                  allow_redirects=False) as reply:
            return reply.status

    def xsrf(self) -> str:
        """The hub's XSRF cookie (JupyterHub checks it on cookie-authenticated API posts)."""
        for cookie in self.http.cookie_jar:
            if cookie.key == "_xsrf" and cookie["path"].startswith("/hub"):
                return cookie.value
        return ""

    async def get_token(self, password: str | None = None) -> None:
        """An API token of the student's own: with the login cookie (as the hub's token page
        asks for one), or, with ``password``, by user name and password in the request."""
        body: dict[str, Any] = {"note": "loadtest", "expires_in": 3600}
        headers = {"X-XSRFToken": self.xsrf()}
        if password is not None:
            body["auth"] = {"username": self.name, "password": password}
            headers = {}
        async with self.http.post(f"{self.hub}/hub/api/users/{self.name}/tokens",
                                  json=body, headers=headers) as reply:
            if reply.status != 201:
                raise RuntimeError(f"token: HTTP {reply.status}")
            self.token = (await reply.json())["token"]

    async def server(self) -> dict:
        """The student's default server as the hub API describes it ({} if none)."""
        async with self.http.get(f"{self.hub}/hub/api/users/{self.name}",
                                 headers=self.auth()) as reply:
            reply.raise_for_status()
            return ((await reply.json()).get("servers") or {}).get("", {})

    async def spawn(self, timeout: float = 300) -> float:
        """Start the server (if it is not running) and wait until it is ready: seconds."""
        start = time.monotonic()
        if not (await self.server()).get("ready"):
            async with self.http.post(f"{self.hub}/hub/api/users/{self.name}/server",
                                      headers=self.auth(), json={}) as reply:
                if reply.status not in (201, 202, 400):  # 400: already starting
                    raise RuntimeError(f"spawn: HTTP {reply.status} {await reply.text()}")
            while not (await self.server()).get("ready"):
                if time.monotonic() - start > timeout:
                    raise TimeoutError("server not ready")
                await asyncio.sleep(0.25)
        return time.monotonic() - start

    async def open_lab(self, notebook: str) -> int:
        """Load JupyterLab with the login cookie, as a browser does: the page (through the
        OAuth redirects), its scripts, and the first API calls the page makes. (Not the lazily
        loaded chunks: that would need a real browser per student.)"""
        base = f"{self.hub}/user/{self.name}"
        async with self.http.get(f"{base}/lab/tree/{notebook}") as reply:
            html = await reply.text()
            if reply.status != 200:
                return reply.status
        scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
        calls = [f"{self.hub}{src}" if src.startswith("/") else src for src in scripts]
        calls += [f"{base}/lab/api/settings", f"{base}/api/kernelspecs",
                  f"{base}/lab/api/translations", f"{base}/api/sessions"]
        for url in calls:
            async with self.http.get(url) as reply:
                await reply.read()
                if reply.status != 200:
                    return reply.status
        return 200

    async def read_notebook(self, path: str) -> dict:
        """The notebook from the student's own server (their copy)."""
        async with self.http.get(f"{self.hub}/user/{self.name}/api/contents/{path}",
                                 headers=self.auth(), params={"content": "1"}) as reply:
            reply.raise_for_status()
            return (await reply.json())["content"]

    async def start_kernel(self, path: str) -> str:
        """A session for the notebook (JupyterLab's way of starting its kernel): kernel id."""
        body = {"path": path, "name": Path(path).name, "type": "notebook",
                "kernel": {"name": "python3"}}
        async with self.http.post(f"{self.hub}/user/{self.name}/api/sessions",
                                  headers=self.auth(), json=body) as reply:
            if reply.status != 201:
                raise RuntimeError(f"session: HTTP {reply.status} {await reply.text()}")
            return (await reply.json())["kernel"]["id"]

    async def kernel(self, kernel_id: str) -> Kernel:
        """A websocket connection to a kernel of the student's server."""
        session = uuid.uuid4().hex
        url = (f"{self.hub.replace('http', 'ws', 1)}/user/{self.name}/api/kernels/"
               f"{kernel_id}/channels?session_id={session}")
        ws = await self.http.ws_connect(url, headers=self.auth(), max_msg_size=0)
        return Kernel(ws, session, self.name)


class Kernel:
    """The Jupyter messaging protocol over a kernel websocket (JSON frames)."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, session: str, user: str) -> None:
        """Wrap an open websocket."""
        self.ws, self.session, self.user = ws, session, user

    async def close(self) -> None:
        """Close the websocket (the kernel keeps running, as when a tab is closed)."""
        await self.ws.close()

    async def send(self, msg_type: str, content: dict, channel: str = "shell") -> str:
        """Send one message; return its id."""
        msg_id = uuid.uuid4().hex
        await self.ws.send_str(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": self.user,
                       "session": self.session, "version": "5.3",
                       "date": datetime.now(UTC).isoformat()},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel,
            "buffers": []}))
        return msg_id

    async def wait_ready(self, timeout: float = 120) -> None:
        """Ask for kernel_info until the kernel answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg_id = await self.send("kernel_info_request", {})
            try:
                async with asyncio.timeout(5):
                    while True:
                        msg = await self.receive()
                        if (msg["msg_type"] == "kernel_info_reply"
                                and msg["parent_header"].get("msg_id") == msg_id):
                            return
            except TimeoutError:
                continue
        raise TimeoutError("kernel did not answer kernel_info")

    async def receive(self) -> dict:
        """The next message (its raw text kept under ``_raw``)."""
        frame = await self.ws.receive()
        if frame.type != aiohttp.WSMsgType.TEXT:
            raise RuntimeError(f"kernel websocket: {frame.type.name} {frame.data!r} "
                               f"{self.ws.exception()!r} close code {self.ws.close_code}")
        msg = json.loads(frame.data)
        msg["_raw"] = frame.data
        msg["msg_type"] = msg.get("msg_type") or msg["header"]["msg_type"]
        return msg

    async def execute(self, code: str, timeout: float = 300) -> Outcome:
        """Run one cell and wait until the kernel is idle again; return what came out."""
        msg_id = await self.send("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        out, replied, idle = Outcome(), False, False
        async with asyncio.timeout(timeout):
            while not (replied and idle):
                msg = await self.receive()
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if PLOTLY in msg["_raw"]:
                    out.chart = True  # displayed, or in an explorer's Output widget state
                kind, content = msg["msg_type"], msg["content"]
                if kind == "error":
                    out.errors.append(f"{content['ename']}: {content['evalue']}")
                elif kind == "stream" and content.get("name") == "stdout":
                    out.stdout += content.get("text", "")
                elif kind == "execute_reply":
                    replied = True
                    if content.get("status") == "error" and not out.errors:
                        out.errors.append(f"{content.get('ename')}: {content.get('evalue')}")
                elif kind == "status" and content.get("execution_state") == "idle":
                    idle = True
        return out


@dataclass
class Outcome:
    """What one executed cell produced."""

    errors: list[str] = field(default_factory=list)
    chart: bool = False
    stdout: str = ""


async def run_notebook(student: Student, path: str, result: Result) -> None:
    """Open ``path`` on the student's server and run its code cells in order."""
    nb = await student.read_notebook(path)
    opened = time.monotonic()
    kernel = await student.kernel(await student.start_kernel(path))
    try:
        await kernel.wait_ready()
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            outcome = await kernel.execute(source)
            result.cells += 1
            if outcome.chart:
                result.charts += 1
                if result.first_chart_s is None:
                    result.first_chart_s = time.monotonic() - opened
            if outcome.errors:
                raise RuntimeError(f"cell {result.cells}: {outcome.errors[0]}")
        result.notebook_s = time.monotonic() - opened
    finally:
        await kernel.close()


async def one_student(hub_url: str, name: str, password: str, notebook: str, delay: float,
                      result: Result) -> None:
    """The whole visit of one student, ``delay`` seconds after the start."""
    await asyncio.sleep(delay)
    student = Student(hub_url, name)
    start = time.monotonic()
    try:
        status = await student.login(password)
        if status != 302:
            raise RuntimeError(f"login: HTTP {status}")
        result.login_s = time.monotonic() - start
        await student.get_token()
        result.spawn_s = await student.spawn()
        lab = time.monotonic()
        status = await student.open_lab(notebook)
        if status != 200:
            raise RuntimeError(f"lab page: HTTP {status}")
        result.lab_s = time.monotonic() - lab
        await run_notebook(student, notebook, result)
        if result.first_chart_s is None:
            raise RuntimeError("no chart in the outputs")
        result.login_to_chart_s = (lab - start) + result.lab_s + result.first_chart_s
    except Exception as err:  # noqa: BLE001 - every failure is counted, with its reason
        result.error = f"{type(err).__name__}: {err}"[:300]
    finally:
        await student.close()


# --- what the machine spent -----------------------------------------------------------------


def student_processes(name: str, hub_port: int | None = None) -> list[psutil.Process]:
    """The student's server (JUPYTERHUB_USER=name in its environment; of the hub on
    ``hub_port`` if given) and its children."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "singleuser" not in " ".join(proc.info["cmdline"] or []):
                continue
            env = proc.environ()
            if env.get("JUPYTERHUB_USER") == name and (
                    hub_port is None or f":{hub_port}/" in env.get("JUPYTERHUB_API_URL", "")):
                found += [proc, *proc.children(recursive=True)]
        except psutil.Error:
            continue
    return found


def hub_processes(pid: int) -> list[psutil.Process]:
    """The hub, its proxy and its services (not the student servers)."""
    found = []
    for proc in [psutil.Process(pid), *psutil.Process(pid).children()]:
        try:
            if "singleuser" not in " ".join(proc.cmdline()):
                found.append(proc)
        except psutil.Error:
            continue
    return found


def footprint(procs: list[psutil.Process]) -> tuple[float, float, float]:
    """(PSS MiB, RSS MiB, CPU seconds) of some processes."""
    pss = rss = cpu = 0.0
    for proc in procs:
        try:
            mem = proc.memory_full_info()
            times = proc.cpu_times()
        except psutil.Error:
            continue
        pss += getattr(mem, "pss", mem.rss) / 2**20
        rss += mem.rss / 2**20
        cpu += times.user + times.system
    return pss, rss, cpu


class Sampler(threading.Thread):
    """CPU use and load average, once a second, while a run goes on."""

    def __init__(self) -> None:
        """A daemon thread; call ``start`` then ``stop``."""
        super().__init__(daemon=True)
        self.busy: list[float] = []
        self.load: list[float] = []
        self._halt = threading.Event()

    def run(self) -> None:
        """Sample until stopped."""
        psutil.cpu_percent(None)
        while not self._halt.wait(1.0):
            self.busy.append(psutil.cpu_percent(None))
            self.load.append(os.getloadavg()[0])

    def stop(self) -> None:
        """Stop sampling and wait for the thread."""
        self._halt.set()
        self.join()


# --- one N ----------------------------------------------------------------------------------


@dataclass
class Round:
    """One N: the students' results and the machine's figures."""

    n: int
    mode: str
    results: list[Result] = field(default_factory=list)
    wall_s: float = 0.0
    prespawn_s: float | None = None
    hub_mib: float = 0.0
    available_drop_mib: float = 0.0
    cpu_busy_mean: float = 0.0
    cpu_busy_max: float = 0.0
    load_max: float = 0.0
    load_before: float = 0.0

    def ok(self) -> list[Result]:
        """The students who got through."""
        return [r for r in self.results if not r.error]

    def summary(self) -> dict[str, Any]:
        """The row of the capacity table."""
        ok = self.ok()

        def stat(key: str, fn: Any) -> float | None:
            """``fn`` of one measure over the students who got through (None if none did)."""
            vals = [getattr(r, key) for r in ok if getattr(r, key) is not None]
            return round(fn(vals), 2) if vals else None

        return {"N": self.n, "mode": self.mode, "failures": len(self.results) - len(ok),
                "spawn_median_s": stat("spawn_s", statistics.median),
                "spawn_max_s": stat("spawn_s", max),
                "first_chart_median_s": stat("first_chart_s", statistics.median),
                "first_chart_max_s": stat("first_chart_s", max),
                "login_to_chart_max_s": stat("login_to_chart_s", max),
                "notebook_median_s": stat("notebook_s", statistics.median),
                "pss_per_student_mib": stat("pss_mib", statistics.median),
                "server_pss_mib": stat("server_pss_mib", statistics.median),
                "rss_per_student_mib": stat("rss_mib", statistics.median),
                "available_drop_per_student_mib": round(self.available_drop_mib / self.n, 1),
                "cpu_s_per_student": stat("cpu_s", statistics.median),
                "hub_and_proxy_mib": round(self.hub_mib, 1),
                "cpu_busy_mean_pct": round(self.cpu_busy_mean, 1),
                "load_max": round(self.load_max, 2), "load_before": round(self.load_before, 2),
                "wall_s": round(self.wall_s, 1), "prespawn_s": self.prespawn_s}


async def everyone(hub_url: str, names: list[str], password: str, notebook: str,
                   stagger: float, results: list[Result], deadline: float) -> None:
    """Every student, ``stagger`` seconds apart, all within ``deadline`` seconds."""
    visits = [one_student(hub_url, name, password, notebook, i * stagger, results[i])
              for i, name in enumerate(names)]
    await asyncio.wait_for(asyncio.gather(*visits), deadline)


def run_round(n: int, stagger: float, notebook: str, deadline: float, prespawn: bool,
              light: bool, isolate: bool, work: Path) -> Round:
    """Start a hub, send ``n`` students through it, measure, stop the hub."""
    from tools.hub import start, stop

    mode = ("prespawned" if prespawn else "on demand") + ("" if light else ", full servers")
    rnd = Round(n=n, mode=mode, load_before=os.getloadavg()[0])
    names = [f"student{i:02d}" for i in range(1, n + 1)]
    password = secrets.token_urlsafe(12)
    room = work / f"room-{n}-{'pre' if prespawn else 'demand'}"
    before = psutil.virtual_memory().available
    hub = start(room, password, work / f"hub-{n}.log", light=light, isolate=isolate,
                users=names if prespawn else [], prespawn=prespawn,
                prespawn_stagger=stagger, prespawn_concurrency=3)
    sampler = Sampler()
    sampler.start()
    began = time.monotonic()
    try:
        if prespawn:
            rnd.prespawn_s = round(wait_prespawned(hub.url, names, password, deadline), 1)
        rnd.results = [Result(name) for name in names]
        asyncio.run(everyone(hub.url, names, password, notebook, 0 if prespawn else stagger,
                             rnd.results, deadline))
        rnd.wall_s = time.monotonic() - began
        for res in rnd.results:
            procs = student_processes(res.name, hub.settings.hub_port)
            res.pss_mib, res.rss_mib, res.cpu_s = footprint(procs)
            res.server_pss_mib = footprint(procs[:1])[0]
        rnd.hub_mib = footprint(hub_processes(hub.proc.pid))[0]
        rnd.available_drop_mib = (before - psutil.virtual_memory().available) / 2**20
    except TimeoutError:
        for res in rnd.results:
            res.error = res.error or "TimeoutError: the round's deadline passed"
    finally:
        try:
            sampler.stop()
        finally:
            stop(hub)
    rnd.cpu_busy_mean = statistics.mean(sampler.busy) if sampler.busy else 0.0
    rnd.cpu_busy_max = max(sampler.busy, default=0.0)
    rnd.load_max = max(sampler.load, default=0.0)
    return rnd


def wait_prespawned(hub_url: str, names: list[str], password: str,
                    deadline: float) -> float:
    """Seconds until the hub's prespawn service had every server ready."""

    async def poll() -> float:
        """Log in as each student once for a token, then poll the hub API."""
        start = time.monotonic()
        students = [Student(hub_url, name) for name in names]
        try:
            for s in students:
                await s.get_token(password)
            while True:
                ready = [bool((await s.server()).get("ready")) for s in students]
                if all(ready):
                    return time.monotonic() - start
                if time.monotonic() - start > deadline:
                    raise TimeoutError(f"{sum(ready)}/{len(ready)} prespawned")
                await asyncio.sleep(1)
        finally:
            for s in students:
                await s.close()

    return asyncio.run(poll())


# --- the report -----------------------------------------------------------------------------

COLUMNS = [("N", "N"), ("mode", "mode"), ("failures", "failures"),
           ("spawn_median_s", "spawn median s"), ("spawn_max_s", "spawn max s"),
           ("first_chart_median_s", "first chart median s"),
           ("first_chart_max_s", "first chart max s"),
           ("login_to_chart_max_s", "login to chart max s"),
           ("prespawn_s", "prespawn s"), ("pss_per_student_mib", "PSS/student MiB"),
           ("server_pss_mib", "of which server MiB"),
           ("available_drop_per_student_mib", "RAM drop/student MiB"),
           ("cpu_s_per_student", "CPU s/student"), ("cpu_busy_mean_pct", "CPU busy %"),
           ("load_max", "load max")]


def table(rows: list[dict[str, Any]]) -> str:
    """The capacity table as Markdown."""
    head = "| " + " | ".join(title for _, title in COLUMNS) + " |"
    rule = "|" + "|".join("---" for _ in COLUMNS) + "|"
    body = ["| " + " | ".join("" if row[key] is None else str(row[key]) for key, _ in COLUMNS)
            + " |" for row in rows]
    return "\n".join([head, rule, *body])


def leave(*_: object) -> None:
    """SIGTERM: exit through the ``finally`` blocks that stop the hub (once: later ones are
    ignored, so they cannot cut that short)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(143)


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, run each N, print and save the table."""
    parser = argparse.ArgumentParser(prog="python3 dev.py loadtest",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--students", default="5,10,20,30",
                        help=f"comma-separated N values (each at most {MAX_STUDENTS})")
    parser.add_argument("--stagger", type=float, default=1.0,
                        help="seconds between two students' logins")
    parser.add_argument("--notebook", default=DEFAULT_NOTEBOOK)
    parser.add_argument("--deadline", type=float, default=900,
                        help="seconds one N may take before its stragglers count as failures")
    parser.add_argument("--prespawn", action="store_true",
                        help="the hub starts every server first; then all log in at once")
    parser.add_argument("--full", action="store_true", help="keep every server extension")
    parser.add_argument("--no-isolation", action="store_true")
    parser.add_argument("--keep", action="store_true",
                        help="keep the hub logs and student folders in artifacts/room/")
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, leave)  # stop the hub on the way out
    counts = [int(x) for x in args.students.split(",") if x.strip()]
    if not counts or max(counts) > MAX_STUDENTS or min(counts) < 1:
        raise SystemExit(f"loadtest: N must be between 1 and {MAX_STUDENTS}")
    from tools.hub import precompile, proxy_ready

    precompile()  # as python3 dev.py hub does
    if not proxy_ready():
        raise SystemExit("loadtest: configurable-http-proxy is missing; "
                         "python3 dev.py loadtest installs it")
    OUT.mkdir(parents=True, exist_ok=True)
    rows, rounds = [], []
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    with tempfile.TemporaryDirectory(prefix="cte-loadtest-", dir="/tmp") as tmp:
        work = OUT / f"work-{stamp}" if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        work.chmod(0o755)  # student user ids must reach their homes below it
        for n in counts:
            print(f"[loadtest] N={n} ({os.getloadavg()[0]:.2f} load before)", flush=True)
            rnd = run_round(n, args.stagger, args.notebook, args.deadline, args.prespawn,
                            not args.full, not args.no_isolation, work)
            rounds.append(rnd)
            rows.append(rnd.summary())
            for res in rnd.results:
                if res.error:
                    print(f"[loadtest]   {res.name}: {res.error}", flush=True)
            print(table(rows[-1:]), flush=True)
    report = table(rows)
    print("\n" + report)
    (OUT / f"loadtest-{stamp}.md").write_text(
        f"python3 dev.py loadtest {' '.join(argv)}\n\n{report}\n")
    (OUT / f"loadtest-{stamp}.json").write_text(json.dumps(
        [{"summary": r.summary(), "students": [asdict(s) for s in r.results]} for r in rounds],
        indent=1))
    print(f"[loadtest] saved {OUT / f'loadtest-{stamp}.md'}")
    return 0 if all(row["failures"] == 0 for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
