"""Every definition of docs/definitions.md against the real plan, with the figures worked by hand.

The plan's figures in tonnes (万吨 × 10000) and counts:

    certified_output   2024   2025   2028   baseline 2023
      海勃湾区           52    150    200        1300
      海南区            100    150    200         830
      乌达区              —    100    200         300
      乌海市            152    400    600        2430
    famous_products: 1 / 2 / 4 for every district, 3 / 6 / 12 for the city;
    baselines 4 / 3 / 4, city 11.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from tests.harness import (
    area,
    certificate,
    goal,
    indicator,
    real_plan,
    record,
    register_of,
    report,
    write_files,
)
from wuhai_green.core import metrics
from wuhai_green.core.dates import add_months, days_in_year
from wuhai_green.core.metrics import Target
from wuhai_green.core.numbers import for_json
from wuhai_green.core.query import Query
from wuhai_green.core.register import Register
from wuhai_green.core.rows import status_row

CERTIFIED = "certified_output"
FAMOUS = "famous_products"
DISTRICTS = ("海勃湾区", "海南区", "乌达区")
TINY = Decimal("1e-20")  # non-terminating figures: equal to the exact fraction within this


def close_to(value: Decimal, exact: Fraction) -> bool:
    return abs(Fraction(value) - exact) < Fraction(TINY)


def target(name: str, indicator_id: str, year: int) -> Target:
    return metrics.target(real_plan(), area(name), indicator(indicator_id), year)


def achieved(register: Register, name: str, indicator_id: str, as_of: date) -> Decimal:
    return metrics.achieved(real_plan(), register, area(name), indicator(indicator_id), as_of)


def expected(name: str, indicator_id: str, year: int, as_of: date) -> Decimal:
    return metrics.expected(real_plan(), area(name), indicator(indicator_id), year, as_of)


def green(cert_id: str, issued: str, tonnes: str | int, **extra: Any) -> dict[str, Any]:
    return certificate(cert_id, "green_food", issued, output=Decimal(tonnes), **extra)


# --- achieved -------------------------------------------------------------------------------


@pytest.fixture
def hainan(tmp_path: Path) -> Register:
    """海南区: new awards of 120 t (2024), 60 t (2025), 8 t organic (2025, ended), a renewal of
    the 120 t record (2027), and two 名特优新 (one a confirmation of a baseline product)."""
    return register_of(write_files(tmp_path, {
        "2024.yaml": report(2024, [
            green("LB-1", "2024-03-15", 120),
            certificate("MT-1", "famous_product", "2024-06-01"),
        ], district="海南区"),
        "2025.yaml": report(2025, [
            green("LB-2", "2025-06-15", 60),
            certificate("OR-1", "organic", "2025-02-01", output=Decimal(8)),
            certificate("MT-2", "famous_product", "2025-03-01", renews="MT-BASE"),
        ], district="海南区", ended=[{"id": "OR-1", "date": date(2025, 11, 1)}]),
        "2027.yaml": report(2027, [green("LB-1", "2027-01-10", 130, renews="LB-1")],
                            district="海南区"),
    }))


def test_achieved_sums_new_awards_only(hainan: Register) -> None:
    """At 31 Dec 2027: 120 + 60 + 8 = 188 t; the 130 t renewal of LB-1 does not count, the
    ended OR-1 still does. 名特优新: MT-1 only (MT-2 confirms a baseline product) = 1."""
    as_of = date(2027, 12, 31)
    assert achieved(hainan, "海南区", CERTIFIED, as_of) == 188
    assert achieved(hainan, "海南区", FAMOUS, as_of) == 1
    records = metrics.achieved_records(real_plan(), hainan, area("海南区"), indicator(CERTIFIED),
                                       as_of)
    assert sorted(r.id for r in records) == ["LB-1", "LB-2", "OR-1"]


@pytest.mark.parametrize(("as_of", "tonnes"), [
    (date(2024, 3, 14), 0),      # the day before LB-1
    (date(2024, 3, 15), 120),    # issued on as_of: counted (inclusive)
    (date(2025, 2, 1), 128),     # 120 + 8 (OR-1 issued that day)
    (date(2025, 6, 14), 128),
    (date(2025, 6, 15), 188),    # + 60
    (date(2025, 11, 2), 188),    # OR-1 ended on 1 Nov 2025 and still counts
])
def test_achieved_is_cumulative_up_to_as_of(hainan: Register, as_of: date, tonnes: int) -> None:
    assert achieved(hainan, "海南区", CERTIFIED, as_of) == tonnes


def test_achieved_starts_with_the_period(hainan: Register) -> None:
    """A record issued on 31 Dec 2023 is not an addition of the period (from 1 Jan 2024);
    one issued on 1 Jan 2024 is. (Built by hand: files cannot hold such a record.)"""
    lb1 = record(hainan, "LB-1", "2024-03-15")
    before = replace(lb1, id="X-2023", issued=date(2023, 12, 31), output_tonnes=Decimal(7))
    first_day = replace(lb1, id="X-2024", issued=date(2024, 1, 1), output_tonnes=Decimal(5))
    register = Register(certificates=(before, first_day))
    assert achieved(register, "海南区", CERTIFIED, date(2024, 12, 31)) == 5


def test_achieved_is_exact_in_decimals(tmp_path: Path) -> None:
    """0.0052 t + 0.0100 t = 0.0152 t exactly (no binary float on the way)."""
    register = register_of(write_files(tmp_path, {"2024.yaml": report(2024, [
        green("LB-1", "2024-03-01", "0.0052"), green("LB-2", "2024-04-01", "0.0100"),
    ], district="海勃湾区")}))
    value = achieved(register, "海勃湾区", CERTIFIED, date(2024, 12, 31))
    assert value == Decimal("0.0152")
    assert str(value) == "0.0152"


def test_baseline_file_records_are_no_additions(tmp_path: Path) -> None:
    """Records of a `year: 2023` register are the baseline, never achieved."""
    register = register_of(write_files(tmp_path, {"2023.yaml": report(2023, [
        green("LB-OLD", "2023-05-01", 100)], district="乌达区")}))
    assert achieved(register, "乌达区", CERTIFIED, date(2028, 12, 31)) == 0


def test_city_achieved_is_the_sum_of_its_districts(tmp_path: Path) -> None:
    """海勃湾区 30 + 10, 海南区 120, 乌达区 25.5 → 乌海市 185.5 t; 名特优新 1 + 2 + 0 = 3."""
    register = register_of(write_files(tmp_path, {"2024.yaml": report(2024, [
        green("A", "2024-02-01", 30, district="haibowan"),
        certificate("B", "organic", "2024-02-01", output=Decimal(10), district="haibowan"),
        green("C", "2024-02-01", 120, district="hainan"),
        green("D", "2024-02-01", "25.5", district="wuda"),
        certificate("E", "famous_product", "2024-02-01", district="haibowan"),
        certificate("F", "famous_product", "2024-02-01", district="hainan"),
        certificate("G", "famous_product", "2024-03-01", district="hainan"),
    ])}))
    as_of = date(2024, 12, 31)
    for indicator_id, parts, total in [(CERTIFIED, [40, 120, Decimal("25.5")], Decimal("185.5")),
                                       (FAMOUS, [1, 2, 0], 3)]:
        assert [achieved(register, name, indicator_id, as_of) for name in DISTRICTS] == parts
        assert achieved(register, "乌海市", indicator_id, as_of) == total


# --- target ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "indicator_id", "year", "value"), [
    ("海勃湾区", CERTIFIED, 2024, 52), ("海勃湾区", CERTIFIED, 2025, 150),
    ("海勃湾区", CERTIFIED, 2028, 200),
    ("海南区", CERTIFIED, 2024, 100), ("海南区", CERTIFIED, 2025, 150),
    ("海南区", CERTIFIED, 2028, 200),
    ("乌达区", CERTIFIED, 2025, 100), ("乌达区", CERTIFIED, 2028, 200),
    ("乌海市", CERTIFIED, 2024, 152), ("乌海市", CERTIFIED, 2025, 400),
    ("乌海市", CERTIFIED, 2028, 600),
    ("海勃湾区", FAMOUS, 2024, 1), ("海南区", FAMOUS, 2025, 2), ("乌达区", FAMOUS, 2028, 4),
    ("乌海市", FAMOUS, 2024, 3), ("乌海市", FAMOUS, 2025, 6), ("乌海市", FAMOUS, 2028, 12),
])
def test_milestone_targets_come_from_the_plan(name: str, indicator_id: str, year: int,
                                              value: int) -> None:
    """Milestone targets, converted from 万吨 (0.0052 万吨 = 52 t), marked `plan`."""
    assert target(name, indicator_id, year) == Target(Decimal(value), "plan")


def test_a_blank_target_is_none_not_zero() -> None:
    """乌达区 2024 is blank in 附件2: Target(None, "none"), which counts as 0."""
    blank = target("乌达区", CERTIFIED, 2024)
    assert blank == Target(None, "none")
    assert blank.amount == 0


@pytest.mark.parametrize(("name", "indicator_id", "year", "exact"), [
    # 150 + (200 − 150) × 1/3 = 166.666…, × 2/3 = 183.333…
    ("海勃湾区", CERTIFIED, 2026, Fraction(150) + Fraction(50, 3)),
    ("海勃湾区", CERTIFIED, 2027, Fraction(150) + Fraction(100, 3)),
    # 乌达区: from 2025 (100) to 2028 (200): 133.333…, 166.666…
    ("乌达区", CERTIFIED, 2026, Fraction(100) + Fraction(100, 3)),
    ("乌达区", CERTIFIED, 2027, Fraction(100) + Fraction(200, 3)),
    # the city: its own figures 400 → 600: 466.666…, 533.333…
    ("乌海市", CERTIFIED, 2026, Fraction(400) + Fraction(200, 3)),
    ("乌海市", CERTIFIED, 2027, Fraction(400) + Fraction(400, 3)),
    # counts are not rounded: 2 + 2/3, 2 + 4/3
    ("海南区", FAMOUS, 2026, Fraction(8, 3)),
    ("海南区", FAMOUS, 2027, Fraction(10, 3)),
    ("乌海市", FAMOUS, 2026, Fraction(8)),
])
def test_targets_between_milestones_are_interpolated(name: str, indicator_id: str, year: int,
                                                     exact: Fraction) -> None:
    found = target(name, indicator_id, year)
    assert found.source == "interpolated"
    assert found.value is not None and close_to(found.value, exact)


def test_interpolated_targets_as_json_keep_six_places() -> None:
    """166.666… → 166.666667; 183.333… → 183.333333."""
    assert for_json(target("海勃湾区", CERTIFIED, 2026).amount) == Decimal("166.666667")
    assert for_json(target("海勃湾区", CERTIFIED, 2027).amount) == Decimal("183.333333")


def test_the_city_interpolates_its_own_figures_which_equal_the_sum_of_its_districts() -> None:
    """2026: 166.666… + 166.666… + 133.333… = 466.666… = 400 + 200/3."""
    for indicator_id in (CERTIFIED, FAMOUS):
        for year in range(2024, 2029):
            parts = sum(target(name, indicator_id, year).amount for name in DISTRICTS)
            city = target("乌海市", indicator_id, year).amount
            assert abs(city - parts) < TINY, (indicator_id, year)


def test_the_baseline_year_target_is_zero() -> None:
    assert target("海勃湾区", CERTIFIED, 2023).amount == 0


# --- expected -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "indicator_id", "year"), [
    ("海勃湾区", CERTIFIED, 2025), ("乌达区", CERTIFIED, 2025), ("乌海市", FAMOUS, 2024),
    ("海南区", CERTIFIED, 2026), ("乌达区", CERTIFIED, 2024),
])
def test_expected_at_year_end_is_the_target(name: str, indicator_id: str, year: int) -> None:
    assert expected(name, indicator_id, year, date(year, 12, 31)) == target(
        name, indicator_id, year).amount


@pytest.mark.parametrize(("name", "indicator_id", "as_of", "exact"), [
    # 30 Jun 2025: 181 days of 365. 海勃湾区: 52 + (150 − 52) × 181/365 = 100.597260…
    ("海勃湾区", CERTIFIED, date(2025, 6, 30), Fraction(52) + Fraction(98 * 181, 365)),
    # 乌达区: its blank 2024 counts as 0: 0 + 100 × 181/365 = 49.589041…
    ("乌达区", CERTIFIED, date(2025, 6, 30), Fraction(100 * 181, 365)),
    # the city: 152 + 248 × 181/365 = 274.980821…
    ("乌海市", CERTIFIED, date(2025, 6, 30), Fraction(152) + Fraction(248 * 181, 365)),
    # 2024 starts from the baseline year's 0: 52 × 182/366 (2024 is a leap year: 182 days)
    ("海勃湾区", CERTIFIED, date(2024, 6, 30), Fraction(52 * 182, 366)),
    # 1 Jan 2025: 1/365 of the year's addition: 1 + (2 − 1) × 1/365
    ("海南区", FAMOUS, date(2025, 1, 1), Fraction(1) + Fraction(1, 365)),
    # 2028, a leap year, 30 Jun: 182/366. From 183.333… (2027) to 200:
    # 550/3 + (200 − 550/3) × 182/366
    ("海勃湾区", CERTIFIED, date(2028, 6, 30),
     Fraction(550, 3) + (Fraction(200) - Fraction(550, 3)) * Fraction(182, 366)),
    # 29 Feb 2028: 31 + 29 = 60 days of 366
    ("海勃湾区", CERTIFIED, date(2028, 2, 29),
     Fraction(550, 3) + (Fraction(200) - Fraction(550, 3)) * Fraction(60, 366)),
])
def test_expected_inside_the_year_is_pro_rata(name: str, indicator_id: str, as_of: date,
                                              exact: Fraction) -> None:
    assert close_to(expected(name, indicator_id, as_of.year, as_of), exact)


def test_expected_on_30_june_2025_in_json() -> None:
    """52 + 98 × 181/365 = 52 + 17738/365 = 100.5972602… → 100.597260 (6 places)."""
    assert for_json(expected("海勃湾区", CERTIFIED, 2025, date(2025, 6, 30))) == Decimal(
        "100.597260")


@pytest.mark.parametrize(("year", "as_of", "fraction"), [
    (2025, date(2025, 6, 30), Fraction(181, 365)),
    (2025, date(2025, 1, 1), Fraction(1, 365)),
    (2025, date(2025, 12, 31), Fraction(1)),
    (2028, date(2028, 6, 30), Fraction(182, 366)),
    (2028, date(2028, 12, 30), Fraction(365, 366)),
    (2028, date(2028, 12, 31), Fraction(1)),
])
def test_year_fraction_counts_days_from_31_december(year: int, as_of: date,
                                                    fraction: Fraction) -> None:
    assert close_to(metrics.year_fraction(year, as_of), fraction)
    assert days_in_year(2028) == 366 and days_in_year(2027) == 365


# --- gap, completion, status ----------------------------------------------------------------


@pytest.mark.parametrize(("target_amount", "achieved_amount", "gap"), [
    ("150", "80", "70"), ("150", "150", "0"), ("150", "180", "0"), ("0", "5", "0"),
    ("0.0152", "0.0052", "0.0100"),
])
def test_gap_is_never_negative(target_amount: str, achieved_amount: str, gap: str) -> None:
    assert metrics.gap(Decimal(target_amount), Decimal(achieved_amount)) == Decimal(gap)


@pytest.mark.parametrize(("target_value", "achieved_amount", "completion"), [
    (Decimal(150), Decimal(80), Fraction(8, 15)),  # 0.5333…
    (Decimal(100), Decimal(83), Fraction(83, 100)),
    (Decimal(400), Decimal(343), Fraction(343, 400)),  # 0.8575
    (Decimal(150), Decimal(180), Fraction(6, 5)),  # above the target: 1.2
    (None, Decimal(25), None),
    (Decimal(0), Decimal(25), None),
])
def test_completion(target_value: Decimal | None, achieved_amount: Decimal,
                    completion: Fraction | None) -> None:
    found = metrics.completion(target_value, achieved_amount)
    if completion is None:
        assert found is None
    else:
        assert found is not None and close_to(found, completion)


@pytest.mark.parametrize(("target_value", "expected_amount", "achieved_amount", "status"), [
    (None, "0", "25", "no_target"),
    ("0", "0", "25", "no_target"),
    ("100", "100", "100", "met"),
    ("100", "100", "120", "met"),
    ("100", "50", "100", "met"),
    # R = 95 / 100 = 0.95 exactly: on_track; 94.99 / 100 just below: at_risk
    ("100", "100", "95", "on_track"),
    ("100", "100", "94.99", "at_risk"),
    # R = 60 / 100 = 0.6 exactly: at_risk; 59.99 / 100 just below: behind
    ("100", "100", "60", "at_risk"),
    ("100", "100", "59.99", "behind"),
    ("100", "100", "0", "behind"),
    # inside the year R uses expected: 30 / 40 = 0.75 at_risk, 38 / 40 = 0.95 on_track
    ("100", "40", "30", "at_risk"),
    ("100", "40", "38", "on_track"),
    ("100", "40", "23.99", "behind"),
])
def test_status(target_value: str | None, expected_amount: str, achieved_amount: str,
                status: str) -> None:
    """met ≥ target; else R = achieved / expected: on_track R ≥ 0.95, at_risk 0.6 ≤ R < 0.95,
    behind R < 0.6; no_target where the target is none or 0."""
    found = metrics.status(real_plan(), None if target_value is None else Decimal(target_value),
                           Decimal(expected_amount), Decimal(achieved_amount))
    assert found == status


@pytest.mark.parametrize(("tonnes", "status", "gap", "completion"), [
    ("100", "met", "0", "1"),
    ("95", "on_track", "5", "0.95"),       # 95 / 100 = 0.95
    ("94.9999", "at_risk", "5.0001", "0.949999"),
    ("60", "at_risk", "40", "0.6"),        # 60 / 100 = 0.6
    ("59.9999", "behind", "40.0001", "0.599999"),
])
def test_status_rows_of_hainan_2024(tmp_path: Path, tonnes: str, status: str, gap: str,
                                    completion: str) -> None:
    """海南区 certified_output 2024: target 100 t = expected at 31 Dec 2024."""
    register = register_of(write_files(tmp_path, {"2024.yaml": report(
        2024, [green("LB-1", "2024-05-01", tonnes)], district="海南区")}))
    query = Query(real_plan(), register, 2024, date(2024, 12, 31), ())
    row = status_row(query, area("海南区"), indicator(CERTIFIED))
    assert (row.target, row.expected, row.achieved) == (Target(Decimal(100), "plan"),
                                                        Decimal(100), Decimal(tonnes))
    assert row.gap == Decimal(gap)
    assert row.completion == Decimal(completion)
    assert row.status == status
    assert row.baseline == 830


def test_status_row_of_wuda_2024_has_no_target(tmp_path: Path) -> None:
    """乌达区 2024: target none → no_target, completion null, gap 0 − 25 → 0."""
    register = register_of(write_files(tmp_path, {"2024.yaml": report(
        2024, [green("LB-1", "2024-05-01", 25)], district="乌达区")}))
    query = Query(real_plan(), register, 2024, date(2024, 12, 31), ())
    row = status_row(query, area("乌达区"), indicator(CERTIFIED))
    assert row.target == Target(None, "none")
    assert (row.achieved, row.gap, row.completion, row.status) == (Decimal(25), Decimal(0), None,
                                                                   "no_target")


# --- stock and goals ------------------------------------------------------------------------


def stock(register: Register, goal_id: str, on: date, name: str = "乌海市") -> metrics.Stock:
    return metrics.stock(real_plan(), register, area(name), goal(goal_id), on)


def test_without_a_baseline_register_the_baseline_is_a_constant_block() -> None:
    """No files at all: 2430 t and 11 products at any date, the organic count has no block."""
    empty = Register()
    for on in (date(2024, 1, 1), date(2026, 6, 1), date(2028, 12, 31)):
        assert stock(empty, "certified_output_stock", on) == metrics.Stock(Decimal(2430), (),
                                                                           Decimal(2430))
        assert stock(empty, "famous_products_stock", on).value == 11
        assert stock(empty, "organic_certificates", on) == metrics.Stock(Decimal(0), (), None)
    assert stock(empty, "certified_output_stock", date(2025, 1, 1), "海南区").value == 830


def test_stock_counts_records_in_force_on_the_date(hainan: Register) -> None:
    """海南区 (block 830 t): LB-1 120 t 15 Mar 2024 – 9 Jan 2027 (renewed 10 Jan 2027 with
    130 t), LB-2 60 t from 15 Jun 2025, OR-1 8 t 1 Feb – 1 Nov 2025 (ended)."""
    expected_values = {
        date(2024, 3, 14): 830,
        date(2024, 3, 15): 830 + 120,
        date(2025, 6, 15): 830 + 120 + 60 + 8,
        date(2025, 11, 1): 830 + 120 + 60 + 8,   # the ended date itself is in force
        date(2025, 11, 2): 830 + 120 + 60,
        date(2027, 1, 9): 830 + 120 + 60,
        date(2027, 1, 10): 830 + 130 + 60,       # the renewal replaces LB-1
        date(2028, 6, 14): 830 + 130 + 60,       # LB-2 expires 14 Jun 2028
        date(2028, 6, 15): 830 + 130,
    }
    found = {on: stock(hainan, "certified_output_stock", on, "海南区").value
             for on in expected_values}
    assert found == expected_values


def test_a_renewal_of_a_baseline_id_maintains_the_block(hainan: Register) -> None:
    """MT-2 renews MT-BASE, which no file holds: the 名特优新 stock of 海南区 is 3 (block) + 1
    (MT-1) = 4, not 5; the city's 11 + 1 = 12."""
    on = date(2025, 12, 31)
    held = stock(hainan, "famous_products_stock", on, "海南区")
    assert held.value == 4 and held.block == 3
    assert [r.id for r in held.records] == ["MT-1"]
    assert stock(hainan, "famous_products_stock", on).value == 12


