"""`wuhai plan`: the plan document as tables, and as data for machines."""

from __future__ import annotations

from datetime import date
from typing import Any

from wuhai_green.core.numbers import plain
from wuhai_green.model.plan import Plan, walk
from wuhai_green.show.display import Display, number, unit_id
from wuhai_green.show.page import Cell, Page, TableView, figure_cell


def plan_page(show: Display) -> Page:
    plan = show.plan
    data = plan.data
    tr = show.tr
    goals = TableView(tr("plan.goals"), [tr("col.goal"), tr("col.value"), tr("col.band"),
                                         tr("col.types")], numeric=frozenset({1}),
                      wrap=frozenset({0, 3}))
    for goal in data.goals:
        unit = data.units.get(goal.unit)
        unit_text = "" if unit is None else (unit.en if show.lang == "en" else unit.zh)
        goals.rows.append([Cell(show.name(goal)),
                           figure_cell(plain(goal.value), goal.value,
                                       suffix=f" {unit_text}" if unit_text else ""),
                           Cell(tr("band." + goal.band)),
                           Cell(", ".join(_type_name(kind, show) for kind in goal.certificate_types))])
    areas = TableView(tr("plan.areas"), [tr("col.area"), tr("col.aliases"), tr("col.products"),
                                         tr("col.base_type")], wrap=frozenset({2, 3}))
    for area in walk(plan.root):
        layout = area.layout
        base = "" if layout is None else (layout.base_type_en if show.lang == "en" and
                                          layout.base_type_en else layout.base_type)
        areas.rows.append([Cell(show.area(area)), Cell(", ".join(area.aliases)),
                           Cell(show.term("、".join(layout.products)) if layout else ""),
                           Cell(base or "")])
    baselines = TableView(
        tr("plan.baselines", year=data.period.baseline_year),
        [tr("col.area")] + [show.titled(i) for i in data.indicators],
        numeric=frozenset(range(1, len(data.indicators) + 1)),
    )
    targets = TableView(tr("plan.targets"), [tr("col.area"), tr("col.indicator")]
                        + [str(year) for year in data.period.milestones],
                        numeric=frozenset(range(2, len(data.period.milestones) + 2)),
                        wrap=frozenset({1}))
    for area in walk(plan.root):
        baselines.rows.append([Cell(show.area(area))] + [
            show.amount_cell(i, plan.baseline(area, i)) for i in data.indicators])
        for indicator in data.indicators:
            targets.rows.append(
                [Cell(show.area(area)),
                 Cell(show.titled(indicator))]
                + [show.amount_cell(indicator, plan.milestone_target(area, indicator, year))
                   for year in data.period.milestones])
    types = TableView(tr("plan.types"), [tr("col.type"), tr("col.validity"), tr("col.lead")],
                      wrap=frozenset({0}))
    for kind in data.certificate_types:
        types.rows.append([Cell(show.name(kind)), Cell(tr("years", n=kind.validity_years)),
                           Cell(_lead(kind.renewal_lead.months, kind.renewal_lead.days, show))])
    tasks = TableView(tr("plan.tasks"), [tr("col.section"), tr("col.task"), tr("col.owner"),
                                         tr("col.recipient"), tr("col.due")],
                      wrap=frozenset({1, 2, 3}))
    for task in data.tasks:
        tasks.rows.append([Cell(task.section), Cell(show.name(task)),
                           Cell(show.term(task.owner)),
                           Cell(show.term(task.recipient or "")),
                           Cell("") if task.due is None else figure_cell(str(task.due), task.due)])
    measures = TableView(tr("plan.measures"), [tr("col.section"), tr("col.measure"),
                                               tr("col.owner"), tr("col.detail")],
                         wrap=frozenset({1, 2, 3}))
    for item in data.measures:
        measures.rows.append([Cell(item.section), Cell(show.name(item)),
                              Cell(show.term(item.owner)), Cell(item.detail)])
    experts = TableView(tr("plan.experts"), [tr("col.name"), tr("col.organization"),
                                             tr("col.title")], wrap=frozenset({1}))
    for expert in data.experts:
        experts.rows.append([Cell(expert.name), Cell(show.term(expert.organization)),
                             Cell(show.term(expert.title))])
    header = data.document
    notes = [tr("plan.header", title=header.title_en if show.lang == "en" and header.title_en
                else header.title, issuer=header.issuer_en if show.lang == "en" and
                header.issuer_en else header.issuer, date=header.date,
                start=data.period.start, end=data.period.end)]
    return Page(plan_json(plan), [goals, areas, baselines, targets, types, tasks, measures,
                                  experts], notes, _plan_csv(plan))


def _type_name(kind: str, show: Display) -> str:
    found = show.plan.certificate_types.get(kind)
    return show.name(found) if found else kind


def _lead(months: int, days: int, show: Display) -> str:
    parts = []
    if months:
        parts.append(show.tr("months", n=months))
    if days:
        parts.append(show.tr("days", n=days))
    return " ".join(parts) or "—"


def plan_json(plan: Plan) -> dict[str, Any]:
    """The whole plan, figures as in the file plus tonnes, for machines."""
    data = plan.data.model_dump(mode="python", by_alias=True)
    data["schema"] = "wuhai-green/plan@1"
    data["figures"] = _plan_csv(plan)
    jsonable: dict[str, Any] = _jsonable(data)
    return jsonable


def _plan_csv(plan: Plan) -> list[dict[str, Any]]:
    rows = []
    for area in walk(plan.root):
        for indicator in plan.data.indicators:
            for year in [plan.data.period.baseline_year, *plan.data.period.milestones]:
                is_baseline = year == plan.data.period.baseline_year
                value = (plan.baseline(area, indicator) if is_baseline
                         else plan.milestone_target(area, indicator, year))
                rows.append({"area": area.name, "indicator": indicator.id,
                             "kind": "baseline" if is_baseline else "cumulative_target",
                             "year": year, "unit": unit_id(plan, indicator),
                             "value": number(value)})
    return rows


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
