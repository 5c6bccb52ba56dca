"""The plan's rules that pydantic cannot check alone: references, the period, names,
every area's figures, and the sums over the area tree.

Each rule is a function of the plan file and its source returning its problems;
`PLAN_CHECKS` lists them in the order they run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from wuhai_green.core.problems import Problem
from wuhai_green.model.marks import PathKey, Source
from wuhai_green.model.plan import (
    Area,
    PlanFile,
    RenewalLead,
    decided_values,
    walk_with_paths,
    works,
)
from wuhai_green.model.progress import ACTIVITY_TYPES

PlanCheck = Callable[[PlanFile, Source], list[Problem]]


def check_plan(data: PlanFile, source: Source) -> list[Problem]:
    """The problems of every rule of `PLAN_CHECKS`."""
    return [problem for check in PLAN_CHECKS for problem in check(data, source)]


def _nodes(data: PlanFile) -> list[tuple[Area, PathKey]]:
    return list(walk_with_paths(data.area, ("area",)))


def check_references(data: PlanFile, source: Source) -> list[Problem]:
    """Every unit, certificate type and activity kind named exists; ids are unique."""
    problems = []
    type_ids = {kind.id for kind in data.certificate_types}
    named: list[tuple[PathKey, str, list[str]]] = [
        (("indicators", index), item.unit, item.certificate_types)
        for index, item in enumerate(data.indicators)]
    named += [(("goals", index), item.unit, item.certificate_types)
              for index, item in enumerate(data.goals)]
    for path, unit, kinds in named:
        if unit not in data.units:
            problems.append(Problem.at(source, (*path, "unit"), "plan.unknown_unit", unit=unit,
                                       known=", ".join(data.units)))
        problems += [Problem.at(source, (*path, "certificate_types", position),
                                "plan.unknown_type", type=kind)
                     for position, kind in enumerate(kinds) if kind not in type_ids]
    problems += [Problem.at(source, (*work.path, "activity"), "plan.unknown_activity",
                            kind=work.activity, known=", ".join(ACTIVITY_TYPES))
                 for work in works(data)
                 if work.activity is not None and work.activity not in ACTIVITY_TYPES]
    confirmed = data.rules.yearly_confirmation.certificate_types
    problems += [Problem.at(source, ("rules", "yearly_confirmation", "certificate_types", position),
                            "plan.unknown_type", type=kind)
                 for position, kind in enumerate(confirmed) if kind not in type_ids]
    codes = type_ids | set(ACTIVITY_TYPES)
    problems += [Problem.at(source, ("synonyms", word), "plan.unknown_code", word=word,
                            code=code, known=", ".join(sorted(codes)))
                 for word, code in data.synonyms.items() if code not in codes]
    problems += _duplicates([i.id for i in data.indicators], ("indicators",), source)
    problems += _duplicates([c.id for c in data.certificate_types], ("certificate_types",), source)
    problems += _duplicates([g.id for g in data.goals], ("goals",), source)
    return problems


def _duplicates(ids: list[str], path: PathKey, source: Source) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for index, item in enumerate(ids):
        if item in seen:
            problems.append(Problem.at(source, (*path, index, "id"), "plan.duplicate_id", id=item))
        seen.add(item)
    return problems


def check_period(data: PlanFile, source: Source) -> list[Problem]:
    """baseline < start <= end; milestones inside the period, increasing, ending at the end."""
    period = data.period
    problems = []
    if not period.baseline_year < period.start <= period.end:
        problems.append(Problem.at(source, ("period",), "plan.bad_period", baseline=period.baseline_year,
                                   start=period.start, end=period.end))
    for index, year in enumerate(period.milestones):
        if not period.start <= year <= period.end:
            problems.append(Problem.at(source, ("period", "milestones", index), "plan.milestone_outside",
                                       year=year, start=period.start, end=period.end))
    if period.milestones != sorted(set(period.milestones)):
        problems.append(Problem.at(source, ("period", "milestones"), "plan.milestones_order"))
    if period.end not in period.milestones:
        problems.append(Problem.at(source, ("period", "milestones"), "plan.no_final_milestone",
                                   end=period.end))
    return problems


def check_names(data: PlanFile, source: Source) -> list[Problem]:
    """Area names and aliases are unique (aliases without regard to case)."""
    problems = []
    nodes = _nodes(data)
    seen: set[str] = set()
    for area, path in nodes:
        for position, name in enumerate([area.name, *area.aliases]):
            folded = name if position == 0 else name.casefold()
            if folded in seen:
                where = (*path, "name") if position == 0 else (*path, "aliases", position - 1)
                problems.append(Problem.at(source, where, "plan.duplicate_name", name=name))
            seen.add(folded)
    return problems


def check_area_figures(data: PlanFile, source: Source) -> list[Problem]:
    """Every area gives each indicator a baseline and a target for each milestone, and its
    cumulative targets never decrease."""
    return [problem for area, path in _nodes(data)
            for problem in _area_figures(data, area, path, source)]


def _area_figures(data: PlanFile, area: Area, path: PathKey, source: Source) -> list[Problem]:
    problems = []
    indicator_ids = [indicator.id for indicator in data.indicators]
    for section in ("baseline", "targets"):
        given = area.baseline if section == "baseline" else area.targets
        for key in given:
            if key not in indicator_ids:
                problems.append(Problem.at(source, (*path, section, key), "plan.unknown_indicator",
                                           at_key=True, indicator=key,
                                           known=", ".join(indicator_ids)))
        for key in indicator_ids:
            if key not in given:
                problems.append(Problem.at(source, (*path, section), "plan.missing_indicator",
                                           area=area.name, section=section, indicator=key))
    milestones = data.period.milestones
    for indicator_id, by_year in area.targets.items():
        where: PathKey = (*path, "targets", indicator_id)
        for year in by_year:
            if year not in milestones:
                problems.append(Problem.at(source, (*where, str(year)), "plan.not_a_milestone",
                                           at_key=True, year=year,
                                           milestones=", ".join(map(str, milestones))))
        for year in milestones:
            if year not in by_year:
                problems.append(Problem.at(source, where, "plan.missing_milestone", area=area.name,
                                           indicator=indicator_id, year=year))
        problems += _check_monotone(area, indicator_id, by_year, where, source)
    return problems


def _check_monotone(area: Area, indicator_id: str, by_year: dict[int, Decimal | None],
                    where: PathKey, source: Source) -> list[Problem]:
    problems = []
    previous: tuple[int, Decimal] | None = None
    for year in sorted(by_year):
        value = by_year[year]
        if value is None:
            continue
        if previous is not None and value < previous[1]:
            problems.append(Problem.at(source, (*where, str(year)), "plan.decreasing", area=area.name,
                                       indicator=indicator_id, year=year, value=value,
                                       previous_year=previous[0], previous=previous[1]))
        previous = (year, value)
    return problems


def check_sums(data: PlanFile, source: Source) -> list[Problem]:
    """A node's figures equal the sums of its children's, exactly: every sum whose figures
    are all there, whatever else is wrong."""
    return [problem for area, path in _nodes(data)
            for problem in _sums(data, area, path, source)]


def _sums(data: PlanFile, area: Area, path: PathKey, source: Source) -> list[Problem]:
    if not area.children:
        return []
    problems = []
    for indicator in data.indicators:
        figures: list[PathKey] = [("baseline", indicator.id)]
        figures += [("targets", indicator.id, str(year)) for year in data.period.milestones]
        for relative in figures:
            nodes = [area, *area.children]
            if all(_has_figure(node, relative) for node in nodes):
                problems += _check_one_sum(area, path, relative, source)
    return problems


def _has_figure(area: Area, relative: PathKey) -> bool:
    """Whether the figure is given (a blank counts; a missing key, reported elsewhere, not)."""
    if relative[0] == "baseline":
        return str(relative[1]) in area.baseline
    return int(relative[2]) in area.targets.get(str(relative[1]), {})


def _figure(area: Area, relative: PathKey) -> Decimal | None:
    if relative[0] == "baseline":
        return area.baseline[str(relative[1])]
    return area.targets[str(relative[1])][int(relative[2])]


def _check_one_sum(area: Area, path: PathKey, relative: PathKey, source: Source) -> list[Problem]:
    """One figure of a node (`relative`: ("baseline", indicator) or ("targets", indicator,
    year)) against the sum of its children's."""
    indicator_id = str(relative[1])
    label = str(relative[-1]) if relative[0] == "targets" else "baseline"
    parent_value = _figure(area, relative)
    child_values = [_figure(child, relative) for child in area.children]
    if parent_value is None and all(value is None for value in child_values):
        return []
    total = sum((value or Decimal(0) for value in child_values), Decimal(0))
    if parent_value is not None and total == parent_value:
        return []
    parent = "—" if parent_value is None else parent_value
    error = Problem.at(source, (*path, *relative), "plan.sum_mismatch", area=area.name,
                       indicator=indicator_id, year=label, value=parent, total=total)
    notes = []
    for index, (child, value) in enumerate(zip(area.children, child_values, strict=True)):
        notes.append(Problem.at(source, (*path, "children", index, *relative), "plan.sum_part",
                                severity="note", area=child.name, year=label,
                                value="—" if value is None else value, parent=area.name,
                                parent_value=parent, total=total))
    return [error, *notes]


