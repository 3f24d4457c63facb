"""Validate the data package with Frictionless; every problem named by file, row and column.

One engine: Frictionless, the reference implementation of the Table Schema standard, checks
every row against ``data/datapackage.json`` (header, types, required, unique, enum, pattern,
ranges, lengths, primary and foreign keys) and runs the project rules of
``helpers.data.rules`` as a custom check; the rules that need other rows or tables run right
after it on the rows Frictionless cast. ``_precheck`` adds the file-level faults Frictionless
reports without a location (missing or empty file, BOM, invalid UTF-8, header only).

A bad package raises one :class:`DataValidationError` that lists *every* problem, each naming
the file, the row (the line in the file; the header is row 1) and the column.

Frictionless takes about a second, so its result is cached, and Frictionless is imported only
on a cache miss. The key is a sha256 over the names and bytes of every file in the data
folder, the source of ``rules.py`` and of this module, and the versions of Frictionless,
pycountry and the Unicode database. The entry is the list of problems as JSON, in
``$CTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/cybercrime-treaty-explorer``, else
``~/.cache/cybercrime-treaty-explorer``; written atomically; a corrupt or unreadable entry is
ignored (the package is validated again); a cache folder inside the data folder is never
written to. Rules compare with today only to refuse dates after it, so a clean result stays
valid on later days, while a result with problems is reused only on the day it was made. An
in-process ``lru_cache`` sits on top. Loading only reads: nothing is ever written to ``data/``.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from helpers.data import rules
from helpers.data.descriptor import DATA_DIR, DESCRIPTOR, PROJECT_DIR, data_dir, read_descriptor

BOM = b"\xef\xbb\xbf"
APP = "cybercrime-treaty-explorer"
CACHE_FORMAT = 1
CACHE_KEEP = 32  # entries kept in the cache folder (the newest)


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


def _order(problem: Problem) -> tuple[str, int, str, str]:
    """Sort key: file, row, column, message (missing row and column first)."""
    return problem.file, problem.row or 0, problem.column or "", problem.message


class DataValidationError(ValueError):
    """Raised when the data package breaks its schema; ``problems`` lists every issue."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems sorted by file, row and column; list them in the message."""
        self.problems = sorted(problems, key=_order)
        files = sorted({p.file for p in self.problems})
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in {', '.join(files)}:\n{lines}")


# ---------------------------------------------------------------- file-level faults
def _display(path: Path) -> str:
    """Path shown in messages: relative to the project when inside it, else absolute."""
    try:
        return path.resolve().relative_to(PROJECT_DIR).as_posix()
    except ValueError:
        return str(path)


def _column_at(names: list[str], index: int) -> str:
    """The schema's name for the cell at ``index`` (0-based), or "#N" beyond the last one."""
    return names[index] if index < len(names) else f"#{index + 1}"


def _utf8_problems(name: str, raw: bytes, names: list[str]) -> list[Problem]:
    """Lines that are not valid UTF-8, naming the column of the first damaged cell."""
    found = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as err:
            cells = next(csv.reader([line.decode("utf-8", errors="replace")]), [])
            index = next((i for i, c in enumerate(cells) if "\ufffd" in c), 0)
            found.append(Problem(name, number, _column_at(names, index),
                                 f"not valid UTF-8 ({err.reason}); save the file as UTF-8"))
    return found


def _bare_cr_problems(name: str, raw: bytes, names: list[str]) -> list[Problem]:
    """Carriage returns without a line feed: Frictionless would split the row there."""
    found = []
    for hit in re.finditer(rb"\r(?!\n)", raw):
        start = raw.rfind(b"\n", 0, hit.start()) + 1
        before = raw[start:hit.start()].decode("utf-8", errors="replace")
        cells = next(csv.reader([before]), [""])
        column = _column_at(names, max(len(cells) - 1, 0))
        found.append(Problem(name, raw.count(b"\n", 0, hit.start()) + 1, column,
                             "contains a carriage return (CR) without a line feed, inside a "
                             "cell or as an old Mac line ending; delete it"))
    return found


def _precheck(root: Path, resource: dict[str, Any]) -> list[Problem]:
    """File-level faults that Frictionless passes over or reports without a location."""
    names = [f["name"] for f in resource["schema"]["fields"]]
    name, path = resource["path"], root / resource["path"]
    if not path.is_file():
        return [Problem(name, None, None, "file is missing")]
    raw = path.read_bytes()
    if not raw.strip():
        return [Problem(name, 1, names[0], "file is empty; expected a header row")]
    found = []
    if raw.startswith(BOM):
        found.append(Problem(name, 1, names[0], "file starts with a UTF-8 byte-order mark "
                                                "(BOM); save it as UTF-8 without BOM"))
    found.extend(_utf8_problems(name, raw, names))
    found.extend(_bare_cr_problems(name, raw, names))
    if sum(1 for line in raw.splitlines() if line.strip()) < 2:
        found.append(Problem(name, 2, names[0], "table has a header but no data rows"))
    return found


