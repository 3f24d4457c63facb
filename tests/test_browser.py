"""Real-browser tests: the notebooks in JupyterLab and as Voila dashboards, offline and safe.

Runs Debian's Chromium through Playwright against servers started here, on free loopback
ports, each with its own Jupyter/IPython folders, stopped by their own PID at the end.

- JupyterLab (random token): every notebook runs top to bottom without an error or stderr
  output, draws its Plotly charts, and a control of its first explorer changes that
  explorer's figure (read from the plot element: title, trace count, x/y data).
- Voila, started exactly like ``python3 dev.py present`` (scripts/present.py): the same
  checks on each dashboard.
- Injection: a copy of data/ with script, ``onerror`` and ``javascript:`` payloads in text
  fields the notebooks show. The payload must appear as literal text and never run.
- No request may leave 127.0.0.1 (no CDN), in Lab and in Voila.

Every wait is for a state (kernel connected and idle, cells executed, plot drawn, figure
changed), never a fixed sleep. A screenshot per page goes to artifacts/browser/.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .browser_support import ARGS, require_chromium
from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SHOTS = ROOT / "artifacts" / "browser"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
LONG = 120_000  # ms: an upper bound for one state to be reached on a busy 2-core machine

pytestmark = pytest.mark.browser

CHROMIUM = require_chromium()


def _load_present():
    """scripts/present.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("present", ROOT / "scripts" / "present.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


present = _load_present()

# --- payloads (each after a normal word, so the spreadsheet-formula guard accepts them) ----

P_SCRIPT = "<script>window.__pwned=1</script>"
P_IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
P_LINK = '<a href="javascript:window.__pwned=1">click</a>'
#: The notebooks that show the poisoned fields (see poison()).
INJECT_NOTEBOOKS = ["03-road-to-a-treaty.ipynb", "05-voices-rights-debate.ipynb",
                    "06-fact-check-the-article.ipynb"]


# --- servers ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def isolated_env(home: Path, data_dir: Path | None = None) -> dict[str, str]:
    """os.environ with private Jupyter config/runtime/data and IPython folders under ``home``.

    Lab extensions (widgets, plotly, anywidget) and the lab settings overrides live in the
    venv's share/jupyter, which Jupyter searches whatever JUPYTER_DATA_DIR says
    (test_lab_finds_the_extensions checks that they are loaded).
    """
    env = dict(os.environ)
    for name, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                      ("JUPYTER_DATA_DIR", "data"), ("IPYTHONDIR", "ipython")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / sub)
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env.pop("CTE_DATA_DIR", None)
    if data_dir is not None:
        env["CTE_DATA_DIR"] = str(data_dir)
    return env


def start(cmd: list[str], env: dict[str, str], cwd: Path, probe: str,
          log: Path) -> subprocess.Popen:
    """Start a server and wait until ``probe`` answers HTTP 200 (or the process dies)."""
    out = log.open("wb")
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + LONG / 1000
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{cmd[2]} exited with {proc.returncode}; log: {log}", pytrace=False)
        try:
            with urllib.request.urlopen(probe, timeout=5) as reply:
                if reply.status == 200:
                    return proc
        except (OSError, urllib.error.URLError):
            # not listening yet: block on the process for a moment instead of sleeping
            try:
                proc.wait(timeout=0.25)
            except subprocess.TimeoutExpired:
                pass
    stop(proc)
    pytest.fail(f"{cmd[2]} did not answer {probe}; log: {log}", pytrace=False)


