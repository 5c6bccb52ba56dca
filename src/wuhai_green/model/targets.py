"""Adjusted targets: written by `wuhai adjust --write`, tracked by `wuhai status --targets`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from wuhai_green.core.metrics import AdjustRow, TargetOverrides
from wuhai_green.core.numbers import plain
from wuhai_green.core.problems import DataError
from wuhai_green.load.reading import read_yaml
from wuhai_green.load.validate import validate
from wuhai_green.model.fields import IsoDate, Quantity, Text, Year
from wuhai_green.model.plan import Plan

TARGETS_SCHEMA = "wuhai-green/targets@1"


class TargetsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_: Text = Field(alias="schema")
    year: Year
    based_on: Year
    generated_on: IsoDate | None = None
    unit: Text = "t"
    targets: dict[Text, dict[Text, Quantity]]


def targets_yaml(rows: list[AdjustRow], year: int, today: date) -> str:
    """The adjusted cumulative targets as YAML (tonnes and counts), one area a block."""
    lines = [
        "# Adjusted cumulative targets written by `wuhai adjust --write`.",
        "# `wuhai status --targets FILE` tracks against them instead of the plan's for this year.",
        f"schema: {TARGETS_SCHEMA}",
        f"year: {year}",
        f"based_on: {year - 1}",
        f"generated_on: {today.isoformat()}",
        "unit: t",
        "targets:",
    ]
    by_area: dict[str, list[AdjustRow]] = {}
    for row in rows:
        by_area.setdefault(row.area.name, []).append(row)
    for area, area_rows in by_area.items():
        lines.append(f"  {area}:")
        lines += [f"    {row.indicator.id}: {plain(row.adjusted_target)}" for row in area_rows]
    return "\n".join(lines) + "\n"


def load_targets(plan: Plan, path: Path) -> tuple[TargetsFile, TargetOverrides]:
    """Read an adjusted-targets file; check its areas, indicators and year against the plan."""
    located = read_yaml(path)
    data, problems = validate(TargetsFile, located)
    if data is None:
        raise DataError(problems)
    if data.schema_ != TARGETS_SCHEMA:
        problems.append(located.problem(("schema",), "targets.schema", expected=TARGETS_SCHEMA))
    period = plan.data.period
    if not period.start <= data.year <= period.end:
        problems.append(located.problem(("year",), "cli.year_outside", year=data.year,
                                        start=period.start, end=period.end))
    unit = plan.data.units.get(data.unit)
    if unit is None or unit.tonnes is None:
        problems.append(located.problem(("unit",), "targets.unit", unit=data.unit,
                                        known=", ".join(k for k, u in plan.data.units.items()
                                                        if u.tonnes is not None)))
        raise DataError(problems)
    overrides: dict[tuple[str, str, int], Decimal] = {}
    for area_name, figures in data.targets.items():
        area = plan.find_area(area_name)
        if area is None:
            problems.append(located.problem(("targets", area_name), "targets.unknown_area",
                                            at_key=True, area=area_name))
            continue
        for indicator_id, value in figures.items():
            if indicator_id not in plan.indicators:
                problems.append(located.problem(("targets", area_name, indicator_id),
                                                "plan.unknown_indicator", at_key=True,
                                                indicator=indicator_id,
                                                known=", ".join(plan.indicators)))
                continue
            in_tonnes = plan.measured_in_tonnes(plan.indicators[indicator_id])
            overrides[(area.name, indicator_id, data.year)] = (
                value * unit.tonnes if in_tonnes else value)
    if problems:
        raise DataError(problems)
    return data, overrides
