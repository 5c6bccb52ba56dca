"""`wuhai status`: one table per indicator, the goals, and the notes that explain them."""

from __future__ import annotations

from typing import Any

from wuhai_green.core import metrics, rows
from wuhai_green.core.measures import goal_measure
from wuhai_green.core.numbers import percent, plain
from wuhai_green.core.query import Query
from wuhai_green.core.register import Certificate
from wuhai_green.model.plan import Indicator
from wuhai_green.show.display import Display, number, unit_id
from wuhai_green.show.page import Cell, Page, TableView

TARGET_MARKS = {"interpolated": "*", "adjusted": "†"}


def status_page(query: Query, show: Display, explain: bool = False,
                extra_notes: tuple[str, ...] = ()) -> Page:
    found = rows.status_rows(query)
    goals = rows.goal_results(query)
    notes = [*extra_notes, *status_notes(query, goals, show), *mark_notes(found, show)]
    json_rows = [status_json(show, row) for row in found]
    data = {
        "schema": "wuhai-green/status@1",
        "year": query.year,
        "as_of": query.as_of.isoformat(),
        "rows": json_rows,
        "goals": [goal_json(result) for result in goals],
        "notes": notes,
    }
    within_year = rows.within_year(query)
    tables = [status_table([r for r in found if r.indicator is indicator], query.year,
                           within_year, show, explain)
              for indicator in query.plan.data.indicators]
    tables.append(goals_table(goals, query, show, explain))
    return Page(data, tables, notes, json_rows)


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
                      numeric=frozenset(range(1, len(headers) - 1)))
    for row in found:
        target_text = show.amount(indicator, row.target.value)
        target_text += TARGET_MARKS.get(row.target.source, "")
        cells = [Cell(show.area(row.area)), Cell(show.amount(indicator, row.baseline)),
                 Cell(target_text)]
        if within_year:
            cells.append(Cell(show.amount(indicator, row.expected)))
        cells += [Cell(show.amount(indicator, row.achieved)),
                  Cell(show.amount(indicator, row.gap)),
                  Cell("—" if row.completion is None else percent(row.completion),
                       bar=row.completion)]
        if within_year:
            cells.append(Cell("—" if row.progress is None else percent(row.progress)))
        cells.append(Cell(show.status(row.status), style=row.status))
        table.rows.append(cells)
        if explain:
            table.details[len(table.rows) - 1] = explain_lines(indicator, row.records, show)
    return table


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
                      numeric=frozenset({1}), wrap=frozenset({0}))
    for result in goals:
        measure = goal_measure(result.goal)
        lower = show.figure(measure, result.lower)
        band = (f"≥ {lower}" if result.upper is None
                else f"{lower}–{show.figure(measure, result.upper)}")
        table.rows.append([Cell(show.name(result.goal)),
                           Cell(show.figure(measure, result.stock.value)),
                           Cell(band), Cell(tr("goal." + result.status),
                                            style="met" if result.status == "met" else "behind")])
        if explain:
            lines = [f"{r.id} {r.product} {r.holder} {r.issued}–{r.end} ({r.where})"
                     for r in result.stock.records]
            if result.stock.block is not None:
                lines.insert(0, tr("explain.block", value=plain(result.stock.block),
                                   year=query.plan.data.period.baseline_year))
            table.details[len(table.rows) - 1] = lines or [tr("explain.none")]
    return table


def status_notes(query: Query, goals: list[metrics.GoalResult], show: Display) -> list[str]:
    notes = []
    without = [show.area(d) for d in rows.districts_without_register(query.plan, query.register)]
    if any(result.stock.block is not None for result in goals):
        notes.append(show.tr("note.baseline_block", year=query.plan.data.period.baseline_year,
                             districts=show.join(without)))
    for result in goals:
        if without and result.stock.block is None:
            notes.append(show.tr("note.no_block", goal=show.name(result.goal)))
    if not query.register.certificates:
        notes.append(show.tr("note.no_data"))
    return notes


def mark_notes(found: list[metrics.StatusRow], show: Display) -> list[str]:
    """A note for each mark that a target shown carries (`*`, `†`), and only then."""
    sources = {row.target.source for row in found}
    return [show.tr(f"note.{source}_mark") for source in TARGET_MARKS if source in sources]
