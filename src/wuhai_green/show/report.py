"""`wuhai report`: one document a year for the bureau's leadership.

The document is made of the other commands' pages (status, gap, adjust, renewals, tasks)
and two kinds of chart; the markdown and HTML renderers lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from wuhai_green.core import metrics, rows
from wuhai_green.core.dates import year_end
from wuhai_green.core.measures import measure_of
from wuhai_green.core.query import Query
from wuhai_green.show import charts
from wuhai_green.show.display import Display
from wuhai_green.show.page import Page
from wuhai_green.show.views.adjust import adjust_page
from wuhai_green.show.views.gap import gap_page
from wuhai_green.show.views.renewals import expiring_page
from wuhai_green.show.views.status import status_page
from wuhai_green.show.views.tasks import tasks_page


@dataclass
class Section:
    title: str
    pages: list[Page] = field(default_factory=list)
    svgs: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


@dataclass
class Report:
    title: str
    subtitle: str
    sections: list[Section]
    lang: str


def build(query: Query, show: Display, with_charts: bool) -> Report:
    tr = show.tr
    plan, register, year = query.plan, query.register, query.year
    query = query.everywhere()
    sections = [
        Section(tr("report.status"), [status_page(query, show)]),
        Section(tr("report.gap"), [gap_page(query, show)]),
    ]
    following = year + 1
    if following <= plan.data.period.end:
        next_year = Query(plan, register, following, query.as_of, query.areas)
        sections.append(Section(tr("report.adjust", year=following),
                                [adjust_page(next_year, rows.adjust_rows(next_year), show)]))
    else:
        sections.append(Section(tr("report.adjust", year=following),
                                text=[tr("report.plan_ended", end=plan.data.period.end)]))
    sections.append(Section(tr("report.renewals", year=following), [
        expiring_page(register, query.as_of + timedelta(days=1), year_end(following),
                      plan.root, show)]))
    sections.append(Section(tr("report.tasks"), [tasks_page(query, show)]))
    if with_charts:
        svgs = [charts.to_svg(chart) for chart in report_charts(query, show)]
        sections.append(Section(tr("report.charts"), svgs=svgs))
    header = plan.data.document
    title = tr("report.title", area=show.area(plan.root), year=year)
    subtitle = tr("report.subtitle", document=header.title_en if show.lang == "en" and
                  header.title_en else header.title, as_of=query.as_of,
                  files=len(register.files), certificates=len(register.certificates))
    return Report(title, subtitle, sections, show.lang)


def report_charts(query: Query, show: Display) -> list[charts.Chart]:
    """Per indicator: the city's cumulative target against achieved over the years, and
    achieved per district against its target for the year."""
    plan, register, year = query.plan, query.register, query.year
    period = plan.data.period
    years = list(range(period.baseline_year, period.end + 1))
    found = []
    for indicator in plan.data.indicators:
        unit = show.unit_label(indicator)
        counts = measure_of(plan, indicator).whole_units
        targets = [metrics.target(plan, plan.root, indicator, y).amount for y in years]
        achieved = [metrics.achieved(plan, register, plan.root, indicator, year_end(y))
                    if y <= year else None for y in years]
        found.append(charts.Chart(
            show.tr("chart.over_years", area=show.area(plan.root),
                    indicator=show.name(indicator)),
            [str(y) for y in years], unit,
            [charts.Series(show.tr("chart.target"),
                           [show.charted(indicator, v) for v in targets], "dashed"),
             charts.Series(show.tr("chart.achieved"),
                           [show.charted(indicator, v) for v in achieved])], counts))
        districts = plan.districts
        found.append(charts.Chart(
            show.tr("chart.by_district", year=year, indicator=show.name(indicator)),
            [show.area(d) for d in districts], unit,
            [charts.Series(show.tr("chart.target"), [
                show.charted(indicator, metrics.target(plan, d, indicator, year).value)
                for d in districts], "bar"),
             charts.Series(show.tr("chart.achieved"), [
                 show.charted(indicator, metrics.achieved(plan, register, d, indicator,
                                                          year_end(year)))
                 for d in districts], "bar")], counts))
    return found
