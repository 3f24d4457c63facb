"""Section A explorers and callbacks (notebooks 00-03): callbacks run on plain go.Figure."""

from __future__ import annotations

import ipywidgets as ipw
import plotly.graph_objects as go
import pytest

from helpers import figures as F
from helpers import widgets as W

from .test_figures_a import (
    articles_frame,
    crosswalk_frame,
    milestones_frame,
    offences_frame,
    sdg_frame,
    typed,
)


@pytest.fixture()
def m():
    return milestones_frame()


def test_update_year_counts_changes_bars_and_title(m):
    fig = F.milestones_per_year(m)
    before = list(fig.data[0].y)
    text = W.update_year_counts(fig, m, "negotiating_session")
    assert list(fig.data[0].y) != before and sum(fig.data[0].y) == 2
    assert fig.layout.title.text == F.year_title("negotiating_session")
    assert text == "Negotiating session: 2 milestone(s), busiest year 2022 (2)"
    assert W.update_year_counts(fig, m, F.ALL).startswith(f"All kinds: {len(m)} milestone(s)")


def test_explore_years_builds_one_figure_widget_and_reacts(m):
    box = W.explore_years(m)
    assert isinstance(box, ipw.VBox)
    controls, fig, info = box.children
    assert isinstance(fig, go.FigureWidget)
    pick = controls.children[0]
    pick.value = "deadline"
    assert sum(fig.data[0].y) == 1 and info.value.startswith("Deadline: 1")
    assert box.children[1] is fig  # same widget, updated in place


def test_update_scheme_switches_treemap():
    offences, articles = offences_frame(), articles_frame()
    fig = F.scheme_treemap(offences, articles, "unodc_2013")
    text = W.update_scheme(fig, offences, articles, "budapest")
    assert "b10" in fig.data[0].ids and "a1" not in fig.data[0].ids
    assert fig.layout.title.text.startswith("Budapest Convention titles: 3 items")
    assert text == "Budapest Convention: 2 groups, 3 items (primary 3)"


def test_explore_schemes_toggle():
    box = W.explore_schemes(offences_frame(), articles_frame())
    toggle, fig = box.children[0].children[0], box.children[1]
    assert isinstance(toggle, ipw.ToggleButtons)
    toggle.value = "un_chapter_2"
    assert set(fig.data[0].ids) >= {"u7", "u18"}
    assert "secondary 1, unverified 1" in box.children[2].value


def test_update_crosswalk_pick_outlines_cells():
    cw, arts = crosswalk_frame(), articles_frame()
    fig = F.crosswalk_matrix(cw, arts)
    text = W.update_crosswalk_pick(fig, cw, arts, "a1", "Act one")
    assert list(fig.data[1].y) == ["Art. 2 Illegal access", "Art. 3 Illegal interception"]
    assert list(fig.data[1].x) == ["Art. 7 Illegal access"] * 2
    assert fig.layout.title.text == "Act one: 2 cell(s) in the matrix"
    assert text.count("(equivalent)") == 2 and text.count("(partial)") == 2
    W.update_crosswalk_pick(fig, cw, arts, "a3")
    assert len(fig.data[1].x) == 0


def test_crosswalk_html_escapes_csv_text():
    cw, arts = crosswalk_frame(), articles_frame()
    offences = offences_frame()
    offences.loc[offences["offence_id"] == "a2", "label"] = "<script>x</script>"
    html = W.crosswalk_html(cw, offences, arts, "a2")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "no matching article" in html


def test_update_target_highlights_one_target():
    links, targets, goals = sdg_frame()
    offences = offences_frame()
    fig = F.sdg_sankey(links, targets, goals, offences)
    text = W.update_target(fig, links, targets, goals, offences, "16.2")
    grey = F._rgba("#BBBBBB", 0.25)
    lit = [c != grey for c in fig.data[0].link.color]
    assert sum(lit) == 3  # two crime -> 16.2 links and the 16.2 -> goal link
    assert fig.layout.title.text == "Links to target 16.2: 2"
    assert text == "Target 16.2: 2 link(s) (plausible_intent 1, valid 1)"


def test_target_options_and_html():
    links, targets, _ = sdg_frame()
    assert W.target_options(links) == ["10.7", "10.8", "16.2"]
    fake = W.target_html(links, targets, "10.8")
    assert "no target with this number" in fake
    real = W.target_html(links, targets, "10.7")
    assert "text 10.7" in real and "plausible_intent" in real


def test_update_timeline_filters_in_place(m):
    fig = F.timeline(m)
    text = W.update_timeline(fig, m, kind="negotiating_session")
    assert sum(len(t.y) for t in fig.data) == 2
    assert fig.layout.title.text.startswith("2 negotiating session milestones")
    assert text.startswith("2 milestone(s) from 2022-02-28 to 2022-06-10")
    W.update_timeline(fig, m, months=("2024-01", "2024-12"))
    assert sum(len(t.y) for t in fig.data) == 1
    assert list(fig.layout.xaxis.range) == ["2024-01-01", "2024-12-31"]
    assert W.update_timeline(fig, m, city="Nowhere") == "No milestones match the filters."


def test_explore_timeline_controls(m):
    box = W.explore_timeline(m)
    row, span, fig, info = box.children
    kind, body, city = row.children
    assert isinstance(span, ipw.SelectionRangeSlider) and isinstance(fig, go.FigureWidget)
    kind.value = "negotiating_session"
    assert sum(len(t.y) for t in fig.data) == 2
    city.value = "Vienna"
    assert sum(len(t.y) for t in fig.data) == 1 and info.value.startswith("1 milestone(s)")


def test_sources_used_lists_cited_rows_only():
    sources = typed("sources", [
        {"source_id": sid, "title": f"T {sid}", "publisher": "P", "url": "https://x.org",
         "kind": "official", "accessed": "2026-01-01"} for sid in ["s", "z", "a"]])
    used = W.sources_used(sources, milestones_frame(), articles_frame())
    assert list(used["source_id"]) == ["s"]