def stop(proc: subprocess.Popen) -> None:
    """Stop one server by its own PID: terminate, wait, kill if it does not go."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


def copy_notebooks(target: Path) -> Path:
    target.mkdir(parents=True)
    for nb in NOTEBOOKS:
        shutil.copy2(nb, target / nb.name)
    return target


def lab_server(work: Path, data_dir: Path | None = None):
    """Start JupyterLab with a random token on a copy of the notebooks; yield (url, token)."""
    notebooks = copy_notebooks(work / "notebooks")
    port, token = free_port(), secrets.token_urlsafe(24)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
           "--ip=127.0.0.1", f"--IdentityProvider.token={token}", "--ServerApp.password=",
           f"--ServerApp.root_dir={notebooks}", "--allow-root", "--LabApp.news_url=None",
           "--LabApp.expose_app_in_browser=True", "--ServerApp.port_retries=0"]
    url = f"http://127.0.0.1:{port}"
    proc = start(cmd, isolated_env(work / "home", data_dir), notebooks,
                 f"{url}/api/status?token={token}", work / "lab.log")
    return proc, url, token


def voila_server(work: Path, data_dir: Path | None = None):
    """Start Voila the way scripts/present.py does, on a copy of the notebooks."""
    notebooks = copy_notebooks(work / "notebooks")
    port = free_port()
    cmd = present.voila_command(None, port, folder=notebooks)
    env = present.voila_env(isolated_env(work / "home", data_dir))
    url = f"http://127.0.0.1:{port}"
    proc = start(cmd, env, notebooks, f"{url}/", work / "voila.log")
    return proc, url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    proc, url, token = lab_server(tmp_path_factory.mktemp("lab"))
    yield url, token
    stop(proc)


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    proc, url = voila_server(tmp_path_factory.mktemp("voila"))
    yield url
    stop(proc)


# --- pages --------------------------------------------------------------------------------


class Watch:
    """Everything a page did that the tests forbid: remote requests, dialogs, console text."""

    def __init__(self, page) -> None:
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.requests: list[str] = []
        page.on("request", self._request)
        page.on("dialog", self._dialog)
        page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))

    def _request(self, request) -> None:
        self.requests.append(request.url)
        if not request.url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:",
                                       "blob:http://127.0.0.1:")):
            self.outside.append(request.url)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def new_page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    return page, Watch(page)


def explorer(page, root: str):
    """The first explorer: the outermost widget box that holds a Plotly chart."""
    return page.locator(f"{root} .widget-vbox:has(.js-plotly-plot)").first


def shot(page, name: str, focus=None) -> None:
    """Screenshot to artifacts/browser/NAME.png, with ``focus`` (a locator) in view."""
    if focus is not None:
        focus.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def wait_for(page, script: str, arg: object = None, what: str = "", timeout: int = LONG):
    """Wait for a JS predicate; on timeout fail with ``what`` and a screenshot."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        return page.wait_for_function(script, arg=arg, timeout=timeout, polling=200)
    except PlaywrightTimeout:
        name = "timeout-" + "".join(c if c.isalnum() else "-" for c in what)[:60]
        shot(page, name)
        pytest.fail(f"timed out waiting until {what} (screenshot {name}.png)", pytrace=False)


# JupyterLab: state read from window.jupyterapp (--LabApp.expose_app_in_browser=True)
LAB_KERNEL_READY = """name => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.context || !w.context.path.endsWith(name) || !w.content || !w.content.model) {
    return false;
  }
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return !!(w.context.isReady && k && k.connectionStatus === 'connected' && k.status === 'idle'
            && w.content.widgets.length > 0);
}"""

#: Clear every output and execution count, then start Run All; return how many code cells
#: still had an execution count after clearing (must be 0, or "all executed" proves nothing).
LAB_RUN_ALL = """async () => {
  const app = window.jupyterapp;
  await app.commands.execute('notebook:clear-all-cell-outputs');
  const cells = app.shell.currentWidget.content.model.cells;
  let stale = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type === 'code' && cell.executionCount !== null) stale++;
  }
  app.commands.execute('notebook:run-all-cells');  // not awaited: waited for below
  return stale;
}"""

#: Cells done (every code cell has an execution count, kernel idle) or an error output.
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