def check_decisions(data: PlanFile, source: Source) -> list[Problem]:
    """Every `source:` names a field of its item and an entry of `rules.sources`."""
    problems = []
    for path, field_name, rule in decided_values(data):
        where: PathKey = (*path, "source", field_name)
        if not _has_field(data, path, field_name):
            problems.append(Problem.at(source, where, "plan.unknown_field", at_key=True,
                                       field=field_name))
        if rule not in data.rules.sources:
            problems.append(Problem.at(source, where, "plan.unknown_rule", rule=rule,
                                       known=", ".join(data.rules.sources)))
    return problems


def _has_field(data: PlanFile, path: PathKey, field_name: str) -> bool:
    """Whether the item at `path` (a list item of the plan file) has the (dotted) field."""
    item: object = data
    for step in path:
        item = item[step] if isinstance(step, int) else getattr(item, step)  # type: ignore[index]
    for name in field_name.split("."):
        fields = getattr(type(item), "model_fields", {})
        if name not in fields or name == "source":
            return False
        item = getattr(item, name)
    return True


def check_import_rules(data: PlanFile, source: Source) -> list[Problem]:
    """The division codes name districts, six digits each and each once; the number shapes
    name certificate types and compile."""
    problems = []
    rules: PathKey = ("rules",)
    districts = {name for area, _ in _nodes(data) if not area.children
                 for name in (area.name, *area.aliases)}
    seen: set[str] = set()
    for name, code in data.rules.division_codes.items():
        path = (*rules, "division_codes", name)
        if name not in districts:
            problems.append(Problem.at(source, path, "plan.unknown_district", at_key=True,
                                       district=name))
        if not re.fullmatch(r"\d{6}", code) or code in seen:
            problems.append(Problem.at(source, path, "plan.bad_division_code", code=code))
        seen.add(code)
    type_ids = {kind.id for kind in data.certificate_types}
    for kind, number in data.rules.certificate_numbers.items():
        path = (*rules, "certificate_numbers", kind)
        if kind not in type_ids:
            problems.append(Problem.at(source, path, "plan.unknown_type", at_key=True, type=kind))
        try:
            re.compile(number.pattern)
        except re.error as error:
            problems.append(Problem.at(source, (*path, "pattern"), "plan.bad_pattern",
                                       problem=str(error)))
    return problems


