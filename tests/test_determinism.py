"""Determinism: each notebook, executed twice from a clean kernel, stores the same outputs.

Each run is the scripted clean run behind the committed outputs (``run()`` in
scripts/execute_notebooks.py: in-memory copy, fresh ``python3`` kernel in notebooks/, widget
state not stored); the files are never written. Everything is compared (stream text, every
mimetype, errors, execution counts) except the two mimetypes that are random or
version-specific by design: Plotly figure JSON and widget views (model ids). Strict nbval
already compares one fresh run with the committed outputs, but not the cells it ignores
(``nbval-ignore-output``); this test covers those too.
"""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
PLOTLY_JSON = "application/vnd.plotly.v1+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
EXEMPT = frozenset({PLOTLY_JSON, WIDGET_VIEW})


def comparable_outputs(cell: dict) -> list[dict]:
    """A code cell's outputs, exempt mimetypes removed, consecutive same-stream text joined.

    Joining streams matters because the kernel may flush one ``print`` loop in one or in
    several messages; the text is what the notebook stores and shows.
    """
    found: list[dict] = []
    for output in copy.deepcopy([dict(o) for o in cell.get("outputs", [])]):
        for key in ("data", "metadata"):
            if key in output:
                output[key] = {k: v for k, v in dict(output[key]).items() if k not in EXEMPT}
        previous = found[-1] if found else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            previous["text"] = _text(previous["text"]) + _text(output["text"])
        else:
            found.append(output)
    return found


def _text(value: str | list[str]) -> str:
    """Notebook text fields may be a string or a list of lines."""
    return "".join(value) if isinstance(value, list) else value


def _short(value: object) -> str:
    """A value cut to one readable line for a difference report."""
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def output_differences(first: dict, second: dict) -> list[str]:
    """Every place where two executed copies of one notebook disagree (exempt mimetypes aside).

    Cells are named by their 0-based position in the notebook.
    """
    cells_a = [(i, c) for i, c in enumerate(first["cells"]) if c["cell_type"] == "code"]
    cells_b = [(i, c) for i, c in enumerate(second["cells"]) if c["cell_type"] == "code"]
    if [i for i, _ in cells_a] != [i for i, _ in cells_b]:
        return ["the notebooks do not have the same code cells"]
    found = []
    for (index, a), (_, b) in zip(cells_a, cells_b, strict=True):
        if a.get("execution_count") != b.get("execution_count"):
            found.append(f"cell {index}: execution_count {a.get('execution_count')} != "
                         f"{b.get('execution_count')}")
        outs_a, outs_b = comparable_outputs(a), comparable_outputs(b)
        if len(outs_a) != len(outs_b):
            found.append(f"cell {index}: {len(outs_a)} outputs != {len(outs_b)}")
            continue
        for number, (x, y) in enumerate(zip(outs_a, outs_b, strict=True)):
            found += _output_differences(f"cell {index}, output {number}", x, y)
    return found


def _output_differences(where: str, x: dict, y: dict) -> list[str]:
    """Differences between two outputs, per field and, inside data/metadata, per mimetype."""
    found = []
    for key in sorted(set(x) | set(y)):
        if key in ("data", "metadata") and isinstance(x.get(key), dict):
            inner_x, inner_y = x.get(key) or {}, y.get(key) or {}
            for mime in sorted(set(inner_x) | set(inner_y)):
                if inner_x.get(mime) != inner_y.get(mime):
                    found.append(f"{where}, {key} {mime}: {_short(inner_x.get(mime))} != "
                                 f"{_short(inner_y.get(mime))}")
        elif x.get(key) != y.get(key):
            found.append(f"{where}, {key}: {_short(x.get(key))} != {_short(y.get(key))}")
    return found


# --- the comparison catches what it should and ignores only the exempt mimetypes ---


def executed(*cells_outputs: list[dict], count: int = 1) -> dict:
    """A small 'executed' notebook: a markdown cell, then one code cell per output list."""
    cells = [new_markdown_cell("# title")]
    for offset, outputs in enumerate(cells_outputs):
        cells.append(new_code_cell("x", execution_count=count + offset, outputs=outputs))
    return new_notebook(cells=cells)


