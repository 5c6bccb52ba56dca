"""`wuhai import` end to end (issue 14 §1, §3): a register kept in a spreadsheet made a
progress file; what is read, skipped, noted and refused, at its sheet!cell; hostile files
ending in exit 2; and the round trip import → validate → status against the same register
typed in YAML."""

from __future__ import annotations

import codecs
import io
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.harness import (
    GREEN_FOOD_HEADER,
    Formula,
    examples,
    freeze_today,
    status_json,
    write_report,
    write_workbook,
    wuhai,
    wuhai_on,
)
from wuhai_green.load.reading import parse_yaml
from wuhai_green.show.templates import yaml_scalar

pytestmark = pytest.mark.usefixtures("workdir")

TODAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    freeze_today(monkeypatch, TODAY)


def green_rows() -> list[list[Any]]:
    """海南区's list as a bureau keeps it: a title, the header, four certificates (one of
    2024, one revoked), a total."""
    return [
        ["海南区绿色有机食品证书清单（2025 年）"],
        [*GREEN_FOOD_HEADER, "状态日期"],
        [1, "LB-18-2506150123A", "GF150303250012", "乌海市示例蛋鸡养殖专业合作社", "鸡蛋", 120, 300,
         date(2025, 6, 15), None, "有效", None, None],
        [2, "LB-18-2507150124A", "GF150303250012", "乌海市示例蛋鸡养殖专业合作社", "鸭蛋", 80.5,
         None, date(2025, 7, 20), date(2028, 7, 19), "有效", "新品", None],
        [3, "005OP2500123", None, "乌海市示例农场", "葡萄", 40, 50, date(2025, 3, 1), None, "撤销",
         "抽检不合格", date(2025, 9, 1)],
        [4, "LB-18-2406150001A", "GF150303240001", "乌海市示例牧场", "羊肉", 10, None,
         date(2024, 6, 15), None, "有效", None, None],
        [None, None, None, "合计", None, 250.5],
    ]


EXPECTED_YAML = """\
# 由 wuhai import 从 登记表.xlsx（工作表 2025） 第 3–7 行导入（2026-11-30）；每条后的注释为其所在单元格。
year: 2025
district: 海南区
certificates:
  - id: LB-18-2506150123A  # 2025!B3
    type: green_food
    product: 鸡蛋
    holder: 乌海市示例蛋鸡养殖专业合作社
    output_tonnes: 120
    area_mu: 300
    issued: 2025-06-15
  - id: LB-18-2507150124A  # 2025!B4
    type: green_food
    product: 鸭蛋
    holder: 乌海市示例蛋鸡养殖专业合作社
    output_tonnes: 80.5
    issued: 2025-07-20
    # 备注：新品
  - id: 005OP2500123  # 2025!B5
    type: organic
    product: 葡萄
    holder: 乌海市示例农场
    output_tonnes: 40
    area_mu: 50
    issued: 2025-03-01
    # 备注：抽检不合格
ended:
  - id: 005OP2500123  # 2025!B5
    date: 2025-09-01
    reason: 撤销
"""


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_an_official_list_written_by_either_writer_becomes_this_file(writer: str,
                                                                      workdir: Path) -> None:
    write_workbook(workdir / "登记表.xlsx", {"2025": green_rows()}, writer=writer)
    run = wuhai_on("import", workdir / "data" / "progress", "登记表.xlsx", "--year", "2025",
                   "--district", "hainan")
    assert run.exit_code == 0, run.stderr
    written = workdir / "data" / "progress" / "2025-hainan.yaml"
    assert written.read_text(encoding="utf-8") == EXPECTED_YAML
    assert run.stdout.splitlines() == [
        "已读取 登记表.xlsx（工作表“2025”）：第 2 行为表头，第 3–7 行共 5 行",
        "2025 年：证书 3 条（其中续展 0 条），提前终止 1 条；海南区",
        "跳过 2 行：",
        "  不是 2025 年发证或终止的证书：1 行（2025!H6）",
        "  标题、合计等非证书行：1 行（2025!A7；如“合计”）",
        "未读取的列：序号",
        f"已写入 {Path('data/progress/2025-hainan.yaml')}（证书 3 条，终止 1 条），"
        "已通过与 wuhai validate 相同的检查",
    ]
    assert run.stderr == ""
    assert wuhai_on("validate", workdir / "data" / "progress").exit_code == 0


