"""Decimal formatting for people and for machines (never through a binary float)."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, getcontext, localcontext

JSON_PLACES = 6  # interpolated and pro-rata figures do not terminate; JSON keeps 6 places


def plain(value: Decimal) -> str:
    """The shortest exact text of a decimal, without an exponent: 100.00 → 100."""
    digits = len(value.as_tuple().digits)
    if digits <= getcontext().prec:
        normal = value.normalize()
    else:  # normalize() rounds to the context: give it every digit the value has
        with localcontext() as context:
            context.prec = digits
            normal = value.normalize()
    text = f"{normal:f}"
    return "0" if text in ("-0", "") else text


def _quantized(value: Decimal, places: int, rounding: str) -> Decimal:
    """`value` to `places` decimal places. A figure the data bound (model/fields.py) lets
    through can still be long: a ratio of the largest achievement to the smallest expected
    amount has some 35 digits, more than the context's 28, where quantize() would fail; it
    gets a context as long as its result."""
    exponent = Decimal(1).scaleb(-places)
    needed = value.adjusted() + places + 2
    if needed <= getcontext().prec:
        return value.quantize(exponent, rounding=rounding)
    with localcontext() as context:
        context.prec = needed
        return value.quantize(exponent, rounding=rounding)


def rounded(value: Decimal, places: int) -> Decimal:
    return _quantized(value, places, ROUND_HALF_UP)


def for_json(value: Decimal) -> Decimal:
    """Exact where the value has at most 6 decimal places, else rounded half-even to 6."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -JSON_PLACES:
        return value
    return _quantized(value, JSON_PLACES, ROUND_HALF_EVEN)


def shown(value: Decimal, places: int) -> str:
    """For a table: rounded to `places` and without trailing zeros, with thousands kept plain."""
    return plain(rounded(value, places))


def percent(ratio: Decimal) -> str:
    return f"{plain(rounded(ratio * 100, 1))}%"
