"""The offline static site (scripts/build_site.py, ``python3 dev.py site``).

The site is built once for this module into a temporary folder through ``build_site()``, the
function the command runs; expected counts come from the committed notebooks, not from the
site itself.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

import nbformat
import pytest

from .conftest import DATA, ROOT
from .site_support import (
    NOTEBOOKS_DIR,
    PLOTLY_MIME,
    WIDGET_MIME,
    build_module,
    committed_notebooks,
    css_refs,
    is_remote,
    outputs_with,
    parse_page,
    tree_digest,
)

NOTEBOOKS = committed_notebooks()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build the site once; record notebooks/ and data/ before and after."""
    before = {"notebooks": tree_digest(NOTEBOOKS_DIR), "data": tree_digest(DATA)}
    out = tmp_path_factory.mktemp("site") / "site"
    report = build_module().build_site(out, log=lambda *_: None)
    after = {"notebooks": tree_digest(NOTEBOOKS_DIR), "data": tree_digest(DATA)}
    return {"out": out, "report": report, "before": before, "after": after}


def page_of(built, notebook: Path) -> Path:
    return built["out"] / f"{notebook.stem}.html"


def all_pages(built) -> list[Path]:
    return sorted(built["out"].glob("*.html"))


# (1) pages and index ------------------------------------------------------------------------

def test_every_notebook_has_a_page_linked_from_the_index_in_order(built):
    for notebook in NOTEBOOKS:
        assert page_of(built, notebook).is_file(), f"no page for {notebook.name}"
    links = [h for h in parse_page(built["out"] / "index.html").links if h.endswith(".html")]
    assert links == [f"{nb.stem}.html" for nb in NOTEBOOKS]


def test_index_lists_minutes_and_question_from_the_notebook_map(built):
    from helpers.checks import NOTEBOOK_MAP

    text = " ".join(" ".join(parse_page(built["out"] / "index.html").text).split())
    for row in NOTEBOOK_MAP:
        assert row["title"] in text
        assert row["question"] in text
        assert f"({row['minutes']} min)" in text
    assert "MIT" in text and "CC BY 4.0" in text
    assert re.search(r"Built \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", text)


def test_every_page_links_back_to_the_index_and_carries_the_licence_footer(built):
    for notebook in NOTEBOOKS:
        page = parse_page(page_of(built, notebook))
        assert "index.html" in page.links
        text = " ".join(page.text)
        assert "MIT" in text and "CC BY 4.0" in text


# (2) charts and plotly.js -------------------------------------------------------------------

@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_one_chart_div_per_plotly_output_with_its_figure(built, notebook):
    expected = outputs_with(notebook, PLOTLY_MIME)
    page = parse_page(page_of(built, notebook))
    assert len(page.chart_ids) == len(expected)
    assert len(set(page.chart_ids)) == len(page.chart_ids), "chart ids must be unique"
    for div_id, output in zip(page.chart_ids, expected, strict=True):
        raw = page.json_scripts[f"{div_id}-json"]
        assert "</" not in raw
        figure = json.loads(raw)
        committed = output["data"][PLOTLY_MIME]
        assert [t.get("type") for t in figure["data"]] == \
            [t.get("type") for t in committed["data"]]
        assert figure["layout"].get("title") == committed["layout"].get("title")


def test_plotly_js_is_shipped_once_and_every_page_loads_it_relatively(built):
    out = built["out"]
    copies = [p for p in out.rglob("*") if p.is_file() and "plotly" in p.name.lower()
              and p.suffix == ".js"]
    assert [p.relative_to(out) for p in copies] == [Path("plotly.min.js")]
    import plotly

    shipped = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert hashlib.sha256(copies[0].read_bytes()).digest() == \
        hashlib.sha256(shipped.read_bytes()).digest()
    for notebook in NOTEBOOKS:
        page = parse_page(page_of(built, notebook))
        scripts = [url for tag, url in page.resources if tag == "script"]
        assert scripts == ["plotly.min.js"]
        assert (page_of(built, notebook).parent / scripts[0]).resolve() == copies[0].resolve()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_widgets_become_a_visible_note(built, notebook):
    text = page_of(built, notebook).read_text(encoding="utf-8")
    assert text.count("site-widget-note") == len(outputs_with(notebook, WIDGET_MIME))
    assert WIDGET_MIME not in text
    assert "application/vnd.jupyter.widget-state+json" not in text


# (3) nothing remote -------------------------------------------------------------------------

def test_no_page_loads_anything_from_the_network(built):
    pages = all_pages(built)
    assert len(pages) == len(NOTEBOOKS) + 1
    for path in pages:
        page = parse_page(path)
        remote = [(tag, url) for tag, url in page.resources if is_remote(url)]
        remote += [("css", url) for css in page.css for url in css_refs(css) if is_remote(url)]
        assert not remote, f"{path.name} loads {remote[:5]}"


def test_remote_reference_detector_catches_what_it_should():
    page_text = ('<script src="https://cdn.example/x.js"></script>'
                 '<link rel="stylesheet" href="//fonts.example/a.css">'
                 '<img src="HTTP://x/y.png"><iframe src="https://x"></iframe>'
                 '<style>@import "https://f/x.css"; b { background: url(//x/y.png) }</style>'
                 '<a href="https://example.org">fine</a><script src="plotly.min.js"></script>')
    from .site_support import PageParser

    page = PageParser()
    page.feed(page_text)
    remote = [url for _, url in page.resources if is_remote(url)]
    remote += [url for css in page.css for url in css_refs(css) if is_remote(url)]
    assert sorted(remote) == sorted(["https://cdn.example/x.js", "//fonts.example/a.css",
                                     "HTTP://x/y.png", "https://x", "https://f/x.css",
                                     "//x/y.png"])