def test_the_summary_in_english(workdir: Path) -> None:
    write_workbook(workdir / "register.xlsx", {"2025": green_rows()})
    run = wuhai_on("import", workdir / "out", "register.xlsx", "--year", "2025", "--district",
                   "hainan", "--lang", "en")
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines() == [
        "Read register.xlsx (sheet '2025'): header in row 2, rows 3–7 (5 rows)",
        "2025: certificates 3 (renewals 0), ended early 1; Hainan District",
        "rows skipped: 2",
        "  rows not issued or ended in 2025: 1 (2025!H6)",
        "  titles, totals and other rows that are no certificate: 1 (2025!A7; '合计')",
        "columns not read: 序号",
        f"wrote {Path('out/2025-hainan.yaml')} (certificates 3, ended 1); it passes the checks "
        "of wuhai validate",
    ]
    head = (workdir / "out" / "2025-hainan.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert head == ("# Imported by wuhai import from register.xlsx (sheet 2025), rows 3–7 "
                    "(2026-11-30); the comment after an entry is its cell.")


def test_round_trip_status_equals_the_same_register_typed_in_yaml(workdir: Path) -> None:
    """import → validate → status gives the figures of the same certificates typed by hand."""
    rows = green_rows()
    rows[5][1:8] = ["LB-18-2508150002A", "GF150303250001", "乌海市示例牧场", "羊肉", 10, None,
                    date(2025, 8, 15)]
    write_workbook(workdir / "登记表.xlsx", {"2025": rows})
    imported = workdir / "imported"
    assert wuhai_on("import", imported, "登记表.xlsx", "--year", "2025", "--district",
                    "hainan").exit_code == 0
    assert wuhai_on("validate", imported).exit_code == 0
    typed = workdir / "typed"
    write_report(typed, "2025-hainan.yaml", 2025, "海南区",
                 "  - id: LB-18-2506150123A\n    type: green_food\n    product: 鸡蛋\n"
                 "    holder: 乌海市示例蛋鸡养殖专业合作社\n    output_tonnes: 120\n"
                 "    area_mu: 300\n    issued: 2025-06-15\n",
                 "  - id: LB-18-2507150124A\n    type: green_food\n    product: 鸭蛋\n"
                 "    holder: 乌海市示例蛋鸡养殖专业合作社\n    output_tonnes: 80.5\n"
                 "    issued: 2025-07-20\n    expires: 2028-07-19\n",
                 "  - id: 005OP2500123\n    type: organic\n    product: 葡萄\n"
                 "    holder: 乌海市示例农场\n    output_tonnes: 40\n    issued: 2025-03-01\n",
                 "  - id: LB-18-2508150002A\n    type: green_food\n    product: 羊肉\n"
                 "    holder: 乌海市示例牧场\n    output_tonnes: 10\n    issued: 2025-08-15\n",
                 ended="  - id: 005OP2500123\n    date: 2025-09-01\n    reason: 撤销\n")
    from_sheet, by_hand = status_json(imported, 2025), status_json(typed, 2025)
    assert from_sheet == by_hand
    achieved = {(row["district"], row["indicator"]): row["achieved"] for row in from_sheet["rows"]}
    assert achieved[("海南区", "certified_output")] == Decimal("250.5")


def test_problems_are_listed_at_their_cells_and_nothing_is_written(workdir: Path) -> None:
    rows = green_rows()
    rows[2][2] = "GF150304250012"           # C3: an enterprise of 乌达区
    rows[3][7] = "2025/13/20"               # H4: no such date
    rows[4][11] = None                      # L5: 撤销 without its date
    rows[5][1:8] = ["LB-18-2506150123A", None, "乌海市示例牧场", "羊肉", "十吨", None,
                    date(2025, 6, 15)]      # B6 the id of row 3 again, F6 not a number
    write_workbook(workdir / "登记表.xlsx", {"2025": rows})
    run = wuhai_on("import", workdir / "progress", "登记表.xlsx", "--year", "2025", "--district",
                   "hainan")
    assert run.exit_code == 2
    assert run.stderr.splitlines() == [
        "登记表.xlsx:2025!C3: 企业信息码 GF150304250012 属于 乌达区，但这一行是 海南区",
        "登记表.xlsx:2025!H4: 日期 2025/13/20 不存在",
        "登记表.xlsx:2025!J5: 证书状态为“撤销”，需要终止日期：请加一列 状态日期 / 状态变更日期 / 变更日期",
        "登记表.xlsx:2025!B6: 证书编号 LB-18-2506150123A 在表中重复；已见于 2025!B3",
        "登记表.xlsx:2025!F6: “十吨”不是数字",
    ]
    assert run.stdout.splitlines()[-1] == "发现 5 个错误，未写入文件"
    assert not (workdir / "progress").exists()


