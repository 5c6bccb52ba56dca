"""Typing slips of an input method, each at its own line and column (issue 10 §3)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.harness import DataError, Problem, examples
from wuhai_green.load.reading import parse_yaml
from wuhai_green.load.slips import may_slip, slips_line_by_line
from wuhai_green.show.problems import text

GOOD = """\
year: 2025
district: 海南区
certificates:
  - id: LB-1
    type: green_food
    product: 鸡蛋
    holder: 某合作社，第一分社
    output_tonnes: 120
    issued: 2025-06-15
activities:
  - type: exchange_meeting
    date: 2025-05-20
    title: 交流会：绿色，有机
milestones: [2024, 2025]
"""


def problems_of(text_: str) -> list[tuple[str, int | None, int | None, dict[str, object]]]:
    with pytest.raises(DataError) as caught:
        parse_yaml(text_, "r.yaml")
    return [(p.key, p.line, p.column, p.params) for p in caught.value.problems]


def test_chinese_punctuation_inside_values_is_text() -> None:
    """A holder's name with a Chinese comma, a title with a Chinese colon: no slip."""
    assert parse_yaml(GOOD, "r.yaml").value["activities"][0]["title"] == "交流会：绿色，有机"


SLIPS = [
    ("full-width colon", ("    product: 鸡蛋", "    product：鸡蛋"),
     ("slip.full_width_colon", 6, 12, {"key": "product"})),
    ("full-width comma in a list", ("[2024, 2025]", "[2024，2025]"),
     ("slip.full_width_comma", 14, 18, {"key": "milestones"})),
    ("full-width space in the indentation", ("    holder:", "　  holder:"),
     ("slip.full_width_space", 7, 1, {})),
    ("full-width hyphen as a list marker", ("  - id: LB-1", "  － id: LB-1"),
     ("slip.dash", 4, 3, {"char": "－"})),
    ("em dash as a list marker", ("  - type: exchange", "  — type: exchange"),
     ("slip.dash", 11, 3, {"char": "—"})),
    ("no space after the list marker", ("  - id: LB-1", "  -id: LB-1"),
     ("slip.no_space_after_dash", 4, 4, {})),
    ("tab in the indentation", ("    issued:", "\tissued:"), ("slip.tab", 9, 1, {})),
    ("no space after the colon", ("    product: 鸡蛋", "    product:鸡蛋"),
     ("slip.no_space_after_colon", 6, 13, {"key": "product"})),
    ("a value starting with @", ("    holder: 某合作社，第一分社", "    holder: @某合作社"),
     ("slip.reserved_start", 7, 13, {"key": "holder", "char": "@"})),
    ("a key indented one space too far", ("    output_tonnes:", "     output_tonnes:"),
     ("slip.indent", 8, 6, {"spaces": 5, "expected": 4})),
    ("a key indented one space short", ("    output_tonnes:", "   output_tonnes:"),
     ("slip.indent", 8, 4, {"spaces": 3, "expected": 4})),
]


@pytest.mark.parametrize(("change", "expected"), [case[1:] for case in SLIPS],
                         ids=[case[0] for case in SLIPS])
def test_a_slip_is_found_where_it_is(change: tuple[str, str], expected: tuple[object, ...]
                                     ) -> None:
    assert problems_of(GOOD.replace(*change, 1)) == [expected]


def test_a_slip_in_a_comment_is_not_a_slip() -> None:
    assert parse_yaml(GOOD + "# product：鸡蛋\n", "r.yaml").value["year"] == "2025"


def test_the_parser_in_chinese_keeps_its_english_words_for_debug() -> None:
    broken = GOOD.replace("milestones: [2024, 2025]", "milestones: [2024, 2025")
    (problem,) = _problems(broken)
    assert problem.key == "yaml.flow_list"
    assert "did not find expected" not in text(problem, "zh")
    assert text(problem, "zh", debug=True).endswith("[" + problem.params["problem"] + "]")
    assert "did not find expected" in text(problem, "en")


def _problems(text_: str) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        parse_yaml(text_, "r.yaml")
    return caught.value.problems


# The pieces slips are made of, and of the well-typed lines around them: lines shaped as
# indentation, list marker, key, colon and value, and lines of pieces in any order.
_PIECES = [" ", "  ", "- ", "-", "－", "—", "–", "key", "_k1", ":", ": ", "：", "#", "@", "`",
           "%", "|", ">", "|-", "[", "{", "，", "1", "值", "\t", "\u3000", "\r", "\r\n",
           "\x0b", "\x85", "\u2028", "'", '"']
_SHAPED = st.tuples(
    st.sampled_from(["", "  ", "    ", "\t", "\u3000", " \u3000"]),
    st.sampled_from(["", "- ", "-", "-  ", "－ ", "— ", "–", "-\u3000"]),
    st.sampled_from(["", "id", "_k1", "key", "1"]),
    st.sampled_from(["", " "]),
    st.sampled_from(["", ":", "：", "#", ","]),
    st.sampled_from(["", " ", " x", "x", "1", " @x", "@", " `", " %", " |", "|", " |-", " >",
                     " >x", " [1，2]", " [1, 2]", " {a: 1，b}", "\t1", " #c", "#c", " '：'",
                     " 值：值", " a:b"]),
).map("".join)
_LINES = st.one_of(_SHAPED, st.lists(st.sampled_from(_PIECES), max_size=6).map("".join))


@settings(max_examples=examples(2000))
@given(st.lists(_LINES, max_size=6), st.sampled_from(["\n", "\r\n", "\r"]))
def test_a_text_without_what_slips_are_made_of_has_none(lines: list[str], end: str) -> None:
    """`find_slips` looks at every line only where the text holds something a slip is made
    of: wherever the quick look finds nothing, the look at every line finds nothing either."""
    text_ = end.join(lines)
    assert may_slip(text_) or slips_line_by_line(text_, "r.yaml") == []


@pytest.mark.parametrize("change", [case[1] for case in SLIPS if case[2][0] != "slip.indent"],
                         ids=[case[0] for case in SLIPS if case[2][0] != "slip.indent"])
def test_every_slip_is_found_by_the_quick_look(change: tuple[str, str]) -> None:
    assert may_slip(GOOD.replace(*change, 1))
    assert may_slip(GOOD.replace(*change, 1).replace("\n", "\r\n"))


def test_a_plain_report_is_not_looked_at_line_by_line() -> None:
    """Chinese punctuation inside values, a flow list: looked at line by line (and no slip
    found); a report of plain values is not."""
    plain = GOOD.replace("交流会：绿色，有机", "交流会").replace("milestones: [2024, 2025]\n", "")
    assert not may_slip(plain) and not may_slip(plain.replace("\n", "\r\n"))
    assert may_slip(GOOD)
