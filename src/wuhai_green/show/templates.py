"""The files the tool writes for people to keep: the commented template of `wuhai new` and
the adjusted targets of `wuhai adjust --write`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from wuhai_green.core.dates import default_expiry
from wuhai_green.core.measures import measure_of
from wuhai_green.core.metrics import AdjustRow
from wuhai_green.core.numbers import plain
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
    recipient = next((task.recipient for task in plan.data.tasks
                      if task.activity == "brand_plan" and task.recipient), None)
    from_plan = {"host": area.name, "recipient": recipient,
                 "expert": plan.data.experts[0].name if plan.data.experts else None}
    numbers = {"batches": "10", "passed": "10", "failed": "0", "penalties": "0",
               "participants": "30", "channel": "e-commerce"}
    return from_plan.get(field) or numbers.get(field) or show.tr("template.value." + field)


def report_path(area: Area, year: int, folder: Path) -> Path:
    slug = area.aliases[0] if area.aliases else area.name
    return folder / f"{year}-{slug}.yaml"


def targets_yaml(rows: list[AdjustRow], year: int, today: date) -> str:
    """The adjusted cumulative targets as YAML (tonnes and counts), one area a block."""
    lines = [
        "# Adjusted cumulative targets written by `wuhai adjust --write`.",
        "# `wuhai status --targets FILE` tracks against them instead of the plan's for this year.",
        f"schema: {TARGETS_SCHEMA}",
        f"year: {year}",
        f"based_on: {year - 1}",
        f"generated_on: {today.isoformat()}",
        "unit: t",
        "targets:",
    ]
    by_area: dict[str, list[AdjustRow]] = {}
    for row in rows:
        by_area.setdefault(row.area.name, []).append(row)
    for area, area_rows in by_area.items():
        lines.append(f"  {area}:")
        lines += [f"    {row.indicator.id}: {plain(row.adjusted_target)}" for row in area_rows]
    return "\n".join(lines) + "\n"
