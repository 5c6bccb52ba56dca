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

from wuhai_green.core import metrics
from wuhai_green.core.problems import DataError, Problem, UsageError
from wuhai_green.core.register import Register, load_register
from wuhai_green.load.files import write_atomically
from wuhai_green.load.git import export_revision
from wuhai_green.model.plan import Area, Plan, load_plan, resolve_plan_path
from wuhai_green.model.targets import load_targets, targets_yaml
from wuhai_green.show import render, templates, views
from wuhai_green.show import report as annual_report
from wuhai_green.show.i18n import Lang, t
from wuhai_green.show.render import Format


@dataclass(frozen=True)
class Options:
    plan_path: Path
    progress_dir: Path
    fmt: Format
    lang: Lang
    unit: views.DisplayUnit = "t"
    ascii_borders: bool = False
    progress_named: bool = False  # given by --progress or $WUHAI_PROGRESS, not the default

    @classmethod
    def build(cls, plan: Path | None, progress: Path | None, fmt: str, lang: Lang,
              unit: str = "t", ascii_borders: bool = False) -> Options:
        named = progress is not None or bool(os.environ.get("WUHAI_PROGRESS"))
        return cls(resolve_plan_path(plan), resolve_progress_dir(progress), Format(fmt), lang,
                   "wan-t" if unit == "wan-t" else "t", ascii_borders, named)

    def progress_folder(self) -> Path | None:
        """The folder of reports to read: a named one must exist (a typo would otherwise
        read as "no reports"); the default ./data/progress may be absent."""
        if self.progress_dir.exists() or self.progress_dir.is_symlink():
            return self.progress_dir
        if self.progress_named:
            name = str(self.progress_dir)
            raise DataError([Problem(name, None, None, "progress.no_folder")])
        return None

    @property
    def display(self) -> views.Display:
        return views.Display(self.lang, self.unit)

    @property
    def machine(self) -> bool:
        """Machine output on stdout: human text goes to stderr."""
        return self.fmt in (Format.json, Format.csv, Format.github)


def resolve_progress_dir(option: Path | None) -> Path:
    if option is not None:
        return option
    from_env = os.environ.get("WUHAI_PROGRESS")
    return Path(from_env) if from_env else Path("data") / "progress"


def report_problems(problems: list[Problem], lang: Lang) -> None:
    render.print_problems(problems, lang, render.error_console())


def report_message(message: str) -> None:
    render.print_line(message, render.error_console(), style="red")


def _out() -> TextIO:
    return sys.stdout


def _load(options: Options) -> tuple[Plan, Register]:
    plan = load_plan(options.plan_path)
    register = load_register(plan, options.progress_folder())
    warnings = list(plan.source.warnings) + list(register.warnings)
    if warnings:
        report_problems(warnings, options.lang)
    return plan, register


def today() -> date:
    return date.today()


def _human(options: Options, message: str) -> None:
    """A line for people: on stdout with tables, on stderr beside machine output."""
    stream = sys.stderr if options.machine else _out()
    render.print_line(message, render.console(stream), style="green")


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
            after = metrics.add_months(start, count * (12 if unit == "y" else 1))
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


def _areas(plan: Plan, district: str | None) -> list[Area]:
    """The districts asked for (all by default), then the city."""
    if district is None:
        return [*plan.districts, plan.root]
    area = plan.find_area(district)
    if area is None:
        raise UsageError("cli.unknown_district", district=district, known=plan.district_list())
    return [area]


def _write(page: views.Page, options: Options) -> None:
    render.write_page(page, options.fmt, _out(), ascii_borders=options.ascii_borders)
    if options.fmt is Format.csv:  # the notes and sentences go beside the rows, to stderr
        for note in page.notes:
            _human(options, note)


# --- commands ---------------------------------------------------------------------------


def show_plan(options: Options) -> None:
    plan = load_plan(options.plan_path)
    if plan.source.warnings:
        report_problems(list(plan.source.warnings), options.lang)
    _write(views.plan_page(plan, options.display), options)


def validate(options: Options) -> int:
    """Exit code 0 when the plan and every report are clean, 2 otherwise."""
    problems: list[Problem] = []
    try:
        plan = load_plan(options.plan_path)
        problems += plan.source.warnings
        register = load_register(plan, options.progress_folder())
        problems += register.warnings
    except DataError as error:
        _write_problems(error.problems, options, ok=False)
        return 2
    _write_problems(problems, options, ok=True)
    if options.fmt is Format.table:
        summary = t("validate.ok", options.lang, plan=plan.file, files=len(register.files),
                    certificates=len(register.certificates))
        render.print_line(summary, render.console(_out()), style="green")
    return 0


