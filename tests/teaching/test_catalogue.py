"""The catalogue and the plan: minutes computed once, plans that fill their time, and the
generated tables of the README and the facilitator guide in step with them."""

from __future__ import annotations

import pytest

from helpers.teaching import catalogue, envcheck, exercises, plan, quiz


def test_minutes_are_teaching_plus_activities():
    for nb in catalogue.NOTEBOOKS:
        ex = sum(e.minutes for e in exercises.for_notebook(nb.number))
        qz = sum(q.minutes for q in quiz.for_notebook(nb.number))
        assert nb.minutes() == nb.teaching + ex + qz
        assert str(nb.minutes()) in catalogue.time_to_learn(nb.number)


@pytest.mark.parametrize("name", list(plan.PLANS))
def test_each_plan_fills_its_time_with_activities_of_its_notebooks(name):
    blocks = plan.PLANS[name]
    assert sum(b.minutes() for b in blocks) == plan.TARGET_MINUTES[name]
    for b in blocks:
        for activity in (*b.in_class, *b.extension):
            assert plan.activity_notebook(activity) == b.notebook, (b.name, activity)
        if b.notebook:  # a block is never longer than the notebook's self-paced time
            assert b.minutes() <= catalogue.BY_NUMBER[b.notebook].minutes() + b.discussion


def test_every_activity_is_scheduled_in_the_three_hour_plan():
    scheduled = {a for b in plan.PLANS["three_hours"] for a in (*b.in_class, *b.extension)}
    assert scheduled == set(exercises.EXERCISES) | set(quiz.QUIZZES)


def test_generated_documents_are_current():
    """README and facilitator guide hold exactly what tools.docs generates from here."""
    from tools import docs

    assert docs.stale() == [], "run python3 dev.py docs"


def test_notebook_files_exist_in_every_language():
    from tools.notebooks import languages_built, target

    for lang in languages_built():
        for nb in catalogue.NOTEBOOKS:
            assert target(nb.number, lang).exists(), (lang, nb.number)


def test_environment_report_flags_old_and_missing_packages():
    report = envcheck.environment_report({"pandas": "999.0", "no-such-package-xyz": "1.0",
                                          "plotly": "1.0"})
    lines = report.splitlines()
    assert lines[0].startswith("TOO OLD  pandas") and lines[1].startswith("MISSING")
    assert lines[2].startswith("ok       plotly") and "2 package(s)" in lines[-1]
    assert "rc" not in envcheck.environment_report({"plotly": "6.1rc1"})


