"""`wuhai init DIR`: a data repository, then the real thing in it.

The end-to-end test makes a repository with `init`, writes 海南区's 2025 report with `wuhai
new`, validates and commits it, then commits a change that makes 海南区 fall behind and one
that moves nothing: `check --changed-since HEAD~1` gives 1 and 0. The workflow's own script
runs too, with a `wuhai` that pins `--year 2025` (the tests never read the clock).

2025 targets at year end: 海南区 150 t and 2 名特优新, the city 400 t and 6.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.harness import (
    PLAN,
    REPO,
    __version__,
    cert,
    parse_github,
    shipped_plan_path,
    wuhai,
)

FILES = {"README.md", ".gitattributes", ".editorconfig", ".pre-commit-config.yaml",
         ".github/workflows/progress.yml", ".gitlab-ci.yml", "data/plan.yaml",
         "data/progress/README.md", "data/progress/_template.yaml"}
WORKFLOW = ".github/workflows/progress.yml"
REPORT = "data/progress/2025-hainan.yaml"


@pytest.fixture(autouse=True)
def _git_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    for key, value in (("GIT_AUTHOR_NAME", "Test"), ("GIT_AUTHOR_EMAIL", "test@example.org"),
                       ("GIT_COMMITTER_NAME", "Test"),
                       ("GIT_COMMITTER_EMAIL", "test@example.org")):
        monkeypatch.setenv(key, value)


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo,
                            capture_output=True, text=True, check=True, timeout=60)
    return result.stdout


def files_under(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*")
            if path.is_file() and ".git" not in path.relative_to(folder).parts}


def init(folder: Path, *args: str | Path) -> Any:
    return wuhai("init", folder, *args, cwd=folder.parent)


def loaded(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- what init writes ---------------------------------------------------------------------


def test_init_writes_a_repository(tmp_path: Path) -> None:
    folder = tmp_path / "data-repo"
    run = init(folder)
    assert run.exit_code == 0, run.stderr
    assert files_under(folder) == FILES
    assert (folder / "data" / "plan.yaml").read_bytes() == shipped_plan_path().read_bytes()
    assert git(folder, "rev-parse", "--show-toplevel").strip() == str(folder.resolve())
    lines = run.stdout.splitlines()
    assert lines[0] == f"已在 {folder} 创建数据仓库（wuhai-green {__version__}）："
    assert {line.strip() for line in lines[1:10]} == FILES
    assert lines[10] == f"已在 {folder} 运行 git init"
    assert lines[11].startswith(f"下一步：cd {folder}，按 README.md 的每年流程操作")
    for name in FILES:  # UTF-8 with LF line ends, as .gitattributes asks of every text
        assert b"\r\n" not in (folder / name).read_bytes()


def test_the_repository_is_valid_and_pinned(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    assert init(folder).exit_code == 0
    validated = wuhai("validate", cwd=folder)
    assert validated.exit_code == 0, validated.stderr
    assert validated.stdout.startswith("检查通过：方案 data/plan.yaml，0 个进度文件")
    workflow = (folder / WORKFLOW).read_text(encoding="utf-8")
    assert f'python -m pip install "wuhai-green=={__version__}"' in workflow
    assert "WUHAI_LANG: zh" in workflow
    gitlab = (folder / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert f'python -m pip install "wuhai-green=={__version__}"' in gitlab
    hooks = loaded(folder / ".pre-commit-config.yaml")["repos"]
    assert [repo["repo"] for repo in hooks] == ["local"]
    (hook,) = hooks[0]["hooks"]
    assert hook["additional_dependencies"] == [f"wuhai-green=={__version__}"]
    # the local hook is the tool's own hook, as .pre-commit-hooks.yaml defines it
    (tool_hook,) = loaded(REPO / ".pre-commit-hooks.yaml")
    assert {key: hook[key] for key in tool_hook if key != "description"} == {
        key: value for key, value in tool_hook.items() if key != "description"}


def test_tool_repo_pins_a_git_tag(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    url = "https://gitee.com/example/wuhai-green.git"
    assert init(folder, "--tool-repo", url).exit_code == 0
    requirement = f"wuhai-green @ git+{url}@v{__version__}"
    assert f'python -m pip install "{requirement}"' in (folder / WORKFLOW).read_text("utf-8")
    assert f'python -m pip install "{requirement}"' in (
        folder / ".gitlab-ci.yml").read_text("utf-8")
    assert loaded(folder / ".pre-commit-config.yaml")["repos"] == [
        {"repo": url, "rev": f"v{__version__}", "hooks": [{"id": "wuhai-validate"}]}]


def test_english_puts_english_first(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    run = init(folder, "--lang", "en")
    assert run.exit_code == 0
    assert run.stdout.startswith(f"Created a data repository in {folder} (wuhai-green ")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Wuhai City: green and organic brand progress data\n")
    assert readme.index("## The yearly routine") < readme.index("## 每年的报告流程")
    assert "WUHAI_LANG: en" in (folder / WORKFLOW).read_text(encoding="utf-8")
    chinese = (tmp_path / "zh")
    assert init(chinese).exit_code == 0
    readme = (chinese / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# 乌海市绿色有机品牌进度数据\n")
    assert readme.index("## 每年的报告流程") < readme.index("## The yearly routine")


def test_readme_gives_the_yearly_routine_in_order(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    assert init(folder).exit_code == 0
    readme = (folder / "README.md").read_text(encoding="utf-8")
    routine = readme.split("## 每年的报告流程", 1)[1].split("\n## ", 1)[0]
    steps = ["wuhai new --year", "wuhai validate", "git commit", "合并请求", "查看 CI 的结果"]
    positions = [routine.index(step) for step in steps]
    assert positions == sorted(positions)


def test_template_is_a_valid_report_once_renamed(tmp_path: Path) -> None:
    """data/progress/_template.yaml is ignored by its name; copied to a report's name it is
    a valid report of its district and year."""
    folder = tmp_path / "repo"
    assert init(folder).exit_code == 0
    template = folder / "data" / "progress" / "_template.yaml"
    match = re.search(r"复制为 (\S+?\.yaml)", template.read_text(encoding="utf-8"))
    assert match is not None
    shutil.copyfile(template, folder / "data" / "progress" / match[1])
    run = wuhai("validate", cwd=folder)
    assert run.exit_code == 0, run.stderr
    assert "1 个进度文件" in run.stdout


def test_text_files_stay_utf8_with_lf(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    assert init(folder).exit_code == 0
    attributes = (folder / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert {"*.yaml text eol=lf", "*.yml text eol=lf"} <= set(attributes)
    editorconfig = (folder / ".editorconfig").read_text(encoding="utf-8").splitlines()
    assert {"charset = utf-8", "end_of_line = lf"} <= set(editorconfig)


# --- never over what is there ---------------------------------------------------------------


def test_a_folder_that_is_not_empty_needs_force(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / "README.md").write_text("ours\n", encoding="utf-8")
    run = init(folder)
    assert run.exit_code == 2
    assert run.stderr.strip() == f"{folder} 不是空文件夹；确需写入（覆盖同名文件）请加 --force"
    assert files_under(folder) == {"README.md"}
    assert not (folder / ".git").exists()
    forced = init(folder, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert files_under(folder) == FILES
    assert (folder / "README.md").read_text(encoding="utf-8") != "ours\n"


def test_a_clone_of_an_empty_repository_counts_as_empty(tmp_path: Path) -> None:
    """Only `.git` in the folder: init writes, and leaves the repository as it is."""
    folder = tmp_path / "clone"
    folder.mkdir()
    git(folder, "init", "-q")
    head = (folder / ".git" / "HEAD").read_bytes()
    run = init(folder)
    assert run.exit_code == 0, run.stderr
    assert "git init" not in run.stdout
    assert (folder / ".git" / "HEAD").read_bytes() == head


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    run = init(target, "--force")
    assert run.exit_code == 2
    assert run.stderr.strip() == f"{target} 是文件，不是文件夹"
    assert target.read_text(encoding="utf-8") == "x"


def test_a_broken_plan_is_not_copied(tmp_path: Path) -> None:
    bad_plan = tmp_path / "plan.yaml"
    bad_plan.write_text(PLAN.read_text(encoding="utf-8").replace(
        "schema: wuhai-green/plan@1", "schema: other"), encoding="utf-8")
    folder = tmp_path / "repo"
    run = init(folder, "--plan", bad_plan)
    assert run.exit_code == 2
    assert "plan.yaml:" in run.stderr and "Traceback" not in run.stderr
    assert not folder.exists()


# --- the CI files against the schemas of GitHub and GitLab ------------------------------------


def check_jsonschema(schema: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with its vendored schema (no network)."""
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                           *map(str, paths)], capture_output=True, text=True, timeout=120,
                          check=False)


