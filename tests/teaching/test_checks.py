"""Exercise checks: answer keys computed from the data, hints for every wrong answer, no raise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.teaching import checks, exercises

OK, TRY = checks.OK, checks.TRY

JUNK = [None, ..., "", "   ", "12", "Vienna", 0, -1, 3.5, float("nan"), True, [], [1, 2], (),
        {"a": 1}, {"x"}, b"bytes", object(), pd.DataFrame({"a": [1, 2]}), pd.Series([1, 2]),
        pd.Series(dtype=float), np.array([1, 2]), np.int64(7), pd.NA, pd.Timestamp("2024-01-01"),
        pd.Index(["a"]), range(3), ValueError("x")]
JUNK_IDS = [f"{i}-{type(a).__name__}" for i, a in enumerate(JUNK)]  # stable across workers


# --- the generic checks ------------------------------------------------------------------


@pytest.mark.parametrize("answer", [None, ...])
def test_unanswered_is_said_so(answer):
    assert checks.check_value(answer, 3, "H").startswith(f"{TRY} Not answered yet")
    assert checks.check_set(answer, ["a"], "H").startswith(f"{TRY} Not answered yet")


@pytest.mark.parametrize("answer", [12, 12.0, np.int64(12), np.float64(12.0)])
def test_numbers_compare_by_value(answer):
    assert checks.check_value(answer, 12, "H") == f"{OK} Correct."


@pytest.mark.parametrize("answer, words", [
    ("12", "without quotes"), (pd.DataFrame({"a": [12]}), "whole table"),
    (pd.Series([12]), "whole column"), ([12], "collection"), (True, "Expected a number"),
    (11, "Not quite"), (13, "Not quite"),
])
def test_wrong_numbers_get_a_specific_hint(answer, words):
    message = checks.check_value(answer, 12, "Count the rows.")
    assert message.startswith(TRY) and words in message and message.endswith("Count the rows.")


def test_text_ignores_case_accents_underscores_and_spaces():
    assert checks.check_value(" antonio  GUTERRES ", "António Guterres", "H").startswith(OK)
    assert checks.check_value("reported speech", "reported_speech", "H").startswith(OK)
    assert checks.check_value("Viena", "Vienna", "H").startswith(TRY)
    assert "Expected text" in checks.check_value(16, "16.5", "H")


def test_sets_ignore_order_and_report_missing_and_extra():
    assert checks.check_set(("b", "a"), ["a", "b"], "H") == f"{OK} Correct."
    assert checks.check_set(pd.Series(["a", "b"]), ["b", "a"], "H").startswith(OK)
    message = checks.check_set(["a", "c"], ["a", "b"], "H")
    assert "1 missing" in message and "1 not expected" in message


@pytest.mark.parametrize("answer, words", [
    ("a", "put the items in a list"), (3, "Expected a list"),
    (pd.DataFrame({"x": ["a"]}), "select one column"), ({"a": 1}, "dictionary"),
])
def test_not_a_list_gets_a_specific_hint(answer, words):
    message = checks.check_set(answer, ["a"], "H")
    assert message.startswith(TRY) and words in message


@pytest.mark.parametrize("answer", JUNK, ids=JUNK_IDS)
def test_generic_checks_never_raise(answer):
    for expected in (12, "Vienna", 1.5):
        assert checks.check_value(answer, expected, "H")[0] in (OK[0], TRY[0])
    assert checks.check_set(answer, ["a", "b"], "H")[0] in (OK[0], TRY[0])


# --- the registry ------------------------------------------------------------------------


def test_registry_is_well_formed():
    numbers = {e.notebook for e in exercises.EXERCISES.values()}
    assert numbers == {"01", "02", "03", "04", "05", "06"}
    for ex_id, e in exercises.EXERCISES.items():
        assert ex_id == e.exercise_id and ex_id.startswith(e.notebook + "-")
        assert e.kind in exercises.KINDS and e.compare in ("value", "set")
        assert 1 <= e.minutes <= 15 and e.question.endswith("?") and e.hint.strip()
        assert e.prompt.strip() and e.placeholder.strip() and "answer =" in e.solution
    for number in numbers:
        assert 2 <= len(exercises.for_notebook(number)) <= 4


@pytest.mark.parametrize("ex_id", list(exercises.EXERCISES))
def test_every_key_gives_a_sensible_value_on_the_real_data(ex_id, tables):
    entry = exercises.EXERCISES[ex_id]
    key = exercises.expected(ex_id, tables)
    if entry.compare == "set":
        assert isinstance(key, list) and key and len(set(key)) == len(key)
        assert all(isinstance(k, str) and k.strip() for k in key)
    elif isinstance(key, str):
        assert key.strip() and key not in ("nan", "<NA>", "None")
    else:
        assert isinstance(key, int) and not isinstance(key, bool) and key > 0
    assert exercises.check(ex_id, key, tables) == f"{OK} Correct."


@pytest.mark.parametrize("ex_id", list(exercises.EXERCISES))
def test_checks_never_raise_on_junk(ex_id, tables):
    key = exercises.expected(ex_id, tables)
    for answer in JUNK:
        message = exercises.check(ex_id, answer, tables)
        assert isinstance(message, str) and message[0] in (OK[0], TRY[0]), (answer, message)
        if answer is None or answer is ...:
            assert "Not answered yet" in message
        elif message.startswith(OK):  # only a junk value that equals the key may pass
            assert not isinstance(key, list) and str(answer).strip() == str(key)


@pytest.mark.parametrize("ex_id", list(exercises.EXERCISES))
def test_a_wrong_answer_gets_the_hint(ex_id, tables):
    entry = exercises.EXERCISES[ex_id]
    key = exercises.expected(ex_id, tables)
    if isinstance(key, list):
        wrong = key[:-1]
    elif isinstance(key, str):
        wrong = key + " (not this)"
    else:
        wrong = key + 1
    message = exercises.check(ex_id, wrong, tables)
    assert message.startswith(TRY) and entry.hint in message


def test_a_data_change_flows_through_to_the_key(tables):
    before = exercises.expected("03-session-count", tables)
    milestones = tables["milestones"]
    fewer = dict(tables, milestones=milestones[milestones["milestone_id"] != "ahc_session_3"])
    assert exercises.expected("03-session-count", fewer) == before - 1
    assert exercises.check("03-session-count", before, fewer).startswith(TRY)
    longer = milestones.copy()
    row = longer["milestone_id"] == "ahc_concluding_session"
    longer.loc[row, "end_date"] = longer.loc[row, "end_date"] + pd.Timedelta(days=1)
    days = exercises.expected("03-concluding-days", tables)
    assert exercises.expected("03-concluding-days", dict(tables, milestones=longer)) == days + 1


def test_an_ambiguous_key_is_reported_not_raised(tables):
    milestones = tables["milestones"].copy()
    consultation = milestones["kind"].astype(str) == "intersessional_consultation"
    first = milestones.index[consultation][0]
    milestones["city"] = milestones["city"].astype("string")
    milestones.loc[first, "city"] = "Geneva"
    with pytest.raises(ValueError, match="one city"):
        exercises.expected("03-consultation-city", dict(tables, milestones=milestones))
    message = exercises.check("03-consultation-city", "Vienna", dict(tables, milestones=milestones))
    assert message.startswith(TRY) and "could not be computed" in message


def test_unknown_id_and_missing_tables_give_a_message():
    assert exercises.check("99-nope", 1, {}).startswith(f"{TRY} Unknown exercise")
    assert "load_all()" in exercises.check("03-session-count", 8, {})
    assert "load_all()" in exercises.check("03-session-count", 8, None)


@pytest.mark.parametrize("ex_id", list(exercises.EXERCISES))
def test_each_solution_passes_its_own_check(ex_id, tables):
    """The folded solution (never run by Run All) computes the key its own way."""
    from helpers.teaching import quiz  # noqa: F401 - the notebooks' namespace
    from helpers.topics import common, signatures, timeline

    entry = exercises.EXERCISES[ex_id]
    names = {"tables": tables, "exercises": exercises, "timeline": timeline,
             "signing": signatures, "common": common, **_frames(tables)}
    exec(entry.solution, names)  # noqa: S102 - our own registry's code
    assert exercises.check(ex_id, names["answer"], tables) == f"{OK} Correct."


def test_a_solution_that_computes_something_else_fails(tables):
    """Guard: the check above would catch a solution that drifted from the key."""
    names = {"tables": tables, **_frames(tables)}
    exec("answer = len(crosswalk)", names)  # noqa: S102
    assert exercises.check("01-equivalent-count", names["answer"], tables).startswith(TRY)


def _frames(tables):
    """The frame names the notebooks give their tables."""
    return {"offences": tables["offences"], "articles": tables["treaty_articles"],
            "crosswalk": tables["crosswalk"], "links": tables["sdg_links"],
            "targets": tables["sdg_targets"], "milestones": tables["milestones"],
            "instruments": tables["instruments"], "signatures": tables["signatures"],
            "quotes": tables["quotes"], "claims": tables["claims"]}
