"""The command line's own words: help pages and usage errors in the chosen language.

The language comes from `--lang` anywhere on the command line (it must be known before
`--help`, which click handles first), else `$WUHAI_LANG`, else Chinese. Help texts are
catalogue keys; the pages are laid out here with widths that count a Chinese character
as two columns, so nothing is cut or truncated.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Sequence
from enum import Enum
from typing import Any

from typer._click import Context, HelpFormatter
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import Abort

from wuhai_green.show.escape import visible
from wuhai_green.show.i18n import Lang, default_lang, t

LANG_KEY = "wuhai.lang"
ARGS_KEY = "wuhai.args"


def scanned_lang(args: Sequence[str]) -> Lang:
    """The language asked for on a command line: the last `--lang X` or `--lang=X`."""
    chosen: str | None = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            chosen = args[index + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    if chosen in ("zh", "en"):
        return "zh" if chosen == "zh" else "en"
    return default_lang()


def lang_of(ctx: Context | None) -> Lang:
    found = ctx.meta.get(LANG_KEY) if ctx is not None else None
    return found if found in ("zh", "en") else default_lang()


# --- text that counts a Chinese character as two columns ---------------------------------


def width_of(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


# A Chinese character (with an opening bracket before it and closing punctuation after it,
# which never start or end a line), a word, or spaces.
# Compiled when a help page is first wrapped (re caches it): compiling its classes of
# Chinese characters is 2 % of what `wuhai status` executes (issue 18).
_OPEN, _CLOSE = "（《「『【“‘", "，。；：、）》」』】”’！？"
_TOKENS = (rf"[{_OPEN}]*[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef][{_CLOSE}]*"
           r"|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+"
           r"|\s+")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns, broken at spaces or between Chinese characters;
    a word longer than the line stays whole."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for token in re.findall(_TOKENS, paragraph):
            if token.isspace():
                line += " " if line and not line.endswith(" ") else ""
                continue
            if line.strip() and width_of(line + token) > width:
                lines.append(line.rstrip())
                line = ""
            line += token
        lines.append(line.rstrip())
    return lines


def columns(rows: list[tuple[str, str]], width: int, indent: int = 2) -> str:
    """Two columns: a name and its text, the text wrapped beside it (or below a long name)."""
    first = min(max((width_of(name) for name, _ in rows), default=0), 30)
    out = []
    for name, text in rows:
        text_width = max(width - indent - first - 2, 20)
        lines = wrap(text, text_width) if text else [""]
        if width_of(name) > first:
            out.append(" " * indent + name)
            pad = " " * (indent + first + 2)
            out += [pad + line for line in lines if line or len(lines) == 1]
            continue
        gap = " " * (first - width_of(name) + 2)
        out.append(" " * indent + name + gap + lines[0])
        out += [" " * (indent + first + 2) + line for line in lines[1:]]
    return "\n".join(line.rstrip() for line in out) + "\n"


# --- help pages -----------------------------------------------------------------------------


def _default_text(param: Any) -> str | None:
    default = param.default
    if getattr(param, "is_flag", False):
        if param.secondary_opts and isinstance(default, bool):
            chosen = param.opts[0] if default else param.secondary_opts[0]
            return str(chosen).lstrip("-")
        return None
    if default is None or getattr(param, "required", False):
        return None
    return str(default.value if isinstance(default, Enum) else default)


def _option_rows(command: Any, ctx: Context, lang: Lang) -> list[tuple[str, str]]:
    rows = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        name = record[0]
        if param.name == "help":
            rows.append((name, t("help.opt.help", lang)))
            continue
        text = t(param.help, lang) if param.help else ""
        extra = []
        default = _default_text(param)
        if default is not None and param.param_type_name == "option":
            extra.append(t("help.default", lang, value=default))
        if getattr(param, "required", False):
            extra.append(t("help.required", lang))
        if extra:
            text = f"{text}  [{'; '.join(extra)}]"
        rows.append((name, text))
    return rows


def _page_width(formatter: HelpFormatter) -> int:
    return max(formatter.width, 50)


def _head(item: Any, ctx: Context, lang: Lang, width: int) -> list[str]:
    """The usage line, then the command's (or the group's) description, wrapped."""
    parts = [usage_line(ctx, lang), ""]
    if item.help:
        parts += ["\n".join("  " + line for line in wrap(t(item.help, lang), width - 2)), ""]
    return parts


def command_page(command: Any, ctx: Context, formatter: HelpFormatter) -> str:
    lang = lang_of(ctx)
    width = _page_width(formatter)
    parts = _head(command, ctx, lang, width)
    arguments = [row for row, param in zip(_option_rows(command, ctx, lang),
                                           [p for p in command.get_params(ctx)
                                            if p.get_help_record(ctx) is not None], strict=True)
                 if param.param_type_name == "argument"]
    options = [row for row in _option_rows(command, ctx, lang) if row not in arguments]
    if arguments:
        parts += [t("help.arguments", lang), columns(arguments, width)]
    parts += [t("help.options", lang), columns(options, width)]
    return "\n".join(parts).rstrip("\n") + "\n"


def group_page(group: Any, ctx: Context, formatter: HelpFormatter) -> str:
    lang = lang_of(ctx)
    width = _page_width(formatter)
    parts = _head(group, ctx, lang, width)
    parts += [t("help.options", lang), columns(_option_rows(group, ctx, lang), width)]
    commands = [(name, t(command.help, lang)) for name, command in group.commands.items()
                if not command.hidden]
    parts += [t("help.commands", lang), columns(commands, width)]
    return "\n".join(parts).rstrip("\n") + "\n"


# --- usage errors -----------------------------------------------------------------------------


class NoSuchCommand(UsageError):
    def __init__(self, name: str, suggestions: list[str], ctx: Context) -> None:
        super().__init__(f"No such command {name!r}.", ctx)
        self.name = name
        self.suggestions = suggestions


def _given(ctx: Context | None, param: Any) -> str | None:
    """The value given on the command line for an option (the last one), if any."""
    args: list[str] = list(ctx.meta.get(ARGS_KEY, [])) if ctx is not None else []
    found = None
    for index, arg in enumerate(args):
        for opt in param.opts:
            if arg == opt and index + 1 < len(args):
                found = args[index + 1]
            elif arg.startswith(opt + "="):
                found = arg.split("=", 1)[1]
    return found


def _metavar(param: Any, ctx: Context | None) -> str:
    if ctx is None:
        return ""
    record = param.get_help_record(ctx)
    match = re.search(r"<([^>]*)>", record[0]) if record else None
    return match.group(1) if match else ""


def _param_name(param: Any) -> str:
    return str(param.opts[0]) if param.param_type_name == "option" else str(param.name).upper()


def error_message(error: ClickException, lang: Lang) -> str:
    """A usage error in the user's language, from what the error knows."""
    ctx = getattr(error, "ctx", None)
    if isinstance(error, NoSuchCommand):
        text = t("usage.no_such_command", lang, name=error.name)
        if error.suggestions:
            text += t("usage.did_you_mean", lang, names=", ".join(error.suggestions))
        return text
    if isinstance(error, NoSuchOption):
        text = t("usage.no_such_option", lang, name=error.option_name)
        if error.possibilities:
            text += t("usage.did_you_mean", lang, names=", ".join(sorted(error.possibilities)))
        return text
    if isinstance(error, MissingParameter) and error.param is not None:
        key = "usage.missing_option" if error.param.param_type_name == "option" \
            else "usage.missing_argument"
        return t(key, lang, name=_param_name(error.param))
    if isinstance(error, BadParameter) and error.param is not None:
        name, value = _param_name(error.param), _given(ctx, error.param)
        metavar = _metavar(error.param, ctx)
        if "|" in metavar:
            return t("usage.bad_choice", lang, name=name, value=value or "",
                     choices=", ".join(metavar.split("|")))
        if metavar == "int":
            return t("usage.bad_integer", lang, name=name, value=value or "")
        return t("usage.bad_value", lang, name=name, value=value or "")
    if isinstance(error, BadOptionUsage):
        return t("usage.needs_value", lang, name=error.option_name)
    extra = re.search(r"unexpected extra argument\S* \((.*)\)", error.message)
    if extra:
        return t("usage.extra_arguments", lang, args=extra.group(1))
    if error.message.startswith("Missing command"):
        return t("usage.missing_command", lang)
    return t("usage.other", lang)


