"""The files the tool writes for people to keep: the commented template of `wuhai new`,
the adjusted targets of `wuhai adjust --write`, and the progress file of `wuhai import`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from wuhai_green.core.dates import default_expiry
from wuhai_green.core.importing import ImportedCertificate, ImportResult, Spot
from wuhai_green.core.measures import measure_of
from wuhai_green.core.numbers import plain
from wuhai_green.core.rows import WrittenTarget
from wuhai_green.model.marks import Mark, PathKey
from wuhai_green.model.plan import Area
from wuhai_green.model.progress import ACTIVITY_TYPES, own_fields
from wuhai_green.model.targets import TARGETS_SCHEMA
from wuhai_green.show.display import Display


def template_text(show: Display, area: Area, year: int) -> str:
    """A report for the year and district: valid as it is ("nothing new this year"), and
    each example, uncommented and filled in, is a valid entry."""
    plan, tr = show.plan, show.tr
    kinds = list(plan.certificate_types.values())
    example = kinds[0]
    tonnes_types = [kind.id for kind in kinds
                    if (indicator := plan.indicator_of(kind.id))
                    and measure_of(plan, indicator).in_tonnes]
    issued = date(year, 6, 15)
    expires = default_expiry(issued, example.validity_years)
    types = " | ".join(f"{kind.id} {show.name(kind)}" for kind in kinds)
    validity = show.join([tr("template.validity_of", type=show.name(kind),
                             years=kind.validity_years) for kind in kinds])
    return (
        f"{tr('template.head', area=show.area(area), year=year)}"
        f"year: {year}\n"
        f"district: {area.name}\n"
        f"reported_on: {year + 1}-01-15\n"
        "certificates:\n"
        f"#  - id: LB-00-0000000000A        # {tr('template.number')}\n"
        f"#    type: {example.id:<20}# {types}\n"
        f"#    product: {tr('template.product')}\n"
        f"#    holder: {tr('template.holder')}\n"
        f"#    output_tonnes: 100          # {tr('template.required', types=show.join(tonnes_types))}\n"
        f"#    area_mu: 300                 # {tr('template.optional')}\n"
        f"#    issued: {issued}\n"
        f"#    expires: {expires}          # {tr('template.expiry_rule', validity=validity)}\n"
        f"#  # renews: LB-00-0000000000A    # {tr('template.renews_rule')}\n"
        "ended:\n"
        "#  - id: LB-00-0000000000A\n"
        f"#    date: {year}-09-01\n"
        f"#    reason: {tr('template.reason')}\n"
        "activities:\n"
        f"# {tr('template.activities')}\n"
        + "".join(_activity_example(show, area, year, kind) for kind in ACTIVITY_TYPES)
    )


def _activity_example(show: Display, area: Area, year: int, kind: str) -> str:
    """One activity of a kind, commented: its type, a date, the fields it needs."""
    lines = [f"#  - type: {kind:<21}# {show.tr('kind.' + kind)}", f"#    date: {year}-05-20"]
    lines += [f"#    {field}: {_example_value(show, area, field)}" for field in own_fields(kind)
              if field != "failures"]
    return "\n".join(lines) + "\n"


def _example_value(show: Display, area: Area, field: str) -> str:
    """An example for a field: from the plan where it names the value, else a word."""
    plan = show.plan
    task = plan.task_recorded_by("brand_plan")
    recipient = task.recipient if task else None
    from_plan = {"host": area.name, "inspected": area.name, "recipient": recipient,
                 "expert": plan.data.experts[0].name if plan.data.experts else None}
    numbers = {"batches": "10", "passed": "10", "failed": "0", "penalties": "0",
               "participants": "30", "channel": "e-commerce", "subjects": "5"}
    return from_plan.get(field) or numbers.get(field) or show.tr("template.value." + field)


def report_path(area: Area, year: int, folder: Path) -> Path:
    slug = area.aliases[0] if area.aliases else area.name
    return folder / f"{year}-{slug}.yaml"


def targets_yaml(show: Display, figures: list[WrittenTarget], year: int, today: date) -> str:
    """The adjusted cumulative targets as YAML (tonnes and counts), one area a block, under
    a header in the chosen language; the city's extra additions for its goals, part of its
    target, under `goal_extra`."""
    lines = [
        *(f"# {line}" for line in show.tr("targets.header", year=year).splitlines()),
        f"schema: {TARGETS_SCHEMA}",
        f"year: {year}",
        f"based_on: {year - 1}",
        f"generated_on: {today.isoformat()}",
        "unit: t",
        "targets:",
    ]
    by_area: dict[str, list[WrittenTarget]] = {}
    for figure in figures:
        by_area.setdefault(figure.area.name, []).append(figure)
    for area, area_figures in by_area.items():
        lines.append(f"  {yaml_scalar(area)}:")
        lines += [f"    {figure.indicator.id}: {plain(figure.target)}" for figure in area_figures]
    extras = [figure for figure in figures if figure.goal_extra]
    if extras:
        lines += [f"# {show.tr('targets.goal_extra')}", "goal_extra:"]
        for area in dict.fromkeys(figure.area.name for figure in extras):
            lines.append(f"  {yaml_scalar(area)}:")
            lines += [f"    {figure.indicator.id}: {plain(figure.goal_extra)}"
                      for figure in extras if figure.area.name == area]
    return "\n".join(lines) + "\n"


# --- the progress file of `wuhai import` ---------------------------------------------------

_PLAIN = re.compile(r"[\w（(][^:#\"'\n]*")
_YAML_WORDS = {"null", "true", "false", "~", "yes", "no", "on", "off"}


def yaml_scalar(text: str) -> str:
    """Text as a YAML scalar that reads back as the same text: plain where it can be, else
    double-quoted with every character that is not printable escaped (JSON's escapes are
    YAML's; a line separator inside quotes would be folded into a space)."""
    if (_PLAIN.fullmatch(text) and text.isprintable() and text == text.strip()
            and text.lower() not in _YAML_WORDS):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    if quoted.isprintable():
        return quoted
    return "".join(ch if ch.isprintable() else
                   (f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
                   for ch in quoted)


@dataclass(frozen=True)
class ImportedFile:
    """The progress file of an import, written once as data and once as text from it."""

    text: str  # the YAML (DESIGN §4; a comment names the sheet, each entry its cell)
    document: dict[str, Any]  # the same values, as the models read them
    marks: dict[PathKey, Mark]  # where each value of `document` stands in `text`
    places: dict[int, Spot]  # the cell (row, column) each line of `text` came from


class _Writer:
    """Lines of YAML, with the place of each value written and the cell it came from."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.marks: dict[PathKey, Mark] = {}
        self.places: dict[int, Spot] = {}

    def value(self, path: PathKey, written: str, place: Spot, indent: str = "") -> None:
        key = str(path[-1])
        self.lines.append(f"{indent}{key}: {written}")
        self.marks[path] = Mark(len(self.lines), len(indent) + len(key) + 3)
        self.places[len(self.lines)] = place

    def item(self, path: PathKey, fields: list[tuple[str, Any, str, Spot]]) -> dict[str, Any]:
        """A list item of `fields` (key, value, its text, its cell): its data."""
        lines, marks, places = self.lines, self.marks, self.places
        marks[path] = Mark(len(lines) + 1, 5)
        data = {}
        for key, value, written, place in fields:  # inlined `value`: once per field of 10,000s
            data[key] = value
            lines.append(f"    {key}: {written}")
            marks[(*path, key)] = Mark(len(lines), len(key) + 7)
            places[len(lines)] = place
        lines[len(lines) - len(fields)] = "  - " + lines[len(lines) - len(fields)][4:]
        return data


def imported_file(show: Display, result: ImportResult, district: str | None, today: date
                  ) -> ImportedFile:
    """The progress file of an import: one document whose text and data come from the
    same values (a test holds that the text reads back as the data)."""
    table = result.table
    out = _Writer()
    sheet = "" if table.sheet is None else show.tr("import.yaml_sheet", sheet=table.sheet)
    out.lines.append(show.tr("import.yaml_head", file=table.file, sheet=sheet,
                             first=result.first_row, last=result.last_row,
                             date=today.isoformat()))
    first_cell = (result.first_row or 1, 1)
    document: dict[str, Any] = {"year": result.year}
    out.value(("year",), str(result.year), first_cell)
    if district is not None:
        document["district"] = district
        out.value(("district",), district, first_cell)
    out.lines.append("certificates:" if result.certificates else "certificates: []")
    certificates = []
    for index, entry in enumerate(result.certificates):
        certificates.append(out.item(("certificates", index), _certificate_fields(entry, district)))
        if entry.note:
            out.lines.append("    # " + show.tr("import.yaml_note", note=_short(entry.note)))
    document["certificates"] = certificates
    if result.ended:
        out.lines.append("ended:")
        document["ended"] = [out.item(("ended", index), [
            ("id", end.id, f"{yaml_scalar(end.id)}  # {end.place.cell}", end.fields.spot("id")),
            ("date", end.date, end.date.isoformat(), end.fields.spot("status_date")),
            ("reason", end.reason, yaml_scalar(end.reason), end.fields.spot("status")),
        ]) for index, end in enumerate(result.ended)]
    return ImportedFile("\n".join(out.lines) + "\n", document, out.marks, out.places)


def _short(note: str) -> str:
    return note if len(note) <= 60 else note[:59] + "…"


def _certificate_fields(entry: ImportedCertificate, district: str | None
                        ) -> list[tuple[str, Any, str, Spot]]:
    """(key, value, its text, its cell) of an entry, in the order of DESIGN §4."""
    cell = entry.fields.spot
    dated = "issued" if "issued" in entry.fields else "validity"
    fields: list[tuple[str, Any, str, Spot]] = [
        ("id", entry.id, f"{yaml_scalar(entry.id)}  # {entry.place.cell}", cell("id")),
        ("type", entry.type, entry.type, cell("type"))]
    if district is None:
        fields.append(("district", entry.district, entry.district, cell("district")))
    for key, text in (("product", entry.product), ("holder", entry.holder)):
        if text is not None:
            fields.append((key, text, yaml_scalar(text), cell(key)))
    for key, amount in (("output_tonnes", entry.output_tonnes), ("area_mu", entry.area_mu)):
        if amount is not None:
            fields.append((key, amount, plain(amount), cell(key)))
    fields.append(("issued", entry.issued, entry.issued.isoformat(), cell(dated)))
    if entry.expires is not None:
        fields.append(("expires", entry.expires, entry.expires.isoformat(),
                       cell("expires" if "expires" in entry.fields else "validity")))
    if entry.renews is not None:
        fields.append(("renews", entry.renews, yaml_scalar(entry.renews), cell("renews")))
    return fields
