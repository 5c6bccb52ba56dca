"""`wuhai gap`: every milestone ahead, what is still missing, and one sentence per district."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from wuhai_green.core import metrics, rows
from wuhai_green.core.measures import measure_of
from wuhai_green.core.query import Query
from wuhai_green.core.register import Certificate
from wuhai_green.model.plan import Indicator
from wuhai_green.show.display import Display, number, spaced, unit_id
from wuhai_green.show.page import Cell, Page, TableView, figure_cell


def gap_page(query: Query, show: Display) -> Page:
    tr = show.tr
    found = rows.gap_rows(query)
    tables = []
    for indicator in query.plan.data.indicators:
        table = TableView(show.titled(indicator),
                          [tr("col.area"), tr("col.milestone"), tr("col.target_plain"),
                           tr("col.achieved"), tr("col.gap"), tr("col.years_left"),
                           tr("col.per_year"), tr("col.at_this_pace"), tr("col.lapsing")],
                          numeric=frozenset(range(2, 9)),
                          legend={"behind": tr("colour.gap.behind"), "met": tr("colour.gap.met")})
        for row in (r for r in found if r.indicator is indicator):
            table.rows.append([
                Cell(show.area(row.area)), figure_cell(str(row.milestone), row.milestone),
                show.amount_cell(indicator, row.target.value),
                show.amount_cell(indicator, row.achieved),
                show.amount_cell(indicator, row.gap, style="behind" if row.gap > 0 else "met"),
                figure_cell(str(row.years_left), row.years_left),
                show.amount_cell(indicator, row.per_year),
                show.amount_cell(indicator, row.projected, style=pace_style(row)),
                Cell(lapsing_cell(indicator, row.lapsing, row.lapsing_amount, show)),
            ])
        tables.append(table)
    notes = [gap_sentence(row, show) for row in rows.nearest_milestones(found)]
    if not found:
        notes.append(tr("gap.none_ahead", end=query.plan.data.period.end))
    json_rows = [gap_json(show, row) for row in found]
    data = {"schema": "wuhai-green/gap@1", "year": query.year, "as_of": query.as_of.isoformat(),
            "rows": json_rows, "sentences": notes}
    return Page(data, tables, notes, json_rows)


def lapsing_cell(indicator: Indicator, records: tuple[Certificate, ...], amount: Decimal,
                 show: Display) -> str:
    """What lapses: `2 张 / 180` for tonnes, the count alone for counts."""
    if measure_of(show.plan, indicator).in_tonnes:
        return show.tr("gap.lapsing_cell", count=len(records),
                       amount=show.amount(indicator, amount))
    return str(len(records))


def pace_style(row: rows.GapRow) -> str | None:
    """Whether the pace so far reaches the milestone's target (none without a target)."""
    if row.projected is None or row.target.value is None:
        return None
    return "met" if row.projected >= row.target.value else "behind"


def gap_sentence(row: rows.GapRow, show: Display) -> str:
    unit = spaced(show.unit_label(row.indicator))
    params = {"area": show.area(row.area), "year": row.milestone,
              "indicator": show.name(row.indicator), "unit": unit,
              "gap": show.amount(row.indicator, row.gap),
              "per_year": show.amount(row.indicator, row.per_year)}
    if row.target.value is None:
        text = show.tr("gap.sentence_none", **params)
    elif row.gap == 0:
        text = show.tr("gap.sentence_met", **params)
    else:
        whole = measure_of(show.plan, row.indicator).whole_units
        text = show.tr("gap.sentence_whole" if whole else "gap.sentence", **params)
    if row.projected is not None and row.target.value is not None and row.gap > 0:
        text += show.tr("gap.at_this_pace", **params,
                        projected=show.amount(row.indicator, row.projected),
                        target=show.amount(row.indicator, row.target.value))
    if row.lapsing and measure_of(show.plan, row.indicator).in_tonnes:
        text += show.tr("gap.sentence_lapsing", count=len(row.lapsing),
                        amount=show.amount(row.indicator, row.lapsing_amount), unit=unit,
                        year=row.milestone)
    elif row.lapsing:
        # "or confirmed" only where the optional yearly confirmation rule is on
        confirmed = set(row.indicator.certificate_types) & set(metrics.confirmed_types(show.plan))
        text += show.tr("gap.sentence_lapsing_count" if confirmed else "gap.sentence_lapsing_renew",
                        count=len(row.lapsing), year=row.milestone)
    return text


def gap_json(show: Display, row: rows.GapRow) -> dict[str, Any]:
    return {
        "district": row.area.name,
        "indicator": row.indicator.id,
        "unit": unit_id(show.plan, row.indicator),
        "milestone": row.milestone,
        "target": number(row.target.value),
        "target_source": row.target.source,
        "achieved": number(row.achieved),
        "gap": number(row.gap),
        "years_left": row.years_left,
        "per_year": number(row.per_year),
        "projected": number(row.projected),
        "lapsing_count": len(row.lapsing),
        "lapsing_amount": number(row.lapsing_amount),
        "lapsing": [record.id for record in row.lapsing],
    }
