"""The package look: palette, category colours from the schema, layout defaults, empty state.

Every figure function calls :func:`style`. Colours of a category come from
:func:`category_colors`, which takes the allowed values and their order from
``data/datapackage.json``: a value added to an enum gets a spare palette colour (or the
fallback grey), so no chart silently drops its rows.
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from helpers.data import descriptor
from helpers.i18n import _

#: Okabe & Ito (2008), a palette that stays distinct for the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000"]
FALLBACK = "#888888"
FONT = dict(family="Arial, Helvetica, sans-serif", size=14, color="#222222")
SMALL = 12  # the smallest text that carries meaning (axis ticks, keys, annotations)
TITLE_ROOM = 44  # pixels from the top of a chart to the legend under its title

#: Meaningful colours for values whose colour carries meaning (green = well established).
CONFIDENCE = {"primary": "#009E73", "secondary": "#56B4E9", "disputed": "#E69F00",
              "unverified": "#D55E00"}
SEMANTIC: dict[tuple[str, str], dict[str, str]] = {
    ("claims", "verdict"): {"supported": "#009E73", "imprecise": "#E69F00",
                            "incorrect": "#D55E00", "unverifiable": "#999999"},
    ("crosswalk", "match"): {"equivalent": "#009E73", "partial": "#E69F00", "none": "#D55E00"},
    ("sdg_links", "status"): {"valid": "#009E73", "plausible_intent": "#56B4E9",
                              "nonexistent_target": "#D55E00"},
    ("offences", "typology_class"): {"cyber_dependent": "#0072B2", "cyber_enabled": "#E69F00",
                                     "ocsea": "#CC79A7", "mixed": "#999999"},
    ("quotes", "form"): {"verbatim": "#009E73", "reported_speech": "#E69F00",
                         "paraphrase": "#CC79A7"},
    ("instruments", "status"): {"in_force": "#009E73", "not_in_force": "#E69F00",
                                "replaced": "#999999", "not_a_treaty": "#CC79A7"},
}

_AXIS = dict(gridcolor="#E5ECF6", linecolor="#C8D4E3", zerolinecolor="#E5ECF6",
             automargin=True, ticks="", tickfont=dict(size=SMALL + 1), title_standoff=8)

#: A small white template: the stock "plotly_white" adds about 10 KB to every stored chart.
LIGHT = go.layout.Template(layout=go.Layout(
    paper_bgcolor="white", plot_bgcolor="white", colorway=PALETTE, font=FONT,
    xaxis=_AXIS, yaxis=_AXIS, hoverlabel=dict(align="left"),
    legend=dict(bgcolor="rgba(255,255,255,0)", font=dict(size=SMALL + 1)),
))


def category_colors(table: str, column: str,
                    semantic: Mapping[str, str] | None = None) -> dict[str, str]:
    """Value -> colour for every allowed value of an enum column, in schema order.

    Values with a meaningful colour (``semantic``, or the package's own table) keep it; any
    other value takes the next unused palette colour, then the fallback grey.
    """
    if semantic is None:
        semantic = CONFIDENCE if column == "confidence" else SEMANTIC.get((table, column), {})
    spare = iter([c for c in PALETTE if c not in semantic.values()])
    return {v: semantic.get(v) or next(spare, FALLBACK)
            for v in descriptor.categories(table, column)}


def color_of(colors: Mapping[str, str], value: object) -> str:
    """The colour of ``value`` in ``colors``, or the fallback grey for an unknown value."""
    return colors.get(str(value), FALLBACK)


def text_color(background: str) -> str:
    """Black or white, whichever reads better on ``background`` ("#RRGGBB" or "white")."""
    if not background.startswith("#"):
        return "#111111"
    r, g, b = (int(background[i:i + 2], 16) / 255 for i in (1, 3, 5))
    light = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#111111" if light > 0.45 else "#FFFFFF"


def rgba(hex_color: str, alpha: float) -> str:
    """A "#RRGGBB" colour as an rgba() string with the given opacity."""
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def style(fig: go.Figure, title: str, x_title: str | None = None,
          y_title: str | None = None, height: int = 420) -> go.Figure:
    """Apply the package look: template, readable fonts, a left title, a responsive width.

    No width is set, so the chart fills its cell in JupyterLab, Voila and the site.
    """
    fig.update_layout(template=LIGHT, font=FONT, height=height, autosize=True,
                      title=dict(text=title, x=0.005, xref="container", xanchor="left",
                                 y=1, yref="container", yanchor="top", pad=dict(t=12),
                                 font=dict(size=17)),
                      margin=dict(l=10, r=20, t=64, b=10))
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


def legend_rows(names: list[str], width: int = 400) -> int:
    """How many rows a horizontal legend of ``names`` takes in ``width`` pixels (estimate:
    7 px a character plus 40 px for the symbol and gap, a conservative 13 px font)."""
    rows, used = 1, 0
    for name in names:
        size = 7 * len(name) + 40
        if used and used + size > width:
            rows, used = rows + 1, 0
        used += size
    return rows


def legend_above(fig: go.Figure, title: str | None = None) -> go.Figure:
    """A horizontal legend between the title and the plot, where it cannot cover data or
    collide with an axis title. It starts at the left edge of the chart, under the title, not
    of the plot area, which long tick labels can squeeze. The top margin grows by room for its
    rows at the narrowest chart people meet (about 400 px)."""
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    rows = legend_rows(([title] if title else []) + names)
    fig.update_layout(showlegend=True,
                      legend=dict(orientation="h", yanchor="top", yref="container",
                                  y=1 - TITLE_ROOM / (fig.layout.height or 420),
                                  x=0.005, xref="container", xanchor="left",
                                  title_text=title or ""),
                      margin=dict(t=(fig.layout.margin.t or 64) + 8 + 26 * rows))
    return fig


def lines_of(label: str) -> int:
    """How many lines a Plotly label takes (its ``<br>`` breaks plus one)."""
    return str(label).count("<br>") + 1


def legend_reserve(fig: go.Figure) -> int:
    """Extra top margin a legend above the plot may need on a narrow screen, where Plotly
    wraps it to one entry a row (it grows the margin itself; a height computed to give rows
    of the plot room must allow for it)."""
    names = [t for t in fig.data if t.name and t.showlegend is not False]
    return 26 * len(names)


def label_room(labels: list[str], size: int = SMALL + 1) -> float:
    """Pixels two neighbouring labels of ``labels`` need between their centres so their
    lines never touch: half of each one's height, plus a small gap (Plotly sets text lines
    at 1.3 times the font size)."""
    heights = [1.3 * size * lines_of(lab) for lab in labels]
    pairs = zip(heights, heights[1:], strict=False)
    return max((a / 2 + b / 2 + 4 for a, b in pairs), default=0.0)


def set_height(fig: go.Figure, height: int) -> go.Figure:
    """Set the chart's height, keeping a legend placed by :func:`legend_above` right under
    the title (its position is a fraction of the height)."""
    fig.update_layout(height=height)
    if fig.layout.legend.yref == "container":
        fig.update_layout(legend_y=1 - TITLE_ROOM / height)
    return fig


def integer_axis(fig: go.Figure, axis: str, top: float) -> go.Figure:
    """Whole-number ticks on a count axis ("x" or "y") whose largest value is ``top``."""
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500):
        step = candidate
        if top / candidate <= 8:
            break
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    update(tick0=0, dtick=step, tickformat="d", rangemode="tozero")
    return fig


def key(colors: Mapping[str, str], names: Mapping[str, str], width: int = 70) -> str:
    """A colour key as Plotly text: a coloured square and a label per value, broken into
    lines of about ``width`` characters so it never runs off a narrow chart."""
    lines: list[list[str]] = [[]]
    used = 0
    for value, color in colors.items():
        name = names.get(value, value)
        if lines[-1] and used + len(name) + 5 > width:
            lines.append([])
            used = 0
        lines[-1].append(f"<span style='color:{color}'>■</span> {name}")
        used += len(name) + 5
    return "<br>".join("   ".join(line) for line in lines)


def add_key(fig: go.Figure, colors: Mapping[str, str], names: Mapping[str, str],
            prefix: str = "") -> go.Figure:
    """A colour key between the title and the plot (for charts whose traces have no legend).

    Above the plot it can never sit on the tick labels; the top margin grows by its lines.
    """
    text = prefix + key(colors, names)
    lines = text.count("<br>") + 1
    fig.add_annotation(text=text, x=0, xref="paper", y=1.0, yref="paper",
                       yanchor="bottom", yshift=6, xanchor="left", align="left",
                       showarrow=False, font=dict(size=13), name="key")
    top = (fig.layout.margin.t or 64) + 20 * lines
    fig.update_layout(margin=dict(t=top))
    return fig


def empty(fig: go.Figure, title: str, message: str | None = None) -> go.Figure:
    """The explicit "nothing matches" state: no traces, hidden axes, a message in the middle."""
    fig.data = []
    fig.layout.annotations = []
    fig.update_layout(title_text=title, showlegend=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(text=message or _("Nothing matches these filters. Set a menu back to "
                                         "“All” to see more."),
                       x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=16, color="#555555"), name="empty-state")
    return fig


def is_empty_state(fig: go.Figure) -> bool:
    """True when ``fig`` is the explicit "nothing matches" state of :func:`empty`."""
    return any(a.name == "empty-state" for a in fig.layout.annotations)
