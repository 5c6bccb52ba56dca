"""The cache of the validated register (issue 18): a second run on unchanged files takes
the register from the cache and prints the same; a changed file, and a truncated, swapped
or edited cache file, give the figures of the files and no traceback.

Every test has a cache folder of its own (conftest.py: `$XDG_CACHE_HOME`).
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.harness import DEMO, Run, freeze_today, status_json, wuhai, wuhai_on

pytestmark = pytest.mark.usefixtures("workdir")

HBW = ("海勃湾区", "certified_output")  # 80 t in 2025 on the demo data: 40 + 10 + 30


def demo(name: str = "progress") -> Path:
    return Path(shutil.copytree(DEMO, name))


def cache_files(folder: Path | None = None) -> list[Path]:
    folder = folder or Path(os.environ["XDG_CACHE_HOME"]) / "wuhai-green"
    return sorted(folder.glob("*.msgpack"))


def achieved(progress: Path, *args: str) -> Any:
    rows = status_json(progress, 2025, *args)["rows"]
    return {(row["district"], row["indicator"]): row["achieved"] for row in rows}[HBW]


def files_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on a run that reads a progress file fails: only the cache can answer."""
    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("a progress file was read")

    monkeypatch.setattr("wuhai_green.load.progress.read_report", unread)


def files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the progress files read from here on, in order."""
    from wuhai_green.load import progress

    read: list[str] = []
    real = progress.read_report

    def counted(path: Path, *args: Any, **kwargs: Any) -> Any:
        read.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr("wuhai_green.load.progress.read_report", counted)
    return read


def outputs(run: Run) -> tuple[int, str, str]:
    return run.exit_code, run.stdout, run.stderr


@pytest.mark.parametrize("command", [
    ("status", "--year", "2025"), ("status", "--year", "2025", "--lang", "en", "--format", "json"),
    ("validate",), ("check", "--year", "2025", "--format", "github"), ("gap", "--year", "2025"),
    ("expiring", "--within", "2y"), ("tasks", "--year", "2025"), ("adjust", "--year", "2025"),
    ("report", "--year", "2025", "--format", "markdown"),
])
def test_a_second_run_reads_the_cache_and_prints_the_same(
        command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    """Dates ahead of the day (warnings with a date), a renewal of a baseline certificate
    (a note with a count): the warm run prints them as the cold one does."""
    freeze_today(monkeypatch, date(2025, 10, 1))
    progress = demo()
    cold = wuhai_on(command[0], progress, *command[1:])
    assert "2026-01-12" in cold.stdout + cold.stderr
    assert len(cache_files()) == 1
    files_unread(monkeypatch)
    warm = wuhai_on(command[0], progress, *command[1:])
    assert outputs(warm) == outputs(cold)


def test_no_cache_and_the_variable_write_none_and_cache_dir_chooses_the_folder() -> None:
    progress = demo()
    assert achieved(progress, "--no-cache") == 80
    run = wuhai_on("status", progress, "--year", "2025", env={"WUHAI_NO_CACHE": "1"})
    assert run.exit_code == 0
    assert cache_files() == []
    assert achieved(progress, "--cache-dir", "mine") == 80
    assert cache_files() == []
    assert [path.parent for path in cache_files(Path("mine"))] == [Path("mine")]
    assert achieved(progress) == 80  # WUHAI_NO_CACHE=0 is no refusal
    assert len(cache_files()) == 1


def test_a_file_changed_with_its_size_and_time_kept_is_read_again() -> None:
    progress = demo()
    assert achieved(progress) == 80
    path = progress / "2025-haibowan.yaml"
    kept = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("output_tonnes: 40", "output_tonnes: 90"), encoding="utf-8")
    os.utime(path, ns=(kept.st_atime_ns, kept.st_mtime_ns))
    assert path.stat().st_size == kept.st_size
    assert achieved(progress) == 130


STATUS = ("status", "--year", "2025", "--format", "json")


def test_a_changed_report_is_the_only_one_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The other five come from the cache; the rules across files run again over all six
    (the figures and every problem are those of a run without the cache)."""
    progress = demo()
    assert achieved(progress) == 80
    path = progress / "2025-haibowan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("output_tonnes: 40",
                                                           "output_tonnes: 90"),
                    encoding="utf-8")
    read = files_read(monkeypatch)
    run = wuhai_on(*STATUS[:1], progress, *STATUS[1:])
    assert read == ["2025-haibowan.yaml"]
    assert outputs(run) == outputs(wuhai_on(*STATUS[:1], progress, *STATUS[1:], "--no-cache"))
    del read[:]
    assert achieved(progress) == 130
    assert read == []


