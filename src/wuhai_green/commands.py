"""One function per command: load, compute, render. The CLI only parses options."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, cast

from wuhai_green import __version__
from wuhai_green.core import metrics, rows
from wuhai_green.core.dates import add_months, year_end
from wuhai_green.core.problems import DataError, Problem, UsageError, error_count, errors_in
from wuhai_green.core.query import Query
from wuhai_green.core.register import Register
from wuhai_green.load.cache import RegisterCache, default_folder, disabled_by_environment
from wuhai_green.load.files import (
    GuardedStream,
    display_name,
    has_content,
    taken,
    write_atomically,
)
from wuhai_green.load.plan import load_plan, plan_text, read_plan, resolve_plan_path
from wuhai_green.load.progress import (
    check_new_report,
    load_register,
    progress_files,
    read_as_report,
    read_reports,
)
from wuhai_green.model.marks import Source
from wuhai_green.model.plan import Area, Plan
from wuhai_green.show.display import Display, DisplayUnit
from wuhai_green.show.i18n import Lang, t
from wuhai_green.show.page import Page
from wuhai_green.show.render import RENDERERS, renderer
from wuhai_green.show.render.base import CheckReport, Output, ProblemReport, Renderer
from wuhai_green.show.views.status import status_page

if TYPE_CHECKING:
    from wuhai_green.core import importing

# The modules of one or two commands (import, init, report, diff, and a CI format's
# repository root) and each command's view are imported by those commands: every other
# command starts without them (`wuhai status` builds no class it does not use, issue 18).


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
    output_path: Path | None = None  # -o: the file a page or the report is written to
    force: bool = False  # -o may replace an existing file
    cache_folder: Path | None = None  # where the register is cached; None: no cache

    @classmethod
    def build(cls, plan: Path | None, progress: Path | None, fmt: str,  # noqa: PLR0913
              lang: Lang, unit: str = "t", ascii_borders: bool = False,
              debug: bool = False, output: Path | None = None, force: bool = False,
              cache_dir: Path | None = None, no_cache: bool = True) -> Options:
        """The options as given on the command line, with their defaults resolved; a
        binary format without -o, or -o naming a file that exists without --force, is
        refused before anything is read."""
        if output is None and fmt in RENDERERS and renderer(fmt).binary:
            raise UsageError("xlsx.needs_output", format=fmt)
        if output is not None and not force and taken(output):
            raise UsageError("write.exists", path=output)
        named = progress is not None or bool(os.environ.get("WUHAI_PROGRESS"))
        cached = None if no_cache or disabled_by_environment() else cache_dir or default_folder()
        return cls(resolve_plan_path(plan), resolve_progress_dir(progress), fmt, lang,
                   "wan-t" if unit == "wan-t" else "t", ascii_borders, named, debug, output,
                   force, cached)

    def progress_folder(self) -> Path:
        """The folder of reports to read: a named one must exist (a typo would otherwise
        read as "no reports"); the default ./data/progress may be absent (a warning says
        where the tool looked)."""
        exists = self.progress_dir.exists() or self.progress_dir.is_symlink()
        if self.progress_named and not exists:
            raise DataError([Problem(str(self.progress_dir), None, None, "progress.no_folder")])
        return self.progress_dir

    def register_cache(self) -> RegisterCache | None:
        """The cache of registers read with this plan (none with --no-cache)."""
        if self.cache_folder is None:
            return None
        return RegisterCache.of(self.cache_folder, self.plan_path)

    @property
    def renderer(self) -> Renderer:
        return renderer(self.fmt)

    @property
    def output(self) -> Output:
        root = None
        if self.renderer.in_repository:
            from wuhai_green.load.git import top_level

            root = top_level(Path.cwd()) or Path.cwd()
        return Output(sys.stdout, sys.stderr, self.lang, self.ascii_borders, self.debug,
                      self._save if self.output_path is not None else None, root)

    def _save(self, data: bytes) -> None:
        assert self.output_path is not None
        _write_output(self, self.output_path, data, self.force)

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


@contextlib.contextmanager
def guarded_output(lang: Lang) -> Iterator[None]:
    """Standard output and error guarded for one command (`GuardedStream`): a reader that
    went away ends the output quietly, a full or closed stdout is a `UsageError`."""
    saved = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, GuardedStream(saved[0], t("write.stdout", lang)))
    sys.stderr = cast(TextIO, GuardedStream(saved[1], "stderr", quiet=True))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def flush_output() -> None:
    """Flush standard output while a fault can still be reported (a full disk shows here)."""
    sys.stdout.flush()


def report_problems(problems: list[Problem], lang: Lang, *, debug: bool = False) -> None:
    from wuhai_green.show.render.to_terminal import print_problems

    print_problems(problems, lang, sys.stderr, debug=debug)


def report_message(message: str) -> None:
    say(message, sys.stderr, style="red")


def say(message: str, stream: TextIO, style: str = "") -> None:
    from wuhai_green.show.render.to_terminal import say as terminal_say

    terminal_say(message, stream, style)


def _show(options: Options, page: Page) -> None:
    """A page in the chosen format: to stdout, or into the file of -o (atomically)."""
    if options.output_path is None:
        options.renderer.page(page, options.output)
        return
    text = io.StringIO()
    options.renderer.page(page, replace(options.output, stdout=text))
    if not options.renderer.binary:  # a binary format saved its file itself
        _write_output(options, options.output_path, text.getvalue(), options.force)
    _human(options, t("output.written", options.lang, path=options.output_path))


def _human(options: Options, message: str) -> None:
    """A line for people: on stdout with tables, on stderr beside machine output."""
    say(message, sys.stderr if options.renderer.machine else sys.stdout, style="green")


def _load(options: Options) -> tuple[Plan, Register]:
    """The plan and the register, their warnings printed (their notes, for the commands
    that check data, are left to validate and check)."""
    plan, problems = read_plan(options.plan_path)
    try:
        register = load_register(plan, options.progress_folder(), today(),
                                 cache=options.register_cache())
    except DataError as error:  # the plan's warnings ($WUHAI_MAX_FILE_MB) are said too
        raise DataError([*_warnings(problems), *error.problems]) from None
    warnings = _warnings([*problems, *register.warnings])
    if warnings:
        report_problems(warnings, options.lang, debug=options.debug)
    return plan, register


def _warnings(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == "warning"]


def _inputs(options: Options) -> list[Path]:
    """The files a command reading the plan and the reports reads: never written over."""
    folder = options.progress_folder()
    reports = progress_files(folder)[0] if folder.is_dir() else []
    return [options.plan_path, *reports]


def _write_output(options: Options, path: Path, text: str | bytes, force: bool) -> None:
    """Save what a command made (a report, adjusted targets): never over the files it read,
    never where the next run would read it as a progress report."""
    if read_as_report(path, options.progress_dir):
        raise UsageError("write.into_progress", path=path, folder=options.progress_dir)
    write_atomically(path, text, overwrite=force, inputs=_inputs(options))


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
            if after == date.max:  # the calendar's last day: the window runs past it
                raise OverflowError
        return after - timedelta(days=1)
    except (ValueError, OverflowError):  # beyond the year 9999
        raise UsageError("cli.bad_window", value=text) from None


def _year(plan: Plan, year: int | None, as_of: date | None = None) -> int:
    """The year asked for; else the year of --as-of; else the current year."""
    chosen = year if year is not None else as_of.year if as_of is not None else today().year
    return _year_in(plan, chosen, plan.data.period.start)


def _year_in(plan: Plan, year: int, first: int) -> int:
    """`year`, if it lies from `first` to the plan's end year."""
    if not first <= year <= plan.data.period.end:
        raise UsageError("cli.year_outside", year=year, start=first, end=plan.data.period.end)
    return year


