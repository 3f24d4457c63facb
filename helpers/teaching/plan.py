"""The table of every exercise and quiz, for the facilitator guide (docs/FACILITATOR.md).

The guide holds the table between two marker comments; ``python -m helpers.plan --write``
regenerates it from the registries in ``helpers.exercises`` and ``helpers.quiz``, and a test
fails when the guide and the registries disagree, so the table cannot drift.
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import exercises, quiz
from helpers.checks import NOTEBOOK_MAP

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "FACILITATOR.md"
START, END = "<!-- activities:start -->", "<!-- activities:end -->"


def activities() -> list[dict]:
    """Every exercise and quiz in notebook order: notebook, id, kind, minutes, question."""
    rows = []
    for entry in NOTEBOOK_MAP:
        number = entry["file"][:2]
        for e in exercises.for_notebook(number):
            rows.append({"notebook": entry["file"], "id": e.exercise_id,
                         "kind": exercises.KINDS[e.kind], "minutes": e.minutes,
                         "question": e.question})
        for q in quiz.for_notebook(number):
            rows.append({"notebook": entry["file"], "id": q.quiz_id, "kind": "Quiz",
                         "minutes": q.minutes, "question": q.question})
    return rows


def minutes_by_notebook() -> dict[str, tuple[int, int]]:
    """Per notebook number: (minutes of its exercises, minutes of its quizzes)."""
    out = {}
    for entry in NOTEBOOK_MAP:
        number = entry["file"][:2]
        out[number] = (sum(e.minutes for e in exercises.for_notebook(number)),
                       sum(q.minutes for q in quiz.for_notebook(number)))
    return out


def activity_table() -> str:
    """The Markdown table of :func:`activities`, with a total line."""
    lines = ["| Notebook | Id | Kind | Minutes | Question |", "|---|---|---|---|---|"]
    rows = activities()
    for r in rows:
        question = r["question"].replace("|", "\\|")
        lines.append(f"| `{r['notebook']}` | `{r['id']}` | {r['kind']} | {r['minutes']} | "
                     f"{question} |")
    lines.append(f"\nTotal: {len(rows)} activities, {sum(r['minutes'] for r in rows)} minutes.")
    return "\n".join(lines)


def guide_block(text: str) -> str:
    """The text between the activity markers of the guide ('' if the markers are missing)."""
    if START not in text or END not in text:
        return ""
    return text.split(START, 1)[1].split(END, 1)[0].strip()


def write_guide(path: Path = GUIDE) -> None:
    """Replace the table between the markers in the guide with a fresh one."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    path.write_text(f"{head}{START}\n{activity_table()}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str]) -> int:
    """Print the table, or with --write update docs/FACILITATOR.md in place."""
    if "--write" in argv:
        write_guide()
        print(f"updated {GUIDE.name}")
    else:
        print(activity_table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
