"""Data translations: one table beside the data, complete, and never touching a number."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.data import load_all, read_descriptor
from helpers.data.translate import ALONGSIDE, primary_key, translatable, untranslated
from helpers.i18n import LANGUAGES, SOURCE

OTHER = [lang for lang in LANGUAGES if lang != SOURCE]


@pytest.fixture(scope="module")
def english():
    return load_all(lang=SOURCE)


@pytest.fixture(scope="module", params=OTHER)
def translated(request):
    return request.param, load_all(lang=request.param)


def test_every_translatable_cell_has_a_translation(english, translated):
    lang, _ = translated
    gaps = untranslated(english, read_descriptor(), lang)
    assert gaps == [], f"{len(gaps)} cells without a {lang} text, e.g. {gaps[:5]}"


def test_translations_only_name_translatable_columns(english):
    marked = translatable(read_descriptor())
    rows = english["translations"]
    wrong = rows[[column not in marked.get(table, {})
                  for table, column in zip(rows["table"], rows["column"], strict=True)]]
    assert wrong.empty, wrong[["table", "row_id", "column"]].to_string()


def test_only_translatable_columns_change(english, translated):
    """Ids, codes, numbers and dates are the same in every language; so is the row order."""
    _, tables = translated
    marked = translatable(read_descriptor())
    changed = 0
    for name, frame in english.items():
        other = tables[name]
        assert len(other) == len(frame), name
        for column in frame.columns:
            if column in marked.get(name, {}) and marked[name][column] == "replace":
                changed += int((other[column].astype(str) != frame[column].astype(str)).sum())
                continue
            pd.testing.assert_series_equal(other[column], frame[column], obj=f"{name}.{column}")
    assert changed > 100  # the translation is not a no-op


def test_quotes_keep_their_words_and_gain_a_translation(english, translated):
    _, tables = translated
    quotes = tables["quotes"]
    assert quotes["text"].tolist() == english["quotes"]["text"].tolist()
    column = ALONGSIDE.format(column="text")
    assert quotes[column].notna().all()
    assert (quotes[column] != quotes["text"]).all()


def test_each_translation_cites_its_origin(english):
    """Official and reference texts cite where they were read; ours cite the row's source."""
    descriptor = read_descriptor()
    sources = english["sources"].set_index("source_id")
    for row in english["translations"].itertuples():
        if row.origin == "ours":
            table = english[row.table]
            key = primary_key(descriptor, row.table)
            own = table.loc[table[key].astype(str) == row.row_id, "source_id"].iloc[0]
            assert row.source_id == own, (row.table, row.row_id, row.column)
        else:
            assert sources.loc[row.source_id, "kind"] in ("official", "treaty_text_copy",
                                                          "academic", "other"), row
