"""CSV text reaches Plotly escaped: markup in the data shows as typed and never as a link.

Plotly renders a subset of HTML in titles, hover text, annotations and tick labels (<b>, <i>,
<br>, <span style>, <a href>). It drops javascript: links itself, but an http link from the
data would become live and a <b> would change the text. Every free-text column the figures
use gets a payload here (in memory); no string in any figure may carry it unescaped.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

from helpers import figures, widgets

PAYLOAD = ' <a href="javascript:alert(1)">x</a> <b>bold</b> <img src=x onerror=alert(1)>'
RAW = ('<a href="javascript', "<b>bold</b>", "<img src")
ESCAPED = "&lt;a href=\"javascript:alert(1)\"&gt;x&lt;/a&gt;"

#: Free-text columns that figures show (ids, enums, dates and numbers are left alone).
TEXT_COLUMNS = {
    "milestones": ["title", "description", "city"],
    "quotes": ["speaker", "event", "text", "role"],
    "claims": ["claim", "evidence", "note"],
    "offences": ["label", "description"],
    "treaty_articles": ["article_title", "group_title"],
    "crosswalk": ["explanation"],
    "sdg_links": ["crime_type", "rationale"],
    "sdg_goals": ["short_title"],
    "instruments": ["short_name", "body"],
    "signatures": ["party"],
}


#: Keys whose strings Plotly never shows (identities of treemap/sunburst nodes).
HIDDEN_KEYS = {"ids", "parents"}


def strings(node: object) -> Iterator[str]:
    """Every string Plotly may show, inside a figure's JSON (dicts, lists, arrays)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in HIDDEN_KEYS:
                yield from strings(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from strings(value)
    elif hasattr(node, "tolist"):
        yield from strings(node.tolist())


@pytest.fixture(scope="module")
def poisoned(tables) -> dict[str, pd.DataFrame]:
    out = {name: frame.copy() for name, frame in tables.items()}
    for name, columns in TEXT_COLUMNS.items():
        for column in columns:
            text = out[name][column]
            out[name][column] = text.where(text.isna(), text.astype("string") + PAYLOAD)
    return out


def all_figures(t: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Every figure of the package built from the poisoned tables (and some widget updates)."""
    m, q, c = t["milestones"], t["quotes"], t["claims"]
    off, art, cw = t["offences"], t["treaty_articles"], t["crosswalk"]
    inst, sig = t["instruments"], t["signatures"]
    figs = {
        "milestones_per_year": figures.milestones_per_year(m),
        "offence_hierarchy": figures.offence_hierarchy(off),
        "crosswalk_matrix": figures.crosswalk_matrix(cw, art),
        "sdg_sankey": figures.sdg_sankey(t["sdg_links"], t["sdg_targets"], t["sdg_goals"], off),
        "timeline": figures.annotate_first_session(figures.timeline(m), m),
        "instrument_timeline": figures.instrument_timeline(inst),
        "covers_matrix": figures.covers_matrix(inst),
        "parties_bars": figures.parties_bars(inst),
        "signatures_by_date": figures.signatures_by_date(sig),
        "signature_map": figures.signature_map(sig, t["world_shapes"]),
        "signature_curve": figures.signature_curve(sig),
        "quote_timeline": figures.quote_timeline(q),
        "concerns_by_article": figures.concerns_by_article(t["concerns"], art),
        "verdict_bars": figures.verdict_bars(c),
        "claim_strip": figures.claim_strip(c),
        "confidence_bars": figures.confidence_bars(t),
    }
    for scheme in figures.SCHEMES.values():
        figs[f"scheme_treemap_{scheme}"] = figures.scheme_treemap(off, art, scheme)
    picked = figures.crosswalk_matrix(cw, art)
    act = cw["unodc_act_id"].dropna().iloc[0]
    label = off.set_index("offence_id").loc[act, "label"]
    widgets.update_crosswalk_pick(picked, cw, art, act, label)
    figs["crosswalk_pick"] = picked
    return figs


#: Figures that show free text from the data (each must carry the escaped payload).
SHOWS_TEXT = ["offence_hierarchy", "crosswalk_matrix", "sdg_sankey", "timeline",
              "instrument_timeline", "covers_matrix", "parties_bars", "signature_map",
              "quote_timeline", "concerns_by_article", "claim_strip", "crosswalk_pick",
              "scheme_treemap_unodc_2013", "scheme_treemap_budapest"]


def test_no_figure_carries_markup_from_the_data(poisoned):
    for name, fig in all_figures(poisoned).items():
        found = [s for s in strings(fig.to_plotly_json()) if any(r in s for r in RAW)]
        assert not found, f"{name}: unescaped markup from the data: {found[0][:120]!r}"


@pytest.mark.parametrize("name", SHOWS_TEXT)
def test_text_from_the_data_is_shown_escaped(poisoned, name):
    fig = all_figures(poisoned)[name]
    assert any(ESCAPED in s for s in strings(fig.to_plotly_json())), \
        f"{name}: the data's text did not reach the figure (escaped)"


def test_ptext_escapes_and_keeps_plain_text():
    assert figures.ptext('a <b>c</b> & "d"') == 'a &lt;b&gt;c&lt;/b&gt; &amp; "d"'
    assert figures.ptext("Budapest Convention") == "Budapest Convention"
    assert figures.ptexts(["<i>", None]) == ["&lt;i&gt;", None]


def test_wrap_escapes_words_but_keeps_its_line_breaks():
    out = figures.wrap("one <b>two</b> three four five six seven", width=10)
    assert "<br>" in out
    assert "<b>" not in out and "&lt;b&gt;two&lt;/b&gt;" in out
