"""Activities of the progress reports (README "activity kinds"): every kind accepted, and one
small broken report per fault next to the `file:line:col: message` it must be refused with.

Every report below has the same head (year 2025, 海南区, one green food certificate LB-1 on
lines 4-9), so the first activity always starts on line 11:

    10 activities:
    11   - type: ...
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.harness import activity_items, write_files, wuhai_on

pytestmark = pytest.mark.usefixtures("workdir")  # `progress/` is the test's own folder

HEAD = """\
year: 2025
district: 海南区
certificates:
  - id: LB-1
    type: green_food
    product: 鸡蛋
    holder: 示例合作社
    output_tonnes: 10
    issued: 2025-03-01
activities:
"""

# the same lines, with the district on the certificate rather than on the file
HEAD_NO_DISTRICT = """\
year: 2025
certificates:
  - id: LB-1
    district: 海南区
    type: green_food
    product: 鸡蛋
    holder: 示例合作社
    output_tonnes: 10
    issued: 2025-03-01
activities:
"""

PROGRESS = Path("progress")  # in the test's own working folder
FILE = os.path.join("progress", "2025.yaml")

KINDS = ("brand_plan, expo, agreement, meng_label, brand, exchange_meeting, evaluation_fair, "
         "publicity, training, sampling")
DISTRICTS = "海勃湾区 (haibowan), 海南区 (hainan), 乌达区 (wuda)"
EXPERTS = "郝贵宾, 赵丽君, 赵海东, 李世华, 王伯琛"


def tasks_json(year: int) -> Any:
    run = wuhai_on("tasks", "progress", "--year", str(year), "--format", "json")
    assert run.exit_code == 0, run.stderr
    return run.json()


def district_row(document: Any, name: str) -> Any:
    (row,) = [row for row in document["districts"] if row["district"] == name]
    return row


# --- every kind, valid ---------------------------------------------------------------------


@dataclass(frozen=True)
class Valid:
    entry: str  # the activity, as YAML list item(s)
    # what `wuhai tasks --year 2025 --format json` must then show for 海南区
    counts: dict[str, int] = field(default_factory=dict)
    brand_plan: str | None = None
    meeting_host: str | None = None
    sampling: tuple[int, int, int] | None = None  # batches, passed, failed


VALID = {
    "brand_plan": Valid("""\
        - type: brand_plan
          date: 2025-02-01
          recipient: 乌海市农畜产品质量安全中心
          title: 海南区绿色有机品牌打造方案
        """, brand_plan="late"),
    "expo": Valid("""\
        - type: expo
          date: 2025-08-08
          title: 内蒙古绿色农畜产品博览会
          note: 签约 3 家
        """, counts={"expo": 1}),
    "agreement e-commerce": Valid("""\
        - type: agreement
          date: 2025-09-12
          partner: 示例生鲜电商平台
          channel: e-commerce
        """, counts={"agreement": 1}),
    "agreement supermarket": Valid("""\
        - type: agreement
          date: 2025-09-12
          partner: 示例超市
          channel: supermarket
        """, counts={"agreement": 1}),
    "agreement other channel": Valid("""\
        - type: agreement
          date: 2025-09-12
          partner: 示例食堂
          channel: other
        """, counts={"agreement": 1}),
    "agreement without channel": Valid("""\
        - type: agreement
          date: 2025-09-12
          partner: 示例食堂
        """, counts={"agreement": 1}),
    "meng_label": Valid("""\
        - type: meng_label
          date: 2025-11-05
          product: 鸡蛋
          holder: 示例合作社
        """, counts={"meng_label": 1}),
    "brand": Valid("""\
        - type: brand
          date: 2025-09-20
          title: 乌海葡萄区域公用品牌推介会
        """, counts={"brand": 1}),
    "exchange_meeting hosted by the file's district": Valid("""\
        - type: exchange_meeting
          date: 2025-05-20
          title: 绿色有机品牌经验交流座谈会
        """, meeting_host="海南区"),
    "exchange_meeting host by pinyin alias": Valid("""\
        - type: exchange_meeting
          date: 2025-05-20
          host: wuda
        """, meeting_host="乌达区"),
    "exchange_meeting host by Chinese name": Valid("""\
        - type: exchange_meeting
          date: 2025-05-20
          host: 海勃湾区
        """, meeting_host="海勃湾区"),
    "evaluation_fair": Valid("""\
        - type: evaluation_fair
          date: 2025-10-01
        """, counts={"evaluation_fair": 1}),
    "publicity": Valid("""\
        - type: publicity
          date: 2025-07-01
          outlet: 乌海日报
        """, counts={"publicity": 1}),
    "training by 李世华": Valid("""\
        - type: training
          date: 2025-04-10
          expert: 李世华
          participants: 35
        """, counts={"training": 1}),
    "sampling, a failure naming a certificate on file": Valid("""\
        - type: sampling
          date: 2025-10-20
          batches: 12
          passed: 11
          failed: 1
          penalties: 1
          failures:
            - certificate: LB-1
              product: 鸡蛋
              reason: 恩诺沙星超标
        """, sampling=(12, 11, 1)),
    "sampling with no failure listed": Valid("""\
        - type: sampling
          date: 2025-10-20
          batches: 5
          passed: 3
          failed: 2
        """, sampling=(5, 3, 2)),
    "sampling, a failure without certificate": Valid("""\
        - type: sampling
          date: 2025-10-20
          batches: 2
          passed: 1
          failed: 1
          failures:
            - product: 散装鸡蛋
              reason: 未获证产品
        """, sampling=(2, 1, 1)),
}


@pytest.mark.parametrize("case", VALID.values(), ids=VALID.keys())
def test_a_valid_activity_passes_validate_and_is_read_as_its_kind(case: Valid) -> None:
    write_files(PROGRESS, {"2025.yaml": HEAD + activity_items(case.entry)})
    exit_code, stdout, stderr = wuhai_on("validate", "progress", "--lang", "en")
    assert (exit_code, stderr) == (0, "")
    assert stdout.startswith("all clean: ")
    assert stdout.endswith(", 1 progress files, 1 certificate records\n")

    document = tasks_json(2025)
    hainan = district_row(document, "海南区")
    expected_counts = {"expo": 0, "agreement": 0, "meng_label": 0, "brand": 0,
                       "evaluation_fair": 0, "publicity": 0, "training": 0} | case.counts
    assert hainan["counts"] == expected_counts
    assert hainan["brand_plan"]["status"] == (case.brand_plan or "missing")
    hosts = [meeting["host"] for meeting in document["exchange_meetings"]["held"]]
    assert hosts == ([case.meeting_host] if case.meeting_host else [])
    sampling = hainan["sampling"]
    assert (sampling["batches"], sampling["passed"], sampling["failed"]) == (
        case.sampling or (0, 0, 0))


def test_every_kind_in_one_report_is_clean() -> None:
    write_files(PROGRESS, {"2025.yaml": HEAD + "".join(activity_items(case.entry)
                                                       for case in VALID.values())})
    exit_code, stdout, stderr = wuhai_on("validate", "progress", "--lang", "en")
    assert (exit_code, stderr) == (0, "")
    assert stdout.startswith("all clean: ")


def test_a_failure_may_name_a_certificate_of_an_earlier_report() -> None:
    """"A certificate named must be on file": on file in any report, not just this one."""
    write_files(PROGRESS, {
        "2024.yaml": HEAD.replace("2025", "2024").removesuffix("activities:\n"),
        "2025.yaml": "year: 2025\ndistrict: hainan\nactivities:\n" + activity_items("""\
            - type: sampling
              date: 2025-10-20
              batches: 1
              passed: 0
              failed: 1
              failures:
                - certificate: LB-1
            """),
    })
    exit_code, _, stderr = wuhai_on("validate", "progress", "--lang", "en")
    assert (exit_code, stderr) == (0, "")
    failed = district_row(tasks_json(2025), "海南区")["failed_batches"]
    assert [batch["certificate"] for batch in failed] == ["LB-1"]


def test_an_activity_of_another_district_in_the_file() -> None:
    """`district` on an activity (Chinese or pinyin) overrides the file's district."""
    write_files(PROGRESS, {"2025.yaml": HEAD + activity_items("""\
        - type: expo
          date: 2025-08-08
          title: 博览会
          district: wuda
        - type: publicity
          date: 2025-08-09
          outlet: 乌海日报
          district: 海勃湾区
        """)})
    document = tasks_json(2025)
    assert district_row(document, "乌达区")["counts"]["expo"] == 1
    assert district_row(document, "海勃湾区")["counts"]["publicity"] == 1
    hainan = district_row(document, "海南区")["counts"]
    assert (hainan["expo"], hainan["publicity"]) == (0, 0)


