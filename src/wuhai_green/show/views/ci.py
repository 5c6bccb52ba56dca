"""What CI shows of `check` and `validate`: annotations on the files of the repository, and
a verdict that says why the check passed or failed.

Every file an annotation names is relative to the repository's root (the folder GitHub and
GitLab match against the change); a file outside it (the plan shipped in the package) is
named in the message instead. A row at risk or behind goes on the line of its target when
the plan is in the repository, else on the progress file holding the row's latest record,
else on no file (its message names the district). A moved figure goes on the record that
moved it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from wuhai_green.core import metrics, rows
from wuhai_green.core.problems import Problem, error_count
from wuhai_green.show.display import Display
from wuhai_green.show.i18n import Lang, t
from wuhai_green.show.problems import message
from wuhai_green.show.render.base import CheckReport
from wuhai_green.show.views.changes import change_sentence, finding_message

Level = Literal["error", "warning", "notice"]
LEVELS: dict[str, Level] = {"error": "error", "warning": "warning", "note": "notice"}

# The rules of `check` besides the problems of the files (whose rule is their message key).
FINDING = "finding"  # a row at risk or behind
SETBACK = "setback"  # a row the change made worse
MOVED = "moved"  # a row whose figures the change moved
MISSING = "missing_report"  # a district's report of a year that is over
FAILED = "failed"  # the verdict of a failed check
LISTED = 5  # rows named in one sentence; the others are counted


@dataclass(frozen=True)
class Annotation:
    level: Level
    rule: str
    subject: str  # what it is about, the same from one commit to the next (a fingerprint)
    message: str
    file: str | None = None  # relative to the repository's root
    line: int | None = None
    column: int | None = None


def in_repository(file: str, root: Path) -> str | None:
    """`file` (as the tool names it: relative to the working folder, or absolute) relative
    to `root`, with forward slashes; None when it lies outside."""
    path = Path(file)
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return None


class Places:
    """`in_repository` for one root, each file resolved once: the thousands of problems of a
    folder name a few hundred files, and resolving a path reads the disk."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.known: dict[str, str | None] = {}

    def __call__(self, file: str) -> str | None:
        if file not in self.known:
            self.known[file] = in_repository(file, self.root)
        return self.known[file]


def _at(annotation: Annotation, place: tuple[str, int | None] | None, places: Places
        ) -> Annotation:
    """The annotation on a file and line, if they are in the repository."""
    file = None if place is None else places(place[0])
    if place is None or file is None:
        return annotation
    return replace(annotation, file=file, line=place[1])


def problem_annotations(problems: list[Problem], lang: Lang, root: Path,
                        places: Places | None = None) -> list[Annotation]:
    places = places or Places(root)
    found = []
    for problem in problems:
        text = message(problem, lang)
        file = places(problem.file) if problem.file else None
        if file is None and problem.file:  # outside the repository: say where in the text
            text = f"{problem.where()}: {text}"
        subject = f"{problem.file}:{problem.line or 0}:{problem.column or 0}"
        found.append(Annotation(LEVELS[problem.severity], problem.key, subject, text, file,
                                problem.line if file else None,
                                problem.column if file else None))
    return found


def _subject(row: metrics.StatusRow) -> str:
    return f"{row.area.name}/{row.indicator.id}"