def test_a_district_with_a_baseline_register_has_no_block(tmp_path: Path) -> None:
    """海南区's 2023 register holds LB-OLD 100 t (1 May 2022 – 30 Apr 2025): its stock is the
    records alone, while 海勃湾区 and 乌达区 keep their blocks (1300 + 300 = 1600 t; 4 + 4 = 8
    products). So the city holds 1600 + 100 = 1700 t on 30 Apr 2025 and 1600 t the day after;
    the renewal (110 t from 1 Apr 2025) is counted like any record."""
    folder = write_files(tmp_path, {"2023.yaml": report(2023, [
        green("LB-OLD", "2022-05-01", 100)], district="海南区")})
    register = register_of(folder)
    assert stock(register, "certified_output_stock", date(2025, 4, 30)) == metrics.Stock(
        Decimal(1700), (record(register, "LB-OLD"),), Decimal(1600))
    assert stock(register, "certified_output_stock", date(2025, 5, 1)).value == 1600
    assert stock(register, "famous_products_stock", date(2025, 5, 1)).value == 8
    write_files(folder, {"2025.yaml": report(2025, [
        green("LB-NEW", "2025-04-01", 110, renews="LB-OLD")], district="海南区")})
    renewed = register_of(folder)
    assert stock(renewed, "certified_output_stock", date(2025, 3, 31)).value == 1700
    assert stock(renewed, "certified_output_stock", date(2025, 4, 1)).value == 1710


