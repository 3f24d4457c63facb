"""JupyterLab in headless Chromium, as a student sees it.

For each notebook, after a plain Run All at 1024 px: no error output; every explorer chart is
drawn with traces (or the explicit empty state) and shows the title the kernel computed for
its default controls; no exercise says "Correct"; no two text boxes of any chart overlap; the
text that carries meaning is at least 11 px; each chart fills its cell (within 10 %); less
than 1 MB arrived over the kernel websocket. Then every control of every explorer is moved
once: the chart redraws with the expected title and keeps its axis types. Last, the page is
widened to 1920 px and the widths and overlaps are checked again. Screenshots go to
artifacts/browser/.
"""

from __future__ import annotations

import re

import pytest

from helpers import load_all
from helpers.i18n import _, speaking
from helpers.topics import registry
from tools import browser
from tools.browser import LAB_PANEL

from .conftest import ARTIFACTS, EDITIONS, EVERY_NOTEBOOK

pytestmark = pytest.mark.browser

#: The explorers of each notebook, in page order.
PAGE_EXPLORERS = {n: [e.name for e in registry.of_notebook(n)] for n in
                  {e.notebook for e in registry.EXPLORERS}}
CASES = registry.BY_NAME
MB = 1_000_000


def exercise_task(lang: str) -> str:
    """Words of the instruction under every exercise, as rendered (no code spans), in ``lang``."""
    from tools.notebooks import EXERCISE_TASK

    with speaking(lang):
        return _(EXERCISE_TASK).split("`...`", 1)[1][:30]


def not_answered(lang: str) -> str:
    """What an unanswered exercise prints first, in ``lang``."""
    with speaking(lang):
        return _("Not answered yet. {hint}").split("{hint}")[0].strip()


def check_charts(charts: list[dict], where: str) -> None:
    """What a person sees in every chart: data or the empty state, no overlap, readable,
    as wide as its cell."""
    for i, c in enumerate(charts):
        label = f"{where} chart {i} ({c['title'][:50]!r})"
        assert c["traces"] > 0 or c["empty"], f"{label}: no traces drawn"
        assert not c["overlaps"], f"{label}: overlapping text {c['overlaps'][:3]}"
        assert not c["small"], f"{label}: text under 11 px {c['small'][:3]}"
        assert abs(c["width"] - c["area"]) <= 0.1 * c["area"], \
            f"{label}: {c['width']} px wide in a {c['area']} px cell"


def expected_titles(name: str, tables: dict, state: dict | None = None,
                    lang: str = "en") -> list[str]:
    """The chart titles the kernel computes for an explorer (default or given controls), in
    the edition's language (``tables`` loaded in that language)."""
    with speaking(lang):
        explorer = CASES[name].build(tables)
        view = explorer.view(**{**explorer.state(), **(state or {})})
        return [f.layout.title.text for f in view.figures]


def move_each_control(page, tables: dict, index: int, name: str, shots: str,
                      lang: str) -> None:
    """Move every menu and button row of one explorer once; check title and axis types."""
    box = page.locator(f"{LAB_PANEL} .cte-explorer").nth(index)
    with speaking(lang):
        explorer = CASES[name].build(tables)
    default = expected_titles(name, tables, None, lang)
    for control_name, control in explorer.controls.items():
        if type(control).__name__ not in ("Dropdown", "ToggleButtons"):
            continue  # sliders: every value is covered by the kernel-side tests
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        home = values.index(explorer.state()[control_name])
        moved = 1 if home != 1 else 0  # another option than the default
        want = expected_titles(name, tables, {control_name: values[moved]}, lang)
        pick(box, explorer, control_name, moved)
        wait_titles(page, box, want, f"{name}: {control_name} redraws")
        charts = [c for c in browser.inspect(page, LAB_PANEL) if c["title"] in want]
        for c, axes in zip(charts, CASES[name].axes, strict=False):
            for axis, kind in axes.items():
                if not c["empty"]:
                    assert c["axes"].get(axis) == kind, f"{name}/{control_name}: {axis}"
        box.scroll_into_view_if_needed()
        box.screenshot(path=str(ARTIFACTS / f"{shots}-{name}-{control_name}.png"))
        pick(box, explorer, control_name, home)  # back to the designed state
        wait_titles(page, box, default, f"{name}: {control_name} back to its default")


def pick(box, explorer, control_name: str, position: int) -> None:
    """Choose option ``position`` of a menu or a button row, as a person would."""
    control = explorer.controls[control_name]
    if "ToggleButtons" in type(control).__name__:
        box.locator(".widget-toggle-buttons button").nth(position).click()
    else:
        number = list(explorer.controls).index(control_name)
        box.locator("select").nth(_select_index(explorer, number)).select_option(index=position)


TITLES = """box => [...box.querySelectorAll('.js-plotly-plot')].map(
    p => p._fullLayout && p.layout.title ? p.layout.title.text : null)"""


