"""The rows each command shows, computed from the definitions of `metrics`
(docs/definitions.md).

Pure like `metrics`: views only turn these rows into localized cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from wuhai_green.core import metrics
from wuhai_green.core.dates import year_end
from wuhai_green.core.measures import measure_of
from wuhai_green.core.numbers import for_json
from wuhai_green.core.query import Query
from wuhai_green.core.register import Certificate, Register
from wuhai_green.model.plan import Area, Indicator, Plan, leaves, walk

# --- status -------------------------------------------------------------------------------


class Achievements:
    """What `metrics.achieved_records` and `metrics.achieved` give for each area and
    indicator of one query, each district's records filtered once: an area's records are
    its children's one after the other (its leaves in order) and its amount the sum of
    theirs, as `metrics.achieved` sums them. A city of 300 districts read its 100,000
    records four times per indicator without it (issue 18)."""

    def __init__(self, query: Query) -> None:
        self.query = query
        self.known: dict[tuple[str, str], tuple[tuple[Certificate, ...], Decimal]] = {}

    def of(self, area: Area, indicator: Indicator) -> tuple[tuple[Certificate, ...], Decimal]:
        """The records and the amount achieved in the area by the query's as_of."""
        key = (area.name, indicator.id)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self._of(area, indicator)
        return found

    def _of(self, area: Area, indicator: Indicator) -> tuple[tuple[Certificate, ...], Decimal]:
        plan, register, as_of = self.query.plan, self.query.register, self.query.as_of
        if not area.children:
            records = tuple(metrics.achieved_records(plan, register, area, indicator, as_of))
            return records, metrics.measure(plan, indicator, records)
        parts = [self.of(child, indicator) for child in area.children]
        return (tuple(record for records, _ in parts for record in records),
                sum((amount for _, amount in parts), metrics.ZERO))


def status_row(query: Query, area: Area, indicator: Indicator,
               achievements: Achievements | None = None) -> metrics.StatusRow:
    """Where an area stands on an indicator: target, expected, achieved, gap, completion,
    status (docs/definitions.md)."""
    plan, year, as_of = query.plan, query.year, query.as_of
    goal = query.targets.of(area, indicator, year)
    records, achieved = (achievements or Achievements(query)).of(area, indicator)
    expected = query.targets.expected(area, indicator, year, as_of)
    return metrics.StatusRow(
        area=area,
        indicator=indicator,
        baseline=plan.baseline(area, indicator),
        target=goal,
        expected=expected,
        achieved=achieved,
        gap=metrics.gap(goal.amount, achieved),
        completion=metrics.completion(goal.value, achieved),
        status=metrics.status(plan, goal.value, expected, achieved),
        records=records,
        progress=metrics.progress(expected, achieved),
    )


def status_rows(query: Query) -> list[metrics.StatusRow]:
    """One row per area asked for and indicator, districts first, then the city."""
    achievements = Achievements(query)
    return [status_row(query, area, indicator, achievements)
            for area in query.areas for indicator in query.plan.data.indicators]


def goal_results(query: Query) -> list[metrics.GoalResult]:
    return [metrics.goal_result(query.plan, query.register, goal, query.as_of)
            for goal in query.plan.data.goals]


def within_year(query: Query) -> bool:
    """Whether the figures are taken before the year is over (expected differs from target)."""
    return query.as_of < year_end(query.year)


def missing_reports(query: Query) -> list[tuple[str, int]]:
    """(district, year) of each report due by today and not on file (none if not asked)."""
    if query.today is None:
        return []
    asked = {leaf.name for area in query.areas for leaf in leaves(area)}
    return [(district, year) for district, year
            in metrics.missing_reports(query.plan, query.register, query.year, query.today)
            if district in asked]


def districts_without_register(plan: Plan, register: Register) -> list[Area]:
    """The districts whose baseline is the plan's constant block (no baseline register)."""
    return [d for d in plan.districts if d.name not in register.baseline_districts]


