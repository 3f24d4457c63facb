"""Our own words: no 8-word run of the source article may appear in the data or the prose.

The fixture holds only hashes of the article's 8-word windows, not the article itself.
Verbatim quotes in quotes.csv (form = verbatim) are exempt: they are short, attributed,
dated and flagged.
"""

from __future__ import annotations

import hashlib
import re

import pytest

from tests.conftest import ROOT

WINDOW = 8
FIXTURE = ROOT / "tests" / "fixtures" / "article_8gram_sha1.txt"
HASHES = {line.strip() for line in FIXTURE.read_text().splitlines()
          if line.strip() and not line.startswith("#")}


def windows(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return [" ".join(words[i:i + WINDOW]) for i in range(len(words) - WINDOW + 1)]


def digest(gram: str) -> str:
    return hashlib.sha1(gram.encode()).hexdigest()[:16]


def copied_runs(text: str, hashes: set[str] = HASHES) -> list[str]:
    return [gram for gram in windows(text) if digest(gram) in hashes]


def test_detector_finds_copied_runs_and_ignores_fresh_text():
    assert len(HASHES) > 500  # the article has several hundred 8-word windows
    source = "one two three four five six seven eight nine ten"
    known = {digest(g) for g in windows(source)}
    assert copied_runs("Intro: TWO three four five six seven eight nine!", known)
    assert not copied_runs("two three four five six seven eight ten", known)
    assert not copied_runs("a sentence we wrote ourselves about treaties and sessions in vienna")


def official_names(tables) -> set[str]:
    """Hashes of windows inside official titles, which may be cited word for word."""
    texts = [*tables["sources"]["title"], *tables["instruments"]["name"],
             *tables["treaty_articles"]["article_title"], *tables["sdg_targets"]["text"]]
    return {digest(g) for t in texts for g in windows(t)}


def test_csv_text_is_in_our_own_words(tables):
    allowed = official_names(tables)
    for name, frame in tables.items():
        for column in frame.select_dtypes(include=["string"]).columns:
            for index, value in frame[column].dropna().items():
                if name == "quotes" and column == "text" and \
                        frame.loc[index, "form"] == "verbatim":
                    continue
                runs = [r for r in copied_runs(value) if digest(r) not in allowed]
                assert not runs, f"{name}.{column} row {index}: copied from the article: {runs[0]}"


PROSE = sorted([*(ROOT / "notebooks" / "src").glob("*.md"), *(ROOT / "docs").rglob("*.md"),
                ROOT / "README.md"])


@pytest.mark.parametrize("path", PROSE, ids=lambda p: str(p.relative_to(ROOT)))
def test_prose_is_in_our_own_words(path):
    """Notebook sources, the guide and the README (the notebooks are built from the sources)."""
    runs = copied_runs(path.read_text(encoding="utf-8"))
    assert not runs, runs[0]


def test_helpers_text_is_in_our_own_words():
    """Chart titles, summaries, prompts and hints live in helpers/."""
    for path in sorted((ROOT / "helpers").rglob("*.py")):
        runs = copied_runs(path.read_text(encoding="utf-8"))
        assert not runs, f"{path.name}: {runs[0]}"
