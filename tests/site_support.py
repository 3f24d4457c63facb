"""Shared by tests/test_site.py and tests/test_site_browser.py: load scripts/build_site.py as a
module (the same code path as ``python3 dev.py site``), fingerprint folders, parse pages."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from .conftest import ROOT

NOTEBOOKS_DIR = ROOT / "notebooks"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@cache
def build_module():
    """scripts/build_site.py imported as a module."""
    path = ROOT / "scripts" / "build_site.py"
    spec = importlib.util.spec_from_file_location("build_site", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder``, keyed by relative path."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def committed_notebooks() -> list[Path]:
    """The committed teaching notebooks, in order."""
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def outputs_with(path: Path, mime: str) -> list[dict]:
    """Outputs of the committed notebook that carry ``mime``, in order."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [out for cell in nb["cells"] for out in cell.get("outputs", [])
            if mime in out.get("data", {})]


class PageParser(HTMLParser):
    """Collects the references, links, chart divs and embedded JSON of one page."""

    RESOURCE_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src",
                      "video": "src", "audio": "src", "embed": "src", "object": "data",
                      "input": "src", "track": "src"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.resources: list[tuple[str, str]] = []   # (tag, url) loaded by the page
        self.links: list[str] = []                   # <a href>
        self.chart_ids: list[str] = []               # <div class="site-chart" id=...>
        self.json_scripts: dict[str, str] = {}       # id -> text of <script type=app/json>
        self.css: list[str] = []                     # <style> text and style="" attributes
        self.text: list[str] = []
        self.scripts: list[str] = []                 # text of scripts that would run
        self._json_id: str | None = None
        self._in_style = False
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attr = dict(attrs)
        if tag in self.RESOURCE_ATTRS and attr.get(self.RESOURCE_ATTRS[tag]):
            self.resources.append((tag, attr[self.RESOURCE_ATTRS[tag]]))
        if tag == "link" and attr.get("href"):
            self.resources.append((f"link rel={attr.get('rel')}", attr["href"]))
        if tag == "a" and attr.get("href"):
            self.links.append(attr["href"])
        if tag == "div" and "site-chart" in (attr.get("class") or "").split():
            self.chart_ids.append(attr.get("id"))
        if tag == "script" and attr.get("type") == "application/json":
            self._json_id = attr.get("id")
            self.json_scripts[self._json_id] = ""
        elif tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "style":
            self._in_style = True
        if attr.get("style"):
            self.css.append(attr["style"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._json_id = None
            self._in_script = False
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._json_id is not None:
            self.json_scripts[self._json_id] += data
        elif self._in_script:
            self.scripts[-1] += data
        elif self._in_style:
            self.css.append(data)
        else:
            self.text.append(data)


def parse_page(path: Path) -> PageParser:
    """Parse one HTML file of the site."""
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_REF = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)|url\(\s*['"]?([^'")\s]+)""",
                     re.IGNORECASE)


def is_remote(url: str) -> bool:
    """True for http(s)://, any other scheme://, and protocol-relative //host URLs."""
    return bool(REMOTE.match(url))


def css_refs(css: str) -> list[str]:
    """URLs used by ``@import`` and ``url()`` in a piece of CSS."""
    return [a or b for a, b in CSS_REF.findall(css)]
