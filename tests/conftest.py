"""Shared fixtures: the repository, the real plan, and a CLI runner with stdout and stderr apart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from typer.testing import CliRunner

from wuhai_green.cli import app
from wuhai_green.load.plan import load_plan
from wuhai_green.model.plan import Plan

REPO_ROOT = Path(__file__).resolve().parent.parent
FAULTY_PLANS = Path(__file__).resolve().parent / "data" / "plans"


class CliResult(NamedTuple):
    exit_code: int
    stdout: str
    stderr: str


RunCli = Callable[..., CliResult]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def plan_path(repo_root: Path) -> Path:
    return repo_root / "data" / "plan.yaml"


@pytest.fixture(scope="session")
def plan(plan_path: Path) -> Plan:
    return load_plan(plan_path)


@pytest.fixture
def run_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run `wuhai ARGS` in an empty working folder with none of the WUHAI_* variables set.

    typer's CliRunner (typer >= 0.29, its own click fork) always keeps stdout and stderr
    apart, so `stderr` holds exactly what the command wrote there. A wide terminal keeps
    rich from folding table cells.
    """
    monkeypatch.chdir(tmp_path)
    for name in ("WUHAI_PLAN", "WUHAI_PROGRESS", "WUHAI_LANG", "WUHAI_MAX_FILE_MB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "250")
    runner = CliRunner()

    def run(*args: str | Path) -> CliResult:
        result = runner.invoke(app, [str(arg) for arg in args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            # an exception escaped the CLI's error handling: a bug, show it rather than exit 1
            raise AssertionError(f"wuhai {args} raised {result.exception!r}") from result.exception
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run
