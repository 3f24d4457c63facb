"""The typed loader: one cast per column, from the descriptor of the folder being loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers.data import load_all, load_table, read_descriptor
from tests.data.cases import read_rows, write_rows

DESCRIPTOR = read_descriptor()


def edit_descriptor(folder: Path, table: str, column: str, **changes) -> None:
    """Change (or, with value None, remove) keys of one field in the copy's descriptor."""
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    field = next(f for f in resource["schema"]["fields"] if f["name"] == column)
    for key, value in changes.items():
        if value is None:
            field.pop(key, None)
        else:
            field[key] = value
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def recode(path: Path, column: str, mapping: dict[str, str]) -> None:
    """Replace the values of one column of a CSV file through ``mapping``."""
    rows = read_rows(path)
    at = rows[0].index(column)
    for row in rows[1:]:
        row[at] = mapping.get(row[at], row[at])
    write_rows(path, rows)


EXPECTED = {"date": "datetime64[ns]", "integer": "Int64", "number": "Float64",
            "boolean": "boolean", "string": "string"}


@pytest.mark.parametrize("resource", DESCRIPTOR["resources"], ids=lambda r: r["name"])
def test_every_column_has_the_dtype_of_its_field(tables, resource):
    frame = tables[resource["name"]]
    assert list(frame.columns) == [f["name"] for f in resource["schema"]["fields"]]
    for field in resource["schema"]["fields"]:
        dtype = frame[field["name"]].dtype
        enum = field.get("constraints", {}).get("enum")
        if enum:
            assert isinstance(dtype, pd.CategoricalDtype), field["name"]
            assert list(dtype.categories) == enum, field["name"]
        else:
            assert str(dtype) == EXPECTED[field["type"]], (field["name"], str(dtype))


def test_values_survive_the_cast(tables):
    vote = tables["milestones"].set_index("milestone_id").loc["ga_res_74_247"]
    assert (vote["votes_for"], vote["votes_against"], vote["votes_abstaining"]) == (79, 60, 33)
    assert vote["start_date"] == pd.Timestamp("2019-12-27")
    assert pd.isna(vote["end_date"]) and vote["article_mentions"]
    shapes = tables["world_shapes"]
    assert shapes.loc[0, "centroid_lon"] == float(read_rows(Path("data/world_shapes.csv")
                                                            .resolve())[1][2])
    eu = tables["signatures"].set_index("party").loc["European Union"]
    assert pd.isna(eu["iso3"]) and eu["entity_kind"] == "regional_organization"


def test_enum_categories_follow_the_descriptor_order(tables, data_copy):
    order = ["unverifiable", "incorrect", "imprecise", "supported"]  # not the usual order
    edit_descriptor(data_copy, "claims", "verdict", constraints={"required": True,
                                                                  "enum": order})
    claims = load_table("claims", data_copy)
    assert list(claims["verdict"].cat.categories) == order
    real = tables["claims"]
    assert claims["verdict"].astype(str).tolist() == real["verdict"].astype(str).tolist()


def test_boolean_true_and_false_values_are_honoured(tables, data_copy):
    edit_descriptor(data_copy, "quotes", "in_article", trueValues=["yes"], falseValues=["no"])
    recode(data_copy / "quotes.csv", "in_article", {"true": "yes", "false": "no"})
    loaded = load_table("quotes", data_copy)["in_article"]
    expected = tables["quotes"]["in_article"]
    assert str(loaded.dtype) == "boolean"
    assert loaded.tolist() == expected.tolist()
    assert loaded.any() and not loaded.all()  # both values occur, so the mapping is tested


def test_boolean_defaults_apply_without_lists(tables, data_copy):
    edit_descriptor(data_copy, "treaty_articles", "is_offence", trueValues=None,
                    falseValues=None)
    recode(data_copy / "treaty_articles.csv", "is_offence", {"true": "TRUE", "false": "0"})
    loaded = load_table("treaty_articles", data_copy)["is_offence"]
    assert loaded.tolist() == tables["treaty_articles"]["is_offence"].tolist()


def test_the_dialect_of_the_descriptor_is_used(tables, small_copy):
    data_copy = small_copy
    path = data_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "sdg_goals")
    resource["dialect"]["csv"]["delimiter"] = ";"
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    write_rows(data_copy / "sdg_goals.csv", read_rows(data_copy / "sdg_goals.csv"), ";")
    pd.testing.assert_frame_equal(load_table("sdg_goals", data_copy), tables["sdg_goals"])


def test_an_unknown_table_is_named(small_copy):
    with pytest.raises(KeyError, match="no table 'nope'; tables are: ") as info:
        load_table("nope", small_copy)
    assert all(name in str(info.value) for name in ("sdg_goals", "sdg_targets", "sources"))


def test_load_all_returns_every_table_of_the_folder(tables, small_copy):
    loaded = load_all(small_copy)
    assert list(loaded) == ["sources", "sdg_goals", "sdg_targets"]
    for name, frame in loaded.items():
        pd.testing.assert_frame_equal(frame, tables[name])
