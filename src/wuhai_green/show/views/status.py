"""`wuhai status`: one table per indicator, the goals, and the notes that explain them."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from wuhai_green.core import metrics, rows
from wuhai_green.core.measures import goal_measure
from wuhai_green.core.numbers import percent, plain
from wuhai_green.core.query import Query
from wuhai_green.core.register import Certificate
from wuhai_green.model.plan import Goal, Indicator
from wuhai_green.show.display import Display, number, unit_id
from wuhai_green.show.page import Cell, Page, TableView, figure_cell

TARGET_MARKS = {"interpolated": "*", "adjusted": "†"}


def status_page(query: Query, show: Display, explain: bool = False,
                extra_notes: tuple[str, ...] = ()) -> Page:
    found = rows.status_rows(query)
    goals = rows.goal_results(query)
    missing = rows.missing_reports(query)
    notes = [*extra_notes, *missing_notes(missing, show), *status_notes(query, goals, show, found)]
    json_rows = [status_json(show, row) for row in found]
    data = {
        "schema": "wuhai-green/status@1",
        "year": query.year,
        "as_of": query.as_of.isoformat(),
        "rows": json_rows,
        "goals": [goal_json(result) for result in goals],
        "notes": notes,
        "missing_reports": missing_json(missing),
    }
    within_year = rows.within_year(query)
    tables = [status_table([r for r in found if r.indicator is indicator], query.year,
                           within_year, show, explain)
              for indicator in query.plan.data.indicators]
    tables.append(goals_table(goals, query, show, explain))
    return Page(data, tables, notes, json_rows)


def missing_json(missing: list[tuple[str, int]]) -> list[dict[str, Any]]:
    return [{"district": district, "year": year} for district, year in missing]


def missing_notes(missing: list[tuple[str, int]], show: Display) -> list[str]:
    """One note naming every district without a report of a year that has ended."""
    if not missing:
        return []
    years: dict[str, list[str]] = {}
    for district, year in missing:
        years.setdefault(district, []).append(str(year))
    listed = show.join([show.tr("note.missing_district", district=show.area(district),
                                years=show.join(found)) for district, found in years.items()])
    return [show.tr("note.missing_reports", missing=listed)]


def status_json(show: Display, row: metrics.StatusRow) -> dict[str, Any]:
    return {
        "district": row.area.name,
        "indicator": row.indicator.id,
        "unit": unit_id(show.plan, row.indicator),
        "baseline": number(row.baseline),
        "target": number(row.target.value),
        "target_source": row.target.source,
        "expected": number(row.expected),
        "achieved": number(row.achieved),
        "gap": number(row.gap),
        "completion": number(row.completion),
        "status": row.status,
        "progress": number(row.progress),
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
        "above_band": result.above,
    }


def status_table(found: list[metrics.StatusRow], year: int, within_year: bool, show: Display,
                 explain: bool) -> TableView:
    tr = show.tr
    indicator = found[0].indicator
    headers = [tr("col.area"), tr("col.baseline"), tr("col.target", year=year)]
    if within_year:
        headers.append(tr("col.expected"))
    headers += [tr("col.achieved"), tr("col.gap"), tr("col.completion")]
    if within_year:  # the figure the status word is based on, beside completion
        headers.append(tr("col.progress"))
    headers.append(tr("col.status"))
    table = TableView(show.titled(indicator), headers,
                      numeric=frozenset(range(1, len(headers) - 1)), legend=status_legend(show))
    for row in found:
        cells = [Cell(show.area(row.area)), show.amount_cell(indicator, row.baseline),
                 show.amount_cell(indicator, row.target.value,
                                  mark=TARGET_MARKS.get(row.target.source, ""))]
        if within_year:
            cells.append(show.amount_cell(indicator, row.expected))
        cells += [show.amount_cell(indicator, row.achieved),
                  show.amount_cell(indicator, row.gap),
                  replace(percent_cell(row.completion), bar=row.completion)]
        if within_year:
            cells.append(percent_cell(row.progress))
        cells.append(Cell(show.status(row.status), style=row.status))
        table.rows.append(cells)
        if explain:
            table.details[len(table.rows) - 1] = explain_lines(indicator, row.records, show)
    return table


def percent_cell(value: Decimal | None, style: str | None = None) -> Cell:
    """A share as a cell: `87.5%`, or a dash where there is none."""
    if value is None:
        return Cell("—", style)
    return figure_cell(percent(value), value, percent=True, style=style)


def status_legend(show: Display) -> dict[str, str]:
    """What each status colour means, with the plan's thresholds."""
    thresholds = show.plan.data.rules.status_thresholds
    bands = {"on_track": percent(thresholds.on_track), "at_risk": percent(thresholds.at_risk)}
    return {status: show.tr("colour.status." + status, **bands) for status in metrics.STATUSES}