#: At least one Plotly chart finished drawing and the first explorer's chart too.
DRAWN = """root => {
  const el = document.querySelector(root);
  if (!el) return false;
  const plots = [...el.querySelectorAll('.js-plotly-plot')];
  const explorer = el.querySelector('.widget-vbox .js-plotly-plot');
  return plots.some(p => p._fullLayout) && !!(explorer && explorer._fullLayout);
}"""

#: What the explorer's figures show: title, trace count and data points of each plot.
FIGURE_STATE = """box => JSON.stringify([...box.querySelectorAll('.js-plotly-plot')].map(p => {
  const t = p.layout && p.layout.title;
  return [t && (t.text !== undefined ? t.text : t), (p.data || []).length,
          (p.data || []).map(d => [d.x, d.y, d.ids, d.link && d.link.color])];
}))"""


def open_in_lab(page, lab: tuple[str, str], name: str) -> dict:
    """Open a notebook with ?reset, run all cells once the kernel is ready; return errors."""
    url, token = lab
    page.goto(f"{url}/lab/tree/{name}?reset&token={token}", wait_until="domcontentloaded")
    wait_for(page, LAB_KERNEL_READY, name, f"{name} is open with its kernel connected and idle")
    assert page.evaluate(LAB_RUN_ALL) == 0, "execution counts survived Clear All Outputs"
    state = wait_for(page, LAB_RUN_STATE, None, f"{name} ran every cell").json_value()
    return state


def shutdown_lab_kernel(page) -> None:
    """Free the kernel of the current notebook (kernels live until the server stops)."""
    page.evaluate("""async () => { const w = window.jupyterapp.shell.currentWidget;
                     if (w && w.sessionContext) await w.sessionContext.shutdown(); }""")


def voila_errors(page) -> list[str]:
    """Error and stderr outputs of the executed dashboard (Voila embeds every output as JSON)."""
    return page.evaluate("""() => {
      const bad = [];
      for (const s of document.querySelectorAll(
          'script[type="application/vnd.voila.cell-output+json"]')) {
        const out = JSON.parse(s.textContent);
        if (out.output_type === 'error' || (out.output_type === 'stream' && out.name === 'stderr'))
          bad.push(out.ename ? `${out.ename}: ${out.evalue}` : String(out.text));
      }
      const shown = '[data-mime-type="application/vnd.jupyter.stderr"], '
                    + '[data-mime-type="application/vnd.jupyter.error"]';
      for (const e of document.querySelectorAll(shown))
        bad.push(e.textContent.slice(0, 300));
      return bad;
    }""")


def open_in_voila(page, voila: str, name: str) -> list[str]:
    """Render a dashboard, wait until Voila finished and the charts are drawn; return errors."""
    page.goto(f"{voila}/voila/render/{name}", wait_until="domcontentloaded", timeout=LONG)
    wait_for(page, """() => { const c = document.querySelector('#rendered_cells');
                      return !!c && c.style.display !== 'none'
                             && document.querySelectorAll('[cell-index]').length > 0; }""",
             None, f"Voila finished executing {name}")
    # widget messages go through this kernel connection: wait until it is live and idle
    wait_for(page, """() => { const m = window.jupyterapp && window.jupyterapp.widgetManager;
                      const k = m && m.kernel;
                      return !!(k && k.connectionStatus === 'connected'
                                && k.status === 'idle'); }""",
             None, f"the widget manager of {name} is connected to an idle kernel")
    return voila_errors(page)


def change_explorer(page, root: str) -> None:
    """Change the first control of the first explorer; wait until its figure changes."""
    box = explorer(page, root)
    before = box.evaluate(FIGURE_STATE)
    select = box.locator("select")
    if select.count():
        control = select.first
        values = control.evaluate("e => Array.from(e.options).map(o => o.value)")
        current = control.evaluate("e => e.value")
        control.select_option(next(v for v in values if v != current))
    else:
        box.locator(".widget-toggle-buttons button:not(.mod-active)").first.click()
    handle = box.element_handle()
    wait_for(page, f"([box, before]) => ({FIGURE_STATE})(box) !== before", [handle, before],
             "the explorer's figure changed after its control changed")


