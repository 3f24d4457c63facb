"""The committed notebooks: built from their sources, one teaching skeleton, outputs that a
learner can trust, exercises that say "Not answered yet" under Run All, and solutions that
pass their check when run after their exercise (in a real kernel)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.explorer import PLOTLY_MIME, WIDGET_MIME
from helpers.teaching import exercises
from tests.conftest import DATA, ROOT
from tools import NOTEBOOK_GLOB
from tools import notebooks as build

BOOKS = sorted(p for p in (ROOT / "notebooks").rglob(NOTEBOOK_GLOB) if "src" not in p.parts)
SKELETON = ["Overview", "Learning objectives", "Prerequisites", "Time to learn", "Imports"]
CLOSING = ["Summary", "What next", "Sources"]
IDS = {"ids": lambda p: str(p.relative_to(ROOT / "notebooks"))}


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def headings(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """(level, text) of every Markdown heading, in order."""
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found += [(len(m.group(1)), m.group(2).strip())
                      for m in re.finditer(r"^(#{1,3}) (.+)$", cell.source, flags=re.M)]
    return found


def test_every_notebook_is_what_its_source_builds():
    assert build.stale() == [], "run python3 dev.py notebooks"


def test_a_changed_source_is_reported(tmp_path, monkeypatch):
    """Guard for the staleness check: edit a source and it notices."""
    src = tmp_path / "src"
    shutil.copytree(build.SOURCES, src)
    path = src / "03-road-to-a-treaty.md"
    path.write_text(path.read_text().replace("The road to a treaty", "A road", 1))
    monkeypatch.setattr(build, "SOURCES", src)
    assert any("03-road-to-a-treaty" in s for s in build.stale())


@pytest.mark.parametrize("path", BOOKS, **IDS)
def test_one_teaching_skeleton(path):
    found = headings(read(path))
    assert found[0][0] == 1 and sum(1 for level, _ in found if level == 1) == 1
    seconds = [text for level, text in found if level == 2]
    from helpers.i18n import _, set_language

    set_language(read(path).metadata["cte"]["language"])
    try:
        # each heading is a block of its own in the catalogue, "## " included
        want_open, want_close = ([_(f"## {h}")[3:] for h in names] for names in (SKELETON,
                                                                                   CLOSING))
    finally:
        set_language("en")
    assert seconds[:5] == want_open and seconds[-3:] == want_close
    body = seconds[5:-3]
    assert body, "no teaching sections"
    for title in body:  # section headings state a takeaway, not a topic
        assert len(title.split()) >= 5, f"heading is a topic, not a takeaway: {title!r}"


@pytest.mark.parametrize("path", BOOKS, **IDS)
def test_clean_committed_notebook(path):
    nb = read(path)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb.metadata, "saved widget state"
    # A cap, not a measurement (benchmarks/ measures weight): an embedded plotly.js (3.5 MB) or
    # saved widget state would break it; 04 carries two offline maps of about 55 KB each.
    assert path.stat().st_size < 256_000
    text = path.read_text(encoding="utf-8")
    assert "plotly.min.js" not in text and "cdn.plot.ly" not in text
    for leak in ("/root/", "/home/", "/tmp/", "C:\\\\"):
        assert leak not in text, f"a local path leaked: {leak}"
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "not one clean run top to bottom"
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert WIDGET_MIME not in out.get("data", {}), "a widget view points at no kernel"
            assert out.get("output_type") != "error"
            assert not (out.get("output_type") == "stream" and out.get("name") == "stderr")


@pytest.mark.parametrize("path", BOOKS, **IDS)
def test_text_a_learner_reads(path):
    """No raw dict printouts, no test scaffolding, no nbval markers in the code."""
    nb = read(path)
    for cell in nb.cells:
        assert "NBVAL" not in cell.source
        for out in cell.get("outputs", []):
            text = out.get("text", "") + out.get("data", {}).get("text/plain", "")
            assert not re.search(r"\{'\w+': ", text), f"a raw dict printout: {text[:80]}"
            assert "answer key" not in text and "grades ✅" not in text


@pytest.mark.parametrize("path", BOOKS, **IDS)
def test_every_explorer_follows_a_static_figure(path):
    nb = read(path)
    seen_figure = False
    for cell in nb.cells:
        plots = [o for o in cell.get("outputs", []) if PLOTLY_MIME in o.get("data", {})]
        seen_figure = seen_figure or bool(plots)
        if "explorer" in cell.metadata.get("tags", []):
            assert seen_figure, f"explorer without a static figure before it: {cell.source}"
            text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
            assert "Explorer" in text or "Explorateur" in text


@pytest.mark.parametrize("path", BOOKS, **IDS)
def test_run_all_says_not_answered_and_never_correct(path):
    """The stored outputs are a plain Run All: no exercise shows ✅, the answer is not there."""
    nb = read(path)
    learners = [c for c in nb.cells if c.cell_type == "code"
                and "exercise" in c.metadata.get("tags", [])]
    number = read(path).metadata["cte"]["source"][4:6]
    assert len(learners) == len(exercises.for_notebook(number))
    for cell in learners:
        text = "".join(o.get("text", "") for o in cell.outputs)
        assert text.startswith("🔁") and "✅" not in text
    for cell in nb.cells:
        if "solution" in cell.metadata.get("tags", []):
            assert cell.cell_type == "markdown" and cell.source.startswith("<details>")
            assert "\n\n" not in cell.source, "a blank line unfolds the solution in Lab"


def with_solutions(path: Path) -> tuple[nbformat.NotebookNode, list[int]]:
    """The notebook with each exercise's solution inserted after its learner cell."""
    nb = read(path)
    cells, marks = [], []
    for cell in nb.cells:
        cells.append(cell)
        if cell.cell_type == "code" and "exercise" in cell.metadata.get("tags", []):
            exercise_id = re.search(r'check\("([^"]+)"', cell.source).group(1)
            entry = exercises.EXERCISES[exercise_id]
            code = f'{entry.solution}\nprint(exercises.check("{exercise_id}", answer, tables))'
            cells.append(nbformat.v4.new_code_cell(code))
            marks.append(len(cells) - 1)
    nb.cells = cells
    return nb, marks


