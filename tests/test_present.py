"""scripts/present.py builds the Voila command of presentation mode (served in test_browser)."""

from __future__ import annotations

import importlib.util
import re

import pytest

from .conftest import ROOT

spec = importlib.util.spec_from_file_location("present", ROOT / "scripts" / "present.py")
present = importlib.util.module_from_spec(spec)
spec.loader.exec_module(present)

NAMES = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_command_serves_locally_with_code_hidden_and_the_offline_template():
    cmd = present.voila_command(None, 9123)
    assert cmd[1:3] == ["-m", "voila"] and cmd[3] == str(ROOT / "notebooks")
    for flag in ("--no-browser", "--port=9123", "--Voila.ip=127.0.0.1", "--strip_sources=True",
                 "--template=offline"):
        assert flag in cmd
    assert not any(c.startswith("--ContentsManager.hide_globs=0") for c in cmd)


def test_chosen_notebooks_hide_the_others():
    cmd = present.voila_command([NAMES[3]], 8866)
    hidden = {c.split("=", 1)[1] for c in cmd if c.startswith("--ContentsManager.hide_globs=")}
    assert set(NAMES) - hidden == {NAMES[3]}
    assert "__pycache__" in hidden  # Jupyter's own defaults are kept
    assert present.urls([NAMES[3]], 8866) == [f"http://127.0.0.1:8866/voila/render/{NAMES[3]}"]


def test_env_puts_the_project_templates_first_on_jupyter_path():
    env = present.voila_env({"JUPYTER_PATH": "/somewhere/else", "HOME": "/h"})
    assert env["JUPYTER_PATH"].split(":")[0] == str(ROOT / "presentation")
    assert "/somewhere/else" in env["JUPYTER_PATH"] and env["HOME"] == "/h"
    template = ROOT / "presentation" / "voila" / "templates" / present.TEMPLATE
    assert (template / "conf.json").is_file() and (template / "index.html.j2").is_file()


def test_templates_load_nothing_from_the_network():
    folder = ROOT / "presentation" / "voila" / "templates" / present.TEMPLATE
    for path in folder.iterdir():
        # Jinja comments and statements left out: the {% filter %} names the CDN links it removes
        text = re.sub(r"\{#.*?#\}|\{%.*?%\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        loads = re.findall(r"(?:src|href)=[\"'](https?:)?//", text)
        assert not loads, f"{path.name} loads from the network"


def test_unknown_notebook_is_a_clear_error():
    with pytest.raises(SystemExit, match="no notebook 'nope.ipynb'"):
        present.chosen(["nope.ipynb"])
    assert present.chosen([f"notebooks/{NAMES[0]}"]) == [NAMES[0]]
