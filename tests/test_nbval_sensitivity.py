"""Strict nbval must notice a changed fact: one milestone date changed in a temp copy fails it.

A control run on an unchanged copy must pass, so the failure is caused by the date alone.
The loader reads the copy because CTE_DATA_DIR is set for the kernel nbval starts.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "03-road-to-a-treaty.ipynb"


def run_nbval(data_dir) -> subprocess.CompletedProcess:
    env = {**os.environ, "CTE_DATA_DIR": str(data_dir)}
    env.pop("PYTEST_XDIST_WORKER", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-q",
         "-p", "no:xdist", str(NOTEBOOK)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def shift_first_session(data_dir) -> str:
    path = data_dir / "milestones.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    row = next(r for r in rows[1:] if r[0] == "ahc_session_1")
    old = row[header.index("start_date")]
    row[header.index("start_date")] = old[:8] + ("01" if old[8:] != "01" else "02")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return old


@pytest.mark.usefixtures("originals_untouched")
def test_changed_milestone_date_fails_strict_nbval(data_copy):
    control = run_nbval(data_copy)
    assert control.returncode == 0, control.stdout[-3000:]
    shift_first_session(data_copy)
    changed = run_nbval(data_copy)
    assert changed.returncode != 0, "nbval passed although a milestone date changed"
    assert "mismatch" in changed.stdout.lower() or "differ" in changed.stdout.lower(), \
        changed.stdout[-3000:]