# --- JupyterLab ---------------------------------------------------------------------------


def test_lab_finds_the_extensions(lab, browser):
    """The isolated Jupyter folders still find the venv's widgets/plotly/anywidget extensions."""
    page, watch = new_page(browser)
    try:
        url, token = lab
        page.goto(f"{url}/lab?reset&token={token}", wait_until="domcontentloaded")
        wait_for(page, "() => !!(window.jupyterapp && window.jupyterapp.started)", None,
                 "JupyterLab started")
        found = page.evaluate("""() => JSON.parse(document.getElementById(
            'jupyter-config-data').textContent).federated_extensions.map(e => e.name)""")
        for name in ("@jupyter-widgets/jupyterlab-manager", "jupyterlab-plotly", "anywidget"):
            assert name in found, f"lab extension {name} not found by the server"
        plugins = page.evaluate("() => window.jupyterapp.listPlugins()")
        assert any(p.startswith("@jupyter-widgets/jupyterlab-manager") for p in plugins)
        assert not watch.outside, f"requests left localhost: {watch.outside[:5]}"
    finally:
        page.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_lab_notebook_runs_draws_and_explorer_responds(lab, browser, notebook):
    page, watch = new_page(browser)
    try:
        state = open_in_lab(page, lab, notebook.name)
        assert state["errors"] == [], f"error or stderr output: {state['errors']}"
        wait_for(page, DRAWN, PANEL, f"{notebook.name}: a chart and the explorer are drawn")
        change_explorer(page, PANEL)
        shot(page, f"lab-{notebook.stem}", explorer(page, PANEL))
        assert not watch.outside, f"requests left localhost: {watch.outside[:5]}"
        assert not watch.dialogs, f"a dialog opened: {watch.dialogs}"
        shutdown_lab_kernel(page)
    finally:
        page.close()


# --- Voila (presentation mode) ------------------------------------------------------------


def test_voila_notebook_list_is_offline(voila, browser):
    page, watch = new_page(browser)
    try:
        page.goto(f"{voila}/", wait_until="domcontentloaded")
        names = [nb.name for nb in NOTEBOOKS]
        wait_for(page, "names => names.every(n => document.body.innerText.includes(n))", names,
                 "the Voila notebook list names every notebook")
        shot(page, "voila-tree")
        assert not watch.outside, f"requests left localhost: {watch.outside[:5]}"
    finally:
        page.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_voila_dashboard_runs_draws_and_explorer_responds(voila, browser, notebook):
    page, watch = new_page(browser)
    try:
        errors = open_in_voila(page, voila, notebook.name)
        assert errors == [], f"error or stderr output: {errors}"
        code = "from helpers import"  # the first code cell of every notebook
        assert code in notebook.read_text(encoding="utf-8")
        assert code not in page.inner_text("body"), "code is shown (strip_sources)"
        wait_for(page, DRAWN, "body", f"{notebook.name}: a chart and the explorer are drawn")
        change_explorer(page, "body")
        shot(page, f"voila-{notebook.stem}", explorer(page, "body"))
        assert not watch.outside, f"requests left localhost: {watch.outside[:5]}"
        assert not watch.dialogs, f"a dialog opened: {watch.dialogs}"
    finally:
        page.close()


