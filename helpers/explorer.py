"""The explorer frame: controls above one or more charts, a summary line and details below.

Each topic module defines a pure *view* function, ``view(frame..., **control values) ->
View``: the figures, a one-line summary and optional escaped HTML details. :class:`Explorer`
wires ipywidgets controls to it. On every change it builds a fresh ``go.Figure`` and puts it in
an ``ipywidgets.Output`` as a ``application/vnd.plotly.v1+json`` output, which JupyterLab's
and Voila's Plotly renderer (loaded once per page) draws at the cell's full width.

Why not ``go.FigureWidget``: it ships plotly.js (about 5 MB) over the kernel connection for
every widget, and when that bundle takes more than 2 s to start, anywidget drops every later
message to the widget: the chart stays an empty default plot and the controls stop moving it.
A fresh figure per change also means no state can leak from one control value to the next.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
import plotly.io as pio

from helpers.i18n import _
from helpers.text import esc

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@dataclass(frozen=True)
class View:
    """What an explorer shows for one set of control values."""

    figures: tuple[go.Figure, ...]
    summary: str
    details: str = ""  # HTML, already escaped by the view function
    extra: dict[str, Any] = field(default_factory=dict)  # facts the tests may check


def figure_output(fig: go.Figure) -> dict[str, Any]:
    """One figure as a notebook output dict, drawn by the Plotly mimetype renderer."""
    data = json.loads(pio.to_json(fig, validate=False, remove_uids=True))
    title = fig.layout.title.text or ""
    return {"output_type": "display_data", "metadata": {},
            "data": {PLOTLY_MIME: data, "text/plain": f"Chart: {title}"}}


def control_row(controls: Sequence[widgets.Widget]) -> widgets.Box:
    """A row of controls that wraps onto the next line instead of squeezing its members."""
    for control in controls:
        control.layout.margin = "2px 18px 4px 0"
    return widgets.Box(list(controls), layout=widgets.Layout(
        display="flex", flex_flow="row wrap", align_items="center", width="100%"))


def dropdown(options: Sequence[Any], value: object, description: str,
             width: str = "auto") -> widgets.Dropdown:
    """A labelled Dropdown whose label and choices are never cut off."""
    return widgets.Dropdown(options=list(options), value=value, description=description,
                            style={"description_width": "initial"},
                            layout=widgets.Layout(width=width, max_width="100%"))


class Explorer:
    """Controls wired to a view function; display it (it is the last value of a cell)."""

    def __init__(self, name: str, controls: Mapping[str, widgets.ValueWidget],
                 view: Callable[..., View], rows: Sequence[Sequence[str]] | None = None,
                 min_height: int = 380) -> None:
        """Build the controls' layout and draw the first view at once."""
        self.name = name
        self.controls = dict(controls)
        self.view = view
        self.last = self.view(**self.state())
        self.charts = [widgets.Output(outputs=(figure_output(f),),
                                      layout=widgets.Layout(width="100%",
                                                            min_height=f"{min_height}px"))
                       for f in self.last.figures]
        self.summary = widgets.HTML(self._summary_html(self.last),
                                    layout=widgets.Layout(width="100%"))
        self.details = widgets.HTML(self.last.details, layout=widgets.Layout(width="100%"))
        order = rows or [list(self.controls)]
        top = [control_row([self.controls[n] for n in row]) for row in order]
        self.widget = widgets.VBox([*top, *self.charts, self.summary, self.details],
                                   layout=widgets.Layout(width="100%"))
        self.widget.add_class("cte-explorer")
        for control in self.controls.values():
            control.observe(self._changed, names="value")

    def state(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {n: c.value for n, c in self.controls.items()}

    @staticmethod
    def _summary_html(view: View) -> str:
        """The summary line as escaped HTML."""
        return f"<p class='cte-summary'>{esc(view.summary)}</p>"

    def refresh(self) -> View:
        """Recompute the view from the controls and redraw every chart and text."""
        try:
            view = self.view(**self.state())
        except Exception as err:  # noqa: BLE001 - show it instead of a silently dead chart
            self.summary.value = esc(_("This explorer hit an error: {error}. Re-run the cell "
                                       "above it.").format(error=f"{type(err).__name__}: {err}"))
            raise
        for out, fig in zip(self.charts, view.figures, strict=True):
            out.outputs = (figure_output(fig),)
        self.summary.value = self._summary_html(view)
        self.details.value = view.details
        self.last = view
        return view

    def _changed(self, _change: object = None) -> None:
        """Control callback."""
        self.refresh()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """Display as the widget, with a short text description for plain-text views."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        names = ", ".join(c.description.rstrip(": \u00a0") for c in self.controls.values())
        data["text/plain"] = _("Explorer ({controls}): run the notebook to use it.").format(
            controls=names)
        return data
