"""The command line: parse options, call one function per command, map errors to exit codes.

No arithmetic and no file reading here; see `commands` for what each command does. The
options every command shares are declared once (`SHARED`) and added to each command by
`command()`, which also maps errors to the exit codes of the contract.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any

import typer

from wuhai_green import __version__
from wuhai_green.core.problems import DataError, UsageError
from wuhai_green.show.i18n import Lang, default_lang, t
from wuhai_green.show.render import Kind, formats_for

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


class FailOn(StrEnum):
    behind = "behind"
    at_risk = "at_risk"
    never = "never"


def _format_choices(kind: Kind) -> type[StrEnum]:
    """The formats whose renderer shows this kind of output; `text` is `table` for CI."""
    names = formats_for(kind)
    if "github" in names:
        names.insert(1, "text")
    enum: type[StrEnum] = StrEnum(f"{kind.title()}Format",  # type: ignore[misc]
                                  {name: name for name in names})
    return enum


FORMATS: dict[Kind, type[StrEnum]] = {kind: _format_choices(kind)
                                      for kind in ("page", "problems", "check", "report")}

YearOpt = Annotated[int | None, typer.Option("--year", help="Year (default: the current year).")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Take the figures on this date "
                                             "(YYYY-MM-DD).")]
DistrictOpt = Annotated[str | None, typer.Option("--district", help="One district (Chinese name "
                                                 "or pinyin alias).")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]


# --- the options every command shares ---------------------------------------------------


def _shared(kind: Kind | None, *, tonnes: bool, borders: bool) -> list[inspect.Parameter]:
    """--plan, --progress, --format, --lang, --unit, --ascii and --debug, as a command of
    this kind takes them (no --format without output, no --ascii without tables)."""
    def option(name: str, annotation: Any, default: Any) -> inspect.Parameter:
        return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                 annotation=annotation)

    found = [
        option("plan", Annotated[Path | None, typer.Option(
            "--plan", help="Plan file (default: $WUHAI_PLAN, ./data/plan.yaml, then the "
            "shipped plan).")], None),
        option("progress", Annotated[Path | None, typer.Option(
            "--progress", help="Folder of progress reports (default: $WUHAI_PROGRESS, "
            "./data/progress).")], None),
    ]
    if kind is not None:
        choices = FORMATS[kind]
        found.append(option("fmt", Annotated[choices, typer.Option(
            "--format", help="Output format.")], choices("markdown" if kind == "report"
                                                           else "table")))
    found.append(option("lang", Annotated[LangChoice | None, typer.Option(
        "--lang", help="Language (default zh, or $WUHAI_LANG).")], None))
    unit_help = ("Unit for tonnes in tables (JSON is always tonnes)." if tonnes
                 else "Unit for tonnes (nothing in tonnes is shown here).")
    found.append(option("unit", Annotated[UnitChoice, typer.Option("--unit", help=unit_help)],
                        UnitChoice.t))
    if borders:
        found.append(option("ascii_borders", Annotated[bool, typer.Option(
            "--ascii", help="ASCII table borders.")], False))
    found.append(option("debug", Annotated[bool, typer.Option(
        "--debug", help="Show a traceback on internal errors.")], False))
    return found


def _commands() -> ModuleType:
    """The commands, imported on first use: `wuhai --help` builds no model and loads no rich."""
    from wuhai_green import commands

    return commands


def _lang(choice: LangChoice | None) -> Lang:
    return "en" if choice is LangChoice.en else "zh" if choice is LangChoice.zh else default_lang()


def command(name: str, kind: Kind | None = None, *, tonnes: bool = True, borders: bool = True
            ) -> Callable[[Callable[..., int | None]], Callable[..., None]]:
    """Register a command taking the shared options; its function receives `options` and
    returns an exit code (or None for 0). Errors map to the exit codes of the contract:
    bad data and usage 2, an internal error 3 (a traceback only with --debug)."""
    def register(function: Callable[..., int | None]) -> Callable[..., None]:
        own = [p for p in inspect.signature(function, eval_str=True).parameters.values()
               if p.name != "options"]
        shared = _shared(kind, tonnes=tonnes, borders=borders)

        @functools.wraps(function)
        def run(**kwargs: Any) -> None:
            lang = _lang(kwargs.pop("lang"))
            debug = kwargs.pop("debug")
            fmt = kwargs.pop("fmt", None)
            fmt_name = "table" if fmt is None or fmt.value == "text" else fmt.value
            settings = (kwargs.pop("plan"), kwargs.pop("progress"), fmt_name, lang,
                        kwargs.pop("unit").value, kwargs.pop("ascii_borders", False))
            try:
                options = _commands().Options.build(*settings)
                code = function(options=options, **kwargs)
            except DataError as error:
                _commands().report_problems(error.problems, lang)
                raise typer.Exit(2) from None
            except UsageError as error:
                _commands().report_message(t(error.key, lang, **error.params))
                raise typer.Exit(2) from None
            except (typer.Exit, typer.Abort, KeyboardInterrupt):
                raise
            except Exception as error:
                if debug:
                    raise
                _commands().report_message(t("cli.internal", lang, error=f"{type(error).__name__}:"
                                             f" {error}"))
                raise typer.Exit(3) from None
            raise typer.Exit(code or 0)

        parameters = [*own, *shared]
        run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        app.command(name)(run)
        return run

    return register


def _asked(year: int | None, as_of: str | None, district: str | None = None) -> Any:
    """Which figures the options ask for (an `Asked` of the commands)."""
    date_asked = None
    if as_of is not None:
        try:
            date_asked = date.fromisoformat(as_of)
        except ValueError:
            raise UsageError("cli.bad_date", value=as_of) from None
    return _commands().Asked(year, date_asked, district)


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


# --- the commands -------------------------------------------------------------------------


@command("plan", "page")
def plan_command(*, options: Any) -> None:
    """Show the plan: goals, districts, baselines, targets, tasks, measures, experts."""
    _commands().show_plan(options)


@command("validate", "problems", tonnes=False)
def validate_command(*, options: Any) -> int:
    """Check the plan and every progress file; exit 2 with every problem found."""
    code: int = _commands().validate(options)
    return code


@command("status", "page")
def status_command(year: YearOpt = None, as_of: AsOfOpt = None, district: DistrictOpt = None,
                   explain: Annotated[bool, typer.Option("--explain", help="List the certificates "
                                                         "behind each figure.")] = False,
                   targets: Annotated[Path | None, typer.Option(
                       "--targets", help="Track against adjusted targets written by "
                       "`wuhai adjust --write`.")] = None, *, options: Any) -> None:
    """Where each district and the city stand against the plan's cumulative targets."""
    _commands().status(options, _asked(year, as_of, district), explain, targets)


