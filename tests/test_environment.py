"""The lock: complete for the project's dependencies, and without rfc3987-syntax (which costs
every kernel over a second at import; see [tool.uv] in pyproject.toml). environment.yml is
generated from the lock by tools/docs.py, and a test there fails when it is stale."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT

NAME = re.compile(r"^([A-Za-z0-9_.\-]+)")


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    """Name -> pin of every package the lock installs (lines marked never-installed left out)."""
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if match and "sys_platform == 'never'" not in line:
            pins[norm(match.group(1))] = match.group(2)
    return pins


def test_lock_pins_every_direct_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + [d for deps in project["optional-dependencies"].values()
                                       for d in deps]
    wanted = {norm(NAME.match(spec).group(1)) for spec in specs}
    assert wanted <= set(locked()), wanted - set(locked())


def test_lock_leaves_out_rfc3987_syntax():
    assert "rfc3987-syntax" not in locked()
    assert "rfc3987-syntax" in (ROOT / "pyproject.toml").read_text()  # the override is there
