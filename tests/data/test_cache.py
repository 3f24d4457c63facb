"""The validation cache: outside data/, keyed by content, used, and never trusted blindly.

Most tests use a small package of three real tables (``small_copy``): the cache does not depend
on what the tables hold, and each cache miss then costs a fraction of a full validation.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.data import DataValidationError, rules, validate
from tests.data.cases import FIRST_SOURCE, cell
from tests.data.conftest import DATA, ROOT, V, fingerprint


@pytest.fixture()
def calls(monkeypatch):
    """Count the Frictionless runs (the cache misses)."""
    counter = {"n": 0}
    real = V._frictionless_problems

    def counting(*args, **kwargs):
        counter["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(V, "_frictionless_problems", counting)
    return counter


def forbid_frictionless(monkeypatch):
    """Make any further Frictionless run fail the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("Frictionless ran although the cache had the answer")
    monkeypatch.setattr(V, "_frictionless_problems", refuse)


def entry(cache_dir: Path, folder: Path) -> Path:
    """The cache file for the current content of ``folder``."""
    return cache_dir / f"{V.cache_key(folder.resolve())}.json"


def spoil(folder: Path) -> None:
    """Put a fault into the package: a placeholder as a source's note."""
    cell(FIRST_SOURCE, "note", "N/A")(folder / "sources.csv")


def test_the_cache_is_written_outside_the_data_folder(small_copy, cache_dir):
    before = fingerprint(small_copy)
    validate(small_copy)
    assert [p.name for p in cache_dir.iterdir()] == [entry(cache_dir, small_copy).name]
    stored = json.loads(entry(cache_dir, small_copy).read_text(encoding="utf-8"))
    assert stored["problems"] == [] and stored["key"] == V.cache_key(small_copy.resolve())
    assert fingerprint(small_copy) == before
    assert sorted(p.name for p in small_copy.iterdir()) == sorted(before)


def test_a_second_validation_reads_the_file_cache(small_copy, monkeypatch, calls):
    validate(small_copy)
    assert calls["n"] == 1
    V._validate_cached.cache_clear()
    forbid_frictionless(monkeypatch)
    validate(small_copy)


def test_cached_problems_are_raised_again_with_their_places(small_copy, monkeypatch):
    spoil(small_copy)
    with pytest.raises(DataValidationError) as first:
        validate(small_copy)
    V._validate_cached.cache_clear()
    forbid_frictionless(monkeypatch)
    with pytest.raises(DataValidationError) as second:
        validate(small_copy)
    assert second.value.problems == first.value.problems != []


def test_the_cache_is_really_read(small_copy, cache_dir):
    """A forged entry for the current content is believed (so the cache is in use)."""
    validate(small_copy)
    V._validate_cached.cache_clear()
    path = entry(cache_dir, small_copy)
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["problems"] = [["quotes.csv", 5, "note", "forged"]]
    path.write_text(json.dumps(stored), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"quotes\.csv, row 5, column note: forged"):
        validate(small_copy)


def test_cached_places_name_the_folder_being_validated(tmp_path, small_copy, monkeypatch):
    spoil(small_copy)
    with pytest.raises(DataValidationError):
        validate(small_copy)
    twin = tmp_path / "twin"
    twin.mkdir()
    for path in small_copy.iterdir():
        (twin / path.name).write_bytes(path.read_bytes())
    forbid_frictionless(monkeypatch)  # same content, so the same entry
    with pytest.raises(DataValidationError) as info:
        validate(twin)
    assert {Path(p.file).parent for p in info.value.problems} == {twin.resolve()}


CORRUPTIONS = {
    "not JSON": b"{not json",
    "empty": b"",
    "binary": b"\xff\xfe\x00",
    "a list": b"[]",
    "wrong key": None,  # filled in by the test: a valid entry for another key
    "problems not a list": b'{"key": "K", "checked_on": "2026-01-01", "problems": 5}',
    "row not a number": b'{"key": "K", "checked_on": "2026-01-01", '
                        b'"problems": [["a.csv", "2", "x", "m"]]}',
    "bad date": b'{"key": "K", "checked_on": "yesterday", "problems": []}',
}


@pytest.mark.parametrize("kind", CORRUPTIONS)
def test_a_corrupt_entry_is_ignored_and_replaced(kind, small_copy, cache_dir, calls):
    validate(small_copy)
    path = entry(cache_dir, small_copy)
    key = path.stem
    good = json.loads(path.read_text(encoding="utf-8"))
    bad = CORRUPTIONS[kind]
    if bad is None:
        bad = json.dumps({**good, "key": "0" * 64, "problems": [["x", 1, "y", "z"]]}).encode()
    path.write_bytes(bad.replace(b'"K"', f'"{key}"'.encode()))
    V._validate_cached.cache_clear()
    validate(small_copy)  # validated again, not misled
    assert calls["n"] == 2
    assert json.loads(path.read_text(encoding="utf-8"))["problems"] == []


def test_an_unreadable_entry_is_ignored(small_copy, cache_dir, calls):
    entry(cache_dir, small_copy).mkdir(parents=True)  # a folder where the file should be
    validate(small_copy)
    V._validate_cached.cache_clear()
    validate(small_copy)
    assert calls["n"] == 2


