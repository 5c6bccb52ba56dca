"""The adjustment of next year's targets (note 2 of 附件2, docs/definitions.md) as pure arithmetic:
`metrics.adjust_row`, `round_up`, `add_months`, and its invariants over random data.
The command `wuhai adjust` itself is tested in tests/acceptance/test_adjust.py.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.harness import (
    CERTIFIED,
    CITY,
    FAMOUS,
    area,
    cert,
    examples,
    indicator,
    real_plan,
    register_of,
    write_report,
)
from wuhai_green.core import metrics
from wuhai_green.core.dates import add_months, default_expiry
from wuhai_green.core.register import Certificate, Register


def test_adjust_row_directly_for_2027(tmp_path: Path) -> None:
    """metrics.adjust_row, 2027 based on 2026 (divisor 2), exact decimals:
    海勃湾区 100 t by 2026 → even pace 100 + 100/2 = 150; T2027 = 550/3; adjusted 550/3;
    required 550/3 − 100 = 250/3; plan addition 550/3 − 500/3 = 50/3."""
    folder = tmp_path / "progress"
    write_report(folder, "2026.yaml", 2026, "海勃湾区", cert("LB-1", "green_food", "2026-01-05", 100))
    row = metrics.adjust_row(real_plan(), register_of(folder), area("海勃湾区"), indicator(CERTIFIED),
                             2027)
    assert row.achieved == 100
    assert row.even_pace == 150
    assert abs(row.adjusted_target - Decimal(550) / 3) < Decimal("1e-20")
    assert abs(row.required_addition - Decimal(250) / 3) < Decimal("1e-20")
    assert abs(row.plan_addition - Decimal(50) / 3) < Decimal("1e-20")
    assert row.plan_target.source == "interpolated"


def test_round_up_rounds_counts_up_not_to_nearest() -> None:
    assert metrics.round_up(Decimal("2.34")) == 3
    assert metrics.round_up(Decimal("2.000")) == 2
    assert metrics.round_up(Decimal("3.0001")) == 4


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 5, 31), -3, date(2026, 2, 28)),
    (date(2028, 5, 31), -3, date(2028, 2, 29)),   # leap year
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 3, 15), -15, date(2024, 12, 15)),  # across a year boundary
    (date(2026, 1, 10), 6, date(2026, 7, 10)),
    (date(2026, 1, 10), 12, date(2027, 1, 10)),
    (date(2026, 1, 10), -30000 * 12, date.min),  # beyond the calendar: its first day
    (date(9999, 11, 30), 2, date.max),  # or its last
])
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


# --- properties of the adjustment (Hypothesis) ----------------------------------------------


def _record(record_id: str, district: str, kind: str, issued: date,
            output: Decimal | None) -> Certificate:
    return Certificate(id=record_id, type=kind,
                       indicator=FAMOUS if kind == "famous_product" else CERTIFIED,
                       district=district, product="产品", holder="获证主体",
                       output_tonnes=output, issued=issued,
                       expires=default_expiry(issued, 3), renews=None, file="x.yaml", line=1)


@settings(max_examples=examples(60), deadline=None)
@given(year=st.integers(2024, 2028),
       tonnes=st.lists(st.decimals(min_value=0, max_value=400, places=2, allow_nan=False,
                                   allow_infinity=False), min_size=3, max_size=3),
       counts=st.lists(st.integers(0, 6), min_size=3, max_size=3))
def test_adjustment_invariants(year: int, tonnes: list[Decimal], counts: list[int]) -> None:
    """For any achievement by the end of Y − 1: even pace = achieved + max(T2028 − achieved, 0)
    / (2028 − (Y − 1)), never below what is achieved; adjusted ≥ plan target and ≥ even pace
    (counts: the smallest whole number that is); required = max(adjusted − achieved, 0) ≥ 0;
    the city keeps the plan's target and addition and sums everything else."""
    districts = ["海勃湾区", "海南区", "乌达区"]
    issued = date(year - 1, 6, 1) if year > 2024 else date(2024, 6, 1)
    records = []
    for district, amount, count in zip(districts, tonnes, counts, strict=True):
        if amount > 0:
            records.append(_record(f"LB-{district}", district, "green_food", issued, amount))
        records += [_record(f"MT-{district}-{n}", district, "famous_product", issued, None)
                    for n in range(count)]
    held = Register(certificates=tuple(records))
    the_plan = real_plan()
    for indicator_id in (CERTIFIED, FAMOUS):
        measure = indicator(indicator_id)
        parts = []
        for district in districts:
            row = metrics.adjust_row(the_plan, held, area(district), measure, year)
            final = metrics.target(the_plan, area(district), measure, 2028).amount
            expected_done = Decimal(0) if year == 2024 else (
                tonnes[districts.index(district)] if indicator_id == CERTIFIED
                else Decimal(counts[districts.index(district)]))
            assert row.achieved == expected_done
            assert row.even_pace == expected_done + max(final - expected_done, Decimal(0)) / (
                2028 - (year - 1))
            assert row.even_pace >= row.achieved
            floor = max(row.plan_target.amount, row.even_pace)
            if indicator_id == FAMOUS:
                assert row.adjusted_target == row.adjusted_target.to_integral_value()
                assert floor <= row.adjusted_target < floor + 1
            else:
                assert row.adjusted_target == floor
            assert row.required_addition == max(row.adjusted_target - row.achieved, 0)
            assert row.required_addition >= 0
            parts.append(row)
        city = metrics.adjust_row(the_plan, held, area(CITY), measure, year)
        assert city.plan_target == metrics.target(the_plan, area(CITY), measure, year)
        assert city.plan_addition == (metrics.target(the_plan, area(CITY), measure, year).amount
                                      - metrics.target(the_plan, area(CITY), measure,
                                                       year - 1).amount)
        for name in ("achieved", "even_pace", "adjusted_target", "required_addition"):
            assert getattr(city, name) == sum((getattr(p, name) for p in parts), Decimal(0))
