"""Safe reading of YAML files (DESIGN §7).

Bytes are decoded explicitly (UTF-16 with BOM, UTF-8, then GB18030 with a warning), then
parsed event by event with libyaml. Building the tree from events lets us refuse anchors
and aliases before anything is expanded, catch duplicate keys, bound the nesting depth,
and note the line and column of every value. Scalars stay text (only plain `true`/`false`
and `null` are resolved, as in YAML 1.2); the models convert numbers and dates.
"""

from __future__ import annotations

import codecs
import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from wuhai_green.core.problems import DataError, Problem

try:  # libyaml's C parser where present: several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

DEFAULT_MAX_FILE_MB = 20
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class Mark(NamedTuple):  # a tuple: cheap to make, one per value of every file
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Located:
    """A parsed file: plain values plus the place of every value and every mapping key."""

    file: str
    value: Any
    marks: dict[PathKey, Mark] = field(default_factory=dict)
    key_marks: dict[PathKey, Mark] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def mark(self, path: PathKey) -> Mark:
        """The place of the value at `path`, or of its longest known prefix."""
        for end in range(len(path), -1, -1):
            found = self.marks.get(path[:end])
            if found is not None:
                return found
        return Mark(1, 1)

    def key_mark(self, path: PathKey) -> Mark:
        return self.key_marks.get(path) or self.mark(path)

    def problem(self, path: PathKey, message: str, /, *, at_key: bool = False,
                **params: Any) -> Problem:
        """A problem at the value of `path` (or at its key), with catalogue key `message`."""
        where = self.key_mark(path) if at_key else self.mark(path)
        return Problem(self.file, where.line, where.column, message, params)


def max_file_bytes() -> int:
    raw = os.environ.get("WUHAI_MAX_FILE_MB", "")
    try:
        megabytes = float(raw) if raw else DEFAULT_MAX_FILE_MB
    except ValueError:
        megabytes = DEFAULT_MAX_FILE_MB
    if not math.isfinite(megabytes) or megabytes <= 0:  # nan, inf, 1e400, 0 or below
        megabytes = DEFAULT_MAX_FILE_MB
    return int(megabytes * 1024 * 1024)


def display_name(path: Path) -> str:
    """The path as a user would type it: relative to the working folder where possible."""
    try:  # the folder resolved, not the file: a link is named by itself, not its target
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside the folder, or a symlink loop
        return str(path)


def read_yaml(path: Path) -> Located:
    """Read one YAML file safely; raise `DataError` with every problem found."""
    name = display_name(path)
    raw = _read_bytes(path, name)
    text, warnings = decode(raw, name)
    located = parse_yaml(text, name)
    located.warnings.extend(warnings)
    return located


def _read_bytes(path: Path, name: str) -> bytes:
    def fail(key: str, /, **params: Any) -> DataError:
        return DataError([Problem(name, None, None, key, params)])

    try:
        if path.is_dir():
            raise fail("read.is_dir")
        if not path.exists():
            raise fail("read.missing") if not path.is_symlink() else fail("read.broken_link")
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO or device would block or never end
            raise fail("read.not_a_file")
        limit = max_file_bytes()
        size = status.st_size
        if size > limit:
            raise fail("read.too_large", size=size, limit=limit)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:  # unreadable, or a symlink loop (ELOOP)
        raise fail("read.os_error", reason=error.strerror or str(error)) from error
    if len(data) > limit:  # grew while we read it
        raise fail("read.too_large", size=len(data), limit=limit)
    return data


