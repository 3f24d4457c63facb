"""The string catalogues: ``python3 dev.py i18n`` updates ``locale/<lang>/LC_MESSAGES/cte.po``
with every message the package shows, keeping the translations already there; ``--check``
lists the messages that still lack one (a test runs it).

Messages come from:

* the Python code of ``helpers/`` and ``tools/``: every ``_()``, ``N_()`` and ``ngettext()``
  (extracted with Babel);
* the notebook sources (each Markdown block, each code comment) and the guide's source;
* the descriptor: the display label of every allowed value of every enum (``enumLabels``, or
  the code in plain words), and the table names.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from helpers.data.descriptor import read_descriptor
from helpers.i18n import LANGUAGES, SOURCE, po_path
from helpers.text import label_words, table_words
from tools import ROOT
from tools.notebooks import COMMENT, SOURCES, blocks, parse

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);"}


def from_python() -> Iterator[tuple[object, str]]:
    """(message, location) of every marked string in helpers/ and tools/."""
    for folder in ("helpers", "tools"):
        for name, line, message, _comments, _context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS):
            yield message, f"{folder}/{name}:{line}"


#: A call of ``_`` with one plain string literal (also inside f-strings, which Babel's
#: extractor cannot see into before Python 3.12).
CALL = re.compile(r"""(?<![\w.])_\((?P<lit>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\)""")


def from_fstrings() -> Iterator[tuple[object, str]]:
    """(message, location) of ``_()`` calls written inside f-strings in helpers/ and tools/."""
    for folder in ("helpers", "tools"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            for match in CALL.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                yield (ast.literal_eval(match.group("lit")),
                       f"{path.relative_to(ROOT).as_posix()}:{line}")


def from_markdown() -> Iterator[tuple[str, str]]:
    """(block, location) of the notebook sources and the guide's source; code comments too."""
    files = [*sorted(SOURCES.glob("*.md")), ROOT / "docs" / "src" / "FACILITATOR.md"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(ROOT).as_posix()
        if path.parent == SOURCES:
            for number, cell in enumerate(parse(text, path.name)):
                if cell.kind == "markdown":
                    yield from ((b, f"{where}:{number}") for b in blocks(cell.text()))
                elif cell.kind == "code":
                    for line in cell.body:
                        match = COMMENT.match(line)
                        code = match.group("code") if match else ""
                        if match and code.count('"') % 2 == 0 and code.count("'") % 2 == 0:
                            yield match.group("text").strip(), f"{where}:{number}"
        else:
            parts = [p for p in text.split("{{") if p]
            for i, part in enumerate(parts):
                body = part.split("}}", 1)[-1]
                yield from ((b, f"{where}:{i}") for b in blocks(body))


def from_descriptor() -> Iterator[tuple[str, str]]:
    """(label, location) of every enum value and table name of the descriptor, and the
    definitions of the confidence levels."""
    descriptor = read_descriptor()
    for name, text in descriptor.get("confidenceLevels", {}).items():
        yield text, f"data/datapackage.json:confidenceLevels.{name}"
    if descriptor.get("confidenceRule"):
        yield descriptor["confidenceRule"], "data/datapackage.json:confidenceRule"
    for resource in descriptor["resources"]:
        name = resource["name"]
        yield table_words(name), f"data/datapackage.json:{name}"
        for field in resource["schema"]["fields"]:
            if field.get("labelled") is False:
                continue  # codes never shown as labels (e.g. the table names of translations)
            for value in field.get("constraints", {}).get("enum", []):
                yield (label_words(name, field["name"], value),
                       f"data/datapackage.json:{name}.{field['name']}")


def messages() -> dict[object, list[str]]:
    """Every message (str, or (singular, plural)) with the places it comes from."""
    found: dict[object, list[str]] = {}
    for message, where in (*from_python(), *from_fstrings(), *from_markdown(),
                           *from_descriptor()):
        if message and (not isinstance(message, str) or message.strip()):
            found.setdefault(message, []).append(where)
    return found


def updated(lang: str) -> Catalog:
    """The catalogue of ``lang`` with every current message, keeping known translations."""
    old = {}
    path = po_path(lang)
    if path.exists():
        with path.open("rb") as handle:
            old = {m.id: m for m in read_po(handle, locale=lang) if m.id}
    catalog = Catalog(locale=lang, project="Cybercrime Treaty Explorer", domain="cte",
                      charset="utf-8")
    catalog.plural_forms_string = PLURAL_FORMS.get(lang, "nplurals=2; plural=(n != 1);")
    for message, places in messages().items():
        previous = old.get(message)
        string = previous.string if previous else ("", "") if isinstance(message, tuple) else ""
        catalog.add(message, string, locations=[(p.rsplit(":", 1)[0], 0) for p in places[:3]],
                    flags=previous.flags if previous else ())
    return catalog


def missing(lang: str) -> list[str]:
    """Messages of ``lang`` with no translation (or a fuzzy one)."""
    catalog = updated(lang)
    out = []
    for m in catalog:
        if not m.id:
            continue
        text = m.string
        empty = not all(text) if isinstance(text, tuple | list) else not text
        if empty or m.fuzzy:
            out.append(m.id if isinstance(m.id, str) else m.id[0])
    return out


def write(lang: str) -> Path:
    """Write the updated catalogue of ``lang``; return its path."""
    path = po_path(lang)
    catalog = updated(lang)  # read the old file before opening it for writing
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_by_file=True, omit_header=False)
    return path


def main(argv: list[str]) -> int:
    """Update every catalogue, or with ``--check`` list what is untranslated."""
    langs = [lang for lang in LANGUAGES if lang != SOURCE]
    if "--check" in argv:
        gaps = {lang: missing(lang) for lang in langs}
        for lang, items in gaps.items():
            print(f"{lang}: {len(items)} message(s) without a translation")
            for item in items[:20]:
                print(f"  {item[:90]!r}")
        return 1 if any(gaps.values()) else 0
    for lang in langs:
        print(f"wrote {write(lang).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
