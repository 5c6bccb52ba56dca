"""`wuhai gap` on the demo data (examples/demo), the figures worked by hand.

海南区 at 31 Dec 2025: new awards LB-HN-2401 120 t (2024-03-15, expires 2027-03-14) and
LB-HN-2501 60 t (2025-06-15, expires 2028-06-14); 名特优新 MT-HN-2401 (2024-06-01, expires
2027-05-31) and MT-HN-2501 (2025-10-10, expires 2028-10-09). Nothing renews them, so all
four lapse before the end of 2028.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.harness import DEMO, plan_with, rows_by_key, wuhai_on

CERTIFIED = "certified_output"
FAMOUS = "famous_products"
GAP_KEYS = ["district", "indicator", "unit", "milestone", "target", "target_source", "achieved",
            "gap", "years_left", "per_year", "projected", "lapsing_count", "lapsing_amount",
            "lapsing"]


def gap(*args: str) -> Any:
    run = wuhai_on("gap", DEMO, *args)
    assert run.exit_code == 0, run.stderr
    return run


def gap_json(*args: str) -> Any:
    return gap("--format", "json", *args).json()


def test_gap_json_shape() -> None:
    document = gap_json("--district", "海南区", "--year", "2025")
    assert list(document)[:5] == ["schema", "year", "as_of", "rows", "sentences"]
    assert document["schema"] == "wuhai-green/gap@1"
    assert (document["year"], document["as_of"]) == (2025, "2025-12-31")
    for row in document["rows"]:
        assert list(row)[:len(GAP_KEYS)] == GAP_KEYS


def test_hainan_2025_figures() -> None:
    """Only the 2028 milestone is ahead at 31 Dec 2025 (3 years left: 2026, 2027, 2028).
    certified_output: target 200, achieved 120 + 60 = 180, gap 20, 20/3 = 6.666667 a year,
    lapsing LB-HN-2401 + LB-HN-2501 = 2 certificates, 180 t.
    famous_products: target 4, achieved 2, gap 2, in whole products ⌈2/3⌉ = 1 a year (issue 10
    §5: a count's requirement is whole), lapsing 2."""
    document = gap_json("--district", "海南区", "--year", "2025")
    assert [(r["district"], r["indicator"], r["milestone"]) for r in document["rows"]] == [
        ("海南区", CERTIFIED, 2028), ("海南区", FAMOUS, 2028)]
    rows = rows_by_key(document)
    certified, famous = rows[("海南区", CERTIFIED)], rows[("海南区", FAMOUS)]
    assert (certified["unit"], certified["target"], certified["target_source"],
            certified["achieved"], certified["gap"], certified["years_left"],
            certified["per_year"], certified["lapsing_count"], certified["lapsing_amount"]) == (
        "t", 200, "plan", 180, 20, 3, Decimal("6.666667"), 2, 180)
    assert certified["lapsing"] == ["LB-DEMO-HN-2401", "LB-DEMO-HN-2501"]
    assert (famous["unit"], famous["target"], famous["achieved"], famous["gap"],
            famous["years_left"], famous["per_year"], famous["lapsing_count"]) == (
        "count", 4, 2, 2, 3, 1, 2)
    assert famous["lapsing"] == ["MT-DEMO-HN-2401", "MT-DEMO-HN-2501"]


def test_hainan_2025_sentences_in_chinese() -> None:
    """20 t over 3 years → 6.67 t a year (shown with 2 places); 2 products in 3 years → 1 a
    year in whole products, table and sentence alike."""
    sentences = gap_json("--district", "hainan", "--year", "2025")["sentences"]
    assert len(sentences) == 2
    assert sentences[0].startswith("海南区 需在 2028 年底前新增绿色有机食品认证 20 吨，平均每年 6.67 吨")
    assert "2 张证书（180 吨）" in sentences[0]
    assert sentences[1].startswith("海南区 需在 2028 年底前新增名特优新农产品 2 个，按整数个计每年 1 个")
    table = gap("--district", "hainan", "--year", "2025", "--format", "markdown").stdout
    assert "- " + sentences[0] in table
    assert "| 海南区 | 2028 | 200 | 180 | 20 | 3 | 6.67 |" in table
    assert "| 海南区 | 2028 | 4 | 2 | 2 | 3 | 1 |" in table


def test_hainan_2025_sentences_in_english() -> None:
    sentences = gap_json("--district", "hainan", "--year", "2025", "--lang", "en")["sentences"]
    assert sentences[0].startswith(
        "Hainan District must add 20 t (Newly certified green and organic food output) by the "
        "end of 2028, 6.67 t a year")
    assert "2 certificates (180 t)" in sentences[0]
    assert sentences[1].startswith(
        "Hainan District must add 2 (Newly listed famous, special, quality and new products) "
        "by the end of 2028, 1 a year in whole products")
    for sentence in sentences:
        assert "  " not in sentence and " )" not in sentence and "()" not in sentence
        assert not any("\u4e00" <= char <= "\u9fff" for char in sentence)


def test_every_district_then_the_city_on_30_june_2025() -> None:
    """At 30 Jun 2025 the 2025 milestone is still ahead (1 year left, 2025 itself) and 2028
    has 4 years left. 乌海市 certified 2025: 400 − (80 + 180 + 33) = 107 in 1 year;
    2028: 600 − 293 = 307 over 4 years = 76.75 a year."""
    document = gap_json("--year", "2025", "--as-of", "2025-06-30")
    assert [(r["district"], r["indicator"], r["milestone"]) for r in document["rows"]] == [
        (district, indicator, milestone)
        for district in ("海勃湾区", "海南区", "乌达区", "乌海市")
        for indicator in (CERTIFIED, FAMOUS) for milestone in (2025, 2028)]
    city = [r for r in document["rows"] if r["district"] == "乌海市" and r["indicator"] == CERTIFIED]
    assert [(r["gap"], r["years_left"], r["per_year"]) for r in city] == [
        (107, 1, 107), (307, 4, Decimal("76.75"))]
    wuda = [r for r in document["rows"] if r["district"] == "乌达区" and r["indicator"] == CERTIFIED]
    # blank 2024 target does not matter here: 100 − 33 = 67; 200 − 33 = 167, 167/4 = 41.75
    assert [(r["target"], r["gap"], r["per_year"]) for r in wuda] == [
        (100, 67, 67), (200, 167, Decimal("41.75"))]
    # met milestones have gap 0 and the met sentence
    hainan = next(r for r in document["rows"]
                  if (r["district"], r["indicator"], r["milestone"]) == ("海南区", CERTIFIED, 2025))
    assert (hainan["gap"], hainan["per_year"]) == (0, 0)
    assert "海南区 已完成 2025 年新增绿色有机食品认证目标" in document["sentences"]


def test_no_milestone_ahead_at_the_end_of_the_plan() -> None:
    document = gap_json("--year", "2028", "--lang", "en")
    assert document["rows"] == []
    assert document["sentences"] == ["No milestone is ahead: the plan ended in 2028"]


def test_gap_refuses_bad_usage() -> None:
    for args in (("--year", "2029"), ("--year", "2025", "--district", "nowhere")):
        run = wuhai_on("gap", DEMO, *args)
        assert run.exit_code == 2, args
        assert run.stdout == ""
        assert run.stderr.strip()


def test_the_projection_at_the_pace_so_far() -> None:
    """Demo data taken at 31 Dec 2025: D(31 Dec 2025) = 731 days since 31 Dec 2023, D(2028)
    = 1827. 海勃湾区 80 t → 80 × 1827/731 = 199.945280; 海南区 180 t → 449.876881; the city
    343 t → 857.265390; 名特优新 海勃湾区 1 → 2.499316, 海南区 2 → 4.998632."""
    rows = rows_by_key(gap_json("--year", "2025"))
    assert [(key, rows[key]["projected"]) for key in [
        ("海勃湾区", CERTIFIED), ("海南区", CERTIFIED), ("乌海市", CERTIFIED),
        ("海勃湾区", FAMOUS), ("海南区", FAMOUS)]] == [
        (("海勃湾区", CERTIFIED), Decimal("199.945280")),
        (("海南区", CERTIFIED), Decimal("449.876881")),
        (("乌海市", CERTIFIED), Decimal("857.265390")),
        (("海勃湾区", FAMOUS), Decimal("2.499316")),
        (("海南区", FAMOUS), Decimal("4.998632"))]


def test_the_sentence_says_where_the_pace_so_far_leads() -> None:
    """At this pace 海勃湾区 reaches 199.95 of 200 t by 2028 (a gap remains: the sentence
    says so); 海南区's projection of 449.88 t is beside a gap of 20 t all the same."""
    english = gap_json("--year", "2025", "--lang", "en")["sentences"]
    assert english[0] == (
        "Haibowan District must add 120 t (Newly certified green and organic food output) by "
        "the end of 2028, 40 t a year; at this pace Haibowan District reaches 199.95 t of 200 t "
        "by 2028; 3 certificates (80 t) lapse before the end of 2028 and must be renewed")
    chinese = gap_json("--year", "2025")["sentences"]
    assert "；按目前进度，海南区 到 2028 年底可达 449.88 吨（目标 200 吨）；" in chinese[2]
    table = gap("--year", "2025", "--format", "markdown").stdout
    assert "| 地区 | 节点年 | 累计目标 | 已完成 | 差距 | 剩余年数 | 年均需新增 | 按当前进度 | 期间到期 |" \
        in table


def test_lapses_of_counts_need_a_renewal_unless_yearly_confirmation_is_on(tmp_path: Path) -> None:
    """The words 年度确认 appear only where the optional yearly confirmation rule is on."""
    off = gap_json("--district", "hainan", "--year", "2025")["sentences"][1]
    assert off.endswith("；另有 2 项将在 2028 年底前到期，需续展")
    plan = plan_with(tmp_path, ("    enabled: false\n", "    enabled: true\n"))
    run = wuhai_on("gap", DEMO, "--district", "hainan", "--year", "2025", "--format", "json",
                   plan_path=plan)
    assert run.json()["sentences"][1].endswith("；另有 2 项将在 2028 年底前到期，需续展或年度确认")