def _district(plan: Plan, name: str) -> Area:
    """The district `name` (not the city): the area a progress file of one district is of."""
    area = plan.find_area(name)
    if area is None or area.children:
        raise UsageError("cli.unknown_district" if area is None else "cli.not_a_district",
                         district=name, known=plan.district_list())
    return area


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
    return Query(plan, register, chosen, _as_of(chosen, asked.as_of),
                 _areas(plan, asked.district), today=today())


# --- commands ---------------------------------------------------------------------------


def show_plan(options: Options) -> None:
    from wuhai_green.show.views.plan import plan_page

    plan, warnings = read_plan(options.plan_path)
    if warnings:
        report_problems(warnings, options.lang)
    _show(options, plan_page(options.display(plan)))


def validate(options: Options) -> int:
    """Exit code 0 when the plan and every report are clean, 2 otherwise."""
    problems: list[Problem] = []
    try:
        plan, problems = read_plan(options.plan_path)
        register = load_register(plan, options.progress_folder(), today(),
                                 cache=options.register_cache())
        problems += register.warnings
    except DataError as error:  # with the plan's warnings, if it was read
        options.renderer.problems(ProblemReport([*problems, *error.problems], ok=False),
                                  options.output)
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
        from wuhai_green.load.targets import load_targets

        adjusted, overrides = load_targets(plan, targets_path)
        if adjusted.year != query.year:
            raise UsageError("targets.other_year", path=targets_path, year=adjusted.year,
                             chosen=query.year)
        query = replace(query, overrides=overrides)
        notes = (t("note.adjusted_targets", options.lang, year=adjusted.year,
                   path=targets_path),)
    _show(options, status_page(query, options.display(plan), explain, notes))


