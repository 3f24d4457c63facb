"""Section A figure functions (notebooks 00-03), on small synthetic frames."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers import figures as F
from helpers.data import _typed, read_descriptor


def typed(table: str, rows: list[dict]) -> pd.DataFrame:
    """Frame with the same columns and dtypes as load_table(table); missing cells empty."""
    fields = next(r for r in read_descriptor()["resources"] if r["name"] == table)["schema"][
        "fields"]
    raw = pd.DataFrame([{f["name"]: r.get(f["name"]) for f in fields} for r in rows], dtype=object)
    return _typed(raw, fields)


def ms(mid, kind, start, end=None, body="Ad Hoc Committee", city="Vienna", conf="primary"):
    return {"milestone_id": mid, "title": f"Title {mid}", "kind": kind, "body": body,
            "start_date": start, "end_date": end, "city": city, "article_mentions": "false",
            "description": "d", "source_id": "s", "confidence": conf}


def milestones_frame():
    return typed("milestones", [
        ms("a", "ga_resolution", "2019-12-27", body="General Assembly", city="New York"),
        ms("s1", "negotiating_session", "2022-02-28", "2022-03-11", city="New York"),
        ms("s2", "negotiating_session", "2022-05-30", "2022-06-10", conf="secondary"),
        ms("c", "intersessional_consultation", "2022-06-13", "2022-06-14", conf="unverified"),
        ms("d", "deadline", "2024-12-31", body="UN Secretary-General", city=None),
    ])


def offences_frame():
    base = {"framework": "unodc_2013", "description": "desc", "source_id": "s"}
    return typed("offences", [
        {**base, "offence_id": "c1", "level": "category", "sort_order": "1", "label": "Cat one",
         "typology_class": "cyber_dependent", "confidence": "primary"},
        {**base, "offence_id": "c2", "level": "category", "sort_order": "2", "label": "Cat two",
         "typology_class": "cyber_enabled", "confidence": "primary"},
        {**base, "offence_id": "a1", "level": "act", "parent_id": "c1", "sort_order": "1",
         "label": "Act one", "typology_class": "cyber_dependent", "confidence": "unverified"},
        {**base, "offence_id": "a2", "level": "act", "parent_id": "c2", "sort_order": "2",
         "label": "Act two", "typology_class": "ocsea", "confidence": "primary"},
        {**base, "offence_id": "a3", "level": "act", "parent_id": "c2", "sort_order": "3",
         "label": "Act three", "typology_class": "mixed", "confidence": "primary"},
        {**base, "framework": "cyber_typology", "offence_id": "t1", "level": "category",
         "sort_order": "1", "label": "Typology", "typology_class": "ocsea",
         "confidence": "primary"},
    ])


def art(aid, treaty, group, number, title, offence="true", conf="primary"):
    return {"article_id": aid, "treaty": treaty, "group_code": group, "group_title": "G " + group,
            "article_number": str(number), "article_title": title, "is_offence": offence,
            "source_id": "s", "confidence": conf}


def articles_frame():
    return typed("treaty_articles", [
        art("b2", "budapest", "Title 1", 2, "Illegal access"),
        art("b10", "budapest", "Title 4", 10, "Copyright"),
        art("b3", "budapest", "Title 1", 3, "Illegal interception"),
        art("u7", "un_convention", "Chapter II", 7, "Illegal access", conf="secondary"),
        art("u18", "un_convention", "Chapter II", 18, "Legal persons", "false", "unverified"),
        art("u22", "un_convention", "Chapter III", 22, "Jurisdiction", "false"),
    ])


def cw(lid, act=None, b=None, u=None, match="equivalent"):
    return {"link_id": lid, "unodc_act_id": act, "budapest_article_id": b, "un_article_id": u,
            "match": match, "explanation": f"why {lid}", "source_id": "s",
            "confidence": "primary"}


def crosswalk_frame():
    return typed("crosswalk", [
        cw("x1", "a1", "b2", "u7", "equivalent"),
        cw("x2", "a1", "b3", "u7", "partial"),
        cw("x3", "a2", "b10", None, "partial"),
        cw("x4", "a3", None, None, "none"),
    ])


# --- 00 ----------------------------------------------------------------------------------


def test_year_counts_cover_every_year_and_filter_by_kind(milestones):
    counts = F.year_counts(milestones)
    assert list(counts.index) == list(range(2019, 2025))
    assert counts[2022] == 3 and counts[2020] == 0 and counts.sum() == len(milestones)
    only = F.year_counts(milestones, "negotiating_session")
    assert only.sum() == 2 and list(only.index) == list(counts.index)


def test_milestones_per_year_bar(milestones):
    fig = F.milestones_per_year(milestones, "negotiating_session")
    assert [t.type for t in fig.data] == ["bar"]
    assert fig.data[0].y[list(fig.data[0].x).index(2022)] == 2
    assert fig.layout.title.text == "Milestones per year: negotiating session"
    assert fig.layout.yaxis.title.text == "Number of milestones"


# --- 01 ----------------------------------------------------------------------------------


def test_plain_and_wrap():
    assert F.plain("negotiating_session") == "Negotiating session"
    assert F.plain("ocsea").endswith("(OCSEA)")
    wrapped = F.wrap("one two three four five six", 9)
    assert wrapped.split("<br>") == ["one two", "three", "four five", "six"]


def test_offence_hierarchy_keeps_unodc_rows_only_and_colours_by_class(offences):
    fig = F.offence_hierarchy(offences)
    trace = fig.data[0]
    assert trace.type == "sunburst"
    assert list(trace.ids) == ["UNODC 2013 Study", "c1", "c2", "a1", "a2", "a3"]
    assert list(trace.parents) == ["", "UNODC 2013 Study", "UNODC 2013 Study", "c1", "c2", "c2"]
    assert trace.marker.colors[4] == F.TYPOLOGY_COLORS["ocsea"]
    by_conf = F.offence_hierarchy(offences, "confidence")
    assert by_conf.data[0].marker.colors[3] == F.CONFIDENCE_COLORS["unverified"]
    assert "confidence" in by_conf.layout.title.text


@pytest.mark.parametrize("scheme, leaves, groups", [
    ("unodc_2013", {"a1", "a2", "a3"}, {"c1", "c2"}),
    ("budapest", {"b2", "b3", "b10"}, {"Title 1: G Title 1", "Title 4: G Title 4"}),
    ("un_chapter_2", {"u7", "u18"}, {"Offences", "Liability and sanctions"}),
])
def test_scheme_nodes(offences, articles, scheme, leaves, groups):
    nodes = F.scheme_nodes(offences, articles, scheme)
    root = nodes["id"].iloc[0]
    assert nodes["parent"].iloc[0] == ""
    assert set(nodes.loc[nodes["parent"] == root, "id"]) == groups
    assert set(nodes["id"]) - {root} - groups == leaves
    assert set(nodes["parent"]) - {""} <= set(nodes["id"])  # every parent exists


def test_budapest_articles_sorted_by_number(offences, articles):
    nodes = F.scheme_nodes(offences, articles, "budapest")
    arts = [i for i in nodes["id"] if i.startswith("b")]
    assert arts == ["b2", "b3", "b10"]


def test_scheme_treemap_title_counts_items(offences, articles):
    fig = F.scheme_treemap(offences, articles, "un_chapter_2")
    assert fig.data[0].type == "treemap"
    assert fig.layout.title.text.startswith("UN Convention Chapter II: 2 items")
    colors = dict(zip(fig.data[0].ids, fig.data[0].marker.colors, strict=True))
    assert colors["u18"] == F.CONFIDENCE_COLORS["unverified"]


def test_crosswalk_matrix_cells(crosswalk, articles):
    fig = F.crosswalk_matrix(crosswalk, articles)
    heat, pick = fig.data
    assert heat.type == "heatmap" and pick.type == "scatter" and len(pick.x) == 0
    assert list(heat.y) == ["Art. 2 Illegal access", "Art. 3 Illegal interception",
                            "Art. 10 Copyright"]
    assert list(heat.x) == ["Art. 7 Illegal access", F.NO_UN]
    z = [list(r) for r in heat.z]
    code = list(F.MATCH_COLORS)
    assert z[0] == [code.index("equivalent"), None]
    assert z[1] == [code.index("partial"), None]
    assert z[2] == [None, code.index("partial")]
    assert heat.text[2][1] == "partial"


def test_offence_articles_lists_both_treaties(crosswalk, articles):
    both = F.offence_articles(crosswalk, articles, "a1")
    assert list(both["treaty"]) == ["Budapest Convention", "Budapest Convention",
                                    "UN Convention", "UN Convention"]
    assert list(both["match"]) == ["equivalent", "partial", "equivalent", "partial"]
    one = F.offence_articles(crosswalk, articles, "a2")
    assert list(one["article"]) == ["Art. 10 Copyright", "no matching article"]
    assert list(one["match"]) == ["partial", "none"]
    neither = F.offence_articles(crosswalk, articles, "a3")
    assert set(neither["article"]) == {"no matching article"} and len(neither) == 2


# --- 02 ----------------------------------------------------------------------------------


def sdg_frame():
    goals = typed("sdg_goals", [
        {"goal": "10", "title": "Reduce inequality", "short_title": "Inequality",
         "source_id": "s", "confidence": "primary"},
        {"goal": "16", "title": "Peace", "short_title": "Peace", "source_id": "s",
         "confidence": "primary"}])
    targets = typed("sdg_targets", [
        {"target_id": t, "goal": t.split(".")[0], "text": f"text {t}", "source_id": "s",
         "confidence": "primary"} for t in ["16.10", "10.a", "16.2", "10.7"]])
    links = typed("sdg_links", [
        {"link_id": "l1", "crime_type": "Abuse", "offence_id": "a2", "target_id": "16.2",
         "article_cites": "false", "status": "valid"},
        {"link_id": "l2", "crime_type": "Traffic", "target_id": None, "cited_as": "10.8",
         "article_cites": "true", "status": "nonexistent_target"},
        {"link_id": "l3", "crime_type": "Traffic", "target_id": "10.7",
         "article_cites": "false", "status": "plausible_intent"},
        {"link_id": "l4", "crime_type": "General", "target_id": "16.2",
         "article_cites": "false", "status": "plausible_intent"},
    ])
    return links, targets, goals


def test_target_sort_key_follows_official_order():
    ids = ["16.10", "10.a", "16.2", "10.7", "9.c", "10.1"]
    assert sorted(ids, key=F.target_sort_key) == ["9.c", "10.1", "10.7", "10.a", "16.2", "16.10"]


def test_sdg_flows_labels(sdg, offences):
    flows = F.sdg_flows(*sdg, offences)
    assert list(flows["key"]) == ["16.2", "10.8", "10.7", "16.2"]
    assert flows["crime"].tolist() == ["Act two", "Cybercrime in general",
                                       "Cybercrime in general", "Cybercrime in general"]
    assert flows["target"].iloc[1] == "10.8: cited, no such target"
    assert flows["goal"].iloc[1] == "Goal 10: Inequality"


def test_sdg_sankey_links_and_colours(sdg, offences):
    links = sdg[0]
    fig = F.sdg_sankey(*sdg, offences)
    trace = fig.data[0]
    assert trace.type == "sankey"
    labels = list(trace.node.label)
    # 2 crime nodes, 3 targets, 2 goals
    assert len(labels) == 7
    assert labels.index("Target 10.7") < labels.index("10.8: cited, no such target") < \
        labels.index("Target 16.2")
    # one link per sdg_link plus one per target -> goal pair
    assert len(trace.link.value) == len(links) + 3
    assert sum(trace.link.value[len(links):]) == len(links)
    red = F._rgba(F.LINK_STATUS_COLORS["nonexistent_target"], 0.6)
    assert trace.link.color[1] == red
    assert f"{len(links)} links" in fig.layout.title.text


def test_link_colors_dim_other_targets(sdg, offences):
    _, parts = F.sankey_parts(F.sdg_flows(*sdg, offences))
    colors = F.link_colors(parts, "16.2")
    grey = F._rgba("#BBBBBB", 0.25)
    keep = [c != grey for c in colors]
    assert keep == list(parts["key"] == "16.2")


# --- 03 ----------------------------------------------------------------------------------


def test_timeline_rows_filters(milestones):
    assert len(F.timeline_rows(milestones)) == 5
    assert list(F.timeline_rows(milestones, kind="negotiating_session")["milestone_id"]) == \
        ["s1", "s2"]
    assert list(F.timeline_rows(milestones, city="New York")["milestone_id"]) == ["a", "s1"]
    assert list(F.timeline_rows(milestones, body="UN Secretary-General")["milestone_id"]) == \
        ["d"]
    start, end = F.month_window("2022-03", "2022-05")
    # s1 ends in March (overlaps), s2 starts 30 May (overlaps)
    assert list(F.timeline_rows(milestones, start=start, end=end)["milestone_id"]) == ["s1", "s2"]


def test_timeline_traces_bars_and_markers(milestones):
    fig = F.timeline(milestones)
    assert [t.type for t in fig.data] == ["bar", "scatter"] * 4
    primary_bar, primary_dots = fig.data[0], fig.data[1]
    assert list(primary_bar.base) == ["2022-02-28"]
    assert list(primary_bar.x) == [12 * 86_400_000]  # 28 Feb to 11 Mar inclusive
    assert list(primary_dots.x) == ["2019-12-27", "2024-12-31"]
    assert list(primary_dots.y) == ["GA resolution", "Deadline"]
    assert list(fig.data[2].y) == ["Negotiating session"]  # secondary bar
    assert fig.layout.title.text == "5 milestones, Dec 2019 to Dec 2024"
    assert "confidence: primary" in primary_bar.hovertext[0]


def test_timeline_title_for_a_kind_and_for_nothing(milestones):
    rows = F.timeline_rows(milestones, kind="negotiating_session")
    assert F.timeline_title(rows, "negotiating_session") == \
        "2 negotiating session milestones, Feb 2022 to Jun 2022"
    assert F.timeline_title(rows.iloc[0:0]).startswith("No milestones")


def test_first_session_annotation(milestones):
    row = F.first_session(milestones)
    assert row["milestone_id"] == "s1"
    fig = F.annotate_first_session(F.timeline(milestones), milestones)
    note = fig.layout.annotations[-1]
    assert note.x == "2022-02-28" and "28 Feb to 11 Mar 2022" in note.text


def test_session_table_durations_and_gaps(milestones):
    table = F.session_table(milestones)
    assert list(table["days"]) == [12, 12]
    # 11 Mar -> 30 May: 79 days without a session in between
    expected_gap = (pd.Timestamp("2022-05-30") - pd.Timestamp("2022-03-11")).days - 1
    assert table["gap_days"].isna().iloc[0] and table["gap_days"].iloc[1] == expected_gap
    assert list(table["confidence"]) == ["primary", "secondary"]


def test_month_options_and_window(milestones):
    months = F.month_options(milestones)
    assert months[0] == "2019-12" and months[-1] == "2024-12"
    assert len(months) == 5 * 12 + 1
    start, end = F.month_window("2024-02", "2024-02")
    assert (start, end) == (pd.Timestamp("2024-02-01"), pd.Timestamp("2024-02-29"))


def test_figures_are_plain_figures(milestones, offences, articles, crosswalk):
    for fig in (F.milestones_per_year(milestones), F.timeline(milestones),
                F.scheme_treemap(offences, articles), F.crosswalk_matrix(crosswalk, articles)):
        assert isinstance(fig, go.Figure) and fig.layout.title.text


@pytest.fixture()
def milestones():
    return milestones_frame()


@pytest.fixture()
def offences():
    return offences_frame()


@pytest.fixture()
def articles():
    return articles_frame()


@pytest.fixture()
def crosswalk():
    return crosswalk_frame()


@pytest.fixture()
def sdg():
    return sdg_frame()


def test_timeline_legend_names_confidence_and_shape(milestones):
    fig = F.timeline(milestones)
    names = [t.name for t in fig.data]
    assert names[:2] == ["primary, several days", "primary, one day"]
    assert {t.legendgroup for t in fig.data} == set(F.CONFIDENCE_COLORS)
