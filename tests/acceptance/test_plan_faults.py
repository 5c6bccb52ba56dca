"""One broken plan per fault (tests/data/plans/*.yaml), each data/plan.yaml with one change.

Every row names the fault file, where the error must point (the line holding `line_text`,
the column where `at` starts in that line), the message key, a part of the message in
Chinese and in English, and every other problem the change brings (`also`: key, line,
column), so the problems found are exactly these. `wuhai validate --plan F` must exit 2
and print `F:line:col: message` on stderr, one line per problem.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.harness import FAULTY_PLANS, DataError, load_plan, plan_with, wuhai

pytestmark = pytest.mark.usefixtures("workdir")  # outside the repository: paths print whole


@dataclass(frozen=True)
class Fault:
    file: str
    line_text: str  # unique in the file; the error is on the line where it ends
    at: str  # the error's column is where this starts in that line
    key: str
    zh: str
    en: str
    also: tuple[tuple[str, int, int], ...] = ()  # the other problems: key, line, column

    @property
    def path(self) -> Path:
        return FAULTY_PLANS / self.file

    def place(self) -> tuple[int, int]:
        text = self.path.read_text(encoding="utf-8")
        assert text.count(self.line_text) == 1, f"{self.line_text!r} is not unique in {self.file}"
        end = text.index(self.line_text) + len(self.line_text)
        line = text.count("\n", 0, end) + 1
        line_text = text.splitlines()[line - 1]
        return line, line_text.index(self.at) + 1


# the notes of a sum over the 2025 column of certified_output: one per district's figure
NOTES_2025 = (("plan.sum_part", 118, 48), ("plan.sum_part", 131, 48), ("plan.sum_part", 144, 46))

FAULTS = [
    # 海南区 2025 certified_output 0.015 → 0.016: 0.015 + 0.016 + 0.01 = 0.041 ≠ 乌海市 0.04
    Fault("sum_mismatch.yaml", "certified_output: {2024: 0.0152, 2025: 0.04,", "0.04,",
          "plan.sum_mismatch", "合计应为 0.04，但下级各地区之和为 0.041",
          "the total is 0.04, but its parts add up to 0.041", also=NOTES_2025),
    # 海勃湾区 2025 0.015 → 0.004, below its 2024 target 0.0052 (and the city's 0.04 no longer
    # its districts' 0.029)
    Fault("decreasing.yaml", "2025: 0.004,", "0.004", "plan.decreasing",
          "2025 年累计目标 0.004 小于 2024 年的 0.0052；累计目标不能减少",
          "cumulative target 0.004 for 2025 is below 0.0052 for 2024; cumulative targets never "
          "decrease", also=(("plan.sum_mismatch", 104, 44), *NOTES_2025)),
    # 海南区's baseline then lacks certified_output
    Fault("unknown_indicator.yaml", "certified_outptu: 0.083", "certified_outptu",
          "plan.unknown_indicator", "未知的指标“certified_outptu”；已定义：certified_output, famous_products",
          "unknown indicator 'certified_outptu'; defined: certified_output, famous_products",
          also=(("plan.missing_indicator", 128, 9),)),
    Fault("unknown_certificate_type.yaml", "[green_food, organik]", "organik", "plan.unknown_type",
          "未知的证书类型“organik”", "unknown certificate type 'organik'"),
    # and every target of 4 areas × 2 indicators lacks its 2029 figure
    Fault("milestone_outside.yaml", "milestones: [2024, 2025, 2028, 2029]", "2029",
          "plan.milestone_outside", "节点年份 2029 不在规划期 2024-2028 内",
          "milestone year 2029 lies outside the period 2024-2028",
          also=tuple(("plan.missing_milestone", line, column) for line, column in [
              (104, 23), (105, 22), (118, 27), (119, 26), (131, 27), (132, 26), (144, 27),
              (145, 26)])),
    # 海勃湾区's 2028 figure written as 2027: 2028 then lacks its figure
    Fault("not_a_milestone.yaml", "2027: 0.02}", "2027", "plan.not_a_milestone",
          "2027 不是节点年份（节点：2024, 2025, 2028）",
          "2027 is not a milestone year (milestones: 2024, 2025, 2028)",
          also=(("plan.missing_milestone", 118, 27),)),
    Fault("unknown_unit.yaml", "unit: wan-tt", "wan-tt", "plan.unknown_unit",
          "未知的单位“wan-tt”；已定义：t, wan-t, count", "unknown unit 'wan-tt'; defined: t, wan-t, count"),
    # the `count:` entry of `units:` removed: famous_products' unit is unknown
    Fault("missing_units_entry.yaml", "quality and new products\n    unit: count", "count",
          "plan.unknown_unit", "未知的单位“count”；已定义：t, wan-t",
          "unknown unit 'count'; defined: t, wan-t",
          also=(("plan.unknown_unit", 80, 11), ("plan.unknown_unit", 88, 11))),
    Fault("duplicate_alias.yaml", "Wuda District\n      aliases: [hainan]", "hainan",
          "plan.duplicate_name", "地区名称或别名“hainan”重复", "duplicate area name or alias 'hainan'"),
    Fault("no_such_date.yaml", "date: 2023-08-32", "2023-08-32", "field.no_such_date",
          "“date”：日期 2023-08-32 不存在", "'date': there is no date 2023-08-32"),
    Fault("bad_date_format.yaml", "due: 2023/10/15", "2023/10/15", "field.date",
          "“due”应为 YYYY-MM-DD 格式的日期（如 2025-06-15），实际是“2023/10/15”",
          "'due' must be a date written YYYY-MM-DD (such as 2025-06-15), not '2023/10/15'"),
    Fault("non_numeric_baseline.yaml", "certified_output: 12吨", "12吨", "field.number",
          "“certified_output”应为数字（如 120 或 0.5），实际是“12吨”",
          "'certified_output' must be a number such as 120 or 0.5, not '12吨'"),
    Fault("non_numeric_target.yaml", "{2024: 0.0052万吨,", "0.0052万吨", "field.number",
          "应为数字（如 120 或 0.5），实际是“0.0052万吨”",
          "must be a number such as 120 or 0.5, not '0.0052万吨'"),
    Fault("negative_count.yaml", "validity_years: -1", "-1", "field.negative",
          "“validity_years”不能为负数：-1", "'validity_years' must not be negative: -1"),
    Fault("wrong_schema.yaml", "schema: wuhai-green/plan@2", "wuhai-green/plan@2", "schema.one_of",
          "“schema”的值“wuhai-green/plan@2”无效", "'schema' is 'wuhai-green/plan@2'; expected"),
    # messages with a parameter named `key` (once a TypeError in t(key, ...), exit 3)
    # 海勃湾区 baseline: a second `certified_output: 0.14` after `certified_output: 0.13`
    Fault("duplicate_key.yaml", "certified_output: 0.14", "certified_output", "yaml.duplicate_key",
          "键“certified_output”重复出现", "duplicate key 'certified_output'"),
    Fault("unknown_key_hint.yaml", "isuer_en:", "isuer_en", "schema.unknown_key_hint",
          "未知的键“isuer_en”；是否应为“issuer_en”？", "unknown key 'isuer_en'; did you mean 'issuer_en'?"),
    # inside a district (a list item of a recursive model): 海勃湾区 layout `prodcts`
    Fault("unknown_key_hint_nested.yaml", "prodcts: [葡萄", "prodcts", "schema.unknown_key_hint",
          "未知的键“prodcts”；是否应为“products”？", "unknown key 'prodcts'; did you mean 'products'?",
          also=(("schema.missing", 111, 9),)),
    Fault("unknown_key.yaml", "distribution: 各区农牧水务局", "distribution", "schema.unknown_key",
          "未知的键“distribution”；可用的键：contact, date, issuer, issuer_en, recipients, title, title_en",
          "unknown key 'distribution'; expected one of: contact, date, issuer, issuer_en, recipients, "
          "title, title_en"),
    # the period's end 2028 → 2029: its last year is no milestone
    Fault("no_final_milestone.yaml", "milestones: [2024, 2025, 2028]", "[2024",
          "plan.no_final_milestone", "规划期末年 2029 必须是节点年份",
          "the period's last year 2029 must be a milestone"),
    # baseline_year 2023 → 2024, the first year of the period (the baseline must come before)
    Fault("baseline_year_is_start.yaml", "baseline_year: 2024", "baseline_year", "plan.bad_period",
          "规划期不合理：基期 2024，起止 2024-2028（应为 基期 < 起始 ≤ 结束）",
          "bad period: baseline 2024, 2024-2028 (need baseline < start <= end)"),
    # the city's 2024 certified_output 0.0152 → null over its districts' 0.0052 + 0.0100 + null:
    # a blank total is no total, and each district's 2024 figure gets its note
    Fault("blank_city_figure.yaml", "certified_output: {2024: null, 2025: 0.04,", "null",
          "plan.sum_mismatch", "合计应为 —，但下级各地区之和为 0.0152",
          "the total is —, but its parts add up to 0.0152",
          also=(("plan.sum_part", 118, 34), ("plan.sum_part", 131, 34), ("plan.sum_part", 144, 34))),
    # the id of the second certificate type, organic → green_food: then organic is unknown to
    # the indicator and the two goals that name it
    Fault("duplicate_type_id.yaml", "{renewal_lead: renewal_lead}\n  - id: green_food", "green_food",
          "plan.duplicate_id", "编号“green_food”重复", "duplicate id 'green_food'",
          also=(("plan.unknown_type", 41, 37), ("plan.unknown_type", 73, 37),
                ("plan.unknown_type", 90, 25),
                ("plan.unknown_type", 172, 5),  # the shape of organic numbers (rules:)
                # the synonyms of organic, whose id is gone
                ("plan.unknown_code", 360, 10), ("plan.unknown_code", 361, 7))),
    # the id of the second indicator, famous_products → certified_output: then every
    # famous_products figure of the 4 areas (baseline and targets) names an unknown indicator
    Fault("duplicate_indicator_id.yaml", "[green_food, organic]\n  - id: certified_output",
          "certified_output", "plan.duplicate_id", "编号“certified_output”重复",
          "duplicate id 'certified_output'",
          also=tuple(("plan.unknown_indicator", line, column) for line, column in [
              (102, 5), (105, 5), (116, 9), (119, 9), (129, 9), (132, 9), (142, 9), (145, 9)])),
    # a `source:` naming a decision that `rules.sources` lacks, or a field the item lacks
    Fault("unknown_rule.yaml", "source: {owner: task_owner}", "task_owner", "plan.unknown_rule",
          "依据“task_owner”不在 rules.sources 中；已有：status_thresholds, about_band",
          "the source 'task_owner' is not in rules.sources; defined: status_thresholds, "
          "about_band"),
    Fault("unknown_field.yaml", "source: {deu: brand_plan_due_year}", "deu", "plan.unknown_field",
          "“deu”不是这一项的字段，无法标注依据", "'deu' is not a field of this item"),
    # the id of the third goal, organic_certificates → famous_products_stock
    Fault("duplicate_goal_id.yaml", "band: at_least         # 以上\n  - id: famous_products_stock",
          "famous_products_stock", "plan.duplicate_id", "编号“famous_products_stock”重复",
          "duplicate id 'famous_products_stock'"),
    # issue 11 §3: plan values in range and in order, each at its own line
    Fault("validity_zero.yaml", "validity_years: 0", "0", "plan.bad_validity",
          "“validity_years”应为 1 到 100 之间的年数，实际是 0",
          "'validity_years' must be from 1 to 100 years, not 0"),
    Fault("validity_too_long.yaml", "validity_years: 101", "101", "plan.bad_validity",
          "“validity_years”应为 1 到 100 之间的年数，实际是 101",
          "'validity_years' must be from 1 to 100 years, not 101"),
    # organic: 1 year, applied for 12 months (372 days) ahead
    Fault("renewal_lead_too_long.yaml", "renewal_lead: {months: 12}", "{months", "plan.lead_too_long",
          "organic 的续展提前期（12 个月 0 天，每月按 31 天计）不短于有效期 1 年：续展应在有效期内申请",
          "the renewal lead of organic (12 months 0 days, a month counted as 31 days) is not "
          "shorter than its 1-year validity: a renewal is applied for within the validity"),
    Fault("at_risk_not_below_on_track.yaml", "at_risk: 0.95", "0.95", "plan.bad_thresholds",
          "状态阈值须满足 0 < at_risk < on_track ≤ 1：at_risk 为 0.95，on_track 为 0.95",
          "the status thresholds need 0 < at_risk < on_track <= 1: at_risk is 0.95, on_track 0.95"),
    Fault("at_risk_zero.yaml", "at_risk: 0", "0", "plan.bad_thresholds",
          "at_risk 为 0，on_track 为 0.95", "at_risk is 0, on_track 0.95"),
    Fault("on_track_above_one.yaml", "on_track: 1.05", "1.05", "plan.bad_thresholds",
          "at_risk 为 0.6，on_track 为 1.05", "at_risk is 0.6, on_track 1.05"),
    Fault("about_band_one.yaml", "about_band: 1", "1", "plan.bad_band",
          "about_band 应不小于 0 且小于 1（“左右”的幅度是目标值的一部分）：1",
          "about_band must be at least 0 and below 1 (the band of \"about\" is a share of the "
          "goal): 1"),
    # a negative band is refused by its field, at the same place
    Fault("about_band_negative.yaml", "about_band: -0.1", "-0.1", "field.negative",
          "“about_band”不能为负数：-0.1", "'about_band' must not be negative: -0.1"),
]


def ids(faults: list[Fault]) -> list[str]:
    return [fault.file.removesuffix(".yaml") for fault in faults]


def test_every_fault_file_is_in_the_table() -> None:
    assert sorted(path.name for path in FAULTY_PLANS.glob("*.yaml")) == sorted(f.file for f in FAULTS)


@pytest.mark.parametrize("fault", FAULTS, ids=ids(FAULTS))
def test_fault_file_is_the_real_plan_with_one_change(fault: Fault, plan_path: Path) -> None:
    """So the error found is the fault's and nothing else's (regenerate if the plan changes)."""
    real = plan_path.read_text(encoding="utf-8").splitlines()
    broken = fault.path.read_text(encoding="utf-8").splitlines()
    changes = [op for op in difflib.SequenceMatcher(a=real, b=broken, autojunk=False).get_opcodes()
               if op[0] != "equal"]
    assert len(changes) == 1, changes


@pytest.mark.parametrize("fault", FAULTS, ids=ids(FAULTS))
def test_fault_is_found_at_its_place(fault: Fault) -> None:
    """The fault at its place, and nothing but the problems it brings along."""
    with pytest.raises(DataError) as caught:
        load_plan(fault.path)
    places = sorted((p.key, p.line, p.column) for p in caught.value.problems)
    assert places == sorted([(fault.key, *fault.place()), *fault.also])


@pytest.mark.parametrize(("fault", "lang"), [
    pytest.param(fault, lang, id=f"{fault.file.removesuffix('.yaml')}-{lang}")
    for fault in FAULTS for lang in ("zh", "en")])
def test_validate_reports_fault_with_file_line_column(fault: Fault, lang: str) -> None:
    exit_code, stdout, stderr = wuhai("validate", "--plan", fault.path, "--lang", lang)
    line, column = fault.place()
    prefix = f"{fault.path}:{line}:{column}: "
    expected = fault.zh if lang == "zh" else fault.en
    assert exit_code == 2
    assert stdout == ""
    matching = [text for text in stderr.splitlines() if text.startswith(prefix)]
    assert any(expected in text for text in matching), stderr
    printed = sorted(text.split(": ", 1)[0] for text in stderr.splitlines())
    assert printed == sorted(f"{fault.path}:{line}:{column}"
                             for _, line, column in [(fault.key, *fault.place()), *fault.also])


def test_sum_mismatch_names_the_city_total_and_each_part() -> None:
    """海勃湾区 0.015 + 海南区 0.016 + 乌达区 0.01 = 0.041, but 乌海市 says 0.04: the error is on
    the city's figure, and a note points at each district's figure, 海南区's included."""
    path = FAULTY_PLANS / "sum_mismatch.yaml"
    text = path.read_text(encoding="utf-8").splitlines()
    hainan_line = next(n for n, line in enumerate(text, 1) if "2025: 0.016" in line)
    hainan_column = text[hainan_line - 1].index("0.016") + 1
    city_line = next(n for n, line in enumerate(text, 1) if "2025: 0.04," in line)

    exit_code, _, stderr = wuhai("validate", "--plan", path, "--lang", "en")

    assert exit_code == 2
    lines = stderr.splitlines()
    assert lines[0] == (f"{path}:{city_line}:{text[city_line - 1].index('0.04,') + 1}: 乌海市 "
                        "certified_output 2025: the total is 0.04, but its parts add up to 0.041")
    assert (f"{path}:{hainan_line}:{hainan_column}: note: 海南区 2025 is 0.016, counted in the total "
            "of 乌海市 (0.04 expected, 0.041 found)") in lines
    assert len(lines) == 4  # the error and one note per district


