"""`wuhai status` on the demo data (examples/demo), the figures worked by hand.

The demo's new awards (renewals do not count; an ended award still does):

    海勃湾区  green LB-HBW-2401 30 t (2024-05-10), organic OR-HBW-2401 10 t (2024-08-01),
              green LB-HBW-2501 40 t (2025-04-01); famous MT-HBW-2401 (2024-09-01).
              Not counted: OR-HBW-2401 renewed 2025-07-20, MT-HBW-0001 (renews the
              baseline's MT-HBW-2201).
    海南区    green LB-HN-2401 120 t (2024-03-15), LB-HN-2501 60 t (2025-06-15);
              famous MT-HN-2401 (2024-06-01), MT-HN-2501 (2025-10-10).
    乌达区    green LB-WD-2401 25 t (2024-11-20), LB-WD-2501 50 t (2025-09-01), organic
              OR-WD-2501 8 t (2025-02-01, ended 2025-11-01); famous MT-WD-2401
              (2024-12-01), MT-WD-2501 (2025-05-01).
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.harness import (
    DEMO,
    GOLDEN_DIR,
    PLAN,
    freeze_today,
    rows_by_key,
    status_json,
    wuhai,
    wuhai_on,
)

YEAR = "2025"
ROW_KEYS = ["district", "indicator", "unit", "baseline", "target", "target_source", "expected",
            "achieved", "gap", "completion", "status"]
GOAL_KEYS = ["goal", "unit", "value", "target", "status"]
CERTIFIED = "certified_output"
FAMOUS = "famous_products"


def status(*args: str) -> Any:
    return status_json(DEMO, 2025, *args)


def D(text: str) -> Decimal:
    return Decimal(text)


# --- JSON ------------------------------------------------------------------------------------


def test_json_shape_is_the_contract() -> None:
    """The README's shape: schema, year, as_of, rows, goals, notes; every row and goal key present."""
    document = status()
    assert list(document)[:6] == ["schema", "year", "as_of", "rows", "goals", "notes"]
    assert document["schema"] == "wuhai-green/status@1"
    assert document["year"] == 2025
    assert document["as_of"] == "2025-12-31"
    assert len(document["rows"]) == 8
    for row in document["rows"]:
        assert list(row)[:len(ROW_KEYS)] == ROW_KEYS
        assert row["unit"] == ("t" if row["indicator"] == CERTIFIED else "count")
        assert row["target_source"] in ("plan", "interpolated", "none")
        assert row["status"] in ("no_target", "met", "on_track", "at_risk", "behind")
        for key in ("baseline", "expected", "achieved", "gap"):
            assert isinstance(row[key], Decimal), key
    assert [goal["goal"] for goal in document["goals"]] == [
        "certified_output_stock", "famous_products_stock", "organic_certificates"]
    for goal in document["goals"]:
        assert set(GOAL_KEYS) <= set(goal)
        assert goal["status"] in ("met", "not_met")
    assert all(isinstance(note, str) and note for note in document["notes"])


def test_rows_are_districts_in_plan_order_then_the_city() -> None:
    document = status()
    assert [(row["district"], row["indicator"]) for row in document["rows"]] == [
        ("海勃湾区", CERTIFIED), ("海勃湾区", FAMOUS),
        ("海南区", CERTIFIED), ("海南区", FAMOUS),
        ("乌达区", CERTIFIED), ("乌达区", FAMOUS),
        ("乌海市", CERTIFIED), ("乌海市", FAMOUS),
    ]


