"""Section B figure functions (notebooks 04-06), on small synthetic frames."""

from __future__ import annotations

import pandas as pd

from helpers import figures as F
from helpers.data import _typed, read_descriptor


def typed(table: str, rows: list[dict]) -> pd.DataFrame:
    """Frame with the same columns and dtypes as load_table(table); missing cells empty."""
    fields = next(r for r in read_descriptor()["resources"] if r["name"] == table)["schema"][
        "fields"]
    raw = pd.DataFrame([{f["name"]: r.get(f["name"]) for f in fields} for r in rows], dtype=object)
    return _typed(raw, fields)


def inst(iid, short, scope, kind, key, status, eif=None, parties=None, as_of="2024-01-01",
         covers="criminalization", conf="primary"):
    return {"instrument_id": iid, "name": f"Name {iid}", "short_name": short, "kind": kind,
            "body": "Body", "scope": scope, "subject": "s", "covers": covers, "key_date": key,
            "key_date_kind": "adopted", "status": status, "entry_into_force": eif,
            "parties_count": parties, "status_as_of": as_of, "source_id": "s",
            "confidence": conf}


def instruments_frame():
    return typed("instruments", [
        inst("b", "Beta", "regional", "convention", "2001-11-23", "in_force", "2004-07-01", "76",
             "2024-10-09", "criminalization;procedure;cooperation"),
        inst("u", "UN", "global", "convention", "2024-12-24", "not_in_force",
             covers="criminalization;cooperation"),
        inst("e", "Eco", "subregional", "directive", "2011-08-19", "not_a_treaty",
             covers="procedure", conf="secondary"),
        inst("p", "Proto", "regional", "protocol", "2022-05-12", "not_in_force", parties="3",
             as_of="2026-02-05", covers="content;data_protection", conf="unverified"),
    ])


def sig(party, iso3, date, kind="state", conf="primary", ratified=None, as_of="2025-10-26"):
    return {"party": party, "iso3": iso3, "entity_kind": kind, "signature_date": date,
            "ratification_date": ratified, "as_of": as_of, "source_id": "s",
            "confidence": conf}


def signatures_frame():
    return typed("signatures", [
        sig("Alpha", "AAA", "2025-10-25"),
        sig("Union", None, "2025-10-25", kind="regional_organization"),
        sig("Beta", "BBB", "2025-10-26", conf="secondary", ratified="2026-01-05"),
        sig("Gamma", "CCC", "2025-11-19", as_of="2025-11-30"),
    ])


SHAPES = pd.DataFrame({
    "iso3": ["AAA", "BBB", "CCC", "DDD"],
    "part": [0, 0, 0, 0],
    "centroid_lon": [1.0, 10.0, 20.0, 30.0],
    "centroid_lat": [1.0, 10.0, 20.0, 30.0],
    "path": ["M0.0 0.0 L2.0 0.0 L2.0 2.0 Z", "M9.0 9.0 L11.0 9.0 L11.0 11.0 Z",
             "M19.0 19.0 L21.0 19.0 L21.0 21.0 Z", "M29.0 29.0 L31.0 29.0 L31.0 31.0 Z"],
})


def test_instrument_timeline_orders_by_date_and_joins_entry_into_force():
    fig = F.instrument_timeline(instruments_frame())
    assert len(fig.data) == 3
    assert list(fig.data[1].y) == ["Beta", "Eco", "Proto", "UN"]
    assert list(fig.data[0].x) == ["2001-11-23", "2004-07-01", None]  # only Beta is in force
    assert fig.data[1].marker.color[0] == F.SCOPE_COLORS["regional"]
    assert fig.data[1].marker.color[3] == F.SCOPE_COLORS["global"]
    assert fig.layout.title.text == "4 instruments on cybercrime, 2001 to 2024, coloured by scope"
    assert "as of 2024-10-09" in fig.data[1].hovertext[0]


def test_instrument_colors_follow_the_chosen_attribute():
    colors = F.instrument_colors(instruments_frame(), "status")
    assert colors == [F.STATUS_COLORS[s] for s in
                      ("in_force", "not_a_treaty", "not_in_force", "not_in_force")]