@command("gap", "page")
def gap_command(district: DistrictOpt = None, year: YearOpt = None, as_of: AsOfOpt = None, *,
                options: Any) -> None:
    """What is still to be added for every milestone ahead, and how much a year."""
    _commands().gap(options, _asked(year, as_of, district))


@command("new", tonnes=False, borders=False)
def new_command(year: Annotated[int, typer.Option("--year", help="The reporting year.")],
                district: Annotated[str, typer.Option("--district", help="The district.")],
                force: ForceOpt = False, *, options: Any) -> None:
    """Write a commented template progress file for a year and district."""
    _commands().new_report(options, year, district, force)


@command("adjust", "page")
def adjust_command(year: Annotated[int | None, typer.Option(
                       "--year", help="The year being planned (default: the current year); "
                       "from the data up to 31 Dec of the year before.")] = None,
                   district: DistrictOpt = None,
                   write: Annotated[Path | None, typer.Option(
                       "--write", help="Save the adjusted targets as YAML for "
                       "`wuhai status --targets`.")] = None,
                   force: ForceOpt = False, *, options: Any) -> None:
    """Next year's targets adjusted for what was achieved and what lapses (note 2 of 附件2)."""
    _commands().adjust(options, year, district, write, force)


@command("expiring", "page")
def expiring_command(within: Annotated[str, typer.Option(
                         "--within", help="Window from --as-of: 6m, 90d, 2w, 1y.")] = "6m",
                     as_of: AsOfOpt = None, district: DistrictOpt = None, *,
                     options: Any) -> None:
    """The renewal calendar: certificates lapsing in the window with no renewal on file."""
    _commands().expiring(options, within, _asked(None, as_of, district))


@command("check", "check")
def check_command(year: YearOpt = None, as_of: AsOfOpt = None,
                  fail_on: Annotated[FailOn, typer.Option(
                      "--fail-on", help="Exit 1 when a row is at or below this status.")
                  ] = FailOn.behind,
                  changed_since: Annotated[str | None, typer.Option(
                      "--changed-since", help="Also show what changed since this git "
                      "revision.")] = None, *, options: Any) -> int:
    """For CI: validate everything, then exit 1 when a row is at or below --fail-on."""
    code: int = _commands().check(options, _asked(year, as_of), fail_on.value, changed_since)
    return code


@command("diff", "page")
def diff_command(base_ref: Annotated[str, typer.Argument(help="The git revision to compare "
                                                         "with, e.g. origin/main.")],
                 year: YearOpt = None, as_of: AsOfOpt = None, *, options: Any) -> None:
    """What a change does to the figures: status before and after, for the rows that moved."""
    _commands().diff(options, base_ref, _asked(year, as_of))


@command("tasks", "page", tonnes=False)
def tasks_command(year: YearOpt = None, district: DistrictOpt = None, *, options: Any) -> None:
    """The plan's tasks and measures as a checklist per district: brand plan, meetings,
    expos, agreements, sampling."""
    _commands().tasks(options, _asked(year, None, district))


@command("report", "report", borders=False)
def report_command(year: YearOpt = None, as_of: AsOfOpt = None,
                   output: Annotated[Path | None, typer.Option(
                       "--output", "-o", help="Write to this file (atomically) instead of "
                       "stdout.")] = None,
                   force: ForceOpt = False,
                   charts: Annotated[bool, typer.Option(
                       "--charts/--no-charts", help="Draw the charts (needs the `report` "
                       "extra).")] = True, *, options: Any) -> None:
    """One document for the year: status, gaps, next year's adjustment, renewals, tasks,
    charts."""
    _commands().report(options, _asked(year, as_of), output, force,
                       charts and options.fmt == "html")


def main() -> None:
    """Entry point of the `wuhai` console script."""
    app()
