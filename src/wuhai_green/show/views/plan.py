"""`wuhai plan`: the plan document as tables, and as data for machines."""

from __future__ import annotations

from datetime import date
from typing import Any

from wuhai_green.core import metrics
from wuhai_green.core.measures import goal_measure
from wuhai_green.core.numbers import plain
from wuhai_green.model.marks import PathKey
from wuhai_green.model.plan import Annex, Indicator, Plan, walk
from wuhai_green.show.display import Display, number, unit_id, with_unit
from wuhai_green.show.page import Cell, Page, TableView, figure_cell


def plan_page(show: Display) -> Page:
    plan = show.plan
    data = plan.data
    tr = show.tr
    mark = Marks(show)
    tables = [goals_table(show, mark), areas_table(show)]
    tables += annex_tables(show)
    tables += [types_table(show, mark), tasks_table(show, mark), measures_table(show, mark)]
    experts_annex = data.annexes.experts
    experts = TableView(_annex_title(show, experts_annex) if experts_annex else tr("plan.experts"),
                        [tr("col.name"), tr("col.organization"), tr("col.title")],
                        wrap=frozenset({1}))
    for expert in data.experts:
        experts.rows.append([Cell(expert.name), Cell(show.term(expert.organization)),
                             Cell(show.term(expert.title))])
    tables.append(experts)
    if plan.decisions:
        tables.append(decisions_table(show))
    return Page(plan_json(plan), tables, plan_notes(show, mark), _plan_csv(plan))


class Marks:
    """The marks of the values the document does not state: 〔决定n〕 after a value decided
    by the project, n its number in the table of decisions (the legend)."""

    def __init__(self, show: Display) -> None:
        self.show = show
        self.used = False

    def of(self, *rules: str) -> str:
        found = [use for rule in rules if (use := self.show.plan.decision(rule)) is not None]
        if found:
            self.used = True
        return "".join(self.show.tr("plan.decided_mark", n=use.number) for use in found)

    def field(self, item: Any, name: str) -> str:
        """The mark of an item's field, where its `source:` names a decision."""
        rule = item.source.get(name)
        return "" if rule is None else self.of(rule)


def goals_table(show: Display, mark: Marks) -> TableView:
    tr = show.tr
    data = show.plan.data
    table = TableView(tr("plan.goals"), [tr("col.goal"), tr("col.value"), tr("col.band"),
                                         tr("col.types")], numeric=frozenset({1}),
                      wrap=frozenset({0, 3}))
    for goal in data.goals:
        unit_text = show.unit_name(goal.unit) or ""
        lower, upper = metrics.goal_band(show.plan, goal)
        measure = goal_measure(goal)
        if upper is None:
            band = tr("plan.band_at_least", band=with_unit(f"≥ {show.figure(measure, lower)}",
                                                           show.goal_unit(goal)))
        else:
            band = tr("plan.band_about", band=with_unit(
                f"{show.figure(measure, lower)}–{show.figure(measure, upper)}",
                show.goal_unit(goal)))
            band += mark.of("about_band", *(["about_min_items"] if measure.whole_units else []))
        kinds = ", ".join(_type_name(kind, show) for kind in goal.certificate_types)
        value = figure_cell(plain(goal.value), goal.value,
                            suffix=f" {unit_text}" if unit_text else "")
        table.rows.append([Cell(show.name(goal)), value, Cell(band),
                           Cell(kinds + mark.field(goal, "certificate_types"))])
    return table


def areas_table(show: Display) -> TableView:
    tr = show.tr
    table = TableView(tr("plan.areas"), [tr("col.area"), tr("col.aliases"), tr("col.products"),
                                         tr("col.base_type")], wrap=frozenset({2, 3}))
    for area in walk(show.plan.root):
        layout = area.layout
        base = "" if layout is None else (layout.base_type_en if show.lang == "en" and
                                          layout.base_type_en else layout.base_type)
        table.rows.append([Cell(show.area(area)), Cell(", ".join(area.aliases)),
                           Cell(show.term("、".join(layout.products)) if layout else ""),
                           Cell(base or "")])
    return table


