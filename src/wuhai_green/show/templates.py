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
from wuhai_green.model.targets import TARGETS_SCHEMA
from wuhai_green.show.display import Display


def template_text(show: Display, area: Area, year: int) -> str:
    """A report for the year and district whose examples, uncommented, form a valid file."""
    plan, tr = show.plan, show.tr
    kinds = list(plan.certificate_types.values())
    example = kinds[0]
    tonnes_types = [kind.id for kind in kinds
                    if (indicator := plan.indicator_of(kind.id))
                    and measure_of(plan, indicator).in_tonnes]
    issued = date(year, 6, 15)
    expires = default_expiry(issued, example.validity_years)
    return (
        f"{tr('template.head', area=show.area(area), year=year)}"
        f"year: {year}\n"
        f"district: {area.name}\n"
        f"reported_on: {year + 1}-01-15\n"
        "certificates:\n"
        f"#  - id: LB-00-0000000000A        # {tr('template.number')}\n"
        f"#    type: {example.id:<20}# {' | '.join(plan.certificate_types)}\n"
        f"#    product: {tr('template.product')}\n"
        f"#    holder: {tr('template.holder')}\n"
        f"#    output_tonnes: 100          # {tr('template.required', types=show.join(tonnes_types))}\n"
        f"#    area_mu: 300                 # {tr('template.optional')}\n"
        f"#    issued: {issued}\n"
        f"#    expires: {expires}          # "
        f"{tr('template.expiry_rule', years=example.validity_years)}\n"
        f"#  # renews: LB-00-0000000000A    # {tr('template.renews_rule')}\n"
        "ended:\n"
        "#  - id: LB-00-0000000000A\n"
        f"#    date: {year}-09-01\n"
        f"#    reason: {tr('template.reason')}\n"
        "activities:\n"
        "#  - type: exchange_meeting\n"
        f"#    date: {year}-05-20\n"
        f"#    title: {tr('template.meeting')}\n"
    )


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
