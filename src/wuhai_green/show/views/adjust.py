"""`wuhai adjust`: next year's targets adjusted by note 2 of 附件2, and what lapses."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from wuhai_green.core import metrics, rows
from wuhai_green.core.measures import measure_of
from wuhai_green.core.query import Query
from wuhai_green.model.plan import Indicator
from wuhai_green.show.display import Display, number, spaced, unit_id
from wuhai_green.show.page import Cell, Page, TableView
from wuhai_green.show.views.gap import lapsing_cell
from wuhai_green.show.views.renewals import renewal_json, renewals_table


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
    renewals = rows.renewals(query.plan, rows.lapsing_records(query.plan, found), None)
    notes = adjust_sentences(found, renewals, year, show)
    json_rows = [adjust_json(show, row) for row in found]
    data = {
        "schema": "wuhai-green/adjust@1",
        "year": year,
        "based_on": year - 1,
        "rows": json_rows,
        "lapsing": [renewal_json(renewal) for renewal in renewals],
        "sentences": notes,
    }
    if renewals and with_renewals:
        tables.append(renewals_table(renewals, show))
    return Page(data, tables, notes, json_rows)


def adjust_cells(indicator: Indicator, row: metrics.AdjustRow, show: Display) -> list[Cell]:
    def amount(value: Decimal | None) -> str:
        return show.amount(indicator, value)

    return [
        Cell(show.area(row.area)), Cell(amount(row.plan_target.value)),
        Cell(amount(row.achieved)), Cell(amount(row.even_pace)),
        Cell(amount(row.adjusted_target), style="at_risk" if row.raised else None),
        Cell(amount(row.required_addition), style="behind" if row.behind_plan > 0 else None),
        Cell(amount(row.plan_addition)),
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
        "lapsing_count": len(row.lapsing),
        "lapsing_tonnes": number(row.lapsing_amount) if tonnes else None,
    }


def adjust_sentences(found: list[metrics.AdjustRow], renewals: list[rows.Renewal], year: int,
                     show: Display) -> list[str]:
    notes = []
    # Sentences speak of districts; of the city only when it is shown alone.
    for row in [r for r in found if not r.area.children] or found:
        unit = spaced(show.unit_label(row.indicator))
        params = {"area": show.area(row.area), "indicator": show.name(row.indicator),
                  "year": year, "unit": unit,
                  "required": show.amount(row.indicator, row.required_addition),
                  "plan": show.amount(row.indicator, row.plan_pace),
                  "extra": show.amount(row.indicator, row.behind_plan)}
        if row.behind_plan > 0:
            notes.append(show.tr("adjust.behind", **params))
    if not notes:
        notes.append(show.tr("adjust.all_on_plan", year=year))
    if renewals:
        first = renewals[0]
        notes.append(show.tr("adjust.renewals", count=len(renewals), year=year,
                             first=first.apply_by, id=first.record.id))
    return notes
