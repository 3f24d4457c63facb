"""Every control of every explorer, over all of its values: the chart has data or the explicit
"nothing matches" state, its axes keep their designed types, its title agrees with the line
under it, and counts are in the right number ("1 milestone")."""

from __future__ import annotations

import itertools
import re

import ipywidgets as widgets
import pytest

from helpers import style
from helpers.explorer import PLOTLY_MIME, WIDGET_MIME, Explorer, View

from .registry import EXPLORERS, ExplorerCase

PLURAL_ONE = re.compile(r"(?<![\d.])1 (milestones|links|quotes|items|signatories|instruments|"
                        r"claims|acts|ticks)\b")


def values_of(control: widgets.Widget) -> list[object]:
    """Every value a control can take (range sliders: every start with the last end and every
    end with the first start)."""
    if isinstance(control, widgets.SelectionRangeSlider):
        opts = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return ([(s, opts[-1]) for s in opts] + [(opts[0], e) for e in opts])
    if isinstance(control, widgets.IntRangeSlider):
        span = range(control.min, control.max + 1)
        return [(a, b) for a, b in itertools.product(span, span) if a <= b]
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def views(case: ExplorerCase, tables: dict) -> list[tuple[str, object, View]]:
    """(control, value, view) for every value of every control, the others at their default."""
    explorer = case.build(tables)
    base = explorer.state()
    out = []
    for name, control in explorer.controls.items():
        for value in values_of(control):
            out.append((name, value, explorer.view(**{**base, name: value})))
    return out


@pytest.fixture(scope="module")
def all_views(tables):
    return {case.name: views(case, tables) for case in EXPLORERS}


@pytest.mark.parametrize("case", EXPLORERS, ids=lambda c: c.name)
def test_every_value_draws_data_or_the_empty_state(case, all_views):
    for name, value, view in all_views[case.name]:
        for fig in view.figures:
            has_data = any(_points(t) for t in fig.data)
            assert has_data or style.is_empty_state(fig), f"{name}={value!r}: blank chart"
            if style.is_empty_state(fig):
                assert "No " in (fig.layout.title.text or "") or not has_data


@pytest.mark.parametrize("case", EXPLORERS, ids=lambda c: c.name)
def test_axis_types_are_pinned_for_every_value(case, all_views):
    for name, value, view in all_views[case.name]:
        for fig, axes in zip(view.figures, case.axes, strict=True):
            if style.is_empty_state(fig):
                continue
            for axis, kind in axes.items():
                assert fig.layout[axis].type == kind, f"{name}={value!r}: {axis} not {kind}"


@pytest.mark.parametrize("case", EXPLORERS, ids=lambda c: c.name)
def test_title_agrees_with_the_summary(case, all_views):
    for name, value, view in all_views[case.name]:
        from_title, from_summary = case.agree(view)
        assert from_title == from_summary, f"{name}={value!r}: {from_title} vs {from_summary}"
        assert view.summary.strip(), f"{name}={value!r}: no summary line"


@pytest.mark.parametrize("case", EXPLORERS, ids=lambda c: c.name)
def test_counts_agree_in_number(case, all_views):
    for name, value, view in all_views[case.name]:
        texts = [view.summary, *(f.layout.title.text or "" for f in view.figures)]
        bad = [t for t in texts if PLURAL_ONE.search(t)]
        assert not bad, f"{name}={value!r}: {bad}"


def test_some_filter_reaches_the_empty_state(all_views):
    """Guard for the empty-state check: the timeline has filter values that match nothing."""
    from helpers.topics import timeline

    assert not any(style.is_empty_state(f) for _n, _v, view in all_views["timeline"]
                   for f in view.figures), "a single filter should never empty the timeline"
    assert style.is_empty_state(timeline.timeline_view(
        _tables(), kind="committee_approval", city="Vienna").figures[0])


def test_milliseconds_never_reach_the_timeline_axis(all_views):
    """The defect of the review: one consultation kind or Hanoi gave a numeric axis."""
    for name, value, view in all_views["timeline"]:
        fig = view.figures[0]
        if not style.is_empty_state(fig):
            lo, hi = fig.layout.xaxis.range
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(lo)), f"{name}={value!r}: {lo}"
            assert (int(hi[:4]) - int(lo[:4])) >= 0


def test_the_explorer_redraws_through_the_plotly_mimetype(tables):
    """A control change puts a fresh Plotly figure in the chart Output, no widget model."""
    explorer = EXPLORERS[4].build(tables)
    before = explorer.charts[0].outputs[0]["data"][PLOTLY_MIME]["layout"]["title"]["text"]
    explorer.controls["kind"].value = "negotiating_session"
    after = explorer.charts[0].outputs[0]["data"]
    assert PLOTLY_MIME in after and WIDGET_MIME not in after
    assert after[PLOTLY_MIME]["layout"]["title"]["text"] != before
    assert "8 negotiating session milestones" in after[PLOTLY_MIME]["layout"]["title"]["text"]
    assert explorer.summary.value.startswith("<p class='cte-summary'>8 milestones")


def test_explorer_text_is_a_description_not_a_repr(tables):
    explorer: Explorer = EXPLORERS[0].build(tables)
    text = explorer._repr_mimebundle_()["text/plain"]
    assert text.startswith("Explorer (Kind of milestone)") and "VBox" not in text


def _points(trace: object) -> int:
    """How many data points a trace draws (link count for a Sankey, value for an indicator)."""
    total = 0
    for key in ("x", "y", "values", "labels", "ids", "z"):
        value = getattr(trace, key, None) if key in trace else None
        if value is not None:
            total += len(value)
    if getattr(trace, "type", "") == "sankey":
        total += len(trace.link.source or [])
    return total


def _tables():
    from helpers import load_all

    return load_all()["milestones"]
