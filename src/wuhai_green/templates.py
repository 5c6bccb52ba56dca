"""`wuhai new`: a commented template progress file."""

from __future__ import annotations

from pathlib import Path

from wuhai_green.files import write_atomically
from wuhai_green.i18n import Lang
from wuhai_green.plan import Area, Plan


def template_text(plan: Plan, area: Area, year: int, lang: Lang) -> str:
    types = " | ".join(plan.certificate_types)
    tonnes_types = [kind for kind in plan.certificate_types
                    if (indicator := plan.indicator_of(kind)) and plan.measured_in_tonnes(indicator)]
    if lang == "en":
        head = (f"# Progress report {year}, {area.en or area.name}: certificates awarded or renewed\n"
                f"# during {year}, certificates that ended early, and activities of the plan.\n"
                "# Delete the examples you do not need; `wuhai validate` checks the file.\n")
        required = f"required for {', '.join(tonnes_types)}; leave out for the others"
    else:
        head = (f"# {area.name} {year} 年进度报告：本年获证或续展的证书、提前终止的证书、方案各项活动。\n"
                "# 不需要的示例请删除；填写后用 `wuhai validate` 检查。\n")
        required = f"{'、'.join(tonnes_types)} 必填；其他类型不填"
    return (
        f"{head}"
        f"year: {year}\n"
        f"district: {area.name}\n"
        f"reported_on: {year + 1}-01-15\n"
        "certificates: []\n"
        "#  - id: LB-00-0000000000A        # 产品编号 / 证书编号\n"
        f"#    type: {types}\n"
        "#    product: 产品名称\n"
        "#    holder: 获证主体名称\n"
        f"#    output_tonnes: 100          # {required}\n"
        "#    area_mu: 300                 # optional\n"
        f"#    issued: {year}-06-15\n"
        "#    expires: (optional; default: issued + validity years - 1 day)\n"
        "#    renews: (optional: the certificate id this renews or confirms)\n"
        "ended: []\n"
        "#  - id: LB-00-0000000000A\n"
        f"#    date: {year}-09-01\n"
        "#    reason: 企业停产\n"
        "activities: []\n"
        "#  - type: exchange_meeting\n"
        f"#    date: {year}-05-20\n"
        "#    title: 绿色有机品牌经验交流座谈会\n"
    )


def report_path(area: Area, year: int, folder: Path) -> Path:
    slug = area.aliases[0] if area.aliases else area.name
    return folder / f"{year}-{slug}.yaml"


def write_template(plan: Plan, area: Area, year: int, folder: Path, lang: Lang,
                   overwrite: bool = False) -> Path:
    path = report_path(area, year, folder)
    write_atomically(path, template_text(plan, area, year, lang), overwrite=overwrite)
    return path
