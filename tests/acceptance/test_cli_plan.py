"""`wuhai plan`, `wuhai validate`, `--version` and the installed entry point.

Every run happens in an empty working folder (the `workdir` fixture) with no WUHAI_*
variables, so the shipped plan is used unless a test says otherwise.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from decimal import Decimal
from importlib import metadata
from pathlib import Path

import pytest

from tests.harness import (
    ANNEX_1,
    ANNEX_2_CELLS,
    DEMO,
    FAULTY_PLANS,
    Escaped,
    __version__,
    break_inside,
    command_names,
    decimal_json,
    generated_plan,
    shipped_plan_path,
    wuhai,
    wuhai_process,
)

pytestmark = pytest.mark.usefixtures("workdir")  # an empty working folder, the test's own

COMMANDS = command_names()


def row(table_text: str, *first: str) -> list[str]:
    """The cells (whitespace-separated words) of the one table line starting with `first`."""
    found = [line.split() for line in table_text.splitlines() if line.split()[: len(first)] == list(first)]
    assert len(found) == 1, (first, found)
    return found[0]


# --- wuhai plan -----------------------------------------------------------------------


def test_plan_shows_the_tables_in_tonnes_by_default() -> None:
    """海勃湾区 targets 0.0052/0.015/0.02 万吨 = 52/150/200 t; 乌达区 2024 is blank."""
    exit_code, stdout, stderr = wuhai("plan")
    assert (exit_code, stderr) == (0, "")
    assert row(stdout, "海勃湾区", "新增绿色有机食品认证")[-3:] == ["52", "150", "200"]
    assert row(stdout, "乌达区", "新增绿色有机食品认证")[-3:] == ["—", "100", "200"]
    assert row(stdout, "乌海市", "新增名特优新农产品")[-3:] == ["3", "6", "12"]
    assert row(stdout, "海南区", "830")[-1] == "3"  # 附件1: 0.083 万吨 = 830 t, 3 products
    for title in ["建设目标（五年）", "重点布局", "附件1 绿色有机产品发展现状清单（2023 年）",
                  "附件2 打造绿色有机品牌工作任务清单（累计新增）", "证书有效期与续展", "主要任务",
                  "保障措施", "附件3 绿色有机品牌打造技术服务专家团队", "项目决定（方案没有写明的取值）"]:
        assert title in stdout
    assert "《关于打造乌海市绿色有机品牌的工作方案》 乌海市农牧局 2023-08-28 印发" in stdout


def test_plan_in_wan_t_shows_the_figures_as_printed() -> None:
    exit_code, stdout, _ = wuhai("plan", "--unit", "wan-t")
    assert exit_code == 0
    assert row(stdout, "海勃湾区", "新增绿色有机食品认证")[-3:] == ["0.0052", "0.015", "0.02"]
    assert row(stdout, "乌海市", "新增绿色有机食品认证")[-3:] == ["0.0152", "0.04", "0.06"]
    assert row(stdout, "乌达区", "新增绿色有机食品认证")[-3:] == ["—", "0.01", "0.02"]
    assert row(stdout, "乌海市", "0.243")[-1] == "11"
    assert "(万吨)" in stdout


def test_plan_lists_experts_and_the_task_due_date() -> None:
    _, stdout, _ = wuhai("plan")
    assert row(stdout, "赵海东") == ["赵海东", "乌海市畜牧兽医中心", "高级兽医师"]
    # the year of the due date is a project decision (the document says 10月15日前): marked
    assert row(stdout, "四（一）")[2:5] == ["各区", "乌海市农畜产品质量安全中心", "2023-10-15〔决定9〕"]


def test_plan_in_english() -> None:
    exit_code, stdout, _ = wuhai("plan", "--lang", "en")
    assert exit_code == 0
    for title in ["Five-year goals",
                  "Annex 1: The present state of green and organic products (2023)",
                  "Annex 2: Task list for building the green and organic brands (cumulative new "
                  "additions)",
                  "Annex 3: Technical service expert team for building the green and organic "
                  "brands", "Certificate validity and renewal",
                  "Project decisions (values the plan does not state)"]:
        assert title in stdout
    assert "累计新增任务" not in stdout
    assert row(stdout, "Haibowan", "District", "Newly", "certified")[-3:] == ["52", "150", "200"]
    assert "Work plan for building Wuhai City's green and organic brands" in stdout


def test_lang_from_the_environment_and_the_option_wins() -> None:
    english = {"WUHAI_LANG": "en"}
    assert "Five-year goals" in wuhai("plan", env=english).stdout
    assert "建设目标（五年）" in wuhai("plan", "--lang", "zh", env=english).stdout


def test_plan_in_english_has_no_empty_unit_brackets() -> None:
    _, stdout, _ = wuhai("plan", "--lang", "en")
    assert "()" not in stdout


def test_plan_json_holds_every_figure_exactly() -> None:
    """Figures as in the file (万吨) under `area`, and in tonnes under `figures`."""
    exit_code, stdout, stderr = wuhai("plan", "--format", "json")
    assert (exit_code, stderr) == (0, "")
    document = decimal_json(stdout)
    assert document["schema"] == "wuhai-green/plan@1"
    areas = {document["area"]["name"]: document["area"]}
    areas.update({child["name"]: child for child in document["area"]["children"]})
    figures = {(f["area"], f["indicator"], f["kind"], f["year"]): f for f in document["figures"]}
    for area, output_wan_t, famous in ANNEX_1:
        assert areas[area]["baseline"] == {"certified_output": Decimal(output_wan_t),
                                           "famous_products": int(famous)}
        baseline = figures[(area, "certified_output", "baseline", 2023)]
        assert (baseline["value"], baseline["unit"]) == (Decimal(output_wan_t) * 10000, "t")
        assert figures[(area, "famous_products", "baseline", 2023)]["value"] == int(famous)
    for area, indicator, year, printed in ANNEX_2_CELLS:
        in_file = areas[area]["targets"][indicator][str(year)]
        in_base = figures[(area, indicator, "cumulative_target", year)]["value"]
        if printed is None:
            assert in_file is None and in_base is None
        elif indicator == "certified_output":
            assert in_file == Decimal(printed)
            assert in_base == Decimal(printed) * 10000  # e.g. 0.0052 万吨 → 52
        else:
            assert in_file == in_base == int(printed)
    assert len(figures) == 4 * 2 * 4  # areas × indicators × (baseline + 3 milestones)


def test_plan_json_other_sections() -> None:
    document = decimal_json(wuhai("plan", "--format", "json").stdout)
    assert document["document"]["date"] == "2023-08-28"
    assert [goal["value"] for goal in document["goals"]] == [2500, 23, 5]
    assert document["rules"]["status_thresholds"] == {"on_track": Decimal("0.95"),
                                                      "at_risk": Decimal("0.6")}
    assert [kind["validity_years"] for kind in document["certificate_types"]] == [3, 1, 3]
    assert document["tasks"][0]["due"] == "2023-10-15"
    assert [expert["name"] for expert in document["experts"]] == ["郝贵宾", "赵丽君", "赵海东", "李世华",
                                                                  "王伯琛"]


def test_plan_csv_has_one_row_per_figure_in_tonnes() -> None:
    exit_code, stdout, _ = wuhai("plan", "--format", "csv")
    assert exit_code == 0
    rows = list(csv.DictReader(io.StringIO(stdout)))
    assert len(rows) == 32
    by_key = {(r["area"], r["indicator"], r["year"]): r for r in rows}
    assert by_key[("海勃湾区", "certified_output", "2024")]["value"] == "52"
    assert by_key[("乌达区", "certified_output", "2024")]["value"] == ""
    assert by_key[("乌海市", "certified_output", "2023")] == {
        "area": "乌海市", "indicator": "certified_output", "kind": "baseline", "year": "2023",
        "unit": "t", "value": "2430"}


def test_plan_markdown() -> None:
    exit_code, stdout, _ = wuhai("plan", "--format", "markdown")
    assert exit_code == 0
    lines = stdout.splitlines()
    assert "### 附件2 打造绿色有机品牌工作任务清单（累计新增）" in lines
    assert "| 地区 | 指标 | 2024 | 2025 | 2028 |" in lines
    assert "|---|---|---:|---:|---:|" in lines
    # ( and ) escaped in cells like [ ] and ! (no link from a file's text: issue 12)
    assert "| 海勃湾区 | 新增绿色有机食品认证 \\(吨\\) | 52 | 150 | 200 |" in lines
    assert "| 乌达区 | 新增绿色有机食品认证 \\(吨\\) | — | 100 | 200 |" in lines
    assert "| 乌海市 | 2430 | 11 |" in lines


def test_plan_ascii_borders() -> None:
    _, stdout, _ = wuhai("plan", "--ascii")
    assert "━" not in stdout and "|" in stdout


def test_bad_option_value_is_a_usage_error() -> None:
    exit_code, stdout, stderr = wuhai("plan", "--format", "xml")
    assert exit_code == 2
    assert "xml" in stderr and stdout == ""


# --- where the plan comes from --------------------------------------------------------


def two_district_plan(folder: Path, city: str = "示例市") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "plan.yaml"
    path.write_text(generated_plan([("甲区", ["jia"]), ("乙区", ["yi"])], city=city), encoding="utf-8")
    return path


def test_from_an_empty_folder_the_shipped_plan_is_used() -> None:
    exit_code, stdout, _ = wuhai("validate")
    assert exit_code == 0
    assert f"方案 {shipped_plan_path()}，" in stdout
    assert "海勃湾区" in wuhai("plan").stdout


def test_local_data_plan_comes_before_the_shipped_one(tmp_path: Path) -> None:
    two_district_plan(tmp_path / "data")
    _, stdout, _ = wuhai("plan")
    assert "甲区" in stdout and "海勃湾区" not in stdout


def test_environment_before_local_and_option_before_environment(
        tmp_path: Path) -> None:
    two_district_plan(tmp_path / "data", city="本地市")
    from_env = two_district_plan(tmp_path / "env", city="环境市")
    from_option = two_district_plan(tmp_path / "option", city="选项市")
    env = {"WUHAI_PLAN": str(from_env)}
    assert "环境市" in wuhai("plan", env=env).stdout
    assert "选项市" in wuhai("plan", "--plan", from_option, env=env).stdout


def test_missing_plan_file_exits_2(tmp_path: Path) -> None:
    exit_code, stdout, stderr = wuhai("plan", "--plan", "nope.yaml", "--lang", "en")
    assert exit_code == 2
    assert stdout == ""
    assert stderr == "nope.yaml: no such file\n"


def test_gb18030_plan_is_used_with_a_warning_on_stderr(tmp_path: Path,
                                                       plan_path: Path) -> None:
    legacy = tmp_path / "legacy.yaml"
    legacy.write_bytes(plan_path.read_text(encoding="utf-8").encode("gb18030"))
    exit_code, stdout, stderr = wuhai("plan", "--plan", "legacy.yaml", "--lang", "en")
    assert exit_code == 0
    assert stderr == "legacy.yaml: warning: file was read as GB18030; please save it as UTF-8\n"
    assert "Haibowan District" in stdout


# --- wuhai validate -------------------------------------------------------------------


def test_validate_clean_prints_a_one_line_summary() -> None:
    exit_code, stdout, stderr = wuhai("validate", "--lang", "en")
    assert exit_code == 0
    assert stderr == ("data/progress: warning: no folder of progress reports here (name one "
                      "with --progress or $WUHAI_PROGRESS)\n")
    assert stdout == f"all clean: plan {shipped_plan_path()}, 0 progress files, 0 certificate records\n"


GOOD_REPORT = """\
year: 2025
district: hainan
certificates:
  - id: LB-HN-2501
    type: green_food
    product: 鸡蛋
    holder: 示例合作社
    output_tonnes: 120
    issued: 2025-06-15
