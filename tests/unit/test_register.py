"""The certificate register (README "Files"; the end of a record, docs/definitions.md).

One small broken progress file per fault, next to the place and the message it must be
refused with; then what a clean register holds: Chinese district names, default expiry
dates, the end of renewed and ended records, and ignored `_` files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.harness import (
    DEMO,
    certificate,
    load,
    record,
    register_of,
    report,
    write,
    write_files,
    wuhai_on,
)
from wuhai_green.core.dates import add_years, default_expiry
from wuhai_green.core.problems import DataError, Problem
from wuhai_green.show.problems import text as problem_text

GREEN_2024 = """\
year: 2024
district: 海南区
certificates:
  - id: LB-1
    type: green_food
    product: 鸡蛋
    holder: 示例合作社
    output_tonnes: 10
    issued: 2024-03-01
"""


@dataclass(frozen=True)
class Fault:
    """A folder of progress files and the one problem it must be refused with."""

    files: dict[str, str]
    file: str  # the file the problem names
    line: int
    column: int
    key: str  # the message catalogue key
    message: str  # a part of the English message

    def __str__(self) -> str:
        return self.key


FAULTS = {
    "the same id twice across two files": Fault(
        {"2024-a.yaml": GREEN_2024, "2024-b.yaml": GREEN_2024},
        "2024-b.yaml", 4, 1, "progress.repeated_id",
        "certificate LB-1 appears again (first at "),
    "the same id in another year without renews": Fault(
        {"2024.yaml": GREEN_2024, "2025.yaml": GREEN_2024.replace("year: 2024", "year: 2025")
         .replace("issued: 2024-03-01", "issued: 2025-03-01")},
        "2025.yaml", 4, 1, "progress.repeated_id",
        "an id may appear again only as a renewal of itself (renews: LB-1)"),
    "a record renewing itself with nothing before": Fault(
        {"2024.yaml": GREEN_2024.replace("    issued:", "    renews: LB-1\n    issued:")},
        "2024.yaml", 4, 1, "progress.renews_itself",
        "LB-1 renews itself (renews: LB-1), but no earlier record of LB-1 is on file"),
    "an id ended twice": Fault(
        {"2024.yaml": GREEN_2024 + "ended:\n  - id: LB-1\n    date: 2024-06-01\n"
                                   "  - id: LB-1\n    date: 2024-07-01\n"},
        "2024.yaml", 13, 9, "progress.ended_twice", "certificate LB-1 is ended already at "),
    "ended in another year than the file's": Fault(
        {"2024.yaml": GREEN_2024 + "ended:\n  - id: LB-1\n    date: 2025-03-01\n"},
        "2024.yaml", 12, 11, "progress.ended_other_year",
        "LB-1 ends on 2025-03-01, outside the reporting year 2024"),
    "a year written in full-width digits": Fault(
        {"2024.yaml": GREEN_2024.replace("year: 2024", "year: ２０２４")},
        "2024.yaml", 1, 7, "field.year", "'year' must be a four-digit year"),
    "a date written in full-width digits": Fault(
        {"2024.yaml": GREEN_2024.replace("issued: 2024-03-01", "issued: ２０２４-03-01")},
        "2024.yaml", 9, 13, "field.date", "'issued' must be a date written YYYY-MM-DD"),
    "a quantity written in full-width digits": Fault(
        {"2024.yaml": GREEN_2024.replace("output_tonnes: 10", "output_tonnes: １０")},
        "2024.yaml", 8, 20, "field.number", "'output_tonnes' must be a number"),
    "issued before the file's year": Fault(
        {"2025.yaml": GREEN_2024.replace("year: 2024", "year: 2025")},
        "2025.yaml", 9, 13, "progress.issued_outside",
        "issued 2024-03-01 lies outside the reporting year 2025"),
    "issued after the file's year": Fault(
        {"2024.yaml": GREEN_2024.replace("issued: 2024-03-01", "issued: 2025-01-01")},
        "2024.yaml", 9, 13, "progress.issued_outside",
        "issued 2025-01-01 lies outside the reporting year 2024"),
    "unknown district of the file": Fault(
        {"2024.yaml": GREEN_2024.replace("district: 海南区", "district: 海北区")},
        "2024.yaml", 2, 11, "progress.unknown_district",
        "unknown district '海北区'; expected one of: 海勃湾区 (haibowan), 海南区 (hainan), "
        "乌达区 (wuda)"),
    "unknown district of a certificate": Fault(
        {"2024.yaml": GREEN_2024.replace("    type: green_food",
                                         "    type: green_food\n    district: haibei")},
        "2024.yaml", 6, 15, "progress.unknown_district", "unknown district 'haibei'"),
    "the city is not a district": Fault(
        {"2024.yaml": GREEN_2024.replace("district: 海南区", "district: 乌海市")},
        "2024.yaml", 2, 11, "progress.not_a_district", "'乌海市' is not a district"),
    "certificate without district where the file has none": Fault(
        {"2024.yaml": GREEN_2024.replace("district: 海南区\n", "")},
        "2024.yaml", 3, 5, "progress.no_district", "the certificate has no district"),
    "green_food without output_tonnes": Fault(
        {"2024.yaml": GREEN_2024.replace("    output_tonnes: 10\n", "")},
        "2024.yaml", 4, 5, "progress.output_required",
        "a green_food certificate needs output_tonnes"),
    "organic without output_tonnes": Fault(
        {"2024.yaml": GREEN_2024.replace("    output_tonnes: 10\n", "")
         .replace("green_food", "organic")},
        "2024.yaml", 4, 5, "progress.output_required", "a organic certificate needs output_tonnes"),
    "famous_product with output_tonnes": Fault(
        {"2024.yaml": GREEN_2024.replace("green_food", "famous_product")},
        "2024.yaml", 8, 20, "progress.output_forbidden",
        "a famous_product certificate has no output_tonnes"),
    "output_tonnes zero": Fault(
        {"2024.yaml": GREEN_2024.replace("output_tonnes: 10", "output_tonnes: 0")},
        "2024.yaml", 8, 20, "field.not_positive", "'output_tonnes' must be greater than 0: 0"),
    "output_tonnes negative": Fault(
        {"2024.yaml": GREEN_2024.replace("output_tonnes: 10", "output_tonnes: -5.5")},
        "2024.yaml", 8, 20, "field.not_positive", "'output_tonnes' must be greater than 0: -5.5"),
    "expires before issued": Fault(
        {"2024.yaml": GREEN_2024 + "    expires: 2024-02-01\n"},
        "2024.yaml", 10, 14, "progress.expires_before",
        "expiry 2024-02-01 is not after the issue date 2024-03-01"),
    "expires on the day it is issued": Fault(
        {"2024.yaml": GREEN_2024 + "    expires: 2024-03-01\n"},
        "2024.yaml", 10, 14, "progress.expires_before",
        "expiry 2024-03-01 is not after the issue date 2024-03-01"),
    "unknown certificate type": Fault(
        {"2024.yaml": GREEN_2024.replace("green_food", "green")},
        "2024.yaml", 5, 11, "progress.unknown_type_hint",
        "unknown certificate type 'green'; did you mean green_food (绿色食品)?"),
    "renews nowhere while a baseline register exists": Fault(
        {"2023.yaml": """\
            year: 2023
            district: 海南区
            certificates:
              - id: LB-OLD
                type: green_food
                product: 鸡蛋
                holder: 示例合作社
                output_tonnes: 100
                issued: 2022-05-01
            """,
         "2024.yaml": GREEN_2024 + "    renews: LB-NOWHERE\n"},
        "2024.yaml", 4, 1, "progress.renews_unknown",
        "LB-1 renews LB-NOWHERE, which is neither an earlier record nor in the baseline"),
    "renews a record issued later": Fault(
        {"2024.yaml": GREEN_2024 + "    renews: LB-2\n",
         "2025.yaml": GREEN_2024.replace("2024", "2025").replace("LB-1", "LB-2")},
        "2024.yaml", 4, 1, "progress.renews_unknown", "LB-1 renews LB-2"),
    "issued after the baseline year in a baseline register": Fault(
        {"2023.yaml": GREEN_2024.replace("year: 2024", "year: 2023")},
        "2023.yaml", 9, 13, "progress.issued_outside",
        "issued 2024-03-01 lies outside the reporting year 2023"),
    "renewal of another type": Fault(
        {"2024.yaml": GREEN_2024,
         "2025.yaml": GREEN_2024.replace("2024", "2025").replace("green_food", "organic")
         + "    renews: LB-1\n"},
        "2025.yaml", 4, 1, "progress.renews_other_type",
        "LB-1 is a green_food certificate and cannot be renewed as organic"),
    "unknown top-level key": Fault(
        {"2024.yaml": GREEN_2024 + "colour: red\n"},
        "2024.yaml", 10, 1, "schema.unknown_key", "unknown key 'colour'; expected one of: "),
    "ended for an unknown id": Fault(
        {"2024.yaml": GREEN_2024 + "ended:\n  - id: LB-9\n    date: 2024-06-01\n"},
        "2024.yaml", 11, 9, "progress.ended_unknown",
        "ended certificate LB-9 is not in the register"),
    "ended before the record was issued": Fault(
        {"2024.yaml": GREEN_2024 + "ended:\n  - id: LB-1\n    date: 2024-02-01\n"},
        "2024.yaml", 12, 11, "progress.ended_outside",
        "no record of LB-1 is in force on 2024-02-01, so it cannot end then"),
    "unknown key with a hint": Fault(
        {"2024.yaml": GREEN_2024.replace("output_tonnes: 10", "output_tone: 10")},
        "2024.yaml", 8, 5, "schema.unknown_key_hint",
        "unknown key 'output_tone'; did you mean 'output_tonnes'?"),
    "unknown top-level key with a hint": Fault(
        {"2024.yaml": GREEN_2024.replace("district:", "distrct:")},
        "2024.yaml", 2, 1, "schema.unknown_key_hint",
        "unknown key 'distrct'; did you mean 'district'?"),
    "year before the baseline year": Fault(
        {"2022.yaml": GREEN_2024.replace("year: 2024", "year: 2022")},
        "2022.yaml", 1, 7, "progress.year_outside",
        "reporting year 2022 lies outside the plan's years 2023-2028"),
    "year after the plan": Fault(
        {"2029.yaml": GREEN_2024.replace("year: 2024", "year: 2029")},
        "2029.yaml", 1, 7, "progress.year_outside",
        "reporting year 2029 lies outside the plan's years 2023-2028"),
}


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_a_faulty_file_is_refused_with_its_place(fault: Fault, tmp_path: Path) -> None:
    """load_register raises one DataError naming the file, line and column of the fault."""
    folder = write_files(tmp_path / "progress", fault.files)
    with pytest.raises(DataError) as raised:
        load(folder)
    places = [(Path(p.file).name, p.line, p.column, p.key) for p in raised.value.errors]
    assert places == [(fault.file, fault.line, fault.column, fault.key)]


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_validate_exits_2_and_prints_file_line_and_message(fault: Fault, tmp_path: Path) -> None:
    """`wuhai validate` prints `file:line:col: message` on stderr and exits 2."""
    folder = write_files(tmp_path / "progress", fault.files)
    run = wuhai_on("validate", folder, "--lang", "en")
    assert run.exit_code == 2
    assert run.stdout == ""
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    place = str(folder / fault.file) + f":{fault.line}:{fault.column}: "
    assert lines[0].startswith(place), lines[0]
    assert fault.message in lines[0]


def test_duplicate_names_the_first_place(tmp_path: Path) -> None:
    """The duplicate's message points back to where the pair was first seen."""
    folder = write_files(tmp_path, {"2024-a.yaml": GREEN_2024, "2024-b.yaml": GREEN_2024})
    with pytest.raises(DataError) as raised:
        load(folder)
    (problem,) = raised.value.errors
    assert problem.params["other"] == f"{folder / '2024-a.yaml'}:4"


