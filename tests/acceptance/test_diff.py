"""`wuhai diff BASE_REF` (and `check --changed-since`) on a temporary git repository.

The base commit holds data/plan.yaml and a 2024 report of 海南区 (LB-1, 120 t). The change
adds a 2025 report (LB-2, 60 t). At 31 Dec 2025 (targets 海南区 150 t, city 400 t):
  海南区 certified_output 120 → 180 t: 120/150 = 80 % at_risk → 180 ≥ 150 met;
  乌海市 certified_output 120 → 180 t: 30 % behind → 45 % behind (achieved moved).
Nothing else moves (名特优新 stays 0 everywhere).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.harness import PLAN, cert, parse_github, write_report, wuhai, wuhai_on, wuhai_process

CERTIFIED = "certified_output"


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo, capture_output=True, text=True, check=True, timeout=60)
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:  # pragma: no cover - git is part of the test setup
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    (root / "data" / "progress").mkdir(parents=True)
    shutil.copyfile(PLAN, root / "data" / "plan.yaml")
    write_report(root / "data" / "progress", "2024-海南区.yaml", 2024, "海南区",
           cert("LB-1", "green_food", "2024-03-01", 120))
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base: plan and the 2024 report")
    write_report(root / "data" / "progress", "2025-海南区.yaml", 2025, "海南区",
           cert("LB-2", "green_food", "2025-05-01", 60))
    return root


def diff(repo: Path, monkeypatch: pytest.MonkeyPatch, *args: str,
         plan: str | Path = "data/plan.yaml") -> Any:
    monkeypatch.chdir(repo)
    return wuhai_on("diff", "data/progress", *args, plan_path=plan)


def moved(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(row["district"], row["indicator"], row["before"]["achieved"],
             row["before"]["status"], row["after"]["achieved"], row["after"]["status"])
            for row in document["rows"]]


EXPECTED = [("海南区", CERTIFIED, 120, "at_risk", 180, "met"),
            ("乌海市", CERTIFIED, 120, "behind", 180, "behind")]


def test_working_tree_against_head(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = diff(repo, monkeypatch, "HEAD", "--year", "2025", "--format", "json")
    assert run.exit_code == 0, run.stderr
    document = run.json()
    assert document["schema"] == "wuhai-green/diff@1"
    assert (document["base"], document["year"], document["as_of"]) == (
        "HEAD", 2025, "2025-12-31")
    assert moved(document) == EXPECTED
    hainan = document["rows"][0]
    assert (hainan["before"]["target"], hainan["before"]["gap"], hainan["after"]["gap"]) == (
        150, 30, 0)


def test_sentences_and_table(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = diff(repo, monkeypatch, "HEAD", "--year", "2025", "--format", "markdown")
    assert run.exit_code == 0, run.stderr
    assert "- 海南区 新增绿色有机食品认证 120 → 180 吨, 需加快 → 达标" in run.stdout
    assert "- 乌海市 新增绿色有机食品认证 120 → 180 吨, 滞后 → 滞后" in run.stdout
    assert "| 海南区 | 新增绿色有机食品认证 | 120 吨 | 180 吨 | 需加快 → 达标 |" in run.stdout
    assert "名特优新" not in run.stdout  # rows that did not move are left out
    english = diff(repo, monkeypatch, "HEAD", "--year", "2025", "--lang", "en")
    assert ("• Hainan District Newly certified green and organic food output 120 → 180 t, "
            "at risk → met") in english.stdout


def test_between_two_commits(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "海南区 2025 report")
    assert moved(diff(repo, monkeypatch, "HEAD~1", "--year", "2025",
                      "--format", "json").json()) == EXPECTED
    same = diff(repo, monkeypatch, "HEAD", "--year", "2025", "--format", "json")
    assert same.exit_code == 0
    assert same.json()["rows"] == []
    table = diff(repo, monkeypatch, "HEAD", "--year", "2025")
    assert "没有指标发生变化" in table.stdout


def test_a_modified_report_with_a_chinese_file_name(repo: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """2024-海南区.yaml itself changes 120 → 130 t (at_risk either way: 130/150 = 86.7 %)."""
    (repo / "data" / "progress" / "2025-海南区.yaml").unlink()
    path = repo / "data" / "progress" / "2024-海南区.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("120", "130"), encoding="utf-8")
    document = diff(repo, monkeypatch, "HEAD", "--year", "2025", "--format", "json").json()
    assert moved(document) == [("海南区", CERTIFIED, 120, "at_risk", 130, "at_risk"),
                               ("乌海市", CERTIFIED, 120, "behind", 130, "behind")]


def test_plan_outside_the_repository(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The repository's own plan (outside the temporary repository) is used as it is now."""
    run = diff(repo, monkeypatch, "HEAD", "--year", "2025", "--format", "json", plan=PLAN)
    assert run.exit_code == 0, run.stderr
    assert moved(run.json()) == EXPECTED


