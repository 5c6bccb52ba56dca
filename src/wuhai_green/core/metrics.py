"""Every number the tool shows, as pure functions over `Decimal` (docs/definitions.md).

No I/O, no printing. An area's figure is the sum of its children's (a roll-up over the
tree), except the plan's own targets, which every node carries itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import Literal

from wuhai_green.core.dates import add_months, add_years, days_in_year, year_end
from wuhai_green.core.measures import goal_measure, measure_of
from wuhai_green.core.register import Certificate, Register
from wuhai_green.model.plan import Area, Goal, Indicator, Plan, leaves

ZERO = Decimal(0)
TargetSource = Literal["plan", "interpolated", "none", "adjusted"]
# Adjusted targets (from `wuhai adjust --write`) by (area name, indicator id, year).
TargetOverrides = Mapping[tuple[str, str, int], Decimal]
Status = Literal["no_target", "met", "on_track", "at_risk", "behind"]
STATUSES: tuple[Status, ...] = ("met", "on_track", "at_risk", "behind", "no_target")


@dataclass(frozen=True)
class Target:
    value: Decimal | None
    source: TargetSource

    @property
    def amount(self) -> Decimal:
        """The target as a number: a blank counts as 0 in every computation."""
        return ZERO if self.value is None else self.value


def default_as_of(year: int, today: date) -> date:
    """31 Dec of the year, or today while the year is the current one."""
    return today if year == today.year else year_end(year)


def period_start(plan: Plan) -> date:
    return date(plan.data.period.start, 1, 1)


def records_in(register: Register, area: Area) -> Iterator[Certificate]:
    """The records of every district of the area."""
    for leaf in leaves(area):
        yield from register.of_district(leaf.name)


# --- achieved ---------------------------------------------------------------------------


def measure(plan: Plan, indicator: Indicator, records: Iterable[Certificate]) -> Decimal:
    """Tonnes of output, or a count, of some records."""
    return measure_of(plan, indicator).total(records)


def achieved_records(plan: Plan, register: Register, area: Area, indicator: Indicator,
                     as_of: date) -> list[Certificate]:
    """New awards (not renewals) of the indicator in the area from the period start to as_of."""
    start = period_start(plan)
    index = register.by_district_indicator  # a row reads its indicator's records only
    return [
        record for leaf in leaves(area) for record in index.get((leaf.name, indicator.id), ())
        if record.is_new_addition and start <= record.issued <= as_of
    ]


def achieved(plan: Plan, register: Register, area: Area, indicator: Indicator,
             as_of: date) -> Decimal:
    """Cumulative new additions from the period start up to as_of (the city: its districts)."""
    if area.children:
        return sum((achieved(plan, register, child, indicator, as_of) for child in area.children),
                   ZERO)
    return measure(plan, indicator, achieved_records(plan, register, area, indicator, as_of))


# --- targets ----------------------------------------------------------------------------


def target(plan: Plan, area: Area, indicator: Indicator, year: int) -> Target:
    """The plan's cumulative target for a year: given, interpolated between milestones, or none.

    Between milestones the target runs linearly from the previous milestone (the baseline
    year counts as 0) to the next; a blank milestone counts as 0 there.
    """
    period = plan.data.period
    if year <= period.baseline_year:
        return Target(ZERO, "plan")
    if year in period.milestones:
        value = plan.milestone_target(area, indicator, year)
        return Target(value, "plan" if value is not None else "none")
    later = [milestone for milestone in period.milestones if milestone > year]
    if not later:
        raise ValueError(f"{year} lies after the plan's last milestone")
    earlier = [milestone for milestone in period.milestones if milestone < year]
    previous_year = earlier[-1] if earlier else period.baseline_year
    next_year = later[0]
    previous = target(plan, area, indicator, previous_year).amount
    following = target(plan, area, indicator, next_year).amount
    share = Decimal(year - previous_year) / Decimal(next_year - previous_year)
    return Target(previous + (following - previous) * share, "interpolated")


def projected(plan: Plan, achieved_amount: Decimal, as_of: date, milestone: int
              ) -> Decimal | None:
    """At the pace so far: achieved × D(milestone) / D(as_of), where D(x) counts the days
    from 31 Dec of the baseline year to x (to 31 Dec of a milestone year); none before a
    day of the period has passed."""
    start = year_end(plan.data.period.baseline_year)
    elapsed = (as_of - start).days
    if elapsed <= 0:
        return None
    return achieved_amount * Decimal((year_end(milestone) - start).days) / Decimal(elapsed)


def missing_reports(plan: Plan, register: Register, year: int, today: date
                    ) -> list[tuple[str, int]]:
    """(district, year Z) for every district without a report of Z, for each Z from the
    period's start to `year` whose 31 Dec is before today."""
    return [(district.name, reported_year)
            for reported_year in range(plan.data.period.start, year + 1)
            if year_end(reported_year) < today
            for district in plan.districts
            if (district.name, reported_year) not in register.reported]


