"""Writes that cannot destroy, and every OS fault a clear exit 2 (issue 12 §1).

Through the command line: `report -o`, `adjust --write` and `new` replace only a regular file
(or a link, not followed), never an input of the run, never put a file where the progress
reader would read it; permission denied, a full disk, a missing folder, a name too long, a
closed or full stdout end in "cannot write FILE: reason", exit 2, the old file kept and no
temporary file left; a reader that went away ends the output quietly with the command's own
exit code; SIGTERM cleans up like Ctrl-C.

The permission tests run `wuhai` as an unprivileged user (uid 65534, through setpriv or
runuser) when the tests run as root, in a folder of their own that user can reach.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.harness import DEMO, PLAN, process_env, snapshot, write, wuhai, wuhai_on

REPORT = ("report", "--year", "2025", "--plan", PLAN, "--progress", DEMO)
WUHAI = [sys.executable, "-m", "wuhai_green"]


def run_wuhai(*args: str | Path, cwd: Path, stdout: Any = subprocess.PIPE,
              preexec_fn: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m wuhai_green ARGS` as a real process, stdout where asked."""
    return subprocess.run([*WUHAI, *map(str, args)], cwd=cwd, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, encoding="utf-8",
                          env=process_env(PYTHONDONTWRITEBYTECODE="1"), timeout=120,
                          check=False, preexec_fn=preexec_fn)


# --- only a regular file is replaced ---------------------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


SPECIAL = [
    pytest.param(_fifo, "不是普通文件（设备、管道或套接字），不会被替换，加 --force 也不会", id="fifo"),
    pytest.param(_folder, "是文件夹", id="folder"),
]


@pytest.mark.parametrize(("make", "message"), SPECIAL)
@pytest.mark.parametrize("command", [("report", "--year", "2025", "-o"),
                                     ("adjust", "--year", "2026", "--write")],
                         ids=["report -o", "adjust --write"])
def test_only_a_regular_file_is_replaced(workdir: Path, make: Callable[[Path], None],
                                         message: str, command: tuple[str, ...]) -> None:
    target = workdir / "out.md"
    make(target)
    before = snapshot(workdir)
    run = wuhai_on(command[0], DEMO, *command[1:], "out.md", "--force", cwd=workdir)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == f"out.md {message}\n"
    assert snapshot(workdir) == before  # the FIFO is still a FIFO; no temporary file


