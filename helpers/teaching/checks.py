"""Self-checking exercises and the environment self-check.

Check functions never raise on a wrong answer ("Run all" must pass in CI and in class):
they return a message that starts with a tick or a hint.
"""

from __future__ import annotations

import importlib.metadata as md
import math
import numbers
import re
import unicodedata
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


def _plain_text(value: str) -> str:
    """Text folded for comparison: no accents, case, underscores or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s_]+", " ", bare).strip().casefold()


def _shape_hint(answer: object) -> str | None:
    """A hint when the answer is a table, a column or a list where one value was wanted."""
    if hasattr(answer, "columns") and hasattr(answer, "shape"):
        return "That is a whole table (a DataFrame). Reduce it to the value asked for."
    if hasattr(answer, "shape") and getattr(answer, "ndim", 0) > 0:
        return "That is a whole column or array. Reduce it to one value, e.g. with len() or .sum()."
    if isinstance(answer, list | tuple | set | frozenset | dict):
        return "That is a collection. Give one value, not a list."
    return None


def _is_number(value: object) -> bool:
    """True for ints and floats (numpy ones too), False for bools and everything else."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _compare_value(answer: object, expected: object, hint: str) -> str:
    """The body of :func:`check_value`; may raise on exotic answers (the caller catches)."""
    if answer is None or answer is ...:
        return f"{TRY} Not answered yet. {hint}"
    shape = _shape_hint(answer)
    if shape:
        return f"{TRY} {shape} {hint}"
    if _is_number(expected):
        if isinstance(answer, str):
            return (f"{TRY} You gave text ({answer!r}); write the number without quotes. "
                    f"{hint}")
        if not _is_number(answer):
            return f"{TRY} Expected a number, got {type(answer).__name__}. {hint}"
        same = math.isclose(float(answer), float(expected), rel_tol=1e-9, abs_tol=1e-9)
    elif isinstance(expected, str):
        if not isinstance(answer, str):
            return (f"{TRY} Expected text in quotes, got {type(answer).__name__}. {hint}")
        same = _plain_text(answer) == _plain_text(expected)
    else:
        same = bool(answer == expected)
    return f"{OK} Correct." if same else f"{TRY} Not quite. {hint}"


def check_value(answer: object, expected: object, hint: str) -> str:
    """Compare an answer with the expected value; return a tick or the hint, never raise.

    Numbers compare by value (12 == 12.0), text ignores case, accents, underscores and extra
    spaces; a table, a column, a list, text for a number or a number for text gets a hint
    that says what kind of value is wanted.
    """
    try:
        return _compare_value(answer, expected, hint)
    except Exception as err:  # noqa: BLE001 - a check must never stop "Run all"
        return f"{TRY} That answer could not be compared ({type(err).__name__}). {hint}"


def _items(answer: object) -> list[object] | str:
    """The answer's items as a list, or a hint (str) when it is not a list of items."""
    if isinstance(answer, str | bytes):
        return "That is one piece of text; put the items in a list, e.g. [\"a\", \"b\"]."
    if hasattr(answer, "columns") and hasattr(answer, "shape"):
        return "That is a whole table (a DataFrame); select one column, then list its values."
    if isinstance(answer, dict):
        return "That is a dictionary; give a list of the items."
    if not isinstance(answer, Iterable):
        return f"Expected a list of items, got {type(answer).__name__}."
    return list(answer)


def _compare_set(answer: object, expected: Iterable[object], hint: str) -> str:
    """The body of :func:`check_set`; may raise on exotic answers (the caller catches)."""
    if answer is None or answer is ...:
        return f"{TRY} Not answered yet. {hint}"
    items = _items(answer)
    if isinstance(items, str):
        return f"{TRY} {items} {hint}"
    got = {_plain_text(str(a)) for a in items}
    want = {_plain_text(str(e)) for e in expected}
    if got == want:
        return f"{OK} Correct."
    missing, extra = sorted(want - got), sorted(got - want)
    detail = []
    if missing:
        detail.append(f"{len(missing)} missing")
    if extra:
        detail.append(f"{len(extra)} not expected")
    return f"{TRY} Not quite ({', '.join(detail)}). {hint}"


def check_set(answer: Iterable[object] | None, expected: Iterable[object], hint: str) -> str:
    """Compare an answer with the expected items, order ignored; return a tick or the hint.

    Never raises: text, a number, a table or a dictionary instead of a list gets a hint.
    Items compare like text in :func:`check_value` (case, accents and underscores ignored).
    """
    try:
        return _compare_set(answer, expected, hint)
    except Exception as err:  # noqa: BLE001 - a check must never stop "Run all"
        return f"{TRY} That answer could not be compared ({type(err).__name__}). {hint}"


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
