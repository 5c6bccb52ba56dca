"""The plan file encodes the seed document exactly (附件1, 附件2, 附件3 and sections 二 to 五).

The tables (ANNEX_1, ANNEX_2 in tests/harness.py) are transcribed from
/work/shared/source/wuhai-green-brand-plan-2023.txt, digit for digit as printed. Tonnes
figures are printed in 万吨: 1 万吨 = 10000 t.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.harness import ANNEX_1, ANNEX_2_CELLS, generated_plan, write
from wuhai_green.core.measures import Measure, measure_of
from wuhai_green.core.problems import DataError
from wuhai_green.load.plan import load_plan, shipped_plan_path
from wuhai_green.model.plan import Area, Plan

CITY = "乌海市"
DISTRICTS = ["海勃湾区", "海南区", "乌达区"]


def area_named(plan: Plan, name: str) -> Area:
    found = plan.find_area(name)
    assert found is not None, name
    return found


def in_base_unit(indicator: str, printed: str) -> Decimal:
    """万吨 → tonnes for certified_output (× 10000); counts stay counts."""
    return Decimal(printed) * 10000 if indicator == "certified_output" else Decimal(printed)


# --- the document's figures -----------------------------------------------------------


def test_area_tree_is_the_city_and_its_three_districts(plan: Plan) -> None:
    assert plan.root.name == CITY
    assert [area.name for area in plan.districts] == DISTRICTS
    assert [area.aliases for area in plan.districts] == [["haibowan"], ["hainan"], ["wuda"]]


def test_indicator_units(plan: Plan) -> None:
    """certified_output is written in 万吨 (10000 t each); famous_products is a count."""
    output = plan.indicators["certified_output"]
    famous = plan.indicators["famous_products"]
    assert output.unit == "wan-t"
    assert plan.tonnes_per_unit(output) == Decimal(10000)
    assert plan.tonnes_per_unit(famous) is None
    assert measure_of(plan, output) is Measure.OUTPUT and measure_of(plan, famous) is Measure.COUNT


@pytest.mark.parametrize(("area", "output_wan_t", "famous"), ANNEX_1)
def test_annex_1_baselines_as_printed(plan: Plan, area: str, output_wan_t: str, famous: str) -> None:
    node = area_named(plan, area)
    assert str(node.baseline["certified_output"]) == output_wan_t  # digits kept, no float
    assert node.baseline["certified_output"] == Decimal(output_wan_t)
    assert node.baseline["famous_products"] == Decimal(famous)


@pytest.mark.parametrize(("area", "output_wan_t", "famous"), ANNEX_1)
def test_annex_1_baselines_in_tonnes(plan: Plan, area: str, output_wan_t: str, famous: str) -> None:
    """E.g. 海南区 0.083 万吨 = 830 t; 乌海市 0.243 万吨 = 2430 t."""
    node = area_named(plan, area)
    output, count = plan.indicators["certified_output"], plan.indicators["famous_products"]
    assert plan.baseline(node, output) == Decimal(output_wan_t) * 10000
    assert plan.baseline(node, count) == Decimal(famous)


def test_annex_1_baselines_in_tonnes_by_hand(plan: Plan) -> None:
    """0.243 万吨 = 2430 t, 0.13 = 1300 t, 0.083 = 830 t, 0.03 = 300 t (1300+830+300 = 2430)."""
    output = plan.indicators["certified_output"]
    tonnes = [plan.baseline(area_named(plan, name), output) for name in [CITY, *DISTRICTS]]
    assert tonnes == [Decimal(2430), Decimal(1300), Decimal(830), Decimal(300)]


@pytest.mark.parametrize(("area", "indicator", "year", "printed"), ANNEX_2_CELLS)
def test_annex_2_targets_as_printed(plan: Plan, area: str, indicator: str, year: int,
                                    printed: str | None) -> None:
    value = area_named(plan, area).targets[indicator][year]
    if printed is None:
        assert value is None
    else:
        assert value == Decimal(printed)
        if indicator == "certified_output":
            assert str(value) == printed  # "0.0100" stays "0.0100": read from the text


@pytest.mark.parametrize(("area", "indicator", "year", "printed"), ANNEX_2_CELLS)
def test_annex_2_targets_in_tonnes(plan: Plan, area: str, indicator: str, year: int,
                                   printed: str | None) -> None:
    value = plan.milestone_target(area_named(plan, area), plan.indicators[indicator], year)
    assert value == (None if printed is None else in_base_unit(indicator, printed))


def test_annex_2_tonnes_by_hand(plan: Plan) -> None:
    """海勃湾区 2024: 0.0052 万吨 = 52 t; 海南区 2024: 0.0100 万吨 = 100 t; city 2024: 152 t;
    city 2025: 0.04 万吨 = 400 t; city 2028: 0.06 万吨 = 600 t."""
    output = plan.indicators["certified_output"]
    assert plan.milestone_target(area_named(plan, "海勃湾区"), output, 2024) == Decimal(52)
    assert plan.milestone_target(area_named(plan, "海南区"), output, 2024) == Decimal(100)
    city = [plan.milestone_target(plan.root, output, year) for year in (2024, 2025, 2028)]
    assert city == [Decimal(152), Decimal(400), Decimal(600)]


def test_wuda_2024_blank_is_none_not_zero(plan: Plan) -> None:
    wuda = area_named(plan, "wuda")
    output = plan.indicators["certified_output"]
    assert wuda.targets["certified_output"][2024] is None
    assert plan.milestone_target(wuda, output, 2024) is None
    assert plan.milestone_target(wuda, output, 2025) == Decimal(100)  # 0.01 万吨


def test_milestones_and_period(plan: Plan) -> None:
    period = plan.data.period
    assert (period.baseline_year, period.start, period.end) == (2023, 2024, 2028)
    assert period.milestones == [2024, 2025, 2028]


def test_figures_are_decimals_so_sums_are_exact(plan: Plan) -> None:
    """0.0052 + 0.0100 (+ blank) = 0.0152 exactly; with floats it is 0.015200000000000001."""
    output = "certified_output"
    parts = [area_named(plan, name).targets[output][2024] or Decimal(0) for name in DISTRICTS]
    assert all(isinstance(part, Decimal) for part in parts)
    assert sum(parts, Decimal(0)) == plan.root.targets[output][2024] == Decimal("0.0152")


# --- goals, rules, certificates, tasks, experts ---------------------------------------


def test_goals(plan: Plan) -> None:
    """二、建设目标: about 2500 t green food, at least 23 名特优新, about 5 organic."""
    goals = {goal.id: goal for goal in plan.data.goals}
    assert list(goals) == ["certified_output_stock", "famous_products_stock", "organic_certificates"]
    output = goals["certified_output_stock"]
    assert (output.value, output.band, output.unit) == (Decimal(2500), "about", "t")
    assert output.certificate_types == ["green_food", "organic"]
    famous = goals["famous_products_stock"]
    assert (famous.value, famous.band, famous.unit) == (Decimal(23), "at_least", "count")
    assert famous.certificate_types == ["famous_product"]
    organic = goals["organic_certificates"]
    assert (organic.value, organic.band, organic.unit) == (Decimal(5), "about", "count")
    assert organic.certificate_types == ["organic"]


def test_validity_years_and_renewal_leads(plan: Plan) -> None:
    """附件2 注2: green food 3 years, 名特优新 3 years; organic 1 year (rules)."""
    kinds = plan.certificate_types
    assert {kind: kinds[kind].validity_years for kind in kinds} == {
        "green_food": 3, "organic": 1, "famous_product": 3}
    assert (kinds["green_food"].renewal_lead.months, kinds["green_food"].renewal_lead.days) == (3, 0)
    assert (kinds["famous_product"].renewal_lead.months,
            kinds["famous_product"].renewal_lead.days) == (0, 30)


def test_thresholds_and_band(plan: Plan) -> None:
    rules = plan.data.rules
    assert rules.status_thresholds.on_track == Decimal("0.95")
    assert rules.status_thresholds.at_risk == Decimal("0.6")
    assert rules.about_band == Decimal("0.1")


def test_document_header(plan: Plan) -> None:
    document = plan.data.document
    assert document.title == "关于打造乌海市绿色有机品牌的工作方案"
    assert document.issuer == "乌海市农牧局"
    assert document.date == date(2023, 8, 28)
    assert document.recipients == "各区农牧水务局"
    assert document.contact is not None
    assert (document.contact.name, document.contact.phone) == ("李世华", "0473-8992172")


def test_task_due_date_and_recipient(plan: Plan) -> None:
    """四（一）: 各区于10月15日前 … 上报乌海市农畜产品质量安全中心 (2023)."""
    tasks = {task.id: task for task in plan.data.tasks}
    assert [task.section for task in plan.data.tasks] == ["四（一）", "四（二）", "四（三）"]
    first = tasks["brand_plan"]
    assert first.due == date(2023, 10, 15)
    assert first.recipient == "乌海市农畜产品质量安全中心"
    assert first.owner == "各区"


def test_layout_of_the_districts(plan: Plan) -> None:
    """三、重点布局."""
    layouts = {area.name: area.layout for area in plan.districts}
    assert layouts["海勃湾区"] is not None and layouts["海勃湾区"].products == ["葡萄", "葡萄酒"]
    assert layouts["海南区"] is not None and layouts["海南区"].products == ["蛋鸡", "育肥猪"]
    assert layouts["乌达区"] is not None and layouts["乌达区"].products == ["草莓", "葡萄"]
    assert layouts["海勃湾区"].base_type == "绿色有机产品基地"
    assert layouts["海南区"].base_type == layouts["乌达区"].base_type == "绿色产品基地"


def test_exchange_meeting_rotates_over_the_districts(plan: Plan) -> None:
    """五（三）: 每年选择1个区开展1次经验交流座谈会, a part of the measure, which stands once."""
    publicity = {measure.id: measure for measure in plan.data.measures}["publicity"]
    meeting = {part.id: part for part in publicity.parts}["exchange_meeting"]
    assert meeting.frequency is not None
    assert (meeting.frequency.per_year, meeting.frequency.hosts) == (1, 1)
    assert meeting.frequency.rotation == "children"
    assert [m.id for m in plan.data.measures] == ["expert_team", "duties", "publicity", "sampling"]
    assert [m.section for m in plan.data.measures] == ["五（一）", "五（二）", "五（三）", "五（四）"]


def test_experts_annex_3(plan: Plan) -> None:
    assert [(e.name, e.organization, e.title) for e in plan.data.experts] == [
        ("郝贵宾", "自治区农畜产品质量安全中心", "高级农艺师"),
        ("赵丽君", "乌海市农畜产品质量安全中心", "推广研究院"),
        ("赵海东", "乌海市畜牧兽医中心", "高级兽医师"),
        ("李世华", "乌海市农畜产品质量安全中心", "高级农艺师"),
        ("王伯琛", "乌海市农畜产品质量安全中心", "农艺师"),
    ]


def test_find_area_by_name_or_alias(plan: Plan) -> None:
    assert area_named(plan, "HAINAN").name == "海南区"  # aliases are case-insensitive
    assert area_named(plan, "海南区").name == "海南区"
    assert plan.find_area("海南") is None


# --- the shipped copy -----------------------------------------------------------------


def test_shipped_plan_is_byte_identical(repo_root: Path, plan_path: Path) -> None:
    shipped = repo_root / "src" / "wuhai_green" / "data" / "plan.yaml"
    assert shipped.read_bytes() == plan_path.read_bytes()
    assert shipped_plan_path().read_bytes() == plan_path.read_bytes()


# --- other plans load unchanged: 300 districts, another city, nested regions ----------


def line_of(text: str, needle: str) -> int:
    """1-based line where the unique `needle` starts (after any newlines it begins with)."""
    assert text.count(needle) == 1, needle
    start = text.index(needle) + len(needle) - len(needle.lstrip("\n"))
    return text.count("\n", 0, start) + 1


def test_generated_plan_with_300_districts_loads(tmp_path: Path) -> None:
    """Baselines sum to (1+…+300)/1000 = 45150/1000 = 45.15 万吨; 2030 targets to
    2·45150/10000 = 9.03 万吨; famous_products 2030: 300 × 2 = 600."""
    plan = load_plan(write(tmp_path, "plan.yaml", generated_plan(blank={(7, 2027)})))
    assert len(plan.districts) == 300
    assert [area.name for area in plan.districts[:2]] == ["D001", "D002"]
    assert plan.districts[-1].name == "D300"
    output, famous = plan.indicators["certified_output"], plan.indicators["famous_products"]
    assert plan.root.baseline["certified_output"] == Decimal("45.15")
    assert plan.root.targets["certified_output"][2030] == Decimal("9.03")
    assert plan.milestone_target(plan.root, famous, 2030) == Decimal(600)
    d150 = area_named(plan, "d150")
    assert plan.baseline(d150, output) == Decimal(1500)  # 0.150 万吨
    assert plan.milestone_target(d150, output, 2027) == Decimal(150)  # 0.0150 万吨
    assert plan.milestone_target(area_named(plan, "D007"), output, 2027) is None
    assert plan.data.period.milestones == [2027, 2030]


def test_generated_plan_with_a_wrong_sum_names_the_city_figure(tmp_path: Path) -> None:
    """City 2027 = 45150/10000 − 7/10000 (D007 blank) + 0.0001 ≠ the sum of its parts."""
    text = generated_plan(blank={(7, 2027)}, city_offset=Decimal("0.0001"))
    path = write(tmp_path, "plan.yaml", text)
    with pytest.raises(DataError) as caught:
        load_plan(path)
    errors = caught.value.errors
    assert [e.key for e in errors] == ["plan.sum_mismatch"]
    assert errors[0].line == line_of(text, "\n    certified_output: {2027")
    assert errors[0].params["total"] == Decimal("4.5143")  # (45150 − 7) / 10000
    notes = [p for p in caught.value.problems if p.severity == "note"]
    # a note per district, 300: the first 49 after the error are listed, the rest counted
    # in one note of their own (at most 50 problems of a file, issue 11 §3)
    assert len(notes) == 50
    assert (notes[-1].key, notes[-1].params) == ("problems.more", {"count": 251, "errors": 0})


def test_another_city_with_two_districts_and_its_own_milestones(tmp_path: Path) -> None:
    """Milestones 2025 and 2027 in a period 2025-2027: 甲区 1/10000, 乙区 2/10000 万吨 at
    2025 → city 3/10000 万吨 = 3 t."""
    text = generated_plan([("甲区", ["jia"]), ("乙区", ["yi"])], city="示例市", baseline_year=2024,
                          start=2025, end=2027, milestones=(2025, 2027))
    plan = load_plan(write(tmp_path, "plan.yaml", text))
    assert plan.root.name == "示例市"
    assert [area.name for area in plan.districts] == ["甲区", "乙区"]
    output = plan.indicators["certified_output"]
    assert plan.milestone_target(plan.root, output, 2025) == Decimal(3)
    assert plan.milestone_target(area_named(plan, "yi"), output, 2027) == Decimal(4)  # 0.0004 万吨
    assert plan.data.period.milestones == [2025, 2027]


def nested_region(city_b_extra: str = "0") -> str:
    """A region of two cities with two districts each: the roll-up is checked at every node."""
    return f"""\
