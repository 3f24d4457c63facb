"""Layout rules that keep text apart, checked on the figures themselves (the browser tests
measure the drawn text boxes)."""

from __future__ import annotations

import plotly.graph_objects as go

from helpers import load_all, style
from helpers.i18n import speaking
from helpers.topics import sdgs, taxonomy


def test_label_room_grows_with_the_lines_of_the_taller_neighbour():
    one, four = "a", "a<br>b<br>c<br>d"
    assert style.label_room([one, one]) < style.label_room([one, four]) \
        < style.label_room([four, four])
    assert style.label_room([four, four]) > 4 * 1.3 * 13  # four lines of 13 px text


def test_a_legend_stays_under_the_title_when_the_height_changes():
    fig = style.style(go.Figure(go.Scatter(x=[1], y=[1], name="a")), "t", height=400)
    style.legend_above(fig)
    for height in (400, 1400):
        style.set_height(fig, height)
        assert round((1 - fig.layout.legend.y) * height) == style.TITLE_ROOM


def test_ladder_rungs_leave_room_for_their_longest_labels():
    for lang in ("en", "fr"):  # the French headings wrap to four lines
        with speaking(lang):
            tables = load_all(lang=lang)
            fig = taxonomy.crosswalk_ladder(tables["crosswalk"], tables["treaty_articles"])
        rungs = len(fig.layout.yaxis2.tickvals) + 0.2
        plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
        need = max(style.label_room(list(fig.layout.yaxis.ticktext)),
                   style.label_room(list(fig.layout.yaxis2.ticktext)))
        assert plot / rungs >= need, lang


def test_sankey_node_labels_of_a_column_never_touch(tables):
    fig = sdgs.sdg_sankey(tables["sdg_links"], tables["sdg_targets"], tables["sdg_goals"],
                          tables["offences"])
    node = fig.data[0].node
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    columns: dict[float, list[tuple[float, str]]] = {}
    for x, y, lab in zip(node.x, node.y, node.label, strict=True):
        columns.setdefault(x, []).append((y, lab))
    for col in columns.values():
        col.sort()
        for (y0, a), (y1, b) in zip(col, col[1:], strict=False):
            assert (y1 - y0) * plot >= style.label_room([a, b]) - 0.5, (a, b)
