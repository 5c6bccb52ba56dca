"""The certificate register: every progress file merged, with the cross-file checks.

A record is one award or renewal of a certificate id. Its end is the earliest of its
expiry, an `ended` date, and the day before a record that renews it was issued.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from wuhai_green.core.problems import DataError, Problem
from wuhai_green.load.reading import PathKey, display_name
from wuhai_green.model.plan import Plan
from wuhai_green.model.progress import (
    ActivityEntry,
    CertificateEntry,
    ExchangeMeeting,
    Report,
    Sampling,
    Training,
    progress_files,
    read_report,
)

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Certificate:
    """One record of the register (an award, a renewal or a yearly confirmation)."""

    id: str
    type: str
    indicator: str
    district: str
    product: str
    holder: str
    output_tonnes: Decimal | None
    issued: date
    expires: date
    renews: str | None
    file: str
    line: int
    in_baseline_file: bool = False
    ended_on: date | None = None  # an `ended` entry
    renewed_on: date | None = None  # issued date of the record that renews this one
    renews_baseline: bool = False  # renews an id that no file holds (the baseline block)

    @property
    def end(self) -> date:
        """The last day this record is in force."""
        candidates = [self.expires]
        if self.ended_on is not None:
            candidates.append(self.ended_on)
        if self.renewed_on is not None:
            candidates.append(self.renewed_on - ONE_DAY)
        return min(candidates)

    def in_force(self, on: date) -> bool:
        return self.issued <= on <= self.end

    @property
    def is_new_addition(self) -> bool:
        return self.renews is None and not self.in_baseline_file

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Activity:
    """An activity of a report, its district (and meeting host) resolved to Chinese names."""

    entry: ActivityEntry
    year: int
    district: str | None
    file: str
    line: int
    host: str | None = None  # exchange meetings: the hosting district


@dataclass(frozen=True)
class Register:
    certificates: tuple[Certificate, ...] = ()
    activities: tuple[Activity, ...] = ()
    baseline_districts: frozenset[str] = frozenset()  # districts with a baseline register
    files: tuple[str, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())

    @property
    def has_baseline_register(self) -> bool:
        return bool(self.baseline_districts)

    @cached_property
    def by_district(self) -> dict[str, tuple[Certificate, ...]]:
        """The records of each district, in register order (built once, on first use)."""
        index: dict[str, list[Certificate]] = defaultdict(list)
        for record in self.certificates:
            index[record.district].append(record)
        return {district: tuple(records) for district, records in index.items()}

    def of_district(self, district: str) -> tuple[Certificate, ...]:
        return self.by_district.get(district, ())


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 Feb becomes 1 Mar in a common year; past the last
    representable year, the last day there is."""
    if day.year + years > date.max.year:
        return date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def default_expiry(issued: date, validity_years: int) -> date:
    return add_years(issued, validity_years) - ONE_DAY


def load_register(plan: Plan, folder: Path | None) -> Register:
    """Read every report of `folder` and build the register; raise `DataError` on problems."""
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
            report, found = read_report(path)
            problems += found
            if report is not None:
                reports.append(report)
        register, found = build_register(plan, reports)
    finally:
        if collecting:
            gc.enable()
    problems += found
    if any(problem.severity == "error" for problem in problems):
        raise DataError(problems)
    return replace(register, warnings=tuple(problems))


def build_register(plan: Plan, reports: list[Report]) -> tuple[Register, list[Problem]]:
    """Merge validated reports into one register, with every cross-file problem."""
    problems: list[Problem] = []
    records: list[Certificate] = []
    activities: list[Activity] = []
    for report in reports:
        file_records, file_activities, found = _read_entries(plan, report)
        records += file_records
        activities += file_activities
        problems += found
    problems += _check_unique(records)
    problems += _check_failed_certificates(records, reports)
    baseline_districts = frozenset(r.district for r in records if r.in_baseline_file)
    records, found = _link_renewals(records, baseline_districts)
    problems += found
    records, found = _apply_ended(records, reports)
    problems += found
    if baseline_districts and not problems:
        problems += compare_baseline(plan, records)
    register = Register(
        certificates=tuple(records),
        activities=tuple(activities),
        baseline_districts=baseline_districts,
        files=tuple(report.file for report in reports),
    )
    return register, problems


def _district_name(plan: Plan, report: Report, path: PathKey, given: str | None,
                   problems: list[Problem]) -> str | None:
    """The Chinese name of a district given by name or alias; a problem if unknown."""
    if given is None:
        return None
    area = plan.find_area(given)
    if area is not None and not area.children:
        return area.name  # the common case: no list of known names to build
    known = plan.district_list()
    if area is None:
        problems.append(report.source.problem(path, "progress.unknown_district", district=given,
                                              known=known))
        return None
    if area.children:
        problems.append(report.source.problem(path, "progress.not_a_district", district=given,
                                              known=known))
        return None
    return area.name


