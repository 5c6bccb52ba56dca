"""`load.cache`: a register comes back equal, its problems' parameters of the same types;
a value it cannot hold is not cached; the entries used longest ago go beyond the limit."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.harness import DEMO, PLAN, Problem, Register, load_register, real_plan
from wuhai_green.load import cache as cache_module
from wuhai_green.load.cache import RegisterCache
from wuhai_green.load.progress import progress_files

TODAY = date(2026, 11, 30)


def slot(cache: RegisterCache, folder: Path = DEMO) -> tuple[Path, str]:
    found = cache.slot(folder, None, *progress_files(folder), TODAY)
    assert found is not None
    return found


def test_the_register_of_the_demo_comes_back_equal(tmp_path: Path) -> None:
    """Every record, every activity (pydantic models of several kinds), the warnings."""
    register = load_register(real_plan(), DEMO, TODAY)
    assert register.activities and register.warnings
    cache = RegisterCache.of(tmp_path, PLAN)
    assert cache is not None
    cache.write(*slot(cache), register)
    assert cache.read(*slot(cache)) == register


def test_parameters_keep_their_types(tmp_path: Path) -> None:
    params = {"text": "海\x1b", "count": 3, "flag": True, "none": None,
              "figure": Decimal("0.0052"), "day": date(2025, 2, 28)}
    register = Register(warnings=(Problem("a.yaml", 3, None, "progress.date_ahead", params,
                                          "warning", "表!C5"),))
    cache = RegisterCache(tmp_path, "plan")
    cache.write(tmp_path / "entry.msgpack", "key", register)
    back = cache.read(tmp_path / "entry.msgpack", "key")
    assert back == register
    assert back is not None
    assert {name: type(value) for name, value in back.warnings[0].params.items()} == {
        "text": str, "count": int, "flag": bool, "none": type(None), "figure": Decimal,
        "day": date}
    assert cache.read(tmp_path / "entry.msgpack", "another key") is None


def test_a_parameter_of_another_type_is_not_cached(tmp_path: Path) -> None:
    register = Register(warnings=(Problem("a.yaml", 1, 1, "k", {"ids": ["A", "B"]}),))
    cache = RegisterCache(tmp_path, "plan")
    cache.write(tmp_path / "entry.msgpack", "key", register)
    assert list(tmp_path.iterdir()) == []


def test_the_entries_used_longest_ago_go_beyond_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = RegisterCache(tmp_path, "plan")
    register = Register(files=("x" * 1000,))
    for age, name in enumerate(["newest", "middle", "oldest"]):
        cache.write(tmp_path / f"{name}.msgpack", "key", register)
        os.utime(tmp_path / f"{name}.msgpack", (1_000_000 - age, 1_000_000 - age))
    size = (tmp_path / "newest.msgpack").stat().st_size
    monkeypatch.setattr(cache_module, "LIMIT_BYTES", 3 * size)
    cache.write(tmp_path / "new.msgpack", "key", register)
    assert sorted(path.stem for path in tmp_path.iterdir()) == ["middle", "new", "newest"]
    assert cache.read(tmp_path / "middle.msgpack", "key") == register  # used now: kept
    monkeypatch.setattr(cache_module, "LIMIT_BYTES", 2 * size)
    cache.write(tmp_path / "new.msgpack", "key", register)
    assert sorted(path.stem for path in tmp_path.iterdir()) == ["middle", "new"]


def test_the_code_is_part_of_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgrade that keeps the version number (a git install, a checkout being worked
    on) may bring new rules: the register its predecessor cached is a miss."""
    cache = RegisterCache.of(tmp_path, PLAN)
    assert cache is not None
    before = slot(cache)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "other code")
    after = slot(cache)
    assert after[0] == before[0] and after[1] != before[1]


def test_without_a_home_there_is_no_cache_and_no_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """cron, or `env -i` under a user the system does not name: Path.home() raises."""
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache_module.default_folder() is None
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/x")
    assert cache_module.default_folder() == Path("/var/cache/x/wuhai-green")