def year_fraction(year: int, as_of: date) -> Decimal:
    """Days from 31 Dec of the year before to as_of, over the days of the year (capped at 1)."""
    if as_of >= year_end(year):
        return Decimal(1)
    elapsed = (as_of - year_end(year - 1)).days
    return Decimal(max(elapsed, 0)) / Decimal(days_in_year(year))


@dataclass(frozen=True)
class Targets:
    """The targets figures are measured against: the plan's, except where adjusted targets
    (written by `wuhai adjust --write`) replace them for the year they cover."""

    plan: Plan
    overrides: TargetOverrides = field(default_factory=dict)

    def of(self, area: Area, indicator: Indicator, year: int) -> Target:
        adjusted = self.overrides.get((area.name, indicator.id, year))
        if adjusted is not None:
            return Target(adjusted, "adjusted")
        return target(self.plan, area, indicator, year)

    def expected(self, area: Area, indicator: Indicator, year: int, as_of: date) -> Decimal:
        """What should be achieved by as_of: the year's target, pro rata inside the year."""
        this_year = self.of(area, indicator, year).amount
        fraction = year_fraction(year, as_of)
        if fraction == 1:
            return this_year
        last_year = self.of(area, indicator, year - 1).amount
        return last_year + (this_year - last_year) * fraction


def expected(plan: Plan, area: Area, indicator: Indicator, year: int, as_of: date) -> Decimal:
    """What should be achieved by as_of against the plan's own targets."""
    return Targets(plan).expected(area, indicator, year, as_of)


def gap(target_amount: Decimal, achieved_amount: Decimal) -> Decimal:
    return max(target_amount - achieved_amount, ZERO)


def completion(target_value: Decimal | None, achieved_amount: Decimal) -> Decimal | None:
    if target_value is None or target_value == 0:
        return None
    return achieved_amount / target_value


def progress(expected_amount: Decimal, achieved_amount: Decimal) -> Decimal | None:
    """R = achieved / expected; none where nothing is expected yet."""
    return achieved_amount / expected_amount if expected_amount > 0 else None


def status(plan: Plan, target_value: Decimal | None, expected_amount: Decimal,
           achieved_amount: Decimal) -> Status:
    if target_value is None or target_value == 0:
        return "no_target"
    if achieved_amount >= target_value:
        return "met"
    thresholds = plan.data.rules.status_thresholds
    if expected_amount <= 0:
        return "on_track"
    ratio = achieved_amount / expected_amount
    if ratio >= thresholds.on_track:
        return "on_track"
    if ratio >= thresholds.at_risk:
        return "at_risk"
    return "behind"


@dataclass(frozen=True)
class StatusRow:
    area: Area
    indicator: Indicator
    baseline: Decimal
    target: Target
    expected: Decimal
    achieved: Decimal
    gap: Decimal
    completion: Decimal | None
    status: Status
    records: tuple[Certificate, ...]
    progress: Decimal | None = None  # achieved / expected, the figure the status is based on


# --- stock and goals --------------------------------------------------------------------


def in_force(register: Register, area: Area, types: Iterable[str], on: date) -> list[Certificate]:
    """Records of the types in force on a date in the area (baseline renewals included)."""
    wanted = set(types)
    return [record for record in records_in(register, area)
            if record.type in wanted and record.in_force(on)]


def goal_indicator(plan: Plan, goal: Goal) -> Indicator | None:
    """The indicator that counts exactly the goal's certificate types in the same measure
    (output or count): the one whose baseline stands in for a missing register and whose
    remaining additions count towards the goal; None where no indicator does."""
    for indicator in plan.data.indicators:
        same_types = set(indicator.certificate_types) == set(goal.certificate_types)
        if same_types and measure_of(plan, indicator) is goal_measure(goal):
            return indicator
    return None


def baseline_block(plan: Plan, area: Area, goal: Goal) -> Decimal | None:
    """The plan's baseline standing in for a missing baseline register, where one matches
    (the baseline of the goal's indicator, `goal_indicator`); a goal with none has none."""
    indicator = goal_indicator(plan, goal)
    return None if indicator is None else plan.baseline(area, indicator)