def adjust(options: Options, year: int | None, district: str | None, write_to: Path | None,
           force: bool) -> None:
    from wuhai_green.show.views.adjust import adjust_page

    plan, register = _load(options)
    chosen = today().year if year is None else year
    period = plan.data.period
    if not period.start <= chosen <= period.end:
        raise UsageError("cli.adjust_outside", year=chosen, start=period.start, end=period.end)
    if not metrics.adjustable(plan, chosen):
        raise UsageError("adjust.first_year", year=chosen, first=chosen + 1, end=period.end)
    query = Query(plan, register, chosen, year_end(chosen - 1), _areas(plan, district))
    found = rows.adjust_rows(query)
    if write_to is not None:
        from wuhai_green.show.templates import targets_yaml

        written = targets_yaml(options.display(plan), rows.targets_to_write(query), chosen,
                               today())
        _write_output(options, write_to, written, force)
    _show(options, adjust_page(query, found, options.display(plan)))
    if write_to is not None:
        _human(options, t("adjust.written", options.lang, path=write_to))


def expiring(options: Options, within: str, asked: Asked) -> None:
    from wuhai_green.show.views.renewals import expiring_page

    plan, register = _load(options)
    start = asked.as_of or today()
    area = _areas(plan, asked.district)[0] if asked.district else plan.root
    _show(options, expiring_page(register, start, window_end(start, within), area,
                                 options.display(plan)))


def gap(options: Options, asked: Asked) -> None:
    from wuhai_green.show.views.gap import gap_page

    plan, register = _load(options)
    query = _query(plan, register, asked)
    _show(options, gap_page(query, options.display(plan)))


def new_report(options: Options, year: int, district: str, force: bool = False) -> None:
    plan, problems = read_plan(options.plan_path)
    warnings = _warnings(problems)
    if warnings:  # the plan's, and a $WUHAI_MAX_FILE_MB ignored
        report_problems(warnings, options.lang, debug=options.debug)
    area = _district(plan, district)
    _year_in(plan, year, plan.data.period.baseline_year)
    from wuhai_green.show.templates import report_path, template_text

    path = report_path(area, year, options.progress_dir)
    write_atomically(path, template_text(options.display(plan), area, year), overwrite=force,
                     inputs=[options.plan_path], make_folder=True)
    say(t("new.written", options.lang, path=path), sys.stdout, style="green")


# --- import: a register kept in a spreadsheet --------------------------------------------


@dataclass(frozen=True)
class ImportAsked:
    """What `wuhai import` is asked: the spreadsheet, the year, and how to read it."""

    source: Path
    year: int
    district: str | None = None
    sheet: str | None = None
    output: Path | None = None
    force: bool = False
    columns: tuple[str, ...] = ()
    kind: str | None = None  # --type


def import_register(options: Options, asked: ImportAsked) -> None:
    """Read the sheet, make its rows of the year a progress file, validate the file with
    every other one (as `wuhai validate` would) and write it; or list every problem."""
    collecting = gc.isenabled()
    gc.disable()  # many long-lived objects and no cycles: the collector would only rescan them
    try:
        _import_register(options, asked)
    finally:
        if collecting:
            gc.enable()