"""

BROKEN_REPORT = """\
year: 2025
certificates:
  - id: LB-1
    type: green_food
    district: 海北区
    product: 鸡蛋
    holder: 示例合作社
    output_tonnes: 120
    issued: 2025-06-15
  - id: LB-2
    type: green_food
    district: hainan
    product: 猪肉
    holder: 示例公司
    issued: 2025-07-01
"""


def progress_folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "progress"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_validate_counts_files_and_records(tmp_path: Path) -> None:
    """`_template.yaml` is ignored (a name starting with `_`)."""
    progress_folder(tmp_path, **{"2025-hainan": GOOD_REPORT, "_template": "not: [valid"})
    exit_code, stdout, _ = wuhai("validate", "--progress", "progress", "--lang", "en")
    assert exit_code == 0
    assert stdout.endswith(", 1 progress files, 1 certificate records\n")


def test_validate_broken_report_lists_every_problem_with_its_place(
                                                                   tmp_path: Path) -> None:
    """An unknown district (海北区, line 5, value at column 15) and a green_food certificate
    without output_tonnes (the second certificate, line 10 column 5)."""
    progress_folder(tmp_path, **{"2025": BROKEN_REPORT})
    exit_code, stdout, stderr = wuhai("validate", "--progress", "progress", "--lang", "en")
    name = os.path.join("progress", "2025.yaml")
    assert exit_code == 2
    assert stdout == ""
    assert stderr.splitlines() == [
        f"{name}:5:15: unknown district '海北区'; expected one of: 海勃湾区 (haibowan), 海南区 (hainan), "
        "乌达区 (wuda)",
        f"{name}:10:5: a green_food certificate needs output_tonnes (approved output in tonnes, above 0)",
    ]


def test_validate_broken_report_in_chinese(tmp_path: Path) -> None:
    progress_folder(tmp_path, **{"2025": BROKEN_REPORT})
    exit_code, _, stderr = wuhai("validate", "--progress", "progress")
    name = os.path.join("progress", "2025.yaml")
    assert exit_code == 2
    assert f"{name}:5:15: 未知的地区“海北区”" in stderr
    assert f"{name}:10:5: green_food 证书必须填写 output_tonnes" in stderr
    assert stderr.splitlines() == [
        f"{name}:5:15: 未知的地区“海北区”；应为：海勃湾区 (haibowan), 海南区 (hainan), 乌达区 (wuda)",
        f"{name}:10:5: green_food 证书必须填写 output_tonnes（核准产量，吨，大于 0）"]


def test_validate_json(tmp_path: Path) -> None:
    progress_folder(tmp_path, **{"2025": BROKEN_REPORT})
    exit_code, stdout, stderr = wuhai("validate", "--progress", "progress", "--format", "json",
                                        "--lang", "en")
    assert exit_code == 2
    assert stderr == ""
    document = json.loads(stdout)
    assert (document["schema"], document["ok"], document["warnings"]) == ("wuhai-green/validate@1",
                                                                          False, [])
    name = os.path.join("progress", "2025.yaml")
    assert [(e["file"], e["line"], e["column"], e["severity"]) for e in document["errors"]] == [
        (name, 5, 15, "error"), (name, 10, 5, "error")]
    assert document["errors"][0]["message"].startswith("unknown district '海北区'")


def test_validate_json_is_not_wrapped_on_a_narrow_terminal(tmp_path: Path) -> None:
    progress_folder(tmp_path, **{"2025": BROKEN_REPORT})
    _, stdout, _ = wuhai("validate", "--progress", "progress", "--format", "json", "--lang", "en",
                         env={"COLUMNS": "30"})
    message = json.loads(stdout)["errors"][1]["message"]
    assert message == "a green_food certificate needs output_tonnes (approved output in tonnes, above 0)"


def test_validate_json_clean() -> None:
    exit_code, stdout, stderr = wuhai("validate", "--format", "json", "--lang", "en")
    assert (exit_code, stderr) == (0, "")
    assert json.loads(stdout) == {"schema": "wuhai-green/validate@1", "ok": True, "errors": [],
                                  "warnings": [{"file": "data/progress", "line": None,
                                                "column": None, "severity": "warning",
                                                "message": "no folder of progress reports here "
                                                "(name one with --progress or $WUHAI_PROGRESS)"}]}


def test_validate_github(tmp_path: Path) -> None:
    progress_folder(tmp_path, **{"2025": BROKEN_REPORT})
    exit_code, stdout, stderr = wuhai("validate", "--progress", "progress", "--format", "github",
                                        "--lang", "en")
    name = os.path.join("progress", "2025.yaml")
    assert exit_code == 2
    assert stderr == ""
    assert stdout.splitlines() == [
        f"::error file={name},line=5,col=15::unknown district '海北区'; expected one of: "
        "海勃湾区 (haibowan), 海南区 (hainan), 乌达区 (wuda)",
        f"::error file={name},line=10,col=5::a green_food certificate needs output_tonnes "
        "(approved output in tonnes, above 0)",
    ]


def test_validate_github_plan_sum_gives_an_error_and_notices(workdir: Path) -> None:
    """The city's 0.04 against 0.041: one ::error and a ::notice per district figure, on
    the plan's lines when the plan is in the repository (here: the working folder)."""
    path = shutil.copyfile(FAULTY_PLANS / "sum_mismatch.yaml", workdir / "plan.yaml")
    exit_code, stdout, _ = wuhai("validate", "--plan", path, "--format", "github", "--lang", "en")
    assert exit_code == 2
    levels = [line.split(" ", 1)[0] for line in stdout.splitlines()]
    assert levels == ["::error", "::notice", "::notice", "::notice"]
    assert stdout.startswith("::error file=plan.yaml,line=104,col=44::")