# ---------------------------------------------------------------- Frictionless
def _column_of(error: Any, resource: dict[str, Any]) -> str | None:
    """Best column name for a Frictionless error (cell, label, key or row level)."""
    if error.type == "extra-cell" and getattr(error, "field_number", None):
        return f"#{error.field_number}"  # a cell beyond the last column has no name
    for attr in ("field_name", "label"):
        value = getattr(error, attr, None)
        if value:
            return value
    names = [f["name"] for f in resource["schema"]["fields"]]
    number = getattr(error, "field_number", None)
    if error.type == "primary-key":
        return ",".join(resource["schema"]["primaryKey"])
    if error.type == "foreign-key":
        return ",".join(getattr(error, "field_names", None) or []) or None
    if number:
        return names[number - 1] if number <= len(names) else f"#{number}"
    if getattr(error, "row_number", None):
        return names[0]  # a row-level error (e.g. blank-row) is shown at the row's first cell
    return None


def _shown_value(error: Any) -> str | None:
    """The text of the cell or header label an error is about (None for a missing cell)."""
    number, cells = getattr(error, "field_number", None), getattr(error, "cells", None)
    if number and cells is not None and number > len(cells):
        return None  # Frictionless writes "None" for a cell the row does not have
    value = getattr(error, "cell", None) or getattr(error, "label", None)
    return None if value in (None, "") else str(value)


def _problem_from(error: Any, resource: dict[str, Any]) -> Problem:
    """Turn one Frictionless error into a Problem naming file, row and column."""
    row = getattr(error, "row_number", None)
    if row is None and "label" in error.type:
        row = 1
    note = error.note if getattr(error, "note", "") else error.title
    message = f"{error.type}: {note}"
    value = _shown_value(error)
    if value is not None:
        message += f" (value {value[:60]!r})"
    return Problem(resource["path"], row, _column_of(error, resource), message)


def _rule_problem(place: rules.Place, paths: dict[str, str], values: dict[tuple, Any]) -> Problem:
    """A package-rule finding as a Problem, quoting the cell's value as Frictionless does."""
    table, row, column, message = place
    value = values.get((table, row, column))
    message = f"rule-error: {message}"
    if value not in (None, ""):
        message += f" (value {str(value)[:60]!r})"
    return Problem(paths[table], row, column, message)


def _package_rule_problems(tables: rules.Tables, paths: dict[str, str]) -> list[Problem]:
    """Run the cross-row and cross-table rules on the rows Frictionless cast."""
    values = {(name, number, column): value for name, table in tables.items()
              for number, row in table.rows for column, value in row.items()}
    return [_rule_problem(place, paths, values) for place in rules.package_problems(tables)]


def _frictionless_problems(root: Path, descriptor: dict[str, Any], skip: set[str],
                           day: dt.date) -> list[Problem]:
    """Validate the package with Frictionless and the project rules (the one engine)."""
    import frictionless

    check = rules.frictionless_check(day)
    try:
        package = frictionless.Package(copy.deepcopy(descriptor), basepath=str(root))
        report = package.validate(checklist=frictionless.Checklist(checks=[check]),
                                  limit_errors=0)  # no cap: every problem is listed
    except frictionless.FrictionlessException as err:
        return [_descriptor_problem(f"{err.error.type}: {err.error.note or err.error.title}")]
    by_name = {r["name"]: r for r in descriptor["resources"]}
    found = [_descriptor_problem(f"{e.type}: {e.note or e.title}") for e in report.errors]
    for task in report.tasks:
        for error in task.errors:
            if task.name in skip and error.type in ("source-error", "encoding-error",
                                                    "scheme-error", "format-error"):
                continue  # already reported with a location by _precheck
            found.append(_problem_from(error, by_name[task.name]))
    unread = rules.TableRows(readable=False)
    tables = {n: unread if n in skip else check.tables.get(n, unread) for n in by_name}
    found.extend(_package_rule_problems(tables, {n: r["path"] for n, r in by_name.items()}))
    return found


def _descriptor_problem(message: str, row: int | None = None) -> Problem:
    """A problem with datapackage.json itself."""
    return Problem(DESCRIPTOR, row, None, f"descriptor: {message}")


