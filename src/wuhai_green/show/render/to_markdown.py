"""Markdown: tables and notes of a page, a list of problems, and the yearly report."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from wuhai_green.show.escape import visible
from wuhai_green.show.i18n import t
from wuhai_green.show.page import Page
from wuhai_green.show.problems import message
from wuhai_green.show.render.base import CheckReport, Output, ProblemReport, Renderer
from wuhai_green.show.views.changes import check_page
from wuhai_green.show.views.ci import verdict_text

if TYPE_CHECKING:
    from wuhai_green.show.report import Report


# The backslash itself, a cell's end, and the link and image syntax that would turn a
# holder's name into a link to anywhere: [text](url), ![alt](src).
_MARKDOWN = str.maketrans({char: "\\" + char for char in "\\|[]()!"})


def md_cell(text: str) -> str:
    """Text for markdown (a table cell, a heading, a line): control characters escaped
    (`visible`), no HTML (a viewer would render `<b>` or `<script>` from a file), and
    backslashes, pipes and the link and image syntax escaped."""
    return html.escape(visible(text), quote=False).translate(_MARKDOWN)


def md_code(text: str) -> str:
    """Text as a code span: fenced by more backticks than it holds in a row, so a backtick
    in a file name cannot close it."""
    shown = visible(text)
    if "`" not in shown:  # most text (every file name of validate's 30,000 problems, say)
        return f"`{shown}`"
    run, longest = 0, 0
    for char in shown:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def to_markdown(page: Page) -> str:
    parts = []
    for table in page.tables:
        parts.append(f"### {md_cell(table.title)}\n")
        parts.append("| " + " | ".join(md_cell(h) for h in table.headers) + " |")
        parts.append("|" + "|".join("---:" if i in table.numeric else "---"
                                    for i in range(len(table.headers))) + "|")
        for index, row in enumerate(table.rows):
            parts.append("| " + " | ".join(md_cell(cell.text) for cell in row) + " |")
            for line in table.details.get(index, []):
                parts.append("| " + " | ".join([md_cell("↳ " + line)]
                                               + [""] * (len(table.headers) - 1)) + " |")
        parts.append("")
    for note in page.notes:
        parts.append(f"- {md_cell(note)}")
    return "\n".join(parts).rstrip("\n") + "\n"


def report_markdown(report: Report) -> str:
    parts = [f"# {md_cell(report.title)}", "", md_cell(report.subtitle), ""]
    for number, section in enumerate(report.sections, start=1):
        parts += [f"## {number}. {md_cell(section.title)}", ""]
        parts += [md_cell(line) for line in section.text]
        parts += [to_markdown(page) for page in section.pages]
        if section.figures:
            parts.append(f"({len(section.figures)} SVG charts: see the HTML report)")
        parts.append("")
    return "\n".join(parts).rstrip("\n") + "\n"


class Markdown(Renderer):
    name = "markdown"

    def page(self, page: Page, output: Output) -> None:
        output.stdout.write(to_markdown(page))

    def problems(self, report: ProblemReport, output: Output) -> None:
        output.stdout.write("".join(f"- {md_code(p.where())} "
                                    f"{t('severity.' + p.severity, output.lang)}: "
                                    f"{md_cell(message(p, output.lang))}\n"
                                    for p in report.problems))

    def check(self, report: CheckReport, output: Output) -> None:
        from wuhai_green.show.render.to_terminal import print_problems

        print_problems(report.warnings, output.lang, output.stderr)
        self.page(check_page(report.query, report.result, verdict_text(report), report.show),
                  output)

    def report(self, document: Report, output: Output) -> str:
        return report_markdown(document)


RENDERER = Markdown()
