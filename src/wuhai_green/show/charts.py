"""Charts for the report, drawn by matplotlib (the optional extra `wuhai-green[report]`).

Each chart is returned as an SVG string whose text stays text (svg.fonttype "none"), so
the reader's browser draws Chinese with its own fonts and nothing is embedded or fetched.
"""

from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from wuhai_green.core.problems import UsageError
from wuhai_green.show.escape import visible

# Fonts tried in order by the browser that shows the SVG.
CJK_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
             "SimHei", "WenQuanYi Micro Hei", "DejaVu Sans"]  # the last ships with matplotlib


@dataclass(frozen=True)
class Series:
    label: str
    values: list[Decimal | None]  # one per x label; None leaves a gap
    kind: str = "line"  # line | dashed | bar


@dataclass(frozen=True)
class Chart:
    title: str
    x_labels: list[str]
    y_label: str
    series: list[Series]
    whole_numbers: bool = False  # counts: ticks at whole numbers only


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("svg")
        import matplotlib.pyplot as pyplot
    except ImportError:
        raise UsageError("report.no_matplotlib") from None
    return pyplot


def _ticker() -> Any:
    import matplotlib.ticker

    return matplotlib.ticker


def to_svg(chart: Chart) -> str:
    pyplot = _pyplot()
    ticker = _ticker()
    style = {"svg.fonttype": "none", "font.family": "sans-serif",
             "font.sans-serif": CJK_FONTS, "svg.hashsalt": "wuhai-green", "font.size": 9}
    # matplotlib logs each CJK font it cannot find here; the browser will find one.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    with pyplot.rc_context(style), warnings.catch_warnings():
        # The layout is measured with whatever font is installed; glyphs it lacks are
        # still written as text and drawn by the browser.
        warnings.simplefilter("ignore")
        figure, axes = pyplot.subplots(figsize=(6.3, 2.8))
        positions = list(range(len(chart.x_labels)))
        bars = [series for series in chart.series if series.kind == "bar"]
        width = 0.8 / max(len(bars), 1)
        for index, series in enumerate(chart.series):
            values = [float(value) if value is not None else float("nan")
                      for value in series.values]
            if series.kind == "bar":
                offset = (bars.index(series) - (len(bars) - 1) / 2) * width
                axes.bar([p + offset for p in positions], values, width,
                         label=visible(series.label))
            else:
                axes.plot(positions, values, marker="o", label=visible(series.label),
                          linestyle="--" if series.kind == "dashed" else "-", zorder=3 + index)
        axes.set_xticks(positions, [visible(label) for label in chart.x_labels])
        axes.set_title(visible(chart.title))
        axes.set_ylabel(visible(chart.y_label))
        axes.grid(axis="y", alpha=0.3)
        if chart.whole_numbers:
            axes.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
        axes.legend(frameon=True, framealpha=0.9, fontsize=8, loc="best")
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
        pyplot.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]  # drop the XML prolog and doctype for inline use
