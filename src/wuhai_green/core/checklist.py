"""The plan's tasks and measures as a yearly checklist, from the reports' activities.

Pure functions, like `metrics`: no I/O, no printing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from wuhai_green.core.dates import year_end
from wuhai_green.core.query import Query
from wuhai_green.core.register import Activity, Register
from wuhai_green.model.plan import Area, Plan, leaves
from wuhai_green.model.progress import (
    ACTIVITY_TYPES,
    BaseCreation,
    BrandPlan,
    FailedBatch,
    Sampling,
)

BrandPlanStatus = Literal["on_time", "late", "missing", "not_due", "not_applicable"]
# Bases created after the layout (三) and the supervision of 五（二）and 五（四）: a table of
# their own, so that each of the two tables of counts fits an 80-column terminal.
SUPERVISED = ("base_creation", "supervision", "inspection", "monitoring_plan")
COUNTED = tuple(kind for kind in ACTIVITY_TYPES
                if kind not in ("brand_plan", "exchange_meeting", "sampling", *SUPERVISED))


@dataclass(frozen=True)
class BrandPlanCheck:
    status: BrandPlanStatus
    due: date | None
    submitted: date | None


@dataclass(frozen=True)
class SamplingSummary:
    batches: int
    passed: int
    failed: int
    penalties: int
    failures: tuple[tuple[Activity, FailedBatch], ...]

    @property
    def pass_rate(self) -> Decimal | None:
        return None if self.batches == 0 else Decimal(self.passed) / Decimal(self.batches)


@dataclass(frozen=True)
class Base:
    """A production base created (section 三), and whether its product is one of the
    district's layout."""

    product: str
    date: date
    in_layout: bool


@dataclass(frozen=True)
class DistrictTasks:
    area: Area
    brand_plan: BrandPlanCheck
    counts: dict[str, int]
    sampling: SamplingSummary
    supervised: dict[str, int] = field(default_factory=dict)  # the kinds of SUPERVISED
    bases: tuple[Base, ...] = ()  # created up to the end of the year, oldest first

    @property
    def layout_missing(self) -> tuple[str, ...]:
        """The products of the layout with no base created yet."""
        created = {base.product for base in self.bases}
        products = self.area.layout.products if self.area.layout else []
        return tuple(product for product in products if product not in created)


@dataclass(frozen=True)
class Meetings:
    held: tuple[Activity, ...]  # this year's exchange meetings
    per_year: int  # how many the plan asks for a year
    missing: bool  # fewer than that this year
    repeated_hosts: tuple[str, ...]  # hosts again before every district has hosted


def brand_plan_check(plan: Plan, register: Register, area: Area, year: int) -> BrandPlanCheck:
    """On time, late or missing against the due date of the plan's brand_plan task."""
    task = plan.task_recorded_by("brand_plan")
    due = task.due if task else None
    submitted = sorted(a.entry.date for a in register.activities
                       if isinstance(a.entry, BrandPlan) and a.district == area.name
                       and a.entry.date <= year_end(year))
    if submitted:
        first = submitted[0]
        return BrandPlanCheck("late" if due is not None and first > due else "on_time", due, first)
    if due is None or due > year_end(year):
        return BrandPlanCheck("not_due", due, None)
    return BrandPlanCheck("missing", due, None)


def sampling_summary(activities: list[Activity]) -> SamplingSummary:
    rounds = [(activity, activity.entry) for activity in activities
              if isinstance(activity.entry, Sampling)]
    return SamplingSummary(
        batches=sum(entry.batches for _, entry in rounds),
        passed=sum(entry.passed for _, entry in rounds),
        failed=sum(entry.failed for _, entry in rounds),
        penalties=sum(entry.penalties for _, entry in rounds),
        failures=tuple((activity, failure) for activity, entry in rounds
                       for failure in entry.failures),
    )


def district_tasks(plan: Plan, register: Register, area: Area, year: int) -> DistrictTasks:
    """What an area did in the year (the city: what it recorded as its own)."""
    mine = [a for a in register.activities if a.year == year and a.district == area.name]
    counts = Counter(str(a.entry.type) for a in mine)
    brand = (brand_plan_check(plan, register, area, year) if not area.children
             else BrandPlanCheck("not_applicable", None, None))
    return DistrictTasks(area, brand, {kind: counts.get(kind, 0) for kind in COUNTED},
                         sampling_summary(mine),
                         {kind: counts.get(kind, 0) for kind in SUPERVISED},
                         bases(register, area, year))


def bases(register: Register, area: Area, year: int) -> tuple[Base, ...]:
    """The bases an area created up to the end of the year, against its layout (三)."""
    layout = set(area.layout.products) if area.layout else set()
    created = sorted((a.entry for a in register.activities
                      if isinstance(a.entry, BaseCreation) and a.district == area.name
                      and a.year <= year), key=lambda entry: entry.date)
    return tuple(Base(entry.product, entry.date, entry.product in layout) for entry in created)


def checklist(query: Query) -> list[DistrictTasks]:
    """The checklist of every district of the areas asked for, each once."""
    districts = {leaf.name: leaf for area in query.areas for leaf in leaves(area)}
    return [district_tasks(query.plan, query.register, area, query.year)
            for area in districts.values()]


def city_tasks(query: Query) -> DistrictTasks | None:
    """What the city recorded as its own in the year (the measures it carries out), when the
    city is asked for and recorded anything."""
    root = query.plan.root
    if not any(area.name == root.name for area in query.areas):
        return None
    if not any(a.district == root.name and a.year == query.year
               for a in query.register.activities):
        return None
    return district_tasks(query.plan, query.register, root, query.year)


def meetings(plan: Plan, register: Register, year: int) -> Meetings:
    """This year's exchange meetings, and hosts repeating before every district has hosted."""
    # One meeting reported by several districts is one meeting: same date, same host.
    unique = {(a.entry.date, a.host): a for a in register.activities
              if a.entry.type == "exchange_meeting" and a.year <= year}
    every = sorted(unique.values(), key=lambda a: a.entry.date)
    districts = {d.name for d in plan.districts}
    hosted: set[str] = set()
    repeated = []
    for meeting in every:
        host = meeting.host or ""
        if host in hosted and meeting.year == year:
            repeated.append(host)
        hosted.add(host)
        if districts <= hosted:  # a new round of the rotation begins
            hosted = set()
    held = tuple(a for a in every if a.year == year)
    per_year = meetings_per_year(plan)
    return Meetings(held, per_year, len(held) < per_year, tuple(repeated))


def meetings_per_year(plan: Plan) -> int:
    """The yearly exchange meetings the plan's measure asks for (one where it says nothing)."""
    for work in plan.recording("exchange_meeting"):
        if work.frequency is not None:
            return work.frequency.per_year
    return 1
