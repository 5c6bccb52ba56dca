"""The command line: parse options, call one function per command, render, map errors.

No arithmetic and no file reading here; see `commands` for what each command does.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from wuhai_green import __version__
from wuhai_green.core.problems import DataError, UsageError
from wuhai_green.show.i18n import Lang, default_lang, t

if TYPE_CHECKING:
    from types import ModuleType

    from wuhai_green.commands import Options

app = typer.Typer(
    name="wuhai",
    help="绿色有机品牌工作方案进度跟踪（默认：乌海市方案）/ Track a green and organic brand plan "
    "(by default, Wuhai City's).",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class LangChoice(StrEnum):
    zh = "zh"
    en = "en"


class UnitChoice(StrEnum):
    t = "t"
    wan_t = "wan-t"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class CheckFormat(StrEnum):
    table = "table"
    text = "text"  # the same as table
    json = "json"
    csv = "csv"
    markdown = "markdown"
    github = "github"


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"


class FailOn(StrEnum):
    behind = "behind"
    at_risk = "at_risk"
    never = "never"


PlanOpt = Annotated[Path | None, typer.Option("--plan", help="Plan file (default: $WUHAI_PLAN, "
                                              "./data/plan.yaml, then the shipped plan).")]
ProgressOpt = Annotated[Path | None, typer.Option("--progress", help="Folder of progress reports "
                                                  "(default: $WUHAI_PROGRESS, ./data/progress).")]
FormatOpt = Annotated[TableFormat, typer.Option(
                             "--format", help="Output format.")]
LangOpt = Annotated[LangChoice | None, typer.Option("--lang", help="Language (default zh, or "
                                                    "$WUHAI_LANG).")]
UnitOpt = Annotated[UnitChoice, typer.Option("--unit", help="Unit for tonnes in tables "
                                             "(JSON is always tonnes).")]
# The same option where no tonnes are shown: every command takes it (DESIGN §6).
QuietUnitOpt = Annotated[UnitChoice, typer.Option("--unit", help="Unit for tonnes (nothing "
                                                  "in tonnes is shown here).")]
AsciiOpt = Annotated[bool, typer.Option("--ascii", help="ASCII table borders.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")]
YearOpt = Annotated[int | None, typer.Option("--year", help="Year (default: the current year).")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Take the figures on this date "
                                             "(YYYY-MM-DD).")]
DistrictOpt = Annotated[str | None, typer.Option("--district", help="One district (Chinese name "
                                                 "or pinyin alias).")]

F = TypeVar("F", bound=Callable[..., None])


def _commands() -> ModuleType:
    """The commands, imported on first use: `wuhai --help` builds no model and loads no rich."""
    from wuhai_green import commands

    return commands


def _lang(choice: LangChoice | None) -> Lang:
    return "en" if choice is LangChoice.en else "zh" if choice is LangChoice.zh else default_lang()


def guarded(command: F) -> F:
    """Map errors to the exit codes of the contract; no traceback unless --debug."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        lang = _lang(kwargs.get("lang"))
        try:
            command(*args, **kwargs)
        except DataError as error:
            _commands().report_problems(error.problems, lang)
            raise typer.Exit(2) from None
        except UsageError as error:
            _commands().report_message(error.message(lang))
            raise typer.Exit(2) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as error:
            if kwargs.get("debug"):
                raise
            _commands().report_message(t("cli.internal", lang, error=f"{type(error).__name__}: "
                                      f"{error}"))
            raise typer.Exit(3) from None

    return wrapper  # type: ignore[return-value]


def _options(plan: Path | None, progress: Path | None, fmt: Enum, lang: LangChoice | None,
             unit: UnitChoice = UnitChoice.t, ascii_borders: bool = False) -> Options:
    fmt_name = "table" if fmt.value == "text" else fmt.value
    options: Options = _commands().Options.build(plan, progress, fmt_name, _lang(lang),
                                                 unit.value, ascii_borders)
    return options


