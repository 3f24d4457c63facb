"""The workshop exercises: one entry per exercise holds everything a notebook shows about it.

Each entry has the task (``prompt``), the comment in the learner's cell, the hint the check
prints, a solution (code shown folded under the exercise, never run by *Run All*) and a key
function that computes the answer *from the tables*. Prompt, hint and solution live together, so
they cannot disagree; the tests run every solution after its exercise cell and require ✅.

:func:`check` never raises, whatever the learner typed: a wrong value, a wrong type, ``None``,
``...`` or a whole table all get a message starting with 🔁 and a hint.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from helpers.i18n import N_, _
from helpers.teaching.checks import TRY, check_set, check_value
from helpers.topics.landscape import covers_table
from helpers.topics.sdgs import target_sort_key

Tables = Mapping[str, pd.DataFrame]

#: The three kinds of exercise, as labelled in the notebooks.
KINDS = {"predict": N_("Predict, then check"), "query": N_("Fill in the query"),
         "explore": N_("Explore with the widget and answer")}


@dataclass(frozen=True)
class Exercise:
    """One exercise: where it is, its kind and minutes, its texts, key and solution."""

    exercise_id: str
    notebook: str
    kind: str
    minutes: int
    question: str  # one line, for the facilitator's table
    prompt: str  # the task, in Markdown
    placeholder: str  # the comment after ``answer = ...`` in the learner cell
    hint: str
    solution: str  # Python, run after the learner cell by the tests
    key: Callable[[Tables], object]
    compare: str = "value"  # "value" (one value) or "set" (items, order ignored)


def _unique(values: pd.Series, what: str) -> object:
    """The single distinct value of ``values``; ValueError if there are none or several."""
    found = sorted(values.dropna().astype(str).unique())
    if len(found) != 1:
        raise ValueError(f"expected one {what}, found {found}")
    return found[0]


def key_equivalent_count(tables: Tables) -> int:
    """Number of crosswalk links rated 'equivalent'."""
    return int((tables["crosswalk"]["match"].astype(str) == "equivalent").sum())


def key_equivalent_un_articles(tables: Tables) -> list[str]:
    """UN Convention article ids of the links rated 'equivalent'."""
    cw = tables["crosswalk"]
    return sorted(cw.loc[cw["match"].astype(str) == "equivalent", "un_article_id"]
                  .dropna().astype(str).unique())


def key_personal_harm_article(tables: Tables) -> int:
    """UN Convention article number linked to the UNODC act on personal harm."""
    cw, articles = tables["crosswalk"], tables["treaty_articles"]
    rows = cw[(cw["unodc_act_id"] == "unodc_act_10") & cw["un_article_id"].notna()]
    article_id = _unique(rows["un_article_id"], "UN article for unodc_act_10")
    return int(articles.set_index("article_id").loc[article_id, "article_number"])


def key_goal16_links(tables: Tables) -> int:
    """Number of SDG links whose target belongs to Goal 16."""
    goal_of = tables["sdg_targets"].set_index("target_id")["goal"]
    return int((tables["sdg_links"]["target_id"].dropna().map(goal_of) == 16).sum())


def key_cited_targets_that_exist(tables: Tables) -> list[str]:
    """Target numbers printed in the article that are real SDG targets."""
    links = tables["sdg_links"]
    cited = links.loc[links["article_cites"].astype(bool), "cited_as"].dropna().astype(str)
    real = set(tables["sdg_targets"]["target_id"].astype(str))
    return sorted({c for c in cited if c in real}, key=target_sort_key)


def key_bribery_target(tables: Tables) -> str:
    """The linked target whose official text speaks of corruption (the word is the same in the
    English and the French official texts)."""
    targets = tables["sdg_targets"]
    linked = targets["target_id"].isin(tables["sdg_links"]["target_id"].dropna())
    hits = targets[linked & targets["text"].str.contains("corruption", case=False)]
    return str(_unique(hits["target_id"], "linked target about bribery"))


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


def key_rarest_subjects(tables: Tables) -> list[str]:
    """The subject tags that the fewest instruments cover (all of them when several tie)."""
    per_subject = covers_table(tables["instruments"]).sum()
    return sorted(str(tag) for tag in per_subject[per_subject == per_subject.min()].index)


def key_late_signers(tables: Tables) -> int:
    """Signatories that signed after the opening day."""
    dates = tables["signatures"]["signature_date"]
    return int((dates > dates.min()).sum())


def key_signatories_by_hanoi_end(tables: Tables) -> int:
    """Signatories that had signed by the last day of the Hanoi ceremony."""
    hanoi = tables["milestones"].set_index("milestone_id").loc["hanoi_signing_ceremony"]
    return int((tables["signatures"]["signature_date"] <= hanoi["end_date"]).sum())


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


def key_supported_count(tables: Tables) -> int:
    """Number of claims judged supported."""
    return int((tables["claims"]["verdict"].astype(str) == "supported").sum())


def key_imprecise_or_incorrect(tables: Tables) -> int:
    """Number of claims judged imprecise or incorrect."""
    return int(tables["claims"]["verdict"].astype(str).isin(["imprecise", "incorrect"]).sum())


def key_first_meeting_verdict(tables: Tables) -> str:
    """Verdict on the article's claim about the month of the first meeting."""
    claims = tables["claims"].set_index("claim_id")
    return str(claims.loc["c21_first_meeting_march_2022", "verdict"])


