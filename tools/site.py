"""The offline static site: ``python3 dev.py site [--lang fr] [--out DIR] [--no-execute]``.

Every notebook of a language is executed from a clean kernel (in a temporary copy; the
committed notebooks are only read) and written as one HTML page, plus an index page. Nothing
is loaded from the network:

* Plotly outputs (``application/vnd.plotly.v1+json``, which nbconvert would drop) become a
  div drawn by ``Plotly.newPlot``; plotly.js is copied once from the installed plotly package.
* nbconvert's require.js, widget renderer, MathJax and mermaid references are removed.
* Explorer outputs (cells tagged ``explorer``) need a kernel: a note says so, under the static
  chart that shows the same data. Quizzes (tagged ``quiz``) become a self-contained HTML quiz
  with the same options and the same data-computed key, answered in the page.
* Solutions are already folded (``<details>``) in the notebooks.

The output folder is cleared only if it is empty or holds the marker file this build writes.
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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from helpers.explorer import PLOTLY_MIME, WIDGET_MIME
from helpers.i18n import SOURCE, _, set_language
from helpers.teaching import catalogue, quiz
from tools import NOTEBOOK_GLOB, ROOT

TEMPLATES = Path(__file__).resolve().parent / "site_templates"
MARKER = ".cte-site"
NOTE_MIME = "text/x-cte-site-note"
QUIZ_MIME = "text/x-cte-site-quiz"
PLOTLY_JS = "plotly.min.js"
SAFE_TAGS = ["a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd",
             "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol",
             "p", "pre", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
             "th", "thead", "tr", "ul"]
SAFE_ATTRS = {"*": ["class", "title"], "a": ["href", "title"],
              "td": ["colspan", "rowspan"], "th": ["colspan", "rowspan"]}
CSS = """
.site-nav, .site-banner, .site-footer { font-family: system-ui, sans-serif; font-size: 0.9rem; }
.site-nav { padding: 0.6rem 1rem; border-bottom: 1px solid #ccc; }
.site-banner { margin: 0.5rem 1rem; color: #444; }
.site-footer { margin: 2rem 1rem 1rem; padding-top: 0.6rem; border-top: 1px solid #ccc;
  color: #444; }
.site-note { padding: 0.5rem 0.8rem; margin: 0.3rem 0; border-left: 4px solid #E69F00;
  background: #fff8e6; font-family: system-ui, sans-serif; font-size: 0.9rem; }
.cte-quiz-static { padding: 0.6rem 0.9rem; border-left: 4px solid #0072B2; background: #f3f8fc;
  font-family: system-ui, sans-serif; }
.cte-quiz-static label { line-height: 1.8; }
.cte-quiz-static button { margin-top: 0.4rem; padding: 0.2rem 0.9rem; }
details > summary { cursor: pointer; font-weight: 600; color: #0072B2; }
/* JupyterLab's output style breaks lines anywhere (break-all): text lines break between
   words here, and only a word longer than the line is split. */
body .jp-OutputArea-output pre { word-break: normal; overflow-wrap: break-word; }
.site-chart { width: 100%; min-height: 320px; }
body.site-index main { max-width: 48rem; margin: 0 auto; padding: 1rem;
  font-family: system-ui, sans-serif; line-height: 1.5; }
.site-toc li { margin-bottom: 0.6rem; }
.site-question { color: #333; }
.site-minutes, .site-counts { color: #666; font-size: 0.9em; }
"""


class SiteError(Exception):
    """A site build that must stop, with a message meant for the person running it."""


@dataclass
class Page:
    """One notebook page of the site."""

    file: str
    href: str
    title: str
    minutes: int
    question: str
    charts: int = 0
    explorers: int = 0
    quizzes: int = 0


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


def explorer_note() -> str:
    """The note that replaces an explorer on a page, in the current language."""
    return _("Explorer: it needs a running Python kernel, so it does not work in this "
             "offline page. Open the notebook in JupyterLab (python3 dev.py lab) to use "
             "it; the chart above shows the same data.")


def default_out(lang: str) -> Path:
    """``site/`` for English, ``site-<lang>/`` for the other languages."""
    return ROOT / ("site" if lang == SOURCE else f"site-{lang}")


def notebooks_of(lang: str) -> Path:
    """The notebooks folder of a language."""
    return ROOT / "notebooks" if lang == SOURCE else ROOT / "notebooks" / lang


# --- the output folder ----------------------------------------------------------------------

def _inside(path: Path, folder: Path) -> bool:
    """True if ``path`` is ``folder`` or anywhere below it."""
    return path == folder or folder in path.parents


def check_out_dir(out: Path, root: Path = ROOT) -> Path:
    """Resolve ``out`` and refuse any place the site must not go; return the resolved path.

    Refused: notebooks/ and data/ (and below), the project folder or any of its parents, a
    file, and a non-empty folder without this build's marker.
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
                            "marker, so this build did not make it; choose an empty or new "
                            "folder")
    return out


def prepare_out_dir(out: Path, root: Path = ROOT) -> Path:
    """Check ``out``, empty it if it is a previous site, create it and write the marker."""
    out = check_out_dir(out, root)
    if out.exists() and (out / MARKER).is_file():
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("Made by tools/site.py; the next build may delete this folder.\n",
                              encoding="utf-8")
    return out


# --- the notebooks --------------------------------------------------------------------------

def notebook_paths(folder: Path) -> list[Path]:
    """The teaching notebooks of a folder, in order."""
    paths = sorted(Path(folder).glob(NOTEBOOK_GLOB))
    if not paths:
        raise SiteError(f"no notebooks matching {NOTEBOOK_GLOB} in {folder}")
    return paths


def execute_all(paths: list[Path], log: Callable[[str], None] = print) -> dict[str, object]:
    """Execute each notebook in a temporary copy of its folder; return executed nodes by name."""
    from nbclient import NotebookClient

    executed = {}
    with tempfile.TemporaryDirectory(prefix="cte-site-") as tmp:
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            nb.metadata.pop("widgets", None)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            start = time.perf_counter()
            NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=False,
                           resources={"metadata": {"path": tmp}}).execute()
            executed[path.name] = nb
            log(f"executed {path.name} in {time.perf_counter() - start:.1f} s")
    return executed


def read_all(paths: list[Path]) -> dict[str, object]:
    """The committed notebooks as they are (their outputs are proven fresh by strict nbval)."""
    return {p.name: nbformat.read(p, as_version=4) for p in paths}


def prepare_outputs(nb: nbformat.NotebookNode, page: Page, tables: dict) -> None:
    """Number Plotly outputs, turn explorer outputs into a note and quizzes into HTML quizzes.

    Counts what it found on ``page``.
    """
    for index, cell in enumerate(nb.cells):
        tags = set(cell.metadata.get("tags", []))
        for number, output in enumerate(cell.get("outputs", [])):
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                output.data = {PLOTLY_MIME: data[PLOTLY_MIME]}
                output.metadata = {"site_div_id": f"chart-{index}-{number}"}
                page.charts += 1
            elif "explorer" in tags:
                output.data = {NOTE_MIME: explorer_note()}
                page.explorers += 1
            elif "quiz" in tags and cell.cell_type == "code":
                quiz_id = cell.source.split('"')[1]
                output.data = {QUIZ_MIME: quiz.static_html(quiz_id, tables)}
                page.quizzes += 1
            elif WIDGET_MIME in data:
                output.data = {NOTE_MIME: _("(An interactive widget: it needs a running "
                                            "kernel.)")}


# --- HTML -----------------------------------------------------------------------------------

def script_json(value: object) -> str:
    """JSON safe inside an HTML ``<script>`` element: ``<``, ``>`` and ``&`` are escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def plotly_html(output: nbformat.NotebookNode) -> str:
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


def make_exporter() -> object:
    """nbconvert's HTMLExporter (lab template) with every CDN reference switched off."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    defaults = HTMLExporter(template_name="lab").default_config
    priority = list(defaults.NbConvertBase.display_data_priority)
    config = Config()
    config.NbConvertBase.display_data_priority = [PLOTLY_MIME, QUIZ_MIME, NOTE_MIME, *priority]
    config.HTMLExporter.update(dict(
        mathjax_url="", require_js_url="", jquery_url="", jupyter_widgets_base_url="",
        widget_renderer_url="", embed_images=True, sanitize_html=False))
    exporter = HTMLExporter(config=config, template_name="lab",
                            extra_template_paths=[str(TEMPLATES)],
                            template_file="site-page.html.j2")
    exporter.mermaid_js_url = exporter.mermaid_layout_elk_js_url = ""
    exporter.register_filter("site_plotly_html", plotly_html)
    exporter.register_filter("site_clean_html", clean_output_html)
    return exporter


def chrome(build_date: str) -> dict[str, str]:
    """The translated text of the pages' navigation, banner and footer."""
    by = "https://creativecommons.org/licenses/by/4.0/"
    return {
        "all": _("All notebooks"),
        "banner": _("Read-only copy of this notebook, run from a clean kernel on {date}. Charts "
                    "are interactive and quizzes answer in the page; the explorers need "
                    "JupyterLab (python3 dev.py lab).").format(date=build_date),
        "footer": (html.escape(_("Cybercrime Treaty Explorer contributors. Code: MIT licence. "
                                 "Data and notebook text:")) + f' <a href="{by}">CC BY 4.0</a>. '
                   + html.escape(_("Every data row names its source in data/sources.csv; quoted "
                                   "official texts remain their authors' work. Built {date}.")
                                 .format(date=build_date))),
        "quiz_script": quiz.STATIC_SCRIPT,
    }


def page_for(path: Path, lang: str) -> Page:
    """Title, minutes and question of a notebook, from the catalogue."""
    number = path.name[:2]
    if number not in catalogue.BY_NUMBER:
        raise SiteError(f"{path.name} is not in helpers/teaching/catalogue.py")
    nb = catalogue.BY_NUMBER[number]
    return Page(file=path.name, href=f"{path.stem}.html", title=_(nb.title),
                minutes=nb.minutes(), question=_(nb.question))


def render_page(exporter: object, nb: nbformat.NotebookNode, page: Page, pages: list[Page],
                build_date: str, lang: str = SOURCE) -> str:
    """One notebook as a standalone HTML page with navigation and footer."""
    position = pages.index(page)
    site = {"plotly_src": PLOTLY_JS, "plotly_mime": PLOTLY_MIME, "note_mime": NOTE_MIME,
            "quiz_mime": QUIZ_MIME, "css": CSS, "file": page.file,
            "prev": pages[position - 1] if position > 0 else None,
            "next": pages[position + 1] if position + 1 < len(pages) else None,
            **chrome(build_date)}
    nb.metadata["title"] = f"{page.title} · {_('Cybercrime Treaty Explorer')}"
    body, _resources = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": page.title}, "site": site, "language_code": lang})
    return body


def render_index(pages: list[Page], build_date: str, lang: str) -> str:
    """The front page: intro, the notebooks in order with minutes and question, footer."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    text = {
        "title": _("Cybercrime Treaty Explorer"),
        "intro": [_("Short teaching notebooks about the UN Convention against Cybercrime: what "
                    "the word cybercrime covers, how it connects with the Sustainable "
                    "Development Goals, how the convention was negotiated, how it sits beside "
                    "older instruments, what its supporters and critics argued, and how to "
                    "check a news article against sourced data."),
                  _("These pages are a read-only copy of the notebooks, run from a clean kernel "
                    "when the site was built. The tables, charts and quotations come from the "
                    "curated CSV files of the package, and each row names its source.")],
        "toc": _("The notebooks, in order"), "works": _("What works in this copy"),
        "total": _("About {n} minutes in total.").format(n=sum(p.minutes for p in pages)),
        "min": _("min"), "charts": _("interactive charts"),
        "notes": [_("Every page opens straight from disk (also from a USB stick); nothing is "
                    "loaded from the internet."),
                  _("Charts are interactive: hover for values, zoom, pan, and click legend "
                    "entries to hide or show a series."),
                  _("Quizzes work in the page: choose an answer and press Check."),
                  _("The explorers need a running Python kernel; each one is replaced by a note "
                    "under the static chart that shows the same data."),
                  _("Solutions to the exercises are folded away; click “Show a solution” to "
                    "open one.")],
    }
    return env.get_template("site-index.html.j2").render(
        pages=pages, css=CSS, lang=lang, footer=chrome(build_date)["footer"], **text)


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


def build_site(out: Path | None = None, lang: str = SOURCE, execute: bool = True,
               log: Callable[[str], None] = print) -> SiteReport:
    """Write the offline site of one language into ``out``; return a report.

    ``execute=False`` uses the committed outputs as they are (the tests do this after strict
    nbval has proven them equal to a fresh run).
    """
    from helpers import load_all

    start = time.perf_counter()
    out = out or default_out(lang)
    check_out_dir(out)  # fail before spending half a minute executing notebooks
    paths = notebook_paths(notebooks_of(lang))
    set_language(lang)
    try:
        pages = [page_for(path, lang) for path in paths]
        notebooks = execute_all(paths, log=log) if execute else read_all(paths)
        out = prepare_out_dir(out)
        build_date = build_date_text()
        exporter, tables = make_exporter(), load_all()
        for page in pages:
            nb = notebooks[page.file]
            prepare_outputs(nb, page, tables)
            text = render_page(exporter, nb, page, pages, build_date, lang)
            (out / page.href).write_text(text, encoding="utf-8")
        (out / "index.html").write_text(render_index(pages, build_date, lang), encoding="utf-8")
    finally:
        set_language(SOURCE)
    shutil.copyfile(plotly_js_source(), out / PLOTLY_JS)
    return SiteReport(out=out, pages=pages, seconds=time.perf_counter() - start)


def main(argv: list[str]) -> int:
    """Command line: build the site and print its size and page count."""
    parser = argparse.ArgumentParser(prog="python3 dev.py site",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="output folder (default: site/ or site-LANG/)")
    parser.add_argument("--lang", default=SOURCE, help="en or fr")
    parser.add_argument("--no-execute", action="store_true",
                        help="use the committed outputs instead of running the notebooks")
    args = parser.parse_args(argv)
    try:
        report = build_site(args.out, args.lang, execute=not args.no_execute)
    except SiteError as err:
        print(f"site: {err}", file=sys.stderr)
        return 2
    charts = sum(p.charts for p in report.pages)
    print(f"wrote {report.out}: {len(report.pages) + 1} pages, {charts} charts, "
          f"{len(report.files)} files, {report.total_bytes / 1e6:.1f} MB, in "
          f"{report.seconds:.0f} s")
    print(f"open {report.out / 'index.html'} in a browser (no server or internet needed)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
