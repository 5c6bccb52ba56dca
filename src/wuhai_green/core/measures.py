"""How an indicator or a goal measures certificates: tonnes of output, or a count.

This is the one place that knows the kinds of measure; everything else asks a `Measure`
for what differs (how records add up, whether amounts come in whole units, the unit of
its figures in JSON), so a third kind touches this module only (and the display of it).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from wuhai_green.model.plan import Goal, Indicator, Plan

ZERO = Decimal(0)


class Measured(Protocol):
    @property
    def output_tonnes(self) -> Decimal | None: ...


class Measure(StrEnum):
    OUTPUT = "output"  # tonnes of certified output
    COUNT = "count"  # a number of certificates or products

    @property
    def in_tonnes(self) -> bool:
        return self is Measure.OUTPUT

    @property
    def whole_units(self) -> bool:
        """Amounts come in whole units: a plan's 2/3 of a product a year is one product."""
        return self is Measure.COUNT

    def total(self, records: Iterable[Measured]) -> Decimal:
        if self is Measure.OUTPUT:
            return sum((record.output_tonnes or ZERO for record in records), ZERO)
        return Decimal(sum(1 for _ in records))

    def unit_id(self, plan_unit: str) -> str:
        """The unit of a figure in JSON: tonnes for output, else the plan's unit id."""
        return "t" if self is Measure.OUTPUT else plan_unit


def measure_of(plan: Plan, indicator: Indicator) -> Measure:
    """An indicator written in a unit that converts to tonnes measures output."""
    return Measure.OUTPUT if plan.tonnes_per_unit(indicator) is not None else Measure.COUNT


def goal_measure(goal: Goal) -> Measure:
    return Measure(goal.measure)
