"""JupyterLab, Voila and Chromium, started one way for the tests, the render check and the
benchmarks, and the page inspections that say what a person sees.

Servers listen on a free loopback port with private Jupyter/IPython folders and stop by their
own PID. Every wait is for a state (kernel idle, cells executed, plots drawn), never a sleep.

The inspection (:data:`INSPECT`) reads, for each Plotly chart on a page: its title, the traces
that carry data, the axis types, whether it shows the explicit empty state, its width against
the width of the output area around it, the smallest font of the text that carries meaning,
and any two text boxes of its SVG that overlap.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tools import NOTEBOOK_GLOB, ROOT

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
LONG = 120.0  # seconds: an upper bound for one state on a busy 2-core machine
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": False},
}
PRESENTATION = ROOT / "presentation"  # holds voila/templates/offline


def find_chromium() -> str | None:
    """Path of the system Chromium (Playwright drives it through executable_path), or None."""
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def isolated_env(home: Path, data_dir: Path | None = None,
                 base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment with private Jupyter config/runtime/data and IPython folders.

    The lab extensions stay found: they live in the environment's share/jupyter, which Jupyter
    searches whatever JUPYTER_DATA_DIR says.
    """
    env = dict(os.environ if base is None else base)
    for name, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                      ("JUPYTER_DATA_DIR", "data"), ("IPYTHONDIR", "ipython")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / sub)
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env.pop("CTE_DATA_DIR", None)
    if data_dir is not None:
        env["CTE_DATA_DIR"] = str(data_dir)
    return env