def test_real_process_from_the_repository(repo: Path) -> None:
    result = wuhai_process("diff", "HEAD", "--year", "2025", "--plan", "data/plan.yaml",
                           "--progress", "data/progress", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert '"schema": "wuhai-green/diff@1"' in result.stdout


def test_check_changed_since_adds_notices(repo: Path) -> None:
    """Each moved figure is a notice on the record that moved it: LB-2, line 4 of the new
    2025 report (the city's figure moved through the same record)."""
    result = wuhai("check", "--year", "2025", "--plan", "data/plan.yaml", "--progress",
                   "data/progress", "--format", "github", "--changed-since", "HEAD",
                   "--fail-on", "never", cwd=repo)
    assert result.exit_code == 0, result.stderr
    notices = [line for line in result.stdout.splitlines() if line.startswith("::notice")]
    place = "file=data/progress/2025-海南区.yaml,line=4"
    assert notices == [f"::notice {place}::海南区 新增绿色有机食品认证 120 → 180 吨, 需加快 → 达标",
                       f"::notice {place}::乌海市 新增绿色有机食品认证 120 → 180 吨, 滞后 → 滞后"]


def test_notices_name_files_from_the_repository_root(repo: Path) -> None:
    """Run from data/ (a subfolder): the files are still named from the repository's root."""
    result = wuhai("check", "--year", "2025", "--plan", "plan.yaml", "--progress", "progress",
                   "--format", "github", "--changed-since", "HEAD", "--fail-on", "never",
                   cwd=repo / "data")
    assert result.exit_code == 0, result.stderr
    annotations = parse_github(result.stdout)
    assert {(a.level, a.file) for a in annotations} == {
        ("notice", "data/progress/2025-海南区.yaml"), ("warning", "data/plan.yaml"),
        ("warning", None)}  # the reports of the other districts, missing: no file to name
    assert [a.line for a in annotations if a.level == "notice"] == [4, 4]


def test_removed_record_names_the_file_it_was_removed_from(repo: Path) -> None:
    """The 2024 report loses its certificate: the notice names that file and the line the
    record stood on at the base revision."""
    (repo / "data" / "progress" / "2025-海南区.yaml").unlink()
    write_report(repo / "data" / "progress", "2024-海南区.yaml", 2024, "海南区")
    result = wuhai("check", "--year", "2025", "--plan", "data/plan.yaml", "--progress",
                   "data/progress", "--format", "github", "--changed-since", "HEAD",
                   "--fail-on", "never", cwd=repo)
    notices = [a for a in parse_github(result.stdout) if a.level == "notice"]
    assert [(a.file, a.line) for a in notices] == [("data/progress/2024-海南区.yaml", 4)] * 2


def test_outside_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plain"
    write_report(folder / "data" / "progress", "2025.yaml", 2025, "海南区",
           cert("LB-2", "green_food", "2025-05-01", 60))
    monkeypatch.chdir(folder)
    run = wuhai_on("diff", "data/progress", "HEAD", "--year", "2025", "--format", "json")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert "不在 git 仓库中" in run.stderr
    assert "Traceback" not in run.stderr
    english = wuhai_on("diff", "data/progress", "HEAD", "--year", "2025", "--lang", "en")
    assert english.exit_code == 2
    assert "is not inside a git repository" in english.stderr


def test_a_bad_ref(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = diff(repo, monkeypatch, "no-such-ref", "--year", "2025", "--format", "json")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.strip() == "git 仓库中没有版本“no-such-ref”"
    assert "Traceback" not in run.stderr
    result = wuhai("diff", "no-such-ref", "--year", "2025", "--plan", "data/plan.yaml",
                   "--progress", "data/progress", cwd=repo)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_invalid_data_at_the_base_ref(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A base revision whose reports do not load: a clear message, exit 2."""
    broken = repo / "data" / "progress" / "2024-海南区.yaml"
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace("120", "abc"), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "broken")
    broken.write_text(good, encoding="utf-8")
    run = diff(repo, monkeypatch, "HEAD", "--year", "2025")
    assert run.exit_code == 2
    assert "HEAD" in run.stderr and "Traceback" not in run.stderr


def test_the_base_refs_errors_are_counted_beyond_the_fifty_listed(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """80 certificates of 2024 in a report of 2025 at the base: 80 errors, though only 50
    are listed and the 51st problem counts the other 30."""
    broken = repo / "data" / "progress" / "2025-海南区.yaml"
    good = broken.read_text(encoding="utf-8")
    write_report(repo / "data" / "progress", "2025-海南区.yaml", 2025, "海南区",
                 *(cert(f"LB-{n}", "green_food", "2024-03-01", 1) for n in range(100, 180)))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "broken")
    broken.write_text(good, encoding="utf-8")
    run = diff(repo, monkeypatch, "HEAD", "--year", "2025", "--lang", "en")
    assert run.exit_code == 2
    assert run.stderr.startswith("the data at HEAD has 80 errors and cannot be compared")


def test_check_passes_a_change_that_repairs_the_base(repo: Path) -> None:
    """HEAD holds a broken report; the working tree repairs it. check --changed-since HEAD
    must judge the repaired data (exit 0 with --fail-on never), warn that the comparison is
    left out, and print no notice — a fix of broken data on main must be able to pass CI."""
    broken = repo / "data" / "progress" / "2024-海南区.yaml"
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace("120", "abc"), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "broken")
    broken.write_text(good, encoding="utf-8")
    result = wuhai("check", "--year", "2025", "--plan", "data/plan.yaml", "--progress",
                   "data/progress", "--format", "github", "--changed-since", "HEAD",
                   "--fail-on", "never", cwd=repo)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith(("::notice", "::error"))]
    assert [line for line in lines if line.startswith("::warning file=data/progress::")] == [
        "::warning file=data/progress::HEAD 版本的数据有 1 个错误，无法比较"
        "（第一个在 data/progress/2024-海南区.yaml:8:20）"]


# --- every git fault a clear exit 2, never 3 (issue 12 §3) -----------------------------------

BASE_INVALID = "HEAD 版本的数据有 1 个错误，无法比较（第一个在 {first}）\n"


def check_changed(repo: Path, *args: str, env: Mapping[str, str | None] | None = None) -> Any:
    return wuhai("check", "--year", "2025", "--plan", "data/plan.yaml", "--progress",
                 "data/progress", "--changed-since", "HEAD", *args, cwd=repo, env=env)


def test_git_missing_from_path(repo: Path, monkeypatch: pytest.MonkeyPatch,
                               tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    env: dict[str, str | None] = {"PATH": str(tmp_path / "empty")}
    monkeypatch.chdir(repo)
    run = wuhai_on("diff", "data/progress", "HEAD", "--year", "2025", plan_path="data/plan.yaml",
                   env=env)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", "找不到 git 命令\n")
    checked = check_changed(repo, "--lang", "en", env=env)
    assert (checked.exit_code, checked.stderr) == (2, "the git command is not installed\n")


def test_a_repository_owned_by_another_user(repo: Path, tmp_path: Path) -> None:
    """git's "dubious ownership" refusal (a checkout made by another user in a CI
    container), imitated with git's own test switch; no global config that trusts it."""
    env = {"GIT_TEST_ASSUME_DIFFERENT_OWNER": "1", "HOME": str(tmp_path),
           "GIT_CONFIG_NOSYSTEM": "1", "XDG_CONFIG_HOME": str(tmp_path)}
    probe = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=repo, capture_output=True,
                           env={**os.environ, **env}, check=False)
    if probe.returncode == 0:
        pytest.skip("this git does not check the ownership of a repository")
    folder = repo.resolve()
    run = wuhai("diff", "HEAD", "--year", "2025", "--plan", "data/plan.yaml", "--progress",
                "data/progress", cwd=repo, env=env)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == (f"git 拒绝读取 {folder}：仓库属于其他用户（dubious ownership）。确认可信后运行 "
                          f"git config --global --add safe.directory {folder}\n")
    checked = check_changed(repo, "--format", "github", env=env)
    assert (checked.exit_code, checked.stderr) == (2, run.stderr)


@pytest.mark.skipif(sys.platform == "win32", reason="a file name of bytes is POSIX")
def test_a_file_name_that_is_not_utf8(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The base holds a report named in GBK (海南 = BA A3 C4 CF), as a zip made on Chinese
    Windows gives it; the change raises its 10 t to 20 t. Both sides read it."""
    name = os.fsdecode(b"2024-\xba\xa3\xc4\xcf.yaml")
    write_report(repo / "data" / "progress", name, 2024, "海南区",
                 cert("LB-GBK", "green_food", "2024-05-01", 10))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a report named in GBK")
    path = repo / "data" / "progress" / name
    path.write_text(path.read_text(encoding="utf-8").replace(": 10", ": 20"), encoding="utf-8")
    run = diff(repo, monkeypatch, "HEAD", "--year", "2025", "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert moved(run.json()) == [("海南区", CERTIFIED, 190, "met", 200, "met"),
                                 ("乌海市", CERTIFIED, 190, "behind", 200, "behind")]


def _commit_instead(repo: Path, make: Any) -> None:
    """A base commit whose data is shaped by `make`, then the working tree of the fixture
    (its 2024 and 2025 reports) put back."""
    progress = repo / "data" / "progress"
    saved = {path.name: path.read_bytes() for path in progress.iterdir()}
    shutil.rmtree(progress)
    make(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "an odd base")
    for path in (repo / "data" / "progress", repo / "data" / "plan.yaml"):
        if path.is_dir() and path.name == "plan.yaml":
            shutil.rmtree(path)
            shutil.copyfile(PLAN, path)
    if progress.is_file():
        progress.unlink()
    shutil.rmtree(progress, ignore_errors=True)
    progress.mkdir()
    for name, content in saved.items():
        (progress / name).write_bytes(content)


def _progress_was_a_file(repo: Path) -> None:
    (repo / "data" / "progress").write_text("not yet a folder\n", encoding="utf-8")


def _report_was_a_folder(repo: Path) -> None:
    (repo / "data" / "progress" / "2024-海南区.yaml").mkdir(parents=True)
    # read as a folder of reports (a folder a year is a layout), whose one report is broken
    (repo / "data" / "progress" / "2024-海南区.yaml" / "x.yaml").write_text(
        "year: 2024\ncolour: red\n", encoding="utf-8")


def _plan_was_a_folder(repo: Path) -> None:
    (repo / "data" / "progress").mkdir()
    (repo / "data" / "plan.yaml").unlink()
    (repo / "data" / "plan.yaml").mkdir()
    (repo / "data" / "plan.yaml" / "x").write_text("x\n", encoding="utf-8")


@pytest.mark.parametrize(("make", "first"), [
    (_progress_was_a_file, "data/progress"),
    (_report_was_a_folder, "data/progress/2024-海南区.yaml/x.yaml:2:1"),
    (_plan_was_a_folder, "data/plan.yaml"),
], ids=["progress folder was a file", "a report was a folder", "the plan was a folder"])
def test_a_path_that_was_a_file_at_the_base_and_is_a_folder_now(
        repo: Path, monkeypatch: pytest.MonkeyPatch, make: Any, first: str) -> None:
    """The base is read as it was: its data does not load, which `diff` says (exit 2, naming
    the first fault as the working tree names its file) and `check --changed-since` warns
    about, judging the change without the comparison."""
    _commit_instead(repo, make)
    run = diff(repo, monkeypatch, "HEAD", "--year", "2025")
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", BASE_INVALID.format(first=first))
    checked = check_changed(repo, "--format", "github", "--fail-on", "never")
    assert checked.exit_code == 0, checked.stderr
    assert [line for line in checked.stdout.splitlines() if "无法比较" in line] == [
        "::warning file=data/progress::" + BASE_INVALID.format(first=first).strip()]


def test_a_symbolic_link_at_the_base_is_left_out_with_a_warning(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "data" / "progress" / "link.yaml").symlink_to("2024-海南区.yaml")
    (repo / "data" / "progress" / "2025-海南区.yaml").rename(repo / "2025-later.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a link")
    (repo / "data" / "progress" / "link.yaml").unlink()
    (repo / "2025-later.yaml").rename(repo / "data" / "progress" / "2025-海南区.yaml")
    run = diff(repo, monkeypatch, "HEAD", "--year", "2025", "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert moved(run.json()) == EXPECTED
    assert run.stderr == ("data/progress/link.yaml: 警告: HEAD 中的这一项不是普通文件（符号链接或子模块），"
                          "比较时略过\n")


def _tree(repo: Path, entries: list[tuple[str, str, str]]) -> str:
    """A tree object from (mode, object id, name), as `git mktree` takes them (it lets a
    name `..` through, as a crafted repository may)."""
    listing = "".join(f"{mode} {'tree' if mode == '040000' else 'blob'} {oid}\t{name}\n"
                      for mode, oid, name in entries)
    result = subprocess.run(["git", "mktree"], cwd=repo, input=listing, capture_output=True,
                            text=True, check=True)
    return result.stdout.strip()


def test_a_name_leading_out_of_the_folder_is_left_out(repo: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A crafted base whose progress folder holds `../../../../../escaped.yaml`: from the
    temporary copy (TMP/wuhai-diff-X/tree/data/progress) that is TMP/escaped.yaml. It is
    not written; a warning names it."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    blob = git(repo, "hash-object", "-w", "data/progress/2024-海南区.yaml").strip()
    plan = git(repo, "hash-object", "-w", "data/plan.yaml").strip()
    inner = _tree(repo, [("100644", blob, "escaped.yaml")])
    for _ in range(4):
        inner = _tree(repo, [("040000", inner, "..")])
    progress = _tree(repo, [("040000", inner, ".."), ("100644", blob, "2024-海南区.yaml")])
    data = _tree(repo, [("100644", plan, "plan.yaml"), ("040000", progress, "progress")])
    root = _tree(repo, [("040000", data, "data")])
    commit = git(repo, "commit-tree", root, "-m", "crafted").strip()
    run = diff(repo, monkeypatch, commit, "--year", "2025", "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert moved(run.json()) == [("海南区", CERTIFIED, 120, "at_risk", 180, "met"),
                                 ("乌海市", CERTIFIED, 120, "behind", 180, "behind")]
    assert run.stderr == (f"data/progress/../../../../../escaped.yaml: 警告: {commit} 中的这个文件名"
                          "含有“..”或空的部分，会指向文件夹之外，比较时略过\n")
    assert list(temporary.iterdir()) == []  # nothing escaped, and the copy is gone


def test_an_object_missing_from_the_clone(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blob = git(repo, "rev-parse", "HEAD:data/progress/2024-海南区.yaml").strip()
    (repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    run = diff(repo, monkeypatch, "HEAD", "--year", "2025")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == ("HEAD 中的 data/progress/2024-海南区.yaml 不在本地仓库中（浅克隆？在 CI 中请用 "
                          "fetch-depth: 0）\n")


def test_a_ref_that_looks_like_an_option(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--output=FILE` would make `git show` write a file: a ref is never passed as one."""
    run = diff(repo, monkeypatch, "--year", "2025", "--", "--output=pwned.txt")
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", "git 仓库中没有版本“--output=pwned.txt”\n")
    assert not (repo / "pwned.txt").exists()


def test_the_base_is_read_in_one_batch(repo: Path, tmp_path: Path) -> None:
    """However many files, git runs four times: the top folder, the revision, the listing
    and one `cat-file --batch` for every content (one `git show` per file took 20 s for
    2,000 files)."""
    real_git = shutil.which("git")
    assert real_git is not None
    for number in range(30):
        write_report(repo / "data" / "progress", f"2024-{number:02d}.yaml", 2024, "海南区",
                     cert(f"LB-B{number}", "green_food", "2024-03-01", 1))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "30 more reports")
    log, folder = tmp_path / "calls.log", tmp_path / "bin"
    folder.mkdir()
    (folder / "git").write_text(f'#!/bin/sh\necho "$1" >> "{log}"\nexec "{real_git}" "$@"\n',
                                encoding="utf-8")
    (folder / "git").chmod(0o755)
    run = wuhai("diff", "HEAD", "--year", "2025", "--plan", "data/plan.yaml", "--progress",
                "data/progress", "--format", "json", cwd=repo,
                env={"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"})
    assert run.exit_code == 0, run.stderr
    assert log.read_text(encoding="utf-8").split() == ["rev-parse", "rev-parse", "ls-tree",
                                                       "cat-file"]
