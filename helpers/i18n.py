"""Languages: every string a learner reads goes through :func:`_` (or :func:`ngettext`).

English is the source language: the English text *is* the message id, so English needs no
catalogue. Other languages read a gettext catalogue, ``locale/<lang>/LC_MESSAGES/cte.po``,
with Babel (the standard Python gettext tooling). A message with no translation falls back to
English; the tests fail when any message of the package or of a notebook source lacks one.

In a notebook::

    from helpers import set_language
    set_language("fr")      # charts, widgets, checks and quizzes now speak French

Mark text for extraction without translating it yet (module-level constants) with :func:`N_`.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

#: The folder holding ``<lang>/LC_MESSAGES/cte.po``.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "cte"
#: Languages the package ships, source language first.
LANGUAGES = ("en", "fr")
SOURCE = "en"

_current = {"lang": SOURCE}


def set_language(lang: str) -> None:
    """Make every later chart, widget, check and summary use ``lang`` ("en" or "fr")."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current["lang"] = lang


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Use ``lang`` inside a ``with`` block, then go back to the language before it."""
    before = language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def language() -> str:
    """The language in use ("en" unless :func:`set_language` chose another)."""
    return _current["lang"]


def po_path(lang: str) -> Path:
    """Where the catalogue of ``lang`` lives."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=4)
def catalogue(lang: str) -> tuple[dict[object, object], Callable[[int], int]]:
    """(messages, plural rule) of one language: msgid (or (singular, plural)) -> translation.

    Fuzzy and empty translations are left out, so they fall back to English.
    """
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as handle:
        cat = read_po(handle, locale=lang)
    found: dict[object, object] = {}
    for message in cat:
        if not message.id or message.fuzzy:
            continue
        text = message.string
        if isinstance(text, tuple | list):
            if all(text):  # plural: keyed by the singular, as ngettext looks it up
                key = message.id[0] if isinstance(message.id, tuple | list) else message.id
                found[key] = tuple(text)
        elif text:
            found[message.id] = text
    return found, gettext.c2py(cat.plural_expr)


def _(message: str) -> str:
    """``message`` in the current language (English is the message id itself)."""
    lang = language()
    if lang == SOURCE:
        return message
    text = catalogue(lang)[0].get(message)
    return text if isinstance(text, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the current language (unformatted)."""
    lang = language()
    if lang != SOURCE:
        messages, rule = catalogue(lang)
        forms = messages.get(singular)
        if isinstance(forms, tuple):
            return forms[min(rule(int(n)), len(forms) - 1)]
    return singular if int(n) == 1 else plural


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (translate at use)."""
    return message


#: Date patterns (CLDR, as Babel reads them) and the English ``strftime`` text they replace.
DATE_PATTERNS = {"month": "MMM y", "month_long": "MMMM y", "day": "dd MMM y",
                 "day_month": "dd MMM"}


def label_colon(name: str) -> str:
    """``name`` followed by a colon as the language writes it ("Portée :" with a no-break
    space in French, "Scope:" in English)."""
    return _("{name}:").format(name=name)


def format_date(value: object, style: str = "day") -> str:
    """A date in the current language: ``month`` 'Feb 2022' / 'févr. 2022', ``month_long``
    'February 2022' / 'février 2022', ``day`` '07 Feb 2022', ``day_month`` '07 Feb'.

    ISO dates (``YYYY-MM-DD``) need no translation and stay as they are elsewhere.
    """
    import pandas as pd
    from babel.dates import format_date as babel_format

    return babel_format(pd.Timestamp(value).date(), DATE_PATTERNS[style], locale=language())
