"""Concept checks as multiple-choice quiz widgets.

Each entry of :data:`QUIZZES` holds a question, its options, the correct option(s), a short
explanation shown with the tick and a hint shown after a wrong choice. :func:`grade` is pure
and never raises; :func:`quiz` wraps it in RadioButtons, a "Check" button and an escaped HTML
feedback line. Where an answer follows from the data, ``refs`` names the row behind each
option, so the tests can check the key against the tables instead of a copied value.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets

from helpers.checks import OK, TRY
from helpers.widgets import esc


@dataclass(frozen=True)
class Quiz:
    """One multiple-choice question, its key, explanation and hint."""

    quiz_id: str
    notebook: str
    minutes: int
    question: str
    options: tuple[str, ...]
    correct: tuple[str, ...]
    explanation: str
    hint: str
    refs: tuple[str, ...] = ()  # optional: the data row behind each option, same order


_LIST = [
    Quiz("q01-cyber-dependent", "01", 2,
         "Which of these UNODC acts is cyber-dependent, that is, could not exist without "
         "computers?",
         ("Illegal interference with computer system or computer data",
          "Computer-related fraud or forgery",
          "Computer-related acts causing personal harm",
          'Computer-related solicitation or "grooming" of children'),
         ("Illegal interference with computer system or computer data",),
         "Corrupting data or knocking a system offline only exists because computers do. "
         "Fraud and harassment are older crimes that ICT makes easier (cyber-enabled), and "
         "grooming belongs to OCSEA, which UNODC treats as a type of its own.",
         "Ask of each act: could it happen at all in a world without computers?",
         refs=("unodc_act_3", "unodc_act_6", "unodc_act_10", "unodc_act_11")),
    Quiz("q02-target-10-8", "02", 2,
         "The article links online trafficking to 'target 10.8'. What does the official list "
         "of SDG targets show?",
         ("Target 10.8 is Goal 10's target on human trafficking",
          "There is no 10.8: Goal 10's numbered targets stop at 10.7, then come 10.a to 10.c",
          "10.8 exists, but it is about migration",
          "10.8 is a target of Goal 16"),
         ("There is no 10.8: Goal 10's numbered targets stop at 10.7, then come 10.a to 10.c",),
         "Targets are numbered within their goal, and Goal 10 continues with letters after "
         "10.7. Trafficking is named in targets of Goals 5, 8 and 16 instead.",
         "List Goal 10's targets from sdg_targets.csv in official order."),
    Quiz("q03-first-session", "03", 2,
         "The article dates the first negotiating session to March 2022. What do the data "
         "show?",
         ("It ran entirely in March 2022",
          "It opened in late February 2022 and closed in March 2022",
          "It opened in March 2022 and closed in April 2022",
          "It was held in Vienna in May 2022"),
         ("It opened in late February 2022 and closed in March 2022",),
         "The first session opened at the end of February and closed in March, so 'March' "
         "fits only its second half. (Vienna hosted the second session.)",
         "Compare the start and end dates of the first negotiating session."),
    Quiz("q04-ratifications", "04", 2,
         "How many instruments of ratification, acceptance, approval or accession must be "
         "deposited before the Convention can enter into force?",
         ("20", "40", "60", "One from every UN member state"),
         ("40",),
         "It takes effect 90 days after the 40th such instrument. Signatures do not count: "
         "signing shows intent, and a state is bound only once it deposits its instrument.",
         "Read the entry-into-force rule in milestones.csv, printed in this notebook."),
    Quiz("q05-concern-article", "05", 2,
         "Which article of the adopted Convention do the most concerns in concerns.csv point "
         "at?",
         ("Art. 4: offences under other UN conventions",
          "Art. 7: illegal access",
          "Art. 14: child sexual abuse material",
          "Art. 35: international cooperation"),
         ("Art. 7: illegal access",),
         "Illegal access draws the most linked concerns: groups feared it could catch "
         "security researchers, journalists and whistleblowers. Many other concerns are about "
         "the treaty as a whole and are not tied to one article.",
         "Look at the longest bar in the concerns chart (leave out the 'not one article' bar).",
         refs=("un_art_4", "un_art_7", "un_art_14", "un_art_35")),
    Quiz("q06-news-only-vote", "06", 2,
         "The recorded vote on resolution 74/247 is reported only by news agencies. Which "
         "confidence label does our milestones table give that row?",
         ("primary", "secondary", "disputed", "unverified"),
         ("secondary",),
         "A news report is a secondary source: it reports on the record rather than being it. "
         "Only an official record would make the row primary.",
         "Which kind of source is a news agency story: the record itself, or a report on it?",
         refs=("ga_res_74_247",) * 4),
]

#: Every quiz, keyed by id, in notebook order.
QUIZZES: dict[str, Quiz] = {q.quiz_id: q for q in _LIST}


def for_notebook(notebook: str) -> list[Quiz]:
    """The quizzes of one notebook ("01" ... "06"), in the order they appear in it."""
    return [q for q in QUIZZES.values() if q.notebook == notebook]


def _option(entry: Quiz, choice: object) -> str | None:
    """The option text a choice stands for (text or 0-based index), or None if it is none."""
    if isinstance(choice, int) and not isinstance(choice, bool):
        return entry.options[choice] if 0 <= choice < len(entry.options) else None
    if isinstance(choice, str):
        wanted = " ".join(choice.split()).casefold()
        return next((o for o in entry.options if o.casefold() == wanted), None)
    return None


def grade(quiz_id: str, choice: object) -> str:
    """Grade one choice (option text or 0-based index): a ✅ with the explanation, or a 🔁
    with the hint. Never raises, whatever ``choice`` is."""
    entry = QUIZZES.get(quiz_id) if isinstance(quiz_id, str) else None
    if entry is None:
        return f"{TRY} Unknown quiz {quiz_id!r}."
    if choice is None or choice is ...:
        return f"{TRY} Pick an option first, then press Check."
    try:
        option = _option(entry, choice)
    except Exception:  # noqa: BLE001 - grading must never stop "Run all"
        option = None
    if option is None:
        return f"{TRY} That is not one of the {len(entry.options)} options. {entry.hint}"
    if option in entry.correct:
        return f"{OK} Correct. {entry.explanation}"
    return f"{TRY} Not quite. {entry.hint}"


def quiz(quiz_id: str) -> widgets.VBox:
    """The quiz as a widget: question, RadioButtons, a Check button and escaped feedback."""
    entry = QUIZZES[quiz_id]
    question = widgets.HTML(f"<b>{esc(entry.question)}</b>")
    choice = widgets.RadioButtons(options=list(entry.options), value=None,
                                  layout=widgets.Layout(width="auto"))
    button = widgets.Button(description="Check", button_style="primary")
    feedback = widgets.HTML("")

    def on_check(_button: object = None) -> None:
        """Button callback: grade the current choice and show the escaped message."""
        feedback.value = esc(grade(quiz_id, choice.value))

    button.on_click(on_check)
    return widgets.VBox([question, choice, button, feedback])


def summary(quiz_id: str) -> str:
    """A checked one-line summary for the cell after a quiz widget (no answer revealed)."""
    entry = QUIZZES[quiz_id]
    key_ok = all(grade(quiz_id, c).startswith(OK) for c in entry.correct)
    return (f"Quiz {quiz_id} ({entry.minutes} min): {entry.question} "
            f"{len(entry.options)} options; answer key {'grades ✅' if key_ok else 'BROKEN'}")
