"""HTML: the yearly report as one self-contained file, with inline CSS for A4 print and
inline SVG charts; no script and nothing fetched.

A value is never broken across lines: table cells stay on one line except the columns of
long text (which break only at spaces and punctuation), and in sentences every date, id,
range and district name is kept whole.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import TYPE_CHECKING

from wuhai_green.show.charts import CJK_FONTS
from wuhai_green.show.escape import visible
from wuhai_green.show.page import TableView
from wuhai_green.show.render.base import Output, Renderer

if TYPE_CHECKING:
    from wuhai_green.show.report import Figure, Report

FONT_STACK = ", ".join(f'"{font}"' for font in CJK_FONTS[:-1]) + ", sans-serif"

# What each style of a cell looks like; a table's legend shows the same colours.
STYLE_CSS = """
.met { color: #1a7f37; font-weight: bold; } .on_track { color: #1a7f37; }
.at_risk { color: #9a6700; font-weight: bold; } .behind, .overdue { color: #cf222e; font-weight: bold; }
.no_target { color: #6e7781; }
"""

CSS = """
@page { size: A4; margin: 15mm 12mm; }
body { font-family: %(fonts)s; font-size: 10.5pt; color: #222; margin: 0 auto;
       max-width: 186mm; word-break: keep-all; overflow-wrap: break-word; }
h1 { font-size: 18pt; margin-bottom: 2pt; }
h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 16pt; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 10pt 0 4pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%%; margin-bottom: 2pt; break-inside: auto;
        font-size: 9pt; overflow-wrap: normal; }
th, td { border: 1px solid #bbb; padding: 2pt 3pt; vertical-align: top; }
th { background: #eef2ee; font-weight: bold; }
td { white-space: nowrap; }
td.wrap { white-space: normal; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
%(styles)s
.nb { white-space: nowrap; }
p.legend { font-size: 8.5pt; color: #444; margin: 0 0 8pt; }
p.legend .key { margin-right: 10pt; white-space: nowrap; }
ul.notes { color: #444; font-size: 9.5pt; }
figure { margin: 8pt 0 12pt; break-inside: avoid; }
figure svg { width: 100%%; height: auto; display: block; }
figcaption { font-weight: bold; font-size: 10pt; margin-bottom: 2pt; }
figure ul.notes { margin: 2pt 0 0; }
div.no-chart { border: 1px dashed #999; color: #555; padding: 14pt 10pt; text-align: center;
               font-size: 9.5pt; }
p.subtitle { color: #555; }
@media print {
  /* Chinese text on every system: Microsoft YaHei (Windows), PingFang SC (macOS),
     Noto Sans CJK SC or WenQuanYi Zen Hei (Linux: apt-get install fonts-noto-cjk or
     fonts-wqy-zenhei); the charts' text names the same fonts. */
  body { font-family: %(fonts)s; max-width: none; }
  h2 { break-after: avoid; }
}
"""

# Kept on one line in running text: dates, ids, ranges and times, i.e. letters and digits
# joined by - – / or : (where a browser may otherwise break the line). The pattern takes
# whole runs, so that a long text costs one pass; `_joined` picks the joined ones.
RUN = r"[0-9A-Za-z.%+/:\-–]+"
JOINERS = "-–/:"


def escape(text: str) -> str:
    """Text for HTML: control characters shown as escapes (`visible`; U+202E would reorder
    what a reader sees), then the HTML escapes."""
    return html.escape(visible(text))


def css() -> str:
    return CSS % {"fonts": FONT_STACK, "styles": STYLE_CSS.strip()}


@cache
def _unbroken(names: tuple[str, ...]) -> re.Pattern[str]:
    """Names first (the longest first), then runs of letters, digits and joiners."""
    alternatives = [re.escape(name) for name in sorted(set(names), key=len, reverse=True)
                    if name]
    return re.compile("|".join([*alternatives, RUN]))


def _joined(run: str) -> tuple[str, str, str]:
    """A run as (before, the joined value to keep whole or "", after): joiners at its ends
    stay outside."""
    core = run.strip(JOINERS)
    start = run.index(core) if core else len(run)
    if not any(joiner in core for joiner in JOINERS):
        return run, "", ""
    return run[:start], core, run[start + len(core):]


def kept(text: str, names: tuple[str, ...]) -> str:
    """The text escaped, with every date, id, range and name in a span that never breaks."""
    parts = []
    position = 0
    every_name = set(names)
    for match in _unbroken(names).finditer(text):
        found = match.group()
        before, whole, after = ("", found, "") if found in every_name else _joined(found)
        if not whole:
            continue
        parts.append(escape(text[position:match.start()] + before))
        parts.append(f'<span class="nb">{escape(whole)}</span>')
        parts.append(escape(after))
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def html_table(table: TableView, names: tuple[str, ...] = ()) -> str:
    head = "".join(f'<th class="num">{escape(h)}</th>' if i in table.numeric
                   else f"<th>{escape(h)}</th>" for i, h in enumerate(table.headers))
    rows = []
    used: set[str] = set()
    for index, row in enumerate(table.rows):
        cells = []
        for position, cell in enumerate(row):
            wraps = position in table.wrap
            classes = " ".join(c for c in ("num" if position in table.numeric else "",
                                           "wrap" if wraps else "", cell.style or "") if c)
            attribute = f' class="{classes}"' if classes else ""
            text = kept(cell.text, names) if wraps else escape(cell.text)
            cells.append(f"<td{attribute}>{text}</td>")
            if cell.style:
                used.add(cell.style)
        rows.append("<tr>" + "".join(cells) + "</tr>")
        for line in table.details.get(index, []):
            rows.append(f'<tr><td class="wrap" colspan="{len(row)}">↳ {kept(line, names)}</td></tr>')
    legend = [f'<span class="key"><span class="{escape(style)}">■</span> {escape(words)}</span>'
              for style, words in table.legend.items() if style in used]
    return (f"<h3>{escape(table.title)}</h3>\n<table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            + (f'\n<p class="legend">{"".join(legend)}</p>' if legend else ""))


def html_figure(figure: Figure, placeholder: str | None, names: tuple[str, ...]) -> str:
    body = figure.svg if figure.svg is not None else (
        f'<div class="no-chart">{kept(placeholder or "", names)}</div>')
    notes = ('<ul class="notes">' + "".join(f"<li>{kept(note, names)}</li>"
                                            for note in figure.notes) + "</ul>"
             if figure.notes else "")
    return f"<figure><figcaption>{kept(figure.caption, names)}</figcaption>{body}{notes}</figure>"


def report_html(report: Report) -> str:
    names = report.keep_together
    body = [f"<h1>{escape(report.title)}</h1>",
            f'<p class="subtitle">{kept(report.subtitle, names)}</p>']
    for number, section in enumerate(report.sections, start=1):
        body.append(f'<section><h2>{number}. {escape(section.title)}</h2>')
        body += [f"<p>{kept(line, names)}</p>" for line in section.text]
        for page in section.pages:
            body += [html_table(table, names) for table in page.tables]
            if page.notes:
                body.append('<ul class="notes">' + "".join(f"<li>{kept(note, names)}</li>"
                                                            for note in page.notes) + "</ul>")
        body += [html_figure(figure, report.charts_missing, names) for figure in section.figures]
        body.append("</section>")
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if report.lang == "zh" else "en"}">\n<head>\n'
            f'<meta charset="utf-8">\n<title>{escape(report.title)}</title>\n'
            f"<style>{css()}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


class Html(Renderer):
    name = "html"

    def report(self, document: Report, output: Output) -> str:
        return report_html(document)


RENDERER = Html()