def display(data: dict, **kw) -> dict:
    return new_output("display_data", data=data, **kw)


def stream(text: str, name: str = "stdout") -> dict:
    return new_output("stream", name=name, text=text)


def test_identical_runs_have_no_differences():
    nb = executed([stream("a\n"), display({"text/plain": "1"})])
    assert output_differences(nb, copy.deepcopy(nb)) == []


def test_a_changed_text_plain_output_is_reported_with_its_cell():
    a = executed([display({"text/plain": "3 rows"})])
    b = executed([display({"text/plain": "4 rows"})])
    assert output_differences(a, b) == ["cell 1, output 0, data text/plain: '3 rows' != '4 rows'"]


def test_changed_stream_html_error_and_count_are_reported():
    a = executed([stream("x\n")], [display({"text/html": "<b>1</b>"})],
                 [new_output("error", ename="KeyError", evalue="'a'", traceback=["t"])])
    b = executed([stream("y\n")], [display({"text/html": "<b>2</b>"})],
                 [new_output("error", ename="KeyError", evalue="'b'", traceback=["t"])],
                 count=2)
    found = output_differences(a, b)
    assert [d.split(":")[0] for d in found] == [
        "cell 1", "cell 1, output 0, text", "cell 2", "cell 2, output 0, data text/html",
        "cell 3", "cell 3, output 0, evalue"], found


def test_a_missing_output_or_stream_name_change_is_reported():
    a = executed([stream("x\n"), stream("w\n", name="stderr")])
    assert output_differences(a, executed([stream("x\n")])) == ["cell 1: 2 outputs != 1"]
    b = executed([stream("x\n"), stream("w\n", name="stdout")])
    assert output_differences(a, b) == ["cell 1: 2 outputs != 1"]


def test_plotly_json_and_widget_views_are_ignored_but_their_text_plain_is_not():
    a = executed([display({PLOTLY_JSON: {"data": [1]}, WIDGET_VIEW: {"model_id": "aa"},
                           "text/plain": "Figure"}, metadata={PLOTLY_JSON: {"k": 1}})])
    b = executed([display({PLOTLY_JSON: {"data": [2]}, WIDGET_VIEW: {"model_id": "bb"},
                           "text/plain": "Figure"}, metadata={PLOTLY_JSON: {"k": 2}})])
    assert output_differences(a, b) == []
    b.cells[1].outputs[0].data["text/plain"] = "VBox()"
    assert output_differences(a, b) == [
        "cell 1, output 0, data text/plain: 'Figure' != 'VBox()'"]


def test_stream_text_split_differently_is_the_same_text():
    a = executed([stream("one\ntwo\n")])
    b = executed([stream("one\n"), stream("two\n")])
    assert output_differences(a, b) == []


# --- the real notebooks ---


@pytest.fixture(scope="module")
def runner():
    """scripts/execute_notebooks.py, imported from its file (scripts/ is not a package)."""
    path = ROOT / "scripts" / "execute_notebooks.py"
    spec = importlib.util.spec_from_file_location("execute_notebooks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_two_clean_runs_store_the_same_outputs(path: Path, runner):
    before = path.read_bytes()
    first, second = runner.run(path), runner.run(path)
    code = [c for c in first.cells if c.cell_type == "code"]
    assert code and all(c.execution_count is not None for c in code), "not every cell ran"
    assert output_differences(first, second) == []
    assert path.read_bytes() == before, "the committed notebook was modified"
    nbformat.validate(first)


def test_the_runner_catches_a_random_output_and_runs_in_the_notebook_folder(tmp_path, runner):
    path = tmp_path / "random.ipynb"
    cell = "import os, uuid\nprint(os.getcwd())\nprint(uuid.uuid4())"
    nbformat.write(new_notebook(cells=[new_code_cell(cell)]), path)
    first, second = runner.run(path), runner.run(path)
    lines = _text(first.cells[0].outputs[0]["text"]).splitlines()
    assert Path(lines[0]) == tmp_path
    found = output_differences(first, second)
    assert len(found) == 1 and found[0].startswith("cell 0, output 0, text:"), found
