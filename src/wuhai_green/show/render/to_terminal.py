"""Tables for a person at a terminal (or in a file): the one module that talks to rich.

Text from files is printed literally: cells are `Text` objects (never parsed as markup),
highlighting is off, and every piece of text goes through `shown()`, which escapes control
characters (`show.escape.visible`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import TextIO

from rich import box
from rich.console import Console, JustifyMethod
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from wuhai_green.core.problems import Problem
from wuhai_green.show.escape import visible
from wuhai_green.show.i18n import Lang
from wuhai_green.show.page import Cell, Page, TableView
from wuhai_green.show.problems import text
from wuhai_green.show.render.base import CheckReport, Output, ProblemReport, Renderer
from wuhai_green.show.render.encoding import ASCII_GLYPHS
from wuhai_green.show.views.changes import check_page
from wuhai_green.show.views.ci import verdict_text

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


def shown(text: str, style: str = "") -> Text:
    """Text for rich, with every control character escaped: nothing from a file reaches the
    terminal raw (an ESC would recolour it, a U+202E reorder the line)."""
    return Text(visible(text), style=style)


def say(message: str, stream: TextIO, style: str = "") -> None:
    """One line for a person (a message, a note), wrapped by the terminal, never cut."""
    console(stream).print(shown(message, style), soft_wrap=True)


SEVERITY_STYLES = {"error": "red", "warning": "yellow", "note": "cyan"}


def print_problems(problems: list[Problem], lang: Lang, stream: TextIO, *,
                   debug: bool = False) -> None:
    """Each problem on a line of its own, coloured by its severity on a terminal.

    rich's cost is per line (tens of microseconds, and a national data set can list 50
    problems in each of thousands of files): to a file or a pipe there are no styles, and
    the lines are written as they are; on a terminal, rich writes one line of each severity
    and the others are written as it wrote that one (`_around`), which is what a print per
    line writes.
    """
    if not problems:
        return
    out = console(stream)
    lines = [(visible(text(problem, lang, debug=debug)), problem.severity) for problem in problems]
    if out.color_system is None:
        stream.write("".join(line + "\n" for line, _ in lines))
        return
    if out.legacy_windows:  # an old Windows console is coloured by calls, not by codes
        out.print(Text("\n").join(Text(line, style=SEVERITY_STYLES[severity])
                                  for line, severity in lines), soft_wrap=True)
        return
    around = {severity: _around(out, style) for severity, style in SEVERITY_STYLES.items()}
    stream.write("".join(f"{around[severity][0]}{line}{around[severity][1]}"
                         for line, severity in lines))


_PROBE = "\ue000"  # a private-use character: one cell, no escape of `visible`, no style of its own


def _around(out: Console, style: str) -> tuple[str, str]:
    """What rich writes before and after a line of text in `style` on this console (its
    colour codes, and the end of the line): each segment of a line is rendered apart, so
    any line is written between the same two."""
    with out.capture() as captured:
        out.print(Text(_PROBE, style=style), soft_wrap=True)
    before, _, after = captured.get().partition(_PROBE)
    return before, after


def _bar(ratio: Decimal, width: int = 8, *, ascii_only: bool = False) -> str:
    filled = int(min(max(ratio, Decimal(0)), Decimal(1)) * width)
    full, empty = ("#", ".") if ascii_only else ("█", "░")
    return full * filled + empty * (width - filled)


def _cell_text(cell: Cell, bars: bool = True, *, ascii_only: bool = False) -> Text:
    cell_text = shown(cell.text, STYLES.get(cell.style or "", ""))
    if cell.bar is not None and bars:
        cell_text.append(" " + _bar(cell.bar, ascii_only=ascii_only), style="cyan")
    return cell_text


def rich_table(view: TableView, *, ascii_borders: bool = False, bars: bool = True) -> Table:
    table = Table(title=shown(view.title, "bold"), box=box.ASCII if ascii_borders
                  else box.SIMPLE_HEAVY, title_justify="left", highlight=False)
    for index, header in enumerate(view.headers):
        justify: JustifyMethod = "right" if index in view.numeric else "left"
        table.add_column(shown(header), justify=justify, overflow="fold")
    for row in view.rows:
        table.add_row(*[_cell_text(cell, bars, ascii_only=ascii_borders) for cell in row])
    return table


WRAPPED_MIN = 12  # columns of free text wrap down to this many cells (six Chinese characters)
_LATIN_WORD = re.compile(r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+")


def _cells(text: str) -> int:
    return shown(text).cell_len


def _natural_widths(view: TableView, bars: bool) -> list[int]:
    return [max([_cells(header)] + [_cell_text(row[index], bars).cell_len for row in view.rows])
            for index, header in enumerate(view.headers)]


def _figure_widths(view: TableView, bars: bool) -> list[int | None]:
    """The width each column needs so that no figure, date, id or name is cut: its widest
    cell, or the longest Latin word of its header (a Chinese header folds anywhere); None
    for a column of free text, which wraps."""
    widths: list[int | None] = []
    for index, header in enumerate(view.headers):
        if index in view.wrap:
            widths.append(None)
            continue
        widths.append(max([_cell_text(row[index], bars).cell_len for row in view.rows]
                          + [_cells(word) for word in _LATIN_WORD.findall(visible(header))]
                          + [2]))
    return widths


def print_tables(page: Page, out: Console, *, ascii_borders: bool = False) -> None:
    arrow = "->" if ascii_borders else "↳"
    for view in page.tables:
        bars = out.width >= BAR_MIN_WIDTH
        table = rich_table(view, ascii_borders=ascii_borders, bars=bars)
        natural = Measurement.get(out, out.options.update_width(10_000), table).maximum
        if not out.is_terminal:
            # To a file or a pipe nothing limits the width: the table at its natural width.
            _print_at(table, out, max(out.width, natural))
        elif natural <= out.width:
            out.print(table)
        else:
            # Narrower than its natural width: free text wraps and headers fold, figures
            # keep their width; too narrow even so, each row becomes a block of lines.
            overhead = natural - sum(_natural_widths(view, bars))
            fixed = _figure_widths(view, bars)
            spare = out.width - overhead - sum(width or WRAPPED_MIN for width in fixed)
            if spare < 0:
                _print_stacked(view, out, arrow)
                continue
            widths = _widen_headers(view, fixed, spare)
            for column, width in zip(table.columns, widths, strict=True):
                column.width = width
            out.print(table)
        _print_details(view, out, arrow)
    bullet = "* " if ascii_borders else "• "
    for note in page.notes:
        out.print(shown(bullet + note, "dim"), soft_wrap=True)


def _widen_headers(view: TableView, fixed: list[int | None], spare: int) -> list[int | None]:
    """Spare cells given, one at a time, to the column whose header is folded the most."""
    widths = list(fixed)
    for _ in range(spare):
        folded = [(_cells(header) - (width or 0), index)
                  for index, (header, width) in enumerate(zip(view.headers, widths, strict=True))
                  if width is not None and _cells(header) > width]
        if not folded:
            break
        widths[max(folded)[1]] = (widths[max(folded)[1]] or 0) + 1
    return widths


def _print_at(table: Table, out: Console, width: int) -> None:
    saved = out.width
    out.width = width
    try:
        out.print(table)
    finally:
        out.width = saved


def _print_stacked(view: TableView, out: Console, arrow: str) -> None:
    """A table too wide for the terminal, a row as a block: each cell on its own line
    after its header, so every figure stays whole."""
    out.print(shown(view.title, "bold"), soft_wrap=True)
    labels = [shown(header) for header in view.headers]
    width = max((label.cell_len for label in labels), default=0)
    for index, row in enumerate(view.rows):
        out.print()
        for label, cell in zip(labels, row, strict=True):
            if not cell.text:
                continue
            line = Text("  " + label.plain + " " * (width - label.cell_len + 2), style="dim")
            line.append_text(_cell_text(cell, bars=False))
            out.print(line, soft_wrap=True)
        for detail in view.details.get(index, []):
            out.print(shown(f"  {arrow} " + detail, "dim"), soft_wrap=True)
    out.print()


def _print_details(view: TableView, out: Console, arrow: str) -> None:
    """The lines under a row (`--explain`), below the table so its figures keep their
    columns: the row's first cell, then one line each."""
    for index, lines in view.details.items():
        out.print(shown(view.rows[index][0].text, "bold"), soft_wrap=True)
        for line in lines:
            out.print(shown(f"  {arrow} " + line, "dim"), soft_wrap=True)
    if view.details:
        out.print()