def test_a_socket_is_not_replaced(workdir: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("out.sock")
        run = wuhai_on("report", DEMO, "--year", "2025", "-o", "out.sock", "--force", "--lang", "en",
                       cwd=workdir)
        assert run.stderr == ("out.sock is not a regular file (a device, a pipe or a socket): it is "
                              "never replaced, not even with --force\n")
        assert stat.S_ISSOCK(Path("out.sock").lstat().st_mode)


def test_a_link_to_a_fifo_is_replaced_not_followed(workdir: Path) -> None:
    """The link is the target: --force replaces the link, the FIFO it named is untouched
    (a writer that followed it would block, or write into a device)."""
    os.mkfifo("pipe")
    Path("out.md").symlink_to(workdir / "pipe")
    run = wuhai_on("report", DEMO, "--year", "2025", "-o", "out.md", "--force", cwd=workdir)
    assert (run.exit_code, run.stderr) == (0, "")
    assert Path("out.md").read_text(encoding="utf-8").startswith("# ")
    assert stat.S_ISFIFO(Path("pipe").lstat().st_mode)


# --- never over the run's own inputs --------------------------------------------------------


def test_the_plan_and_the_reports_are_never_written_over(workdir: Path) -> None:
    shutil.copytree(DEMO, "progress")
    shutil.copy(PLAN, "plan.yaml")
    os.link("progress/2025-hainan.yaml", "hainan-link.yaml")  # the same file by another name
    before = snapshot(workdir)
    for target in ("plan.yaml", "hainan-link.yaml"):
        run = wuhai_on("report", "progress", "--year", "2025", "-o", target, "--force",
                       plan_path="plan.yaml", cwd=workdir)
        assert (run.exit_code, run.stdout) == (2, "")
        assert run.stderr == f"{target} 是本次运行读取的文件（方案、进度报告或目标文件），不能写在它上面\n"
    assert snapshot(workdir) == before


def test_new_never_writes_over_its_plan(workdir: Path) -> None:
    shutil.copy(PLAN, "2025-hainan.yaml")  # a plan saved under a report's name
    before = snapshot(workdir)
    run = wuhai("new", "--plan", "2025-hainan.yaml", "--progress", ".", "--year", "2025",
                "--district", "hainan", "--force", "--lang", "en", cwd=workdir)
    assert (run.exit_code, run.stderr) == (2, "2025-hainan.yaml is one of the files this run "
                                              "reads (the plan, a progress report or a targets "
                                              "file): not written over\n")
    assert snapshot(workdir) == before


def test_targets_are_not_written_into_the_progress_folder(workdir: Path) -> None:
    """A targets file in the progress folder would be read as a report: refused; a name
    starting with `_` is one the reader skips, so it may go there."""
    shutil.copytree(DEMO, "progress")
    run = wuhai_on("adjust", "progress", "--year", "2026", "--write", "progress/targets.yaml",
                   cwd=workdir)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == ("progress/targets.yaml 在进度文件夹 progress 中，以后会被当作进度报告读取："
                          "请写到其他文件夹，或使用以 _ 开头的文件名\n")
    assert not Path("progress/targets.yaml").exists()
    kept = wuhai_on("adjust", "progress", "--year", "2026", "--write", "progress/_targets.yaml",
                    cwd=workdir)
    assert kept.exit_code == 0, kept.stderr
    assert wuhai_on("validate", "progress", cwd=workdir).exit_code == 0
    status = wuhai_on("status", "progress", "--year", "2026", "--targets",
                      "progress/_targets.yaml", "--format", "json", cwd=workdir)
    assert status.exit_code == 0, status.stderr


def test_a_targets_file_put_into_the_progress_folder_is_named_for_what_it_is(
        workdir: Path) -> None:
    shutil.copytree(DEMO, "progress")
    assert wuhai_on("adjust", "progress", "--year", "2026", "--write", "targets.yaml",
                    cwd=workdir).exit_code == 0
    shutil.move("targets.yaml", "progress/targets.yaml")
    run = wuhai_on("validate", "progress", "--lang", "en", cwd=workdir)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr.splitlines()[0].startswith("progress/2025-haibowan.yaml:19:1: note: ")
    assert run.stderr.split("\n", 1)[1] == (
        "progress/targets.yaml:3:9: this is an adjusted-targets file (written by wuhai adjust "
        "--write), not a progress report: move it out of the progress folder, or give it a "
        "name starting with _\n")


# --- OS faults ------------------------------------------------------------------------------


@pytest.mark.parametrize(("target", "zh", "en"), [
    ("missing/report.md", "所在的文件夹不存在", "its folder does not exist"),
    ("plan.txt/report.md", "路径中有一段不是文件夹", "a part of its path is not a folder"),
    ("r" * 300 + ".md", "文件名过长", "file name too long"),
], ids=["missing folder", "a file on the path", "name too long"])
def test_a_path_that_cannot_be_written(workdir: Path, target: str, zh: str, en: str) -> None:
    Path("plan.txt").write_text("x", encoding="utf-8")
    before = snapshot(workdir)
    run = wuhai_on("report", DEMO, "--year", "2025", "-o", target, cwd=workdir)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", f"无法写入 {target}：{zh}\n")
    english = wuhai_on("report", DEMO, "--year", "2025", "-o", target, "--lang", "en",
                       cwd=workdir)
    assert english.stderr == f"cannot write {target}: {en}\n"
    assert snapshot(workdir) == before


def test_a_file_larger_than_the_system_allows(tmp_path: Path) -> None:
    """A real write that fails half-way (RLIMIT_FSIZE: the file may not grow past 4 KiB, the
    report is 7): exit 2, the old report kept, no temporary file."""
    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    done = run_wuhai(*REPORT, "-o", target, "--force", "--lang", "en", cwd=tmp_path,
                     preexec_fn=small_files)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"cannot write {target}: larger than the system allows a file to be\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    assert target.read_text(encoding="utf-8") == "old\n"


def _unprivileged() -> list[str] | None:
    """The command prefix that runs a program as uid 65534; [] when not root already."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv"):
        return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if shutil.which("runuser"):
        return ["runuser", "-u", "nobody", "--"]
    return None


@pytest.fixture
def reachable() -> Iterator[Path]:
    """A folder an unprivileged user can reach (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="wuhai-unprivileged-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


@pytest.mark.parametrize("case", ["read-only folder", "read-only file"])
def test_permission_denied_as_an_unprivileged_user(reachable: Path, case: str) -> None:
    prefix = _unprivileged()
    if prefix is None:
        pytest.skip("running as root, and neither setpriv nor runuser can drop privileges")
    probe = subprocess.run([*prefix, *WUHAI, "--version"], cwd=reachable, capture_output=True,
                           env=process_env(PYTHONDONTWRITEBYTECODE="1"), timeout=120, check=False)
    if probe.returncode != 0:  # a checkout under a folder only root may enter (mktemp -d)
        pytest.skip("the unprivileged user cannot run this checkout's Python")
    folder = reachable / "out"
    folder.mkdir()
    target = folder / "report.md"
    target.write_text("old\n", encoding="utf-8")
    if case == "read-only folder":
        target.chmod(0o666)  # writable itself, but no new file may be made beside it
        folder.chmod(0o555)
    else:  # renaming over it would work in this folder: its read-only mode keeps it
        target.chmod(0o444)
        folder.chmod(0o777)
    before = snapshot(folder)
    done = subprocess.run([*prefix, *WUHAI, *map(str, REPORT), "-o", str(target), "--force"],
                          cwd=reachable, capture_output=True, text=True, encoding="utf-8",
                          env=process_env(PYTHONDONTWRITEBYTECODE="1"), timeout=120, check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"无法写入 {target}：没有权限\n"
    assert snapshot(folder) == before


def test_a_job_summary_that_cannot_be_written(workdir: Path) -> None:
    """$GITHUB_STEP_SUMMARY naming a folder: the annotations are out, the summary cannot be
    appended: exit 2 naming it, not an internal error."""
    Path("summary").mkdir()
    run = wuhai_on("check", DEMO, "--year", "2025", "--format", "github",
                   env={"GITHUB_STEP_SUMMARY": "summary"}, cwd=workdir)
    assert (run.exit_code, run.stderr) == (2, "summary 是文件夹\n")
    assert "\n::warning::" in run.stdout  # the annotations came first (the demo lies outside)


# --- standard output --------------------------------------------------------------------------


def test_a_full_stdout_exits_2(tmp_path: Path) -> None:
    with open(os.devnull if not Path("/dev/full").exists() else "/dev/full", "w") as full:
        if full.name == os.devnull:
            pytest.skip("no /dev/full here")
        done = run_wuhai("status", "--year", "2025", "--plan", PLAN, "--progress", DEMO,
                         cwd=tmp_path, stdout=full)
    assert (done.returncode, done.stderr) == (2, "无法写入 标准输出：磁盘空间不足\n")


def test_a_closed_stdout_exits_2(tmp_path: Path) -> None:
    done = run_wuhai("status", "--year", "2025", "--plan", PLAN, "--progress", DEMO, "--lang",
                     "en", cwd=tmp_path, preexec_fn=lambda: os.close(1))
    assert (done.returncode, done.stderr) == (2, "cannot write standard output: it is closed\n")


@pytest.mark.parametrize(("command", "code"), [
    (("check", "--year", "2025", "--fail-on", "never", "--format", "json"), 0),
    (("check", "--year", "2025", "--format", "github", "--fail-on", "never"), 0),
    (("check", "--year", "2025", "--format", "json"), 1),  # the demo has rows behind in 2025
    (("status", "--year", "2025"), 0),
])
def test_a_reader_that_went_away_ends_quietly_with_the_commands_code(
        tmp_path: Path, command: tuple[str, ...], code: int) -> None:
    """`wuhai check | head -1`: the pipe's reader is gone before anything is written."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = run_wuhai(*command, "--plan", PLAN, "--progress", DEMO, cwd=tmp_path,
                         stdout=writer)
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (code, "")


def test_a_closed_stderr_changes_no_exit_code(tmp_path: Path) -> None:
    write(tmp_path / "progress", "2025.yaml", "year: 2025\ndistrict: 北区\n")
    done = run_wuhai("validate", "--plan", PLAN, "--progress", "progress", cwd=tmp_path,
                     preexec_fn=lambda: os.close(2))
    assert (done.returncode, done.stdout) == (2, "")


# --- signals: the temporary folder of diff is removed --------------------------------------------


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)],
                         ids=["SIGINT", "SIGTERM"])
def test_a_signal_during_diff_removes_its_copy_of_the_data(tmp_path: Path, signum: int,
                                                           code: int) -> None:
    """A git that stops while it gives the base's files (it sleeps in `cat-file`): the
    temporary folder then holds the copy of the data; the signal must remove it."""
    real_git = shutil.which("git")
    if real_git is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    write(repo / "data" / "progress", "2024.yaml", "year: 2024\ndistrict: 海南区\n")
    shutil.copy(PLAN, repo / "data" / "plan.yaml")
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=T", "-c", "user.email=t@e",
                                                 "commit", "-qm", "base"]):
        subprocess.run([real_git, *args], cwd=repo, check=True, capture_output=True)
    bin_folder, temporary, mark = tmp_path / "bin", tmp_path / "tmp", tmp_path / "in-cat-file"
    bin_folder.mkdir()
    temporary.mkdir()
    (bin_folder / "git").write_text(
        f'#!/bin/sh\nif [ "$1" = cat-file ]; then touch "{mark}"; exec sleep 60; fi\n'
        f'exec "{real_git}" "$@"\n', encoding="utf-8")
    (bin_folder / "git").chmod(0o755)
    environment = process_env(PATH=f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
                              TMPDIR=str(temporary))
    child = subprocess.Popen([*WUHAI, "diff", "HEAD", "--year", "2025"], cwd=repo,
                             env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120  # a hang detector, not a speed limit
        while not mark.exists():
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "wuhai diff never reached git cat-file"
            time.sleep(0.05)
        assert [p.name[:11] for p in temporary.iterdir()] == ["wuhai-diff-"]
        child.send_signal(signum)
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == code, err
    assert list(temporary.iterdir()) == []
