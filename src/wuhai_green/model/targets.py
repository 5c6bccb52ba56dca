"""The adjusted-targets file: written by `wuhai adjust --write`, tracked by `wuhai status
--targets`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from wuhai_green.model.fields import IsoDate, Quantity, Text, Year

TARGETS_SCHEMA = "wuhai-green/targets@1"


class TargetsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    schema_: Text = Field(alias="schema")
    year: Year
    based_on: Year
    generated_on: IsoDate | None = None
    unit: Text = "t"
    targets: dict[Text, dict[Text, Quantity]]
    # the part of an area's target that is the city's extra additions for its goals (the
    # goal outlook of `wuhai adjust`): the area's target is its children's sum plus this
    goal_extra: dict[Text, dict[Text, Quantity]] = {}
