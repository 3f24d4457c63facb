"""Fixtures of the workshop-room tests: a hub on loopback ports with two students."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def run_async(coroutine):
    """Run ``coroutine`` to its end in a thread of its own with a fresh event loop.

    Playwright's sync API (the browser tests' session-wide Chromium) keeps an event loop
    running on the main thread, where ``asyncio.run`` refuses to start another one.
    """
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def need_proxy() -> None:
    """Skip without configurable-http-proxy (fail on CI, where dev.py installs it)."""
    from tools.hub import PROXY, proxy_ready

    if not proxy_ready():
        message = f"configurable-http-proxy is not installed ({PROXY}); python3 dev.py test does it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def room() -> Iterator[Path]:
    """A workshop folder that other user ids can enter (pytest's tmp_path is 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="cte-room-test-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def hub(room: Path) -> Iterator[dict]:
    """A running hub (the configuration of ``python3 dev.py hub``) and its password."""
    need_proxy()
    from tools.hub import start, stop

    password = secrets.token_urlsafe(12)
    server = start(room / "hub", password, room / "hub.log")
    try:
        yield {"server": server, "url": server.url, "password": password,
               "room": room / "hub", "log": room / "hub.log"}
    finally:
        stop(server)
