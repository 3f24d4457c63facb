"""Freshness: which status dates in the data need re-checking, most urgent first.

A status table (who signed, how many parties) is only as good as the date it describes. The
as-of columns come from ``data/datapackage.json`` (every field whose name contains ``as_of``).
Two findings, kept apart so a warning points at real work:

* **behind a newer source**: the row's as-of date is older than the publication date of a
  source the package already holds on it: its own source, or, for a table whose rows form one
  status list (``"asOfScope": "table"`` on the resource, e.g. the signature list), the newest
  source of the whole list. The data may not say what our own sources say: re-read that
  source first.

Rows whose status cannot change (listed on the resource as ``"asOfSkip": {"status":
["not_a_treaty", ...]}``) are left out: a model law's status date is not out of date.
* **older than the limit** (180 days by default) but not behind any source we hold: a reminder
  to look for newer sources.

Command line: ``python3 dev.py freshness [YYYY-MM-DD]`` (default today). It never fails: being
out of date is a reason to re-check sources, not a broken package.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from helpers.data.descriptor import read_descriptor
from helpers.data.load import load_all

MAX_AGE_DAYS = 180
MARKER = "as_of"


class StaleDataWarning(UserWarning):
    """Some as-of dates in the data need re-checking."""


@dataclass(frozen=True, order=True)
class StaleDate:
    """One as-of cell that needs re-checking."""

    table: str
    row: int
    column: str
    as_of: date
    age_days: int
    newer_source: date | None = None  # the newest source on this table, if newer

    def __str__(self) -> str:
        """Render as "table, row N, column C: YYYY-MM-DD (D days old[; a source of ...])"."""
        text = (f"{self.table}, row {self.row}, column {self.column}: "
                f"{self.as_of.isoformat()} ({self.age_days} days old")
        if self.newer_source:
            text += f"; the package holds a source of {self.newer_source.isoformat()}"
        return text + ")"


def as_of_columns(descriptor: Mapping[str, Any]) -> dict[str, list[str]]:
    """Table name -> its fields whose name contains ``as_of``, from a datapackage descriptor."""
    found = {}
    for resource in descriptor["resources"]:
        names = [f["name"] for f in resource["schema"]["fields"] if MARKER in f["name"]]
        if names:
            found[resource["name"]] = names
    return found


def newer_sources(tables: Mapping[str, pd.DataFrame], table: str,
                  scope: str = "row") -> pd.Series:
    """Per row of ``table``: the publication date its as-of dates are held against.

    ``scope`` "row": the row's own source; "table": the newest source any row of the table
    cites (the rows form one list, read on one day). Sources without a publication date do not
    count: the day we read a page says nothing about how new it is.
    """
    frame = tables[table]
    sources = tables.get("sources")
    if sources is None or "source_id" not in frame:
        return pd.Series(pd.NaT, index=frame.index)
    published = sources.set_index("source_id")["published"]
    own = frame["source_id"].map(published)
    if scope == "table":
        return pd.Series(own.max(), index=frame.index)
    return own


def stale_as_of(tables: Mapping[str, pd.DataFrame], today: date,
                max_age_days: int = MAX_AGE_DAYS,
                columns: Mapping[str, Sequence[str]] | None = None) -> list[StaleDate]:
    """Every as-of cell older than ``max_age_days`` or than the newest source of its table.

    ``tables`` maps table names to frames in file order (as ``load_all`` returns them). Row
    numbers count the header as row 1, as in validation errors. A date exactly
    ``max_age_days`` old is still fresh; empty cells are skipped.
    """
    descriptor = read_descriptor()
    if columns is None:
        columns = as_of_columns(descriptor)
    resources = {r["name"]: r for r in descriptor["resources"]}
    found = []
    for table, names in columns.items():
        if table not in tables:
            continue
        resource = resources.get(table, {})
        frame = tables[table]
        keep = pd.Series(True, index=frame.index)
        for column, values in resource.get("asOfSkip", {}).items():
            if column in frame:
                keep &= ~frame[column].astype("string").isin(values)
        newer = newer_sources(tables, table, resource.get("asOfScope", "row"))
        for column in names:
            cells = frame[column].where(keep)
            found += _stale_in(table, column, cells, today, max_age_days, newer)
    return sorted(found)


def _stale_in(table: str, column: str, values: pd.Series, today: date, max_age_days: int,
              newer: pd.Series) -> list[StaleDate]:
    """The cells of one column that need re-checking."""
    dates = pd.to_datetime(values, format="%Y-%m-%d")
    found = []
    for position, (stamp, source) in enumerate(zip(dates, newer, strict=True)):
        if pd.isna(stamp):
            continue
        age = (today - stamp.date()).days
        behind = pd.notna(source) and stamp < source
        if behind or age > max_age_days:
            found.append(StaleDate(table, position + 2, column, stamp.date(), age,
                                   pd.Timestamp(source).date() if behind else None))
    return found


def report(stale: Sequence[StaleDate], max_age_days: int = MAX_AGE_DAYS) -> str:
    """The findings, rows behind a newer source first, grouped by table, column and date."""
    if not stale:
        return f"every as-of date is at most {max_age_days} days old and none is behind a source"
    behind = [s for s in stale if s.newer_source]
    old = [s for s in stale if not s.newer_source]
    parts = []
    if behind:
        parts.append(f"{len(behind)} as-of date(s) older than a source the package already "
                     "holds (re-read that source first):\n" + _lines(behind))
    else:
        parts.append("no as-of date is older than a source the package already holds: the "
                     "figures are as current as its sources; newer figures need a newer source")
    if old:
        parts.append(f"{len(old)} as-of date(s) older than {max_age_days} days (look for a "
                     "newer source):\n" + _lines(old))
    return "\n".join(parts)


def _lines(stale: Sequence[StaleDate]) -> str:
    """One line per table, column and date, listing the rows."""
    groups: dict[tuple, list[int]] = {}
    for item in stale:
        key = (item.table, item.column, item.as_of, item.age_days, item.newer_source)
        groups.setdefault(key, []).append(item.row)
    lines = []
    for (table, column, as_of, age, newer), rows in sorted(groups.items()):
        extra = f"; newest source {newer.isoformat()}" if newer else ""
        lines.append(f"  - {table}, column {column}, {as_of.isoformat()} ({age} days old"
                     f"{extra}): {'row' if len(rows) == 1 else 'rows'} {_ranges(rows)}")
    return "\n".join(lines)


def _ranges(rows: Sequence[int]) -> str:
    """Row numbers as compact ranges: [2, 3, 4, 7] -> "2-4, 7"."""
    parts: list[str] = []
    ordered = sorted(rows)
    start = previous = ordered[0]
    for row in [*ordered[1:], None]:
        if row is not None and row == previous + 1:
            previous = row
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if row is not None:
            start = previous = row
    return ", ".join(parts)


def main(argv: list[str]) -> int:
    """Print the freshness report for the project data (optional date argument, ISO format)."""
    today = date.fromisoformat(argv[0]) if argv else date.today()
    print(f"freshness of the as-of dates on {today.isoformat()}:")
    print(report(stale_as_of(load_all(), today)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
