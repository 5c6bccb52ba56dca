"""The plan file: its models, and the lookups every later step asks of it.

The area is a tree: the city is one node whose figures are the sums of its children,
the districts. Nothing of the Wuhai plan is written here; all of it is in the file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from wuhai_green.model.fields import AnyText, Count, IsoDate, Quantity, Text, Year
from wuhai_green.model.marks import PathKey, Source

PLAN_SCHEMA = "wuhai-green/plan@1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# A value the document does not state, where it stands: the item's field (a dotted path
# for a nested one, such as `frequency.rotation`) → the id of its entry in `rules.sources`.
Decided = dict[Text, Text]
# Who carries out a task or measure: the districts, or the city itself (whose bureau may
# then record its activities with `district: <the city>`).
Level = Literal["districts", "city"]


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
    source: Decided = {}


class Goal(_Model):
    id: Text
    zh: Text
    en: Text
    measure: Literal["output", "count"]
    certificate_types: list[Text] = Field(min_length=1)
    unit: Text
    value: Quantity
    band: Literal["about", "at_least"]
    source: Decided = {}


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


class Decision(_Model):
    """A value the document does not state: what this project decided and why (in both
    languages), and what it follows (a national rule, a method, or this project)."""

    zh: Text
    en: Text
    source: Text


class YearlyConfirmation(_Model):
    """The national yearly confirmation of listed products: optional, off by default."""

    enabled: bool = False
    certificate_types: list[Text] = []
    renewal_lead: RenewalLead = Field(default_factory=RenewalLead)


class CertificateNumber(_Model):
    """The shape of a certificate type's number (for `wuhai import`): a regular expression
    of the whole number, whose groups `yy` and `mm`, where present, are the approval year and
    month; whether a renewal keeps the number; how many months after its approval a
    certificate may be issued."""

    pattern: Text
    renewal: Literal["new_number", "same_number"]
    issued_within_months: Count | None = None


class Rules(_Model):
    status_thresholds: StatusThresholds
    about_band: Quantity
    about_min_items: Count = 1  # an "about" band of a count is at least this many items wide
    yearly_confirmation: YearlyConfirmation = Field(default_factory=YearlyConfirmation)
    # Why each value the document does not state is what it is: the rules above by their
    # key, values elsewhere by the id their `source:` names.
    division_codes: dict[Text, Text] = {}  # district → administrative division code
    certificate_numbers: dict[Text, CertificateNumber] = {}  # certificate type → its number
    sources: dict[Text, Decision] = {}


class Task(_Model):
    id: Text
    section: Text
    zh: Text
    en: Text
    detail: Text
    owner: Text
    recipient: Text | None = None
    due: IsoDate | None = None
    activity: Text | None = None  # the activity kind of the reports that record this task
    level: Level = "districts"
    source: Decided = {}


class Frequency(_Model):
    per_year: Count
    hosts: Count
    rotation: Literal["children"]


class MeasurePart(_Model):
    """One part of a measure (五（三）'s yearly exchange meeting, say), with its own owner
    where the document names one, its frequency and the activity kind that records it."""

    id: Text
    zh: Text
    en: Text
    owner: Text | None = None  # default: the measure's
    frequency: Frequency | None = None
    activity: Text | None = None
    level: Level | None = None  # default: the measure's
    source: Decided = {}


class Measure(_Model):
    id: Text
    section: Text
    zh: Text
    en: Text
    detail: Text
    owner: Text
    frequency: Frequency | None = None
    activity: Text | None = None  # the activity kind of the reports that record this measure
    level: Level = "districts"
    parts: list[MeasurePart] = []
    source: Decided = {}


class Expert(_Model):
    name: Text
    organization: Text
    title: Text


class AnnexNote(_Model):
    """A note printed under an annex's table (附件2 注1), with its English."""

    label: Text
    zh: Text
    en: Text | None = None


class Heading(_Model):
    zh: Text
    en: Text | None = None


class Annex(_Model):
    """An annex as the document heads it: its label, title, column headings and notes."""

    label: Text
    zh: Text
    en: Text | None = None
    columns: dict[Text, Heading] = {}  # by indicator id
    notes: list[AnnexNote] = []


class Annexes(_Model):
    baselines: Annex | None = None  # 附件1
    targets: Annex | None = None  # 附件2
    experts: Annex | None = None  # 附件3


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
    annexes: Annexes = Field(default_factory=Annexes)
    glossary: dict[Text, Text] = {}  # English for names and words the tables show
    synonyms: dict[Text, Text] = {}  # Chinese words for certificate types and activity kinds


@dataclass(frozen=True)
class Plan:
    """A checked plan and where it came from (for error positions in later checks)."""

    data: PlanFile
    source: Source

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

    def district_name(self, given: str | None) -> str | None:
        """The Chinese name of a district given by name or alias; None for anything else."""
        area = self.find_area(given) if given is not None else None
        return area.name if area is not None and not area.children else None

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

    @cached_property
    def indicator_by_type(self) -> dict[str, Indicator]:
        """The indicator that counts each certificate type (the first, where several do)."""
        found: dict[str, Indicator] = {}
        for indicator in self.data.indicators:
            for kind in indicator.certificate_types:
                found.setdefault(kind, indicator)
        return found

    @cached_property
    def codes_by_word(self) -> dict[str, str]:
        """The code each word stands for: a certificate type's Chinese name, the synonyms."""
        words = {kind.zh: kind.id for kind in self.data.certificate_types}
        words.update(self.data.synonyms)
        return words

    def word_for(self, code: str) -> str:
        """A Chinese word for a code (the first that stands for it), else the code."""
        return next((word for word, found in self.codes_by_word.items() if found == code), code)

    def nearest_code(self, given: str, codes: Iterable[str]) -> str | None:
        """The code among `codes` whose code or Chinese word is nearest to `given`, if any
        is near (for a "did you mean")."""
        wanted = set(codes)
        candidates = {code: code for code in wanted}
        candidates |= {word: code for word, code in self.codes_by_word.items() if code in wanted}
        match = difflib.get_close_matches(given, list(candidates), n=1, cutoff=0.5)
        return candidates[match[0]] if match else None

    def indicator_of(self, certificate_type: str) -> Indicator | None:
        return self.indicator_by_type.get(certificate_type)

    def tonnes_per_unit(self, indicator: Indicator) -> Decimal | None:
        """Factor from the indicator's file unit to tonnes; None for a count."""
        return self.data.units[indicator.unit].tonnes

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
    def district_by_division(self) -> dict[str, Area]:
        """The districts by their administrative division code (the plan's `rules:`)."""
        found = {}
        for name, code in self.data.rules.division_codes.items():
            area = self.find_area(name)
            if area is not None and not area.children:
                found[code] = area
        return found

    @cached_property
    def number_shapes(self) -> dict[str, tuple[re.Pattern[str], CertificateNumber]]:
        """Each certificate type's number as a compiled pattern, with its rules (the plan
        checks that every pattern compiles)."""
        found = {}
        for kind, number in self.data.rules.certificate_numbers.items():
            try:
                found[kind] = (re.compile(number.pattern), number)
            except re.error:
                continue
        return found

    @cached_property
    def area_paths(self) -> dict[str, PathKey]:
        return {area.name: path for area, path in walk_with_paths(self.root, ("area",))}

    @cached_property
    def works(self) -> list[Work]:
        """Every task, measure and part of a measure, with what records it."""
        return list(works(self.data))

    def recording(self, kind: str) -> list[Work]:
        """The tasks, measures and parts that an activity kind records."""
        return [work for work in self.works if work.activity == kind]

    def task_recorded_by(self, kind: str) -> Task | None:
        """The first task that an activity kind records (the brand plan's due date and
        recipient are there)."""
        return next((task for task in self.data.tasks if task.activity == kind), None)

    @cached_property
    def city_kinds(self) -> tuple[str, ...]:
        """The activity kinds a measure the city itself carries out is recorded by: the
        city's bureau may record them as the city's own (`district: <the city>`)."""
        kinds = [work.activity for work in self.works
                 if work.level == "city" and work.activity is not None]
        return tuple(dict.fromkeys(kinds))

    @cached_property
    def decisions(self) -> list[DecisionUse]:
        """The project's decisions (`rules.sources`), numbered in file order, each with the
        places of the plan whose values it decides."""
        uses: dict[str, list[PathKey]] = {key: [] for key in self.data.rules.sources}
        for path, field_name, rule in decided_values(self.data):
            uses.setdefault(rule, []).append((*path, *field_name.split(".")))
        rules = self.data.rules.model_dump(exclude={"sources"})
        for key in rules:
            if key in uses:
                uses[key].insert(0, ("rules", key))
        return [DecisionUse(number, key, self.data.rules.sources[key], tuple(uses[key]))
                for number, key in enumerate(self.data.rules.sources, start=1)]

    def decision(self, rule: str) -> DecisionUse | None:
        return next((use for use in self.decisions if use.id == rule), None)


@dataclass(frozen=True)
class Work:
    """A task, a measure or a part of a measure: who carries it out and what records it."""

    path: PathKey  # where it stands in the plan file
    section: str
    item: Task | Measure | MeasurePart
    owner: str
    level: Level
    activity: str | None
    frequency: Frequency | None


def works(data: PlanFile) -> Iterator[Work]:
    for index, task in enumerate(data.tasks):
        yield Work(("tasks", index), task.section, task, task.owner, task.level, task.activity,
                   None)
    for index, measure in enumerate(data.measures):
        yield Work(("measures", index), measure.section, measure, measure.owner, measure.level,
                   measure.activity, measure.frequency)
        for position, part in enumerate(measure.parts):
            yield Work(("measures", index, "parts", position), measure.section, part,
                       part.owner or measure.owner, part.level or measure.level,
                       part.activity, part.frequency)


@dataclass(frozen=True)
class DecisionUse:
    """A decision of the project, its number (for the marks of `wuhai plan`), and the places
    of the plan file whose values it decides."""

    number: int
    id: str
    decision: Decision
    applies_to: tuple[PathKey, ...]


def decided_values(data: PlanFile) -> Iterator[tuple[PathKey, str, str]]:
    """(path of the item, its field, the rule) for every `source:` of the plan file."""
    items: list[tuple[PathKey, CertificateType | Goal | Task | Measure | MeasurePart]] = []
    items += [(("certificate_types", index), kind)
              for index, kind in enumerate(data.certificate_types)]
    items += [(("goals", index), goal) for index, goal in enumerate(data.goals)]
    items += [(("tasks", index), task) for index, task in enumerate(data.tasks)]
    for index, measure in enumerate(data.measures):
        items.append((("measures", index), measure))
        items += [(("measures", index, "parts", position), part)
                  for position, part in enumerate(measure.parts)]
    for path, item in items:
        for field_name, rule in item.source.items():
            yield path, field_name, rule


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
