"""`wuhai tasks`: the plan's tasks and measures (sections 四 and 五) as a yearly checklist.

The rules, from README and data/plan.yaml: a district's brand plan is due 2023-10-15
(task brand_plan) — on time when first submitted on or before it, late after it, missing
when none is on file; one exchange meeting a year, hosts rotating through the districts;
expos, agreements and the other kinds counted per district and year; sampling batches and
pass rate; failed batches of certified products with their certificate.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.harness import Run, activity_report, freeze_today, plan_with, write_files, wuhai_on

pytestmark = pytest.mark.usefixtures("workdir")  # `progress/` is the test's own folder

PROGRESS = Path("progress")  # in the test's own working folder
COUNTED = ("expo", "agreement", "meng_label", "brand", "evaluation_fair", "publicity",
           "training")
NO_COUNTS = dict.fromkeys(COUNTED, 0)


def meeting(year: int, host: str, day: str = "05-20") -> str:
    """A file of the city bureau recording the year's exchange meeting and its host."""
    return activity_report(year, None, f"""\
        - type: exchange_meeting
          date: {year}-{day}
          host: {host}
          title: {year} 年经验交流座谈会
        """)


def tasks(year: int, *args: str) -> Run:
    """`wuhai tasks --year YEAR` on the test's folder `progress/`."""
    return wuhai_on("tasks", "progress", "--year", str(year), *args)


def tasks_json(year: int, *args: str) -> Any:
    exit_code, stdout, stderr = tasks(year, "--format", "json", *args)
    assert (exit_code, stderr) == (0, ""), stderr
    return Run(exit_code, stdout, stderr).json()


def meeting_notes(document: Any) -> list[str]:
    """The notes but the one on missing reports (tests/acceptance/test_completeness.py)."""
    return [note for note in document["notes"]
            if not note.startswith(("尚未提交进度报告", "Progress reports not yet"))]


def by_district(document: Any) -> dict[str, Any]:
    return {row["district"]: row for row in document["districts"]}


def table(text: str, title: str) -> str:
    """The lines of the rich table titled `title`: header, rule and rows, up to its end."""
    lines = text.splitlines()
    start = [line.strip() for line in lines].index(title)
    block, blanks = [], 0
    for line in lines[start + 1:]:
        if not line.strip():
            blanks += 1
            if blanks == 2:
                break
            continue
        block.append(line)
    return "\n".join(block)


def checklist(text: str, year: int = 2025, lang: str = "zh") -> str:
    """The brand plan and sampling table."""
    return table(text, f"{year} 年品牌打造方案与监管抽检" if lang == "zh"
                 else f"Brand plans and sampling {year}")


def counted(text: str, year: int = 2025) -> str:
    """The table of activities counted per district."""
    return table(text, f"{year} 年产销对接、品牌与宣传活动（次）")


def row(table_text: str, *first: str) -> list[str]:
    """The cells (whitespace-separated words) of the one table line starting with `first`."""
    found = [line.split() for line in table_text.splitlines()
             if line.split()[: len(first)] == list(first)]
    assert len(found) == 1, (first, found)
    return found[0]


# --- the brand plan (task 四（一）, due 2023-10-15) ----------------------------------------------


BRAND_PLANS = {
    "2023-hainan.yaml": activity_report(2023, "海南区", """\
        - type: brand_plan
          date: 2023-10-15
          recipient: 乌海市农畜产品质量安全中心
        """),
    "2023-haibowan.yaml": activity_report(2023, "haibowan", """\
        - type: brand_plan
          date: 2023-10-16
        """),
}


def test_brand_plan_on_the_due_date_is_on_time_a_day_later_late_none_missing() -> None:
    write_files(PROGRESS, BRAND_PLANS)
    districts = by_district(tasks_json(2024))
    assert list(districts) == ["海勃湾区", "海南区", "乌达区"]  # the plan's order
    assert districts["海南区"]["brand_plan"] == {"status": "on_time", "due": "2023-10-15",
                                                "submitted": "2023-10-15"}
    assert districts["海勃湾区"]["brand_plan"] == {"status": "late", "due": "2023-10-15",
                                                  "submitted": "2023-10-16"}
    assert districts["乌达区"]["brand_plan"] == {"status": "missing", "due": "2023-10-15",
                                                "submitted": None}