def test_the_same_id_again_as_a_renewal_of_itself_is_a_second_record(tmp_path: Path) -> None:
    """An organic recertification keeps its number: the 2025 record `renews: LB-1` is a
    renewal (no new addition), and the 2024 record ends the day before it."""
    folder = write_files(tmp_path, {
        "2024.yaml": GREEN_2024,
        "2025.yaml": GREEN_2024.replace("year: 2024", "year: 2025")
        .replace("issued: 2024-03-01", "renews: LB-1\n    issued: 2025-03-01"),
    })
    register = register_of(folder)
    first, second = record(register, "LB-1", "2024-03-01"), record(register, "LB-1", "2025-03-01")
    assert (first.end, second.renews, second.is_new_addition) == (date(2025, 2, 28), "LB-1", False)


def test_every_problem_of_a_folder_is_reported_together(tmp_path: Path) -> None:
    """Three faults in two files: one DataError with all three, sorted by file and line."""
    folder = write_files(tmp_path, {
        "2024.yaml": GREEN_2024.replace("output_tonnes: 10", "output_tonnes: 0")
        .replace("    product: 鸡蛋\n", ""),
        "2025.yaml": GREEN_2024.replace("2024", "2025").replace("district: 海南区", "district: nowhere"),
    })
    with pytest.raises(DataError) as raised:
        load(folder)
    assert [(Path(p.file).name, p.line, p.key) for p in raised.value.errors] == [
        ("2024.yaml", 4, "schema.missing"),
        ("2024.yaml", 7, "field.not_positive"),
        ("2025.yaml", 2, "progress.unknown_district"),
    ]