def test_validate_github_names_a_file_outside_the_repository_in_the_message() -> None:
    """GitHub can attach an annotation only to a file of the repository: a plan outside it
    gets no `file=`, and its place leads the message."""
    path = FAULTY_PLANS / "sum_mismatch.yaml"
    exit_code, stdout, _ = wuhai("validate", "--plan", path, "--format", "github", "--lang", "en")
    assert exit_code == 2
    assert stdout.startswith(f"::error::{path}:104:44: 乌海市 certified_output 2025: the total")
    assert "file=" not in stdout


def test_validate_plan_problems_come_before_progress(tmp_path: Path) -> None:
    """A bad plan stops there: the progress files are not read against it."""
    progress_folder(tmp_path, **{"2025": BROKEN_REPORT})
    exit_code, _, stderr = wuhai("validate", "--plan", FAULTY_PLANS / "decreasing.yaml",
                                   "--progress", "progress")
    assert exit_code == 2
    assert "decreasing.yaml:118:" in stderr
    assert "海北区" not in stderr
    places = [line.split(": ", 1)[0] for line in stderr.splitlines()]
    assert places == [f"{FAULTY_PLANS / 'decreasing.yaml'}:{where}"
                      for where in ("104:44", "118:48", "118:48", "131:48", "144:46")]