# --- every fault, refused --------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    entry: str  # the activity (YAML list items) under the common head
    expected: list[str]  # every stderr line after `progress/2025.yaml:`, in English
    head: str = HEAD


FAULTS = {
    "expo without title": Fault("""\
        - type: expo
          date: 2025-08-08
        """, ["11:5: missing required key 'title'"]),
    "agreement without partner": Fault("""\
        - type: agreement
          date: 2025-09-12
          channel: supermarket
        """, ["11:5: missing required key 'partner'"]),
    "publicity without outlet": Fault("""\
        - type: publicity
          date: 2025-07-01
        """, ["11:5: missing required key 'outlet'"]),
    "meng_label without holder": Fault("""\
        - type: meng_label
          date: 2025-11-05
          product: 鸡蛋
        """, ["11:5: missing required key 'holder'"]),
    "brand without title": Fault("""\
        - type: brand
          date: 2025-09-20
        """, ["11:5: missing required key 'title'"]),
    "training without expert": Fault("""\
        - type: training
          date: 2025-04-10
        """, ["11:5: missing required key 'expert'"]),
    "activity without date": Fault("""\
        - type: evaluation_fair
          title: 评鉴会
        """, ["11:5: missing required key 'date'"]),
    "activity without type": Fault("""\
        - date: 2025-04-10
          title: 评鉴会
        """, ["11:5: missing required key 'type'"]),
    "unknown type": Fault("""\
        - type: meeting
          date: 2025-05-20
        """, ["11:11: unknown activity kind 'meeting'; did you mean exchange_meeting "
              f"(经验交流座谈会)? Expected one of: {KINDS}"]),
    "misspelt partner": Fault("""\
        - type: agreement
          date: 2025-09-12
          partnr: 示例超市
        """, ["11:5: missing required key 'partner'",
              "13:5: unknown key 'partnr'; did you mean 'partner'?"]),
    "misspelt outlet": Fault("""\
        - type: publicity
          date: 2025-07-01
          outlet: 乌海日报
          outlett: 乌海电视台
        """, ["14:5: unknown key 'outlett'; did you mean 'outlet'?"]),
    "misspelt participants": Fault("""\
        - type: training
          date: 2025-04-10
          expert: 李世华
          participant: 30
        """, ["14:5: unknown key 'participant'; did you mean 'participants'?"]),
    "bad channel": Fault("""\
        - type: agreement
          date: 2025-09-12
          partner: 示例超市
          channel: wechat
        """, ["14:14: 'channel' is 'wechat'; expected 'e-commerce', 'supermarket' or 'other'"]),
    "date before the file's year": Fault("""\
        - type: expo
          date: 2024-12-31
          title: 博览会
        """, ["12:11: activity date 2024-12-31 lies outside the reporting year 2025"]),
    "date after the file's year": Fault("""\
        - type: brand_plan
          date: 2026-01-01
        """, ["12:11: activity date 2026-01-01 lies outside the reporting year 2025"]),
    "not a date": Fault("""\
        - type: expo
          date: 2025-13-01
          title: 博览会
        """, ["12:11: 'date': there is no date 2025-13-01"]),
    "meeting hosted by an unknown district": Fault("""\
        - type: exchange_meeting
          date: 2025-05-20
          host: haibei
        """, [f"13:11: unknown district 'haibei'; expected one of: {DISTRICTS}"]),
    "meeting without a host in a file without district": Fault("""\
        - type: exchange_meeting
          date: 2025-05-20
        """, ["11:5: the activity has no district: give `district` on it or at the top of the file"],
        head=HEAD_NO_DISTRICT),
    "activity of an unknown district": Fault("""\
        - type: expo
          date: 2025-08-08
          title: 博览会
          district: 海北区
        """, [f"14:15: unknown district '海北区'; expected one of: {DISTRICTS}"]),
    "training by an expert not in annex 3": Fault("""\
        - type: training
          date: 2025-04-10
          expert: 张三
        """, [f"13:13: '张三' is not on the expert team; experts: {EXPERTS}"]),
    "negative participants": Fault("""\
        - type: training
          date: 2025-04-10
          expert: 李世华
          participants: -3
        """, ["14:19: 'participants' must not be negative: -3"]),
    "batches not passed + failed": Fault("""\
        - type: sampling
          date: 2025-10-20
          batches: 10
          passed: 8
          failed: 1
        """, ["13:14: 10 batches sampled, but 8 passed and 1 failed"]),
    "more failures listed than failed": Fault("""\
        - type: sampling
          date: 2025-10-20
          batches: 3
          passed: 2
          failed: 1
          failures:
            - certificate: LB-1
            - product: 鸡蛋
        """, ["17:7: 2 failed batches are listed, more than the 1 that failed"]),
    "failure naming a certificate not in the register": Fault("""\
        - type: sampling
          date: 2025-10-20
          batches: 3
          passed: 1
          failed: 2
          failures:
            - certificate: LB-1
            - certificate: LB-404
              reason: 农残超标
        """, ["18:22: the failed batch's certificate LB-404 is not in the register"]),
    "batches not a whole number": Fault("""\
        - type: sampling
          date: 2025-10-20
          batches: 2.5
          passed: 2
          failed: 0
        """, ["13:14: 'batches' must be a whole number, not '2.5'"]),
}