# --- gap ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GapRow:
    area: Area
    indicator: Indicator
    milestone: int
    target: metrics.Target
    achieved: Decimal
    gap: Decimal
    years_left: int
    per_year: Decimal | None
    lapsing: tuple[Certificate, ...]
    lapsing_amount: Decimal
    projected: Decimal | None = None  # at the pace so far (metrics.projected)


def milestones_ahead(plan: Plan, as_of: date) -> list[int]:
    """Milestone years whose year end is still to come."""
    return [year for year in plan.data.period.milestones if year_end(year) > as_of]


def years_left(milestone: int, as_of: date) -> int:
    """Whole reporting years from as_of to the end of the milestone year (this one included
    while it is not over)."""
    this_year_open = 0 if as_of >= year_end(as_of.year) else 1
    return milestone - as_of.year + this_year_open


def per_year(plan: Plan, indicator: Indicator, gap: Decimal, years: int) -> Decimal | None:
    """The addition needed a year to close `gap` in `years`; for a count, whole products:
    the fewest a year that close it (2 in 3 years is 1 a year)."""
    if years <= 0:
        return None
    needed = gap / years
    return metrics.round_up(needed) if measure_of(plan, indicator).whole_units else needed


def gap_rows(query: Query) -> list[GapRow]:
    plan, register, as_of = query.plan, query.register, query.as_of
    rows = []
    for area in query.areas:
        for indicator in plan.data.indicators:
            achieved = metrics.achieved(plan, register, area, indicator, as_of)
            for milestone in milestones_ahead(plan, as_of):
                goal = metrics.target(plan, area, indicator, milestone)
                missing = metrics.gap(goal.amount, achieved)
                left = years_left(milestone, as_of)
                lapsing = tuple(metrics.lapsing(metrics.records_of(register, area, indicator),
                                                as_of + timedelta(days=1), year_end(milestone),
                                                issued_by=as_of, known_on=as_of))
                rows.append(GapRow(area, indicator, milestone, goal, achieved, missing, left,
                                   per_year(plan, indicator, missing, left), lapsing,
                                   metrics.measure(plan, indicator, lapsing),
                                   metrics.projected(plan, achieved, as_of, milestone)))
    return rows


def nearest_milestones(rows: list[GapRow]) -> list[GapRow]:
    """The first milestone ahead of each area and indicator (the one a sentence speaks of)."""
    nearest: dict[tuple[str, str], GapRow] = {}
    for row in rows:
        nearest.setdefault((row.area.name, row.indicator.id), row)
    return list(nearest.values())


# --- adjust -------------------------------------------------------------------------------


def adjust_rows(query: Query) -> list[metrics.AdjustRow]:
    """The adjustment of `query.year` for every area asked for and indicator (the city's
    rows with the extra additions its goals need)."""
    return metrics.adjustment(query.plan, query.register, query.areas, query.year).rows


@dataclass(frozen=True)
class WrittenTarget:
    """One figure of an adjusted-targets file (`adjust --write`): an area's adjusted target
    for an indicator, and the part of it that is the city's extra for its goals."""

    area: Area
    indicator: Indicator
    target: Decimal
    goal_extra: Decimal = Decimal(0)


def targets_to_write(query: Query) -> list[WrittenTarget]:
    """The adjusted targets of `query.year` as a targets file holds them, for every area of
    the plan whatever the query asks (a file of some districts would not pass the rules of
    `checks.targets`), districts first: a district's rounded as JSON shows it (6 decimal
    places, within the bound of `model.fields`), an area with children the exact sum of
    its children's as written plus its goal extra, so the file adds up as the plan does."""
    plan = query.plan
    areas = [*plan.districts, *(area for area in walk(plan.root) if area.children)]
    adjusted = {(row.area.name, row.indicator.id): row
                for row in metrics.adjustment(plan, query.register, areas, query.year).rows}
    written: dict[tuple[str, str], WrittenTarget] = {}
    for area in areas:  # children before their parents
        for indicator in plan.data.indicators:
            row = adjusted[(area.name, indicator.id)]
            if not area.children:
                figure = WrittenTarget(area, indicator, for_json(row.adjusted_target))
            else:
                extra = for_json(row.goal_extra)
                parts = sum((written[(child.name, indicator.id)].target
                             for child in area.children), Decimal(0))
                figure = WrittenTarget(area, indicator, parts + extra, extra)
            written[(area.name, indicator.id)] = figure
    return list(written.values())


