"""The rules of the register as a whole, across files, years and districts.

`REGISTER_CHECKS` run on the records of every report before renewals are linked;
`baseline_totals` compares a baseline-year register with the plan once all is clean.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from wuhai_green.core.measures import measure_of
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
    """Warn where the baseline register's totals differ from the plan's baseline (附件1)."""
    year_end = date(plan.data.period.baseline_year, 12, 31)
    in_force = [r for r in records if r.in_baseline_file and r.issued <= year_end <= r.end]
    first_file = min((r for r in records if r.in_baseline_file), key=lambda r: (r.file, r.line))
    warnings = []
    registered = {r.district for r in records if r.in_baseline_file}
    for district in (d for d in plan.districts if d.name in registered):
        for indicator in plan.data.indicators:
            mine = [r for r in in_force if r.district == district.name and r.indicator == indicator.id]
            total = measure_of(plan, indicator).total(mine)
            expected = plan.baseline(district, indicator)
            if total != expected:
                warnings.append(Problem(first_file.file, 1, 1, "progress.baseline_mismatch",
                                        {"district": district.name, "indicator": indicator.id,
                                         "total": f"{total.normalize():f}",
                                         "plan": f"{expected.normalize():f}",
                                         "year": plan.data.period.baseline_year},
                                        severity="warning"))
    return warnings
