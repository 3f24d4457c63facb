"""The workshop hub (``python3 dev.py hub``): the shared password, a server and a notebook copy
per student that keeps their work, kernels that find the project, the idle culler, and no way
from one student's login to another student's server or files."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from traitlets.config import Config
from yarl import URL

from tests.room.conftest import run_async
from tools import hub as room
from tools.loadtest import Result, Student, run_notebook, student_processes

ROOT = Path(__file__).resolve().parents[2]
BOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


async def logged_in(hub: dict, name: str) -> Student:
    """A student through the login form, with a token of their own, server started."""
    student = Student(hub["url"], name)
    assert await student.login(hub["password"]) == 302
    await student.get_token()
    await student.spawn()
    return student


@pytest.fixture(scope="module")
def students(hub):
    """alice and bob, their servers started together (the slow part, done once)."""

    async def start() -> None:
        for s in await asyncio.gather(logged_in(hub, "alice"), logged_in(hub, "bob")):
            await s.close()

    run_async(start())
    return hub


def test_wrong_password_and_bad_names_are_refused(hub):
    async def go() -> None:
        s = Student(hub["url"], "mallory")
        try:
            assert await s.login("not-the-password") == 403
            assert not [c for c in s.http.cookie_jar if c.key == "jupyterhub-hub-login"]
            with pytest.raises(RuntimeError, match="HTTP 403"):
                await s.get_token("not-the-password")
        finally:
            await s.close()
        for bad in ("../alice", "a b", "x" * 40):
            s = Student(hub["url"], bad)
            try:
                assert await s.login(hub["password"]) == 403, bad
            finally:
                await s.close()

    run_async(go())


def test_short_passwords_are_refused_before_the_hub_starts(tmp_path):
    with pytest.raises(SystemExit, match="8 or more"):
        room.configure(Config(), room.RoomSettings(room=str(tmp_path)), "short")


def test_each_student_gets_a_copy_and_a_kernel_that_finds_the_project(students):
    hub = students

    async def go() -> tuple[Result, set[str], int, str]:
        s = await logged_in(hub, "alice")
        try:
            async with s.http.get(f"{hub['url']}/user/alice/api/contents/",
                                  headers=s.auth()) as reply:
                listed = {item["name"] for item in (await reply.json())["content"]}
            lab = await s.open_lab("00-start-here.ipynb")
            result = Result("alice")
            await run_notebook(s, "00-start-here.ipynb", result)
            kernel = await s.kernel(await s.start_kernel("00-start-here.ipynb"))
            try:
                await kernel.wait_ready()
                out = await kernel.execute("import os, helpers\nprint(os.getcwd())\n"
                                           "print(len(helpers.load_all()))")
            finally:
                await kernel.close()
            assert not out.errors, out.errors
            return result, listed, lab, out.stdout
        finally:
            await s.close()

    result, listed, lab, stdout = run_async(go())
    home = hub["room"] / "students" / "alice"
    assert set(BOOKS) <= listed and "src" not in listed
    assert sorted(p.name for p in (home / "notebooks").glob("*.ipynb")) == BOOKS
    assert lab == 200
    assert result.error == "" and result.charts >= 1 and result.first_chart_s is not None
    cwd, tables = stdout.split()
    assert Path(cwd) == home / "notebooks"
    assert int(tables) > 0


def test_a_student_cannot_reach_another_students_server(students):
    hub = students
    url = hub["url"]

    async def go() -> dict[str, int]:
        alice, bob = await logged_in(hub, "alice"), await logged_in(hub, "bob")
        got = {}
        try:
            bob_kernel = await bob.start_kernel("00-start-here.ipynb")
            async with alice.http.get(f"{url}/user/bob/lab") as reply:  # her login cookie
                on_bob = reply.url.path.startswith("/user/bob") and reply.status == 200
                got["cookie: bob's lab"] = 200 if on_bob else 403
                got["cookie: bob's lab, as served"] = reply.status
            for what, method, path in [
                ("token: bob's files", "GET", "/user/bob/api/contents/"),
                ("token: bob's notebook", "GET", "/user/bob/api/contents/00-start-here.ipynb"),
                ("token: a kernel on bob's server", "POST", "/user/bob/api/sessions"),
                ("token: bob's kernel", "GET", f"/user/bob/api/kernels/{bob_kernel}"),
                ("token: bob in the hub", "GET", "/hub/api/users/bob"),
                ("token: stop bob's server", "DELETE", "/hub/api/users/bob/server"),
                ("token: bob's tokens", "POST", "/hub/api/users/bob/tokens"),
                ("token: out of her own root", "GET", "/user/alice/api/contents/%2E%2E/bob"),
            ]:
                async with alice.http.request(method, URL(f"{url}{path}", encoded=True),
                                              headers=alice.auth(),
                                              json={"path": "x.ipynb", "type": "notebook"},
                                              allow_redirects=False) as reply:
                    got[what] = reply.status
            ws = f"{url.replace('http', 'ws', 1)}/user/bob/api/kernels/{bob_kernel}/channels"
            try:
                socket = await alice.http.ws_connect(ws, headers=alice.auth())
                await socket.close()
                got["token: bob's kernel websocket"] = 101
            except Exception as err:  # noqa: BLE001 - the handshake is refused
                got["token: bob's kernel websocket"] = getattr(err, "status", 0)
            async with bob.http.get(f"{url}/user/bob/api/contents/",
                                    headers=bob.auth()) as reply:
                got["bob himself"] = reply.status
        finally:
            await alice.close()
            await bob.close()
        return got

    got = run_async(go())
    assert got.pop("bob himself") == 200  # the requests above would have worked for him
    got.pop("cookie: bob's lab, as served")
    refused = {what: status for what, status in got.items() if status in (200, 101)}
    assert not refused, f"alice reached bob: {refused} (all: {got})"
    assert all(status in (400, 403, 404) for status in got.values()), got


def test_work_survives_a_server_restart(students):
    """The copy is made at the first start only: a restart keeps the student's edits."""
    hub = students

    async def go() -> str:
        s = await logged_in(hub, "bob")
        base = f"{hub['url']}/user/bob/api/contents/00-start-here.ipynb"
        try:
            async with s.http.get(base, headers=s.auth()) as reply:
                model = await reply.json()
            model["content"]["cells"][0]["source"] = "# bob was here"
            async with s.http.put(base, headers=s.auth(), json={
                    "type": "notebook", "format": "json", "content": model["content"]}) as reply:
                assert reply.status == 200
            async with s.http.delete(f"{hub['url']}/hub/api/users/bob/server",
                                     headers=s.auth()) as reply:
                assert reply.status in (202, 204)
            while (await s.server()):
                await asyncio.sleep(0.2)
            await s.spawn()
            async with s.http.get(base, headers=s.auth()) as reply:
                return (await reply.json())["content"]["cells"][0]["source"]
        finally:
            await s.close()

    assert run_async(go()) == "# bob was here"