def test_sum_mismatch_in_chinese_marks_notes() -> None:
    path = FAULTY_PLANS / "sum_mismatch.yaml"
    exit_code, _, stderr = wuhai("validate", "--plan", path)
    assert exit_code == 2
    notes = [line for line in stderr.splitlines() if ": 说明: " in line]
    assert [note.split(": 说明: ")[1].split(" ")[0] for note in notes] == ["海勃湾区", "海南区", "乌达区"]


def test_missing_units_entry_reports_every_reference(plan_path: Path) -> None:
    """Without `count` in units, famous_products and two goals (23 products, 5 organic) refer
    to an unknown unit: three problems, one per reference."""
    with pytest.raises(DataError) as caught:
        load_plan(FAULTY_PLANS / "missing_units_entry.yaml")
    assert [(p.key, p.params["unit"]) for p in caught.value.errors] == [("plan.unknown_unit", "count")] * 3


def test_milestone_outside_also_asks_for_its_targets() -> None:
    """A 2029 milestone lacks a target in each of 4 areas × 2 indicators."""
    with pytest.raises(DataError) as caught:
        load_plan(FAULTY_PLANS / "milestone_outside.yaml")
    keys = [p.key for p in caught.value.errors]
    assert keys.count("plan.milestone_outside") == 1
    assert keys.count("plan.missing_milestone") == 8


