"""Freshness of the as-of dates: unit tests on synthetic frames, and a WARNING (never a failure)
when the real data has as-of dates older than 180 days.

The warning is a ``StaleDataWarning`` and shows in pytest's warnings summary; staleness means
"re-check the sources", not "the package is broken", so no test here fails because of it.
"""

from __future__ import annotations

import csv
import tomllib
import warnings
from datetime import date, timedelta

import pandas as pd
import pytest

from helpers.data import read_descriptor
from helpers.data.freshness import (
    MAX_AGE_DAYS,
    StaleDataWarning,
    StaleDate,
    _ranges,
    as_of_columns,
    main,
    report,
    stale_as_of,
)
from tests.conftest import DATA, ROOT

TODAY = date(2030, 6, 15)


def days_ago(*ages: int | None) -> pd.Series:
    """A datetime64 column with the given ages in days (None -> NaT)."""
    return pd.Series([pd.NaT if a is None else pd.Timestamp(TODAY - timedelta(days=a))
                      for a in ages], dtype="datetime64[ns]")


# --- finding the as-of columns ---


def test_as_of_columns_come_from_field_names():
    descriptor = {"resources": [
        {"name": "t1", "schema": {"fields": [{"name": "id"}, {"name": "as_of"},
                                             {"name": "date"}]}},
        {"name": "t2", "schema": {"fields": [{"name": "status_as_of"}, {"name": "x_as_of"}]}},
        {"name": "t3", "schema": {"fields": [{"name": "published"}]}}]}
    assert as_of_columns(descriptor) == {"t1": ["as_of"], "t2": ["status_as_of", "x_as_of"]}


def test_the_real_as_of_columns_are_dates():
    descriptor = read_descriptor()
    found = as_of_columns(descriptor)
    assert found, "no as-of column found in datapackage.json"
    types = {(r["name"], f["name"]): f["type"]
             for r in descriptor["resources"] for f in r["schema"]["fields"]}
    for table, names in found.items():
        for name in names:
            assert types[(table, name)] == "date", (table, name)


# --- stale_as_of on synthetic frames ---


def test_only_dates_older_than_the_limit_are_stale():
    frame = pd.DataFrame({"as_of": days_ago(10, 181, MAX_AGE_DAYS, 4000, 0)})
    found = stale_as_of({"t": frame}, TODAY, columns={"t": ["as_of"]})
    assert found == [StaleDate("t", 3, "as_of", TODAY - timedelta(days=181), 181),
                     StaleDate("t", 5, "as_of", TODAY - timedelta(days=4000), 4000)]


def test_exactly_the_limit_is_fresh_and_one_day_more_is_stale():
    frame = pd.DataFrame({"as_of": days_ago(30, 31)})
    assert [s.row for s in stale_as_of({"t": frame}, TODAY, 30, {"t": ["as_of"]})] == [3]
    assert stale_as_of({"t": frame}, TODAY, 31, {"t": ["as_of"]}) == []


def test_empty_values_and_empty_frames_are_not_reported():
    frame = pd.DataFrame({"as_of": days_ago(None, 500, None)})
    assert [s.row for s in stale_as_of({"t": frame}, TODAY, columns={"t": ["as_of"]})] == [3]
    empty = pd.DataFrame({"as_of": days_ago()})
    assert stale_as_of({"t": empty}, TODAY, columns={"t": ["as_of"]}) == []


def test_string_dates_from_a_raw_csv_read_work_too():
    frame = pd.DataFrame({"as_of": ["2020-01-01", "", None, (TODAY).isoformat()]})
    found = stale_as_of({"t": frame}, TODAY, columns={"t": ["as_of"]})
    assert [(s.row, s.as_of) for s in found] == [(2, date(2020, 1, 1))]


def test_several_tables_and_columns_sorted_by_table_then_row():
    tables = {"b": pd.DataFrame({"as_of": days_ago(200, 1)}),
              "a": pd.DataFrame({"x_as_of": days_ago(1, 300), "y_as_of": days_ago(400, 1)})}
    found = stale_as_of(tables, TODAY, columns={"b": ["as_of"], "a": ["x_as_of", "y_as_of"],
                                                "missing": ["as_of"]})
    assert [(s.table, s.row, s.column) for s in found] == [
        ("a", 2, "y_as_of"), ("a", 3, "x_as_of"), ("b", 2, "as_of")]


