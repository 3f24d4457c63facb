"""Text that goes from the CSVs to a screen: escaping, wrapping, human labels, tables.

Two escapes, because two renderers interpret markup:

- :func:`esc` for HTML widgets and tables (ipywidgets ``HTML``, exported pages);
- :func:`ptext` for Plotly text (titles, hover, labels, ticks), which renders a subset of HTML
  (``<b>``, ``<br>``, ``<a href>``); escaped, a "<" in the data shows as typed.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable, Mapping

import pandas as pd

from helpers.data import descriptor
from helpers.i18n import _


def esc(value: object) -> str:
    """HTML-escape one value from the data (None and NA become an empty string)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def ptext(value: object) -> str:
    """Escape one value from the data for Plotly text (markup shows as typed)."""
    return html.escape(str(value), quote=False)


def ptexts(values: Iterable[object]) -> list[str | None]:
    """:func:`ptext` over a sequence, keeping None (the gaps between line segments)."""
    return [None if v is None else ptext(v) for v in values]


def collate(text: object) -> str:
    """Sort key for names in any language: accents and case ignored ('États' sorts with 'E')."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def wrap(text: object, width: int = 28) -> str:
    """Break a label into lines of about ``width`` characters joined by <br> (for Plotly).

    The words are escaped with :func:`ptext`, so only the inserted <br> tags are markup.
    """
    lines: list[str] = []
    for word in map(ptext, str(text).split()):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def shorten(text: object, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis (whole text if it fits)."""
    value = str(text)
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


def plain_words(code: object) -> str:
    """A code in plain English words: 'negotiating_session' -> 'Negotiating session'."""
    return str(code).replace("_", " ").capitalize()


def plain(code: object) -> str:
    """:func:`plain_words` in the current language."""
    return _(plain_words(code))


def label_words(table: str, column: str, value: object) -> str:
    """The English display label of an enum value: its ``enumLabels`` entry, else its code in
    plain words (the message id of :func:`label`)."""
    labels = descriptor.category_labels(table, column)
    text = str(value)
    return labels[text] if text in labels else plain_words(text)


def label(table: str, column: str, value: object) -> str:
    """The display label of an enum value in the current language."""
    return _(label_words(table, column, value))


def table_words(name: str) -> str:
    """'sdg_links' -> 'SDG links' (the message id of a table's display name)."""
    words = ["SDG" if w == "sdg" else "UN" if w == "un" else w for w in name.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def labels(table: str, column: str) -> dict[str, str]:
    """Every allowed value of an enum column -> its display label, in schema order."""
    return {v: label(table, column, v) for v in descriptor.categories(table, column)}


def counts_phrase(counts: Mapping[str, int], names: Mapping[str, str] | None = None) -> str:
    """'primary 12, secondary 3' from a mapping of value -> count (zeros left out)."""
    shown = names or {}
    return ", ".join(f"{shown.get(k, k)} {int(n)}" for k, n in counts.items() if int(n))


def html_table(frame: pd.DataFrame, columns: Iterable[str] | None = None,
               headers: Mapping[str, str] | None = None) -> str:
    """``frame`` as a small HTML table, every header and cell escaped."""
    cols = list(columns) if columns is not None else list(frame.columns)
    names = headers or {}
    head = "".join(f"<th style='text-align:left'>{esc(names.get(c, c))}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>"
                   for row in frame[cols].itertuples(index=False))
    return (f"<table class='cte-table'><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")
