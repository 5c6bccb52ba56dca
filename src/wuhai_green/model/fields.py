"""Field types for the models: strict conversions from the text the reader keeps.

The reader hands every scalar over as text, so a quantity becomes a `Decimal` straight
from its digits (never through a binary float) and a date must be written YYYY-MM-DD.
Each failure is a `PydanticCustomError` whose type names a message in `i18n`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

# No leading zeros: `010` is 8 in YAML 1.1 and 10 in YAML 1.2; refuse rather than guess.
# ASCII digits only ([0-9], not \d): Python would read full-width ２０２５ as 2025.
_NUMBER = re.compile(r"[+-]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)")
_INTEGER = re.compile(r"[+-]?(0|[1-9][0-9]*)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")

# The bound of every number a file holds (quantities and counts, in the plan, a report or a
# targets file): at most 12 digits before the decimal point and 6 after it. 10^12 t is
# more than a thousand times the world's yearly grain harvest, and 6 places of a tonne are a
# gram, so no real register comes near; within it, sums of up to 10^10 values and every
# product the tool forms (a figure in 万吨 times the tonnes in one) stay inside Decimal's 28
# significant digits, so they are exact, and nothing grows past what a table can round.
MAX_INTEGER_DIGITS = 12
MAX_DECIMAL_PLACES = 6


def _shown(value: Any) -> str:
    """A value as the file wrote it (YAML words, not Python's), cut to 40 characters."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = "[" + ", ".join(_shown(item) for item in value) + "]"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{key}: {_shown(item)}" for key, item in value.items()) + "}"
    else:
        text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _refused(kind: str, message: str, value: Any) -> PydanticCustomError:
    """The error for a value a field cannot take; an empty value is said to be empty."""
    if value is None:
        return PydanticCustomError("wuhai_empty", "is empty", {})
    return PydanticCustomError(kind, message, {"value": _shown(value)})


def digits_of(value: Decimal) -> tuple[int, int]:
    """The digits of a finite number before its decimal point and after it (trailing zeros
    of the fraction are no decimal places: 1.50 has one)."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    length = len(digits)
    while length > 1 and exponent < 0 and digits[length - 1] == 0:
        length -= 1
        exponent += 1
    if length == 1 and digits[0] == 0:
        return 0, 0
    return max(length + exponent, 0), max(-exponent, 0)


def beyond_bound(value: Decimal) -> str | None:
    """Why a number is beyond the bound of what the tool computes exactly ("too_large" or
    "too_precise"), or None."""
    whole, places = digits_of(value)
    if whole > MAX_INTEGER_DIGITS:
        return "too_large"
    if places > MAX_DECIMAL_PLACES:
        return "too_precise"
    return None


def _bounded(number: Decimal, value: Any) -> Decimal:
    return _within(number, beyond_bound(number), value)


def _within(number: Decimal, reason: str | None, value: Any) -> Decimal:
    """`number`, or the error of being beyond the bound for `reason`."""
    if reason == "too_large":
        raise PydanticCustomError("wuhai_too_large", "too large",
                                  {"value": _shown(value), "digits": MAX_INTEGER_DIGITS})
    if reason == "too_precise":
        raise PydanticCustomError("wuhai_too_precise", "too many decimal places",
                                  {"value": _shown(value), "places": MAX_DECIMAL_PLACES})
    return number


# A figure, a date or a text written alike in many entries (an output of 10 t, an issue
# date, a product) is one object, not one per entry: at 100k certificates, ~20 MB less.
# Only short ones are kept (a hostile file's huge value is not held after its file).
_SHARED_LENGTH = 64


@lru_cache(maxsize=4096)
def _decimal_of(text: str) -> tuple[Decimal, str | None]:
    """A number written as `text`, and why it is beyond the bound (or None)."""
    number = Decimal(text)
    return number, beyond_bound(number)


@lru_cache(maxsize=4096)
def _date_of(text: str) -> date:
    return date.fromisoformat(text)


@lru_cache(maxsize=4096)  # not sys.intern: its table would keep every holder's name too
def _text_of(text: str) -> str:
    return text


def parse_decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal) and value.is_finite():
        return _bounded(value, value)
    if isinstance(value, int) and not isinstance(value, bool):
        return _bounded(Decimal(value), value)
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        text = value.strip()
        if len(text) > _SHARED_LENGTH:
            return _bounded(Decimal(text), value)
        return _within(*_decimal_of(text), value)
    raise _refused("wuhai_number", "expected a number", value)


def parse_non_negative(value: Any) -> Decimal:
    number = parse_decimal(value)
    if number < 0:
        raise PydanticCustomError("wuhai_negative", "must not be negative", {"value": _shown(value)})
    return number


def parse_positive(value: Any) -> Decimal:
    number = parse_decimal(value)
    if number <= 0:
        raise PydanticCustomError("wuhai_not_positive", "must be > 0", {"value": _shown(value)})
    return number


def parse_count(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        if len(value.strip().lstrip("+-")) > MAX_INTEGER_DIGITS:  # before int() reads it all
            raise PydanticCustomError("wuhai_too_large", "too large",
                                      {"value": _shown(value), "digits": MAX_INTEGER_DIGITS})
        number = int(value)
    else:
        raise _refused("wuhai_count", "expected a whole number", value)
    if abs(number) >= 10 ** MAX_INTEGER_DIGITS:
        raise PydanticCustomError("wuhai_too_large", "too large",
                                  {"value": _shown(value), "digits": MAX_INTEGER_DIGITS})
    if number < 0:
        raise PydanticCustomError("wuhai_negative", "must not be negative", {"value": _shown(value)})
    return number


def parse_year(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return value
    if isinstance(value, str) and _YEAR.fullmatch(value.strip()):
        return int(value)
    raise _refused("wuhai_year", "expected a year", value)


def parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return _date_of(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "wuhai_no_such_date", "no such date", {"value": _shown(value)}
            ) from None
    raise _refused("wuhai_date", "expected a date", value)


def parse_text(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        text = value.strip()
        return _text_of(text) if len(text) <= _SHARED_LENGTH else text
    if isinstance(value, str):
        raise PydanticCustomError("wuhai_empty_text", "must not be empty", {})
    raise _refused("wuhai_text", "expected text", value)


# Control characters (C0, DEL, C1) and line or paragraph separators: invisible, or a line
# break, in a value that names a record.
_CONTROL_CATEGORIES = ("Cc", "Zl", "Zp")


def parse_identifier(value: Any) -> str:
    """Text that identifies a record (a certificate number): refused, at its place, when it
    holds a control character, which no number has and which would make two ids look alike
    (free text keeps them; every output shows them escaped)."""
    text = parse_text(value)
    if text.isascii() and text.isprintable():  # no control character: the common case
        return text
    for position, char in enumerate(text, start=1):
        if unicodedata.category(char) in _CONTROL_CATEGORIES:
            raise PydanticCustomError("wuhai_control", "holds a control character",
                                      {"char": f"U+{ord(char):04X}", "position": position})
    return text


def parse_any_text(value: Any) -> str:
    """Text that may be empty (an English unit name, say)."""
    if isinstance(value, str):
        return value
    raise PydanticCustomError("wuhai_text", "expected text", {"value": _shown(value)})


Quantity = Annotated[Decimal, BeforeValidator(parse_non_negative)]
PositiveQuantity = Annotated[Decimal, BeforeValidator(parse_positive)]
Count = Annotated[int, BeforeValidator(parse_count)]
Year = Annotated[int, BeforeValidator(parse_year)]
IsoDate = Annotated[date, BeforeValidator(parse_date)]
Text = Annotated[str, BeforeValidator(parse_text)]
AnyText = Annotated[str, BeforeValidator(parse_any_text)]
Identifier = Annotated[str, BeforeValidator(parse_identifier)]