def test_brand_plan_in_the_table() -> None:
    write_files(PROGRESS, BRAND_PLANS)
    exit_code, stdout, stderr = tasks(2024)
    assert (exit_code, stderr) == (0, "")
    assert row(checklist(stdout, 2024), "海南区")[1:3] == ["按时", "2023-10-15"]
    assert row(checklist(stdout, 2024), "海勃湾区")[1:3] == ["逾期", "2023-10-16"]
    assert row(checklist(stdout, 2024), "乌达区")[1:3] == ["未报", "0"]


def test_the_first_submission_decides() -> None:
    """A plan revised after the due date does not make an on-time one late."""
    write_files(PROGRESS, {
        "2023.yaml": activity_report(2023, "wuda", "- type: brand_plan\n  date: 2023-09-30\n"),
        "2024.yaml": activity_report(2024, "wuda", "- type: brand_plan\n  date: 2024-03-01\n"
                                          "  title: 修订版\n"),
    })
    assert by_district(tasks_json(2024))["乌达区"]["brand_plan"] == {
        "status": "on_time", "due": "2023-10-15", "submitted": "2023-09-30"}


def test_a_plan_submitted_later_is_missing_until_its_year() -> None:
    write_files(PROGRESS, {"2025.yaml": activity_report(2025, "hainan", "- type: brand_plan\n"
                                                                        "  date: 2025-02-01\n")})
    assert by_district(tasks_json(2024))["海南区"]["brand_plan"] == {
        "status": "missing", "due": "2023-10-15", "submitted": None}
    assert by_district(tasks_json(2025))["海南区"]["brand_plan"] == {
        "status": "late", "due": "2023-10-15", "submitted": "2025-02-01"}
    assert by_district(tasks_json(2026))["海南区"]["brand_plan"]["status"] == "late"


def test_a_brand_plan_counts_for_the_district_it_names() -> None:
    """One file of the city bureau recording the three districts' plans."""
    write_files(PROGRESS, {"2023.yaml": activity_report(2023, None, """\
        - type: brand_plan
          date: 2023-10-10
          district: 乌达区
        - type: brand_plan
          date: 2023-11-01
          district: hainan
        """)})
    districts = by_district(tasks_json(2024))
    assert {name: row["brand_plan"]["status"] for name, row in districts.items()} == {
        "海勃湾区": "missing", "海南区": "late", "乌达区": "on_time"}


# --- the exchange meeting (measure 五（三）): one a year, hosts rotating ------------------------


def test_the_meeting_held_and_its_host() -> None:
    write_files(PROGRESS, {"2025-wuda.yaml": activity_report(2025, "wuda", """\
        - type: expo
          date: 2025-03-01
          title: 博览会
        - type: exchange_meeting
          date: 2025-05-20
          title: 绿色有机品牌经验交流座谈会
        """)})
    document = tasks_json(2025)
    assert document["schema"] == "wuhai-green/tasks@1"
    assert document["year"] == 2025
    assert document["exchange_meetings"] == {
        "held": [{"date": "2025-05-20", "host": "乌达区", "title": "绿色有机品牌经验交流座谈会",
                  "file": os.path.join("progress", "2025-wuda.yaml"), "line": 7}],
        "missing": False,
        "repeated_hosts": [],
    }
    assert meeting_notes(document) == []
    exit_code, stdout, _ = tasks(2025)
    assert exit_code == 0
    assert "2025 年经验交流座谈会" in stdout
    assert row(stdout, "2025-05-20") == ["2025-05-20", "乌达区", "绿色有机品牌经验交流座谈会"]
    assert "没有召开" not in stdout


def test_a_host_given_by_alias_is_shown_by_its_name() -> None:
    write_files(PROGRESS, {"2025.yaml": meeting(2025, "haibowan")})
    held = tasks_json(2025)["exchange_meetings"]["held"]
    assert [m["host"] for m in held] == ["海勃湾区"]
    _, stdout, _ = tasks(2025, "--lang", "en")
    assert row(stdout, "2025-05-20")[:3] == ["2025-05-20", "Haibowan", "District"]


