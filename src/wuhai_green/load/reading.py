"""Safe reading of YAML files.

The bytes come from `files` (explicitly decoded), then are parsed event by event with
libyaml. Building the tree from events lets us refuse anchors and aliases before anything
is expanded, catch duplicate keys, bound the nesting depth, and note the line and column
of every value. Scalars stay text (only plain `true`/`false` and `null` are resolved, as
in YAML 1.2); the models convert numbers and dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wuhai_green.core.problems import DataError, Problem
from wuhai_green.load.files import decode, display_name, read_bytes
from wuhai_green.load.slips import find_misaligned, find_slips
from wuhai_green.model.marks import Mark, PathKey, Source

try:  # libyaml's C parser where present: several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64

# Whether the model refuses `key` in the mapping at `path`: what stands under such a key
# is skipped, not built (see `_skip`).
Refused = Callable[[PathKey, Any], bool]

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass
class Located(Source):
    """A parsed file: plain values, the place of each (a `Source`), and reading warnings."""

    value: Any = None
    warnings: list[Problem] = field(default_factory=list)

    def problem(self, path: PathKey, key: str, /, *, at_key: bool = False,
                **params: Any) -> Problem:
        """A problem at the value of `path` (or at its key), with catalogue key `key`."""
        return Problem.at(self, path, key, at_key=at_key, **params)


def read_yaml(path: Path, name: str | None = None, refused: Refused | None = None) -> Located:
    """Read one YAML file safely; raise `DataError` with every problem found. Its problems
    and values are placed in `name` (default: the path as a user would type it). A list
    or mapping under a key that `refused` names is not built (its key stays, with null)."""
    name = display_name(path) if name is None else name
    raw = read_bytes(path, name)
    text, warnings = decode(raw, name)
    located = parse_yaml(text, name, refused)
    located.warnings.extend(warnings)
    return located


def _text_position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


# What the parser's own words mean for a person (the message keys of the catalogue); the
# parser's text goes along as `problem`, shown in English and, in Chinese, with --debug.
_REASONS = (
    ("could not find expected ':'", "yaml.expected_colon"),
    ("mapping values are not allowed", "yaml.mapping_here"),
    ("did not find expected key", "yaml.expected_key"),
    ("did not find expected '-' indicator", "yaml.expected_dash"),
    ("expected <block end>", "yaml.expected_key"),
    ("found unexpected end of stream", "yaml.unclosed"),
    ("unknown escape character", "yaml.bad_escape"),
    ("did not find expected node content", "yaml.no_value"),
    ("expected the node content", "yaml.no_value"),
    ("cannot start any token", "yaml.cannot_start"),
    ("did not find expected ',' or ']'", "yaml.flow_list"),
    ("did not find expected ',' or '}'", "yaml.flow_mapping"),
    ("exceeded maximum nesting depth", "yaml.parser_too_deep"),
)


def parse_yaml(text: str, name: str, refused: Refused | None = None) -> Located:
    """Parse YAML text into plain values with marks; raise `DataError` on any fault.

    Typing slips are looked for first and reported where they are; a parser error is
    reported as a misaligned line where one is found near it, else in the user's words.
    """
    slips = find_slips(text, name)
    if slips:
        raise DataError(slips)
    located = Located(name)
    try:
        _build(yaml.parse(text, Loader=_Loader), located, refused)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or error.context or "").strip()
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        misaligned = find_misaligned(text, name, line or 1)
        if misaligned is not None:
            raise DataError([misaligned]) from None
        key = next((key for words, key in _REASONS if words in problem), "yaml.syntax")
        raise DataError([Problem(name, line, column, key, {"problem": problem})]) from None
    except yaml.reader.ReaderError as error:  # a control character the reader refuses
        offset = error.position
        if _Loader is not getattr(yaml, "SafeLoader", None):  # libyaml counts UTF-8 bytes
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        line, column = _text_position(text, offset)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        problem = f"{error.reason}: U+{code:04X}"
        raise DataError([Problem(name, line, column, "yaml.control_character",
                                 {"problem": problem, "code": f"U+{code:04X}"})]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(name, None, None, "yaml.syntax", {"problem": str(error)})]) from None
    return located


_SCALAR, _ALIAS, _DOCUMENT = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
_MAPPING, _SEQUENCE = yaml.MappingStartEvent, yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _build(stream: Any, located: Located, refused: Refused | None = None) -> None:
    """Turn a stream of parser events into `located.value`, iteratively (no recursion).

    This loop runs once per value of every file: it dispatches on the exact event class
    and keeps the open container in locals instead of calling a helper per value.
    """
    events: Iterator[Any] = iter(stream)
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
                if refused is not None and container is not None and not is_list \
                        and refused(path, key):
                    _skip(events)  # a key the model refuses: said once, by its key
                    value, kind = None, _SCALAR
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


def _skip(events: Iterator[Any]) -> None:
    """Consume the events of the list or mapping just opened, to its end, building nothing:
    a 17 MiB list under an unknown key costs its parsing, not a node a value (issue 11 §3).
    Nothing in it is expanded (an alias stays an event) and the parser bounds its depth."""
    depth = 1
    for event in events:
        kind = type(event)
        if kind is _MAPPING or kind is _SEQUENCE:
            depth += 1
        elif kind in _ENDS:
            depth -= 1
            if depth == 0:
                return


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
