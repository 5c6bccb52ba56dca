"""What a command asks about: the plan and the register, a year, the date the figures are
taken at, and the areas to show. Built once by a command, passed to every computation."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from wuhai_green.core.metrics import TargetOverrides, Targets
from wuhai_green.core.register import Register
from wuhai_green.model.plan import Area, Plan


@dataclass(frozen=True)
class Query:
    plan: Plan
    register: Register
    year: int
    as_of: date
    areas: tuple[Area, ...]  # the districts asked for, then the city (or one area)
    overrides: TargetOverrides = field(default_factory=dict)  # adjusted targets, if any
    today: date | None = None  # for what is due by now (missing reports); None: not asked

    @property
    def targets(self) -> Targets:
        return Targets(self.plan, self.overrides)

    def everywhere(self) -> Query:
        """The same question for every district and the city."""
        plan = self.plan
        return replace(self, areas=(*plan.districts, plan.root))
