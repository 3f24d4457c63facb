"""Section B widget callbacks (notebooks 04-06), run on plain go.Figure objects."""

from __future__ import annotations

import ipywidgets as ipw
import pandas as pd

from helpers import figures as F
from helpers import widgets as W

from .test_figures_b import (
    SHAPES,
    claims_frame,
    instruments_frame,
    quotes_frame,
    signatures_frame,
    typed,
)


def test_update_instrument_colors_recolours_and_counts():
    frame = instruments_frame()
    fig = F.instrument_timeline(frame, "scope")
    text = W.update_instrument_colors(fig, frame, "kind")
    assert list(fig.data[1].marker.color) == [F.KIND_COLORS[k] for k in
                                              ("convention", "directive", "protocol",
                                               "convention")]
    assert fig.layout.title.text.endswith("coloured by kind")
    assert "Directive" in fig.layout.annotations[0].text
    assert text == "By kind: Convention 2, Directive 1, Protocol 1"


def test_update_signature_map_moves_countries_between_groups():
    frame = signatures_frame()
    fig = F.signature_map(frame, SHAPES)
    dots = [i for i, t in enumerate(fig.data) if t.mode == "markers"]
    assert len(fig.data[dots[1]].x) == 2  # BBB and CCC signed later
    text = W.update_signature_map(fig, frame, SHAPES, "2025-10-25")
    assert list(fig.data[dots[1]].x) == []
    assert fig.data[dots[2]].name == "Not signed (or not on the list)"
    assert "2 signatories by 2025-10-25" in fig.layout.title.text
    assert text == ("By 2025-10-25: 2 signatories (1 states on the map; 1 without an ISO code, "
                    "not on the map: Union)")


def test_update_signature_curve_moves_marker():
    frame = signatures_frame()
    fig = F.signature_curve(frame)
    assert list(fig.data[1].x) == []
    assert W.update_signature_curve(fig, frame, "2025-11-19") == "4 signatories by 2025-11-19"
    assert list(fig.data[1].y) == [4]
    assert W.signature_dates(frame) == ["2025-10-25", "2025-10-26", "2025-11-19"]


def test_update_quotes_filters_traces():
    frame = quotes_frame()
    fig = F.quote_timeline(frame)
    text = W.update_quotes(fig, frame, speaker="Ann")
    assert [len(t.x) for t in fig.data] == [1, 1, 0]
    assert text == "2 quote(s): Reported speech 1, Verbatim 1"
    assert W.update_quotes(fig, frame, years=(2020, 2023)) == "1 quote(s): Verbatim 1"
    assert fig.layout.title.text.startswith("1 quote(s) from 1 speaker(s)")
    assert W.update_quotes(fig, frame, speaker="Bob", form="paraphrase") == \
        "No quotes match the filters."


def test_one_day_of_quotes_keeps_a_readable_axis_and_only_its_speakers():
    frame = quotes_frame()
    fig = F.quote_timeline(frame)
    W.update_quotes(fig, frame, speaker="Ann")  # two quotes on the same day
    start, end = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert start < pd.Timestamp("2019-11-26") < end and (end - start).days >= 30
    assert list(fig.layout.yaxis.categoryarray) == ["Ann"]
    W.update_quotes(fig, frame)
    start, end = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert start < pd.Timestamp("2019-11-26") and end > pd.Timestamp("2024-08-08")
    assert list(fig.layout.yaxis.categoryarray) == ["Ann", "Bob", "Cid"]


def test_quotes_html_escapes_and_marks_non_quotations():
    html = W.quotes_html(F.quote_rows(quotes_frame(), speaker="Ann"))
    assert "<b>q1</b>" not in html and "&lt;b&gt;q1&lt;/b&gt;" in html
    assert "not a quotation: reported_speech" in html
    assert "“Words &lt;b&gt;q2&lt;/b&gt;”" in html


def test_update_claim_rings_the_claim():
    frame = claims_frame()
    fig = F.claim_strip(frame)
    text = W.update_claim(fig, frame, "c2")
    assert list(fig.data[-1].x) == [2] and list(fig.data[-1].y) == ["incorrect"]
    assert fig.layout.title.text == "Claim 2 of 4: incorrect"
    assert text == "Claim 2 (sdgs): incorrect, confidence primary"
    assert [label for label, _ in W.claim_options(frame)][0] == "1. Claim 1"


def test_claim_html_escapes_source_fields():
    sources = typed("sources", [{"source_id": "s", "title": "<script>x</script>",
                                 "publisher": "P & Q", "url": "https://e.org/?a=1&b=2",
                                 "kind": "news", "accessed": "2026-01-01"}])
    html = W.claim_html(claims_frame(), sources, "c1")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "P &amp; Q" in html and "a=1&amp;b=2" in html


def test_explorers_build():
    box = W.explore_claims(claims_frame(), typed("sources", [
        {"source_id": "s", "title": "t", "publisher": "p", "url": "https://e.org",
         "kind": "news", "accessed": "2026-01-01"}]))
    assert isinstance(box, ipw.VBox) and isinstance(box.children[0], ipw.Dropdown)
    box = W.explore_signatures(signatures_frame(), SHAPES)
    assert box.children[0].children[0].value == "2025-11-19"
    box = W.explore_quotes(quotes_frame())
    assert "Ann" in box.children[-1].value
    assert isinstance(W.explore_instruments(instruments_frame()), ipw.VBox)