def test_a_removed_report_changes_what_renews_what_and_comes_back_read_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """2025-haibowan.yaml renews OR-DEMO-HBW-2401 of 2024-haibowan.yaml: without that file
    the renewal is one of the baseline block. No file is read to learn it; put back, the
    file is the only one read."""
    freeze_today(monkeypatch, date(2025, 10, 1))
    progress = demo()
    cold = wuhai_on("validate", progress)
    removed = progress / "2024-haibowan.yaml"
    text = removed.read_text(encoding="utf-8")
    removed.unlink()
    read = files_read(monkeypatch)
    without = wuhai_on("validate", progress, "--lang", "en")
    assert read == []
    assert outputs(without) == outputs(wuhai_on("validate", progress, "--lang", "en",
                                                "--no-cache"))
    assert "OR-DEMO-HBW-2401" in without.stdout + without.stderr
    removed.write_text(text, encoding="utf-8")
    del read[:]
    assert outputs(wuhai_on("validate", progress)) == outputs(cold)
    assert read == ["2024-haibowan.yaml"]


def test_a_report_made_broken_then_mended_is_the_only_one_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A register with an error is not cached, but the parts of the reports are: the run
    after the mend reads only the mended file."""
    progress = demo()
    cold = wuhai_on(*STATUS[:1], progress, *STATUS[1:])
    path = progress / "2025-wuda.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("year: 2025", "year: 2025\nyear: 2025"), encoding="utf-8")
    read = files_read(monkeypatch)
    broken = wuhai_on("validate", progress)
    assert (broken.exit_code, read) == (2, ["2025-wuda.yaml"])
    assert outputs(broken) == outputs(wuhai_on("validate", progress, "--no-cache"))
    path.write_text(text, encoding="utf-8")
    del read[:]
    assert outputs(wuhai_on(*STATUS[:1], progress, *STATUS[1:])) == outputs(cold)
    assert read == ["2025-wuda.yaml"]
    assert outputs(wuhai_on(*STATUS[:1], progress, *STATUS[1:])) == outputs(cold)
    assert read == ["2025-wuda.yaml"]  # and then the register itself


def test_a_truncated_cache_file_is_a_miss_and_is_written_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    progress = demo()
    assert achieved(progress) == 80
    [entry] = cache_files()
    for size in (0, 10, entry.stat().st_size // 2, entry.stat().st_size - 1):
        entry.write_bytes(entry.read_bytes()[:size])
        run = wuhai_on("status", progress, "--year", "2025", "--format", "json")
        assert (run.exit_code, run.stderr) == (0, "")
        assert achieved(progress) == 80
    files_unread(monkeypatch)  # sound again
    assert achieved(progress) == 80


def test_another_folders_cache_file_swapped_in_is_a_miss() -> None:
    mine, other = demo("mine"), demo("other")
    path = other / "2025-haibowan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("output_tonnes: 40",
                                                           "output_tonnes: 400"),
                    encoding="utf-8")
    assert achieved(mine) == 80
    [mine_entry] = cache_files()
    assert achieved(other) == 440
    [other_entry] = set(cache_files()) - {mine_entry}
    shutil.copyfile(other_entry, mine_entry)
    assert achieved(mine) == 80
    assert achieved(other) == 440


def test_an_edited_cache_file_is_a_miss() -> None:
    """A figure changed in place (MessagePack's "40" made "90", the length kept): the
    checksum of the entry no longer holds. (One who recomputes the checksum can make the
    cache say anything: it is the user's own folder, as trusted as the progress files.)"""
    progress = demo()
    assert achieved(progress) == 80
    [entry] = cache_files()
    data = entry.read_bytes()
    assert data.count(b"\xa240") == 1
    entry.write_bytes(data.replace(b"\xa240", b"\xa290"))
    run = wuhai_on("status", progress, "--year", "2025")
    assert (run.exit_code, run.stderr) == (0, "")
    assert achieved(progress) == 80


def test_a_cache_folder_that_cannot_be_written_is_no_error() -> None:
    Path("taken").write_text("a file where the folder would be", encoding="utf-8")
    progress = demo()
    run = wuhai_on("status", progress, "--year", "2025", "--cache-dir", "taken")
    assert (run.exit_code, run.stderr) == (0, "")
    assert achieved(progress, "--cache-dir", "taken") == 80


def test_help_of_the_cache_options_in_both_languages() -> None:
    zh = wuhai("status", "--help").stdout
    en = wuhai("status", "--help", "--lang", "en").stdout
    assert "--cache-dir" in zh and "--no-cache" in zh and "WUHAI_NO_CACHE=1" in zh
    assert "a second run on unchanged files parses no YAML" in " ".join(en.split())
    assert "--cache-dir" not in wuhai("plan", "--help").stdout
