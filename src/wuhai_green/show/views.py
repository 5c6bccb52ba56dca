"""What each command shows: tables of localized cells, notes, and the JSON document.

Views turn metrics into a `Page`; the render module lays a page out in the chosen format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from wuhai_green.core import checklist, metrics
from wuhai_green.core.numbers import for_json, percent, plain, shown
from wuhai_green.core.problems import Problem
from wuhai_green.core.register import Certificate, Register
from wuhai_green.model.plan import Area, Goal, Indicator, Plan, leaves, walk
from wuhai_green.show.i18n import Lang, t

DisplayUnit = Literal["t", "wan-t"]


@dataclass(frozen=True)
class Cell:
    text: str
    style: str | None = None  # a style name the renderer maps to colours (a status value)
    bar: Decimal | None = None  # a completion ratio to draw as a small bar


@dataclass
class TableView:
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()  # right-aligned columns
    wrap: frozenset[int] = frozenset()  # columns of long text that may wrap; others never do
    details: dict[int, list[str]] = field(default_factory=dict)  # lines under a row (--explain)


@dataclass
class Page:
    data: dict[str, Any]  # the JSON document
    tables: list[TableView] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    csv_rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Display:
    """How numbers are shown: language and tonnes unit."""

    lang: Lang
    unit: DisplayUnit = "t"

    def tr(self, key: str, /, **params: Any) -> str:
        return t(key, self.lang, **params)

    def name(self, item: Any) -> str:
        """The label of anything with `zh` and `en`."""
        return str(item.en if self.lang == "en" and item.en else item.zh)

    def unit_label(self, plan: Plan, indicator: Indicator) -> str:
        unit_key = self.unit if plan.measured_in_tonnes(indicator) else indicator.unit
        unit = plan.data.units.get(unit_key)
        if unit is None:  # a plan without a wan-t unit: show tonnes
            return self.tr("unit.t")
        return str(unit.en if self.lang == "en" else unit.zh)

    def term(self, plan: Plan, text: str) -> str:
        """A name or word from the plan in the display language (the plan's glossary); parts
        joined by "; " or "、" are looked up one by one."""
        if self.lang != "en" or not text:
            return text
        for separator in ("; ", "、"):
            if separator in text:
                return ("; " if separator == "; " else ", ").join(
                    self.term(plan, part) for part in text.split(separator))
        return plan.data.glossary.get(text, text)

    def titled(self, plan: Plan, indicator: Indicator) -> str:
        """The indicator's name with its unit in brackets, where the unit has a name."""
        unit = self.unit_label(plan, indicator)
        return f"{self.name(indicator)} ({unit})" if unit else self.name(indicator)

    def amount(self, plan: Plan, indicator: Indicator, value: Decimal | None) -> str:
        """A figure of an indicator (stored in tonnes or a count) in the display unit."""
        if value is None:
            return "—"
        if not plan.measured_in_tonnes(indicator):
            return shown(value, 2)
        return self.tonnes(plan, value)

    def in_unit(self, plan: Plan, tonnes: Decimal) -> Decimal:
        """Tonnes converted to the display unit (t, or 万吨 where the plan defines it)."""
        factor = plan.data.units.get(self.unit)
        if self.unit == "wan-t" and factor is not None and factor.tonnes:
            return tonnes / factor.tonnes
        return tonnes

    def tonnes(self, plan: Plan, value: Decimal) -> str:
        """Tonnes in the display unit, as text (万吨 with 6 places, tonnes with 2)."""
        converted = self.in_unit(plan, value)
        return shown(converted, 2 if converted == value else 6)

    def tonnes_label(self, plan: Plan) -> str:
        unit = plan.data.units.get(self.unit)
        return self.tr("unit.t") if unit is None else str(unit.en if self.lang == "en"
                                                          else unit.zh)


def spaced(unit: str) -> str:
    """A unit to append to a figure in a sentence: ` 吨`, or nothing for a nameless unit."""
    return f" {unit}" if unit else ""


def with_unit(amount: str, unit: str) -> str:
    """`120 吨`, or just `2` where the unit has no name (counts in English)."""
    return f"{amount} {unit}" if unit and amount != "—" else amount


def unit_id(plan: Plan, indicator: Indicator) -> str:
    """The JSON unit: tonnes ("t") for output indicators, else the plan's unit id."""
    return "t" if plan.measured_in_tonnes(indicator) else indicator.unit


def number(value: Decimal | None) -> Decimal | None:
    return None if value is None else for_json(value)


# --- wuhai plan -------------------------------------------------------------------------


def plan_page(plan: Plan, show: Display) -> Page:
    data = plan.data
    tr = show.tr
    goals = TableView(tr("plan.goals"), [tr("col.goal"), tr("col.value"), tr("col.band"),
                                         tr("col.types")], numeric=frozenset({1}),
                      wrap=frozenset({0, 3}))
    for goal in data.goals:
        unit = data.units.get(goal.unit)
        unit_text = "" if unit is None else (unit.en if show.lang == "en" else unit.zh)
        goals.rows.append([Cell(show.name(goal)), Cell(f"{plain(goal.value)} {unit_text}".strip()),
                           Cell(tr("band." + goal.band)),
                           Cell(", ".join(_type_name(plan, kind, show) for kind in goal.certificate_types))])
    areas = TableView(tr("plan.areas"), [tr("col.area"), tr("col.aliases"), tr("col.products"),
                                         tr("col.base_type")], wrap=frozenset({2, 3}))
    for area in walk(plan.root):
        layout = area.layout
        base = "" if layout is None else (layout.base_type_en if show.lang == "en" and
                                          layout.base_type_en else layout.base_type)
        areas.rows.append([Cell(area.label(show.lang)), Cell(", ".join(area.aliases)),
                           Cell(show.term(plan, "、".join(layout.products)) if layout else ""),
                           Cell(base or "")])
    baselines = TableView(
        tr("plan.baselines", year=data.period.baseline_year),
        [tr("col.area")] + [show.titled(plan, i) for i in data.indicators],
        numeric=frozenset(range(1, len(data.indicators) + 1)),
    )
    targets = TableView(tr("plan.targets"), [tr("col.area"), tr("col.indicator")]
                        + [str(year) for year in data.period.milestones],
                        numeric=frozenset(range(2, len(data.period.milestones) + 2)),
                        wrap=frozenset({1}))
    for area in walk(plan.root):
        baselines.rows.append([Cell(area.label(show.lang))] + [
            Cell(show.amount(plan, i, plan.baseline(area, i))) for i in data.indicators])
        for indicator in data.indicators:
            targets.rows.append(
                [Cell(area.label(show.lang)),
                 Cell(show.titled(plan, indicator))]
                + [Cell(show.amount(plan, indicator, plan.milestone_target(area, indicator, year)))
                   for year in data.period.milestones])
    types = TableView(tr("plan.types"), [tr("col.type"), tr("col.validity"), tr("col.lead")],
                      wrap=frozenset({0}))
    for kind in data.certificate_types:
        types.rows.append([Cell(show.name(kind)), Cell(tr("years", n=kind.validity_years)),
                           Cell(_lead(kind.renewal_lead.months, kind.renewal_lead.days, show))])
    tasks = TableView(tr("plan.tasks"), [tr("col.section"), tr("col.task"), tr("col.owner"),
                                         tr("col.recipient"), tr("col.due")],
                      wrap=frozenset({1, 2, 3}))
    for task in data.tasks:
        tasks.rows.append([Cell(task.section), Cell(show.name(task)),
                           Cell(show.term(plan, task.owner)),
                           Cell(show.term(plan, task.recipient or "")), Cell(str(task.due or ""))])
    measures = TableView(tr("plan.measures"), [tr("col.section"), tr("col.measure"),
                                               tr("col.owner"), tr("col.detail")],
                         wrap=frozenset({1, 2, 3}))
    for item in data.measures:
        measures.rows.append([Cell(item.section), Cell(show.name(item)),
                              Cell(show.term(plan, item.owner)), Cell(item.detail)])
    experts = TableView(tr("plan.experts"), [tr("col.name"), tr("col.organization"),
                                             tr("col.title")], wrap=frozenset({1}))
    for expert in data.experts:
        experts.rows.append([Cell(expert.name), Cell(show.term(plan, expert.organization)),
                             Cell(show.term(plan, expert.title))])
    header = data.document
    notes = [tr("plan.header", title=header.title_en if show.lang == "en" and header.title_en
                else header.title, issuer=header.issuer_en if show.lang == "en" and
                header.issuer_en else header.issuer, date=header.date,
                start=data.period.start, end=data.period.end)]
    return Page(plan_json(plan), [goals, areas, baselines, targets, types, tasks, measures,
                                  experts], notes, _plan_csv(plan))


def _type_name(plan: Plan, kind: str, show: Display) -> str:
    found = plan.certificate_types.get(kind)
    return show.name(found) if found else kind


def _lead(months: int, days: int, show: Display) -> str:
    parts = []
    if months:
        parts.append(show.tr("months", n=months))
    if days:
        parts.append(show.tr("days", n=days))
    return " ".join(parts) or "—"


def plan_json(plan: Plan) -> dict[str, Any]:
    """The whole plan, figures as in the file plus tonnes, for machines."""
    data = plan.data.model_dump(mode="python", by_alias=True)
    data["schema"] = "wuhai-green/plan@1"
    data["figures"] = _plan_csv(plan)
    jsonable: dict[str, Any] = _jsonable(data)
    return jsonable


def _plan_csv(plan: Plan) -> list[dict[str, Any]]:
    rows = []
    for area in walk(plan.root):
        for indicator in plan.data.indicators:
            for year in [plan.data.period.baseline_year, *plan.data.period.milestones]:
                is_baseline = year == plan.data.period.baseline_year
                value = (plan.baseline(area, indicator) if is_baseline
                         else plan.milestone_target(area, indicator, year))
                rows.append({"area": area.name, "indicator": indicator.id,
                             "kind": "baseline" if is_baseline else "cumulative_target",
                             "year": year, "unit": unit_id(plan, indicator),
                             "value": number(value)})
    return rows


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- wuhai status -----------------------------------------------------------------------


def status_rows(plan: Plan, register: Register, year: int, as_of: date, areas: list[Area],
                overrides: metrics.TargetOverrides | None = None) -> list[metrics.StatusRow]:
    """One row per district and indicator, then the city's rows."""
    return [metrics.status_row(plan, register, area, indicator, year, as_of, overrides)
            for area in areas for indicator in plan.data.indicators]


def status_page(plan: Plan, register: Register, year: int, as_of: date, areas: list[Area],
                show: Display, explain: bool = False,
                overrides: metrics.TargetOverrides | None = None,
                extra_notes: tuple[str, ...] = ()) -> Page:
    rows = status_rows(plan, register, year, as_of, areas, overrides)
    goals = [metrics.goal_result(plan, register, goal, as_of) for goal in plan.data.goals]
    notes = [*extra_notes, *status_notes(plan, register, goals, show)]
    json_rows = [status_json(plan, row) for row in rows]
    data = {
        "schema": "wuhai-green/status@1",
        "year": year,
        "as_of": as_of.isoformat(),
        "rows": json_rows,
        "goals": [goal_json(result) for result in goals],
        "notes": notes,
    }
    within_year = as_of < metrics.year_end(year)
    tables = [status_table(plan, [r for r in rows if r.indicator is indicator], year, within_year,
                           show, explain)
              for indicator in plan.data.indicators]
    tables.append(goals_table(plan, goals, as_of, show, explain))
    return Page(data, tables, notes, json_rows)


def status_json(plan: Plan, row: metrics.StatusRow) -> dict[str, Any]:
    return {
        "district": row.area.name,
        "indicator": row.indicator.id,
        "unit": unit_id(plan, row.indicator),
        "baseline": number(row.baseline),
        "target": number(row.target.value),
        "target_source": row.target.source,
        "expected": number(row.expected),
        "achieved": number(row.achieved),
        "gap": number(row.gap),
        "completion": number(row.completion),
        "status": row.status,
        "certificates": [record.id for record in row.records],
    }


def goal_json(result: metrics.GoalResult) -> dict[str, Any]:
    return {
        "goal": result.goal.id,
        "unit": result.goal.unit,
        "value": number(result.stock.value),
        "target": number(result.goal.value),
        "band": result.goal.band,
        "lower": number(result.lower),
        "upper": number(result.upper),
        "baseline_block": number(result.stock.block),
        "status": result.status,
    }


def status_table(plan: Plan, rows: list[metrics.StatusRow], year: int, within_year: bool,
                 show: Display, explain: bool) -> TableView:
    tr = show.tr
    indicator = rows[0].indicator
    headers = [tr("col.area"), tr("col.baseline"), tr("col.target", year=year)]
    if within_year:
        headers.append(tr("col.expected"))
    headers += [tr("col.achieved"), tr("col.gap"), tr("col.completion"), tr("col.status")]
    table = TableView(show.titled(plan, indicator), headers,
                      numeric=frozenset(range(1, len(headers) - 2)))
    for row in rows:
        target_text = show.amount(plan, indicator, row.target.value)
        if row.target.source == "interpolated":
            target_text += "*"
        elif row.target.source == "adjusted":
            target_text += "†"
        cells = [Cell(row.area.label(show.lang)), Cell(show.amount(plan, indicator, row.baseline)),
                 Cell(target_text)]
        if within_year:
            cells.append(Cell(show.amount(plan, indicator, row.expected)))
        cells += [Cell(show.amount(plan, indicator, row.achieved)),
                  Cell(show.amount(plan, indicator, row.gap)),
                  Cell("—" if row.completion is None else percent(row.completion),
                       bar=row.completion),
                  Cell(tr("status." + row.status), style=row.status)]
        table.rows.append(cells)
        if explain:
            table.details[len(table.rows) - 1] = explain_lines(plan, indicator, row.records, show)
    return table


def explain_lines(plan: Plan, indicator: Indicator, records: tuple[Certificate, ...],
                  show: Display) -> list[str]:
    if not records:
        return [show.tr("explain.none")]
    lines = []
    for record in records:
        amount = "" if record.output_tonnes is None else " " + show.amount(
            plan, indicator, record.output_tonnes) + " " + show.unit_label(plan, indicator)
        lines.append(f"{record.id} {record.product} {record.holder} {record.issued}{amount} "
                     f"({record.where})")
    return lines


def goals_table(plan: Plan, goals: list[metrics.GoalResult], as_of: date, show: Display,
                explain: bool) -> TableView:
    tr = show.tr
    table = TableView(tr("goals.title", as_of=as_of),
                      [tr("col.goal"), tr("col.stock"), tr("col.band"), tr("col.status")],
                      numeric=frozenset({1}), wrap=frozenset({0}))
    for result in goals:
        def figure(value: Decimal, goal: Goal = result.goal) -> str:
            return show.tonnes(plan, value) if goal.measure == "output" else plain(value)

        band = (f"≥ {figure(result.lower)}" if result.upper is None
                else f"{figure(result.lower)}–{figure(result.upper)}")
        table.rows.append([Cell(show.name(result.goal)), Cell(figure(result.stock.value)),
                           Cell(band), Cell(tr("goal." + result.status),
                                            style="met" if result.status == "met" else "behind")])
        if explain:
            lines = [f"{r.id} {r.product} {r.holder} {r.issued}–{r.end} ({r.where})"
                     for r in result.stock.records]
            if result.stock.block is not None:
                lines.insert(0, tr("explain.block", value=plain(result.stock.block),
                                   year=plan.data.period.baseline_year))
            table.details[len(table.rows) - 1] = lines or [tr("explain.none")]
    return table


def status_notes(plan: Plan, register: Register, goals: list[metrics.GoalResult],
                 show: Display) -> list[str]:
    notes = []
    without = [d.label(show.lang) for d in plan.districts
               if d.name not in register.baseline_districts]
    if any(row.stock.block is not None for row in goals):
        notes.append(show.tr("note.baseline_block", year=plan.data.period.baseline_year,
                             districts="、".join(without) if show.lang == "zh"
                             else ", ".join(without)))
    for result in goals:
        if without and result.stock.block is None:
            notes.append(show.tr("note.no_block", goal=show.name(result.goal)))
    if not register.certificates:
        notes.append(show.tr("note.no_data"))
    notes.append(show.tr("note.interpolated_mark"))
    return notes


# --- wuhai gap --------------------------------------------------------------------------


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


def milestones_ahead(plan: Plan, as_of: date) -> list[int]:
    """Milestone years whose year end is still to come."""
    return [year for year in plan.data.period.milestones if metrics.year_end(year) > as_of]


def years_left(milestone: int, as_of: date) -> int:
    """Whole reporting years from as_of to the end of the milestone year (this one included
    while it is not over)."""
    this_year_open = 0 if as_of >= metrics.year_end(as_of.year) else 1
    return milestone - as_of.year + this_year_open


def gap_rows(plan: Plan, register: Register, as_of: date, areas: list[Area]) -> list[GapRow]:
    rows = []
    for area in areas:
        for indicator in plan.data.indicators:
            achieved = metrics.achieved(plan, register, area, indicator, as_of)
            for milestone in milestones_ahead(plan, as_of):
                goal = metrics.target(plan, area, indicator, milestone)
                missing = metrics.gap(goal.amount, achieved)
                left = years_left(milestone, as_of)
                lapsing = tuple(metrics.lapsing(register, area, as_of + timedelta(days=1),
                                                metrics.year_end(milestone), indicator,
                                                issued_by=as_of, known_on=as_of))
                rows.append(GapRow(area, indicator, milestone, goal, achieved, missing, left,
                                   missing / left if left > 0 else None, lapsing,
                                   metrics.measure(plan, indicator, lapsing)))
    return rows


def gap_sentence(plan: Plan, row: GapRow, show: Display) -> str:
    unit = spaced(show.unit_label(plan, row.indicator))
    params = {"area": row.area.label(show.lang), "year": row.milestone,
              "indicator": show.name(row.indicator), "unit": unit,
              "gap": show.amount(plan, row.indicator, row.gap),
              "per_year": show.amount(plan, row.indicator, row.per_year)}
    if row.target.value is None:
        text = show.tr("gap.sentence_none", **params)
    elif row.gap == 0:
        text = show.tr("gap.sentence_met", **params)
    else:
        text = show.tr("gap.sentence", **params)
    if row.lapsing and plan.measured_in_tonnes(row.indicator):
        text += show.tr("gap.sentence_lapsing", count=len(row.lapsing),
                        amount=show.amount(plan, row.indicator, row.lapsing_amount), unit=unit,
                        year=row.milestone)
    elif row.lapsing:
        text += show.tr("gap.sentence_lapsing_count", count=len(row.lapsing), year=row.milestone)
    return text


def gap_page(plan: Plan, register: Register, year: int, as_of: date, areas: list[Area],
             show: Display) -> Page:
    tr = show.tr
    rows = gap_rows(plan, register, as_of, areas)
    tables = []
    for indicator in plan.data.indicators:
        table = TableView(show.titled(plan, indicator),
                          [tr("col.area"), tr("col.milestone"), tr("col.target_plain"),
                           tr("col.achieved"), tr("col.gap"), tr("col.years_left"),
                           tr("col.per_year"), tr("col.lapsing")],
                          numeric=frozenset(range(2, 8)))
        for row in (r for r in rows if r.indicator is indicator):
            table.rows.append([
                Cell(row.area.label(show.lang)), Cell(str(row.milestone)),
                Cell(show.amount(plan, indicator, row.target.value)),
                Cell(show.amount(plan, indicator, row.achieved)),
                Cell(show.amount(plan, indicator, row.gap),
                     style="behind" if row.gap > 0 else "met"),
                Cell(str(row.years_left)), Cell(show.amount(plan, indicator, row.per_year)),
                Cell(_lapsing_cell(plan, indicator, row.lapsing, row.lapsing_amount, show)),
            ])
        tables.append(table)
    nearest: dict[tuple[str, str], GapRow] = {}
    for row in rows:
        nearest.setdefault((row.area.name, row.indicator.id), row)
    notes = [gap_sentence(plan, row, show) for row in nearest.values()]
    if not rows:
        notes.append(tr("gap.none_ahead", end=plan.data.period.end))
    json_rows = [gap_json(plan, row) for row in rows]
    data = {"schema": "wuhai-green/gap@1", "year": year, "as_of": as_of.isoformat(),
            "rows": json_rows, "sentences": notes}
    return Page(data, tables, notes, json_rows)


def gap_json(plan: Plan, row: GapRow) -> dict[str, Any]:
    return {
        "district": row.area.name,
        "indicator": row.indicator.id,
        "unit": unit_id(plan, row.indicator),
        "milestone": row.milestone,
        "target": number(row.target.value),
        "target_source": row.target.source,
        "achieved": number(row.achieved),
        "gap": number(row.gap),
        "years_left": row.years_left,
        "per_year": number(row.per_year),
        "lapsing_count": len(row.lapsing),
        "lapsing_amount": number(row.lapsing_amount),
        "lapsing": [record.id for record in row.lapsing],
    }


# --- wuhai adjust -----------------------------------------------------------------------


def adjust_page(plan: Plan, register: Register, year: int, areas: list[Area],
                show: Display) -> tuple[Page, list[metrics.AdjustRow]]:
    tr = show.tr
    rows = [metrics.adjust_row(plan, register, area, indicator, year)
            for area in areas for indicator in plan.data.indicators]
    tables = []
    for indicator in plan.data.indicators:
        table = TableView(show.titled(plan, indicator),
                          [tr("col.area"), tr("col.plan_target", year=year),
                           tr("col.achieved_by", year=year - 1), tr("col.even_pace"),
                           tr("col.adjusted", year=year), tr("col.required", year=year),
                           tr("col.plan_addition"), tr("col.lapsing_in", year=year)],
                          numeric=frozenset(range(1, 8)))
        def amount(value: Decimal | None, indicator: Indicator = indicator) -> str:
            return show.amount(plan, indicator, value)

        for row in (r for r in rows if r.indicator is indicator):
            raised = row.adjusted_target > row.plan_target.amount
            table.rows.append([
                Cell(row.area.label(show.lang)), Cell(amount(row.plan_target.value)),
                Cell(amount(row.achieved)), Cell(amount(row.even_pace)),
                Cell(amount(row.adjusted_target), style="at_risk" if raised else None),
                Cell(amount(row.required_addition),
                     style="behind" if row.behind_plan > 0 else None),
                Cell(amount(row.plan_addition)),
                Cell(_lapsing_cell(plan, indicator, row.lapsing, row.lapsing_amount, show)),
            ])
        tables.append(table)
    lapsing_records = sorted({record for row in rows for record in row.lapsing},
                             key=lambda record: (metrics.apply_by(plan, record), record.id))
    notes = adjust_sentences(plan, rows, lapsing_records, year, show)
    json_rows = [adjust_json(plan, row) for row in rows]
    data = {
        "schema": "wuhai-green/adjust@1",
        "year": year,
        "based_on": year - 1,
        "rows": json_rows,
        "lapsing": [lapsing_json(plan, record) for record in lapsing_records],
        "sentences": notes,
    }
    if lapsing_records:
        tables.append(renewals_table(plan, lapsing_records, None, show))
    return Page(data, tables, notes, json_rows), rows


def _lapsing_cell(plan: Plan, indicator: Indicator, records: tuple[Certificate, ...],
                  amount: Decimal, show: Display) -> str:
    """What lapses: `2 张 / 180` for tonnes, the count alone for counts."""
    if plan.measured_in_tonnes(indicator):
        return show.tr("gap.lapsing_cell", count=len(records),
                       amount=show.amount(plan, indicator, amount))
    return str(len(records))


def adjust_json(plan: Plan, row: metrics.AdjustRow) -> dict[str, Any]:
    tonnes = plan.measured_in_tonnes(row.indicator)
    return {
        "district": row.area.name,
        "indicator": row.indicator.id,
        "unit": unit_id(plan, row.indicator),
        "plan_target": number(row.plan_target.value),
        "target_source": row.plan_target.source,
        "achieved": number(row.achieved),
        "even_pace": number(row.even_pace),
        "adjusted_target": number(row.adjusted_target),
        "required_addition": number(row.required_addition),
        "plan_addition": number(row.plan_addition),
        "lapsing_count": len(row.lapsing),
        "lapsing_tonnes": number(row.lapsing_amount) if tonnes else None,
    }


def lapsing_json(plan: Plan, record: Certificate) -> dict[str, Any]:
    return {
        "id": record.id,
        "district": record.district,
        "type": record.type,
        "product": record.product,
        "holder": record.holder,
        "output_tonnes": number(record.output_tonnes),
        "expires": record.expires.isoformat(),
        "apply_by": metrics.apply_by(plan, record).isoformat(),
    }


def adjust_sentences(plan: Plan, rows: list[metrics.AdjustRow], lapsing_records: list[Certificate],
                     year: int, show: Display) -> list[str]:
    notes = []
    # Sentences speak of districts; of the city only when it is shown alone.
    for row in [r for r in rows if not r.area.children] or rows:
        unit = spaced(show.unit_label(plan, row.indicator))
        params = {"area": row.area.label(show.lang), "indicator": show.name(row.indicator),
                  "year": year, "unit": unit,
                  "required": show.amount(plan, row.indicator, row.required_addition),
                  "plan": show.amount(plan, row.indicator, row.plan_pace),
                  "extra": show.amount(plan, row.indicator, row.behind_plan)}
        if row.behind_plan > 0:
            notes.append(show.tr("adjust.behind", **params))
    if not notes:
        notes.append(show.tr("adjust.all_on_plan", year=year))
    if lapsing_records:
        first = lapsing_records[0]
        notes.append(show.tr("adjust.renewals", count=len(lapsing_records), year=year,
                             first=metrics.apply_by(plan, first), id=first.id))
    return notes


def renewals_table(plan: Plan, records: list[Certificate], as_of: date | None,
                   show: Display) -> TableView:
    tr = show.tr
    table = TableView(tr("renewals.title"),
                      [tr("col.apply_by"), tr("col.expires"), tr("col.area"), tr("col.type"),
                       tr("col.id"), tr("col.product"), tr("col.holder"),
                       tr("col.output", unit=show.tonnes_label(plan))],
                      numeric=frozenset({7}), wrap=frozenset({3, 5, 6}))
    for record in records:
        deadline = metrics.apply_by(plan, record)
        overdue = as_of is not None and deadline < as_of
        kind = plan.certificate_types.get(record.type)
        table.rows.append([
            Cell(str(deadline) + (" " + tr("renewals.overdue") if overdue else ""),
                 style="overdue" if overdue else None),
            Cell(str(record.expires)), Cell(_area_label(plan, record.district, show)),
            Cell(show.name(kind) if kind else record.type), Cell(record.id),
            Cell(record.product), Cell(record.holder),
            Cell("" if record.output_tonnes is None else show.tonnes(plan, record.output_tonnes)),
        ])
    return table


# --- wuhai expiring ---------------------------------------------------------------------


def expiring_page(plan: Plan, register: Register, as_of: date, until: date, area: Area,
                  show: Display) -> Page:
    records = sorted(metrics.lapsing(register, area, as_of, until, issued_by=as_of,
                                     known_on=as_of),
                     key=lambda record: (metrics.apply_by(plan, record), record.id))
    rows = []
    for record in records:
        entry = lapsing_json(plan, record)
        deadline = metrics.apply_by(plan, record)
        entry.update({"issued": record.issued.isoformat(), "overdue": deadline < as_of,
                      "days_to_apply": (deadline - as_of).days,
                      "days_to_expiry": (record.expires - as_of).days})
        rows.append(entry)
    overdue = sum(1 for row in rows if row["overdue"])
    notes = [show.tr("expiring.summary", count=len(rows), as_of=as_of, until=until,
                     overdue=overdue)]
    data = {"schema": "wuhai-green/expiring@1", "as_of": as_of.isoformat(),
            "until": until.isoformat(), "rows": rows}
    tables = [renewals_table(plan, records, as_of, show)] if records else []
    return Page(data, tables, notes, rows)


# --- wuhai check and wuhai diff ---------------------------------------------------------


@dataclass(frozen=True)
class Change:
    before: metrics.StatusRow | None
    after: metrics.StatusRow


def changes(before: list[metrics.StatusRow], after: list[metrics.StatusRow]) -> list[Change]:
    """The rows whose achieved figure, target or status moved."""
    old = {(row.area.name, row.indicator.id): row for row in before}
    moved = []
    for row in after:
        previous = old.get((row.area.name, row.indicator.id))
        if previous is None or (previous.achieved, previous.target.value, previous.status) != (
                row.achieved, row.target.value, row.status):
            moved.append(Change(previous, row))
    return moved


def change_json(plan: Plan, change: Change) -> dict[str, Any]:
    def side(row: metrics.StatusRow | None) -> dict[str, Any] | None:
        if row is None:
            return None
        return {"target": number(row.target.value), "achieved": number(row.achieved),
                "gap": number(row.gap), "status": row.status}

    return {"district": change.after.area.name, "indicator": change.after.indicator.id,
            "unit": unit_id(plan, change.after.indicator), "before": side(change.before),
            "after": side(change.after)}


def change_sentence(plan: Plan, change: Change, show: Display) -> str:
    row, previous = change.after, change.before
    unit = show.unit_label(plan, row.indicator)
    old_achieved = "—" if previous is None else show.amount(plan, row.indicator, previous.achieved)
    old_status = "—" if previous is None else show.tr("status." + previous.status)
    new_achieved = with_unit(show.amount(plan, row.indicator, row.achieved), unit)
    return (f"{row.area.label(show.lang)} {show.name(row.indicator)} {old_achieved} → "
            f"{new_achieved}, {old_status} → {show.tr('status.' + row.status)}")


def diff_page(plan: Plan, base_ref: str, year: int, as_of: date, moved: list[Change],
              show: Display) -> Page:
    tr = show.tr
    table = TableView(tr("diff.title", ref=base_ref, year=year),
                      [tr("col.area"), tr("col.indicator"), tr("col.before"), tr("col.after"),
                       tr("col.status")], numeric=frozenset({2, 3}), wrap=frozenset({1}))
    for change in moved:
        row, previous = change.after, change.before
        unit = show.unit_label(plan, row.indicator)
        old = "—" if previous is None else show.amount(plan, row.indicator, previous.achieved)
        old_status = "—" if previous is None else tr("status." + previous.status)
        table.rows.append([Cell(row.area.label(show.lang)), Cell(show.name(row.indicator)),
                           Cell(with_unit(old, unit)),
                           Cell(with_unit(show.amount(plan, row.indicator, row.achieved), unit)),
                           Cell(f"{old_status} → {tr('status.' + row.status)}",
                                style=row.status)])
    notes = [change_sentence(plan, change, show) for change in moved] or [tr("diff.none")]
    json_rows = [change_json(plan, change) for change in moved]
    data = {"schema": "wuhai-green/diff@1", "base": base_ref, "year": year,
            "as_of": as_of.isoformat(), "rows": json_rows}
    return Page(data, [table] if moved else [], notes, json_rows)


def check_document(plan: Plan, year: int, as_of: date, warnings: list[Problem],
                   findings: list[metrics.StatusRow], failing: list[metrics.StatusRow],
                   moved: list[Change] | None, lang: Lang) -> dict[str, Any]:
    document: dict[str, Any] = {
        "schema": "wuhai-green/check@1",
        "ok": not failing,
        "year": year,
        "as_of": as_of.isoformat(),
        "errors": [],
        "warnings": [warning.as_json(lang) for warning in warnings],
        "findings": [status_json(plan, row) for row in findings],
    }
    if moved is not None:
        document["changes"] = [change_json(plan, change) for change in moved]
    return document


def check_page(plan: Plan, rows: list[metrics.StatusRow], findings: list[metrics.StatusRow],
               failing: list[metrics.StatusRow], moved: list[Change] | None, fail_on: str,
               show: Display) -> Page:
    tr = show.tr
    table = TableView(tr("check.title"), [tr("col.area"), tr("col.indicator"), tr("col.achieved"),
                                          tr("col.target_plain"), tr("col.status")],
                      numeric=frozenset({2, 3}), wrap=frozenset({1}))
    for row in rows:
        table.rows.append([Cell(row.area.label(show.lang)), Cell(show.name(row.indicator)),
                           Cell(show.amount(plan, row.indicator, row.achieved)),
                           Cell(show.amount(plan, row.indicator, row.target.value)),
                           Cell(tr("status." + row.status), style=row.status)])
    tables = [table]
    notes = []
    if moved is not None:
        notes += [change_sentence(plan, change, show) for change in moved] or [tr("diff.none")]
    notes.append(tr("check.failing", count=len(failing), fail_on=tr("status." + fail_on))
                 if failing
                 else tr("check.ok", findings=len(findings)))
    return Page({}, tables, notes, [status_json(plan, row) for row in rows])


# --- wuhai tasks ------------------------------------------------------------------------


def tasks_page(plan: Plan, register: Register, year: int, areas: list[Area],
               show: Display) -> Page:
    tr = show.tr
    districts = list({leaf.name: leaf for area in areas for leaf in leaves(area)}.values())
    checks = [checklist.district_tasks(plan, register, area, year) for area in districts]
    held = checklist.meetings(plan, register, year)
    # Two narrow tables rather than one wide one: both fit an 80-column terminal.
    table = TableView(tr("tasks.title", year=year),
                      [tr("col.area"), tr("col.brand_plan"), tr("col.sampled"),
                       tr("col.pass_rate")], numeric=frozenset({2, 3}))
    counts = TableView(tr("tasks.counts", year=year),
                       [tr("col.area")] + [tr("activity." + kind) for kind in checklist.COUNTED],
                       numeric=frozenset(range(1, 1 + len(checklist.COUNTED))))
    failures = TableView(tr("tasks.failures"), [tr("col.area"), tr("col.date"), tr("col.id"),
                                                tr("col.product"), tr("col.reason")],
                         wrap=frozenset({3, 4}))
    for check in checks:
        brand = check.brand_plan
        brand_text = tr("brand_plan." + brand.status) + (f" {brand.submitted}"
                                                          if brand.submitted else "")
        sampling = check.sampling
        table.rows.append(
            [Cell(check.area.label(show.lang)),
             Cell(brand_text, style=BRAND_STYLE[brand.status]),
             Cell(str(sampling.batches)),
             Cell("—" if sampling.pass_rate is None else percent(sampling.pass_rate),
                  style="behind" if sampling.failed else None)])
        counts.rows.append([Cell(check.area.label(show.lang))]
                           + [Cell(str(check.counts[kind])) for kind in checklist.COUNTED])
        for activity, failure in sampling.failures:
            failures.rows.append([Cell(check.area.label(show.lang)),
                                  Cell(str(activity.entry.date)),
                                  Cell(failure.certificate or "—"), Cell(failure.product or ""),
                                  Cell(failure.reason or "")])
    meetings = TableView(tr("tasks.meetings", year=year),
                         [tr("col.date"), tr("col.host"), tr("col.title_plain")],
                         wrap=frozenset({2}))
    for meeting in held.held:
        host = plan.find_area(meeting.host or "")
        meetings.rows.append([Cell(str(meeting.entry.date)),
                              Cell(host.label(show.lang) if host else "—"),
                              Cell(meeting.entry.title or "")])
    notes = []
    if held.missing:
        notes.append(tr("tasks.no_meeting", year=year, held=len(held.held),
                        per_year=held.per_year))
    notes += [tr("tasks.repeat_host", host=_area_label(plan, host, show), year=year)
              for host in held.repeated_hosts]
    district_rows = [district_tasks_json(check) for check in checks]
    data = {
        "schema": "wuhai-green/tasks@1",
        "year": year,
        "districts": district_rows,
        "exchange_meetings": {
            "held": [{"date": m.entry.date.isoformat(), "host": m.host,
                      "title": m.entry.title, "file": m.file, "line": m.line}
                     for m in held.held],
            "missing": held.missing,
            "repeated_hosts": list(held.repeated_hosts),
        },
        "notes": notes,
    }
    tables = [table, counts, meetings] + ([failures] if failures.rows else [])
    csv_rows = [{"district": row["district"], "brand_plan": row["brand_plan"]["status"],
                 **row["counts"], "sampled": row["sampling"]["batches"],
                 "passed": row["sampling"]["passed"], "failed": row["sampling"]["failed"],
                 "pass_rate": row["sampling"]["pass_rate"]} for row in district_rows]
    return Page(data, tables, notes, csv_rows)


def _area_label(plan: Plan, name: str, show: Display) -> str:
    area = plan.find_area(name)
    return area.label(show.lang) if area else name


BRAND_STYLE = {"on_time": "met", "late": "at_risk", "missing": "behind", "not_due": "no_target"}


def district_tasks_json(check: checklist.DistrictTasks) -> dict[str, Any]:
    sampling = check.sampling
    return {
        "district": check.area.name,
        "brand_plan": {"status": check.brand_plan.status,
                       "due": None if check.brand_plan.due is None
                       else check.brand_plan.due.isoformat(),
                       "submitted": None if check.brand_plan.submitted is None
                       else check.brand_plan.submitted.isoformat()},
        "counts": dict(check.counts),
        "sampling": {"batches": sampling.batches, "passed": sampling.passed,
                     "failed": sampling.failed, "penalties": sampling.penalties,
                     "pass_rate": number(sampling.pass_rate)},
        "failed_batches": [{"date": activity.entry.date.isoformat(),
                            "certificate": failure.certificate, "product": failure.product,
                            "reason": failure.reason, "file": activity.file,
                            "line": activity.line}
                           for activity, failure in sampling.failures],
    }
