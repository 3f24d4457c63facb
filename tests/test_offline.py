"""The offline guard (tests/offline): public hosts are refused, loopback works, kernels and this
test session are guarded, and ``python3 dev.py test`` turns it on for both pytest phases.

The probes run in fresh subprocesses with the guard's environment, so they test the real
mechanism (``site`` importing ``tests/offline/sitecustomize.py``), whatever this session has.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

GUARD_DIR = ROOT / "tests" / "offline"
GUARD_ERROR = "NetworkBlockedError"
PUBLIC_IP = "93.184.216.34"
PUBLIC_NAME = "pypi.org"


def load(name: str, path: Path):
    """Import a module from a file without putting its folder on sys.path."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


guard = load("_cte_network_guard_under_test", GUARD_DIR / "cte_network_guard.py")


def guarded_env(*extra_path: Path, enabled: bool = True) -> dict[str, str]:
    """This environment plus the guard folder first on PYTHONPATH, switched on or off."""
    env = dict(os.environ)
    env.pop("CTE_BLOCK_NETWORK", None)
    if enabled:
        env["CTE_BLOCK_NETWORK"] = "1"
    parts = [str(GUARD_DIR), *map(str, extra_path), os.environ.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in parts if p)
    return env


def run_python(code: str, env: dict[str, str]) -> dict:
    """Run ``code`` in a new interpreter; it prints one JSON object, which is returned."""
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


PROBE_PUBLIC = f"""
import json, socket, sys, urllib.request
found = {{"guard_loaded_by_site": "cte_network_guard" in sys.modules}}

def attempt(label, call):
    try:
        call()
        found[label] = ["no error", ""]
    except OSError as err:
        err = getattr(err, "reason", err)  # urllib wraps the socket error in URLError
        found[label] = [type(err).__name__, str(err)]

attempt("create_connection ip", lambda: socket.create_connection(("{PUBLIC_IP}", 80), 5))
attempt("create_connection name", lambda: socket.create_connection(("{PUBLIC_NAME}", 443), 5))
attempt("getaddrinfo name", lambda: socket.getaddrinfo("{PUBLIC_NAME}", 443))
attempt("gethostbyname name", lambda: socket.gethostbyname("{PUBLIC_NAME}"))
attempt("socket.connect ip", lambda: socket.socket().connect(("{PUBLIC_IP}", 80)))
attempt("socket.connect_ex ip", lambda: socket.socket().connect_ex(("{PUBLIC_IP}", 80)))
attempt("udp sendto ip", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(
    b"x", ("{PUBLIC_IP}", 53)))
attempt("urlopen name", lambda: urllib.request.urlopen("https://{PUBLIC_NAME}/simple/", timeout=5))
print(json.dumps(found))
"""

PROBE_LOOPBACK = """
import json, socket, sys
found = {"guard_loaded_by_site": "cte_network_guard" in sys.modules}
with socket.socket() as server:
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    for host in ("127.0.0.1", "localhost"):
        with socket.create_connection((host, port), timeout=5) as client:
            peer, _ = server.accept()
            client.sendall(host.encode())
            found[host] = peer.recv(64).decode()
            peer.close()
left, right = socket.socketpair(socket.AF_UNIX)
left.sendall(b"unix")
found["unix"] = right.recv(16).decode()
print(json.dumps(found))
"""


class TestGuardInASubprocess:
    def test_public_addresses_and_names_are_refused_by_the_guard(self):
        found = run_python(PROBE_PUBLIC, guarded_env())
        assert found.pop("guard_loaded_by_site") is True
        for label, (kind, message) in found.items():
            host = PUBLIC_IP if label.endswith(" ip") else PUBLIC_NAME
            assert kind == GUARD_ERROR, f"{label}: {kind} {message}"
            assert repr(host) in message and "CTE_BLOCK_NETWORK" in message, message

    def test_loopback_and_unix_sockets_still_work(self):
        found = run_python(PROBE_LOOPBACK, guarded_env())
        assert found == {"guard_loaded_by_site": True, "127.0.0.1": "127.0.0.1",
                         "localhost": "localhost", "unix": "unix"}

    def test_guard_is_off_without_the_environment_variable(self):
        code = ("import json, socket, sys; print(json.dumps([\"cte_network_guard\" in "
                "sys.modules, getattr(socket.getaddrinfo, '__module__', None)]))")
        assert run_python(code, guarded_env(enabled=False)) == [False, "socket"]

    def test_an_existing_sitecustomize_still_runs(self, tmp_path):
        other = tmp_path / "other"
        other.mkdir()
        (other / "sitecustomize.py").write_text("MARK = 'the other sitecustomize ran'\n")
        code = ("import json, sys; m = sys.modules.get('_cte_chained_sitecustomize'); "
                "print(json.dumps([getattr(m, 'MARK', None), "
                "'cte_network_guard' in sys.modules]))")
        assert run_python(code, guarded_env(other)) == ["the other sitecustomize ran", True]


