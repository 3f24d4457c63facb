"""Validate the data package: every problem named by file, row and column.

Validation checks every row against ``data/datapackage.json`` (header, types, required, unique,
enum, pattern, ranges, lengths, primary and foreign keys) plus the cross-field rules in
``helpers.data.rules``. It runs column-wise in pandas (``fast_problems``); Frictionless, the
reference implementation of the same standard, is kept as ``frictionless_problems`` and the
tests check that
both find the same faults. Frictionless is imported only when that reference is used.
A bad file raises one :class:`DataValidationError` that lists *every* problem, each naming the
file, the row (the line number in the file; the header is row 1) and the column.
Loading only reads: nothing is ever written to ``data/``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.data.descriptor import PROJECT_DIR, data_dir, read_descriptor
from helpers.data.rules import frictionless_check, row_problems

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


def frictionless_problems(data_dir: Path, descriptor: dict[str, Any],
                          skip: set[str]) -> list[Problem]:
    """Validate the package with Frictionless plus the project rules (the reference path)."""
    import frictionless

    package = frictionless.Package(descriptor, basepath=str(data_dir))
    report = package.validate(checklist=frictionless.Checklist(checks=[frictionless_check()]))
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


TRUE_VALUES = ["true", "True", "TRUE", "1"]
FALSE_VALUES = ["false", "False", "FALSE", "0"]
INTEGER = r"[+-]?\d+"
NUMBER = r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"
DATE = r"\d{4}-\d{2}-\d{2}"


@dataclass
class _Table:
    """One table read as text: its resource, file path, header and cells by field name."""

    resource: dict[str, Any]
    path: Path
    labels: list[str]
    text: pd.DataFrame  # one str|None column per schema field present in the header
    typed: pd.DataFrame  # same, cast to the field types (invalid cells are None)
    bad: pd.DataFrame  # True where a cell failed its type


def _rows(path: Path, resource: dict[str, Any]) -> list[list[str]]:
    """All records of a CSV file with the resource's dialect (header first)."""
    dialect = resource.get("dialect", {}).get("csv", {})
    text = path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text, newline=""),
                           delimiter=dialect.get("delimiter", ","),
                           quotechar=dialect.get("quoteChar", '"')))


def _header_problems(shown: str, labels: list[str], names: list[str]) -> list[Problem]:
    """Missing, extra, duplicated, blank and misplaced column labels (all on row 1)."""
    found = []
    for name in names:
        if name not in labels:
            found.append(Problem(shown, 1, name, "missing-label: the header has no column "
                                                 f"{name!r} required by the schema"))
    seen: set[str] = set()
    for number, label in enumerate(labels, start=1):
        if not label.strip():
            found.append(Problem(shown, 1, f"#{number}", "blank-label: a column has no name"))
        elif label in seen:
            found.append(Problem(shown, 1, label, f"duplicate-label: column {label!r} appears "
                                                  "twice"))
        elif label not in names:
            found.append(Problem(shown, 1, label, f"extra-label: column {label!r} is not in "
                                                  "the schema"))
        seen.add(label)
    present = [label for label in labels if label in names]
    expected = [name for name in names if name in labels]
    if not found and present != expected:
        for label, name in zip(present, expected, strict=True):
            if label != name:
                found.append(Problem(shown, 1, label, f"incorrect-label: column {label!r} "
                                                      f"stands where the schema has {name!r}"))
    return found


def _cast(text: pd.Series, field: dict[str, Any]) -> tuple[pd.Series, pd.Series]:
    """Cast a text column to the field's type; return (values, type-failure mask)."""
    kind = field["type"]
    present = text.notna()
    if kind == "integer":
        ok = text.str.fullmatch(INTEGER).fillna(False).astype(bool)
        values = pd.Series([int(v) if k else None for v, k in zip(text, ok, strict=True)],
                           index=text.index, dtype=object)
    elif kind == "number":
        ok = text.str.fullmatch(NUMBER).fillna(False).astype(bool)
        values = pd.Series([float(v) if k else None for v, k in zip(text, ok, strict=True)],
                           index=text.index, dtype=object)
    elif kind == "boolean":
        true = set(field.get("trueValues", TRUE_VALUES))
        false = set(field.get("falseValues", FALSE_VALUES))
        ok = text.isin(true | false)
        values = text.map(lambda v: True if v in true else (False if v in false else None))
    elif kind == "date":
        parsed = pd.to_datetime(text.where(text.str.fullmatch(DATE).fillna(False).astype(bool)),
                                format="%Y-%m-%d", errors="coerce")
        ok = parsed.notna()
        values = pd.Series([d.date() if k else None for d, k in zip(parsed, ok, strict=True)],
                           index=text.index, dtype=object)
    elif kind == "string":
        return text, pd.Series(False, index=text.index)
    else:  # a new type in datapackage.json must get a check here, not pass unchecked
        raise NotImplementedError(f"field {field['name']!r}: type {kind!r} has no fast check")
    return values, present & ~ok