def decode(raw: bytes, name: str) -> tuple[str, list[Problem]]:
    """UTF-16 with a BOM, else UTF-8 (BOM or not), else GB18030 with a warning."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError as error:
            problem = Problem(name, None, None, "read.bad_utf16", {"offset": error.start})
            raise DataError([problem]) from None
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as utf8_error:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            line, column = _byte_position(raw, utf8_error.start)
            raise DataError(
                [Problem(name, line, column, "read.undecodable", {"offset": utf8_error.start})]
            ) from None
        warning = Problem(name, None, None, "read.gb18030", severity="warning")
        return text, [warning]


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _text_position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def parse_yaml(text: str, name: str) -> Located:
    """Parse YAML text into plain values with marks; raise `DataError` on any fault."""
    located = Located(name, None)
    try:
        _build(yaml.parse(text, Loader=_Loader), located)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or error.context or "").strip()
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise DataError([Problem(name, line, column, "yaml.syntax", {"problem": problem})]) from None
    except yaml.reader.ReaderError as error:  # a control character the reader refuses
        offset = error.position
        if _Loader is not getattr(yaml, "SafeLoader", None):  # libyaml counts UTF-8 bytes
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        line, column = _text_position(text, offset)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        problem = f"{error.reason}: U+{code:04X}"
        raise DataError([Problem(name, line, column, "yaml.syntax", {"problem": problem})]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(name, None, None, "yaml.syntax", {"problem": str(error)})]) from None
    return located


_SCALAR, _ALIAS, _DOCUMENT = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
_MAPPING, _SEQUENCE = yaml.MappingStartEvent, yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _build(events: Any, located: Located) -> None:
    """Turn a stream of parser events into `located.value`, iteratively (no recursion).

    This loop runs once per value of every file: it dispatches on the exact event class
    and keeps the open container in locals instead of calling a helper per value.
    """
    marks, key_marks = located.marks, located.key_marks
    stack: list[tuple[Any, PathKey, bool]] = []  # the enclosing (container, path, is_list)
    container: Any = None  # the open mapping or list; None before the root
    path: PathKey = ()
    is_list = False
    key: Any = None  # a mapping's pending key and its mark
    key_at: Mark | None = None
    documents = 0

    def refuse(event: Any, message: str, /, **params: Any) -> None:
        start = event.start_mark
        raise DataError([Problem(located.file, start.line + 1, start.column + 1, message, params)])

    for event in events:
        kind = type(event)
        if kind is _SCALAR or kind is _MAPPING or kind is _SEQUENCE:
            if event.anchor is not None:
                refuse(event, "yaml.alias")
            if event.tag is not None and not _implicit(event):
                refuse(event, "yaml.tag", tag=event.tag)
            start = event.start_mark
            mark = Mark(start.line + 1, start.column + 1)
            wants_key = container is not None and not is_list and key_at is None
            if kind is _SCALAR:
                if wants_key:
                    if event.value in container:
                        refuse(event, "yaml.duplicate_key", key=event.value)
                    key, key_at = event.value, mark
                    continue
                value: Any = _scalar(event)
            else:
                if len(stack) >= MAX_DEPTH:
                    refuse(event, "yaml.too_deep", limit=MAX_DEPTH)
                if wants_key:
                    refuse(event, "yaml.complex_key")
                value = {} if kind is _MAPPING else []
            if container is None:
                child: PathKey = ()
                located.value = value
            elif is_list:
                child = (*path, len(container))
                container.append(value)
            else:
                child = (*path, key)
                container[key] = value
                key_marks[child] = key_at  # type: ignore[assignment]
                key_at = None
            marks[child] = mark
            if kind is not _SCALAR:
                stack.append((container, path, is_list))
                container, path, is_list = value, child, kind is _SEQUENCE
        elif kind in _ENDS:
            container, path, is_list = stack.pop()
        elif kind is _ALIAS:
            refuse(event, "yaml.alias")
        elif kind is _DOCUMENT:
            documents += 1
            if documents > 1:
                refuse(event, "yaml.multiple_documents")
    if () not in marks:
        raise DataError([Problem(located.file, None, None, "yaml.empty")])


def _implicit(event: Any) -> bool:
    """Whether a node's tag was left implicit: a tuple for scalars, a bool for collections."""
    implicit = getattr(event, "implicit", True)
    return bool(implicit[0] if isinstance(implicit, tuple) else implicit)


def _scalar(event: Any) -> Any:
    value: str = event.value
    if event.style not in (None, ""):
        return value  # quoted or block scalars are always text
    if value in _NULLS:
        return None
    return _BOOLS.get(value, value)