def test_goal_bands() -> None:
    """about 2500 with about_band 0.1: 2500 ± 250 → 2250–2750; at least 23; about 5 counts
    items: ± max(0.5, about_min_items 1) → 4–6, not 4.5–5.5."""
    plan = real_plan()
    assert metrics.goal_band(plan, goal("certified_output_stock")) == (Decimal(2250),
                                                                       Decimal(2750))
    assert metrics.goal_band(plan, goal("famous_products_stock")) == (Decimal(23), None)
    assert metrics.goal_band(plan, goal("organic_certificates")) == (Decimal(4), Decimal(6))
    assert metrics.baseline_block(plan, plan.root, goal("organic_certificates")) is None


@pytest.mark.parametrize(("tonnes", "status"), [
    ("2249.9999", "not_met"), ("2250", "met"), ("2500", "met"), ("2750", "met"),
    ("3000", "met"),  # above the band is met
])
def test_the_output_goal_is_met_from_the_lower_edge(tmp_path: Path, tonnes: str,
                                                    status: str) -> None:
    """海南区's 2023 register holds one record of the given tonnes less the 1600 t of the
    other districts' blocks (1300 + 300), so the city's stock is exactly the given tonnes."""
    own = Decimal(tonnes) - 1600
    register = register_of(write_files(tmp_path, {"2023.yaml": report(2023, [
        green("LB-OLD", "2023-05-01", str(own))], district="海南区")}))
    result = metrics.goal_result(real_plan(), register, goal("certified_output_stock"),
                                 date(2024, 12, 31))
    assert (result.stock.value, result.lower, result.upper, result.status) == (
        Decimal(tonnes), Decimal(2250), Decimal(2750), status)
    assert result.above is (Decimal(tonnes) > 2750)