class Server:
    """A server process started here, stopped by its own PID."""

    def __init__(self, cmd: list[str], env: dict[str, str], cwd: Path, probe: str,
                 log: Path, url: str, token: str = "") -> None:
        """Start ``cmd`` and wait until ``probe`` answers HTTP 200 (or the process dies)."""
        self.url, self.token, self.log = url, token, log
        self.proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=log.open("wb"),
                                     stderr=subprocess.STDOUT)
        deadline = time.monotonic() + LONG
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{cmd[2]} exited with {self.proc.returncode}; log: {log}")
            try:
                with urllib.request.urlopen(probe, timeout=5) as reply:
                    if reply.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                try:
                    self.proc.wait(timeout=0.25)  # not listening yet: block, do not sleep
                except subprocess.TimeoutExpired:
                    pass
        self.stop()
        raise RuntimeError(f"{cmd[2]} did not answer {probe}; log: {log}")

    def stop(self) -> None:
        """Terminate, wait, kill if it does not go."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=20)


def copy_notebooks(source: Path, target: Path) -> Path:
    """Copy the teaching notebooks of ``source`` (and its language folders) to ``target``."""
    target.mkdir(parents=True)
    for nb in source.glob(NOTEBOOK_GLOB):
        shutil.copy2(nb, target / nb.name)
    for sub in source.iterdir():
        if sub.is_dir() and any(sub.glob(NOTEBOOK_GLOB)):
            copy_notebooks(sub, target / sub.name)
    return target


def lab(work: Path, notebooks: Path = ROOT / "notebooks", data_dir: Path | None = None,
        settings: dict[str, Any] | None = None, language: str | None = None) -> Server:
    """JupyterLab with a random token on a copy of ``notebooks``."""
    root = copy_notebooks(notebooks, work / "notebooks")
    env = isolated_env(work / "home", data_dir)
    if settings:
        folder = Path(env["JUPYTER_CONFIG_DIR"]) / "lab" / "user-settings"
        for plugin, values in settings.items():
            package, name = plugin.split(":")
            path = folder / package / f"{name}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
    if language:
        path = (Path(env["JUPYTER_CONFIG_DIR"]) / "lab" / "user-settings" / "@jupyterlab"
                / "translation-extension" / "plugin.jupyterlab-settings")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"locale": language}))
    port, token = free_port(), secrets.token_urlsafe(24)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
           "--ip=127.0.0.1", f"--IdentityProvider.token={token}", "--ServerApp.password=",
           f"--ServerApp.root_dir={root}", "--allow-root", "--LabApp.news_url=None",
           "--LabApp.expose_app_in_browser=True", "--ServerApp.port_retries=0"]
    url = f"http://127.0.0.1:{port}"
    return Server(cmd, env, root, f"{url}/api/status?token={token}", work / "lab.log", url,
                  token)


def voila_command(notebooks: list[str] | None, port: int, folder: Path,
                  python: str = sys.executable, extra: list[str] | None = None) -> list[str]:
    """The Voila command line of presentation mode (names in ``folder``; None = all).

    Voila serves the whole folder (so every kernel starts there); notebooks not chosen are
    hidden from its list.
    """
    cmd = [python, "-m", "voila", str(folder), "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", "--strip_sources=True",
           "--template=offline", "--VoilaConfiguration.show_tracebacks=True", "--theme=light",
           *(extra or [])]
    if notebooks:
        hidden = ["__pycache__", "*.pyc", ".ipynb_checkpoints",
                  *sorted(p.name for p in folder.glob("*.ipynb") if p.name not in notebooks)]
        cmd += [f"--ContentsManager.hide_globs={name}" for name in hidden]
    return cmd


def voila_env(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Voila: the project template folder first on JUPYTER_PATH."""
    env = dict(os.environ if environ is None else environ)
    paths = [str(PRESENTATION), *filter(None, env.get("JUPYTER_PATH", "").split(os.pathsep))]
    env["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


def voila(work: Path, notebooks: Path = ROOT / "notebooks", data_dir: Path | None = None,
          extra: list[str] | None = None) -> Server:
    """Voila exactly as presentation mode starts it, on a copy of ``notebooks``."""
    root = copy_notebooks(notebooks, work / "notebooks")
    port = free_port()
    env = voila_env(isolated_env(work / "home", data_dir))
    url = f"http://127.0.0.1:{port}"
    return Server(voila_command(None, port, root, extra=extra), env, root, f"{url}/",
                  work / "voila.log", url)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright (no downloaded browser)."""
    from playwright.sync_api import sync_playwright

    path = find_chromium()
    if path is None:
        raise RuntimeError("Chromium is not installed (python3 dev.py test installs it)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Watch:
    """What a page did that the tests forbid or measure: remote requests, dialogs, console
    lines, and the bytes received over the kernel websocket."""

    LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:http://127.0.0.1:")

    def __init__(self, page: Any) -> None:
        """Attach to the page's events."""
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.requests: list[str] = []
        self.ws_bytes = 0
        page.on("request", self._request)
        page.on("dialog", self._dialog)
        page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))
        page.on("websocket", self._socket)

    def _request(self, request: Any) -> None:
        self.requests.append(request.url)
        if not request.url.startswith(self.LOCAL):
            self.outside.append(request.url)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _socket(self, ws: Any) -> None:
        if "/channels" in ws.url:  # the kernel connection (Lab and Voila)
            ws.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        self.ws_bytes += len(payload.encode() if isinstance(payload, str) else payload)


def new_page(browser: Any, width: int = 1400, height: int = 1000) -> tuple[Any, Watch]:
    """A fresh page (own context) with a :class:`Watch` attached."""
    page = browser.new_page(viewport={"width": width, "height": height})
    return page, Watch(page)


