"""JSON for machines, with exact decimals (the shapes are in the README).

Strings are exact data: a control character, a bidi control or the undecodable byte of a
file name is written as a JSON escape (`show.escape.json_safe`), never raw.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from wuhai_green.core.numbers import plain
from wuhai_green.show.escape import json_safe
from wuhai_green.show.page import Page
from wuhai_green.show.problems import as_json
from wuhai_green.show.render.base import CheckReport, Output, ProblemReport, Renderer
from wuhai_green.show.views.changes import check_document


def to_json(value: Any, indent: int = 2) -> str:
    """JSON in which a Decimal is written as its exact digits (json can't, without floats)."""
    return json_safe(_encode(value, indent, 0))


def _encode(value: Any, indent: int, level: int) -> str:
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        pad, inner = " " * indent * level, " " * indent * (level + 1)
        items = [f"{inner}{json.dumps(str(key), ensure_ascii=False)}: "
                 f"{_encode(item, indent, level + 1)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        pad, inner = " " * indent * level, " " * indent * (level + 1)
        return "[\n" + ",\n".join(inner + _encode(item, indent, level + 1) for item in value) \
            + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


class Json(Renderer):
    name = "json"
    machine = True

    def page(self, page: Page, output: Output) -> None:
        output.stdout.write(to_json(page.data) + "\n")

    def problems(self, report: ProblemReport, output: Output) -> None:
        problems, lang = report.problems, output.lang
        document = {"schema": report.schema, "ok": report.ok,
                    "errors": [as_json(p, lang) for p in problems if p.severity == "error"],
                    "warnings": [as_json(p, lang) for p in problems if p.severity != "error"],
                    **report.extra}
        output.stdout.write(to_json(document) + "\n")

    def check(self, report: CheckReport, output: Output) -> None:
        document = check_document(report.query, report.result, report.warnings, report.show)
        output.stdout.write(to_json(document) + "\n")


RENDERER = Json()