def test_progress_path_that_is_a_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    exit_code, _, stderr = wuhai("validate", "--progress", "notes.txt", "--lang", "en")
    assert exit_code == 2
    assert stderr == "notes.txt: the progress path is not a folder\n"


# --- internal errors, version, entry point --------------------------------------------


def test_internal_error_exits_3_without_a_traceback(
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(options: object) -> None:
        raise RuntimeError("boom")

    break_inside(monkeypatch, "show_plan", broken)
    exit_code, stdout, stderr = wuhai("plan", "--lang", "en")
    assert exit_code == 3
    assert stderr == ("internal error (a bug): RuntimeError: boom. Rerun with --debug for the "
                      "traceback and report it.\n")
    assert "Traceback" not in stdout + stderr


def test_debug_lets_the_traceback_through(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(options: object) -> None:
        raise RuntimeError("boom")

    break_inside(monkeypatch, "show_plan", broken)
    with pytest.raises(Escaped) as escaped:
        wuhai("plan", "--debug")
    assert isinstance(escaped.value.exception, RuntimeError)


def test_version() -> None:
    exit_code, stdout, _ = wuhai("--version")
    assert exit_code == 0
    assert stdout == f"wuhai-green {__version__}\n"
    assert __version__ == metadata.version("wuhai-green")


def test_version_is_answered_before_typer_is_imported() -> None:
    """`wuhai --version` as a real process prints the line of the typer option without
    importing typer, rich or pydantic (`-X importtime` lists every module imported)."""
    completed = wuhai_process("--version", cwd=Path.cwd(),
                              program=[sys.executable, "-X", "importtime", "-m", "wuhai_green"])
    assert (completed.returncode, completed.stdout) == (0, f"wuhai-green {__version__}\n")
    imported = {line.split("|")[-1].strip() for line in completed.stderr.splitlines()}
    assert "wuhai_green.entry" in imported
    assert not imported & {"typer", "rich", "pydantic", "click", "wuhai_green.cli"}


def help_text(*command: str) -> str:
    completed = wuhai_process("--help", cwd=Path.cwd(), env={"COLUMNS": "200"}, program=command)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_module_entry_point_help_lists_every_command() -> None:
    assert {"plan", "validate", "status", "gap", "new"} <= set(COMMANDS)
    text = help_text(sys.executable, "-m", "wuhai_green")
    for name in COMMANDS:
        assert f"  {name} " in text


def test_console_script_help_lists_every_command() -> None:
    script = Path(sys.executable).with_name("wuhai")
    if not script.exists():
        pytest.skip("no `wuhai` script next to the interpreter")
    text = help_text(str(script))
    for name in COMMANDS:
        assert f"  {name} " in text


def test_plan_in_english_translates_names_through_the_glossary() -> None:
    """The plan's glossary gives the English of owners, recipients, products, organisations
    and titles; a name it lacks (an expert's own name) stays as written."""
    _, stdout, _ = wuhai("plan", "--lang", "en")
    for english in ("grapes, wine", "laying hens, fattening pigs",
                    "Wuhai Agricultural and Livestock Product Quality and Safety Centre",
                    "senior agronomist", "every district"):
        assert english in stdout, english
    for chinese in ("葡萄酒", "蛋鸡", "乌海市农畜产品质量安全中心", "高级农艺师"):
        assert chinese not in stdout, chinese
    assert "郝贵宾" in stdout


def test_a_line_naming_a_command_builds_that_command_alone() -> None:
    """`cli.main` hands typer the app with only the command the line names (after
    `--lang X` at most); any other line gets the whole app (its help page lists every
    command, a misspelt name gets its suggestions)."""
    from wuhai_green.cli import app, app_for

    def names(args: list[str]) -> list[str | None]:
        return [info.name for info in app_for(args).registered_commands]

    assert names(["status", "--year", "2025"]) == ["status"]
    assert names(["--lang", "en", "gap"]) == ["gap"]
    assert names(["--lang=en", "--lang", "zh", "check", "--help"]) == ["check"]
    for line in ([], ["--help"], ["--help", "status"], ["--version", "status"], ["stauts"],
                 ["--lang", "status"], ["--lang", "en"], ["--", "status"]):
        assert app_for(line) is app, line
    assert len(app.registered_commands) == len(COMMANDS)


@pytest.mark.parametrize("line", [
    ("status", "--year", "2025", "--progress", str(DEMO), "--no-cache"),
    ("--lang", "en", "gap", "--year", "2026", "--progress", str(DEMO), "--no-cache"),
    ("status", "--year", "abc"),
    ("--lang", "en", "status", "--format", "pdf"),
    ("--lang", "en", "stauts"),
])
def test_a_process_shows_what_the_whole_app_shows(line: tuple[str, ...]) -> None:
    """The `wuhai` script (one command built) and the in-process app (every command built)
    print the same bytes and exit alike. (Help pages are left out: the in-process runner
    wraps them at its own width.)"""
    script = Path(sys.executable).with_name("wuhai")
    if not script.exists():
        pytest.skip("no `wuhai` script next to the interpreter")
    completed = wuhai_process(*line, cwd=Path.cwd(), env={"COLUMNS": "80"}, program=[script])
    run = wuhai(*line, env={"COLUMNS": "80"})
    assert (completed.returncode, completed.stdout, completed.stderr) == (
        run.exit_code, run.stdout, run.stderr)