def test_covers_table_and_matrix():
    table = F.covers_table(instruments_frame())
    assert list(table.columns) == F.COVERS_TAGS
    assert table.loc["Proto"].sum() == 2 and table.loc["Proto", "content"]
    assert not table.loc["UN", "procedure"]
    fig = F.covers_matrix(instruments_frame())
    assert fig.data[0].type == "heatmap"
    ticks = int(table.values.sum())
    assert fig.layout.title.text == f"What 4 instruments cover: {ticks} subject ticks"


def test_parties_bars_only_counted_treaties_with_as_of_labels():
    fig = F.parties_bars(instruments_frame())
    assert list(fig.data[0].y) == ["Proto", "Beta"]
    assert list(fig.data[0].text) == ["3 (as of 2026-02-05)", "76 (as of 2024-10-09)"]
    assert "2 without one" in fig.layout.title.text


def test_signature_groups_and_map():
    frame = signatures_frame()
    assert F.signature_groups(frame) == {"AAA": "Signed on the opening day",
                                         "BBB": "Signed later", "CCC": "Signed later"}
    assert F.signature_groups(frame, "2025-10-25") == {"AAA": "Signed on the opening day"}
    fig = F.signature_map(frame, SHAPES, "2025-10-26")
    dots = [t for t in fig.data if t.mode == "markers"]
    assert [t.name for t in dots][:2] == ["Signed on the opening day", "Signed later"]
    assert list(dots[1].x) == [10.0]  # only BBB signed later by 26 Oct
    assert "signed 2025-10-26" in dots[1].hovertext[0]
    assert fig.layout.title.text == ("UN Convention: 3 signatories by 2025-10-26 "
                                     "(list as of 2025-11-30)")


def test_signature_curve_counts_up_and_marks_the_date():
    fig = F.signature_curve(signatures_frame(), "2025-10-26")
    ys, xs = list(fig.data[0].y), list(fig.data[0].x)
    assert xs[0] == "2025-10-25" and xs[-1] == "2025-11-30"
    assert ys[0] == 2 and ys[1] == 3 and ys[-1] == 4
    assert list(fig.data[1].x) == ["2025-10-26"] and list(fig.data[1].y) == [3]


def test_signatures_by_date_stacks_confidence():
    fig = F.signatures_by_date(signatures_frame())
    by = {t.name: list(t.y) for t in fig.data}
    assert by["primary"] == [2, 0, 1] and by["secondary"] == [0, 1, 0]
    assert fig.layout.barmode == "stack"


def test_ratifications_needed_and_progress():
    ms = typed("milestones", [{"milestone_id": "r", "title": "Rule: 90 days after the 12th "
                               "instrument", "kind": "rule", "body": "General Assembly",
                               "start_date": "2024-12-24", "article_mentions": "false",
                               "description": "d", "source_id": "s", "confidence": "primary"}])
    assert F.ratifications_needed(ms) == 12
    assert F.ratifications_needed(ms.iloc[0:0], default=7) == 7
    fig = F.ratification_progress(signatures_frame(), 12)
    assert fig.data[0].value == 1 and fig.data[0].gauge.axis.range == (0, 12)
    assert fig.layout.title.text.startswith("Ratifications deposited: 1 of 12 needed "
                                            "(as of 2025-11-30; 3 states")


def quote(qid, speaker, date, form, event="E1", conf="primary"):
    return {"quote_id": qid, "speaker": speaker, "role": "r", "date": date, "event": event,
            "text": f"Words <b>{qid}</b>", "form": form, "in_article": "false",
            "article_presentation": "not_in_article", "source_id": "s", "confidence": conf}


def quotes_frame():
    return typed("quotes", [
        quote("q1", "Ann", "2019-11-26", "reported_speech"),
        quote("q2", "Ann", "2019-11-26", "verbatim"),
        quote("q3", "Bob", "2022-02-28", "verbatim", event="E2"),
        quote("q4", "Cid", "2024-08-08", "paraphrase", conf="unverified"),
    ])


