"""Concept checks as multiple-choice quizzes, with answer keys computed from the data.

Each :class:`Quiz` holds a question, its options, an explanation shown with the tick and a hint
shown after a wrong choice. Its ``key`` is a function of the tables that returns the index of
the correct option, so a change in ``data/`` moves the key with it. :func:`grade` is pure and
never raises; :func:`show` wraps it in RadioButtons, a Check button and escaped feedback;
:func:`static_html` renders the same quiz for the offline site, where it runs without a kernel.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd

from helpers.i18n import N_, _
from helpers.teaching.checks import OK, TRY
from helpers.text import esc
from helpers.topics.signatures import ratifications_needed
from helpers.topics.timeline import first_session

Tables = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Quiz:
    """One multiple-choice question, its options, key, explanation and hint."""

    quiz_id: str
    notebook: str
    minutes: int
    question: str
    options: tuple[str, ...]
    key: Callable[[Tables], int]  # index of the correct option, computed from the tables
    explanation: str
    hint: str


def _index(options: tuple[str, ...], wanted: str) -> int:
    """Index of ``wanted`` among ``options`` (ValueError when the data name no option)."""
    return options.index(wanted)


def key_cyber_dependent(tables: Tables) -> int:
    """The option whose UNODC act is cyber-dependent (acts 3, 6, 10, 11 in option order)."""
    acts = ("unodc_act_3", "unodc_act_6", "unodc_act_10", "unodc_act_11")
    kind = tables["offences"].set_index("offence_id")["typology_class"].astype(str)
    hits = [i for i, a in enumerate(acts) if kind[a] == "cyber_dependent"]
    if len(hits) != 1:
        raise ValueError(f"expected one cyber-dependent act among {acts}, found {hits}")
    return hits[0]


def key_target_10_8(tables: Tables) -> int:
    """Option 1 ('there is no 10.8') when Goal 10 has no target 10.8 in the official list."""
    return 1 if "10.8" not in set(tables["sdg_targets"]["target_id"]) else 0


def key_first_session(tables: Tables) -> int:
    """The option that matches the months in which the first negotiating session ran."""
    row = first_session(tables["milestones"])
    months = (row["start_date"].strftime("%m"), row["end_date"].strftime("%m"))
    return {("03", "03"): 0, ("02", "03"): 1, ("03", "04"): 2}[months]


def key_ratifications(tables: Tables) -> int:
    """The option naming the number of instruments the entry-into-force rule needs."""
    return _index(("20", "40", "60"), str(ratifications_needed(tables["milestones"])))


def key_concern_article(tables: Tables) -> int:
    """The option whose article draws the most concerns (arts 4, 7, 14, 35 in option order)."""
    counts = tables["concerns"]["article_id"].value_counts()
    refs = ("un_art_4", "un_art_7", "un_art_14", "un_art_35")
    scores = [int(counts.get(r, 0)) for r in refs]
    return scores.index(max(scores))


def key_news_only_vote(tables: Tables) -> int:
    """The confidence our milestones table gives the row of resolution 74/247."""
    conf = tables["milestones"].set_index("milestone_id").loc["ga_res_74_247", "confidence"]
    return _index(("primary", "secondary", "disputed", "unverified"), str(conf))  # option order


_LIST = [
    Quiz("q01-cyber-dependent", "01", 2,
         N_("Which of these UNODC acts is cyber-dependent, that is, could not exist without "
            "computers?"),
         (N_("Illegal interference with computer system or computer data"),
          N_("Computer-related fraud or forgery"),
          N_("Computer-related acts causing personal harm"),
          N_("Computer-related solicitation or “grooming” of children")),
         key_cyber_dependent,
         N_("Corrupting data or knocking a system offline only exists because computers do. "
            "Fraud and harassment are older crimes that ICT makes easier (cyber-enabled), and "
            "grooming belongs to OCSEA, which UNODC treats as a type of its own."),
         N_("Ask of each act: could it happen at all in a world without computers?")),
    Quiz("q02-target-10-8", "02", 2,
         N_("The article links online trafficking to “target 10.8”. What does the official "
            "list of SDG targets show?"),
         (N_("Target 10.8 is Goal 10's target on human trafficking"),
          N_("There is no 10.8: Goal 10's numbered targets stop at 10.7, then come 10.a to "
             "10.c"),
          N_("10.8 exists, but it is about migration"),
          N_("10.8 is a target of Goal 16")),
         key_target_10_8,
         N_("Targets are numbered within their goal, and Goal 10 continues with letters after "
            "10.7. Trafficking is named in targets of Goals 5, 8 and 16 instead."),
         N_("List Goal 10's targets in official order: what comes after 10.7?")),
    Quiz("q03-first-session", "03", 2,
         N_("The article dates the first negotiating session to March 2022. What do the data "
            "show?"),
         (N_("It ran entirely in March 2022"),
          N_("It opened in late February 2022 and closed in March 2022"),
          N_("It opened in March 2022 and closed in April 2022"),
          N_("It was held in Vienna in May 2022")),
         key_first_session,
         N_("The first session opened at the end of February and closed in March, so “March” "
            "fits only its second half. (Vienna hosted the second session.)"),
         N_("Compare the start and end dates of the first negotiating session.")),
    Quiz("q04-ratifications", "04", 2,
         N_("How many instruments of ratification, acceptance, approval or accession must be "
            "deposited before the Convention can enter into force?"),
         ("20", "40", "60", N_("One from every UN member state")),
         key_ratifications,
         N_("It takes effect 90 days after the 40th such instrument. Signatures do not count: "
            "signing shows intent, and a state is bound only once it deposits its instrument."),
         N_("Read the entry-into-force rule printed in this notebook.")),
    Quiz("q05-concern-article", "05", 2,
         N_("Which article of the adopted Convention do the most concerns in concerns.csv "
            "point at?"),
         (N_("Art. 4: offences under other UN conventions"), N_("Art. 7: illegal access"),
          N_("Art. 14: child sexual abuse material"),
          N_("Art. 35: international cooperation")),
         key_concern_article,
         N_("Illegal access draws the most linked concerns: groups feared it could catch "
            "security researchers, journalists and whistleblowers. Many other concerns are "
            "about the treaty as a whole and are not tied to one article."),
         N_("Look at the longest bar in the concerns chart (leave out the “no single article” "
            "bar).")),
    Quiz("q06-news-only-vote", "06", 2,
         N_("The recorded vote on resolution 74/247 is reported only by news agencies. Which "
            "confidence label does our milestones table give that row?"),
         (N_("Primary"), N_("Secondary"), N_("Disputed"), N_("Unverified")),
         key_news_only_vote,
         N_("A news report is a secondary source: it reports on the record rather than being "
            "it. Only an official record would make the row primary."),
         N_("Which kind of source is a news agency story: the record itself, or a report on "
            "it?")),
]

#: Every quiz, keyed by id, in notebook order.
QUIZZES: dict[str, Quiz] = {q.quiz_id: q for q in _LIST}


def for_notebook(notebook: str) -> list[Quiz]:
    """The quizzes of one notebook ("01" ... "06"), in the order they appear in it."""
    return [q for q in QUIZZES.values() if q.notebook == notebook]


def options(quiz_id: str) -> list[str]:
    """The options of a quiz in the current language."""
    return [_(o) for o in QUIZZES[quiz_id].options]


def _chosen(entry: Quiz, choice: object) -> int | None:
    """The index a choice stands for (option text or 0-based index), or None."""
    texts = [_(o) for o in entry.options]
    if isinstance(choice, int) and not isinstance(choice, bool):
        return choice if 0 <= choice < len(texts) else None
    if isinstance(choice, str):
        wanted = " ".join(choice.split()).casefold()
        return next((i for i, o in enumerate(texts) if o.casefold() == wanted), None)
    return None


def grade(quiz_id: str, choice: object, tables: Tables) -> str:
    """Grade one choice (option text or 0-based index): ✅ with the explanation, or 🔁 with
    the hint. Never raises, whatever ``choice`` is."""
    entry = QUIZZES.get(quiz_id) if isinstance(quiz_id, str) else None
    if entry is None:
        return f"{TRY} " + _("Unknown quiz {id!r}.").format(id=quiz_id)
    if choice is None or choice is ...:
        return f"{TRY} " + _("Pick an option first, then press Check.")
    try:
        index = _chosen(entry, choice)
        correct = entry.key(tables)
    except Exception:  # noqa: BLE001 - grading must never stop "Run all"
        return f"{TRY} " + _("This quiz could not be graded; run the cells above it again.")
    if index is None:
        return f"{TRY} " + _("That is not one of the {n} options.").format(
            n=len(entry.options)) + f" {_(entry.hint)}"
    if index == correct:
        return f"{OK} " + _("Correct.") + f" {_(entry.explanation)}"
    return f"{TRY} " + _("Not quite.") + f" {_(entry.hint)}"


class QuizWidget:
    """A displayed quiz: the widget box, with a short plain-text description."""

    def __init__(self, quiz_id: str, box: widgets.VBox, choice: widgets.RadioButtons,
                 button: widgets.Button, feedback: widgets.HTML) -> None:
        """Keep the parts so tests can press the button."""
        self.quiz_id, self.widget = quiz_id, box
        self.choice, self.button, self.feedback = choice, button, feedback

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        """Display as the widget; plain text names the quiz."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = _("Quiz with {n} options: run the notebook to answer it.").format(
            n=len(self.choice.options))
        return data