def goals_outlook(query: Query) -> list[metrics.GoalOutlook]:
    """The outlook of every city goal for the adjustment of `query.year`."""
    return [metrics.goal_outlook(query.plan, query.register, goal, query.year)
            for goal in query.plan.data.goals]


def by_renewal_date(plan: Plan, records: set[Certificate] | list[Certificate]
                    ) -> list[Certificate]:
    """Records by the date their renewal must be applied for, then by id."""
    return sorted(records, key=lambda record: (metrics.apply_by(plan, record), record.id))


def lapsing_records(plan: Plan, rows: list[metrics.AdjustRow]) -> list[Certificate]:
    """Every record lapsing in the adjusted year, once, by renewal date."""
    return by_renewal_date(plan, {record for row in rows for record in row.lapsing})


# --- expiring -----------------------------------------------------------------------------


RenewalKind = Literal["renewal", "confirmation"]


@dataclass(frozen=True)
class Renewal:
    """A certificate to renew (or, under the optional rule, to confirm for the year): when
    to apply, and how many days are left."""

    record: Certificate
    apply_by: date
    overdue: bool  # the date to apply has passed
    days_to_apply: int | None  # from the date the calendar is taken at, if any
    days_to_expiry: int | None
    kind: RenewalKind = "renewal"
    due: date | None = None  # the date of a confirmation (a renewal's is the expiry)

    @property
    def falls_due(self) -> date:
        """The day it falls due: the expiry, or the day of the yearly confirmation."""
        return self.due or self.record.expires


def renewals(plan: Plan, records: list[Certificate], as_of: date | None) -> list[Renewal]:
    """The records in renewal order, with their days counted from as_of (if given)."""
    return [renewal(record, metrics.apply_by(plan, record), as_of)
            for record in by_renewal_date(plan, records)]


def renewal(record: Certificate, deadline: date, as_of: date | None,
            confirmation: date | None = None) -> Renewal:
    kind: RenewalKind = "renewal" if confirmation is None else "confirmation"
    due = confirmation or record.expires
    if as_of is None:
        return Renewal(record, deadline, False, None, None, kind, confirmation)
    return Renewal(record, deadline, deadline < as_of, (deadline - as_of).days,
                   (due - as_of).days, kind, confirmation)


def expiring(plan: Plan, register: Register, as_of: date, until: date, area: Area
             ) -> list[Renewal]:
    """Records of the area with no renewal on file by as_of that lapse from as_of to
    until, or whose renewal must be applied for in that window (a certificate expiring
    after the window may have to be renewed within it); and, where the yearly confirmation
    rule is on, each confirmation falling due then."""
    records = metrics.lapsing(metrics.records_of(register, area), as_of, date.max,
                              issued_by=as_of, known_on=as_of)
    found = renewals(plan, [record for record in records if record.expires <= until
                            or metrics.apply_by(plan, record) <= until], as_of)
    for record in metrics.records_of(register, area):
        if record.issued <= as_of:
            found += [renewal(record, deadline, as_of, due) for due, deadline in
                      metrics.confirmations(plan, record, as_of, until, known_on=as_of)]
    return sorted(found, key=lambda item: (item.apply_by, item.record.id, item.falls_due))


# --- check and diff -----------------------------------------------------------------------


Place = tuple[str, int]  # a file and a line


