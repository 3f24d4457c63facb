"""The offline site of each edition, built once for the session from the committed notebooks
(strict nbval has proven them equal to a fresh run): one page per notebook, a chart for every
Plotly output drawn by one local plotly.js, quizzes that answer in the page, explorers replaced
by an honest note in the edition's language, nothing from the network, and the project left
untouched."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nbformat
import pytest

from helpers.explorer import PLOTLY_MIME
from helpers.i18n import speaking
from helpers.teaching.catalogue import NOTEBOOKS
from tests.conftest import DATA, ROOT, fingerprint
from tools import site


class Refs(HTMLParser):
    """Every src/href of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.refs += [v for k, v in attrs if k in ("src", "href") and v]


EDITIONS = ["en", "fr"]


def books_of(lang: str) -> list:
    """The committed notebooks of an edition."""
    return sorted(site.notebooks_of(lang).glob("[0-9][0-9]-*.ipynb"))


def explorer_note(lang: str) -> str:
    """The first words of the note that replaces an explorer, in the edition's language."""
    with speaking(lang):
        return site.explorer_note()[:40]


@pytest.fixture(scope="session")
def sites(tmp_path_factory):
    """A builder of each edition's site, each built at most once."""
    made = {}

    def get(lang):
        if lang not in made:
            before = fingerprint(DATA), fingerprint(ROOT / "notebooks")
            made[lang] = site.build_site(tmp_path_factory.mktemp(f"site-{lang}") / "site",
                                         lang=lang, execute=False, log=lambda *_: None)
            assert (fingerprint(DATA), fingerprint(ROOT / "notebooks")) == before
        return made[lang]
    return get


@pytest.mark.parametrize("lang", EDITIONS)
def test_one_page_per_notebook_and_an_index(sites, lang):
    built = sites(lang)
    names = {p.name for p in built.files}
    books = books_of(lang)
    assert len(books) == len(NOTEBOOKS)  # one page per notebook of the catalogue
    assert {f"{p.stem}.html" for p in books} | {"index.html", site.PLOTLY_JS} <= names
    index = (built.out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{p.stem}.html"' in index for p in books)
    assert f'lang="{lang}"' in index


@pytest.mark.parametrize(("lang", "path"), [(lang, p) for lang in EDITIONS for p in books_of(lang)],
                         ids=lambda v: getattr(v, "name", v))
def test_page_holds_every_chart_quiz_and_note(sites, lang, path):
    built = sites(lang)
    nb = nbformat.read(path, as_version=4)
    charts = sum(1 for c in nb.cells for o in c.get("outputs", [])
                 if PLOTLY_MIME in o.get("data", {}))
    explorers = sum(1 for c in nb.cells if "explorer" in c.metadata.get("tags", []))
    quizzes = sum(1 for c in nb.cells
                  if c.cell_type == "code" and "quiz" in c.metadata.get("tags", []))
    page = (built.out / f"{path.stem}.html").read_text(encoding="utf-8")
    assert page.count('class="site-chart"') == charts
    assert page.count(explorer_note(lang)) == explorers
    radios = len(re.findall(r"type=[\"']radio[\"']", page))
    assert page.count("cte-quiz-static") >= quizzes and radios >= 4 * quizzes
    assert page.count("<details>") == sum(1 for c in nb.cells
                                          if "solution" in c.metadata.get("tags", []))


@pytest.mark.parametrize("lang", EDITIONS)
def test_nothing_comes_from_the_network(sites, lang):
    built = sites(lang)
    for page in built.out.glob("*.html"):
        parser = Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        remote = [r for r in parser.refs if re.match(r"(https?:)?//", r)
                  and "creativecommons.org" not in r]
        assert not remote, f"{page.name}: {remote[:3]}"
        assert "cdn." not in page.read_text(encoding="utf-8").split("</head>")[0]


@pytest.mark.parametrize("bad", ["notebooks", "data", "."])
def test_the_build_refuses_to_write_into_the_project(bad):
    with pytest.raises(site.SiteError):
        site.check_out_dir(ROOT / bad)


def test_it_clears_only_a_folder_it_made(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(site.SiteError, match="marker"):
        site.check_out_dir(tmp_path)
    assert (tmp_path / "keep.txt").exists()