schema: wuhai-green/plan@1
document: {{title: 区域方案, issuer: 农牧厅, date: 2023-08-01}}
period: {{baseline_year: 2023, start: 2024, end: 2028, milestones: [2028]}}
units: {{count: {{zh: 个, en: ""}}}}
indicators:
  - {{id: famous_products, zh: 新增名特优新农产品, en: famous, unit: count,
     certificate_types: [famous_product]}}
certificate_types:
  - {{id: famous_product, zh: 名特优新农产品, en: famous, validity_years: 3,
     renewal_lead: {{days: 30}}}}
area:
  name: 自治区
  baseline: {{famous_products: 10}}
  targets: {{famous_products: {{2028: 10}}}}
  children:
    - name: 甲市
      baseline: {{famous_products: 3}}
      targets: {{famous_products: {{2028: 3}}}}
      children:
        - {{name: 甲一区, baseline: {{famous_products: 1}}, targets: {{famous_products: {{2028: 1}}}}}}
        - {{name: 甲二区, baseline: {{famous_products: 2}}, targets: {{famous_products: {{2028: 2}}}}}}
    - name: 乙市
      baseline: {{famous_products: 7}}
      targets: {{famous_products: {{2028: 7}}}}
      children:
        - {{name: 乙一区, baseline: {{famous_products: 3}}, targets: {{famous_products: {{2028: 3}}}}}}
        - name: 乙二区
          baseline: {{famous_products: 4}}
          targets: {{famous_products: {{2028: {city_b_extra}}}}}
rules: {{status_thresholds: {{on_track: 0.95, at_risk: 0.6}}, about_band: 0.1}}
"""


def test_nested_region_rolls_up_at_every_node(tmp_path: Path) -> None:
    """3 + 7 = 10 at the region; 1 + 2 = 3 and 3 + 4 = 7 at the cities."""
    plan = load_plan(write(tmp_path, "plan.yaml", nested_region("4")))
    assert [area.name for area in plan.districts] == ["甲一区", "甲二区", "乙一区", "乙二区"]


def test_nested_region_sum_checked_at_the_middle_node(tmp_path: Path) -> None:
    """乙一区 3 + 乙二区 5 = 8 ≠ 乙市 7 (the region's 3 + 7 = 10 still holds)."""
    text = nested_region("5")
    with pytest.raises(DataError) as caught:
        load_plan(write(tmp_path, "plan.yaml", text))
    [error] = caught.value.errors
    assert error.key == "plan.sum_mismatch"
    assert error.params["area"] == "乙市"
    assert error.params["total"] == Decimal(8)
    assert error.line == line_of(text, "      targets: {famous_products: {2028: 7}}")
