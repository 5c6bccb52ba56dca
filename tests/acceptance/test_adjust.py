"""`wuhai adjust` (note 2 of 附件2, docs/definitions.md) with every figure worked by hand.

Plan figures in tonnes (the plan writes 万吨): cumulative certified_output targets
海勃湾区 52/150/200, 海南区 100/150/200, 乌达区 —/100/200, city 152/400/600 for 2024/2025/2028;
famous_products 1/2/4 per district and 3/6/12 for the city. Between 2025 and 2028 the
targets are interpolated: 2026 = T2025 + (T2028 − T2025)/3, 2027 = T2025 + 2(T2028 − T2025)/3.

For Y = 2026 (based on data up to 31 Dec 2025, end year 2028, so the divisor is 3):
  even pace = achieved(2025) + (T2028 − achieved(2025)) / 3
  adjusted = max(T2026, even pace), rounded up for counts
  required = max(adjusted − achieved(2025), 0); plan addition = T2026 − T2025
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import pytest

from tests.harness import (
    CERTIFIED,
    CITY,
    DEMO,
    FAMOUS,
    Run,
    area,
    cert,
    goal,
    indicator,
    load_targets,
    metrics,
    real_plan,
    register_of,
    write_report,
    wuhai,
    wuhai_on,
)

ROW_KEYS = {"district", "indicator", "plan_target", "achieved", "even_pace", "adjusted_target",
            "required_addition", "plan_addition", "lapsing_count", "lapsing_tonnes"}
LAPSING_KEYS = {"id", "district", "type", "product", "holder", "output_tonnes", "expires",
                "apply_by"}


def six(value: F | int) -> Decimal:
    """An exact fraction as JSON shows it: at most 6 decimal places, rounded half-even."""
    fraction = F(value)
    exact = Decimal(fraction.numerator) / Decimal(fraction.denominator)
    if fraction.denominator == 1:
        return Decimal(fraction.numerator)
    return exact.quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN).normalize()


def rows(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(row["district"], row["indicator"]): row for row in document["rows"]}


def figures(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["plan_target"], row["achieved"], row["even_pace"], row["adjusted_target"],
            row["required_addition"], row["plan_addition"], row["lapsing_count"],
            row["lapsing_tonnes"])


@pytest.fixture
def three_districts(tmp_path: Path) -> Path:
    """海勃湾区 behind, 海南区 exactly on plan, 乌达区 ahead at the end of 2025.

    海勃湾区: LB-HBW-1 25 t + OR-HBW-1 5 t = 30 t, no 名特优新. OR-HBW-1 (expires 2026-03-31)
      is renewed in 2026, so it does not lapse; the 2026 award LB-HBW-2 (40 t) lies after
      31 Dec 2025 and does not count.
    海南区: 100 t in 2024 + 50 t in 2025 = 150 t = T2025; 2 名特优新 = T2025.
    乌达区: LB-WD-1 182 t + OR-WD-1 8 t = 190 t (T2025 = 100); 3 名特优新 (T2025 = 2).
      OR-WD-1, issued 2025-03-01, expires 2026-02-28 (1 year) with no renewal: it lapses
      in 2026; apply by 3 months earlier, 2025-11-28.
    """
    folder = tmp_path / "progress"
    write_report(folder, "2025-haibowan.yaml", 2025, "haibowan",
           cert("LB-HBW-1", "green_food", "2025-05-01", 25),
           cert("OR-HBW-1", "organic", "2025-04-01", 5))
    write_report(folder, "2026-haibowan.yaml", 2026, "海勃湾区",
           cert("LB-HBW-2", "green_food", "2026-02-01", 40),
           cert("OR-HBW-1", "organic", "2026-03-20", 5, renews="OR-HBW-1"))
    write_report(folder, "2024-hainan.yaml", 2024, "海南区",
           cert("LB-HN-1", "green_food", "2024-03-15", 100),
           cert("MT-HN-1", "famous_product", "2024-06-01"))
    write_report(folder, "2025-hainan.yaml", 2025, "海南区",
           cert("LB-HN-2", "green_food", "2025-06-15", 50),
           cert("MT-HN-2", "famous_product", "2025-10-10"))
    write_report(folder, "2025-wuda.yaml", 2025, "乌达区",
           cert("LB-WD-1", "green_food", "2025-06-01", 182),
           cert("OR-WD-1", "organic", "2025-03-01", 8),
           cert("MT-WD-1", "famous_product", "2025-01-10"),
           cert("MT-WD-2", "famous_product", "2025-02-10"),
           cert("MT-WD-3", "famous_product", "2025-03-10"))
    return folder


def adjust_json(progress: Path, *args: str) -> dict[str, Any]:
    run = wuhai_on("adjust", progress, "--format", "json", *args)
    assert run.exit_code == 0, run.stderr
    document: dict[str, Any] = run.json()
    return document


# --- the JSON document ----------------------------------------------------------------------


def test_json_shape(three_districts: Path) -> None:
    document = adjust_json(three_districts, "--year", "2026")
    assert document["schema"] == "wuhai-green/adjust@1"
    assert (document["year"], document["based_on"]) == (2026, 2025)
    assert {"schema", "year", "based_on", "rows", "lapsing"} <= set(document)
    assert [(row["district"], row["indicator"]) for row in document["rows"]] == [
        ("海勃湾区", CERTIFIED), ("海勃湾区", FAMOUS), ("海南区", CERTIFIED), ("海南区", FAMOUS),
        ("乌达区", CERTIFIED), ("乌达区", FAMOUS), (CITY, CERTIFIED), (CITY, FAMOUS)]
    for row in document["rows"]:
        assert set(row) >= ROW_KEYS, row
    for entry in document["lapsing"]:
        assert set(entry) >= LAPSING_KEYS, entry


def test_district_behind_certified_output(three_districts: Path) -> None:
    """海勃湾区, achieved 30 t by 31 Dec 2025 (the 2026 award and the renewal left out):
    T2026 = 150 + 50/3 = 500/3 = 166.666667; even pace = 30 + (200 − 30)/3 = 260/3 = 86.666667;
    adjusted = max(500/3, 260/3) = 500/3 (tonnes are not rounded);
    required = 500/3 − 30 = 410/3 = 136.666667; plan addition = 500/3 − 150 = 50/3 = 16.666667;
    nothing lapses (OR-HBW-1 is renewed in 2026)."""
    row = rows(adjust_json(three_districts, "--year", "2026"))[("海勃湾区", CERTIFIED)]
    assert figures(row) == (six(F(500, 3)), 30, six(F(260, 3)), six(F(500, 3)),
                            six(F(410, 3)), six(F(50, 3)), 0, 0)
    assert row["target_source"] == "interpolated"


def test_district_exactly_on_plan_certified_output(three_districts: Path) -> None:
    """海南区, achieved 100 + 50 = 150 t = T2025: even pace = 150 + 50/3 = 500/3 = T2026, so the
    adjusted target is the plan's and the required addition is the plan's own, 50/3."""
    row = rows(adjust_json(three_districts, "--year", "2026"))[("海南区", CERTIFIED)]
    assert figures(row) == (six(F(500, 3)), 150, six(F(500, 3)), six(F(500, 3)),
                            six(F(50, 3)), six(F(50, 3)), 0, 0)
    assert row["required_addition"] == row["plan_addition"]


def test_district_ahead_certified_output(three_districts: Path) -> None:
    """乌达区, achieved 182 + 8 = 190 t (T2025 = 100): T2026 = 100 + 100/3 = 400/3 = 133.333333;
    even pace = 190 + (200 − 190)/3 = 580/3 = 193.333333 > T2026, so adjusted = 580/3;
    required = 580/3 − 190 = 10/3 = 3.333333; plan addition = 100/3 = 33.333333;
    OR-WD-1 (8 t) lapses on 2026-02-28."""
    row = rows(adjust_json(three_districts, "--year", "2026"))[("乌达区", CERTIFIED)]
    assert figures(row) == (six(F(400, 3)), 190, six(F(580, 3)), six(F(580, 3)),
                            six(F(10, 3)), six(F(100, 3)), 1, 8)


def test_famous_products_are_rounded_up(three_districts: Path) -> None:
    """T2026 = 2 + 2/3 = 8/3 = 2.666667 for each district; plan addition 2/3.
    海勃湾区 0: even pace 4/3 = 1.333333, adjusted ⌈max(8/3, 4/3)⌉ = 3, required 3.
    海南区 2: even pace 2 + 2/3 = 8/3, adjusted ⌈8/3⌉ = 3, required 1.
    乌达区 3: even pace 3 + 1/3 = 10/3 = 3.333333 > 8/3, adjusted ⌈10/3⌉ = 4, required 1.
    A count is never left at 3.333333 and never rounded down to 3."""
    table = rows(adjust_json(three_districts, "--year", "2026"))
    expected = {"海勃湾区": (0, F(4, 3), 3, 3), "海南区": (2, F(8, 3), 3, 1),
                "乌达区": (3, F(10, 3), 4, 1)}
    for district, (done, pace, adjusted, required) in expected.items():
        row = table[(district, FAMOUS)]
        assert figures(row) == (six(F(8, 3)), done, six(pace), adjusted, required, six(F(2, 3)),
                                0, None), district
        assert row["unit"] == "count"


def test_city_keeps_plan_target_and_addition_and_sums_the_rest(three_districts: Path) -> None:
    """乌海市 certified_output: the plan's own T2026 = 400 + 200/3 = 1400/3 = 466.666667 and
    addition 200/3 = 66.666667; achieved 30 + 150 + 190 = 370; even pace
    260/3 + 500/3 + 580/3 = 1340/3 = 446.666667; adjusted 500/3 + 500/3 + 580/3 = 1580/3
    = 526.666667 (not max(1400/3, 1340/3)); required 410/3 + 50/3 + 10/3 = 470/3 = 156.666667;
    lapsing 1 certificate, 8 t.
    famous_products: plan T2026 = 6 + 6/3 = 8, addition 2; achieved 0 + 2 + 3 = 5; even pace
    4/3 + 8/3 + 10/3 = 22/3 = 7.333333; adjusted 3 + 3 + 4 = 10; required 3 + 1 + 1 = 5."""
    table = rows(adjust_json(three_districts, "--year", "2026"))
    assert figures(table[(CITY, CERTIFIED)]) == (
        six(F(1400, 3)), 370, six(F(1340, 3)), six(F(1580, 3)), six(F(470, 3)), six(F(200, 3)),
        1, 8)
    assert figures(table[(CITY, FAMOUS)]) == (8, 5, six(F(22, 3)), 10, 5, 2, 0, None)


def test_lapsing_list_with_apply_by(three_districts: Path) -> None:
    """Only OR-WD-1 lapses in 2026 (organic, 8 t, expires 2026-02-28, apply by 2025-11-28);
    OR-HBW-1 expires 2026-03-31 but is renewed on 2026-03-20."""
    document = adjust_json(three_districts, "--year", "2026")
    assert document["lapsing"] == [{
        **{key: value for key, value in document["lapsing"][0].items()
           if key not in LAPSING_KEYS},
        "id": "OR-WD-1", "district": "乌达区", "type": "organic", "product": "产品",
        "holder": "获证主体", "output_tonnes": 8, "expires": "2026-02-28",
        "apply_by": "2025-11-28"}]


def test_sentences_name_who_is_behind_and_the_first_renewal(three_districts: Path) -> None:
    """海勃湾区 needs 410/3 = 136.67 t, 120 t more than the plan's 16.67 t; 乌达区 (ahead) and
    海南区 certified (on plan) get no sentence of their own."""
    run = wuhai_on("adjust", three_districts, "--year", "2026", "--format", "markdown")
    assert run.exit_code == 0, run.stderr
    out = run.stdout
    assert "- 海勃湾区：2026 年新增绿色有机食品认证需新增 136.67 吨，比方案的 16.67 吨 多 120 吨" in out
    assert "乌达区：2026 年新增绿色有机食品认证" not in out
    assert "海南区：2026 年新增绿色有机食品认证" not in out
    assert "- 2026 年有 1 张证书到期且尚无续展记录；最早须在 2025-11-28 前申请续展（OR-WD-1）" in out
    assert "| 乌达区 | 133.33 | 190 | 193.33 | 193.33 | 3.33 | 33.33 | 1 张 / 8 |" in out


def test_district_filter(three_districts: Path) -> None:
    document = adjust_json(three_districts, "--year", "2026", "--district", "wuda")
    assert [(row["district"], row["indicator"]) for row in document["rows"]] == [
        ("乌达区", CERTIFIED), ("乌达区", FAMOUS)]
    assert [entry["id"] for entry in document["lapsing"]] == ["OR-WD-1"]
    other = adjust_json(three_districts, "--year", "2026", "--district", "海南区")
    assert other["lapsing"] == []


def test_no_data_at_all(tmp_path: Path) -> None:
    """An empty progress folder: achieved 0 everywhere, so for 2026 even pace = T2028/3
    (200/3 = 66.666667 for 海勃湾区 and 乌达区; 4/3 for 名特优新), below every plan target:
    adjusted = T2026 (counts rounded up: ⌈8/3⌉ = 3) and required = adjusted.
    City: T2026 1400/3 with adjusted 500/3 + 500/3 + 400/3 = 1400/3; famous 3 × 3 = 9."""
    folder = tmp_path / "progress"
    folder.mkdir()
    document = adjust_json(folder, "--year", "2026")
    table = rows(document)
    assert figures(table[("海勃湾区", CERTIFIED)]) == (
        six(F(500, 3)), 0, six(F(200, 3)), six(F(500, 3)), six(F(500, 3)), six(F(50, 3)), 0, 0)
    assert figures(table[("乌达区", CERTIFIED)]) == (
        six(F(400, 3)), 0, six(F(200, 3)), six(F(400, 3)), six(F(400, 3)), six(F(100, 3)), 0, 0)
    assert figures(table[("海南区", FAMOUS)]) == (
        six(F(8, 3)), 0, six(F(4, 3)), 3, 3, six(F(2, 3)), 0, None)
    assert figures(table[(CITY, CERTIFIED)]) == (
        six(F(1400, 3)), 0, six(F(600, 3)), six(F(1400, 3)), six(F(1400, 3)), six(F(200, 3)),
        0, 0)
    assert figures(table[(CITY, FAMOUS)]) == (8, 0, 4, 9, 9, 2, 0, None)
    assert document["lapsing"] == []


def test_year_2025_uses_a_blank_2024_target_as_zero(tmp_path: Path) -> None:
    """乌达区's 2024 target is blank: the 2025 plan addition is 100 − 0 = 100. With no data,
    based on 2024 (divisor 2028 − 2024 = 4): even pace = 200/4 = 50 < T2025 = 100, adjusted 100.
    海勃湾区: addition 150 − 52 = 98; even pace 200/4 = 50; adjusted 150."""
    folder = tmp_path / "progress"
    folder.mkdir()
    table = rows(adjust_json(folder, "--year", "2025"))
    assert figures(table[("乌达区", CERTIFIED)]) == (100, 0, 50, 100, 100, 100, 0, 0)
    assert figures(table[("海勃湾区", CERTIFIED)]) == (150, 0, 50, 150, 150, 98, 0, 0)
    assert figures(table[(CITY, CERTIFIED)]) == (400, 0, 150, 400, 400, 248, 0, 0)


def test_the_first_year_is_not_adjusted(tmp_path: Path) -> None:
    """2024 is the period's first year: no year of the period before it, so its targets stand
    (乌达区's deliberate blank is not turned into 40 t). Exit 2 with nothing on stdout, in
    both languages, and nothing written by --write."""
    folder = tmp_path / "progress"
    folder.mkdir()
    (folder / "2024.yaml").write_text("year: 2024\ndistrict: 海南区\n", encoding="utf-8")
    written = tmp_path / "targets.yaml"
    run = wuhai_on("adjust", folder, "--year", "2024", "--format", "json", "--write", written)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == ("2024 年是方案期的第一年，之前没有方案期内的年份可依据：2024 年的目标按方案执行，"
                          "不作调整（可调整 2025-2028 年）\n")
    assert not written.exists()
    english = wuhai_on("adjust", folder, "--year", "2024", "--lang", "en")
    assert (english.exit_code, english.stdout) == (2, "")
    assert english.stderr == ("2024 is the first year of the plan period: no year of the period "
                              "comes before it, so its targets stand as the plan gives them "
                              "(2025-2028 can be adjusted)\n")


def test_the_second_year_counts_the_blank_as_0(tmp_path: Path) -> None:
    """2025, based on 2024 (divisor 4): 乌达区's 2024 blank counts as 0 achieved against it:
    plan target 100, addition 100 − 0 = 100; even pace 0 + 200/4 = 50; adjusted 100."""
    folder = tmp_path / "progress"
    folder.mkdir()
    row = rows(adjust_json(folder, "--year", "2025"))[("乌达区", CERTIFIED)]
    assert (row["plan_target"], row["target_source"]) == (100, "plan")
    assert (row["even_pace"], row["adjusted_target"], row["plan_addition"]) == (50, 100, 100)


def test_final_year_2028(tmp_path: Path) -> None:
    """Y = 2028, based on 2027, divisor 1: even pace = the final target itself.
    海勃湾区: achieved 190 t → even pace 190 + 10/1 = 200; T2028 = 200; required 10;
      plan addition 200 − T2027 (150 + 2·50/3 = 550/3) = 50/3.
    海南区 名特优新: 5 listed, one more than T2028 = 4 → even pace 5 + max(4 − 5, 0)/1 = 5
      (held where it is, never asked for less than it has), adjusted max(4, 5) = 5,
      required 5 − 5 = 0.
    乌达区 名特优新: 1 → even pace 4, required 3; plan addition 4 − (2 + 4/3) = 2/3."""
    folder = tmp_path / "progress"
    write_report(folder, "2027-haibowan.yaml", 2027, "haibowan",
           cert("LB-1", "green_food", "2027-03-01", 190))
    write_report(folder, "2027-hainan.yaml", 2027, "hainan",
           *[cert(f"MT-HN-{n}", "famous_product", f"2027-0{n}-01") for n in range(1, 6)])
    write_report(folder, "2026-wuda.yaml", 2026, "wuda", cert("MT-WD-1", "famous_product",
                                                        "2026-05-01"))
    table = rows(adjust_json(folder, "--year", "2028"))
    assert figures(table[("海勃湾区", CERTIFIED)])[:6] == (200, 190, 200, 200, 10, six(F(50, 3)))
    assert figures(table[("海南区", FAMOUS)])[:6] == (4, 5, 5, 5, 0, six(F(2, 3)))
    assert figures(table[("乌达区", FAMOUS)])[:6] == (4, 1, 4, 4, 3, six(F(2, 3)))
    assert table[("海南区", FAMOUS)]["target_source"] == "plan"


@pytest.mark.parametrize("year", ["2029", "2023"])
def test_year_outside_the_plan_is_a_usage_error(tmp_path: Path, year: str) -> None:
    run = wuhai_on("adjust", tmp_path, "--year", year, "--format", "json")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert f"调整年份 {year} 不在方案期 2024-2028 内" in run.stderr
    assert "Traceback" not in run.stderr
    english = wuhai_on("adjust", tmp_path, "--year", year, "--lang", "en")
    assert english.exit_code == 2
    assert f"{year} lies outside the plan period 2024-2028" in english.stderr


# --- lapses (docs/definitions.md: expires in the year, not ended earlier, not renewed later) -----------


def lapsing_ids(folder: Path, district: str, year: int, indicator_id: str = CERTIFIED
                ) -> list[str]:
    records = metrics.lapsing(metrics.records_of(register_of(folder), area(district),
                                                 indicator(indicator_id)),
                              date(year, 1, 1), date(year, 12, 31))
    return [record.id for record in records]


def test_renewal_with_the_same_id_does_not_lapse(tmp_path: Path) -> None:
    """LB-A (2024-04-01, expires 2027-03-31) lapses in 2027 on its own; with a renewal LB-A of
    2027-03-15 (renews: LB-A) on file it does not, and the renewal runs to 2030-03-14."""
    folder = tmp_path / "progress"
    write_report(folder, "2024.yaml", 2024, "海南区", cert("LB-A", "green_food", "2024-04-01", 70))
    assert lapsing_ids(folder, "海南区", 2027) == ["LB-A"]
    run = wuhai_on("adjust", folder, "--year", "2027", "--format", "json")
    assert rows(run.json())[("海南区", CERTIFIED)]["lapsing_count"] == 1
    assert rows(run.json())[("海南区", CERTIFIED)]["lapsing_tonnes"] == 70
    write_report(folder, "2027.yaml", 2027, "海南区",
           cert("LB-A", "green_food", "2027-03-15", 70, renews="LB-A"))
    assert lapsing_ids(folder, "海南区", 2027) == []
    renewed = rows(wuhai_on("adjust", folder, "--year", "2027", "--format", "json").json())
    assert (renewed[("海南区", CERTIFIED)]["lapsing_count"],
            renewed[("海南区", CERTIFIED)]["lapsing_tonnes"]) == (0, 0)
    # the renewal is not a new award: achieved by 2026 stays 70
    assert renewed[("海南区", CERTIFIED)]["achieved"] == 70


def test_organic_renewed_every_year_under_the_same_id(tmp_path: Path) -> None:
    """OR-1 (organic, 1 year): 2024-03-01 → expires 2025-02-28, renewed 2025-02-20 → expires
    2026-02-19, renewed 2026-02-15 → expires 2027-02-14 with nothing after it.
    Nothing lapses in 2025 or 2026; the 2026 record lapses in 2027 (apply by 2026-11-14).
    Exactly one record is in force every day from 2024-03-01 to 2027-02-14, none after."""
    folder = tmp_path / "progress"
    write_report(folder, "2024.yaml", 2024, "海勃湾区", cert("OR-1", "organic", "2024-03-01", 5))
    write_report(folder, "2025.yaml", 2025, "海勃湾区",
           cert("OR-1", "organic", "2025-02-20", 5, renews="OR-1"))
    write_report(folder, "2026.yaml", 2026, "海勃湾区",
           cert("OR-1", "organic", "2026-02-15", 5, renews="OR-1"))
    held = register_of(folder)
    assert lapsing_ids(folder, "海勃湾区", 2025) == []
    assert lapsing_ids(folder, "海勃湾区", 2026) == []
    last = metrics.lapsing(metrics.records_of(held, area("海勃湾区")), date(2027, 1, 1),
                           date(2027, 12, 31))
    assert [(r.id, r.issued, r.expires) for r in last] == [
        ("OR-1", date(2026, 2, 15), date(2027, 2, 14))]
    assert metrics.apply_by(real_plan(), last[0]) == date(2026, 11, 14)
    for on_day, issued in [(date(2025, 2, 19), date(2024, 3, 1)),
                           (date(2025, 2, 20), date(2025, 2, 20)),
                           (date(2026, 2, 14), date(2025, 2, 20)),
                           (date(2026, 2, 15), date(2026, 2, 15)),
                           (date(2027, 2, 14), date(2026, 2, 15))]:
        in_force = metrics.in_force(held, area("海勃湾区"), ["organic"], on_day)
        assert [r.issued for r in in_force] == [issued], on_day
    assert metrics.in_force(held, area("海勃湾区"), ["organic"], date(2027, 2, 15)) == []
    count = metrics.stock(real_plan(), held, area("海勃湾区"), goal("organic_certificates"),
                          date(2026, 2, 15))
    assert count.value == 1
    # renewals are not new awards: 5 t achieved, not 15
    assert metrics.achieved(real_plan(), held, area("海勃湾区"), indicator(CERTIFIED),
                            date(2026, 12, 31)) == 5


def test_renewal_after_the_lapse_leaves_a_gap_in_stock(tmp_path: Path) -> None:
    """LB-GAP (green food, 2024-01-10) expires 2027-01-09; the renewal is only issued on
    2027-03-01. A later record renews it, so it is not listed as lapsing, but nothing is in
    force from 2027-01-10 to 2027-02-28: 22 days of January + 28 of February = 50 days.
    Stock (without a 2023 register the baseline block 1300 t of 海勃湾区 stays):
    1300 + 11 on 2027-01-09, 1300 during the gap, 1300 + 11 again from 2027-03-01."""
    folder = tmp_path / "progress"
    write_report(folder, "2024.yaml", 2024, "海勃湾区", cert("LB-GAP", "green_food", "2024-01-10", 11))
    write_report(folder, "2027.yaml", 2027, "海勃湾区",
           cert("LB-GAP", "green_food", "2027-03-01", 11, renews="LB-GAP"))
    held = register_of(folder)
    assert lapsing_ids(folder, "海勃湾区", 2027) == []
    days = [date(2027, 1, 1).fromordinal(date(2027, 1, 1).toordinal() + n) for n in range(90)]
    gap = [day for day in days
           if not metrics.in_force(held, area("海勃湾区"), ["green_food"], day)]
    assert len(gap) == 50
    assert (gap[0], gap[-1]) == (date(2027, 1, 10), date(2027, 2, 28))
    output_goal = goal("certified_output_stock")
    values = [metrics.stock(real_plan(), held, area("海勃湾区"), output_goal, day).value
              for day in (date(2027, 1, 9), date(2027, 1, 10), date(2027, 2, 28),
                          date(2027, 3, 1))]
    assert values == [1311, 1300, 1300, 1311]


def test_ended_before_expiry_does_not_lapse(tmp_path: Path) -> None:
    """LB-END (2024-05-01, expires 2027-04-30) ended on 2025-09-01: it stops then and does not
    lapse in 2027; it still counts as achieved (60 t)."""
    folder = tmp_path / "progress"
    write_report(folder, "2024.yaml", 2024, "乌达区", cert("LB-END", "green_food", "2024-05-01", 60))
    write_report(folder, "2025.yaml", 2025, "乌达区",
           ended="  - id: LB-END\n    date: 2025-09-01\n    reason: 企业停产\n")
    held = register_of(folder)
    assert lapsing_ids(folder, "乌达区", 2027) == []
    (record,) = held.certificates
    assert record.end == date(2025, 9, 1)
    row = rows(wuhai_on("adjust", folder, "--year", "2027", "--format", "json").json())
    assert (row[("乌达区", CERTIFIED)]["achieved"], row[("乌达区", CERTIFIED)]["lapsing_count"]) \
        == (60, 0)


def test_a_record_issued_and_lapsing_in_the_adjusted_year_is_not_listed(tmp_path: Path) -> None:
    """The adjustment for 2026 works from the data up to 31 Dec 2025. OR-IN (organic, 5 t),
    issued 2026-02-01 and expiring 2026-11-30, is issued and lapses in 2026: neither on the
    list nor in the figures. OR-BEFORE (8 t, 2025-03-01, expires 2026-02-28) is: 1
    certificate, 8 t, apply by 2025-11-28; achieved by 2025 is its 8 t alone."""
    folder = tmp_path / "progress"
    write_report(folder, "2025.yaml", 2025, "海南区", cert("OR-BEFORE", "organic", "2025-03-01", 8))
    write_report(folder, "2026.yaml", 2026, "海南区",
                 cert("OR-IN", "organic", "2026-02-01", 5, expires="2026-11-30"))
    document = adjust_json(folder, "--year", "2026", "--district", "海南区")
    assert [(e["id"], e["expires"], e["apply_by"]) for e in document["lapsing"]] == [
        ("OR-BEFORE", "2026-02-28", "2025-11-28")]
    row = rows(document)[("海南区", CERTIFIED)]
    assert (row["achieved"], row["lapsing_count"], row["lapsing_tonnes"]) == (8, 1, 8)
    assert "2026 年有 1 张证书到期且尚无续展记录；最早须在 2025-11-28 前申请续展（OR-BEFORE）" \
        in document["sentences"]
    held = metrics.adjust_row(real_plan(), register_of(folder), area("海南区"), indicator(CERTIFIED),
                              2026)
    assert [record.id for record in held.lapsing] == ["OR-BEFORE"]
    assert held.lapsing_amount == 8


def test_certificate_issued_on_29_february(tmp_path: Path) -> None:
    """Issued 2024-02-29: 2024-02-29 + 3 years is 1 Mar 2027 (no 29 Feb), minus one day:
    expires 2027-02-28, lapses in 2027, apply by 3 months earlier: 2026-11-28."""
    folder = tmp_path / "progress"
    write_report(folder, "2024.yaml", 2024, "海勃湾区",
           cert("LB-LEAP", "green_food", "2024-02-29", 7),
           cert("OR-LEAP", "organic", "2024-02-29", 3))
    held = register_of(folder)
    leap = next(r for r in held.certificates if r.id == "LB-LEAP")
    assert leap.expires == date(2027, 2, 28)
    organic = next(r for r in held.certificates if r.id == "OR-LEAP")
    assert organic.expires == date(2025, 2, 28)
    document = wuhai_on("adjust", folder, "--year", "2027", "--format", "json").json()
    assert [(e["id"], e["expires"], e["apply_by"]) for e in document["lapsing"]] == [
        ("LB-LEAP", "2027-02-28", "2026-11-28")]
    assert rows(document)[("海勃湾区", CERTIFIED)]["lapsing_tonnes"] == 7


def test_renewal_of_a_baseline_certificate_lapses_like_any_other(tmp_path: Path) -> None:
    """MT-NEW (2025-03-01) confirms MT-BASE, which no file holds (the baseline block): it is
    not a new listing, and it lapses on 2028-02-29 (2025-03-01 + 3 years − 1 day, a leap
    year), apply by 30 days earlier: 2028-01-30."""
    folder = tmp_path / "progress"
    write_report(folder, "2025.yaml", 2025, "海南区",
           cert("MT-NEW", "famous_product", "2025-03-01", renews="MT-BASE"))
    document = wuhai_on("adjust", folder, "--year", "2028", "--format", "json").json()
    row = rows(document)[("海南区", FAMOUS)]
    assert (row["achieved"], row["lapsing_count"], row["lapsing_tonnes"]) == (0, 1, None)
    assert [(e["id"], e["expires"], e["apply_by"]) for e in document["lapsing"]] == [
        ("MT-NEW", "2028-02-29", "2028-01-30")]


# --- apply-by dates -----------------------------------------------------------------------


def test_apply_by_green_food_and_famous_product(tmp_path: Path) -> None:
    """A 2023 register: LB-OLD (green food, 2023-06-01) expires 2026-05-31, apply by
    3 months earlier = 2026-02-28 (31 Feb does not exist: the month's last day);
    MT-OLD (名特优新, 2023-03-11) expires 2026-03-10, apply by 30 days earlier = 2026-02-08."""
    folder = tmp_path / "progress"
    write_report(folder, "2023.yaml", 2023, "海南区",
           cert("LB-OLD", "green_food", "2023-06-01", 830),
           cert("MT-OLD", "famous_product", "2023-03-11"))
    held = register_of(folder)
    by_id = {record.id: record for record in held.certificates}
    assert by_id["LB-OLD"].expires == date(2026, 5, 31)
    assert by_id["MT-OLD"].expires == date(2026, 3, 10)
    assert metrics.apply_by(real_plan(), by_id["LB-OLD"]) == date(2026, 2, 28)
    assert metrics.apply_by(real_plan(), by_id["MT-OLD"]) == date(2026, 2, 8)
    document = wuhai_on("adjust", folder, "--year", "2026", "--format", "json").json()
    assert [(e["id"], e["apply_by"]) for e in document["lapsing"]] == [
        ("MT-OLD", "2026-02-08"), ("LB-OLD", "2026-02-28")]
    table = rows(document)
    assert (table[("海南区", CERTIFIED)]["lapsing_count"],
            table[("海南区", CERTIFIED)]["lapsing_tonnes"]) == (1, 830)
    assert table[("海南区", FAMOUS)]["lapsing_count"] == 1
    # baseline certificates are not new awards
    assert table[("海南区", CERTIFIED)]["achieved"] == 0


# --- --write and status --targets ---------------------------------------------------------


def test_write_then_status_tracks_the_adjusted_targets(three_districts: Path,
                                                       tmp_path: Path) -> None:
    """The written file holds the adjusted targets of 2026 (乌达区 certified 580/3, 名特优新 4;
    city 10). `status --targets` uses them: 乌达区 certified target 193.333333
    (target_source adjusted); with 190 t achieved by the end of 2026 that is 190 ÷ 193.33 =
    0.983 → on_track, where the plan's 133.33 would say met."""
    written = tmp_path / "out" / "targets-2026.yaml"
    written.parent.mkdir()  # -o and --write create no folder (issue 12)
    run = wuhai_on("adjust", three_districts, "--year", "2026", "--write", written, "--format", "json")
    assert run.exit_code == 0, run.stderr
    run.json()  # stdout is the JSON alone; the "written to" line went to stderr
    assert str(written) in run.stderr
    adjusted, overrides = load_targets(real_plan(), written)
    assert (adjusted.year, adjusted.based_on) == (2026, 2025)
    # 580/3 written as JSON shows it, to 6 decimal places (the bound of a number in a file)
    assert overrides[("乌达区", CERTIFIED, 2026)] == six(F(580, 3)) == Decimal("193.333333")
    assert overrides[("乌达区", FAMOUS, 2026)] == 4
    assert overrides[(CITY, FAMOUS, 2026)] == 10
    assert len(overrides) == 8

    status = wuhai_on("status", three_districts, "--year", "2026", "--as-of", "2026-12-31",
                "--targets", written, "--format", "json")
    assert status.exit_code == 0, status.stderr
    document = status.json()
    table = rows(document)
    wuda = table[("乌达区", CERTIFIED)]
    assert (wuda["target"], wuda["target_source"], wuda["achieved"], wuda["status"]) == (
        six(F(580, 3)), "adjusted", 190, "on_track")
    assert (table[(CITY, FAMOUS)]["target"], table[(CITY, FAMOUS)]["target_source"]) == (
        10, "adjusted")
    assert any("2026" in note and str(written) in note and "调整" in note
               for note in document["notes"])
    plain_status = rows(wuhai_on("status", three_districts, "--year", "2026", "--as-of", "2026-12-31",
                           "--format", "json").json())
    assert (plain_status[("乌达区", CERTIFIED)]["target_source"],
            plain_status[("乌达区", CERTIFIED)]["status"]) == ("interpolated", "met")
    table_run = wuhai_on("status", three_districts, "--year", "2026", "--as-of", "2026-12-31",
                   "--targets", written, "--format", "markdown")
    assert "193.33†" in table_run.stdout


@pytest.fixture
def a_lapsed_product(tmp_path: Path) -> Path:
    """One 名特优新 product of 海南区 (2024), ended in 2025: the stock at the end of 2025 is
    11 + 0, what the plan still asks 12 − 1 = 11, projected 22 < 23, so the city needs
    ⌈1 / 3⌉ = 1 product more in 2026 than its districts: the goal extra."""
    folder = tmp_path / "progress"
    write_report(folder, "2024.yaml", 2024, "海南区", cert("MT-1", "famous_product", "2024-05-01"))
    write_report(folder, "2025.yaml", 2025, "海南区",
                 ended="  - id: MT-1\n    date: 2025-06-01\n    reason: 停产\n")
    return folder


@pytest.mark.parametrize("data", ["demo", "three_districts", "three_districts --district 海南区",
                                  "a_lapsed_product"])
def test_every_file_adjust_writes_passes_the_checks_of_a_targets_file(
        data: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Issue 11 §3: written, then read back by `status --targets` with every rule of a
    targets file: all areas (also when one district is shown), each figure within the bound,
    the city the sum of its districts plus its goal extra, counts whole."""
    name, *options = data.split()
    folder = DEMO if name == "demo" else request.getfixturevalue(name)
    written = tmp_path / "targets-2026.yaml"
    run = wuhai_on("adjust", folder, "--year", "2026", "--write", written, *options)
    assert run.exit_code == 0, run.stderr
    status = wuhai_on("status", folder, "--year", "2026", "--targets", written, "--format", "json")
    assert (status.exit_code, status.stderr) == (0, "")
    targets = {(row["district"], row["indicator"]): row["target"]
               for row in status.json()["rows"] if row["target_source"] == "adjusted"}
    assert len(targets) == 8
    for indicator_id in (CERTIFIED, FAMOUS):
        parts = sum(targets[(district, indicator_id)] for district in ("海勃湾区", "海南区", "乌达区"))
        extra = 1 if (name, indicator_id) == ("a_lapsed_product", FAMOUS) else 0
        assert targets[(CITY, indicator_id)] == parts + extra
    if name == "a_lapsed_product":
        assert written.read_text(encoding="utf-8").endswith(
            "goal_extra:\n  乌海市:\n    famous_products: 1\n")


def test_write_refuses_to_overwrite_without_force(three_districts: Path,
                                                  tmp_path: Path) -> None:
    written = tmp_path / "targets.yaml"
    written.write_text("keep me\n", encoding="utf-8")
    run = wuhai_on("adjust", three_districts, "--year", "2026", "--write", written)
    assert run.exit_code == 2
    assert "--force" in run.stderr
    assert written.read_text(encoding="utf-8") == "keep me\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file
    forced = wuhai_on("adjust", three_districts, "--year", "2026", "--write", written, "--force")
    assert forced.exit_code == 0, forced.stderr
    text = written.read_text(encoding="utf-8")
    assert "schema: wuhai-green/targets@1" in text
    assert "year: 2026" in text
    assert load_targets(real_plan(), written)[1][("海南区", FAMOUS, 2026)] == 3


@pytest.mark.parametrize(("lang", "first"), [
    ("zh", "# wuhai adjust --write 写出的 2026 年调整后累计目标（吨或个）。"),
    ("en", "# The adjusted cumulative targets of 2026 (tonnes or counts) written by "
           "`wuhai adjust --write`.")])
def test_the_written_targets_say_what_they_are_in_the_chosen_language(
        three_districts: Path, tmp_path: Path, lang: str, first: str) -> None:
    written = tmp_path / "targets.yaml"
    run = wuhai_on("adjust", three_districts, "--year", "2026", "--write", written, "--lang", lang)
    assert run.exit_code == 0, run.stderr
    lines = written.read_text(encoding="utf-8").splitlines()
    assert lines[0] == first
    assert lines[2] == "schema: wuhai-green/targets@1"


def test_help_mentions_write() -> None:
    run = wuhai("adjust", "--help")
    assert run.exit_code == 0
    assert "--write" in run.stdout and "--year" in run.stdout


def test_write_to_a_folder_is_a_usage_error(three_districts: Path, tmp_path: Path) -> None:
    run = wuhai_on("adjust", three_districts, "--year", "2026", "--write", tmp_path, "--force")
    assert run.exit_code == 2
    assert "是文件夹" in run.stderr


# --- the city asked for on its own ----------------------------------------------------------


def test_city_alone_keeps_its_lapsing_list_and_sentences(three_districts: Path) -> None:
    """The city row alone says 1 certificate (OR-WD-1, 8 t) lapses in 2026 and 156.67 t are
    needed against the plan's 66.67 t; the renewal calendar and the sentences must agree,
    not claim that every district is on plan."""
    document = adjust_json(three_districts, "--year", "2026", "--district", "乌海市")
    (certified, _famous) = document["rows"]
    assert (certified["lapsing_count"], certified["required_addition"]) == (1, six(F(470, 3)))
    assert [entry["id"] for entry in document["lapsing"]] == ["OR-WD-1"]
    assert not any("按方案原定任务推进即可" in sentence for sentence in document["sentences"])


def test_targets_file_unit_is_not_silently_ignored(three_districts: Path,
                                                   tmp_path: Path) -> None:
    """A targets file may say `unit: wan-t`: 0.02 万吨 is 200 t. Reading it as 0.02 t makes
    海南区 (150 t) 7500 × its target and `met`. Either refuse the unit (exit 2) or convert."""
    path = tmp_path / "targets.yaml"
    path.write_text("schema: wuhai-green/targets@1\nyear: 2026\nbased_on: 2025\nunit: wan-t\n"
                    "targets:\n  海南区:\n    certified_output: 0.02\n", encoding="utf-8")
    run = wuhai_on("status", three_districts, "--year", "2026", "--as-of", "2026-12-31",
             "--targets", path, "--district", "海南区", "--format", "json")
    if run.exit_code == 2:
        return
    row = rows(run.json())[("海南区", CERTIFIED)]
    assert (row["target"], row["status"]) == (200, "at_risk")


def test_a_count_on_the_plans_pace_is_not_called_behind() -> None:
    """Demo data, 2026: 海南区 and 乌达区 hold 2 名特优新 = T2025 each. The plan adds 2/3 of a
    product in 2026 (T2026 = 8/3), which a district makes as one product: adjusted
    ⌈8/3⌉ = 3, required 1 — the plan's own pace, so no sentence calls them behind. 海勃湾区
    holds 1: required 3 − 1 = 2, one more than the plan's pace. The sentence gives the plan's
    2/3 as the table shows it (0.67) and the whole product it is compared as (issue 10 §5)."""
    run = wuhai_on("adjust", DEMO, "--year", "2026", "--format", "json")
    document = run.json()
    famous = [s for s in document["sentences"] if "新增名特优新农产品需新增" in s]
    assert famous == ["海勃湾区：2026 年新增名特优新农产品需新增 2 个，比方案的 0.67 个"
                      "（按整数个计为 1 个）多 1 个"]
    (row,) = [r for r in document["rows"]
              if (r["district"], r["indicator"]) == ("海勃湾区", "famous_products")]
    assert (row["required_addition"], row["plan_addition"]) == (2, Decimal("0.666667"))
    table = wuhai_on("adjust", DEMO, "--year", "2026", "--format", "markdown").stdout
    assert "| 海勃湾区 | 2.67 | 1 | 2 | 3 | 2 | 0.67 | 0 |" in table


TARGETS = """\
schema: wuhai-green/targets@1
year: 2026
based_on: 2025
unit: t
targets:
  海勃湾区:
    certified_output: 180
    famous_products: 3
  海南区:
    certified_output: 200
    famous_products: 3
  乌达区:
    certified_output: 150.5
    famous_products: 2
  乌海市:
    certified_output: 530.5
    famous_products: 8
"""

# (the change to TARGETS, the one message of `status --targets` in English and in Chinese)
TARGETS_FAULTS = {
    "wrong schema": (("targets@1", "targets@2"),
                     "targets.yaml:1:9: schema must be wuhai-green/targets@1",
                     "targets.yaml:1:9: schema 应为 wuhai-green/targets@1"),
    "year outside the period": (("year: 2026\nbased_on: 2025", "year: 2029\nbased_on: 2028"),
                                "targets.yaml:2:7: year 2029 lies outside the plan's 2024-2028",
                                "targets.yaml:2:7: 年份 2029 不在方案期 2024-2028 内"),
    "unknown indicator": (("    famous_products: 3\n  乌达区",
                           "    famous_products: 3\n    famous_product: 3\n  乌达区"),
                          "targets.yaml:12:5: unknown indicator 'famous_product'; defined: "
                          "certified_output, famous_products",
                          "targets.yaml:12:5: 未知的指标“famous_product”；已定义：certified_output, "
                          "famous_products"),
    "unknown area": (("  乌海市:", "  海北区:\n    certified_output: 1\n  乌海市:"),
                     "targets.yaml:15:3: unknown area '海北区'",
                     "targets.yaml:15:3: 未知的地区“海北区”"),
    # issue 11 §3: the plan's checks
    "based_on not the year before": (
        ("based_on: 2025", "based_on: 2024"),
        "targets.yaml:3:11: based_on must be 2025, the year before 2026 (the adjusted targets "
        "of a year are based on the data up to the end of the year before)",
        "targets.yaml:3:11: based_on 应为 2025，即 year 2026 的前一年（某年的调整后目标依据的是"
        "上一年年底前的数据）"),
    "a district missing": (
        ("  乌达区:\n    certified_output: 150.5\n    famous_products: 2\n", ""),
        "targets.yaml:5:1: no adjusted targets for 乌达区: a targets file gives every area of "
        "the plan",
        "targets.yaml:5:1: 缺少 乌达区 的调整后目标：调整后目标文件应列出方案的每个地区"),
    "an indicator missing": (
        ("    certified_output: 200\n", ""),
        "targets.yaml:9:3: 海南区 has no adjusted target for certified_output",
        "targets.yaml:9:3: 海南区 缺少 certified_output 的调整后目标"),
    "the city not the sum": (
        ("certified_output: 530.5", "certified_output: 530.4"),
        "targets.yaml:16:23: 乌海市 certified_output: the total is 530.4, but its parts add up "
        "to 530.5",
        "targets.yaml:16:23: 乌海市 certified_output：合计应为 530.4，但下级各地区之和为 530.5"),
    "a district twice": (
        ("  乌达区:", "  乌达区:\n    certified_output: 150.5\n    famous_products: 2\n  wuda:"),
        "targets.yaml:15:3: 乌达区 is given twice (as 乌达区 and as wuda)",
        "targets.yaml:15:3: 乌达区 出现了两次（乌达区 和 wuda）"),
}


def status_with_targets(tmp_path: Path, text: str, lang: str) -> Run:
    """`wuhai status --year 2026 --targets targets.yaml` on no data (one report of 2024
    saying "nothing new"), in the folder tmp_path."""
    (tmp_path / "targets.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "progress").mkdir(exist_ok=True)
    (tmp_path / "progress" / "2024.yaml").write_text("year: 2024\ndistrict: 海南区\n",
                                                    encoding="utf-8")
    return wuhai_on("status", "progress", "--year", "2026", "--targets", "targets.yaml",
                    "--format", "json", "--lang", lang, cwd=tmp_path)


def test_a_targets_file_is_used_as_written(tmp_path: Path) -> None:
    """The file the faults below break: 海南区's 2026 targets 200 t and 3, marked adjusted."""
    run = status_with_targets(tmp_path, TARGETS, "en")
    assert (run.exit_code, run.stderr) == (0, "")
    table = rows(run.json())
    assert (table[("海南区", CERTIFIED)]["target"], table[("海南区", CERTIFIED)]["target_source"]) \
        == (200, "adjusted")
    assert (table[("海南区", FAMOUS)]["target"], table[("海南区", FAMOUS)]["target_source"]) == (
        3, "adjusted")


@pytest.mark.parametrize("name", TARGETS_FAULTS)
def test_a_broken_targets_file_is_refused_with_its_place(tmp_path: Path, name: str) -> None:
    (old, new), english, chinese = TARGETS_FAULTS[name]
    assert TARGETS.count(old) == 1
    for lang, message in (("en", english), ("zh", chinese)):
        run = status_with_targets(tmp_path, TARGETS.replace(old, new), lang)
        assert (run.exit_code, run.stdout, run.stderr) == (2, "", message + "\n")


def test_a_count_in_a_targets_file_is_whole(tmp_path: Path) -> None:
    """Half a product is no target: 海南区's 3 → 2.5 and the city's 8 → 7.5 (still the sum)."""
    text = TARGETS.replace("    famous_products: 3\n  乌达区", "    famous_products: 2.5\n  乌达区")
    run = status_with_targets(tmp_path, text.replace("famous_products: 8", "famous_products: 7.5"),
                              "en")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [
        "targets.yaml:11:22: famous_products counts whole items: 2.5 is not a whole number",
        "targets.yaml:17:22: famous_products counts whole items: 7.5 is not a whole number"]


def test_a_goal_extra_is_part_of_the_citys_sum(tmp_path: Path) -> None:
    """The city's extra additions for its goals (adjust's goal outlook) stand beside its
    districts': the city's target is their sum plus the extra."""
    text = TARGETS.replace("famous_products: 8", "famous_products: 10") + (
        "goal_extra:\n  乌海市:\n    famous_products: 2\n")
    run = status_with_targets(tmp_path, text, "en")
    assert (run.exit_code, run.stderr) == (0, "")
    assert rows(run.json())[(CITY, FAMOUS)]["target"] == 10
    run = status_with_targets(tmp_path, text.replace("乌海市:\n    famous_products: 2",
                                                     "乌海市:\n    famous_products: 1"), "en")
    assert (run.exit_code, run.stderr) == (2, "targets.yaml:17:22: 乌海市 famous_products: the "
                                              "total is 10, but its parts add up to 8 and "
                                              "goal_extra 1 to 9\n")
    run = status_with_targets(tmp_path, text.replace("goal_extra:\n  乌海市:", "goal_extra:\n  海南区:"),
                              "en")
    assert run.exit_code == 2
    assert "targets.yaml:19:3: 海南区 has no areas below it: goal_extra is for an area made of " \
        "districts\n" in run.stderr


def test_every_problem_of_a_targets_file_comes_at_once(tmp_path: Path) -> None:
    """Wrong schema, a year outside the period and an unknown area: three lines, by line."""
    text = TARGETS
    for name in ("wrong schema", "year outside the period", "unknown area"):
        (old, new), _, _ = TARGETS_FAULTS[name]
        text = text.replace(old, new)
    run = status_with_targets(tmp_path, text, "en")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [TARGETS_FAULTS[name][1] for name in (
        "wrong schema", "year outside the period", "unknown area")]


def test_targets_of_another_year_are_refused(three_districts: Path, tmp_path: Path) -> None:
    """Adjusted targets for 2026 cannot stand in for 2025's: exit 2 rather than a note that
    claims they are used while the plan's are."""
    path = tmp_path / "targets-2026.yaml"
    assert wuhai_on("adjust", three_districts, "--year", "2026", "--write", path).exit_code == 0
    run = wuhai_on("status", three_districts, "--year", "2025", "--targets", path, "--lang", "en")
    assert run.exit_code == 2
    assert run.stderr.strip() == f"{path} holds adjusted targets for 2026, not for 2025"
