"""`wuhai import`: what was read from the spreadsheet, what it became, what was skipped
and why, each with its sheet!cell places."""

from __future__ import annotations

from wuhai_green.core.importing import ImportResult, Place, Skipped
from wuhai_green.show.display import Display

SHOWN_PLACES = 5  # places listed per reason; the rest are counted


def import_summary(result: ImportResult, show: Display) -> list[str]:
    """The lines of the summary: the rows read, the entries made, the rows skipped by reason."""
    tr, table = show.tr, result.table
    sheet = "" if table.sheet is None else tr("import.sheet_named", sheet=table.sheet)
    lines = []
    if result.header_row is not None and result.rows_read:
        lines.append(tr("import.read", file=table.file, sheet=sheet, header=result.header_row,
                        first=result.first_row, last=result.last_row, rows=result.rows_read))
    elif result.header_row is not None:
        lines.append(tr("import.read_nothing", file=table.file, sheet=sheet,
                        header=result.header_row))
    if result.certificates or result.ended:
        districts = show.join([show.area(name) for name in result.districts])
        lines.append(tr("import.entries", year=result.year, certificates=len(result.certificates),
                        renewals=result.renewals, ended=len(result.ended), districts=districts))
    if result.skipped:
        lines.append(tr("import.skipped", count=len(result.skipped)))
        by_reason: dict[str, list[Skipped]] = {}
        for skipped in result.skipped:
            by_reason.setdefault(skipped.reason, []).append(skipped)
        for reason, rows in by_reason.items():
            first = rows[0]
            lines.append("  " + tr(reason, count=len(rows), places=_places(
                [row.place for row in rows], show), **first.params))
    if result.unread:
        lines.append(tr("import.unread", headers=show.join(result.unread)))
    return lines


def _places(places: list[Place], show: Display) -> str:
    shown = [place.cell for place in places[:SHOWN_PLACES]]
    if len(places) > SHOWN_PLACES:
        shown.append(show.tr("import.more", count=len(places) - SHOWN_PLACES))
    return show.join(shown)
