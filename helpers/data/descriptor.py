"""The data package descriptor (``data/datapackage.json``): where the tables are, their fields.

The descriptor is the one source of truth for columns, types and allowed values. Everything
that needs the list or order of a category (figures, widgets, the dictionary) reads it here.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

#: The project folder (the parent of ``helpers/``).
PROJECT_DIR = Path(__file__).resolve().parents[2]
#: Where the tables live. Set CTE_DATA_DIR to point every loader at another copy (tests use it).
DATA_DIR = Path(os.environ.get("CTE_DATA_DIR") or PROJECT_DIR / "data")
DESCRIPTOR = "datapackage.json"


def data_dir(folder: str | Path | None = None) -> Path:
    """The folder to read: the given one, or the project data/ (or CTE_DATA_DIR)."""
    return Path(folder) if folder is not None else DATA_DIR


def read_descriptor(folder: str | Path | None = None) -> dict[str, Any]:
    """Return the parsed ``datapackage.json`` of ``folder`` (default: the project's data/)."""
    path = data_dir(folder) / DESCRIPTOR
    return _parsed(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _parsed(path: str, _mtime: int) -> dict[str, Any]:
    """The descriptor at ``path``, parsed once per modification time."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def table_names(folder: str | Path | None = None) -> list[str]:
    """Names of all tables in the package, in descriptor order."""
    return [r["name"] for r in read_descriptor(folder)["resources"]]


def resource(name: str, folder: str | Path | None = None) -> dict[str, Any]:
    """The resource (table) called ``name``; KeyError naming the tables if there is none."""
    found = {r["name"]: r for r in read_descriptor(folder)["resources"]}
    if name not in found:
        raise KeyError(f"no table {name!r}; tables are: {', '.join(found)}")
    return found[name]


def field(table: str, column: str, folder: str | Path | None = None) -> dict[str, Any]:
    """The schema field ``column`` of ``table``."""
    for f in resource(table, folder)["schema"]["fields"]:
        if f["name"] == column:
            return f
    raise KeyError(f"table {table!r} has no column {column!r}")


def categories(table: str, column: str, folder: str | Path | None = None) -> list[str]:
    """The allowed values of an enum column, in the order the descriptor lists them."""
    enum = field(table, column, folder).get("constraints", {}).get("enum")
    if enum is None:
        raise KeyError(f"{table}.{column} has no enum in {DESCRIPTOR}")
    return [str(v) for v in enum]


def category_labels(table: str, column: str, folder: str | Path | None = None) -> dict[str, str]:
    """English display labels of an enum column's values (``enumLabels`` in the descriptor).

    Values without an explicit label are shown by :func:`helpers.text.plain`.
    """
    return dict(field(table, column, folder).get("enumLabels", {}))


def as_list(value: str | list[str]) -> list[str]:
    """A Table Schema key (one field name or a list of names) as a list."""
    return [value] if isinstance(value, str) else list(value)
