"""The plan file: its models, and the lookups every later step asks of it.

The area is a tree: the city is one node whose figures are the sums of its children,
the districts. Nothing of the Wuhai plan is written here; all of it is in the file.
"""

from __future__ import annotations

import difflib
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
    activity: Text | None = None  # the activity kind of the reports that record this task


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
    activity: Text | None = None  # the activity kind of the reports that record this measure


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