def test_ci_files_validate_against_the_vendored_schemas(tmp_path: Path) -> None:
    """Both installs (package index, git tag): the GitHub workflow and the GitLab CI file
    pass the schemas check-jsonschema vendors; a broken workflow does not."""
    index, tagged = tmp_path / "index", tmp_path / "tagged"
    assert init(index).exit_code == 0
    assert init(tagged, "--tool-repo", "https://gitee.com/example/wuhai-green.git").exit_code == 0
    for schema, name in (("vendor.github-workflows", WORKFLOW),
                         ("vendor.gitlab-ci", ".gitlab-ci.yml")):
        result = check_jsonschema(schema, index / name, tagged / name)
        assert result.returncode == 0, result.stdout + result.stderr
    broken = index / WORKFLOW
    broken.write_text(broken.read_text(encoding="utf-8").replace("runs-on:", "run-on:"),
                      encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", broken).returncode == 1


def test_workflow_passes_event_values_through_env(tmp_path: Path) -> None:
    """No `${{ … }}` inside a `run:` script (a branch name could inject shell code)."""
    folder = tmp_path / "repo"
    assert init(folder).exit_code == 0
    workflow = loaded(folder / WORKFLOW)
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    assert all("${{" not in step.get("run", "") for step in steps)
    check = next(step for step in steps if "wuhai check" in step.get("run", ""))
    assert check["env"] == {"EVENT": "${{ github.event_name }}",
                            "BASE_REF": "${{ github.base_ref }}",
                            "BEFORE": "${{ github.event.before }}"}
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0


# --- the real thing: new, validate, commits, check --changed-since ------------------------------


def certificates(tonnes: int) -> str:
    return (cert("LB-HN-1", "green_food", "2025-03-01", tonnes)
            + cert("MT-HN-1", "famous_product", "2025-04-01")
            + cert("MT-HN-2", "famous_product", "2025-05-01"))


def fill(report: Path, tonnes: int) -> None:
    """The template of `wuhai new`, its certificates filled in."""
    text = report.read_text(encoding="utf-8")
    report.write_text(re.sub(r"(?m)^certificates:\n(?:[ -].*\n)*",
                             "certificates:\n" + certificates(tonnes), text, count=1),
                      encoding="utf-8")


def check_since(repo: Path, ref: str, *args: str) -> Any:
    return wuhai("check", "--year", "2025", "--format", "github", "--changed-since", ref, *args,
                 cwd=repo)


def workflow_script(repo: Path) -> str:
    steps = loaded(repo / WORKFLOW)["jobs"]["check"]["steps"]
    script: str = next(step["run"] for step in steps if "wuhai check" in step.get("run", ""))
    return script


def run_workflow(repo: Path, bin_folder: Path, event: str, before: str = "") -> Any:
    """The workflow's check step as bash runs it on GitHub, with a `wuhai` pinned to 2025."""
    environment = {**os.environ, "EVENT": event, "BASE_REF": "", "BEFORE": before,
                   "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}", "COLUMNS": "250"}
    environment.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(["bash", "-e", "-c", workflow_script(repo)], cwd=repo,
                          env=environment, capture_output=True, text=True, timeout=120,
                          check=False)


@pytest.fixture
def pinned_wuhai(tmp_path: Path) -> Path:
    """A `wuhai` on PATH that runs this checkout's tool for the year 2025."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "wuhai"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m wuhai_green "$@" --year 2025\n',
                      encoding="utf-8")
    script.chmod(0o755)
    return folder


def test_a_repository_from_init_to_ci(tmp_path: Path, pinned_wuhai: Path) -> None:
    repo = tmp_path / "repo"
    assert init(repo).exit_code == 0
    new = wuhai("new", "--year", "2025", "--district", "hainan", cwd=repo)
    assert new.exit_code == 0, new.stderr
    report = repo / REPORT
    fill(report, 150)
    assert wuhai("validate", cwd=repo).exit_code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "海南区 2025 年进度报告")
    # The first commit: nothing to compare with, so nothing was made worse (the other
    # districts are behind: warnings only).
    first = run_workflow(repo, pinned_wuhai, "push", "0" * 40)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "::warning file=data/plan.yaml" in first.stdout
    assert "::error" not in first.stdout

    # A change that makes 海南区 fall behind: 150 → 60 t of 150 (40 %), met → behind.
    fill(report, 60)
    git(repo, "commit", "-q", "-am", "海南区 产量更正")
    worse = check_since(repo, "HEAD~1")
    assert worse.exit_code == 1, worse.stdout + worse.stderr
    annotations = parse_github(worse.stdout)
    errors = [a for a in annotations if a.level == "error"]
    certificate_line = report.read_text(encoding="utf-8").splitlines().index(
        "  - id: LB-HN-1") + 1
    assert [(a.file, a.line, a.message) for a in errors] == [
        (REPORT, certificate_line,
         "海南区 新增绿色有机食品认证 150 → 60 吨, 达标 → 滞后（本次修改使状态变差）"),
        (None, None, "检查未通过。与 HEAD~1 相比，本次修改使 1 项状态变差："
                     "海南区 新增绿色有机食品认证 150 → 60 吨, 达标 → 滞后。")]
    # the city moved too, but it was behind already: a notice on the same record
    assert [(a.file, a.line) for a in annotations if a.level == "notice"] == [
        (REPORT, certificate_line)]
    before = git(repo, "rev-parse", "HEAD~1").strip()
    pushed = run_workflow(repo, pinned_wuhai, "push", before)
    assert pushed.returncode == 1
    assert pushed.stdout == worse.stdout.replace("与 HEAD~1 相比", f"与 {before[:12]} 相比")

    # A change that moves nothing: an activity. 海南区 is behind now, and so are the others:
    # warnings, exit 0.
    report.write_text(report.read_text(encoding="utf-8").replace(
        "activities:\n", "activities:\n  - type: exchange_meeting\n    date: 2025-05-20\n"
                         "    title: 交流座谈会\n"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "海南区 交流座谈会")
    same = check_since(repo, "HEAD~1")
    assert same.exit_code == 0, same.stdout + same.stderr
    levels = {a.level for a in parse_github(same.stdout)}
    assert levels == {"warning"}
    behind = [a for a in parse_github(same.stdout) if a.message.startswith("海南区 新增绿色")]
    assert [(a.file, a.line) for a in behind] == [("data/plan.yaml", plan_line(repo, "海南区"))]
    # a new branch's first push (before is all zeros): the previous commit is the base
    assert run_workflow(repo, pinned_wuhai, "push", "0" * 40).returncode == 0
    # without --changed-since every row is judged: 海南区 is behind, the check fails
    assert wuhai("check", "--year", "2025", cwd=repo).exit_code == 1


def plan_line(repo: Path, district: str) -> int:
    lines = (repo / "data" / "plan.yaml").read_text(encoding="utf-8").splitlines()
    start = lines.index(f"    - name: {district}")
    return next(number for number in range(start, len(lines))
                if lines[number].strip().startswith("certified_output: {")) + 1


# --- pre-commit with the generated configuration ----------------------------------------------


def tool_clone(folder: Path) -> Path:
    """This checkout's tool as a git repository tagged v<version> (pre-commit clones it)."""
    folder.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copyfile(REPO / name, folder / name)
    shutil.copytree(REPO / "src", folder / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "the tool")
    git(folder, "tag", f"v{__version__}")
    return folder


def pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "WUHAI_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files",
                           "--color", "never"], cwd=repo, env=environment, capture_output=True,
                          text=True, timeout=900, check=False)