def check_annotations(report: CheckReport, root: Path) -> list[Annotation]:
    """The warnings of the files, a warning per row at risk or behind (a setback is an error
    instead), a notice per moved row, and, when the check fails, an error saying why."""
    show, result, year = report.show, report.result, report.query.year
    places = Places(root)
    plan, plan_file = show.plan, places(show.plan.file)

    def target_place(row: metrics.StatusRow) -> tuple[str, int | None] | None:
        return None if plan_file is None else (
            show.plan.file, plan.target_line(row.area, row.indicator, year))

    found = problem_annotations(report.warnings, show.lang, root, places)
    setbacks = {_subject(change.after) for change in result.setbacks}
    for row in result.findings:
        if _subject(row) not in setbacks:
            found.append(_at(Annotation("warning", FINDING, _subject(row),
                                        finding_message(row, year, show)),
                             target_place(row) or rows.row_source(row), places))
    for district, missing_year in rows.missing_reports(report.query):
        found.append(Annotation("warning", MISSING, f"{district}/{missing_year}",
                                show.tr("check.missing_report", district=show.area(district),
                                        year=missing_year)))
    for change in result.changes or []:
        worse = _subject(change.after) in setbacks
        place = change.sources[0] if change.sources else target_place(change.after)
        text = change_sentence(change, show)
        found.append(_at(Annotation("error" if worse else "notice",
                                    SETBACK if worse else MOVED, _subject(change.after),
                                    show.tr("check.setback", change=text) if worse else text),
                         place, places))
    if result.failing:
        found.append(Annotation("error", FAILED, "check", sentences(
            [show.tr("check.verdict_failed"), failure_reason(report)], show.lang)))
    return found


def bad_data_verdict(problems: list[Problem], lang: Lang) -> list[str]:
    """The verdict of a check on bad data (its errors are annotated on their lines)."""
    return [t("check.verdict_failed", lang),
            t("check.bad_data", lang, count=error_count(problems))]


def bad_data_annotation(problems: list[Problem], lang: Lang) -> Annotation:
    return Annotation("error", FAILED, "check", sentences(bad_data_verdict(problems, lang),
                                                          lang))


def sentences(parts: list[str], lang: Lang) -> str:
    return ("" if lang == "zh" else " ").join(parts)


# --- the verdict ------------------------------------------------------------------------


def _listed(items: list[str], show: Display) -> str:
    """At most LISTED items, then how many more."""
    text = "；".join(items[:LISTED]) if show.lang == "zh" else "; ".join(items[:LISTED])
    if len(items) > LISTED:
        text += show.tr("check.and_more", count=len(items) - LISTED)
    return text


def row_label(row: metrics.StatusRow, show: Display) -> str:
    return show.tr("check.row", area=show.area(row.area), indicator=show.name(row.indicator),
                   status=show.status(row.status))


def revision(ref: str) -> str:
    """A revision as a person reads it: a full commit id shortened to 12 digits."""
    return ref[:12] if re.fullmatch(r"[0-9a-f]{40}", ref) else ref


def failure_reason(report: CheckReport) -> str:
    """Which rows fail, by which rule: the setbacks of the change, or the rows at or below
    --fail-on."""
    show, result = report.show, report.result
    if result.changes is not None:
        return show.tr("check.worse", ref=revision(report.compared_with or ""), count=len(result.setbacks),
                       rows=_listed([change_sentence(c, show) for c in result.setbacks], show))
    return show.tr("check.at_or_below", count=len(result.failing),
                   fail_on=show.status(report.fail_on),
                   rows=_listed([row_label(row, show) for row in result.failing], show))


def verdict(report: CheckReport) -> list[str]:
    """The sentences of one paragraph: passed or failed, why, what else needs attention,
    and when."""
    show, result = report.show, report.result
    parts = [show.tr("check.verdict_failed" if result.failing else "check.verdict_passed")]
    if result.failing:
        parts.append(failure_reason(report))
    elif report.compared_with is not None and result.changes is not None:
        parts.append(show.tr("check.not_worse", ref=revision(report.compared_with),
                             moved=len(result.changes)))
    elif result.changes is not None:  # --changed-since, but the base could not be read
        parts.append(show.tr("check.not_compared"))
    elif report.fail_on != "never":
        parts.append(show.tr("check.none_at_or_below", fail_on=show.status(report.fail_on)))
    failing = {_subject(row) for row in result.failing}
    others = [row for row in result.findings if _subject(row) not in failing]
    if others:
        parts.append(show.tr("check.warned", count=len(others),
                             rows=_listed([row_label(row, show) for row in others], show)))
    parts.append(show.tr("check.scope", year=report.query.year,
                         as_of=report.query.as_of.isoformat()))
    return parts


def verdict_text(report: CheckReport) -> str:
    return sentences(verdict(report), report.show.lang)
