"""Categories come from the schema: a value added to an enum in datapackage.json (and used by a
row) passes validation and then shows in every chart that draws that table, with a spare colour;
no figure drops the row and no HTML card raises. Tested on a temporary copy of data/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import plotly.io as pio
import pytest

from helpers import load_all, style
from helpers.data import descriptor
from helpers.text import ptext
from helpers.topics import factcheck, voices
from tests.conftest import DATA, rows_of, write_rows

from .registry import EXPLORERS, static_figures

NEW = "zz_new_value"
#: Enum columns that colour, order or group what a chart draws, and the text that identifies
#: the changed row in the figures that show its table (None: the charts count rows instead).
#: Filters that define what a chart is about (offences.framework and .level, treaty, the kind
#: of key date) are left out: a row with another framework is rightly not a UNODC row.
COLOURING = {
    ("milestones", "kind"): "title", ("milestones", "body"): "title",
    ("milestones", "confidence"): "title", ("claims", "verdict"): "claim",
    ("claims", "topic"): None, ("claims", "confidence"): "claim",
    ("crosswalk", "match"): "explanation", ("crosswalk", "confidence"): None,
    ("sdg_links", "status"): "crime_type", ("offences", "typology_class"): "description",
    ("offences", "confidence"): "description", ("quotes", "form"): "text",
    ("quotes", "confidence"): "text", ("quotes", "article_presentation"): None,
    ("instruments", "kind"): "short_name", ("instruments", "scope"): "short_name",
    ("instruments", "status"): "short_name", ("instruments", "confidence"): "short_name",
    ("signatures", "confidence"): None, ("concerns", "confidence"): None,
    ("sources", "kind"): None, ("treaty_articles", "confidence"): None,
}


def with_new_value(tmp: Path, table: str, column: str) -> tuple[Path, dict[str, str]]:
    """A copy of data/ whose schema allows NEW in table.column and whose row 2 uses it."""
    data = tmp / "data"
    shutil.copytree(DATA, data)
    desc = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for resource in desc["resources"]:
        if resource["name"] == table:
            for field in resource["schema"]["fields"]:
                if field["name"] == column:
                    field["constraints"]["enum"].append(NEW)
    (data / "datapackage.json").write_text(json.dumps(desc, indent=2), encoding="utf-8")
    rows = rows_of(data / f"{table}.csv")
    target = rows[0] if table != "offences" else next(r for r in rows
                                                      if r["level"] == "act")
    target[column] = NEW
    write_rows(data / f"{table}.csv", rows)
    return data, target


def figure_text(fig) -> str:
    """Every string in a figure (data and layout), line breaks as spaces."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)

    walk(json.loads(pio.to_json(fig, validate=False)))
    return " ".join(found).replace("<br>", " ")


@pytest.mark.parametrize("table, column", list(COLOURING), ids=lambda v: str(v))
def test_a_new_category_value_shows_everywhere(table, column, tmp_path, monkeypatch):
    data, row = with_new_value(tmp_path, table, column)
    monkeypatch.setattr(descriptor, "DATA_DIR", data)
    monkeypatch.setenv("CTE_CACHE_DIR", str(tmp_path / "cache"))
    assert NEW in descriptor.categories(table, column)
    tables = load_all(data)  # the new value is allowed: validation passes
    figures = list(static_figures(tables))
    for case in EXPLORERS:  # every explorer still builds, with the new value as a choice
        explorer = case.build(tables)
        figures += explorer.last.figures
        for name, control in explorer.controls.items():
            values = [o[1] if isinstance(o, tuple) else o for o in getattr(control, "options", [])]
            if NEW in values:
                figures += explorer.view(**{**explorer.state(), name: NEW}).figures
    texts = " ".join(figure_text(f) for f in figures)
    ident = COLOURING[(table, column)]
    if ident:
        needle = " ".join(ptext(row[ident]).split())[:40]
        assert needle in " ".join(texts.split()), f"{table}: the row is in no chart any more"
    spare = style.category_colors(table, column)[NEW]
    assert spare.startswith("#"), spare


@pytest.mark.parametrize("table", ["claims", "concerns", "signatures", "treaty_articles",
                                   "crosswalk", "quotes"])
def test_row_totals_survive_a_new_confidence_level(table, tmp_path, monkeypatch):
    """Count charts (the confidence census) still count every row."""
    data, _row = with_new_value(tmp_path, table, "confidence")
    monkeypatch.setattr(descriptor, "DATA_DIR", data)
    monkeypatch.setenv("CTE_CACHE_DIR", str(tmp_path / "cache"))
    tables = load_all(data)
    census = factcheck.confidence_table(tables)
    assert int(census.loc[table].sum()) == len(tables[table])


def test_claim_card_and_quote_list_take_an_unknown_value(tmp_path, monkeypatch):
    data, row = with_new_value(tmp_path, "claims", "verdict")
    monkeypatch.setattr(descriptor, "DATA_DIR", data)
    monkeypatch.setenv("CTE_CACHE_DIR", str(tmp_path / "cache"))
    tables = load_all(data)
    card = factcheck.claim_html(tables["claims"], tables["sources"], row["claim_id"])
    assert "Zz new value" in card
    assert voices.quotes_html(tables["quotes"])