# (baseline, target, expected, achieved, gap, completion, status) at 31 Dec 2025
FIGURES_2025 = {
    # 30 + 10 + 40 = 80 of 150: gap 70, 80/150 = 0.533333, R = 0.53 < 0.6
    ("海勃湾区", CERTIFIED): ("1300", "150", "150", "80", "70", "0.533333", "behind"),
    # MT-HBW-2401 only: 1 of 2, R = 0.5
    ("海勃湾区", FAMOUS): ("4", "2", "2", "1", "1", "0.5", "behind"),
    # 120 + 60 = 180 ≥ 150: met, 180/150 = 1.2
    ("海南区", CERTIFIED): ("830", "150", "150", "180", "0", "1.2", "met"),
    ("海南区", FAMOUS): ("3", "2", "2", "2", "0", "1", "met"),
    # 25 + 50 + 8 (ended, still counts) = 83 of 100: R = 0.83
    ("乌达区", CERTIFIED): ("300", "100", "100", "83", "17", "0.83", "at_risk"),
    ("乌达区", FAMOUS): ("4", "2", "2", "2", "0", "1", "met"),
    # 80 + 180 + 83 = 343 of the plan's 400 (0.04 万吨): 343/400 = 0.8575
    ("乌海市", CERTIFIED): ("2430", "400", "400", "343", "57", "0.8575", "at_risk"),
    # 1 + 2 + 2 = 5 of 6: 0.833333
    ("乌海市", FAMOUS): ("11", "6", "6", "5", "1", "0.833333", "at_risk"),
}


def test_figures_at_the_end_of_2025() -> None:
    """See FIGURES_2025 for the arithmetic; every target is a plan milestone."""
    rows = rows_by_key(status())
    for key, (baseline, target, expected, achieved, gap, completion, word) in \
            FIGURES_2025.items():
        row = rows[key]
        assert (row["baseline"], row["target"], row["expected"], row["achieved"], row["gap"],
                row["completion"], row["status"], row["target_source"]) == (
            D(baseline), D(target), D(expected), D(achieved), D(gap), D(completion), word,
            "plan"), key


def test_goals_at_the_end_of_2025() -> None:
    """Certificates in force on 31 Dec 2025, no 2023 register (block 2430 t / 11 products):
    output: 30 + 10 (OR-HBW-2401's 2025 renewal; the 2024 record ended 19 Jul 2025) + 40
    + 120 + 60 + 25 + 50 = 335 (OR-WD-2501 ended 1 Nov 2025) → 2430 + 335 = 2765 ≥ 2250: met
    (above the band 2250–2750 is met);
    名特优新: MT-HBW-2401, MT-HN-2401, MT-HN-2501, MT-WD-2401, MT-WD-2501 = 5 (MT-HBW-0001
    maintains the block) → 11 + 5 = 16 < 23: not met;
    organic: OR-HBW-2401 (2025) = 1 < 4.5: not met (no block)."""
    goals = {goal["goal"]: goal for goal in status()["goals"]}
    assert {key: (g["unit"], g["value"], g["target"], g["status"]) for key, g in goals.items()} == {
        "certified_output_stock": ("t", 2765, 2500, "met"),
        "famous_products_stock": ("count", 16, 23, "not_met"),
        "organic_certificates": ("count", 1, 5, "not_met"),
    }
    assert (goals["certified_output_stock"]["lower"], goals["certified_output_stock"]["upper"]) \
        == (2250, 2750)
    assert (goals["organic_certificates"]["lower"], goals["organic_certificates"]["upper"]) \
        == (D("4.5"), D("5.5"))


def test_notes_say_the_baseline_is_a_block() -> None:
    notes = status("--lang", "en")["notes"]
    assert any("constant block" in note for note in notes)
    assert any("'About 5 organic certifications' has no baseline" in note for note in notes)


def test_certificates_behind_each_row() -> None:
    """Extra key `certificates`: the new awards counted, renewals left out."""
    rows = rows_by_key(status())
    assert rows[("海勃湾区", CERTIFIED)]["certificates"] == [
        "LB-DEMO-HBW-2401", "OR-DEMO-HBW-2401", "LB-DEMO-HBW-2501"]
    assert rows[("海勃湾区", FAMOUS)]["certificates"] == ["MT-DEMO-HBW-2401"]
    assert sorted(rows[("乌海市", FAMOUS)]["certificates"]) == [
        "MT-DEMO-HBW-2401", "MT-DEMO-HN-2401", "MT-DEMO-HN-2501", "MT-DEMO-WD-2401",
        "MT-DEMO-WD-2501"]


