"""The rules of the register as a whole, across files, years and districts.

`REGISTER_CHECKS` run on the records of every report before renewals are linked;
`baseline_totals` compares a baseline-year register with the plan once all is clean.
"""

from __future__ import annotations

from collections.abc import Callable

from wuhai_green.core.dates import year_end
from wuhai_green.core.measures import measure_of
from wuhai_green.core.numbers import plain
from wuhai_green.core.problems import Problem
from wuhai_green.core.register import Certificate, normal_id
from wuhai_green.model.marks import PathKey
from wuhai_green.model.plan import Plan
from wuhai_green.model.progress import Report, Sampling

RegisterCheck = Callable[[list[Certificate], list[Report]], list[Problem]]


def repeated_ids(records: list[Certificate], reports: list[Report]) -> list[Problem]:
    """An id appears once, and again only as a later renewal of itself (an organic
    recertification, a 名特优新 confirmation): in any file, year or district."""
    problems = []
    by_id: dict[str, list[Certificate]] = {}
    for record in sorted(records, key=lambda record: record.issued):
        by_id.setdefault(record.id, []).append(record)
    for same in by_id.values():
        first, *later = same
        if first.renews == first.id:
            problems.append(Problem(first.file, first.line, 1, "progress.renews_itself",
                                    {"id": first.id}))
        previous = first
        for record in later:
            if record.renews != record.id or record.issued == previous.issued:
                problems.append(Problem(record.file, record.line, 1, "progress.repeated_id",
                                        {"id": record.id, "other": previous.where}))
            previous = record
    return problems


def failed_certificates_known(records: list[Certificate], reports: list[Report]
                              ) -> list[Problem]:
    """A failed sampling batch that names a certificate names one in the register."""
    known = {record.id for record in records}
    problems = []
    for report in reports:
        for index, entry in enumerate(report.data.activities):
            if not isinstance(entry, Sampling):
                continue
            for position, failure in enumerate(entry.failures):
                if failure.certificate is not None and normal_id(failure.certificate) not in known:
                    path: PathKey = ("activities", index, "failures", position, "certificate")
                    problems.append(Problem.at(report.source, path,
                                               "activity.unknown_certificate",
                                               id=failure.certificate))
    return problems


REGISTER_CHECKS: tuple[RegisterCheck, ...] = (repeated_ids, failed_certificates_known)


def baseline_totals(plan: Plan, records: tuple[Certificate, ...]) -> list[Problem]:
    """Warn where the baseline register's totals differ from the plan's baseline (附件1),
    at the first baseline record of the district."""
    end = year_end(plan.data.period.baseline_year)
    baseline = sorted((r for r in records if r.in_baseline_file), key=lambda r: (r.file, r.line))
    warnings = []
    for district in plan.districts:
        mine = [r for r in baseline if r.district == district.name]
        if not mine:
            continue
        for indicator in plan.data.indicators:
            counted = [r for r in mine if r.indicator == indicator.id and r.in_force(end)]
            total = measure_of(plan, indicator).total(counted)
            expected = plan.baseline(district, indicator)
            if total != expected:
                warnings.append(Problem(mine[0].file, mine[0].line, 1,
                                        "progress.baseline_mismatch",
                                        {"district": district.name, "indicator": indicator.id,
                                         "total": plain(total), "plan": plain(expected),
                                         "year": plan.data.period.baseline_year},
                                        severity="warning"))
    return warnings
