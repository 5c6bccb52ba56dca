"""One function per command: load, compute, render. The CLI only parses options."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from wuhai_green import render, templates, views
from wuhai_green.errors import DataError, Problem, UsageError
from wuhai_green.i18n import Lang, t
from wuhai_green.plan import Area, Plan, load_plan, resolve_plan_path
from wuhai_green.register import Register, load_register
from wuhai_green.render import Format


@dataclass(frozen=True)
class Options:
    plan_path: Path
    progress_dir: Path
    fmt: Format
    lang: Lang
    unit: views.DisplayUnit = "t"
    ascii_borders: bool = False

    @classmethod
    def build(cls, plan: Path | None, progress: Path | None, fmt: str, lang: Lang,
              unit: str = "t", ascii_borders: bool = False) -> Options:
        return cls(resolve_plan_path(plan), resolve_progress_dir(progress), Format(fmt), lang,
                   "wan-t" if unit == "wan-t" else "t", ascii_borders)

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
    register = load_register(plan, options.progress_dir)
    warnings = list(plan.source.warnings) + list(register.warnings)
    if warnings:
        report_problems(warnings, options.lang)
    return plan, register


def today() -> date:
    return date.today()


def _year(plan: Plan, year: int | None) -> int:
    chosen = today().year if year is None else year
    period = plan.data.period
    if not period.start <= chosen <= period.end:
        raise UsageError("cli.year_outside", year=chosen, start=period.start, end=period.end)
    return chosen


def _as_of(year: int, as_of: date | None) -> date:
    if as_of is None:
        from wuhai_green.metrics import default_as_of

        return default_as_of(year, today())
    if as_of.year != year:
        raise UsageError("cli.as_of_outside", as_of=as_of, year=year)
    return as_of


def _areas(plan: Plan, district: str | None) -> list[Area]:
    """The districts asked for (all by default), then the city."""
    if district is None:
        return [*plan.districts, plan.root]
    area = plan.find_area(district)
    if area is None:
        known = ", ".join(f"{d.name}/{'/'.join(d.aliases)}" for d in plan.districts)
        raise UsageError("cli.unknown_district", district=district, known=known)
    return [area]


def _write(page: views.Page, options: Options) -> None:
    render.write_page(page, options.fmt, _out(), ascii_borders=options.ascii_borders)


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
        register = load_register(plan, options.progress_dir)
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


def _write_problems(problems: list[Problem], options: Options, *, ok: bool) -> None:
    if options.fmt is Format.json:
        document = {"schema": "wuhai-green/validate@1", "ok": ok,
                    "errors": [render.problem_json(p, options.lang) for p in problems
                               if p.severity == "error"],
                    "warnings": [render.problem_json(p, options.lang) for p in problems
                                 if p.severity != "error"]}
        _out().write(render.to_json(document) + "\n")
    elif options.fmt is Format.github:
        _out().write(render.github_problems(problems, options.lang))
    else:
        report_problems(problems, options.lang)


def status(options: Options, year: int | None, as_of: date | None, district: str | None,
           explain: bool) -> None:
    plan, register = _load(options)
    chosen = _year(plan, year)
    page = views.status_page(plan, register, chosen, _as_of(chosen, as_of),
                             _areas(plan, district), options.display, explain)
    _write(page, options)


def gap(options: Options, year: int | None, as_of: date | None, district: str | None) -> None:
    plan, register = _load(options)
    chosen = _year(plan, year)
    page = views.gap_page(plan, register, chosen, _as_of(chosen, as_of), _areas(plan, district),
                          options.display)
    _write(page, options)


def new_report(options: Options, year: int, district: str) -> None:
    plan = load_plan(options.plan_path)
    area = plan.find_area(district)
    if area is None or area.children:
        known = ", ".join(f"{d.name}/{'/'.join(d.aliases)}" for d in plan.districts)
        raise UsageError("cli.unknown_district", district=district, known=known)
    period = plan.data.period
    if not period.baseline_year <= year <= period.end:
        raise UsageError("cli.year_outside", year=year, start=period.baseline_year, end=period.end)
    path = templates.write_template(plan, area, year, options.progress_dir, options.lang)
    render.print_line(t("new.written", options.lang, path=path), render.console(_out()),
                      style="green")
