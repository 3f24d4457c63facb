"""Text from the CSVs is escaped wherever it reaches a screen. A copy of data/ gets script,
``onerror`` and ``javascript:`` payloads in fields the notebooks show (a milestone title, a
quote, a claim, a source title); in Lab and in Voila each payload must appear as literal text,
no script may run, no dialog open, no link or image be created from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, rows_of, write_rows
from tools import browser

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

P_SCRIPT = "<script>window.__pwned=1</script>"
P_IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
P_LINK = '<a href="javascript:window.__pwned=1">click</a>'
NOTEBOOKS = ["03-road-to-a-treaty.ipynb", "05-voices-rights-debate.ipynb",
             "06-fact-check-the-article.ipynb"]


def poison(data: Path) -> dict[str, str]:
    """Put the payloads into the copy; return the exact text each page must show."""
    shown = {}
    milestones = rows_of(data / "milestones.csv")
    first = min(milestones, key=lambda r: (r["start_date"], r["milestone_id"]))
    first["title"] = shown["milestone"] = f"Earliest step {P_LINK} {P_IMG}"
    write_rows(data / "milestones.csv", milestones)
    quotes = rows_of(data / "quotes.csv")
    quote = min((r for r in quotes if r["form"] == "verbatim"),
                key=lambda r: (r["date"], r["quote_id"]))
    quote["speaker"] = shown["speaker"] = f"Ada Tester {P_LINK}"
    quote["text"] = shown["quote"] = f"Words {P_SCRIPT} and {P_IMG}"
    write_rows(data / "quotes.csv", quotes)
    claims = rows_of(data / "claims.csv")
    claim = next(r for r in claims if r["order"] == "1")
    claim["evidence"] = shown["evidence"] = f"Evidence {P_SCRIPT} {P_LINK}"
    write_rows(data / "claims.csv", claims)
    sources = rows_of(data / "sources.csv")
    source = next(r for r in sources if r["source_id"] == claim["source_id"])
    source["title"] = shown["source"] = f"Report {P_IMG}"
    write_rows(data / "sources.csv", sources)
    return shown


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    data = tmp_path_factory.mktemp("poisoned") / "data"
    shutil.copytree(DATA, data)
    shown = poison(data)
    from helpers import load_all

    tables = load_all(data)  # the payloads pass validation, else nobody would see them
    assert shown["quote"] in set(tables["quotes"]["text"])
    return data, shown


@pytest.fixture(scope="module")
def servers(tmp_path_factory, poisoned):
    data, _ = poisoned
    lab = browser.lab(tmp_path_factory.mktemp("lab-poisoned"), data_dir=data)
    voila = browser.voila(tmp_path_factory.mktemp("voila-poisoned"), data_dir=data)
    yield {"lab": lab, "voila": voila}
    lab.stop()
    voila.stop()


def text_of(page, selector: str) -> str:
    """textContent of every match, non-breaking spaces as spaces."""
    return "\n".join(page.locator(selector).all_text_contents()).replace("\u00a0", " ")


def expect_literal(page, root: str, notebook: str, shown: dict[str, str]) -> None:
    """Bring each poisoned row on screen (through the explorer) and find it as plain text."""
    box = page.locator(f"{root} .cte-explorer").first
    if notebook.startswith("03"):
        assert shown["milestone"] in text_of(page, f"{root} .cte-explorer")
    elif notebook.startswith("05"):
        box.locator("select").first.select_option(label=shown["speaker"])
        browser.wait_for(page, "([b, t]) => b.textContent.includes(t)",
                         [box.element_handle(), shown["quote"]], "the poisoned quote shows")
        assert shown["speaker"] in text_of(page, f"{root} .cte-explorer .widget-html")
        ticks = "".join(text_of(page, f"{root} .cte-explorer .ytick").split())
        assert "".join(shown["speaker"].split()) in ticks  # wrapped at spaces on the axis
    else:
        assert shown["evidence"] in text_of(page, f"{root} .cte-explorer .widget-html")
        assert shown["source"] in text_of(page, f"{root} .cte-explorer .widget-html")
    data = box.evaluate("b => [...b.querySelectorAll('.js-plotly-plot')].map("
                        "p => JSON.stringify(p.data)).join(' ')")
    raw = [m for m in ("<a ", "<img ", "<script") if m in data]
    assert not raw, f"raw markup from the data in the figure: {raw}"


def assert_inert(page, watch: browser.Watch, where: str) -> None:
    """The payloads did not run: no flag, no dialog, no link or image from the data."""
    assert page.evaluate("() => typeof window.__pwned") == "undefined", f"{where}: script ran"
    assert not watch.dialogs, f"{where}: a dialog opened: {watch.dialogs}"
    links = page.evaluate("""() => [...document.querySelectorAll('a')].filter(a =>
        a.textContent === 'click' || /^\\s*javascript:/i.test(
            a.getAttribute('href') || a.getAttribute('xlink:href') || '')).length""")
    assert links == 0, f"{where}: a link from the data was created"
    assert not [u for u in watch.requests if u.rstrip("/").endswith("/x")], f"{where}: <img>"
    assert not watch.outside, f"{where}: requests left the machine: {watch.outside[:3]}"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
@pytest.mark.parametrize("where", ["lab", "voila"])
def test_payloads_show_as_text_and_never_run(where, notebook, servers, poisoned, chromium):
    _, shown = poisoned
    page, watch = browser.new_page(chromium)
    try:
        if where == "lab":
            errors, root = browser.open_in_lab(page, servers["lab"], notebook)["errors"], \
                browser.LAB_PANEL
        else:
            errors, root = browser.open_in_voila(page, servers["voila"], notebook), "body"
        assert errors == [], errors
        browser.wait_for(page, browser.EXPLORERS_DRAWN, root, f"{notebook}: explorers")
        expect_literal(page, root, notebook, shown)
        page.screenshot(path=str(ARTIFACTS / f"inject-{where}-{notebook[:2]}.png"))
        assert_inert(page, watch, f"{where} {notebook}")
        if where == "lab":
            browser.shutdown_lab_kernel(page)
    finally:
        page.close()