def _check(root: Path, day: dt.date) -> list[Problem]:
    """Every problem of the package in ``root`` (uncached), files named relative to it."""
    try:
        descriptor = read_descriptor(root)
    except (OSError, ValueError) as err:
        return [_descriptor_problem(f"cannot read it ({err})", getattr(err, "lineno", None))]
    found: list[Problem] = []
    skip = set()
    try:
        for resource in descriptor["resources"]:
            pre = _precheck(root, resource)
            if pre:
                skip.add(resource["name"])
            found.extend(pre)
    except (KeyError, IndexError, TypeError) as err:  # no resources, paths, fields or names
        return [_descriptor_problem(f"malformed, a resource lacks {err}")]
    found.extend(_frictionless_problems(root, descriptor, skip, day))
    return sorted(set(found), key=_order)


# ---------------------------------------------------------------- cache
def cache_dir() -> Path:
    """Where validation results are cached (never inside data/)."""
    explicit = os.environ.get("CTE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP


@lru_cache(maxsize=1)
def _versions() -> bytes:
    """Versions that change what validation finds (read without importing Frictionless)."""
    found = [f"format {CACHE_FORMAT}", f"unicode {unicodedata.unidata_version}"]
    for package in ("frictionless", "pycountry"):
        try:
            found.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package} missing")
    return "; ".join(found).encode()


def _digest_file(digest: Any, name: str, data: bytes) -> None:
    """Feed one named blob into ``digest`` unambiguously (name, length, bytes)."""
    digest.update(f"{name}\0{len(data)}\0".encode())
    digest.update(data)


def cache_key(root: Path) -> str:
    """sha256 over the data files (names and bytes), the rule sources and the versions."""
    digest = hashlib.sha256()
    files = sorted(p for p in root.iterdir() if p.is_file()) if root.is_dir() else []
    for path in files:
        _digest_file(digest, path.name, path.read_bytes())
    for source in (Path(rules.__file__), Path(__file__)):
        _digest_file(digest, f"source:{source.name}", source.read_bytes())
    digest.update(_versions())
    return digest.hexdigest()


def _as_problem(item: Any) -> Problem:
    """A Problem from one cached JSON item; TypeError if the item is malformed."""
    file, row, column, message = item
    if not (isinstance(file, str) and isinstance(message, str)
            and (row is None or (isinstance(row, int) and not isinstance(row, bool)))
            and (column is None or isinstance(column, str))):
        raise TypeError(f"malformed cache item {item!r}")
    return Problem(file, row, column, message)


def _read_entry(key: str, day: dt.date) -> list[Problem] | None:
    """The cached problems for ``key``, or None if absent, unreadable, corrupt or stale."""
    try:
        entry = json.loads((cache_dir() / f"{key}.json").read_text(encoding="utf-8"))
        found = [_as_problem(item) for item in entry["problems"]]
        checked = dt.date.fromisoformat(entry["checked_on"])
        if entry["key"] != key:
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return found if checked == day or (not found and checked <= day) else None


def _inside(path: Path, folder: Path) -> bool:
    """True if ``path`` is ``folder`` or lies inside it."""
    return path == folder or folder in path.parents


def _write_entry(root: Path, key: str, day: dt.date, found: list[Problem]) -> None:
    """Store the problems atomically (temp file + os.replace); never inside a data folder."""
    folder = cache_dir().resolve()
    if _inside(folder, root.resolve()) or _inside(folder, DATA_DIR.resolve()):
        return
    entry = {"format": CACHE_FORMAT, "key": key, "checked_on": day.isoformat(),
             "problems": [[p.file, p.row, p.column, p.message] for p in found]}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(folder / f"{key}.json", json.dumps(entry, ensure_ascii=False))
    except OSError:
        return  # an unwritable cache only costs speed
    _prune(folder)


def _atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file next to ``path``, then move it into place."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
        raise


def _prune(folder: Path) -> None:
    """Keep the newest ``CACHE_KEEP`` entries; ignore files that vanish meanwhile."""
    entries = []
    for path in folder.glob("*.json"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[CACHE_KEEP:]:
        path.unlink(missing_ok=True)


@lru_cache(maxsize=8)
def _validate_cached(folder: str, key: str, day: dt.date) -> tuple[Problem, ...]:
    """Problems of the package in ``folder`` for content ``key``, shown for display."""
    root = Path(folder)
    found = _read_entry(key, day)
    if found is None:
        found = _check(root, day)
        _write_entry(root, key, day, found)
    return tuple(Problem(_display(root / p.file), p.row, p.column, p.message) for p in found)


# ---------------------------------------------------------------- public API
def problems(folder: str | Path | None = None) -> list[Problem]:
    """Every problem in the package (default: the project's data/), sorted; cached."""
    root = data_dir(folder).resolve()
    return list(_validate_cached(str(root), cache_key(root), rules.today()))


def validate(folder: str | Path | None = None) -> None:
    """Validate every table of the package; raise DataValidationError listing all problems."""
    found = problems(folder)
    if found:
        raise DataValidationError(found)
