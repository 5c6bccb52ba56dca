"""xlsx for the tables the city centre sends on: one sheet per table, the headers in the
chosen language in a frozen first row, numbers as numbers shown with the table's
precision (a mark or a unit kept in the number format), dates as dates, columns as wide as
their content, and a sheet of notes. The workbook's bytes go to the file of `-o`, which
the command writes atomically (`Output.save`)."""

from __future__ import annotations

import importlib
import io
import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING, Any

from wuhai_green.core.problems import UsageError
from wuhai_green.show.i18n import Lang, t
from wuhai_green.show.page import Cell, Page, TableView
from wuhai_green.show.render.base import Output, Renderer

if TYPE_CHECKING:
    from wuhai_green.show.report import Report

COLOURS = {"met": "1A7F37", "on_track": "1A7F37", "at_risk": "9A6700", "behind": "CF222E",
           "overdue": "CF222E", "no_target": "777777"}
HEADER_FILL = "EEF2EE"
MAX_WIDTH, WRAPPED_WIDTH, MIN_WIDTH = 60, 40, 6
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise UsageError("sheet.no_excel") from None


def width_of(text: str) -> int:
    """Columns a text takes in a spreadsheet: two for a wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid sheet name for a title (31 characters at most, none of []:*?/\\), unique."""
    base = _SHEET_NAME_BAD.sub("_", title).strip("' ") or "Sheet"
    name = base if len(base) <= 31 else base[:30] + "…"
    number = 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name = (base if len(base) + len(suffix) <= 31 else base[:30 - len(suffix)] + "…") + suffix
        number += 1
    taken.add(name.casefold())
    return name


def number_format(cell: Cell) -> str | None:
    """The format that shows a figure as the table's text does: its decimal places, as a
    percentage, a date; and the mark or unit after it as literal text."""
    figure = cell.figure
    if figure is None:
        return None
    if isinstance(figure.value, date):
        core = "yyyy-mm-dd"
    else:
        core = "0" + ("." + "0" * figure.places if figure.places else "")
        core += "%" if figure.percent else ""
    suffix = figure.suffix.replace('"', "")
    return core + (f'"{suffix}"' if suffix else "")


def _value(cell: Cell) -> Any:
    if cell.figure is not None:
        return cell.figure.value
    return cell.text


class _Book:
    """A workbook being filled: sheets of tables, then the notes."""

    def __init__(self, lang: Lang) -> None:
        self.openpyxl = _openpyxl()
        self.styles = importlib.import_module("openpyxl.styles")
        self.lang = lang
        self.workbook = self.openpyxl.Workbook()
        self.workbook.remove(self.workbook.active)
        self.taken: set[str] = set()
        self.notes: list[str] = []
        self.titles: list[tuple[str, str]] = []  # (sheet, full title) where the name is cut

    def table(self, view: TableView, prefix: str = "") -> None:
        title = prefix + view.title
        name = sheet_name(title, self.taken)
        if name != title:
            self.titles.append((name, title))
        sheet = self.workbook.create_sheet(name)
        styles = self.styles
        bold = styles.Font(bold=True)
        fill = styles.PatternFill("solid", fgColor=HEADER_FILL)
        widths = [width_of(header) for header in view.headers]
        for column, header in enumerate(view.headers, start=1):
            cell = sheet.cell(row=1, column=column, value=header)
            cell.font, cell.fill = bold, fill
            cell.alignment = styles.Alignment(wrap_text=True, vertical="top")
        for row_number, row in enumerate(view.rows, start=2):
            for column, shown in enumerate(row, start=1):
                cell = sheet.cell(row=row_number, column=column, value=_value(shown))
                found = number_format(shown)
                if found is not None:
                    cell.number_format = found
                if shown.style in COLOURS:
                    cell.font = styles.Font(color=COLOURS[shown.style],
                                            bold=shown.style in ("met", "behind", "overdue"))
                if column - 1 in view.wrap:
                    cell.alignment = styles.Alignment(wrap_text=True, vertical="top")
                widths[column - 1] = max(widths[column - 1], width_of(shown.text))
        for column, width in enumerate(widths, start=1):
            limit = WRAPPED_WIDTH if column - 1 in view.wrap else MAX_WIDTH
            letter = self.openpyxl.utils.get_column_letter(column)
            sheet.column_dimensions[letter].width = max(MIN_WIDTH, min(width + 2, limit))
        sheet.freeze_panes = "A2"
        for index, lines in view.details.items():
            self.notes += [f"{title} / {view.rows[index][0].text}: {line}" for line in lines]

    def finish(self, notes: list[str]) -> bytes:
        sheet = self.workbook.create_sheet(sheet_name(t("xlsx.notes", self.lang), self.taken))
        lines = [*notes, *self.notes]
        lines += [t("xlsx.sheet_title", self.lang, sheet=name, title=title)
                  for name, title in self.titles]
        sheet.cell(row=1, column=1, value=t("xlsx.notes", self.lang)).font = \
            self.styles.Font(bold=True)
        for row, line in enumerate(lines, start=2):
            sheet.cell(row=row, column=1, value=line)
        sheet.column_dimensions["A"].width = min(
            max([width_of(line) for line in lines] + [MIN_WIDTH]) + 2, 120)
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


def page_workbook(page: Page, lang: Lang) -> bytes:
    book = _Book(lang)
    for view in page.tables:
        book.table(view)
    return book.finish(list(page.notes))


def report_workbook(report: Report) -> bytes:
    lang: Lang = "en" if report.lang == "en" else "zh"
    book = _Book(lang)
    notes = [report.title, report.subtitle]
    for number, section in enumerate(report.sections, start=1):
        notes.append(f"{number}. {section.title}")
        notes += section.text
        for page in section.pages:
            for view in page.tables:
                book.table(view, prefix=f"{number} ")
            notes += page.notes
    return book.finish(notes)


class Xlsx(Renderer):
    name = "xlsx"
    binary = True

    def page(self, page: Page, output: Output) -> None:
        if output.save is None:
            raise UsageError("xlsx.needs_output")
        output.save(page_workbook(page, output.lang))

    def report(self, document: Report, output: Output) -> bytes:
        return report_workbook(document)


RENDERER = Xlsx()