# (expected, achieved, gap, completion, status) at 30 Jun 2025: f = 181/365
FIGURES_30_JUNE = {
    # 52 + 98 × 181/365 = 100.597260…; 80 (LB-HBW-2501 is from 1 Apr); R = 0.795
    ("海勃湾区", CERTIFIED): ("100.59726", "80", "70", "0.533333", "at_risk"),
    # 1 + 1 × 181/365 = 1.495890…; R = 1/1.4959 = 0.668
    ("海勃湾区", FAMOUS): ("1.49589", "1", "1", "0.5", "at_risk"),
    # 100 + 50 × 181/365 = 124.794520…(5); 180 ≥ 150: met
    ("海南区", CERTIFIED): ("124.794521", "180", "0", "1.2", "met"),
    # MT-HN-2501 comes on 10 Oct: 1; R = 0.668
    ("海南区", FAMOUS): ("1.49589", "1", "1", "0.5", "at_risk"),
    # blank 2024 = 0: 100 × 181/365 = 49.589041…; 25 + 8 = 33 (LB-WD-2501 on 1 Sep);
    # R = 0.6655
    ("乌达区", CERTIFIED): ("49.589041", "33", "67", "0.33", "at_risk"),
    ("乌达区", FAMOUS): ("1.49589", "2", "0", "1", "met"),
    # 152 + 248 × 181/365 = 274.980821…(9); 80 + 180 + 33 = 293; R = 1.066
    ("乌海市", CERTIFIED): ("274.980822", "293", "107", "0.7325", "on_track"),
    # 3 + 3 × 181/365 = 4.487671…; 1 + 1 + 2 = 4; R = 0.891; 4/6 = 0.666667
    ("乌海市", FAMOUS): ("4.487671", "4", "2", "0.666667", "at_risk"),
}


def test_figures_on_30_june_2025() -> None:
    """--as-of 2025-06-30: expected = target(2024) + (target(2025) − target(2024)) × 181/365."""
    document = status("--as-of", "2025-06-30")
    assert document["as_of"] == "2025-06-30"
    rows = rows_by_key(document)
    for key, (expected, achieved, gap, completion, word) in FIGURES_30_JUNE.items():
        row = rows[key]
        assert (row["expected"], row["achieved"], row["gap"], row["completion"],
                row["status"]) == (D(expected), D(achieved), D(gap), D(completion), word), key
    goals = {goal["goal"]: goal["value"] for goal in document["goals"]}
    # output: 30 + 10 (OR-HBW-2401 2024 record, in force until 19 Jul) + 40 + 120 + 60 + 25
    # + 8 (OR-WD-2501, ended later) = 293 → 2723; 名特优新: 11 + 4 = 15; organic: 2
    assert goals == {"certified_output_stock": 2723, "famous_products_stock": 15,
                     "organic_certificates": 2}


def test_as_of_adds_the_expected_figure_and_the_progress_the_status_is_based_on() -> None:
    """On 30 Jun 2025 海勃湾区 is expected to have 52 + (150 − 52) × 181/365 = 100.597… t;
    80 achieved is 79.5 % of that (需加快: 60–95 %), beside 53.3 % of the year's target."""
    year_end = wuhai_on("status", DEMO, "--year", YEAR, "--format", "markdown")
    inside = wuhai_on("status", DEMO, "--year", YEAR, "--format", "markdown", "--as-of", "2025-06-30")
    assert "| 地区 | 基期 | 2025 累计目标 | 已完成 | 差距 | 完成率 | 状态 |" in year_end.stdout
    assert "应完成" not in year_end.stdout
    assert ("| 地区 | 基期 | 2025 累计目标 | 应完成 | 已完成 | 差距 | 完成率 | 进度完成率 | 状态 |"
            in inside.stdout)
    assert "| 海勃湾区 | 1300 | 150 | 100.6 | 80 | 70 | 53.3% | 79.5% | 需加快 |" in inside.stdout
    assert "进度完成率" not in year_end.stdout  # at year end expected is the target itself


def test_district_filter() -> None:
    """--district hainan: the two rows of 海南区 only (the goals stay the city's)."""
    by_alias = status("--district", "hainan")
    by_name = status("--district", "海南区")
    assert [(row["district"], row["indicator"]) for row in by_alias["rows"]] == [
        ("海南区", CERTIFIED), ("海南区", FAMOUS)]
    assert by_alias == by_name
    assert [row["achieved"] for row in by_alias["rows"]] == [180, 2]


