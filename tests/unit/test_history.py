"""The figures the yearly report draws over the plan's years (core/history.py), worked by
hand on the demo data (examples/demo) and on small registers.

D(x) counts days from 2023-12-31: to 2025-06-30 547, to 2025-12-31 731, to 2026-12-31 1096,
to 2027-12-31 1461, to 2028-12-31 1827.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.harness import DEMO, area, goal, indicator, load, record, register_of, write_files
from wuhai_green.core import history, metrics
from wuhai_green.core.numbers import for_json
from wuhai_green.core.query import Query
from wuhai_green.core.register import Register
from wuhai_green.model.plan import Plan


def figures(*values: int | Decimal | None) -> tuple[Decimal | None, ...]:
    """Hand-worked figures as the definitions give them: Decimals, None for no value."""
    return tuple(None if value is None else Decimal(value) for value in values)


def demo_query(year: int, as_of: date) -> Query:
    plan, register = load(DEMO)
    return Query(plan, register, year, as_of, (*plan.districts, plan.root))


def query_of(plan: Plan, register: Register, year: int, as_of: date) -> Query:
    return Query(plan, register, year, as_of, (*plan.districts, plan.root))


def test_a_districts_trajectory_at_the_end_of_a_year() -> None:
    """海勃湾区, certified output, 2025 as of 31 Dec: achieved 40 t in 2024 (30 + 10), 80 t by
    2025 (+ 40; the organic renewal adds nothing); projected 80 × D(M) / 731 from there."""
    path = history.trajectory(demo_query(2025, date(2025, 12, 31)), area("海勃湾区"),
                              indicator("certified_output"))
    assert path.years == (2023, 2024, 2025, 2026, 2027, 2028)
    assert [target.source for target in path.targets] == [
        "plan", "plan", "plan", "interpolated", "interpolated", "plan"]
    assert tuple(for_json(target.amount) for target in path.targets) == figures(
        0, 52, 150, Decimal("166.666667"), Decimal("183.333333"), 200)
    assert path.achieved == figures(0, 40, 80, None, None, None)
    assert path.projected == figures(None, None, 80, Decimal(80) * 1096 / 731,
                                     Decimal(80) * 1461 / 731, Decimal(80) * 1827 / 731)
    assert for_json(path.projected[-1] or Decimal(0)) == Decimal("199.945280")
    assert path.has_projection


def test_inside_a_year_the_line_starts_at_what_is_achieved_so_far() -> None:
    """As of 2025-06-30, 海勃湾区 has 80 t (LB-DEMO-HBW-2501 of 2025-04-01 included): the
    projection starts there and carries 80 t in 547 days on."""
    path = history.trajectory(demo_query(2025, date(2025, 6, 30)), area("海勃湾区"),
                              indicator("certified_output"))
    assert path.achieved == figures(0, 40, 80, None, None, None)
    assert path.projected[2:] == figures(80, Decimal(80) * 1096 / 547, Decimal(80) * 1461 / 547,
                                         Decimal(80) * 1827 / 547)


def test_the_city_is_the_sum_of_its_districts_and_the_last_year_has_no_projection() -> None:
    """City certified output: 2024 185 t (40 + 120 + 25), 2025 343 t (80 + 180 + 83; the
    ended organic certificate of 乌达区 still counts as achieved); in 2028 nothing is ahead."""
    query = demo_query(2028, date(2028, 12, 31))
    paths = history.trajectories(query, indicator("certified_output"))
    assert [path.area.name for path in paths] == ["海勃湾区", "海南区", "乌达区", "乌海市"]
    city = paths[-1]
    assert city.achieved == figures(0, 185, 343, 343, 343, 343)
    assert tuple(for_json(target.amount) for target in city.targets) == figures(
        0, 152, 400, Decimal("466.666667"), Decimal("533.333333"), 600)
    assert city.projected == figures(None, None, None, None, None, 343)
    assert not city.has_projection


def test_the_stock_of_a_goal_over_the_years_and_if_nothing_due_is_renewed() -> None:
    """名特优新 (a block of 11 from 附件1; MT-DEMO-HBW-0001 renews a baseline certificate and
    is not counted): 3 awards in 2024, 2 in 2025. Unrenewed, the 2024 ones lapse in 2027
    (05-31, 08-31, 11-30), the 2025 ones in 2028 (04-30, 10-09)."""
    found = history.goal_history(demo_query(2025, date(2025, 12, 31)),
                                 goal("famous_products_stock"))
    assert found.stock == figures(11, 14, 16, None, None, None)
    assert found.unrenewed == figures(None, None, 16, 16, 13, 11)
    assert [(r.id, r.expires.isoformat()) for r in found.lapsing] == [
        ("MT-DEMO-HN-2401", "2027-05-31"), ("MT-DEMO-HBW-2401", "2027-08-31"),
        ("MT-DEMO-WD-2401", "2027-11-30"), ("MT-DEMO-WD-2501", "2028-04-30"),
        ("MT-DEMO-HN-2501", "2028-10-09")]
    assert found.lapsing_amount == Decimal(5)
    assert (found.lower, found.upper) == (Decimal(23), None)
    assert found.has_outlook


def test_the_output_stock_counts_renewals_once_and_ended_certificates_no_more() -> None:
    """Block 2430 t. 2024: + 30 + 10 + 120 + 25 = 2615. 2025: + 40 + 60 + 50, the organic
    renewal of OR-DEMO-HBW-2401 replaces its first record, OR-DEMO-WD-2501 (8 t) ended on
    2025-11-01: 2765. Unrenewed: the organic renewal lapses 2026-07-19 (2755), the green
    food of 2024 in 2027 (−175: 2580), that of 2025 in 2028 (−150: 2430)."""
    found = history.goal_history(demo_query(2025, date(2025, 12, 31)),
                                 goal("certified_output_stock"))
    assert found.stock == figures(2430, 2615, 2765, None, None, None)
    assert found.unrenewed == figures(None, None, 2765, 2755, 2580, 2430)
    assert (len(found.lapsing), found.lapsing_amount) == (7, Decimal(335))
    assert found.lapsing[0].id == "OR-DEMO-HBW-2401"
    assert found.lapsing[0].expires == date(2026, 7, 19)


def test_what_is_filed_after_as_of_is_not_yet_known(tmp_path: Path) -> None:
    """A green food certificate of 2024-03-01 (to 2027-02-28), renewed by one of 2027-02-01
    and another ended on 2026-05-01: seen from the end of 2025, neither the renewal nor the
    end is known yet, so the first lapses in 2027 and the second stays to its expiry."""
    folder = write_files(tmp_path / "progress", {
        "2024.yaml": """\
            year: 2024
            district: 海南区
            certificates:
              - {id: A-1, type: green_food, product: p, holder: h, output_tonnes: 100, issued: 2024-03-01}
              - {id: B-1, type: green_food, product: p, holder: h, output_tonnes: 7, issued: 2024-04-01}
            """,
        "2026.yaml": """\
            year: 2026
            district: 海南区
            ended:
              - {id: B-1, date: 2026-05-01, reason: r}
            """,
        "2027.yaml": """\
            year: 2027
            district: 海南区
            certificates:
              - {id: A-2, type: green_food, product: p, holder: h, output_tonnes: 100,
                 issued: 2027-02-01, renews: A-1}
            """,
    })
    plan, register = load(folder)
    seen_2025 = query_of(plan, register, 2025, date(2025, 12, 31))
    first, ended = record(register, "A-1"), record(register, "B-1")
    assert history.in_force_as_known(first, date(2027, 3, 1), date(2025, 12, 31)) is False
    assert history.in_force_as_known(first, date(2027, 1, 31), date(2025, 12, 31)) is True
    assert history.in_force_as_known(ended, date(2026, 12, 31), date(2025, 12, 31)) is True
    assert history.in_force_as_known(ended, date(2026, 12, 31), date(2026, 12, 31)) is False
    assert history.in_force_as_known(record(register, "A-2"), date(2027, 3, 1),
                                     date(2025, 12, 31)) is False  # not yet issued
    found = history.goal_history(seen_2025, goal("certified_output_stock"))
    assert found.unrenewed == figures(None, None, 2537, 2537, 2430, 2430)
    assert [r.id for r in found.lapsing] == ["A-1", "B-1"]
    # seen from the end of 2027, the renewal is on file and the end is known
    seen_2027 = query_of(plan, register, 2027, date(2027, 12, 31))
    assert history.goal_history(seen_2027, goal("certified_output_stock")).stock == figures(
        2430, 2537, 2537, 2530, 2530, None)


def test_who_has_reported(tmp_path: Path) -> None:
    """海勃湾区 2024 (its file), 海南区 2024 (an entry), 乌达区 nothing. In mid-2025 its 2024
    report is missing and 2025 is not over; in 2026 every 2025 report is missing."""
    folder = write_files(tmp_path / "progress", {
        "2024-haibowan.yaml": "year: 2024\ndistrict: haibowan\ncertificates: []\n",
        "2024-other.yaml": ("year: 2024\ncertificates:\n  - id: X-1\n    type: famous_product\n"
                            "    district: 海南区\n    product: p\n    holder: h\n"
                            "    issued: 2024-05-01\n"),
    })
    plan = load(None)[0]
    register = register_of(folder)

    def states(today: date) -> list[tuple[str, int, str]]:
        return [(entry.district.name, entry.year, entry.state)
                for entry in history.reporting(plan, register, 2025, today)]

    assert states(date(2025, 6, 30)) == [
        ("海勃湾区", 2024, "reported"), ("海勃湾区", 2025, "not_due"),
        ("海南区", 2024, "reported"), ("海南区", 2025, "not_due"),
        ("乌达区", 2024, "missing"), ("乌达区", 2025, "not_due")]
    assert states(date(2026, 1, 15)) == [
        ("海勃湾区", 2024, "reported"), ("海勃湾区", 2025, "missing"),
        ("海南区", 2024, "reported"), ("海南区", 2025, "missing"),
        ("乌达区", 2024, "missing"), ("乌达区", 2025, "missing")]
    missing = {(e.district.name, e.year) for e in history.reporting(plan, register, 2025,
                                                                    date(2026, 1, 15))
               if e.state == "missing"}
    assert missing == set(metrics.missing_reports(plan, register, 2025, date(2026, 1, 15)))
