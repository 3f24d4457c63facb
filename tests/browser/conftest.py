"""Browser fixtures: Debian's Chromium through Playwright, JupyterLab and Voila on free
loopback ports (started exactly as the project starts them, through tools.browser).

Without Chromium the browser tests are skipped on a developer machine and fail in CI. Each
test module marks itself ``browser`` (run serially, in a phase of its own).
"""

from __future__ import annotations

import os

import pytest

from tools import browser

ARTIFACTS = browser.ROOT / "artifacts" / "browser"


@pytest.fixture(scope="session")
def chromium():
    if browser.find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Chromium for the browser tests (dev.py test installs it)")
        pytest.skip("Chromium not installed: browser tests not run")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with browser.chromium() as instance:
        yield instance


#: Each edition: its notebooks folder and the JupyterLab display language it opens in.
EDITIONS = {"en": (browser.ROOT / "notebooks", None),
            "fr": (browser.ROOT / "notebooks" / "fr", "fr_FR")}


def notebooks_of(lang: str) -> list[str]:
    """File names of the teaching notebooks of one edition."""
    return sorted(p.name for p in EDITIONS[lang][0].glob("[0-9][0-9]-*.ipynb"))


#: (language, notebook) of every notebook of every edition.
EVERY_NOTEBOOK = [(lang, name) for lang in EDITIONS for name in notebooks_of(lang)]


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    """JupyterLab and Voila per edition, started on first use and stopped at the end."""
    started: dict[tuple[str, str], browser.Server] = {}

    def get(kind: str, lang: str) -> browser.Server:
        if (kind, lang) not in started:
            folder, locale = EDITIONS[lang]
            work = tmp_path_factory.mktemp(f"{kind}-{lang}")
            started[kind, lang] = (browser.lab(work, folder, language=locale) if kind == "lab"
                                   else browser.voila(work, folder))
        return started[kind, lang]

    yield get
    for server in started.values():
        server.stop()


@pytest.fixture(scope="session")
def lab(servers):
    return servers("lab", "en")


@pytest.fixture(scope="session")
def voila(servers):
    return servers("voila", "en")
