"""The window of `wuhai expiring --within`: its last day, and the windows it refuses."""

from __future__ import annotations

from datetime import date

import pytest

from wuhai_green.commands import window_end
from wuhai_green.core.problems import UsageError


@pytest.mark.parametrize(("start", "text", "end"), [
    # the window holds its first day and ends the day before the same date later
    (date(2026, 1, 10), "6m", date(2026, 7, 9)),
    (date(2025, 8, 31), "6m", date(2026, 2, 27)),   # no 31 Feb: 28 Feb, less a day
    (date(2026, 1, 10), "90d", date(2026, 4, 9)),   # 10 Jan + 90 days − 1 = 9 Apr: 90 days
    (date(2026, 1, 10), "2w", date(2026, 1, 23)),
    (date(2024, 2, 29), "1y", date(2025, 2, 27)),   # 29 Feb → 28 Feb 2025, less a day
    (date(2026, 1, 10), " 3M ", date(2026, 4, 9)),
    (date(2026, 1, 10), "1d", date(2026, 1, 10)),   # one day: today only
])
def test_window_end(start: date, text: str, end: date) -> None:
    assert window_end(start, text) == end


def test_window_end_rejects_unknown_units() -> None:
    with pytest.raises(UsageError):
        window_end(date(2026, 1, 1), "6x")
