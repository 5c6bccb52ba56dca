"""The words of a problem: its message in a language, as `file:line:col: message` text or
as the error object of the JSON documents."""

from __future__ import annotations

from typing import Any

from wuhai_green.core.problems import Problem
from wuhai_green.show.i18n import Lang, t


def message(problem: Problem, lang: Lang) -> str:
    return t(problem.key, lang, **problem.params)


def text(problem: Problem, lang: Lang, *, debug: bool = False) -> str:
    """`file:line:col: message`, with the severity when it is not an error. With `debug`,
    a Chinese message is followed by the YAML parser's own (English) words, if any."""
    prefix = "" if problem.severity == "error" else f"{t('severity.' + problem.severity, lang)}: "
    detail = problem.params.get("problem") if debug and lang == "zh" else None
    suffix = f" [{detail}]" if detail else ""
    return f"{problem.where()}: {prefix}{message(problem, lang)}{suffix}"


def as_json(problem: Problem, lang: Lang) -> dict[str, Any]:
    """The error object of validate, check and their JSON: file, line, column, message."""
    return {"file": problem.file, "line": problem.line, "column": problem.column,
            "severity": problem.severity, "message": message(problem, lang)}


