"""Presentation mode with pre-heated kernels (tools/voilapool.py): the pool serves the page, and
the explorers on it still answer, because a pooled kernel is a live kernel."""

from __future__ import annotations

import os

import pytest

from tests.room.conftest import run_async
from tools import voilapool
from tools.browser import find_chromium


def test_pool_arguments():
    assert voilapool.pool_args(0, ["x.ipynb"]) == []
    args = voilapool.pool_args(3, ["01-a.ipynb"])
    assert args[:2] == ["--preheat_kernel=True", "--pool_size=3"]
    assert f"--VoilaKernelManager.fill_delay={voilapool.FILL_DELAY}" in args
    assert args[-1] == '--VoilaKernelManager.preheat_denylist=["^01\\\\-a\\\\.ipynb$"]'


@pytest.mark.browser
def test_a_pooled_kernel_serves_the_dashboard_and_its_explorer_answers(tmp_path):
    if find_chromium() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing (python3 dev.py test installs it)")
        pytest.skip("Chromium is not installed")
    notebook = "00-start-here.ipynb"
    server = voilapool.start_voila(tmp_path, notebook, pool=1)
    try:
        voilapool.wait_pool_filled(server, 1)
        url = f"{server.url}/voila/render/{notebook}"
        [visit] = run_async(voilapool.crowd(url, 1, voilapool.explorer_count(notebook), 120))
        log = server.log.read_text(errors="replace")
    finally:
        server.stop()
    assert visit["error"] == ""
    assert "Using pre-heated kernel" in log
    assert voilapool.explorer_count(notebook) >= 1
    assert visit["explorer_live"] and visit["explorer_s"] is not None
