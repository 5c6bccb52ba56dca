"""core/importing.py: reading cell values, finding the columns, and the rows of a sheet made
progress entries, with every problem at its cell (issue 14 §1). Tables are built in the test:
the reader of workbooks has its own tests (tests/acceptance/test_import.py)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.harness import examples, plan_with, real_plan
from wuhai_green.core.importing import (
    UNITS,
    ImportRequest,
    OnFile,
    Refused,
    Table,
    at_cells,
    column_letters,
    column_number,
    has_header,
    header_key,
    ids_on_file,
    import_rows,
    parse_columns,
    read_date,
    read_number,
    read_range,
    sheet_ref,
    type_key,
    type_words,
)
from wuhai_green.core.problems import Problem, UsageError
from wuhai_green.core.register import normal_id
from wuhai_green.load.plan import load_plan

# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected", "note"), [
    (date(2025, 6, 15), date(2025, 6, 15), None),
    (datetime(2025, 6, 15), date(2025, 6, 15), None),
    (datetime(2025, 6, 15, 8, 30), date(2025, 6, 15), "import.time_dropped"),
    (45823, date(2025, 6, 15), "import.serial_date"),  # Excel's serial number of the day
    (45823.0, date(2025, 6, 15), "import.serial_date"),
    ("45823", date(2025, 6, 15), "import.serial_date"),
    (20250615, date(2025, 6, 15), "import.date_layout"),
    ("2025-06-15", date(2025, 6, 15), "import.text_date"),
    (" 2025-06-15 ", date(2025, 6, 15), "import.text_date"),
    ("2025-6-15", date(2025, 6, 15), "import.date_layout"),
    ("2025/6/15", date(2025, 6, 15), "import.date_layout"),
    ("2025/06/15 0:00", date(2025, 6, 15), "import.date_layout"),
    ("2025.6.15", date(2025, 6, 15), "import.date_layout"),
    ("2025年6月15日", date(2025, 6, 15), "import.date_layout"),
    ("2025年6月15", date(2025, 6, 15), "import.date_layout"),
    ("２０２５年６月１５日", date(2025, 6, 15), "import.date_layout"),  # full-width digits
    ("20250615", date(2025, 6, 15), "import.date_layout"),
    ("2025-06-15 08:30:00", date(2025, 6, 15), "import.time_dropped"),
])
def test_read_date(value: Any, expected: date, note: str | None) -> None:
    assert read_date(value) == (expected, note)


def test_an_iso_date_in_a_csv_file_is_plain() -> None:
    """In CSV every value is text: text is no cause for a note there."""
    assert read_date("2025-06-15", all_text=True) == (date(2025, 6, 15), None)
    assert read_date("2025/6/15", all_text=True) == (date(2025, 6, 15), "import.date_layout")


def test_a_serial_date_of_a_1904_workbook() -> None:
    assert read_date(44361, epoch_1904=True).value == date(2025, 6, 15)


@pytest.mark.parametrize(("value", "key"), [
    ("6/15/2025", "import.not_a_date"),  # day and month order is not guessed
    ("15/6/2025", "import.not_a_date"),
    ("25-6-15", "import.not_a_date"),
    ("2025/06", "import.not_a_date"),
    ("2025年6月", "import.not_a_date"),
    ("六月十五日", "import.not_a_date"),
    ("2025-02-30", "import.no_such_date"),
    ("2025/13/1", "import.no_such_date"),
    (2025, "import.not_a_date"),  # a number too small to be a serial date
    (True, "import.not_a_date"),
    ("#N/A", "import.excel_error"),
    ("#VALUE!", "import.excel_error"),
])
def test_refused_dates(value: Any, key: str) -> None:
    with pytest.raises(Refused) as refused:
        read_date(value)
    assert refused.value.key == key


@pytest.mark.parametrize(("value", "start", "end"), [
    ("2025-06-15至2028-06-14", date(2025, 6, 15), date(2028, 6, 14)),
    ("2025-06-15 至 2028-06-14", date(2025, 6, 15), date(2028, 6, 14)),
    ("2025.06.15-2028.06.14", date(2025, 6, 15), date(2028, 6, 14)),
    ("2025/6/15~2028/6/14", date(2025, 6, 15), date(2028, 6, 14)),
    ("2025年6月15日—2028年6月14日", date(2025, 6, 15), date(2028, 6, 14)),
    ("2025年6月15日到2028年6月14日", date(2025, 6, 15), date(2028, 6, 14)),
    ("2028-06-14", None, date(2028, 6, 14)),
    (date(2028, 6, 14), None, date(2028, 6, 14)),
])
def test_read_range(value: Any, start: date | None, end: date) -> None:
    first, last = read_range(value)
    assert (first.value if first else None, last.value) == (start, end)


@pytest.mark.parametrize("value", ["2025-06-15至", "2025-06-15和2028-06-14", "三年",
                                   "2025-06-15至2028-06-14至2031-06-14"])
def test_refused_ranges(value: str) -> None:
    with pytest.raises(Refused):
        read_range(value)


# --- numbers ---------------------------------------------------------------------------------

TONNES = UNITS["output_tonnes"]


@pytest.mark.parametrize(("value", "expected", "note"), [
    (120, Decimal(120), None),
    (120.5, Decimal("120.5"), None),
    (0.1 + 0.2, Decimal("0.3"), None),  # as Excel shows it: 15 significant digits
    (Decimal("0.0052"), Decimal("0.0052"), None),
    ("120", Decimal(120), "import.text_number"),
    (" 120.50 ", Decimal("120.50"), "import.text_number"),
    ("１２０", Decimal(120), "import.text_number"),
    ("1,200", Decimal(1200), "import.thousands"),
    ("1，200.5", Decimal("1200.5"), "import.thousands"),
    ("1,234,567", Decimal(1234567), "import.thousands"),
    ("120吨", Decimal(120), "import.unit_in_cell"),
    ("120 t", Decimal(120), "import.unit_in_cell"),
    ("0.012万吨", Decimal(120), "import.unit_in_cell"),
    ("500公斤", Decimal("0.5"), "import.unit_in_cell"),
    ("500 KG", Decimal("0.5"), "import.unit_in_cell"),
])
def test_read_number(value: Any, expected: Decimal, note: str | None) -> None:
    number, noted = read_number(value, TONNES)
    assert (number, noted) == (expected, note)
    assert str(number) == str(expected)  # the digits, not just an equal value


@pytest.mark.parametrize(("value", "key"), [
    ("1,20", "import.bad_separators"),
    ("12,00.5", "import.bad_separators"),
    ("120亩", "import.wrong_unit"),
    ("120斤", "import.wrong_unit"),
    ("约120", "import.not_a_number"),
    ("一百二十", "import.not_a_number"),
    ("120-150", "import.not_a_number"),
    (True, "import.not_a_number"),
    (date(2025, 6, 15), "import.not_a_number"),
    (float("nan"), "import.not_a_number"),
    ("#DIV/0!", "import.excel_error"),
])
def test_refused_numbers(value: Any, key: str) -> None:
    with pytest.raises(Refused) as refused:
        read_number(value, TONNES)
    assert refused.value.key == key


def test_area_units() -> None:
    assert read_number("2公顷", UNITS["area_mu"]) == (Decimal(30), "import.unit_in_cell")
    assert read_number("1.5万亩", UNITS["area_mu"]) == (Decimal(15000), "import.unit_in_cell")


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "key"), [
    ("核准产量（吨）", ("核准产量", "吨")),
    ("核准产量\n（吨）", ("核准产量", "吨")),
    ("核准产量(万吨)", ("核准产量", "万吨")),
    ("*产品名称", ("产品名称", None)),
    (" 颁 证 日 期 ", ("颁证日期", None)),
    ("面积[亩]", ("面积", "亩")),
    ("备注：", ("备注", None)),
])
def test_header_key(header: str, key: tuple[str, str | None]) -> None:
    assert header_key(header) == key


def test_ids_of_a_sheet_in_the_registers_normal_form() -> None:
    """DESIGN §4, as the register compares ids (one function, `normal_id`): NFKC, format
    characters out, spaces at the ends out, upper case."""
    assert normal_id(" lb-18-2506150123a\u200b ") == "LB-18-2506150123A"
    assert normal_id("ＬＢ－１８－２５０６１５０１２３Ａ") == "LB-18-2506150123A"
    assert normal_id("\ufeff005op2500123") == "005OP2500123"


@pytest.mark.parametrize(("column", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"),
                                                 (703, "AAA"), (16384, "XFD")])
def test_column_letters(column: int, letters: str) -> None:
    assert column_letters(column) == letters
    assert column_number(letters) == column
    assert column_number(letters.lower()) == column


@hypothesis_settings(max_examples=examples(100))
@given(st.integers(min_value=1, max_value=18278))
def test_column_letters_round_trip(column: int) -> None:
    assert column_number(column_letters(column)) == column


@pytest.mark.parametrize(("name", "ref"), [("2025", "2025"), ("Sheet1", "Sheet1"),
                                           ("海南区", "海南区"), ("Sheet 1", "'Sheet 1'"),
                                           ("O'Brien", "'O''Brien'")])
def test_sheet_ref(name: str, ref: str) -> None:
    assert sheet_ref(name) == ref


def test_type_words_take_the_plans_synonyms(tmp_path: Path) -> None:
    """A word the plan's `synonyms:` gives a type (as a report may write it) names it in a
    sheet too: 绿标 added to the plan → green_food."""
    plan = load_plan(plan_with(tmp_path, ("synonyms:\n", "synonyms:\n  绿标: green_food\n")))
    assert type_words(plan)[type_key("绿标")] == "green_food"
    assert type_key("品牌方案") not in type_words(plan)  # an activity kind, not a type


def test_type_words_take_the_chinese_names_with_and_without_农产品() -> None:
    words = type_words(real_plan())
    assert {word: words[type_key(word)] for word in (
        "绿色食品", "green_food", "Green Food", "有机产品", "有机农产品", "有机", "名特优新农产品",
        "名特优新")} == {
        "绿色食品": "green_food", "green_food": "green_food", "Green Food": "green_food",
        "有机产品": "organic", "有机农产品": "organic", "有机": "organic",
        "名特优新农产品": "famous_product", "名特优新": "famous_product"}


def test_parse_columns() -> None:
    assert parse_columns(["id=证号,holder=C", "output_tonnes＝产量(公斤)；note=说明"]) == {
        "id": "证号", "holder": "C", "output_tonnes": "产量(公斤)", "note": "说明"}


@pytest.mark.parametrize("spec", ["证号", "number=证号", "id=", "=证号"])
def test_parse_columns_refuses(spec: str) -> None:
    with pytest.raises(UsageError) as refused:
        parse_columns([spec])
    assert refused.value.key == "import.bad_columns"


# --- rows made entries -----------------------------------------------------------------------

HEADER = ("序号", "产品编号", "企业信息码", "生产单位", "产品名称", "核准产量（吨）", "面积（亩）",
          "颁证日期", "证书截止日期", "证书状态", "状态日期", "备注")


def table(*rows: tuple[Any, ...], header: tuple[str, ...] = HEADER, title: str | None = None,
          merged: tuple[tuple[int, int, int, int], ...] = ()) -> Table:
    """A sheet '2025': a title row if any, the header, then `rows` (numbered from there)."""
    lines: list[tuple[Any, ...]] = ([(title,)] if title else []) + [header, *rows]
    return Table("登记表.xlsx", "2025", [(number, line) for number, line in
                                      enumerate(lines, start=1)], merged)


def row(number: str | None, issued: Any = date(2025, 6, 15), *, code: Any = "GF150303250012",
        holder: Any = "乌海市示例合作社", product: Any = "鸡蛋", output: Any = 120, area: Any = 300,
        expires: Any = None, status: Any = "有效", status_date: Any = None,
        note: Any = None) -> tuple[Any, ...]:
    return (1, number, code, holder, product, output, area, issued, expires, status,
            status_date, note)


def imported(sheet: Table, **request: Any) -> Any:
    request.setdefault("year", 2025)
    return import_rows(real_plan(), sheet, ImportRequest(**request))


def problems_of(result: Any) -> list[tuple[str, str, str]]:
    """(cell, severity, key) of every problem, by row and column (as they are printed)."""
    return [(p.cell or "", p.severity, p.key) for p in sorted(result.problems,
                                                               key=Problem.sort_key)]


def test_a_clean_sheet_becomes_entries() -> None:
    result = imported(table(
        row("LB-18-2506150123A"),
        row("005OP2500123", date(2025, 3, 1), code=None, output=Decimal("80.5"), area=None,
            expires=date(2026, 2, 28), note="新品"),
    ), district="海南区")
    assert problems_of(result) == []
    assert [(e.place.cell, e.id, e.type, e.district, e.product, e.holder, e.output_tonnes,
             e.area_mu, e.issued, e.expires, e.renews, e.note) for e in result.certificates] == [
        ("2025!B2", "LB-18-2506150123A", "green_food", "海南区", "鸡蛋", "乌海市示例合作社",
         Decimal(120), Decimal(300), date(2025, 6, 15), None, None, None),
        ("2025!B3", "005OP2500123", "organic", "海南区", "鸡蛋", "乌海市示例合作社",
         Decimal("80.5"), None, date(2025, 3, 1), None, None, "新品"),
    ]  # an expiry equal to the type's default (issued + 1 year - 1 day) is left out
    assert (result.header_row, result.first_row, result.last_row, result.rows_read) == (1, 2, 3, 2)
    assert result.unread == ["序号"]
    assert result.districts == ["海南区"]


def test_every_fault_of_a_sheet_at_its_cell() -> None:
    """One fault a row, each refused at its cell; the clean row alone becomes an entry."""
    result = imported(table(
        row("LB-18-2506150123A"),                                   # 2: clean
        row("LB-18-2504150124A", date(2025, 8, 1)),                 # 3: approved 4 months before
        row("LB-18-2507150125A", date(2025, 6, 30)),                # 4: issued before approval
        row("LB-18-2506150126A", code="GF150304250001"),            # 5: an enterprise of 乌达区
        row("LB-18-2506150127A", code="GF150202250001"),            # 6: division not in the plan
        row("LB-18-2506150128A", code="GF1503"),                    # 7: not GF + 12 digits
        row("LB-18-2506150123A"),                                   # 8: the id of row 2 again
        row("LB-18-2506150129A", status="吊销"),                    # 9: unknown status
        row("LB-18-2506150130A", status="撤销"),                    # 10: no date for the end
        row("LB-18-2506150131A", "2025/13/1"),                      # 11: no such date
        row("LB-18-2506150132A", output="约120"),                   # 12: not a number
        row("LB-18-2506150133A", product=None),                     # 13: no product
        row(None, holder="无编号合作社"),                            # 14: data but no id
        row("LB-18-2506150134A", output=None),                      # 15: green food needs output
        row("LB-18-2506150135A", expires=date(2025, 1, 1)),         # 16: expires before issued
        row("ABC-1", code=None),                                    # 17: no type to be told
    ), district="海南区")
    assert problems_of(result) == [
        ("2025!B3", "error", "import.approval_mismatch"),
        ("2025!B4", "error", "import.approval_mismatch"),
        ("2025!C5", "error", "import.division_other"),
        ("2025!C6", "error", "import.division_unknown"),
        ("2025!C7", "error", "import.bad_enterprise_code"),
        ("2025!B8", "error", "import.duplicate_id"),
        ("2025!J9", "error", "import.unknown_status"),
        ("2025!J10", "error", "import.status_needs_date"),
        ("2025!H11", "error", "import.no_such_date"),
        ("2025!F12", "error", "import.not_a_number"),
        ("2025!E13", "error", "import.missing"),
        ("2025!B14", "error", "import.no_id"),
        ("2025!F15", "error", "import.missing"),
        ("2025!I16", "error", "progress.expires_before"),
        ("2025!B17", "error", "import.type_unknown"),
    ]
    assert [entry.id for entry in result.certificates] == ["LB-18-2506150123A"]
    by_key = {p.key: p.params for p in result.problems}
    assert by_key["import.duplicate_id"]["other"] == "2025!B2"
    assert by_key["import.approval_mismatch"]["approved"] == "2025-07"
    assert by_key["import.division_other"] == {"value": "GF150304250001",
                                               "code_district": "乌达区", "district": "海南区"}


def test_rows_of_other_years_are_skipped_with_the_reason() -> None:
    result = imported(table(
        row("LB-18-2406150001A", date(2024, 6, 15)),
        row("LB-18-2506150123A"),
        row("LB-18-2606150002A", date(2026, 6, 15)),
        (None,) * 12,
        (None, None, None, "合计", None, 240),
    ), district="海南区")
    assert problems_of(result) == []
    assert [(s.place.cell, s.reason) for s in result.skipped] == [
        ("2025!H2", "skip.other_year"), ("2025!H4", "skip.other_year"), ("2025!A5", "skip.empty"),
        ("2025!A6", "skip.not_a_row")]
    assert [entry.id for entry in result.certificates] == ["LB-18-2506150123A"]


def test_a_number_approved_in_the_year_but_issued_in_another_is_refused() -> None:
    """A typo in the year of the issue date would otherwise skip the row silently."""
    result = imported(table(row("LB-18-2506150123A", date(2026, 6, 15))), district="海南区")
    assert problems_of(result) == [("2025!B2", "error", "import.approval_mismatch")]


def test_an_approval_up_to_three_months_before_issue_is_a_note() -> None:
    result = imported(table(row("LB-18-2503150123A", date(2025, 6, 30))), district="海南区")
    assert problems_of(result) == [("2025!B2", "note", "import.approval_later")]
    assert len(result.certificates) == 1


def test_an_end_of_the_year_becomes_an_ended_entry() -> None:
    """A certificate of 2024 revoked in 2025, and one of 2025 cancelled in 2025."""
    result = imported(table(
        row("LB-18-2406150001A", date(2024, 6, 15), status="撤销", status_date="2025-09-01"),
        row("LB-18-2506150123A", status="注销", status_date=date(2025, 11, 30)),
        row("LB-18-2506150124A", status="暂停", status_date=date(2026, 1, 10)),
    ), district="海南区")
    assert [(e.id, e.date, e.reason) for e in result.ended] == [
        ("LB-18-2406150001A", date(2025, 9, 1), "撤销"),
        ("LB-18-2506150123A", date(2025, 11, 30), "注销")]
    assert [e.id for e in result.certificates] == ["LB-18-2506150123A", "LB-18-2506150124A"]
    assert problems_of(result) == [("2025!K2", "note", "import.text_date"),
                                   ("2025!J4", "note", "import.ends_other_year")]


def test_the_district_from_a_column_or_the_enterprise_code() -> None:
    header = (*HEADER, "区")
    result = imported(table(
        (*row("LB-18-2506150123A", code=None), "乌海市海勃湾区"),
        (*row("LB-18-2506150124A", code="GF150304250001"), None),
        (*row("LB-18-2506150125A", code=None), "hainan"),
        (*row("LB-18-2506150126A", code="GF150303250001"), "乌达区"),
        (*row("LB-18-2506150127A", code=None), "包头市"),
        header=header))
    assert [(e.id, e.district) for e in result.certificates] == [
        ("LB-18-2506150123A", "海勃湾区"), ("LB-18-2506150124A", "乌达区"),
        ("LB-18-2506150125A", "海南区")]
    assert problems_of(result) == [
        ("2025!C3", "note", "import.district_from_code"),
        ("2025!C5", "error", "import.division_other"),
        ("2025!M6", "error", "import.unknown_district")]
    assert result.districts == ["海勃湾区", "乌达区", "海南区"]


def test_district_option_against_the_column() -> None:
    result = imported(table((*row("LB-18-2506150123A", code=None), "乌达区"),
                            header=(*HEADER, "区")), district="海南区")
    assert problems_of(result) == [("2025!M2", "error", "import.district_conflict")]


def test_the_type_from_a_column_from_the_option_or_from_the_number() -> None:
    header = (*HEADER, "证书类型")
    result = imported(table(
        (*row("CAQS-MTYX-20250001", code=None, output=None), "名特优新"),
        (*row("LB-18-2506150123A"), "有机农产品"),   # an LB number typed organic
        (*row("XYZ-0001", code=None, output=None), None),
        (*row("005OP2500123", code=None), None),
        header=header), district="海南区", type="famous_product")
    assert [(e.id, e.type) for e in result.certificates] == [
        ("CAQS-MTYX-20250001", "famous_product"), ("XYZ-0001", "famous_product")]
    assert problems_of(result) == [("2025!B3", "error", "import.type_conflict"),
                                   ("2025!B5", "error", "import.type_conflict")]


def test_a_validity_range_gives_issue_and_expiry() -> None:
    header = ("产品编号", "生产单位", "产品名称", "核准产量（吨）", "许可期限")
    result = imported(table(("LB-18-2506150123A", "合作社", "鸡蛋", 120, "2025-06-15至2028-06-13"),
                            header=header), district="海南区")
    assert [(e.issued, e.expires) for e in result.certificates] == [
        (date(2025, 6, 15), date(2028, 6, 13))]
    assert problems_of(result) == []


def test_a_header_unit_is_converted_and_noted() -> None:
    header = ("产品编号", "生产单位", "产品名称", "批准产量（万吨）", "发证日期")
    result = imported(table(("LB-18-2506150123A", "合作社", "鸡蛋", 0.012, date(2025, 6, 15)),
                            header=header), district="海南区")
    assert [e.output_tonnes for e in result.certificates] == [Decimal(120)]
    assert problems_of(result) == [("2025!D1", "note", "import.header_unit")]


def test_the_header_is_found_below_a_title_and_merged_cells_fill_their_rows() -> None:
    """Row 1 is a title; the holder of rows 3–5 is one merged cell D3:D5."""
    sheet = table(row("LB-18-2506150123A"),
                  row("LB-18-2506150124A", holder=None),
                  row("LB-18-2506150125A", holder=None),
                  title="海南区绿色食品证书清单", merged=((3, 4, 5, 4), (1, 1, 1, 12)))
    result = imported(sheet, district="海南区")
    assert result.header_row == 2
    assert [e.holder for e in result.certificates] == ["乌海市示例合作社"] * 3
    assert problems_of(result) == [("2025!D4", "note", "import.merged")]
    assert result.problems[0].params["count"] == 2


def test_required_columns_and_the_header() -> None:
    result = imported(table(("LB-18-2506150123A", "鸡蛋"), header=("产品编号", "产品名称")),
                      district="海南区")
    assert [(p.key, p.params["field"]) for p in result.problems] == [
        ("import.missing_column", "holder"), ("import.missing_column", "issued")]
    assert imported(Table("x.csv", None, [(1, ("a", "b"))])).problems[0].key == "import.no_header"


def test_two_columns_of_one_field_must_be_told_apart() -> None:
    header = ("产品编号", "证书编号", "生产单位", "产品名称", "核准产量（吨）", "颁证日期")
    sheet = table(("LB-18-2506150123A", "X", "合作社", "鸡蛋", 120, date(2025, 6, 15)),
                  header=header)
    assert problems_of(imported(sheet, district="海南区")) == [
        ("2025!B1", "error", "import.two_columns")]
    chosen = imported(sheet, district="海南区", columns={"id": "A"})
    assert problems_of(chosen) == []
    assert chosen.unread == ["证书编号"]


def test_columns_named_by_the_option() -> None:
    header = ("证号", "单位名称", "品名", "产量(公斤)", "日期")
    sheet = table(("LB-18-2506150123A", "合作社", "鸡蛋", "120,000", "2025/6/15"),
                  header=header)
    result = imported(sheet, district="海南区", columns={
        "id": "证号", "holder": "B", "output_tonnes": "产量(公斤)", "issued": "日期"})
    assert [(e.holder, e.output_tonnes) for e in result.certificates] == [("合作社", Decimal(120))]
    assert has_header(sheet.rows, {"id": "证号"}) and not has_header(sheet.rows, {})
    missing = imported(sheet, district="海南区", columns={"id": "证件号"})
    assert missing.problems[0].key == "import.no_header"


def test_renewals_from_the_application_column_and_from_the_files_on_file() -> None:
    header = (*HEADER, "申报类型", "原证书编号")
    on_file = {"005OP2400123": (OnFile("organic", date(2024, 3, 1), "p/2024.yaml:5"),),
               "LB-18-2406150001A": (OnFile("green_food", date(2024, 6, 15), "p/2024.yaml:12"),),
               "005OP2500999": (OnFile("organic", date(2025, 3, 1), "p/2025.yaml:4"),)}
    result = imported(table(
        (*row("005OP2400123", date(2025, 2, 20), code=None), None, None),       # kept number
        (*row("005OP2500124", date(2025, 3, 1), code=None), "再认证", None),     # said renewal
        (*row("LB-18-2506150123A"), "续展", "LB-18-2406150001A"),               # names the old
        (*row("LB-18-2506150124A"), "续展", None),                               # must name it
        (*row("LB-18-2406150001A", date(2025, 6, 15)), None, None),             # green food again
        (*row("005OP2500999", date(2025, 3, 1), code=None), None, None),         # the same record
        (*row("LB-18-2506150125A"), "换届", None),                               # unknown kind
        header=header), district="海南区", on_file=on_file)
    assert [(e.id, e.renews) for e in result.certificates] == [
        ("005OP2400123", "005OP2400123"), ("005OP2500124", "005OP2500124"),
        ("LB-18-2506150123A", "LB-18-2406150001A")]
    assert problems_of(result) == [
        ("2025!B2", "note", "import.renews_itself"),
        ("2025!M5", "error", "import.renewal_needs_old"),
        ("2025!B6", "error", "import.approval_mismatch"),
        ("2025!B6", "error", "import.on_file_other"),
        ("2025!B7", "error", "import.on_file"),
        ("2025!M8", "error", "import.unknown_application")]


def test_a_baseline_register_takes_the_certificates_in_force_in_the_baseline_year() -> None:
    result = imported(table(
        row("LB-18-2106150001A", date(2021, 6, 15)),     # in force 2021-06-15 to 2024-06-14
        row("LB-18-2006150002A", date(2020, 6, 15), expires=date(2022, 12, 31)),  # lapsed
        row("LB-18-2306150003A", date(2023, 6, 15)),
    ), year=2023, district="海南区")
    assert [e.id for e in result.certificates] == ["LB-18-2106150001A", "LB-18-2306150003A"]
    assert [s.reason for s in result.skipped] == ["skip.other_year"]


def test_notes_are_one_a_column_with_the_count_and_the_first_cells() -> None:
    result = imported(table(*[row(f"LB-18-25061501{n:02d}A", "2025/6/15", output=str(n))
                              for n in range(10, 15)]), district="海南区")
    notes = {p.key: (p.cell, p.params["count"], p.params["cells"]) for p in result.problems}
    assert notes == {
        "import.text_number": ("2025!F2", 5, "2025!F2, 2025!F3, 2025!F4, …"),
        "import.date_layout": ("2025!H2", 5, "2025!H2, 2025!H3, 2025!H4, …")}
    assert {p.params["header"] for p in result.problems} == {"核准产量（吨）", "颁证日期"}


def test_text_is_made_one_line_and_ids_normal() -> None:
    result = imported(table(row(" lb-18-2506150123a\u200b", holder="乌海市\n示例  合作社")),
                      district="海南区")
    assert [(e.id, e.holder) for e in result.certificates] == [
        ("LB-18-2506150123A", "乌海市 示例 合作社")]
    assert [p.key for p in result.problems] == ["import.id_normalized", "import.text_cleaned"]


# --- around the import ------------------------------------------------------------------------


def test_ids_on_file_in_normal_form_oldest_first(tmp_path: Any) -> None:
    from tests.harness import read_report, write

    path = write(tmp_path, "2025.yaml", """\
        year: 2025
        district: hainan
        certificates:
          - id: 005op2500123
            type: organic
            product: 葡萄
            holder: 农场
            output_tonnes: 5
            issued: 2025-09-01
          - id: 005OP2500123
            type: organic
            product: 葡萄
            holder: 农场
            output_tonnes: 5
            issued: 2025-01-01
        """)
    report, problems = read_report(path)
    assert report is not None and problems == []
    name = report.file
    assert ids_on_file([report]) == {"005OP2500123": (
        OnFile("organic", date(2025, 1, 1), f"{name}:10"),
        OnFile("organic", date(2025, 9, 1), f"{name}:4"))}


def test_problems_of_the_written_file_move_to_their_cells() -> None:
    sheet = table(row("LB-18-2506150123A"))
    places = {3: (2, 2), 4: (2, 5), 8: (3, 2)}
    found = at_cells([
        Problem("p/2025.yaml", 5, 5, "field.not_positive", {"field": "output_tonnes"}),
        Problem("p/2025.yaml", 8, 9, "progress.duplicate_record",
                {"id": "X", "other": "p/2025.yaml:3"}),
        Problem("p/2024.yaml", 2, 1, "progress.renews_unknown", {"other": "p/2025.yaml:4"}),
        Problem("p/2025.yaml", None, None, "yaml.empty"),
    ], "p/2025.yaml", places, sheet)
    assert [(p.file, p.cell, p.line, p.column, p.params.get("other")) for p in found] == [
        ("登记表.xlsx", "2025!E2", 2, 5, None),
        ("登记表.xlsx", "2025!B3", 3, 2, "登记表.xlsx:2025!B2"),
        ("p/2024.yaml", None, 2, 1, "登记表.xlsx:2025!E2"),
        ("登记表.xlsx", None, None, None, None)]
    assert found[0].where() == "登记表.xlsx:2025!E2"


def test_a_merged_range_down_to_the_last_row_of_excel_fills_only_the_rows_there_are() -> None:
    """`D2:D1048576` merged: the rows of the sheet take D2's holder, no more is made."""
    sheet = table(row("LB-18-2506150123A"), row("LB-18-2506150124A", holder=None),
                  merged=((2, 4, 1_048_576, 4),))
    result = imported(sheet, district="海南区")
    assert [e.holder for e in result.certificates] == ["乌海市示例合作社"] * 2
    assert [(p.key, p.params["count"]) for p in result.problems] == [("import.merged", 1)]
