"""`--format xlsx -o FILE` (issue 14 §2): one sheet per table, read back by openpyxl, with
every figure equal to the JSON output, headers in the chosen language, numbers as numbers
with the table's precision, dates as dates, the header row frozen, columns wide enough, a
notes sheet; written atomically like every other file."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from tests.harness import DEMO, freeze_today, wuhai_on
from wuhai_green.show.render.to_xlsx import sheet_name, width_of

pytestmark = pytest.mark.usefixtures("workdir")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    freeze_today(monkeypatch, date(2026, 11, 30))


def xlsx_of(workdir: Path, command: str, *args: str) -> Any:
    """The workbook of `wuhai COMMAND ARGS --format xlsx -o out.xlsx` on the demo data."""
    path = workdir / "out.xlsx"
    workdir.mkdir(exist_ok=True)  # -o writes into a folder that exists (issue 12)
    run = wuhai_on(command, DEMO, *args, "--format", "xlsx", "-o", path)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.strip().endswith(f"已写入 {path}") or run.stdout.strip().endswith(
        f"wrote {path}"), run.stdout
    return openpyxl.load_workbook(path)


def json_of(command: str, *args: str) -> Any:
    run = wuhai_on(command, DEMO, *args, "--format", "json")
    assert run.exit_code == 0, run.stderr
    return run.json()


def rows_of(sheet: Any) -> list[dict[str, Any]]:
    """The rows of a table sheet, each as header → cell."""
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def figure(cell: Any) -> Decimal | date | None:
    """A cell's value as the JSON gives it: a number exactly, a date as a date, "—" (no
    figure) as null."""
    value = cell.value
    if value is None or value == "—":
        return None
    if isinstance(value, datetime):
        return value.date()
    assert isinstance(value, (int, float)), (cell.coordinate, value)
    return Decimal(repr(value))


def test_status_every_figure_equals_the_json(workdir: Path) -> None:
    book = xlsx_of(workdir, "status", "--year", "2025")
    document = json_of("status", "--year", "2025")
    columns = {"基期": "baseline", "2025 累计目标": "target", "已完成": "achieved", "差距": "gap",
               "完成率": "completion"}
    sheets = {"certified_output": book["新增绿色有机食品认证 (吨)"],
              "famous_products": book["新增名特优新农产品 (个)"]}
    compared = 0
    for json_row in document["rows"]:
        sheet_rows = rows_of(sheets[json_row["indicator"]])
        row = next(r for r in sheet_rows if r["地区"].value == json_row["district"])
        for header, key in columns.items():
            assert figure(row[header]) == json_row[key], (json_row["district"], key)
            compared += 1
        assert row["状态"].value == {"met": "达标", "on_track": "进度正常", "at_risk": "需加快",
                                     "behind": "滞后", "no_target": "无目标"}[json_row["status"]]
    assert compared == 8 * 5
    goals = rows_of(book["建设目标（2025-12-31 有效证书）"])
    assert [figure(row["有效存量"]) for row in goals] == [g["value"] for g in document["goals"]]
    notes = [row[0].value for row in book["说明"].iter_rows(min_row=2)]
    assert notes == document["notes"]


def test_status_inside_the_year_has_the_expected_column(workdir: Path) -> None:
    book = xlsx_of(workdir, "status", "--as-of", "2025-06-30")
    document = json_of("status", "--as-of", "2025-06-30")
    sheet_rows = rows_of(book["新增绿色有机食品认证 (吨)"])
    expected = {row["district"]: row["expected"] for row in document["rows"]
                if row["indicator"] == "certified_output"}
    assert {row["地区"].value: figure(row["应完成"]) for row in sheet_rows} == expected


def test_numbers_keep_the_tables_precision_and_marks(workdir: Path) -> None:
    """What the table shows, the number format shows: whole figures without decimals, the
    table's two decimals, an interpolated target's `*`, a percentage with one decimal, a
    date with the overdue mark after it."""
    book = xlsx_of(workdir, "status", "--year", "2026")  # today (frozen): 2026-11-30
    assert [(c.value, c.number_format) for c in book["新增名特优新农产品 (个)"][2]] == [
        ("海勃湾区", "General"), (4, "0"), (2.666667, '0.00"*"'), (2.610046, "0.00"), (1, "0"),
        (1.666667, "0.00"), (0.375, "0.0%"), (0.383135, "0.0%"), ("滞后", "General")]
    table = wuhai_on("status", DEMO, "--year", "2026", "--format", "markdown").stdout
    assert "| 海勃湾区 | 4 | 2.67* | 2.61 | 1 | 1.67 | 37.5% | 38.3% | 滞后 |" in table
    renewals = xlsx_of(workdir / "e", "expiring", "--as-of", "2025-06-01", "--within", "2y")
    assert [(c.value, c.number_format) for c in renewals["到期需续展的证书"][2]][:2] == [
        (datetime(2025, 4, 30), 'yyyy-mm-dd" （已逾期）"'), (datetime(2025, 7, 31), "yyyy-mm-dd")]


def unescaped(text: str) -> str:
    """Markdown's text as written: its backslash escapes undone."""
    return re.sub(r"\\(.)", r"\1", text)