def block_turnover_year(plan: Plan) -> int:
    """The year by whose end every certificate of the baseline year has expired or been
    renewed: the baseline year plus the longest validity of any certificate type."""
    longest = max((kind.validity_years for kind in plan.data.certificate_types), default=0)
    return plan.data.period.baseline_year + longest


@dataclass(frozen=True)
class Stock:
    value: Decimal
    records: tuple[Certificate, ...]  # the records counted (baseline renewals left out)
    block: Decimal | None  # the constant baseline block added, if any


def stock(plan: Plan, register: Register, area: Area, goal: Goal, on: date) -> Stock:
    """Certificates in force on a date, measured as the goal measures them.

    A district without a baseline register keeps the plan's baseline as a constant block
    that never lapses, and a renewal of an id no file holds maintains that block rather
    than adding to it (such records carry `renews_baseline`).
    """
    counted = tuple(record for record in in_force(register, area, goal.certificate_types, on)
                    if not record.renews_baseline)
    blocks = [baseline_block(plan, leaf, goal) for leaf in leaves(area)
              if leaf.name not in register.baseline_districts]
    present = [block for block in blocks if block is not None]
    block = sum(present, ZERO) if present else None
    return Stock(goal_measure(goal).total(counted) + (block or ZERO), counted, block)


@dataclass(frozen=True)
class GoalResult:
    goal: Goal
    stock: Stock
    lower: Decimal
    upper: Decimal | None
    status: Literal["met", "not_met"]

    @property
    def above(self) -> bool:
        """Above the band: still met, and shown as such rather than hidden."""
        return self.upper is not None and self.stock.value > self.upper


def goal_band(plan: Plan, goal: Goal) -> tuple[Decimal, Decimal | None]:
    """The lower and upper edge of a goal. "About" is a band of the plan's stated width
    (`rules.about_band`); for a goal that counts items, its half-width is at least
    `rules.about_min_items` ("about 5" is 4–6, not 4.5–5.5)."""
    if goal.band == "about":
        rules = plan.data.rules
        width = goal.value * rules.about_band
        if goal_measure(goal).whole_units:
            width = max(width, Decimal(rules.about_min_items))
        return goal.value - width, goal.value + width
    return goal.value, None


def goal_result(plan: Plan, register: Register, goal: Goal, on: date) -> GoalResult:
    held = stock(plan, register, plan.root, goal, on)
    lower, upper = goal_band(plan, goal)
    return GoalResult(goal, held, lower, upper, "met" if held.value >= lower else "not_met")


# --- lapses and renewals ----------------------------------------------------------------


def lapses(record: Certificate, known_on: date | None = None) -> bool:
    """A record lapses at its expiry unless it ended earlier or a later record renews it.

    With `known_on`, only what had happened by that date counts: a renewal issued later,
    or an end dated later, was not yet on file.
    """
    def by_then(day: date | None) -> bool:
        return day is not None and (known_on is None or day <= known_on)

    ended_earlier = by_then(record.ended_on) and record.ended_on is not None \
        and record.ended_on < record.expires
    return not ended_earlier and not by_then(record.renewed_on)


def records_of(register: Register, area: Area, indicator: Indicator | None = None
               ) -> Iterator[Certificate]:
    """The records of the area, of one indicator or of all."""
    return (record for record in records_in(register, area)
            if indicator is None or record.indicator == indicator.id)


def lapsing(records: Iterable[Certificate], first: date, last: date, *,
            issued_by: date | None = None, known_on: date | None = None) -> list[Certificate]:
    """The records issued by `issued_by` whose expiry falls in [first, last] and that lapse
    then, by the renewals and ends on file by `known_on` (None: no limit)."""
    return sorted(
        (record for record in records
         if first <= record.expires <= last and lapses(record, known_on)
         and (issued_by is None or record.issued <= issued_by)),
        key=lambda record: (record.expires, record.id),
    )


def apply_by(plan: Plan, record: Certificate) -> date:
    """The date the renewal must be applied for."""
    lead = plan.certificate_types[record.type].renewal_lead
    return add_months(record.expires, -lead.months) - timedelta(days=lead.days)


def confirmed_types(plan: Plan) -> tuple[str, ...]:
    """The certificate types under the optional yearly confirmation rule (none while it is
    off, as it is by default)."""
    rule = plan.data.rules.yearly_confirmation
    return tuple(rule.certificate_types) if rule.enabled else ()