def _import_register(options: Options, asked: ImportAsked) -> None:
    from wuhai_green.core import importing
    from wuhai_green.load.spreadsheet import read_table
    from wuhai_green.show.templates import imported_file, report_path
    from wuhai_green.show.views.imported import import_summary

    plan, warnings = read_plan(options.plan_path)
    request, planned = _import_request(plan, asked, options.progress_dir)
    if planned is not None and not asked.force and taken(planned):
        raise UsageError("write.exists", path=planned)
    reports, read_problems = read_reports(plan, options.progress_dir, planned if asked.force else None)
    table, notes = read_table(asked.source, asked.sheet,
                              lambda head: importing.has_header(head, request.columns))
    request = replace(request, on_file=importing.ids_on_file(reports))
    result = importing.import_rows(plan, table, request)
    show = options.display(plan)
    if errors_in(result.problems) or errors_in(notes):
        _import_failed(options, show, result, [*warnings, *notes, *result.problems])
    if not result.certificates and not result.ended:
        _import_failed(options, show, result, [*warnings, *notes, *result.problems, Problem(
            table.file, None, None, "import.nothing_for_year", {"year": asked.year})])
    file_district = result.districts[0] if len(result.districts) == 1 else None
    target = asked.output or report_path(plan.find_area(file_district or "") or plan.root,
                                         asked.year, options.progress_dir)
    if target != planned:
        if not asked.force and taken(target):
            raise UsageError("write.exists", path=target)
        if asked.force and target.exists():  # the file replaced is no longer "on file"
            reports, read_problems = read_reports(plan, options.progress_dir, target)
            request = replace(request, on_file=importing.ids_on_file(reports))
            result = importing.import_rows(plan, table, request)
    written = imported_file(show, result, file_district, today())
    name = display_name(target)
    found = check_new_report(plan, reports, written.document, Source(name, written.marks), today())
    problems = [*warnings, *notes, *result.problems,
                *importing.at_cells([*read_problems, *found], name, written.places, table)]
    if errors_in(problems):
        _import_failed(options, show, result, problems)
    write_atomically(target, written.text, overwrite=asked.force,
                     inputs=[options.plan_path, asked.source], make_folder=True)
    for line in import_summary(result, show):
        say(line, sys.stdout)
    if problems:
        report_problems(problems, options.lang, debug=options.debug)
    say(t("import.written", options.lang, path=name, certificates=len(result.certificates),
          ended=len(result.ended)), sys.stdout, style="green")


def _import_request(plan: Plan, asked: ImportAsked, folder: Path
                    ) -> tuple[importing.ImportRequest, Path | None]:
    """The request the options make, and the file to write where the options name it
    (-o, or --district); the options checked."""
    from wuhai_green.core import importing
    from wuhai_green.show.templates import report_path

    _year_in(plan, asked.year, plan.data.period.baseline_year)
    area = None if asked.district is None else _district(plan, asked.district)
    kind = None
    if asked.kind is not None:
        kind = importing.type_words(plan).get(importing.type_key(asked.kind))
        if kind is None:
            raise UsageError("import.bad_type", value=asked.kind,
                             known=", ".join(plan.certificate_types))
    columns = importing.parse_columns(asked.columns)
    planned = asked.output or (report_path(area, asked.year, folder) if area else None)
    return importing.ImportRequest(asked.year, area.name if area else None, kind, columns), planned


def _import_failed(options: Options, show: Display, result: importing.ImportResult,
                   problems: list[Problem]) -> NoReturn:
    from wuhai_green.show.views.imported import import_summary

    for line in import_summary(result, show):
        say(line, sys.stdout)
    say(t("import.failed", options.lang, count=error_count(problems)), sys.stdout)
    raise DataError(problems)


