"""Where the plan comes from, and reading it: the safe reader, the models, then every
rule of `checks.plan`."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from wuhai_green.checks.plan import check_plan
from wuhai_green.core.problems import DataError, Problem, raise_if_errors
from wuhai_green.load.files import decode, display_name, file_limit_warnings, read_bytes
from wuhai_green.load.reading import read_yaml
from wuhai_green.load.validate import refused_keys, validate
from wuhai_green.model.plan import Plan, PlanFile


def shipped_plan_path() -> Path:
    return Path(str(resources.files("wuhai_green") / "data" / "plan.yaml"))


def resolve_plan_path(option: Path | None) -> Path:
    """--plan, then $WUHAI_PLAN, then ./data/plan.yaml, then the copy in the package."""
    if option is not None:
        return option
    from_env = os.environ.get("WUHAI_PLAN")
    if from_env:
        return Path(from_env)
    local = Path("data") / "plan.yaml"
    if local.is_file():
        return local
    return shipped_plan_path()


def read_plan(path: Path, name: str | None = None) -> tuple[Plan, list[Problem]]:
    """Read, validate and check a plan file: the plan and its warnings; raise `DataError`
    with every problem when there is an error. Its problems are placed in `name` (default:
    the path as a user would type it)."""
    warnings = file_limit_warnings()
    try:
        located = read_yaml(path, name, refused=refused_keys(PlanFile))
    except DataError as error:
        raise DataError([*error.problems, *warnings]) from None
    warnings += located.warnings
    data, problems = validate(PlanFile, located)
    if data is None:
        raise DataError(problems + warnings)
    problems = check_plan(data, located) + warnings
    raise_if_errors(problems)
    return Plan(data, located), problems


def plan_text(path: Path) -> str:
    """The text of a plan file, decoded as every file is read (for a copy of it)."""
    name = display_name(path)
    return decode(read_bytes(path, name), name)[0]


def load_plan(path: Path, name: str | None = None) -> Plan:
    """The plan of a file (its warnings aside); raise `DataError` on any error."""
    return read_plan(path, name)[0]
