"""`wuhai report`: one document a year for the bureau's leadership, in markdown or HTML.

The document is made of the other commands' pages (status, gap, adjust, renewals, tasks)
and two kinds of chart. The HTML is one self-contained file: inline CSS for A4 print,
inline SVG charts, no script and nothing fetched.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from wuhai_green.core import metrics
from wuhai_green.core.register import Register
from wuhai_green.model.plan import Indicator, Plan
from wuhai_green.show import charts, views
from wuhai_green.show.render import to_markdown


@dataclass
class Section:
    title: str
    pages: list[views.Page] = field(default_factory=list)
    svgs: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


@dataclass
class Report:
    title: str
    subtitle: str
    sections: list[Section]


def build(plan: Plan, register: Register, year: int, as_of: date, show: views.Display,
          with_charts: bool) -> Report:
    tr = show.tr
    areas = [*plan.districts, plan.root]
    sections = [
        Section(tr("report.status"), [views.status_page(plan, register, year, as_of, areas, show)]),
        Section(tr("report.gap"), [views.gap_page(plan, register, year, as_of, areas, show)]),
    ]
    following = year + 1
    if following <= plan.data.period.end:
        page, _ = views.adjust_page(plan, register, following, areas, show)
        sections.append(Section(tr("report.adjust", year=following), [page]))
    else:
        sections.append(Section(tr("report.adjust", year=following),
                                text=[tr("report.plan_ended", end=plan.data.period.end)]))
    renewals_until = metrics.year_end(following)
    sections.append(Section(tr("report.renewals", year=following), [
        views.expiring_page(plan, register, as_of + timedelta(days=1), renewals_until,
                            plan.root, show)]))
    sections.append(Section(tr("report.tasks"),
                            [views.tasks_page(plan, register, year, areas, show)]))
    if with_charts:
        svgs = [charts.to_svg(chart) for chart in report_charts(plan, register, year, show)]
        sections.append(Section(tr("report.charts"), svgs=svgs))
    header = plan.data.document
    title = tr("report.title", area=plan.root.label(show.lang), year=year)
    subtitle = tr("report.subtitle", document=header.title_en if show.lang == "en" and
                  header.title_en else header.title, as_of=as_of,
                  files=len(register.files), certificates=len(register.certificates))
    return Report(title, subtitle, sections)


def report_charts(plan: Plan, register: Register, year: int, show: views.Display
                  ) -> list[charts.Chart]:
    """Per indicator: the city's cumulative target against achieved over the years, and
    achieved per district against its target for the year."""
    period = plan.data.period
    years = list(range(period.baseline_year, period.end + 1))
    found = []
    for indicator in plan.data.indicators:
        unit = show.unit_label(plan, indicator)
        counts = not plan.measured_in_tonnes(indicator)
        targets = [metrics.target(plan, plan.root, indicator, y).amount for y in years]
        achieved = [metrics.achieved(plan, register, plan.root, indicator, metrics.year_end(y))
                    if y <= year else None for y in years]
        found.append(charts.Chart(
            show.tr("chart.over_years", area=plan.root.label(show.lang),
                    indicator=show.name(indicator)),
            [str(y) for y in years], unit,
            [charts.Series(show.tr("chart.target"), [_shown(plan, indicator, v, show)
                                                     for v in targets], "dashed"),
             charts.Series(show.tr("chart.achieved"), [_shown(plan, indicator, v, show)
                                                       for v in achieved])], counts))
        districts = plan.districts
        found.append(charts.Chart(
            show.tr("chart.by_district", year=year, indicator=show.name(indicator)),
            [d.label(show.lang) for d in districts], unit,
            [charts.Series(show.tr("chart.target"), [
                _shown(plan, indicator, metrics.target(plan, d, indicator, year).value, show)
                for d in districts], "bar"),
             charts.Series(show.tr("chart.achieved"), [
                 _shown(plan, indicator, metrics.achieved(plan, register, d, indicator,
                                                          metrics.year_end(year)), show)
                 for d in districts], "bar")], counts))
    return found


def _shown(plan: Plan, indicator: Indicator, value: Decimal | None,
           show: views.Display) -> Decimal | None:
    """A figure in the display unit (tonnes or 万吨) for a chart."""
    if value is None or not plan.measured_in_tonnes(indicator):
        return value
    return show.in_unit(plan, value)


# --- markdown -----------------------------------------------------------------------------


def to_markdown_document(report: Report) -> str:
    parts = [f"# {report.title}", "", report.subtitle, ""]
    for number, section in enumerate(report.sections, start=1):
        parts += [f"## {number}. {section.title}", ""]
        parts += [f"{line}" for line in section.text]
        parts += [to_markdown(page) for page in section.pages]
        if section.svgs:
            parts.append(f"({len(section.svgs)} SVG charts: see the HTML report)")
        parts.append("")
    return "\n".join(parts).rstrip("\n") + "\n"


# --- HTML ---------------------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 15mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
       "PingFang SC", SimHei, sans-serif; font-size: 10.5pt; color: #222; margin: 0 auto;
       max-width: 186mm; }
h1 { font-size: 18pt; margin-bottom: 2pt; }
h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 16pt; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin-bottom: 6pt; break-inside: auto; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; vertical-align: top; }
th { background: #eef2ee; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.met { color: #1a7f37; font-weight: bold; } .on_track { color: #1a7f37; }
.at_risk { color: #9a6700; } .behind, .overdue { color: #cf222e; font-weight: bold; }
.no_target { color: #777; }
ul.notes { color: #444; font-size: 9.5pt; }
figure { margin: 6pt 0; break-inside: avoid; } figure svg { width: 100%; height: auto; }
p.subtitle { color: #555; }
"""


def _html_table(table: views.TableView) -> str:
    escape = html.escape
    head = "".join(f'<th class="num">{escape(h)}</th>' if i in table.numeric
                   else f"<th>{escape(h)}</th>" for i, h in enumerate(table.headers))
    rows = []
    for index, row in enumerate(table.rows):
        cells = []
        for position, cell in enumerate(row):
            classes = " ".join(c for c in ("num" if position in table.numeric else "",
                                           cell.style or "") if c)
            attribute = f' class="{classes}"' if classes else ""
            cells.append(f"<td{attribute}>{escape(cell.text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
        for line in table.details.get(index, []):
            rows.append(f'<tr><td colspan="{len(row)}">↳ {escape(line)}</td></tr>')
    return (f"<h3>{escape(table.title)}</h3>\n<table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def to_html(report: Report, lang: str) -> str:
    escape = html.escape
    body = [f"<h1>{escape(report.title)}</h1>", f'<p class="subtitle">{escape(report.subtitle)}</p>']
    for number, section in enumerate(report.sections, start=1):
        body.append(f'<section><h2>{number}. {escape(section.title)}</h2>')
        body += [f"<p>{escape(line)}</p>" for line in section.text]
        for page in section.pages:
            body += [_html_table(table) for table in page.tables]
            if page.notes:
                body.append('<ul class="notes">' + "".join(f"<li>{escape(note)}</li>"
                                                            for note in page.notes) + "</ul>")
        body += [f"<figure>{svg}</figure>" for svg in section.svgs]
        body.append("</section>")
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
            f'<meta charset="utf-8">\n<title>{escape(report.title)}</title>\n'
            f"<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")
