"""Reading a folder of progress reports into the register: each file read safely and
validated, each report's rules run, the clean entries made records, the register's rules
run across them."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from wuhai_green.checks.register import REGISTER_CHECKS, baseline_totals
from wuhai_green.checks.report import (
    ACTIVITY_CHECKS,
    CERTIFICATE_CHECKS,
    REPORT_CHECKS,
    check_year,
    dates_in_time,
)
from wuhai_green.core.problems import DataError, Problem, capped, errors_in
from wuhai_green.core.register import (
    Activity,
    Certificate,
    Register,
    activity_record,
    build_register,
    certificate_record,
)
from wuhai_green.load.cache import FilePart, RegisterCache
from wuhai_green.load.files import display_name
from wuhai_green.load.reading import Located, read_yaml
from wuhai_green.load.validate import refused_keys, validate
from wuhai_green.model.marks import Source
from wuhai_green.model.plan import Plan
from wuhai_green.model.progress import ACTIVITY_TYPES, CertificateEntry, ProgressFile, Report
from wuhai_green.model.targets import TARGETS_SCHEMA

REPORT_SUFFIXES = (".yaml", ".yml")


def progress_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The reports of a folder and its subfolders (a folder a year is a natural layout):
    .yaml and .yml in any case, sorted; and the other files, which are skipped. Files and
    folders whose name starts with `_` (templates, drafts) or `.`, and READMEs, are left
    out."""
    reports: list[Path] = []
    others: list[Path] = []
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(("_", "."))]
        # a link to a folder is not followed (it could loop back): named as skipped
        others += [Path(root) / name for name in folders if (Path(root) / name).is_symlink()]
        for name in names:
            if name.startswith(("_", ".")) or name.upper().startswith("README"):
                continue  # templates, drafts, hidden files, the folder's own README
            path = Path(root) / name
            (reports if path.suffix.lower() in REPORT_SUFFIXES else others).append(path)
    return sorted(reports), sorted(others)


def read_as_report(path: Path, folder: Path) -> bool:
    """Whether a file written at `path` would be read as a report of `folder`."""
    try:
        relative = path.absolute().relative_to(folder.absolute())
    except ValueError:
        try:
            relative = path.resolve().relative_to(folder.resolve())
        except (ValueError, OSError, RuntimeError):  # elsewhere, or a symlink loop
            return False
    hidden = any(part.startswith(("_", ".")) for part in relative.parts)
    return not hidden and path.suffix.lower() in REPORT_SUFFIXES


def read_report(path: Path, plan: Plan | None = None, name: str | None = None
                ) -> tuple[Report | None, list[Problem]]:
    """One report, or None with its problems; warnings come back in the list too. With the
    plan, a certificate type or activity kind may be written as a Chinese word of it. The
    report is placed in `name` (default: the path as a user would type it)."""
    try:
        located = read_yaml(path, name, refused_keys(ProgressFile))
    except DataError as error:
        return None, error.problems
    if isinstance(located.value, dict) and located.value.get("schema") == TARGETS_SCHEMA:
        # `adjust --write` refuses to write here; one put here by hand is named for what it is
        return None, [located.problem(("schema",), "progress.targets_file"), *located.warnings]
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


def read_entries(plan: Plan, report: Report, today: date
                 ) -> tuple[list[Certificate], list[Activity], list[Problem]]:
    """The records of a report's clean certificate entries, its activities, its problems."""
    problems = check_year(plan, report)
    if problems:
        return [], [], problems
    problems += [problem for check in REPORT_CHECKS for problem in check(plan, report)]
    problems += dates_in_time(report, today)
    file_district = plan.district_name(report.data.district)
    records = []
    for index, entry in enumerate(report.data.certificates):
        found = [problem for check in CERTIFICATE_CHECKS
                 for problem in check(plan, report, index, entry)]
        problems += found
        district = plan.district_name(entry.district) if entry.district else file_district
        if not errors_in(found) and district is not None:
            records.append(certificate_record(plan, report, index, entry, district))
    activities = []
    for index, activity in enumerate(report.data.activities):
        problems += [problem for check in ACTIVITY_CHECKS
                     for problem in check(plan, report, index, activity)]
        activities.append(activity_record(plan, report, index, activity, file_district))
    return records, activities, problems


