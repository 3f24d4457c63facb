"""Load the curated tables as typed pandas frames, validating them on every load.

One-liner::

    from helpers import load_all
    tables = load_all()          # dict of table name -> typed DataFrame
    milestones = tables["milestones"]

Validation uses Frictionless against ``data/datapackage.json`` (types, required, unique, enum,
pattern, ranges, primary and foreign keys) plus the cross-field rules in ``helpers.rules``.
A bad file raises one :class:`DataValidationError` that lists *every* problem, each naming the
file, the row (the line number in the file; the header is row 1) and the column.
Loading only reads: nothing is ever written to ``data/``.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import frictionless
import pandas as pd

from helpers.rules import ProjectRules

#: Where the tables live. Set CTE_DATA_DIR to point every loader at another copy (tests use it).
DATA_DIR = Path(os.environ.get("CTE_DATA_DIR") or Path(__file__).resolve().parent.parent / "data")
PROJECT_DIR = Path(__file__).resolve().parent.parent
DESCRIPTOR = "datapackage.json"
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one cell, row or header of one file."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        """Render as "file, row N, column C: message"."""
        row = "-" if self.row is None else self.row
        column = "-" if self.column is None else self.column
        return f"{self.file}, row {row}, column {column}: {self.message}"


class DataValidationError(ValueError):
    """Raised when the data package breaks its schema; ``problems`` lists every issue."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems sorted by file, row and column; list them in the message."""
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))
        files = sorted({p.file for p in self.problems})
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in {', '.join(files)}:\n{lines}")


def _data_dir(data_dir: str | Path | None) -> Path:
    """The folder to read: the given one, or the project data/ (or CTE_DATA_DIR)."""
    return Path(data_dir) if data_dir is not None else DATA_DIR


def read_descriptor(data_dir: str | Path | None = None) -> dict[str, Any]:
    """Return the parsed ``datapackage.json`` of ``data_dir`` (default: the project's data/)."""
    return json.loads((_data_dir(data_dir) / DESCRIPTOR).read_text(encoding="utf-8"))


def table_names(data_dir: str | Path | None = None) -> list[str]:
    """Names of all tables in the package, in descriptor order."""
    return [r["name"] for r in read_descriptor(data_dir)["resources"]]


def _display(path: Path) -> str:
    """Path shown in messages: relative to the project when inside it, else absolute."""
    try:
        return path.resolve().relative_to(PROJECT_DIR).as_posix()
    except ValueError:
        return str(path)


