"""What every renderer is given, and the interface each implements for what it can show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TextIO

from wuhai_green.core.problems import Problem
from wuhai_green.core.query import Query
from wuhai_green.core.rows import CheckResult
from wuhai_green.show.display import Display
from wuhai_green.show.i18n import Lang
from wuhai_green.show.page import Page

if TYPE_CHECKING:
    from wuhai_green.show.report import Report


@dataclass(frozen=True)
class Output:
    """Where a command writes: data and tables to `stdout`, messages for people to `stderr`
    when stdout carries machine output."""

    stdout: TextIO
    stderr: TextIO
    lang: Lang
    ascii_borders: bool = False
    debug: bool = False  # a Chinese message followed by the parser's own words
    save: Callable[[bytes], None] | None = None  # writes a binary document to the file of -o
    root: Path | None = None  # the repository's root, for formats that name files from it


@dataclass(frozen=True)
class ProblemReport:
    """The problems of `validate` (or of `check` on bad data), with the document's frame."""

    problems: list[Problem]
    ok: bool
    schema: str = "wuhai-green/validate@1"
    extra: dict[str, Any] = field(default_factory=dict)
    check: bool = False  # the bad data of `wuhai check`: CI formats say why the check failed


@dataclass(frozen=True)
class CheckReport:
    """What `wuhai check` found, and how it was asked."""

    query: Query
    result: CheckResult
    warnings: list[Problem]
    fail_on: str
    show: Display
    compared_with: str | None = None  # the revision of --changed-since, when it was compared


class Renderer:
    """One output format. A renderer implements what it can show; the command line offers a
    format for a command only where its renderer shows that command's kind of output."""

    name: ClassVar[str]
    machine: ClassVar[bool] = False  # stdout carries data: messages for people go to stderr
    binary: ClassVar[bool] = False  # a file, not text: written through `Output.save` (-o)
    in_repository: ClassVar[bool] = False  # names files relative to the repository's root (CI)

    def page(self, page: Page, output: Output) -> None:
        raise NotImplementedError

    def problems(self, report: ProblemReport, output: Output) -> None:
        raise NotImplementedError

    def check(self, report: CheckReport, output: Output) -> None:
        raise NotImplementedError

    def report(self, document: Report, output: Output) -> str | bytes:
        raise NotImplementedError
