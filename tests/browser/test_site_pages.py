"""The offline site of each edition in headless Chromium over file://: every chart draws with
the local plotly.js, a quiz answers in the page in the edition's language, no error and no
request beyond the files."""

from __future__ import annotations

import pytest

from helpers.i18n import _, speaking
from tests.site.test_site import EDITIONS, sites  # noqa: F401 - the session's sites
from tools import browser

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser
LOCAL = ("file://", "data:", "blob:")


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_page_draws_and_quizzes_answer(sites, lang, chromium):  # noqa: F811
    built = sites(lang)
    with speaking(lang):
        pick = _("Pick an option first, then press Check.")
    for path in sorted(built.out.glob("*.html")):
        page, watch = browser.new_page(chromium, 1100, 900)
        errors: list[str] = []
        page.on("pageerror", lambda err, errors=errors: errors.append(str(err)))
        try:
            page.goto(path.as_uri())
            browser.wait_for(page, """() => [...document.querySelectorAll('.site-chart')]
                .every(el => !!el._fullLayout && !!el.querySelector('.main-svg'))""",
                             None, f"{path.name}: every chart drawn")
            quizzes = page.locator(".cte-quiz-static")
            if quizzes.count():
                quiz = quizzes.first
                quiz.locator(".cte-quiz-check").click()
                assert pick in quiz.locator(".cte-quiz-feedback").text_content()
                quiz.locator("input").first.check()
                quiz.locator(".cte-quiz-check").click()
                assert quiz.locator(".cte-quiz-feedback").text_content()[:1] in ("✅", "🔁")
            breaks = page.evaluate("""() => [...document.querySelectorAll(
                '.jp-OutputArea-output pre')].map(e => getComputedStyle(e).wordBreak)""")
            assert "break-all" not in breaks, f"{path.name}: text lines break inside words"
            page.screenshot(path=str(ARTIFACTS / f"site-{lang}-{path.stem}.png"))
            assert not errors, errors
            assert all(u.startswith(LOCAL) for u in watch.requests), watch.requests[:3]
        finally:
            page.close()
