"""Progress report files (DESIGN §4): models and reading of a folder of reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from wuhai_green.errors import DataError, Problem
from wuhai_green.fields import IsoDate, PositiveQuantity, Quantity, Text, Year
from wuhai_green.reading import Located, read_yaml
from wuhai_green.validation import validate


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CertificateEntry(_Model):
    id: Text
    type: Text
    district: Text | None = None
    product: Text
    holder: Text
    output_tonnes: PositiveQuantity | None = None
    area_mu: Quantity | None = None
    issued: IsoDate
    expires: IsoDate | None = None
    renews: Text | None = None


class EndedEntry(_Model):
    id: Text
    date: IsoDate
    reason: Text | None = None


class ActivityEntry(BaseModel):
    """An activity of the plan's tasks and measures; its kinds are checked by `activities`."""

    model_config = ConfigDict(extra="allow", frozen=True)

    type: Text
    date: IsoDate | None = None
    district: Text | None = None
    title: Text | None = None


class ProgressFile(_Model):
    year: Year
    district: Text | None = None
    reported_on: IsoDate | None = None
    certificates: list[CertificateEntry] = []
    ended: list[EndedEntry] = []
    activities: list[ActivityEntry] = []


@dataclass(frozen=True)
class Report:
    """One progress file, validated, with the marks of its values."""

    data: ProgressFile
    source: Located

    @property
    def file(self) -> str:
        return self.source.file


def progress_files(folder: Path) -> list[Path]:
    """The report files of a folder: *.yaml and *.yml, not starting with `_`, sorted."""
    found = [
        path
        for pattern in ("*.yaml", "*.yml")
        for path in folder.glob(pattern)
        if not path.name.startswith("_")
    ]
    return sorted(found)


def read_report(path: Path) -> tuple[Report | None, list[Problem]]:
    """One report, or None with its problems; warnings come back in the list too."""
    try:
        located = read_yaml(path)
    except DataError as error:
        return None, error.problems
    data, problems = validate(ProgressFile, located)
    if data is None:
        return None, problems + located.warnings
    return Report(data, located), located.warnings
