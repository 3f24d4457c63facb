"""Shared fixtures: paths, a fingerprint of data/, and a scratch copy of the data package.

Also refuses to start a session that should be offline (CTE_BLOCK_NETWORK=1) but is not.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def pytest_configure(config):
    """Keep the validation cache of this session out of the home folder, and with
    CTE_BLOCK_NETWORK=1 stop unless this process has the offline guard installed."""
    if "CTE_CACHE_DIR" not in os.environ:
        import tempfile

        os.environ["CTE_CACHE_DIR"] = tempfile.mkdtemp(prefix="cte-test-cache-")
    guard = sys.modules.get("cte_network_guard")
    if os.environ.get("CTE_BLOCK_NETWORK") == "1" and not (guard and guard.installed()):
        raise pytest.UsageError(
            "CTE_BLOCK_NETWORK=1 but the offline network guard is not installed in this "
            f"process: put {ROOT / 'tests' / 'offline'} first on PYTHONPATH "
            "(python3 dev.py test does both)")


def rows_of(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file as dicts of raw text (no typing, nothing dropped)."""
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    """Write rows back as the project writes its CSVs (header first, LF line ends)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def fingerprint(folder: Path) -> dict[str, str]:
    """sha256 of every file in ``folder``, keyed by file name."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="session")
def tables():
    from helpers import load_all

    return load_all()


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A throw-away copy of data/ that a test may corrupt."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture()
def originals_untouched():
    """Fail the test if any file in the real data/ changed while it ran."""
    before = fingerprint(DATA)
    yield
    assert fingerprint(DATA) == before, "a file in data/ was modified"