@pytest.mark.parametrize(("today", "year", "as_of"), [
    ("2025-06-30", "2025", "2025-06-30"),   # the current year: figures taken today
    ("2025-06-30", "2024", "2024-12-31"),   # a past year: at its end
    ("2026-01-01", "2025", "2025-12-31"),
])
def test_as_of_defaults_to_today_in_the_current_year(monkeypatch: pytest.MonkeyPatch, today: str,
                                                     year: str, as_of: str) -> None:
    freeze_today(monkeypatch, date.fromisoformat(today))
    assert status_json(DEMO, int(year))["as_of"] == as_of


# --- words, formats ---------------------------------------------------------------------------


def test_status_words_in_chinese_and_english() -> None:
    zh = wuhai_on("status", DEMO, "--year", YEAR, "--format", "markdown", "--lang", "zh").stdout
    en = wuhai_on("status", DEMO, "--year", YEAR, "--format", "markdown", "--lang", "en").stdout
    assert "| 海勃湾区 | 1300 | 150 | 80 | 70 | 53.3% | 滞后 |" in zh
    assert "| 海南区 | 830 | 150 | 180 | 0 | 120% | 达标 |" in zh
    assert "| 乌达区 | 300 | 100 | 83 | 17 | 83% | 需加快 |" in zh
    assert "| Haibowan District | 1300 | 150 | 80 | 70 | 53.3% | behind |" in en
    assert "| Hainan District | 830 | 150 | 180 | 0 | 120% | met |" in en
    assert "| Wuda District | 300 | 100 | 83 | 17 | 83% | at risk |" in en
    for word in ("达标", "滞后", "需加快"):
        assert word not in en
    # the JSON keeps the machine values whatever the language
    assert status("--lang", "en")["rows"] == status("--lang", "zh")["rows"]


def test_the_language_comes_from_wuhai_lang() -> None:
    """Without --lang, $WUHAI_LANG=en selects English (the runner clears it otherwise)."""
    result = wuhai("status", "--plan", PLAN, "--progress", DEMO, "--year", YEAR,
                   "--format", "markdown", env={"WUHAI_LANG": "en"})
    assert result.exit_code == 0
    assert "| Hainan District | 830 | 150 | 180 | 0 | 120% | met |" in result.stdout


def test_table_output() -> None:
    run = wuhai_on("status", DEMO, "--year", YEAR, "--lang", "en")
    assert run.exit_code == 0 and run.stderr == ""
    lines = run.stdout.splitlines()
    hainan = next(line for line in lines if "Hainan District" in line)
    assert hainan.split()[2:6] == ["830", "150", "180", "0"]
    assert "met" in hainan


def test_csv_carries_the_same_rows_as_json() -> None:
    """The CSV rows are the JSON rows; the notes (the baseline block disclosure among them)
    go to stderr, where they do not break the CSV."""
    run = wuhai_on("status", DEMO, "--year", YEAR, "--format", "csv")
    assert run.exit_code == 0
    assert run.stderr.splitlines() == status()["notes"]
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert list(rows[0])[:len(ROW_KEYS)] == ROW_KEYS
    document = status()
    assert len(rows) == len(document["rows"]) == 8
    for from_csv, from_json in zip(rows, document["rows"], strict=True):
        for key in ROW_KEYS:
            value = from_json[key]
            if isinstance(value, Decimal):
                assert Decimal(from_csv[key]) == value, key
            else:
                assert from_csv[key] == ("" if value is None else str(value)), key


def test_markdown_holds_one_table_per_indicator_and_the_goals() -> None:
    run = wuhai_on("status", DEMO, "--year", YEAR, "--format", "markdown")
    assert run.exit_code == 0 and run.stderr == ""
    text = run.stdout
    titles = [line for line in text.splitlines() if line.startswith("### ")]
    assert titles == ["### 新增绿色有机食品认证 (吨)", "### 新增名特优新农产品 (个)",
                      "### 建设目标（2025-12-31 有效证书）"]
    assert "| 乌海市 | 2430 | 400 | 343 | 57 | 85.8% | 需加快 |" in text
    assert "| 乌海市 | 11 | 6 | 5 | 1 | 83.3% | 需加快 |" in text
    assert "| 全市绿色食品产量稳定在2500吨左右 | 2765 | 2250–2750 | 达到 |" in text
    assert "| 名特优新农产品数量增加到23个以上 | 16 | ≥ 23 | 未达到 |" in text