def test_a_problem_only_validation_finds_is_given_at_its_cell(workdir: Path) -> None:
    """A 名特优新 row with an output: the importer reads it, the model of a progress file
    refuses it; the message points at the output's cell, not at the YAML never written."""
    write_workbook(workdir / "名录.xlsx", {"名录": [
        ["证书编号", "产品名称", "获证单位", "核准产量（吨）", "发证日期"],
        ["CAQS-MTYX-20250001", "乌海葡萄", "乌海市葡萄协会", 5, date(2025, 5, 1)],
    ]})
    run = wuhai_on("import", workdir / "progress", "名录.xlsx", "--year", "2025", "--district",
                   "haibowan", "--lang", "en")
    assert run.exit_code == 2
    assert run.stderr.splitlines() == [
        "名录.xlsx:名录!D2: a famous_product certificate has no output_tonnes"]
    assert not (workdir / "progress").exists()


@pytest.mark.parametrize(("cell", "message"), [
    ("1234567890123456789012345678901万吨",
     "“1234567890123456789012345678901万吨”太大：整数部分最多 12 位"),
    ("99999999999999999999999999999999", "“99999999999999999999999999999999”太大：整数部分最多 12 位"),
    ("1000000000000", "“1000000000000”太大：整数部分最多 12 位"),
    ("1234.5678公斤", "“output_tonnes”的小数位太多：1.2345678（小数最多 6 位）"),
])
def test_a_number_beyond_the_bound_is_refused_at_its_cell(workdir: Path, cell: str,
                                                          message: str) -> None:
    """Issue 11 §3: a quantity no register holds is refused where it stands (once an
    internal error, exit 3), and one finer than a gram by the model, at its cell too."""
    (workdir / "登记表.csv").write_text(
        "产品编号,生产单位,产品名称,核准产量,颁证日期\n"
        f"LB-18-2506150123A,乌海市示例合作社,鸡蛋,{cell},2025-06-15\n", encoding="utf-8")
    run = wuhai_on("import", workdir / "progress", "登记表.csv", "--year", "2025", "--district",
                   "hainan")
    assert run.exit_code == 2, run.stderr
    assert [line for line in run.stderr.splitlines() if ": 说明: " not in line] == [
        f"登记表.csv:D2: {message}"]
    assert not (workdir / "progress").exists()


