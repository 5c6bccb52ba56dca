"""Reading an adjusted-targets file (`wuhai status --targets FILE`): the safe reader, the
model, the rules of `checks.targets`, then the targets in tonnes (or counts)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from wuhai_green.checks.targets import TARGETS_CHECKS
from wuhai_green.core.measures import measure_of
from wuhai_green.core.metrics import TargetOverrides
from wuhai_green.core.problems import DataError
from wuhai_green.load.reading import read_yaml
from wuhai_green.load.validate import refused_keys, validate
from wuhai_green.model.plan import Plan
from wuhai_green.model.targets import TargetsFile


def load_targets(plan: Plan, path: Path) -> tuple[TargetsFile, TargetOverrides]:
    """Read an adjusted-targets file; check its areas, indicators and year against the plan."""
    located = read_yaml(path, refused=refused_keys(TargetsFile))
    data, problems = validate(TargetsFile, located)
    if data is None:
        raise DataError(problems)
    problems = [problem for check in TARGETS_CHECKS for problem in check(plan, data, located)]
    if problems:
        raise DataError(problems)
    factor = plan.data.units[data.unit].tonnes or Decimal(1)
    overrides: dict[tuple[str, str, int], Decimal] = {}
    for area_name, figures in data.targets.items():
        area = plan.find_area(area_name)
        name = area.name if area is not None else area_name  # an alias stands for its name
        for indicator_id, value in figures.items():
            in_tonnes = measure_of(plan, plan.indicators[indicator_id]).in_tonnes
            overrides[(name, indicator_id, data.year)] = value * factor if in_tonnes else value
    return data, overrides
