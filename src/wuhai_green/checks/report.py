"""The rules of one progress report that need the plan: its year, its
districts, each certificate entry and each activity.

A report whose year lies outside the plan is checked no further. Each rule returns its
problems; a certificate entry with none becomes a record of the register.
"""

from __future__ import annotations

from collections.abc import Callable

from wuhai_green.core.dates import default_expiry
from wuhai_green.core.measures import measure_of
from wuhai_green.core.problems import Problem
from wuhai_green.model.marks import PathKey, Source
from wuhai_green.model.plan import Plan
from wuhai_green.model.progress import (
    ActivityEntry,
    CertificateEntry,
    ExchangeMeeting,
    Report,
    Sampling,
    Training,
)

CertificateCheck = Callable[[Plan, Report, int, CertificateEntry], list[Problem]]
ActivityCheck = Callable[[Plan, Report, int, ActivityEntry], list[Problem]]


def district_problems(plan: Plan, source: Source, path: PathKey, given: str | None
                      ) -> list[Problem]:
    """A district given by name or alias must be a district of the plan."""
    if given is None or plan.district_name(given) is not None:
        return []
    key = "progress.unknown_district" if plan.find_area(given) is None else "progress.not_a_district"
    return [Problem.at(source, path, key, district=given, known=plan.district_list())]


# --- the report -------------------------------------------------------------------------


def check_year(plan: Plan, report: Report) -> list[Problem]:
    """The reporting year lies between the baseline year and the plan's end."""
    period = plan.data.period
    if period.baseline_year <= report.data.year <= period.end:
        return []
    return [Problem.at(report.source, ("year",), "progress.year_outside", year=report.data.year,
                       first=period.baseline_year, last=period.end)]


def check_file_district(plan: Plan, report: Report) -> list[Problem]:
    return district_problems(plan, report.source, ("district",), report.data.district)


# --- certificate entries ----------------------------------------------------------------


def certificate_district(plan: Plan, report: Report, index: int, entry: CertificateEntry
                         ) -> list[Problem]:
    """An entry's district is a district of the plan, given on it or at the top of the file."""
    path: PathKey = ("certificates", index)
    problems = district_problems(plan, report.source, (*path, "district"), entry.district)
    if entry.district is None and report.data.district is None:
        problems.append(Problem.at(report.source, path, "progress.no_district"))
    return problems


def certificate_type(plan: Plan, report: Report, index: int, entry: CertificateEntry
                     ) -> list[Problem]:
    """A known type; output in tonnes where its indicator counts tonnes, and only there."""
    path: PathKey = ("certificates", index)
    indicator = plan.indicator_of(entry.type)
    if entry.type not in plan.certificate_types or indicator is None:
        known = ", ".join(plan.certificate_types)
        code = plan.nearest_code(entry.type, plan.certificate_types)
        if code is None:
            return [Problem.at(report.source, (*path, "type"), "progress.unknown_type",
                               type=entry.type, known=known)]
        return [Problem.at(report.source, (*path, "type"), "progress.unknown_type_hint",
                           type=entry.type, known=known, word=plan.word_for(code), code=code)]
    in_tonnes = measure_of(plan, indicator).in_tonnes
    if in_tonnes and entry.output_tonnes is None:
        return [Problem.at(report.source, path, "progress.output_required", type=entry.type)]
    if not in_tonnes and entry.output_tonnes is not None:
        return [Problem.at(report.source, (*path, "output_tonnes"), "progress.output_forbidden",
                           type=entry.type)]
    return []


def issued_in_year(plan: Plan, report: Report, index: int, entry: CertificateEntry
                   ) -> list[Problem]:
    """Issued within the reporting year; a baseline-year register may list older ones."""
    year = report.data.year
    in_baseline_file = year == plan.data.period.baseline_year
    if entry.issued.year == year or (in_baseline_file and entry.issued.year < year):
        return []
    return [Problem.at(report.source, ("certificates", index, "issued"),
                       "progress.issued_outside", issued=entry.issued, year=year)]


def expiry_after_issue(plan: Plan, report: Report, index: int, entry: CertificateEntry
                       ) -> list[Problem]:
    """The expiry, given or by default, comes after the issue date."""
    kind = plan.certificate_types.get(entry.type)
    expires = entry.expires
    if kind is not None and expires is None:
        expires = default_expiry(entry.issued, kind.validity_years)
    if expires is None or expires > entry.issued:
        return []
    return [Problem.at(report.source, ("certificates", index, "expires"),
                       "progress.expires_before", expires=expires, issued=entry.issued)]


CERTIFICATE_CHECKS: tuple[CertificateCheck, ...] = (
    certificate_district, certificate_type, issued_in_year, expiry_after_issue)


# --- activities -------------------------------------------------------------------------


def activity_districts(plan: Plan, report: Report, index: int, entry: ActivityEntry
                       ) -> list[Problem]:
    """Districts named are the plan's; an activity has one, except a meeting given its host."""
    path: PathKey = ("activities", index)
    problems = district_problems(plan, report.source, (*path, "district"), entry.district)
    host = entry.host if isinstance(entry, ExchangeMeeting) else None
    problems += district_problems(plan, report.source, (*path, "host"), host)
    if entry.district is None and report.data.district is None and host is None:
        problems.append(Problem.at(report.source, path, "activity.no_district"))
    return problems


def activity_date(plan: Plan, report: Report, index: int, entry: ActivityEntry
                  ) -> list[Problem]:
    if entry.date.year == report.data.year:
        return []
    return [Problem.at(report.source, ("activities", index, "date"), "activity.date_outside",
                       date=entry.date, year=report.data.year)]


def training_expert(plan: Plan, report: Report, index: int, entry: ActivityEntry
                    ) -> list[Problem]:
    """A training names an expert of the plan's team."""
    experts = [expert.name for expert in plan.data.experts]
    if not isinstance(entry, Training) or entry.expert in experts:
        return []
    return [Problem.at(report.source, ("activities", index, "expert"), "activity.unknown_expert",
                       expert=entry.expert, known=", ".join(experts))]


def sampling_counts(plan: Plan, report: Report, index: int, entry: ActivityEntry
                    ) -> list[Problem]:
    """batches = passed + failed, and no more failures listed than failed."""
    if not isinstance(entry, Sampling):
        return []
    path: PathKey = ("activities", index)
    problems = []
    if entry.passed + entry.failed != entry.batches:
        problems.append(Problem.at(report.source, (*path, "batches"), "activity.sampling_sum",
                                   batches=entry.batches, passed=entry.passed,
                                   failed=entry.failed))
    if len(entry.failures) > entry.failed:
        problems.append(Problem.at(report.source, (*path, "failures"),
                                   "activity.too_many_failures", listed=len(entry.failures),
                                   failed=entry.failed))
    return problems


ACTIVITY_CHECKS: tuple[ActivityCheck, ...] = (
    activity_districts, activity_date, training_expert, sampling_counts)
