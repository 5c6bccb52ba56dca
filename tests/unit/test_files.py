"""`load.files`: the rules every writer inherits from `write_atomically`, and the guard on
standard output (issue 12 §1)."""

from __future__ import annotations

import errno
import io
import os
import socket
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.harness import UsageError, snapshot
from wuhai_green.core.problems import DataError
from wuhai_green.load.files import GuardedStream, read_bytes, write_atomically
from wuhai_green.show.problems import text as problem_text


def refused(path: Path, **options: Any) -> tuple[str, dict[str, Any]]:
    with pytest.raises(UsageError) as caught:
        write_atomically(path, "new\n", **options)
    return caught.value.key, caught.value.params


# --- what may be replaced ------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    before = snapshot(tmp_path)
    assert refused(fifo, overwrite=True) == ("write.not_a_file", {"path": fifo})
    assert refused(fifo) == ("write.not_a_file", {"path": fifo})
    assert snapshot(tmp_path) == before  # still a FIFO, and no temporary file


def test_a_socket_is_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert refused(path, overwrite=True) == ("write.not_a_file", {"path": path})
        assert stat.S_ISSOCK(path.lstat().st_mode)


def test_a_folder_is_never_replaced(tmp_path: Path) -> None:
    assert refused(tmp_path, overwrite=True) == ("write.is_dir", {"path": tmp_path})


def test_a_link_is_replaced_not_followed(tmp_path: Path) -> None:
    """--force replaces the link itself: what it pointed at (here a FIFO, which would block
    a writer that followed it) is left alone."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.md"
    link.symlink_to(fifo)
    assert refused(link) == ("write.exists", {"path": link})
    write_atomically(link, "new\n", overwrite=True)
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "new\n"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_new_file_gets_the_umask_mode_and_a_replaced_one_keeps_its_mode(tmp_path: Path) -> None:
    kept = tmp_path / "kept.md"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o640)
    write_atomically(kept, "new\n", overwrite=True)
    assert (kept.read_text(encoding="utf-8"), stat.S_IMODE(kept.stat().st_mode)) == ("new\n", 0o640)
    fresh = tmp_path / "fresh.md"
    umask = os.umask(0o022)
    try:
        write_atomically(fresh, "x\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


# --- never over the run's own inputs ---------------------------------------------------------


def test_an_input_is_never_written_over(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("plan\n", encoding="utf-8")
    hard = tmp_path / "hard.yaml"
    os.link(plan, hard)
    through_link = tmp_path / "link.yaml"
    through_link.symlink_to(plan)
    (tmp_path / "sub").mkdir()
    for target in (plan, hard, tmp_path / "sub" / ".." / "plan.yaml"):
        assert refused(target, overwrite=True, inputs=[plan]) == ("write.is_input", {"path": target})
    # the run read the plan through a link: the file it points at is an input too
    assert refused(plan, overwrite=True, inputs=[through_link]) == (
        "write.is_input", {"path": plan})
    assert plan.read_text(encoding="utf-8") == "plan\n"


# --- OS faults: a clear message, the old file kept, no temporary file ------------------------


def test_chunks_are_written_in_order_and_a_fault_while_making_them_keeps_the_old_file(
        tmp_path: Path) -> None:
    """The cache is written as it is encoded; an encoding that fails half-way leaves the
    file that was there, and no temporary file."""
    target = tmp_path / "entry"
    write_atomically(target, iter([b"ab", b"c", b""]))
    assert target.read_bytes() == b"abc"

    def failing() -> Any:
        yield b"xyz"
        raise ValueError("cannot encode")

    with pytest.raises(ValueError, match="cannot encode"):
        write_atomically(target, failing(), overwrite=True)
    assert target.read_bytes() == b"abc"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["entry"]


def test_a_full_disk_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert refused(target, overwrite=True) == ("write.no_space", {"path": target})
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
    assert target.read_text(encoding="utf-8") == "old\n"


@pytest.mark.parametrize(("make", "key"), [
    (lambda root: root / "missing" / "out.md", "write.no_folder"),
    (lambda root: root / "file.txt" / "out.md", "write.not_a_folder"),
    (lambda root: root / ("n" * 300 + ".md"), "write.name_too_long"),
])
def test_os_faults_name_the_file(tmp_path: Path, make: Any, key: str) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    target = make(tmp_path)
    assert refused(target) == (key, {"path": target})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_a_name_of_255_bytes_is_written(tmp_path: Path) -> None:
    """The temporary file's name is short: a valid name is never too long for it."""
    target = tmp_path / ("n" * 252 + ".md")
    write_atomically(target, "x\n")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_an_unknown_fault_shows_the_systems_words(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def odd(fd: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(os, "fsync", odd)
    target = tmp_path / "out.md"
    assert refused(target) == ("write.failed", {"path": target, "reason": "No locks available"})
    assert list(tmp_path.iterdir()) == []


# --- standard output -----------------------------------------------------------------------


class Failing(io.StringIO):
    def __init__(self, code: int) -> None:
        super().__init__()
        self.code = code

    def write(self, text: str) -> int:
        raise OSError(self.code, os.strerror(self.code))


def test_a_broken_pipe_silences_stdout() -> None:
    guard = GuardedStream(Failing(errno.EPIPE), "standard output")
    assert guard.write("rows\n") == 5
    assert guard.broken
    guard.write("more\n")  # nothing raised: the command goes on to its own exit code
    guard.flush()


def test_a_full_stdout_is_an_error_naming_it() -> None:
    guard = GuardedStream(Failing(errno.ENOSPC), "standard output")
    with pytest.raises(UsageError) as caught:
        guard.write("rows\n")
    assert (caught.value.key, caught.value.params) == ("write.no_space",
                                                      {"path": "standard output"})
    guard.write("more\n")  # once is enough: later writes go nowhere


def test_a_closed_stdout_is_an_error_and_stderr_stays_quiet() -> None:
    with pytest.raises(UsageError) as caught:
        GuardedStream(None, "standard output").write("x")
    assert caught.value.key == "write.closed"
    quiet = GuardedStream(Failing(errno.ENOSPC), "stderr", quiet=True)
    quiet.write("a message\n")  # nowhere left to say it: no exception
    assert quiet.broken


def test_a_working_stream_passes_everything_through() -> None:
    inner = io.StringIO()
    guard = GuardedStream(inner, "standard output")
    guard.write("行 1\n")
    guard.flush()
    assert (inner.getvalue(), guard.isatty(), guard.encoding) == ("行 1\n", False, "utf-8")


@pytest.mark.parametrize(("number", "key", "words"), [
    (errno.EACCES, "read.denied", "没有权限"), (errno.EIO, "read.io", "输入输出错误"),
    (errno.ENAMETOOLONG, "read.name_too_long", "文件名过长"),
    (errno.ENOMEM, "read.os_error", os.strerror(errno.ENOMEM)),
])
def test_a_read_fault_is_in_the_readers_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               number: int, key: str, words: str) -> None:
    """Reading fails as root cannot make it fail (chmod 000 does not stop root): the open
    itself is made to fail. A known errno has its own message; any other the OS's words."""
    target = tmp_path / "r.yaml"
    target.write_text("a: 1\n", encoding="utf-8")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError(number, os.strerror(number), str(target))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(DataError) as caught:
        read_bytes(target, "r.yaml")
    problem, = caught.value.problems
    assert (problem.file, problem.key) == ("r.yaml", key)
    assert problem.params == ({"reason": os.strerror(number)} if key == "read.os_error" else {})
    assert problem_text(problem, "zh") == f"r.yaml: 无法读取文件：{words}"
