"""The workshop exercises: one registry entry per exercise, each with an answer-key function.

The key of every exercise is *computed from the tables*, never copied from a notebook output,
so a change in ``data/`` flows through: the hidden solution cell in the notebook computes the
answer its own way and calls :func:`check`, and strict nbval proves in CI that the two agree.

:func:`check` never raises, whatever the learner typed: a wrong value, a wrong type, ``None``,
``...`` or a whole table all get a message starting with 🔁 and a hint.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from helpers import checks, figures

Tables = Mapping[str, pd.DataFrame]

#: The three kinds of exercise, as labelled in the notebooks' Markdown prompts.
KINDS = {
    "predict": "Predict, then check",
    "query": "Fill in the query",
    "explore": "Explore with the widget and answer",
}


@dataclass(frozen=True)
class Exercise:
    """One exercise: where it is, what kind, how long, its key function and its hint."""

    exercise_id: str
    notebook: str
    kind: str
    minutes: int
    question: str
    key: Callable[[Tables], object]
    hint: str
    compare: str = "value"  # "value" (one value) or "set" (items, order ignored)


def _unique(values: pd.Series, what: str) -> object:
    """The single distinct value of ``values``; ValueError if there are none or several."""
    found = sorted(values.dropna().astype(str).unique())
    if len(found) != 1:
        raise ValueError(f"expected one {what}, found {found}")
    return found[0]


# --- 01: what is cybercrime? --------------------------------------------------------------


def key_equivalent_count(tables: Tables) -> int:
    """Number of crosswalk links rated 'equivalent'."""
    return int((tables["crosswalk"]["match"].astype(str) == "equivalent").sum())


def key_equivalent_un_articles(tables: Tables) -> list[str]:
    """UN Convention article ids of the links rated 'equivalent'."""
    cw = tables["crosswalk"]
    rows = cw[cw["match"].astype(str) == "equivalent"]
    return sorted(rows["un_article_id"].dropna().astype(str).unique())


def key_personal_harm_article(tables: Tables) -> int:
    """UN Convention article number linked to the UNODC act on personal harm."""
    cw, articles = tables["crosswalk"], tables["treaty_articles"]
    rows = cw[(cw["unodc_act_id"] == "unodc_act_10") & cw["un_article_id"].notna()]
    article_id = _unique(rows["un_article_id"], "UN article for unodc_act_10")
    return int(articles.set_index("article_id").loc[article_id, "article_number"])


# --- 02: cybercrime and the SDGs -----------------------------------------------------------


def key_goal16_links(tables: Tables) -> int:
    """Number of SDG links whose target belongs to Goal 16."""
    goal_of = tables["sdg_targets"].set_index("target_id")["goal"]
    goals = tables["sdg_links"]["target_id"].dropna().map(goal_of)
    return int((goals == 16).sum())


def key_cited_targets_that_exist(tables: Tables) -> list[str]:
    """Target numbers printed in the article that are real SDG targets."""
    links = tables["sdg_links"]
    cited = links.loc[links["article_cites"].astype(bool), "cited_as"].dropna().astype(str)
    real = set(tables["sdg_targets"]["target_id"].astype(str))
    return sorted({c for c in cited if c in real}, key=figures.target_sort_key)


def key_bribery_target(tables: Tables) -> str:
    """The linked target whose official text speaks of bribery."""
    targets = tables["sdg_targets"]
    linked = targets["target_id"].isin(tables["sdg_links"]["target_id"].dropna())
    hits = targets[linked & targets["text"].str.contains("bribery", case=False)]
    return str(_unique(hits["target_id"], "linked target about bribery"))


# --- 03: the road to a treaty --------------------------------------------------------------


def key_session_count(tables: Tables) -> int:
    """Number of negotiating sessions (concluding and reconvened sessions included)."""
    return int((tables["milestones"]["kind"].astype(str) == "negotiating_session").sum())


def key_concluding_days(tables: Tables) -> int:
    """Length of the concluding session in days, first and last day both counted."""
    row = tables["milestones"].set_index("milestone_id").loc["ahc_concluding_session"]
    return int((row["end_date"] - row["start_date"]).days) + 1


def key_consultation_city(tables: Tables) -> str:
    """The city where every intersessional consultation was held."""
    ms = tables["milestones"]
    rows = ms[ms["kind"].astype(str) == "intersessional_consultation"]
    return str(_unique(rows["city"], "city of the intersessional consultations"))


# --- 04: the treaty landscape --------------------------------------------------------------


def key_rarest_subject(tables: Tables) -> str:
    """The subject tag covered by the fewest instruments (must be a single one)."""
    per_subject = figures.covers_table(tables["instruments"]).sum()
    rarest = per_subject[per_subject == per_subject.min()]
    return str(_unique(pd.Series(rarest.index), "rarest subject"))


def key_late_signers(tables: Tables) -> int:
    """Signatories that signed after the opening day."""
    dates = tables["signatures"]["signature_date"]
    return int((dates > dates.min()).sum())


def key_signatories_by_hanoi_end(tables: Tables) -> int:
    """Signatories that had signed by the last day of the Hanoi ceremony."""
    hanoi = tables["milestones"].set_index("milestone_id").loc["hanoi_signing_ceremony"]
    return int((tables["signatures"]["signature_date"] <= hanoi["end_date"]).sum())


# --- 05: voices and the rights debate ------------------------------------------------------


def key_verbatim_count(tables: Tables) -> int:
    """Number of quotes whose form is verbatim."""
    return int((tables["quotes"]["form"].astype(str) == "verbatim").sum())


def key_verbatim_speakers(tables: Tables) -> list[str]:
    """Speakers with at least one verbatim quote."""
    quotes = tables["quotes"]
    return sorted(quotes.loc[quotes["form"].astype(str) == "verbatim", "speaker"].unique())


def key_reported_speech_speaker(tables: Tables) -> str:
    """The speaker of the quote(s) recorded as reported speech."""
    quotes = tables["quotes"]
    rows = quotes[quotes["form"].astype(str) == "reported_speech"]
    return str(_unique(rows["speaker"], "speaker of reported speech"))


# --- 06: fact-check the article ------------------------------------------------------------


def key_supported_count(tables: Tables) -> int:
    """Number of claims judged supported."""
    return int((tables["claims"]["verdict"].astype(str) == "supported").sum())


def key_imprecise_or_incorrect(tables: Tables) -> int:
    """Number of claims judged imprecise or incorrect."""
    return int(tables["claims"]["verdict"].astype(str).isin(["imprecise", "incorrect"]).sum())


def key_first_meeting_verdict(tables: Tables) -> str:
    """Verdict on the article's claim about the month of the first meeting."""
    return str(tables["claims"].set_index("claim_id").loc["c21_first_meeting_march_2022",
                                                           "verdict"])


