"""Docs that cannot rot: every command has help text and is in the README, with the exit codes."""

from __future__ import annotations

import re

import pytest
import typer.main

from tests.harness import REPO, app
from wuhai_green.show.i18n import t

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]

# Known gaps, each a strict xfail so the mark must go when the gap is closed.
NOT_IN_README: dict[str, str] = {}
NO_OPTION_HELP: dict[str, str] = {}


def commands_with(gaps: dict[str, str]) -> list[object]:
    return [pytest.param(name, marks=[pytest.mark.xfail(reason=gaps[name], strict=True)])
            if name in gaps else name for name in sorted(COMMANDS)]


def test_the_app_has_the_commands_of_the_first_issue() -> None:
    assert {"plan", "validate", "status", "gap", "new"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help_text_in_both_languages(name: str) -> None:
    """The help is a catalogue key: a sentence in English and one in Chinese."""
    key = COMMANDS[name].help or ""
    assert len(t(key, "en").split()) >= 4, key
    assert len(t(key, "zh")) >= 10 and t(key, "zh") != t(key, "en")


@pytest.mark.parametrize("name", commands_with(NOT_IN_README))
def test_command_is_in_the_readme(name: str) -> None:
    assert f"`wuhai {name}" in README


@pytest.mark.parametrize("name", commands_with(NO_OPTION_HELP))
def test_every_option_has_help_text(name: str) -> None:
    missing = [param.name for param in COMMANDS[name].params
               if param.param_type_name == "option" and not getattr(param, "help", None)]
    assert missing == []
    for param in COMMANDS[name].params:  # each help is a key the catalogue has, in both
        if getattr(param, "help", None):
            assert t(param.help, "zh") != t(param.help, "en")


def exit_code_table() -> dict[int, str]:
    section = README.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(code): meaning.strip()
            for code, meaning in re.findall(r"^\|\s*(\d+)\s*\|(.+)\|\s*$", section, re.MULTILINE)}


def test_readme_exit_code_table_lists_0_to_3() -> None:
    table = exit_code_table()
    assert sorted(table) == [0, 1, 2, 3]
    assert "bad input" in table[2]
    assert "--debug" in table[3]
