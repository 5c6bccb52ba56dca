"""`load.cache`: a register and each report's part come back equal, its problems'
parameters of the same types; a value it cannot hold is not cached; the entries used
longest ago go beyond the limit."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.harness import (
    DEMO,
    PLAN,
    DataError,
    Problem,
    Register,
    examples,
    load_register,
    real_plan,
)
from wuhai_green.load import cache as cache_module
from wuhai_green.load.cache import FilePart, RegisterCache, Slot
from wuhai_green.load.progress import progress_files, read_part

TODAY = date(2026, 11, 30)


def slot(cache: RegisterCache, folder: Path = DEMO) -> Slot:
    found = cache.slot(folder, None, *progress_files(folder), TODAY)
    assert found is not None
    return found


def bare(path: Path, key: str = "key") -> Slot:
    """A slot of a folder without reports."""
    return Slot(path, key, (), "register key")


def cached_register(cache: RegisterCache, slot: Slot) -> Register | None:
    cached = cache.read(slot)
    return None if cached is None else cached.register


def test_the_register_of_the_demo_comes_back_equal(tmp_path: Path) -> None:
    """Every record (renewed and ended ones among them), every activity (pydantic models
    of several kinds), the warnings."""
    cache = RegisterCache.of(tmp_path, PLAN)
    assert cache is not None
    register = load_register(real_plan(), DEMO, TODAY, cache=cache)
    assert register.activities and register.warnings
    assert any(r.renewed_on for r in register.certificates)
    assert any(r.ended_on for r in register.certificates)
    assert cached_register(cache, slot(cache)) == register


def test_the_part_of_each_report_of_the_demo_comes_back_equal(tmp_path: Path) -> None:
    """Its problems, records, activities, and the report as the rules across files read
    it: its values and their marks."""
    plan = real_plan()
    cache = RegisterCache.of(tmp_path, PLAN)
    assert cache is not None
    load_register(plan, DEMO, TODAY, cache=cache)
    found = slot(cache)
    cached = cache.read(found)
    assert cached is not None
    paths = progress_files(DEMO)[0]
    parts = [cached.part(file) for file in found.files]
    assert parts == [read_part(path, plan, TODAY) for path in paths]
    assert all(part is not None and part.report is not None and part.report.source.marks
               for part in parts)
    assert any(part is not None and part.records for part in parts)
    assert any(part is not None and part.activities for part in parts)
    name, size, mtime, _ = found.files[0]
    assert cached.part((name, size, mtime, "0" * 64)) is None  # another content


def test_a_register_that_is_not_its_parts_records_with_their_links_is_not_cached(
        tmp_path: Path) -> None:
    """The register is kept as the parts' records with their links: a register whose
    records are in another order, or one fewer, or changed beyond their links, could not
    come back equal, so it is not kept (the parts are)."""
    plan = real_plan()
    cache = RegisterCache.of(tmp_path, PLAN)
    assert cache is not None
    found = slot(cache)
    parts = [read_part(path, plan, TODAY) for path in progress_files(DEMO)[0]]
    register = load_register(plan, DEMO, TODAY)
    records = register.certificates
    assert len(records) > 2 and any(r.renewed_on for r in records)
    first = records[0]
    for changed in (records[::-1], records[1:],
                    (replace(first, holder=first.holder + "x"), *records[1:])):
        cache.write(found, parts, replace(register, certificates=changed))
        cached = cache.read(found)
        assert cached is not None and cached.register is None
        assert cached.part(found.files[0]) == parts[0]
    cache.write(found, parts, register)
    assert cached_register(cache, found) == register


def test_parameters_keep_their_types(tmp_path: Path) -> None:
    params = {"text": "海\x1b", "count": 3, "flag": True, "none": None,
              "figure": Decimal("0.0052"), "day": date(2025, 2, 28)}
    problem = Problem("a.yaml", 3, None, "progress.date_ahead", params, "warning", "表!C5")
    register = Register(warnings=(problem,))
    cache = RegisterCache(tmp_path, "plan")
    entry = Slot(tmp_path / "entry.msgpack", "key", (("a.yaml", 1, 2, "3"),), "register key")
    cache.write(entry, [FilePart([problem], [], [], [problem], None)], register)
    back = cached_register(cache, entry)
    assert back == register
    assert back is not None
    assert {name: type(value) for name, value in back.warnings[0].params.items()} == {
        "text": str, "count": int, "flag": bool, "none": type(None), "figure": Decimal,
        "day": date}
    cached = cache.read(entry)
    assert cached is not None
    part = cached.part(("a.yaml", 1, 2, "3"))
    assert part is not None
    assert part.read_problems == part.problems == [problem]
    assert [type(value) for value in part.problems[0].params.values()] == [
        str, int, bool, type(None), Decimal, date]
    assert cache.read(Slot(entry.path, "another key", entry.files, "register key")) is None
    other = cache.read(Slot(entry.path, "key", entry.files, "another register key"))
    assert other is not None and other.register is None and other.part(entry.files[0])


def test_a_parameter_of_another_type_is_not_cached(tmp_path: Path) -> None:
    """Neither the register nor the part that holds it; the other parts are."""
    unfit = Problem("a.yaml", 1, 1, "k", {"ids": ["A", "B"]})
    fit = Problem("b.yaml", 1, 1, "k", {"id": "A"})
    cache = RegisterCache(tmp_path, "plan")
    entry = Slot(tmp_path / "entry.msgpack", "key", (("a.yaml", 1, 2, "3"),
                                                     ("b.yaml", 1, 2, "3")), "register key")
    cache.write(entry, [FilePart([], [], [], [unfit], None), FilePart([], [], [], [fit], None)],
                Register(warnings=(unfit, fit)))
    cached = cache.read(entry)
    assert cached is not None and cached.register is None
    assert cached.part(entry.files[0]) is None
    assert cached.part(entry.files[1]) == FilePart([], [], [], [fit], None)


def test_the_entries_used_longest_ago_go_beyond_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = RegisterCache(tmp_path, "plan")
    register = Register(files=("x" * 1000,))
    for age, name in enumerate(["newest", "middle", "oldest"]):
        cache.write(bare(tmp_path / f"{name}.msgpack"), [], register)
        os.utime(tmp_path / f"{name}.msgpack", (1_000_000 - age, 1_000_000 - age))
    size = (tmp_path / "newest.msgpack").stat().st_size
    monkeypatch.setattr(cache_module, "LIMIT_BYTES", 3 * size)
    cache.write(bare(tmp_path / "new.msgpack"), [], register)
    assert sorted(path.stem for path in tmp_path.iterdir()) == ["middle", "new", "newest"]
    assert cached_register(cache, bare(tmp_path / "middle.msgpack")) == register  # used now
    monkeypatch.setattr(cache_module, "LIMIT_BYTES", 2 * size)
    cache.write(bare(tmp_path / "new.msgpack"), [], register)
    assert sorted(path.stem for path in tmp_path.iterdir()) == ["middle", "new"]


def test_the_code_is_part_of_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgrade that keeps the version number (a git install, a checkout being worked
    on) may bring new rules: the register its predecessor cached is a miss."""
    cache = RegisterCache.of(tmp_path, PLAN)
    assert cache is not None
    before = slot(cache)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "other code")
    after = slot(cache)
    assert after.path == before.path and after.key != before.key
    assert after.register_key != before.register_key


