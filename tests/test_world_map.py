"""The offline world map: outlines parsed from world_shapes, groups coloured, hover on dots."""

from __future__ import annotations

import pandas as pd

from helpers import figures

SHAPES = pd.DataFrame({
    "iso3": ["AAA", "BBB", "CCC"],
    "part": [0, 0, 0],
    "centroid_lon": [1.0, 10.0, 20.0],
    "centroid_lat": [1.0, 10.0, 20.0],
    "path": ["M0.0 0.0 L2.0 0.0 L2.0 2.0 Z", "M9.0 9.0 L11.0 9.0 L11.0 11.0 Z", None],
})
COLORS = {"Signed": "#0072B2", "Not signed": "#d9d9d9"}


def test_ring_xy_parses_svg_style_path():
    assert figures.ring_xy("M-1.5 2.0 L3.0 -4.5 Z") == ([-1.5, 3.0], [2.0, -4.5])


def test_outlines_are_joined_with_gaps_and_skip_dot_only_rows():
    xs, ys = figures.outlines_xy(SHAPES, {"AAA", "CCC"})
    assert xs == [0.0, 2.0, 2.0, None] and ys == [0.0, 0.0, 2.0, None]


def test_world_map_groups_countries_and_hover_names_them():
    fig = figures.world_map(SHAPES, {"AAA": "Signed", "CCC": "Signed"},
                            {"AAA": "Alpha", "CCC": "Gamma"}, COLORS, "Who signed")
    fills = [t for t in fig.data if t.fill == "toself"]
    dots = [t for t in fig.data if t.mode == "markers"]
    assert [t.name for t in fills] == ["Signed", "Not signed"]
    assert fills[0].fillcolor == "#0072B2"
    assert list(dots[0].hovertext) == ["Alpha", "Gamma"]  # CCC has no outline but gets a dot
    assert list(dots[1].x) == []  # background group carries no dots
    assert list(fills[1].x)[:3] == [9.0, 11.0, 11.0]  # BBB falls in the last group
    assert fills[1].x.dtype == "float32" and str(fills[1].x[-1]) == "nan"  # compact, gap
    assert fig.layout.title.text == "Who signed"
    assert fig.layout.yaxis.scaleanchor == "x"