MEETING_HOSTED_BY_THE_CITY = """\
    - type: exchange_meeting
      date: 2025-05-20
      host: 乌海市
    """


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_a_broken_activity_is_refused_with_its_place(fault: Fault) -> None:
    write_files(PROGRESS, {"2025.yaml": fault.head + activity_items(fault.entry)})
    exit_code, stdout, stderr = wuhai_on("validate", "progress", "--lang", "en")
    assert exit_code == 2
    assert stdout == ""
    assert stderr.splitlines() == [f"{FILE}:{line}" for line in fault.expected]


def test_a_meeting_hosted_by_the_city_is_refused() -> None:
    """The host must be a district (the rotation is among the city's children)."""
    write_files(PROGRESS, {"2025.yaml": HEAD + activity_items(MEETING_HOSTED_BY_THE_CITY)})
    exit_code, _, stderr = wuhai_on("validate", "progress", "--lang", "en")
    assert exit_code == 2
    (line,) = stderr.splitlines()
    assert line.startswith(f"{FILE}:13:11: '乌海市' is not a district")
    assert line.endswith(DISTRICTS)


def test_the_head_of_the_faults_is_clean() -> None:
    """The faults differ from a clean report only by their activity."""
    for name, head in {"2025.yaml": HEAD,
                       "2025-b.yaml": HEAD_NO_DISTRICT.replace("LB-1", "LB-2")}.items():
        write_files(PROGRESS, {name: head + "  - type: evaluation_fair\n    date: 2025-10-01\n"
                                            "    district: 海南区\n"})
    exit_code, _, stderr = wuhai_on("validate", "progress", "--lang", "en")
    assert (exit_code, stderr) == (0, "")