def test_json_is_tonnes_whatever_the_display_unit() -> None:
    assert status("--unit", "wan-t") == status()
    table = wuhai_on("status", DEMO, "--year", YEAR, "--unit", "wan-t", "--format", "markdown").stdout
    assert "| 海勃湾区 | 0.13 | 0.015 | 0.008 | 0.007 | 53.3% | 滞后 |" in table


def test_machine_output_has_nothing_on_stderr() -> None:
    run = wuhai_on("status", DEMO, "--year", YEAR, "--format", "json")
    assert run.exit_code == 0
    assert run.stderr == ""
    json.loads(run.stdout)


# --- golden files ------------------------------------------------------------------------------

# Written from the output once the figures above were checked by hand. To rewrite them after
# an intended change: UPDATE_GOLDEN=1 python -m pytest tests/acceptance/test_status.py
GOLDEN = {
    "status-demo-2025.json": ("--format", "json"),
    "status-demo-2025.csv": ("--format", "csv"),
    "status-demo-2025.md": ("--format", "markdown"),
    "status-demo-2025-06-30.md": ("--format", "markdown", "--as-of", "2025-06-30"),
}


def _parsed(name: str, text: str) -> Any:
    if name.endswith(".json"):
        return json.loads(text, parse_float=Decimal)
    if name.endswith(".csv"):
        return list(csv.DictReader(io.StringIO(text)))
    return text


@pytest.mark.parametrize("name", GOLDEN)
def test_golden(name: str) -> None:
    run = wuhai_on("status", DEMO, "--year", YEAR, *GOLDEN[name])
    assert run.exit_code == 0, run.stderr
    path: Path = GOLDEN_DIR / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(run.stdout, encoding="utf-8")
    assert _parsed(name, run.stdout) == _parsed(name, path.read_text(encoding="utf-8"))


# --- --explain ---------------------------------------------------------------------------------


def test_explain_lists_the_certificates_under_each_figure() -> None:
    run = wuhai_on("status", DEMO, "--year", YEAR, "--explain", "--lang", "en", "--format", "markdown")
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("| Haibowan District | 1300")))
    explained = [line.split()[2] for line in lines[start + 1:start + 4]]
    assert explained == ["LB-DEMO-HBW-2401", "OR-DEMO-HBW-2401", "LB-DEMO-HBW-2501"]
    assert lines[start + 4].startswith("| Hainan District | 830")
    # the 2025 renewal of OR-DEMO-HBW-2401 is no addition: the 2024 award is listed, once
    assert "OR-DEMO-HBW-2401 葡萄酒 示例酒庄有限公司 2024-08-01 10 t" in lines[start + 2]
    assert "2025-07-20" not in "\n".join(lines[start + 1:start + 4])
    # the goals list the block and the records in force
    assert "baseline block 2430" in run.stdout


def test_explain_lists_the_certificates_under_the_table() -> None:
    """The figures keep their columns: the certificates follow the table, under the name
    of their row (issue 10 §4)."""
    run = wuhai_on("status", DEMO, "--year", YEAR, "--explain")
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    row = next(i for i, line in enumerate(lines) if line.strip().startswith("乌达区") and "83" in line)
    assert lines[row + 1].strip().startswith("乌海市")  # the table's rows stay together
    index = next(i for i, line in enumerate(lines) if line.strip() == "乌达区")
    assert index > row
    assert [lines[index + k].split()[1] for k in (1, 2, 3)] == [
        "LB-DEMO-WD-2401", "LB-DEMO-WD-2501", "OR-DEMO-WD-2501"]
    assert all(lines[index + k].strip().startswith("↳") for k in (1, 2, 3))


def test_without_explain_no_certificate_is_listed() -> None:
    assert "LB-DEMO" not in wuhai_on("status", DEMO, "--year", YEAR).stdout


# --- bad usage ---------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["2023", "2029", "1999"])
def test_a_year_outside_the_plan_is_refused(year: str) -> None:
    run = wuhai_on("status", DEMO, "--year", year, "--lang", "en")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert f"year {year} lies outside the plan's 2024-2028" in run.stderr