def test_copies_are_made_once_and_never_overwritten(tmp_path):
    source = tmp_path / "notebooks"
    (source / "src").mkdir(parents=True)
    (source / "fr").mkdir()
    for path in (source / "00-a.ipynb", source / "src" / "00-a.md", source / "fr" / "00-a.ipynb"):
        path.write_text("original")
    home = tmp_path / "students" / "ana"
    made = room.prepare_home(home, source)
    assert sorted(p.relative_to(home).as_posix() for p in made) == [
        "notebooks/00-a.ipynb", "notebooks/fr/00-a.ipynb"]
    assert oct(home.stat().st_mode & 0o777) == "0o700"
    (home / "notebooks" / "00-a.ipynb").write_text("ana's work")
    (source / "01-b.ipynb").write_text("new")
    made = room.prepare_home(home, source)
    assert [p.name for p in made] == ["01-b.ipynb"]
    assert (home / "notebooks" / "00-a.ipynb").read_text() == "ana's work"
    assert not (home / "notebooks" / "src").exists()


def test_idle_culler_runs_as_a_hub_service_and_nobody_sees_the_password(students):
    hub = students
    procs = [psutil.Process(hub["server"].proc.pid),
             *psutil.Process(hub["server"].proc.pid).children(recursive=True)]
    lines = {p.pid: " ".join(p.cmdline()) for p in procs}
    culler = [p for p in procs if "jupyterhub_idle_culler" in lines[p.pid]]
    assert len(culler) == 1 and "--timeout=3600" in lines[culler[0].pid]
    assert any("configurable-http-proxy" in line for line in lines.values())
    assert not any(hub["password"] in line for line in lines.values())
    for proc in [*culler, *student_processes("alice")]:
        env = proc.environ()
        assert room.PASSWORD_ENV not in env
        assert hub["password"] not in json.dumps(env)
    servers = [lines[p.pid] for p in student_processes("alice")[:1]]
    assert servers and "tools.hub_singleuser" in servers[0]


def test_student_files_are_private_where_isolation_is_possible(students):
    """With per-student user ids (the hub as root, a Python other users can run), a kernel
    cannot read another student's home; elsewhere say why it is not so."""
    hub = students
    blocker = room.isolation_blocker(room.settings_from_env(
        {room.SETTINGS_ENV: room.RoomSettings(room=str(hub["room"])).to_env()}))
    if blocker is not None:
        pytest.skip(f"student servers run as the hub's user here: {blocker}")
    homes = hub["room"] / "students"
    assert homes.joinpath("alice").stat().st_uid != homes.joinpath("bob").stat().st_uid

    async def go() -> str:
        s = await logged_in(hub, "alice")
        try:
            kernel = await s.kernel(await s.start_kernel("00-start-here.ipynb"))
            await kernel.wait_ready()
            out = await kernel.execute(
                f"try:\n    open({str(homes / 'bob/notebooks/00-start-here.ipynb')!r})\n"
                "    print('read')\nexcept PermissionError:\n    print('refused')")
            await kernel.close()
            return out.stdout.strip()
        finally:
            await s.close()

    assert run_async(go()) == "refused"


def test_the_lock_keeps_rfc3987_syntax_out():
    """jupyterhub pulls jsonschema[format-nongpl] and with it rfc3987-syntax (a Lark grammar
    built at import, ~1.4 s in every process that imports nbformat): the lock leaves it out."""
    lock = (ROOT / "requirements.lock").read_text()
    assert "\njupyterhub==" in lock and "\njupyterhub-idle-culler==" in lock
    kept_out = [line for line in lock.splitlines() if line.startswith(("rfc3987-syntax", "lark"))]
    assert kept_out and all(line.endswith("; sys_platform == 'never'") for line in kept_out)
    code = ("import importlib.util, sys, jupyterhub.app, jupyter_events; "
            "print(importlib.util.find_spec('rfc3987_syntax') is None, 'lark' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["True", "False"]


def test_light_launcher_leaves_the_hub_database_code_out():
    code = ("import sys; from tools.hub_singleuser import install; ok = install(); "
            "import jupyterhub.singleuser.extension, jupyterhub.singleuser; "
            "print(ok, [m for m in ('alembic', 'jupyterhub.handlers.base') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "True []"
