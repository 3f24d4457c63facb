"""Cybercrime Treaty Explorer helpers.

Modules, in data-flow order:

- ``helpers.data``: load and validate the tables in ``data/`` (``load_all``, ``load_table``).
- ``helpers.rules``: cross-field validation rules used by ``helpers.data``.
- ``helpers.freshness``: as-of dates older than 180 days (a warning, never an error).
- ``helpers.figures``: pure functions, DataFrame in, Plotly figure out.
- ``helpers.widgets``: ipywidgets explorers built from the figure functions.
- ``helpers.checks``: answer checks that never raise, the environment check, the notebook map.
- ``helpers.exercises``: the exercise registry; answer keys computed from the tables.
- ``helpers.quiz``: multiple-choice quiz widgets and their answer keys.
- ``helpers.plan``: the exercise and quiz table of ``docs/FACILITATOR.md``.
- ``helpers.dictionary``: renders ``data/README.md`` from ``datapackage.json``.
- ``helpers.export``: safe CSV/HTML export of a table (``to_csv``, ``to_html``).
"""

from helpers.data import (
    DATA_DIR,
    DataValidationError,
    Problem,
    load_all,
    load_table,
    table_names,
    validate,
)

__all__ = [
    "DATA_DIR",
    "DataValidationError",
    "Problem",
    "load_all",
    "load_table",
    "table_names",
    "validate",
]