# --- what a clean register holds ------------------------------------------------------------


@pytest.mark.parametrize(("given", "stored"), [
    ("haibowan", "海勃湾区"), ("hainan", "海南区"), ("wuda", "乌达区"),
    ("海勃湾区", "海勃湾区"), ("海南区", "海南区"), ("乌达区", "乌达区"),
])
def test_district_aliases_are_stored_as_chinese_names(given: str, stored: str,
                                                      tmp_path: Path) -> None:
    """A pinyin alias, in the file header or on a certificate, becomes the Chinese name."""
    folder = write_files(tmp_path, {
        "2024-file.yaml": report(2024, [certificate("LB-A", "green_food", "2024-04-01", output=5)],
                                 district=given),
        "2024-entry.yaml": report(2024, [certificate("LB-B", "green_food", "2024-04-01",
                                                     district=given, output=5)]),
    })
    register = register_of(folder)
    assert {r.id: r.district for r in register.certificates} == {"LB-A": stored, "LB-B": stored}


def test_a_certificate_district_overrides_the_file_district(tmp_path: Path) -> None:
    folder = write_files(tmp_path, {"2024.yaml": report(2024, [
        certificate("LB-A", "green_food", "2024-04-01", output=5),
        certificate("LB-B", "green_food", "2024-04-01", output=5, district="wuda"),
    ], district="hainan")})
    register = register_of(folder)
    assert {r.id: r.district for r in register.certificates} == {"LB-A": "海南区", "LB-B": "乌达区"}