def _read_text(path: Path, resource: dict[str, Any], found: list[Problem]) -> _Table:
    """Parse one file; report header, row-shape and type problems; return the table."""
    shown = _display(path)
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    rows = _rows(path, resource)
    labels = rows[0] if rows else []
    found.extend(_header_problems(shown, labels, names))
    position = {label: i for i, label in reversed(list(enumerate(labels)))}
    kept, numbers = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell for cell in row):
            found.append(Problem(shown, number, None, "blank-row: the row is empty"))
            continue
        if len(row) > len(labels):
            found.append(Problem(shown, number, f"#{len(labels) + 1}",
                                 f"extra-cell: the row has {len(row)} cells, the header "
                                 f"{len(labels)}"))
        elif len(row) < len(labels):
            found.append(Problem(shown, number, labels[len(row)],
                                 f"missing-cell: the row has {len(row)} cells, the header "
                                 f"{len(labels)}"))
            row = row + [""] * (len(labels) - len(row))
        kept.append(row)
        numbers.append(number)
    index = pd.Index(numbers, name="row")
    text = pd.DataFrame({name: pd.Series([r[position[name]] or None for r in kept],
                                         index=index, dtype=object)
                         for name in names if name in position}, index=index)
    typed, bad = {}, {}
    for field in fields:
        if field["name"] in text:
            typed[field["name"]], bad[field["name"]] = _cast(text[field["name"]], field)
    table = _Table(resource, path, labels, text, pd.DataFrame(typed, index=index),
                   pd.DataFrame(bad, index=index, dtype=bool))
    for field in fields:
        name = field["name"]
        if name in text:
            for number in text.index[table.bad[name]]:
                found.append(_cell(shown, number, name, f"type-error: not a valid "
                                   f"{field['type']}", text.at[number, name]))
    return table


def _cell(shown: str, row: int, column: str, message: str, value: object) -> Problem:
    """A problem in one cell, quoting its (shortened) value when it has one."""
    if value not in (None, ""):
        message += f" (value {str(value)[:60]!r})"
    return Problem(shown, int(row), column, message)


def _constraint_problems(table: _Table) -> list[Problem]:
    """required, unique, enum, pattern, minimum/maximum and length constraints, column-wise."""
    shown, found = _display(table.path), []
    for field in table.resource["schema"]["fields"]:
        name, rules = field["name"], field.get("constraints", {})
        if name not in table.text:
            continue
        text, values = table.text[name], table.typed[name]
        valid = values.notna() & ~table.bad[name]
        checks: list[tuple[pd.Series, str]] = []
        if rules.get("required"):
            checks.append((text.isna(), "constraint-error: a value is required"))
        if rules.get("unique"):
            checks.append((valid & values.where(valid).duplicated(keep="first"),
                           "unique-error: the value repeats an earlier row"))
        if "enum" in rules:
            allowed = {str(v) for v in rules["enum"]}
            checks.append((valid & ~text.isin(allowed),
                           f"constraint-error: not one of {sorted(allowed)}"))
        if "pattern" in rules:
            match = text.str.fullmatch(rules["pattern"]).fillna(False).astype(bool)
            checks.append((valid & ~match,
                           f"constraint-error: does not match {rules['pattern']!r}"))
        for key, test in (("minimum", lambda v, b: v < b), ("maximum", lambda v, b: v > b)):
            if key in rules:
                bound = rules[key]
                hit = values.map(lambda v, b=bound, t=test: v is not None and t(v, b))
                checks.append((valid & hit.astype(bool), f"constraint-error: {key} is {bound}"))
        for key, test in (("minLength", lambda n, b: n < b), ("maxLength", lambda n, b: n > b)):
            if key in rules:
                bound = rules[key]
                hit = text.str.len().map(lambda n, b=bound, t=test: n == n and t(n, b))
                checks.append((valid & hit.astype(bool), f"constraint-error: {key} is {bound}"))
        for mask, message in checks:
            for number in text.index[mask]:
                found.append(_cell(shown, number, name, message, text.at[number]))
    return found