_LIST = [
    Exercise("01-equivalent-count", "01", "predict", 3,
             "How many crosswalk links are rated 'equivalent'?",
             key_equivalent_count,
             "Run the matrix cell below and read the count of 'equivalent' links."),
    Exercise("01-harm-article", "01", "explore", 5,
             "Which UN Convention article matches the UNODC act on personal harm?",
             key_personal_harm_article,
             "Pick 'Computer-related acts causing personal harm' in the crosswalk explorer "
             "and give the article number as a whole number."),
    Exercise("01-equivalent-articles", "01", "query", 5,
             "Which UN Convention articles have an equivalent counterpart?",
             key_equivalent_un_articles,
             "Keep the crosswalk rows whose match is 'equivalent', then list un_article_id "
             "(drop the empty ones).", compare="set"),
    Exercise("02-goal16-links", "02", "predict", 3,
             "How many of the links lead to Goal 16?",
             key_goal16_links,
             "Count the links ending at Goal 16 in the diagram, or read the printed summary."),
    Exercise("02-bribery-target", "02", "explore", 5,
             "Which linked target speaks of corruption and bribery?",
             key_bribery_target,
             "Pick targets in the explorer and read the official text under the diagram; "
             "give the number as text, e.g. \"16.1\"."),
    Exercise("02-cited-targets", "02", "query", 5,
             "Which target numbers printed in the article do exist?",
             key_cited_targets_that_exist,
             "Keep cited numbers (article_cites is true) found in targets['target_id'].",
             compare="set"),
    Exercise("03-session-count", "03", "predict", 3,
             "How many negotiating sessions were there?",
             key_session_count,
             "Run the timeline cells below and read the 'Negotiating session' count."),
    Exercise("03-consultation-city", "03", "explore", 5,
             "In which city were the intersessional consultations held?",
             key_consultation_city,
             "Choose 'Intersessional consultation' in the Kind dropdown and hover over the "
             "bars; give the city as text."),
    Exercise("03-concluding-days", "03", "query", 5,
             "How many days did the concluding session run?",
             key_concluding_days,
             "Take the row with milestone_id 'ahc_concluding_session', subtract start_date "
             "from end_date, take .days and add 1 (the first and last day both count)."),
    Exercise("04-rarest-subject", "04", "predict", 3,
             "Which subject do the fewest instruments cover?",
             key_rarest_subject,
             "Run the matrix cell below and read 'Instruments per subject'; give the tag "
             "as text, e.g. \"procedure\"."),
    Exercise("04-by-hanoi-end", "04", "explore", 5,
             "How many signatories had signed by the last day of the Hanoi ceremony?",
             key_signatories_by_hanoi_end,
             "Pick the second date in the signature explorer and read the line under the map."),
    Exercise("04-late-signers", "04", "query", 5,
             "How many signatories signed after the opening day?",
             key_late_signers,
             "Compare signature_date with its minimum, then count the rows."),
    Exercise("05-verbatim-count", "05", "predict", 3,
             "How many quotes are verbatim?",
             key_verbatim_count,
             "Run the chart cell below and read 'Quotes per form'."),
    Exercise("05-reported-speaker", "05", "explore", 5,
             "Whose words does the table record as reported speech?",
             key_reported_speech_speaker,
             "Set Form to 'Reported speech' in the quotes explorer and read the speaker; "
             "give the name as text."),
    Exercise("05-verbatim-speakers", "05", "query", 5,
             "Which speakers have at least one verbatim quote?",
             key_verbatim_speakers,
             "Filter rows where form is 'verbatim', then take the speakers.", compare="set"),
    Exercise("06-supported-count", "06", "predict", 3,
             "How many of the article's claims are supported?",
             key_supported_count,
             "Run the cells below and read the first line of the summary."),
    Exercise("06-first-meeting-verdict", "06", "explore", 5,
             "What verdict did the claim about the first meeting's month get?",
             key_first_meeting_verdict,
             "Choose the claim about when the first meeting took place in the claims "
             "explorer and read its verdict; give it as text."),
    Exercise("06-imprecise-or-incorrect", "06", "query", 5,
             "How many claims were judged imprecise or incorrect?",
             key_imprecise_or_incorrect,
             "Use isin on the verdict column, then sum."),
]

