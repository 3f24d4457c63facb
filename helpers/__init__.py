"""Cybercrime Treaty Explorer helpers, laid out like the data flow.

- ``helpers.data``: the descriptor, validation, typed loading, freshness, dictionary, export;
- ``helpers.topics``: one module per notebook topic, each with its queries, its figure
  functions (frame in, figure out) and its explorer;
- ``helpers.teaching``: the notebook catalogue, exercises, quizzes, the workshop plan and the
  environment self-check;
- shared pieces: ``helpers.text`` (escaping, wrapping, labels), ``helpers.style`` (palette,
  category colours from the schema, layout defaults), ``helpers.explorer`` (the explorer
  frame), ``helpers.i18n`` (the string catalogues).

``from helpers import load_all`` keeps working; so do the names below.
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
from helpers.i18n import set_language

__all__ = [
    "DATA_DIR",
    "DataValidationError",
    "Problem",
    "load_all",
    "load_table",
    "set_language",
    "table_names",
    "validate",
]
