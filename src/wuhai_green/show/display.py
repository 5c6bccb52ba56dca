"""How things are shown to a person: in a language, with tonnes in a chosen unit, with the
plan's names and glossary. Bound once per command: `Display(plan, lang, unit)`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from wuhai_green.core.measures import Measure, goal_measure, measure_of
from wuhai_green.core.numbers import for_json, plain, shown
from wuhai_green.model.plan import Area, Goal, Indicator, Plan
from wuhai_green.show.i18n import Lang, t
from wuhai_green.show.page import Cell, figure_cell

DisplayUnit = Literal["t", "wan-t"]


@dataclass(frozen=True)
class Display:
    plan: Plan
    lang: Lang
    unit: DisplayUnit = "t"

    def tr(self, key: str, /, **params: Any) -> str:
        return t(key, self.lang, **params)

    def name(self, item: Any) -> str:
        """The label of anything with `zh` and `en`."""
        return str(item.en if self.lang == "en" and item.en else item.zh)

    def area(self, area: Area | str) -> str:
        """An area's label; a name the plan does not know is shown as it is."""
        found = self.plan.find_area(area) if isinstance(area, str) else area
        return found.label(self.lang) if found is not None else str(area)

    def join(self, names: list[str]) -> str:
        return "、".join(names) if self.lang == "zh" else ", ".join(names)

    def status(self, status: str) -> str:
        return self.tr("status." + status)

    def term(self, text: str) -> str:
        """A name or word from the plan in the display language (the plan's glossary); parts
        joined by "; " or "、" are looked up one by one."""
        if self.lang != "en" or not text:
            return text
        for separator in ("; ", "、"):
            if separator in text:
                return ("; " if separator == "; " else ", ").join(
                    self.term(part) for part in text.split(separator))
        return self.plan.data.glossary.get(text, text)

    def unit_name(self, unit_id: str) -> str | None:
        unit = self.plan.data.units.get(unit_id)
        return None if unit is None else str(unit.en if self.lang == "en" else unit.zh)

    def unit_label(self, indicator: Indicator) -> str:
        unit_key = self.unit if measure_of(self.plan, indicator).in_tonnes else indicator.unit
        unit = self.unit_name(unit_key)
        return self.tr("unit.t") if unit is None else unit  # a plan without wan-t: tonnes

    def tonnes_label(self) -> str:
        unit = self.unit_name(self.unit)
        return self.tr("unit.t") if unit is None else unit

    def goal_unit(self, goal: Goal) -> str:
        """The unit of a goal's figures: tonnes in the display unit, or the goal's own
        (个, or nothing in English)."""
        if goal_measure(goal).in_tonnes:
            return self.tonnes_label()
        return self.unit_name(goal.unit) or ""

    def titled(self, indicator: Indicator) -> str:
        """The indicator's name with its unit in brackets, where the unit has a name."""
        unit = self.unit_label(indicator)
        return f"{self.name(indicator)} ({unit})" if unit else self.name(indicator)

    def amount(self, indicator: Indicator, value: Decimal | None) -> str:
        """A figure of an indicator (stored in tonnes or a count) in the display unit."""
        return self.measured(measure_of(self.plan, indicator), value)

    def measured(self, measure: Measure, value: Decimal | None) -> str:
        if value is None:
            return "—"
        return self.tonnes(value) if measure.in_tonnes else shown(value, 2)

    def in_unit(self, tonnes: Decimal) -> Decimal:
        """Tonnes converted to the display unit (t, or 万吨 where the plan defines it)."""
        factor = self.plan.data.units.get(self.unit)
        if self.unit == "wan-t" and factor is not None and factor.tonnes:
            return tonnes / factor.tonnes
        return tonnes

    def charted(self, indicator: Indicator, value: Decimal | None) -> Decimal | None:
        """A figure in the display unit for a chart (tonnes or 万吨; counts as they are)."""
        if value is None or not measure_of(self.plan, indicator).in_tonnes:
            return value
        return self.in_unit(value)

    def tonnes(self, value: Decimal) -> str:
        """Tonnes in the display unit, as text (万吨 with 6 places, tonnes with 2)."""
        converted = self.in_unit(value)
        return shown(converted, 2 if converted == value else 6)

    def amount_cell(self, indicator: Indicator, value: Decimal | None, *, mark: str = "",
                    style: str | None = None) -> Cell:
        """A figure of an indicator as a cell: its text in the display unit, and the figure."""
        charted = self.charted(indicator, value)
        if charted is None:
            return Cell(self.amount(indicator, value) + mark, style)
        return figure_cell(self.amount(indicator, value), charted, suffix=mark, style=style)

    def tonnes_cell(self, value: Decimal | None) -> Cell:
        if value is None:
            return Cell("")
        return figure_cell(self.tonnes(value), self.in_unit(value))

    def figure(self, measure: Measure, value: Decimal) -> str:
        """A goal's figure: tonnes in the display unit, or a count as it is."""
        return self.tonnes(value) if measure.in_tonnes else plain(value)

    def figure_cell(self, measure: Measure, value: Decimal, style: str | None = None) -> Cell:
        """A goal's figure as a cell: its text, and the figure in the display unit."""
        return figure_cell(self.figure(measure, value),
                           self.in_unit(value) if measure.in_tonnes else value, style=style)


def spaced(unit: str) -> str:
    """A unit to append to a figure in a sentence: ` 吨`, or nothing for a nameless unit."""
    return f" {unit}" if unit else ""


def with_unit(amount: str, unit: str) -> str:
    """`120 吨`, or just `2` where the unit has no name (counts in English)."""
    return f"{amount} {unit}" if unit and amount != "—" else amount


def number(value: Decimal | None) -> Decimal | None:
    """A figure for JSON: exact up to six decimal places."""
    return None if value is None else for_json(value)


def unit_id(plan: Plan, indicator: Indicator) -> str:
    """The JSON unit: tonnes ("t") for output indicators, else the plan's unit id."""
    return measure_of(plan, indicator).unit_id(indicator.unit)
