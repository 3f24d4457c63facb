"""environment.yml, pyproject.toml and requirements.lock must list the same packages."""

from __future__ import annotations

import re
import tomllib

import yaml

from .conftest import ROOT

NAME = re.compile(r"^([A-Za-z0-9_.\-]+)")


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_dependencies() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + [d for deps in project["optional-dependencies"].values()
                                       for d in deps]
    return {norm(NAME.match(spec).group(1)) for spec in specs}


def locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if match:
            pins[norm(match.group(1))] = match.group(2)
    return pins


def conda_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        entries = dep["pip"] if isinstance(dep, dict) else [dep]
        for entry in entries:
            match = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)$", entry)
            if match:
                pins[norm(match.group(1))] = match.group(2)
    return pins


def test_environment_lists_exactly_the_direct_dependencies():
    assert set(conda_pins()) == direct_dependencies()


def test_environment_versions_match_the_lock():
    lock = locked()
    for name, version in conda_pins().items():
        assert lock.get(name) == version, (
            f"{name}: environment.yml {version}, lock {lock.get(name)}")


def test_lock_pins_every_direct_dependency():
    assert direct_dependencies() <= set(locked())


def test_environment_uses_conda_forge_only():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
