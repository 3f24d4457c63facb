"""The workshop plan: the 3-hour plan, the 90-minute cut, and the table of every activity.

A block's minutes are computed (walk-through + discussion + the minutes of its in-class
activities) and its start time is the sum of the blocks before it, so a plan cannot be
inconsistent. ``docs/FACILITATOR.md`` gets its tables from :func:`plan_table` and
:func:`activity_table` when it is generated.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.i18n import N_, _
from helpers.teaching import catalogue, exercises, quiz


@dataclass(frozen=True)
class Block:
    """One block of a plan: a notebook (or a break), what is shown and what is done."""

    name: str
    notebook: str | None  # "03", or None for breaks and the wrap-up
    walkthrough: int
    discussion: int = 0
    in_class: tuple[str, ...] = ()
    extension: tuple[str, ...] = ()
    fixed: int = 0  # minutes of a block with no activities (a break)

    def minutes(self) -> int:
        """Walk-through + discussion + in-class activities (or the fixed length)."""
        return self.fixed + self.walkthrough + self.discussion + sum(
            activity_minutes(a) for a in self.in_class)


def activity_minutes(activity_id: str) -> int:
    """Minutes of one exercise or quiz."""
    if activity_id in exercises.EXERCISES:
        return exercises.EXERCISES[activity_id].minutes
    return quiz.QUIZZES[activity_id].minutes


def activity_notebook(activity_id: str) -> str:
    """Notebook number ("03") of one exercise or quiz."""
    if activity_id in exercises.EXERCISES:
        return exercises.EXERCISES[activity_id].notebook
    return quiz.QUIZZES[activity_id].notebook


BREAK = N_("Break")
PLANS: dict[str, tuple[Block, ...]] = {
    "three_hours": (
        Block(N_("Welcome and setup check"), "00", 10),
        Block(N_("1. What is cybercrime?"), "01", 15, 0,
              ("q01-cyber-dependent", "01-equivalent-count", "01-harm-article"),
              ("01-equivalent-articles",)),
        Block(N_("2. Cybercrime and the SDGs"), "02", 10, 0,
              ("02-goal16-links", "q02-target-10-8", "02-cited-targets"), ("02-bribery-target",)),
        Block(BREAK, None, 0, fixed=10),
        Block(N_("3. The road to a treaty"), "03", 15, 0,
              ("03-session-count", "q03-first-session", "03-concluding-days"),
              ("03-consultation-city",)),
        Block(N_("4. The treaty landscape"), "04", 15, 0,
              ("04-rarest-subject", "04-by-hanoi-end", "q04-ratifications"),
              ("04-late-signers",)),
        Block(BREAK, None, 0, fixed=10),
        Block(N_("5. Voices and the rights debate"), "05", 10, 10,
              ("05-verbatim-count", "05-reported-speaker", "q05-concern-article"),
              ("05-verbatim-speakers",)),
        Block(N_("6. Fact-check the article"), "06", 10, 0,
              ("06-supported-count", "06-first-meeting-verdict", "q06-news-only-vote"),
              ("06-imprecise-or-incorrect",)),
        Block(N_("Wrap-up"), None, 5),
    ),
    "ninety_minutes": (
        Block(N_("Welcome"), "00", 5),
        Block(N_("1. What is cybercrime?"), "01", 10, 0,
              ("q01-cyber-dependent", "01-equivalent-count", "01-harm-article"),
              ("01-equivalent-articles",)),
        Block(N_("3. The road to a treaty"), "03", 10, 0,
              ("03-session-count", "q03-first-session", "03-concluding-days"),
              ("03-consultation-city",)),
        Block(BREAK, None, 0, fixed=5),
        Block(N_("5. Voices and the rights debate"), "05", 10, 10,
              ("05-verbatim-count", "q05-concern-article"),
              ("05-reported-speaker", "05-verbatim-speakers")),
        Block(N_("6. Fact-check the article"), "06", 5, 0,
              ("06-supported-count", "q06-news-only-vote"),
              ("06-first-meeting-verdict", "06-imprecise-or-incorrect")),
        Block(N_("Wrap-up"), None, 5),
    ),
}
#: The length each plan is designed to fill (a test holds the plans to it).
TARGET_MINUTES = {"three_hours": 180, "ninety_minutes": 90}


def _clock(minutes: int) -> str:
    """'1:05' for 65 minutes."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def _ids(values: tuple[str, ...]) -> str:
    """'`a`, `b`' or '-'."""
    return ", ".join(f"`{v}`" for v in values) or "-"


def plan_table(name: str, lang: str = "en") -> str:
    """One plan as a Markdown table with computed start times and minutes."""
    head = ("| " + " | ".join(_(h) for h in (N_("Start"), N_("Block"), N_("Minutes"),
                                              N_("Notebook"), N_("Walk-through"),
                                              N_("Discussion"), N_("In class"),
                                              N_("Extension"))) + " |")
    lines = [head, "|---|---|---|---|---|---|---|---|"]
    clock = 0
    for block in PLANS[name]:
        book = f"`{catalogue.BY_NUMBER[block.notebook].file(lang)}`" if block.notebook else "-"
        lines.append(f"| {_clock(clock)} | {_(block.name)} | {block.minutes()} | {book} | "
                     f"{block.walkthrough} | {block.discussion} | {_ids(block.in_class)} | "
                     f"{_ids(block.extension)} |")
        clock += block.minutes()
    return "\n".join(lines)


def activities(lang: str = "en") -> list[dict]:
    """Every exercise and quiz in notebook order: notebook, id, kind, minutes, question."""
    rows = []
    for nb in catalogue.NOTEBOOKS:
        for e in exercises.for_notebook(nb.number):
            rows.append({"notebook": nb.file(lang), "id": e.exercise_id,
                         "kind": _(exercises.KINDS[e.kind]), "minutes": e.minutes,
                         "question": _(e.question)})
        for q in quiz.for_notebook(nb.number):
            rows.append({"notebook": nb.file(lang), "id": q.quiz_id, "kind": _("Quiz"),
                         "minutes": q.minutes, "question": _(q.question)})
    return rows


def activity_table(lang: str = "en") -> str:
    """The Markdown table of :func:`activities`, with a total line."""
    lines = [f"| {_('Notebook')} | {_('Id')} | {_('Kind')} | {_('Minutes')} | "
             f"{_('Question')} |", "|---|---|---|---|---|"]
    rows = activities(lang)
    for r in rows:
        question = r["question"].replace("|", "\\|")
        lines.append(f"| `{r['notebook']}` | `{r['id']}` | {r['kind']} | {r['minutes']} | "
                     f"{question} |")
    lines.append("")
    lines.append(_("In all: {n} activities, {minutes} minutes.").format(
        n=len(rows), minutes=sum(r["minutes"] for r in rows)))
    return "\n".join(lines)
