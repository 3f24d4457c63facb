"""Unit tests of the project rules, without Frictionless (the full path: test_fault_injection.py).

Here every variant of a rule is tried (every placeholder, every invisible character named in
the rules, every spelling Frictionless lets through), which would be slow one copy at a time.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from helpers.data import rules
from helpers.data.rules import TableRows, package_problems, row_problems, spelling_problems

D = dt.date
TODAY = D(2026, 12, 1)


def columns(table, row, day=TODAY, keys=()):
    return [column for column, _ in row_problems(table, row, day, keys)]


def messages(table, row, day=TODAY, keys=()):
    return " | ".join(message for _, message in row_problems(table, row, day, keys))


# ----------------------------------------------------------------------------- text rules
INVISIBLE = [*range(0x200B, 0x200E), 0x2060, 0xFEFF, *range(0x202A, 0x202F),
             *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, 0x00AD]
CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
OTHER = [0x2028, 0x2029, 0xE000, 0xF8FF, 0x0378, 0xFFFD]


@pytest.mark.parametrize("code", INVISIBLE + CONTROLS + OTHER, ids=lambda c: f"U+{c:04X}")
def test_every_invisible_or_control_character_is_refused_everywhere(code):
    text = f"before{chr(code)}after"
    for key in (False, True):
        found = rules.text_issues(text, key)
        assert any(f"U+{code:04X}" in m and "at character 7" in m for m in found), found


SPACES = [c for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs" and c != 0x20]


@pytest.mark.parametrize("code", SPACES, ids=lambda c: f"U+{c:04X}")
def test_unusual_spaces_are_refused_except_no_break_spaces_in_prose(code):
    text = f"10{chr(code)}000"
    assert any(f"U+{code:04X}" in m for m in rules.text_issues(text, key=True))
    in_prose = any(f"U+{code:04X}" in m for m in rules.text_issues(text, key=False))
    assert in_prose == (code not in (0x00A0, 0x202F))


@pytest.mark.parametrize("text", sorted(rules.PLACEHOLDERS))
def test_every_placeholder_is_refused_as_a_whole_cell(text):
    assert any("placeholder" in m for m in rules.text_issues(text))
    assert not any("placeholder" in m for m in rules.text_issues(f"{text} and more"))


def test_the_listed_placeholders_are_all_there():
    listed = {"nan", "NaN", "None", "null", "NULL", "N/A", "n/a", "-", "?", "TBD"}
    assert listed <= rules.PLACEHOLDERS


def test_real_values_that_look_like_placeholders_are_kept():
    for text in ("none", "Namibia", "NAM", "unknown sender", "n/a answers"):
        assert not any("placeholder" in m for m in rules.text_issues(text)), text


@pytest.mark.parametrize(("text", "expected"), [
    (" lead", "starts or ends with whitespace"),
    ("trail ", "starts or ends with whitespace"),
    ("nbsp\u00a0", "starts or ends with whitespace"),
    ("two  spaces", "two spaces in a row"),
    ("Anto\u0301nio", "NFC"),
    ("Ant\u00c3\u00b3nio", "mis-decoded UTF-8"),
    ("It\u00e2\u20ac\u2122s", "mis-decoded UTF-8"),
    ("=SUM(A1)", "formula"), ("+1 more", "formula"), ("-minus", "formula"),
    ("@cmd", "formula"),
])
def test_text_rules(text, expected):
    assert any(expected in m for m in rules.text_issues(text)), rules.text_issues(text)


@pytest.mark.parametrize("text", ["Côte d'Ivoire", "Türkiye", "网络犯罪", "10\u00a0000 words",
                                  "« citation\u202f»", "A sentence = fine", "e-mail", "Q&A?"])
def test_ordinary_text_passes(text):
    assert rules.text_issues(text) == []


# ------------------------------------------------------------------------- spelling rules
@pytest.mark.parametrize(("kind", "text"), [
    ("date", "2022-2-3"), ("date", "2022-02-3"), ("date", "22-02-03"),
    ("integer", "+5"), ("integer", "007"), ("integer", "00"), ("integer", "1_000"),
    ("number", "NaN"), ("number", "nan"), ("number", "INF"), ("number", "-inf"),
    ("number", "1e3"), ("number", "1E-2"), ("number", ".5"), ("number", "+1.5"),
    ("number", "01.5"), ("number", "5."),
])
def test_spellings_frictionless_accepts_are_refused(kind, text):
    assert spelling_problems(kind, text)


@pytest.mark.parametrize(("kind", "text"), [
    ("date", "2022-02-03"), ("integer", "0"), ("integer", "-12"), ("integer", "193"),
    ("number", "-69.98"), ("number", "0"), ("number", "12.5"), ("string", " anything "),
])
def test_canonical_spellings_pass(kind, text):
    assert spelling_problems(kind, text) is None


# ------------------------------------------------------------------------- ids and urls
def test_ids_are_lowercase_slugs_in_id_and_key_columns():
    assert columns("quotes", {"source_id": "HRW"}) == ["source_id"]
    assert columns("sdg_links", {"target_id": "16.2", "offence_id": "unodc_act_1"}) == []
    assert columns("claims", {"claim_id": "_c1"}) == ["claim_id"]
    assert columns("offences", {"parent_id": "unodc cat 1"}) == ["parent_id"]
    assert columns("x", {"code": "Abc"}, keys=("code",)) == ["code"]
    assert columns("x", {"code": "Abc"}) == []  # not a key, not *_id: free text


def test_name_keys_are_exempt_from_the_slug_rule_but_not_from_the_text_rules():
    assert columns("signatures", {"party": "Côte d'Ivoire"}, keys=("party",)) == []
    assert columns("signatures", {"party": "Burkina\u00a0Faso"}, keys=("party",)) == ["party"]
    assert columns("other", {"party": "Côte d'Ivoire"}, keys=("party",)) == ["party"]


@pytest.mark.parametrize(("url", "expected"), [
    ("ftp://example.org/x", "http:// or https://"),
    ("https://localhost/x", "host name"),
    ("https:///path", "host name"),
    ("https://www.un.org/a b", "no spaces"),
    ("https://www.un.org/café", "non-ASCII"),
    ("https://me:pw@www.un.org/", "user name or password"),
    ("https://[::1/", "not a valid URL"),
])
def test_bad_urls(url, expected):
    assert expected in messages("sources", {"url": url})


def test_good_urls():
    for url in ("https://www.un.org/en/", "http://news.example.co.uk/a?b=1#c"):
        assert columns("sources", {"url": url}) == []


# ------------------------------------------------------------------------- dates
def test_recorded_dates_cannot_be_after_the_injected_today():
    row = {"published": D(2026, 12, 2), "accessed": D(2026, 12, 2)}
    assert columns("sources", row, day=D(2026, 12, 1)) == ["published", "accessed"]
    assert columns("sources", row, day=D(2026, 12, 2)) == []
    assert columns("instruments", {"status_as_of": D(2030, 1, 1)}) == ["status_as_of"]
    assert columns("quotes", {"date": D(2030, 1, 1)}) == ["date"]
    assert columns("concerns", {"date": D(2030, 1, 1)}) == ["date"]
    assert columns("signatures", {"as_of": D(2030, 1, 1)}) == ["as_of"]
    assert columns("milestones", {"start_date": D(2030, 1, 1)}) == []  # planned events


def test_default_today_is_the_module_function(monkeypatch):
    monkeypatch.setattr(rules, "today", lambda: D(2020, 1, 1))
    assert row_problems("quotes", {"date": D(2020, 1, 2)}) != []
    monkeypatch.setattr(rules, "today", lambda: D(2020, 1, 2))
    assert row_problems("quotes", {"date": D(2020, 1, 2)}) == []


def test_range_rule_flags_end_before_start_only():
    assert columns("milestones", {"start_date": D(2022, 3, 1), "end_date": D(2022, 2, 1)}) == [
        "end_date"]
    assert columns("milestones", {"start_date": D(2022, 3, 1), "end_date": D(2022, 3, 1)}) == []
    assert columns("milestones", {"start_date": D(2022, 3, 1), "end_date": None}) == []


def test_milestone_dates_start_in_2000_and_last_at_most_31_days():
    assert columns("milestones", {"start_date": D(1999, 12, 31)}) == ["start_date"]
    assert columns("milestones", {"start_date": D(2000, 1, 1)}) == []
    start = D(2022, 2, 28)
    assert columns("milestones", {"start_date": start, "end_date": D(2022, 3, 31)}) == []
    assert columns("milestones", {"start_date": start, "end_date": D(2022, 4, 1)}) == [
        "end_date"]


def test_source_accessed_before_published():
    row = {"published": D(2025, 1, 2), "accessed": D(2025, 1, 1)}
    assert columns("sources", row) == ["accessed"]


def test_ratification_cannot_precede_signature():
    row = {"entity_kind": "state", "iso3": "AZE", "signature_date": D(2025, 10, 25),
           "ratification_date": D(2025, 1, 1), "as_of": D(2026, 1, 1)}
    assert "ratification_date" in columns("signatures", row)


# ------------------------------------------------------------------------- per-table rules
def test_votes_are_complete_and_at_most_the_member_states():
    full = {"votes_for": 79, "votes_against": 60, "votes_abstaining": 33}
    assert columns("milestones", full) == []
    assert columns("milestones", {**full, "votes_against": None}) == ["votes_for"]
    assert columns("milestones", {**full, "votes_for": 100}) == []  # 193 in all
    assert columns("milestones", {**full, "votes_for": 101}) == ["votes_for"]  # 194


def test_city_and_country_go_together():
    assert columns("milestones", {"city": "Vienna", "country_iso3": "AUT"}) == []
    assert columns("milestones", {"city": None, "country_iso3": None}) == []
    assert columns("milestones", {"city": "Vienna", "country_iso3": None}) == ["country_iso3"]
    assert columns("milestones", {"city": None, "country_iso3": "AUT"}) == ["city"]


def test_iso_codes_come_from_pycountry():
    assert rules.is_iso3("VNM") and rules.is_iso3("PSE")
    assert not rules.is_iso3("XYZ") and not rules.is_iso3("EUU")
    assert columns("world_shapes", {"iso3": "XXA"}) == ["iso3"]
    assert columns("milestones", {"city": "X", "country_iso3": "XXX"}) == ["country_iso3"]


def test_state_needs_code_and_eu_takes_none():
    base = {"signature_date": D(2025, 10, 25), "as_of": D(2025, 10, 26)}
    assert columns("signatures", {**base, "entity_kind": "state", "iso3": None}) == ["iso3"]
    assert columns("signatures", {**base, "entity_kind": "regional_organization",
                                  "iso3": "BEL"}) == ["iso3"]
    assert columns("signatures", {**base, "entity_kind": "state", "iso3": "VNM"}) == []


def test_instrument_dates_and_parties():
    assert columns("instruments", {"key_date": D(2001, 11, 23),
                                   "entry_into_force": D(2001, 1, 1)}) == ["entry_into_force"]
    assert columns("instruments", {"status": "in_force", "parties_count": 0}) == [
        "parties_count"]
    assert columns("instruments", {"status": "not_in_force", "parties_count": 0}) == []


def test_act_needs_parent_and_category_has_none():
    assert columns("offences", {"level": "act", "parent_id": None}) == ["parent_id"]
    assert columns("offences", {"level": "category", "parent_id": "x"}) == ["parent_id"]


def test_article_id_agrees_with_treaty_and_number():
    ok = {"article_id": "un_art_7", "treaty": "un_convention", "article_number": 7}
    assert columns("treaty_articles", ok) == []
    assert columns("treaty_articles", {**ok, "article_number": 8}) == ["article_number"]
    assert columns("treaty_articles", {**ok, "treaty": "budapest"}) == ["treaty"]
    assert columns("treaty_articles", {**ok, "article_id": "un_preamble"}) == []


def test_target_must_sit_under_its_goal():
    assert columns("sdg_targets", {"target_id": "16.10", "goal": 16}) == []
    assert columns("sdg_targets", {"target_id": "16.10", "goal": 1}) == ["goal"]


def test_nonexistent_target_rules():
    ok = {"status": "nonexistent_target", "target_id": None, "cited_as": "10.8",
          "article_cites": True}
    assert columns("sdg_links", ok) == []
    assert columns("sdg_links", {**ok, "target_id": "10.7"}) == ["target_id"]
    assert columns("sdg_links", {**ok, "status": "valid"}) == ["target_id"]
    assert columns("sdg_links", {**ok, "cited_as": None}) == ["cited_as", "cited_as"]
    assert columns("sdg_links", {**ok, "cited_as": "10.VIII"}) == ["cited_as"]


def test_quote_presentation_and_length():
    assert columns("quotes", {"in_article": False, "article_presentation": "quoted"}) == [
        "article_presentation"]
    assert columns("quotes", {"in_article": True, "article_presentation": "not_in_article"}) == [
        "article_presentation"]
    words = " ".join(["w"] * rules.VERBATIM_MAX_WORDS)
    assert columns("quotes", {"form": "verbatim", "text": words}) == []
    assert columns("quotes", {"form": "verbatim", "text": words + " w"}) == ["text"]
    assert columns("quotes", {"form": "paraphrase", "text": words + " w"}) == []


def test_crosswalk_sides():
    assert columns("crosswalk", {"budapest_article_id": "b10", "match": "partial"}) == ["match"]
    assert columns("crosswalk", {"budapest_article_id": "b10", "match": "none"}) == []
    assert columns("crosswalk", {"match": "none"}) == ["unodc_act_id"]


# ------------------------------------------------------------------------- package rules
def milestones(**dates):
    rows = [(n, {"milestone_id": k, "start_date": v, "end_date": None})
            for n, (k, v) in enumerate(dates.items(), start=2)]
    return TableRows(key=("milestone_id",), rows=rows)


TIMELINE = {rules.OPENING: D(2025, 10, 25), rules.DEADLINE: D(2026, 12, 31),
            rules.ADOPTION: D(2024, 12, 24)}


def signatures(*rows):
    return TableRows(key=("party",), rows=list(enumerate(rows, start=2)))


def places(tables):
    return [(t, r, c) for t, r, c, _ in package_problems(tables)]


def test_signature_window_comes_from_the_milestones():
    sig = signatures({"party": "A", "signature_date": D(2025, 10, 25)},
                     {"party": "B", "signature_date": D(2025, 10, 24)},
                     {"party": "C", "signature_date": D(2027, 1, 1)},
                     {"party": "D", "signature_date": D(2025, 11, 1),
                      "ratification_date": D(2024, 12, 23)})
    tables = {"milestones": milestones(**TIMELINE), "signatures": sig}
    assert places(tables) == [("signatures", 3, "signature_date"),
                              ("signatures", 4, "signature_date"),
                              ("signatures", 5, "ratification_date")]
    later = {**TIMELINE, rules.OPENING: D(2025, 10, 26)}
    tables = {"milestones": milestones(**later), "signatures": sig}
    assert ("signatures", 2, "signature_date") in places(tables)


def test_a_missing_timeline_row_is_reported_and_an_invalid_date_is_not_echoed():
    sig = signatures({"party": "A", "signature_date": D(2020, 1, 1)})
    gone = {k: v for k, v in TIMELINE.items() if k != rules.DEADLINE}
    found = package_problems({"milestones": milestones(**gone), "signatures": sig})
    assert [(t, r, c) for t, r, c, _ in found] == [("milestones", None, "milestone_id")]
    assert rules.DEADLINE in found[0][3]
    invalid = {**TIMELINE, rules.OPENING: None}  # a type error Frictionless reports itself
    assert places({"milestones": milestones(**invalid), "signatures": sig}) == []


def test_rules_needing_an_unreadable_table_are_skipped():
    sig = signatures({"party": "A", "signature_date": D(2020, 1, 1)})
    unread = TableRows(readable=False)
    assert places({"milestones": unread, "signatures": sig}) == []
    claims = TableRows(key=("claim_id",), rows=[(2, {"claim_id": "c1", "related_id": "q1"})])
    assert places({"claims": claims, "quotes": unread}) == []
    assert places({"claims": claims}) == [("claims", 2, "related_id")]


def test_keys_differing_only_by_case():
    table = TableRows(key=("party",), rows=[(2, {"party": "Chile"}), (3, {"party": "chile"}),
                                            (4, {"party": "China"})])
    assert places({"signatures": table}) == [("signatures", 3, "party")]


def test_one_signature_row_per_country():
    sig = signatures({"party": "A", "iso3": "AAA"}, {"party": "B", "iso3": "AAA"},
                     {"party": "C", "iso3": None}, {"party": "D", "iso3": None})
    assert places({"milestones": milestones(**TIMELINE), "signatures": sig}) == [
        ("signatures", 3, "iso3")]


def test_references_must_point_at_the_right_kind_of_row():
    offences = TableRows(key=("offence_id",), rows=[
        (2, {"offence_id": "cat", "framework": "unodc_2013", "level": "category"}),
        (3, {"offence_id": "act", "framework": "unodc_2013", "level": "act",
             "parent_id": "cat"}),
        (4, {"offence_id": "bad", "framework": "unodc_2013", "level": "act",
             "parent_id": "act"}),
        (5, {"offence_id": "typ", "framework": "cyber_typology", "level": "category"}),
        (6, {"offence_id": "mix", "framework": "unodc_2013", "level": "act",
             "parent_id": "typ"})])
    assert places({"offences": offences}) == [("offences", 4, "parent_id"),
                                              ("offences", 6, "parent_id")]


def test_crosswalk_sides_point_at_the_right_treaty_and_level():
    offences = TableRows(key=("offence_id",), rows=[
        (2, {"offence_id": "cat", "framework": "unodc_2013", "level": "category"}),
        (3, {"offence_id": "act", "framework": "unodc_2013", "level": "act"})])
    articles = TableRows(key=("article_id",), rows=[
        (2, {"article_id": "b2", "treaty": "budapest"}),
        (3, {"article_id": "u7", "treaty": "un_convention"})])
    crosswalk = TableRows(key=("link_id",), rows=[
        (2, {"link_id": "ok", "unodc_act_id": "act", "budapest_article_id": "b2",
             "un_article_id": "u7"}),
        (3, {"link_id": "bad", "unodc_act_id": "cat", "budapest_article_id": "u7",
             "un_article_id": "b2"})])
    tables = {"offences": offences, "treaty_articles": articles, "crosswalk": crosswalk}
    assert places(tables) == [("crosswalk", 3, "unodc_act_id"),
                              ("crosswalk", 3, "budapest_article_id"),
                              ("crosswalk", 3, "un_article_id")]


def test_quotes_fall_within_their_milestone():
    events = TableRows(key=("milestone_id",), rows=[
        (2, {"milestone_id": "s1", "start_date": D(2022, 2, 28), "end_date": D(2022, 3, 11)}),
        (3, {"milestone_id": "day", "start_date": D(2024, 12, 24), "end_date": None})])
    quotes = TableRows(key=("quote_id",), rows=[
        (2, {"quote_id": "a", "milestone_id": "s1", "date": D(2022, 3, 11)}),
        (3, {"quote_id": "b", "milestone_id": "s1", "date": D(2022, 3, 12)}),
        (4, {"quote_id": "c", "milestone_id": "day", "date": D(2024, 12, 25)}),
        (5, {"quote_id": "d", "milestone_id": None, "date": D(2000, 1, 1)}),
        (6, {"quote_id": "e", "milestone_id": "dangling", "date": D(2000, 1, 1)})])
    assert places({"milestones": events, "quotes": quotes}) == [("quotes", 3, "date"),
                                                                ("quotes", 4, "date")]
