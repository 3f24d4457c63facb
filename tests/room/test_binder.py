"""Binder builds on the exact lock: repo2docker reads binder/ (not the root environment.yml),
picks its Python build pack for Python 3.11 and runs binder/postBuild, which installs
requirements.lock with --no-deps, the project, and JupyterLab's settings overrides."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINDER = ROOT / "binder"


def dev_lab_settings() -> dict:
    """The JupyterLab settings overrides dev.py writes into the venv (LAB_SETTINGS)."""
    tree = ast.parse((ROOT / "dev.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "LAB_SETTINGS":
            return ast.literal_eval(node.value)
    raise AssertionError("dev.py has no LAB_SETTINGS")


@pytest.fixture(scope="module")
def dockerfile() -> str:
    """What repo2docker would build, printed without a Docker daemon."""
    r2d = shutil.which("repo2docker", path=str(Path(sys.executable).parent))
    assert r2d, "jupyter-repo2docker is in the lock's test extra"
    done = subprocess.run([r2d, "--no-build", "--debug", str(ROOT)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout + done.stderr


def test_repo2docker_takes_binder_folder_python_311_and_post_build(dockerfile):
    assert "Building conda environment for python=3.11" in dockerfile
    assert re.search(r"environment-2epy-2d3-2e11-2dlinux-2d64-2elock", dockerfile)
    assert "RUN ./binder/postBuild" in dockerfile
    # not the conda route of the root environment.yml, and no resolver run on a requirements file
    assert "environment.yml" not in dockerfile
    assert "pip install --no-cache-dir -r" not in dockerfile


def test_runtime_matches_the_lock_python():
    header = (ROOT / "requirements.lock").read_text().splitlines()[:3]
    assert any("--python-version 3.11" in line for line in header), header
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"


def test_post_build_installs_exactly_the_lock_and_the_settings(tmp_path):
    """Run binder/postBuild against a stand-in python that records its arguments."""
    prefix = tmp_path / "notebook"
    (prefix / "bin").mkdir(parents=True)
    log = tmp_path / "calls.txt"
    fake = prefix / "bin" / "python"
    fake.write_text(f"#!/bin/sh\necho \"$@\" >> {log}\n")
    fake.chmod(0o755)
    repo = tmp_path / "repo"
    shutil.copytree(BINDER, repo / "binder")
    shutil.copy(ROOT / "requirements.lock", repo / "requirements.lock")
    env = {"PATH": os.environ["PATH"], "NB_PYTHON_PREFIX": str(prefix), "HOME": str(tmp_path)}
    subprocess.run(["bash", str(repo / "binder" / "postBuild")], cwd=repo, env=env, check=True,
                   timeout=60)
    calls = log.read_text().splitlines()
    assert calls[0] == "-m pip install --no-cache-dir --no-deps -r requirements.lock"
    assert calls[1] == "-m pip install --no-cache-dir --no-deps -e ."
    assert calls[2] == "-m pip uninstall --yes rfc3987-syntax"
    overrides = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(overrides.read_text()) == dev_lab_settings()


def test_every_lock_pin_is_installable_by_pip_as_written():
    """pip reads the lock itself (no -r of another file, markers pip understands)."""
    lines = [line for line in (ROOT / "requirements.lock").read_text().splitlines()
             if line and not line.startswith(("#", " "))]
    assert lines and all(re.match(r"^[A-Za-z0-9_.\-]+==[^\s;]+( ; .+)?$", line) for line in lines)
    assert not any(line.startswith(("-r", "-e", "--")) for line in lines)
