"""Freshness: which as-of dates in the data are older than a limit (180 days by default).

A status table (who signed, how many parties) is only as good as the date it describes.
This module finds the as-of columns from ``data/datapackage.json`` (every field whose name
contains ``as_of``) and lists each row whose date is more than ``max_age_days`` old, naming the
table, the row (the line in the CSV; the header is row 1, as in validation errors), the
column, the date and its age. It never fails: staleness is a reason to re-check sources, not
a broken package. Missing dates are not reported here (the schema marks them required).

Command line: ``python -m helpers.data.freshness [YYYY-MM-DD]`` prints the report (default today).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from helpers.data.descriptor import DATA_DIR, read_descriptor
from helpers.data.load import load_all

MAX_AGE_DAYS = 180
MARKER = "as_of"


class StaleDataWarning(UserWarning):
    """Some as-of dates in the data are older than the freshness limit."""


@dataclass(frozen=True, order=True)
class StaleDate:
    """One as-of cell older than the limit."""

    table: str
    row: int
    column: str
    as_of: date
    age_days: int

    def __str__(self) -> str:
        """Render as "table, row N, column C: YYYY-MM-DD (D days old)"."""
        return (f"{self.table}, row {self.row}, column {self.column}: "
                f"{self.as_of.isoformat()} ({self.age_days} days old)")


def as_of_columns(descriptor: Mapping[str, Any]) -> dict[str, list[str]]:
    """Table name -> its fields whose name contains ``as_of``, from a datapackage descriptor."""
    found = {}
    for resource in descriptor["resources"]:
        names = [f["name"] for f in resource["schema"]["fields"] if MARKER in f["name"]]
        if names:
            found[resource["name"]] = names
    return found


def stale_as_of(tables: Mapping[str, pd.DataFrame], today: date,
                max_age_days: int = MAX_AGE_DAYS,
                columns: Mapping[str, Sequence[str]] | None = None) -> list[StaleDate]:
    """Every as-of cell more than ``max_age_days`` before ``today``, sorted by table and row.

    ``tables`` maps table names to frames in file order (as ``load_all`` returns them).
    ``columns`` says which columns to check per table; by default the as-of fields of the
    project's datapackage.json. Empty cells (NaT) are skipped; a date exactly
    ``max_age_days`` old is still fresh.
    """
    if columns is None:
        columns = as_of_columns(read_descriptor())
    found = []
    for table, names in columns.items():
        if table not in tables:
            continue
        frame = tables[table]
        for column in names:
            found += _stale_in(table, column, frame[column], today, max_age_days)
    return sorted(found)


def _stale_in(table: str, column: str, values: pd.Series, today: date,
              max_age_days: int) -> list[StaleDate]:
    """The stale cells of one column; row numbers count the header as row 1."""
    dates = pd.to_datetime(values, format="%Y-%m-%d")
    found = []
    for position, stamp in enumerate(dates):
        if pd.isna(stamp):
            continue
        age = (today - stamp.date()).days
        if age > max_age_days:
            found.append(StaleDate(table, position + 2, column, stamp.date(), age))
    return found


def report(stale: Sequence[StaleDate], max_age_days: int = MAX_AGE_DAYS) -> str:
    """A readable summary: one line per table, column and date, listing the rows."""
    if not stale:
        return f"every as-of date is at most {max_age_days} days old"
    groups: dict[tuple[str, str, date, int], list[int]] = {}
    for item in stale:
        groups.setdefault((item.table, item.column, item.as_of, item.age_days), []).append(item.row)
    lines = [f"  - {table}, column {column}, {as_of.isoformat()} ({age} days old): "
             f"{'row' if len(rows) == 1 else 'rows'} {_ranges(rows)}"
             for (table, column, as_of, age), rows in sorted(groups.items())]
    tables = ", ".join(sorted({item.table for item in stale}))
    return (f"{len(stale)} as-of date(s) older than {max_age_days} days in {tables}; "
            f"re-check the sources and update these rows:\n" + "\n".join(lines))


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
    print(f"freshness of the as-of dates in {DATA_DIR} on {today.isoformat()}:")
    print(report(stale_as_of(load_all(), today)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
