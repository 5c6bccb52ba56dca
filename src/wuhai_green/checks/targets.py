"""The rules of an adjusted-targets file against the plan: its schema, its year, its unit,
every area and indicator it names; and the plan's own checks (issue 11 §3): every area
there, each area with districts the sum of its districts (plus its goal extra), counts
whole, the year it is based on the year before."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from wuhai_green.core.measures import measure_of
from wuhai_green.core.problems import Problem
from wuhai_green.model.marks import Source
from wuhai_green.model.plan import Area, Plan, walk
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


def targets_based_on(plan: Plan, data: TargetsFile, source: Source) -> list[Problem]:
    """A year's adjusted targets rest on the data up to the end of the year before."""
    if data.based_on == data.year - 1:
        return []
    return [Problem.at(source, ("based_on",), "targets.based_on", based_on=data.based_on,
                       year=data.year, expected=data.year - 1)]


def _written(plan: Plan, data: TargetsFile) -> dict[str, list[str]]:
    """The names each area of the plan is written under in `targets` (its name or an alias),
    in file order."""
    written: dict[str, list[str]] = {}
    for given in data.targets:
        area = plan.find_area(given)
        if area is not None:
            written.setdefault(area.name, []).append(given)
    return written


def targets_complete(plan: Plan, data: TargetsFile, source: Source) -> list[Problem]:
    """Every area of the plan is there once, with a figure for every indicator."""
    problems = []
    written = _written(plan, data)
    for area in walk(plan.root):
        names = written.get(area.name)
        if not names:
            problems.append(Problem.at(source, ("targets",), "targets.missing_area", at_key=True,
                                       area=area.name))
            continue
        problems += [Problem.at(source, ("targets", again), "targets.repeated_area", at_key=True,
                                area=area.name, first=names[0], second=again)
                     for again in names[1:]]
        problems += [Problem.at(source, ("targets", names[0]), "targets.missing_indicator",
                                at_key=True, area=area.name, indicator=indicator_id)
                     for indicator_id in plan.indicators
                     if indicator_id not in data.targets[names[0]]]
    return problems


def targets_whole(plan: Plan, data: TargetsFile, source: Source) -> list[Problem]:
    """A count indicator's figures are whole numbers."""
    problems = []
    for section in ("targets", "goal_extra"):
        for given, figures in getattr(data, section).items():
            for indicator_id, value in figures.items():
                indicator = plan.indicators.get(indicator_id)
                if indicator is None or not measure_of(plan, indicator).whole_units:
                    continue
                if value != value.to_integral_value():
                    problems.append(Problem.at(source, (section, given, indicator_id),
                                               "targets.not_whole", indicator=indicator_id,
                                               value=value))
    return problems


def targets_goal_extra(plan: Plan, data: TargetsFile, source: Source) -> list[Problem]:
    """A goal extra belongs to an area made of districts, on an indicator of the plan."""
    problems = []
    for given, figures in data.goal_extra.items():
        area = plan.find_area(given)
        path = ("goal_extra", given)
        if area is None:
            problems.append(Problem.at(source, path, "targets.unknown_area", at_key=True,
                                       area=given))
            continue
        if not area.children:
            problems.append(Problem.at(source, path, "targets.extra_of_district", at_key=True,
                                       area=area.name))
        problems += [Problem.at(source, (*path, indicator_id), "plan.unknown_indicator",
                                at_key=True, indicator=indicator_id,
                                known=", ".join(plan.indicators))
                     for indicator_id in figures if indicator_id not in plan.indicators]
    return problems


def targets_sums(plan: Plan, data: TargetsFile, source: Source) -> list[Problem]:
    """Each area with districts is their exact sum, plus its goal extra: every sum whose
    figures are all there."""
    written = _written(plan, data)
    extras = {area.name: figures for given, figures in data.goal_extra.items()
              if (area := plan.find_area(given)) is not None}

    def figure(area: Area, indicator_id: str) -> tuple[str, Decimal] | None:
        names = written.get(area.name)
        if not names or indicator_id not in data.targets[names[0]]:
            return None
        return names[0], data.targets[names[0]][indicator_id]

    problems = []
    for area in walk(plan.root):
        for indicator_id in plan.indicators:
            total = figure(area, indicator_id)
            parts = [figure(child, indicator_id) for child in area.children]
            if not area.children or total is None or None in parts:
                continue
            parts_sum = sum((part[1] for part in parts if part is not None), Decimal(0))
            extra = extras.get(area.name, {}).get(indicator_id, Decimal(0))
            if parts_sum + extra == total[1]:
                continue
            where = ("targets", total[0], indicator_id)
            if extra:
                problems.append(Problem.at(source, where, "targets.sum_mismatch_extra",
                                           area=area.name, indicator=indicator_id,
                                           value=total[1], parts=parts_sum, extra=extra,
                                           total=parts_sum + extra))
            else:
                problems.append(Problem.at(source, where, "targets.sum_mismatch", area=area.name,
                                           indicator=indicator_id, value=total[1],
                                           total=parts_sum))
    return problems


TARGETS_CHECKS: tuple[TargetsCheck, ...] = (targets_schema, targets_year, targets_based_on,
                                            targets_unit, targets_names, targets_complete,
                                            targets_whole, targets_goal_extra, targets_sums)