def test_pre_commit_runs_the_generated_configuration(tmp_path: Path) -> None:
    """The generated configuration as written, with the tool's repository a local clone:
    pre-commit installs the hook from it (at tag v<version>) and runs `wuhai validate`."""
    tool = tool_clone(tmp_path / "tool")
    repo = tmp_path / "repo"
    assert init(repo, "--tool-repo", str(tool)).exit_code == 0
    assert loaded(repo / ".pre-commit-config.yaml")["repos"][0]["repo"] == str(tool.resolve())
    assert wuhai("new", "--year", "2025", "--district", "hainan", cwd=repo).exit_code == 0
    fill(repo / REPORT, 150)
    git(repo, "add", "-A")
    good = pre_commit(repo, tmp_path / "pre-commit-home")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"wuhai validate .*\.+Passed", good.stdout)
    (repo / REPORT).write_text((repo / REPORT).read_text(encoding="utf-8").replace(
        "output_tonnes: 150", "output_tonnes: 150吨"), encoding="utf-8")
    git(repo, "add", "-A")
    bad = pre_commit(repo, tmp_path / "pre-commit-home")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert re.search(r"wuhai validate .*\.+Failed", bad.stdout)
    assert f"{REPORT}:" in bad.stdout and "150吨" in bad.stdout
