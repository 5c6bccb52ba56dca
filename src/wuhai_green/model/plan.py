"""The plan file: models, cross-checks and where the plan is read from (DESIGN §3).

The area is a tree: the city is one node whose figures are the sums of its children,
the districts. Nothing of the Wuhai plan is written here; all of it is in the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from wuhai_green.core.problems import DataError, Problem, raise_if_errors
from wuhai_green.load.reading import Located, PathKey, read_yaml
from wuhai_green.load.validate import validate
from wuhai_green.model.fields import AnyText, Count, IsoDate, Quantity, Text, Year

PLAN_SCHEMA = "wuhai-green/plan@1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Model):
    name: Text
    phone: Text | None = None


class DocumentInfo(_Model):
    title: Text
    title_en: Text | None = None
    issuer: Text
    issuer_en: Text | None = None
    date: IsoDate
    recipients: Text | None = None
    contact: Contact | None = None


class Period(_Model):
    baseline_year: Year
    start: Year
    end: Year
    milestones: list[Year] = Field(min_length=1)


class Unit(_Model):
    zh: AnyText
    en: AnyText
    tonnes: Quantity | None = None  # how many tonnes one of this unit is; None for counts


class Indicator(_Model):
    id: Text
    zh: Text
    en: Text
    unit: Text
    certificate_types: list[Text] = Field(min_length=1)


class RenewalLead(_Model):
    months: Count = 0
    days: Count = 0


class CertificateType(_Model):
    id: Text
    zh: Text
    en: Text
    validity_years: Count
    renewal_lead: RenewalLead


class Goal(_Model):
    id: Text
    zh: Text
    en: Text
    measure: Literal["output", "count"]
    certificate_types: list[Text] = Field(min_length=1)
    unit: Text
    value: Quantity
    band: Literal["about", "at_least"]


class Layout(_Model):
    products: list[Text]
    base_type: Text
    base_type_en: Text | None = None


class Area(_Model):
    name: Text
    en: Text | None = None
    aliases: list[Text] = []
    layout: Layout | None = None
    baseline: dict[Text, Quantity]
    targets: dict[Text, dict[Year, Quantity | None]]
    children: list[Area] = []

    def label(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.name


class StatusThresholds(_Model):
    on_track: Quantity
    at_risk: Quantity


class Rules(_Model):
    status_thresholds: StatusThresholds
    about_band: Quantity
    sources: dict[Text, Text] = {}


class Task(_Model):
    id: Text
    section: Text
    zh: Text
    en: Text
    detail: Text
    owner: Text
    recipient: Text | None = None
    due: IsoDate | None = None


class Frequency(_Model):
    per_year: Count
    hosts: Count
    rotation: Literal["children"]


class Measure(_Model):
    id: Text
    section: Text
    zh: Text
    en: Text
    detail: Text
    owner: Text
    frequency: Frequency | None = None


class Expert(_Model):
    name: Text
    organization: Text
    title: Text


class PlanFile(_Model):
    schema_: Literal["wuhai-green/plan@1"] = Field(alias="schema")
    document: DocumentInfo
    period: Period
    units: dict[Text, Unit]
    indicators: list[Indicator] = Field(min_length=1)
    certificate_types: list[CertificateType] = Field(min_length=1)
    goals: list[Goal] = []
    area: Area
    rules: Rules
    tasks: list[Task] = []
    measures: list[Measure] = []
    experts: list[Expert] = []
    glossary: dict[Text, Text] = {}  # English for names and words the tables show


@dataclass(frozen=True)
class Plan:
    """A checked plan and where it came from (for error positions in later checks)."""

    data: PlanFile
    source: Located

    @property
    def file(self) -> str:
        return self.source.file

    @property
    def root(self) -> Area:
        return self.data.area

    @cached_property
    def districts(self) -> list[Area]:
        """The leaves of the area tree, in file order."""
        return list(leaves(self.root))

    @cached_property
    def _by_name(self) -> dict[str, Area]:
        names: dict[str, Area] = {}
        for area in walk(self.root):
            names[area.name] = area
            for alias in area.aliases:
                names[alias.casefold()] = area
        return names

    def find_area(self, name: str) -> Area | None:
        """An area by its Chinese name or (case-insensitive) alias."""
        return self._by_name.get(name) or self._by_name.get(name.casefold())

    def district_list(self) -> str:
        """The districts with their aliases, for messages: `海勃湾区 (haibowan), …`."""
        return ", ".join(f"{d.name} ({'/'.join(d.aliases)})" if d.aliases else d.name
                         for d in self.districts)

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        return {indicator.id: indicator for indicator in self.data.indicators}

    @cached_property
    def certificate_types(self) -> dict[str, CertificateType]:
        return {kind.id: kind for kind in self.data.certificate_types}

    def indicator_of(self, certificate_type: str) -> Indicator | None:
        for indicator in self.data.indicators:
            if certificate_type in indicator.certificate_types:
                return indicator
        return None

    def tonnes_per_unit(self, indicator: Indicator) -> Decimal | None:
        """Factor from the indicator's file unit to tonnes; None for a count."""
        return self.data.units[indicator.unit].tonnes

    def measured_in_tonnes(self, indicator: Indicator) -> bool:
        return self.tonnes_per_unit(indicator) is not None

    def baseline(self, area: Area, indicator: Indicator) -> Decimal:
        """The baseline in tonnes (or a count)."""
        return self._to_base(area.baseline[indicator.id], indicator)

    def milestone_target(self, area: Area, indicator: Indicator, year: int) -> Decimal | None:
        """The plan's cumulative target for a milestone year in tonnes (or a count)."""
        value = area.targets[indicator.id].get(year)
        return None if value is None else self._to_base(value, indicator)

    def _to_base(self, value: Decimal, indicator: Indicator) -> Decimal:
        factor = self.tonnes_per_unit(indicator)
        return value if factor is None else value * factor

    def target_line(self, area: Area, indicator: Indicator, year: int) -> int | None:
        """Line of a target figure in the plan file (for CI annotations)."""
        path = self.area_paths.get(area.name)
        if path is None:
            return None
        return self.source.mark((*path, "targets", indicator.id, str(year))).line

    @cached_property
    def area_paths(self) -> dict[str, PathKey]:
        return {area.name: path for area, path in walk_with_paths(self.root, ("area",))}


