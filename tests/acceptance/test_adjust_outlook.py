"""`wuhai adjust`: note 2 in full (docs/definitions.md), every figure worked by hand —
a district past its final target held where it is, the goal outlook, the city's extra
additions, the sentences that name the district or the goal.

Plan figures in tonnes: final (2028) targets 200 t per district, 4 名特优新 per district;
2027 targets interpolated: 海勃湾区 and 海南区 150 + 2·50/3 = 550/3, 乌达区 100 + 2·100/3 =
500/3; 名特优新 2 + 2·2/3 = 10/3 each. Adjusting 2027 works from the data up to 31 Dec 2026
with 2028 − 2026 = 2 years left. Goals: about 2500 t → lower edge 2250; at least 23;
about 5 organic → 4 (one item either side).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import pytest

from tests.harness import CITY, cert, rows_by_key, write_report, wuhai_on

CERTIFIED, FAMOUS = "certified_output", "famous_products"


def six(value: F) -> Decimal:
    """An exact fraction as JSON shows it: at most 6 decimal places, rounded half-even."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact if value.denominator == 1 else exact.quantize(Decimal("0.000001"),
                                                                rounding=ROUND_HALF_EVEN)


def adjust(progress: Path, *args: str) -> dict[str, Any]:
    run = wuhai_on("adjust", progress, "--year", "2027", "--format", "json", *args)
    assert run.exit_code == 0, run.stderr
    document: dict[str, Any] = run.json()
    return document