@dataclass(frozen=True)
class Change:
    """A row whose figures moved, and where: the records the change added, altered or
    removed (the file and line of each, in the names of the working tree)."""

    before: metrics.StatusRow | None
    after: metrics.StatusRow
    sources: tuple[Place, ...] = ()


def _content(record: Certificate) -> tuple[object, ...]:
    """A record without its place: the same certificate in a renamed file is no change."""
    return (record.id, record.type, record.district, record.output_tonnes, record.issued,
            record.expires, record.renews)


def _sources(before: metrics.StatusRow | None, after: metrics.StatusRow) -> tuple[Place, ...]:
    """The places of the records in one row and not the other: added or altered ones
    first (latest issued first), then removed ones."""
    old = {} if before is None else {_content(r): r for r in before.records}
    new = {_content(r): r for r in after.records}
    added = sorted((r for key, r in new.items() if key not in old),
                   key=lambda r: (r.issued, r.file, r.line), reverse=True)
    removed = sorted((r for key, r in old.items() if key not in new),
                     key=lambda r: (r.issued, r.file, r.line), reverse=True)
    return tuple(dict.fromkeys((r.file, r.line) for r in [*added, *removed]))


def changes(before: list[metrics.StatusRow], after: list[metrics.StatusRow]) -> list[Change]:
    """The rows whose achieved figure, target or status moved."""
    old = {(row.area.name, row.indicator.id): row for row in before}
    moved = []
    for row in after:
        previous = old.get((row.area.name, row.indicator.id))
        if previous is None or (previous.achieved, previous.target.value, previous.status) != (
                row.achieved, row.target.value, row.status):
            moved.append(Change(previous, row, _sources(previous, row)))
    return moved


# Best first: a change that moves a row down this order is a setback (DESIGN §6).
STATUS_ORDER: tuple[metrics.Status, ...] = ("met", "on_track", "at_risk", "behind")


def made_worse(change: Change) -> bool:
    """Whether the change moved the row's status down met > on_track > at_risk > behind
    (a row with no target, before or after, is never made worse)."""
    before, after = change.before, change.after
    if before is None or before.status not in STATUS_ORDER or after.status not in STATUS_ORDER:
        return False
    return STATUS_ORDER.index(after.status) > STATUS_ORDER.index(before.status)


def row_source(row: metrics.StatusRow) -> Place | None:
    """The file holding a district's row data: where its latest record stands. None for an
    area of several districts (its data is in every district's files) or with no record."""
    if row.area.children or not row.records:
        return None
    latest = max(row.records, key=lambda r: (r.issued, r.file, r.line))
    return latest.file, latest.line


FAIL_LEVELS: dict[str, tuple[metrics.Status, ...]] = {
    "behind": ("behind",), "at_risk": ("at_risk", "behind"), "never": ()}
FINDING_STATUSES: tuple[metrics.Status, ...] = ("at_risk", "behind")


@dataclass(frozen=True)
class CheckResult:
    """What `wuhai check` found: every row, those needing attention, those failing.

    Without a comparison, a row fails when its status is at or below `fail_on`. With one
    (`--changed-since`), only the setbacks fail: rows whose status the change made worse;
    rows already at risk or behind are findings, not failures (DESIGN §6)."""

    rows: list[metrics.StatusRow]
    findings: list[metrics.StatusRow]
    failing: list[metrics.StatusRow]
    changes: list[Change] | None  # with --changed-since
    setbacks: list[Change] = field(default_factory=list)  # the changes that fail


def check_result(rows: list[metrics.StatusRow], fail_on: str,
                 moved: list[Change] | None) -> CheckResult:
    findings = [row for row in rows if row.status in FINDING_STATUSES]
    if moved is None:
        return CheckResult(rows, findings,
                           [row for row in rows if row.status in FAIL_LEVELS[fail_on]], None)
    setbacks = [change for change in moved if made_worse(change)] if fail_on != "never" else []
    return CheckResult(rows, findings, [change.after for change in setbacks], moved, setbacks)
