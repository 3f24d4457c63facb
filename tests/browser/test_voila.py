"""Presentation mode (Voila, started exactly as ``python3 dev.py present`` starts it): every
dashboard runs, shows no code and no exercise, draws its explorers with their designed titles,
responds to a control, keeps its text apart and readable, and loads nothing from the internet.
"""

from __future__ import annotations

import pytest

from helpers import load_all
from tools import browser

from .conftest import ARTIFACTS
from .test_lab import NOTEBOOKS, PAGE_EXPLORERS, check_charts, expected_titles

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tables():
    return load_all()


def test_the_notebook_list_is_offline(voila, chromium):
    page, watch = browser.new_page(chromium)
    try:
        page.goto(f"{voila.url}/", wait_until="domcontentloaded")
        browser.wait_for(page, "names => names.every(n => document.body.innerText.includes(n))",
                         NOTEBOOKS, "the list names every notebook")
        assert not watch.outside, watch.outside[:3]
    finally:
        page.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_dashboard(notebook, voila, chromium, tables):
    page, watch = browser.new_page(chromium, 1024, 900)
    try:
        errors = browser.open_in_voila(page, voila, notebook)
        assert errors == [], errors
        body = page.inner_text("body")
        assert "from helpers import" not in body, "code is shown"
        assert "Not answered yet" not in body and "Replace `...`" not in body, \
            "presentation mode shows an exercise"
        browser.wait_for(page, browser.EXPLORERS_DRAWN, "body", f"{notebook}: explorers")
        names = PAGE_EXPLORERS[notebook[:2]]
        for box, name in zip(browser.explorers(page, "body"), names, strict=True):
            assert box["titles"] == expected_titles(name, tables)
        check_charts(browser.inspect(page, "body"), f"Voila {notebook}")
        first = page.locator(".cte-explorer").first
        menu = first.locator("select, .widget-toggle-buttons button")
        before = browser.explorers(page, "body")[0]["titles"]
        if first.locator("select").count():
            first.locator("select").first.select_option(index=1)
        else:
            first.locator(".widget-toggle-buttons button").nth(1).click()
        assert menu.count() > 0
        browser.wait_for(page, """([box, before]) => [...box.querySelectorAll('.js-plotly-plot')]
            .some(p => p._fullLayout && p.layout.title.text !== before[0])""",
                         [first.element_handle(), before], f"{notebook}: the explorer responds")
        first.screenshot(path=str(ARTIFACTS / f"voila-{notebook[:2]}.png"))
        assert not watch.outside, f"requests left the machine: {watch.outside[:3]}"
        assert not watch.dialogs
    finally:
        page.close()
