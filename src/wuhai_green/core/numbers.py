"""Decimal formatting for people and for machines (never through a binary float)."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

JSON_PLACES = 6  # interpolated and pro-rata figures do not terminate; JSON keeps 6 places


def plain(value: Decimal) -> str:
    """The shortest exact text of a decimal, without an exponent: 100.00 → 100."""
    text = f"{value.normalize():f}"
    return "0" if text in ("-0", "") else text


def rounded(value: Decimal, places: int) -> Decimal:
    exponent = Decimal(1).scaleb(-places)
    return value.quantize(exponent, rounding=ROUND_HALF_UP)


def for_json(value: Decimal) -> Decimal:
    """Exact where the value has at most 6 decimal places, else rounded half-even to 6."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -JSON_PLACES:
        return value
    return value.quantize(Decimal(1).scaleb(-JSON_PLACES), rounding=ROUND_HALF_EVEN)


def shown(value: Decimal, places: int) -> str:
    """For a table: rounded to `places` and without trailing zeros, with thousands kept plain."""
    return plain(rounded(value, places))


def percent(ratio: Decimal) -> str:
    return f"{plain(rounded(ratio * 100, 1))}%"
