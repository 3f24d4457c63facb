"""The offline site in a real browser: every page opened over file:// in headless Chromium
draws all its Plotly charts with the local plotly.js, raises no error and requests nothing but
local files. Screenshots go to artifacts/site/ (git-ignored)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser_support import ARGS, require_chromium
from .conftest import ROOT
from .site_support import build_module, parse_page

SHOTS = ROOT / "artifacts" / "site"
LOCAL = ("file://", "data:", "blob:")
ALL_DRAWN = ("() => Array.from(document.querySelectorAll('.site-chart'))"
             ".every(el => !!el._fullLayout && !!el.querySelector('.main-svg'))")

pytestmark = pytest.mark.browser

CHROMIUM = require_chromium()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site, built once for this module through the command's build function."""
    out = tmp_path_factory.mktemp("site") / "site"
    build_module().build_site(out, log=lambda *_: None)
    return out


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def site_pages() -> list[str]:
    """Page names: the index, then one per committed notebook."""
    names = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    return ["index", *names]


@pytest.mark.parametrize("name", site_pages())
def test_page_draws_every_chart_offline(site, browser, name):
    path = site / f"{name}.html"
    assert path.is_file(), f"no page {path.name}"
    expected = len(parse_page(path).chart_ids)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests, errors, failed = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    try:
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function(ALL_DRAWN, timeout=60_000, polling=100)
        drawn = page.eval_on_selector_all(".js-plotly-plot", "els => els.length")
        assert drawn == expected, f"{drawn} charts drawn, {expected} chart divs in the page"
        assert page.eval_on_selector_all(
            ".js-plotly-plot", "els => els.every(el => !!el._fullLayout)")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    finally:
        page.close()
    remote = [url for url in requests if not url.startswith(LOCAL)]
    assert not remote, f"{name} requested {remote[:5]}"
    assert not failed, f"{name}: requests failed {failed[:5]}"
    assert not errors, f"{name}: page errors {errors[:3]}"
    if name != "index":
        assert any(url.endswith("/plotly.min.js") for url in requests)


def test_index_links_open_the_pages(site, browser):
    page = browser.new_page()
    try:
        page.goto((site / "index.html").as_uri(), wait_until="load")
        hrefs = page.eval_on_selector_all(".site-toc a", "els => els.map(a => a.href)")
        assert hrefs, "the index lists no notebooks"
        page.click(".site-toc a >> nth=0")
        page.wait_for_url(hrefs[0])
        assert page.locator(".site-nav a[href='index.html']").count() == 1
    finally:
        page.close()
