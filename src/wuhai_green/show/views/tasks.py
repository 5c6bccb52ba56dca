"""`wuhai tasks`: the plan's tasks and measures as a checklist per district."""

from __future__ import annotations

from typing import Any

from wuhai_green.core import checklist, rows
from wuhai_green.core.query import Query
from wuhai_green.show.display import Display, number
from wuhai_green.show.page import Cell, Page, TableView, figure_cell
from wuhai_green.show.views.status import missing_json, missing_notes, percent_cell


def tasks_page(query: Query, show: Display) -> Page:
    tr = show.tr
    year = query.year
    checks = checklist.checklist(query)
    city = checklist.city_tasks(query)
    held = checklist.meetings(query.plan, query.register, year)
    # Two narrow tables rather than one wide one: both fit an 80-column terminal.
    table = TableView(tr("tasks.title", year=year),
                      [tr("col.area"), tr("col.brand_plan"), tr("col.sampled"),
                       tr("col.pass_rate")], numeric=frozenset({2, 3}),
                      legend={style: tr("colour.brand_plan." + status)
                              for status, style in BRAND_STYLE.items() if style})
    counts = TableView(tr("tasks.counts", year=year),
                       [tr("col.area")] + [tr("activity." + kind) for kind in checklist.COUNTED],
                       numeric=frozenset(range(1, 1 + len(checklist.COUNTED))))
    failures = TableView(tr("tasks.failures"), [tr("col.area"), tr("col.date"), tr("col.id"),
                                                tr("col.product"), tr("col.reason")],
                         wrap=frozenset({3, 4}))
    supervised = TableView(tr("tasks.supervised", year=year),
                           [tr("col.area")] + [tr("activity." + kind)
                                               for kind in checklist.SUPERVISED],
                           numeric=frozenset(range(1, 1 + len(checklist.SUPERVISED))))
    for check in [*checks, *([city] if city else [])]:
        brand = check.brand_plan
        brand_text = tr("brand_plan." + brand.status) + (f" {brand.submitted}"
                                                          if brand.submitted else "")
        sampling = check.sampling
        label = area_label(check, show)
        supervised.rows.append([Cell(label)] + [
            figure_cell(str(check.supervised[kind]), check.supervised[kind])
            for kind in checklist.SUPERVISED])
        table.rows.append(
            [Cell(label),
             Cell(brand_text, style=BRAND_STYLE[brand.status]),
             figure_cell(str(sampling.batches), sampling.batches),
             percent_cell(sampling.pass_rate, "behind" if sampling.failed else None)])
        counts.rows.append([Cell(label)]
                           + [figure_cell(str(check.counts[kind]), check.counts[kind])
                              for kind in checklist.COUNTED])
        for activity, failure in sampling.failures:
            failures.rows.append([Cell(label),
                                  figure_cell(str(activity.entry.date), activity.entry.date),
                                  Cell(failure.certificate or "—"), Cell(failure.product or ""),
                                  Cell(failure.reason or "")])
    meetings = TableView(tr("tasks.meetings", year=year),
                         [tr("col.date"), tr("col.host"), tr("col.title_plain")],
                         wrap=frozenset({2}))
    for meeting in held.held:
        meetings.rows.append([figure_cell(str(meeting.entry.date), meeting.entry.date),
                              Cell(show.area(meeting.host) if meeting.host else "—"),
                              Cell(meeting.entry.title or "")])
    missing = rows.missing_reports(query)
    notes = missing_notes(missing, show)
    if held.missing:
        notes.append(tr("tasks.no_meeting", year=year, held=len(held.held),
                        per_year=held.per_year))
    notes += [tr("tasks.repeat_host", host=show.area(host), year=year)
              for host in held.repeated_hosts]
    district_rows = [district_tasks_json(check) for check in checks]
    city_row = None if city is None else district_tasks_json(city)
    data = {
        "schema": "wuhai-green/tasks@1",
        "year": year,
        "districts": district_rows,
        "city": city_row,
        "exchange_meetings": {
            "held": [{"date": m.entry.date.isoformat(), "host": m.host,
                      "title": m.entry.title, "file": m.file, "line": m.line}
                     for m in held.held],
            "missing": held.missing,
            "repeated_hosts": list(held.repeated_hosts),
        },
        "missing_reports": missing_json(missing),
        "notes": notes,
    }
    tables = [table, counts, supervised, layout_table(checks, year, show), meetings]
    tables += [failures] if failures.rows else []
    csv_rows = [{"district": row["district"], "brand_plan": row["brand_plan"]["status"],
                 **row["counts"], "sampled": row["sampling"]["batches"],
                 "passed": row["sampling"]["passed"], "failed": row["sampling"]["failed"],
                 "pass_rate": row["sampling"]["pass_rate"], **row["supervised"]}
                for row in [*district_rows, *([city_row] if city_row else [])]]
    return Page(data, tables, notes, csv_rows)


def area_label(check: checklist.DistrictTasks, show: Display) -> str:
    """A district's name; the city's, marked as its own activities."""
    name = show.area(check.area)
    return show.tr("tasks.city_own", city=name) if check.area.children else name


def layout_table(checks: list[checklist.DistrictTasks], year: int, show: Display) -> TableView:
    """The bases created against each district's layout (三, 重点布局)."""
    tr = show.tr
    table = TableView(tr("tasks.layout", year=year),
                      [tr("col.area"), tr("col.layout"), tr("col.bases"),
                       tr("col.layout_missing"), tr("col.outside_layout")],
                      wrap=frozenset({1, 2, 3, 4}),
                      legend={"met": tr("colour.layout.created"),
                              "behind": tr("colour.layout.missing")})
    for check in checks:
        layout = check.area.layout.products if check.area.layout else []
        inside = [tr("tasks.base", product=show.term(base.product), date=base.date)
                  for base in check.bases if base.in_layout]
        outside = [tr("tasks.base", product=show.term(base.product), date=base.date)
                   for base in check.bases if not base.in_layout]
        table.rows.append([Cell(show.area(check.area)),
                           Cell(show.join([show.term(p) for p in layout]) or "—"),
                           Cell(show.join(inside) or "—", style="met" if inside else None),
                           Cell(show.join([show.term(p) for p in check.layout_missing]) or "—",
                                style="behind" if check.layout_missing else None),
                           Cell(show.join(outside) or "—")])
    return table


# The city's row has no brand plan to send (not_applicable): no colour, no legend.
BRAND_STYLE: dict[str, str | None] = {"on_time": "met", "late": "at_risk", "missing": "behind",
                                      "not_due": "no_target", "not_applicable": None}


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
        "supervised": dict(check.supervised),
        "bases": {"layout": list(check.area.layout.products) if check.area.layout else [],
                  "created": [{"product": base.product, "date": base.date.isoformat(),
                               "in_layout": base.in_layout} for base in check.bases],
                  "missing": list(check.layout_missing)},
        "sampling": {"batches": sampling.batches, "passed": sampling.passed,
                     "failed": sampling.failed, "penalties": sampling.penalties,
                     "pass_rate": number(sampling.pass_rate)},
        "failed_batches": [{"date": activity.entry.date.isoformat(),
                            "certificate": failure.certificate, "product": failure.product,
                            "reason": failure.reason, "file": activity.file,
                            "line": activity.line}
                           for activity, failure in sampling.failures],
    }
