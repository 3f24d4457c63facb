"""data/README.md must be the rendering of datapackage.json (no drift)."""

from __future__ import annotations

from helpers.data import dictionary, read_descriptor
from tests.conftest import DATA


def test_data_dictionary_is_up_to_date():
    expected = dictionary.render(read_descriptor())
    assert (DATA / "README.md").read_text(encoding="utf-8") == expected, (
        "data/README.md is stale: run python3 dev.py docs")


def test_dictionary_lists_every_column_of_every_table():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    for resource in read_descriptor()["resources"]:
        assert f"(`{resource['path']}`)" in text
        for field in resource["schema"]["fields"]:
            assert f"| `{field['name']}` |" in text


def test_dictionary_defines_every_confidence_level_a_row_uses():
    """A reader can look up every confidence value in the data in the dictionary."""
    text = (DATA / "README.md").read_text(encoding="utf-8")
    levels = read_descriptor()["confidenceLevels"]
    for resource in read_descriptor()["resources"]:
        for field in resource["schema"]["fields"]:
            if field["name"] == "confidence":
                assert set(field["constraints"]["enum"]) <= set(levels), resource["name"]
    for name, meaning in levels.items():
        assert f"| `{name}` | {meaning} |" in text