def test_quote_rows_filters():
    q = quotes_frame()
    assert list(F.quote_rows(q, speaker="Ann")["quote_id"]) == ["q1", "q2"]
    assert list(F.quote_rows(q, form="verbatim")["quote_id"]) == ["q2", "q3"]
    assert list(F.quote_rows(q, start="2020-01-01", end="2023-12-31")["quote_id"]) == ["q3"]
    assert list(F.quote_rows(q, event="E2")["quote_id"]) == ["q3"]


def test_quote_timeline_one_trace_per_form():
    fig = F.quote_timeline(quotes_frame())
    assert [t.name for t in fig.data] == ["Verbatim", "Reported speech", "Paraphrase"]
    assert list(fig.data[0].y) == ["Ann", "Bob"] and list(fig.data[2].y) == ["Cid"]
    assert fig.data[1].marker.color == F.FORM_COLORS["reported_speech"]
    assert fig.layout.title.text == "4 quote(s) from 3 speaker(s), 2019 to 2024, coloured by form"


def articles_frame():
    base = {"treaty": "un_convention", "group_code": "Chapter II", "group_title": "G",
            "is_offence": "true", "source_id": "s", "confidence": "primary"}
    return typed("treaty_articles", [
        {**base, "article_id": "un_art_7", "article_number": "7", "article_title": "Access"},
        {**base, "article_id": "un_art_35", "article_number": "35", "article_title": "Coop"},
    ])


def concerns_frame():
    def c(cid, art, conf):
        return {"concern_id": cid, "raised_by": "Org", "concern": "c", "provision": "p",
                "article_id": art, "source_id": "s", "confidence": conf}
    return typed("concerns", [c("a", "un_art_35", "primary"), c("b", "un_art_7", "secondary"),
                              c("c", "un_art_7", "primary"), c("d", None, "secondary")])


def test_concern_counts_order_by_article_number():
    table = F.concern_counts(concerns_frame(), articles_frame())
    assert list(table.index) == ["Art. 7 Access", "Art. 35 Coop", F.NO_ARTICLE]
    assert table.loc["Art. 7 Access", "primary"] == 1
    assert table.loc["Art. 7 Access", "secondary"] == 1
    fig = F.concerns_by_article(concerns_frame(), articles_frame())
    assert [t.name for t in fig.data] == list(F.CONFIDENCE_COLORS)
    assert fig.layout.title.text == "4 human-rights concerns: 3 tied to a treaty article"


def claims_frame():
    def c(order, verdict, topic, conf="primary"):
        return {"claim_id": f"c{order}", "order": str(order), "topic": topic,
                "claim": f"Claim {order}", "verdict": verdict, "evidence": "e",
                "source_id": "s", "confidence": conf}
    return typed("claims", [c(1, "supported", "timeline"), c(2, "incorrect", "sdgs"),
                            c(3, "imprecise", "timeline", "secondary"),
                            c(4, "supported", "sdgs")])


def test_verdict_bars_and_title():
    table = F.verdict_counts(claims_frame())
    assert table.loc["timeline", "supported"] == 1 and table.loc["sdgs", "unverifiable"] == 0
    fig = F.verdict_bars(claims_frame())
    assert [t.name for t in fig.data] == list(F.VERDICT_COLORS)
    assert fig.layout.title.text == ("4 claims: 2 supported, 1 imprecise, 1 incorrect, "
                                     "0 unverifiable")


def test_claim_strip_has_a_highlight_trace():
    fig = F.claim_strip(claims_frame())
    assert len(fig.data) == 5 and list(fig.data[-1].x) == []
    assert list(fig.data[0].x) == [1, 4]


def test_confidence_table_counts_every_table_with_the_column():
    tables = {"claims": claims_frame(), "concerns": concerns_frame(), "x": pd.DataFrame({"a": [1]})}
    table = F.confidence_table(tables)
    assert list(table.index) == ["claims", "concerns"]
    assert table.loc["claims"].tolist() == [3, 1, 0, 0]
    fig = F.confidence_bars(tables)
    assert fig.layout.title.text == "Confidence of 8 rows in 2 tables: 62% primary"
