"""Fault injection: corrupt a *copy* of the data, one corruption per test.

Each test asserts that loading fails with a message naming the file, the row and the column,
that the corrupted copy is left exactly as the test wrote it, and that the real data/ is
byte-identical afterwards (fixture ``originals_untouched``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from helpers import DataValidationError, load_all, load_table

pytestmark = pytest.mark.usefixtures("originals_untouched")


def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_rows(path: Path, rows: list[list[str]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    raw = buffer.getvalue().encode("utf-8")
    path.write_bytes(raw)
    return raw


def set_cell(path: Path, line: int, column: str, value: str) -> bytes:
    """Set one cell (line = 1-based line in the file, header is line 1); return new bytes."""
    rows = read_rows(path)
    rows[line - 1][rows[0].index(column)] = value
    return write_rows(path, rows)


def expect_failure(data_dir: Path, file: str, row: int | None, column: str) -> DataValidationError:
    """Load the copy, expect one error that names file, row and column in a single problem."""
    with pytest.raises(DataValidationError) as info:
        load_all(data_dir)
    err = info.value
    hits = [p for p in err.problems
            if p.file.endswith(file) and p.row == row and p.column == column]
    assert hits, f"no problem naming {file}, row {row}, column {column} in:\n{err}"
    text = str(err)
    assert file in text and f"row {row}" in text and column in text
    return err


def test_missing_column(data_copy):
    path = data_copy / "milestones.csv"
    rows = [r[:7] + r[8:] for r in read_rows(path)]  # drop the 8th column
    dropped = read_rows(path)[0][7]
    raw = write_rows(path, rows)
    expect_failure(data_copy, "milestones.csv", 1, dropped)
    assert path.read_bytes() == raw


def test_extra_column(data_copy):
    path = data_copy / "instruments.csv"
    rows = read_rows(path)
    raw = write_rows(path, [r + (["reviewer"] if i == 0 else ["x"]) for i, r in enumerate(rows)])
    expect_failure(data_copy, "instruments.csv", 1, "reviewer")
    assert path.read_bytes() == raw


def test_bad_date(data_copy):
    path = data_copy / "milestones.csv"
    raw = set_cell(path, 3, "start_date", "2022-02-30")
    expect_failure(data_copy, "milestones.csv", 3, "start_date")
    assert path.read_bytes() == raw


def test_end_before_start(data_copy):
    path = data_copy / "milestones.csv"
    rows = read_rows(path)
    header = rows[0]
    line = next(i for i, r in enumerate(rows[1:], start=2) if r[header.index("end_date")])
    start = rows[line - 1][header.index("start_date")]
    year = int(start[:4]) - 1
    raw = set_cell(path, line, "end_date", f"{year}{start[4:]}")
    expect_failure(data_copy, "milestones.csv", line, "end_date")
    assert path.read_bytes() == raw


def test_duplicate_id(data_copy):
    path = data_copy / "milestones.csv"
    first_id = read_rows(path)[1][0]
    raw = set_cell(path, 4, "milestone_id", first_id)
    expect_failure(data_copy, "milestones.csv", 4, "milestone_id")
    assert path.read_bytes() == raw


def test_dangling_foreign_key(data_copy):
    path = data_copy / "quotes.csv"
    raw = set_cell(path, 2, "source_id", "no_such_source")
    expect_failure(data_copy, "quotes.csv", 2, "source_id")
    assert path.read_bytes() == raw


def test_unknown_enum_value(data_copy):
    path = data_copy / "claims.csv"
    raw = set_cell(path, 2, "verdict", "mostly true")
    expect_failure(data_copy, "claims.csv", 2, "verdict")
    assert path.read_bytes() == raw


def test_unknown_iso_code(data_copy):
    path = data_copy / "signatures.csv"
    rows = read_rows(path)
    line = next(i for i, r in enumerate(rows[1:], start=2) if r[rows[0].index("iso3")])
    raw = set_cell(path, line, "iso3", "XYZ")  # right shape, not a country
    expect_failure(data_copy, "signatures.csv", line, "iso3")
    assert path.read_bytes() == raw


def test_empty_file(data_copy):
    path = data_copy / "quotes.csv"
    path.write_bytes(b"")
    expect_failure(data_copy, "quotes.csv", 1, "quote_id")
    assert path.read_bytes() == b""


def test_utf8_bom(data_copy):
    path = data_copy / "sdg_goals.csv"
    raw = b"\xef\xbb\xbf" + path.read_bytes()
    path.write_bytes(raw)
    expect_failure(data_copy, "sdg_goals.csv", 1, "goal")
    assert path.read_bytes() == raw


def test_wrong_delimiter(data_copy):
    path = data_copy / "sdg_targets.csv"
    raw = write_rows(path, read_rows(path), delimiter=";")
    expect_failure(data_copy, "sdg_targets.csv", 1, "target_id")
    assert path.read_bytes() == raw


def test_text_starting_with_equals(data_copy):
    path = data_copy / "milestones.csv"
    raw = set_cell(path, 2, "description", '=HYPERLINK("http://example.com","click")')
    expect_failure(data_copy, "milestones.csv", 2, "description")
    assert path.read_bytes() == raw


def test_every_problem_in_a_file_is_listed(data_copy):
    path = data_copy / "claims.csv"
    set_cell(path, 2, "verdict", "mostly true")
    set_cell(path, 3, "source_id", "no_such_source")
    err = expect_failure(data_copy, "claims.csv", 2, "verdict")
    assert any(p.row == 3 and p.column == "source_id" for p in err.problems)


def test_load_table_also_validates(data_copy):
    set_cell(data_copy / "sources.csv", 2, "kind", "blog")
    with pytest.raises(DataValidationError, match=r"sources\.csv, row 2, column kind"):
        load_table("milestones", data_copy)


def test_missing_file_is_named(data_copy):
    (data_copy / "concerns.csv").unlink()
    with pytest.raises(DataValidationError, match=r"concerns\.csv.*file is missing"):
        load_all(data_copy)


def test_rule_error_on_an_empty_cell_shows_no_fake_value(data_copy):
    path = data_copy / "sdg_links.csv"
    rows = read_rows(path)
    header = rows[0]
    line = next(i for i, r in enumerate(rows[1:], start=2)
                if r[header.index("status")] == "nonexistent_target")
    set_cell(path, line, "cited_as", "")
    err = expect_failure(data_copy, "sdg_links.csv", line, "cited_as")
    message = next(p.message for p in err.problems if p.column == "cited_as")
    assert "value" not in message and "None" not in message
