"""`wuhai check` for CI: exit codes, GitHub annotations, JSON, job summary.

Three tests run `python -m wuhai_green check` as a real process, one for each exit code CI
acts on (0, 1, 2); the others run it in-process. The escaping of annotations is tested
in tests/unit/test_github.py.

2025 targets at year end (tonnes): 海勃湾区 150, 海南区 150, 乌达区 100, city 400;
名特优新 2 per district, city 6. Status: met (achieved ≥ target), on_track (≥ 95 % of
expected), at_risk (60–95 %), behind (< 60 %).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from tests.harness import (
    CITY,
    PLAN,
    REPO,
    Run,
    cert,
    decimal_json,
    parse_github,
    write,
    write_report,
    wuhai,
    wuhai_on,
    wuhai_process,
)

STATUS_KEYS = ["district", "indicator", "unit", "baseline", "target", "target_source",
               "expected", "achieved", "gap", "completion", "status"]


def plan_line(district: str, indicator_id: str) -> int:
    """The line of `indicator_id: {…}` under `targets:` of an area in data/plan.yaml, found
    by reading the file (independently of the loader's marks)."""
    lines = PLAN.read_text(encoding="utf-8").splitlines()
    if district == CITY:
        start = next(i for i, line in enumerate(lines) if line.startswith("  name: 乌海市"))
    else:
        start = next(i for i, line in enumerate(lines) if line.strip() == f"- name: {district}")
    for number in range(start, len(lines)):
        if lines[number].strip().startswith(f"{indicator_id}: {{"):
            return number + 1
    raise AssertionError((district, indicator_id))


def famous(prefix: str, count: int, year: int = 2025) -> list[str]:
    return [cert(f"{prefix}-{n}", "famous_product", f"{year}-0{n}-01") for n in range(1, count + 1)]


def progress_2025(folder: Path, wuda_tonnes: int) -> Path:
    """海勃湾区 and 海南区 150 t and 2 名特优新 each (met); 乌达区 `wuda_tonnes` t and 2."""
    write_report(folder, "2025-haibowan.yaml", 2025, "海勃湾区",
           cert("LB-HBW", "green_food", "2025-03-01", 150), *famous("MT-HBW", 2))
    write_report(folder, "2025-hainan.yaml", 2025, "海南区",
           cert("LB-HN", "green_food", "2025-03-01", 150), *famous("MT-HN", 2))
    write_report(folder, "2025-wuda.yaml", 2025, "乌达区",
           cert("LB-WD", "green_food", "2025-03-01", wuda_tonnes), *famous("MT-WD", 2))
    for district in ("haibowan", "hainan", "wuda"):  # 2024: nothing new, but reported
        write_report(folder, f"2024-{district}.yaml", 2024, district)
    return folder


@pytest.fixture
def lagging(tmp_path: Path) -> Path:
    """乌达区 50 t of 100: 50 % → behind; city 350 of 400 = 87.5 % → at_risk; all else met."""
    return progress_2025(tmp_path / "progress", 50)


@pytest.fixture
def at_risk_only(tmp_path: Path) -> Path:
    """乌达区 80 t of 100: 80 % → at_risk; city 380 of 400 = 95 % → on_track; all else met."""
    return progress_2025(tmp_path / "progress", 80)


INVALID = """\
year: 2025
district: 海南区
certificates:
  - id: LB-1
    type: green_food
    product: 鸡蛋
    holder: 甲
    output_tonnes: 150
    issued: 2025-03-01
  - id: LB-2
    type: green_food
    output_tonnes: 十二
    product: 猪肉
    holder: 乙
    issued: 2025-04-01
"""


@pytest.fixture
def invalid(tmp_path: Path) -> Path:
    """Line 12 is `    output_tonnes: 十二`: the value starts in column 4 + 15 + 1 = 20."""
    folder = tmp_path / "progress"
    write(folder, "2025-海南区.yaml", INVALID)
    assert (folder / "2025-海南区.yaml").read_text(encoding="utf-8").splitlines()[11] == \
        "    output_tonnes: 十二"
    return folder


def check(cwd: Path, progress: Path | str, *args: str, plan: Path | str = PLAN, **env: str
          ) -> Run:
    """`wuhai check --year 2025` in-process, in the folder `cwd`."""
    return wuhai("check", "--plan", plan, "--progress", progress, "--year", "2025", *args,
                 cwd=cwd, env=env)


def check_process(cwd: Path, progress: Path | str, *args: str
                  ) -> subprocess.CompletedProcess[str]:
    """`python -m wuhai_green check --year 2025` as a real process, in the folder `cwd`."""
    return wuhai_process("check", "--plan", PLAN, "--progress", progress, "--year", "2025",
                         *args, cwd=cwd)


# --- exit codes (a real process for 0, 1 and 2) ----------------------------------------------


def test_invalid_data_exits_2_with_an_error_annotation(invalid: Path, tmp_path: Path) -> None:
    result = check_process(tmp_path, "progress", "--format", "github")
    assert result.returncode == 2, result.stderr
    annotations = parse_github(result.stdout)
    assert len(annotations) == 2
    error, verdict = annotations
    assert (error.level, error.file, error.line, error.column) == (
        "error", "progress/2025-海南区.yaml", 12, 20)
    assert "output_tonnes" in error.message and "十二" in error.message
    assert result.stdout.startswith("::error file=progress/2025-海南区.yaml,line=12,col=20::")
    # the last line says why the check failed
    assert (verdict.level, verdict.file, verdict.line) == ("error", None, None)
    assert verdict.message == ("检查未通过。数据文件中有 1 个错误，已标注在各自的文件和行上；"
                               "修正后才会计算完成情况。")
    assert "::warning" not in result.stdout  # nothing but the errors on bad data
    assert "Traceback" not in result.stderr


def test_invalid_data_exits_2_in_every_format(invalid: Path, tmp_path: Path) -> None:
    text = check(tmp_path, "progress")
    assert text.exit_code == 2
    assert "progress/2025-海南区.yaml:12:20: " in text.stderr
    document = check(tmp_path, "progress", "--format", "json")
    assert document.exit_code == 2
    parsed = decimal_json(document.stdout)
    assert parsed["schema"] == "wuhai-green/check@1"
    assert parsed["ok"] is False
    assert parsed["findings"] == []
    assert [{key: e[key] for key in ("file", "line", "column")} for e in parsed["errors"]] == [
        {"file": "progress/2025-海南区.yaml", "line": 12, "column": 20}]
    assert "十二" in parsed["errors"][0]["message"]


def test_lagging_data_exits_1_with_warnings_on_the_plan_lines(lagging: Path,
                                                              tmp_path: Path) -> None:
    """Findings: 乌达区 certified_output (behind, 50 of 100) and the city (at_risk, 350 of 400),
    each a warning on the line of its target in the repository's data/plan.yaml; then the
    reason the check failed."""
    shutil.copytree(lagging, tmp_path / "data" / "progress")
    shutil.copyfile(PLAN, tmp_path / "data" / "plan.yaml")
    result = wuhai_process("check", "--plan", "data/plan.yaml", "--progress", "data/progress",
                           "--year", "2025", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    annotations = parse_github(result.stdout)
    assert [(a.level, a.file, a.line, a.column) for a in annotations] == [
        ("warning", "data/plan.yaml", plan_line("乌达区", "certified_output"), None),
        ("warning", "data/plan.yaml", plan_line(CITY, "certified_output"), None),
        ("error", None, None, None)]
    assert (annotations[0].line, annotations[1].line) == (144, 104)
    assert annotations[0].message == "乌达区 新增绿色有机食品认证 2025：已完成 50 / 目标 100 吨（滞后）"
    assert annotations[1].message == "乌海市 新增绿色有机食品认证 2025：已完成 350 / 目标 400 吨（需加快）"
    assert annotations[2].message == (
        "检查未通过。1 项处于或低于“滞后”（--fail-on）：乌达区 新增绿色有机食品认证（滞后）。")


def test_with_the_shipped_plan_warnings_go_on_the_progress_files(lagging: Path,
                                                                 tmp_path: Path) -> None:
    """The plan outside the repository (the one shipped in the package, say): 乌达区's
    warning goes on the entry of its report that holds its figure (line 4 of
    2025-wuda.yaml: `  - id: LB-WD`), the city's on no file; no annotation names the plan."""
    result = check(tmp_path, lagging, "--format", "github", "--lang", "en")
    assert result.exit_code == 1
    annotations = parse_github(result.stdout)
    assert [(a.level, a.file, a.line) for a in annotations] == [
        ("warning", "progress/2025-wuda.yaml", 4), ("warning", None, None),
        ("error", None, None)]
    assert (lagging / "2025-wuda.yaml").read_text(encoding="utf-8").splitlines()[3] == \
        "  - id: LB-WD"
    assert annotations[1].message.startswith("Wuhai City ")  # the message names the area
    assert annotations[2].message == (
        "The check fails. 1 rows are at or below 'behind' (--fail-on): Wuda District Newly "
        "certified green and organic food output (behind).")


def test_plan_path_is_relative_to_the_working_folder(lagging: Path) -> None:
    """In CI the job runs at the repository root with data/plan.yaml: the annotation must name
    `data/plan.yaml`, the path GitHub matches against the change."""
    result = check(REPO, lagging, "--format", "github", plan="data/plan.yaml")
    assert result.exit_code == 1
    assert {a.file for a in parse_github(result.stdout)} == {"data/plan.yaml", None}


def test_fail_on_never_exits_0(lagging: Path, tmp_path: Path) -> None:
    result = check(tmp_path, lagging, "--format", "github", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    assert len(parse_github(result.stdout)) == 2  # still annotated


@pytest.mark.parametrize(("fail_on", "code"), [("behind", 0), ("at_risk", 1), ("never", 0)])
def test_fail_on_at_risk_versus_behind(at_risk_only: Path, tmp_path: Path, fail_on: str,
                                       code: int) -> None:
    """Only 乌达区 certified_output is at_risk (80 %): `behind` passes it, `at_risk` fails."""
    result = check(tmp_path, at_risk_only, "--fail-on", fail_on)
    assert result.exit_code == code, result.stdout + result.stderr


def test_default_fail_on_is_behind(at_risk_only: Path, tmp_path: Path) -> None:
    assert check(tmp_path, at_risk_only).exit_code == 0


def test_clean_data_passes(tmp_path: Path) -> None:
    """Everything at target: 乌达区 100 t of 100 → met everywhere, city 400 of 400."""
    folder = progress_2025(tmp_path / "progress", 100)
    result = check_process(tmp_path, folder, "--format", "github", "--fail-on", "at_risk")
    assert result.returncode == 0
    assert result.stdout == ""


def test_year_outside_the_plan_exits_2(lagging: Path, tmp_path: Path) -> None:
    result = wuhai("check", "--plan", PLAN, "--progress", lagging, "--year", "2029",
                   cwd=tmp_path)
    assert result.exit_code == 2
    assert "2029" in result.stderr and "Traceback" not in result.stderr


# --- JSON ---------------------------------------------------------------------------------


def test_json_document(lagging: Path) -> None:
    run = wuhai_on("check", lagging, "--year", "2025", "--format", "json")
    assert run.exit_code == 1
    document = run.json()
    assert document["schema"] == "wuhai-green/check@1"
    assert document["ok"] is False
    assert document["errors"] == []
    assert [(f["district"], f["indicator"], f["status"], f["achieved"], f["target"])
            for f in document["findings"]] == [
        ("乌达区", "certified_output", "behind", 50, 100),
        (CITY, "certified_output", "at_risk", 350, 400)]
    for finding in document["findings"]:
        assert list(finding)[:len(STATUS_KEYS)] == STATUS_KEYS
    assert document["findings"][1]["completion"] == Decimal("0.875")
    # the rows that fail --fail-on behind; no comparison, so no changes and no setbacks
    assert [(f["district"], f["status"]) for f in document["failing"]] == [("乌达区", "behind")]
    assert "changes" not in document and "setbacks" not in document


def test_json_ok_follows_fail_on(at_risk_only: Path) -> None:
    """The at_risk row is a finding either way; `ok` is false only when it fails --fail-on."""
    passing = wuhai_on("check", at_risk_only, "--year", "2025", "--format", "json")
    failing = wuhai_on("check", at_risk_only, "--year", "2025", "--format", "json",
                 "--fail-on", "at_risk")
    assert (passing.exit_code, passing.json()["ok"]) == (0, True)
    assert (failing.exit_code, failing.json()["ok"]) == (1, False)
    assert [f["district"] for f in passing.json()["findings"]] == ["乌达区"]
    assert passing.json()["findings"] == failing.json()["findings"]


def test_validate_gives_the_same_error_objects(invalid: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    checked = wuhai_on("check", "progress", "--year", "2025", "--format", "json")
    validated = wuhai_on("validate", "progress", "--format", "json")
    assert (checked.exit_code, validated.exit_code) == (2, 2)
    assert validated.json()["errors"] == checked.json()["errors"]
    assert validated.json()["ok"] is False
    check_github = wuhai_on("check", "progress", "--year", "2025", "--format", "github")
    validate_github = wuhai_on("validate", "progress", "--format", "github")
    # check adds the reason it failed, last
    assert check_github.stdout.startswith(validate_github.stdout)
    assert check_github.stdout[len(validate_github.stdout):].startswith("::error::检查未通过。")
    (error,) = parse_github(validate_github.stdout)
    assert (error.file, error.line, error.column) == ("progress/2025-海南区.yaml", 12, 20)
    assert error.message == checked.json()["errors"][0]["message"]


# --- escaping -----------------------------------------------------------------------------


def test_annotation_round_trips_special_characters(tmp_path: Path) -> None:
    """A file named `2025,海南区:100%.yaml` and a value `1:30,5%<newline>x`: the file property
    escapes `,` `:` `%`; the message shows the newline as `\\n` (a control character from
    data, issue 12) and escapes `%`; both parse back."""
    folder = tmp_path / "progress"
    write(folder, "2025,海南区:100%.yaml", """
        year: 2025
        district: 海南区
        certificates:
          - id: LB-1
            type: green_food
            product: x
            holder: y
            output_tonnes: "1:30,5%\\nx"
            issued: 2025-03-01
        """)
    result = check(tmp_path, "progress", "--format", "github")
    assert result.exit_code == 2
    assert "file=progress/2025%2C海南区%3A100%25.yaml,line=8,col=20::" in result.stdout
    assert "1:30,5%25\\nx" in result.stdout
    assert len(result.stdout.splitlines()) == 2  # the newline did not split the command
    error, _ = parse_github(result.stdout)
    assert (error.file, error.line, error.column) == ("progress/2025,海南区:100%.yaml", 8, 20)
    assert "“1:30,5%\\nx”" in error.message


# --- job summary --------------------------------------------------------------------------


def test_step_summary_gets_a_markdown_table(lagging: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    result = check(tmp_path, lagging, "--format", "github", GITHUB_STEP_SUMMARY=str(summary))
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n")  # appended, not replaced
    # the verdict first, in one paragraph, then the tables
    verdict = text.split("\n")[1]
    assert verdict == (
        "**检查未通过。** 1 项处于或低于“滞后”（--fail-on）：乌达区 新增绿色有机食品认证（滞后）。"
        "1 项处于需加快或滞后，列为警告（不影响检查结果）：乌海市 新增绿色有机食品认证（需加快）。"
        "（2025 年，截至 2025-12-31）")
    # markdown's link punctuation escaped (issue 12): GitHub shows "(吨)"
    assert text.split("\n")[2:4] == ["", "### 新增绿色有机食品认证 \\(吨\\)"]
    assert "| 地区 | 基期 | 2025 累计目标 | 已完成 | 差距 | 完成率 | 状态 |" in text
    assert "| 乌达区 | 300 | 100 | 50 | 50 | 50% | 滞后 |" in text
    assert "| 乌海市 | 2430 | 400 | 350 | 50 | 87.5% | 需加快 |" in text
    assert "|---|---:|" in text
    assert "::" not in text  # annotations go to stdout only


def test_no_summary_without_the_variable(lagging: Path, tmp_path: Path) -> None:
    before = set(os.listdir(tmp_path))
    result = check(tmp_path, lagging, "--format", "github")
    assert result.exit_code == 1
    assert set(os.listdir(tmp_path)) == before


# --- warnings, a clean validate, a bad --changed-since ---------------------------------------


def test_gb18030_file_is_a_warning_annotation_not_an_error(tmp_path: Path) -> None:
    """A report saved as GB18030 is read with a warning to re-save it as UTF-8; it is not bad
    data, so the exit code is the status's (0 with --fail-on never)."""
    folder = tmp_path / "progress"
    folder.mkdir()
    text = "year: 2025\ndistrict: 海南区\ncertificates:\n" + cert(
        "LB-1", "green_food", "2025-03-01", 150)
    (folder / "2025.yaml").write_bytes(text.encode("gb18030"))
    result = check(tmp_path, "progress", "--format", "github", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    first = parse_github(result.stdout)[0]
    assert (first.level, first.file) == ("warning", "progress/2025.yaml")
    assert "GB18030" in first.message
    document = decimal_json(check(tmp_path, "progress", "--format", "json",
                                  "--fail-on", "never").stdout)
    assert document["errors"] == []
    assert [w["file"] for w in document["warnings"]] == ["progress/2025.yaml"]


def test_validate_clean_data(at_risk_only: Path) -> None:
    document = wuhai_on("validate", at_risk_only, "--format", "json")
    assert document.exit_code == 0, document.stderr
    assert (document.json()["ok"], document.json()["errors"]) == (True, [])
    github = wuhai_on("validate", at_risk_only, "--format", "github")
    assert (github.exit_code, github.stdout) == (0, "")


def test_changed_since_outside_git_exits_2(lagging: Path, tmp_path: Path) -> None:
    result = check(tmp_path, lagging, "--format", "github", "--changed-since", "HEAD")
    assert result.exit_code == 2
    assert "git" in result.stderr and "Traceback" not in result.stderr


def test_check_csv_carries_every_status_row(lagging: Path) -> None:
    """CSV: the status rows of every district and the city (2 indicators × 4 areas = 8), with
    the exit code still following --fail-on."""
    run = wuhai_on("check", lagging, "--year", "2025", "--format", "csv")
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    assert lines[0].startswith("district,indicator,unit,baseline,target,target_source")
    assert len(lines) == 1 + 8
    assert [line.split(",")[0] for line in lines[1:]][-2:] == [CITY, CITY]


def test_validate_csv_and_markdown_list_the_problems(invalid: Path) -> None:
    """The same problems as the text output, one a row (csv) or a bullet (markdown)."""
    text = wuhai_on("validate", invalid, "--lang", "en")
    csv_run = wuhai_on("validate", invalid, "--lang", "en", "--format", "csv")
    markdown = wuhai_on("validate", invalid, "--lang", "en", "--format", "markdown")
    assert text.exit_code == csv_run.exit_code == markdown.exit_code == 2
    problems = text.stderr.splitlines()
    assert csv_run.stdout.splitlines()[0] == "file,line,column,severity,message"
    assert len(csv_run.stdout.splitlines()) == 1 + len(problems)
    assert len(markdown.stdout.splitlines()) == len(problems)
    first_where = problems[0].split(": ")[0]
    assert markdown.stdout.startswith(f"- `{first_where}` error: ")


def test_step_summary_in_english(lagging: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    passing = check(tmp_path, lagging, "--format", "github", "--fail-on", "never", "--lang",
                    "en", GITHUB_STEP_SUMMARY=str(summary))
    assert passing.exit_code == 0
    assert summary.read_text(encoding="utf-8").split("\n")[0] == (
        "**The check passes.** 2 rows at risk or behind are listed as warnings \\(they do not "
        "fail the check\\): Wuda District Newly certified green and organic food output "
        "\\(behind\\); Wuhai City Newly certified green and organic food output \\(at risk\\). "
        "\\(Figures of 2025 as of 2025-12-31.\\)")


def test_step_summary_on_bad_data(invalid: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    bad = check(tmp_path, invalid, "--format", "github", GITHUB_STEP_SUMMARY=str(summary))
    assert bad.exit_code == 2
    assert summary.read_text(encoding="utf-8") == (
        "**检查未通过。** 数据文件中有 1 个错误，已标注在各自的文件和行上；修正后才会计算完成情况。\n\n")


# --- GitLab Code Quality ----------------------------------------------------------------------


def test_gitlab_code_quality_report(lagging: Path, tmp_path: Path) -> None:
    """The findings and the verdict as Code Quality issues on files of the repository; the
    verdict also on stderr, for the job log."""
    shutil.copytree(lagging, tmp_path / "data" / "progress")
    shutil.copyfile(PLAN, tmp_path / "data" / "plan.yaml")
    run = wuhai("check", "--year", "2025", "--format", "gitlab", cwd=tmp_path)
    assert run.exit_code == 1
    issues = decimal_json(run.stdout)
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("wuhai/finding", "minor", {"path": "data/plan.yaml",
                                    "lines": {"begin": plan_line("乌达区", "certified_output")}}),
        ("wuhai/finding", "minor", {"path": "data/plan.yaml",
                                    "lines": {"begin": plan_line(CITY, "certified_output")}}),
        ("wuhai/failed", "blocker", {"path": ".gitlab-ci.yml", "lines": {"begin": 1}})]
    assert issues[0]["description"] == "乌达区 新增绿色有机食品认证 2025：已完成 50 / 目标 100 吨（滞后）"
    assert all(len(i["fingerprint"]) == 32 for i in issues)
    assert len({i["fingerprint"] for i in issues}) == 3
    assert run.stderr.startswith("检查未通过。1 项处于或低于“滞后”（--fail-on）")
    # a fingerprint follows the row, not its numbers: 乌达区 at 55 t is the same finding
    (tmp_path / "data" / "progress" / "2025-wuda.yaml").write_text(
        (lagging / "2025-wuda.yaml").read_text(encoding="utf-8").replace(
            "output_tonnes: 50", "output_tonnes: 55"), encoding="utf-8")
    again = decimal_json(wuhai("check", "--year", "2025", "--format", "gitlab",
                               cwd=tmp_path).stdout)
    assert again[0]["description"].startswith("乌达区 新增绿色有机食品认证 2025：已完成 55")
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]


def test_gitlab_on_bad_data_and_for_validate(invalid: Path, tmp_path: Path) -> None:
    checked = check(tmp_path, "progress", "--format", "gitlab", "--lang", "en")
    assert checked.exit_code == 2
    issues = decimal_json(checked.stdout)
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("wuhai/field.number", "major", {"path": "progress/2025-海南区.yaml",
                                         "lines": {"begin": 12}}),
        ("wuhai/failed", "blocker", {"path": ".gitlab-ci.yml", "lines": {"begin": 1}})]
    assert checked.stderr.startswith("The check fails. The data files hold 1 errors")
    validated = wuhai("validate", "--plan", PLAN, "--progress", "progress", "--format", "gitlab",
                      "--lang", "en", cwd=tmp_path)
    assert validated.exit_code == 2
    assert decimal_json(validated.stdout) == issues[:1]
    assert wuhai_on("validate", "progress", "--format", "gitlab", cwd=tmp_path).stderr == ""
