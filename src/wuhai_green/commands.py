"""One function per command: load, compute, render. The CLI only parses options."""

from __future__ import annotations

import os
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from wuhai_green import __version__
from wuhai_green.core import metrics, rows
from wuhai_green.core.dates import add_months, year_end
from wuhai_green.core.problems import DataError, Problem, UsageError
from wuhai_green.core.query import Query
from wuhai_green.core.register import Register
from wuhai_green.load.files import has_content, write_atomically
from wuhai_green.load.git import export_revision, init_repository, top_level
from wuhai_green.load.plan import load_plan, plan_text, read_plan, resolve_plan_path
from wuhai_green.load.progress import load_register
from wuhai_green.load.targets import load_targets
from wuhai_green.model.plan import Area, Plan
from wuhai_green.show.display import Display, DisplayUnit
from wuhai_green.show.i18n import Lang, t
from wuhai_green.show.render import renderer
from wuhai_green.show.render.base import CheckReport, Output, ProblemReport, Renderer
from wuhai_green.show.report import build as build_report
from wuhai_green.show.scaffold import Tool, example_district, reporting_year
from wuhai_green.show.scaffold import files as repository_files
from wuhai_green.show.templates import report_path, targets_yaml, template_text
from wuhai_green.show.views.adjust import adjust_page
from wuhai_green.show.views.changes import diff_page
from wuhai_green.show.views.gap import gap_page
from wuhai_green.show.views.plan import plan_page
from wuhai_green.show.views.renewals import expiring_page
from wuhai_green.show.views.status import status_page
from wuhai_green.show.views.tasks import tasks_page


@dataclass(frozen=True)
class Options:
    """The options every command takes: where the data is, and how to show it."""

    plan_path: Path
    progress_dir: Path
    fmt: str
    lang: Lang
    unit: DisplayUnit = "t"
    ascii_borders: bool = False
    progress_named: bool = False  # given by --progress or $WUHAI_PROGRESS, not the default
    debug: bool = False  # the parser's own words after a Chinese message

    @classmethod
    def build(cls, plan: Path | None, progress: Path | None, fmt: str,  # noqa: PLR0913
              lang: Lang, unit: str = "t", ascii_borders: bool = False,
              debug: bool = False) -> Options:
        """The options as given on the command line, with their defaults resolved."""
        named = progress is not None or bool(os.environ.get("WUHAI_PROGRESS"))
        return cls(resolve_plan_path(plan), resolve_progress_dir(progress), fmt, lang,
                   "wan-t" if unit == "wan-t" else "t", ascii_borders, named, debug)

    def progress_folder(self) -> Path | None:
        """The folder of reports to read: a named one must exist (a typo would otherwise
        read as "no reports"); the default ./data/progress may be absent."""
        if self.progress_dir.exists() or self.progress_dir.is_symlink():
            return self.progress_dir
        if self.progress_named:
            raise DataError([Problem(str(self.progress_dir), None, None, "progress.no_folder")])
        return None

    @property
    def renderer(self) -> Renderer:
        return renderer(self.fmt)

    @property
    def output(self) -> Output:
        root = (top_level(Path.cwd()) or Path.cwd()) if self.renderer.in_repository else None
        return Output(sys.stdout, sys.stderr, self.lang, self.ascii_borders, self.debug, root)

    def display(self, plan: Plan) -> Display:
        return Display(plan, self.lang, self.unit)


@dataclass(frozen=True)
class Asked:
    """Which figures: a year, the date to take them at, one district; each may be left to
    its default (the current year; 31 Dec, or today in the current year; every district)."""

    year: int | None = None
    as_of: date | None = None
    district: str | None = None


def resolve_progress_dir(option: Path | None) -> Path:
    if option is not None:
        return option
    from_env = os.environ.get("WUHAI_PROGRESS")
    return Path(from_env) if from_env else Path("data") / "progress"


def report_problems(problems: list[Problem], lang: Lang, *, debug: bool = False) -> None:
    from wuhai_green.show.render.to_terminal import print_problems

    print_problems(problems, lang, sys.stderr, debug=debug)


def report_message(message: str) -> None:
    say(message, sys.stderr, style="red")


def say(message: str, stream: TextIO, style: str = "") -> None:
    from wuhai_green.show.render.to_terminal import say as terminal_say

    terminal_say(message, stream, style)


def _human(options: Options, message: str) -> None:
    """A line for people: on stdout with tables, on stderr beside machine output."""
    say(message, sys.stderr if options.renderer.machine else sys.stdout, style="green")


def _load(options: Options) -> tuple[Plan, Register]:
    plan, warnings = read_plan(options.plan_path)
    register = load_register(plan, options.progress_folder())
    warnings += register.warnings
    if warnings:
        report_problems(warnings, options.lang, debug=options.debug)
    return plan, register


def today() -> date:
    return date.today()


