"""Answer checks that never raise: "Run All" must complete in CI and in class.

A check returns a message that starts with ✅ or with 🔁 and a hint. Numbers compare by value
(12 == 12.0); text ignores case, accents, underscores and extra spaces; a table, a column, a
list, text for a number or a number for text gets a hint that says what kind of value is wanted.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Iterable

from helpers.i18n import _

OK = "✅"
TRY = "🔁"


def _plain_text(value: str) -> str:
    """Text folded for comparison: no accents, case, underscores or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s_]+", " ", bare).strip().casefold()


def _shape_hint(answer: object) -> str | None:
    """A hint when the answer is a table, a column or a list where one value was wanted."""
    if hasattr(answer, "columns") and hasattr(answer, "shape"):
        return _("That is a whole table (a DataFrame). Reduce it to the value asked for.")
    if hasattr(answer, "shape") and getattr(answer, "ndim", 0) > 0:
        return _("That is a whole column or array. Reduce it to one value, e.g. with len() or "
                 ".sum().")
    if isinstance(answer, list | tuple | set | frozenset | dict):
        return _("That is a collection. Give one value, not a list.")
    return None


def _is_number(value: object) -> bool:
    """True for ints and floats (numpy ones too), False for bools and everything else."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def not_answered(hint: str) -> str:
    """The message of a learner cell that still holds ``...``."""
    return f"{TRY} " + _("Not answered yet. {hint}").format(hint=hint)


def _compare_value(answer: object, expected: object, hint: str) -> str:
    """The body of :func:`check_value`; may raise on exotic answers (the caller catches)."""
    if answer is None or answer is ...:
        return not_answered(hint)
    shape = _shape_hint(answer)
    if shape:
        return f"{TRY} {shape} {hint}"
    if _is_number(expected):
        if isinstance(answer, str):
            return f"{TRY} " + _("You gave text ({answer!r}); write the number without "
                                 "quotes.").format(answer=answer) + f" {hint}"
        if not _is_number(answer):
            return f"{TRY} " + _("Expected a number, got {kind}.").format(
                kind=type(answer).__name__) + f" {hint}"
        same = math.isclose(float(answer), float(expected), rel_tol=1e-9, abs_tol=1e-9)
    elif isinstance(expected, str):
        if not isinstance(answer, str):
            return f"{TRY} " + _("Expected text in quotes, got {kind}.").format(
                kind=type(answer).__name__) + f" {hint}"
        same = _plain_text(answer) == _plain_text(expected)
    else:
        same = bool(answer == expected)
    return f"{OK} " + _("Correct.") if same else f"{TRY} " + _("Not quite.") + f" {hint}"


def check_value(answer: object, expected: object, hint: str) -> str:
    """Compare an answer with the expected value; return a tick or the hint, never raise."""
    try:
        return _compare_value(answer, expected, hint)
    except Exception as err:  # noqa: BLE001 - a check must never stop "Run all"
        return f"{TRY} " + _("That answer could not be compared ({error}).").format(
            error=type(err).__name__) + f" {hint}"


def _items(answer: object) -> list[object] | str:
    """The answer's items as a list, or a hint (str) when it is not a list of items."""
    if isinstance(answer, str | bytes):
        return _("That is one piece of text; put the items in a list, e.g. [\"a\", \"b\"].")
    if hasattr(answer, "columns") and hasattr(answer, "shape"):
        return _("That is a whole table (a DataFrame); select one column, then list its "
                 "values.")
    if isinstance(answer, dict):
        return _("That is a dictionary; give a list of the items.")
    if not isinstance(answer, Iterable):
        return _("Expected a list of items, got {kind}.").format(kind=type(answer).__name__)
    return list(answer)


def _compare_set(answer: object, expected: Iterable[object], hint: str) -> str:
    """The body of :func:`check_set`; may raise on exotic answers (the caller catches)."""
    if answer is None or answer is ...:
        return not_answered(hint)
    items = _items(answer)
    if isinstance(items, str):
        return f"{TRY} {items} {hint}"
    got = {_plain_text(str(a)) for a in items}
    want = {_plain_text(str(e)) for e in expected}
    if got == want:
        return f"{OK} " + _("Correct.")
    detail = []
    if want - got:
        detail.append(_("{n} missing").format(n=len(want - got)))
    if got - want:
        detail.append(_("{n} not expected").format(n=len(got - want)))
    return f"{TRY} " + _("Not quite ({detail}).").format(detail=", ".join(detail)) + f" {hint}"


def check_set(answer: Iterable[object] | None, expected: Iterable[object], hint: str) -> str:
    """Compare an answer with the expected items, order ignored; return a tick or the hint.

    Never raises: text, a number, a table or a dictionary instead of a list gets a hint.
    """
    try:
        return _compare_set(answer, expected, hint)
    except Exception as err:  # noqa: BLE001 - a check must never stop "Run all"
        return f"{TRY} " + _("That answer could not be compared ({error}).").format(
            error=type(err).__name__) + f" {hint}"
