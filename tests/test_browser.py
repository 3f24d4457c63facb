"""Real-browser smoke test: every notebook opened in JupyterLab shows its charts, and an
explorer control changes its chart. Runs Debian's Chromium through Playwright, offline.

Also records every request the page makes and fails on any that leaves localhost (no CDN).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists()
                                        else None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

pytestmark = pytest.mark.browser

if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("CI needs Chromium for the browser tests (dev.py test installs it)",
                    pytrace=False)
    pytest.skip("Chromium not installed: browser tests not run", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on the notebooks, on a free localhost port."""
    work = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    port = free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(work / "cfg"),
           "JUPYTER_RUNTIME_DIR": str(work / "rt"), "IPYTHONDIR": str(work / "ipy")}
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
           "--ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
           f"--ServerApp.root_dir={work / 'notebooks'}", "--allow-root",
           "--LabApp.news_url=None", "--ServerApp.disable_check_xsrf=True"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/lab", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("JupyterLab did not start")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        warm = instance.new_page()  # pay JupyterLab's first load outside the timed waits
        warm.goto(f"{lab}/lab?reset", wait_until="domcontentloaded")
        warm.wait_for_selector("#jp-main-dock-panel", timeout=120_000)
        warm.close()
        yield instance
        instance.close()


KERNEL_IDLE = ("() => /\\|\\s*Idle/.test((document.querySelector('#jp-main-statusbar')"
               " || {}).innerText || '')")
EXPLORER = f"{PANEL} .widget-vbox .js-plotly-plot"
# Run All took: a cell is queued or running ([*]) or the explorer already rendered
STARTED = (f"() => Array.from(document.querySelectorAll('{PANEL} .jp-InputPrompt'))"
           f".some(e => e.textContent.includes('[*]')) || !!document.querySelector('{EXPLORER}')")


def click_run_all(page) -> None:
    """Run > Run All Cells, once the kernel is connected and idle (earlier clicks are lost:
    JupyterLab clears the cells but has no kernel to send them to)."""
    page.wait_for_function(KERNEL_IDLE, timeout=120_000)
    page.keyboard.press("Escape")  # close any dialog or open menu
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_text("Run All Cells", exact=True).click()


def run_all(page, url: str, name: str, shots: Path) -> list[str]:
    """Open a notebook, run all cells, return the list of non-local requests seen."""
    outside = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.goto(f"{url}/lab/tree/{name}?reset", wait_until="domcontentloaded")
    page.wait_for_selector(f"{PANEL} .jp-Cell", timeout=120_000)
    for attempt in range(3):  # retry if the click landed before the kernel took it
        click_run_all(page)
        try:
            page.wait_for_function(STARTED, timeout=30_000, polling=100)
            break
        except Exception:
            page.screenshot(path=str(shots / f"{name}-attempt{attempt}.png"), full_page=True)
            if attempt == 2:
                raise
    page.wait_for_selector(EXPLORER, timeout=120_000)
    page.wait_for_function(KERNEL_IDLE, timeout=120_000)
    return outside


def chart_titles(page) -> list[str]:
    return page.eval_on_selector_all(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .widget-vbox .js-plotly-plot",
        "els => els.map(e => (e.querySelector('.gtitle') || {}).textContent || '')"
        " .concat(els.map(e => String(e.querySelectorAll('.trace, path.point').length)))")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_renders_and_explorer_responds(lab, browser, notebook, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        outside = run_all(page, lab, notebook.name, tmp_path)
        panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        errors = panel.locator(".jp-OutputArea-output[data-mime-type="
                               "'application/vnd.jupyter.stderr']").count()
        assert errors == 0, "a cell printed to stderr or raised"
        assert panel.locator(".js-plotly-plot").count() >= 2  # static + interactive
        before = chart_titles(page)
        control = panel.locator(".widget-vbox .widget-dropdown select, "
                                ".widget-vbox .widget-toggle-buttons button, "
                                ".widget-vbox .widget-select select").first
        if control.evaluate("e => e.tagName") == "SELECT":
            values = control.evaluate("e => Array.from(e.options).map(o => o.value)")
            current = control.evaluate("e => e.value")
            control.select_option(next(v for v in values if v != current))
        else:
            panel.locator(".widget-vbox .widget-toggle-buttons button:not(.mod-active)").first\
                .click()
        deadline = time.time() + 20
        while time.time() < deadline and chart_titles(page) == before:
            time.sleep(0.25)
        assert chart_titles(page) != before, "the explorer did not change its chart"
        assert not outside, f"requests left localhost: {outside[:5]}"
    finally:
        page.close()
