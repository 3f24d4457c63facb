"""Fixtures for the data-layer tests: a scratch copy of data/, a private cache, untouched originals.

Every test runs with ``CTE_CACHE_DIR`` pointing at its own temporary folder and with the
in-process validation cache emptied, so no test sees another's result; and every test fails
if a file in the real ``data/`` changed while it ran.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
#: The validation module.
V = importlib.import_module("helpers.data.validation")


def fingerprint(folder: Path) -> dict[str, str]:
    """sha256 of every file in ``folder``, keyed by file name."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty validation cache for this test (file cache and lru_cache)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CTE_CACHE_DIR", str(folder))
    V._validate_cached.cache_clear()
    yield folder
    V._validate_cached.cache_clear()


@pytest.fixture(autouse=True)
def originals_untouched():
    """Fail the test if any file in the real data/ changed while it ran."""
    before = fingerprint(DATA)
    yield
    assert fingerprint(DATA) == before, "a file in data/ was modified"


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A throw-away copy of data/ that a test may corrupt."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


#: The tables of the small package (a foreign key from sdg_targets to sdg_goals, and from both
#: to sources): enough for the cache tests, which do not depend on what the tables hold.
SMALL = ("sources", "sdg_goals", "sdg_targets")


@pytest.fixture()
def small_copy(tmp_path: Path) -> Path:
    """A valid package of three of the real tables (validates in a fraction of the time)."""
    target = tmp_path / "small"
    target.mkdir()
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in SMALL]
    (target / "datapackage.json").write_text(json.dumps(descriptor, indent=2),
                                             encoding="utf-8")
    for resource in descriptor["resources"]:
        shutil.copy(DATA / resource["path"], target / resource["path"])
    return target