@pytest.mark.parametrize(("new_products", "value", "status"), [(11, 22, "not_met"),
                                                               (12, 23, "met")])
def test_the_famous_products_goal_is_at_least_23(tmp_path: Path, new_products: int, value: int,
                                                 status: str) -> None:
    """Block 11 + 11 new = 22 < 23: not met; 11 + 12 = 23: met."""
    register = register_of(write_files(tmp_path, {"2026.yaml": report(2026, [
        certificate(f"MT-{n}", "famous_product", "2026-01-10") for n in range(new_products)],
        district="wuda")}))
    result = metrics.goal_result(real_plan(), register, goal("famous_products_stock"),
                                 date(2026, 12, 31))
    assert (result.stock.value, result.stock.block, result.status) == (Decimal(value),
                                                                       Decimal(11), status)


@pytest.mark.parametrize(("organic", "status", "above"), [
    (3, "not_met", False), (4, "met", False), (6, "met", False), (7, "met", True)])
def test_the_organic_goal_counts_certificates_without_a_block(tmp_path: Path, organic: int,
                                                              status: str, above: bool) -> None:
    """About 5 → 4–6: 3 not met, 4 and 6 met, 7 met and above the band; nothing is added
    from the baseline."""
    register = register_of(write_files(tmp_path, {"2025.yaml": report(2025, [
        certificate(f"OR-{n}", "organic", "2025-03-01", output=Decimal(1))
        for n in range(organic)], district="hainan")}))
    result = metrics.goal_result(real_plan(), register, goal("organic_certificates"),
                                 date(2025, 12, 31))
    assert (result.stock.value, result.stock.block, result.status, result.above) == (
        Decimal(organic), None, status, above)
    # organic certificates last 1 year: on 1 Mar 2026 none is in force
    assert metrics.goal_result(real_plan(), register, goal("organic_certificates"),
                               date(2026, 3, 1)).stock.value == 0