def window_end(start: date, text: str) -> date:
    """The last day of a window such as 6m, 90d, 2w or 1y that begins on `start` (both days
    inside: 90d from 1 Jan is 1 Jan to 31 Mar)."""
    match = re.fullmatch(r"\s*(\d+)\s*([dwmy])\s*", text.lower())
    if match is None:
        raise UsageError("cli.bad_window", value=text)
    count, unit = int(match.group(1)), match.group(2)
    try:
        if unit in "dw":
            after = start + timedelta(days=count * (7 if unit == "w" else 1))
        else:
            after = add_months(start, count * (12 if unit == "y" else 1))
        return after - timedelta(days=1)
    except (ValueError, OverflowError):  # beyond the year 9999
        raise UsageError("cli.bad_window", value=text) from None


def _year(plan: Plan, year: int | None, as_of: date | None = None) -> int:
    """The year asked for; else the year of --as-of; else the current year."""
    chosen = year if year is not None else as_of.year if as_of is not None else today().year
    period = plan.data.period
    if not period.start <= chosen <= period.end:
        raise UsageError("cli.year_outside", year=chosen, start=period.start, end=period.end)
    return chosen


def _as_of(year: int, as_of: date | None) -> date:
    if as_of is None:
        return metrics.default_as_of(year, today())
    if as_of.year != year:
        raise UsageError("cli.as_of_outside", as_of=as_of, year=year)
    return as_of


def _areas(plan: Plan, district: str | None) -> tuple[Area, ...]:
    """The districts asked for (all by default), then the city."""
    if district is None:
        return (*plan.districts, plan.root)
    area = plan.find_area(district)
    if area is None:
        raise UsageError("cli.unknown_district", district=district, known=plan.district_list())
    return (area,)


def _query(plan: Plan, register: Register, asked: Asked) -> Query:
    chosen = _year(plan, asked.year, asked.as_of)
    return Query(plan, register, chosen, _as_of(chosen, asked.as_of), _areas(plan, asked.district))


# --- commands ---------------------------------------------------------------------------


def show_plan(options: Options) -> None:
    plan, warnings = read_plan(options.plan_path)
    if warnings:
        report_problems(warnings, options.lang)
    options.renderer.page(plan_page(options.display(plan)), options.output)


def validate(options: Options) -> int:
    """Exit code 0 when the plan and every report are clean, 2 otherwise."""
    try:
        plan, problems = read_plan(options.plan_path)
        register = load_register(plan, options.progress_folder())
        problems += register.warnings
    except DataError as error:
        options.renderer.problems(ProblemReport(error.problems, ok=False), options.output)
        return 2
    options.renderer.problems(ProblemReport(problems, ok=True), options.output)
    if options.fmt == "table":
        summary = t("validate.ok", options.lang, plan=plan.file, files=len(register.files),
                    certificates=len(register.certificates))
        say(summary, sys.stdout, style="green")
    return 0


def status(options: Options, asked: Asked, explain: bool = False,
           targets_path: Path | None = None) -> None:
    plan, register = _load(options)
    query = _query(plan, register, asked)
    notes: tuple[str, ...] = ()
    if targets_path is not None:
        adjusted, overrides = load_targets(plan, targets_path)
        if adjusted.year != query.year:
            raise UsageError("targets.other_year", path=targets_path, year=adjusted.year,
                             chosen=query.year)
        query = Query(plan, register, query.year, query.as_of, query.areas, overrides)
        notes = (t("note.adjusted_targets", options.lang, year=adjusted.year,
                   path=targets_path),)
    page = status_page(query, options.display(plan), explain, notes)
    options.renderer.page(page, options.output)


def adjust(options: Options, year: int | None, district: str | None, write_to: Path | None,
           force: bool) -> None:
    plan, register = _load(options)
    chosen = today().year if year is None else year
    period = plan.data.period
    if not period.start <= chosen <= period.end:
        raise UsageError("cli.adjust_outside", year=chosen, start=period.start, end=period.end)
    query = Query(plan, register, chosen, year_end(chosen - 1), _areas(plan, district))
    found = rows.adjust_rows(query)
    if write_to is not None:
        write_atomically(write_to, targets_yaml(found, chosen, today()), overwrite=force)
    options.renderer.page(adjust_page(query, found, options.display(plan)), options.output)
    if write_to is not None:
        _human(options, t("adjust.written", options.lang, path=write_to))


def expiring(options: Options, within: str, asked: Asked) -> None:
    plan, register = _load(options)
    start = asked.as_of or today()
    area = _areas(plan, asked.district)[0] if asked.district else plan.root
    page = expiring_page(register, start, window_end(start, within), area, options.display(plan))
    options.renderer.page(page, options.output)


def gap(options: Options, asked: Asked) -> None:
    plan, register = _load(options)
    query = _query(plan, register, asked)
    options.renderer.page(gap_page(query, options.display(plan)), options.output)


