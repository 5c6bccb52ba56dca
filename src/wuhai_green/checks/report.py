"""The rules of one progress report that need the plan: its year, its
districts, each certificate entry and each activity.

A report whose year lies outside the plan is checked no further. Each rule returns its
problems; a certificate entry with none becomes a record of the register.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from wuhai_green.core.dates import default_expiry
from wuhai_green.core.measures import measure_of
from wuhai_green.core.problems import Problem
from wuhai_green.core.register import normal_id
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


def ids_in_normal_form(plan: Plan, report: Report) -> list[Problem]:
    """A warning for each id written otherwise than it is compared (lower case, full-width,
    an invisible character): the tool shows the normal form."""
    data = report.data
    written: list[tuple[PathKey, str | None]] = []
    for index, entry in enumerate(data.certificates):
        written += [(("certificates", index, "id"), entry.id),
                    (("certificates", index, "renews"), entry.renews)]
    written += [(("ended", index, "id"), entry.id) for index, entry in enumerate(data.ended)]
    for index, activity in enumerate(data.activities):
        if isinstance(activity, Sampling):
            written += [(("activities", index, "failures", position, "certificate"),
                         failure.certificate) for position, failure in enumerate(activity.failures)]
    return [Problem.at(report.source, path, "progress.id_not_normal", severity="warning",
                       written=ascii(text), id=normal_id(text))
            for path, text in written if text is not None and normal_id(text) != text]


def ended_in_year(plan: Plan, report: Report) -> list[Problem]:
    """A certificate ends within the year of the report that says so."""
    year = report.data.year
    return [Problem.at(report.source, ("ended", index, "date"), "progress.ended_other_year",
                       id=normal_id(entry.id), date=entry.date, year=year)
            for index, entry in enumerate(report.data.ended) if entry.date.year != year]


REPORT_CHECKS: tuple[Callable[[Plan, Report], list[Problem]], ...] = (
    check_file_district, ids_in_normal_form, ended_in_year)


def dates_in_time(report: Report, today: date) -> list[Problem]:
    """Warnings for a report dated before its year, and for dates after today (a slip of the
    year, or a report written ahead)."""
    data = report.data
    problems = []
    if data.reported_on is not None and data.reported_on.year < data.year:
        problems.append(Problem.at(report.source, ("reported_on",), "progress.reported_early",
                                   severity="warning", date=data.reported_on, year=data.year))
    dated: list[tuple[PathKey, date | None]] = [(("reported_on",), data.reported_on)]
    dated += [(("certificates", index, "issued"), entry.issued)
              for index, entry in enumerate(data.certificates)]
    dated += [(("ended", index, "date"), entry.date) for index, entry in enumerate(data.ended)]
    dated += [(("activities", index, "date"), entry.date)
              for index, entry in enumerate(data.activities)]
    # A date outside the report's year is an error of its own rule already.
    problems += [Problem.at(report.source, path, "progress.date_ahead", severity="warning",
                            date=day, today=today)
                 for path, day in dated if day is not None and day > today
                 and (path == ("reported_on",) or day.year == data.year)]
    return problems


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
    """Districts named are the plan's; an activity has one, except a meeting given its host.
    The city may record as its own (`district: <the city>`) the kinds of a measure it
    carries out; a meeting it records names the district hosting it."""
    path: PathKey = ("activities", index)
    host = entry.host if isinstance(entry, ExchangeMeeting) else None
    if city_level(plan, entry):
        if isinstance(entry, ExchangeMeeting) and host is None:
            return [Problem.at(report.source, path, "activity.city_meeting_host",
                               city=entry.district)]
        return district_problems(plan, report.source, (*path, "host"), host)
    area = plan.find_area(entry.district) if entry.district is not None else None
    if area is not None and area.children:
        return [Problem.at(report.source, (*path, "district"), "activity.not_city_kind",
                           district=entry.district, kind=entry.type,
                           kinds=", ".join(plan.city_kinds) or "—")]
    problems = district_problems(plan, report.source, (*path, "district"), entry.district)
    problems += district_problems(plan, report.source, (*path, "host"), host)
    if entry.district is None and report.data.district is None and host is None:
        problems.append(Problem.at(report.source, path, "activity.no_district"))
    return problems


def city_level(plan: Plan, entry: ActivityEntry) -> bool:
    """Whether the activity is recorded as the city's own: it names an area above the
    districts, and its kind records a measure the city carries out."""
    area = plan.find_area(entry.district) if entry.district is not None else None
    return area is not None and bool(area.children) and entry.type in plan.city_kinds


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
