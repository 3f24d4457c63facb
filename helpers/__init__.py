"""Cybercrime Treaty Explorer helpers.

Modules, in data-flow order:

- ``helpers.data``: load and validate the tables in ``data/`` (``load_all``, ``load_table``).
- ``helpers.rules``: cross-field validation rules used by ``helpers.data``.
- ``helpers.figures``: pure functions, DataFrame in, Plotly figure out.
- ``helpers.widgets``: ipywidgets explorers built from the figure functions.
- ``helpers.checks``: self-checking exercises for workshops.
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
