"""Quizzes: keys computed from the data (a data change moves them), grading that never raises,
the widget and the offline-site version built from the same entry."""

from __future__ import annotations

import json
import re

import pytest

from helpers.teaching import quiz
from helpers.teaching.checks import OK, TRY

JUNK = [None, ..., -1, 99, 1.5, True, "", "not an option", [], {"a": 1}, object()]


@pytest.mark.parametrize("quiz_id", list(quiz.QUIZZES))
def test_key_names_one_option_and_grades_it_correct(quiz_id, tables):
    entry = quiz.QUIZZES[quiz_id]
    key = entry.key(tables)
    assert 0 <= key < len(entry.options)
    assert quiz.grade(quiz_id, key, tables).startswith(f"{OK} Correct.")
    assert quiz.grade(quiz_id, quiz.options(quiz_id)[key], tables).startswith(OK)
    for other in set(range(len(entry.options))) - {key}:
        assert quiz.grade(quiz_id, other, tables) == f"{TRY} Not quite. {entry.hint}"


@pytest.mark.parametrize("quiz_id", list(quiz.QUIZZES))
def test_grading_never_raises(quiz_id, tables):
    for choice in JUNK:
        assert quiz.grade(quiz_id, choice, tables)[0] in (OK[0], TRY[0])
    assert quiz.grade("q99-nope", 0, tables).startswith(TRY)


def test_keys_follow_the_data(tables):
    """Change the facts and the key moves: the keys are not typed in."""
    m = tables["milestones"].copy()
    m["confidence"] = m["confidence"].astype("string")
    m.loc[m["milestone_id"] == "ga_res_74_247", "confidence"] = "primary"
    assert quiz.QUIZZES["q06-news-only-vote"].key(dict(tables, milestones=m)) == 0
    c = tables["concerns"].copy()
    c["article_id"] = c["article_id"].astype("string").fillna("un_art_35")
    assert quiz.QUIZZES["q05-concern-article"].key(dict(tables, concerns=c)) == 3
    rule = m["milestone_id"] == "entry_into_force_rule"
    m["title"] = m["title"].astype("string")
    m.loc[rule, "title"] = "Entry-into-force rule: 90 days after the 60th instrument"
    assert quiz.QUIZZES["q04-ratifications"].key(dict(tables, milestones=m)) == 2


def test_the_widget_grades_with_the_same_key(tables):
    shown = quiz.show("q03-first-session", tables)
    shown.choice.value = quiz.options("q03-first-session")[0]
    shown.button.click()
    assert "Not quite" in shown.feedback.value
    shown.choice.value = quiz.options("q03-first-session")[1]
    shown.button.click()
    assert shown.feedback.value.startswith(f"{OK} Correct.")
    assert shown._repr_mimebundle_()["text/plain"].startswith("Quiz with 4 options")


@pytest.mark.parametrize("quiz_id", list(quiz.QUIZZES))
def test_the_static_quiz_carries_the_same_options_and_key(quiz_id, tables):
    page = quiz.static_html(quiz_id, tables)
    data = json.loads(re.search(r"data-quiz='([^']*)'", page).group(1).replace("&quot;", '"')
                      .replace("&#x27;", "'").replace("&amp;", "&").replace("&lt;", "<")
                      .replace("&gt;", ">"))
    assert data["key"] == quiz.QUIZZES[quiz_id].key(tables)
    assert page.count("type='radio'") == len(quiz.QUIZZES[quiz_id].options)
    assert "<script" not in page  # the one shared script is added once per page
