"""Export a table safely: CSV a spreadsheet will not run, HTML a browser will not run.

One-liners::

    from helpers import export
    export.to_csv(frame, "my_quotes.csv")        # refuses to replace an existing file
    html_text = export.to_html(frame)             # an escaped <table> as a string

Both neutralise text cells (and column names) that a spreadsheet would treat as a formula,
those starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, by putting a single
quote in front (the usual defence against CSV injection). ``to_html`` also HTML-escapes every
cell and header. Numbers, dates and missing values are written as they are. Nothing is ever
overwritten unless ``overwrite=True`` is passed.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

import pandas as pd

from helpers.data.descriptor import PROJECT_DIR
from helpers.data.rules import FORMULA_PREFIXES
from helpers.i18n import _

#: Where the notebooks write their exports (Git ignores it).
EXPORTS = PROJECT_DIR / "exports"


def neutralise(value: object) -> object:
    """Prefix a single quote to text a spreadsheet would run as a formula; else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell and column name passed through neutralise."""
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in frame.columns]
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutralise, na_action="ignore")
    return out


def to_csv(frame: pd.DataFrame, path: str | Path, overwrite: bool = False) -> Path:
    """Write ``frame`` as UTF-8 CSV (no index) with formula-like text neutralised.

    Creates missing parent folders. Raises FileExistsError if ``path`` exists and
    ``overwrite`` is False (the file is then left untouched). Returns the path written.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = "w" if overwrite else "x"  # "x": create only, atomically refuse an existing file
    try:
        with target.open(mode, encoding="utf-8", newline="") as handle:
            # every text field quoted: a bare "\r" inside a cell is not quoted otherwise
            safe_frame(frame).to_csv(handle, index=False, quoting=csv.QUOTE_NONNUMERIC)
    except FileExistsError:
        raise FileExistsError(f"{target} already exists; nothing was written "
                              "(pass overwrite=True to replace it)") from None
    return target


def describe(path: Path, frame: pd.DataFrame) -> str:
    """'Wrote 04-signatories.csv: 73 rows, 9 columns' (the file name, not the full path)."""
    return _("Wrote {name}: {rows} rows, {cols} columns").format(
        name=Path(path).name, rows=len(frame), cols=frame.shape[1])


def _cell(value: object) -> str:
    """One table cell as escaped HTML text (missing values become an empty cell)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def to_html(frame: pd.DataFrame) -> str:
    """``frame`` as an HTML table string: formula-like text neutralised, everything escaped."""
    safe = safe_frame(frame)
    head = "".join(f"<th>{_cell(c)}</th>" for c in safe.columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
                   for row in safe.itertuples(index=False, name=None))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
