"""Pieces every topic uses: the "All" choice, dates as text, as-of dates, source lists."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.data.descriptor import categories, resource
from helpers.i18n import SOURCE, _, language
from helpers.text import label, table_words

#: The value of an "everything" choice in a filter menu (its label is translated).
ALL = "All"


def all_label() -> str:
    """The label of the "everything" choice."""
    return _("All")


def day(value: object) -> str:
    """A date as 'YYYY-MM-DD' ('' for a missing date)."""
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def as_of(frame: pd.DataFrame, column: str = "as_of") -> str:
    """Latest as-of date in a table, as 'YYYY-MM-DD': the date its status figures describe."""
    return day(frame[column].max())


def choices(frame: pd.DataFrame, column: str, table: str | None = None) -> list[tuple[str, str]]:
    """Menu options: "All", then each distinct value of ``column`` (enum labels if ``table``)."""
    values = sorted(frame[column].astype("string").dropna().unique())
    shown = [(label(table, column, v) if table else str(v), str(v)) for v in values]
    return [(all_label(), ALL), *shown]


def sources_used(sources: pd.DataFrame, *frames: pd.DataFrame) -> pd.DataFrame:
    """Rows of sources.csv cited by any of the frames (their source_id), sorted by id."""
    ids = set().union(*(set(f["source_id"].dropna()) for f in frames))
    rows = sources[sources["source_id"].isin(ids)].sort_values("source_id")
    return rows.reset_index(drop=True)


def source_lines(sources: pd.DataFrame, *frames: pd.DataFrame) -> list[str]:
    """One line per cited source: title, publisher, kind and address."""
    rows = sources_used(sources, *frames)
    return [f"{r.title}. {r.publisher} ({label('sources', 'kind', r.kind)}). {r.url}"
            for r in rows.itertuples()]


def count_by(frame: pd.DataFrame, column: str, table: str) -> list[tuple[str, int]]:
    """(label, count) of each value of an enum column, in schema order, zeros left out."""
    counts = frame[column].astype("string").value_counts()
    return [(label(table, column, v), int(counts[v])) for v in categories(table, column)
            if v in counts.index]


def phrase(pairs: Iterable[tuple[str, int]]) -> str:
    """'primary 12, secondary 3' from (label, count) pairs."""
    return ", ".join(f"{name} {n}" for name, n in pairs)


def table_label(name: str) -> str:
    """'sdg_links' -> 'SDG links', 'treaty_articles' -> 'Treaty articles' (translated)."""
    return _(table_words(name))


def table_sizes(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each table with its number of rows and columns (as in its file: a translation shown
    beside a column is not a column of the file), in package order."""
    frame = pd.DataFrame({_("Table"): [table_label(n) for n in tables],
                          _("File"): [f"{n}.csv" for n in tables],
                          _("Rows"): [len(f) for f in tables.values()],
                          _("Columns"): [len(resource(n)["schema"]["fields"]) for n in tables]})
    return frame


def translation_lines(tables: dict[str, pd.DataFrame], *names: str) -> list[str]:
    """How the data text of the named tables reached the current language: one line per
    table with its official, reference and our own translations (nothing in English, the
    language of the data)."""
    rows = tables.get("translations")
    if language() == SOURCE or rows is None:
        return []
    mine = rows[(rows["lang"].astype("string") == language()) & rows["table"].isin(names)]
    out = []
    for name in names:
        counts = count_by(mine[mine["table"] == name], "origin", "translations")
        if counts:
            out.append(_("Text of {table} in this language: {mix}").format(
                table=table_label(name), mix=phrase(counts)))
    return out
