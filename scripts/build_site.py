"""Build the offline static HTML site: ``python3 dev.py site`` (or ``make site``).

Usage: python scripts/build_site.py [--out DIR]

Every notebook in notebooks/ is executed top to bottom in a fresh kernel, in a temporary copy of
the folder (the committed notebooks are only read), then written as one HTML page per notebook
plus an index page into ``site/`` (or ``--out DIR``). The pages load nothing from the network:

* Plotly outputs (``application/vnd.plotly.v1+json``, which nbconvert would drop) become a div
  plus a call to ``Plotly.newPlot`` with the figure JSON embedded; plotly.js is copied once from
  the installed plotly package into the site folder and referenced relatively.
* nbconvert's require.js, widget-renderer, MathJax and mermaid CDN references are removed.
* Widget outputs cannot run without a kernel and are replaced by a short visible note.
* Hidden solution cells are collapsed in ``<details>``.

The output folder is cleared only if it is empty or holds the marker file this script writes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "data"
DEFAULT_OUT = ROOT / "site"
TEMPLATES = Path(__file__).resolve().parent / "site_templates"
MARKER = ".cte-site"
NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
NOTE_MIME = "text/x-cte-site-note"
PLOTLY_JS = "plotly.min.js"
SITE_TITLE = "Cybercrime Treaty Explorer"
WIDGET_NOTE = ("Interactive explorer: it needs a running Python kernel, so it cannot work in this "
               "offline page. Open this notebook in JupyterLab (python3 dev.py lab) to use it; "
               "the static chart above shows the same data.")
HIDE_TAGS = {"hide-cell", "solution"}
SAFE_TAGS = ["a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd",
             "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol",
             "p", "pre", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
             "th", "thead", "tr", "ul"]
SAFE_ATTRS = {"*": ["class", "id", "title"], "a": ["href", "title"],
              "td": ["colspan", "rowspan"], "th": ["colspan", "rowspan"]}
CSS = """
.site-nav, .site-banner, .site-footer { font-family: system-ui, sans-serif; font-size: 0.9rem; }
.site-nav { padding: 0.6rem 1rem; border-bottom: 1px solid #ccc; }
.site-banner { margin: 0.5rem 1rem; color: #444; }
.site-footer { margin: 2rem 1rem 1rem; padding-top: 0.6rem; border-top: 1px solid #ccc;
  color: #444; }
.site-note { padding: 0.5rem 0.8rem; margin: 0.3rem 0; border-left: 4px solid #E69F00;
  background: #fff8e6; font-family: system-ui, sans-serif; font-size: 0.9rem; }
details.site-solution { margin: 0.4rem 0; padding: 0.2rem 0.5rem; border: 1px dashed #999; }
details.site-solution > summary { cursor: pointer; font-family: system-ui, sans-serif;
  font-weight: 600; color: #0072B2; }
.site-chart { width: 100%; min-height: 360px; }
body.site-index main { max-width: 48rem; margin: 0 auto; padding: 1rem;
  font-family: system-ui, sans-serif; line-height: 1.5; }
.site-toc li { margin-bottom: 0.6rem; }
.site-question { color: #333; }
.site-minutes, .site-counts { color: #666; font-size: 0.9em; }
"""
INTRO = (
    "Short teaching notebooks about the UN Convention against Cybercrime: what the word "
    "cybercrime covers, how it connects with the Sustainable Development Goals, how the "
    "convention was negotiated, how it sits beside older instruments, what its supporters and "
    "critics argued, and how to check a news article against sourced data.",
    "These pages are a read-only copy of the notebooks, run from a clean kernel when the site "
    "was built. The tables, charts and quotations come from the curated CSV files of the "
    "package, and each row names its source.",
)
OFFLINE_NOTES = (
    "Every page opens straight from disk (also from a USB stick); nothing is loaded from the "
    "internet.",
    "Charts are interactive: hover for values, zoom, pan, and click legend entries to hide or "
    "show a series.",
    "The explorers and quizzes are ipywidgets and need a running Python kernel. Here they are "
    "replaced by a note; open the notebooks in JupyterLab (python3 dev.py lab) to use them.",
    "Solutions to the exercises are folded away; click \u201cShow solution\u201d to open one.",
)


class SiteError(Exception):
    """A site build that must stop, with a message meant for the person running it."""


@dataclass
class Page:
    """One notebook page of the site."""

    file: str
    href: str
    title: str
    minutes: int | None = None
    question: str = ""
    charts: int = 0
    widgets: int = 0
    solutions: int = 0


@dataclass
class SiteReport:
    """What a build wrote: the folder, its pages and how long it took."""

    out: Path
    pages: list[Page] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def files(self) -> list[Path]:
        """Every file in the site folder."""
        return sorted(p for p in self.out.rglob("*") if p.is_file())

    @property
    def total_bytes(self) -> int:
        """Size of the site folder in bytes."""
        return sum(p.stat().st_size for p in self.files)


# --- the output folder ----------------------------------------------------------------------

def _inside(path: Path, folder: Path) -> bool:
    """True if ``path`` is ``folder`` or anywhere below it."""
    return path == folder or folder in path.parents


def check_out_dir(out: Path, root: Path = ROOT) -> Path:
    """Resolve ``out`` and refuse any place the site must not go; return the resolved path.

    Refused: notebooks/ and data/ (and anything inside them), the project folder itself or any
    of its parents, a path that is a file, and a non-empty folder without this script's marker.
    """
    out = Path(out).expanduser().resolve()
    root = Path(root).resolve()
    for protected in (root / "notebooks", root / "data"):
        if _inside(out, protected):
            raise SiteError(f"refusing to write the site into {protected}: choose another --out")
    if _inside(root, out):
        raise SiteError(f"refusing to write the site into {out}: it contains the project")
    if out.exists():
        if not out.is_dir():
            raise SiteError(f"--out {out} exists and is not a folder")
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise SiteError(f"refusing to clear {out}: it is not empty and has no {MARKER} "
                            "marker, so this script did not make it; choose an empty or new "
                            "folder")
    return out


def prepare_out_dir(out: Path, root: Path = ROOT) -> Path:
    """Check ``out``, empty it if it is a previous site, create it and write the marker."""
    out = check_out_dir(out, root)
    if out.exists() and (out / MARKER).is_file():
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("Made by scripts/build_site.py; the next build may delete this "
                              "folder.\n", encoding="utf-8")
    return out


# --- executing the notebooks ----------------------------------------------------------------

def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The teaching notebooks in order (``NN-name.ipynb``)."""
    paths = sorted(Path(folder).glob(NOTEBOOK_GLOB))
    if not paths:
        raise SiteError(f"no notebooks matching {NOTEBOOK_GLOB} in {folder}")
    return paths


def clean_notebook(nb) -> None:
    """Drop stored widget state and outputs, as scripts/execute_notebooks.py does."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None


def execute_all(paths: list[Path], log=print) -> dict[str, object]:
    """Execute each notebook in a temporary copy of its folder; return executed nodes by name.

    The kernel's working directory is the temporary copy, so nothing is written next to the
    committed notebooks; the copies are deleted afterwards.
    """
    import nbformat
    from nbclient import NotebookClient

    executed = {}
    with tempfile.TemporaryDirectory(prefix="cte-site-") as tmp:
        work = Path(tmp) / "notebooks"
        shutil.copytree(paths[0].parent, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        for path in paths:
            nb = nbformat.read(work / path.name, as_version=4)
            clean_notebook(nb)
            start = time.perf_counter()
            NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=False,
                           resources={"metadata": {"path": str(work)}}).execute()
            nb.metadata.pop("widgets", None)
            executed[path.name] = nb
            log(f"executed {path.name} in {time.perf_counter() - start:.1f} s")
    return executed


# --- turning outputs into offline HTML ------------------------------------------------------

def is_hidden_solution(cell) -> bool:
    """True for a code cell whose source is hidden in JupyterLab or tagged as a hidden cell."""
    if cell.cell_type != "code":
        return False
    hidden = bool(cell.metadata.get("jupyter", {}).get("source_hidden"))
    return hidden or bool(HIDE_TAGS & set(cell.metadata.get("tags", [])))


def prepare_outputs(nb, page: Page) -> None:
    """Pre-pass on an executed notebook: number Plotly outputs, swap widgets for a note,
    mark hidden solution cells. Counts what it found on ``page``."""
    for index, cell in enumerate(nb.cells):
        if is_hidden_solution(cell):
            cell.metadata["site"] = {"solution": True}
            page.solutions += 1
        for number, output in enumerate(cell.get("outputs", [])):
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                output.data = {PLOTLY_MIME: data[PLOTLY_MIME]}
                output.metadata = {"site_div_id": f"chart-{index}-{number}"}
                page.charts += 1
            elif WIDGET_MIME in data:
                output.data = {NOTE_MIME: WIDGET_NOTE}
                page.widgets += 1


def script_json(value: object) -> str:
    """JSON safe inside an HTML ``<script>`` element: ``<``, ``>`` and ``&`` are escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def plotly_html(output) -> str:
    """A div plus the script that draws one Plotly figure with the local plotly.js."""
    div_id = html.escape(output.metadata["site_div_id"], quote=True)
    figure = output.data[PLOTLY_MIME]
    return (f'<div class="site-chart" id="{div_id}"></div>\n'
            f'<script type="application/json" id="{div_id}-json">{script_json(figure)}</script>\n'
            "<script>(function () {\n"
            f'  var spec = JSON.parse(document.getElementById("{div_id}-json").textContent);\n'
            "  var config = Object.assign({}, spec.config || {},"
            " {responsive: true, displaylogo: false});\n"
            f'  Plotly.newPlot(document.getElementById("{div_id}"), spec.data,'
            " spec.layout || {}, config);\n"
            "})();</script>")


def clean_output_html(text: str) -> str:
    """Sanitise HTML from an output: keep text and tables, drop scripts, styles and handlers."""
    import bleach

    return bleach.clean(text, tags=SAFE_TAGS, attributes=SAFE_ATTRS,
                        protocols=["http", "https", "mailto"], strip=True)


def make_exporter():
    """nbconvert's HTMLExporter (lab template) with every CDN reference switched off."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    defaults = HTMLExporter(template_name="lab").default_config
    priority = list(defaults.NbConvertBase.display_data_priority)
    config = Config()
    config.NbConvertBase.display_data_priority = [PLOTLY_MIME, NOTE_MIME, *priority]
    config.HTMLExporter.update(dict(
        mathjax_url="", require_js_url="", jquery_url="", jupyter_widgets_base_url="",
        widget_renderer_url="", embed_images=True, sanitize_html=False))
    exporter = HTMLExporter(config=config, template_name="lab",
                            extra_template_paths=[str(TEMPLATES)],
                            template_file="site-page.html.j2")
    # not configurable traits in nbconvert 7.17; the template drops their block anyway
    exporter.mermaid_js_url = exporter.mermaid_layout_elk_js_url = ""
    exporter.register_filter("site_plotly_html", plotly_html)
    exporter.register_filter("site_clean_html", clean_output_html)
    return exporter


def footer_html(build_date: str) -> str:
    """The licence and attribution footer shared by every page (static text, escaped)."""
    by = "https://creativecommons.org/licenses/by/4.0/"
    return (f"{html.escape(SITE_TITLE)} contributors. Code: MIT licence. Data and notebook "
            f'text: <a href="{by}">CC BY 4.0</a>. Every data row names its source in '
            "<code>data/sources.csv</code>; quoted official texts remain their authors' work. "
            f"Built {html.escape(build_date)}.")


def page_for(path: Path) -> Page:
    """Title, minutes and question of a notebook, from helpers.checks.NOTEBOOK_MAP."""
    from helpers.checks import NOTEBOOK_MAP

    entry = next((row for row in NOTEBOOK_MAP if row["file"] == path.name), None)
    if entry is None:
        raise SiteError(f"{path.name} is not listed in helpers.checks.NOTEBOOK_MAP; add it there "
                        "so the index can show its title, minutes and question")
    return Page(file=path.name, href=f"{path.stem}.html", title=entry["title"],
                minutes=entry["minutes"], question=entry["question"])


def render_page(exporter, nb, page: Page, pages: list[Page], build_date: str) -> str:
    """One notebook as a standalone HTML page with navigation and footer."""
    position = pages.index(page)
    site = {"plotly_src": PLOTLY_JS, "plotly_mime": PLOTLY_MIME, "note_mime": NOTE_MIME,
            "css": CSS, "file": page.file, "build_date": build_date,
            "footer": footer_html(build_date),
            "prev": pages[position - 1] if position > 0 else None,
            "next": pages[position + 1] if position + 1 < len(pages) else None}
    nb.metadata["title"] = f"{page.title} \u00b7 {SITE_TITLE}"
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": page.title}, "site": site})
    return body


def render_index(pages: list[Page], build_date: str) -> str:
    """The front page: intro, notebooks in order with minutes and question, footer."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    minutes = [p.minutes for p in pages if p.minutes]
    return env.get_template("site-index.html.j2").render(
        title=SITE_TITLE, intro=INTRO, pages=pages, total_minutes=sum(minutes),
        offline_notes=OFFLINE_NOTES, css=CSS, footer=footer_html(build_date))


def plotly_js_source() -> Path:
    """plotly.min.js shipped inside the installed plotly package."""
    import plotly

    path = Path(plotly.__file__).resolve().parent / "package_data" / PLOTLY_JS
    if not path.is_file():
        raise SiteError(f"{path} not found: is plotly installed in this environment?")
    return path


def build_date_text() -> str:
    """Build time in UTC (SOURCE_DATE_EPOCH wins, for reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch
              else dt.datetime.now(dt.UTC))
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def build_site(out: Path = DEFAULT_OUT, notebooks: Path = NOTEBOOKS, log=print) -> SiteReport:
    """Execute every notebook and write the offline site into ``out``; return a report."""
    start = time.perf_counter()
    check_out_dir(out)  # fail before spending half a minute executing notebooks
    paths = notebook_paths(notebooks)
    pages = [page_for(path) for path in paths]
    executed = execute_all(paths, log=log)
    out = prepare_out_dir(out)
    build_date = build_date_text()
    exporter = make_exporter()
    for page in pages:
        prepare_outputs(executed[page.file], page)
    for page in pages:
        text = render_page(exporter, executed[page.file], page, pages, build_date)
        (out / page.href).write_text(text, encoding="utf-8")
    (out / "index.html").write_text(render_index(pages, build_date), encoding="utf-8")
    shutil.copyfile(plotly_js_source(), out / PLOTLY_JS)
    return SiteReport(out=out, pages=pages, seconds=time.perf_counter() - start)


def main(argv: list[str]) -> int:
    """Command line: build the site and print its size and page count."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="output folder (default: site/ in the project)")
    args = parser.parse_args(argv)
    try:
        report = build_site(args.out)
    except SiteError as err:
        print(f"build_site: {err}", file=sys.stderr)
        return 2
    pages = len(report.pages) + 1
    charts = sum(p.charts for p in report.pages)
    print(f"wrote {report.out}: {pages} pages (index + {len(report.pages)} notebooks), "
          f"{charts} charts, {len(report.files)} files, "
          f"{report.total_bytes / 1e6:.1f} MB in total, in {report.seconds:.0f} s")
    print(f"open {report.out / 'index.html'} in a browser (no server or internet needed)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