def _as_of(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError("cli.bad_date", value=text) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wuhai-green {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """绿色有机品牌工作方案进度跟踪 / Track a green and organic brand plan."""


@app.command("plan")
@guarded
def plan_command(plan: PlanOpt = None, progress: ProgressOpt = None,
                 fmt: FormatOpt = TableFormat.table, lang: LangOpt = None,
                 unit: UnitOpt = UnitChoice.t, ascii_borders: AsciiOpt = False,
                 debug: DebugOpt = False) -> None:
    """Show the plan: goals, districts, baselines, targets, tasks, measures, experts."""
    _commands().show_plan(_options(plan, progress, fmt, lang, unit, ascii_borders))


@app.command("validate")
@guarded
def validate_command(plan: PlanOpt = None, progress: ProgressOpt = None,
                     fmt: Annotated[CheckFormat, typer.Option(
                             "--format", help="Output format.")] = CheckFormat.table,
                     lang: LangOpt = None, unit: QuietUnitOpt = UnitChoice.t,
                     ascii_borders: AsciiOpt = False, debug: DebugOpt = False) -> None:
    """Check the plan and every progress file; exit 2 with every problem found."""
    code = _commands().validate(_options(plan, progress, fmt, lang))
    raise typer.Exit(code)


@app.command("status")
@guarded
def status_command(year: YearOpt = None, as_of: AsOfOpt = None, district: DistrictOpt = None,
                   explain: Annotated[bool, typer.Option("--explain", help="List the certificates "
                                                         "behind each figure.")] = False,
                   targets: Annotated[Path | None, typer.Option(
                       "--targets", help="Track against adjusted targets written by "
                       "`wuhai adjust --write`.")] = None,
                   plan: PlanOpt = None, progress: ProgressOpt = None,
                   fmt: FormatOpt = TableFormat.table, lang: LangOpt = None,
                   unit: UnitOpt = UnitChoice.t, ascii_borders: AsciiOpt = False,
                   debug: DebugOpt = False) -> None:
    """Where each district and the city stand against the plan's cumulative targets."""
    _commands().status(_options(plan, progress, fmt, lang, unit, ascii_borders), year,
                    _as_of(as_of), district, explain, targets)


@app.command("gap")
@guarded
def gap_command(district: DistrictOpt = None, year: YearOpt = None, as_of: AsOfOpt = None,
                plan: PlanOpt = None, progress: ProgressOpt = None,
                fmt: FormatOpt = TableFormat.table, lang: LangOpt = None,
                unit: UnitOpt = UnitChoice.t, ascii_borders: AsciiOpt = False,
                debug: DebugOpt = False) -> None:
    """What is still to be added for every milestone ahead, and how much a year."""
    _commands().gap(_options(plan, progress, fmt, lang, unit, ascii_borders), year, _as_of(as_of),
                 district)


@app.command("new")
@guarded
def new_command(year: Annotated[int, typer.Option("--year", help="The reporting year.")],
                district: Annotated[str, typer.Option("--district", help="The district.")],
                force: ForceOpt = False, plan: PlanOpt = None, progress: ProgressOpt = None,
                lang: LangOpt = None, unit: QuietUnitOpt = UnitChoice.t,
                debug: DebugOpt = False) -> None:
    """Write a commented template progress file for a year and district."""
    _commands().new_report(_options(plan, progress, TableFormat.table, lang), year, district, force)


@app.command("adjust")
@guarded
def adjust_command(year: Annotated[int | None, typer.Option(
                       "--year", help="The year being planned (default: the current year); "
                       "from the data up to 31 Dec of the year before.")] = None,
                   district: DistrictOpt = None,
                   write: Annotated[Path | None, typer.Option(
                       "--write", help="Save the adjusted targets as YAML for "
                       "`wuhai status --targets`.")] = None,
                   force: ForceOpt = False, plan: PlanOpt = None, progress: ProgressOpt = None,
                   fmt: FormatOpt = TableFormat.table, lang: LangOpt = None,
                   unit: UnitOpt = UnitChoice.t, ascii_borders: AsciiOpt = False,
                   debug: DebugOpt = False) -> None:
    """Next year's targets adjusted for what was achieved and what lapses (note 2 of 附件2)."""
    _commands().adjust(_options(plan, progress, fmt, lang, unit, ascii_borders), year, district,
                    write, force)


@app.command("expiring")
@guarded
def expiring_command(within: Annotated[str, typer.Option(
                         "--within", help="Window from --as-of: 6m, 90d, 2w, 1y.")] = "6m",
                     as_of: AsOfOpt = None, district: DistrictOpt = None,
                     plan: PlanOpt = None, progress: ProgressOpt = None,
                     fmt: FormatOpt = TableFormat.table, lang: LangOpt = None,
                     unit: UnitOpt = UnitChoice.t, ascii_borders: AsciiOpt = False,
                     debug: DebugOpt = False) -> None:
    """The renewal calendar: certificates lapsing in the window with no renewal on file."""
    _commands().expiring(_options(plan, progress, fmt, lang, unit, ascii_borders), within,
                      _as_of(as_of), district)


@app.command("check")
@guarded
def check_command(year: YearOpt = None, as_of: AsOfOpt = None,
                  fail_on: Annotated[FailOn, typer.Option(
                      "--fail-on", help="Exit 1 when a row is at or below this status.")
                  ] = FailOn.behind,
                  changed_since: Annotated[str | None, typer.Option(
                      "--changed-since", help="Also show what changed since this git "
                      "revision.")] = None,
                  plan: PlanOpt = None, progress: ProgressOpt = None,
                  fmt: Annotated[CheckFormat, typer.Option(
                             "--format", help="Output format.")] = CheckFormat.table,
                  lang: LangOpt = None, unit: UnitOpt = UnitChoice.t,
                  ascii_borders: AsciiOpt = False, debug: DebugOpt = False) -> None:
    """For CI: validate everything, then exit 1 when a row is at or below --fail-on."""
    code = _commands().check(_options(plan, progress, fmt, lang, unit, ascii_borders), year,
                          _as_of(as_of), fail_on.value, changed_since)
    raise typer.Exit(code)


@app.command("diff")
@guarded
def diff_command(base_ref: Annotated[str, typer.Argument(help="The git revision to compare "
                                                         "with, e.g. origin/main.")],
                 year: YearOpt = None, as_of: AsOfOpt = None,
                 plan: PlanOpt = None, progress: ProgressOpt = None,
                 fmt: FormatOpt = TableFormat.table, lang: LangOpt = None,
                 unit: UnitOpt = UnitChoice.t, ascii_borders: AsciiOpt = False,
                 debug: DebugOpt = False) -> None:
    """What a change does to the figures: status before and after, for the rows that moved."""
    _commands().diff(_options(plan, progress, fmt, lang, unit, ascii_borders), base_ref, year,
                  _as_of(as_of))


@app.command("tasks")
@guarded
def tasks_command(year: YearOpt = None, district: DistrictOpt = None,
                  plan: PlanOpt = None, progress: ProgressOpt = None,
                  fmt: FormatOpt = TableFormat.table, lang: LangOpt = None,
                  unit: QuietUnitOpt = UnitChoice.t, ascii_borders: AsciiOpt = False,
                  debug: DebugOpt = False) -> None:
    """The plan's tasks and measures as a checklist per district: brand plan, meetings,
    expos, agreements, sampling."""
    _commands().tasks(_options(plan, progress, fmt, lang, UnitChoice.t, ascii_borders), year,
                   district)


@app.command("report")
@guarded
def report_command(year: YearOpt = None, as_of: AsOfOpt = None,
                   fmt: Annotated[ReportFormat, typer.Option(
                             "--format", help="Output format.")] = ReportFormat.markdown,
                   output: Annotated[Path | None, typer.Option(
                       "--output", "-o", help="Write to this file (atomically) instead of "
                       "stdout.")] = None,
                   force: ForceOpt = False,
                   charts: Annotated[bool, typer.Option(
                       "--charts/--no-charts", help="Draw the charts (needs the `report` "
                       "extra).")] = True,
                   plan: PlanOpt = None, progress: ProgressOpt = None, lang: LangOpt = None,
                   unit: UnitOpt = UnitChoice.t, debug: DebugOpt = False) -> None:
    """One document for the year: status, gaps, next year's adjustment, renewals, tasks,
    charts."""
    _commands().report(_options(plan, progress, fmt, lang, unit), year, _as_of(as_of), output,
                    force, charts and fmt is ReportFormat.html)


def main() -> None:
    """Entry point of the `wuhai` console script."""
    app()
