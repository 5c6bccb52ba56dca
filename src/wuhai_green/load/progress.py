"""Reading a folder of progress reports into the register: each file read safely and
validated, each report's rules run, the clean entries made records, the register's rules
run across them."""

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path
from typing import Any

from wuhai_green.checks.register import REGISTER_CHECKS, baseline_totals
from wuhai_green.checks.report import (
    ACTIVITY_CHECKS,
    CERTIFICATE_CHECKS,
    check_file_district,
    check_year,
)
from wuhai_green.core.problems import DataError, Problem, errors_in
from wuhai_green.core.register import (
    Activity,
    Certificate,
    Register,
    activity_record,
    build_register,
    certificate_record,
)
from wuhai_green.load.files import display_name
from wuhai_green.load.reading import read_yaml
from wuhai_green.load.validate import validate
from wuhai_green.model.plan import Plan
from wuhai_green.model.progress import ACTIVITY_TYPES, ProgressFile, Report


def progress_files(folder: Path) -> list[Path]:
    """The report files of a folder: *.yaml and *.yml, not starting with `_`, sorted."""
    found = [
        path
        for pattern in ("*.yaml", "*.yml")
        for path in folder.glob(pattern)
        if not path.name.startswith("_")
    ]
    return sorted(found)


def read_report(path: Path, plan: Plan | None = None, name: str | None = None
                ) -> tuple[Report | None, list[Problem]]:
    """One report, or None with its problems; warnings come back in the list too. With the
    plan, a certificate type or activity kind may be written as a Chinese word of it. The
    report is placed in `name` (default: the path as a user would type it)."""
    try:
        located = read_yaml(path, name)
    except DataError as error:
        return None, error.problems
    if plan is not None:
        to_codes(located.value, plan.codes_by_word)
    data, problems = validate(ProgressFile, located)
    if data is None:
        if plan is not None:
            problems = [unknown_kind(problem, plan) for problem in problems]
        return None, problems + located.warnings
    return Report(data, located), located.warnings


def to_codes(value: Any, codes_by_word: dict[str, str]) -> None:
    """Replace, in a report as read, the Chinese words of certificate types and activity
    kinds by their codes (before validation, which tells activities apart by kind)."""
    if not isinstance(value, dict):
        return
    for section in ("certificates", "activities"):
        entries = value.get(section)
        for entry in entries if isinstance(entries, list) else []:
            kind = entry.get("type") if isinstance(entry, dict) else None
            if isinstance(kind, str) and kind.strip() in codes_by_word:
                entry["type"] = codes_by_word[kind.strip()]


def unknown_kind(problem: Problem, plan: Plan) -> Problem:
    """An unknown activity kind, with the nearest kind in both scripts where one is near."""
    if problem.key != "schema.one_of" or problem.params.get("field") != "type":
        return problem
    given = str(problem.params.get("value"))
    code = plan.nearest_code(given, ACTIVITY_TYPES)
    params = {"kind": given, "known": ", ".join(ACTIVITY_TYPES)}
    if code is None:
        return replace(problem, key="activity.unknown_kind", params=params)
    return replace(problem, key="activity.unknown_kind_hint",
                   params={**params, "word": plan.word_for(code), "code": code})


def read_entries(plan: Plan, report: Report
                 ) -> tuple[list[Certificate], list[Activity], list[Problem]]:
    """The records of a report's clean certificate entries, its activities, its problems."""
    problems = check_year(plan, report)
    if problems:
        return [], [], problems
    problems += check_file_district(plan, report)
    file_district = plan.district_name(report.data.district)
    records = []
    for index, entry in enumerate(report.data.certificates):
        found = [problem for check in CERTIFICATE_CHECKS
                 for problem in check(plan, report, index, entry)]
        problems += found
        district = plan.district_name(entry.district) if entry.district else file_district
        if not found and district is not None:
            records.append(certificate_record(plan, report, index, entry, district))
    activities = []
    for index, activity in enumerate(report.data.activities):
        problems += [problem for check in ACTIVITY_CHECKS
                     for problem in check(plan, report, index, activity)]
        activities.append(activity_record(plan, report, index, activity, file_district))
    return records, activities, problems


def register_of(plan: Plan, reports: list[Report]) -> tuple[Register, list[Problem]]:
    """Merge validated reports into one register, with every problem found on the way."""
    problems: list[Problem] = []
    records: list[Certificate] = []
    activities: list[Activity] = []
    for report in reports:
        file_records, file_activities, found = read_entries(plan, report)
        records += file_records
        activities += file_activities
        problems += found
    problems += [problem for check in REGISTER_CHECKS for problem in check(records, reports)]
    register, found = build_register(plan, records, activities, reports)
    problems += found
    if register.baseline_districts and not problems:
        problems += baseline_totals(plan, register.certificates)
    return register, problems


def load_register(plan: Plan, folder: Path | None, named_as: Path | None = None) -> Register:
    """Read every report of `folder` and build the register; raise `DataError` on problems.

    With `named_as`, the files are named as if they stood in that folder (the reports of a
    git revision, copied out, keep the names they have in the working tree)."""
    if folder is None or not folder.exists():
        return Register()
    if not folder.is_dir():
        raise DataError([Problem(display_name(folder), None, None, "progress.not_a_folder")])
    reports: list[Report] = []
    problems: list[Problem] = []
    collecting = gc.isenabled()
    gc.disable()  # a big graph of long-lived objects and no cycles: the collector only rescans it
    try:
        for path in progress_files(folder):
            name = None if named_as is None else display_name(named_as / path.relative_to(folder))
            report, found = read_report(path, plan, name)
            problems += found
            if report is not None:
                reports.append(report)
        register, found = register_of(plan, reports)
    finally:
        if collecting:
            gc.enable()
    problems += found
    if errors_in(problems):
        raise DataError(problems)
    return replace(register, warnings=tuple(problems))
