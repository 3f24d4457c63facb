"""The fast column-wise validator finds the same faults, at the same places, as Frictionless.

Frictionless is the reference implementation of the Table Schema standard; ``helpers.data``
validates with vectorised pandas checks for speed. Each case corrupts one cell of a copy of the
data and compares the (file, row, column) of every problem the two engines report.
"""

from __future__ import annotations

import pytest

from helpers.data import problems
from tests.test_fault_injection import read_rows, set_cell

pytestmark = pytest.mark.usefixtures("originals_untouched")

CASES = [
    ("milestones.csv", 3, "start_date", "2022-02-30"),
    ("milestones.csv", 4, "milestone_id", None),  # None: copy the id of the first row
    ("quotes.csv", 2, "source_id", "no_such_source"),
    ("claims.csv", 2, "verdict", "mostly true"),
    ("claims.csv", 3, "order", "three"),
    ("signatures.csv", 2, "iso3", "XYZ"),
    ("sdg_targets.csv", 2, "goal", "18"),
    ("sources.csv", 2, "url", "not a url"),
    ("milestones.csv", 2, "description", "=HYPERLINK(1)"),
    ("offences.csv", 3, "parent_id", "no_such_offence"),
]


def places(found):
    return sorted({(p.file.rsplit("/", 1)[-1], p.row, p.column) for p in found})


def test_engines_agree_on_the_real_data():
    assert problems(engine="fast") == [] and problems(engine="frictionless") == []


@pytest.mark.parametrize(("file", "line", "column", "value"), CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_engines_agree_on_a_fault(data_copy, file, line, column, value):
    path = data_copy / file
    if value is None:
        rows = read_rows(path)
        value = rows[1][rows[0].index(column)]
    set_cell(path, line, column, value)
    fast = problems(data_copy, engine="fast")
    reference = problems(data_copy, engine="frictionless")
    assert (file, line, column) in places(fast)
    assert places(fast) == places(reference)
