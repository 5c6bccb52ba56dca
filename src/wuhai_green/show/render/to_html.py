"""HTML: the yearly report as one self-contained file, with inline CSS for A4 print and
inline SVG charts; no script and nothing fetched."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from wuhai_green.show.escape import visible
from wuhai_green.show.page import TableView
from wuhai_green.show.render.base import Output, Renderer

if TYPE_CHECKING:
    from wuhai_green.show.report import Report

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


def escape(text: str) -> str:
    """Text for HTML: control characters shown as escapes (`visible`; U+202E would reorder
    what a reader sees), then the HTML escapes."""
    return html.escape(visible(text))


def html_table(table: TableView) -> str:
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


def report_html(report: Report) -> str:
    body = [f"<h1>{escape(report.title)}</h1>", f'<p class="subtitle">{escape(report.subtitle)}</p>']
    for number, section in enumerate(report.sections, start=1):
        body.append(f'<section><h2>{number}. {escape(section.title)}</h2>')
        body += [f"<p>{escape(line)}</p>" for line in section.text]
        for page in section.pages:
            body += [html_table(table) for table in page.tables]
            if page.notes:
                body.append('<ul class="notes">' + "".join(f"<li>{escape(note)}</li>"
                                                            for note in page.notes) + "</ul>")
        body += [f"<figure>{svg}</figure>" for svg in section.svgs]
        body.append("</section>")
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if report.lang == "zh" else "en"}">\n<head>\n'
            f'<meta charset="utf-8">\n<title>{escape(report.title)}</title>\n'
            f"<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


class Html(Renderer):
    name = "html"

    def report(self, document: Report, output: Output) -> str:
        return report_html(document)


RENDERER = Html()
