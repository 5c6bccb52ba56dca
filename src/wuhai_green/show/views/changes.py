"""`wuhai check` and `wuhai diff`: the rows at risk or behind, and what a change moved."""

from __future__ import annotations

from typing import Any

from wuhai_green.core import metrics, rows
from wuhai_green.core.problems import Problem
from wuhai_green.core.query import Query
from wuhai_green.show.display import Display, number, spaced, unit_id, with_unit
from wuhai_green.show.page import Cell, Page, TableView
from wuhai_green.show.problems import as_json
from wuhai_green.show.views.status import missing_json, missing_notes, status_json


def change_json(show: Display, change: rows.Change) -> dict[str, Any]:
    def side(row: metrics.StatusRow | None) -> dict[str, Any] | None:
        if row is None:
            return None
        return {"target": number(row.target.value), "achieved": number(row.achieved),
                "gap": number(row.gap), "status": row.status}

    return {"district": change.after.area.name, "indicator": change.after.indicator.id,
            "unit": unit_id(show.plan, change.after.indicator), "before": side(change.before),
            "after": side(change.after)}


def change_sentence(change: rows.Change, show: Display) -> str:
    row, previous = change.after, change.before
    unit = show.unit_label(row.indicator)
    old_achieved = "—" if previous is None else show.amount(row.indicator, previous.achieved)
    old_status = "—" if previous is None else show.status(previous.status)
    new_achieved = with_unit(show.amount(row.indicator, row.achieved), unit)
    return (f"{show.area(row.area)} {show.name(row.indicator)} {old_achieved} → "
            f"{new_achieved}, {old_status} → {show.status(row.status)}")


def diff_page(base_ref: str, query: Query, moved: list[rows.Change], show: Display) -> Page:
    tr = show.tr
    table = TableView(tr("diff.title", ref=base_ref, year=query.year),
                      [tr("col.area"), tr("col.indicator"), tr("col.before"), tr("col.after"),
                       tr("col.status")], numeric=frozenset({2, 3}), wrap=frozenset({1}))
    for change in moved:
        row, previous = change.after, change.before
        unit = show.unit_label(row.indicator)
        old = "—" if previous is None else show.amount(row.indicator, previous.achieved)
        old_status = "—" if previous is None else show.status(previous.status)
        suffix = f" {unit}" if unit else ""
        table.rows.append([Cell(show.area(row.area)), Cell(show.name(row.indicator)),
                           Cell(with_unit(old, unit)) if previous is None else
                           show.amount_cell(row.indicator, previous.achieved, mark=suffix),
                           show.amount_cell(row.indicator, row.achieved, mark=suffix),
                           Cell(f"{old_status} → {show.status(row.status)}", style=row.status)])
    notes = [change_sentence(change, show) for change in moved] or [tr("diff.none")]
    json_rows = [change_json(show, change) for change in moved]
    data = {"schema": "wuhai-green/diff@1", "base": base_ref, "year": query.year,
            "as_of": query.as_of.isoformat(), "rows": json_rows}
    return Page(data, [table] if moved else [], notes, json_rows)


def check_document(query: Query, result: rows.CheckResult, warnings: list[Problem],
                   show: Display) -> dict[str, Any]:
    document: dict[str, Any] = {
        "schema": "wuhai-green/check@1",
        "ok": not result.failing,
        "year": query.year,
        "as_of": query.as_of.isoformat(),
        "errors": [],
        "warnings": [as_json(warning, show.lang) for warning in warnings],
        "findings": [status_json(show, row) for row in result.findings],
        "missing_reports": missing_json(rows.missing_reports(query)),
    }
    document["failing"] = [status_json(show, row) for row in result.failing]
    if result.changes is not None:
        document["changes"] = [change_json(show, change) for change in result.changes]
        document["setbacks"] = [change_json(show, change) for change in result.setbacks]
    return document


def check_page(query: Query, result: rows.CheckResult, verdict: str, show: Display) -> Page:
    """Every row of the check, the missing reports, the moved figures, and the verdict
    (views/ci.py)."""
    tr = show.tr
    table = TableView(tr("check.title"), [tr("col.area"), tr("col.indicator"), tr("col.achieved"),
                                          tr("col.target_plain"), tr("col.status")],
                      numeric=frozenset({2, 3}), wrap=frozenset({1}))
    for row in result.rows:
        table.rows.append([Cell(show.area(row.area)), Cell(show.name(row.indicator)),
                           show.amount_cell(row.indicator, row.achieved),
                           show.amount_cell(row.indicator, row.target.value),
                           Cell(show.status(row.status), style=row.status)])
    notes = missing_notes(rows.missing_reports(query), show)
    if result.changes is not None:
        notes += [change_sentence(change, show) for change in result.changes] or [tr("diff.none")]
    notes.append(verdict)
    return Page({}, [table], notes, [status_json(show, row) for row in result.rows])


def finding_message(row: metrics.StatusRow, year: int, show: Display) -> str:
    """A row at risk or behind, in one line (a CI annotation)."""
    return show.tr("check.finding", area=show.area(row.area), indicator=show.name(row.indicator),
                   year=year, achieved=show.amount(row.indicator, row.achieved),
                   target=show.amount(row.indicator, row.target.value),
                   unit=spaced(show.unit_label(row.indicator)), status=show.status(row.status))