def wait_for(page: Any, script: str, arg: object = None, what: str = "",
             timeout: float = LONG) -> Any:
    """Wait for a JS predicate; on timeout raise TimeoutError naming ``what``."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        return page.wait_for_function(script, arg=arg, timeout=timeout * 1000, polling=100)
    except PlaywrightTimeout:
        raise TimeoutError(f"timed out waiting until {what}") from None


# --- JupyterLab: state read from window.jupyterapp (--LabApp.expose_app_in_browser) ------

LAB_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
LAB_KERNEL_READY = """name => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.context || !w.context.path.endsWith(name) || !w.content || !w.content.model) {
    return false;
  }
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return !!(w.context.isReady && k && k.connectionStatus === 'connected' && k.status === 'idle'
            && w.content.widgets.length > 0);
}"""
#: Clear every output, then start Run All; return how many code cells kept a count.
LAB_RUN_ALL = """async () => {
  const app = window.jupyterapp;
  await app.commands.execute('notebook:clear-all-cell-outputs');
  const cells = app.shell.currentWidget.content.model.cells;
  let stale = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type === 'code' && cell.executionCount !== null) stale++;
  }
  app.commands.execute('notebook:run-all-cells');
  return stale;
}"""
#: Every code cell executed and the kernel idle, or the error outputs.
LAB_RUN_STATE = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  const cells = w.content.model.cells;
  const bad = [];
  let pending = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    if (cell.executionCount === null) pending++;
    for (const out of cell.toJSON().outputs || []) {
      if (out.output_type === 'error' || (out.output_type === 'stream' && out.name === 'stderr')) {
        bad.push(`cell ${i}: ` + (out.ename ? `${out.ename}: ${out.evalue}` : String(out.text)));
      }
    }
  }
  if (bad.length) return {errors: bad};
  return pending === 0 && k && k.status === 'idle' ? {errors: []} : false;
}"""
#: The text a reader sees in the outputs of the open notebook (stream and plain text).
LAB_OUTPUT_TEXT = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const out = [];
  for (let i = 0; i < cells.length; i++) {
    for (const o of cells.get(i).toJSON().outputs || []) {
      if (o.text) out.push([i, String(o.text)]);
      if (o.data && o.data['text/plain']) out.push([i, String(o.data['text/plain'])]);
    }
  }
  return out;
}"""


def open_in_lab(page: Any, server: Server, name: str) -> dict:
    """Open a notebook with ?reset, wait for its kernel, Run All; return {errors: [...]}."""
    page.goto(f"{server.url}/lab/tree/{name}?reset&token={server.token}",
              wait_until="domcontentloaded")
    wait_for(page, LAB_KERNEL_READY, name, f"{name} is open with an idle kernel")
    if page.evaluate(LAB_RUN_ALL) != 0:
        raise AssertionError("execution counts survived Clear All Outputs")
    return wait_for(page, LAB_RUN_STATE, None, f"{name} ran every cell").json_value()


def shutdown_lab_kernel(page: Any) -> None:
    """Free the kernel of the current notebook."""
    page.evaluate("""async () => { const w = window.jupyterapp.shell.currentWidget;
                     if (w && w.sessionContext) await w.sessionContext.shutdown(); }""")


# --- Voila ----------------------------------------------------------------------------------

VOILA_DONE = """() => { const c = document.querySelector('#rendered_cells');
  return !!c && c.style.display !== 'none' && document.querySelectorAll('[cell-index]').length > 0;
}"""
VOILA_KERNEL_IDLE = """() => { const m = window.jupyterapp && window.jupyterapp.widgetManager;
  const k = m && m.kernel;
  return !!(k && k.connectionStatus === 'connected' && k.status === 'idle'); }"""
VOILA_ERRORS = """() => {
  const bad = [];
  const stored = 'script[type="application/vnd.voila.cell-output+json"]';
  for (const s of document.querySelectorAll(stored)) {
    const out = JSON.parse(s.textContent);
    if (out.output_type === 'error' || (out.output_type === 'stream' && out.name === 'stderr'))
      bad.push(out.ename ? `${out.ename}: ${out.evalue}` : String(out.text));
  }
  for (const e of document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"], '
                                            + '[data-mime-type="application/vnd.jupyter.error"]'))
    bad.push(e.textContent.slice(0, 300));
  return bad;
}"""


def open_in_voila(page: Any, server: Server, name: str) -> list[str]:
    """Render a dashboard, wait until Voila finished and its kernel is idle; return errors."""
    page.goto(f"{server.url}/voila/render/{name}", wait_until="domcontentloaded",
              timeout=LONG * 1000)
    wait_for(page, VOILA_DONE, None, f"Voila finished executing {name}")
    wait_for(page, VOILA_KERNEL_IDLE, None, f"the widget kernel of {name} is idle")
    return page.evaluate(VOILA_ERRORS)


# --- what a person sees -------------------------------------------------------------------

#: Every chart of the explorers (or of the whole page) drawn with data or the empty state.
EXPLORERS_DRAWN = """root => {
  const el = document.querySelector(root);
  if (!el) return false;
  const boxes = [...el.querySelectorAll('.cte-explorer')];
  if (!boxes.length) return false;
  return boxes.every(b => {
    const plots = [...b.querySelectorAll('.js-plotly-plot')];
    return plots.length > 0 && plots.every(p => p._fullLayout && p.querySelector('.main-svg'));
  });
}"""

#: Per chart: title, traces with data, axis types, empty state, widths, fonts, overlaps.
INSPECT = r"""root => {
  const roots = [...document.querySelectorAll(root)];
  const points = t => ['x', 'y', 'values', 'labels', 'ids', 'z'].reduce((n, k) => {
    const v = t[k]; return n + (v && v.length ? v.length : 0); }, 0)
    + ((t.link && t.link.source && t.link.source.length) || 0)
    + (t.type === 'indicator' && typeof t.value === 'number' ? 1 : 0);
  const boxOf = e => {
    const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const plots = (roots.length ? roots : [document.body]).flatMap(
    el => [...el.querySelectorAll('.js-plotly-plot')]);
  return plots.map(p => {
    const full = p._fullLayout || {};
    const layout = p.layout || {};
    const title = layout.title
      && (layout.title.text !== undefined ? layout.title.text : layout.title);
    const traces = (p._fullData || []).filter(t => t.visible !== false && points(t) > 0).length;
    const empty = (layout.annotations || []).some(a => a.name === 'empty-state');
    const axes = {};
    for (const k of Object.keys(full)) if (/^[xy]axis\d*$/.test(k)) axes[k] = full[k].type;
    const area = p.closest('.jp-OutputArea-output, .jp-OutputArea, .cte-explorer, .site-output')
                 || p.parentElement;
    const texts = [...p.querySelectorAll('.main-svg text')].filter(t => {
      if (t.closest('.hoverlayer')) return false;
      const s = getComputedStyle(t);
      if (s.display === 'none' || s.visibility === 'hidden') return false;
      if (Number(s.opacity) === 0) return false;
      const r = t.getBoundingClientRect();
      return r.width > 0.5 && r.height > 0.5 && t.textContent.trim().length > 0;
    });
    const boxes = texts.map(t => ({text: t.textContent.trim().slice(0, 60), box: boxOf(t),
                                   size: parseFloat(getComputedStyle(t).fontSize)}));
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].box, b = boxes[j].box;
      const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
      const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
      if (w > 2 && h > 2) {
        overlaps.push([boxes[i].text, boxes[j].text, Math.round(w), Math.round(h)]);
      }
    }
    const sizes = boxes.map(b => b.size);
    return {title: title ? String(title) : '', traces, empty, axes,
            width: Math.round(p.getBoundingClientRect().width),
            area: Math.round(area.getBoundingClientRect().width),
            minFont: sizes.length ? Math.min(...sizes) : null,
            small: boxes.filter(b => b.size < 11).map(b => [b.text, b.size]),
            overlaps};
  });
}"""

#: The charts, summary and details text of each explorer box, in page order.
EXPLORER_STATE = """root => [...(document.querySelector(root) || document).querySelectorAll(
    '.cte-explorer')].map(b => ({
  titles: [...b.querySelectorAll('.js-plotly-plot')].map(p => {
    const t = p.layout && p.layout.title;
    return t ? String(t.text !== undefined ? t.text : t) : ''; }),
  summary: (b.querySelector('.cte-summary') || {}).textContent || '',
  selects: [...b.querySelectorAll('select')].length,
  toggles: [...b.querySelectorAll('.widget-toggle-buttons button')].length,
  sliders: [...b.querySelectorAll('.widget-slider')].length}))"""


def inspect(page: Any, root: str) -> list[dict]:
    """:data:`INSPECT` on every chart below each element that ``root`` selects."""
    return page.evaluate(INSPECT, root)


def explorers(page: Any, root: str) -> list[dict]:
    """:data:`EXPLORER_STATE` on the page below ``root``."""
    return page.evaluate(EXPLORER_STATE, root)
