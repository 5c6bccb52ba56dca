"""`wuhai adjust`: next year's targets adjusted by note 2 of 附件2, what lapses, and whether
the plan's goals can still be reached (the goal outlook)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from wuhai_green.core import metrics, rows
from wuhai_green.core.measures import Measure, goal_measure, measure_of
from wuhai_green.core.query import Query
from wuhai_green.model.plan import Indicator
from wuhai_green.show.display import Display, number, spaced, unit_id
from wuhai_green.show.page import Cell, Page, TableView
from wuhai_green.show.views.gap import lapsing_cell
from wuhai_green.show.views.renewals import renewal_json, renewals_table
from wuhai_green.show.views.status import block_notes


def adjust_page(query: Query, found: list[metrics.AdjustRow], show: Display, *,
                with_renewals: bool = True) -> Page:
    """The adjusted targets; with their certificates to renew as a table unless the page
    is shown beside a renewals table of its own (the yearly report)."""
    tr = show.tr
    year = query.year
    tables = []
    for indicator in query.plan.data.indicators:
        table = TableView(show.titled(indicator),
                          [tr("col.area"), tr("col.plan_target", year=year),
                           tr("col.achieved_by", year=year - 1), tr("col.even_pace"),
                           tr("col.adjusted", year=year), tr("col.required", year=year),
                           tr("col.plan_addition"), tr("col.lapsing_in", year=year)],
                          numeric=frozenset(range(1, 8)),
                          legend={"at_risk": tr("colour.adjust.raised"),
                                  "behind": tr("colour.adjust.behind")})
        for row in (r for r in found if r.indicator is indicator):
            table.rows.append(adjust_cells(indicator, row, show))
        tables.append(table)
    outlook = rows.goals_outlook(query)
    if outlook:
        tables.append(outlook_table(outlook, year, show))
    renewals = rows.renewals(query.plan, rows.lapsing_records(query.plan, found), None)
    notes = adjust_sentences(found, renewals, year, show)
    notes += outlook_sentences(outlook, year, show)
    notes += block_notes(query, [item.stock for item in outlook],
                         [item.goal for item in outlook], show)
    json_rows = [adjust_json(show, row) for row in found]
    data = {
        "schema": "wuhai-green/adjust@1",
        "year": year,
        "based_on": year - 1,
        "rows": json_rows,
        "goals_outlook": [outlook_json(item) for item in outlook],
        "lapsing": [renewal_json(renewal) for renewal in renewals],
        "sentences": notes,
    }
    if renewals and with_renewals:
        tables.append(renewals_table(renewals, show))
    return Page(data, tables, notes, json_rows)


def adjust_cells(indicator: Indicator, row: metrics.AdjustRow, show: Display) -> list[Cell]:
    def amount(value: Decimal | None, style: str | None = None) -> Cell:
        return show.amount_cell(indicator, value, style=style)

    return [
        Cell(show.area(row.area)), amount(row.plan_target.value),
        amount(row.achieved), amount(row.even_pace),
        amount(row.adjusted_target, "at_risk" if row.raised else None),
        amount(row.required_addition, "behind" if row.behind_plan > 0 else None),
        amount(row.plan_addition),
        Cell(lapsing_cell(indicator, row.lapsing, row.lapsing_amount, show)),
    ]


def adjust_json(show: Display, row: metrics.AdjustRow) -> dict[str, Any]:
    tonnes = measure_of(show.plan, row.indicator).in_tonnes
    return {
        "district": row.area.name,
        "indicator": row.indicator.id,
        "unit": unit_id(show.plan, row.indicator),
        "plan_target": number(row.plan_target.value),
        "target_source": row.plan_target.source,
        "achieved": number(row.achieved),
        "even_pace": number(row.even_pace),
        "adjusted_target": number(row.adjusted_target),
        "required_addition": number(row.required_addition),
        "plan_addition": number(row.plan_addition),
        "goal_extra": number(row.goal_extra),
        "lapsing_count": len(row.lapsing),
        "lapsing_tonnes": number(row.lapsing_amount) if tonnes else None,
    }


def adjust_sentences(found: list[metrics.AdjustRow], renewals: list[rows.Renewal], year: int,
                     show: Display) -> list[str]:
    notes = []
    # Sentences speak of districts; of the city only when it is shown alone.
    spoken = [r for r in found if not r.area.children] or found
    for row in spoken:
        unit = spaced(show.unit_label(row.indicator))
        params = {"area": show.area(row.area), "indicator": show.name(row.indicator),
                  "year": year, "unit": unit,
                  "required": show.amount(row.indicator, row.required_addition),
                  "plan": show.amount(row.indicator, row.plan_addition),
                  "whole": show.amount(row.indicator, row.plan_pace),
                  "extra": show.amount(row.indicator, row.behind_plan)}
        if row.behind_plan > 0:
            # the plan's own figure as the table shows it; for a count, the whole products
            # the comparison takes when that figure is a fraction
            fraction = row.plan_pace != row.plan_addition
            notes.append(show.tr("adjust.behind_whole" if fraction else "adjust.behind", **params))
    if not notes:
        areas = list(dict.fromkeys(show.area(row.area) for row in spoken))
        notes.append(show.tr("adjust.on_plan", year=year, areas=show.join(areas)))
    for row in found:
        if row.goal_extra > 0:
            unit = spaced(show.unit_label(row.indicator))
            notes.append(show.tr("adjust.city_extra", area=show.area(row.area), year=year,
                                 indicator=show.name(row.indicator), unit=unit,
                                 extra=show.amount(row.indicator, row.goal_extra)))
    if renewals:
        first = renewals[0]
        notes.append(show.tr("adjust.renewals", count=len(renewals), year=year,
                             first=first.apply_by, id=first.record.id))
    return notes


# --- the goal outlook ---------------------------------------------------------------------


def outlook_table(outlook: list[metrics.GoalOutlook], year: int, show: Display) -> TableView:
    tr = show.tr
    table = TableView(tr("outlook.title", year=year, based_on=year - 1),
                      [tr("col.goal"), tr("col.stock_on", year=year - 1), tr("col.lower"),
                       tr("col.remaining"), tr("col.projected_stock"), tr("col.shortfall"),
                       tr("col.goal_extra", year=year), tr("col.lapsing_in", year=year)],
                      numeric=frozenset(range(1, 8)), wrap=frozenset({0}),
                      legend={"met": tr("colour.outlook.met"),
                              "behind": tr("colour.outlook.short")})
    for item in outlook:
        measure = goal_measure(item.goal)

        def figure(value: Decimal, style: str | None = None, measure: Measure = measure) -> Cell:
            return show.figure_cell(measure, value, style)

        lapsing = (tr("gap.lapsing_cell", count=len(item.lapsing),
                      amount=show.figure(measure, item.lapsing_amount))
                   if measure.in_tonnes else str(len(item.lapsing)))
        table.rows.append([
            Cell(show.name(item.goal)), figure(item.stock.value), figure(item.lower),
            figure(item.remaining) if item.indicator is not None else Cell("—"),
            figure(item.projected),
            figure(item.shortfall, "behind" if item.shortfall > 0 else "met"),
            figure(item.extra, "behind" if item.extra > 0 else None),
            Cell(lapsing),
        ])
    return table


def outlook_sentences(outlook: list[metrics.GoalOutlook], year: int, show: Display
                      ) -> list[str]:
    """One sentence per goal: the projection against the band's lower edge and, where it
    falls short, the extra additions the city needs; then what lapses without renewal."""
    notes = []
    for item in outlook:
        measure = goal_measure(item.goal)
        params = {"goal": show.name(item.goal), "year": year, "based_on": year - 1,
                  "unit": spaced(show.goal_unit(item.goal)),
                  "stock": show.figure(measure, item.stock.value),
                  "remaining": show.figure(measure, item.remaining),
                  "projected": show.figure(measure, item.projected),
                  "lower": show.figure(measure, item.lower),
                  "shortfall": show.figure(measure, item.shortfall),
                  "extra": show.figure(measure, item.extra)}
        if item.shortfall == 0:
            text = show.tr("outlook.reachable", **params)
        elif item.indicator is None:
            text = show.tr("outlook.short_alone", **params)
        else:
            text = show.tr("outlook.short", indicator=show.name(item.indicator), **params)
        if item.lapsing:
            lapse = {**params, "count": len(item.lapsing),
                     "amount": show.figure(measure, item.lapsing_amount),
                     "unrenewed": show.figure(measure, item.projected_unrenewed),
                     "gap": show.figure(measure, item.shortfall_unrenewed)}
            text += show.tr("outlook.lapsing" if measure.in_tonnes else "outlook.lapsing_count",
                            **lapse)
            text += show.tr("outlook.lapsing_short" if item.shortfall_unrenewed > 0
                            else "outlook.lapsing_still", **lapse)
        notes.append(text)
    return notes


def outlook_json(item: metrics.GoalOutlook) -> dict[str, Any]:
    return {
        "goal": item.goal.id,
        "unit": item.goal.unit,
        "indicator": None if item.indicator is None else item.indicator.id,
        "stock": number(item.stock.value),
        "baseline_block": number(item.stock.block),
        "lower": number(item.lower),
        "remaining": number(item.remaining),
        "projected": number(item.projected),
        "shortfall": number(item.shortfall),
        "extra": number(item.extra),
        "lapsing_count": len(item.lapsing),
        "lapsing_amount": number(item.lapsing_amount),
        "lapsing": [record.id for record in item.lapsing],
        "shortfall_unrenewed": number(item.shortfall_unrenewed),
    }
