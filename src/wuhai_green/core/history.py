"""The figures of the plan's years, as the yearly report draws and lists them
(docs/definitions.md): each area's cumulative target, achieved and projection per year;
each goal's stock over the years and what it becomes if the lapses due are not renewed;
who has reported which year.

Pure like `metrics`: the report's charts and tables only turn these into pictures and cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from wuhai_green.core import metrics
from wuhai_green.core.dates import ONE_DAY, year_end
from wuhai_green.core.measures import goal_measure
from wuhai_green.core.query import Query
from wuhai_green.core.register import Certificate, Register
from wuhai_green.model.plan import Area, Goal, Indicator, Plan


def plan_years(plan: Plan) -> tuple[int, ...]:
    """The baseline year and every year of the period."""
    period = plan.data.period
    return tuple(range(period.baseline_year, period.end + 1))


# --- an area's indicator over the years -----------------------------------------------------


@dataclass(frozen=True)
class Trajectory:
    """An area's indicator over the plan's years (one value per year of `years`).

    `achieved` runs to the query's year (its last value taken at `as_of`); `projected`
    starts there, at the same value, and runs to the plan's end at the pace so far; both
    are None outside their years.
    """

    area: Area
    indicator: Indicator
    years: tuple[int, ...]
    targets: tuple[metrics.Target, ...]
    achieved: tuple[Decimal | None, ...]
    projected: tuple[Decimal | None, ...]

    @property
    def has_projection(self) -> bool:
        """Whether a year of the plan lies ahead of the query's year (a line to draw)."""
        return sum(value is not None for value in self.projected) > 1


def trajectory(query: Query, area: Area, indicator: Indicator) -> Trajectory:
    plan, register, year, as_of = query.plan, query.register, query.year, query.as_of
    years = plan_years(plan)
    targets = tuple(query.targets.of(area, indicator, each) for each in years)
    now = metrics.achieved(plan, register, area, indicator, as_of)
    achieved: list[Decimal | None] = []
    projected: list[Decimal | None] = []
    for each in years:
        if each < year:
            achieved.append(metrics.achieved(plan, register, area, indicator, year_end(each)))
            projected.append(None)
        elif each == year:
            achieved.append(now)
            projected.append(now)
        else:
            achieved.append(None)
            projected.append(metrics.projected(plan, now, as_of, each))
    return Trajectory(area, indicator, years, targets, tuple(achieved), tuple(projected))


def trajectories(query: Query, indicator: Indicator) -> list[Trajectory]:
    """The trajectory of every area asked for (districts first, then the city)."""
    return [trajectory(query, area, indicator) for area in query.areas]


# --- a goal's stock over the years ----------------------------------------------------------


def in_force_as_known(record: Certificate, on: date, known_on: date) -> bool:
    """Whether a record is in force on `on` as the files stood on `known_on`: a record
    issued later is not yet there, and a renewal or an end dated later is not yet known
    (so a record lapses at its expiry unless a renewal on file by then says otherwise)."""
    if record.issued > known_on:
        return False
    end = record.expires
    if record.ended_on is not None and record.ended_on <= known_on:
        end = min(end, record.ended_on)
    if record.renewed_on is not None and record.renewed_on <= known_on:
        end = min(end, record.renewed_on - ONE_DAY)
    return record.issued <= on <= end


def stock_as_known(query: Query, area: Area, goal: Goal, on: date) -> metrics.Stock:
    """The stock on `on` as the files stood on the query's `as_of` (the stock of DESIGN §5
    where `on` ≤ `as_of`; after it, the stock if nothing due is renewed and nothing is
    added). The baseline block, where there is one, never lapses."""
    plan, register = query.plan, query.register
    wanted = set(goal.certificate_types)
    counted = tuple(record for record in metrics.records_in(register, area)
                    if record.type in wanted and not record.renews_baseline
                    and in_force_as_known(record, on, query.as_of))
    block = metrics.stock(plan, register, area, goal, on).block
    return metrics.Stock(goal_measure(goal).total(counted) + (block or metrics.ZERO), counted,
                         block)


@dataclass(frozen=True)
class GoalHistory:
    """A goal's stock at the end of each of the plan's years (at `as_of` in the query's
    year) and, from the query's year on, what it becomes if the lapses due are not
    renewed; with the band it is measured against and the records that lapse."""

    goal: Goal
    years: tuple[int, ...]
    stock: tuple[Decimal | None, ...]
    unrenewed: tuple[Decimal | None, ...]
    lower: Decimal
    upper: Decimal | None
    lapsing: tuple[Certificate, ...]  # counted at as_of, lapsing by the plan's end, no renewal
    lapsing_amount: Decimal

    @property
    def has_outlook(self) -> bool:
        return sum(value is not None for value in self.unrenewed) > 1


def goal_history(query: Query, goal: Goal) -> GoalHistory:
    plan, year, as_of = query.plan, query.year, query.as_of
    years = plan_years(plan)
    root = plan.root
    stock: list[Decimal | None] = []
    unrenewed: list[Decimal | None] = []
    for each in years:
        on = as_of if each == year else year_end(each)
        value = stock_as_known(query, root, goal, on).value
        stock.append(value if each <= year else None)
        unrenewed.append(value if each >= year else None)
    counted = stock_as_known(query, root, goal, as_of).records
    lapsing = tuple(metrics.lapsing(counted, as_of + timedelta(days=1),
                                    year_end(plan.data.period.end), known_on=as_of))
    lower, upper = metrics.goal_band(plan, goal)
    return GoalHistory(goal, years, tuple(stock), tuple(unrenewed), lower, upper, lapsing,
                       goal_measure(goal).total(lapsing))


def goal_histories(query: Query) -> list[GoalHistory]:
    return [goal_history(query, goal) for goal in query.plan.data.goals]


# --- who has reported -----------------------------------------------------------------------

Reported = Literal["reported", "missing", "not_due"]


@dataclass(frozen=True)
class Reporting:
    """Whether a district has reported a year: a report names it (`reported`), the year is
    over and none does (`missing`, DESIGN §5 missing reports), or the year is not over."""

    district: Area
    year: int
    state: Reported


def reporting(plan: Plan, register: Register, year: int, today: date) -> list[Reporting]:
    """Every district and every year from the period's start to `year`, by district."""
    missing = set(metrics.missing_reports(plan, register, year, today))
    found = []
    for district in plan.districts:
        for each in range(plan.data.period.start, year + 1):
            state: Reported = ("reported" if (district.name, each) in register.reported
                               else "missing" if (district.name, each) in missing
                               else "not_due")
            found.append(Reporting(district, each, state))
    return found
