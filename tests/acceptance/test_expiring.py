"""`wuhai expiring`: the renewal calendar, worked by hand.

The data, taken at 2026-01-10 (apply by: 3 months before expiry for green food and organic,
30 days for 名特优新; "overdue" when that date is before --as-of):

| id      | district | type           | expires    | apply by   | note                          |
|---------|----------|----------------|------------|------------|-------------------------------|
| MT-I    | 海南区    | famous_product | 2026-01-20 | 2025-12-21 | overdue                       |
| LB-A    | 海南区    | green_food     | 2026-03-31 | 2025-12-31 | overdue                       |
| LB-H    | 乌达区    | green_food     | 2026-04-15 | 2026-01-15 |                               |
| MT-B    | 海南区    | famous_product | 2026-03-10 | 2026-02-08 |                               |
| LB-C    | 海南区    | green_food     | 2026-05-31 | 2026-02-28 |                               |
| LB-E    | 海南区    | green_food     | 2026-09-30 | 2026-06-30 | applied for within 6 months   |
| OR-D    | 海南区    | organic        | 2026-02-14 | —          | renewed 2026-02-01: not shown |
| LB-F    | 海南区    | green_food     | 2026-04-30 | —          | ended 2025-10-01: not shown   |
| LB-G    | 海南区    | green_food     | 2025-12-31 | —          | lapsed before --as-of         |
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.harness import cert, plan_with, write_report, wuhai_on

AS_OF = "2026-01-10"


@pytest.fixture
def calendar_data(tmp_path: Path) -> Path:
    folder = tmp_path / "progress"
    write_report(folder, "2024-hainan.yaml", 2024, "海南区",
           cert("MT-I", "famous_product", "2024-01-21", expires="2026-01-20"),
           cert("LB-A", "green_food", "2024-04-01", 10, expires="2026-03-31"),
           cert("MT-B", "famous_product", "2024-03-11", expires="2026-03-10"),
           cert("LB-C", "green_food", "2024-06-01", 30, expires="2026-05-31"),
           cert("LB-E", "green_food", "2024-10-01", 50, expires="2026-09-30"),
           cert("LB-F", "green_food", "2024-05-01", 60, expires="2026-04-30"),
           cert("LB-G", "green_food", "2024-01-01", 70, expires="2025-12-31"))
    write_report(folder, "2025-hainan.yaml", 2025, "海南区",
           cert("OR-D", "organic", "2025-02-15", 4),
           ended="  - id: LB-F\n    date: 2025-10-01\n    reason: 企业停产\n")
    write_report(folder, "2026-hainan.yaml", 2026, "海南区",
           cert("OR-D", "organic", "2026-02-01", 4, renews="OR-D"))
    write_report(folder, "2024-wuda.yaml", 2024, "wuda",
           cert("LB-H", "green_food", "2024-04-16", 20, expires="2026-04-15"))
    return folder


def expiring(progress: Path, *args: str) -> dict[str, Any]:
    run = wuhai_on("expiring", progress, "--as-of", AS_OF, "--format", "json", *args)
    assert run.exit_code == 0, run.stderr
    document: dict[str, Any] = run.json()
    return document


def summary(document: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    return [(row["id"], row["expires"], row["apply_by"], row["overdue"])
            for row in document["rows"]]


def test_six_months_sorted_by_apply_by_overdue_first(calendar_data: Path) -> None:
    """--within 6m from 2026-01-10 runs to 2026-07-09 (both days inside): LB-E expires after it
    (2026-09-30) but must be applied for within it (2026-06-30), so it is listed; LB-F ended
    early, LB-G lapsed before the window. OR-D (expires 2026-02-14) is renewed only on
    2026-02-01, after the as-of date, so on 2026-01-10 its renewal was still due: apply by
    2026-02-14 − 3 months = 2025-11-14, overdue. Overdue OR-D, MT-I, LB-A lead."""
    document = expiring(calendar_data, "--within", "6m")
    assert document["schema"] == "wuhai-green/expiring@1"
    assert (document["as_of"], document["until"]) == ("2026-01-10", "2026-07-09")
    assert summary(document) == [
        ("OR-D", "2026-02-14", "2025-11-14", True),
        ("MT-I", "2026-01-20", "2025-12-21", True),
        ("LB-A", "2026-03-31", "2025-12-31", True),
        ("LB-H", "2026-04-15", "2026-01-15", False),
        ("MT-B", "2026-03-10", "2026-02-08", False),
        ("LB-C", "2026-05-31", "2026-02-28", False),
        ("LB-E", "2026-09-30", "2026-06-30", False),
    ]
    mt_i = document["rows"][1]
    assert (mt_i["district"], mt_i["type"], mt_i["output_tonnes"]) == (
        "海南区", "famous_product", None)
    assert document["rows"][5]["output_tonnes"] == 30
    # MT-I: apply by 2025-12-21 is 20 days before 2026-01-10; it expires 10 days after
    assert (mt_i["days_to_apply"], mt_i["days_to_expiry"]) == (-20, 10)


def test_a_renewal_on_file_by_the_as_of_date_takes_a_record_off(calendar_data: Path) -> None:
    """On 2026-02-01 OR-D's renewal is on file: it is no longer listed."""
    run = wuhai_on("expiring", calendar_data, "--as-of", "2026-02-01", "--format", "json")
    assert "OR-D" not in [row["id"] for row in run.json()["rows"]]