def _read_entries(plan: Plan, report: Report
                  ) -> tuple[list[Certificate], list[Activity], list[Problem]]:
    problems: list[Problem] = []
    data = report.data
    period = plan.data.period
    if not period.baseline_year <= data.year <= period.end:
        problems.append(report.source.problem(("year",), "progress.year_outside", year=data.year,
                                              first=period.baseline_year, last=period.end))
        return [], [], problems
    file_district = _district_name(plan, report, ("district",), data.district, problems)
    records = []
    for index, entry in enumerate(data.certificates):
        record = _certificate(plan, report, index, entry, file_district, problems)
        if record is not None:
            records.append(record)
    activities = [_activity(plan, report, index, entry, file_district, problems)
                  for index, entry in enumerate(data.activities)]
    return records, activities, problems


def _activity(plan: Plan, report: Report, index: int, entry: ActivityEntry,
              file_district: str | None, problems: list[Problem]) -> Activity:
    """Resolve an activity's districts and check what only the plan can tell."""
    path: PathKey = ("activities", index)
    source = report.source
    district = _district_name(plan, report, (*path, "district"), entry.district, problems)
    district = district or file_district
    host = None
    if isinstance(entry, ExchangeMeeting):
        host = _district_name(plan, report, (*path, "host"), entry.host, problems) or district
        district = district or host  # the city bureau may record the meeting by its host
    if entry.district is None and report.data.district is None and (
            not isinstance(entry, ExchangeMeeting) or entry.host is None):
        problems.append(source.problem(path, "activity.no_district"))
    if entry.date.year != report.data.year:
        problems.append(source.problem((*path, "date"), "activity.date_outside",
                                       date=entry.date, year=report.data.year))
    if isinstance(entry, Training) and entry.expert not in {e.name for e in plan.data.experts}:
        problems.append(source.problem((*path, "expert"), "activity.unknown_expert",
                                       expert=entry.expert,
                                       known=", ".join(e.name for e in plan.data.experts)))
    if isinstance(entry, Sampling):
        if entry.passed + entry.failed != entry.batches:
            problems.append(source.problem((*path, "batches"), "activity.sampling_sum",
                                           batches=entry.batches, passed=entry.passed,
                                           failed=entry.failed))
        if len(entry.failures) > entry.failed:
            problems.append(source.problem((*path, "failures"), "activity.too_many_failures",
                                           listed=len(entry.failures), failed=entry.failed))
    return Activity(entry, report.data.year, district, report.file, source.mark(path).line, host)


def _check_failed_certificates(records: list[Certificate], reports: list[Report]
                               ) -> list[Problem]:
    """A failed sampling batch that names a certificate must name one in the register."""
    known = {record.id for record in records}
    problems = []
    for report in reports:
        for index, entry in enumerate(report.data.activities):
            if not isinstance(entry, Sampling):
                continue
            for position, failure in enumerate(entry.failures):
                if failure.certificate is not None and failure.certificate not in known:
                    path: PathKey = ("activities", index, "failures", position, "certificate")
                    problems.append(report.source.problem(path, "activity.unknown_certificate",
                                                          id=failure.certificate))
    return problems


def _certificate(plan: Plan, report: Report, index: int, entry: CertificateEntry,
                 file_district: str | None, problems: list[Problem]) -> Certificate | None:
    source = report.source
    path: PathKey = ("certificates", index)
    year = report.data.year
    before = len(problems)
    district = _district_name(plan, report, (*path, "district"), entry.district, problems)
    district = district or (file_district if entry.district is None else None)
    if entry.district is None and file_district is None and report.data.district is None:
        problems.append(source.problem(path, "progress.no_district"))
    kind = plan.certificate_types.get(entry.type)
    indicator = plan.indicator_of(entry.type)
    if kind is None or indicator is None:
        problems.append(source.problem((*path, "type"), "progress.unknown_type", type=entry.type,
                                       known=", ".join(plan.certificate_types)))
    elif plan.measured_in_tonnes(indicator) and entry.output_tonnes is None:
        problems.append(source.problem(path, "progress.output_required", type=entry.type))
    elif not plan.measured_in_tonnes(indicator) and entry.output_tonnes is not None:
        problems.append(source.problem((*path, "output_tonnes"), "progress.output_forbidden",
                                       type=entry.type))
    in_baseline_file = year == plan.data.period.baseline_year
    if entry.issued.year != year and not (in_baseline_file and entry.issued.year < year):
        problems.append(source.problem((*path, "issued"), "progress.issued_outside",
                                       issued=entry.issued, year=year))
    expires = entry.expires
    if kind is not None and expires is None:
        expires = default_expiry(entry.issued, kind.validity_years)
    if expires is not None and expires <= entry.issued:
        problems.append(source.problem((*path, "expires"), "progress.expires_before",
                                       expires=expires, issued=entry.issued))
    if len(problems) > before or district is None or indicator is None or expires is None:
        return None
    return Certificate(
        id=entry.id, type=entry.type, indicator=indicator.id, district=district,
        product=entry.product, holder=entry.holder, output_tonnes=entry.output_tonnes,
        issued=entry.issued, expires=expires, renews=entry.renews, file=report.file,
        line=source.mark(path).line, in_baseline_file=in_baseline_file,
    )