# --- lapses, lapsing, apply_by --------------------------------------------------------------


@pytest.fixture
def lapsing_register(tmp_path: Path) -> Register:
    """海勃湾区 records:
    - G-LAPSE  green 15 Mar 2024 → expires 14 Mar 2027, nothing follows: lapses
    - G-RENEW  green 1 Jun 2024 → 31 May 2027, renewed 1 Mar 2027: does not lapse
    - G-ENDED  green 1 Jul 2024 → 30 Jun 2027, ended 1 Sep 2025: does not lapse
    - O-LAPSE  organic 20 Jul 2025 → 19 Jul 2026: lapses
    - M-LAPSE  famous 1 Jun 2025 → 31 May 2028: lapses
    """
    return register_of(write_files(tmp_path, {
        "2024.yaml": report(2024, [green("G-LAPSE", "2024-03-15", 10),
                                   green("G-RENEW", "2024-06-01", 20),
                                   green("G-ENDED", "2024-07-01", 30)], district="海勃湾区"),
        "2025.yaml": report(2025, [
            certificate("O-LAPSE", "organic", "2025-07-20", output=Decimal(5)),
            certificate("M-LAPSE", "famous_product", "2025-06-01"),
        ], district="海勃湾区", ended=[{"id": "G-ENDED", "date": date(2025, 9, 1)}]),
        "2027.yaml": report(2027, [green("G-RENEW", "2027-03-01", 20, renews="G-RENEW")],
                            district="海勃湾区"),
    }))


