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
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

# No leading zeros: `010` is 8 in YAML 1.1 and 10 in YAML 1.2; refuse rather than guess.
# ASCII digits only ([0-9], not \d): Python would read full-width ２０２５ as 2025.
_NUMBER = re.compile(r"[+-]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)")
_INTEGER = re.compile(r"[+-]?(0|[1-9][0-9]*)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")


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


def parse_decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        return Decimal(value.strip())
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
        number = int(value)
    else:
        raise _refused("wuhai_count", "expected a whole number", value)
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
            return date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "wuhai_no_such_date", "no such date", {"value": _shown(value)}
            ) from None
    raise _refused("wuhai_date", "expected a date", value)


def parse_text(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
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
