"""The one module that talks to rich: pages as tables, markdown, CSV or JSON.

Text from files is printed literally: cells are `Text` objects (never parsed as markup)
and highlighting is off. Machine formats are written unwrapped, straight to the stream.
"""

from __future__ import annotations

import csv
import html
import io
import json
import sys
from decimal import Decimal
from enum import StrEnum
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from wuhai_green.core.metrics import StatusRow
from wuhai_green.core.numbers import plain
from wuhai_green.core.problems import Problem
from wuhai_green.model.plan import Plan
from wuhai_green.show.i18n import Lang
from wuhai_green.show.views import Cell, Display, Page, TableView, spaced


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    github = "github"
    html = "html"


STYLES = {
    "met": "bold green",
    "on_track": "green",
    "at_risk": "yellow",
    "behind": "bold red",
    "no_target": "dim",
    "overdue": "bold red",
}


def console(stream: TextIO | None = None, *, width: int | None = None) -> Console:
    return Console(file=stream or sys.stdout, highlight=False, soft_wrap=False, width=width,
                   emoji=False, markup=False)


def error_console() -> Console:
    return console(sys.stderr)


# --- JSON with exact decimals ------------------------------------------------------------


def to_json(value: Any, indent: int = 2) -> str:
    """JSON in which a Decimal is written as its exact digits (json can't, without floats)."""
    return _encode(value, indent, 0)


def _encode(value: Any, indent: int, level: int) -> str:
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        pad, inner = " " * indent * level, " " * indent * (level + 1)
        items = [f"{inner}{json.dumps(str(key), ensure_ascii=False)}: "
                 f"{_encode(item, indent, level + 1)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        pad, inner = " " * indent * level, " " * indent * (level + 1)
        return "[\n" + ",\n".join(inner + _encode(item, indent, level + 1) for item in value) \
            + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


# --- pages --------------------------------------------------------------------------------


def write_page(page: Page, fmt: Format, out: TextIO, *, ascii_borders: bool = False,
               width: int | None = None) -> None:
    if fmt is Format.json:
        out.write(to_json(page.data) + "\n")
    elif fmt is Format.csv:
        out.write(to_csv(page.csv_rows))
    elif fmt is Format.markdown:
        out.write(to_markdown(page))
    else:
        print_tables(page, console(out, width=width), ascii_borders=ascii_borders)


def _csv_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, (list, tuple)):
        return " ".join(str(item) for item in value)
    return "" if value is None else value


def to_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    if not rows:
        return ""
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_value(value) for key, value in row.items()})
    return buffer.getvalue()


def _md_cell(text: str) -> str:
    """Text for a markdown table cell: pipes and backslashes escaped, and no HTML (a viewer
    would render `<b>` or `<script>` from a file)."""
    escaped = html.escape(text, quote=False)
    return escaped.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(page: Page) -> str:
    parts = []
    for table in page.tables:
        parts.append(f"### {_md_cell(table.title)}\n")
        parts.append("| " + " | ".join(_md_cell(h) for h in table.headers) + " |")
        parts.append("|" + "|".join("---:" if i in table.numeric else "---"
                                    for i in range(len(table.headers))) + "|")
        for index, row in enumerate(table.rows):
            parts.append("| " + " | ".join(_md_cell(cell.text) for cell in row) + " |")
            for line in table.details.get(index, []):
                parts.append("| " + " | ".join([_md_cell("↳ " + line)]
                                               + [""] * (len(table.headers) - 1)) + " |")
        parts.append("")
    for note in page.notes:
        parts.append(f"- {_md_cell(note)}")
    return "\n".join(parts).rstrip("\n") + "\n"


def _bar(ratio: Decimal, width: int = 8) -> str:
    filled = int(min(max(ratio, Decimal(0)), Decimal(1)) * width)
    return "█" * filled + "░" * (width - filled)


# Below this width a completion bar costs the figures their room; the percentage stays.
BAR_MIN_WIDTH = 100


def _cell_text(cell: Cell, bars: bool = True) -> Text:
    text = Text(cell.text, style=STYLES.get(cell.style or "", ""))
    if cell.bar is not None and bars:
        text.append(" " + _bar(cell.bar), style="cyan")
    return text


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


# --- problems and messages -----------------------------------------------------------------


def print_problems(problems: list[Problem], lang: Lang, out: Console) -> None:
    for problem in problems:
        style = {"error": "red", "warning": "yellow", "note": "cyan"}[problem.severity]
        out.print(Text(problem.text(lang), style=style), soft_wrap=True)


def github_escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(text: str) -> str:
    return github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(level: str, message: str, file: str | None = None, line: int | None = None,
                   column: int | None = None) -> str:
    """One GitHub Actions workflow command, such as `::error file=F,line=L,col=C::message`."""
    properties = []
    if file:
        properties.append(f"file={github_escape_property(file)}")
    if line:
        properties.append(f"line={line}")
    if column:
        properties.append(f"col={column}")
    head = f"::{level} {','.join(properties)}" if properties else f"::{level}"
    return f"{head}::{github_escape_data(message)}\n"


def github_problems(problems: list[Problem], lang: Lang) -> str:
    levels = {"error": "error", "warning": "warning", "note": "notice"}
    return "".join(github_command(levels[p.severity], p.message(lang), p.file, p.line, p.column)
                   for p in problems)


def github_findings(plan: Plan, findings: list[StatusRow], year: int, show: Display) -> str:
    """A warning per row at risk or behind, pointing to the line of its target in the plan."""
    lines = []
    for row in findings:
        message = show.tr("check.finding", area=row.area.label(show.lang),
                          indicator=show.name(row.indicator),
                          year=year, achieved=show.amount(plan, row.indicator, row.achieved),
                          target=show.amount(plan, row.indicator, row.target.value),
                          unit=spaced(show.unit_label(plan, row.indicator)),
                          status=show.tr("status." + row.status))
        line = plan.target_line(row.area, row.indicator, year)
        lines.append(github_command("warning", message, plan.file, line))
    return "".join(lines)


def print_line(message: str, out: Console, style: str = "") -> None:
    out.print(Text(message, style=style), soft_wrap=True)