def confirmations(plan: Plan, record: Certificate, first: date, last: date,
                  known_on: date | None = None) -> list[tuple[date, date]]:
    """(confirmation date, date to apply) of each yearly confirmation of a record from
    `first` to `last`: every anniversary of its issue while it is in force (by the renewals
    and ends on file by `known_on`), before the expiry its renewal answers. Empty unless the
    yearly confirmation rule is on for its type."""
    if record.type not in confirmed_types(plan):
        return []
    lead = plan.data.rules.yearly_confirmation.renewal_lead
    end = record.expires
    if record.ended_on is not None and (known_on is None or record.ended_on <= known_on):
        end = min(end, record.ended_on)
    if record.renewed_on is not None and (known_on is None or record.renewed_on <= known_on):
        end = min(end, record.renewed_on - timedelta(days=1))
    found = []
    # anniversaries up to the earlier of the record's end and the window's: counted, not
    # searched for, so that an end in the year 9999 cannot loop
    for years in range(1, min(end, last).year - record.issued.year + 1):
        due = add_years(record.issued, years)
        if first <= due <= min(end, last):
            found.append((due, add_months(due, -lead.months) - timedelta(days=lead.days)))
    return found


# --- the adjustment of next year's targets (note 2 of 附件2) --------------------------------


def round_up(value: Decimal) -> Decimal:
    return value.to_integral_value(rounding=ROUND_CEILING)



@dataclass(frozen=True)
class AdjustRow:
    area: Area
    indicator: Indicator
    plan_target: Target
    plan_addition: Decimal
    achieved: Decimal
    even_pace: Decimal
    adjusted_target: Decimal
    required_addition: Decimal
    lapsing: tuple[Certificate, ...]
    lapsing_amount: Decimal  # tonnes, or a count for count indicators
    whole_units: bool = False  # a count: additions come in whole products
    goal_extra: Decimal = ZERO  # the city's extra additions for a goal (in the two above)

    @property
    def plan_pace(self) -> Decimal:
        """The plan's own addition as a district can make it: whole units for counts (the
        plan's 2/3 of a product a year is one product)."""
        return round_up(self.plan_addition) if self.whole_units else self.plan_addition

    @property
    def raised(self) -> bool:
        """Whether the adjustment asks for more than the plan's own target."""
        return self.adjusted_target > self.plan_target.amount

    @property
    def behind_plan(self) -> Decimal:
        """How much more than the plan's own addition the year requires (0 if none)."""
        return max(self.required_addition - self.plan_pace, ZERO)


def adjustable(plan: Plan, year: int) -> bool:
    """Whether a year's targets are adjusted: every year of the period but the first, which
    has no year of the period before it (its targets stand as the plan gives them)."""
    period = plan.data.period
    return period.start < year <= period.end


def even_pace(done: Decimal, final: Decimal, years_left: int) -> Decimal:
    """What is achieved plus an equal share of what the final target still asks; a district
    already past its final target is held where it is, never asked for less than it has."""
    return done + max(final - done, ZERO) / Decimal(years_left)


def _plan_part(plan: Plan, area: Area, indicator: Indicator, year: int) -> tuple[Target, Decimal]:
    """The plan's target for the year and its own addition over the year before."""
    this_year = target(plan, area, indicator, year)
    return this_year, this_year.amount - target(plan, area, indicator, year - 1).amount


def adjust_row(plan: Plan, register: Register, area: Area, indicator: Indicator,
               year: int) -> AdjustRow:
    """The adjusted target of a year from the data up to 31 Dec of the year before.

    even pace = achieved + max(final target − achieved, 0) / (end year − based-on year);
    adjusted = max(plan target, even pace), rounded up for counts. A parent's figures other
    than the plan's own target and addition are the sums of its children's (`adjustment`
    adds the city's goal extra).
    """
    plan_target, plan_addition = _plan_part(plan, area, indicator, year)
    whole_units = measure_of(plan, indicator).whole_units
    if area.children:
        parts = [adjust_row(plan, register, child, indicator, year) for child in area.children]
        return AdjustRow(
            area, indicator, plan_target, plan_addition,
            achieved=sum((part.achieved for part in parts), ZERO),
            even_pace=sum((part.even_pace for part in parts), ZERO),
            adjusted_target=sum((part.adjusted_target for part in parts), ZERO),
            required_addition=sum((part.required_addition for part in parts), ZERO),
            lapsing=tuple(record for part in parts for record in part.lapsing),
            lapsing_amount=sum((part.lapsing_amount for part in parts), ZERO),
            whole_units=whole_units,
        )
    based_on = year - 1
    end = plan.data.period.end
    done = achieved(plan, register, area, indicator, year_end(based_on))
    final = target(plan, area, indicator, end).amount
    pace = even_pace(done, final, end - based_on)
    adjusted = max(plan_target.amount, pace)
    if whole_units:
        adjusted = round_up(adjusted)
    # The records of the data up to 31 Dec of the year before; a renewal on file, of any
    # date, takes a record off the list (what is left must still be renewed).
    lapsing_records = tuple(lapsing(records_of(register, area, indicator), date(year, 1, 1),
                                    year_end(year), issued_by=year_end(based_on)))
    return AdjustRow(
        area, indicator, plan_target, plan_addition, done, pace, adjusted,
        required_addition=max(adjusted - done, ZERO),
        lapsing=lapsing_records,
        lapsing_amount=measure(plan, indicator, lapsing_records),
        whole_units=whole_units,
    )