def _check_unique(records: list[Certificate]) -> list[Problem]:
    first: dict[tuple[str, date], Certificate] = {}
    problems = []
    for record in records:
        key = (record.id, record.issued)
        if key in first:
            problems.append(Problem(record.file, record.line, 1, "progress.duplicate_record",
                                    {"id": record.id, "issued": record.issued,
                                     "other": first[key].where}))
        else:
            first[key] = record
    return problems


def _by_id(records: list[Certificate]) -> dict[str, list[int]]:
    """Indexes of the records of each id, oldest first."""
    index: dict[str, list[int]] = defaultdict(list)
    for position in sorted(range(len(records)), key=lambda i: records[i].issued):
        index[records[position].id].append(position)
    return index


def _link_renewals(records: list[Certificate], baseline_districts: frozenset[str]
                   ) -> tuple[list[Certificate], list[Problem]]:
    """Set `renewed_on` on each renewed record, going through renewals oldest first.

    A renewal of an id that no earlier record holds renews the baseline block of a district
    without a baseline register, and so does every later renewal in that chain.
    """
    problems: list[Problem] = []
    by_id = _by_id(records)
    linked = list(records)
    for position in sorted(range(len(records)), key=lambda i: records[i].issued):
        record = records[position]
        if record.renews is None:
            continue
        earlier = [i for i in by_id.get(record.renews, []) if records[i].issued < record.issued]
        held_elsewhere = any(i != position for i in by_id.get(record.renews, []))
        if not earlier:
            if record.district in baseline_districts or held_elsewhere:
                problems.append(Problem(record.file, record.line, 1, "progress.renews_unknown",
                                        {"id": record.id, "renews": record.renews}))
            else:
                linked[position] = replace(linked[position], renews_baseline=True)
            continue
        previous = earlier[-1]
        if records[previous].type != record.type:
            problems.append(Problem(record.file, record.line, 1, "progress.renews_other_type",
                                    {"renews": record.renews, "type": records[previous].type,
                                     "own": record.type}))
            continue
        if linked[previous].renewed_on is not None:
            problems.append(Problem(record.file, record.line, 1, "progress.renewed_twice",
                                    {"renews": record.renews, "issued": records[previous].issued,
                                     "other": linked[previous].renewed_on}))
            continue
        linked[previous] = replace(linked[previous], renewed_on=record.issued)
        if linked[previous].renews_baseline:
            linked[position] = replace(linked[position], renews_baseline=True)
    return linked, problems


def _apply_ended(records: list[Certificate], reports: list[Report]
                 ) -> tuple[list[Certificate], list[Problem]]:
    problems: list[Problem] = []
    by_id = _by_id(records)
    ended = list(records)
    for report in reports:
        for index, entry in enumerate(report.data.ended):
            path: PathKey = ("ended", index)
            positions = by_id.get(entry.id)
            if not positions:
                problems.append(report.source.problem((*path, "id"), "progress.ended_unknown",
                                                      id=entry.id))
                continue
            in_force = [i for i in positions if records[i].issued <= entry.date <= records[i].end]
            if not in_force:
                problems.append(report.source.problem((*path, "date"), "progress.ended_outside",
                                                      id=entry.id, date=entry.date))
                continue
            target = in_force[-1]
            ended[target] = replace(ended[target], ended_on=entry.date)
    return ended, problems


def compare_baseline(plan: Plan, records: list[Certificate]) -> list[Problem]:
    """Warn where the baseline register's totals differ from the plan's baseline (附件1)."""
    year_end = date(plan.data.period.baseline_year, 12, 31)
    in_force = [r for r in records if r.in_baseline_file and r.issued <= year_end <= r.end]
    first_file = min((r for r in records if r.in_baseline_file), key=lambda r: (r.file, r.line))
    warnings = []
    registered = {r.district for r in records if r.in_baseline_file}
    for district in (d for d in plan.districts if d.name in registered):
        for indicator in plan.data.indicators:
            mine = [r for r in in_force if r.district == district.name and r.indicator == indicator.id]
            if plan.measured_in_tonnes(indicator):
                total = sum((r.output_tonnes or Decimal(0) for r in mine), Decimal(0))
            else:
                total = Decimal(len(mine))
            expected = plan.baseline(district, indicator)
            if total != expected:
                warnings.append(Problem(first_file.file, 1, 1, "progress.baseline_mismatch",
                                        {"district": district.name, "indicator": indicator.id,
                                         "total": f"{total.normalize():f}",
                                         "plan": f"{expected.normalize():f}",
                                         "year": plan.data.period.baseline_year},
                                        severity="warning"))
    return warnings
