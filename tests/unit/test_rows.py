"""`rows.Achievements` (issue 18): the records and amount of each area as `metrics` defines
them, each district filtered once and an area made of its children's, in the same order
and with the same sums, whatever the shape of the tree."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.harness import area, certificate, real_plan, register_of, report, write_files
from wuhai_green.core import metrics
from wuhai_green.core.query import Query
from wuhai_green.core.register import Register
from wuhai_green.core.rows import Achievements, status_row, status_rows
from wuhai_green.model.plan import Area, walk


@pytest.fixture
def city(tmp_path: Path) -> Register:
    """Every district with new awards, a renewal and a baseline confirmation, across years."""
    files = {}
    for number, name in enumerate(("海勃湾区", "海南区", "乌达区"), start=1):
        files[f"2024-{number}.yaml"] = report(2024, [
            certificate(f"LB-{number}1", "green_food", "2024-03-15", output=Decimal(f"12{number}.5")),
            certificate(f"MT-{number}1", "famous_product", "2024-06-01"),
            certificate(f"OR-{number}1", "organic", "2024-02-01", output=Decimal(number)),
        ], district=name)
        files[f"2025-{number}.yaml"] = report(2025, [
            certificate(f"LB-{number}2", "green_food", "2025-06-15", output=Decimal(60 + number)),
            certificate(f"MT-{number}2", "famous_product", "2025-03-01", renews="MT-BASE"),
            certificate(f"OR-{number}1", "organic", "2025-01-20", output=Decimal(number),
                        renews=f"OR-{number}1"),
        ], district=name)
    return register_of(write_files(tmp_path, files))


def nested() -> Area:
    """The real plan's districts under a tree of another shape: 乌达区, then a group of
    海南区 and 海勃湾区 (leaves not in the plan's order, one level more)."""
    root = real_plan().root
    group = root.model_copy(update={"name": "南北组", "children": [area("海南区"), area("海勃湾区")]})
    return root.model_copy(update={"children": [area("乌达区"), group]})


@pytest.mark.parametrize("as_of", [date(2024, 3, 14), date(2024, 12, 31), date(2025, 6, 15),
                                   date(2027, 12, 31)])
@pytest.mark.parametrize("tree", [lambda: real_plan().root, nested])
def test_achievements_are_what_metrics_define(city: Register, as_of: date, tree: object) -> None:
    plan = real_plan()
    root = tree()  # type: ignore[operator]
    achievements = Achievements(Query(plan, city, 2025, as_of, ()))
    for node in walk(root):
        for indicator in plan.data.indicators:
            records, amount = achievements.of(node, indicator)
            assert records == tuple(metrics.achieved_records(plan, city, node, indicator, as_of))
            assert amount == metrics.achieved(plan, city, node, indicator, as_of)
            assert str(amount) == str(metrics.achieved(plan, city, node, indicator, as_of))


def test_status_rows_share_one_achievements_and_match_each_row_alone(city: Register) -> None:
    plan = real_plan()
    query = Query(plan, city, 2025, date(2025, 10, 1), (*plan.districts, plan.root))
    assert status_rows(query) == [status_row(query, node, indicator)
                                  for node in query.areas for indicator in plan.data.indicators]
    city_row = status_rows(query)[-2]  # 121.5 + 122.5 + 123.5 + 1 + 2 + 3 + 61 + 62 + 63
    assert (city_row.area.name, city_row.achieved) == (plan.root.name, Decimal("559.5"))