# --- injection ----------------------------------------------------------------------------


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def poison(data: Path) -> dict[str, str]:
    """Put the payloads into the copy at ``data``; return the strings each page must show.

    - milestones: the first row of the timeline (03's explorer names it: "first: TITLE") and
      the IGF 2019 row (05 prints its title); a description too (no notebook shows it);
    - quotes: the first verbatim quote: speaker, event and words (05's explorer);
    - claims: claim 2 and its evidence (06's explorer card);
    - sources: the title of claim 2's source (06's card and the notebooks' source lists).
    """
    shown: dict[str, str] = {}
    milestones = _rows(data / "milestones.csv")
    first = min(milestones, key=lambda r: (r["start_date"], r["milestone_id"]))
    first["title"] = shown["milestone_title"] = f"Earliest step {P_LINK} {P_IMG}"
    first["description"] = f"Described {P_SCRIPT}"
    for row in milestones:
        if row["milestone_id"] == "igf_2019_berlin":
            row["title"] = shown["igf_title"] = f"Berlin forum {P_SCRIPT}"
    _write(data / "milestones.csv", milestones)

    quotes = _rows(data / "quotes.csv")
    quote = min((r for r in quotes if r["form"] == "verbatim"),
                key=lambda r: (r["date"], r["quote_id"]))
    quote["speaker"] = shown["speaker"] = f"Ada Tester {P_LINK} {P_IMG}"
    quote["event"] = shown["event"] = f"Hearing {P_LINK}"
    quote["text"] = shown["quote"] = f"Words {P_SCRIPT} and {P_LINK}"
    _write(data / "quotes.csv", quotes)

    claims = _rows(data / "claims.csv")
    claim = next(r for r in claims if r["order"] == "2")
    claim["claim"] = shown["claim"] = f"Claim {P_IMG}"
    claim["evidence"] = shown["evidence"] = f"Evidence {P_SCRIPT} {P_LINK}"
    shown["claim_id"] = claim["claim_id"]
    _write(data / "claims.csv", claims)

    sources = _rows(data / "sources.csv")
    source = next(r for r in sources if r["source_id"] == claim["source_id"])
    source["title"] = shown["source_title"] = f"Report {P_LINK} {P_IMG}"
    _write(data / "sources.csv", sources)
    return shown


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    data = tmp_path_factory.mktemp("poisoned") / "data"
    shutil.copytree(ROOT / "data", data)
    shown = poison(data)
    from helpers import load_all

    load_all(data)  # the payloads pass validation (else the notebooks could not show them)
    return data, shown


@pytest.fixture(scope="module")
def lab_poisoned(tmp_path_factory, poisoned):
    proc, url, token = lab_server(tmp_path_factory.mktemp("lab-poisoned"), poisoned[0])
    yield url, token
    stop(proc)


@pytest.fixture(scope="module")
def voila_poisoned(tmp_path_factory, poisoned):
    proc, url = voila_server(tmp_path_factory.mktemp("voila-poisoned"), poisoned[0])
    yield url
    stop(proc)


def text_of(page, selector: str) -> str:
    """textContent of every match (non-breaking spaces as spaces)."""
    return "\n".join(page.locator(selector).all_text_contents()).replace("\u00a0", " ")


def assert_plot_data_escaped(box, where: str) -> None:
    """The explorer's figure data holds the payload markup HTML-escaped (Plotly then shows it
    as typed) and never raw (Plotly would render an <a> from the data as a link)."""
    data = box.evaluate("b => [...b.querySelectorAll('.js-plotly-plot')].map("
                        "p => JSON.stringify(p.data)).join(' ')")
    # wrap() may break a payload's words across lines (<br>): look for the tags' starts
    assert "&lt;a" in data and "&lt;img" in data, f"{where}: payload not in the figure"
    raw = [m for m in ("<a", "<img", "<script") if m in data]
    assert not raw, f"{where}: raw markup from the data in the figure: {raw}"


