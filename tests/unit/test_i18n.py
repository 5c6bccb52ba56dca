"""The message catalogue: both languages for every key, the same placeholders, no key missing."""

from __future__ import annotations

import ast
import re
import string
import typing
from pathlib import Path

import pytest

from tests.harness import REPO
from wuhai_green.core.metrics import STATUSES
from wuhai_green.core.problems import Problem
from wuhai_green.show.i18n import LANGS, MESSAGES, MissingMessage, default_lang, t
from wuhai_green.show.problems import message as problem_message
from wuhai_green.show.render.to_terminal import STYLES

SOURCE = REPO / "src" / "wuhai_green"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_zh_and_en_with_the_same_placeholders(key: str) -> None:
    texts = MESSAGES[key]
    assert len(texts) == len(LANGS) == 2
    zh, en = texts
    assert zh.strip() and en.strip()
    # The parser's and pydantic's own (English) words are shown in English only; in
    # Chinese, with --debug (issue 10 §3).
    english_only = {"problem", "detail"}
    assert placeholders(zh) - english_only == placeholders(en) - english_only
    assert placeholders(zh) & english_only == set()


def test_chinese_texts_are_chinese() -> None:
    """A catch for swapped pairs: the zh text of a sentence has a CJK character."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    sentences = {key: zh for key, (zh, en) in MESSAGES.items() if len(en.split()) >= 4}
    assert sentences
    assert [key for key, zh in sentences.items() if not cjk.search(zh)] == []


def test_t_fills_in_and_picks_the_language() -> None:
    assert t("plan.milestone_outside", "zh", year=2029, start=2024, end=2028) == \
        "节点年份 2029 不在规划期 2024-2028 内"
    assert t("plan.milestone_outside", "en", year=2029, start=2024, end=2028) == \
        "milestone year 2029 lies outside the period 2024-2028"


def test_unknown_key_is_shown_as_itself_with_a_warning_that_tests_turn_into_an_error() -> None:
    with pytest.warns(MissingMessage, match="no.such_key"):
        assert t("no.such_key", "en") == "no.such_key"


@pytest.mark.parametrize("lang", LANGS)
def test_a_parameter_named_key_is_filled_in(lang: typing.Literal["zh", "en"]) -> None:
    """yaml.duplicate_key, schema.unknown_key and schema.unknown_key_hint all use {key}
    (once a TypeError: t(key, lang, **params) got `key` twice)."""
    problem = Problem("f.yaml", 3, 1, "yaml.duplicate_key", {"key": "year"})
    assert "year" in problem_message(problem, lang)


@pytest.mark.parametrize(("setting", "expected"), [("en", "en"), ("EN", "en"), ("en_US.UTF-8", "en"),
                                                   ("zh", "zh"), ("fr", "zh"), ("", "zh")])
def test_default_lang_from_the_environment(monkeypatch: pytest.MonkeyPatch, setting: str,
                                           expected: str) -> None:
    monkeypatch.setenv("WUHAI_LANG", setting)
    assert default_lang() == expected


def test_default_lang_without_the_variable_is_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WUHAI_LANG", raising=False)
    assert default_lang() == "zh"


# --- every key the code uses is in the catalogue -------------------------------------


def string_constants(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_every_literal_message_key_in_the_code_exists() -> None:
    """Strings such as "plan.sum_mismatch" in src/ (file names like "plan.yaml" aside)."""
    prefixes = {key.split(".")[0] for key in MESSAGES}
    key_like = re.compile(r"([a-z_]+)\.([a-z_]+)")
    used = {
        text
        for path in SOURCE.rglob("*.py") if path.name != "i18n.py"
        for text in string_constants(path)
        if (match := key_like.fullmatch(text)) and match[1] in prefixes
        and match[2] not in {"yaml", "yml", "json", "csv", "md", "txt", "py"}
    }
    assert len(used) > 20  # the scan finds the keys at all
    assert sorted(used - set(MESSAGES)) == []


def test_every_field_error_has_a_message() -> None:
    """fields.py raises PydanticCustomError("wuhai_x", ...); validation maps it to "field.x"."""
    tree = ast.parse((SOURCE / "model" / "fields.py").read_text(encoding="utf-8"))
    kinds = {call.args[0].value for call in ast.walk(tree)
             if isinstance(call, ast.Call)
             and getattr(call.func, "id", "") in ("PydanticCustomError", "_refused")
             and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)}
    assert "wuhai_number" in kinds
    keys = {"field." + str(kind).removeprefix("wuhai_") for kind in kinds}
    assert sorted(keys - set(MESSAGES)) == []


def test_status_band_and_goal_words_exist() -> None:
    assert {f"status.{status}" for status in STATUSES} <= set(MESSAGES)
    assert set(STATUSES) <= set(STYLES)  # every status has its colour
    assert {"goal.met", "goal.not_met", "severity.warning", "severity.note"} <= set(MESSAGES)


def test_every_key_built_from_a_code_exists() -> None:
    """Keys made at run time ("activity." + kind, "status." + status, "help.cmd." + name,
    …) have a message for every value their code can take."""
    import typer.main

    from wuhai_green.cli import app
    from wuhai_green.core.checklist import COUNTED, SUPERVISED, BrandPlanStatus
    from wuhai_green.core.history import Reported
    from wuhai_green.core.metrics import GoalResult
    from wuhai_green.core.problems import Severity
    from wuhai_green.show.views.tasks import BRAND_STYLE

    built = {f"activity.{kind}" for kind in (*COUNTED, *SUPERVISED)}
    built |= {f"brand_plan.{status}" for status in typing.get_args(BrandPlanStatus)}
    built |= {f"goal.{status}" for status in typing.get_args(
        typing.get_type_hints(GoalResult)["status"])}
    built |= {f"severity.{level}" for level in typing.get_args(Severity)}
    built |= {f"{prefix}.{state}" for state in typing.get_args(Reported)
              for prefix in ("reporting", "colour.reporting")}
    built |= {f"colour.status.{status}" for status in STATUSES}
    built |= {f"colour.brand_plan.{status}" for status, style in BRAND_STYLE.items() if style}
    command = typer.main.get_command(app)
    built |= {command.commands[name].help or "" for name in command.commands}  # type: ignore[attr-defined]
    assert len(built) > 20
    assert sorted(built - set(MESSAGES)) == []


def test_every_message_is_used() -> None:
    """A catalogue entry no code asks for is dead text (a translator keeps it up for
    nothing): each key is written in the source, or begins with a prefix the source adds a
    value to ("status." + status, f"kind.{kind}")."""
    import pathlib
    import re

    import wuhai_green

    root = pathlib.Path(wuhai_green.__file__).parent
    source = "\n".join(path.read_text(encoding="utf-8") for path in root.rglob("*.py")
                       if path.name != "i18n.py")
    prefixes = tuple(re.findall(r"""["']([a-z_]+(?:\.[a-z_]+)*\.)["']\s*\+""", source)
                     + re.findall(r"""f["']([a-z_]+(?:\.[a-z_]+)*\.)\{""", source))
    unused = [key for key in MESSAGES
              if f'"{key}"' not in source and f"'{key}'" not in source
              and not key.startswith(prefixes)]
    assert unused == []