def markdown_tables(command: str, *args: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, headers, rows of cell texts) of each table of a command's markdown output."""
    lines = wuhai_on(command, DEMO, *args, "--format", "markdown").stdout.splitlines()
    tables = []
    for index, line in enumerate(lines):
        if not line.startswith("### "):
            continue
        body = []
        for row in lines[index + 2:]:
            if not row.startswith("|"):
                break
            body.append([unescaped(cell.strip()) for cell in row.strip("|").split(" | ")])
        tables.append((unescaped(line[4:]), body[0], body[2:]))
    return tables


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_headers_and_sheets_are_the_tables_in_the_chosen_language(workdir: Path,
                                                                   lang: str) -> None:
    """Each sheet is a table of the markdown output: its title (cut to 31 characters where
    Excel asks) and its header row."""
    book = xlsx_of(workdir, "status", "--year", "2025", "--lang", lang)
    taken: set[str] = set()
    expected = [(sheet_name(title, taken), header)
                for title, header, _ in markdown_tables("status", "--year", "2025", "--lang",
                                                        lang)]
    assert [(sheet.title, [c.value for c in sheet[1]]) for sheet in book.worksheets[:-1]] == \
        expected
    assert book.worksheets[-1].title == ("说明" if lang == "zh" else "Notes")


@pytest.mark.parametrize(("command", "args"), [("tasks", ("--year", "2025")), ("plan", ()),
                                               ("expiring", ("--as-of", "2025-06-01"))])
def test_the_header_row_is_frozen_and_columns_are_wide_enough(workdir: Path, command: str,
                                                              args: tuple[str, ...]) -> None:
    """Every column is as wide as the widest text the table shows in it (a column of long
    text up to 40, then it wraps)."""
    book = xlsx_of(workdir, command, *args)
    tables = markdown_tables(command, *args)
    assert len(tables) == len(book.worksheets) - 1
    for sheet, (_, headers, rows) in zip(book.worksheets, tables, strict=False):
        assert sheet.freeze_panes == "A2"
        for index, header in enumerate(headers):
            letter = get_column_letter(index + 1)
            widest = max(width_of(text) for text in [header, *(row[index] for row in rows)])
            assert sheet.column_dimensions[letter].width >= min(widest, 40), (sheet.title, letter)


def test_gap_figures_equal_the_json(workdir: Path) -> None:
    book = xlsx_of(workdir, "gap", "--year", "2025")
    document = json_of("gap", "--year", "2025")
    sheets = {"certified_output": rows_of(book["新增绿色有机食品认证 (吨)"]),
              "famous_products": rows_of(book["新增名特优新农产品 (个)"])}
    headers = {"累计目标": "target", "已完成": "achieved", "差距": "gap", "剩余年数": "years_left",
               "年均需新增": "per_year"}
    for json_row in document["rows"]:
        row = next(r for r in sheets[json_row["indicator"]]
                   if r["地区"].value == json_row["district"]
                   and r["节点年"].value == json_row["milestone"])
        for header, key in headers.items():
            assert figure(row[header]) == json_row[key], (json_row["district"], key)


def test_adjust_figures_equal_the_json(workdir: Path) -> None:
    book = xlsx_of(workdir, "adjust", "--year", "2026")
    document = json_of("adjust", "--year", "2026")
    keys = ["plan_target", "achieved", "even_pace", "adjusted_target", "required_addition",
            "plan_addition"]
    for json_row in document["rows"]:
        sheet = book["新增绿色有机食品认证 (吨)" if json_row["indicator"] == "certified_output"
                     else "新增名特优新农产品 (个)"]
        row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == json_row["district"])
        assert [figure(cell) for cell in row[1:7]] == [json_row[key] for key in keys]


def test_expiring_dates_are_dates_and_outputs_numbers(workdir: Path) -> None:
    book = xlsx_of(workdir, "expiring", "--as-of", "2025-06-01", "--within", "2y")
    document = json_of("expiring", "--as-of", "2025-06-01", "--within", "2y")
    rows = rows_of(book["到期需续展的证书"])
    assert [(figure(r["续展申请截止"]), figure(r["到期日"]), r["证书编号"].value,
             figure(r["产量（吨）"])) for r in rows] == [
        (date.fromisoformat(j["apply_by"]), date.fromisoformat(j["expires"]), j["id"],
         j["output_tonnes"]) for j in document["rows"]]


def test_tasks_counts_equal_the_json(workdir: Path) -> None:
    book = xlsx_of(workdir, "tasks", "--year", "2025")
    document = json_of("tasks", "--year", "2025")
    sampling = {r["地区"].value: (figure(r["抽检批次"]), figure(r["合格率"]))
                for r in rows_of(book["2025 年品牌打造方案与监管抽检"])}
    assert sampling == {d["district"]: (d["sampling"]["batches"], d["sampling"]["pass_rate"])
                        for d in document["districts"]}