def test_a_jupyter_kernel_started_under_the_guard_is_guarded():
    import nbformat
    from nbclient import NotebookClient

    cell = (f"import socket, sys\n"
            f"print('guard loaded:', 'cte_network_guard' in sys.modules)\n"
            f"try:\n"
            f"    socket.create_connection(('{PUBLIC_IP}', 80), timeout=5)\n"
            f"except OSError as err:\n"
            f"    print(type(err).__name__, '{PUBLIC_IP}' in str(err))\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute(env=guarded_env())
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs if o.output_type == "stream")
    assert text.splitlines() == ["guard loaded: True", f"{GUARD_ERROR} True"]


def test_this_test_session_is_guarded_when_the_environment_says_so():
    """Under ``python3 dev.py test`` (CTE_BLOCK_NETWORK=1) this process must be guarded."""
    patched = [getattr(socket.socket, n) for n in guard.METHODS]
    patched += [getattr(socket, n) for n in guard.FUNCTIONS]
    modules = {getattr(f, "__module__", None) for f in patched}
    if os.environ.get("CTE_BLOCK_NETWORK") == "1":
        assert modules == {"cte_network_guard"}, (
            "CTE_BLOCK_NETWORK=1 but the offline guard is not installed in this process: put "
            f"{GUARD_DIR} first on PYTHONPATH (python3 dev.py test does)")
        with pytest.raises(OSError) as info:
            socket.create_connection((PUBLIC_IP, 80), timeout=5)
        assert type(info.value).__name__ == GUARD_ERROR
    else:
        assert "cte_network_guard" not in modules


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "::ffff:127.0.0.1",
                                  "localhost", "LOCALHOST.", "ip6-localhost", "a.localhost",
                                  "0.0.0.0", "::", "", None, b"127.0.0.1"])
def test_local_hosts_are_allowed(host):
    assert guard.is_local_host(host)


@pytest.mark.parametrize("host", [PUBLIC_IP, PUBLIC_NAME, "10.0.0.1", "192.168.1.1",
                                  "2606:4700::1111", "::ffff:8.8.8.8", "localhost.example.com",
                                  "127.0.0.1.nip.io", b"pypi.org", 12345])
def test_other_hosts_are_refused(host):
    assert not guard.is_local_host(host)


def test_guard_error_is_an_oserror_naming_the_host():
    err = guard.NetworkBlockedError("example.org", "connect")
    assert isinstance(err, OSError) and err.host == "example.org"
    assert "'example.org'" in str(err)


def test_dev_test_runs_every_pytest_phase_with_the_guard(monkeypatch):
    dev = load("_dev_under_test", ROOT / "dev.py")
    calls = []
    monkeypatch.setattr(dev, "ensure_venv", lambda: None)
    monkeypatch.setattr(dev, "ensure_browser", lambda: None)
    monkeypatch.setattr(dev, "run", lambda cmd, env=None, cwd=None: calls.append((cmd, env)))
    dev.execute("test", [])
    pytest_runs = [(cmd, env) for cmd, env in calls if "pytest" in map(str, cmd)]
    assert len(pytest_runs) == 2
    for _cmd, env in pytest_runs:
        assert env["CTE_BLOCK_NETWORK"] == "1"
        first = env["PYTHONPATH"].split(os.pathsep)[0]
        assert (Path(first) / "sitecustomize.py").is_file() and Path(first) == GUARD_DIR
