"""Activities the plan's measures need (issue 13 §2): bases created against the layout
(三), daily supervision and inspection (五（二）), the monitoring plan (五（四）), and the
city's own activities (`district: 乌海市`) for the measures the city carries out
(`level: city` in the plan: 五（一）training, 五（二）inspection, 五（三）meetings, fairs and
publicity, 五（四）monitoring plan and sampling)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.harness import Run, activity_report, real_plan, write_files, wuhai_on

pytestmark = pytest.mark.usefixtures("workdir")  # `progress/` is the test's own folder

FILE = os.path.join("progress", "2025.yaml")

CITY_OWN = activity_report(2025, None, """\
    - type: training
      district: 乌海市
      date: 2025-04-10
      expert: 李世华
      participants: 60
    - type: inspection
      district: 乌海市
      date: 2025-06-01
      inspected: 海南区
    - type: monitoring_plan
      district: 乌海市
      date: 2025-03-01
      title: 2025 年绿色有机产品质量安全监管检测计划
    - type: sampling
      district: 乌海市
      date: 2025-09-01
      batches: 20
      passed: 20
      failed: 0
    - type: exchange_meeting
      district: 乌海市
      date: 2025-05-20
      host: wuda
    """)

DISTRICTS_OWN = activity_report(2025, "海勃湾区", """\
    - type: base_creation
      date: 2025-04-01
      product: 葡萄
      name: 示例葡萄基地
    - type: base_creation
      date: 2025-07-01
      product: 西瓜
    - type: supervision
      date: 2025-05-01
      subjects: 12
    - type: supervision
      date: 2025-11-01
    """)


def tasks(*args: str) -> Run:
    return wuhai_on("tasks", "progress", "--year", "2025", *args)


def tasks_json(*args: str) -> Any:
    run = tasks("--format", "json", *args)
    assert (run.exit_code, run.stderr) == (0, ""), run.stderr
    return run.json()


def test_the_city_may_record_the_measures_it_carries_out() -> None:
    assert real_plan().city_kinds == ("training", "inspection", "exchange_meeting",
                                      "evaluation_fair", "publicity", "monitoring_plan",
                                      "sampling")
    write_files(Path("progress"), {"2025.yaml": CITY_OWN})
    document = tasks_json()
    city = document["city"]
    assert city["district"] == "乌海市"
    assert city["brand_plan"]["status"] == "not_applicable"
    assert city["counts"]["training"] == 1
    assert city["supervised"] == {"base_creation": 0, "supervision": 0, "inspection": 1,
                                  "monitoring_plan": 1}
    assert (city["sampling"]["batches"], city["sampling"]["passed"]) == (20, 20)
    # the city's meeting is hosted by 乌达区, and counts for the rotation as such
    assert [(m["date"], m["host"]) for m in document["exchange_meetings"]["held"]] == [
        ("2025-05-20", "乌达区")]
    assert document["exchange_meetings"]["missing"] is False
    # the districts' rows hold none of the city's own activities
    assert all(row["counts"]["training"] == 0 for row in document["districts"])
    markdown = tasks("--format", "markdown").stdout
    assert "| 乌海市（市级） | 不适用 | 20 | 100% |" in markdown
    assert "| 乌海市（市级） | 0 | 0 | 0 | 0 | 0 | 0 | 1 |" in markdown
    assert "| 乌海市（市级） | 0 | 0 | 1 | 1 |" in markdown


def test_a_district_or_city_filter_decides_whether_the_citys_row_shows() -> None:
    write_files(Path("progress"), {"2025.yaml": CITY_OWN})
    assert tasks_json("--district", "乌海市")["city"]["district"] == "乌海市"
    assert tasks_json("--district", "hainan")["city"] is None


def test_without_the_citys_own_activities_there_is_no_city_row() -> None:
    write_files(Path("progress"), {"2025.yaml": DISTRICTS_OWN})
    assert tasks_json()["city"] is None
    assert "市级" not in tasks().stdout


@pytest.mark.parametrize(("kind", "field"), [
    ("expo", "title: 博览会"), ("base_creation", "product: 葡萄"), ("supervision", "subjects: 3"),
])
def test_the_city_cannot_record_what_the_districts_carry_out(kind: str, field: str) -> None:
    """An expo, a base or daily supervision is a district's: named 乌海市, it is refused at
    the place of its district, with the kinds the city may record."""
    write_files(Path("progress"), {"2025.yaml": activity_report(2025, None, f"""\
        - type: {kind}
          district: 乌海市
          date: 2025-08-08
          {field}
        """)})
    run = wuhai_on("validate", "progress", "--lang", "en")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == (
        f"{FILE}:4:15: '乌海市' is not a district: {kind} activities are recorded by the "
        "districts; the city records as its own only the measures it carries out: training, "
        "inspection, exchange_meeting, evaluation_fair, publicity, monitoring_plan, sampling\n")


def test_a_meeting_the_city_records_names_its_host() -> None:
    write_files(Path("progress"), {"2025.yaml": activity_report(2025, None, """\
        - type: exchange_meeting
          district: 乌海市
          date: 2025-05-20
        """)})
    run = wuhai_on("validate", "progress")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == f"{FILE}:3:5: 乌海市 记录的经验交流座谈会须写明承办区（host）\n"


def test_bases_against_the_layout_and_supervision_counted() -> None:
    """海勃湾区's layout is 葡萄、葡萄酒: a 葡萄 base is in it, a 西瓜 base outside it, and
    葡萄酒 has no base yet; two supervision rounds."""
    write_files(Path("progress"), {"2025.yaml": DISTRICTS_OWN})
    document = tasks_json()
    haibowan = next(row for row in document["districts"] if row["district"] == "海勃湾区")
    assert haibowan["bases"] == {
        "layout": ["葡萄", "葡萄酒"],
        "created": [{"product": "葡萄", "date": "2025-04-01", "in_layout": True},
                    {"product": "西瓜", "date": "2025-07-01", "in_layout": False}],
        "missing": ["葡萄酒"]}
    assert haibowan["supervised"] == {"base_creation": 2, "supervision": 2, "inspection": 0,
                                      "monitoring_plan": 0}
    markdown = tasks("--format", "markdown").stdout
    assert "| 海勃湾区 | 葡萄、葡萄酒 | 葡萄（2025-04-01） | 葡萄酒 | 西瓜（2025-07-01） |" in markdown
    assert "| 海南区 | 蛋鸡、育肥猪 | — | 蛋鸡、育肥猪 | — |" in markdown
    assert "| 海勃湾区 | 2 | 2 | 0 | 0 |" in markdown
    # a base counts in every later year's layout, not in later years' counts
    later = wuhai_on("tasks", "progress", "--year", "2026", "--format", "json").json()
    haibowan_2026 = next(row for row in later["districts"] if row["district"] == "海勃湾区")
    assert (haibowan_2026["bases"]["missing"], haibowan_2026["supervised"]["base_creation"]) == (
        ["葡萄酒"], 0)