_LIST = [
    Exercise(
        "01-equivalent-count", "01", "predict", 3,
        N_("How many crosswalk links are rated 'equivalent'?"),
        N_("Before you look at the ladder below, guess how many links in `crosswalk.csv` are "
           "rated **equivalent** (a close match, not just a partial one). Give a whole number."),
        N_("your guess: a whole number"),
        N_("Run the ladder cell below and read the count of “Equivalent” links under it."),
        'answer = len(crosswalk[crosswalk["match"] == "equivalent"])',
        key_equivalent_count),
    Exercise(
        "01-harm-article", "01", "explore", 5,
        N_("Which UN Convention article matches the UNODC act on personal harm?"),
        N_("In the crosswalk explorer above, pick **Computer-related acts causing personal "
           "harm**. Which article of the UN Convention matches it? Give the article number as "
           "a whole number."),
        N_("the article number, e.g. 12"),
        N_("Pick the act in the crosswalk explorer and read the UN Convention row of the table "
           "under the chart; give only the number."),
        'harm_id = "unodc_act_10"\n'
        'links = crosswalk[crosswalk["unodc_act_id"] == harm_id]\n'
        'un_id = links["un_article_id"].dropna().iloc[0]\n'
        'answer = int(articles.loc[articles["article_id"] == un_id, "article_number"].iloc[0])',
        key_personal_harm_article),
    Exercise(
        "01-equivalent-articles", "01", "query", 5,
        N_("Which UN Convention articles have an equivalent counterpart?"),
        N_("Which UN Convention articles have an **equivalent** (not just partial) counterpart "
           "in `crosswalk`? Put their `un_article_id` values in a list, such as "
           "`[\"un_art_1\", ...]`. Start from `crosswalk[crosswalk[\"match\"] == ...]`."),
        N_("replace ... with your list of un_article_id values"),
        N_("Keep the crosswalk rows whose match is \"equivalent\", then list their "
           "un_article_id values (drop the empty ones)."),
        'answer = list(crosswalk[crosswalk["match"] == "equivalent"]["un_article_id"].dropna())',
        key_equivalent_un_articles, compare="set"),
    Exercise(
        "02-goal16-links", "02", "predict", 3,
        N_("How many of the links lead to Goal 16?"),
        N_("Goal 16 is the goal on peace, justice and strong institutions. Before you look at "
           "the diagram, guess how many links in `sdg_links.csv` end at a Goal 16 target. "
           "Give a whole number."),
        N_("your guess: a whole number"),
        N_("Count the links that end at Goal 16 in the diagram, or read the line for Goal 16 "
           "under it."),
        'answer = int(links["target_id"].dropna().str.startswith("16.").sum())',
        key_goal16_links),
    Exercise(
        "02-bribery-target", "02", "explore", 5,
        N_("Which linked target speaks of corruption and bribery?"),
        N_("Use the target explorer above: pick targets one after another and read the "
           "official text under the diagram. Which target speaks of **corruption and "
           "bribery**? Give its number as text, such as `\"16.1\"`."),
        N_("the target number as text, e.g. \"16.1\""),
        N_("Pick targets in the explorer and read the official text under the diagram; give "
           "the number in quotes, e.g. \"16.1\"."),
        'linked = targets[targets["target_id"].isin(links["target_id"])]\n'
        'answer = linked.loc[linked["text"].str.contains("corruption"), "target_id"].iloc[0]',
        key_bribery_target),
    Exercise(
        "02-cited-targets", "02", "query", 5,
        N_("Which target numbers printed in the article do exist?"),
        N_("Which target numbers printed in the article (`article_cites` is true) **do** exist "
           "in `sdg_targets.csv`? Give them as a list of strings such as `\"16.1\"`. Compare "
           "the `cited_as` column with `targets[\"target_id\"]`."),
        N_("replace ... with your list of target numbers"),
        N_("Keep the cited numbers (article_cites is true) that appear in "
           "targets[\"target_id\"]."),
        'cited = links.loc[links["article_cites"], "cited_as"]\n'
        'answer = [t for t in cited if t in set(targets["target_id"])]',
        key_cited_targets_that_exist, compare="set"),
    Exercise(
        "03-session-count", "03", "predict", 3,
        N_("How many negotiating sessions were there?"),
        N_("Before you look at the timeline, guess how many **negotiating sessions** the Ad "
           "Hoc Committee held, counting the concluding session and its reconvened part. Give "
           "a whole number."),
        N_("your guess: a whole number"),
        N_("Read the “Negotiating session” line under the timeline below."),
        "answer = len(timeline.session_table(milestones))",
        key_session_count),
    Exercise(
        "03-consultation-city", "03", "explore", 5,
        N_("In which city were the intersessional consultations held?"),
        N_("In the timeline explorer above, choose **Intersessional consultation** in the "
           "*Kind* menu and read the table under the chart. In which city were the "
           "consultations held? Give the city as text."),
        N_("the city as text, e.g. \"Geneva\""),
        N_("Choose “Intersessional consultation” in the Kind menu and read the City column of "
           "the table under the chart."),
        'consultations = milestones[milestones["kind"] == "intersessional_consultation"]\n'
        'answer = consultations["city"].mode().iloc[0]',
        key_consultation_city),
    Exercise(
        "03-concluding-days", "03", "query", 5,
        N_("How many days did the concluding session run?"),
        N_("How many days did the **concluding session** run, counting both its first and its "
           "last day? Write a query on `milestones`; start from "
           "`milestones[milestones[\"milestone_id\"] == \"ahc_concluding_session\"]`."),
        N_("replace ... with your query (a whole number of days)"),
        N_("Take the row whose milestone_id is \"ahc_concluding_session\", subtract start_date "
           "from end_date, take .days and add 1 (the first and last day both count)."),
        'row = milestones[milestones["milestone_id"] == "ahc_concluding_session"].iloc[0]\n'
        'answer = (row["end_date"] - row["start_date"]).days + 1',
        key_concluding_days),
    Exercise(
        "04-rarest-subject", "04", "predict", 3,
        N_("Which subjects do the fewest instruments cover?"),
        N_("Each instrument is tagged with the subjects it covers: `criminalization`, "
           "`procedure`, `cooperation`, `data_protection`, `information_security` and "
           "`content`. Before you look at the matrix, guess which subject the **fewest** "
           "instruments cover. If you think several tie for last place, list them all. Give "
           "the tags as a list of text, in any order."),
        N_("your guess: a list of tags, e.g. [\"procedure\"] or [\"procedure\", \"content\"]"),
        N_("Read “Instruments per subject” under the matrix below: list every tag that has "
           "the smallest count (there may be a tie)."),
        'counts = instruments["covers"].astype(str).str.split(";").explode().value_counts()\n'
        "answer = sorted(counts[counts == counts.min()].index)",
        key_rarest_subjects, compare="set"),
    Exercise(
        "04-by-hanoi-end", "04", "explore", 5,
        N_("How many signatories had signed by the last day of the Hanoi ceremony?"),
        N_("In the signature explorer above, pick the **second** date in the menu, the last "
           "day of the Hanoi ceremony. How many signatories had signed by then? Read the line "
           "under the map and give a whole number."),
        N_("a whole number"),
        N_("Pick the second date in the signature explorer and read the line under the map."),
        "last_day = signing.signature_dates(signatures)[1]\n"
        'answer = int((signatures["signature_date"] <= last_day).sum())',
        key_signatories_by_hanoi_end),
    Exercise(
        "04-late-signers", "04", "query", 5,
        N_("How many signatories signed after the opening day?"),
        N_("How many signatories (states and organisations) signed the UN Convention "
           "**after** its opening day? Write a query on `signatures` and give a whole number."),
        N_("replace ... with your query (a whole number)"),
        N_("Compare signature_date with its minimum, then count the rows."),
        'opening_day = signatures["signature_date"].min()\n'
        'answer = int((signatures["signature_date"] > opening_day).sum())',
        key_late_signers),
    Exercise(
        "05-verbatim-count", "05", "predict", 3,
        N_("How many quotes are verbatim?"),
        N_("Before you look at the chart, guess how many rows of `quotes.csv` are "
           "**verbatim**, the speaker's exact words. Give a whole number."),
        N_("your guess: a whole number"),
        N_("Read “Quotes per form” under the chart below."),
        'answer = int((quotes["form"] == "verbatim").sum())',
        key_verbatim_count),
    Exercise(
        "05-reported-speaker", "05", "explore", 5,
        N_("Whose words does the table record as reported speech?"),
        N_("In the quotes explorer above, set *Form* to **Reported speech**. Whose words does "
           "the table record that way? Give the speaker's name as text (accents may be left "
           "out)."),
        N_("the name as text, e.g. \"Ada Lovelace\""),
        N_("Set Form to “Reported speech” in the quotes explorer and read the speaker in the "
           "list under the chart."),
        'answer = quotes.loc[quotes["form"] == "reported_speech", "speaker"].iloc[0]',
        key_reported_speech_speaker),
    Exercise(
        "05-verbatim-speakers", "05", "query", 5,
        N_("Which speakers have at least one verbatim quote?"),
        N_("Which speakers in `quotes` have at least one **verbatim** quote? Set `answer` to a "
           "list of speaker names, as they appear in the table."),
        N_("replace ... with a list of names"),
        N_("Keep the rows whose form is \"verbatim\", then take the distinct speakers."),
        'answer = sorted(quotes.loc[quotes["form"] == "verbatim", "speaker"].unique())',
        key_verbatim_speakers, compare="set"),
    Exercise(
        "06-supported-count", "06", "predict", 3,
        N_("How many of the article's claims are supported?"),
        N_("Before you look at the chart, guess how many of the article's claims our table "
           "judges **supported**. Give a whole number."),
        N_("your guess: a whole number"),
        N_("Read the title of the chart below."),
        'answer = int((claims["verdict"] == "supported").sum())',
        key_supported_count),
    Exercise(
        "06-first-meeting-verdict", "06", "explore", 5,
        N_("What verdict did the claim about the first meeting's month get?"),
        N_("In the claims explorer above, find the claim about **when the first meeting took "
           "place**. Which verdict did it get? Give it as text."),
        N_("the verdict as text, e.g. \"supported\""),
        N_("Choose the claim about when the first meeting took place in the claims explorer "
           "and read its verdict."),
        'answer = claims.set_index("claim_id").loc["c21_first_meeting_march_2022", "verdict"]',
        key_first_meeting_verdict),
    Exercise(
        "06-imprecise-or-incorrect", "06", "query", 5,
        N_("How many claims were judged imprecise or incorrect?"),
        N_("How many of the article's claims were judged **imprecise or incorrect**? Write a "
           "query on `claims` and give a whole number."),
        N_("replace ... with your query (a whole number)"),
        N_("Use .isin([\"imprecise\", \"incorrect\"]) on the verdict column, then .sum()."),
        'answer = int(claims["verdict"].isin(["imprecise", "incorrect"]).sum())',
        key_imprecise_or_incorrect),
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
        return f"{TRY} " + _("Unknown exercise {id!r}; known: {known}.").format(
            id=exercise_id, known=", ".join(EXERCISES))
    try:
        want = exercise.key(tables)
    except Exception as err:  # noqa: BLE001 - a check must never stop "Run all"
        return f"{TRY} " + _("The answer key could not be computed ({error}). Run the cell "
                             "with tables = load_all() again, then this one.").format(
            error=type(err).__name__)
    compare = check_set if exercise.compare == "set" else check_value
    return compare(answer, want, _(exercise.hint))
