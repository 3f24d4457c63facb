"""Quiz widgets: a well-formed registry, keys checked against the data, grading never raises."""

from __future__ import annotations

import re

import ipywidgets as widgets
import pandas as pd
import pytest

from helpers import figures, quiz
from helpers.checks import OK, TRY
from helpers.data import read_descriptor

JUNK = [None, ..., "", "zzz", -1, 99, True, 1.5, ["a"], {"a": 1}, pd.DataFrame({"a": [1]}),
        object(), b"x", float("nan")]


def test_registry_is_well_formed():
    assert {q.notebook for q in quiz.QUIZZES.values()} == {"01", "02", "03", "04", "05", "06"}
    for quiz_id, q in quiz.QUIZZES.items():
        assert quiz_id == q.quiz_id and quiz_id.startswith(f"q{q.notebook}-")
        assert q.question.strip().endswith("?") and 1 <= q.minutes <= 5
        assert len(q.options) >= 3 and len(set(q.options)) == len(q.options)
        assert q.correct and set(q.correct) <= set(q.options) and len(q.correct) < len(q.options)
        assert q.explanation.strip() and q.hint.strip()
        assert not q.refs or len(q.refs) == len(q.options)


@pytest.mark.parametrize("quiz_id", list(quiz.QUIZZES))
def test_right_answer_by_text_or_index_gets_the_explanation(quiz_id):
    q = quiz.QUIZZES[quiz_id]
    for right in q.correct:
        assert quiz.grade(quiz_id, right) == f"{OK} Correct. {q.explanation}"
        assert quiz.grade(quiz_id, q.options.index(right)).startswith(OK)
        assert quiz.grade(quiz_id, f"  {right.upper()} ").startswith(OK)


@pytest.mark.parametrize("quiz_id", list(quiz.QUIZZES))
def test_wrong_answers_get_the_hint(quiz_id):
    q = quiz.QUIZZES[quiz_id]
    wrong = [o for o in q.options if o not in q.correct]
    for option in wrong:
        assert quiz.grade(quiz_id, option) == f"{TRY} Not quite. {q.hint}"


@pytest.mark.parametrize("quiz_id", list(quiz.QUIZZES))
def test_junk_never_raises(quiz_id):
    for choice in JUNK:
        message = quiz.grade(quiz_id, choice)
        assert message.startswith(TRY), (choice, message)
    assert "Pick an option" in quiz.grade(quiz_id, None)
    assert "not one of the" in quiz.grade(quiz_id, "zzz")


def test_unknown_quiz_ids_give_a_message():
    assert quiz.grade("q99-nope", 0).startswith(f"{TRY} Unknown quiz")
    assert quiz.grade(["unhashable"], 0).startswith(TRY)


@pytest.mark.parametrize("quiz_id", list(quiz.QUIZZES))
def test_widget_grades_on_click(quiz_id):
    q = quiz.QUIZZES[quiz_id]
    box = quiz.quiz(quiz_id)
    question, choice, button, feedback = box.children
    assert isinstance(choice, widgets.RadioButtons) and isinstance(button, widgets.Button)
    assert list(choice.options) == list(q.options) and choice.value is None
    button.click()
    assert "Pick an option" in feedback.value
    choice.value = next(o for o in q.options if o not in q.correct)
    button.click()
    assert feedback.value.startswith(TRY)
    choice.value = q.correct[0]
    button.click()
    assert feedback.value.startswith(OK)


def test_widget_escapes_question_and_feedback(monkeypatch):
    evil = quiz.Quiz("q01-evil", "01", 1, "<script>alert(1)</script>?", ("<b>a</b>", "b & c", "d"),
                     ("<b>a</b>",), "<img src=x onerror=alert(1)>", "<i>hint</i>")
    monkeypatch.setitem(quiz.QUIZZES, "q01-evil", evil)
    question, choice, button, feedback = quiz.quiz("q01-evil").children
    assert "<script>" not in question.value and "&lt;script&gt;" in question.value
    choice.value = "<b>a</b>"
    button.click()
    assert "<img" not in feedback.value and "&lt;img" in feedback.value
    choice.value = "d"
    button.click()
    assert "<i>" not in feedback.value