def _write_problems(problems: list[Problem], options: Options, *, ok: bool,
                    schema: str = "wuhai-green/validate@1", **extra: object) -> None:
    """Problems in the chosen format; JSON is the error document of validate (or check)."""
    if options.fmt is Format.json:
        document = {"schema": schema, "ok": ok,
                    "errors": [p.as_json(options.lang) for p in problems
                               if p.severity == "error"],
                    "warnings": [p.as_json(options.lang) for p in problems
                                 if p.severity != "error"], **extra}
        _out().write(render.to_json(document) + "\n")
    elif options.fmt is Format.github:
        _out().write(render.github_problems(problems, options.lang))
    elif options.fmt is Format.csv:
        _out().write(render.to_csv([p.as_json(options.lang) for p in problems]))
    elif options.fmt is Format.markdown:
        _out().write("".join(f"- `{p.where()}` {p.severity}: {p.message(options.lang)}\n"
                             for p in problems))
    else:
        report_problems(problems, options.lang)


def status(options: Options, year: int | None, as_of: date | None, district: str | None,
           explain: bool, targets_path: Path | None = None) -> None:
    plan, register = _load(options)
    chosen = _year(plan, year, as_of)
    overrides: metrics.TargetOverrides = {}
    notes: tuple[str, ...] = ()
    if targets_path is not None:
        adjusted, overrides = load_targets(plan, targets_path)
        if adjusted.year != chosen:
            raise UsageError("targets.other_year", path=targets_path, year=adjusted.year,
                             chosen=chosen)
        notes = (t("note.adjusted_targets", options.lang, year=adjusted.year,
                   path=targets_path),)
    page = views.status_page(plan, register, chosen, _as_of(chosen, as_of),
                             _areas(plan, district), options.display, explain, overrides, notes)
    _write(page, options)


def adjust(options: Options, year: int | None, district: str | None, write_to: Path | None,
           force: bool) -> None:
    plan, register = _load(options)
    chosen = today().year if year is None else year
    period = plan.data.period
    if not period.start <= chosen <= period.end:
        raise UsageError("cli.adjust_outside", year=chosen, start=period.start, end=period.end)
    page, rows = views.adjust_page(plan, register, chosen, _areas(plan, district),
                                   options.display)
    if write_to is not None:
        write_atomically(write_to, targets_yaml(rows, chosen, today()), overwrite=force)
    _write(page, options)
    if write_to is not None:
        _human(options, t("adjust.written", options.lang, path=write_to))


def expiring(options: Options, within: str, as_of: date | None, district: str | None) -> None:
    plan, register = _load(options)
    start = as_of or today()
    area = _areas(plan, district)[0] if district else plan.root
    page = views.expiring_page(plan, register, start, window_end(start, within), area,
                               options.display)
    _write(page, options)


def gap(options: Options, year: int | None, as_of: date | None, district: str | None) -> None:
    plan, register = _load(options)
    chosen = _year(plan, year, as_of)
    page = views.gap_page(plan, register, chosen, _as_of(chosen, as_of), _areas(plan, district),
                          options.display)
    _write(page, options)


def new_report(options: Options, year: int, district: str, force: bool = False) -> None:
    plan = load_plan(options.plan_path)
    area = plan.find_area(district)
    if area is None or area.children:
        raise UsageError("cli.unknown_district", district=district, known=plan.district_list())
    period = plan.data.period
    if not period.baseline_year <= year <= period.end:
        raise UsageError("cli.year_outside", year=year, start=period.baseline_year, end=period.end)
    path = templates.write_template(plan, area, year, options.progress_dir, options.lang, force)
    render.print_line(t("new.written", options.lang, path=path), render.console(_out()),
                      style="green")


# --- CI: check and diff -----------------------------------------------------------------

FAIL_LEVELS = {"behind": ("behind",), "at_risk": ("at_risk", "behind"), "never": ()}
FINDING_STATUSES = ("at_risk", "behind")


