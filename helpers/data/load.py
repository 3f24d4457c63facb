"""Load the curated tables as typed pandas frames, validating them on every load.

One-liner::

    from helpers import load_all
    tables = load_all()          # dict of table name -> typed DataFrame
    milestones = tables["milestones"]

Loading only reads: nothing is ever written to ``data/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from helpers.data.descriptor import data_dir, read_descriptor
from helpers.data.validate import validate


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


def load_table(name: str, folder: str | Path | None = None) -> pd.DataFrame:
    """Validate the package, then return table ``name`` as a typed DataFrame."""
    root = data_dir(folder)
    validate(root)
    resources = {r["name"]: r for r in read_descriptor(root)["resources"]}
    if name not in resources:
        raise KeyError(f"no table {name!r}; tables are: {', '.join(resources)}")
    return _read(root, resources[name])


def load_all(folder: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Validate the package, then return every table as a typed DataFrame, keyed by name."""
    root = data_dir(folder)
    validate(root)
    return {r["name"]: _read(root, r) for r in read_descriptor(root)["resources"]}
