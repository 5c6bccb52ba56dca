"""`wuhai diff BASE_REF` (and `check --changed-since`) on a temporary git repository.

The base commit holds data/plan.yaml and a 2024 report of 海南区 (LB-1, 120 t). The change
adds a 2025 report (LB-2, 60 t). At 31 Dec 2025 (targets 海南区 150 t, city 400 t):
  海南区 certified_output 120 → 180 t: 120/150 = 80 % at_risk → 180 ≥ 150 met;
  乌海市 certified_output 120 → 180 t: 30 % behind → 45 % behind (achieved moved).
Nothing else moves (名特优新 stays 0 everywhere).
"""

from __future__ import annotations

import shutil
import subprocess
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
        ("notice", "data/progress/2025-海南区.yaml"), ("warning", "data/plan.yaml")}
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
        "::warning file=data/progress::HEAD 版本的数据有 1 个错误，无法比较"]
