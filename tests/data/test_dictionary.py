"""data/README.md must be the rendering of datapackage.json (no drift)."""

from __future__ import annotations

from helpers import dictionary
from helpers.data import read_descriptor

from .conftest import DATA


def test_data_dictionary_is_up_to_date():
    expected = dictionary.render(read_descriptor())
    assert (DATA / "README.md").read_text(encoding="utf-8") == expected, (
        "data/README.md is stale: run python3 dev.py dictionary")


def test_dictionary_lists_every_column_of_every_table():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    for resource in read_descriptor()["resources"]:
        assert f"(`{resource['path']}`)" in text
        for field in resource["schema"]["fields"]:
            assert f"| `{field['name']}` |" in text


def test_check_mode_detects_a_stale_file(tmp_path, monkeypatch):
    monkeypatch.setattr(dictionary, "DATA_DIR", tmp_path)
    (tmp_path / "README.md").write_text("old", encoding="utf-8")
    monkeypatch.setattr(dictionary, "read_descriptor", lambda: read_descriptor(DATA))
    assert dictionary.main(["--check"]) == 1
