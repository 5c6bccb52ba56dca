"""`show.escape`: what a control character from a file looks like in every text output, and
that JSON keeps the exact data (issue 12 §2)."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.harness import examples
from wuhai_green.show.escape import json_safe, visible
from wuhai_green.show.render.to_csv import csv_text, to_csv
from wuhai_green.show.render.to_json import to_json
from wuhai_green.show.render.to_markdown import md_cell, md_code


@pytest.mark.parametrize(("text", "shown"), [
    ("\x1b[31mred", "\\x1b[31mred"),                       # ESC: colours
    ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),            # OSC: the window title, BEL
    ("a\x9b2Jb", "a\\x9b2Jb"),                              # C1 CSI: a one-character ESC[
    ("a\x00b\x7fc", "a\\x00b\\x7fc"),                       # NUL, DEL
    ("line\nnext\rover\ttab", "line\\nnext\\rover\\ttab"),  # breaks and tabs by name
    ("abc\u202edef", "abc\\u202edef"),                      # RLO (Trojan Source)
    ("\u2066x\u2069\u200f\u061c", "\\u2066x\\u2069\\u200f\\u061c"),  # isolates and marks
    ("a\u2028b\u2029c", "a\\u2028b\\u2029c"),              # line and paragraph separators
    ("2025-\udcba\udca3.yaml", "2025-\\xba\\xa3.yaml"),     # the bytes of a GBK file name
    ("\ud800", "\\ud800"),                                  # any other lone surrogate
    ("海南区 LB-1 (x) [y] 100% é ﬁ", "海南区 LB-1 (x) [y] 100% é ﬁ"),  # text stays as it is
])
def test_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


ACTED_ON = {*range(0x20), *range(0x7F, 0xA0), *range(0xD800, 0xE000), *range(0x202A, 0x202F),
            *range(0x2066, 0x206A), 0x061C, 0x200E, 0x200F, 0x2028, 0x2029}


@settings(max_examples=examples(200), deadline=None)
@given(st.text())
def test_visible_leaves_nothing_a_terminal_acts_on(text: str) -> None:
    """Whatever the text, its visible form holds no control character, no bidi control,
    no line separator and no surrogate; text without them is unchanged."""
    shown = visible(text)
    assert [char for char in shown if ord(char) in ACTED_ON] == []
    if not any(ord(char) in ACTED_ON for char in text):
        assert shown == text


def test_every_character_shown_as_an_escape_is_looked_for() -> None:
    """`visible` returns text as it is when `isprintable` finds nothing to escape."""
    assert [code for code in range(0x110000) if visible(chr(code)) != chr(code)] == sorted(
        ACTED_ON)


@pytest.mark.parametrize("text", ["\x1b[2J", "\x9b", "\u202e", "a\u2028b", "\x7f", "é\n海"])
def test_json_escapes_them_and_keeps_the_data(text: str) -> None:
    encoded = to_json({"holder": text})
    assert json.loads(encoded) == {"holder": text}  # the exact data
    assert not [char for char in encoded if (ord(char) < 0x20 and char not in "\n")
                or 0x7F <= ord(char) < 0xA0 or char in "\u202e\u2028"]


def test_json_writes_an_undecodable_name_as_escapes_python_reads_back() -> None:
    name = "2025-\udcba\udca3.yaml"
    encoded = to_json({"file": name})
    assert '"2025-\\udcba\\udca3.yaml"' in encoded
    assert json.loads(encoded)["file"] == name
    assert json_safe('"\u202e"') == '"\\u202e"'


# --- CSV: never a formula ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "cell"), [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\\t=1"), ("\r=1", "'\\r=1"),
    ("LB-1", "LB-1"), ("海南区=1", "海南区=1"), ("", ""),
])
def test_csv_text_is_never_a_formula(text: str, cell: str) -> None:
    assert csv_text(text) == cell


def test_csv_numbers_stay_numbers() -> None:
    from decimal import Decimal

    rows = [{"holder": "=1+1", "gap": Decimal("-5"), "count": -3, "product": "-", "none": None,
             "ids": ["-A", "B"]}]
    assert to_csv(rows) == ("holder,gap,count,product,none,ids\n"
                            "'=1+1,-5,-3,'-,,'-A B\n")


# --- markdown: no link, no image, no HTML, no code span broken out of ------------------------


@pytest.mark.parametrize(("text", "cell"), [
    ("[click](http://evil)", "\\[click\\]\\(http://evil\\)"),
    ("![x](http://evil/x.png)", "\\!\\[x\\]\\(http://evil/x.png\\)"),
    ("a|b", "a\\|b"), ("<script>&", "&lt;script&gt;&amp;"), ("back\\slash", "back\\\\slash"),
    ("\x1b[31m", "\\\\x1b\\[31m"),
])
def test_md_cell(text: str, cell: str) -> None:
    assert md_cell(text) == cell


@pytest.mark.parametrize(("text", "code"), [
    ("data/progress/a.yaml:3:1", "`data/progress/a.yaml:3:1`"),
    ("a`b.yaml", "``a`b.yaml``"),
    ("`x``", "``` `x`` ```"),
    ("a\x1b.yaml", "`a\\x1b.yaml`"),
])
def test_md_code_cannot_be_closed_from_inside(text: str, code: str) -> None:
    assert md_code(text) == code


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet=st.sampled_from("`a \x1b海")) | st.text())
def test_md_code_fence_is_one_longer_than_any_run_of_backticks(text: str) -> None:
    """With or without a backtick in the text (the quick way of issue 18 takes text without
    one): the fence is one backtick more than the longest run, padded when the text starts
    or ends with one."""
    shown = visible(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", shown)), default=0) + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    assert md_code(text) == f"{fence}{pad}{shown}{pad}{fence}"


@settings(max_examples=examples(200), deadline=None)
@given(st.text())
def test_md_cell_never_opens_a_link(text: str) -> None:
    """Every `[ ] ( ) ! |` of a cell is escaped (preceded by an odd run of backslashes), and
    no `<` or `>` is left."""
    cell = md_cell(text)
    assert "<" not in cell and ">" not in cell
    assert [index for index, char in enumerate(cell)
            if char in "[]()!|" and _backslashes_before(cell, index) % 2 == 0] == []


def _backslashes_before(cell: str, index: int) -> int:
    run = 0
    while index - run - 1 >= 0 and cell[index - run - 1] == "\\":
        run += 1
    return run
