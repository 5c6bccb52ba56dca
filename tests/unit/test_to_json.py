"""`to_json` writes, piece by piece, exactly the text of `json.dumps(…, indent=2,
ensure_ascii=False)` through `json_safe`, with each Decimal as its exact digits (issue 18:
the JSON of validate's problems made cheap without a byte of it changed)."""

from __future__ import annotations

import enum
import io
import json
import uuid
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.harness import examples
from wuhai_green.core.numbers import plain
from wuhai_green.show.escape import json_safe
from wuhai_green.show.render.to_json import to_json, write_json


def reference(value: Any, indent: int = 2) -> str:
    """The text to_json gave before issue 18: json.dumps over the whole document, then
    json_safe, with a Decimal in place of a marker string unique to it."""
    decimals: dict[str, Decimal] = {}

    def marked(item: Any) -> Any:
        if isinstance(item, Decimal):
            marker = f"decimal-{uuid.uuid4().hex}"
            decimals[marker] = item
            return marker
        if isinstance(item, dict):
            return {key: marked(inner) for key, inner in item.items()}
        if isinstance(item, (list, tuple)):
            return [marked(inner) for inner in item]
        return item

    text = json_safe(json.dumps(marked(value), indent=indent, ensure_ascii=False))
    for marker, decimal in decimals.items():
        text = text.replace(f'"{marker}"', plain(decimal))
    return text


LEAVES = (st.none() | st.booleans() | st.integers() | st.text()
          | st.floats(allow_nan=False, allow_infinity=False)
          | st.decimals(allow_nan=False, allow_infinity=False, places=6))
TREES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4)
                     | st.tuples(inner, inner)
                     | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20)


@settings(max_examples=examples(300), deadline=None)
@given(TREES)
def test_to_json_is_the_text_of_json_dumps(value: Any) -> None:
    assert to_json(value) == reference(value)


@settings(max_examples=examples(100), deadline=None)
@given(TREES, st.integers(min_value=0, max_value=4))
def test_to_json_keeps_any_indent(value: Any, indent: int) -> None:
    assert to_json(value, indent) == reference(value, indent)


class Colour(enum.IntEnum):
    RED = 1


class Word(enum.StrEnum):
    GREEN = "绿色"


class Amount(Decimal):
    pass


@pytest.mark.parametrize("value", [
    {"severity": Word.GREEN, "count": Colour.RED, "flag": True, "none": None},
    [Amount("1.50"), Decimal("-0"), Decimal("1E+3"), 2.5, float("nan")],
    {"empty": {}, "nothing": [], "pair": ("\u202e", "\x1b[31m"), "name": "2025-\udcba.yaml"},
])
def test_to_json_writes_subclasses_as_before(value: Any) -> None:
    """A subclass of str, int or Decimal goes the general way, as json.dumps writes it."""
    assert to_json(value) == reference(value)


def test_to_json_writes_a_key_as_str_writes_it() -> None:
    """Not as json.dumps would (`true`, `null`): as the old to_json did, str(key)."""
    value = {1: "a", 2.5: "b", None: "c", Word.GREEN: "d", "\u2028": "e"}
    assert to_json(value) == (f'{{\n  "1": "a",\n  "2.5": "b",\n  "None": "c",\n'
                              f'  "{Word.GREEN}": "d",\n  "\\u2028": "e"\n}}')


def test_written_as_made_it_is_the_text_of_to_json_and_a_newline() -> None:
    """A document of 3,000 problems is written in several writes (no write holds it
    whole), which together are `to_json` and a newline; a small one in one write."""
    document = {"schema": "x@1", "ok": False, "errors": [
        {"file": f"报告{n}.yaml", "line": n, "figure": Decimal(n) / 8, "none": None,
         "text": "a\u202eb" if n % 7 == 0 else "乌海"} for n in range(3000)]}
    writes: list[str] = []

    class Counted(io.StringIO):
        def write(self, text: str) -> int:
            writes.append(text)
            return len(text)

    stream = Counted()
    write_json(document, stream)
    assert "".join(writes) == to_json(document) + "\n"
    assert len(writes) > 3 and max(map(len, writes)) < len(to_json(document)) // 2
    writes.clear()
    write_json({"ok": True}, stream)
    assert writes == [to_json({"ok": True}) + "\n"]
