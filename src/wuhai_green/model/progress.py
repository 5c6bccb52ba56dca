"""Progress report files (README, "Files"): the models of a report and of its entries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from wuhai_green.model.fields import Count, Identifier, IsoDate, PositiveQuantity, Quantity, Text, Year
from wuhai_green.model.marks import Source


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class CertificateEntry(_Model):
    id: Identifier
    type: Text
    district: Text | None = None
    product: Text
    holder: Text
    output_tonnes: PositiveQuantity | None = None
    area_mu: Quantity | None = None
    issued: IsoDate
    expires: IsoDate | None = None
    renews: Identifier | None = None


class EndedEntry(_Model):
    id: Identifier
    date: IsoDate
    reason: Text | None = None


class _Activity(_Model):
    """What every activity of the plan's tasks and measures records."""

    date: IsoDate
    district: Text | None = None  # default: the file's district
    title: Text | None = None
    note: Text | None = None


class BrandPlan(_Activity):
    """A district's brand-building plan submitted to the city (task 四（一）)."""

    type: Literal["brand_plan"]
    recipient: Text | None = None


class Expo(_Activity):
    """A fair, expo or sales-matching meeting attended (task 四（二）)."""

    type: Literal["expo"]
    title: Text


class Agreement(_Activity):
    """A supply agreement with an e-commerce platform or a supermarket (task 四（二）)."""

    type: Literal["agreement"]
    partner: Text
    channel: Literal["e-commerce", "supermarket", "other"] | None = None


class MengLabel(_Activity):
    """A 蒙字标 certification (task 四（三）)."""

    type: Literal["meng_label"]
    product: Text
    holder: Text


class BrandWork(_Activity):
    """Work on the regional public brand, such as 乌海葡萄 (task 四（三）)."""

    type: Literal["brand"]
    title: Text


class ExchangeMeeting(_Activity):
    """The yearly experience exchange meeting hosted by one district (measure 五（三）)."""

    type: Literal["exchange_meeting"]
    host: Text | None = None  # default: the activity's district


class EvaluationFair(_Activity):
    """A green and organic product evaluation fair (measure 五（三）)."""

    type: Literal["evaluation_fair"]


class Publicity(_Activity):
    """Publicity in mainstream or new media (measure 五（三）)."""

    type: Literal["publicity"]
    outlet: Text


class Training(_Activity):
    """Training given by the expert team (measure 五（一）)."""

    type: Literal["training"]
    expert: Text
    participants: Count | None = None


class FailedBatch(_Model):
    certificate: Identifier | None = None  # the certificate of a certified product, if any
    product: Text | None = None
    reason: Text | None = None


class Sampling(_Activity):
    """A supervision sampling round (measure 五（四）)."""

    type: Literal["sampling"]
    batches: Count
    passed: Count
    failed: Count
    penalties: Count = 0
    failures: list[FailedBatch] = []


class BaseCreation(_Activity):
    """A production base created after the district's layout (section 三: its products)."""

    type: Literal["base_creation"]
    product: Text
    name: Text | None = None


class Supervision(_Activity):
    """Daily supervision of certified producers by a district (measure 五（二）)."""

    type: Literal["supervision"]
    subjects: Count | None = None  # certified producers visited


class Inspection(_Activity):
    """Tracking, urging and guidance by the city's inspectors (measure 五（二）)."""

    type: Literal["inspection"]
    inspected: Text | None = None  # the district inspected


class MonitoringPlan(_Activity):
    """The quality and safety monitoring plan for the year (measure 五（四）)."""

    type: Literal["monitoring_plan"]
    title: Text


ActivityEntry = Annotated[
    BrandPlan | Expo | Agreement | MengLabel | BrandWork | ExchangeMeeting | EvaluationFair
    | Publicity | Training | Sampling | BaseCreation | Supervision | Inspection
    | MonitoringPlan,
    Field(discriminator="type"),
]
ACTIVITY_MODELS: dict[str, type[_Activity]] = {
    "brand_plan": BrandPlan, "expo": Expo, "agreement": Agreement, "meng_label": MengLabel,
    "brand": BrandWork, "exchange_meeting": ExchangeMeeting, "evaluation_fair": EvaluationFair,
    "publicity": Publicity, "training": Training, "sampling": Sampling,
    "base_creation": BaseCreation, "supervision": Supervision, "inspection": Inspection,
    "monitoring_plan": MonitoringPlan,
}
ACTIVITY_TYPES = tuple(ACTIVITY_MODELS)
COMMON_ACTIVITY_FIELDS = ("type", "date", "district", "title", "note")


def own_fields(kind: str) -> list[str]:
    """The fields a kind of activity adds to the common ones (and `title` where required)."""
    model = ACTIVITY_MODELS[kind]
    return [name for name, info in model.model_fields.items()
            if name not in COMMON_ACTIVITY_FIELDS or (name == "title" and info.is_required())]


class ProgressFile(_Model):
    year: Year
    district: Text | None = None
    reported_on: IsoDate | None = None
    certificates: list[CertificateEntry] = []
    ended: list[EndedEntry] = []
    activities: list[ActivityEntry] = []

    @field_validator("certificates", "ended", "activities", mode="before")
    @classmethod
    def _empty_section(cls, value: Any) -> Any:
        """`certificates:` with every entry still commented out is an empty list."""
        return [] if value is None else value


@dataclass(frozen=True)
class Report:
    """One progress file, validated, with the marks of its values."""

    data: ProgressFile
    source: Source

    @property
    def file(self) -> str:
        return self.source.file
