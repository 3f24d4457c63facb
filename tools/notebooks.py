"""Build the teaching notebooks from their sources, in every language, and execute them.

One source per notebook, ``notebooks/src/NN-name.md``: cells separated by header lines.

``@@ markdown``
    Markdown. Each block (text between blank lines) is one message of the string catalogue,
    so a translation replaces whole paragraphs, list or table blocks.
``@@ code [tags=a,b]``
    Python. ``{lang}`` becomes the notebook's language; ``# comments`` are translated.
``@@ exercise ID`` / ``@@ quiz ID``
    Expanded from the registries in ``helpers.teaching``: heading, task, learner cell and a
    folded solution that *Run All* never executes; or the quiz widget.
``@@ time-to-learn``
    The "Time to learn" section, computed from the catalogue.

``python -m tools.notebooks build`` writes ``notebooks/*.ipynb`` (and ``notebooks/<lang>/``
for the other languages) and executes them in fresh kernels; ``check`` reports any notebook
whose cells differ from what its source builds (a test runs it).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from helpers.explorer import WIDGET_MIME
from helpers.i18n import LANGUAGES, N_, SOURCE, _, language, set_language
from helpers.teaching import catalogue, exercises, quiz
from tools import ROOT

NOTEBOOKS = ROOT / "notebooks"
SOURCES = NOTEBOOKS / "src"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
HEADER = re.compile(r"^@@ (markdown|code|exercise|quiz|time-to-learn)(?: (.*))?$")


@dataclass
class SourceCell:
    """One cell of a source file: its kind, its argument (tags or an id) and its body."""

    kind: str
    arg: str = ""
    body: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The body without leading and trailing blank lines."""
        return "\n".join(self.body).strip("\n")


def parse(text: str, name: str = "source") -> list[SourceCell]:
    """The cells of one source file (a line before the first header is an error)."""
    cells: list[SourceCell] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = HEADER.match(line)
        if match:
            cells.append(SourceCell(match.group(1), (match.group(2) or "").strip()))
        elif cells:
            cells[-1].body.append(line)
        elif line.strip():
            raise ValueError(f"{name}, line {number}: text before the first '@@' header")
    return cells


def source_path(number: str) -> Path:
    """The source file of notebook ``number``."""
    return SOURCES / f"{catalogue.BY_NUMBER[number].file('en')[:-6]}.md"


def blocks(markdown: str) -> list[str]:
    """Markdown split into blocks at blank lines (each one message of the catalogue)."""
    return [b.strip("\n") for b in re.split(r"\n\s*\n", markdown) if b.strip()]


def local_file_names(text: str) -> str:
    """Text with every English notebook file name replaced by the current language's one
    (catalogues keep the English names, so a renamed notebook needs no new translation)."""
    for nb in catalogue.NOTEBOOKS:
        text = text.replace(nb.file(SOURCE), nb.file(language()))
    return text


def translate_markdown(markdown: str) -> str:
    """Markdown with every block in the current language (and its notebook file names)."""
    return local_file_names("\n\n".join(_(b) for b in blocks(markdown)))


COMMENT = re.compile(r"^(?P<code>[^#]*?)(?P<hash>\s*#\s?)(?P<text>.+)$")


def translate_code(code: str) -> str:
    """Code with ``{lang}`` filled in and ``# comments`` in the current language.

    Only a ``#`` outside string quotes starts a comment (quotes before it must pair up).
    """
    out = []
    for line in code.replace("{lang}", language()).splitlines():
        match = COMMENT.match(line)
        code_part = match.group("code") if match else ""
        if match and code_part.count('"') % 2 == 0 and code_part.count("'") % 2 == 0:
            line = f"{code_part}{match.group('hash')}{_(match.group('text').strip())}"
        out.append(line)
    return "\n".join(out)


def _md(text: str, tags: list[str] | None = None) -> nbformat.NotebookNode:
    """A Markdown cell with tags."""
    cell = nbformat.v4.new_markdown_cell(text)
    if tags:
        cell.metadata["tags"] = tags
    return cell


def _code(text: str, tags: list[str] | None = None) -> nbformat.NotebookNode:
    """A code cell with tags."""
    cell = nbformat.v4.new_code_cell(text)
    if tags:
        cell.metadata["tags"] = tags
    return cell


def solution_markdown(exercise: exercises.Exercise) -> str:
    """The folded solution: HTML with no blank line (so JupyterLab keeps it folded)."""
    code = f"{exercise.solution}\nprint(exercises.check(\"{exercise.exercise_id}\", answer, " \
           "tables))"
    if "\n\n" in code:
        raise ValueError(f"{exercise.exercise_id}: a solution may not contain a blank line")
    return (f"<details><summary>{html.escape(_('Show a solution'))}</summary>\n"
            f"<pre><code class=\"language-python\">{html.escape(code)}</code></pre>\n"
            "</details>")


#: The instruction under every exercise.
EXERCISE_TASK = N_("Replace `...` in the cell below with your answer and run it: the line under "
                   "it says whether you are right, or gives a hint. A solution is folded under "
                   "the cell.")


