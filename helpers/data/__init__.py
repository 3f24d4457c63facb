"""The data layer: the descriptor, validation, typed loading, the dictionary and exports.

- ``descriptor``: ``data/datapackage.json``, its tables, fields and categories;
- ``validation``: every problem of the package, named by file, row and column (cached);
- ``rules``: cross-field rules a Table Schema cannot express;
- ``load``: typed pandas frames (``load_all``, ``load_table``);
- ``freshness``: as-of dates that need re-checking;
- ``dictionary``: renders ``data/README.md`` from the descriptor;
- ``export``: formula-safe CSV and escaped HTML of a table.
"""

from helpers.data.descriptor import DATA_DIR, read_descriptor, table_names
from helpers.data.load import load_all, load_table
from helpers.data.validation import DataValidationError, Problem, problems, validate

__all__ = ["DATA_DIR", "DataValidationError", "Problem", "load_all", "load_table", "problems",
           "read_descriptor", "table_names", "validate"]