def usage_line(ctx: Context, lang: Lang) -> str:
    pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
    pieces = pieces.replace("[OPTIONS]", t("help.options_metavar", lang)).replace(
        "COMMAND [ARGS]...", t("help.command_metavar", lang))
    return f"{t('help.usage', lang)}{ctx.command_path} {pieces}".rstrip()


def show_error(error: ClickException, lang: Lang) -> None:
    ctx = getattr(error, "ctx", None)
    if isinstance(error, NoArgsIsHelpError):
        print(error.format_message(), file=sys.stderr)
        return
    lines = []
    if ctx is not None:
        lines.append(usage_line(ctx, lang))
        lines.append(t("usage.hint", lang, command=f"{ctx.command_path} --help"))
        lines.append("")
    lines.append(t("usage.error", lang, message=visible(error_message(error, lang))))
    print("\n".join(lines), file=sys.stderr)


# --- the command classes ------------------------------------------------------------------


class WuhaiCommand(TyperCommand):
    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write(command_page(self, ctx, formatter))


class WuhaiGroup(TyperGroup):
    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        ctx.meta[LANG_KEY] = scanned_lang(args)
        ctx.meta[ARGS_KEY] = list(args)
        return super().parse_args(ctx, args)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write(group_page(self, ctx, formatter))

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if args and self.get_command(ctx, name) is None and not name.startswith("-"):
            from difflib import get_close_matches

            raise NoSuchCommand(name, get_close_matches(name, list(self.commands)), ctx)
        return super().resolve_command(ctx, args)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        lang = scanned_lang(sys.argv[1:] if args is None else list(args))
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False,
                                  windows_expand_args=windows_expand_args, **extra)
        except ClickException as error:
            if not standalone_mode:
                raise
            show_error(error, lang)
            sys.exit(error.exit_code)
        except Abort:
            if not standalone_mode:
                raise
            print(t("usage.aborted", lang), file=sys.stderr)
            sys.exit(1)
        if standalone_mode:
            sys.exit(result if isinstance(result, int) else 0)
        return result