def explain_lines(indicator: Indicator, records: tuple[Certificate, ...],
                  show: Display) -> list[str]:
    if not records:
        return [show.tr("explain.none")]
    lines = []
    for record in records:
        amount = "" if record.output_tonnes is None else " " + show.amount(
            indicator, record.output_tonnes) + " " + show.unit_label(indicator)
        lines.append(f"{record.id} {record.product} {record.holder} {record.issued}{amount} "
                     f"({record.where})")
    return lines


def goals_table(goals: list[metrics.GoalResult], query: Query, show: Display,
                explain: bool) -> TableView:
    tr = show.tr
    table = TableView(tr("goals.title", as_of=query.as_of),
                      [tr("col.goal"), tr("col.stock"), tr("col.band"), tr("col.status")],
                      numeric=frozenset({1}), wrap=frozenset({0}),
                      legend={"met": tr("colour.goal.met"), "behind": tr("colour.goal.not_met")})
    for result in goals:
        measure = goal_measure(result.goal)
        lower = show.figure(measure, result.lower)
        band = (f"≥ {lower}" if result.upper is None
                else f"{lower}–{show.figure(measure, result.upper)}")
        stock = result.stock.value
        word = tr("goal.above_band") if result.above else tr("goal." + result.status)
        table.rows.append([Cell(show.name(result.goal)), show.figure_cell(measure, stock),
                           Cell(band), Cell(word, style="met" if result.status == "met" else "behind")])
        if explain:
            lines = [f"{r.id} {r.product} {r.holder} {r.issued}–{r.end} ({r.where})"
                     for r in result.stock.records]
            if result.stock.block is not None:
                lines.insert(0, tr("explain.block", value=plain(result.stock.block),
                                   year=query.plan.data.period.baseline_year))
            table.details[len(table.rows) - 1] = lines or [tr("explain.none")]
    return table


def status_notes(query: Query, goals: list[metrics.GoalResult], show: Display,
                 found: list[metrics.StatusRow]) -> list[str]:
    """The notes that apply: the baseline block (where one stands in for a register), no
    data, and the marks of targets (`*`, `†`) only where a row shows one."""
    notes = block_notes(query, [result.stock for result in goals],
                        [result.goal for result in goals], show)
    if not query.register.certificates:
        notes.append(show.tr("note.no_data"))
    return notes + mark_notes(found, show)


def block_notes(query: Query, stocks: list[metrics.Stock], goals: list[Goal],
                show: Display) -> list[str]:
    """Where the plan's baseline stands in for a missing register of the baseline year: say
    so, say by when every certificate of that year will have expired or been renewed, and
    that a register of that year makes the figures exact."""
    notes = []
    plan = query.plan
    baseline_year = plan.data.period.baseline_year
    without = [show.area(d) for d in rows.districts_without_register(plan, query.register)]
    if any(held.block is not None for held in stocks):
        notes.append(show.tr("note.baseline_block", year=baseline_year,
                             districts=show.join(without)))
        notes.append(show.tr("note.block_turnover", year=baseline_year,
                             turnover=metrics.block_turnover_year(plan)))
    for held, goal in zip(stocks, goals, strict=True):
        if without and held.block is None:
            notes.append(show.tr("note.no_block", goal=show.name(goal)))
    return notes


def mark_notes(found: list[metrics.StatusRow], show: Display) -> list[str]:
    """A note for each mark that a target shown carries (`*`, `†`), and only then."""
    sources = {row.target.source for row in found}
    return [show.tr(f"note.{source}_mark") for source in TARGET_MARKS if source in sources]