def test_plan_figures_equal_the_json(workdir: Path) -> None:
    book = xlsx_of(workdir, "plan")
    document = json_of("plan")
    targets = {(r[0].value, r[1].value): [figure(c) for c in r[2:]]
               for r in book["附件2 打造绿色有机品牌工作任务清单（累计新增）"].iter_rows(min_row=2)}
    for item in document["figures"]:
        if item["kind"] != "cumulative_target":
            continue
        indicator = "新增绿色有机食品认证 (吨)" if item["indicator"] == "certified_output" \
            else "新增名特优新农产品 (个)"
        column = [2024, 2025, 2028].index(item["year"])
        assert targets[(item["area"], indicator)][column] == item["value"]


def test_report_holds_every_table(workdir: Path) -> None:
    path = workdir / "report.xlsx"
    run = wuhai_on("report", DEMO, "--year", "2025", "--format", "xlsx", "-o", path)
    assert run.exit_code == 0, run.stderr
    book = openpyxl.load_workbook(path)
    markdown = wuhai_on("report", DEMO, "--year", "2025").stdout
    assert len(book.worksheets) - 1 == markdown.count("\n### ")
    status = json_of("status", "--year", "2025")
    sheet = book["2 新增绿色有机食品认证 (吨)"]  # section 1: who has reported
    achieved = {r["地区"].value: figure(r["已完成"]) for r in rows_of(sheet)}
    assert achieved == {row["district"]: row["achieved"] for row in status["rows"]
                        if row["indicator"] == "certified_output"}
    notes = [row[0].value for row in book["说明"].iter_rows(min_row=2)]
    assert notes[:2] == ["乌海市绿色有机品牌建设 2025 年度报告",
                         markdown.splitlines()[2]]


# --- the file -----------------------------------------------------------------------------------


def test_xlsx_needs_an_output_file(workdir: Path) -> None:
    run = wuhai_on("status", DEMO, "--year", "2025", "--format", "xlsx")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr.strip() == "--format xlsx 写出的是文件：请用 -o 文件名 指定"
    report = wuhai_on("report", DEMO, "--year", "2025", "--format", "xlsx", "--lang", "en")
    assert report.exit_code == 2
    assert report.stderr.strip() == "--format xlsx writes a file: give it with -o FILE"


def test_never_over_an_existing_file_unless_forced(workdir: Path) -> None:
    path = workdir / "out.xlsx"
    path.write_bytes(b"keep me")
    run = wuhai_on("gap", DEMO, "--format", "xlsx", "-o", path)
    assert run.exit_code == 2
    assert run.stderr.strip() == f"{path} 已存在，不会覆盖（确需覆盖请加 --force）"
    assert path.read_bytes() == b"keep me"
    forced = wuhai_on("gap", DEMO, "--format", "xlsx", "-o", path, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert path.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in workdir.iterdir()) == ["out.xlsx"]  # no temporary file left


@pytest.mark.parametrize("fmt", ["markdown", "csv", "json", "table"])
def test_o_writes_any_format_to_the_file(workdir: Path, fmt: str) -> None:
    path = workdir / f"status.{fmt}"
    shown = wuhai_on("status", DEMO, "--year", "2025", "--format", fmt)
    run = wuhai_on("status", DEMO, "--year", "2025", "--format", fmt, "-o", path)
    assert run.exit_code == 0, run.stderr
    assert path.read_text(encoding="utf-8") == shown.stdout
    said = run.stderr if fmt in ("csv", "json") else run.stdout
    assert said.splitlines()[-1] == f"已写入 {path}"


def test_adjust_keeps_its_force_for_both_files(workdir: Path) -> None:
    """`adjust` has its own --force (for --write); it also lets -o replace a file."""
    (workdir / "a.xlsx").write_bytes(b"old")
    run = wuhai_on("adjust", DEMO, "--year", "2026", "--format", "xlsx", "-o", workdir / "a.xlsx",
                   "--write", workdir / "t.yaml", "--force")
    assert run.exit_code == 0, run.stderr
    assert (workdir / "a.xlsx").read_bytes()[:2] == b"PK"
    assert (workdir / "t.yaml").read_text(encoding="utf-8").startswith("# wuhai adjust --write 写出的")


def test_a_clear_message_when_the_excel_extra_is_missing(workdir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def without_openpyxl(name: str, *args: Any) -> Any:
        if name.startswith("openpyxl"):
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr("importlib.import_module", without_openpyxl)
    run = wuhai_on("plan", DEMO, "--format", "xlsx", "-o", workdir / "p.xlsx")
    assert run.exit_code == 2
    assert run.stderr.strip() == "读取和写出 Excel 需要 excel 扩展：pip install 'wuhai-green[excel]'"
    assert not (workdir / "p.xlsx").exists()


@pytest.mark.parametrize(("title", "name"), [
    ("新增绿色有机食品认证 (吨)", "新增绿色有机食品认证 (吨)"),
    ("Newly certified green and organic food output (t)", "Newly certified green and orga…"),
    ("a/b: [c]?", "a_b_ _c__"),
])
def test_sheet_names(title: str, name: str) -> None:
    taken: set[str] = set()
    assert sheet_name(title, taken) == name
    again = sheet_name(title, taken)
    assert again != name and len(again) <= 31 and again.endswith("(2)")