def test_all_problems_of_a_file_come_together(tmp_path: Path, plan_path: Path) -> None:
    """Two independent faults in one file: both reported in one pass, sorted by line."""
    text = plan_path.read_text(encoding="utf-8")
    text = text.replace("  date: 2023-08-28", "  date: 2023-02-30", 1)
    text = text.replace("validity_years: 1\n", "validity_years: one\n", 1)
    broken = tmp_path / "plan.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_plan(broken)
    assert [p.key for p in caught.value.errors] == ["field.no_such_date", "field.count"]
    lines = [p.line or 0 for p in caught.value.errors]
    assert lines == sorted(lines) and 0 not in lines


@pytest.mark.parametrize(("change", "line", "message"), [
    # the yearly confirmation is one year long: its lead is shorter
    (("[famous_product]\n    renewal_lead: {days: 30}",
      "[famous_product]\n    renewal_lead: {days: 365}"), 159,
     "the renewal lead of yearly_confirmation (0 months 365 days, a month counted as 31 days) "
     "is not shorter than its 1-year validity: a renewal is applied for within the validity"),
    # leads and validities no calendar holds (once a date beyond 9999 and exit 3)
    (("validity_years: 1\n    renewal_lead: {months: 3}",
      "validity_years: 1\n    renewal_lead: {months: 999999999999}"), 59,
     "the renewal lead of organic (999999999999 months 0 days, a month counted as 31 days) "
     "is not shorter than its 1-year validity: a renewal is applied for within the validity"),
    (("validity_years: 1\n", "validity_years: 999999999999\n"), 58,
     "'validity_years' must be from 1 to 100 years, not 999999999999"),
    # the largest lead within a year: 11 months and 23 days (11 × 31 + 23 = 364)
    (("validity_years: 1\n    renewal_lead: {months: 3}",
      "validity_years: 1\n    renewal_lead: {months: 11, days: 23}"), None, None),
    (("validity_years: 1\n    renewal_lead: {months: 3}",
      "validity_years: 1\n    renewal_lead: {months: 11, days: 24}"), 59,
     "the renewal lead of organic (11 months 24 days, a month counted as 31 days) is not "
     "shorter than its 1-year validity: a renewal is applied for within the validity"),
    # the edges of the thresholds and the band that are allowed
    (("on_track: 0.95\n    at_risk: 0.6", "on_track: 1\n    at_risk: 0.000001"), None, None),
    (("about_band: 0.1", "about_band: 0.999999"), None, None),
    (("about_band: 0.1", "about_band: 0"), None, None),
])
def test_a_plan_value_out_of_range_is_refused_at_its_line(
        tmp_path: Path, change: tuple[str, str], line: int | None, message: str | None) -> None:
    """Issue 11 §3: validity, renewal leads, thresholds and the band in range and order."""
    plan = plan_with(tmp_path, change)
    (tmp_path / "progress").mkdir()
    exit_code, stdout, stderr = wuhai("validate", "--plan", plan, "--progress",
                                      tmp_path / "progress", "--lang", "en")
    if message is None:  # the only word: the progress folder is empty
        assert (exit_code, "plan.yaml" in stderr) == (0, False), stderr
        return
    assert (exit_code, stdout) == (2, "")
    assert [text.split(": ", 1)[0].rsplit(":", 1)[0] for text in stderr.splitlines()] == [
        f"{plan.name}:{line}"]
    assert stderr.endswith(f": {message}\n")
