"""GitHub Actions workflow commands: the annotations of `views/ci.py` (each problem on its
file and line, each row at risk or behind on its target or its data, each moved figure on
the record that moved it, and a failed check's reason last), and the job summary: the
verdict in one paragraph, then the status tables."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from wuhai_green.core.problems import cannot_write
from wuhai_green.show.escape import visible
from wuhai_green.show.i18n import Lang
from wuhai_green.show.render.base import CheckReport, Output, ProblemReport, Renderer
from wuhai_green.show.render.to_markdown import md_cell, to_markdown
from wuhai_green.show.views import ci
from wuhai_green.show.views.status import status_page


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


def commands(annotations: list[ci.Annotation]) -> str:
    return "".join(command(a.level, a.message, a.file, a.line, a.column) for a in annotations)


def summarize(verdict: list[str], lang: Lang, tables: Callable[[], str] | None = None) -> None:
    """Append the verdict (its first sentence in bold) and the tables to the job summary,
    when the job has one ($GITHUB_STEP_SUMMARY); the tables are made only then."""
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary_file:
        return
    tables_text = tables() if tables is not None else ""
    head, *rest = [md_cell(sentence) for sentence in verdict]
    # a space after the bold: `**…。**1` is not bold in CommonMark (the closing ** follows
    # punctuation, so it must be followed by a space or punctuation)
    paragraph = f"**{head}** " + ci.sentences(rest, lang)
    try:
        with open(summary_file, "a", encoding="utf-8") as stream:
            stream.write(paragraph + "\n\n" + tables_text + ("\n" if tables_text else ""))
    except OSError as error:  # a full disk, a folder of that name: exit 2, not 3
        raise cannot_write(summary_file, error) from None


class Github(Renderer):
    name = "github"
    machine = True
    in_repository = True

    def problems(self, report: ProblemReport, output: Output) -> None:
        root = output.root or Path.cwd()
        found = ci.problem_annotations(report.problems, output.lang, root)
        if report.check:  # a check on bad data: say why it failed
            found.append(ci.bad_data_annotation(report.problems, output.lang))
            summarize(ci.bad_data_verdict(report.problems, output.lang), output.lang)
        output.stdout.write(commands(found))

    def check(self, report: CheckReport, output: Output) -> None:
        output.stdout.write(commands(ci.check_annotations(report, output.root or Path.cwd())))
        summarize(ci.verdict(report), output.lang,
                  lambda: to_markdown(status_page(report.query.everywhere(), report.show)))


RENDERER = Github()
