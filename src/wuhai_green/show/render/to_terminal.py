"""Tables for a person at a terminal (or in a file): the one module that talks to rich.

Text from files is printed literally: cells are `Text` objects (never parsed as markup)
and highlighting is off.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TextIO

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from wuhai_green.core.problems import Problem
from wuhai_green.show.i18n import Lang
from wuhai_green.show.page import Cell, Page, TableView
from wuhai_green.show.problems import text
from wuhai_green.show.render.base import CheckReport, Output, ProblemReport, Renderer
from wuhai_green.show.views.changes import check_page

STYLES = {
    "met": "bold green",
    "on_track": "green",
    "at_risk": "yellow",
    "behind": "bold red",
    "no_target": "dim",
    "overdue": "bold red",
}
# Below this width a completion bar costs the figures their room; the percentage stays.
BAR_MIN_WIDTH = 100


def console(stream: TextIO, *, width: int | None = None) -> Console:
    return Console(file=stream, highlight=False, soft_wrap=False, width=width, emoji=False,
                   markup=False)


def say(message: str, stream: TextIO, style: str = "") -> None:
    """One line for a person (a message, a note), wrapped by the terminal, never cut."""
    console(stream).print(Text(message, style=style), soft_wrap=True)


def print_problems(problems: list[Problem], lang: Lang, stream: TextIO, *,
                   debug: bool = False) -> None:
    out = console(stream)
    for problem in problems:
        style = {"error": "red", "warning": "yellow", "note": "cyan"}[problem.severity]
        out.print(Text(text(problem, lang, debug=debug), style=style), soft_wrap=True)


def _bar(ratio: Decimal, width: int = 8) -> str:
    filled = int(min(max(ratio, Decimal(0)), Decimal(1)) * width)
    return "█" * filled + "░" * (width - filled)


def _cell_text(cell: Cell, bars: bool = True) -> Text:
    cell_text = Text(cell.text, style=STYLES.get(cell.style or "", ""))
    if cell.bar is not None and bars:
        cell_text.append(" " + _bar(cell.bar), style="cyan")
    return cell_text


def rich_table(view: TableView, *, ascii_borders: bool = False, bars: bool = True) -> Table:
    table = Table(title=Text(view.title, style="bold"), box=box.ASCII if ascii_borders
                  else box.SIMPLE_HEAVY, title_justify="left", highlight=False)
    for index, header in enumerate(view.headers):
        keep_whole = index not in view.wrap and (index in view.numeric or index == 0)
        table.add_column(Text(header), justify="right" if index in view.numeric else "left",
                         overflow="fold", no_wrap=keep_whole)
    for index, row in enumerate(view.rows):
        table.add_row(*[_cell_text(cell, bars) for cell in row])
        for line in view.details.get(index, []):
            table.add_row(Text("  ↳ " + line, style="dim"), *[""] * (len(view.headers) - 1))
    return table


def print_tables(page: Page, out: Console, *, ascii_borders: bool = False) -> None:
    for view in page.tables:
        table = rich_table(view, ascii_borders=ascii_borders, bars=out.width >= BAR_MIN_WIDTH)
        if out.is_terminal:
            out.print(table)
            continue
        # To a file or a pipe nothing limits the width: print each table at its natural
        # width rather than squeezing figures into folded columns.
        natural = Measurement.get(out, out.options.update_width(10_000), table).maximum
        width = out.width
        out.width = max(width, natural)
        try:
            out.print(table)
        finally:
            out.width = width
    for note in page.notes:
        out.print(Text("• " + note, style="dim"), soft_wrap=True)


class Terminal(Renderer):
    name = "table"

    def page(self, page: Page, output: Output) -> None:
        print_tables(page, console(output.stdout), ascii_borders=output.ascii_borders)

    def problems(self, report: ProblemReport, output: Output) -> None:
        print_problems(report.problems, output.lang, output.stderr, debug=output.debug)

    def check(self, report: CheckReport, output: Output) -> None:
        print_problems(report.warnings, output.lang, output.stderr)
        self.page(check_page(report.result, report.fail_on, report.show), output)


RENDERER = Terminal()