def test_a_year_without_a_meeting_is_flagged() -> None:
    write_files(PROGRESS, {"2024.yaml": meeting(2024, "海南区")})
    assert tasks_json(2024)["exchange_meetings"]["missing"] is False
    document = tasks_json(2025)
    assert document["exchange_meetings"] == {"held": [], "missing": True, "repeated_hosts": []}
    assert meeting_notes(document) == ["2025 年召开经验交流座谈会 0 次（方案要求每年 1 次）"]
    exit_code, stdout, _ = tasks(2025)
    assert exit_code == 0  # a checklist, not a check: nothing fails
    assert "2025 年召开经验交流座谈会 0 次（方案要求每年 1 次）" in stdout
    _, stdout, _ = tasks(2025, "--lang", "en")
    assert "0 exchange meetings in 2025 (the plan asks for 1 a year)" in stdout


def test_no_reports_at_all_flags_the_meeting_and_every_brand_plan(
                                                                  tmp_path: Path) -> None:
    (tmp_path / "progress").mkdir()
    run = wuhai_on("tasks", PROGRESS, "--year", "2024", "--format", "json")
    assert (run.exit_code, run.stderr) == (0, "progress: 警告: 文件夹中没有进度报告（.yaml 或 .yml 文件）\n")
    document = run.json()
    assert document["missing_reports"] == [{"district": name, "year": 2024}
                                           for name in ("海勃湾区", "海南区", "乌达区")]
    assert document["exchange_meetings"]["missing"] is True
    for district in document["districts"]:
        assert district["brand_plan"]["status"] == "missing"
        assert district["counts"] == NO_COUNTS
        assert district["sampling"] == {"batches": 0, "passed": 0, "failed": 0,
                                        "penalties": 0, "pass_rate": None}
        assert district["failed_batches"] == []


def test_a_host_repeating_before_every_district_has_hosted_is_flagged() -> None:
    write_files(PROGRESS, {"2024.yaml": meeting(2024, "海南区"), "2025.yaml": meeting(2025, "hainan")})
    assert tasks_json(2024)["exchange_meetings"]["repeated_hosts"] == []
    document = tasks_json(2025)
    assert document["exchange_meetings"]["missing"] is False
    assert document["exchange_meetings"]["repeated_hosts"] == ["海南区"]
    assert meeting_notes(document) == ["海南区 在各区轮流承办一遍之前再次承办了 2025 年的交流座谈会"]
    _, stdout, _ = tasks(2025)
    assert "海南区 在各区轮流承办一遍之前再次承办了 2025 年的交流座谈会" in stdout