def _precheck(path: Path, resource: dict[str, Any]) -> list[Problem]:
    """Catch file-level faults that Frictionless passes over or reports without a location."""
    first = resource["schema"]["fields"][0]["name"]
    shown = _display(path)
    if not path.exists():
        return [Problem(shown, None, None, "file is missing")]
    raw = path.read_bytes()
    if not raw.strip():
        return [Problem(shown, 1, first, "file is empty; expected a header row")]
    found = []
    if raw.startswith(BOM):
        found.append(Problem(shown, 1, first, "file starts with a UTF-8 byte-order mark (BOM); "
                                              "save it as UTF-8 without BOM"))
    for number, line in enumerate(raw.splitlines(), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as err:
            found.append(Problem(shown, number, None, f"not valid UTF-8 ({err.reason})"))
    if len(raw.splitlines()) < 2:
        found.append(Problem(shown, 2, first, "table has a header but no data rows"))
    return found


def _column_of(error: Any, resource: dict[str, Any]) -> str | None:
    """Best column name for a Frictionless error (cell, label, key or row level)."""
    for attr in ("field_name", "label"):
        value = getattr(error, attr, None)
        if value:
            return value
    if error.type == "primary-key":
        return ",".join(resource["schema"]["primaryKey"])
    if error.type == "foreign-key":
        names = getattr(error, "field_names", None) or []
        return ",".join(names) or None
    return None


def _problem_from(error: Any, path: Path, resource: dict[str, Any]) -> Problem:
    """Turn one Frictionless error into a Problem naming file, row and column."""
    row = getattr(error, "row_number", None)
    if row is None and "label" in error.type:
        row = 1
    cell = getattr(error, "cell", None)
    note = error.note if getattr(error, "note", "") else error.title
    message = f"{error.type}: {note}"
    if cell not in (None, ""):
        message += f" (value {str(cell)[:60]!r})"
    return Problem(_display(path), row, _column_of(error, resource), message)


def _fingerprint(data_dir: Path) -> str:
    """sha256 over the names and bytes of every file in the folder (cache key)."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _frictionless_problems(data_dir: Path, descriptor: dict[str, Any],
                           skip: set[str]) -> list[Problem]:
    """Validate the package with Frictionless plus ProjectRules; return located problems."""
    package = frictionless.Package(descriptor, basepath=str(data_dir))
    report = package.validate(checklist=frictionless.Checklist(checks=[ProjectRules()]))
    by_name = {r["name"]: r for r in descriptor["resources"]}
    found = []
    for task in report.tasks:
        resource = by_name[task.name]
        path = data_dir / resource["path"]
        for error in task.errors:
            if task.name in skip and error.type in ("source-error", "encoding-error"):
                continue  # already reported with a location by _precheck
            found.append(_problem_from(error, path, resource))
    return found


@lru_cache(maxsize=8)
def _validate_cached(data_dir: str, fingerprint: str) -> tuple[Problem, ...]:
    """All problems of the package in ``data_dir``; cached per content fingerprint."""
    root = Path(data_dir)
    descriptor = read_descriptor(root)
    found: list[Problem] = []
    skip = set()
    for resource in descriptor["resources"]:
        pre = _precheck(root / resource["path"], resource)
        if pre:
            skip.add(resource["name"])
        found.extend(pre)
    found.extend(_frictionless_problems(root, descriptor, skip))
    return tuple(sorted(set(found), key=lambda p: (p.file, p.row or 0, p.column or "")))


def validate(data_dir: str | Path | None = None) -> None:
    """Validate every table of the package; raise DataValidationError listing all problems."""
    root = _data_dir(data_dir).resolve()
    problems = _validate_cached(str(root), _fingerprint(root))
    if problems:
        raise DataValidationError(list(problems))


def _typed(frame: pd.DataFrame, fields: list[dict[str, Any]]) -> pd.DataFrame:
    """Cast string columns to the schema's types: dates, enums as category, nullable ints."""
    out = {}
    for field in fields:
        col = frame[field["name"]]
        kind = field["type"]
        enum = field.get("constraints", {}).get("enum")
        if kind == "date":
            out[field["name"]] = pd.to_datetime(col, format="%Y-%m-%d").astype("datetime64[ns]")
        elif kind == "integer":
            out[field["name"]] = pd.to_numeric(col).astype("Int64")
        elif kind == "number":
            out[field["name"]] = pd.to_numeric(col).astype("Float64")
        elif kind == "boolean":
            out[field["name"]] = col.map({"true": True, "false": False}).astype("boolean")
        elif enum:
            out[field["name"]] = pd.Categorical(col, categories=enum)
        else:
            out[field["name"]] = col.astype("string")
    return pd.DataFrame(out, index=frame.index)


def _read(data_dir: Path, resource: dict[str, Any]) -> pd.DataFrame:
    """Read one table as strings, then cast it with :func:`_typed`."""
    raw = pd.read_csv(data_dir / resource["path"], dtype=str, keep_default_na=False,
                      na_values=[""], encoding="utf-8")
    return _typed(raw, resource["schema"]["fields"])


def load_table(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Validate the package, then return table ``name`` as a typed DataFrame."""
    root = _data_dir(data_dir)
    validate(root)
    resources = {r["name"]: r for r in read_descriptor(root)["resources"]}
    if name not in resources:
        raise KeyError(f"no table {name!r}; tables are: {', '.join(resources)}")
    return _read(root, resources[name])


def load_all(data_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Validate the package, then return every table as a typed DataFrame, keyed by name."""
    root = _data_dir(data_dir)
    validate(root)
    return {r["name"]: _read(root, r) for r in read_descriptor(root)["resources"]}