def _annex_title(show: Display, annex: Annex, **extra: Any) -> str:
    name = annex.en if show.lang == "en" and annex.en else annex.zh
    return show.tr("plan.annex_title", label=show.term(annex.label), name=name, **extra)


def annex_tables(show: Display) -> list[TableView]:
    """附件1 (a stock, headed as the document heads it) and 附件2 (cumulative additions)."""
    plan = show.plan
    data = plan.data
    tr = show.tr
    indicators = data.indicators
    heads = data.annexes.baselines
    year = data.period.baseline_year

    def baseline_head(indicator: Indicator) -> str:
        column = heads.columns.get(indicator.id) if heads else None
        if column is None:
            return show.titled(indicator)
        name = column.en if show.lang == "en" and column.en else column.zh
        unit = show.unit_label(indicator)
        return f"{name} ({unit})" if unit else name

    baselines = TableView(
        tr("plan.annex_baselines", title=_annex_title(show, heads), year=year) if heads
        else tr("plan.baselines", year=year),
        [tr("col.area")] + [baseline_head(i) for i in indicators],
        numeric=frozenset(range(1, len(indicators) + 1)),
    )
    targets_annex = data.annexes.targets
    targets = TableView(
        tr("plan.annex_targets", title=_annex_title(show, targets_annex)) if targets_annex
        else tr("plan.targets"),
        [tr("col.area"), tr("col.indicator")] + [str(y) for y in data.period.milestones],
        numeric=frozenset(range(2, len(data.period.milestones) + 2)), wrap=frozenset({1}))
    for area in walk(plan.root):
        baselines.rows.append([Cell(show.area(area))] + [
            show.amount_cell(i, plan.baseline(area, i)) for i in indicators])
        for indicator in indicators:
            targets.rows.append(
                [Cell(show.area(area)), Cell(show.titled(indicator))]
                + [show.amount_cell(indicator, plan.milestone_target(area, indicator, year))
                   for year in data.period.milestones])
    return [baselines, targets]


def types_table(show: Display, mark: Marks) -> TableView:
    tr = show.tr
    data = show.plan.data
    confirmation = data.rules.yearly_confirmation
    confirmed = set(metrics.confirmed_types(show.plan))
    headers = [tr("col.type"), tr("col.validity"), tr("col.lead")]
    if confirmed:
        headers.append(tr("col.confirmation"))
    table = TableView(tr("plan.types"), headers, wrap=frozenset({0}))
    for kind in data.certificate_types:
        row = [Cell(show.name(kind)),
               Cell(tr("years", n=kind.validity_years) + mark.field(kind, "validity_years")),
               Cell(_lead(kind.renewal_lead.months, kind.renewal_lead.days, show)
                    + mark.field(kind, "renewal_lead"))]
        if confirmed:
            lead = confirmation.renewal_lead
            row.append(Cell(tr("plan.confirmation", lead=_lead(lead.months, lead.days, show))
                            + mark.of("yearly_confirmation") if kind.id in confirmed else "—"))
        table.rows.append(row)
    return table


def tasks_table(show: Display, mark: Marks) -> TableView:
    tr = show.tr
    table = TableView(tr("plan.tasks"), [tr("col.section"), tr("col.task"), tr("col.owner"),
                                         tr("col.recipient"), tr("col.due"), tr("col.detail")],
                      wrap=frozenset({1, 2, 3, 5}))
    for task in show.plan.data.tasks:
        due = Cell("") if task.due is None else figure_cell(
            str(task.due), task.due, suffix=mark.field(task, "due"))
        table.rows.append([Cell(task.section), Cell(show.name(task)),
                           Cell(show.term(task.owner) + mark.field(task, "owner")),
                           Cell(show.term(task.recipient or "")), due, Cell(task.detail)])
    return table


