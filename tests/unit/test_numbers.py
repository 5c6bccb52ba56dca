"""`core.numbers` and the bound of `model.fields` (issue 11 §3): a figure of any size is
rounded for a table or JSON without an error, and the bound counts digits as a person does."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from tests.harness import examples
from wuhai_green.core.numbers import for_json, percent, plain, shown
from wuhai_green.model.fields import (
    beyond_bound,
    digits_of,
    parse_date,
    parse_decimal,
    parse_text,
)

# A ratio of the largest achievement the bound allows to the smallest expected amount it
# allows (a target of 0.000001 in a unit of 0.000001 t, a day into the year): about 10^30.
HUGE_RATIO = Decimal("999999999999999999") / (Decimal("0.000000000001") / 366)


def test_a_figure_longer_than_the_context_is_rounded_not_refused() -> None:
    assert len(HUGE_RATIO.as_tuple().digits) == 28
    assert percent(HUGE_RATIO) == "36599999999999999963400000000000000%"
    assert shown(Decimal("1234567890123456789012345678.95"), 1) == "1234567890123456789012345679"
    assert plain(Decimal("1234567890123456789012345678901234567890")) \
        == "1234567890123456789012345678901234567890"
    assert for_json(Decimal("12345678901234567890123456.1234567")) == Decimal(
        "12345678901234567890123456.123457")


@settings(max_examples=examples(100))
@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**40, max_value=10**40),
       st.integers(0, 6))
def test_rounding_never_fails_and_keeps_every_digit_it_shows(value: Decimal, places: int) -> None:
    text = shown(value, places)
    assert abs(Decimal(text) - value) <= Decimal(1).scaleb(-places) / 2
    assert abs(for_json(value) - value) <= Decimal("0.0000005")


@pytest.mark.parametrize(("written", "whole", "places", "verdict"), [
    ("0", 0, 0, None),
    ("0.000", 0, 0, None),
    ("120", 3, 0, None),
    ("1.50", 1, 1, None),
    ("0.0052", 0, 4, None),
    ("1E+3", 4, 0, None),
    ("999999999999.999999", 12, 6, None),
    ("1000000000000", 13, 0, "too_large"),
    ("0.0000001", 0, 7, "too_precise"),
    ("1.2345670000", 1, 6, None),
    ("1234567890123.5", 13, 1, "too_large"),
])
def test_digits_are_counted_as_written_without_trailing_zeros(
        written: str, whole: int, places: int, verdict: str | None) -> None:
    assert digits_of(Decimal(written)) == (whole, places)
    assert beyond_bound(Decimal(written)) == verdict


def test_a_value_written_alike_in_many_entries_is_one_object_and_keeps_how_it_is_written(
) -> None:
    """Shared objects (issue 18: ~20 MB less at 100k) must not merge values that differ in
    how they are written: 10 and 10.0 show differently."""
    assert parse_decimal("10") is parse_decimal(" 10 ")
    assert str(parse_decimal("10.0")) == "10.0" and str(parse_decimal("10")) == "10"
    assert parse_date("2025-03-01") is parse_date("2025-03-01 ")
    assert parse_text("牛奶") is parse_text(" 牛奶")
    long = "9" * 12 + "." + "1" * 6 + "0" * 60  # beyond the shared length, and in bounds
    assert parse_decimal(long) == Decimal("9" * 12 + "." + "1" * 6)
    assert parse_decimal(long) is not parse_decimal(long)
    with pytest.raises(PydanticCustomError, match="too large"):
        parse_decimal("1" * 13)  # refused again from the shared number
    with pytest.raises(PydanticCustomError, match="too large"):
        parse_decimal("1" * 13)