def test_default_columns_come_from_the_datapackage():
    table, names = next(iter(as_of_columns(read_descriptor()).items()))
    frame = pd.DataFrame({name: days_ago(1000) for name in names})
    found = stale_as_of({table: frame}, TODAY)
    assert [(s.table, s.column) for s in found] == [(table, name) for name in sorted(names)]


# --- the report ---


def test_report_groups_rows_by_date_and_names_tables():
    old = TODAY - timedelta(days=200)
    stale = [StaleDate("t", row, "as_of", old, 200) for row in (2, 3, 4, 9)]
    lines = report(stale).splitlines()
    assert lines[0].startswith("no as-of date is older than a source the package already holds")
    assert lines[1] == "4 as-of date(s) older than 180 days (look for a newer source):"
    assert lines[2] == f"  - t, column as_of, {old.isoformat()} (200 days old): rows 2-4, 9"
    assert "at most 180 days" in report([])


def test_rows_behind_a_newer_source_come_first_and_apart():
    old = TODAY - timedelta(days=10)
    newer = TODAY - timedelta(days=2)
    text = report([StaleDate("t", 2, "as_of", old, 10, newer),
                   StaleDate("u", 5, "as_of", TODAY - timedelta(days=300), 300)])
    first, _, second = text.partition("\n  - u")
    assert first.startswith("1 as-of date(s) older than a source the package already holds")
    assert f"newest source {newer.isoformat()}" in first and "300 days old" in second


def test_a_row_older_than_its_own_source_is_behind_even_when_recent():
    """A list read on day 10 whose own source was published on day 20 is behind it."""
    from helpers.data.freshness import newer_sources

    frame = pd.DataFrame({"as_of": days_ago(10, 10), "source_id": ["a", "b"]})
    sources = pd.DataFrame({"source_id": ["a", "b"],
                            "published": days_ago(20, 5).iloc[::-1].reset_index(drop=True)})
    tables = {"t": frame, "sources": sources}
    found = stale_as_of(tables, TODAY, 180, {"t": ["as_of"]})
    assert [s.row for s in found if s.newer_source] == [2]  # source a is newer than row 2
    whole = newer_sources(tables, "t", "table")
    assert whole.nunique() == 1 and whole.iloc[0] == sources["published"].max()


@pytest.mark.parametrize(("rows", "text"), [([5], "5"), ([2, 3, 4, 7], "2-4, 7"),
                                            ([9, 1, 2], "1-2, 9"), ([3, 5, 7], "3, 5, 7")])
def test_row_ranges(rows, text):
    assert _ranges(rows) == text


# --- the real data: warn, never fail ---


def raw_cell(table: str, row: int, column: str) -> str:
    """The text of one CSV cell, counting the header as row 1."""
    resource = next(r for r in read_descriptor()["resources"] if r["name"] == table)
    with open(DATA / resource["path"], encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    return records[row - 2][column]


def test_real_data_freshness_warns_about_stale_as_of_dates(tables):
    today = date.today()
    stale = stale_as_of(tables, today)
    for item in stale:
        assert raw_cell(item.table, item.row, item.column) == item.as_of.isoformat(), item
        assert item.age_days == (today - item.as_of).days > MAX_AGE_DAYS, item
    descriptor = read_descriptor()
    skip = {r["name"]: r.get("asOfSkip", {}) for r in descriptor["resources"]}
    expected = 0
    for table, names in as_of_columns(descriptor).items():
        frame = tables[table]
        for column, values in skip[table].items():
            frame = frame[~frame[column].astype(str).isin(values)]
        expected += sum(1 for name in names for value in frame[name].dropna()
                        if (today - value.date()).days > MAX_AGE_DAYS)
    assert len(stale) == expected
    assert not any(tables[s.table].iloc[s.row - 2].get("status") in skip["instruments"]["status"]
                   for s in stale if s.table == "instruments")
    if stale:
        warnings.warn(StaleDataWarning(report(stale)), stacklevel=1)


def test_pytest_config_does_not_turn_the_freshness_warning_into_an_error():
    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]
    options = options["ini_options"]
    assert "-W error" not in options.get("addopts", "") and "-Werror" not in options["addopts"]
    for entry in options.get("filterwarnings", []):
        parts = [part.strip() for part in entry.split(":")]
        category = parts[2] if len(parts) > 2 else ""
        assert not (parts[0] == "error" and category.split(".")[-1] in (
            "", "Warning", "UserWarning", "StaleDataWarning")), entry


def test_freshness_command_prints_the_report(capsys):
    assert main([TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith(f"on {TODAY.isoformat()}:")
    assert "older than 180 days" in out  # in 2030 every as-of date of 2026 or before is
