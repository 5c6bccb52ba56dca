"""Calendar arithmetic the definitions need: year ends, days in a year, adding years and
months the way certificates and windows count them."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

ONE_DAY = timedelta(days=1)


def year_end(year: int) -> date:
    return date(year, 12, 31)


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 Feb becomes 1 Mar in a common year; past the last
    representable year, the last day there is."""
    if day.year + years > date.max.year:
        return date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier if negative), or that month's last day; beyond
    the representable years, the first or last day there is."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))


@lru_cache(maxsize=4096)  # one object for each end: many certificates share one
def default_expiry(issued: date, validity_years: int) -> date:
    """The last day of a certificate's validity: issued + validity years, minus one day."""
    return add_years(issued, validity_years) - ONE_DAY
