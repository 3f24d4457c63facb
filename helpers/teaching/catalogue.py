"""The notebook catalogue: the one list of notebooks, their titles, questions and minutes.

Minutes are *computed*: the teaching minutes stored here plus the minutes of the notebook's
exercises and quizzes from their registries. The README table, each notebook's "Time to learn"
line, the notebook map in ``00-start-here`` and the facilitator's tables are all generated
from here, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.i18n import N_, _, language
from helpers.teaching import exercises, quiz


@dataclass(frozen=True)
class Notebook:
    """One teaching notebook."""

    number: str
    slugs: dict[str, str]  # language -> file name without the number and extension
    title: str
    question: str
    teaching: int  # minutes of reading, demonstration and exploring

    def file(self, lang: str | None = None) -> str:
        """The notebook's file name in a language (default: the current one)."""
        lang = lang or language()
        return f"{self.number}-{self.slugs.get(lang, self.slugs['en'])}.ipynb"

    def exercise_minutes(self) -> int:
        """Minutes of the notebook's exercises."""
        return sum(e.minutes for e in exercises.for_notebook(self.number))

    def quiz_minutes(self) -> int:
        """Minutes of the notebook's quizzes."""
        return sum(q.minutes for q in quiz.for_notebook(self.number))

    def minutes(self) -> int:
        """Total self-paced minutes: teaching, exercises and quizzes."""
        return self.teaching + self.exercise_minutes() + self.quiz_minutes()


NOTEBOOKS = (
    Notebook("00", {"en": "start-here", "fr": "pour-commencer"}, N_("Start here"),
             N_("How do I use this package and its explorers? Is my setup complete?"), 10),
    Notebook("01", {"en": "what-is-cybercrime", "fr": "qu-est-ce-que-la-cybercriminalite"},
             N_("What is cybercrime?"),
             N_("What counts as cybercrime, and why do definitions differ?"), 20),
    Notebook("02", {"en": "cybercrime-and-the-sdgs", "fr": "cybercriminalite-et-odd"},
             N_("Cybercrime and the SDGs"),
             N_("How does cybercrime touch the SDGs, and what is “target 10.8”?"), 15),
    Notebook("03", {"en": "road-to-a-treaty", "fr": "le-chemin-vers-un-traite"},
             N_("The road to a treaty"), N_("How did the treaty come about, step by step?"), 20),
    Notebook("04", {"en": "treaty-landscape", "fr": "paysage-des-traites"},
             N_("The treaty landscape"),
             N_("How does it compare with earlier instruments, and who has signed?"), 20),
    Notebook("05", {"en": "voices-rights-debate", "fr": "voix-et-debat-sur-les-droits"},
             N_("Voices and the rights debate"),
             N_("Who said what, and which provisions worry human-rights groups?"), 15),
    Notebook("06", {"en": "fact-check-the-article", "fr": "verifier-l-article"},
             N_("Fact-check the article"), N_("Which of the article's claims hold up?"), 20),
)

BY_NUMBER = {nb.number: nb for nb in NOTEBOOKS}


def time_to_learn(number: str) -> str:
    """The "Time to learn" sentence of one notebook, from its minutes."""
    nb = BY_NUMBER[number]
    ex, qz = len(exercises.for_notebook(number)), len(quiz.for_notebook(number))
    if not ex and not qz:
        return _("About {total} minutes.").format(total=nb.minutes())
    return _("About {total} minutes: {teach} minutes of reading and exploring, {ex_min} minutes "
             "for the {ex} exercises and {qz_min} minutes for the quiz. Each exercise states "
             "its kind and minutes.").format(total=nb.minutes(), teach=nb.teaching,
                                            ex_min=nb.exercise_minutes(), ex=ex,
                                            qz_min=nb.quiz_minutes())


def map_lines() -> list[str]:
    """The notebook map of ``00-start-here``: number, title, minutes and question."""
    width = max(len(_(nb.title)) for nb in NOTEBOOKS)
    lines = [f"{nb.number}  {_(nb.title):<{width}}  {nb.minutes():>3} min  {_(nb.question)}"
             for nb in NOTEBOOKS]
    total = sum(nb.minutes() for nb in NOTEBOOKS)
    lines.append(_("In all: {n} notebooks, {total} minutes").format(n=len(NOTEBOOKS),
                                                                   total=total))
    return lines


def readme_table(lang: str = "en") -> str:
    """The Markdown table of the notebooks for the README (one line per notebook)."""
    head = [f"| # | {_('Notebook')} | {_('Minutes')} | {_('Question it answers')} |",
            "|---|---|---|---|"]
    rows = [f"| {nb.number} | `{nb.file(lang)}` | {nb.minutes()} | {_(nb.question)} |"
            for nb in NOTEBOOKS]
    return "\n".join([*head, *rows])