def test_lapses(lapsing_register: Register) -> None:
    found = {(r.id, r.issued.year): metrics.lapses(r) for r in lapsing_register.certificates}
    assert found == {("G-LAPSE", 2024): True, ("G-RENEW", 2024): False, ("G-ENDED", 2024): False,
                     ("O-LAPSE", 2025): True, ("M-LAPSE", 2025): True, ("G-RENEW", 2027): True}


def test_a_record_ended_on_its_expiry_date_still_lapses(tmp_path: Path) -> None:
    register = register_of(write_files(tmp_path, {
        "2024.yaml": report(2024, [green("G", "2024-03-15", 10)], district="海南区"),
        "2027.yaml": report(2027, [], district="海南区",
                            ended=[{"id": "G", "date": date(2027, 3, 14)}])}))
    assert metrics.lapses(record(register, "G"))


def test_lapsing_between_two_dates(lapsing_register: Register) -> None:
    """From 1 Jan 2026 to 31 Dec 2027: O-LAPSE (19 Jul 2026), G-LAPSE (14 Mar 2027), in expiry
    order; M-LAPSE expires 2028, the renewed and the ended ones do not lapse."""
    hbw = area("海勃湾区")
    found = metrics.lapsing(metrics.records_of(lapsing_register, hbw), date(2026, 1, 1),
                            date(2027, 12, 31))
    assert [r.id for r in found] == ["O-LAPSE", "G-LAPSE"]
    only_famous = metrics.lapsing(metrics.records_of(lapsing_register, hbw, indicator(FAMOUS)),
                                  date(2026, 1, 1), date(2028, 12, 31))
    assert [r.id for r in only_famous] == ["M-LAPSE"]
    # both ends inclusive
    assert [r.id for r in metrics.lapsing(metrics.records_of(lapsing_register, hbw),
                                          date(2027, 3, 14), date(2027, 3, 14))] == ["G-LAPSE"]
    assert metrics.lapsing(metrics.records_of(lapsing_register, area("海南区")),
                           date(2024, 1, 1), date(2030, 12, 31)) == []
    city = metrics.lapsing(metrics.records_of(lapsing_register, area("乌海市")),
                           date(2026, 1, 1), date(2027, 12, 31))
    assert [r.id for r in city] == ["O-LAPSE", "G-LAPSE"]


