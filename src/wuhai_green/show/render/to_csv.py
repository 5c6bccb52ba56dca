"""CSV for spreadsheets: the rows of a page; notes and sentences go to stderr.

Numbers are written as numbers. A text cell is written with its control characters
escaped (`visible`), and one that a spreadsheet would take for a formula (`=`, `+`, `-`,
`@`, a tab or a carriage return first: OWASP's CSV injection rule) starts with `'`, which
Excel, WPS and LibreOffice show as text.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from wuhai_green.core.numbers import plain
from wuhai_green.show.escape import visible
from wuhai_green.show.page import Page
from wuhai_green.show.problems import as_json
from wuhai_green.show.render.base import CheckReport, Output, ProblemReport, Renderer
from wuhai_green.show.views.changes import check_page
from wuhai_green.show.views.ci import verdict_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """A text cell: never a formula, never a raw control character."""
    return ("'" if text.startswith(FORMULA_STARTS) else "") + visible(text)


def _csv_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, bool) or value is None:
        return "" if value is None else value
    if isinstance(value, int):
        return value
    if isinstance(value, (list, tuple)):
        return csv_text(" ".join(str(item) for item in value))
    return csv_text(str(value))


def to_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    if not rows:
        return ""
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_value(value) for key, value in row.items()})
    return buffer.getvalue()


class Csv(Renderer):
    name = "csv"
    machine = True

    def page(self, page: Page, output: Output) -> None:
        from wuhai_green.show.render.to_terminal import say

        output.stdout.write(to_csv(page.csv_rows))
        for note in page.notes:  # the notes and sentences go beside the rows, to stderr
            say(note, output.stderr, style="green")

    def problems(self, report: ProblemReport, output: Output) -> None:
        output.stdout.write(to_csv([as_json(p, output.lang) for p in report.problems]))

    def check(self, report: CheckReport, output: Output) -> None:
        from wuhai_green.show.render.to_terminal import print_problems

        print_problems(report.warnings, output.lang, output.stderr)
        output.stdout.write(to_csv(check_page(report.query, report.result,
                                              verdict_text(report), report.show).csv_rows))


RENDERER = Csv()