def _as_list(value: str | list[str]) -> list[str]:
    """A Table Schema key (one name or a list of names) as a list."""
    return [value] if isinstance(value, str) else list(value)


def _key_problems(table: _Table, tables: dict[str, _Table]) -> list[Problem]:
    """Primary-key duplicates and foreign keys that point at no row."""
    shown, schema, found = _display(table.path), table.resource["schema"], []
    key = _as_list(schema.get("primaryKey", []))
    if key and all(k in table.text for k in key):
        dup = table.text[key].duplicated(keep="first") & table.text[key].notna().all(axis=1)
        for number in table.text.index[dup]:
            found.append(Problem(shown, int(number), ",".join(key),
                                 "primary-key: the key repeats an earlier row"))
    for fk in schema.get("foreignKeys", []):
        fields = _as_list(fk["fields"])
        target = tables.get(fk["reference"].get("resource") or table.resource["name"])
        ref = _as_list(fk["reference"]["fields"])
        if target is None or not all(f in table.text for f in fields) or \
                not all(r in target.text for r in ref):
            continue
        known = set(zip(*(target.text[r].tolist() for r in ref), strict=True))
        mine = zip(*(table.text[f].tolist() for f in fields), strict=True)
        for number, values in zip(table.text.index, mine, strict=True):
            if None not in values and values not in known:
                found.append(Problem(shown, int(number), ",".join(fields),
                                     f"foreign-key: {', '.join(map(str, values))!r} is not a "
                                     f"{'/'.join(ref)} in {target.path.name}"))
    return found


def _rule_problems(table: _Table) -> list[Problem]:
    """Cross-field rules of helpers.rules on every row (typed values, invalid cells as None)."""
    shown, name, found = _display(table.path), table.resource["name"], []
    if len(table.text.columns) < len(table.resource["schema"]["fields"]):
        return found  # a missing column is reported in the header; rules would only echo it
    names = list(table.typed.columns)  # object columns, None for empty or invalid cells
    columns = [table.typed[n].tolist() for n in names]
    for number, *values in zip(table.typed.index, *columns, strict=True):
        row = dict(zip(names, values, strict=True))
        for column, message in row_problems(name, row):
            found.append(_cell(shown, number, column, f"rule-error: {message}", row.get(column)))
    return found


def fast_problems(data_dir: Path, descriptor: dict[str, Any], skip: set[str]) -> list[Problem]:
    """Validate every table column-wise with pandas (the default, fast path)."""
    found: list[Problem] = []
    tables = {}
    for resource in descriptor["resources"]:
        if resource["name"] not in skip:
            tables[resource["name"]] = _read_text(data_dir / resource["path"], resource, found)
    for table in tables.values():
        found.extend(_constraint_problems(table))
        found.extend(_key_problems(table, tables))
        found.extend(_rule_problems(table))
    return found


def problems(folder: str | Path | None = None, engine: str = "fast") -> list[Problem]:
    """Every problem in the package, uncached; ``engine`` is "fast" or "frictionless"."""
    root = data_dir(folder).resolve()
    descriptor = read_descriptor(root)
    found: list[Problem] = []
    skip = set()
    for resource in descriptor["resources"]:
        pre = _precheck(root / resource["path"], resource)
        if pre:
            skip.add(resource["name"])
        found.extend(pre)
    check = fast_problems if engine == "fast" else frictionless_problems
    found.extend(check(root, descriptor, skip))
    return sorted(set(found), key=lambda p: (p.file, p.row or 0, p.column or ""))


@lru_cache(maxsize=8)
def _validate_cached(folder: str, fingerprint: str) -> tuple[Problem, ...]:
    """All problems of the package in ``data_dir``; cached per content fingerprint."""
    return tuple(problems(folder))


def validate(folder: str | Path | None = None) -> None:
    """Validate every table of the package; raise DataValidationError listing all problems."""
    root = data_dir(folder).resolve()
    found = _validate_cached(str(root), _fingerprint(root))
    if found:
        raise DataValidationError(list(found))
