"""Load the curated tables as typed pandas frames, validating them on every load.

One-liner::

    from helpers import load_all
    tables = load_all()          # dict of table name -> typed DataFrame
    milestones = tables["milestones"]

Every column is cast once, from its field in ``data/datapackage.json``: dates as
``datetime64[ns]``, integers as ``Int64``, numbers as ``Float64``, booleans as ``boolean``
(honouring the field's ``trueValues`` and ``falseValues``), enums as a ``Categorical`` in the
descriptor's order, other strings as ``string``. Empty cells (the schema's ``missingValues``)
are missing. Validation (cached, see ``helpers.data.validate``) runs first, so the casts only
ever see valid text. Loading only reads: nothing is ever written to ``data/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.data import translate
from helpers.data.descriptor import data_dir, read_descriptor
from helpers.data.validation import validate
from helpers.i18n import SOURCE, language

#: Table Schema defaults for boolean fields without their own lists.
TRUE_VALUES = ["true", "True", "TRUE", "1"]
FALSE_VALUES = ["false", "False", "FALSE", "0"]


def _date(text: pd.Series, field: dict[str, Any]) -> pd.Series:
    """ISO dates as datetime64[ns]."""
    return pd.to_datetime(text, format="%Y-%m-%d").astype("datetime64[ns]")


def _integer(text: pd.Series, field: dict[str, Any]) -> pd.Series:
    """Whole numbers as nullable Int64."""
    return pd.to_numeric(text).astype("Int64")


def _number(text: pd.Series, field: dict[str, Any]) -> pd.Series:
    """Numbers as nullable Float64."""
    return pd.to_numeric(text).astype("Float64")


def _boolean(text: pd.Series, field: dict[str, Any]) -> pd.Series:
    """Booleans as nullable boolean, from the field's trueValues/falseValues."""
    lookup = {value: True for value in field.get("trueValues", TRUE_VALUES)}
    lookup.update({value: False for value in field.get("falseValues", FALSE_VALUES)})
    return text.map(lookup).astype("boolean")


def _string(text: pd.Series, field: dict[str, Any]) -> pd.Series:
    """Text as the pandas string dtype."""
    return text.astype("string")


CASTS: dict[str, Callable[[pd.Series, dict[str, Any]], pd.Series]] = {
    "date": _date, "integer": _integer, "number": _number, "boolean": _boolean,
    "string": _string,
}


def cast_column(text: pd.Series, field: dict[str, Any]) -> pd.Series:
    """One text column cast to its schema field's type; an enum becomes a Categorical."""
    cast = CASTS.get(field["type"])
    if cast is None:  # a new type in datapackage.json needs a cast here, not a silent pass
        raise NotImplementedError(f"field {field['name']!r}: no cast for type {field['type']!r}")
    values = cast(text, field)
    enum = field.get("constraints", {}).get("enum")
    if enum is None:
        return values
    categories = cast(pd.Series([str(v) for v in enum], dtype="string"), field)
    return pd.Series(pd.Categorical(values, categories=categories), index=text.index,
                     name=text.name)


def _typed(frame: pd.DataFrame, fields: list[dict[str, Any]]) -> pd.DataFrame:
    """Every column of a text frame cast to its field's type (the one typed cast)."""
    return pd.DataFrame({f["name"]: cast_column(frame[f["name"]], f) for f in fields},
                        index=frame.index)


def _read(root: Path, resource: dict[str, Any]) -> pd.DataFrame:
    """Read one table as text with its dialect and missing values, then cast it."""
    schema = resource["schema"]
    dialect = resource.get("dialect", {}).get("csv", {})
    raw = pd.read_csv(root / resource["path"], dtype=str, keep_default_na=False,
                      na_values=schema.get("missingValues", [""]), encoding="utf-8",
                      sep=dialect.get("delimiter", ","), quotechar=dialect.get("quoteChar", '"'))
    return _typed(raw, schema["fields"])


def load_table(name: str, folder: str | Path | None = None) -> pd.DataFrame:
    """Validate the package, then return table ``name`` as a typed DataFrame (its text in the
    current language)."""
    tables = load_all(folder)  # validates first, so a broken descriptor is reported as such
    if name not in tables:
        raise KeyError(f"no table {name!r}; tables are: {', '.join(sorted(tables))}")
    return tables[name]


def load_all(folder: str | Path | None = None, lang: str | None = None) -> dict[str, pd.DataFrame]:
    """Validate the package, then return every table as a typed DataFrame, keyed by name.

    Text columns the descriptor marks translatable come in ``lang`` (default: the language set
    with :func:`helpers.set_language`); codes, numbers and dates are the same in every language.
    """
    root = data_dir(folder)
    validate(root)
    descriptor = read_descriptor(root)
    tables = {r["name"]: _read(root, r) for r in descriptor["resources"]}
    lang = lang or language()
    return tables if lang == SOURCE else translate.apply(tables, descriptor, lang)
