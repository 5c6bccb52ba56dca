"""The command line: parse options, call one function per command, map errors to exit codes.

No arithmetic and no file reading here; see `commands` for what each command does. The
options every command shares are declared once (`SHARED`) and added to each command by
`command()`, which also maps errors to the exit codes of the contract.
"""

from __future__ import annotations

import copy
import functools
import inspect
import signal
import sys
from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any

import typer

from wuhai_green import __version__
from wuhai_green.cli.pages import WuhaiCommand, WuhaiGroup, lang_of
from wuhai_green.core.problems import DataError, UsageError
from wuhai_green.show.i18n import Lang, default_lang, t
from wuhai_green.show.render import Kind, formats_for

# Help texts are catalogue keys: the pages (cli/pages.py) show them in the chosen language.
app = typer.Typer(
    name="wuhai",
    cls=WuhaiGroup,
    help="help.app",
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

YearOpt = Annotated[int | None, typer.Option("--year", help="help.opt.year")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="help.opt.as_of")]
DistrictOpt = Annotated[str | None, typer.Option("--district", help="help.opt.district")]
ForceOpt = Annotated[bool, typer.Option("--force", help="help.opt.force")]


# --- the options every command shares ---------------------------------------------------


@functools.cache
def _opt(kind: Any, *declarations: str, help: str) -> Any:
    """An option's annotation, made once for all the commands that take it: building a
    `typing.Annotated` is costly, and 13 commands take about 10 shared options each."""
    return Annotated[kind, typer.Option(*declarations, help=help)]


def _shared(kind: Kind | None, *, tonnes: bool, borders: bool, own_force: bool,
            cached: bool = False) -> list[inspect.Parameter]:
    """--plan, --progress, --format, -o and --force, --lang, --unit, --ascii and --debug, as
    a command of this kind takes them (no --format without output, no --ascii without
    tables, -o for the commands that print a page of tables or the report, --force beside
    it unless the command has its own)."""
    def option(name: str, annotation: Any, default: Any) -> inspect.Parameter:
        return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                 annotation=annotation)

    found = [
        option("plan", _opt(Path | None, "--plan", help="help.opt.plan"), None),
        option("progress", _opt(Path | None, "--progress", help="help.opt.progress"), None),
    ]
    if kind is not None:
        choices = FORMATS[kind]
        found.append(option("fmt", _opt(choices, "--format", help="help.opt.format"),
                            choices("markdown" if kind == "report" else "table")))
    if kind in ("page", "report"):
        output_help = "help.opt.output" if kind == "report" else "help.opt.output_page"
        found.append(option("output", _opt(Path | None, "--output", "-o", help=output_help),
                            None))
        if not own_force:
            found.append(option("force", ForceOpt, False))
    found.append(option("lang", _opt(LangChoice | None, "--lang", help="help.opt.lang"), None))
    unit_help = "help.opt.unit" if tonnes else "help.opt.unit_quiet"
    found.append(option("unit", _opt(UnitChoice, "--unit", help=unit_help), UnitChoice.t))
    if borders:
        found.append(option("ascii_borders", _opt(bool, "--ascii", help="help.opt.ascii"),
                            False))
    if cached:
        found.append(option("cache_dir", _opt(Path | None, "--cache-dir",
                                              help="help.opt.cache_dir"), None))
        found.append(option("no_cache", _opt(bool, "--no-cache", help="help.opt.no_cache"),
                            False))
    found.append(option("debug", _opt(bool, "--debug", help="help.opt.debug"), False))
    return found


def _commands() -> ModuleType:
    """The commands, imported on first use: `wuhai --help` builds no model and loads no rich."""
    from wuhai_green import commands

    return commands


def _lang(choice: LangChoice | None) -> Lang:
    return "en" if choice is LangChoice.en else "zh" if choice is LangChoice.zh else default_lang()