def test_apply_by(lapsing_register: Register) -> None:
    """Green food and organic: 3 months before expiry; 名特优新: 30 days before.
    G-LAPSE expires 14 Mar 2027 → 14 Dec 2026; O-LAPSE 19 Jul 2026 → 19 Apr 2026;
    M-LAPSE 31 May 2028 → 1 May 2028 (31 May − 30 days)."""
    plan = real_plan()
    assert metrics.apply_by(plan, record(lapsing_register, "G-LAPSE")) == date(2026, 12, 14)
    assert metrics.apply_by(plan, record(lapsing_register, "O-LAPSE")) == date(2026, 4, 19)
    assert metrics.apply_by(plan, record(lapsing_register, "M-LAPSE")) == date(2028, 5, 1)


def test_apply_by_at_the_end_of_a_month(tmp_path: Path) -> None:
    """Green food issued 1 Jun 2024 expires 31 May 2027 → 3 months before: 28 Feb 2027 (no
    31 Feb); issued 1 Jun 2025 → 31 May 2028 → 29 Feb 2028 (leap year)."""
    register = register_of(write_files(tmp_path, {
        "2024.yaml": report(2024, [green("A", "2024-06-01", 1)], district="海南区"),
        "2025.yaml": report(2025, [green("B", "2025-06-01", 1)], district="海南区"),
    }))
    assert metrics.apply_by(real_plan(), record(register, "A")) == date(2027, 2, 28)
    assert metrics.apply_by(real_plan(), record(register, "B")) == date(2028, 2, 29)