def test_an_unknown_district_is_refused() -> None:
    run = wuhai_on("status", DEMO, "--year", YEAR, "--district", "haibei", "--lang", "en", "--format", "json")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert "unknown district 'haibei'" in run.stderr
    assert "海勃湾区" in run.stderr and "hainan" in run.stderr


@pytest.mark.parametrize("as_of", ["2024-06-30", "2026-01-01", "2025-02-30", "30.06.2025"])
def test_a_bad_as_of_is_refused(as_of: str) -> None:
    run = wuhai_on("status", DEMO, "--year", YEAR, "--as-of", as_of)
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.strip()


def test_bad_data_exits_2_without_output(tmp_path: Path) -> None:
    (tmp_path / "2025.yaml").write_text("year: 2025\ndistrict: nowhere\n", encoding="utf-8")
    run = wuhai_on("status", tmp_path, "--year", YEAR, "--format", "json")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert f"{tmp_path / '2025.yaml'}:2:11:" in run.stderr
    assert run.stderr == (f"{tmp_path / '2025.yaml'}:2:11: 未知的地区“nowhere”；应为：海勃湾区 (haibowan), "
                          "海南区 (hainan), 乌达区 (wuda)\n")


def test_no_data_gives_zero_achieved_and_a_note(tmp_path: Path) -> None:
    document = status_json(tmp_path, 2024, "--lang", "en")
    rows = rows_by_key(document)
    assert rows[("乌达区", CERTIFIED)]["status"] == "no_target"
    assert rows[("乌达区", CERTIFIED)]["target"] is None
    assert rows[("乌达区", CERTIFIED)]["target_source"] == "none"
    assert rows[("乌达区", CERTIFIED)]["completion"] is None
    assert rows[("海南区", CERTIFIED)]["status"] == "behind"
    assert rows[("乌海市", CERTIFIED)]["target"] == 152
    assert "The progress reports hold no certificates yet." in document["notes"]


def test_interpolated_targets_are_marked() -> None:
    """2026: 海勃湾区 150 + 50/3 = 166.666667, marked `interpolated` and `*` in tables."""
    document = status_json(DEMO, 2026)
    row = rows_by_key(document)[("海勃湾区", CERTIFIED)]
    assert (row["target"], row["target_source"]) == (D("166.666667"), "interpolated")
    table = wuhai_on("status", DEMO, "--year", "2026", "--format", "markdown").stdout
    assert "| 海勃湾区 | 1300 | 166.67* |" in table


def test_english_titles_have_no_empty_parentheses() -> None:
    """The count unit has no English name: the 名特优新 title must not end in "()"."""
    text = wuhai_on("status", DEMO, "--year", YEAR, "--format", "markdown", "--lang", "en").stdout
    assert "()" not in text
    assert "### Newly listed famous, special, quality and new products\n" in text


def test_as_of_alone_chooses_its_year() -> None:
    """--as-of 2025-06-30 without --year takes the figures of 2025 on that day (not an error
    that 2025-06-30 lies outside the current year)."""
    run = wuhai_on("status", DEMO, "--as-of", "2025-06-30", "--format", "json")
    assert run.exit_code == 0, run.stderr
    document = run.json()
    assert (document["year"], document["as_of"]) == (2025, "2025-06-30")


def test_piped_tables_keep_every_figure_whole_at_80_columns() -> None:
    """Written to a pipe at 80 columns, an English table in 万吨 is wider than 80: it is printed
    at its natural width instead of folding or cropping figures (乌达区's gap 0.0017 万吨 =
    17 t, the city's 0.0057 = 57 t; the status words stay whole)."""
    result = wuhai("status", "--year", "2025", "--plan", PLAN, "--progress", DEMO,
                   "--unit", "wan-t", "--lang", "en", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    wuda = next(line for line in result.stdout.splitlines() if "Wuda District" in line)
    assert wuda.split()[-4:] == ["0.0017", "83%", "at", "risk"]
    assert any(line.split()[-4:] == ["0.0057", "85.8%", "at", "risk"]
               for line in result.stdout.splitlines() if "Wuhai City" in line)