def test_never_overwrites_unasked(workdir: Path) -> None:
    write_workbook(workdir / "登记表.xlsx", {"2025": green_rows()})
    progress = workdir / "progress"
    kept = progress / "2025-hainan.yaml"
    progress.mkdir()
    kept.write_text("year: 2025\ndistrict: 海南区\ncertificates: []\n", encoding="utf-8")
    run = wuhai_on("import", progress, "登记表.xlsx", "--year", "2025", "--district", "hainan")
    assert run.exit_code == 2
    assert run.stderr.strip() == (f"{progress / '2025-hainan.yaml'} 已存在，不会覆盖（确需覆盖请加 "
                                  "--force）")
    assert kept.read_text(encoding="utf-8") == "year: 2025\ndistrict: 海南区\ncertificates: []\n"
    forced = wuhai_on("import", progress, "登记表.xlsx", "--year", "2025", "--district",
                      "hainan", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert kept.read_text(encoding="utf-8") == EXPECTED_YAML
    again = wuhai_on("import", progress, "登记表.xlsx", "--year", "2025", "--district", "hainan",
                     "--force")  # the file it replaces is not "on file" for its own ids
    assert again.exit_code == 0, again.stderr
    elsewhere = wuhai_on("import", progress, "登记表.xlsx", "--year", "2025", "--district",
                         "hainan", "-o", "copy.yaml")
    assert elsewhere.exit_code == 2  # every id of the sheet is on file already
    assert "LB-18-2506150123A 以同一发证日期已在" in elsewhere.stderr
    assert not (workdir / "copy.yaml").exists()
    assert [p.name for p in progress.iterdir()] == ["2025-hainan.yaml"]  # no temporary left


def test_a_city_wide_sheet_names_the_district_of_every_entry(workdir: Path) -> None:
    write_workbook(workdir / "全市.xlsx", {"全市": [
        ["产品编号", "企业信息码", "生产单位", "产品名称", "核准产量（吨）", "颁证日期", "所在区"],
        ["LB-18-2506150123A", "GF150302250001", "甲", "葡萄", 10, date(2025, 6, 1), None],
        ["LB-18-2506150124A", None, "乙", "草莓", 20, date(2025, 6, 2), "wuda"],
    ]})
    run = wuhai_on("import", workdir / "progress", "全市.xlsx", "--year", "2025")
    assert run.exit_code == 0, run.stderr
    text = (workdir / "progress" / "2025-wuhai.yaml").read_text(encoding="utf-8")
    assert "\ndistrict:" not in text
    assert [line.strip() for line in text.splitlines() if "district" in line] == [
        "district: 海勃湾区", "district: 乌达区"]
    assert run.stderr == "全市.xlsx:全市!B2: 说明: 企业信息码：1 行的区取自企业信息码（全市!B2）\n"


def test_an_organic_number_on_file_from_last_year_is_its_recertification(workdir: Path) -> None:
    progress = workdir / "progress"
    write_report(progress, "2024-hainan.yaml", 2024, "海南区",
                 "  - id: 005OP2400123\n    type: organic\n    product: 葡萄\n    holder: 农场\n"
                 "    output_tonnes: 40\n    issued: 2024-03-01\n")
    write_workbook(workdir / "有机.xlsx", {"2025": [
        ["证书编号", "获证单位", "产品名称", "认证产量(吨)", "颁证日期"],
        ["005OP2400123", "农场", "葡萄", 40, date(2025, 2, 25)],
    ]})
    run = wuhai_on("import", progress, "有机.xlsx", "--year", "2025", "--district", "hainan",
                   "--lang", "en")
    assert run.exit_code == 0, run.stderr
    assert "    renews: 005OP2400123\n" in (progress / "2025-hainan.yaml").read_text("utf-8")
    assert run.stderr == (
        f"有机.xlsx:2025!A2: note: 证书编号: numbers on file from earlier: 1 (2025!A2; "
        f"{Path('progress/2024-hainan.yaml')}:4, …), imported as recertifications that keep "
        "their number (renews: itself)\n")
    assert "2025: certificates 1 (renewals 1), ended early 0; Hainan District" in run.stdout
    rows = {(r["district"], r["indicator"]): r for r in status_json(progress, 2025)["rows"]}
    assert rows[("海南区", "certified_output")]["achieved"] == 40  # the 2024 award, not twice


def test_columns_and_type_by_option(workdir: Path) -> None:
    """A sheet of the bureau's own making: headers no list uses, the type given once."""
    write_workbook(workdir / "自建表.xlsx", {"表1": [
        ["证号", "单位名称", "品名", "日期"],
        ["MTYX-001", "乌海市葡萄协会", "乌海葡萄", "2025.5.1"],
    ]})
    run = wuhai_on("import", workdir / "progress", "自建表.xlsx", "--year", "2025", "--district",
                   "haibowan", "--columns", "id=证号,holder=B", "--columns", "product=品名",
                   "--columns", "issued=日期", "--type", "名特优新")
    assert run.exit_code == 0, run.stderr
    text = (workdir / "progress" / "2025-haibowan.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[4:] == [
        "  - id: MTYX-001  # 表1!A2", "    type: famous_product", "    product: 乌海葡萄",
        "    holder: 乌海市葡萄协会", "    issued: 2025-05-01"]


@pytest.mark.parametrize(("args", "message"), [
    (("--type", "蔬菜"), "--type 的“蔬菜”不是证书类型；应为：green_food, organic, famous_product"),
    (("--columns", "编号=证号"), "--columns 的“编号=证号”无效；应为 字段=列名"),
    (("--district", "包头"), "未知的地区“包头”"),
    (("--year", "2030"), "年份 2030 不在方案期 2023-2028 内"),
    (("--sheet", "2026"), "登记表.xlsx: 没有工作表“2026”；工作表：2025"),
])
def test_bad_options(workdir: Path, args: tuple[str, ...], message: str) -> None:
    write_workbook(workdir / "登记表.xlsx", {"2025": green_rows()})
    options = dict(zip(args[::2], args[1::2], strict=True))
    year = options.pop("--year", "2025")
    extra = [word for pair in options.items() for word in pair]
    run = wuhai_on("import", workdir / "progress", "登记表.xlsx", "--year", year, *extra)
    assert run.exit_code == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


def test_a_header_without_rows(workdir: Path) -> None:
    write_workbook(workdir / "空表.xlsx", {"2025": [list(GREEN_FOOD_HEADER)]})
    run = wuhai_on("import", workdir / "progress", "空表.xlsx", "--year", "2025", "--district",
                   "hainan")
    assert run.exit_code == 2
    assert run.stdout.splitlines() == ["已读取 空表.xlsx（工作表“2025”）：第 1 行为表头，其下没有数据行",
                                       "未读取的列：序号", "发现 1 个错误，未写入文件"]
    assert run.stderr.strip() == "空表.xlsx: 表中没有 2025 年发证或终止的证书：检查 --year"


def test_the_year_must_have_rows(workdir: Path) -> None:
    write_workbook(workdir / "登记表.xlsx", {"2025": green_rows()})
    run = wuhai_on("import", workdir / "progress", "登记表.xlsx", "--year", "2026", "--district",
                   "hainan")
    assert run.exit_code == 2
    assert run.stderr.strip() == "登记表.xlsx: 表中没有 2026 年发证或终止的证书：检查 --year"


# --- CSV ---------------------------------------------------------------------------------------

CSV_TEXT = ("产品编号,生产单位,产品名称,核准产量（吨）,颁证日期,证书截止日期\n"
            "LB-18-2506150123A,乌海市示例合作社,鸡蛋,\"1,200\",2025/6/15,2028/6/14\n")
TSV_TEXT = ("产品编号\t生产单位\t产品名称\t核准产量（吨）\t颁证日期\t证书截止日期\n"
            "LB-18-2506150123A\t乌海市示例合作社\t鸡蛋\t1,200\t2025/6/15\t2028/6/14\n")


@pytest.mark.parametrize(("encoding", "notes"), [
    ("utf-8", []),
    ("utf-8-sig", []),
    ("gb18030", ["登记表.csv: 说明: CSV 文件按 GB18030 编码读取（Excel 在中文 Windows 上保存的 CSV）"]),
    ("utf-16", []),  # Excel's "Unicode text": UTF-16 with a BOM, tab-separated
])
def test_csv_in_each_encoding_gives_the_same_file(workdir: Path, encoding: str,
                                                  notes: list[str]) -> None:
    text = TSV_TEXT if encoding == "utf-16" else CSV_TEXT
    (workdir / "登记表.csv").write_bytes(text.encode(encoding))
    run = wuhai_on("import", workdir / "progress", "登记表.csv", "--year", "2025", "--district",
                   "hainan")
    assert run.exit_code == 0, run.stderr
    assert [line for line in run.stderr.splitlines() if "GB18030" in line] == notes
    assert sorted(line for line in run.stderr.splitlines() if "GB18030" not in line) == [
        "登记表.csv:D2: 说明: 核准产量（吨）：1 个数字带千位分隔符（D2），已去掉",
        "登记表.csv:E2: 说明: 颁证日期：1 个日期写作 2025/6/15、2025年6月15日 等（E2），"
        "已按 YYYY-MM-DD 读取",
        "登记表.csv:F2: 说明: 证书截止日期：1 个日期写作 2025/6/15、2025年6月15日 等（F2），"
        "已按 YYYY-MM-DD 读取",
    ]
    assert (workdir / "progress" / "2025-hainan.yaml").read_text("utf-8").splitlines()[1:] == [
        "year: 2025", "district: 海南区", "certificates:", "  - id: LB-18-2506150123A  # A2",
        "    type: green_food", "    product: 鸡蛋", "    holder: 乌海市示例合作社",
        "    output_tonnes: 1200", "    issued: 2025-06-15"]


def test_a_csv_has_no_sheets(workdir: Path) -> None:
    (workdir / "登记表.csv").write_text(CSV_TEXT, encoding="utf-8")
    run = wuhai_on("import", workdir / "p", "登记表.csv", "--year", "2025", "--sheet", "x")
    assert run.exit_code == 2
    assert run.stderr.strip() == "登记表.csv 是 CSV 文件，没有工作表：去掉 --sheet"


# --- hostile and awkward workbooks -------------------------------------------------------------


def rewritten(source: Path, target: Path, change: dict[str, bytes]) -> Path:
    """`source` with members replaced (or added) by `change`."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w",
                                                              zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            replaced = change.pop(item.filename) if item.filename in change else None
            copy.writestr(item, replaced or original.read(item.filename))
        for name, data in change.items():
            copy.writestr(name, data)
    return target


def small_workbook(workdir: Path) -> Path:
    return write_workbook(workdir / "small.xlsx", {"2025": [
        ["产品编号", "生产单位", "产品名称", "核准产量（吨）", "颁证日期"],
        ["LB-18-2506150123A", "合作社", "鸡蛋", 120, date(2025, 6, 15)]]}, writer="xlsxwriter")


LOL = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
       + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'
                 for n in range(1, 10)) + "]>")


def entity_bomb(workdir: Path) -> Path:
    strings = ('<?xml version="1.0"?>' + LOL + '<sst xmlns="http://schemas.openxmlformats.org/'
               'spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>').encode()
    return rewritten(small_workbook(workdir), workdir / "bomb.xlsx",
                     {"xl/sharedStrings.xml": strings})


def entity_bomb_after_a_long_comment(workdir: Path) -> Path:
    """The declaration pushed beyond what the reader looks at first: defusedxml refuses it."""
    strings = ('<?xml version="1.0"?><!--' + "x" * 100_000 + "-->" + LOL
               + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               "<si><t>&lol9;</t></si></sst>").encode()
    return rewritten(small_workbook(workdir), workdir / "bomb.xlsx",
                     {"xl/sharedStrings.xml": strings})


def zip_bomb(workdir: Path) -> Path:
    """A sheet that would unpack to 50 MB of spaces from a few kilobytes."""
    source = small_workbook(workdir)
    with zipfile.ZipFile(source) as original:
        sheet = original.read("xl/worksheets/sheet1.xml")
    padded = sheet.replace(b"</worksheet>", b" " * 50_000_000 + b"</worksheet>")
    return rewritten(source, workdir / "bomb.xlsx", {"xl/worksheets/sheet1.xml": padded})


def million_rows(workdir: Path, *, declared: bool = True) -> Path:
    source = small_workbook(workdir)
    with zipfile.ZipFile(source) as original:
        sheet = original.read("xl/worksheets/sheet1.xml").decode()
    if declared:
        sheet = sheet.replace('<dimension ref="A1:E2"/>', '<dimension ref="A1:XFD1048576"/>')
    else:
        sheet = sheet.replace('<dimension ref="A1:E2"/>', "")
    sheet = sheet.replace("</sheetData>", '<row r="1000000"><c r="A1000000"><v>1</v></c></row>'
                                          "</sheetData>")
    return rewritten(source, workdir / "million.xlsx", {"xl/worksheets/sheet1.xml": sheet.encode()})


def ole_file(workdir: Path, name: str, *, encrypted: bool) -> Path:
    """The first bytes of an OLE compound file, as an Excel 97-2003 workbook and a
    password-protected .xlsx both are; the encrypted one holds a stream EncryptionInfo."""
    data = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4088)
    stream = ("EncryptionInfo" if encrypted else "Workbook").encode("utf-16-le")
    data[1024:1024 + len(stream)] = stream
    path = workdir / name
    path.write_bytes(bytes(data))
    return path


def truncated(workdir: Path) -> Path:
    data = small_workbook(workdir).read_bytes()
    path = workdir / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def html_as_xls(workdir: Path) -> Path:
    path = workdir / "export.xls"  # what many web systems hand out as "Excel"
    path.write_text("<html><table><tr><td>产品编号</td></tr></table></html>", encoding="utf-8")
    return path


HOSTILE = {
    "entity_bomb": (entity_bomb, "sheet.xml_entities",
                    "bomb.xlsx: 工作簿中的 xl/sharedStrings.xml 含有 XML 文档类型声明"
                    "（可能是实体炸弹），拒绝读取"),
    "entity_bomb_late": (entity_bomb_after_a_long_comment, "sheet.corrupt",
                         "bomb.xlsx: 文件已损坏或不是 .xlsx 工作簿，无法读取"),
    "zip_bomb": (zip_bomb, "sheet.zip_bomb", "bomb.xlsx: 工作簿解压后有"),
    "million_rows_declared": (million_rows, "sheet.too_many_rows",
                              "million.xlsx: 工作表“2025”有 1048576 行，超过导入上限 100000 行"),
    "million_rows_undeclared": (lambda w: million_rows(w, declared=False), "sheet.too_many_rows",
                                "million.xlsx: 工作表“2025”有 > 100000 行，超过导入上限 100000 行"),
    "password": (lambda w: ole_file(w, "secret.xlsx", encrypted=True), "sheet.encrypted",
                 "secret.xlsx: 工作簿设有打开密码，无法读取"),
    "xls": (lambda w: ole_file(w, "old.xls", encrypted=False), "sheet.old_format",
            "old.xls: 这是旧版 .xls 格式（Excel 97-2003 或 WPS .et），无法读取"),
    "html_as_xls": (html_as_xls, "sheet.old_format", "export.xls: 这是旧版 .xls 格式"),
    "truncated": (truncated, "sheet.corrupt", "truncated.xlsx: 文件已损坏或不是 .xlsx 工作簿"),
    "text_as_xlsx": (lambda w: (w / "notes.xlsx", (w / "notes.xlsx").write_text("hello"))[0],
                     "sheet.corrupt", "notes.xlsx: 文件已损坏或不是 .xlsx 工作簿"),
    "pdf": (lambda w: (w / "scan.pdf", (w / "scan.pdf").write_bytes(b"%PDF-1.4"))[0],
            "sheet.unknown_format", "scan.pdf: 无法识别扩展名“.pdf”：请使用 .xlsx 或 .csv"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_end_in_exit_2_with_a_message(workdir: Path, case: str) -> None:
    make, _, message = HOSTILE[case]
    path = make(workdir)
    run = wuhai_on("import", workdir / "progress", path.name, "--year", "2025", "--district",
                   "hainan")
    assert run.exit_code == 2
    assert run.stderr.startswith(message), run.stderr
    assert len(run.stderr.splitlines()) == 1
    assert run.stdout == ""
    assert not (workdir / "progress").exists()


def test_hostile_files_are_refused_by_the_reader_itself(workdir: Path) -> None:
    """The keys, not just the words (a catalogue change must not hide a wrong refusal)."""
    from wuhai_green.core.problems import DataError
    from wuhai_green.load.spreadsheet import read_table

    for case, (make, key, _) in HOSTILE.items():
        with pytest.raises(DataError) as refused:
            read_table(make(workdir))
        assert [problem.key for problem in refused.value.problems] == [key], case


def test_a_workbook_may_unpack_to_ten_times_the_size_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The declared sizes of the members are added up before anything is unpacked: with a
    limit of 0.1 MB, 1 MB unpacked passes and 1.1 MB is refused (stored, not compressed, so
    no member looks like a bomb by its ratio)."""
    from wuhai_green.core.problems import DataError
    from wuhai_green.load.spreadsheet import check_archive

    monkeypatch.setenv("WUHAI_MAX_FILE_MB", "0.1")

    def archive(size: int) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as built:
            built.writestr("xl/media/a.bin", b"\0" * size)
        return buffer.getvalue()

    limit = int(0.1 * 1024 * 1024) * 10
    check_archive(archive(limit - 200), "ok.xlsx")  # the zip's own bytes count nothing
    with pytest.raises(DataError) as refused:
        check_archive(archive(limit + 1), "big.xlsx")
    assert [(p.key, p.params) for p in refused.value.problems] == [
        ("sheet.zip_bomb", {"size": limit + 1, "limit": limit})]


def test_formulas_give_their_saved_values_and_are_never_evaluated(workdir: Path) -> None:
    """xlsxwriter saves a value with each formula; a formula saved without one (openpyxl
    writes none) is an empty cell."""
    rows: list[list[Any]] = [
        ["产品编号", "生产单位", "产品名称", "核准产量（吨）", "颁证日期"],
        ["LB-18-2506150123A", Formula('=WEBSERVICE("http://example.org/x")', "乌海市示例合作社"),
         "鸡蛋", Formula("=60*2", 120), date(2025, 6, 15)]]
    write_workbook(workdir / "saved.xlsx", {"2025": rows}, writer="xlsxwriter")
    run = wuhai_on("import", workdir / "p", "saved.xlsx", "--year", "2025", "--district", "hainan")
    assert run.exit_code == 0, run.stderr
    text = (workdir / "p" / "2025-hainan.yaml").read_text(encoding="utf-8")
    assert "    holder: 乌海市示例合作社\n    output_tonnes: 120\n" in text
    write_workbook(workdir / "unsaved.xlsx", {"2025": rows})
    unsaved = wuhai_on("import", workdir / "q", "unsaved.xlsx", "--year", "2025", "--district",
                       "hainan")
    assert unsaved.exit_code == 2
    assert unsaved.stderr.splitlines() == ["unsaved.xlsx:2025!B2: “生产单位”没有填写",
                                           "unsaved.xlsx:2025!D2: “核准产量（吨）”没有填写"]


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_merged_cells_give_their_value_to_every_row(workdir: Path, writer: str) -> None:
    rows: list[list[Any]] = [
        ["海南区证书清单"],
        ["产品编号", "生产单位", "产品名称", "核准产量（吨）", "颁证日期"],
        ["LB-18-2506150123A", "乌海市示例合作社", "鸡蛋", 120, date(2025, 6, 15)],
        ["LB-18-2506150124A", None, "鸭蛋", 80, date(2025, 6, 16)],
        ["LB-18-2506150125A", None, "鹅蛋", 40, date(2025, 6, 17)]]
    write_workbook(workdir / "merged.xlsx", {"2025": rows}, writer=writer,
                   merged={"2025": ["A1:E1", "B3:B5"]})
    run = wuhai_on("import", workdir / "p", "merged.xlsx", "--year", "2025", "--district",
                   "hainan")
    assert run.exit_code == 0, run.stderr
    text = (workdir / "p" / "2025-hainan.yaml").read_text(encoding="utf-8")
    assert text.count("    holder: 乌海市示例合作社\n") == 3
    assert run.stderr == ("merged.xlsx:2025!B4: 说明: 生产单位：2 个单元格在合并单元格中（2025!B4, "
                          "2025!B5），取合并区域第一格 2025!B3 等的值\n")


def test_hidden_sheets_are_read_only_when_named(workdir: Path) -> None:
    hidden_rows = green_rows()
    visible_rows: list[list[Any]] = [["产品编号", "生产单位", "产品名称", "核准产量（吨）", "颁证日期"],
                    ["LB-18-2508150999A", "合作社", "牛奶", 5, date(2025, 8, 15)]]
    notes: list[list[Any]] = [["填表说明"]]
    write_workbook(workdir / "book.xlsx", {"旧表": hidden_rows, "说明": notes,
                                           "新表": visible_rows}, hidden=["旧表"])
    run = wuhai_on("import", workdir / "p", "book.xlsx", "--year", "2025", "--district", "hainan")
    assert run.exit_code == 0, run.stderr
    assert run.stderr.splitlines() == [
        "book.xlsx: 说明: 隐藏的工作表未读取：旧表",
        "book.xlsx: 说明: 读取工作表“新表”；其他工作表未读取：说明（用 --sheet 选择）"]
    assert "LB-18-2508150999A" in (workdir / "p" / "2025-hainan.yaml").read_text("utf-8")
    named = wuhai_on("import", workdir / "q", "book.xlsx", "--year", "2025", "--district",
                     "hainan", "--sheet", "旧表")
    assert named.exit_code == 0, named.stderr
    assert named.stderr.splitlines()[0] == "book.xlsx: 说明: 工作表“旧表”是隐藏的，按 --sheet 读取"


def test_a_clear_message_when_the_excel_extra_is_missing(workdir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    found = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "defusedxml" else found(name, *args))
    small_workbook(workdir)
    run = wuhai_on("import", workdir / "p", "small.xlsx", "--year", "2025", "--lang", "en")
    assert run.exit_code == 2
    assert run.stderr.strip() == ("Excel files need the excel extra: pip install "
                                  "'wuhai-green[excel]'")


# --- the file written reads back as the data validated ----------------------------------------


@hypothesis_settings(max_examples=examples(200))
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1))  # no lone surrogates
def test_every_text_is_written_so_that_it_reads_back(text: str) -> None:
    """The import validates its entries as data and writes them as YAML: each text must read
    back from the YAML as it was (quoted and escaped where needed)."""
    located = parse_yaml(f"product: {yaml_scalar(text)}\n", "x.yaml")
    assert located.value == {"product": text}