def init(options: Options, folder: Path, tool_repository: str | None, force: bool) -> None:
    """A new data repository in `folder`: the plan in use (by default the shipped one), the
    progress folder, CI for GitHub and GitLab, pre-commit, READMEs; then `git init`."""
    from wuhai_green.load.git import init_repository
    from wuhai_green.show.scaffold import Tool, example_district, reporting_year
    from wuhai_green.show.scaffold import files as repository_files

    plan, _ = read_plan(options.plan_path)
    if has_content(folder) and not force:
        raise UsageError("init.not_empty", path=folder)
    show = options.display(plan)
    written = repository_files(show, plan_text(options.plan_path),
                               Tool(__version__, tool_repository), today().year)
    for relative, text in written.items():
        write_atomically(folder / relative, text, overwrite=force, inputs=[options.plan_path],
                         make_folder=True)
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
    for line in lines:  # one by one: a line break inside a message is shown as an escape
        say(line, sys.stdout, style="green")


# --- CI: check and diff -----------------------------------------------------------------


def check(options: Options, asked: Asked, fail_on: str, changed_since: str | None) -> int:
    """Validate, then compute status: 2 on bad data; 1 when a row fails `fail_on` or, with
    `changed_since`, when the change made a row's status worse; else 0."""
    try:
        plan, warnings = read_plan(options.plan_path)
        register = load_register(plan, options.progress_folder(), today(),
                                 cache=options.register_cache())
    except DataError as error:
        report = ProblemReport(error.problems, ok=False, schema="wuhai-green/check@1",
                               extra={"findings": []}, check=True)
        options.renderer.problems(report, options.output)
        return 2
    warnings += register.warnings
    query = _query(plan, register, asked)
    compared_with = changed_since
    try:
        moved, left_out = _changes(options, query, changed_since)
        warnings += left_out
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


def _changes(options: Options, query: Query, base_ref: str | None
             ) -> tuple[list[rows.Change] | None, list[Problem]]:
    """The rows the change since `base_ref` moved, and the warnings of reading the base
    (entries left out). The temporary copy of the base is removed however the run ends
    (an error, Ctrl-C, SIGTERM: see `cli.main`)."""
    if base_ref is None:
        return None, []
    from wuhai_green.load.git import export_revision

    with tempfile.TemporaryDirectory(prefix="wuhai-diff-") as folder:
        base = export_revision(base_ref, options.plan_path, options.progress_dir, Path(folder))
        try:
            # both named as in the working tree: a message names the file a person edits
            base_plan = load_plan(base.plan, display_name(options.plan_path))
            base_register = load_register(base_plan, base.progress, today(),
                                          named_as=options.progress_dir)
        except DataError as error:
            raise UsageError("diff.base_invalid", ref=base_ref, count=error_count(error.problems),
                             first=error.errors[0].where()) from None
    areas = tuple(base_plan.find_area(area.name) or area for area in query.areas)
    before = rows.status_rows(Query(base_plan, base_register, query.year, query.as_of, areas))
    return rows.changes(before, rows.status_rows(query)), base.warnings


def diff(options: Options, base_ref: str, asked: Asked) -> None:
    from wuhai_green.show.views.changes import diff_page

    plan, register = _load(options)
    query = _query(plan, register, asked)
    moved, left_out = _changes(options, query, base_ref)
    if left_out:
        report_problems(left_out, options.lang)
    _show(options, diff_page(base_ref, query, moved or [], options.display(plan)))


def tasks(options: Options, asked: Asked) -> None:
    from wuhai_green.show.views.tasks import tasks_page

    plan, register = _load(options)
    query = _query(plan, register, asked)
    _show(options, tasks_page(query, options.display(plan)))


def report(options: Options, asked: Asked, with_charts: bool) -> None:
    from wuhai_green.show.report import build as build_report

    plan, register = _load(options)
    query = _query(plan, register, asked)
    document = build_report(query, options.display(plan), with_charts, today())
    if document.charts_missing:
        # The report is still written, with a note in each chart's place.
        say(t("severity.warning", options.lang) + ": " + t("report.no_matplotlib", options.lang),
            sys.stderr, style="yellow")
    written = options.renderer.report(document, options.output)
    if options.output_path is None:
        assert isinstance(written, str)  # a binary format needs -o (Options.build)
        sys.stdout.write(written)
        return
    _write_output(options, options.output_path, written, options.force)
    _human(options, t("report.written", options.lang, path=options.output_path))
