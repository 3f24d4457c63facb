"""The French edition shows the same figures as the English one, cell by cell.

Both editions are built from one source per notebook, so their cells line up one to one. For
every code cell, the numbers in its checked text outputs and the numbers drawn by its charts
(trace values, and the numbers in chart titles) must be the same in both languages. Strict
nbval then proves that each committed notebook is what a fresh run prints, so together the two
tests say: a French learner reads the same counts, dates and totals as an English one.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers.explorer import PLOTLY_MIME
from helpers.teaching import catalogue
from tests.conftest import ROOT

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
PAIRS = [(ROOT / "notebooks" / nb.file("en"), ROOT / "notebooks" / lang / nb.file(lang))
         for nb in catalogue.NOTEBOOKS for lang in ("fr",)]


def numbers(text: str) -> list[str]:
    """Every number written in ``text``, in order (digits only, so 1,5 and 1.5 compare)."""
    return [re.sub(r"[.,]", ".", n) for n in NUMBER.findall(text)]


def figure_numbers(figure: dict) -> dict[str, object]:
    """What a chart draws: its traces' values and the numbers in its title."""
    values = []
    for trace in figure.get("data", []):
        for axis in ("x", "y", "z", "values", "base"):
            data = trace.get(axis)
            if isinstance(data, list):
                values.append([v for v in data if isinstance(v, int | float)])
            elif isinstance(data, dict):  # a typed array: compare its encoded bytes
                values.append(data.get("bdata"))
    title = (figure.get("layout", {}).get("title") or {}).get("text", "")
    return {"values": values, "title": numbers(title)}


def checked(cell: nbformat.NotebookNode) -> dict[str, object]:
    """The numbers of one code cell's outputs."""
    text, charts = [], []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            text += numbers(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            if PLOTLY_MIME in out.data:
                charts.append(figure_numbers(out.data[PLOTLY_MIME]))
            elif "text/html" in out.data:  # a table: its HTML does not wrap at a width
                html = re.sub(r"<style.*?</style>", " ", out.data["text/html"], flags=re.S)
                text += numbers(re.sub(r"<[^>]+>", " ", html))
            elif "text/plain" in out.data:
                text += numbers(out.data["text/plain"])
    # Order may differ (names sort by language; a wide table wraps at other columns), so the
    # text is compared as a multiset of numbers.
    return {"text": sorted(text), "charts": charts}


@pytest.mark.parametrize(("english", "french"), PAIRS, ids=lambda p: p.name)
def test_same_figures_in_both_languages(english, french):
    en, fr = (nbformat.read(p, as_version=4) for p in (english, french))
    assert [c.cell_type for c in en.cells] == [c.cell_type for c in fr.cells]
    compared = 0
    for number, (a, b) in enumerate(zip(en.cells, fr.cells, strict=True)):
        if a.cell_type != "code" or "edition" in a.metadata.get("tags", []):
            continue  # an "edition" cell says how the text reached the language: no figures
        assert a.source.split("set_language")[0] == b.source.split("set_language")[0] or \
            "#" in a.source, f"cell {number}: the code differs"
        assert checked(a) == checked(b), f"{french.name}, cell {number}: different figures"
        compared += bool(a.get("outputs"))
    assert compared >= 5


def test_a_changed_figure_is_noticed():
    """Guard: one digit changed in a French summary makes the cells differ."""
    english, french = PAIRS[3]
    en, fr = (nbformat.read(p, as_version=4) for p in (english, french))
    for a, b in zip(en.cells, fr.cells, strict=True):
        streams = [o for o in b.get("outputs", []) if o.output_type == "stream"]
        if streams and NUMBER.search(streams[0].text):
            assert checked(a) == checked(b)
            streams[0].text = NUMBER.sub(lambda m: str(int(m.group(0)[0]) + 1) + m.group(0)[1:],
                                         streams[0].text, count=1)
            assert checked(a) != checked(b)
            return
    pytest.fail("no French summary with a number to change")
