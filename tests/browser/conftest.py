"""Browser fixtures: Debian's Chromium through Playwright, JupyterLab and Voila on free
loopback ports (started exactly as the project starts them, through tools.browser).

Without Chromium the browser tests are skipped on a developer machine and fail in CI. Each
test module marks itself ``browser`` (run serially, in a phase of its own).
"""

from __future__ import annotations

import os

import pytest

from tools import browser

ARTIFACTS = browser.ROOT / "artifacts" / "browser"


@pytest.fixture(scope="session")
def chromium():
    if browser.find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Chromium for the browser tests (dev.py test installs it)")
        pytest.skip("Chromium not installed: browser tests not run")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with browser.chromium() as instance:
        yield instance


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    server = browser.lab(tmp_path_factory.mktemp("lab"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def voila(tmp_path_factory):
    server = browser.voila(tmp_path_factory.mktemp("voila"))
    yield server
    server.stop()