def read_part(path: Path, plan: Plan, today: date, name: str | None = None) -> FilePart:
    """All that reading one report gives (`FilePart`), placed in `name`."""
    report, found = read_report(path, plan, name)
    if report is None:
        return FilePart(found, [], [], [], None)
    return part_of(plan, report, today, found)


def part_of(plan: Plan, report: Report, today: date, read_problems: list[Problem]
            ) -> FilePart:
    """A validated report made records; of the report only what the rules across files
    read is kept (`across_files`): its tree and marks go once it is recorded."""
    records, activities, found = read_entries(plan, report, today)
    return FilePart(read_problems, records, activities, found, across_files(report))


@dataclass
class Gathered:
    """The parts of the reports (`FilePart`), added one at a time, then merged into one
    register."""

    plan: Plan
    reports: list[Report] = field(default_factory=list)
    records: list[Certificate] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def add(self, part: FilePart) -> None:
        self.records += part.records
        self.activities += part.activities
        self.problems += part.problems
        if part.report is not None:
            self.reports.append(part.report)

    def register(self) -> tuple[Register, list[Problem]]:
        """The register, with the problems of each report's rules and then of the rules
        across files."""
        register, found = merged(self.plan, self.reports, self.records, self.activities)
        return register, self.problems + found


def register_of(plan: Plan, reports: list[Report], today: date
                ) -> tuple[Register, list[Problem]]:
    """Merge validated reports into one register, with every problem found on the way."""
    gathered = Gathered(plan)
    for report in reports:
        gathered.add(part_of(plan, report, today, []))
    return gathered.register()


def merged(plan: Plan, reports: list[Report], records: list[Certificate],
           activities: list[Activity]) -> tuple[Register, list[Problem]]:
    """The register of the records and activities of `reports` (each made records by
    `read_entries`), with the problems of the rules across files."""
    problems = [problem for check in REGISTER_CHECKS for problem in check(records, reports)]
    register, found = build_register(plan, records, activities, reports)
    problems += found
    if register.baseline_districts and not errors_in(problems):
        problems += baseline_totals(plan, register.certificates)
    return register, problems


def load_register(plan: Plan, folder: Path | None, today: date | None = None,
                  named_as: Path | None = None, cache: RegisterCache | None = None
                  ) -> Register:
    """Read every report of `folder` and build the register; raise `DataError` on problems.
    `today` (default: the system's) is the day after which a date is in the future.

    With `named_as`, the files are named as if they stood in that folder (the reports of a
    git revision, copied out, keep the names they have in the working tree). With a
    `cache`, a register cached from the same files (and plan, and day) is taken as it is;
    else each report whose part the cache holds is taken from it, the others are read,
    and the rules across files run over all of them; then the parts, and the register
    when it is clean, are cached (`load.cache`)."""
    today = today or date.today()
    started = today >= date(plan.data.period.start, 1, 1)
    if folder is None:
        return Register()
    shown = display_name(named_as or folder)
    if not folder.exists():  # say where the reports were looked for, once they are due
        looked = Problem(shown, None, None, "progress.no_folder_found",
                         severity="warning")
        return Register(warnings=(looked,) if started else ())
    if not folder.is_dir():
        raise DataError([Problem(shown, None, None, "progress.not_a_folder")])
    paths, others = progress_files(folder)
    problems: list[Problem] = []
    if others:
        problems.append(Problem(shown, None, None, "progress.skipped",
                                {"files": ", ".join(str(path.relative_to(folder))
                                                    for path in others)}, "warning"))
    if not paths and started:
        problems.append(Problem(shown, None, None, "progress.no_reports",
                                severity="warning"))
    slot = cache.slot(folder, named_as, paths, others, today) if cache is not None else None
    cached = cache.read(slot) if cache is not None and slot is not None else None
    if cached is not None and cached.register is not None:
        return cached.register
    collecting = gc.isenabled()
    gc.disable()  # a big graph of long-lived objects and no cycles: the collector only rescans it
    try:
        gathered = Gathered(plan)
        parts = []
        for index, path in enumerate(paths):  # one at a time: its tree and marks go once read
            part = cached.part(slot.files[index]) if cached is not None and slot else None
            if part is None:
                part = read_part(path, plan, today, _named(path, folder, named_as))
            parts.append(part)
            problems += part.read_problems  # those of reading first, as when files were read first
            gathered.add(part)
        register, found = gathered.register()
    finally:
        if collecting:
            gc.enable()
    problems += found
    clean = not errors_in(problems)
    register = replace(register, warnings=tuple(capped(problems)))
    if cache is not None and slot is not None:
        cache.write(slot, parts, register if clean else None)
    if not clean:
        raise DataError(problems)
    return register


