"""What every real-browser test module needs: Debian's Chromium, its flags, and one rule for
when it is missing (skip on a developer machine, fail in CI)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def find_chromium() -> str | None:
    """Path of the system Chromium (Playwright drives it through executable_path), or None."""
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def require_chromium() -> str:
    """The Chromium path; skips the calling module without one, or fails it when CI is set.

    Call at module level: pytest turns the skip into a skip of the whole module.
    """
    path = find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Chromium for the browser tests (dev.py test installs it)",
                        pytrace=False)
        pytest.skip("Chromium not installed: browser tests not run", allow_module_level=True)
    return path