@pytest.mark.parametrize("quiz_id", list(quiz.QUIZZES))
def test_summary_counts_options_and_proves_the_key(quiz_id):
    line = quiz.summary(quiz_id)
    assert quiz_id in line and f"{len(quiz.QUIZZES[quiz_id].options)} options" in line
    assert "✅" in line and not any(c in line for c in quiz.QUIZZES[quiz_id].correct)


# --- keys that follow from the data are checked against the data --------------------------


def check_q01(q, tables):
    offences = tables["offences"].set_index("offence_id")
    for option, ref in zip(q.options, q.refs, strict=True):
        assert offences.loc[ref, "label"] == option
        assert (offences.loc[ref, "typology_class"] == "cyber_dependent") == (option in q.correct)


def check_q02(q, tables):
    goal10 = sorted(tables["sdg_targets"].loc[tables["sdg_targets"]["goal"] == 10, "target_id"],
                    key=figures.target_sort_key)
    numbered = [t for t in goal10 if t.split(".")[1].isdigit()]
    lettered = [t for t in goal10 if not t.split(".")[1].isdigit()]
    assert "10.8" not in goal10
    (key,) = q.correct
    assert f"stop at {numbered[-1]}" in key and f"{lettered[0]} to {lettered[-1]}" in key


def check_q03(q, tables):
    first = figures.first_session(tables["milestones"])
    (key,) = q.correct
    assert first["start_date"].strftime("%B %Y") in key and first["start_date"].day >= 20
    assert first["end_date"].strftime("%B %Y") in key
    assert first["start_date"].month != first["end_date"].month  # so "entirely in" is wrong
    assert first["city"] not in " ".join(q.options)  # the city distractor is really wrong


def check_q04(q, tables):
    needed = figures.ratifications_needed(tables["milestones"], default=-1)
    assert q.correct == (str(needed),)
    assert all(str(needed) not in o for o in q.options if o not in q.correct)


def check_q05(q, tables):
    counts = tables["concerns"]["article_id"].dropna().value_counts()
    assert (counts == counts.max()).sum() == 1, "tie: the quiz would have two right answers"
    assert q.refs[q.options.index(q.correct[0])] == counts.idxmax()
    numbers = tables["treaty_articles"].set_index("article_id")["article_number"]
    for option, ref in zip(q.options, q.refs, strict=True):
        assert re.match(rf"Art\. {numbers[ref]}:", option), (option, ref)


def check_q06(q, tables):
    (ref,) = set(q.refs)
    row = tables["milestones"].set_index("milestone_id").loc[ref]
    assert q.correct == (str(row["confidence"]),)
    assert tables["sources"].set_index("source_id").loc[row["source_id"], "kind"] == "news"
    assert pd.notna(row["votes_for"])  # the vote is recorded at all
    milestones = next(r for r in read_descriptor()["resources"] if r["name"] == "milestones")
    field = next(f for f in milestones["schema"]["fields"] if f["name"] == "confidence")
    assert list(q.options) == field["constraints"]["enum"]


DATA_CHECKS = {"q01-cyber-dependent": check_q01, "q02-target-10-8": check_q02,
               "q03-first-session": check_q03, "q04-ratifications": check_q04,
               "q05-concern-article": check_q05, "q06-news-only-vote": check_q06}


def test_every_quiz_with_data_refs_has_a_data_check():
    assert {i for i, q in quiz.QUIZZES.items() if q.refs} <= set(DATA_CHECKS)
    assert set(DATA_CHECKS) <= set(quiz.QUIZZES)


@pytest.mark.parametrize("quiz_id", list(DATA_CHECKS))
def test_quiz_key_agrees_with_the_data(quiz_id, tables):
    DATA_CHECKS[quiz_id](quiz.QUIZZES[quiz_id], tables)