def wait_titles(page, box, want: list[str], what: str) -> None:
    """Wait until the explorer's charts carry the titles ``want``; on a timeout, say which
    titles they carry instead."""
    try:
        browser.wait_for(page, """([box, want]) => {
            const plots = [...box.querySelectorAll('.js-plotly-plot')];
            return plots.length === want.length && plots.every((p, i) => p._fullLayout
              && p.layout.title && p.layout.title.text === want[i]); }""",
                         [box.element_handle(), want], what)
    except TimeoutError as err:
        shown = page.evaluate(TITLES, box.element_handle())
        raise TimeoutError(f"{err}: wanted {want}, shown {shown}") from None


def _select_index(explorer, number: int) -> int:
    """Position of control ``number`` among the explorer's menus (<select> elements)."""
    kinds = [type(c).__name__ for c in explorer.controls.values()]
    return sum(1 for k in kinds[:number] if k == "Dropdown")


@pytest.fixture(scope="module")
def tables_in():
    return {lang: load_all(lang=lang) for lang in EDITIONS}


@pytest.mark.parametrize(("lang", "notebook"), EVERY_NOTEBOOK)
def test_what_a_student_sees_in_lab(lang, notebook, servers, chromium, tables_in):
    tables, lab = tables_in[lang], servers("lab", lang)
    page, watch = browser.new_page(chromium, 1024, 900)
    try:
        state = browser.open_in_lab(page, lab, notebook)
        assert state["errors"] == [], state["errors"]
        browser.wait_for(page, browser.EXPLORERS_DRAWN, LAB_PANEL, f"{notebook}: explorers")
        names = PAGE_EXPLORERS[notebook[:2]]
        boxes = browser.explorers(page, LAB_PANEL)
        assert len(boxes) == len(names)
        for box, name in zip(boxes, names, strict=True):
            assert box["titles"] == expected_titles(name, tables, lang=lang), \
                f"{name}: not its design"
        texts = " ".join(t for _, t in page.evaluate(browser.LAB_OUTPUT_TEXT))
        assert "✅" not in texts and "Correct" not in texts, "Run All printed Correct"
        assert len(re.findall(re.escape(not_answered(lang)), texts)) >= \
            (0 if notebook[:2] == "00" else 3)
        assert watch.ws_bytes < MB, f"{watch.ws_bytes} bytes over the kernel websocket"
        check_charts(browser.inspect(page, LAB_PANEL), f"{notebook} at 1024 px")
        for i, name in enumerate(names):
            move_each_control(page, tables, i, name, f"lab-{lang}-1024-{notebook[:2]}", lang)
        page.set_viewport_size({"width": 1920, "height": 1000})
        page.wait_for_timeout(600)  # Plotly's responsive resize is debounced (100 ms)
        check_charts(browser.inspect(page, LAB_PANEL), f"{notebook} at 1920 px")
        page.locator(f"{LAB_PANEL} .cte-explorer").first.screenshot(
            path=str(ARTIFACTS / f"lab-{lang}-1920-{notebook[:2]}.png"))
        assert not watch.outside, f"requests left the machine: {watch.outside[:3]}"
        assert not watch.dialogs
        browser.shutdown_lab_kernel(page)
    finally:
        page.close()


def test_the_french_edition_opens_with_a_french_interface(servers, chromium):
    """The language pack is installed and chosen: JupyterLab's own menus are in French."""
    lab = servers("lab", "fr")
    page, watch = browser.new_page(chromium)
    try:
        page.goto(f"{lab.url}/lab?reset&token={lab.token}", wait_until="domcontentloaded")
        browser.wait_for(page, "() => !!(window.jupyterapp && window.jupyterapp.started)")
        browser.wait_for(page, """() => [...document.querySelectorAll('.lm-MenuBar-itemLabel')]
            .map(e => e.textContent).includes('Fichier')""", None, "a French menu bar")
        menus = page.evaluate("""() => [...document.querySelectorAll('.lm-MenuBar-itemLabel')]
            .map(e => e.textContent)""")
        assert "File" not in menus and "Noyau" in menus, menus
        assert not watch.outside
    finally:
        page.close()


def test_lab_serves_the_extensions_it_needs_and_no_figure_widget(lab, chromium):
    page, watch = browser.new_page(chromium)
    try:
        page.goto(f"{lab.url}/lab?reset&token={lab.token}", wait_until="domcontentloaded")
        browser.wait_for(page, "() => !!(window.jupyterapp && window.jupyterapp.started)")
        found = page.evaluate("""() => JSON.parse(document.getElementById(
            'jupyter-config-data').textContent).federated_extensions.map(e => e.name)""")
        assert "@jupyter-widgets/jupyterlab-manager" in found and "jupyterlab-plotly" in found
        assert "anywidget" not in found, "the explorers do not need anywidget any more"
        assert not watch.outside
    finally:
        page.close()
