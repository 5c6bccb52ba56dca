"""Problems are data: every fault in an input file becomes a `Problem` with its place.

Loading collects problems and raises one `DataError` carrying all of them, so a user
fixes a file in one pass. The words of a problem are chosen by the `show` layer from its
`key` and `params`; nothing here knows a language.
"""

from __future__ import annotations

import errno
import sys
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter
from typing import Any, Literal

from wuhai_green.model.marks import PathKey, Source

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One fault (or warning, or note) at a place in a file.

    `key` names a message of the catalogue; `params` fill it in.
    """

    file: str
    line: int | None
    column: int | None
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = "error"
    cell: str | None = None  # in a spreadsheet: `sheet!C5` (line and column: its row and column)

    @classmethod
    def at(cls, source: Source, path: PathKey, key: str, /, *, at_key: bool = False,
           severity: Severity = "error", **params: Any) -> Problem:
        """A problem at the value of `path` in a file (or at its key)."""
        where = source.key_mark(path) if at_key else source.mark(path)
        return cls(source.file, where.line, where.column, key, params, severity)

    def where(self) -> str:
        if self.cell is not None:
            return f"{self.file}:{self.cell}"
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"

    def sort_key(self) -> tuple[str, int, int]:
        if self.key == MORE_PROBLEMS:  # the count of those not listed comes after them
            return (self.file, sys.maxsize, 0)
        return (self.file, self.line or 0, self.column or 0)


# At most this many problems of one file are listed (its errors first, then in file order);
# the rest are counted in one more problem ("… and N more problems in this file"): a file of
# a hundred thousand bad values is mended from its first screen, and none of the rest is
# made into a message.
MAX_PROBLEMS_PER_FILE = 50
MORE_PROBLEMS = "problems.more"


def capped(problems: list[Problem], limit: int = MAX_PROBLEMS_PER_FILE) -> list[Problem]:
    """`problems` by place, at most `limit` of each file, a file with more followed by one
    problem counting the rest exactly (`count`, and `errors` among them; as grave as the
    gravest of them). The errors of a file are listed before its warnings and notes take a
    place, so that an error is never hidden behind them. Capped again, the counts stay
    exact: an earlier count is added to, not counted as one problem."""
    ordered = sorted(problems, key=Problem.sort_key)
    if len(ordered) <= limit:
        return ordered
    result: list[Problem] = []
    for file, group in groupby(ordered, key=attrgetter("file")):
        found = list(group)
        counts = [problem for problem in found if problem.key == MORE_PROBLEMS]
        single = [problem for problem in found if problem.key != MORE_PROBLEMS]
        # a stable sort: the errors first, each kind in file order
        chosen = {id(problem) for problem in
                  sorted(single, key=lambda problem: problem.severity != "error")[:limit]}
        result += [problem for problem in single if id(problem) in chosen]
        rest = [problem for problem in single if id(problem) not in chosen]
        more = len(rest) + sum(problem.params["count"] for problem in counts)
        if more:
            errors = (sum(problem.severity == "error" for problem in rest)
                      + sum(problem.params["errors"] for problem in counts))
            severities = {problem.severity for problem in (*rest, *counts)}
            severity: Severity = next(level for level in ("error", "warning", "note")
                                      if level in severities)
            result.append(Problem(file, None, None, MORE_PROBLEMS,
                                  {"count": more, "errors": errors}, severity))
    return result


def error_count(problems: list[Problem]) -> int:
    """How many errors the problems hold, those a count stands for included."""
    return sum(problem.params["errors"] if problem.key == MORE_PROBLEMS else 1
               for problem in problems if problem.severity == "error")


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == "error"]


class WuhaiError(Exception):
    """Base of every error the CLI reports to a user without a traceback."""


class DataError(WuhaiError):
    """Bad input data: one or more problems, all reported together (exit 2)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = capped(problems)
        super().__init__(f"{len(self.problems)} problem(s)")

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)


class UsageError(WuhaiError):
    """A bad option or argument (exit 2); carries a catalogue key."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)


# What went wrong writing a file, by the OS's error number: each its own message in the
# catalogue ("cannot write FILE: permission denied"); any other number shows the OS's words.
WRITE_FAULTS: dict[int, str] = {
    errno.EACCES: "write.denied",
    errno.EPERM: "write.denied",
    errno.EROFS: "write.read_only",
    errno.ENOSPC: "write.no_space",
    getattr(errno, "EDQUOT", errno.ENOSPC): "write.no_space",
    errno.EFBIG: "write.too_big",
    errno.ENAMETOOLONG: "write.name_too_long",
    errno.ENOENT: "write.no_folder",
    errno.ENOTDIR: "write.not_a_folder",
    errno.EISDIR: "write.is_dir",
    errno.ELOOP: "write.link_loop",
    errno.EBADF: "write.closed",
    errno.EIO: "write.io",
}


def cannot_write(path: object, error: OSError) -> UsageError:
    """The error (exit 2) for a file, or standard output, that the OS would not let us
    write: "cannot write FILE: reason"."""
    key = WRITE_FAULTS.get(error.errno or 0)
    if key is not None:
        return UsageError(key, path=path)
    return UsageError("write.failed", path=path, reason=error.strerror or str(error))


def raise_if_errors(problems: list[Problem]) -> None:
    if errors_in(problems):
        raise DataError(problems)