# --- the goal outlook of the adjustment (note 2: "在确保《方案》建设目标能够完成的情况下") ----


@dataclass(frozen=True)
class GoalOutlook:
    """Whether a city goal can still be reached, from the data up to 31 Dec of the year
    before the adjusted one, and the extra additions the city needs in the adjusted year."""

    goal: Goal
    indicator: Indicator | None  # the indicator whose additions count towards the goal
    stock: Stock  # on 31 Dec of the year before
    lower: Decimal  # the lower edge of the goal's band
    remaining: Decimal  # what the plan still asks of the districts (0 without an indicator)
    projected: Decimal  # stock + remaining, every certificate renewed when it lapses
    shortfall: Decimal  # max(lower − projected, 0)
    extra: Decimal  # shortfall / years left, rounded up for counts
    lapsing: tuple[Certificate, ...]  # records of the stock that lapse in the adjusted year
    lapsing_amount: Decimal

    @property
    def projected_unrenewed(self) -> Decimal:
        """The projection if the records lapsing in the adjusted year are not renewed."""
        return self.projected - self.lapsing_amount

    @property
    def shortfall_unrenewed(self) -> Decimal:
        return max(self.lower - self.projected_unrenewed, ZERO)


def goal_outlook(plan: Plan, register: Register, goal: Goal, year: int) -> GoalOutlook:
    """The outlook of a city goal for the adjustment of `year` (docs/definitions.md).

    S = stock on 31 Dec of year − 1; remaining = Σ over districts of max(final target −
    achieved, 0) of the goal's indicator; projected = S + remaining; shortfall =
    max(lower edge − projected, 0); extra = shortfall / (end year − (year − 1)), rounded up
    for counts; lapsing = the records counted in S whose expiry falls in `year` and that
    lapse.
    """
    based_on = year - 1
    end_year = plan.data.period.end
    held = stock(plan, register, plan.root, goal, year_end(based_on))
    lower, _ = goal_band(plan, goal)
    indicator = goal_indicator(plan, goal)
    remaining = ZERO
    if indicator is not None:
        for district in plan.districts:
            final = target(plan, district, indicator, end_year).amount
            done = achieved(plan, register, district, indicator, year_end(based_on))
            remaining += max(final - done, ZERO)
    projected_stock = held.value + remaining
    shortfall = max(lower - projected_stock, ZERO)
    extra = shortfall / Decimal(end_year - based_on)
    if goal_measure(goal).whole_units:
        extra = round_up(extra)
    lapsing_records = tuple(lapsing(held.records, date(year, 1, 1), year_end(year)))
    return GoalOutlook(goal, indicator, held, lower, remaining, projected_stock, shortfall,
                       extra, lapsing_records, goal_measure(goal).total(lapsing_records))


@dataclass(frozen=True)
class Adjustment:
    """The adjustment of a year: a row per area and indicator, and the goal outlook."""

    year: int
    rows: list[AdjustRow]
    outlook: list[GoalOutlook]


def adjustment(plan: Plan, register: Register, areas: Iterable[Area], year: int) -> Adjustment:
    """Every area's rows (the city's with the extra its goals need) and the goal outlook."""
    outlook = [goal_outlook(plan, register, goal, year) for goal in plan.data.goals]
    extra: dict[str, Decimal] = {}
    for found in outlook:
        if found.indicator is not None:
            extra[found.indicator.id] = extra.get(found.indicator.id, ZERO) + found.extra
    rows = [with_goal_extra(adjust_row(plan, register, area, indicator, year),
                            extra.get(indicator.id, ZERO) if area.name == plan.root.name else ZERO)
            for area in areas for indicator in plan.data.indicators]
    return Adjustment(year, rows, outlook)


def with_goal_extra(row: AdjustRow, goal_extra: Decimal) -> AdjustRow:
    """The city's row with the extra additions its goals need, in its adjusted target and
    its required addition."""
    if goal_extra == 0:
        return row
    return replace(row, adjusted_target=row.adjusted_target + goal_extra,
                   required_addition=row.required_addition + goal_extra, goal_extra=goal_extra)