def walk(area: Area) -> Iterator[Area]:
    yield area
    for child in area.children:
        yield from walk(child)


def walk_with_paths(area: Area, path: PathKey) -> Iterator[tuple[Area, PathKey]]:
    yield area, path
    for index, child in enumerate(area.children):
        yield from walk_with_paths(child, (*path, "children", index))


def leaves(area: Area) -> Iterator[Area]:
    for node in walk(area):
        if not node.children:
            yield node


# --- cross-checks ---------------------------------------------------------------------


def check_plan(data: PlanFile, located: Located) -> list[Problem]:
    """Every check pydantic cannot make alone: references, periods, sums, monotony."""
    problems: list[Problem] = []
    problems += _check_references(data, located)
    problems += _check_period(data, located)
    nodes = list(walk_with_paths(data.area, ("area",)))
    problems += _check_names(nodes, located)
    for area, path in nodes:
        problems += _check_area_figures(data, area, path, located)
    for area, path in nodes:  # every sum whose figures are all there, whatever else is wrong
        problems += _check_sums(data, area, path, located)
    return problems


def _check_references(data: PlanFile, located: Located) -> list[Problem]:
    problems = []
    type_ids = {kind.id for kind in data.certificate_types}
    for index, indicator in enumerate(data.indicators):
        path: PathKey = ("indicators", index)
        if indicator.unit not in data.units:
            problems.append(
                located.problem((*path, "unit"), "plan.unknown_unit", unit=indicator.unit,
                                known=", ".join(data.units))
            )
        for position, kind in enumerate(indicator.certificate_types):
            if kind not in type_ids:
                problems.append(located.problem((*path, "certificate_types", position),
                                                "plan.unknown_type", type=kind))
    for index, goal in enumerate(data.goals):
        path = ("goals", index)
        if goal.unit not in data.units:
            problems.append(located.problem((*path, "unit"), "plan.unknown_unit", unit=goal.unit,
                                            known=", ".join(data.units)))
        for position, kind in enumerate(goal.certificate_types):
            if kind not in type_ids:
                problems.append(located.problem((*path, "certificate_types", position),
                                                "plan.unknown_type", type=kind))
    problems += _duplicates([i.id for i in data.indicators], ("indicators",), located)
    problems += _duplicates([c.id for c in data.certificate_types], ("certificate_types",), located)
    problems += _duplicates([g.id for g in data.goals], ("goals",), located)
    return problems


def _duplicates(ids: list[str], path: PathKey, located: Located) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for index, item in enumerate(ids):
        if item in seen:
            problems.append(located.problem((*path, index, "id"), "plan.duplicate_id", id=item))
        seen.add(item)
    return problems


def _check_period(data: PlanFile, located: Located) -> list[Problem]:
    period = data.period
    problems = []
    if not period.baseline_year < period.start <= period.end:
        problems.append(located.problem(("period",), "plan.bad_period", baseline=period.baseline_year,
                                        start=period.start, end=period.end))
    for index, year in enumerate(period.milestones):
        if not period.start <= year <= period.end:
            problems.append(located.problem(("period", "milestones", index), "plan.milestone_outside",
                                            year=year, start=period.start, end=period.end))
    if period.milestones != sorted(set(period.milestones)):
        problems.append(located.problem(("period", "milestones"), "plan.milestones_order"))
    if period.end not in period.milestones:
        problems.append(located.problem(("period", "milestones"), "plan.no_final_milestone",
                                        end=period.end))
    return problems