def test_every_problem_of_the_activities_is_reported_in_one_run() -> None:
    """All at once: the model problems of one file and the plan checks of another."""
    write_files(PROGRESS, {
        "2025.yaml": HEAD + activity_items(FAULTS["expo without title"].entry)
        + activity_items(FAULTS["bad channel"].entry),
        "2024.yaml": (HEAD + activity_items(FAULTS["training by an expert not in annex 3"].entry)
                      + activity_items(FAULTS["batches not passed + failed"].entry)
                      ).replace("2025", "2024"),
    })
    exit_code, _, stderr = wuhai_on("validate", "progress", "--lang", "en")
    assert exit_code == 2
    other = os.path.join("progress", "2024.yaml")
    assert stderr.splitlines() == [
        f"{other}:13:13: '张三' is not on the expert team; experts: {EXPERTS}",
        f"{other}:16:14: 10 batches sampled, but 8 passed and 1 failed",
        f"{FILE}:11:5: missing required key 'title'",
        f"{FILE}:16:14: 'channel' is 'wechat'; expected 'e-commerce', 'supermarket' or 'other'",
    ]


def test_validate_json_and_github_carry_the_place_of_an_activity_fault() -> None:
    write_files(PROGRESS, {"2025.yaml": HEAD + activity_items(FAULTS["misspelt partner"].entry)})
    exit_code, stdout, stderr = wuhai_on("validate", "progress", "--format", "json", "--lang", "en")
    assert (exit_code, stderr) == (2, "")
    document = json.loads(stdout)
    assert document["ok"] is False
    assert [(e["file"], e["line"], e["column"], e["message"]) for e in document["errors"]] == [
        (FILE, 11, 5, "missing required key 'partner'"),
        (FILE, 13, 5, "unknown key 'partnr'; did you mean 'partner'?"),
    ]
    exit_code, stdout, _ = wuhai_on("validate", "progress", "--format", "github", "--lang", "en")
    assert exit_code == 2
    assert (f"::error file={FILE},line=13,col=5::unknown key 'partnr'; did you mean 'partner'?"
            in stdout.splitlines())


