"""Problems are data: every fault in an input file becomes a `Problem` with its place.

Loading collects problems and raises one `DataError` carrying all of them, so a user
fixes a file in one pass. The CLI prints them and exits 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from wuhai_green.show.i18n import Lang, t

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Problem:
    """One fault (or warning, or note) at a place in a file.

    `key` names a message of the catalogue in `i18n`; `params` fill it in.
    """

    file: str
    line: int | None
    column: int | None
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = "error"

    def message(self, lang: Lang) -> str:
        return t(self.key, lang, **self.params)

    def where(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"

    def text(self, lang: Lang) -> str:
        """`file:line:col: message`, with the severity when it is not an error."""
        prefix = "" if self.severity == "error" else f"{t('severity.' + self.severity, lang)}: "
        return f"{self.where()}: {prefix}{self.message(lang)}"

    def as_json(self, lang: Lang) -> dict[str, Any]:
        """The error object of validate, check and their JSON (DESIGN: file, line, column,
        message)."""
        return {"file": self.file, "line": self.line, "column": self.column,
                "severity": self.severity, "message": self.message(lang)}

    def sort_key(self) -> tuple[str, int, int]:
        return (self.file, self.line or 0, self.column or 0)


class WuhaiError(Exception):
    """Base of every error the CLI reports to a user without a traceback."""


class DataError(WuhaiError):
    """Bad input data: one or more problems, all reported together (exit 2)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(f"{len(self.problems)} problem(s)")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


class UsageError(WuhaiError):
    """A bad option or argument (exit 2); carries a catalogue key."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, lang: Lang) -> str:
        return t(self.key, lang, **self.params)


def raise_if_errors(problems: list[Problem]) -> None:
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