def _check_names(nodes: list[tuple[Area, PathKey]], located: Located) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for area, path in nodes:
        for position, name in enumerate([area.name, *area.aliases]):
            folded = name if position == 0 else name.casefold()
            if folded in seen:
                where = (*path, "name") if position == 0 else (*path, "aliases", position - 1)
                problems.append(located.problem(where, "plan.duplicate_name", name=name))
            seen.add(folded)
    return problems


def _check_area_figures(data: PlanFile, area: Area, path: PathKey, located: Located) -> list[Problem]:
    problems = []
    indicator_ids = [indicator.id for indicator in data.indicators]
    for section in ("baseline", "targets"):
        given = area.baseline if section == "baseline" else area.targets
        for key in given:
            if key not in indicator_ids:
                problems.append(located.problem((*path, section, key), "plan.unknown_indicator",
                                                at_key=True, indicator=key,
                                                known=", ".join(indicator_ids)))
        for key in indicator_ids:
            if key not in given:
                problems.append(located.problem((*path, section), "plan.missing_indicator",
                                                area=area.name, section=section, indicator=key))
    milestones = data.period.milestones
    for indicator_id, by_year in area.targets.items():
        where: PathKey = (*path, "targets", indicator_id)
        for year in by_year:
            if year not in milestones:
                problems.append(located.problem((*where, str(year)), "plan.not_a_milestone",
                                                at_key=True, year=year,
                                                milestones=", ".join(map(str, milestones))))
        for year in milestones:
            if year not in by_year:
                problems.append(located.problem(where, "plan.missing_milestone", area=area.name,
                                                indicator=indicator_id, year=year))
        problems += _check_monotone(area, indicator_id, by_year, where, located)
    return problems


def _check_monotone(area: Area, indicator_id: str, by_year: dict[int, Decimal | None],
                    where: PathKey, located: Located) -> list[Problem]:
    problems = []
    previous: tuple[int, Decimal] | None = None
    for year in sorted(by_year):
        value = by_year[year]
        if value is None:
            continue
        if previous is not None and value < previous[1]:
            problems.append(located.problem((*where, str(year)), "plan.decreasing", area=area.name,
                                            indicator=indicator_id, year=year, value=value,
                                            previous_year=previous[0], previous=previous[1]))
        previous = (year, value)
    return problems


def _check_sums(data: PlanFile, area: Area, path: PathKey, located: Located) -> list[Problem]:
    """A node's figures must equal the sums of its children's, exactly."""
    if not area.children:
        return []
    problems = []
    for indicator in data.indicators:
        figures: list[tuple[PathKey, str]] = [(("baseline", indicator.id), "baseline")]
        figures += [(("targets", indicator.id, str(year)), str(year))
                    for year in data.period.milestones]
        for relative, label in figures:
            nodes = [area, *area.children]
            if all(_has_figure(node, relative) for node in nodes):
                problems += _check_one_sum(area, path, relative, label, indicator.id, located)
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


def _check_one_sum(area: Area, path: PathKey, relative: PathKey, label: str, indicator_id: str,
                   located: Located) -> list[Problem]:
    parent_value = _figure(area, relative)
    child_values = [_figure(child, relative) for child in area.children]
    if parent_value is None and all(value is None for value in child_values):
        return []
    total = sum((value or Decimal(0) for value in child_values), Decimal(0))
    if parent_value is not None and total == parent_value:
        return []
    parent = "—" if parent_value is None else parent_value
    error = located.problem((*path, *relative), "plan.sum_mismatch", area=area.name,
                            indicator=indicator_id, year=label, value=parent, total=total)
    notes = []
    for index, (child, value) in enumerate(zip(area.children, child_values, strict=True)):
        note = located.problem((*path, "children", index, *relative), "plan.sum_part",
                               area=child.name, year=label, value="—" if value is None else value,
                               parent=area.name, parent_value=parent, total=total)
        notes.append(Problem(note.file, note.line, note.column, note.key, note.params, "note"))
    return [error, *notes]


# --- where the plan comes from ----------------------------------------------------------


def shipped_plan_path() -> Path:
    return Path(str(resources.files("wuhai_green") / "data" / "plan.yaml"))


def resolve_plan_path(option: Path | None) -> Path:
    """--plan, then $WUHAI_PLAN, then ./data/plan.yaml, then the copy in the package."""
    if option is not None:
        return option
    from_env = os.environ.get("WUHAI_PLAN")
    if from_env:
        return Path(from_env)
    local = Path("data") / "plan.yaml"
    if local.is_file():
        return local
    return shipped_plan_path()


def load_plan(path: Path) -> Plan:
    """Read, validate and cross-check a plan file; raise `DataError` with every problem."""
    located = read_yaml(path)
    data, problems = validate(PlanFile, located)
    if data is None:
        raise DataError(problems + located.warnings)
    problems = check_plan(data, located)
    raise_if_errors(problems + located.warnings)
    return Plan(data, located)