#: Every exercise, keyed by id, in notebook order.
EXERCISES: dict[str, Exercise] = {e.exercise_id: e for e in _LIST}


def for_notebook(notebook: str) -> list[Exercise]:
    """The exercises of one notebook ("01" ... "06"), in the order they appear in it."""
    return [e for e in EXERCISES.values() if e.notebook == notebook]


def expected(exercise_id: str, tables: Tables) -> object:
    """The answer key of one exercise, computed from the tables (raises on a bad id)."""
    return EXERCISES[exercise_id].key(tables)


def check(exercise_id: str, answer: object, tables: Tables) -> str:
    """Check a learner's answer; return a ✅ or 🔁 message, never raise."""
    exercise = EXERCISES.get(exercise_id)
    if exercise is None:
        return f"{checks.TRY} Unknown exercise {exercise_id!r}; known: {', '.join(EXERCISES)}."
    try:
        want = exercise.key(tables)
    except Exception as err:  # noqa: BLE001 - a check must never stop "Run all"
        return (f"{checks.TRY} The answer key could not be computed ({type(err).__name__}). "
                "Run the cell with tables = load_all() again, then this one.")
    if exercise.compare == "set":
        return checks.check_set(answer, want, exercise.hint)
    return checks.check_value(answer, want, exercise.hint)