@pytest.mark.parametrize(("kind", "issued", "expires"), [
    # 29 Feb 2024 + 3 years = 1 Mar 2027 (no 29 Feb in 2027), minus one day = 28 Feb 2027
    ("green_food", date(2024, 2, 29), date(2027, 2, 28)),
    ("famous_product", date(2024, 2, 29), date(2027, 2, 28)),
    # organic: 1 year; 29 Feb 2024 + 1 year = 1 Mar 2025, minus one day = 28 Feb 2025
    ("organic", date(2024, 2, 29), date(2025, 2, 28)),
    ("green_food", date(2024, 5, 10), date(2027, 5, 9)),
    ("organic", date(2025, 7, 20), date(2026, 7, 19)),
    ("green_food", date(2024, 1, 1), date(2026, 12, 31)),
    # 1 Mar 2025 + 3 years = 1 Mar 2028, minus one day = 29 Feb 2028 (a leap year)
    ("green_food", date(2025, 3, 1), date(2028, 2, 29)),
])
def test_default_expiry_is_issued_plus_validity_minus_one_day(
        kind: str, issued: date, expires: date, tmp_path: Path) -> None:
    """Without `expires`, a record ends on issued + validity years (29 Feb → 1 Mar) − 1 day."""
    output = None if kind == "famous_product" else 1
    folder = write_files(tmp_path, {"f.yaml": report(issued.year, [
        certificate("X-1", kind, issued, output=output)], district="海南区")})
    assert record(register_of(folder), "X-1").expires == expires