def test_the_written_text_reads_back_as_the_validated_document(workdir: Path) -> None:
    """The bytes written, parsed by the reader of every progress file, give the values the
    import validated (as text, the reader's scalars)."""
    from tests.harness import real_plan
    from wuhai_green.core.importing import ImportRequest, import_rows
    from wuhai_green.load.spreadsheet import read_table
    from wuhai_green.show.display import Display
    from wuhai_green.show.templates import imported_file

    rows = green_rows()
    rows[2][3] = "乌海市: #1 合作社 "  # a colon, a hash and a space at the end
    write_workbook(workdir / "登记表.xlsx", {"2025": rows})
    table, _ = read_table(workdir / "登记表.xlsx")
    result = import_rows(real_plan(), table, ImportRequest(2025, "海南区"))
    written = imported_file(Display(real_plan(), "zh"), result, "海南区", TODAY)

    def as_text(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: as_text(item) for key, item in value.items()}
        if isinstance(value, list):
            return [as_text(item) for item in value]
        return str(value)

    assert parse_yaml(written.text, "x.yaml").value == as_text(written.document)
    assert "    holder: \"乌海市: #1 合作社\"\n" in written.text


def test_a_utf16_csv_without_tabs_reads_its_commas(workdir: Path) -> None:
    (workdir / "a.csv").write_bytes(codecs.BOM_UTF16_LE + CSV_TEXT.encode("utf-16-le"))
    run = wuhai_on("import", workdir / "p", "a.csv", "--year", "2025", "--district", "hainan")
    assert run.exit_code == 0, run.stderr


def test_import_help_lists_its_options() -> None:
    run = wuhai("import", "--help", "--lang", "en")
    assert run.exit_code == 0
    for option in ("--year", "--district", "--sheet", "--output", "--force", "--columns",
                   "--type", "--plan", "--progress"):
        assert option in run.stdout