ENGLISH = [p for p in BOOKS if p.parent.name == "notebooks"]


@pytest.mark.parametrize("path", [p for p in ENGLISH if p.name[:2] != "00"], **IDS)
def test_each_solution_passes_after_its_exercise_in_a_kernel(path):
    from nbclient import NotebookClient

    nb, marks = with_solutions(path)
    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for index in marks:
        text = "".join(o.get("text", "") for o in nb.cells[index].outputs)
        assert text.startswith("✅ Correct."), f"cell {index}: {text[:120]}"


def test_strict_nbval_fails_when_a_date_changes(tmp_path):
    """The committed outputs are a real check: move one milestone and nbval fails."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    rows = (data / "milestones.csv").read_text(encoding="utf-8")
    changed = rows.replace("ahc_concluding_session,Concluding session,negotiating_session,"
                           "Ad Hoc Committee,2024-01-29,2024-02-09",
                           "ahc_concluding_session,Concluding session,negotiating_session,"
                           "Ad Hoc Committee,2024-01-29,2024-02-10")
    assert changed != rows
    (data / "milestones.csv").write_text(changed, encoding="utf-8")
    target = tmp_path / "03.ipynb"
    shutil.copy(ROOT / "notebooks" / "03-road-to-a-treaty.ipynb", target)
    env = {**__import__("os").environ, "CTE_DATA_DIR": str(data),
           "CTE_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                           "--nbval", "--nbval-current-env", str(target)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0 and "mismatch" in done.stdout.lower() + done.stderr.lower()