def test_after_a_full_rotation_a_district_may_host_again(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """2024-2026 every district hosts once; 海南区 hosting in 2027 starts a new round, and
    hosting again in 2028 is a repeat within that round (taken on 31 Dec 2028, when no
    meeting date is yet to come)."""
    freeze_today(monkeypatch, date(2028, 12, 31))
    write_files(PROGRESS, {
        "2024.yaml": meeting(2024, "海南区"), "2025.yaml": meeting(2025, "海勃湾区"),
        "2026.yaml": meeting(2026, "wuda"), "2027.yaml": meeting(2027, "海南区"),
        "2028.yaml": meeting(2028, "海南区")})
    for year in (2024, 2025, 2026, 2027):
        meetings = tasks_json(year)["exchange_meetings"]
        assert (meetings["missing"], meetings["repeated_hosts"]) == (False, []), year
    assert meeting_notes(tasks_json(2027)) == []
    assert tasks_json(2028)["exchange_meetings"]["repeated_hosts"] == ["海南区"]


def test_a_repeat_in_the_middle_of_a_round() -> None:
    """海勃湾区 again in 2026, while 乌达区 has not hosted yet."""
    write_files(PROGRESS, {
        "2024.yaml": meeting(2024, "海南区"), "2025.yaml": meeting(2025, "海勃湾区"),
        "2026.yaml": meeting(2026, "haibowan")})
    assert tasks_json(2025)["exchange_meetings"]["repeated_hosts"] == []
    assert tasks_json(2026)["exchange_meetings"]["repeated_hosts"] == ["海勃湾区"]


def test_a_host_repeated_in_an_earlier_year_is_not_flagged_again() -> None:
    """海南区 hosts in 2024 and again in 2025 (flagged for 2025); 乌达区 hosts in 2026:
    nothing is flagged for 2026."""
    write_files(PROGRESS, {"2024.yaml": meeting(2024, "海南区"), "2025.yaml": meeting(2025, "hainan"),
                           "2026.yaml": meeting(2026, "wuda")})
    assert tasks_json(2025)["exchange_meetings"]["repeated_hosts"] == ["海南区"]
    document = tasks_json(2026)
    assert document["exchange_meetings"] == {
        "held": [{"date": "2026-05-20", "host": "乌达区", "title": "2026 年经验交流座谈会",
                  "file": os.path.join("progress", "2026.yaml"), "line": 3}],
        "missing": False,
        "repeated_hosts": [],
    }
    assert meeting_notes(document) == []


TWO_REPORTS_OF_ONE_MEETING = {
    # 海南区's file records the meeting 乌达区 hosted …
    "2025-hainan.yaml": activity_report(2025, "海南区", """\
        - type: exchange_meeting
          date: 2025-05-20
          host: wuda
          title: 海南区记录的座谈会
        """),
    # … and 乌达区's file records it too, hosted by the file's own district
    "2025-wuda.yaml": activity_report(2025, "wuda", """\
        - type: expo
          date: 2025-03-01
          title: 博览会
        - type: exchange_meeting
          date: 2025-05-20
          title: 乌达区记录的座谈会
        """),
}


def test_one_meeting_reported_by_two_districts_counts_once() -> None:
    """The same date and host is one meeting, shown as the file read last records it."""
    write_files(PROGRESS, TWO_REPORTS_OF_ONE_MEETING)
    document = tasks_json(2025)
    assert document["exchange_meetings"] == {
        "held": [{"date": "2025-05-20", "host": "乌达区", "title": "乌达区记录的座谈会",
                  "file": os.path.join("progress", "2025-wuda.yaml"), "line": 7}],
        "missing": False,
        "repeated_hosts": [],
    }
    assert meeting_notes(document) == []
    exit_code, stdout, _ = tasks(2025)
    assert exit_code == 0
    assert [line.split() for line in table(stdout, "2025 年经验交流座谈会").splitlines()[2:]] == [
        ["2025-05-20", "乌达区", "乌达区记录的座谈会"]]


def test_a_plan_asking_for_two_meetings_a_year_flags_one(tmp_path: Path) -> None:
    """With `frequency: {per_year: 2, …}` in the plan, the one meeting of 2025 (reported by
    two districts: still one) is too few: missing, and the note says 1 of 2."""
    plan = plan_with(tmp_path / "plan", ("frequency: {per_year: 1,", "frequency: {per_year: 2,"))
    write_files(PROGRESS, TWO_REPORTS_OF_ONE_MEETING)
    for lang, note in (("zh", "2025 年召开经验交流座谈会 1 次（方案要求每年 2 次）"),
                       ("en", "1 exchange meetings in 2025 (the plan asks for 2 a year)")):
        run = wuhai_on("tasks", "progress", "--year", "2025", "--format", "json", "--lang", lang,
                       plan_path=plan)
        assert (run.exit_code, run.stderr) == (0, "")
        document = run.json()
        assert [m["title"] for m in document["exchange_meetings"]["held"]] == ["乌达区记录的座谈会"]
        assert (document["exchange_meetings"]["missing"],
                document["exchange_meetings"]["repeated_hosts"]) == (True, [])
        assert meeting_notes(document) == [note]
    table_run = wuhai_on("tasks", "progress", "--year", "2025", plan_path=plan)
    assert "2025 年召开经验交流座谈会 1 次（方案要求每年 2 次）" in table_run.stdout


# --- counts per district and year ---------------------------------------------------------------


COUNTING = {
    "2024-hainan.yaml": activity_report(2024, "海南区", """\
        - type: expo
          date: 2024-06-01
          title: 博览会 A
        - type: expo
          date: 2024-09-01
          title: 博览会 B
        - type: agreement
          date: 2024-09-02
          partner: 示例超市
          channel: supermarket
        """),
    "2025-hainan.yaml": activity_report(2025, "海南区", """\
        - type: expo
          date: 2025-06-01
          title: 博览会 C
        - type: agreement
          date: 2025-07-01
          partner: 示例电商
          channel: e-commerce
        - type: agreement
          date: 2025-08-01
          partner: 示例食堂
        - type: meng_label
          date: 2025-08-02
          product: 鸡蛋
          holder: 示例合作社
        - type: brand
          date: 2025-08-03
          title: 乌海葡萄推介
        - type: evaluation_fair
          date: 2025-08-04
        - type: publicity
          date: 2025-08-05
          outlet: 乌海日报
        - type: publicity
          date: 2025-08-06
          outlet: 内蒙古电视台
        - type: training
          date: 2025-08-07
          expert: 李世华
          participants: 40
        """),
    "2025-wuda.yaml": activity_report(2025, "wuda", """\
        - type: expo
          date: 2025-05-01
          title: 草莓节
        """),
}


def test_activities_are_counted_per_district_and_year() -> None:
    write_files(PROGRESS, COUNTING)
    year_2024 = by_district(tasks_json(2024))
    assert year_2024["海南区"]["counts"] == NO_COUNTS | {"expo": 2, "agreement": 1}
    assert year_2024["乌达区"]["counts"] == NO_COUNTS
    assert year_2024["海勃湾区"]["counts"] == NO_COUNTS
    year_2025 = by_district(tasks_json(2025))
    assert year_2025["海南区"]["counts"] == {"expo": 1, "agreement": 2, "meng_label": 1,
                                            "brand": 1, "evaluation_fair": 1, "publicity": 2,
                                            "training": 1}
    assert year_2025["乌达区"]["counts"] == NO_COUNTS | {"expo": 1}
    assert year_2025["海勃湾区"]["counts"] == NO_COUNTS


def test_counts_in_the_table() -> None:
    write_files(PROGRESS, COUNTING)
    exit_code, stdout, _ = tasks(2025)
    assert exit_code == 0
    assert "2025 年品牌打造方案与监管抽检" in stdout
    assert row(checklist(stdout), "地区") == ["地区", "品牌打造方案", "抽检批次", "合格率"]
    assert row(counted(stdout), "地区") == ["地区", "展会", "合作协议", "蒙字标", "品牌建设",
                                           "评鉴会", "宣传", "培训"]
    # area, then expo … training; then the brand plan, batches and pass rate
    assert row(counted(stdout), "海南区") == ["海南区", "1", "2", "1", "1", "1", "2", "1"]
    assert row(checklist(stdout), "海南区") == ["海南区", "未报", "0", "—"]
    assert row(counted(stdout), "乌达区") == ["乌达区", "1", "0", "0", "0", "0", "0", "0"]
    _, stdout, _ = tasks(2024)
    assert row(counted(stdout, 2024), "海南区") == ["海南区", "2", "1", "0", "0", "0", "0", "0"]


# --- sampling (measure 五（四）) ---------------------------------------------------------------


CERTIFIED = """\
year: 2024
district: 海南区
certificates:
  - id: LB-HN-2401
    type: green_food
    product: 鸡蛋
    holder: 示例蛋鸡养殖专业合作社
    output_tonnes: 120
    issued: 2024-05-10
"""

SAMPLING = {
    "2024-hainan.yaml": CERTIFIED,
    "2025-hainan.yaml": activity_report(2025, "海南区", """\
        - type: sampling
          date: 2025-10-20
          batches: 12
          passed: 11
          failed: 1
          penalties: 1
          failures:
            - certificate: LB-HN-2401
              product: 鸡蛋
              reason: 恩诺沙星超标
        """),
}


def test_sampling_pass_rate_and_the_failed_batch_with_its_certificate() -> None:
    write_files(PROGRESS, SAMPLING)
    districts = by_district(tasks_json(2025))
    hainan = districts["海南区"]
    assert hainan["sampling"] == {"batches": 12, "passed": 11, "failed": 1, "penalties": 1,
                                  "pass_rate": Decimal("0.916667")}
    assert hainan["failed_batches"] == [{
        "date": "2025-10-20", "certificate": "LB-HN-2401", "product": "鸡蛋",
        "reason": "恩诺沙星超标", "file": os.path.join("progress", "2025-hainan.yaml"),
        "line": 4}]
    assert districts["海勃湾区"]["sampling"]["pass_rate"] is None
    assert districts["海勃湾区"]["failed_batches"] == []


def test_sampling_in_the_table() -> None:
    write_files(PROGRESS, SAMPLING)
    exit_code, stdout, _ = tasks(2025)
    assert exit_code == 0
    assert row(checklist(stdout), "海南区")[-2:] == ["12", "91.7%"]
    assert row(checklist(stdout), "海勃湾区")[-2:] == ["0", "—"]
    failures = table(stdout, "认证产品抽检不合格批次").splitlines()
    assert failures[0].split() == ["地区", "日期", "证书编号", "产品", "原因"]
    assert [line.split() for line in failures[2:]] == [
        ["海南区", "2025-10-20", "LB-HN-2401", "鸡蛋", "恩诺沙星超标"]]


def test_no_failed_batch_no_failures_table() -> None:
    write_files(PROGRESS, {"2025.yaml": activity_report(2025, "hainan", """\
        - type: sampling
          date: 2025-10-20
          batches: 8
          passed: 8
          failed: 0
        """)})
    assert by_district(tasks_json(2025))["海南区"]["sampling"]["pass_rate"] == 1
    _, stdout, _ = tasks(2025)
    assert row(checklist(stdout), "海南区")[-2:] == ["8", "100%"]
    assert "认证产品抽检不合格批次" not in stdout


def test_sampling_rounds_of_a_year_add_up() -> None:
    """12 batches (11 passed) and 8 (all passed) in 2025: 19 of 20; the 2024 round is not
    counted in 2025."""
    write_files(PROGRESS, {**SAMPLING, "2025-hainan-2.yaml": activity_report(2025, "hainan", """\
        - type: sampling
          date: 2025-04-01
          batches: 8
          passed: 8
          failed: 0
        """), "2024-hainan-2.yaml": activity_report(2024, "hainan", """\
        - type: sampling
          date: 2024-04-01
          batches: 5
          passed: 1
          failed: 4
          penalties: 2
        """)})
    sampling = by_district(tasks_json(2025))["海南区"]["sampling"]
    assert sampling == {"batches": 20, "passed": 19, "failed": 1, "penalties": 1,
                        "pass_rate": Decimal("0.95")}
    _, stdout, _ = tasks(2025)
    assert row(checklist(stdout), "海南区")[-2:] == ["20", "95%"]
    sampling_2024 = by_district(tasks_json(2024))["海南区"]["sampling"]
    assert sampling_2024 == {"batches": 5, "passed": 1, "failed": 4, "penalties": 2,
                             "pass_rate": Decimal("0.2")}


# --- options: --district, --lang, --format -----------------------------------------------------


ALL = {**BRAND_PLANS, **SAMPLING, "2025-wuda.yaml": COUNTING["2025-wuda.yaml"],
       "2025-meeting.yaml": meeting(2025, "wuda")}


@pytest.mark.parametrize("given", ["hainan", "海南区"])
def test_district_filter(given: str) -> None:
    write_files(PROGRESS, ALL)
    document = tasks_json(2025, "--district", given)
    assert [d["district"] for d in document["districts"]] == ["海南区"]
    assert [m["host"] for m in document["exchange_meetings"]["held"]] == ["乌达区"]
    _, stdout, _ = tasks(2025, "--district", given)
    assert row(checklist(stdout), "海南区")[1:3] == ["按时", "2023-10-15"]
    assert "海勃湾区" not in stdout
    assert "乌达区" in stdout  # as the meeting's host, not as a row of the checklist
    assert not any(line.split()[:1] == ["乌达区"] for line in stdout.splitlines())


def test_the_city_stands_for_all_its_districts() -> None:
    write_files(PROGRESS, ALL)
    document = tasks_json(2025, "--district", "乌海市")
    assert [d["district"] for d in document["districts"]] == ["海勃湾区", "海南区", "乌达区"]


def test_unknown_district_is_a_usage_error() -> None:
    write_files(PROGRESS, ALL)
    exit_code, stdout, stderr = tasks(2025, "--district", "haibei", "--lang", "en")
    assert (exit_code, stdout) == (2, "")
    assert stderr.startswith("unknown district 'haibei'; expected one of: 海勃湾区 (haibowan)")


def test_a_year_outside_the_plan_is_a_usage_error() -> None:
    write_files(PROGRESS, ALL)
    exit_code, stdout, stderr = tasks(2023, "--lang", "en")
    assert (exit_code, stdout) == (2, "")
    assert stderr == "year 2023 lies outside the plan's 2024-2028\n"


def test_in_english() -> None:
    write_files(PROGRESS, ALL)
    exit_code, stdout, stderr = tasks(2025, "--lang", "en")
    assert (exit_code, stderr) == (0, "")
    for text in ("Brand plans and sampling 2025", "brand plan", "expos", "agreements", "evaluation fairs",
                 "trainings", "batches", "pass rate", "Exchange meetings 2025",
                 "Failed sampling batches of certified products"):
        assert text in stdout, text
    tasks_table = checklist(stdout, lang="en")
    assert row(tasks_table, "Hainan", "District")[2:5] == ["on", "time", "2023-10-15"]
    assert row(tasks_table, "Haibowan", "District")[2:4] == ["late", "2023-10-16"]
    assert row(tasks_table, "Wuda", "District")[2:4] == ["missing", "0"]
    assert row(tasks_table, "Hainan", "District")[-2:] == ["12", "91.7%"]
    assert row(stdout, "2025-05-20")[1:3] == ["Wuda", "District"]
    for chinese in ("按时", "逾期", "未报", "合格率", "品牌打造方案"):
        assert chinese not in stdout
    # the JSON document does not depend on the language, but for the words of its notes
    english, chinese = tasks_json(2025, "--lang", "en"), tasks_json(2025)
    assert ({**english, "notes": []} == {**chinese, "notes": []}
            and len(english["notes"]) == len(chinese["notes"]))


def test_csv() -> None:
    write_files(PROGRESS, ALL)
    exit_code, stdout, stderr = tasks(2025, "--format", "csv")
    assert exit_code == 0 and stderr.startswith("尚未提交进度报告")  # the notes go to stderr
    assert len(stderr.splitlines()) == 1
    lines = stdout.splitlines()
    assert lines[0] == ("district,brand_plan,expo,agreement,meng_label,brand,evaluation_fair,"
                        "publicity,training,sampled,passed,failed,pass_rate,base_creation,"
                        "supervision,inspection,monitoring_plan")
    rows = list(csv.DictReader(io.StringIO(stdout)))
    assert [r["district"] for r in rows] == ["海勃湾区", "海南区", "乌达区"]
    hainan = rows[1]
    assert (hainan["brand_plan"], hainan["sampled"], hainan["passed"], hainan["failed"],
            hainan["pass_rate"]) == ("on_time", "12", "11", "1", "0.916667")
    assert (rows[0]["brand_plan"], rows[0]["pass_rate"]) == ("late", "")
    assert (rows[2]["brand_plan"], rows[2]["expo"]) == ("missing", "1")


def test_markdown() -> None:
    write_files(PROGRESS, ALL)
    exit_code, stdout, _ = tasks(2025, "--format", "markdown")
    assert exit_code == 0
    assert "### 2025 年品牌打造方案与监管抽检" in stdout
    assert "| 海南区 | 按时 2023-10-15 | 12 | 91.7% |" in stdout
    assert "| 海南区 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in stdout
    assert "| 2025-05-20 | 乌达区 | 2025 年经验交流座谈会 |" in stdout
    assert "| 海南区 | 2025-10-20 | LB-HN-2401 | 鸡蛋 | 恩诺沙星超标 |" in stdout


# --- known bugs -------------------------------------------------------------------------------


def test_the_repeated_host_note_in_english_names_the_district_in_english() -> None:
    write_files(PROGRESS, {"2024.yaml": meeting(2024, "海南区"), "2025.yaml": meeting(2025, "海南区")})
    document = tasks_json(2025, "--lang", "en")
    assert document["exchange_meetings"]["repeated_hosts"] == ["海南区"]  # JSON keeps the id
    assert meeting_notes(document) == [
        "Hainan District hosted again in 2025 before every district had hosted"]


def test_the_table_keeps_every_column_on_an_80_column_terminal() -> None:
    write_files(PROGRESS, ALL)
    exit_code, stdout, _ = wuhai_on("tasks", "progress", "--year", "2025", env={"COLUMNS": "80"})
    assert exit_code == 0
    assert "品牌打造方案" in stdout
    assert "海勃湾区" in stdout
    assert "逾期 2023-10-16" in stdout
