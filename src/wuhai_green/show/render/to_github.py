"""GitHub Actions workflow commands: an annotation per problem on its file and line, a
warning per row at risk or behind on the line of its target in the plan, a notice per
moved figure, and the status tables in the job summary."""

from __future__ import annotations

import os

from wuhai_green.core.metrics import StatusRow
from wuhai_green.core.problems import cannot_write
from wuhai_green.core.rows import missing_reports
from wuhai_green.show.display import Display
from wuhai_green.show.escape import visible
from wuhai_green.show.problems import message
from wuhai_green.show.render.base import CheckReport, Output, ProblemReport, Renderer
from wuhai_green.show.render.to_markdown import to_markdown
from wuhai_green.show.views.changes import change_sentence, finding_message
from wuhai_green.show.views.status import status_page

LEVELS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    """A message as the runner reads it: control characters escaped (`visible`; an ESC would
    colour the log, a line break start a workflow command of its own), then GitHub's own
    escapes."""
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, text: str, file: str | None = None, line: int | None = None,
            column: int | None = None) -> str:
    """One workflow command, such as `::error file=F,line=L,col=C::message`."""
    properties = []
    if file:
        properties.append(f"file={escape_property(file)}")
    if line:
        properties.append(f"line={line}")
    if column:
        properties.append(f"col={column}")
    head = f"::{level} {','.join(properties)}" if properties else f"::{level}"
    return f"{head}::{escape_data(text)}\n"


def finding(row: StatusRow, year: int, show: Display) -> str:
    """A warning on the line of the row's target in the plan."""
    line = show.plan.target_line(row.area, row.indicator, year)
    return command("warning", finding_message(row, year, show), show.plan.file, line)


class Github(Renderer):
    name = "github"
    machine = True

    def problems(self, report: ProblemReport, output: Output) -> None:
        output.stdout.write("".join(
            command(LEVELS[p.severity], message(p, output.lang), p.file, p.line, p.column)
            for p in report.problems))

    def check(self, report: CheckReport, output: Output) -> None:
        show, year = report.show, report.query.year
        self.problems(ProblemReport(report.warnings, ok=True), output)
        output.stdout.write("".join(finding(row, year, show) for row in report.result.findings))
        output.stdout.write("".join(
            command("warning", show.tr("check.missing_report", district=show.area(district),
                                       year=missing_year))
            for district, missing_year in missing_reports(report.query)))
        for change in report.result.changes or []:
            output.stdout.write(command("notice", change_sentence(change, show)))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            page = status_page(report.query.everywhere(), show)
            try:
                with open(summary_file, "a", encoding="utf-8") as stream:
                    stream.write(to_markdown(page) + "\n")
            except OSError as error:  # a full disk, a folder of that name: exit 2, not 3
                raise cannot_write(summary_file, error) from None


RENDERER = Github()
