"""Fault injection through the public API, one fault per copy of data/ (cases in cases.py).

For every case: ``validate`` raises a DataValidationError whose problems include one at the
exact file, row and column with the expected message, and whose text lists it as
"file, row N, column C: message"; ``problems`` returns the same list; ``load_all`` and
``load_table`` refuse the copy too; the copy is left exactly as the case wrote it; and the real
data/ stays byte-identical (autouse fixture ``originals_untouched``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.data import DataValidationError, load_all, load_table, rules, validate
from tests.data.cases import ACCEPTED, CASES, Case, cell, line_of, resize_row
from tests.data.conftest import V, fingerprint


def inject(case: Case, folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Apply the case to the copy (and its "today"); return the copy's fingerprint after it."""
    case.mutate(folder / case.file)
    if case.today is not None:
        monkeypatch.setattr(rules, "today", lambda: case.today)
    return fingerprint(folder)


def place(file: str, row: int | None, column: str | None) -> str:
    """How a problem's place is written in the error message."""
    return (f"{file}, row {'-' if row is None else row}, "
            f"column {'-' if column is None else column}: ")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fault_is_named_by_file_row_and_column(case, data_copy, monkeypatch):
    written = inject(case, data_copy, monkeypatch)
    with pytest.raises(DataValidationError) as info:
        validate(data_copy)
    err, row = info.value, case.line()
    hits = [p for p in err.problems
            if Path(p.file) == data_copy / case.file and p.row == row
            and p.column == case.column and case.message in p.message]
    assert hits, f"nothing at {case.file}, row {row}, column {case.column} " \
                 f"saying {case.message!r} in:\n{err}"
    assert place(f"{data_copy / case.file}", row, case.column) + hits[0].message in str(err)
    assert V.problems(data_copy) == err.problems
    with pytest.raises(DataValidationError):
        load_all(data_copy)
    with pytest.raises(DataValidationError):
        load_table("sdg_goals", data_copy)
    assert fingerprint(data_copy) == written, "validation changed the copy"


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.name for c in ACCEPTED])
def test_deliberate_edits_are_accepted(case, data_copy, monkeypatch):
    inject(case, data_copy, monkeypatch)
    assert V.problems(data_copy) == []
    assert len(load_all(data_copy)[case.file.removesuffix(".csv")]) > 0


def test_the_real_data_is_valid():
    assert V.problems() == []
    validate()  # does not raise


def test_every_problem_in_every_file_is_listed(data_copy):
    cell("c01_ga_vote_dec_2019", "verdict", "mostly")(data_copy / "claims.csv")
    cell("c02_human_rights_significance", "source_id", "nowhere")(data_copy / "claims.csv")
    cell("q_eff_2022", "note", "N/A")(data_copy / "quotes.csv")
    with pytest.raises(DataValidationError) as info:
        validate(data_copy)
    found = {(Path(p.file).name, p.row, p.column) for p in info.value.problems}
    assert found == {("claims.csv", 2, "verdict"), ("claims.csv", 3, "source_id"),
                     ("quotes.csv", line_of("quotes.csv", "q_eff_2022"), "note")}


def test_an_empty_cell_is_not_quoted_as_a_value(data_copy):
    cell("link_10_8_cited", "cited_as", "")(data_copy / "sdg_links.csv")
    problems = [p for p in V.problems(data_copy) if p.column == "cited_as"]
    assert problems and all("value" not in p.message and "None" not in p.message
                            for p in problems)


def test_a_missing_cell_is_not_quoted_as_none(data_copy):
    resize_row("q_eff_2022", -2)(data_copy / "quotes.csv")  # no confidence, no note
    row = line_of("quotes.csv", "q_eff_2022")
    problems = [p for p in V.problems(data_copy) if p.row == row]
    assert {p.column for p in problems} == {"confidence", "note"}
    assert not any("'None'" in p.message for p in problems)


def test_problems_are_sorted_and_rendered_with_their_place():
    late = V.Problem("b.csv", 3, "x", "second")
    early = V.Problem("a.csv", None, None, "first")
    err = DataValidationError([late, early])
    assert err.problems == [early, late]
    assert str(err).splitlines()[1:] == ["  - a.csv, row -, column -: first",
                                         "  - b.csv, row 3, column x: second"]