_TO_ASCII = str.maketrans(ASCII_GLYPHS)


def ascii_page(page: Page) -> Page:
    """The page with the glyphs of its texts (≥, —, quotes) in ASCII, for --ascii."""
    def text(value: str) -> str:
        return value.translate(_TO_ASCII)

    tables = [replace(view, title=text(view.title), headers=[text(h) for h in view.headers],
                      rows=[[replace(cell, text=text(cell.text)) for cell in row]
                            for row in view.rows],
                      details={index: [text(line) for line in lines]
                               for index, lines in view.details.items()})
              for view in page.tables]
    return replace(page, tables=tables, notes=[text(note) for note in page.notes])


class Terminal(Renderer):
    name = "table"

    def page(self, page: Page, output: Output) -> None:
        shown = ascii_page(page) if output.ascii_borders else page
        print_tables(shown, console(output.stdout), ascii_borders=output.ascii_borders)

    def problems(self, report: ProblemReport, output: Output) -> None:
        print_problems(report.problems, output.lang, output.stderr, debug=output.debug)

    def check(self, report: CheckReport, output: Output) -> None:
        print_problems(report.warnings, output.lang, output.stderr)
        self.page(check_page(report.query, report.result, verdict_text(report), report.show),
                  output)


RENDERER = Terminal()