def show_payload_rows(page, root: str, notebook: str, shown: dict[str, str]) -> list[tuple]:
    """Use the explorer so the poisoned row is on screen; return (where, selector, text)."""
    box = explorer(page, root)
    card, label = f"{root} .widget-html", f"{root} .widget-label"
    if notebook.startswith("03"):
        assert_plot_data_escaped(box, "timeline hover text")
        return [("timeline summary label", label, shown["milestone_title"])]
    if notebook.startswith("05"):
        speaker = box.locator("select").first
        speaker.select_option(label=shown["speaker"])
        wait_for(page, "([sel, who]) => [...document.querySelectorAll(sel)].some("
                 "e => e.textContent.includes(who))", [card, shown["quote"]],
                 "the quotes list shows the poisoned quote")
        assert_plot_data_escaped(box, "quote timeline (speaker axis, hover)")
        return [("quote list (HTML widget): speaker", card, shown["speaker"]),
                ("quote list (HTML widget): event", card, shown["event"]),
                ("quote list (HTML widget): words", card, shown["quote"]),
                ("quote timeline y axis (Plotly)", f"{root} .js-plotly-plot .ytick",
                 shown["speaker"]),
                ("printed milestone title", root, shown["igf_title"])]
    claim = box.locator("select").first
    # ipywidgets shows option labels as text with non-breaking spaces
    value = claim.evaluate("(e, text) => [...e.options].find(o => o.textContent"
                           ".replace(/\\u00a0/g, ' ').includes(text)).value", shown["claim"])
    claim.select_option(value)
    wait_for(page, "([sel, text]) => [...document.querySelectorAll(sel)].some("
             "e => e.textContent.includes(text))", [card, shown["evidence"]],
             "the claim card shows the poisoned claim")
    return [("claim card (HTML widget): claim", card, shown["claim"]),
            ("claim card (HTML widget): evidence", card, shown["evidence"]),
            ("claim card (HTML widget): source title", card, shown["source_title"]),
            ("claim dropdown option", f"{root} select", shown["claim"]),
            ("printed source list", root, shown["source_title"])]


def assert_inert(page, watch: Watch, where: str) -> None:
    """The payloads did not run: no flag, no dialog, no console output, no request for 'x'."""
    assert page.evaluate("() => typeof window.__pwned") == "undefined", f"{where}: script ran"
    assert not watch.dialogs, f"{where}: a dialog opened: {watch.dialogs}"
    noisy = [m for m in watch.console if "pwned" in m or "alert" in m]
    assert not noisy, f"{where}: console shows the payload: {noisy}"
    links = page.evaluate("""() => [...document.querySelectorAll('a')].filter(a =>
        a.textContent === 'click' || /^\\s*javascript:/i.test(
            a.getAttribute('href') || a.getAttribute('xlink:href') || '')).length""")
    assert links == 0, f"{where}: a link from the data was created ({links})"
    img = [u for u in watch.requests if u.rstrip("/").endswith("/x")]
    assert not img, f"{where}: an <img> from the data was created: {img}"
    assert not watch.outside, f"{where}: requests left localhost: {watch.outside[:5]}"


@pytest.mark.parametrize("notebook", INJECT_NOTEBOOKS)
@pytest.mark.parametrize("server", ["lab", "voila"])
def test_injected_text_is_shown_literally_and_never_runs(server, notebook, browser, poisoned,
                                                         request):
    _, shown = poisoned
    page, watch = new_page(browser)
    try:
        if server == "lab":
            state = open_in_lab(page, request.getfixturevalue("lab_poisoned"), notebook)
            errors, root = state["errors"], PANEL
        else:
            errors = open_in_voila(page, request.getfixturevalue("voila_poisoned"), notebook)
            root = "body"
        assert errors == [], f"error or stderr output: {errors}"
        wait_for(page, DRAWN, root, f"{notebook}: a chart and the explorer are drawn")
        for where, selector, payload in show_payload_rows(page, root, notebook, shown):
            assert payload in text_of(page, selector), f"{where}: {payload!r} not shown as text"
        shot(page, f"inject-{server}-{Path(notebook).stem}", explorer(page, root))
        assert_inert(page, watch, f"{server} {notebook}")
        if server == "lab":
            shutdown_lab_kernel(page)
    finally:
        page.close()


def test_payloads_pass_validation_and_reach_the_tables(poisoned):
    """Guard for the test itself: the loader keeps the payloads unchanged."""
    data, shown = poisoned
    from helpers import load_all

    tables = load_all(data)
    assert shown["quote"] in set(tables["quotes"]["text"])
    assert shown["evidence"] in set(tables["claims"]["evidence"])
    assert shown["source_title"] in set(tables["sources"]["title"])
