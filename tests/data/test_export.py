"""helpers.export: formula-like text is neutralised, HTML is escaped, nothing is overwritten."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from helpers.data import export

PAYLOADS = ["=HYPERLINK(\"http://x.invalid\",\"a\")", "+1+2", "-2+3", "@SUM(A1)", "\tTAB",
            "\rCR"]


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "text": [*PAYLOADS, "plain words", "a = b is fine", "<script>alert(1)</script>", None],
        "n": [1, -2, 3, 4, 5, 6, 7, 8, 9, 10],
    })


def read_back(path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:  # keep a "\r" inside a cell
        return list(csv.reader(handle))


def test_csv_neutralises_formula_cells_and_keeps_the_rest(tmp_path):
    path = export.to_csv(frame(), tmp_path / "out.csv")
    rows = read_back(path)
    assert rows[0] == ["text", "n"]
    texts = [r[0] for r in rows[1:]]
    for payload, written in zip(PAYLOADS, texts, strict=False):
        assert written == "'" + payload
    assert texts[len(PAYLOADS):] == ["plain words", "a = b is fine",
                                     "<script>alert(1)</script>", ""]
    assert [r[1] for r in rows[1:]][:2] == ["1", "-2"]  # numbers are not text: unchanged


def test_csv_neutralises_column_names(tmp_path):
    path = export.to_csv(pd.DataFrame({"=cmd": ["x"]}), tmp_path / "cols.csv")
    assert read_back(path)[0] == ["'=cmd"]


def test_csv_never_overwrites_unless_asked(tmp_path):
    path = tmp_path / "keep.csv"
    path.write_text("precious\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match="keep.csv"):
        export.to_csv(frame(), path)
    assert path.read_text(encoding="utf-8") == "precious\n"
    export.to_csv(frame(), path, overwrite=True)
    assert read_back(path)[0] == ["text", "n"]


def test_csv_creates_missing_folders(tmp_path):
    path = export.to_csv(frame(), tmp_path / "exports" / "deeper" / "x.csv")
    assert path.exists() and len(read_back(path)) == len(frame()) + 1


def test_csv_leaves_the_frame_untouched(tmp_path):
    original = frame()
    export.to_csv(original, tmp_path / "x.csv")
    assert list(original["text"][:len(PAYLOADS)]) == PAYLOADS


def test_html_escapes_every_cell_and_header():
    out = export.to_html(pd.DataFrame({"<b>col</b>": ['<img src=x onerror="alert(1)">',
                                                      "Tom & Jerry"]}))
    assert "<img" not in out and "<b>col" not in out
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in out
    assert "&lt;b&gt;col&lt;/b&gt;" in out and "Tom &amp; Jerry" in out
    assert out.startswith("<table>") and out.count("<tr>") == 3


def test_html_neutralises_formula_cells_too():
    out = export.to_html(pd.DataFrame({"text": PAYLOADS[:4], "n": [-1, 2, 3, 4]}))
    for payload in PAYLOADS[:4]:
        assert "<td>&#x27;" + payload.replace('"', "&quot;") + "</td>" in out
    assert "<td>-1</td>" in out


def test_html_writes_missing_values_as_empty_cells():
    out = export.to_html(pd.DataFrame({"a": [None, float("nan")], "b": ["x", pd.NA]}))
    assert out.count("<td></td>") == 3
