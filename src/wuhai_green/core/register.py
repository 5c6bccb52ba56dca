"""The certificate register: every report's records merged, renewals linked, ends applied.

A record is one award or renewal of a certificate id. Its end is the earliest of its
expiry, an `ended` date, and the day before a record that renews it was issued. Linking
renewals and applying ends are where reports meet: their faults (a renewal of nothing, an
end of a record not in force) are found here, as problems, while the register is built.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cached_property

from wuhai_green.core.dates import ONE_DAY, default_expiry
from wuhai_green.core.problems import Problem
from wuhai_green.model.marks import PathKey
from wuhai_green.model.plan import Plan
from wuhai_green.model.progress import ActivityEntry, CertificateEntry, ExchangeMeeting, Report


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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
    # (district, year) of every report: a file of that year names the district
    reported: frozenset[tuple[str, int]] = frozenset()
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

    @cached_property
    def by_district_indicator(self) -> dict[tuple[str, str], tuple[Certificate, ...]]:
        """The records of each district and indicator, in register order (built once)."""
        index: dict[tuple[str, str], list[Certificate]] = defaultdict(list)
        for record in self.certificates:
            index[record.district, record.indicator].append(record)
        return {key: tuple(records) for key, records in index.items()}


def normal_id(text: str) -> str:
    """A certificate id as it is compared: NFKC (full-width letters and digits become
    ASCII), format characters such as U+200B and U+FEFF removed, spaces around it stripped,
    letters upper case."""
    if text.isascii():  # NFKC keeps ASCII as it is, and no ASCII character is a format one
        return text.strip().upper()
    folded = unicodedata.normalize("NFKC", text)
    return "".join(char for char in folded if unicodedata.category(char) != "Cf").strip().upper()


def certificate_record(plan: Plan, report: Report, index: int, entry: CertificateEntry,
                       district: str) -> Certificate:
    """The record of a certificate entry that passed every rule of `checks.report`."""
    kind = plan.certificate_types[entry.type]
    return Certificate(
        id=normal_id(entry.id), type=entry.type,
        indicator=plan.indicator_by_type[entry.type].id, district=district,
        product=entry.product, holder=entry.holder, output_tonnes=entry.output_tonnes,
        issued=entry.issued, expires=entry.expires or default_expiry(entry.issued,
                                                                     kind.validity_years),
        renews=None if entry.renews is None else normal_id(entry.renews), file=report.file,
        line=report.source.mark(("certificates", index)).line,
        in_baseline_file=report.data.year == plan.data.period.baseline_year,
    )


def activity_record(plan: Plan, report: Report, index: int, entry: ActivityEntry,
                    file_district: str | None) -> Activity:
    """An activity with its district (or the city, for its own), and a meeting's host,
    resolved to Chinese names."""
    named = plan.find_area(entry.district) if entry.district is not None else None
    district = named.name if named is not None else file_district
    host = None
    if isinstance(entry, ExchangeMeeting):
        host = plan.district_name(entry.host) or plan.district_name(district)
        district = district or host  # the city bureau may record the meeting by its host
    line = report.source.mark(("activities", index)).line
    return Activity(entry, report.data.year, district, report.file, line, host)


def reported(plan: Plan, reports: list[Report]) -> frozenset[tuple[str, int]]:
    """(district, year) for every district a report names, as the file's district or on a
    certificate or an activity: that district has reported that year (an empty report
    says "nothing new")."""
    found = set()
    for report in reports:
        data = report.data
        named = [data.district, *(entry.district for entry in data.certificates),
                 *(entry.district for entry in data.activities)]
        found |= {(district, data.year) for district in map(plan.district_name, named)
                  if district is not None}
    return frozenset(found)


def build_register(plan: Plan, records: list[Certificate], activities: list[Activity],
                   reports: list[Report]) -> tuple[Register, list[Problem]]:
    """Link the renewals and apply the ends; the register and the faults found doing so."""
    baseline_districts = frozenset(r.district for r in records if r.in_baseline_file)
    records, problems = link_renewals(records, baseline_districts,
                                      plan.data.period.baseline_year)
    records, found = apply_ended(records, reports)
    register = Register(
        certificates=tuple(records),
        activities=tuple(activities),
        baseline_districts=baseline_districts,
        files=tuple(report.file for report in reports),
        reported=reported(plan, reports),
    )
    return register, problems + found


def _by_id(records: list[Certificate]) -> dict[str, list[int]]:
    """Indexes of the records of each id, oldest first."""
    index: dict[str, list[int]] = defaultdict(list)
    for position in sorted(range(len(records)), key=lambda i: records[i].issued):
        index[records[position].id].append(position)
    return index


def link_renewals(records: list[Certificate], baseline_districts: frozenset[str],
                  baseline_year: int) -> tuple[list[Certificate], list[Problem]]:
    """Set `renewed_on` on each renewed record, going through renewals oldest first.

    A renewal of an id that no earlier record holds renews the baseline block of a district
    without a baseline register, and so does every later renewal in that chain.
    """
    problems: list[Problem] = []
    by_id = _by_id(records)
    linked = list(records)
    of_nothing: list[Certificate] = []  # renewals of an id that no file holds
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
            elif record.renews != record.id:  # renewing itself with nothing before: an error
                linked[position] = replace(linked[position], renews_baseline=True)
                of_nothing.append(record)
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
    if of_nothing:  # accepted as renewals of the baseline year's certificates: say which
        first = of_nothing[0]
        listed = ", ".join(f"{record.renews} ({record.where})" for record in of_nothing)
        problems.append(Problem(first.file, first.line, 1, "progress.renews_baseline",
                                {"count": len(of_nothing), "records": listed,
                                 "year": baseline_year}, "note"))
    return linked, problems


def apply_ended(records: list[Certificate], reports: list[Report]
                 ) -> tuple[list[Certificate], list[Problem]]:
    problems: list[Problem] = []
    by_id = _by_id(records)
    ended = list(records)
    first_end: dict[str, str] = {}  # id → where it was first ended
    for report in reports:
        for index, entry in enumerate(report.data.ended):
            path: PathKey = ("ended", index)
            cert_id = normal_id(entry.id)
            where = report.source.mark((*path, "id"))
            if cert_id in first_end:
                problems.append(Problem.at(report.source, (*path, "id"), "progress.ended_twice",
                                           id=cert_id, other=first_end[cert_id]))
                continue
            first_end[cert_id] = f"{report.file}:{where.line}"
            positions = by_id.get(cert_id)
            if not positions:
                problems.append(Problem.at(report.source, (*path, "id"), "progress.ended_unknown",
                                           id=cert_id))
                continue
            in_force = [i for i in positions if records[i].issued <= entry.date <= records[i].end]
            if not in_force:
                problems.append(Problem.at(report.source, (*path, "date"), "progress.ended_outside",
                                           id=cert_id, date=entry.date))
                continue
            target = in_force[-1]
            ended[target] = replace(ended[target], ended_on=entry.date)
    return ended, problems