def exercise_cells(exercise_id: str) -> list[nbformat.NotebookNode]:
    """Heading, task, learner cell and folded solution of one exercise."""
    ex = exercises.EXERCISES[exercise_id]
    mine = exercises.for_notebook(ex.notebook)
    number = mine.index(ex) + 1
    head = _("### Exercise {i} of {n} · {kind} · {minutes} minutes").format(
        i=number, n=len(mine), kind=_(exercises.KINDS[ex.kind]), minutes=ex.minutes)
    task = _(ex.prompt) + "\n\n" + _(EXERCISE_TASK)
    learner = (f"answer = ...  # {_(ex.placeholder)}\n"
               f"print(exercises.check(\"{exercise_id}\", answer, tables))")
    return [_md(f"{head}\n\n{task}", ["exercise"]), _code(learner, ["exercise"]),
            _md(solution_markdown(ex), ["exercise", "solution"])]


def quiz_cells(quiz_id: str) -> list[nbformat.NotebookNode]:
    """Heading and widget of one quiz."""
    entry = quiz.QUIZZES[quiz_id]
    head = _("### Quick check · Quiz · {minutes} minutes").format(minutes=entry.minutes)
    note = _("Choose one answer and press **Check**; a hint appears if it is not the best one.")
    return [_md(f"{head}\n\n{note}", ["quiz"]),
            _code(f"quiz.show(\"{quiz_id}\", tables)", ["quiz"])]


def expand(cell: SourceCell, number: str) -> list[nbformat.NotebookNode]:
    """The notebook cells one source cell becomes, in the current language."""
    if cell.kind == "markdown":
        return [_md(translate_markdown(cell.text()))]
    if cell.kind == "code":
        tags = [t for t in cell.arg.removeprefix("tags=").split(",") if t] if cell.arg else []
        return [_code(translate_code(cell.text()), tags or None)]
    if cell.kind == "exercise":
        return exercise_cells(cell.arg)
    if cell.kind == "quiz":
        return quiz_cells(cell.arg)
    return [_md(_("## Time to learn") + "\n\n" + catalogue.time_to_learn(number))]


def build(number: str, lang: str = SOURCE) -> nbformat.NotebookNode:
    """Notebook ``number`` in ``lang``, cells only (no outputs), with stable cell ids."""
    before = language()
    set_language(lang)
    try:
        src = source_path(number)
        cells = [c for cell in parse(src.read_text(encoding="utf-8"), src.name)
                 for c in expand(cell, number)]
    finally:
        set_language(before)
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i:03d}"
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["cte"] = {"source": f"src/{src.name}", "language": lang}
    return nb


def target(number: str, lang: str) -> Path:
    """Where notebook ``number`` in ``lang`` lives."""
    folder = NOTEBOOKS if lang == SOURCE else NOTEBOOKS / lang
    return folder / catalogue.BY_NUMBER[number].file(lang)


def languages_built() -> tuple[str, ...]:
    """Languages that have a catalogue (English always)."""
    from helpers.i18n import po_path

    return tuple(lang for lang in LANGUAGES if lang == SOURCE or po_path(lang).exists())


def stale() -> list[str]:
    """Notebooks whose cells differ from what their source builds (or that are missing)."""
    found = []
    for lang in languages_built():
        for nb in catalogue.NOTEBOOKS:
            path = target(nb.number, lang)
            if not path.exists():
                found.append(f"{path.relative_to(ROOT)}: missing")
                continue
            have = nbformat.read(path, as_version=4)
            want = build(nb.number, lang)
            if _cells(have) != _cells(want):
                found.append(f"{path.relative_to(ROOT)}: differs from its source")
    return found


def _cells(nb: nbformat.NotebookNode) -> list[tuple]:
    """What the source decides about each cell: type, source, tags and id."""
    return [(c.cell_type, c.source, tuple(c.metadata.get("tags", [])), c.get("id"))
            for c in nb.cells]


def execute(nb: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode:
    """Run ``nb`` in a fresh kernel whose working folder is ``path``'s; widget state not kept."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for out in cell.get("outputs", []):
            # widget views point at a kernel that is gone; the text says what runs there
            out.get("data", {}).pop(WIDGET_MIME, None)
    nbformat.validate(nb)
    return nb


def write(number: str, lang: str, run: bool = True) -> Path:
    """Build, optionally execute, and write one notebook; return its path."""
    path = target(number, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    nb = build(number, lang)
    if run:
        nb = execute(nb, path)
    nbformat.write(nb, path)
    return path


def main(argv: list[str]) -> int:
    """``build [NN ...] [--lang xx] [--no-run]`` or ``check``."""
    parser = argparse.ArgumentParser(prog="python -m tools.notebooks")
    parser.add_argument("command", choices=["build", "check"])
    parser.add_argument("numbers", nargs="*", help="notebook numbers, e.g. 03 (default: all)")
    parser.add_argument("--lang", action="append", help="language(s) (default: all)")
    parser.add_argument("--no-run", action="store_true", help="write cells without outputs")
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = stale()
        print("\n".join(problems) or "every notebook matches its source")
        return 1 if problems else 0
    for lang in args.lang or languages_built():
        for number in args.numbers or [nb.number for nb in catalogue.NOTEBOOKS]:
            start = time.perf_counter()
            path = write(number, lang, run=not args.no_run)
            print(f"wrote {path.relative_to(ROOT)} in {time.perf_counter() - start:.1f} s "
                  f"({path.stat().st_size / 1024:.0f} KiB)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