@pytest.mark.parametrize(("day", "months", "result"), [
    (date(2027, 5, 31), 3, date(2027, 2, 28)),
    (date(2028, 5, 31), 3, date(2028, 2, 29)),
    (date(2027, 3, 14), 3, date(2026, 12, 14)),   # across the year
    (date(2025, 1, 31), 1, date(2024, 12, 31)),
    (date(2025, 3, 31), 1, date(2025, 2, 28)),
    (date(2025, 7, 31), 0, date(2025, 7, 31)),
    (date(2025, 7, 31), 12, date(2024, 7, 31)),
])
def test_months_before(day: date, months: int, result: date) -> None:
    """The same day `months` earlier, or that month's last day (31 May − 3 months → 28 Feb)."""
    assert add_months(day, -months) == result


# --- bugs -----------------------------------------------------------------------------------


def test_a_chain_of_baseline_confirmations_keeps_the_block_constant(tmp_path: Path) -> None:
    """No 2023 register. 2025: MT-0001 renews MT-2201 (no file holds it) → stock 11 (block).
    2026: MT-0001 confirms MT-0001 → still the same product: stock 11, not 12."""
    register = register_of(write_files(tmp_path, {
        "2025.yaml": report(2025, [certificate("MT-0001", "famous_product", "2025-03-01",
                                               renews="MT-2201")], district="haibowan"),
        "2026.yaml": report(2026, [certificate("MT-0001", "famous_product", "2026-03-01",
                                               renews="MT-0001")], district="haibowan"),
    }))
    assert stock(register, "famous_products_stock", date(2025, 12, 31)).value == 11
    assert stock(register, "famous_products_stock", date(2026, 12, 31)).value == 11


# --- projection and missing reports (docs/definitions.md) ------------------------------


def test_projection_at_the_pace_so_far() -> None:
    """D(x) counts days from 2023-12-31. On 2025-06-30, D = 366 + 181 = 547; to 2028-12-31,
    D = 366 + 365 + 365 + 365 + 366 = 1827. 120 t achieved by then projects to
    120 × 1827 / 547 = 400.804387… t; before the period has begun there is none."""
    plan = real_plan()
    found = metrics.projected(plan, Decimal(120), date(2025, 6, 30), 2028)
    assert found == Decimal(120) * Decimal(1827) / Decimal(547)
    assert for_json(found) == Decimal("400.804388")
    assert metrics.projected(plan, Decimal(120), date(2023, 12, 31), 2028) is None
    assert metrics.projected(plan, Decimal(0), date(2024, 1, 1), 2028) == 0


def test_missing_reports_are_the_ended_years_without_a_report(tmp_path: Path) -> None:
    """Reports: 海勃湾区 2024 (its file), 海南区 2024 (an entry of a file without a district),
    nothing of 乌达区. Taken in 2025 before its end, 2025 is not yet due: 乌达区 2024 is
    missing. Taken in 2026, 2025 is due too: every district lacks 2025."""
    folder = write_files(tmp_path / "progress", {
        "2024-haibowan.yaml": "year: 2024\ndistrict: haibowan\ncertificates: []\n",
        "2024-other.yaml": ("year: 2024\ncertificates:\n  - id: X-1\n    type: famous_product\n"
                            "    district: 海南区\n    product: p\n    holder: h\n"
                            "    issued: 2024-05-01\n"),
    })
    register = register_of(folder)
    plan = real_plan()
    assert metrics.missing_reports(plan, register, 2025, date(2025, 6, 30)) == [("乌达区", 2024)]
    assert metrics.missing_reports(plan, register, 2025, date(2026, 1, 15)) == [
        ("乌达区", 2024), ("海勃湾区", 2025), ("海南区", 2025), ("乌达区", 2025)]
    # the last day of the year is not yet past on 31 Dec
    assert ("海勃湾区", 2025) not in metrics.missing_reports(plan, register, 2025,
                                                          date(2025, 12, 31))