CHINESE = {
    "expo without title": "11:5: 缺少必填键“title”",
    "misspelt partner": "13:5: 未知的键“partnr”；是否应为“partner”？",
    "unknown type": ("11:11: 未知的活动类型“meeting”；是否应为“经验交流座谈会”（exchange_meeting）？"
                     f"可用：{KINDS}"),
    "date before the file's year": "12:11: 活动日期 2024-12-31 不在报告年份 2025 内",
    "training by an expert not in annex 3": f"13:13: “张三”不在专家团队中；专家：{EXPERTS}",
    "batches not passed + failed": "13:14: 抽检批次 10 不等于合格 8 加不合格 1",
    "more failures listed than failed": "17:7: 列出了 2 个不合格批次，多于不合格数 1",
    "failure naming a certificate not in the register": "18:22: 不合格批次的证书 LB-404 不在登记中",
}


@pytest.mark.parametrize("name", CHINESE)
def test_activity_faults_in_chinese_by_default(name: str) -> None:
    write_files(PROGRESS, {"2025.yaml": HEAD + activity_items(FAULTS[name].entry)})
    exit_code, _, stderr = wuhai_on("validate", "progress")
    assert exit_code == 2
    assert f"{FILE}:{CHINESE[name]}" in stderr.splitlines()
    assert len(stderr.splitlines()) == len(FAULTS[name].expected)  # and nothing else


def test_commands_refuse_broken_activities_too() -> None:
    """`wuhai tasks` does not count a broken report: exit 2 with the same message."""
    fault = FAULTS["batches not passed + failed"]
    write_files(PROGRESS, {"2025.yaml": HEAD + activity_items(fault.entry)})
    exit_code, stdout, stderr = wuhai_on("tasks", "progress", "--year", "2025", "--lang", "en")
    assert (exit_code, stdout) == (2, "")
    assert stderr == f"{FILE}:13:14: 10 batches sampled, but 8 passed and 1 failed\n"


# --- known bugs --------------------------------------------------------------------------------


def test_a_host_that_is_not_a_district_is_not_called_a_certificate() -> None:
    write_files(PROGRESS, {"2025.yaml": HEAD + activity_items(MEETING_HOSTED_BY_THE_CITY)})
    exit_code, _, stderr = wuhai_on("validate", "progress", "--lang", "en")
    assert exit_code == 2
    assert "'乌海市' is not a district" in stderr
    assert "certificate" not in stderr


def test_an_activity_without_any_district_is_not_silently_lost() -> None:
    write_files(PROGRESS, {"2025.yaml": "year: 2025\nactivities:\n" + activity_items("""\
        - type: expo
          date: 2025-08-08
          title: 博览会
        - type: sampling
          date: 2025-10-20
          batches: 4
          passed: 4
          failed: 0
        """)})
    exit_code, _, _ = wuhai_on("validate", "progress", "--lang", "en")
    if exit_code == 0:  # accepted: then it must show up in the checklist
        document = tasks_json(2025)
        assert sum(row["counts"]["expo"] for row in document["districts"]) == 1
        assert sum(row["sampling"]["batches"] for row in document["districts"]) == 4
    else:  # or refused, like a certificate without district
        assert exit_code == 2
