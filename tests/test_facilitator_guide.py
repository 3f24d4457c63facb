"""docs/FACILITATOR.md agrees with the registries, the notebook map, the data and real errors."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from helpers import exercises, plan, quiz
from helpers.checks import NOTEBOOK_MAP

from .conftest import ROOT
from .test_own_words import copied_runs

GUIDE = ROOT / "docs" / "FACILITATOR.md"
TEXT = GUIDE.read_text(encoding="utf-8")
ALL_IDS = set(exercises.EXERCISES) | set(quiz.QUIZZES)
MINUTES = {**{i: e.minutes for i, e in exercises.EXERCISES.items()},
           **{i: q.minutes for i, q in quiz.QUIZZES.items()}}
NOTEBOOK_OF = {**{i: e.notebook for i, e in exercises.EXERCISES.items()},
               **{i: q.notebook for i, q in quiz.QUIZZES.items()}}


def section(heading: str) -> str:
    """The text of one '## ' section of the guide."""
    parts = re.split(r"^## ", TEXT, flags=re.M)
    return next(p for p in parts if p.startswith(heading))


def plan_rows(heading: str) -> list[dict]:
    """The rows of the plan table in one section, as dicts keyed by the header."""
    lines = [ln for ln in section(heading).splitlines() if ln.startswith("| ")]
    header = [h.strip() for h in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[1:]:
        if set(line) <= set("|- "):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def ids(cell: str) -> list[str]:
    return re.findall(r"`([\w.-]+)`", cell)


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def test_activity_table_is_generated_from_the_registries():
    assert plan.guide_block(TEXT) == plan.activity_table()
    for activity_id in ALL_IDS:
        assert f"`{activity_id}`" in plan.guide_block(TEXT)


@pytest.mark.parametrize("heading, total", [("The 3-hour plan", 180),
                                            ("The 90-minute cut", 90)])
def test_plan_adds_up(heading, total):
    rows = plan_rows(heading)
    assert sum(int(r["Minutes"]) for r in rows) == total
    clock = 0
    book_minutes = {r["file"]: r["minutes"] for r in NOTEBOOK_MAP}
    for r in rows:
        assert minutes(r["Start"]) == clock, r["Block"]
        clock += int(r["Minutes"])
        in_class, extension = ids(r["In class"]), ids(r["Extension"])
        assert set(in_class + extension) <= ALL_IDS, r["Block"]
        used = sum(MINUTES[i] for i in in_class)
        if r["Block"] == "Break":
            assert not in_class and not extension and r["Walk-through"] == "0"
            continue
        assert int(r["Walk-through"]) + int(r["Discussion"]) + used == int(r["Minutes"]), r
        notebook = ids(r["Notebook"])
        if notebook:  # a notebook block: activities of that notebook, no longer than self-paced
            (name,) = notebook
            assert all(NOTEBOOK_OF[i] == name[:2] for i in in_class + extension), r["Block"]
            assert int(r["Minutes"]) <= book_minutes[name], r["Block"]
        else:
            assert not in_class and not extension
    assert any(r["Block"] == "Break" for r in rows)


def test_three_hour_plan_places_every_activity_once():
    placed = [i for r in plan_rows("The 3-hour plan") for i in ids(r["In class"]) +
              ids(r["Extension"])]
    assert sorted(placed) == sorted(ALL_IDS)
    covered = {ids(r["Notebook"])[0] for r in plan_rows("The 3-hour plan") if ids(r["Notebook"])}
    assert covered == {r["file"] for r in NOTEBOOK_MAP}


@pytest.mark.parametrize("command", [
    "python3 dev.py lab", "python3 dev.py test", "conda env create -f environment.yml",
    "jupyter lab", "python3 dev.py present", "make present", "python3 dev.py site", "make site",
    "site/index.html", "Binder", "python3 dev.py notebooks", "git checkout -- notebooks/",
    "Restart Kernel and Clear Outputs",
])
def test_guide_names_the_setup_and_reset_commands(command):
    assert command in TEXT


def test_commands_named_exist():
    dev = (ROOT / "dev.py").read_text(encoding="utf-8")
    for name in ("lab", "test", "notebooks", "present", "site"):
        assert f'"{name}": cmd_{name}' in dev
    assert "name: cybercrime-treaty-explorer" in (ROOT / "environment.yml").read_text()


def test_discussion_prompts_point_at_real_rows(tables):
    prompts = section("Discussion prompts")
    concern_ids = set(re.findall(r"`(c_[a-z0-9_]+)`", prompts))
    quote_ids = set(re.findall(r"`(q_[a-z0-9_]+)`", prompts))
    assert len(concern_ids) >= 4 and len(quote_ids) >= 2
    assert concern_ids <= set(tables["concerns"]["concern_id"])
    assert quote_ids <= set(tables["quotes"]["quote_id"])
    forms = tables["quotes"].set_index("quote_id")["form"].astype(str)
    assert forms["q_guterres_igf2019"] == "reported_speech"  # prompt 6 says so


def test_guide_is_in_our_own_words():
    assert not copied_runs(TEXT), copied_runs(TEXT)[:1]


def test_quoted_validation_error_is_what_the_loader_says(data_copy, originals_untouched):
    from helpers import DataValidationError, load_all

    path = data_copy / "milestones.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, ln in enumerate(lines) if ln.startswith("ahc_session_2,"))
    end = re.search(r"(\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2})", lines[row]).group(2)
    lines[row] = lines[row].replace(end, end[:8] + "31", 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_all(data_copy)
    quoted = re.search(r"row \d+, column end_date: type-error: [^`]+", TEXT).group(0)
    assert quoted in str(err.value)
    assert "1 problem(s) in" in TEXT and "1 problem(s) in" in str(err.value)


def test_quoted_import_error_is_what_python_says():
    result = subprocess.run([sys.executable, "-S", "-I", "-c", "from helpers import checks"],
                            cwd=ROOT / "notebooks", capture_output=True, text=True)
    message = result.stderr.strip().splitlines()[-1]
    assert message == "ModuleNotFoundError: No module named 'helpers'"
    assert f"`{message}`" in TEXT


def test_quoted_old_python_message_is_what_dev_py_prints():
    dev = (ROOT / "dev.py").read_text(encoding="utf-8")
    assert 'print("Python 3.11 or newer is needed; this is "' in dev
    assert "`Python 3.11 or newer is needed; this is 3." in TEXT