# (4) committed files untouched --------------------------------------------------------------

def test_build_leaves_notebooks_and_data_unchanged(built):
    assert built["before"]["notebooks"], "no notebooks fingerprinted"
    assert built["after"]["notebooks"] == built["before"]["notebooks"]
    assert built["after"]["data"] == built["before"]["data"]


# (5) solutions collapsed --------------------------------------------------------------------

def hidden_cell_ids(notebook: Path) -> list[str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return [c["id"] for c in nb["cells"] if c["cell_type"] == "code"
            and (c["metadata"].get("jupyter", {}).get("source_hidden")
                 or "hide-cell" in c["metadata"].get("tags", []))]


def test_there_are_hidden_solution_cells_to_check():
    assert any(hidden_cell_ids(nb) for nb in NOTEBOOKS)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_hidden_solution_cells_are_collapsed_in_details(built, notebook):
    text = page_of(built, notebook).read_text(encoding="utf-8")
    blocks = re.findall(r'<details class="site-solution">(.*?)</details>', text, re.S)
    for cell_id in hidden_cell_ids(notebook):
        anchor = f'id="cell-id={html.escape(cell_id)}"'
        assert anchor in text, f"cell {cell_id} missing from the page"
        assert any(anchor in block for block in blocks), f"cell {cell_id} is not collapsed"
    assert len(blocks) >= len(hidden_cell_ids(notebook))


# escaping -----------------------------------------------------------------------------------

def test_output_text_is_escaped_and_embedded_json_cannot_close_its_script(tmp_path):
    site = build_module()
    attack = "</script><script>alert(1)</script>"
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text=f"<b>bold</b> {attack}\n"),
        nbformat.v4.new_output("execute_result", execution_count=1,
                               data={"text/plain": "<i>plain</i>"}),
        nbformat.v4.new_output("display_data", data={
            "text/html": f"<table><tr><td>cell</td></tr></table><img src=x onerror=alert(2)>"
                         f"{attack}"}),
        nbformat.v4.new_output("display_data", data={
            PLOTLY_MIME: {"data": [{"type": "bar", "y": [1]}],
                          "layout": {"title": {"text": attack}}}}),
    ]
    nb.cells.append(cell)
    page = site.Page(file="99-test.ipynb", href="99-test.html", title="Test")
    site.prepare_outputs(nb, page)
    text = site.render_page(site.make_exporter(), nb, page, [page], "2000-01-01 00:00 UTC")
    assert "&lt;b&gt;bold&lt;/b&gt;" in text and "<b>bold</b>" not in text
    assert "&lt;i&gt;plain&lt;/i&gt;" in text
    assert "<td>cell</td>" in text            # harmless HTML output kept
    assert "onerror" not in text
    parsed = parse_page_text(text)
    assert not [s for s in parsed.scripts if "alert" in s], "data ended up in a running script"
    (div_id,) = parsed.chart_ids
    assert json.loads(parsed.json_scripts[f"{div_id}-json"])["layout"]["title"]["text"] == attack


def parse_page_text(text: str):
    from .site_support import PageParser

    parser = PageParser()
    parser.feed(text)
    return parser


# refusing to write in the wrong place -------------------------------------------------------

@pytest.mark.parametrize("target", ["notebooks", "notebooks/site", "data", "data/x", "."])
def test_refuses_to_write_into_notebooks_data_or_the_project(target):
    site = build_module()
    with pytest.raises(site.SiteError, match="refusing"):
        site.check_out_dir(ROOT / target)


def test_command_refuses_notebooks_before_executing_anything(capsys):
    site = build_module()
    before = tree_digest(NOTEBOOKS_DIR)
    assert site.main(["--out", str(NOTEBOOKS_DIR)]) == 2
    assert "refusing" in capsys.readouterr().err
    assert tree_digest(NOTEBOOKS_DIR) == before


def test_refuses_to_clear_a_folder_it_did_not_make(tmp_path):
    site = build_module()
    keep = tmp_path / "mine" / "notes.txt"
    keep.parent.mkdir()
    keep.write_text("do not delete")
    with pytest.raises(site.SiteError, match="marker"):
        site.prepare_out_dir(keep.parent)
    assert keep.read_text() == "do not delete"
    with pytest.raises(site.SiteError, match="not a folder"):
        site.check_out_dir(keep)


def test_clears_a_previous_site_and_accepts_an_empty_folder(tmp_path):
    site = build_module()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert site.prepare_out_dir(empty) == empty.resolve()
    (empty / "old.html").write_text("stale")
    site.prepare_out_dir(empty)  # it now carries the marker, so it is cleared
    assert not (empty / "old.html").exists()
    assert (empty / site.MARKER).is_file()


def test_site_prose_is_in_our_own_words():
    from .test_own_words import copied_runs

    site = build_module()
    prose = [*site.INTRO, *site.OFFLINE_NOTES, site.WIDGET_NOTE, site.footer_html("today")]
    for text in prose:
        assert not copied_runs(text), f"copied from the article: {copied_runs(text)[0]}"