# A certificate valid for more than a century is no certificate this plan knows; the bound
# also keeps every expiry and renewal date the tool computes within the calendar.
MAX_VALIDITY_YEARS = 100


def check_rules(data: PlanFile, source: Source) -> list[Problem]:
    """Values in range and in order (issue 11 §3): a validity of 1 to 100 years; a renewal
    lead shorter than the validity it leads (with 31 days to a month and 365 to a year, so
    the day to apply falls after the issue day whatever the dates); 0 < at_risk < on_track
    <= 1; an "about" band narrower than the goal itself."""
    problems = []
    for index, kind in enumerate(data.certificate_types):
        path: PathKey = ("certificate_types", index)
        if not 1 <= kind.validity_years <= MAX_VALIDITY_YEARS:
            problems.append(Problem.at(source, (*path, "validity_years"), "plan.bad_validity",
                                       value=kind.validity_years, most=MAX_VALIDITY_YEARS))
        else:
            problems += _lead(kind.renewal_lead, kind.validity_years, kind.id,
                              (*path, "renewal_lead"), source)
    confirmation = data.rules.yearly_confirmation
    problems += _lead(confirmation.renewal_lead, 1, "yearly_confirmation",
                      ("rules", "yearly_confirmation", "renewal_lead"), source)
    thresholds = data.rules.status_thresholds
    where: PathKey = ("rules", "status_thresholds")
    at_risk, on_track = thresholds.at_risk, thresholds.on_track
    if at_risk <= 0 or at_risk >= on_track:
        problems.append(Problem.at(source, (*where, "at_risk"), "plan.bad_thresholds",
                                   at_risk=at_risk, on_track=on_track))
    if on_track > 1:
        problems.append(Problem.at(source, (*where, "on_track"), "plan.bad_thresholds",
                                   at_risk=at_risk, on_track=on_track))
    if data.rules.about_band >= 1:
        problems.append(Problem.at(source, ("rules", "about_band"), "plan.bad_band",
                                   value=data.rules.about_band))
    return problems


def _lead(lead: RenewalLead, years: int, kind: str, path: PathKey,
          source: Source) -> list[Problem]:
    if lead.months * 31 + lead.days < years * 365:
        return []
    return [Problem.at(source, path, "plan.lead_too_long", type=kind, months=lead.months,
                       days=lead.days, years=years)]


PLAN_CHECKS: tuple[PlanCheck, ...] = (check_references, check_period, check_names,
                                      check_area_figures, check_sums, check_decisions,
                                      check_import_rules, check_rules)