def measures_table(show: Display, mark: Marks) -> TableView:
    """Each measure once, with its detail as printed; its parts on the rows below it, with
    their owner where the document names one, how often, and what records them."""
    tr = show.tr
    table = TableView(tr("plan.measures"), [tr("col.section"), tr("col.measure"),
                                            tr("col.owner"), tr("col.detail")],
                      wrap=frozenset({1, 2, 3}))
    for item in show.plan.data.measures:
        table.rows.append([Cell(item.section), Cell(show.name(item)),
                           Cell(show.term(item.owner) + mark.field(item, "owner")),
                           Cell(item.detail + _recorded(show, item.activity))])
        for part in item.parts:
            owner = "" if part.owner is None else show.term(part.owner) + mark.field(part, "owner")
            how = []
            if part.frequency is not None:
                how.append(tr("plan.frequency", per_year=part.frequency.per_year,
                              hosts=part.frequency.hosts)
                           + tr("plan.rotation") + mark.field(part, "frequency.rotation"))
            table.rows.append([Cell(""), Cell(tr("plan.part", name=show.name(part))),
                               Cell(owner),
                               Cell("；".join(how) + _recorded(show, part.activity))])
    return table


def _recorded(show: Display, kind: str | None) -> str:
    """How the reports record a task or measure: as activities of this kind."""
    return "" if kind is None else show.tr("plan.recorded_as", kind=kind)


def decisions_table(show: Display) -> TableView:
    """The legend of the marks: every value the document does not state, what this project
    decided and why, and what it follows."""
    tr = show.tr
    table = TableView(tr("plan.decisions"), [tr("col.decision_no"), tr("col.decision"),
                                             tr("col.source")], wrap=frozenset({1, 2}))
    confirmation = show.plan.data.rules.yearly_confirmation
    for use in show.plan.decisions:
        text = use.decision.en if show.lang == "en" else use.decision.zh
        if use.id == "yearly_confirmation":
            text += tr("plan.rule_on" if confirmation.enabled else "plan.rule_off")
        table.rows.append([Cell(tr("plan.decided_no", n=use.number)), Cell(text),
                           Cell(use.decision.source)])
    return table


def plan_notes(show: Display, mark: Marks) -> list[str]:
    """The header (title, issuer, date, period), to whom and whom to contact, the notes
    printed under the annexes, and the legend of the marks."""
    tr = show.tr
    data = show.plan.data
    header = data.document
    notes = [tr("plan.header", title=header.title_en if show.lang == "en" and header.title_en
                else header.title, issuer=header.issuer_en if show.lang == "en" and
                header.issuer_en else header.issuer, date=header.date,
                start=data.period.start, end=data.period.end)]
    if header.recipients:
        notes.append(tr("plan.recipients", recipients=show.term(header.recipients)))
    if header.contact is not None:
        contact = header.contact
        notes.append(tr("plan.contact_phone", name=contact.name, phone=contact.phone)
                     if contact.phone else tr("plan.contact", name=contact.name))
    for annex in (data.annexes.baselines, data.annexes.targets, data.annexes.experts):
        for note in annex.notes if annex else []:
            text = note.en if show.lang == "en" and note.en else note.zh
            notes.append(tr("plan.annex_note", annex=show.term(annex.label) if annex else "",
                            label=show.term(note.label), text=text))
    if mark.used:
        notes.append(tr("plan.decided_legend"))
    return notes


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
    """The whole plan, figures as in the file plus tonnes, for machines; and every decision
    of the project with its number, its reason, its source and the values it decides."""
    data = plan.data.model_dump(mode="python", by_alias=True)
    data["schema"] = "wuhai-green/plan@1"
    data["figures"] = _plan_csv(plan)
    data["decisions"] = [{"number": use.number, "id": use.id, "zh": use.decision.zh,
                          "en": use.decision.en, "source": use.decision.source,
                          "applies_to": [_dotted(plan, path) for path in use.applies_to]}
                         for use in plan.decisions]
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


def _dotted(plan: Plan, path: PathKey) -> str:
    """A place in the plan file as `certificate_types.organic.validity_years`: list items
    by their id where they have one."""
    parts: list[str] = []
    item: Any = plan.data
    for step in path:
        if isinstance(step, int):
            item = item[step]
            parts.append(str(getattr(item, "id", step)))
        else:
            item = getattr(item, step, None)
            parts.append(step)
    return ".".join(parts)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