def command(name: str, kind: Kind | None = None, *, tonnes: bool = True, borders: bool = True,
            cached: bool = False) -> Callable[[Callable[..., int | None]], Callable[..., None]]:
    """Register a command taking the shared options; its function receives `options` and
    returns an exit code (or None for 0). Errors map to the exit codes of the contract:
    bad data and usage 2, an internal error 3 (a traceback only with --debug). A `cached`
    command reads the register of the progress folder: --cache-dir and --no-cache."""
    def register(function: Callable[..., int | None]) -> Callable[..., None]:
        own = [p for p in inspect.signature(function, eval_str=True).parameters.values()
               if p.name != "options"]
        own_force = any(p.name == "force" for p in own)
        shared = _shared(kind, tonnes=tonnes, borders=borders, own_force=own_force,
                         cached=cached)

        @functools.wraps(function)
        def run(ctx: typer.Context, **kwargs: Any) -> None:
            # --lang of the command, else --lang anywhere on the line (`wuhai --lang en status`)
            given = kwargs.pop("lang")
            lang = _lang(given) if given is not None else lang_of(ctx)
            debug = kwargs.pop("debug")
            fmt = kwargs.pop("fmt", None)
            fmt_name = "table" if fmt is None or fmt.value == "text" else fmt.value
            settings = (kwargs.pop("plan"), kwargs.pop("progress"), fmt_name, lang,
                        kwargs.pop("unit").value, kwargs.pop("ascii_borders", False), debug)
            written = ((kwargs.pop("output"), kwargs["force"] if own_force
                        else kwargs.pop("force")) if kind in ("page", "report") else (None, False))
            caching = (kwargs.pop("cache_dir", None), kwargs.pop("no_cache", True))
            # stdout and stderr guarded for the whole run, messages of errors included
            with _commands().guarded_output(lang):
                code = _run_guarded(function, (*settings, *written, *caching), kwargs, lang,
                                    debug)
            raise typer.Exit(code)

        context = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                    annotation=typer.Context)
        parameters = [context, *own, *shared]
        run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        app.command(name, cls=WuhaiCommand, help=f"help.cmd.{name}")(run)
        return run

    return register


def _run_guarded(function: Callable[..., int | None], settings: tuple[Any, ...],
                 kwargs: dict[str, Any], lang: Lang, debug: bool) -> int:
    """Run a command; its exit code, or that of the error it raised."""
    commands = _commands()
    try:
        options = commands.Options.build(*settings)
        code = function(options=options, **kwargs)
        commands.flush_output()  # a full disk behind stdout shows here, while we can say so
    except DataError as error:
        commands.report_problems(error.problems, lang, debug=debug)
        return 2
    except UsageError as error:
        commands.report_message(t(error.key, lang, **error.params))
        return 2
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as error:
        if debug:
            raise
        commands.report_message(t("cli.internal", lang, error=f"{type(error).__name__}:"
                                  f" {error}"))
        return 3
    return code or 0


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
                                          help="help.opt.version")] = False,
    lang: Annotated[LangChoice | None, typer.Option("--lang", help="help.opt.lang")] = None,
) -> None:
    """The options before any command: `--version`, and `--lang` (read from the whole
    command line, so `wuhai --lang en status` speaks English)."""


# --- the commands -------------------------------------------------------------------------


@command("plan", "page")
def plan_command(*, options: Any) -> None:
    """Show the plan: goals, districts, baselines, targets, tasks, measures, experts."""
    _commands().show_plan(options)


@command("validate", "problems", tonnes=False, cached=True)
def validate_command(*, options: Any) -> int:
    """Check the plan and every progress file; exit 2 with every problem found."""
    code: int = _commands().validate(options)
    return code


@command("status", "page", cached=True)
def status_command(year: YearOpt = None, as_of: AsOfOpt = None, district: DistrictOpt = None,
                   explain: Annotated[bool, typer.Option("--explain",
                                                         help="help.opt.explain")] = False,
                   targets: Annotated[Path | None, typer.Option(
                       "--targets", help="help.opt.targets")] = None, *, options: Any) -> None:
    """Where each district and the city stand against the plan's cumulative targets."""
    _commands().status(options, _asked(year, as_of, district), explain, targets)


@command("gap", "page", cached=True)
def gap_command(district: DistrictOpt = None, year: YearOpt = None, as_of: AsOfOpt = None, *,
                options: Any) -> None:
    """What is still to be added for every milestone ahead, and how much a year."""
    _commands().gap(options, _asked(year, as_of, district))


@command("new", tonnes=False, borders=False)
def new_command(year: Annotated[int, typer.Option("--year", help="help.opt.year_new")],
                district: Annotated[str, typer.Option("--district", help="help.opt.district_new")],
                force: ForceOpt = False, *, options: Any) -> None:
    """Write a commented template progress file for a year and district."""
    _commands().new_report(options, year, district, force)


@command("import", tonnes=False, borders=False)
def import_command(source: Annotated[Path, typer.Argument(help="help.opt.import_file")],
                   year: Annotated[int, typer.Option("--year", help="help.opt.year_import")],
                   district: Annotated[str | None, typer.Option(
                       "--district", help="help.opt.district_import")] = None,
                   sheet: Annotated[str | None, typer.Option(
                       "--sheet", help="help.opt.sheet")] = None,
                   output: Annotated[Path | None, typer.Option(
                       "--output", "-o", help="help.opt.output_import")] = None,
                   force: ForceOpt = False,
                   columns: Annotated[list[str] | None, typer.Option(
                       "--columns", help="help.opt.columns", metavar="<field=header>")] = None,
                   kind: Annotated[str | None, typer.Option(
                       "--type", help="help.opt.type_import")] = None, *,
                   options: Any) -> None:
    """Make a register kept in a spreadsheet (.xlsx or .csv) a checked progress file."""
    commands = _commands()
    commands.import_register(options, commands.ImportAsked(
        source, year, district, sheet, output, force, tuple(columns or ()), kind))