def show(quiz_id: str, tables: Tables) -> QuizWidget:
    """The quiz as a widget: question, RadioButtons, a Check button and escaped feedback."""
    entry = QUIZZES[quiz_id]
    question = widgets.HTML(f"<b>{esc(_(entry.question))}</b>")
    choice = widgets.RadioButtons(options=options(quiz_id), value=None,
                                  layout=widgets.Layout(width="auto"))
    button = widgets.Button(description=_("Check"), button_style="primary")
    feedback = widgets.HTML("")

    def on_check(_button: object = None) -> None:
        """Button callback: grade the current choice and show the escaped message."""
        feedback.value = esc(grade(quiz_id, choice.value, tables))

    button.on_click(on_check)
    box = widgets.VBox([question, choice, button, feedback])
    box.add_class("cte-quiz")
    return QuizWidget(quiz_id, box, choice, button, feedback)


def static_html(quiz_id: str, tables: Tables) -> str:
    """The quiz as self-contained HTML and a little inline script, for the offline site.

    Same question, options, key, explanation and hint as the widget; no kernel, no network.
    """
    entry = QUIZZES[quiz_id]
    name = f"quiz-{quiz_id}"
    choices = "".join(
        f"<label><input type='radio' name='{name}' value='{i}'> {esc(o)}</label><br>"
        for i, o in enumerate(options(quiz_id)))
    data = json.dumps({"key": entry.key(tables), "ok": f"{OK} {_('Correct.')} "
                       f"{_(entry.explanation)}", "no": f"{TRY} {_('Not quite.')} "
                       f"{_(entry.hint)}", "none": f"{TRY} "
                       f"{_('Pick an option first, then press Check.')}"})
    return (f"<div class='cte-quiz-static' data-quiz='{esc(data)}'>"
            f"<p><b>{esc(_(entry.question))}</b></p>{choices}"
            f"<button type='button' class='cte-quiz-check'>{esc(_('Check'))}</button>"
            f"<p class='cte-quiz-feedback' aria-live='polite'></p></div>")


#: The script that makes every static quiz on a page respond (inlined once per site page).
STATIC_SCRIPT = """
document.querySelectorAll('.cte-quiz-static').forEach(function (box) {
  var data = JSON.parse(box.getAttribute('data-quiz'));
  box.querySelector('.cte-quiz-check').addEventListener('click', function () {
    var picked = box.querySelector('input[type=radio]:checked');
    var out = box.querySelector('.cte-quiz-feedback');
    if (!picked) { out.textContent = data.none; return; }
    out.textContent = Number(picked.value) === data.key ? data.ok : data.no;
  });
});
"""
