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