def test_default_expiry_helpers() -> None:
    assert add_years(date(2024, 2, 29), 3) == date(2027, 3, 1)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert default_expiry(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert default_expiry(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_an_explicit_expiry_is_kept(tmp_path: Path) -> None:
    folder = write_files(tmp_path, {"f.yaml": report(2024, [
        certificate("LB-1", "green_food", "2024-03-01", output=1, expires=date(2025, 6, 30))],
        district="海南区")})
    certificate_record = record(register_of(folder), "LB-1")
    assert certificate_record.expires == date(2025, 6, 30)
    assert certificate_record.end == date(2025, 6, 30)


def test_a_renewed_record_ends_the_day_before_the_renewal(tmp_path: Path) -> None:
    """LB-1 (15 Mar 2024, expires 14 Mar 2027) renewed on 10 Jan 2027: it ends 9 Jan 2027."""
    folder = write_files(tmp_path, {
        "2024.yaml": report(2024, [certificate("LB-1", "green_food", "2024-03-15", output=10)],
                            district="海南区"),
        "2027.yaml": report(2027, [certificate("LB-1", "green_food", "2027-01-10", output=10,
                                               renews="LB-1")], district="海南区"),
    })
    register = register_of(folder)
    old = record(register, "LB-1", "2024-03-15")
    new = record(register, "LB-1", "2027-01-10")
    assert old.expires == date(2027, 3, 14)
    assert old.renewed_on == date(2027, 1, 10)
    assert old.end == date(2027, 1, 9)
    assert old.in_force(date(2027, 1, 9)) and not old.in_force(date(2027, 1, 10))
    assert new.in_force(date(2027, 1, 10)) and new.end == date(2030, 1, 9)
    assert not new.renews_baseline


def test_a_renewal_under_a_new_id_links_to_the_renewed_id(tmp_path: Path) -> None:
    folder = write_files(tmp_path, {
        "2024.yaml": report(2024, [certificate("LB-1", "green_food", "2024-03-15", output=10)],
                            district="海南区"),
        "2026.yaml": report(2026, [certificate("LB-2", "green_food", "2026-12-01", output=12,
                                               renews="LB-1")], district="海南区"),
    })
    register = register_of(folder)
    assert record(register, "LB-1").end == date(2026, 11, 30)
    assert record(register, "LB-2").end == date(2029, 11, 30)


def test_an_ended_record_ends_on_the_ended_date(tmp_path: Path) -> None:
    """OR-1 (1 Feb 2025, expires 31 Jan 2026) ended 1 Nov 2025: in force that day, not after."""
    folder = write_files(tmp_path, {"2025.yaml": report(
        2025, [certificate("OR-1", "organic", "2025-02-01", output=8)], district="乌达区",
        ended=[{"id": "OR-1", "date": date(2025, 11, 1), "reason": "企业停产"}])})
    ended = record(register_of(folder), "OR-1")
    assert ended.expires == date(2026, 1, 31)
    assert ended.ended_on == date(2025, 11, 1)
    assert ended.end == date(2025, 11, 1)
    assert ended.in_force(date(2025, 11, 1)) and not ended.in_force(date(2025, 11, 2))


def test_ended_ends_the_record_in_force_on_its_date(tmp_path: Path) -> None:
    """Two records of LB-1: the ended date 1 Jun 2027 falls in the renewal's validity."""
    folder = write_files(tmp_path, {
        "2024.yaml": report(2024, [certificate("LB-1", "green_food", "2024-03-15", output=10)],
                            district="海南区"),
        "2027.yaml": report(2027, [certificate("LB-1", "green_food", "2027-01-10", output=10,
                                               renews="LB-1")], district="海南区",
                            ended=[{"id": "LB-1", "date": date(2027, 6, 1)}]),
    })
    register = register_of(folder)
    assert record(register, "LB-1", "2024-03-15").ended_on is None
    assert record(register, "LB-1", "2027-01-10").end == date(2027, 6, 1)


def test_ended_ends_the_later_of_two_records_in_force_on_its_date(tmp_path: Path) -> None:
    """LB-1 issued 1 Mar 2024 and renewed under its own number on 1 Mar 2025: on 1 Jun 2025
    only the renewal is in force (the first record ends on 28 Feb 2025). `ended` on that day
    ends the renewal."""
    folder = write_files(tmp_path, {
        "2024.yaml": report(2024, [certificate("LB-1", "green_food", "2024-03-01", output=10)],
                            district="海南区"),
        "2025.yaml": report(2025, [certificate("LB-1", "green_food", "2025-03-01", output=20,
                                               renews="LB-1")],
                            district="海南区", ended=[{"id": "LB-1", "date": date(2025, 6, 1)}]),
    })
    register = register_of(folder)
    earlier, later = record(register, "LB-1", "2024-03-01"), record(register, "LB-1", "2025-03-01")
    assert (earlier.ended_on, earlier.end) == (None, date(2025, 2, 28))
    assert (later.ended_on, later.end) == (date(2025, 6, 1), date(2025, 6, 1))


def test_an_ended_file_may_end_a_record_of_another_file(tmp_path: Path) -> None:
    folder = write_files(tmp_path, {
        "2024.yaml": report(2024, [certificate("LB-1", "green_food", "2024-03-15", output=10)],
                            district="海南区"),
        "2025.yaml": report(2025, [], district="海南区",
                            ended=[{"id": "LB-1", "date": date(2025, 9, 1)}]),
    })
    assert record(register_of(folder), "LB-1").end == date(2025, 9, 1)


def test_renewal_of_an_unknown_id_without_baseline_register_is_a_baseline_renewal(
        tmp_path: Path) -> None:
    """No `year: 2023` file: renewing an id no file holds marks the record `renews_baseline`."""
    folder = write_files(tmp_path, {"2025.yaml": report(2025, [
        certificate("MT-0001", "famous_product", "2025-03-01", renews="MT-2201")],
        district="haibowan")})
    register = register_of(folder)
    assert not register.has_baseline_register
    assert record(register, "MT-0001").renews_baseline


def test_a_baseline_register_links_renewals_of_its_records(tmp_path: Path) -> None:
    """A `year: 2023` file may hold records issued before 2023; a 2024 renewal ends them."""
    folder = write_files(tmp_path, {
        "2023.yaml": report(2023, [certificate("LB-OLD", "green_food", "2021-05-01", output=100)],
                            district="海南区"),
        "2024.yaml": report(2024, [certificate("LB-NEW", "green_food", "2024-04-01", output=100,
                                               renews="LB-OLD")], district="海南区"),
    })
    register = register_of(folder)
    assert register.has_baseline_register
    old = record(register, "LB-OLD")
    assert old.in_baseline_file and not old.is_new_addition
    assert old.end == date(2024, 3, 31)  # expiry 30 Apr 2024, renewed 1 Apr 2024
    assert not record(register, "LB-NEW").renews_baseline


def test_a_baseline_record_expired_before_the_baseline_years_end_is_not_counted(
        tmp_path: Path) -> None:
    """The 2023 register is compared with annex 1 on 31 Dec 2023. 海南区's holds LB-KEEP
    800 t (to 30 Apr 2025) and LB-GONE 30 t, issued 1 May 2020, expired 30 Apr 2023: in
    force that day are 800 t, not 830 (which annex 1 says), so one warning, and the 3
    名特优新 in force match annex 1's 3."""
    folder = write_files(tmp_path, {"2023.yaml": report(2023, [
        certificate("LB-KEEP", "green_food", "2022-05-01", output=800),
        certificate("LB-GONE", "green_food", "2020-05-01", output=30),
        *[certificate(f"MT-{n}", "famous_product", "2022-06-01") for n in range(1, 4)],
    ], district="海南区")})
    register = register_of(folder)
    assert record(register, "LB-GONE").expires == date(2023, 4, 30)
    assert register.warnings == (Problem(  # at the district's first record (line 4)
        str(folder / "2023.yaml"), 4, 1, "progress.baseline_mismatch",
        {"district": "海南区", "indicator": "certified_output", "total": "800", "plan": "830",
         "year": 2023}, severity="warning"),)
    assert problem_text(register.warnings[0], "en") == (
        f"{folder / '2023.yaml'}:4:1: warning: the 2023 register gives 海南区 certified_output a "
        "total of 800, but the plan's baseline is 830")


def test_files_starting_with_underscore_are_ignored(tmp_path: Path) -> None:
    """`_template.yaml` is not read, even when it would not validate."""
    folder = write_files(tmp_path, {
        "2024.yaml": GREEN_2024,
        "_template.yaml": "year: 1999\ncertificates: [not, valid\n",
        "_2024.yaml": GREEN_2024,  # would be a duplicate if it were read
    })
    register = register_of(folder)
    assert [Path(name).name for name in register.files] == ["2024.yaml"]
    assert [r.id for r in register.certificates] == ["LB-1"]
    assert wuhai_on("validate", folder).exit_code == 0


def test_yml_files_are_read_too(tmp_path: Path) -> None:
    write(tmp_path, "2024.yml", GREEN_2024)
    assert [r.id for r in register_of(tmp_path).certificates] == ["LB-1"]


def test_a_missing_progress_folder_is_an_empty_register(tmp_path: Path) -> None:
    _, register = load(tmp_path / "none")
    assert register.certificates == () and not register.has_baseline_register


def test_validate_accepts_the_demo_data() -> None:
    """The demo folder: 6 files, 15 certificate records; a note lists the one renewal of
    an id no file holds (a baseline certificate, or a typo)."""
    run = wuhai_on("validate", DEMO, "--lang", "en")
    assert run.exit_code == 0, run.stderr
    assert "6 progress files, 15 certificate records" in run.stdout
    assert run.stderr == (
        "examples/demo/2025-haibowan.yaml:19:1: note: 1 renewals renew an id that no file "
        "holds and are taken as renewals of 2023 baseline certificates: MT-DEMO-HBW-2201 "
        "(examples/demo/2025-haibowan.yaml:19). If one of these ids is a typo, correct it\n")


# --- bugs -----------------------------------------------------------------------------------


def test_a_confirmation_of_a_baseline_certificate_needs_its_earlier_record(
        tmp_path: Path) -> None:
    """MT-1 `renews: MT-1` with no earlier record of MT-1: a record can only renew an earlier
    record, so this is refused (a 2023 register holding MT-1 makes it a renewal)."""
    folder = write_files(tmp_path, {"2024.yaml": report(2024, [
        certificate("MT-1", "famous_product", "2024-03-01", renews="MT-1")], district="海南区")})
    with pytest.raises(DataError) as raised:
        register_of(folder)
    assert [problem.key for problem in raised.value.problems] == ["progress.renews_itself"]
    with_register = write_files(tmp_path / "b", {
        "2023.yaml": report(2023, [certificate("MT-1", "famous_product", "2021-03-01")],
                            district="海南区"),
        "2024.yaml": report(2024, [certificate("MT-1", "famous_product", "2024-02-28",
                                               renews="MT-1")], district="海南区")})
    register = register_of(with_register)
    assert record(register, "MT-1", "2021-03-01").end == date(2024, 2, 27)


def test_a_record_renewed_twice_is_refused_whatever_the_file_order(tmp_path: Path) -> None:
    """A (1 Mar 2024) is renewed by B (1 Mar 2025) and again by C (1 Mar 2026). Renewals are
    linked oldest first, so whichever file is read first, C is refused as a second renewal."""
    for order, names in enumerate([("1.yaml", "2.yaml", "3.yaml"), ("1.yaml", "3.yaml", "2.yaml")]):
        folder = write_files(tmp_path / str(order), {
            names[0]: report(2024, [certificate("A", "green_food", "2024-03-01", output=10)],
                             district="海南区"),
            names[1]: report(2025, [certificate("B", "green_food", "2025-03-01", output=10,
                                                renews="A")], district="海南区"),
            names[2]: report(2026, [certificate("C", "green_food", "2026-03-01", output=10,
                                                renews="A")], district="海南区"),
        })
        with pytest.raises(DataError) as raised:
            register_of(folder)
        [problem] = raised.value.problems
        assert problem.key == "progress.renewed_twice"
        assert problem.file.endswith(names[2])
        assert problem.params["other"] == date(2025, 3, 1)


def test_an_id_in_another_form_is_the_same_id_and_is_shown_in_its_normal_form(
        tmp_path: Path) -> None:
    """`lb-1` followed by a zero-width space is LB-1: the 2025 record repeats the 2024 one
    (an error), and a warning names the line where the id is written otherwise."""
    folder = write_files(tmp_path, {
        "2024.yaml": GREEN_2024,
        "2025.yaml": GREEN_2024.replace("year: 2024", "year: 2025")
        .replace("issued: 2024-03-01", "issued: 2025-03-01").replace("id: LB-1", "id: lb-1\u200b")})
    with pytest.raises(DataError) as raised:
        register_of(folder)
    assert [(Path(p.file).name, p.line, p.column, p.key, p.severity)
            for p in raised.value.problems] == [
        ("2025.yaml", 4, 1, "progress.repeated_id", "error"),
        ("2025.yaml", 4, 9, "progress.id_not_normal", "warning")]
    assert raised.value.problems[1].params == {"written": "'lb-1\\u200b'", "id": "LB-1"}