def test_a_record_issued_after_the_as_of_date_is_not_listed(calendar_data: Path) -> None:
    """On 2024-02-01 only the records issued by then exist: MT-I (2024-01-21) and LB-G
    (2024-01-01); in two years, MT-I (expires 2026-01-20) is the only one to lapse by
    2026-01-31 — LB-G expires 2025-12-31 and is listed too; nothing issued later is."""
    run = wuhai_on("expiring", calendar_data, "--as-of", "2024-02-01", "--within", "2y",
             "--format", "json")
    assert [row["id"] for row in run.json()["rows"]] == ["LB-G", "MT-I"]


def test_default_window_is_six_months(calendar_data: Path) -> None:
    assert summary(expiring(calendar_data)) == summary(expiring(calendar_data, "--within", "6m"))


@pytest.mark.parametrize(("window", "until", "ids"), [
    ("90d", "2026-04-09", ["OR-D", "MT-I", "LB-A", "LB-H", "MT-B", "LB-C"]),
    ("2w", "2026-01-23", ["OR-D", "MT-I", "LB-A", "LB-H"]),
    ("1y", "2027-01-09", ["OR-D", "MT-I", "LB-A", "LB-H", "MT-B", "LB-C", "LB-E"]),
])
def test_other_windows(calendar_data: Path, window: str, until: str, ids: list[str]) -> None:
    """90 days from 2026-01-10 end on 2026-04-09: LB-H (expires 04-15) and LB-C (05-31) are in
    by their dates to apply (01-15, 02-28). 2 weeks end on 2026-01-23: MT-I expires then, and
    OR-D, LB-A (overdue) and LB-H (01-15) must be applied for by then; MT-B's date (02-08) is
    later. 1 year ends on 2027-01-09: the same as 6 months."""
    document = expiring(calendar_data, "--within", window)
    assert document["until"] == until
    assert [row["id"] for row in document["rows"]] == ids


def test_district_filter(calendar_data: Path) -> None:
    assert [row["id"] for row in expiring(calendar_data, "--district", "乌达区")["rows"]] == [
        "LB-H"]
    assert "LB-H" not in [row["id"] for row in
                          expiring(calendar_data, "--district", "hainan")["rows"]]
    assert len(expiring(calendar_data, "--district", "乌海市")["rows"]) == 7


def test_table_marks_overdue_and_summarises(calendar_data: Path) -> None:
    run = wuhai_on("expiring", calendar_data, "--as-of", AS_OF, "--format", "markdown")
    assert run.exit_code == 0, run.stderr
    lines = [line for line in run.stdout.splitlines() if line.startswith("| 20")]
    assert [line.split(" | ")[0] for line in lines] == [
        "| 2025-11-14 （已逾期）", "| 2025-12-21 （已逾期）", "| 2025-12-31 （已逾期）",
        "| 2026-01-15", "| 2026-02-08", "| 2026-02-28", "| 2026-06-30"]
    assert ("- 2026-01-10 至 2026-07-09 到期或须申请续展、且尚无续展记录的证书 7 张，其中 3 张已过"
            "续展申请期限") in run.stdout


def test_nothing_on_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    document = expiring(empty)
    assert document["rows"] == []


def test_a_named_progress_folder_that_does_not_exist_is_bad_input(tmp_path: Path) -> None:
    """A typo in --progress must not read as "nothing on file": exit 2 naming the folder."""
    run = wuhai_on("expiring", tmp_path / "typo", "--as-of", "2026-01-10")
    assert run.exit_code == 2
    assert run.stderr == f"{tmp_path / 'typo'}: 进度报告文件夹不存在\n"