def across_files(report: Report) -> Report:
    """What the rules across files (`merged`) read of a report once its entries are
    records: its year, district, ended entries and activities, and the districts its
    certificates name, with the marks of the ended entries and the activities. A report
    kept whole would hold a mark per value of every file until the register is built."""
    data = report.data
    named: dict[str | None, CertificateEntry] = {}
    for entry in data.certificates:
        named.setdefault(entry.district, entry)
    marks = report.source.marks
    kept = {path: mark for path, mark in marks.items()
            if not path or path[0] in ("ended", "activities")}
    key_marks = {path: mark for path, mark in report.source.key_marks.items()
                 if path[0] in ("ended", "activities")}
    return Report(data.model_copy(update={"certificates": list(named.values())}),
                  Source(report.source.file, kept, key_marks))


def _named(path: Path, folder: Path | None, named_as: Path | None) -> str | None:
    """The name of a report of `folder` placed in `named_as` (None: its own)."""
    if named_as is None or folder is None:
        return None
    return display_name(named_as / path.relative_to(folder))


def read_each(plan: Plan, paths: list[Path], folder: Path | None = None,
              named_as: Path | None = None) -> tuple[list[Report], list[Problem]]:
    """The reports of `paths` that validate, and the problems of reading them all; with
    `named_as`, each named as if that folder stood for `folder`."""
    reports: list[Report] = []
    problems: list[Problem] = []
    for path in paths:
        report, found = read_report(path, plan, _named(path, folder, named_as))
        problems += found
        if report is not None:
            reports.append(report)
    return reports, problems


def read_reports(plan: Plan, folder: Path | None, leaving_out: Path | None = None
                 ) -> tuple[list[Report], list[Problem]]:
    """The reports of a folder but `leaving_out` (a file about to be replaced), and the
    problems of reading them."""
    if folder is None or not folder.exists():
        return [], []
    if not folder.is_dir():
        raise DataError([Problem(display_name(folder), None, None, "progress.not_a_folder")])
    left_out = leaving_out.resolve() if leaving_out is not None else None
    paths = [path for path in progress_files(folder)[0]
             if left_out is None or path.resolve() != left_out]
    return read_each(plan, paths)


def check_new_report(plan: Plan, reports: list[Report], document: dict[str, Any],
                     source: Source, today: date) -> list[Problem]:
    """What `wuhai validate` finds once a file holding `document` (its values placed by
    `source`) joins `reports`: its model, its rules and the register's, across every file."""
    located = Located(source.file, source.marks, source.key_marks, document)
    data, problems = validate(ProgressFile, located)
    if data is None:
        return problems
    _, found = register_of(plan, [*reports, Report(data, located)], today)
    return problems + found
