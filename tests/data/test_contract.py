"""Data contract: every table against its schema, key integrity, and the package's invariants.

Expected values here come from the issue's requirements and from official structure (e.g. goal
10 has targets 10.1-10.7 and 10.a-10.c), never from the data being tested.
"""

from __future__ import annotations

import csv
import json

import pandas as pd
import pycountry
import pytest

from helpers import load_all, table_names
from helpers.data import read_descriptor
from tests.conftest import DATA, fingerprint

DESCRIPTOR = read_descriptor()
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}


@pytest.mark.parametrize("name", table_names())
def test_header_matches_schema_exactly(name):
    with open(DATA / RESOURCES[name]["path"], encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == [f["name"] for f in RESOURCES[name]["schema"]["fields"]]


@pytest.mark.parametrize("name", table_names())
def test_table_is_not_empty(tables, name):
    assert len(tables[name]) > 0


@pytest.mark.parametrize("name", table_names())
def test_types_follow_schema(tables, name):
    frame = tables[name]
    for field in RESOURCES[name]["schema"]["fields"]:
        dtype = frame[field["name"]].dtype
        if field["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(dtype), field["name"]
        elif field["type"] == "integer":
            assert str(dtype) == "Int64", field["name"]
        elif "enum" in field.get("constraints", {}):
            assert isinstance(dtype, pd.CategoricalDtype), field["name"]
            assert list(dtype.categories) == field["constraints"]["enum"]


def test_every_row_resolves_its_source(tables):
    known = set(tables["sources"]["source_id"])
    for name, frame in tables.items():
        if name == "sources":
            continue
        missing = set(frame["source_id"]) - known
        assert not missing, f"{name}: {sorted(missing)}"


def test_every_source_is_cited_or_named_in_a_note(tables):
    used = set().union(*(set(f["source_id"]) for n, f in tables.items() if n != "sources"))
    notes = " ".join(" ".join(f["note"].dropna()) for n, f in tables.items() if n != "sources")
    unused = {s for s in set(tables["sources"]["source_id"]) - used if s not in notes}
    assert not unused, f"sources nobody cites: {sorted(unused)}"


def test_every_table_has_a_foreign_key_to_sources():
    for name, resource in RESOURCES.items():
        if name == "sources":
            continue
        refs = [fk["reference"]["resource"] for fk in resource["schema"].get("foreignKeys", [])]
        assert "sources" in refs, name


def test_every_field_is_described():
    for resource in DESCRIPTOR["resources"]:
        for field in resource["schema"]["fields"]:
            assert field.get("description", "").strip(), (resource["name"], field["name"])


def test_loading_never_writes_to_data():
    before = fingerprint(DATA)
    load_all()
    assert fingerprint(DATA) == before


def test_unodc_study_has_3_categories_and_14_acts(tables):
    unodc = tables["offences"].query("framework == 'unodc_2013'")
    assert (unodc["level"] == "category").sum() == 3
    assert (unodc["level"] == "act").sum() == 14
    assert set(unodc.loc[unodc["level"] == "act", "parent_id"]) == set(
        unodc.loc[unodc["level"] == "category", "offence_id"])


def test_article_typology_has_its_three_classes(tables):
    typology = tables["offences"].query("framework == 'cyber_typology'")
    assert set(typology["typology_class"]) == {"cyber_dependent", "cyber_enabled", "ocsea"}


def test_budapest_section_1_is_arts_2_to_13_in_5_titles(tables):
    bud = tables["treaty_articles"].query("treaty == 'budapest'")
    assert sorted(bud["article_number"]) == list(range(2, 14))
    assert bud["group_code"].nunique() == 5


def test_un_chapter_ii_is_arts_7_to_21(tables):
    un = tables["treaty_articles"].query("treaty == 'un_convention' and group_code == 'Chapter II'")
    assert sorted(un["article_number"]) == list(range(7, 22))


def test_copyright_has_no_un_counterpart(tables):
    arts = tables["treaty_articles"].set_index("article_id")
    copyright_ids = arts.index[(arts["treaty"] == "budapest") & (arts["article_number"] == 10)]
    links = tables["crosswalk"][tables["crosswalk"]["budapest_article_id"].isin(copyright_ids)]
    assert links["un_article_id"].isna().all()
    assert ((links["match"] == "none") & links["unodc_act_id"].isna()).sum() == 1


def test_required_sdg_targets_are_present(tables):
    wanted = {"5.2", "8.7", "9.c", "10.7", "16.1", "16.2", "16.3", "16.4", "16.5", "16.10", "17.8"}
    assert wanted <= set(tables["sdg_targets"]["target_id"])


def test_goal_10_has_no_target_10_8(tables):
    goal10 = set(tables["sdg_targets"].query("goal == 10")["target_id"])
    assert goal10 == {f"10.{n}" for n in [*range(1, 8), "a", "b", "c"]}


def test_article_target_10_8_is_flagged_with_plausible_targets(tables):
    links = tables["sdg_links"]
    cited = links[links["cited_as"] == "10.8"]
    assert len(cited) == 1 and cited["status"].iloc[0] == "nonexistent_target"
    assert bool(cited["article_cites"].iloc[0]) and cited["target_id"].isna().all()
    plausible = links[links["status"] == "plausible_intent"]["target_id"]
    assert len(plausible) >= 1 and plausible.notna().all()


def test_milestones_cover_the_process(tables):
    kinds = set(tables["milestones"]["kind"])
    for kind in ["ga_resolution", "organizational_session", "negotiating_session",
                 "intersessional_consultation", "committee_approval", "signing_ceremony",
                 "deadline", "rule", "related_event"]:
        assert kind in kinds, kind
    ids = set(tables["milestones"]["milestone_id"])
    assert {"ga_res_74_247", "ga_res_79_243"} <= ids


def test_resolution_74_247_has_a_full_recorded_vote(tables):
    row = tables["milestones"].set_index("milestone_id").loc["ga_res_74_247"]
    assert row["votes_for"] + row["votes_against"] + row["votes_abstaining"] <= 193
    assert row["start_date"].year == 2019 and row["start_date"].month == 12


def test_instruments_cover_the_named_ones(tables):
    inst = tables["instruments"]
    names = " ".join(inst["name"] + " " + inst["short_name"]).lower()
    for word in ["budapest", "additional protocol", "malabo", "arab", "commonwealth",
                 "shanghai", "ecowas", "2013/40/eu", "independent states"]:
        assert word in names, word


def test_status_figures_carry_an_as_of_date(tables):
    inst = tables["instruments"]
    assert inst.loc[inst["parties_count"].notna(), "status_as_of"].notna().all()
    assert tables["signatures"]["as_of"].notna().all()


def test_signatories_have_valid_codes_and_the_eu_is_not_a_state(tables):
    sig = tables["signatures"]
    states = sig[sig["entity_kind"] == "state"]
    assert all(pycountry.countries.get(alpha_3=c) for c in states["iso3"])
    assert states["iso3"].is_unique
    eu = sig[sig["party"].str.contains("European Union")]
    assert len(eu) == 1 and eu["entity_kind"].iloc[0] == "regional_organization"
    assert eu["iso3"].isna().all()


def test_quotes_flag_the_guterres_line_as_reported_speech(tables):
    quotes = tables["quotes"].set_index("quote_id")
    assert quotes.loc["q_guterres_igf2019", "form"] == "reported_speech"
    assert quotes.loc["q_guterres_igf2019", "article_presentation"] == "quoted"


def test_claims_use_every_verdict_and_flag_the_march_2022_claim(tables):
    claims = tables["claims"]
    assert {"supported", "imprecise", "incorrect"} <= set(claims["verdict"])
    march = claims[claims["claim"].str.contains("March 2022")]
    assert len(march) == 1 and march["verdict"].iloc[0] != "supported"


def test_unconfirmed_facts_are_marked_not_hidden(tables):
    """Rows marked unverified or disputed must say why."""
    for name, frame in tables.items():
        if "confidence" not in frame:
            continue
        weak = frame[frame["confidence"].isin(["unverified", "disputed"])]
        assert weak["note"].notna().all(), f"{name}: unverified rows without a note"


def test_descriptor_is_valid_json_with_licence():
    raw = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert raw["licenses"][0]["name"] == "CC-BY-4.0"


def test_every_primary_row_cites_an_official_or_original_source(tables):
    """The confidence rule, read on the real data (the validator enforces it on every load)."""
    sources = tables["sources"].set_index("source_id")
    checked = 0
    for name, frame in tables.items():
        if "confidence" not in frame or name == "sources":
            continue
        for _, row in frame[frame["confidence"].astype(str) == "primary"].iterrows():
            source = sources.loc[row["source_id"]]
            assert source["kind"] == "official" or bool(source["original"]), (name, row.iloc[0])
            checked += 1
    assert checked > 100  # the rule is not vacuous
