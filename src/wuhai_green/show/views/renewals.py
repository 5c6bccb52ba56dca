"""Certificates to renew, as `wuhai expiring` lists them and `adjust` and the report show
them: by the date the renewal must be applied for."""

from __future__ import annotations

from datetime import date
from typing import Any

from wuhai_green.core import rows
from wuhai_green.core.register import Certificate, Register
from wuhai_green.model.plan import Area
from wuhai_green.show.display import Display, number
from wuhai_green.show.page import Cell, Page, TableView, figure_cell


def renewal_json(renewal: rows.Renewal) -> dict[str, Any]:
    record = renewal.record
    return {
        "id": record.id,
        "district": record.district,
        "type": record.type,
        "product": record.product,
        "holder": record.holder,
        "output_tonnes": number(record.output_tonnes),
        "expires": record.expires.isoformat(),
        "apply_by": renewal.apply_by.isoformat(),
        "kind": renewal.kind,
        "due": renewal.falls_due.isoformat(),
    }


def renewals_table(renewals: list[rows.Renewal], show: Display) -> TableView:
    tr = show.tr
    table = TableView(tr("renewals.title"),
                      [tr("col.apply_by"), tr("col.expires"), tr("col.area"), tr("col.type"),
                       tr("col.id"), tr("col.product"), tr("col.holder"),
                       tr("col.output", unit=show.tonnes_label())],
                      numeric=frozenset({7}), wrap=frozenset({5, 6}),
                      legend={"overdue": tr("colour.renewals.overdue")})
    for renewal in renewals:
        record: Certificate = renewal.record
        kind = show.plan.certificate_types.get(record.type)
        overdue = " " + tr("renewals.overdue") if renewal.overdue else ""
        table.rows.append([
            figure_cell(str(renewal.apply_by), renewal.apply_by, suffix=overdue,
                        style="overdue" if renewal.overdue else None),
            figure_cell(str(record.expires), record.expires) if renewal.kind == "renewal"
            else Cell(tr("renewals.confirmation", date=renewal.falls_due)),
            Cell(show.area(record.district)),
            Cell(show.name(kind) if kind else record.type), Cell(record.id),
            Cell(record.product), Cell(record.holder), show.tonnes_cell(record.output_tonnes),
        ])
    return table


def expiring_page(register: Register, as_of: date, until: date, area: Area,
                  show: Display) -> Page:
    found = rows.expiring(show.plan, register, as_of, until, area)
    json_rows = []
    for renewal in found:
        entry = renewal_json(renewal)
        entry.update({"issued": renewal.record.issued.isoformat(), "overdue": renewal.overdue,
                      "days_to_apply": renewal.days_to_apply,
                      "days_to_expiry": renewal.days_to_expiry})
        json_rows.append(entry)
    overdue = sum(1 for renewal in found if renewal.overdue)
    notes = [show.tr("expiring.summary", count=len(found), as_of=as_of, until=until,
                     overdue=overdue)]
    data = {"schema": "wuhai-green/expiring@1", "as_of": as_of.isoformat(),
            "until": until.isoformat(), "rows": json_rows}
    tables = [renewals_table(found, show)] if found else []
    return Page(data, tables, notes, json_rows)