def check(options: Options, year: int | None, as_of: date | None, fail_on: str,
          changed_since: str | None) -> int:
    """Validate, then compute status: 2 on bad data, 1 when a row fails `fail_on`, else 0."""
    try:
        plan, register = _load_quietly(options)
    except DataError as error:
        _write_problems(error.problems, options, ok=False, schema="wuhai-green/check@1",
                        findings=[])
        return 2
    warnings = [*plan.source.warnings, *register.warnings]
    chosen = _year(plan, year, as_of)
    moment = _as_of(chosen, as_of)
    rows = views.status_rows(plan, register, chosen, moment, [*plan.districts, plan.root])
    findings = [row for row in rows if row.status in FINDING_STATUSES]
    failing = [row for row in rows if row.status in FAIL_LEVELS[fail_on]]
    try:
        changes = _changes(options, plan, register, changed_since, chosen, moment)
    except UsageError as error:
        if error.key != "diff.base_invalid":
            raise
        # A change that repairs broken data must still pass: the comparison is left out.
        warnings.append(Problem(str(options.progress_dir), None, None, error.key,
                                dict(error.params), "warning"))
        changes = None
    document = views.check_document(plan, chosen, moment, warnings, findings, failing, changes,
                                    options.lang)
    if options.fmt is Format.json:
        _out().write(render.to_json(document) + "\n")
    elif options.fmt is Format.github:
        _write_problems(warnings, options, ok=True)  # github: one ::warning each
        _out().write(render.github_findings(plan, findings, chosen, options.display))
        for change in changes or []:
            sentence = views.change_sentence(plan, change, options.display)
            _out().write(render.github_command("notice", sentence))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            page = views.status_page(plan, register, chosen, moment, [*plan.districts, plan.root],
                                     options.display)
            with open(summary_file, "a", encoding="utf-8") as stream:
                stream.write(render.to_markdown(page) + "\n")
    else:  # table, csv or markdown
        report_problems(warnings, options.lang)
        page = views.check_page(plan, rows, findings, failing, changes, fail_on, options.display)
        render.write_page(page, options.fmt, _out(), ascii_borders=options.ascii_borders)
    return 1 if failing else 0


def _load_quietly(options: Options) -> tuple[Plan, Register]:
    plan = load_plan(options.plan_path)
    return plan, load_register(plan, options.progress_folder())


def _changes(options: Options, plan: Plan, register: Register, base_ref: str | None, year: int,
             as_of: date) -> list[views.Change] | None:
    if base_ref is None:
        return None
    with tempfile.TemporaryDirectory(prefix="wuhai-diff-") as folder:
        base_plan_path, base_progress = export_revision(base_ref, options.plan_path,
                                                        options.progress_dir, Path(folder))
        try:
            base_plan = load_plan(base_plan_path)
            base_register = load_register(base_plan, base_progress)
        except DataError as error:
            raise UsageError("diff.base_invalid", ref=base_ref,
                             count=len(error.errors)) from None
    areas = [*plan.districts, plan.root]
    before = views.status_rows(base_plan, base_register, year, as_of,
                               [base_plan.find_area(a.name) or a for a in areas])
    after = views.status_rows(plan, register, year, as_of, areas)
    return views.changes(before, after)


def diff(options: Options, base_ref: str, year: int | None, as_of: date | None) -> None:
    plan, register = _load(options)
    chosen = _year(plan, year, as_of)
    moment = _as_of(chosen, as_of)
    changes = _changes(options, plan, register, base_ref, chosen, moment) or []
    _write(views.diff_page(plan, base_ref, chosen, moment, changes, options.display), options)


def tasks(options: Options, year: int | None, district: str | None) -> None:
    plan, register = _load(options)
    chosen = _year(plan, year)
    areas = _areas(plan, district)
    _write(views.tasks_page(plan, register, chosen, areas, options.display), options)


def report(options: Options, year: int | None, as_of: date | None, output: Path | None,
           force: bool, with_charts: bool) -> None:
    plan, register = _load(options)
    chosen = _year(plan, year, as_of)
    document = annual_report.build(plan, register, chosen, _as_of(chosen, as_of),
                                   options.display, with_charts)
    text = (annual_report.to_html(document, options.lang) if options.fmt is Format.html
            else annual_report.to_markdown_document(document))
    if output is None:
        _out().write(text)
        return
    write_atomically(output, text, overwrite=force)
    _human(options, t("report.written", options.lang, path=output))
