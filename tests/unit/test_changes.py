"""What a change did (core/rows.py): the rows it moved and where, the setbacks that fail
`check --changed-since` (DESIGN §6: met > on_track > at_risk > behind), and the file that
holds a row's data.

Rows are real status rows of 海南区 and the city for 2025 (target 150 t), with the status
or records replaced where a case needs it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.harness import CITY, area, cert, real_plan, register_of, write_report
from wuhai_green.core import metrics, rows
from wuhai_green.core.query import Query
from wuhai_green.core.register import Register

ORDER: list[metrics.Status] = ["met", "on_track", "at_risk", "behind"]


def rows_of(register: Register) -> list[metrics.StatusRow]:
    plan = real_plan()
    query = Query(plan, register, 2025, date(2025, 12, 31), (area("海南区"), area(CITY)))
    return [row for row in rows.status_rows(query) if row.indicator.id == "certified_output"]


def hainan(tonnes: int, folder: Path, *, extra: str = "") -> list[metrics.StatusRow]:
    write_report(folder, "2025-hainan.yaml", 2025, "海南区",
                 cert("LB-1", "green_food", "2025-03-01", tonnes),
                 *([extra] if extra else []))
    return rows_of(register_of(folder))


@pytest.mark.parametrize("before", metrics.STATUSES)
@pytest.mark.parametrize("after", metrics.STATUSES)
def test_made_worse_is_a_step_down_the_order(before: metrics.Status,
                                              after: metrics.Status) -> None:
    row = rows_of(Register())[0]
    change = rows.Change(replace(row, status=before), replace(row, status=after))
    expected = (before in ORDER and after in ORDER and ORDER.index(after) > ORDER.index(before))
    assert rows.made_worse(change) is expected


def test_a_new_row_is_never_made_worse() -> None:
    row = replace(rows_of(Register())[0], status="behind")
    assert rows.made_worse(rows.Change(None, row)) is False


def test_with_a_comparison_only_setbacks_fail(tmp_path: Path) -> None:
    """海南区 150 → 60 t: met → behind (a setback); the city 150 → 60 of 400 stays behind
    (moved, not worse). Without the comparison both rows fail --fail-on behind."""
    before = hainan(150, tmp_path / "before")
    after = hainan(60, tmp_path / "after")
    assert [row.status for row in before] == ["met", "behind"]
    assert [row.status for row in after] == ["behind", "behind"]
    moved = rows.changes(before, after)
    assert [change.after.area.name for change in moved] == ["海南区", CITY]
    result = rows.check_result(after, "behind", moved)
    assert [change.after.area.name for change in result.setbacks] == ["海南区"]
    assert [row.area.name for row in result.failing] == ["海南区"]
    assert [row.area.name for row in result.findings] == ["海南区", CITY]
    assert rows.check_result(after, "never", moved).failing == []
    plain = rows.check_result(after, "behind", None)
    assert ([row.area.name for row in plain.failing], plain.setbacks) == (["海南区", CITY], [])


def test_nothing_moved_nothing_fails(tmp_path: Path) -> None:
    after = hainan(60, tmp_path / "a")
    result = rows.check_result(after, "at_risk", rows.changes(after, after))
    assert (result.changes, result.failing) == ([], [])
    assert len(result.findings) == 2


def test_sources_are_the_records_that_moved(tmp_path: Path) -> None:
    """A second certificate added after the first: the change names the new record (line 10
    of the file: `certificates:` is line 3, LB-1 lines 4-9), not the one that stayed."""
    before = hainan(60, tmp_path / "before")
    after = hainan(60, tmp_path / "after",
                   extra=cert("LB-2", "green_food", "2025-06-01", 30))
    (change, city) = rows.changes(before, after)
    assert change.after.achieved == Decimal(90)
    assert change.sources == ((str(tmp_path / "after" / "2025-hainan.yaml"), 10),)
    assert city.sources == change.sources


def test_row_source_is_the_latest_record_of_a_district(tmp_path: Path) -> None:
    district, city = hainan(60, tmp_path, extra=cert("LB-2", "green_food", "2025-06-01", 30))
    assert rows.row_source(district) == (str(tmp_path / "2025-hainan.yaml"), 10)
    assert rows.row_source(city) is None  # the city's data is in every district's files
    assert rows.row_source(rows_of(Register())[0]) is None  # no record, no file
