"""Data text in other languages: one table of translations beside the data, not a second data set.

``data/translations.csv`` holds, per language, the text of the columns the descriptor marks
``"translatable": "replace"`` (titles, labels, explanations: the French frame shows French text
in the same column) or ``"translatable": "alongside"`` (quotes: the original words stay, and the
translation comes in an extra ``<column>_translation`` column, with its origin in
``<column>_translation_origin``). Codes, ids,
numbers and dates are never translated, so every count is the same in every language.

Each translation row says whether it is an official text (the UN's French SDG texts, ISO 3166
country names) or our translation (``origin``), with its source.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from helpers.data.descriptor import as_list

TABLE = "translations"
ALONGSIDE = "{column}_translation"
ORIGIN = "{column}_translation_origin"  # official, reference or ours


def translatable(descriptor: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Table -> column -> mode ("replace" or "alongside") of every translatable field."""
    out: dict[str, dict[str, str]] = {}
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            mode = field.get("translatable")
            if mode:
                out.setdefault(resource["name"], {})[field["name"]] = mode
    return out


def primary_key(descriptor: Mapping[str, Any], table: str) -> str:
    """The single primary-key column of ``table`` (translations need a one-column key)."""
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    key = as_list(resource["schema"]["primaryKey"])
    if len(key) != 1:
        raise ValueError(f"{table} has a compound key {key}: it cannot be translated")
    return key[0]


def apply(tables: dict[str, pd.DataFrame], descriptor: Mapping[str, Any],
          lang: str) -> dict[str, pd.DataFrame]:
    """The tables with the translatable text of ``lang`` (a cell with no translation keeps its
    text; the tests require every cell to have one)."""
    rows = tables.get(TABLE)
    if rows is None or not len(rows):
        return tables
    mine = rows[rows["lang"].astype("string") == lang]
    out = dict(tables)
    for table, columns in translatable(descriptor).items():
        if table not in out:
            continue
        key = primary_key(descriptor, table)
        frame = out[table].copy()
        ids = frame[key].astype("string")
        for column, mode in columns.items():
            found = mine[(mine["table"] == table) & (mine["column"] == column)]
            text = ids.map(dict(zip(found["row_id"], found["text"], strict=True)))
            if mode == "alongside":
                frame[ALONGSIDE.format(column=column)] = text.astype("string")
                origin = ids.map(dict(zip(found["row_id"], found["origin"], strict=True)))
                frame[ORIGIN.format(column=column)] = origin.astype("string")
            else:
                frame[column] = text.fillna(frame[column]).astype(frame[column].dtype)
        out[table] = frame
    return out


def untranslated(tables: dict[str, pd.DataFrame], descriptor: Mapping[str, Any],
                 lang: str) -> list[tuple[str, str, str]]:
    """(table, row id, column) of every non-empty translatable cell with no ``lang`` text."""
    rows = tables.get(TABLE)
    have = set()
    if rows is not None:
        mine = rows[rows["lang"].astype("string") == lang]
        have = set(zip(mine["table"], mine["row_id"], mine["column"], strict=True))
    out = []
    for table, columns in translatable(descriptor).items():
        frame = tables[table]
        key = primary_key(descriptor, table)
        for column in columns:
            for row_id, value in zip(frame[key], frame[column], strict=True):
                if pd.notna(value) and str(value).strip() and \
                        (table, str(row_id), column) not in have:
                    out.append((table, str(row_id), column))
    return out