@command("adjust", "page", cached=True)
def adjust_command(year: Annotated[int | None, typer.Option(
                       "--year", help="help.opt.year_adjust")] = None,
                   district: DistrictOpt = None,
                   write: Annotated[Path | None, typer.Option(
                       "--write", help="help.opt.write")] = None,
                   force: ForceOpt = False, *, options: Any) -> None:
    """Next year's targets adjusted for what was achieved and what lapses (note 2 of 附件2)."""
    _commands().adjust(options, year, district, write, force)


@command("expiring", "page", cached=True)
def expiring_command(within: Annotated[str, typer.Option(
                         "--within", help="help.opt.within")] = "6m",
                     as_of: AsOfOpt = None, district: DistrictOpt = None, *,
                     options: Any) -> None:
    """The renewal calendar: certificates lapsing in the window with no renewal on file."""
    _commands().expiring(options, within, _asked(None, as_of, district))


@command("check", "check", cached=True)
def check_command(year: YearOpt = None, as_of: AsOfOpt = None,
                  fail_on: Annotated[FailOn, typer.Option(
                      "--fail-on", help="help.opt.fail_on")
                  ] = FailOn.behind,
                  changed_since: Annotated[str | None, typer.Option(
                      "--changed-since", help="help.opt.changed_since")] = None, *,
                  options: Any) -> int:
    """For CI: validate everything, then exit 1 when a row is at or below --fail-on."""
    code: int = _commands().check(options, _asked(year, as_of), fail_on.value, changed_since)
    return code


@command("diff", "page", cached=True)
def diff_command(base_ref: Annotated[str, typer.Argument(help="help.opt.base_ref")],
                 year: YearOpt = None, as_of: AsOfOpt = None, *, options: Any) -> None:
    """What a change does to the figures: status before and after, for the rows that moved."""
    _commands().diff(options, base_ref, _asked(year, as_of))


@command("init", tonnes=False, borders=False)
def init_command(folder: Annotated[Path, typer.Argument(help="help.opt.init_folder")],
                 tool_repo: Annotated[str | None, typer.Option(
                     "--tool-repo", help="help.opt.tool_repo")] = None,
                 force: Annotated[bool, typer.Option("--force", help="help.opt.force_init")
                                  ] = False, *, options: Any) -> None:
    """A new data repository: the plan, the progress folder, CI that installs this version
    of the tool, pre-commit, READMEs; `git init` if needed."""
    _commands().init(options, folder, tool_repo, force)


@command("tasks", "page", tonnes=False, cached=True)
def tasks_command(year: YearOpt = None, district: DistrictOpt = None, *, options: Any) -> None:
    """The plan's tasks and measures as a checklist per district: brand plan, meetings,
    expos, agreements, sampling."""
    _commands().tasks(options, _asked(year, None, district))


@command("report", "report", borders=False, cached=True)
def report_command(year: YearOpt = None, as_of: AsOfOpt = None,
                   charts: Annotated[bool, typer.Option(
                       "--charts/--no-charts", help="help.opt.charts")] = True, *,
                   options: Any) -> None:
    """One document for the year: status, gaps, next year's adjustment, renewals, tasks,
    charts."""
    _commands().report(options, _asked(year, as_of), charts and options.fmt == "html")


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app with only the command a line names (after `--lang X` at most): typer builds
    the options of every registered command before it parses a line, 4 % of what
    `wuhai status` executes (issue 18). A line about the app itself (`--help`, `--version`,
    no command, a misspelt one) gets the whole app, so its pages and errors stay whole."""
    index = 0
    while index < len(args) and (args[index] == "--lang" or args[index].startswith("--lang=")):
        index += 2 if args[index] == "--lang" else 1
    name = args[index] if index < len(args) else None
    chosen = [info for info in app.registered_commands if name is not None and info.name == name]
    if not chosen:
        return app
    only = copy.copy(app)
    only.registered_commands = chosen
    return only


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def main() -> None:
    """Entry point of the `wuhai` console script.

    SIGTERM (a CI job cancelled, `kill`) and SIGHUP (the terminal closed) end the command
    the way Ctrl-C does: as an exception, so every `finally` runs and the temporary folder
    of `diff` (a copy of the data) or a half-written temporary file is removed; the exit
    code is 128 + the signal's number, as the shell reports a process the signal killed.
    """
    from wuhai_green.show.render.encoding import tolerate

    tolerate(sys.stdout)  # a glyph the terminal's encoding lacks must not end the command
    tolerate(sys.stderr)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    app_for(sys.argv[1:])()
