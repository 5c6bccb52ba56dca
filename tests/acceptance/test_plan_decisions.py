"""What the document says, and what this project decided (issue 13 §2): every value the
plan document does not state is a decision with its reason and source in `rules.sources`,
marked as one by `wuhai plan` in both languages (〔决定n〕 / [Dn], with the table of
decisions as the legend); the plan's notes 注1 and 注2, the recipients and the contact;
the detail of every task and measure; 五（三） once, with its parts; 附件1 headed as a stock.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from tests.harness import real_plan, wuhai

pytestmark = pytest.mark.usefixtures("workdir")  # the shipped plan, in an empty folder

# The decisions in the order of `rules.sources`, with the places whose values they decide.
DECISIONS = [
    ("status_thresholds", ["rules.status_thresholds"]),
    ("about_band", ["rules.about_band"]),
    ("about_min_items", ["rules.about_min_items"]),
    ("organic_validity", ["certificate_types.organic.validity_years"]),
    ("renewal_lead", ["certificate_types.green_food.renewal_lead",
                      "certificate_types.organic.renewal_lead"]),
    ("famous_product_lead", ["certificate_types.famous_product.renewal_lead"]),
    ("yearly_confirmation", ["rules.yearly_confirmation"]),
    ("goal_organic_output", ["goals.certified_output_stock.certificate_types"]),
    ("brand_plan_due_year", ["tasks.brand_plan.due"]),
    ("task_owners", ["tasks.market_linkage.owner", "tasks.brand_building.owner"]),
    ("measure_owners", ["measures.expert_team.owner", "measures.publicity.owner",
                        "measures.sampling.owner"]),
    ("meeting_rotation", ["measures.publicity.parts.exchange_meeting.frequency.rotation"]),
    ("division_codes", ["rules.division_codes"]),
    ("certificate_numbers", ["rules.certificate_numbers"]),
]


def plan_text(*args: str) -> str:
    run = wuhai("plan", *args)
    assert (run.exit_code, run.stderr) == (0, "")
    return run.stdout


def table(markdown: str, title: str) -> list[list[str]]:
    """The rows of the markdown table under `### title`, as lists of cells."""
    lines = [re.sub(r"^### (.*)$", lambda m: "### " + re.sub(r"\\(.)", r"\1", m.group(1)), line)
             for line in markdown.splitlines()]
    start = lines.index(f"### {title}") + 2
    found = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
        # markdown escapes the punctuation of link syntax (issue 12): read it as text
        found.append([re.sub(r"\\([\[\]()!|\\])", r"\1", cell).strip() for cell in cells])
    return found


def test_every_rule_and_every_decided_value_has_a_reason_and_a_source() -> None:
    """Each key of `rules:` has its entry in `rules.sources`, each entry says what and why in
    both languages and what it follows, and each decides a value of the plan."""
    plan = real_plan()
    rules = plan.data.rules
    assert set(rules.model_dump(exclude={"sources"})) <= set(rules.sources)
    assert [(use.number, use.id) for use in plan.decisions] == [
        (number, rule) for number, (rule, _) in enumerate(DECISIONS, start=1)]
    for use in plan.decisions:
        assert use.decision.zh and use.decision.en and use.decision.source, use.id
        assert use.applies_to, use.id


def test_the_thresholds_are_open_sdgs_values_not_its_method() -> None:
    source = real_plan().data.rules.sources["status_thresholds"]
    assert "Open SDG" in source.source
    assert "not Open SDG's method" in source.en and "growth rate" in source.en
    assert "并非 Open SDG 的方法" in source.zh and "增长率" in source.zh


def test_plan_json_gives_every_decision_with_its_source_and_places() -> None:
    document: dict[str, Any] = wuhai("plan", "--format", "json").json()
    assert [(d["number"], d["id"], d["applies_to"]) for d in document["decisions"]] == [
        (number, rule, places) for number, (rule, places) in enumerate(DECISIONS, start=1)]
    assert all(d["source"] and d["zh"] and d["en"] for d in document["decisions"])
    sources = document["rules"]["sources"]
    assert sorted(sources) == sorted(rule for rule, _ in DECISIONS)
    assert sources["organic_validity"]["source"] == "《有机产品认证管理办法》：有机产品认证证书有效期为1年"
    assert document["rules"]["yearly_confirmation"] == {
        "enabled": False, "certificate_types": ["famous_product"],
        "renewal_lead": {"months": 0, "days": 30}}
    assert document["rules"]["about_min_items"] == 1
    assert document["rules"]["about_band"] == Decimal("0.1")


def test_plan_marks_each_decided_value_in_chinese() -> None:
    text = plan_text("--format", "markdown")
    assert table(text, "证书有效期与续展") == [
        ["证书类型", "有效期", "续展提前"], ["---", "---", "---"],
        ["绿色食品", "3 年", "3 个月〔决定5〕"],
        ["有机产品", "1 年〔决定4〕", "3 个月〔决定5〕"],
        ["名特优新农产品", "3 年", "30 天〔决定6〕"]]
    assert table(text, "建设目标（五年）")[2:] == [
        ["全市绿色食品产量稳定在2500吨左右", "2500 吨", "左右：2250–2750 吨〔决定2〕",
         "绿色食品, 有机产品〔决定8〕"],
        ["名特优新农产品数量增加到23个以上", "23 个", "以上：≥ 23 个", "名特优新农产品"],
        ["有机农产品认证保持在5个左右", "5 个", "左右：4–6 个〔决定2〕〔决定3〕", "有机产品"]]
    tasks = table(text, "主要任务")
    assert [row[:5] for row in tasks[2:]] == [
        ["四（一）", "细化分解绿色有机产品建设任务", "各区", "乌海市农畜产品质量安全中心",
         "2023-10-15〔决定9〕"],
        ["四（二）", "推动产销对接", "各区〔决定10〕", "", ""],
        ["四（三）", "强化品牌打造", "各区〔决定10〕", "", ""]]
    # the detail of every task, as printed
    assert [row[5] for row in tasks[2:]] == [task.detail for task in real_plan().data.tasks]
    decisions = table(text, "项目决定（方案没有写明的取值）")
    assert [row[0] for row in decisions[2:]] == [f"决定{n}" for n in range(1, len(DECISIONS) + 1)]
    assert decisions[2 + 6][1].endswith("所以默认不启用。（未启用）")
    assert "- 〔决定n〕：方案没有写明、由本项目决定的取值，理由和来源见“项目决定”表。" in text


def test_plan_marks_each_decided_value_in_english() -> None:
    text = plan_text("--format", "markdown", "--lang", "en")
    assert table(text, "Certificate validity and renewal")[3] == [
        "organic", "1 year(s) [D4]", "3 month(s) [D5]"]
    assert table(text, "Main tasks")[3][2] == "every district [D10]"
    decisions = table(text, "Project decisions (values the plan does not state)")
    assert decisions[0] == ["no.", "decision and reason", "source"]
    assert decisions[2][0] == "D1" and decisions[2][1].startswith("Status bands: achieved")
    assert "- \\[Dn\\]: a value the plan does not state, decided by this project; the table of " \
           "project decisions gives the reason and the source." in text


def test_section_5_3_stands_once_with_its_parts() -> None:
    """五（三） once, its detail as printed; its exchange meeting, evaluation fair and media
    publicity on the rows below it, the meeting's rotation marked as a decision."""
    measures = table(plan_text("--format", "markdown"), "保障措施")[2:]
    assert [row[0] for row in measures].count("五（三）") == 1
    start = [row[0] for row in measures].index("五（三）")
    assert measures[start][1:3] == ["加大宣传推介", "乌海市农牧局〔决定11〕"]
    assert measures[start][3].startswith("每年选择1个区开展1次经验交流座谈会")
    assert measures[start + 1:start + 4] == [
        ["", "└ 经验交流座谈会", "",
         "每年 1 次，1 个区承办，各区轮流〔决定12〕（进度报告中记为 exchange_meeting 活动）"],
        ["", "└ 绿色有机产品评鉴会", "", "（进度报告中记为 evaluation_fair 活动）"],
        ["", "└ 主流媒体和新媒体宣传营销", "", "（进度报告中记为 publicity 活动）"]]
    assert [row[0] for row in measures if row[0]] == ["五（一）", "五（二）", "五（三）", "五（四）"]


