"""Typing slips of an input method, each at its own line and column (issue 10 §3)."""

from __future__ import annotations

import pytest

from tests.harness import DataError, Problem
from wuhai_green.load.reading import parse_yaml
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
