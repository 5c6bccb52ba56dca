"""Help and usage errors in the user's language (issue 10 §2): Chinese by default, English
with --lang en or WUHAI_LANG=en; each command's description whole; exit 2 on bad usage."""

from __future__ import annotations

import pytest

from tests.harness import command_names, wuhai
from wuhai_green.show.i18n import t


def flat(text: str) -> str:
    """Help text with its line breaks and indentation taken out (wrapping aside)."""
    return "".join(line.strip() for line in text.splitlines())


def test_main_help_is_chinese_and_shows_every_description_whole() -> None:
    run = wuhai("--help")
    assert run.exit_code == 0
    assert run.stdout.startswith("用法：wuhai [选项] 命令 [参数]...")
    assert "命令：" in run.stdout and "Commands" not in run.stdout
    page = flat(run.stdout).replace(" ", "")
    for name in command_names():
        assert flat(t(f"help.cmd.{name}", "zh")).replace(" ", "") in page, name
    assert "..." not in page.replace("[参数]...", "")


@pytest.mark.parametrize("how", [("--lang", "en"), ("env",)])
def test_help_in_english(how: tuple[str, ...]) -> None:
    args, env = (("--help", *how), None) if how[0] == "--lang" else (("--help",),
                                                                    {"WUHAI_LANG": "en"})
    run = wuhai(*args, env=env)
    assert run.stdout.startswith("Usage: wuhai [OPTIONS] COMMAND [ARGS]...")
    page = flat(run.stdout)
    for name in command_names():
        assert flat(t(f"help.cmd.{name}", "en")).replace(" ", "") in page.replace(" ", "")


@pytest.mark.parametrize("name", command_names())
def test_every_command_help_in_both_languages(name: str) -> None:
    chinese = wuhai(name, "--help")
    english = wuhai(name, "--help", "--lang", "en")
    assert chinese.exit_code == english.exit_code == 0
    assert chinese.stdout.startswith(f"用法：wuhai {name} [选项]")
    assert english.stdout.startswith(f"Usage: wuhai {name} [OPTIONS]")
    assert "选项：" in chinese.stdout and "Options:" in english.stdout
    assert "显示本帮助并退出。" in chinese.stdout
    assert "Show this message and exit." in english.stdout


USAGE = [
    (("stats",), "错误：没有命令“stats”；是否应为：status, tasks？",
     "Error: No such command 'stats'; did you mean: status, tasks?"),
    (("status", "--yaer", "2025"), "错误：没有选项 --yaer；是否应为：--year？",
     "Error: No such option: --yaer; did you mean: --year?"),
    (("new", "--year", "2025"), "错误：缺少必填选项 --district", "Error: Missing option --district"),
    (("diff",), "错误：缺少参数 BASE_REF", "Error: Missing argument BASE_REF"),
    (("status", "--format", "xml"), "错误：--format 的值“xml”无效；应为：table, json, csv, markdown",
     "Error: --format is 'xml'; expected one of: table, json, csv, markdown"),
    (("status", "--year", "abc"), "错误：--year 的值“abc”不是整数",
     "Error: --year is 'abc', not a whole number"),
    (("status", "--year"), "错误：选项 --year 后面需要一个值", "Error: Option --year needs a value"),
    (("status", "extra"), "错误：多余的参数：extra", "Error: Unexpected extra arguments: extra"),
]


@pytest.mark.parametrize(("args", "chinese", "english"), USAGE,
                         ids=[" ".join(case[0]) for case in USAGE])
def test_usage_errors_in_the_chosen_language(args: tuple[str, ...], chinese: str,
                                             english: str) -> None:
    zh = wuhai(*args)
    en = wuhai(*args, env={"WUHAI_LANG": "en"})
    assert zh.exit_code == en.exit_code == 2
    assert zh.stderr.strip().splitlines()[-1] == chinese
    assert en.stderr.strip().splitlines()[-1] == english
    assert zh.stdout == en.stdout == ""


def test_a_usage_error_names_the_command_and_its_help() -> None:
    run = wuhai("status", "--format", "xml")
    assert run.stderr.splitlines()[:2] == ["用法：wuhai status [选项]",
                                           "运行“wuhai status --help”查看帮助。"]


def test_lang_before_the_command_speaks_english_to_the_command() -> None:
    run = wuhai("--lang", "en", "status", "--year", "2099")
    assert run.exit_code == 2
    assert "lies outside" in run.stderr
