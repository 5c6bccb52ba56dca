"""The files the tool writes for people to keep: the commented template of `wuhai new` and
the adjusted targets of `wuhai adjust --write`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from wuhai_green.core.dates import default_expiry
from wuhai_green.core.measures import measure_of
from wuhai_green.core.metrics import AdjustRow
from wuhai_green.core.numbers import plain
from wuhai_green.model.plan import Area, Plan
from wuhai_green.model.targets import TARGETS_SCHEMA
from wuhai_green.show.i18n import Lang


def template_text(plan: Plan, area: Area, year: int, lang: Lang) -> str:
    """A report for the year and district whose examples, uncommented, form a valid file."""
    kinds = list(plan.certificate_types.values())
    example = kinds[0]
    tonnes_types = [kind.id for kind in kinds
                    if (indicator := plan.indicator_of(kind.id)) and measure_of(plan, indicator).in_tonnes]
    issued = date(year, 6, 15)
    expires = default_expiry(issued, example.validity_years)
    if lang == "en":
        head = (f"# Progress report {year}, {area.en or area.name}: certificates awarded or renewed\n"
                f"# during {year}, certificates that ended early, and activities of the plan.\n"
                "# Uncomment and fill in the examples, delete what you do not need;\n"
                "# `wuhai validate` checks the file.\n")
        required = f"required for {', '.join(tonnes_types)}; leave out for the others"
        optional = "optional"
        words = {"number": "product / certificate number", "product": "product name",
                 "holder": "holder name", "reason": "production stopped",
                 "meeting": "exchange meeting on green and organic brands"}
        expiry_rule = f"optional; default: issued + {example.validity_years} years - 1 day"
        renews_rule = "optional: the certificate this renews or confirms"
    else:
        head = (f"# {area.name} {year} 年进度报告：本年获证或续展的证书、提前终止的证书、方案各项活动。\n"
                "# 去掉示例行首的 # 并填写，不需要的删除；填写后用 `wuhai validate` 检查。\n")
        required = f"{'、'.join(tonnes_types)} 必填；其他类型不填"
        optional = "选填"
        words = {"number": "产品编号 / 证书编号", "product": "产品名称", "holder": "获证主体名称",
                 "reason": "企业停产", "meeting": "绿色有机品牌经验交流座谈会"}
        expiry_rule = f"选填；默认：发证日 + {example.validity_years} 年 - 1 天"
        renews_rule = "选填：所续展或确认的原证书编号"
    return (
        f"{head}"
        f"year: {year}\n"
        f"district: {area.name}\n"
        f"reported_on: {year + 1}-01-15\n"
        "certificates:\n"
        f"#  - id: LB-00-0000000000A        # {words['number']}\n"
        f"#    type: {example.id:<20}# {' | '.join(plan.certificate_types)}\n"
        f"#    product: {words['product']}\n"
        f"#    holder: {words['holder']}\n"
        f"#    output_tonnes: 100          # {required}\n"
        f"#    area_mu: 300                 # {optional}\n"
        f"#    issued: {issued}\n"
        f"#    expires: {expires}          # {expiry_rule}\n"
        f"#  # renews: LB-00-0000000000A    # {renews_rule}\n"
        "ended:\n"
        "#  - id: LB-00-0000000000A\n"
        f"#    date: {year}-09-01\n"
        f"#    reason: {words['reason']}\n"
        "activities:\n"
        "#  - type: exchange_meeting\n"
        f"#    date: {year}-05-20\n"
        f"#    title: {words['meeting']}\n"
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
