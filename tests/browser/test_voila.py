"""Presentation mode (Voila, started exactly as ``python3 dev.py present`` starts it): every
dashboard runs, shows no code and no exercise, draws its explorers with their designed titles,
responds to a control, keeps its text apart and readable, and loads nothing from the internet.
"""

from __future__ import annotations

import pytest

from helpers import load_all
from tools import browser

from .conftest import ARTIFACTS, EDITIONS, EVERY_NOTEBOOK, notebooks_of
from .test_lab import PAGE_EXPLORERS, check_charts, exercise_task, expected_titles, not_answered

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tables_in():
    return {lang: load_all(lang=lang) for lang in EDITIONS}


@pytest.mark.parametrize("lang", list(EDITIONS))
def test_the_notebook_list_is_offline(lang, servers, chromium):
    voila = servers("voila", lang)
    page, watch = browser.new_page(chromium)
    try:
        page.goto(f"{voila.url}/", wait_until="domcontentloaded")
        browser.wait_for(page, "names => names.every(n => document.body.innerText.includes(n))",
                         notebooks_of(lang), "the list names every notebook")
        assert not watch.outside, watch.outside[:3]
    finally:
        page.close()


@pytest.mark.parametrize(("lang", "notebook"), EVERY_NOTEBOOK)
def test_dashboard(lang, notebook, servers, chromium, tables_in):
    voila, tables = servers("voila", lang), tables_in[lang]
    page, watch = browser.new_page(chromium, 1024, 900)
    try:
        errors = browser.open_in_voila(page, voila, notebook)
        assert errors == [], errors
        body = page.inner_text("body")
        assert "from helpers import" not in body, "code is shown"
        assert not_answered(lang) not in body and exercise_task(lang) not in body, \
            "presentation mode shows an exercise"
        browser.wait_for(page, browser.EXPLORERS_DRAWN, "body", f"{notebook}: explorers")
        names = PAGE_EXPLORERS[notebook[:2]]
        for box, name in zip(browser.explorers(page, "body"), names, strict=True):
            assert box["titles"] == expected_titles(name, tables, lang=lang)
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
        first.screenshot(path=str(ARTIFACTS / f"voila-{lang}-{notebook[:2]}.png"))
        assert not watch.outside, f"requests left the machine: {watch.outside[:3]}"
        assert not watch.dialogs
    finally:
        page.close()