def test_a_data_edit_invalidates_the_cache(small_copy, cache_dir, calls):
    validate(small_copy)
    old = entry(cache_dir, small_copy)
    spoil(small_copy)
    assert entry(cache_dir, small_copy) != old
    with pytest.raises(DataValidationError, match="placeholder"):
        validate(small_copy)
    assert calls["n"] == 2 and len(list(cache_dir.glob("*.json"))) == 2


def test_the_key_covers_every_file_the_rules_and_the_versions(small_copy, tmp_path,
                                                              monkeypatch):
    key = V.cache_key(small_copy)
    (small_copy / "notes.txt").write_text("a new file", encoding="utf-8")
    assert V.cache_key(small_copy) != key
    (small_copy / "notes.txt").unlink()
    assert V.cache_key(small_copy) == key
    (small_copy / "notes.txt").write_text("", encoding="utf-8")
    assert V.cache_key(small_copy) != key  # the name counts, not only the bytes
    (small_copy / "notes.txt").unlink()
    edited = tmp_path / "rules.py"
    edited.write_text(Path(rules.__file__).read_text(encoding="utf-8") + "\n# edited\n",
                      encoding="utf-8")
    monkeypatch.setattr(rules, "__file__", str(edited))
    assert V.cache_key(small_copy) != key
    monkeypatch.undo()
    monkeypatch.setattr(V, "_versions", lambda: b"frictionless 99")
    assert V.cache_key(small_copy) != key


def latest_accessed(folder: Path) -> dt.date:
    """The newest ``accessed`` date in the copy's sources (no earlier day can be valid)."""
    with (folder / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return max(dt.date.fromisoformat(r["accessed"]) for r in csv.DictReader(handle))


def test_a_result_with_problems_is_reused_only_on_its_day(small_copy, monkeypatch, calls):
    spoil(small_copy)
    first = latest_accessed(small_copy)
    for day, runs in ((first, 1), (first, 1), (first + dt.timedelta(days=1), 2)):
        monkeypatch.setattr(rules, "today", lambda day=day: day)
        V._validate_cached.cache_clear()
        with pytest.raises(DataValidationError):
            validate(small_copy)
        assert calls["n"] == runs


def test_a_clean_result_holds_on_later_days_only(small_copy, monkeypatch, calls):
    """Checked clean one day after the newest access: later days reuse it, that day re-checks."""
    first = latest_accessed(small_copy) + dt.timedelta(days=1)
    for day, runs in ((first, 1), (first + dt.timedelta(days=90), 1),
                      (first - dt.timedelta(days=1), 2)):
        monkeypatch.setattr(rules, "today", lambda day=day: day)
        V._validate_cached.cache_clear()
        validate(small_copy)
        assert calls["n"] == runs


def test_cache_folder_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CTE_CACHE_DIR", str(tmp_path / "explicit"))
    assert V.cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("CTE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert V.cache_dir() == tmp_path / "xdg" / "cybercrime-treaty-explorer"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert V.cache_dir() == tmp_path / "home" / ".cache" / "cybercrime-treaty-explorer"


def test_a_cache_folder_inside_the_data_folder_is_never_written(small_copy, monkeypatch,
                                                               calls):
    before = sorted(p.name for p in small_copy.iterdir())
    monkeypatch.setenv("CTE_CACHE_DIR", str(small_copy / ".cache"))
    validate(small_copy)
    monkeypatch.setenv("CTE_CACHE_DIR", str(small_copy))
    V._validate_cached.cache_clear()
    validate(small_copy)
    assert sorted(p.name for p in small_copy.iterdir()) == before
    monkeypatch.setenv("CTE_CACHE_DIR", str(DATA / ".cache"))
    V._validate_cached.cache_clear()
    validate(small_copy)
    assert not (DATA / ".cache").exists()
    assert calls["n"] == 3  # nothing cached, so every run validated


def test_writes_are_atomic_and_old_entries_are_pruned(small_copy, cache_dir):
    cache_dir.mkdir()
    for number in range(V.CACHE_KEEP + 5):
        old = cache_dir / f"{number:064x}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, (1_000_000 + number, 1_000_000 + number))
    validate(small_copy)
    names = {p.name for p in cache_dir.iterdir()}
    assert entry(cache_dir, small_copy).name in names
    assert len(names) == V.CACHE_KEEP
    assert f"{0:064x}.json" not in names  # the oldest went first
    assert not any(name.startswith(".tmp-") for name in names)


WARM = """
import sys, time
start = time.perf_counter()
from helpers.data import load_all
imported = time.perf_counter()
load_all()
print("frictionless" in sys.modules, round(time.perf_counter() - imported, 3))
"""


def test_a_fresh_process_loads_from_the_cache_without_importing_frictionless(cache_dir):
    env = {**os.environ, "CTE_CACHE_DIR": str(cache_dir)}
    runs = [subprocess.run([sys.executable, "-c", WARM], cwd=ROOT, env=env, check=True,
                           capture_output=True, text=True).stdout.split() for _ in range(2)]
    assert runs[0][0] == "True"  # cold: the cache was empty, Frictionless validated
    assert runs[1][0] == "False", runs  # warm: answered from the cache