def test_without_a_home_there_is_no_cache_and_no_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """cron, or `env -i` under a user the system does not name: Path.home() raises."""
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache_module.default_folder() is None
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/x")
    assert cache_module.default_folder() == Path("/var/cache/x/wuhai-green")


# A change a person makes to a report, applied to its text
EDITS: dict[str, Callable[[str], str | None]] = {
    "figure": lambda text: text.replace("output_tonnes: ", "output_tonnes: 1", 1),
    "removed": lambda text: None,
    "broken": lambda text: text + "\n: : :\n",
    "renewal cut": lambda text: text.replace("renews:", "# renews:", 1),
    "id copied": lambda text: text.replace("LB-DEMO-WD-2501", "LB-DEMO-HBW-2401", 1),
    "ended cut": lambda text: text.replace("ended:", "ended_not:", 1),
    "back": lambda text: text,
}


@settings(max_examples=examples(40), deadline=None)
@given(steps=st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.integers(0, 5)),
                      min_size=1, max_size=4))
def test_a_register_read_with_the_cache_after_any_edits_is_that_of_the_files(
        steps: list[tuple[str, int]]) -> None:
    """After each edit (a figure changed, a file removed or broken, a renewal or an end cut,
    an id another file holds), the register or the problems read with the cache, which
    reads only the edited files, are those of a read without it."""
    plan = real_plan()
    with tempfile.TemporaryDirectory() as root:
        folder = Path(shutil.copytree(DEMO, Path(root) / "progress"))
        cache = RegisterCache.of(Path(root) / "cache", PLAN)
        originals = {path.name: path.read_text(encoding="utf-8")
                     for path in progress_files(folder)[0]}
        assert read_with(plan, folder, cache) == read_with(plan, folder, None)
        for edit, index in steps:
            name = sorted(originals)[index]
            path = folder / name
            text = EDITS[edit](originals[name] if edit == "back" or not path.exists()
                               else path.read_text(encoding="utf-8"))
            if text is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(text, encoding="utf-8")
            assert read_with(plan, folder, cache) == read_with(plan, folder, None)


def read_with(plan: Any, folder: Path, cache: RegisterCache | None) -> Any:
    """The register, or the problems that stopped it."""
    try:
        return load_register(plan, folder, TODAY, cache=cache)
    except DataError as error:
        return error.problems