def new_report(options: Options, year: int, district: str, force: bool = False) -> None:
    plan = load_plan(options.plan_path)
    area = plan.find_area(district)
    if area is None or area.children:
        raise UsageError("cli.unknown_district", district=district, known=plan.district_list())
    period = plan.data.period
    if not period.baseline_year <= year <= period.end:
        raise UsageError("cli.year_outside", year=year, start=period.baseline_year, end=period.end)
    path = report_path(area, year, options.progress_dir)
    write_atomically(path, template_text(options.display(plan), area, year), overwrite=force)
    say(t("new.written", options.lang, path=path), sys.stdout, style="green")


def init(options: Options, folder: Path, tool_repository: str | None, force: bool) -> None:
    """A new data repository in `folder`: the plan in use (by default the shipped one), the
    progress folder, CI for GitHub and GitLab, pre-commit, READMEs; then `git init`."""
    plan, _ = read_plan(options.plan_path)
    if has_content(folder) and not force:
        raise UsageError("init.not_empty", path=folder)
    show = options.display(plan)
    written = repository_files(show, plan_text(options.plan_path),
                               Tool(__version__, tool_repository), today().year)
    for relative, text in written.items():
        write_atomically(folder / relative, text, overwrite=force)
    lines = [t("init.written", options.lang, folder=folder, version=__version__),
             *(f"  {relative}" for relative in written)]
    try:
        if init_repository(folder):
            lines.append(t("init.git_init", options.lang, folder=folder))
    except UsageError as error:  # no git here: the files are written all the same
        lines.append(t("init.no_git", options.lang, reason=t(error.key, options.lang,
                                                             **error.params)))
    lines.append(t("init.next", options.lang, folder=folder,
                   year=reporting_year(show, today().year), district=example_district(show)[1]))
    say("\n".join(lines), sys.stdout, style="green")


# --- CI: check and diff -----------------------------------------------------------------


def check(options: Options, asked: Asked, fail_on: str, changed_since: str | None) -> int:
    """Validate, then compute status: 2 on bad data; 1 when a row fails `fail_on` or, with
    `changed_since`, when the change made a row's status worse; else 0."""
    try:
        plan, warnings = read_plan(options.plan_path)
        register = load_register(plan, options.progress_folder())
    except DataError as error:
        report = ProblemReport(error.problems, ok=False, schema="wuhai-green/check@1",
                               extra={"findings": []}, check=True)
        options.renderer.problems(report, options.output)
        return 2
    warnings += register.warnings
    query = _query(plan, register, asked)
    compared_with = changed_since
    try:
        moved = _changes(options, query, changed_since)
    except UsageError as error:
        if error.key != "diff.base_invalid":
            raise
        # A change that repairs broken data must still pass: nothing can be compared, so
        # no row can have been made worse by it.
        warnings.append(Problem(str(options.progress_dir), None, None, error.key,
                                dict(error.params), "warning"))
        moved, compared_with = [], None
    result = rows.check_result(rows.status_rows(query), fail_on, moved)
    options.renderer.check(CheckReport(query, result, warnings, fail_on, options.display(plan),
                                       compared_with), options.output)
    return 1 if result.failing else 0


def _changes(options: Options, query: Query, base_ref: str | None) -> list[rows.Change] | None:
    if base_ref is None:
        return None
    with tempfile.TemporaryDirectory(prefix="wuhai-diff-") as folder:
        base_plan_path, base_progress = export_revision(base_ref, options.plan_path,
                                                        options.progress_dir, Path(folder))
        try:
            base_plan = load_plan(base_plan_path)
            # named as in the working tree: a moved figure names the file that moved it
            base_register = load_register(base_plan, base_progress, options.progress_dir)
        except DataError as error:
            raise UsageError("diff.base_invalid", ref=base_ref,
                             count=len(error.errors)) from None
    areas = tuple(base_plan.find_area(area.name) or area for area in query.areas)
    before = rows.status_rows(Query(base_plan, base_register, query.year, query.as_of, areas))
    return rows.changes(before, rows.status_rows(query))


def diff(options: Options, base_ref: str, asked: Asked) -> None:
    plan, register = _load(options)
    query = _query(plan, register, asked)
    moved = _changes(options, query, base_ref) or []
    options.renderer.page(diff_page(base_ref, query, moved, options.display(plan)),
                          options.output)


def tasks(options: Options, asked: Asked) -> None:
    plan, register = _load(options)
    query = _query(plan, register, asked)
    options.renderer.page(tasks_page(query, options.display(plan)), options.output)


def report(options: Options, asked: Asked, output: Path | None, force: bool,
           with_charts: bool) -> None:
    plan, register = _load(options)
    query = _query(plan, register, asked)
    text = options.renderer.report(build_report(query, options.display(plan), with_charts),
                                   options.output)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomically(output, text, overwrite=force)
    _human(options, t("report.written", options.lang, path=output))