@pytest.mark.parametrize("window", ["6x", "m6", "", "6", "-1d", "1.5m"])
def test_bad_window_is_a_usage_error(calendar_data: Path, window: str) -> None:
    run = wuhai_on("expiring", calendar_data, "--as-of", AS_OF, "--within", window,
             "--format", "json")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert f"时间窗“{window}”无效" in run.stderr


@pytest.mark.parametrize("window", ["99999y", "999999999d"])
def test_huge_window_is_a_usage_error_not_a_crash(calendar_data: Path, window: str) -> None:
    run = wuhai_on("expiring", calendar_data, "--as-of", AS_OF, "--within", window)
    assert run.exit_code == 2
    assert "内部错误" not in run.stderr


# --- the optional yearly confirmation of 名特优新 (off by default) -------------------------------


@pytest.fixture
def listed(tmp_path: Path) -> Path:
    """MT-1 listed 2024-03-11 (expires 2027-03-10); MT-2 listed 2024-05-01 and confirmed
    2025-04-20 under its own number (renews: MT-2)."""
    folder = tmp_path / "progress"
    write_report(folder, "2024.yaml", 2024, "海南区", cert("MT-1", "famous_product", "2024-03-11"),
                 cert("MT-2", "famous_product", "2024-05-01"))
    write_report(folder, "2025.yaml", 2025, "海南区",
                 cert("MT-2", "famous_product", "2025-04-20", renews="MT-2"))
    return folder


def confirmations(progress: Path, as_of: str, plan: Path | None = None) -> list[tuple[str, ...]]:
    args = ["--as-of", as_of, "--within", "1y", "--format", "json"]
    run = (wuhai_on("expiring", progress, *args) if plan is None
           else wuhai_on("expiring", progress, *args, plan_path=plan))
    assert run.exit_code == 0, run.stderr
    return [(row["id"], row["kind"], row["due"], row["apply_by"]) for row in run.json()["rows"]]


def test_no_yearly_confirmation_by_default(listed: Path) -> None:
    """The plan's rule is a 3-year validity: nothing falls due within a year of 2025-01-01."""
    assert confirmations(listed, "2025-01-01") == []


def test_a_validity_to_the_year_9999_ends_the_count_of_confirmations(tmp_path: Path) -> None:
    """A typed expiry of 9999-12-31 with the rule on: the anniversaries are counted up to the
    window's end, not searched for up to an expiry the calendar cannot pass (that looped).
    Listed 2024-03-11: inside 2025-01-01 + 1y only the 2025-03-11 confirmation (apply by
    2025-02-09)."""
    folder = tmp_path / "progress"
    write_report(folder, "2024.yaml", 2024, "海南区",
                 cert("MT-9", "famous_product", "2024-03-11", expires="9999-12-31"))
    plan = plan_with(tmp_path / "plan", ("    enabled: false\n", "    enabled: true\n"))
    assert confirmations(folder, "2025-01-01", plan) == [
        ("MT-9", "confirmation", "2025-03-11", "2025-02-09")]


def test_each_years_confirmation_when_the_rule_is_on(listed: Path, tmp_path: Path) -> None:
    """With the rule on (30 days ahead): taken at 2025-01-01, MT-1's first anniversary
    2025-03-11 (apply by 2025-02-09) and MT-2's 2025-05-01 (apply by 2025-04-01: its
    confirmation of 2025-04-20 was not yet on file). Taken at 2025-06-01, MT-1's 2026-03-11
    and the confirmed MT-2's next, 2026-04-20 (apply by 2026-03-21)."""
    plan = plan_with(tmp_path / "plan", ("    enabled: false\n", "    enabled: true\n"))
    assert confirmations(listed, "2025-01-01", plan) == [
        ("MT-1", "confirmation", "2025-03-11", "2025-02-09"),
        ("MT-2", "confirmation", "2025-05-01", "2025-04-01")]
    assert confirmations(listed, "2025-06-01", plan) == [
        ("MT-1", "confirmation", "2026-03-11", "2026-02-09"),
        ("MT-2", "confirmation", "2026-04-20", "2026-03-21")]
    table = wuhai_on("expiring", listed, "--as-of", "2025-01-01", "--within", "1y", "--format",
                     "markdown", plan_path=plan).stdout
    assert "| 2025-02-09 | 2025-03-11 年度确认 | 海南区 | 名特优新农产品 | MT-1 | 产品 | 获证主体 |  |" \
        in table
