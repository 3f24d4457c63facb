"""Figure functions: pure, a DataFrame in and a ``plotly.graph_objects.Figure`` out.

Rules for every function here:
- no I/O, no globals mutated, no widgets: the same frame always gives the same figure;
- plain-language title and axis labels (passed through :func:`style`);
- colours from the colour-blind-safe Okabe-Ito palette below;
- small, with a docstring; the widget explorers in ``helpers.widgets`` reuse them.
"""

from __future__ import annotations

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


# === Section A: notebooks 01-03 (taxonomy, SDGs, road to the treaty) ===

# === End of section A ===

# === Section B: notebooks 04-06 (landscape, voices, fact-check) ===

# === End of section B ===
