"""JSON for machines, with exact decimals (the shapes are in the README).

Strings are exact data: a control character, a bidi control or the undecodable byte of a
file name is written as a JSON escape (`show.escape.json_safe`), never raw.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any, Protocol, TextIO

from wuhai_green.core.numbers import plain
from wuhai_green.show.escape import json_safe
from wuhai_green.show.page import Page
from wuhai_green.show.problems import as_json
from wuhai_green.show.render.base import CheckReport, Output, ProblemReport, Renderer
from wuhai_green.show.views.changes import check_document


class _Pieces(Protocol):
    def append(self, piece: str, /) -> None: ...


def to_json(value: Any, indent: int = 2) -> str:
    """JSON in which a Decimal is written as its exact digits (json can't, without floats):
    the text of `json.dumps(value, indent=indent, ensure_ascii=False)` through `json_safe`,
    made in one pass with the pieces joined once (a problem of validate costs a few µs)."""
    parts: list[str] = []
    _encode(value, indent, 0, parts)
    return "".join(parts)


class _Written:
    """Pieces written to a stream a few thousand at a time."""

    def __init__(self, write: Callable[[str], object]) -> None:
        self.pieces: list[str] = []
        self.write = write

    def append(self, piece: str, /) -> None:
        self.pieces.append(piece)
        if len(self.pieces) >= 4096:
            self.flush()

    def flush(self) -> None:
        self.write("".join(self.pieces))
        self.pieces.clear()


def write_json(value: Any, stream: TextIO, indent: int = 2) -> None:
    """`to_json(value)` and a newline, written to `stream` as they are made: the document
    of a national data set (32,000 problems, ~7 MB) is never held as text, in pieces or
    whole, beside the values it is made of."""
    written = _Written(stream.write)
    _encode(value, indent, 0, written)
    written.append("\n")
    written.flush()


def _string(text: str) -> str:
    """A JSON string as `json.dumps(text, ensure_ascii=False)` writes it, through `json_safe`
    (every character `json_safe` escapes is one `isprintable` refuses: most text skips it)."""
    encoded = encode_basestring(text)
    return encoded if text.isprintable() else json_safe(encoded)


def _constant(value: bool | None) -> str:
    return "null" if value is None else "true" if value else "false"


# The values written as they are, by exact type (a subclass takes the general way below).
_LEAVES: dict[type, Callable[[Any], str]] = {
    str: _string, int: int.__repr__, Decimal: plain, bool: _constant, type(None): _constant}


def _encode(value: Any, indent: int, level: int, parts: _Pieces) -> None:
    leaf = _LEAVES.get(type(value))
    if leaf is not None:
        parts.append(leaf(value))
    elif isinstance(value, Decimal):
        parts.append(plain(value))
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = "\n" + " " * indent * (level + 1)
        separator = "{" + inner
        for key, item in value.items():
            leaf = _LEAVES.get(type(item))
            if leaf is not None:
                parts.append(f"{separator}{_string(str(key))}: {leaf(item)}")
            else:
                parts.append(f"{separator}{_string(str(key))}: ")
                _encode(item, indent, level + 1, parts)
            separator = "," + inner
        parts.append("\n" + " " * indent * level + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = "\n" + " " * indent * (level + 1)
        separator = "[" + inner
        for item in value:
            leaf = _LEAVES.get(type(item))
            if leaf is not None:
                parts.append(separator + leaf(item))
            else:
                parts.append(separator)
                _encode(item, indent, level + 1, parts)
            separator = "," + inner
        parts.append("\n" + " " * indent * level + "]")
    else:
        parts.append(json_safe(json.dumps(value, ensure_ascii=False)))


class Json(Renderer):
    name = "json"
    machine = True

    def page(self, page: Page, output: Output) -> None:
        write_json(page.data, output.stdout)

    def problems(self, report: ProblemReport, output: Output) -> None:
        problems, lang = report.problems, output.lang
        document = {"schema": report.schema, "ok": report.ok,
                    "errors": [as_json(p, lang) for p in problems if p.severity == "error"],
                    "warnings": [as_json(p, lang) for p in problems if p.severity != "error"],
                    **report.extra}
        write_json(document, output.stdout)

    def check(self, report: CheckReport, output: Output) -> None:
        document = check_document(report.query, report.result, report.warnings, report.show)
        write_json(document, output.stdout)


RENDERER = Json()
