"""The rules of an adjusted-targets file against the plan: its schema, its year, its unit,
and every area and indicator it names."""

from __future__ import annotations

from collections.abc import Callable

from wuhai_green.core.problems import Problem
from wuhai_green.model.marks import Source
from wuhai_green.model.plan import Plan
from wuhai_green.model.targets import TARGETS_SCHEMA, TargetsFile

TargetsCheck = Callable[[Plan, TargetsFile, Source], list[Problem]]


def targets_schema(plan: Plan, data: TargetsFile, source: Source) -> list[Problem]:
    if data.schema_ == TARGETS_SCHEMA:
        return []
    return [Problem.at(source, ("schema",), "targets.schema", expected=TARGETS_SCHEMA)]


def targets_year(plan: Plan, data: TargetsFile, source: Source) -> list[Problem]:
    period = plan.data.period
    if period.start <= data.year <= period.end:
        return []
    return [Problem.at(source, ("year",), "cli.year_outside", year=data.year,
                       start=period.start, end=period.end)]


def targets_unit(plan: Plan, data: TargetsFile, source: Source) -> list[Problem]:
    """Tonnes figures are written in a unit of the plan that converts to tonnes."""
    unit = plan.data.units.get(data.unit)
    if unit is not None and unit.tonnes is not None:
        return []
    known = ", ".join(key for key, unit in plan.data.units.items() if unit.tonnes is not None)
    return [Problem.at(source, ("unit",), "targets.unit", unit=data.unit, known=known)]


def targets_names(plan: Plan, data: TargetsFile, source: Source) -> list[Problem]:
    """Every area and every indicator named is the plan's."""
    problems = []
    for area_name, figures in data.targets.items():
        if plan.find_area(area_name) is None:
            problems.append(Problem.at(source, ("targets", area_name), "targets.unknown_area",
                                       at_key=True, area=area_name))
            continue
        problems += [Problem.at(source, ("targets", area_name, indicator_id),
                                "plan.unknown_indicator", at_key=True, indicator=indicator_id,
                                known=", ".join(plan.indicators))
                     for indicator_id in figures if indicator_id not in plan.indicators]
    return problems


TARGETS_CHECKS: tuple[TargetsCheck, ...] = (targets_schema, targets_year, targets_unit,
                                            targets_names)