def outlook(document: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {item["goal"]: (item["stock"], item["lower"], item["remaining"], item["projected"],
                           item["shortfall"], item["extra"], item["lapsing_count"],
                           item["lapsing_amount"]) for item in document["goals_outlook"]}


@pytest.fixture
def blocks(tmp_path: Path) -> Path:
    """No register of 2023: the baseline blocks (2430 t, 11 名特优新) stand in.

    海勃湾区: OR-HBW-1 organic 5 t, 2026-03-01, expires 2027-02-28 (lapses in 2027);
      LB-HBW-B 100 t, 2025-06-01, renews LB-BASE that no file holds: it maintains the block
      (not in the stock on top of it, not a new award).
    海南区: LB-HN-1 340.5 t, 2025-03-01 (expires 2028-02-29): 340.5 t achieved by 2026, past
      its final target of 200 t.
    乌达区: MT-WD-1, 2024-05-01, expires 2027-04-30 (lapses in 2027).
    """
    folder = tmp_path / "progress"
    write_report(folder, "2025-haibowan.yaml", 2025, "海勃湾区",
                 cert("LB-HBW-B", "green_food", "2025-06-01", 100, renews="LB-BASE"))
    write_report(folder, "2026-haibowan.yaml", 2026, "海勃湾区",
                 cert("OR-HBW-1", "organic", "2026-03-01", 5))
    write_report(folder, "2025-hainan.yaml", 2025, "海南区",
                 cert("LB-HN-1", "green_food", "2025-03-01", "340.5"))
    write_report(folder, "2024-wuda.yaml", 2024, "乌达区",
                 cert("MT-WD-1", "famous_product", "2024-05-01"))
    return folder


def test_a_district_past_its_final_target_is_held_where_it_is(blocks: Path) -> None:
    """海南区, 340.5 t by 2026, final target 200: even pace 340.5 + max(200 − 340.5, 0)/2 =
    340.5 (once 340.5 + (200 − 340.5)/2 = 270.25, less than it has); adjusted
    max(550/3, 340.5) = 340.5; required 0. The city sums its districts: 海勃湾区
    max(550/3, 5 + 195/2) = 550/3, 海南区 340.5, 乌达区 max(500/3, 0 + 200/2) = 500/3."""
    table = rows_by_key(adjust(blocks))
    hainan = table[("海南区", CERTIFIED)]
    assert (hainan["achieved"], hainan["even_pace"], hainan["adjusted_target"],
            hainan["required_addition"]) == (F(681, 2), F(681, 2), F(681, 2), 0)
    city = table[(CITY, CERTIFIED)]
    assert city["adjusted_target"] == six(F(550, 3) + F(681, 2) + F(500, 3))
    assert city["adjusted_target"] >= city["achieved"]
    assert city["goal_extra"] == 0


def test_the_goal_outlook_with_the_baseline_blocks(blocks: Path) -> None:
    """Stock on 31 Dec 2026 and what the plan still asks of the districts:
    output: 2430 + 340.5 + 5 = 2775.5 (LB-HBW-B maintains the block); remaining
      (200 − 5) + 0 + 200 = 395; projected 3170.5 ≥ 2250: no shortfall; OR-HBW-1 (5 t)
      lapses in 2027.
    名特优新: 11 + 1 = 12; remaining 4 + 4 + 3 = 11; projected 23 = the lower edge; MT-WD-1
      lapses in 2027.
    organic: 1 (no block, no indicator: remaining 0); projected 1, shortfall 4 − 1 = 3,
      extra ⌈3/2⌉ = 2; OR-HBW-1 lapses."""
    document = adjust(blocks)
    assert outlook(document) == {
        "certified_output_stock": (F(5551, 2), 2250, 395, F(6341, 2), 0, 0, 1, 5),
        "famous_products_stock": (12, 23, 11, 23, 0, 0, 1, 1),
        "organic_certificates": (1, 4, 0, 1, 3, 2, 1, 1),
    }
    assert [item["lapsing"] for item in document["goals_outlook"]] == [
        ["OR-HBW-1"], ["MT-WD-1"], ["OR-HBW-1"]]
    assert [item["baseline_block"] for item in document["goals_outlook"]] == [2430, 11, None]


def test_the_outlook_sentences_name_the_goal_and_claim_nothing_uncomputed(blocks: Path) -> None:
    sentences = adjust(blocks)["sentences"]
    assert (
        "全市绿色食品产量稳定在2500吨左右：2026 年底存量 2775.5 吨，加上方案尚需的新增 395 吨，"
        "预计 3170.5 吨，不低于区间下沿 2250 吨（假定到期证书都续展）；存量中有 1 项证书（5 吨）在 "
        "2027 年到期且尚无续展记录，若不续展，预计降至 3165.5 吨，仍不低于区间下沿") in sentences
    assert (
        "名特优新农产品数量增加到23个以上：2026 年底存量 12 个，加上方案尚需的新增 11 个，"
        "预计 23 个，不低于区间下沿 23 个（假定到期证书都续展）；存量中有 1 项在 2027 年到期且"
        "尚无续展记录，若不续展，预计降至 22 个，比区间下沿少 1 个") in sentences
    assert (
        "有机农产品认证保持在5个左右：预计 1 个（2026 年底存量 1 个，方案没有对应的新增任务），"
        "比区间下沿 4 个少 3 个；全市 2027 年需另外新增 2 个；存量中有 1 项在 2027 年到期且"
        "尚无续展记录，若不续展，预计降至 0 个，比区间下沿少 4 个") in sentences
    assert not any("各区" in sentence for sentence in sentences)
    assert not any("建设目标" in sentence and "即可" in sentence for sentence in sentences)


def test_the_baseline_block_is_said_with_the_year_it_turns_over(blocks: Path) -> None:
    english = wuhai_on("adjust", blocks, "--year", "2027", "--lang", "en", "--format", "json")
    sentences = english.json()["sentences"]
    assert ("By the end of 2026 every certificate of 2023 will have expired or been renewed, so "
            "the block no longer stands for what is in force; a register of 2023 (a progress "
            "file of year: 2023) makes the stock and goal figures exact.") in sentences
    assert any(sentence.startswith("No register of 2023 certificates for Haibowan District, "
                                   "Hainan District, Wuda District") for sentence in sentences)


@pytest.fixture
def short_of_the_goals(tmp_path: Path) -> Path:
    """A register of 2023 in 海南区 (LB-OLD 100 t, 2023-06-01, expired 2026-05-31): its block
    is replaced, the others' stay (output 1300 + 300 = 1600 t, 名特优新 4 + 4 = 8)."""
    folder = tmp_path / "progress"
    write_report(folder, "2023-hainan.yaml", 2023, "海南区",
                 cert("LB-OLD", "green_food", "2023-06-01", 100))
    return folder


def test_the_city_row_carries_the_extra_the_goals_need(short_of_the_goals: Path) -> None:
    """Output: stock 1600, remaining 600, projected 2200 < 2250: shortfall 50, extra 50/2 =
    25 t. 名特优新: 8 + 12 = 20 < 23: shortfall 3, extra ⌈3/2⌉ = 2. Organic: 0, extra 2.
    The districts achieved nothing: even pace 200/2 = 100 < their 2027 targets, so the city's
    adjusted target is 550/3 + 550/3 + 500/3 = 1600/3, plus 25 = 1675/3 = 558.333333, and so
    is the required addition; 名特优新 ⌈10/3⌉ = 4 each, 12 + 2 = 14. The city keeps the
    plan's own target (T2027 = 400 + 2·200/3 = 1600/3) and addition."""
    document = adjust(short_of_the_goals)
    assert outlook(document) == {
        "certified_output_stock": (1600, 2250, 600, 2200, 50, 25, 0, 0),
        "famous_products_stock": (8, 23, 12, 20, 3, 2, 0, 0),
        "organic_certificates": (0, 4, 0, 0, 4, 2, 0, 0),
    }
    table = rows_by_key(document)
    certified, famous = table[(CITY, CERTIFIED)], table[(CITY, FAMOUS)]
    assert (certified["plan_target"], certified["adjusted_target"], certified["required_addition"],
            certified["goal_extra"]) == (six(F(1600, 3)), six(F(1675, 3)), six(F(1675, 3)), 25)
    assert (famous["plan_target"], famous["adjusted_target"], famous["required_addition"],
            famous["goal_extra"]) == (10, 14, 14, 2)
    assert all(row["goal_extra"] == 0 for (area, _), row in table.items() if area != CITY)
    assert ("乌海市 2027 年新增绿色有机食品认证的调整后目标和需新增中含建设目标所需的额外新增 25 吨"
            "（见建设目标展望）") in document["sentences"]
    assert ("全市绿色食品产量稳定在2500吨左右：预计 2200 吨（2026 年底存量 1600 吨 加方案尚需的新增 "
            "600 吨），比区间下沿 2250 吨少 50 吨；全市 2027 年需在各区调整后任务之外再新增 25 吨，"
            "已计入全市新增绿色有机食品认证的调整后目标") in document["sentences"]


def test_written_targets_hold_the_citys_extra(short_of_the_goals: Path, tmp_path: Path) -> None:
    written = tmp_path / "targets-2027.yaml"
    run = wuhai_on("adjust", short_of_the_goals, "--year", "2027", "--write", written)
    assert run.exit_code == 0, run.stderr
    text = written.read_text(encoding="utf-8")
    # 6 decimal places, the city the sum of its districts as written plus its goal extra
    # (183.333333 + 183.333333 + 166.666667 + 25), which is named apart (issue 11 §3)
    assert "  乌海市:\n    certified_output: 558.333333\n    famous_products: 14\n" in text
    assert text.endswith("goal_extra:\n  乌海市:\n    certified_output: 25\n"
                         "    famous_products: 2\n")


def test_one_district_asked_is_named_not_every_district(tmp_path: Path) -> None:
    """海南区 on the plan's own pace (150 t by 2025, T2026 = 500/3 = its even pace): the
    sentence names 海南区 rather than "各区", and the goal outlook is still the city's."""
    folder = tmp_path / "progress"
    write_report(folder, "2024.yaml", 2024, "海南区", cert("LB-1", "green_food", "2024-03-01", 100),
                 cert("MT-1", "famous_product", "2024-04-01"))
    write_report(folder, "2025.yaml", 2025, "海南区", cert("LB-2", "green_food", "2025-03-01", 50),
                 cert("MT-2", "famous_product", "2025-04-01"))
    run = wuhai_on("adjust", folder, "--year", "2026", "--district", "hainan", "--format", "json")
    document = run.json()
    assert document["sentences"][0] == "海南区：按方案原定的新增即可达到 2026 年调整后目标"
    assert [item["goal"] for item in document["goals_outlook"]] == [
        "certified_output_stock", "famous_products_stock", "organic_certificates"]
    english = wuhai_on("adjust", folder, "--year", "2026", "--district", "hainan", "--lang", "en",
                       "--format", "json").json()
    assert english["sentences"][0] == ("Hainan District: the plan's own additions reach the "
                                       "adjusted targets for 2026")


def test_the_outlook_table(short_of_the_goals: Path) -> None:
    run = wuhai_on("adjust", short_of_the_goals, "--year", "2027", "--format", "markdown")
    lines = run.stdout.splitlines()
    start = lines.index("### 2027 年建设目标展望（依据截至 2026 年底的数据）")
    assert lines[start + 2:start + 7] == [
        "| 目标 | 2026 年底存量 | 区间下沿 | 方案尚需新增 | 预计存量 | 缺口 | 2027 需额外新增 "
        "| 2027 年到期 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        "| 全市绿色食品产量稳定在2500吨左右 | 1600 | 2250 | 600 | 2200 | 50 | 25 | 0 张 / 0 |",
        "| 名特优新农产品数量增加到23个以上 | 8 | 23 | 12 | 20 | 3 | 2 | 0 |",
        "| 有机农产品认证保持在5个左右 | 0 | 4 | — | 0 | 4 | 2 | 0 |",
    ]
