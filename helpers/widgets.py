"""Widget explorers built from the figure functions in ``helpers.figures``.

Pattern (see notebook-practice notes):
- each explorer builds a ``go.FigureWidget`` from a figure function *once* and changes it in
  place inside ``fig.batch_update()``; it never re-creates the output on each change;
- each callback is a plain function ``update_*(fig, frame, ...) -> str`` that mutates the
  figure and returns a short text summary, so tests can call it on a ``go.Figure`` with no
  browser;
- any text from the CSVs that goes into an HTML widget passes through :func:`esc`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go


def esc(value: object) -> str:
    """HTML-escape one value from the data (None and NA become an empty string)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def html_table(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> str:
    """Render ``frame`` as a small HTML table with every cell and header escaped."""
    cols = list(columns) if columns is not None else list(frame.columns)
    head = "".join(f"<th style='text-align:left'>{esc(c)}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(row[c])}</td>" for c in cols) + "</tr>"
        for _, row in frame.iterrows()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def figure_widget(fig: go.Figure) -> go.FigureWidget:
    """Wrap a static figure in a FigureWidget so callbacks can update it in place."""
    return go.FigureWidget(fig)


def panel(controls: list[widgets.Widget], fig: go.FigureWidget,
          info: widgets.Widget | None = None) -> widgets.VBox:
    """Lay out controls above the figure, with an optional info area below."""
    parts: list[widgets.Widget] = [widgets.HBox(controls), fig]
    if info is not None:
        parts.append(info)
    return widgets.VBox(parts)


# === Section A: notebooks 01-03 (taxonomy, SDGs, road to the treaty) ===

# === End of section A ===

# === Section B: notebooks 04-06 (landscape, voices, fact-check) ===

# === End of section B ===
