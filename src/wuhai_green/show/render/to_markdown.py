"""Markdown: tables and notes of a page, a list of problems, and the yearly report."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from wuhai_green.show.page import Page
from wuhai_green.show.problems import message
from wuhai_green.show.render.base import CheckReport, Output, ProblemReport, Renderer
from wuhai_green.show.views.changes import check_page
from wuhai_green.show.views.ci import verdict_text

if TYPE_CHECKING:
    from wuhai_green.show.report import Report


def md_cell(text: str) -> str:
    """Text for a markdown table cell: pipes and backslashes escaped, and no HTML (a viewer
    would render `<b>` or `<script>` from a file)."""
    escaped = html.escape(text, quote=False)
    return escaped.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


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
    parts = [f"# {report.title}", "", report.subtitle, ""]
    for number, section in enumerate(report.sections, start=1):
        parts += [f"## {number}. {section.title}", ""]
        parts += [f"{line}" for line in section.text]
        parts += [to_markdown(page) for page in section.pages]
        if section.svgs:
            parts.append(f"({len(section.svgs)} SVG charts: see the HTML report)")
        parts.append("")
    return "\n".join(parts).rstrip("\n") + "\n"


class Markdown(Renderer):
    name = "markdown"

    def page(self, page: Page, output: Output) -> None:
        output.stdout.write(to_markdown(page))

    def problems(self, report: ProblemReport, output: Output) -> None:
        output.stdout.write("".join(f"- `{p.where()}` {p.severity}: {message(p, output.lang)}\n"
                                    for p in report.problems))

    def check(self, report: CheckReport, output: Output) -> None:
        from wuhai_green.show.render.to_terminal import print_problems

        print_problems(report.warnings, output.lang, output.stderr)
        self.page(check_page(report.result, verdict_text(report), report.show), output)

    def report(self, document: Report, output: Output) -> str:
        return report_markdown(document)


RENDERER = Markdown()
