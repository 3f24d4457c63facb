"""Self-checking exercises and the environment self-check.

Check functions never raise on a wrong answer ("Run all" must pass in CI and in class):
they return a message that starts with a tick or a hint.
"""

from __future__ import annotations

import importlib.metadata as md
from collections.abc import Iterable

OK = "✅"
TRY = "🔁"

#: Packages the notebooks need, with the oldest version known to work.
REQUIRED = {
    "pandas": "2.2",
    "plotly": "6.1",
    "ipywidgets": "8.1",
    "anywidget": "0.9.13",
    "frictionless": "5.18",
    "pycountry": "24.6",
}


def _version_tuple(text: str) -> tuple[int, ...]:
    """Leading numeric parts of a version string, e.g. "8.1.9rc1" -> (8, 1, 9)."""
    out = []
    for part in text.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        if not digits:
            break
        out.append(int(digits))
    return tuple(out)


def environment_report(required: dict[str, str] | None = None) -> list[str]:
    """One line per package: installed version and whether it is new enough, or missing."""
    lines = []
    for name, minimum in (required or REQUIRED).items():
        try:
            found = md.version(name)
        except md.PackageNotFoundError:
            lines.append(f"MISSING  {name} (need >= {minimum}): run python3 dev.py lab "
                         "from the project folder to install it")
            continue
        ok = _version_tuple(found) >= _version_tuple(minimum)
        status = "ok      " if ok else "TOO OLD "
        lines.append(f"{status} {name} >= {minimum}")
    return lines


def check_value(answer: object, expected: object, hint: str) -> str:
    """Compare an answer with the expected value; return a tick or the hint."""
    if answer is None or answer is ...:
        return f"{TRY} Not answered yet. {hint}"
    if isinstance(expected, str) and isinstance(answer, str):
        same = answer.strip().casefold() == expected.strip().casefold()
    else:
        same = answer == expected
    return f"{OK} Correct." if same else f"{TRY} Not quite. {hint}"


def check_set(answer: Iterable[object] | None, expected: Iterable[object], hint: str) -> str:
    """Compare an answer with the expected items, order ignored; return a tick or the hint."""
    if answer is None or answer is ...:
        return f"{TRY} Not answered yet. {hint}"
    got, want = {str(a).strip() for a in answer}, {str(e).strip() for e in expected}
    if got == want:
        return f"{OK} Correct."
    missing, extra = sorted(want - got), sorted(got - want)
    detail = []
    if missing:
        detail.append(f"{len(missing)} missing")
    if extra:
        detail.append(f"{len(extra)} not expected")
    return f"{TRY} Not quite ({', '.join(detail)}). {hint}"


#: The notebooks in teaching order: file, title, minutes (teaching + exercises), question.
NOTEBOOK_MAP = (
    {"file": "00-start-here.ipynb", "title": "Start here", "minutes": 10,
     "question": "How do I use this package and its widgets? Is my setup complete?"},
    {"file": "01-what-is-cybercrime.ipynb", "title": "What is cybercrime?", "minutes": 35,
     "question": "What counts as cybercrime, and why do definitions differ?"},
    {"file": "02-cybercrime-and-the-sdgs.ipynb", "title": "Cybercrime and the SDGs",
     "minutes": 30, "question": "How does cybercrime touch the SDGs, and what is 'target 10.8'?"},
    {"file": "03-road-to-a-treaty.ipynb", "title": "The road to a treaty", "minutes": 35,
     "question": "How did the treaty come about, step by step?"},
    {"file": "04-treaty-landscape.ipynb", "title": "The treaty landscape", "minutes": 35,
     "question": "How does it compare with earlier instruments, and who signed?"},
    {"file": "05-voices-rights-debate.ipynb", "title": "Voices and the rights debate",
     "minutes": 30, "question": "Who said what, and which provisions worry human-rights groups?"},
    {"file": "06-fact-check-the-article.ipynb", "title": "Fact-check the article",
     "minutes": 35, "question": "Which of the article's claims hold up?"},
)


def notebook_map_lines(rows: Iterable[dict] = NOTEBOOK_MAP) -> list[str]:
    """The notebook map as aligned text lines, ending with the total minutes."""
    rows = list(rows)
    width = max(len(r["title"]) for r in rows)
    lines = [f"{r['file'][:2]}  {r['title']:<{width}}  {r['minutes']:>3} min  {r['question']}"
             for r in rows]
    lines.append(f"Total: {len(rows)} notebooks, {sum(r['minutes'] for r in rows)} minutes")
    return lines
