"""Notebook hygiene: the teaching skeleton and the rules that keep strict nbval honest."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SKELETON = ["Overview", "Learning objectives", "Prerequisites", "Time to learn", "Imports",
            "Summary", "What next", "Sources"]
PLOTLY_JSON = "application/vnd.plotly.v1+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
ABSOLUTE = re.compile(r"(/root/|/home/|/tmp/|/work/|/Users/|[A-Z]:\\\\)")
INLINE_PLOTLY = re.compile(r"(plotly\.js v\d|window\.PlotlyConfig|cdn\.plot\.ly)")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def text(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def headings(nb: dict, level: int) -> list[str]:
    found = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in text(cell).splitlines():
                if re.match(rf"^{'#' * level} \S", line):
                    found.append(line[level + 1:].strip())
    return found


def test_at_least_seven_numbered_notebooks():
    assert len(NOTEBOOKS) >= 7, [p.name for p in NOTEBOOKS]
    numbers = [p.name[:2] for p in NOTEBOOKS]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
class TestNotebook:
    def test_exactly_one_title(self, path):
        assert len(headings(load(path), 1)) == 1

    def test_skeleton_headings_in_order(self, path):
        found = headings(load(path), 2) + headings(load(path), 3)
        positions = []
        for wanted in SKELETON:
            hits = [i for i, h in enumerate(headings(load(path), 2)) if h.startswith(wanted)]
            assert hits, f"missing '## {wanted}' heading; have {found}"
            positions.append(hits[0])
        assert positions == sorted(positions), "skeleton headings are out of order"

    def test_kernelspec_python3(self, path):
        assert load(path)["metadata"]["kernelspec"]["name"] == "python3"

    def test_no_widget_state(self, path):
        assert "widgets" not in load(path)["metadata"]

    def test_no_inline_plotly_js_or_cdn(self, path):
        assert not INLINE_PLOTLY.search(path.read_text(encoding="utf-8"))

    def test_no_absolute_paths(self, path):
        raw = path.read_text(encoding="utf-8")
        assert not ABSOLUTE.search(raw), ABSOLUTE.search(raw).group(0)

    def test_execution_counts_run_in_order(self, path):
        counts = [c["execution_count"] for c in code_cells(load(path))]
        assert counts == list(range(1, len(counts) + 1)), counts

    def test_under_200_kb(self, path):
        assert path.stat().st_size < 200 * 1024

    def test_no_errors_in_outputs(self, path):
        for cell in code_cells(load(path)):
            for out in cell["outputs"]:
                assert out["output_type"] != "error", text(cell)[:80]
                assert out.get("name") != "stderr", (text(cell)[:80], out.get("text"))

    def test_has_a_figure_widget_explorer(self, path):
        views = [c for c in code_cells(load(path))
                 if any(WIDGET_VIEW in o.get("data", {}) for o in c["outputs"])]
        assert views, "no widget explorer output"
        assert any("explore" in text(c) or "Explorer" in text(c) for c in views)

    def test_static_figure_before_first_widget(self, path):
        cells = code_cells(load(path))
        first_fig = next((i for i, c in enumerate(cells)
                          if any(PLOTLY_JSON in o.get("data", {}) for o in c["outputs"])), None)
        first_widget = next(i for i, c in enumerate(cells)
                            if any(WIDGET_VIEW in o.get("data", {}) for o in c["outputs"]))
        assert first_fig is not None and first_fig < first_widget

    def test_ignored_cells_hold_only_charts_or_widgets(self, path):
        """Cells exempt from nbval may show figures and widgets, never checked numbers."""
        for cell in code_cells(load(path)):
            if "nbval-ignore-output" not in tags(cell):
                continue
            for out in cell["outputs"]:
                kinds = set(out.get("data", {})) - {"text/plain"}
                assert out["output_type"] in ("display_data", "execute_result"), text(cell)[:80]
                assert kinds and kinds <= {PLOTLY_JSON, WIDGET_VIEW}, (text(cell)[:80], kinds)

    def test_every_chart_and_widget_cell_is_ignored_and_followed_by_a_summary(self, path):
        cells = code_cells(load(path))
        for i, cell in enumerate(cells):
            volatile = any({PLOTLY_JSON, WIDGET_VIEW} & set(o.get("data", {}))
                           for o in cell["outputs"])
            if not volatile:
                continue
            assert "nbval-ignore-output" in tags(cell), text(cell)[:80]
            nxt = cells[i + 1] if i + 1 < len(cells) else None
            assert nxt is not None and "nbval-ignore-output" not in tags(nxt), text(cell)[:80]
            printed = "".join("".join(o.get("text", "")) for o in nxt["outputs"]
                              if o["output_type"] == "stream")
            printed += "".join("".join(o.get("data", {}).get("text/plain", ""))
                               for o in nxt["outputs"] if o["output_type"] != "stream")
            assert printed.strip(), f"no checked text summary after: {text(cell)[:80]}"

    def test_code_cells_are_short(self, path):
        for cell in code_cells(load(path)):
            assert len(text(cell).splitlines()) <= 15, text(cell)[:80]

    def test_no_plotly_renderer_override(self, path):
        for cell in code_cells(load(path)):
            assert "renderers.default" not in text(cell)


CONTENT = [p for p in NOTEBOOKS if not p.name.startswith("00")]
CHECK_CALL = re.compile(r'exercises\.check\("([\w-]+)", answer, tables\)')


def printed(cell: dict) -> str:
    """Everything a code cell printed or returned as text."""
    out = "".join("".join(o.get("text", "")) for o in cell["outputs"]
                  if o["output_type"] == "stream")
    return out + "".join("".join(o.get("data", {}).get("text/plain", ""))
                         for o in cell["outputs"] if o["output_type"] != "stream")


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.name)
def test_exercise_checks_itself_and_hides_its_solution(path):
    cells = code_cells(load(path))
    solutions = [c for c in cells if "solution" in tags(c)]
    assert 2 <= len(solutions) <= 4, f"{len(solutions)} exercises; want 2 to 4"
    for cell in solutions:
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True, text(cell)[:80]
        assert {"solution", "hide-cell"} <= tags(cell), text(cell)[:80]
        out = printed(cell)
        assert "✅" in out and "🔁" not in out, (text(cell)[:80], out)
        assert CHECK_CALL.search(text(cell)), f"solution does not call the check: {text(cell)[:80]}"


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.name)
def test_each_exercise_has_prompt_learner_cell_and_solution_in_registry_order(path):
    from helpers import exercises

    nb = load(path)
    registered = [e.exercise_id for e in exercises.for_notebook(path.name[:2])]
    solved = [CHECK_CALL.search(text(c)).group(1) for c in code_cells(nb) if "solution" in tags(c)]
    assert solved == registered, "solution cells and helpers.exercises disagree"
    cells = nb["cells"]
    for ex_id in registered:
        entry = exercises.EXERCISES[ex_id]
        calls = [i for i, c in enumerate(cells) if c["cell_type"] == "code"
                 and f'exercises.check("{ex_id}"' in text(c)]
        assert len(calls) == 2, f"{ex_id}: want one learner cell and one solution"
        learner, solution = (cells[i] for i in calls)
        assert "solution" not in tags(learner) and "solution" in tags(solution)
        assert "🔁 Not answered yet" in printed(learner), ex_id
        prompt = cells[calls[0] - 1]
        assert prompt["cell_type"] == "markdown", ex_id
        heading = text(prompt).splitlines()[0]
        assert exercises.KINDS[entry.kind] in heading, (ex_id, heading)
        assert f"{entry.minutes} minutes" in heading, (ex_id, heading)
        assert f"`{ex_id}`" in text(prompt), ex_id


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.name)
def test_every_kind_of_exercise_and_at_least_one_quiz(path):
    from helpers import exercises, quiz

    kinds = {e.kind for e in exercises.for_notebook(path.name[:2])}
    assert kinds == set(exercises.KINDS), f"missing kinds: {set(exercises.KINDS) - kinds}"
    quizzes = quiz.for_notebook(path.name[:2])
    assert quizzes, "no quiz"
    cells = code_cells(load(path))
    for q in quizzes:
        widget = [i for i, c in enumerate(cells) if text(c).strip() == f'quiz.quiz("{q.quiz_id}")']
        assert len(widget) == 1, q.quiz_id
        assert "nbval-ignore-output" in tags(cells[widget[0]])
        assert q.quiz_id in printed(cells[widget[0] + 1]) and "✅" in printed(cells[widget[0] + 1])


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.name)
def test_time_to_learn_splits_teaching_exercises_and_quizzes(path):
    from helpers.checks import NOTEBOOK_MAP
    from helpers.plan import minutes_by_notebook

    total = {r["file"]: r["minutes"] for r in NOTEBOOK_MAP}[path.name]
    section = next(text(c) for c in load(path)["cells"] if c["cell_type"] == "markdown"
                   and text(c).lstrip().startswith("## Time to learn"))
    teach = int(re.search(r"(\d+) minutes of teaching", section).group(1))
    ex_min = int(re.search(r"(\d+) minutes for the \w+ exercises", section).group(1))
    quiz_min = int(re.search(r"(\d+) minutes for the (?:\w+ )?quiz", section).group(1))
    assert (ex_min, quiz_min) == minutes_by_notebook()[path.name[:2]]
    assert teach + ex_min + quiz_min == total


def test_notebook_map_lists_exactly_the_notebooks_with_their_titles():
    from helpers.checks import NOTEBOOK_MAP

    assert [r["file"] for r in NOTEBOOK_MAP] == [p.name for p in NOTEBOOKS]
    assert [r["title"] for r in NOTEBOOK_MAP] == [headings(load(p), 1)[0] for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_time_to_learn_matches_the_map_and_readme(path):
    from helpers.checks import NOTEBOOK_MAP

    minutes = {r["file"]: r["minutes"] for r in NOTEBOOK_MAP}[path.name]
    cells = [text(c) for c in load(path)["cells"] if c["cell_type"] == "markdown"]
    section = next(c for c in cells if c.lstrip().startswith("## Time to learn"))
    stated = int(re.search(r"(\d+)\s*minutes", section).group(1))
    assert stated == minutes, f"Time to learn says {stated}, the map says {minutes}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\| `{re.escape(path.name)}` \| {minutes} \|", readme), "README table"
