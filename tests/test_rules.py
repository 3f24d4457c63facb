"""Unit tests for the cross-field rules and for HTML escaping of CSV text."""

from __future__ import annotations

import datetime as dt

from helpers.rules import is_iso3, row_problems
from helpers.widgets import esc, html_table

D = dt.date


def columns(table, row):
    return [column for column, _ in row_problems(table, row)]


def test_range_rule_flags_end_before_start_only():
    assert columns("milestones", {"start_date": D(2022, 3, 1), "end_date": D(2022, 2, 1)}) == [
        "end_date"]
    assert columns("milestones", {"start_date": D(2022, 3, 1), "end_date": D(2022, 3, 1)}) == []
    assert columns("milestones", {"start_date": D(2022, 3, 1), "end_date": None}) == []


def test_partial_vote_is_flagged():
    row = {"start_date": D(2019, 12, 27), "votes_for": 1, "votes_against": None,
           "votes_abstaining": None}
    assert columns("milestones", row) == ["votes_for"]


def test_iso_codes_come_from_pycountry():
    assert is_iso3("VNM") and is_iso3("PSE")
    assert not is_iso3("XYZ") and not is_iso3("EUU")


def test_state_needs_code_and_eu_takes_none():
    base = {"signature_date": D(2025, 10, 25), "as_of": D(2025, 10, 26)}
    assert columns("signatures", {**base, "entity_kind": "state", "iso3": None}) == ["iso3"]
    assert columns("signatures", {**base, "entity_kind": "regional_organization",
                                  "iso3": "BEL"}) == ["iso3"]
    assert columns("signatures", {**base, "entity_kind": "state", "iso3": "VNM"}) == []


def test_ratification_cannot_precede_signature():
    row = {"entity_kind": "state", "iso3": "AZE", "signature_date": D(2025, 10, 25),
           "ratification_date": D(2025, 1, 1), "as_of": D(2026, 1, 1)}
    assert "ratification_date" in columns("signatures", row)


def test_formula_prefixes_are_flagged_in_any_table():
    for prefix in "=+-@":
        assert columns("claims", {"claim": f"{prefix}SUM(A1)"}) == ["claim"]
    assert columns("claims", {"claim": "A normal sentence = fine"}) == []


def test_nonexistent_target_rules():
    ok = {"status": "nonexistent_target", "target_id": None, "cited_as": "10.8",
          "article_cites": True}
    assert columns("sdg_links", ok) == []
    assert columns("sdg_links", {**ok, "target_id": "10.7"}) == ["target_id"]
    assert columns("sdg_links", {**ok, "status": "valid"}) == ["target_id"]


def test_target_must_sit_under_its_goal():
    assert columns("sdg_targets", {"target_id": "16.10", "goal": 16}) == []
    assert columns("sdg_targets", {"target_id": "16.10", "goal": 1}) == ["goal"]


def test_act_needs_parent_and_category_has_none():
    assert columns("offences", {"level": "act", "parent_id": None}) == ["parent_id"]
    assert columns("offences", {"level": "category", "parent_id": "x"}) == ["parent_id"]


def test_quote_presentation_must_match_in_article():
    assert columns("quotes", {"in_article": False, "article_presentation": "quoted"}) == [
        "article_presentation"]
    assert columns("quotes", {"in_article": True, "article_presentation": "not_in_article"}) == [
        "article_presentation"]


def test_crosswalk_single_sided_link_must_be_none():
    assert columns("crosswalk", {"budapest_article_id": "b10", "match": "partial"}) == ["match"]
    assert columns("crosswalk", {"budapest_article_id": "b10", "match": "none"}) == []


def test_esc_escapes_markup_and_blanks_missing():
    assert esc('<script>alert("x")</script>') == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    assert esc(None) == "" and esc(float("nan")) == ""


def test_html_table_escapes_cells_and_headers():
    import pandas as pd

    frame = pd.DataFrame({"<b>col</b>": ["<img src=x onerror=alert(1)>", "a & b"]})
    out = html_table(frame)
    assert "<img" not in out and "<b>col" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out and "a &amp; b" in out
