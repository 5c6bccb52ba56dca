"""`wuhai tasks`: the plan's tasks and measures as a checklist per district."""

from __future__ import annotations

from typing import Any

from wuhai_green.core import checklist
from wuhai_green.core.numbers import percent
from wuhai_green.core.query import Query
from wuhai_green.show.display import Display, number
from wuhai_green.show.page import Cell, Page, TableView


def tasks_page(query: Query, show: Display) -> Page:
    tr = show.tr
    year = query.year
    checks = checklist.checklist(query)
    held = checklist.meetings(query.plan, query.register, year)
    # Two narrow tables rather than one wide one: both fit an 80-column terminal.
    table = TableView(tr("tasks.title", year=year),
                      [tr("col.area"), tr("col.brand_plan"), tr("col.sampled"),
                       tr("col.pass_rate")], numeric=frozenset({2, 3}),
                      legend={style: tr("colour.brand_plan." + status)
                              for status, style in BRAND_STYLE.items()})
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
            [Cell(show.area(check.area)),
             Cell(brand_text, style=BRAND_STYLE[brand.status]),
             Cell(str(sampling.batches)),
             Cell("—" if sampling.pass_rate is None else percent(sampling.pass_rate),
                  style="behind" if sampling.failed else None)])
        counts.rows.append([Cell(show.area(check.area))]
                           + [Cell(str(check.counts[kind])) for kind in checklist.COUNTED])
        for activity, failure in sampling.failures:
            failures.rows.append([Cell(show.area(check.area)),
                                  Cell(str(activity.entry.date)),
                                  Cell(failure.certificate or "—"), Cell(failure.product or ""),
                                  Cell(failure.reason or "")])
    meetings = TableView(tr("tasks.meetings", year=year),
                         [tr("col.date"), tr("col.host"), tr("col.title_plain")],
                         wrap=frozenset({2}))
    for meeting in held.held:
        meetings.rows.append([Cell(str(meeting.entry.date)),
                              Cell(show.area(meeting.host) if meeting.host else "—"),
                              Cell(meeting.entry.title or "")])
    notes = []
    if held.missing:
        notes.append(tr("tasks.no_meeting", year=year, held=len(held.held),
                        per_year=held.per_year))
    notes += [tr("tasks.repeat_host", host=show.area(host), year=year)
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