def test_annex_1_is_headed_as_a_stock_and_annex_2_as_new_additions() -> None:
    text = plan_text("--format", "markdown")
    assert table(text, "附件1 绿色有机产品发展现状清单（2023 年）")[0] == [
        "地区", "绿色有机食品认证 (吨)", "名特优新农产品 (个)"]
    assert table(text, "附件2 打造绿色有机品牌工作任务清单（累计新增）")[0] == [
        "地区", "指标", "2024", "2025", "2028"]
    assert "新增绿色有机食品认证 (吨)" in table(text, "附件2 打造绿色有机品牌工作任务清单（累计新增）")[2]


def test_plan_shows_the_notes_the_recipients_and_the_contact() -> None:
    notes = [line for line in plan_text("--format", "markdown").splitlines()
             if line.startswith("- ")]
    assert notes[1:5] == [
        "- 印发对象：各区农牧水务局",
        "- 联系人：李世华，电话 0473-8992172",
        "- 附件2 注1：2024、2025、2028年新增绿色食品认证和新增名特优新农产品均为累计数。",
        "- 附件2 注2：基于绿色食品认证有效期为3年、名特优新农产品有效期为3年的考量，2024-2028年期间，"
        "每年按照上一年度任务完成情况和认证到期情况，在确保《方案》建设目标能够完成的情况下，对任务量进行调整。"]
    english = plan_text("--format", "markdown", "--lang", "en")
    assert "- Addressed to: the district agriculture, animal husbandry and water affairs " \
           "bureaus" in english
    assert "- Contact: 李世华, telephone 0473-8992172" in english
    assert "- Annex 2, note 1: The new green food certifications and new 名特优新 products of " \
           "2024, 2025 and 2028 are cumulative figures." in english


def test_yearly_confirmation_words_appear_only_where_the_rule_is_on() -> None:
    """Off by default: no 年度确认 in the tables of `wuhai plan` (the table of decisions
    names the rule, marked 未启用)."""
    text = plan_text("--format", "markdown")
    before_decisions = text.split("### 项目决定", 1)[0]
    assert "年度确认" not in before_decisions
