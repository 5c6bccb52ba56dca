"""Every district's report accounted for (issue 11 §2): the years that have ended without
a report are named by status, check and tasks; where the reports were looked for is said."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.harness import freeze_today, write, wuhai, wuhai_on

REPORTED = {  # 海勃湾区 reported 2024 and 2025, 海南区 2024 (in a folder of its own, .YAML),
    "2024-haibowan.yaml": "year: 2024\ndistrict: haibowan\n",   # 乌达区 nothing
    "2025/2025-haibowan.yml": "year: 2025\ndistrict: 海勃湾区\ncertificates: []\n",
    "2024/HAINAN.YAML": "year: 2024\ndistrict: hainan\n",
}
MISSING = [{"district": "乌达区", "year": 2024}, {"district": "海南区", "year": 2025},
           {"district": "乌达区", "year": 2025}]


@pytest.fixture
def progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    freeze_today(monkeypatch, date(2026, 1, 20))  # 2025 has ended
    for name, text in REPORTED.items():
        path = tmp_path / "progress" / name
        write(path.parent, path.name, text)
    return tmp_path / "progress"


def test_status_names_the_missing_reports(progress: Path) -> None:
    document = wuhai_on("status", progress, "--year", "2025", "--format", "json").json()
    assert document["missing_reports"] == MISSING
    assert document["notes"][0] == (
        "尚未提交进度报告（年份已结束）：乌达区（2024、2025 年）、海南区（2025 年）。"
        "没有新增的年份也请提交一份各项为空的报告。")


def test_a_year_not_yet_over_is_not_missing(progress: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    freeze_today(monkeypatch, date(2025, 12, 31))
    document = wuhai_on("status", progress, "--year", "2025", "--format", "json").json()
    assert document["missing_reports"] == [{"district": "乌达区", "year": 2024}]


def test_one_district_asked_is_told_of_its_own(progress: Path) -> None:
    document = wuhai_on("status", progress, "--year", "2025", "--district", "hainan",
                        "--format", "json").json()
    assert document["missing_reports"] == [{"district": "海南区", "year": 2025}]


def test_check_names_them_in_json_and_as_github_warnings(progress: Path) -> None:
    document = wuhai_on("check", progress, "--year", "2025", "--format", "json").json()
    assert document["missing_reports"] == MISSING
    github = wuhai_on("check", progress, "--year", "2025", "--format", "github").stdout
    assert [line for line in github.splitlines() if "尚未提交" in line] == [
        "::warning::乌达区 尚未提交 2024 年进度报告", "::warning::海南区 尚未提交 2025 年进度报告",
        "::warning::乌达区 尚未提交 2025 年进度报告"]


def test_tasks_names_them(progress: Path) -> None:
    document = wuhai_on("tasks", progress, "--year", "2025", "--format", "json").json()
    assert document["missing_reports"] == MISSING


def test_where_the_reports_were_looked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    """No folder at the default place, during the period: a warning says where."""
    run = wuhai_on("status", tmp_path / "nowhere", "--year", "2025", "--lang", "en", cwd=tmp_path)
    assert run.exit_code == 2  # a folder named on the command line must exist
    run = wuhai("status", "--year", "2025", "--lang", "en", cwd=tmp_path)
    assert run.exit_code == 0
    assert run.stderr == ("data/progress: warning: no folder of progress reports here (name "
                          "one with --progress or $WUHAI_PROGRESS)\n")
