"""Who has reported: a progress report per district and year, as the yearly report shows
it (the missing ones are DESIGN §5 missing reports)."""

from __future__ import annotations

from datetime import date

from wuhai_green.core import history
from wuhai_green.core.register import Register
from wuhai_green.show.display import Display
from wuhai_green.show.page import Cell, Page, TableView

STYLES = {"reported": "met", "missing": "behind", "not_due": "no_target"}


def reporting_page(register: Register, year: int, today: date, show: Display) -> Page:
    tr = show.tr
    plan = show.plan
    start = plan.data.period.start
    found = history.reporting(plan, register, year, today)
    years = list(range(start, year + 1))
    table = TableView(tr("reporting.title", start=start, year=year),
                      [tr("col.area"), *(str(each) for each in years)],
                      legend={style: tr("colour.reporting." + state)
                              for state, style in STYLES.items()})
    for district in plan.districts:
        table.rows.append([Cell(show.area(district))] + [
            Cell(tr("reporting." + entry.state), style=STYLES[entry.state])
            for entry in found if entry.district is district])
    missing = [entry for entry in found if entry.state == "missing"]
    if missing:
        listed = show.join([tr("reporting.item", district=show.area(entry.district),
                               year=entry.year) for entry in missing])
        notes = [tr("reporting.missing_note", count=len(missing), today=today, missing=listed)]
    else:
        notes = [tr("reporting.all_in", today=today)]
    json_rows = [{"district": entry.district.name, "year": entry.year} for entry in missing]
    data = {"schema": "wuhai-green/reporting@1", "year": year, "today": today.isoformat(),
            "missing_reports": json_rows}
    return Page(data, [table], notes, json_rows)
