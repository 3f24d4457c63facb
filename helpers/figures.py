"""Figure functions: pure, a DataFrame in and a ``plotly.graph_objects.Figure`` out.

Rules for every function here:
- no I/O, no globals mutated, no widgets: the same frame always gives the same figure;
- plain-language title and axis labels (passed through :func:`style`);
- colours from the colour-blind-safe Okabe-Ito palette below;
- small, with a docstring; the widget explorers in ``helpers.widgets`` reuse them.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

# Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

CONFIDENCE_COLORS = {
    "primary": "#009E73",
    "secondary": "#56B4E9",
    "disputed": "#E69F00",
    "unverified": "#D55E00",
}

VERDICT_COLORS = {
    "supported": "#009E73",
    "imprecise": "#E69F00",
    "incorrect": "#D55E00",
    "unverifiable": "#999999",
}

FONT = dict(family="Arial, Helvetica, sans-serif", size=14)


def style(fig: go.Figure, title: str, x_title: str | None = None,
          y_title: str | None = None) -> go.Figure:
    """Apply the package look: white template, palette, readable font, plain-word titles."""
    fig.update_layout(
        template="plotly_white",
        colorway=PALETTE,
        font=FONT,
        title=dict(text=title, x=0.01, xanchor="left"),
        margin=dict(l=60, r=30, t=70, b=50),
    )
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


# === Offline world map (drawn from data/world_shapes.csv; no topojson download) ===


def ring_xy(path: str) -> tuple[list[float], list[float]]:
    """Longitudes and latitudes of one 'M lon lat L lon lat ... Z' ring."""
    xs, ys = [], []
    for step in path.strip().rstrip("Z").split("L"):
        lon, lat = step.strip().lstrip("M").split()
        xs.append(float(lon))
        ys.append(float(lat))
    return xs, ys


def outlines_xy(shapes: pd.DataFrame, codes: set[str]) -> tuple[list, list]:
    """All rings of the given ISO3 codes joined into one x/y list, rings separated by None."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    rows = shapes[shapes["iso3"].isin(codes) & shapes["path"].notna()]
    for path in rows["path"]:
        rx, ry = ring_xy(path)
        xs += [*rx, None]
        ys += [*ry, None]
    return xs, ys


def _centroids(shapes: pd.DataFrame) -> pd.DataFrame:
    return shapes.drop_duplicates("iso3").set_index("iso3")[["centroid_lon", "centroid_lat"]]


def world_map(shapes: pd.DataFrame, group_of: dict[str, str], hover_of: dict[str, str],
              colors: dict[str, str], title: str) -> go.Figure:
    """Offline choropleth-style world map: countries filled by group, hover on a dot each.

    ``group_of`` maps ISO3 codes to a group name (a key of ``colors``); countries not in it fall
    in the last group of ``colors``, drawn as plain background. Every other group gets two
    traces: filled outlines and centroid dots (the dots carry the hover text and show small
    states that have no outline at this scale).
    """
    fig = go.Figure()
    cents = _centroids(shapes)
    every = set(cents.index)
    last = list(colors)[-1]
    for group, color in colors.items():
        codes = {c for c in every if group_of.get(c, last) == group}
        xs, ys = outlines_xy(shapes, codes)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=color,
                                 line=dict(color="white", width=0.5), name=group,
                                 legendgroup=group, hoverinfo="skip", showlegend=False))
        dots = cents.loc[sorted(codes) if group != last else []]
        fig.add_trace(go.Scatter(x=list(dots["centroid_lon"]), y=list(dots["centroid_lat"]),
                                 mode="markers", marker=dict(color=color, size=5,
                                                             line=dict(color="#333", width=0.5)),
                                 name=group, legendgroup=group,
                                 hovertext=[hover_of.get(c, c) for c in dots.index],
                                 hoverinfo="text"))
    fig.update_xaxes(visible=False, range=[-180, 180])
    fig.update_yaxes(visible=False, range=[-58, 84], scaleanchor="x", scaleratio=1)
    style(fig, title)
    fig.update_layout(height=460, legend=dict(orientation="h", y=-0.02), plot_bgcolor="#f4f7fb")
    return fig


# === Section A: notebooks 01-03 (taxonomy, SDGs, road to the treaty) ===

# === End of section A ===

# === Section B: notebooks 04-06 (landscape, voices, fact-check) ===

# === End of section B ===
