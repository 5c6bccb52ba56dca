"""`wuhai report`: one document a year for the bureau's leadership.

The document is made of the other commands' pages (status, gap, adjust, renewals, tasks),
who has reported, and the charts; the markdown and HTML renderers lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from wuhai_green.core import history, rows
from wuhai_green.core.dates import year_end
from wuhai_green.core.measures import goal_measure, measure_of
from wuhai_green.core.query import Query
from wuhai_green.show import charts
from wuhai_green.show.display import Display, spaced
from wuhai_green.show.page import Page
from wuhai_green.show.views.adjust import adjust_page
from wuhai_green.show.views.gap import gap_page
from wuhai_green.show.views.renewals import expiring_page
from wuhai_green.show.views.reporting import reporting_page
from wuhai_green.show.views.status import status_page
from wuhai_green.show.views.tasks import tasks_page


@dataclass(frozen=True)
class Figure:
    """A chart of the report: its caption, the SVG (None where it could not be drawn: the
    report then says so in its place), and lines under it."""

    caption: str
    svg: str | None
    notes: tuple[str, ...] = ()


@dataclass
class Section:
    title: str
    pages: list[Page] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


@dataclass
class Report:
    title: str
    subtitle: str
    sections: list[Section]
    lang: str
    keep_together: tuple[str, ...] = ()  # names a line must never break inside
    charts_missing: str | None = None  # what stands in each chart's place when not drawn


def build(query: Query, show: Display, with_charts: bool, today: date) -> Report:
    tr = show.tr
    plan, register, year = query.plan, query.register, query.year
    query = query.everywhere()
    sections = [
        Section(tr("report.reporting"), [reporting_page(register, year, today, show)]),
        Section(tr("report.status"), [status_page(query, show)]),
        Section(tr("report.gap"), [gap_page(query, show)]),
    ]
    following = year + 1
    if following <= plan.data.period.end:
        next_year = Query(plan, register, following, query.as_of, query.areas)
        # Its certificates to renew are in the renewals section: one table of them.
        sections.append(Section(tr("report.adjust", year=following), [
            adjust_page(next_year, rows.adjust_rows(next_year), show, with_renewals=False)]))
    else:
        sections.append(Section(tr("report.adjust", year=following),
                                text=[tr("report.plan_ended", end=plan.data.period.end)]))
    sections.append(Section(tr("report.renewals", year=following), [
        expiring_page(register, query.as_of + timedelta(days=1), year_end(following),
                      plan.root, show)]))
    sections.append(Section(tr("report.tasks"), [tasks_page(query, show)]))
    missing = None
    if with_charts:
        draw = charts.available()
        if not draw:
            missing = tr("report.chart_missing")
        sections.append(Section(tr("report.charts"), figures=[
            Figure(caption, charts.to_svg(chart) if draw else None, notes)
            for caption, chart, notes in report_charts(query, show)]))
    header = plan.data.document
    title = tr("report.title", area=show.area(plan.root), year=year)
    subtitle = tr("report.subtitle", document=header.title_en if show.lang == "en" and
                  header.title_en else header.title, as_of=query.as_of,
                  files=len(register.files), certificates=len(register.certificates))
    names = tuple(show.area(area) for area in (plan.root, *plan.districts))
    return Report(title, subtitle, sections, show.lang, names, missing)


ChartSpec = tuple[str, charts.Chart, tuple[str, ...]]  # caption, chart, notes under it


def report_charts(query: Query, show: Display) -> list[ChartSpec]:
    """Per indicator: the city's cumulative target, achieved and projection over the years,
    then each district's on one scale; then the goals' stock against their bands."""
    found: list[ChartSpec] = []
    for indicator in query.plan.data.indicators:
        paths = history.trajectories(query, indicator)
        city = paths[-1]
        x_labels = [str(year) for year in city.years]
        counts = measure_of(query.plan, indicator).whole_units
        unit = show.unit_label(indicator)
        found.append((
            show.tr("chart.over_years", area=show.area(city.area),
                    indicator=show.name(indicator)),
            charts.Chart(x_labels, [charts.Panel("", unit, trajectory_series(city, show),
                                                 whole_numbers=counts)], height=2.6),
            (show.tr("chart.projection_note", year=query.year, as_of=query.as_of,
                     end=query.plan.data.period.end),)))
        found.append((
            show.tr("chart.districts", indicator=show.name(indicator)),
            charts.Chart(x_labels, [charts.Panel(show.area(path.area), unit,
                                                 trajectory_series(path, show),
                                                 whole_numbers=counts)
                                    for path in paths[:-1]], share_y=True, height=2.3),
            ()))
    goals = history.goal_histories(query)
    if goals:
        years = [str(year) for year in goals[0].years]
        found.append((
            show.tr("chart.goals", area=show.area(query.plan.root)),
            charts.Chart(years, [goal_panel(goal, show) for goal in goals], height=2.5),
            tuple(lapsing_note(goal, query, show) for goal in goals)))
    return found


def trajectory_series(path: history.Trajectory, show: Display) -> list[charts.Series]:
    indicator = path.indicator
    tr = show.tr
    found = [
        charts.Series(tr("chart.target"),
                      [show.charted(indicator, target.value) for target in path.targets],
                      "target",
                      hollow=frozenset(index for index, target in enumerate(path.targets)
                                       if target.source == "interpolated"),
                      hollow_label=tr("chart.interpolated")),
        charts.Series(tr("chart.achieved"),
                      [show.charted(indicator, value) for value in path.achieved], "achieved"),
    ]
    if path.has_projection:
        found.append(charts.Series(tr("chart.projected"), [
            show.charted(indicator, value) for value in path.projected], "projected"))
    return found


def goal_panel(goal: history.GoalHistory, show: Display) -> charts.Panel:
    tr = show.tr
    measure = goal_measure(goal.goal)

    def in_unit(value: Decimal) -> Decimal:
        return show.in_unit(value) if measure.in_tonnes else value

    def shown(values: tuple[Decimal | None, ...]) -> list[Decimal | None]:
        return [None if value is None else in_unit(value) for value in values]

    unit = show.goal_unit(goal.goal)
    series = [charts.Series(tr("chart.stock"), shown(goal.stock), "stock")]
    if goal.has_outlook:
        series.append(charts.Series(tr("chart.unrenewed"), shown(goal.unrenewed), "unrenewed"))
    band = charts.Band(tr("chart.band"), in_unit(goal.lower),
                       None if goal.upper is None else in_unit(goal.upper))
    return charts.Panel(show.name(goal.goal), unit, series, band,
                        whole_numbers=not measure.in_tonnes)


def lapsing_note(goal: history.GoalHistory, query: Query, show: Display) -> str:
    measure = goal_measure(goal.goal)
    end = query.plan.data.period.end
    name = show.name(goal.goal)
    if not goal.lapsing:
        return show.tr("chart.goal_no_lapses", goal=name, as_of=query.as_of, end=end)
    unit = show.tonnes_label() if measure.in_tonnes else ""
    amount = (show.tr("chart.lapsing_amount", amount=show.figure(measure, goal.lapsing_amount),
                      unit=spaced(unit)) if measure.in_tonnes else "")
    first = min(goal.lapsing, key=lambda record: (record.expires, record.id))
    return show.tr("chart.goal_lapses", goal=name, count=len(goal.lapsing), amount=amount,
                   end=end, first=first.expires, id=first.id)
