"""Charts for the report, drawn by matplotlib (the optional extra `wuhai-green[report]`).

Each chart is returned as an SVG string whose text stays text (svg.fonttype "none"), so
the reader's browser draws Chinese with its own fonts and nothing is embedded or fetched.
A chart is one or more panels side by side over the same years, with one legend under
them that names every colour, line and shade; units stand upright above the axis.
"""

from __future__ import annotations

import io
import logging
import unicodedata
import warnings
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from wuhai_green.show.escape import visible

# Fonts that show Chinese, tried in order: Windows, macOS, Linux (Noto, WenQuanYi), then
# what matplotlib ships. The HTML report names the same stack.
CJK_FONTS = ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
             "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "DejaVu Sans"]

Role = Literal["target", "achieved", "projected", "stock", "unrenewed"]

# One colour and line per role, the same in every chart (and so in every legend).
LOOKS: dict[str, dict[str, Any]] = {
    "target": {"color": "#3b6ea8", "linestyle": "-", "linewidth": 1.2, "marker": "o",
               "markersize": 4},
    "achieved": {"color": "#2f8a3b", "linestyle": "-", "linewidth": 2.0, "marker": "s",
                 "markersize": 4},
    "projected": {"color": "#d9730d", "linestyle": (0, (4, 2)), "linewidth": 1.6, "marker": "",
                  "markersize": 0},
    "stock": {"color": "#2f8a3b", "linestyle": "-", "linewidth": 2.0, "marker": "s",
              "markersize": 4},
    "unrenewed": {"color": "#c0392b", "linestyle": (0, (4, 2)), "linewidth": 1.6, "marker": "v",
                  "markersize": 4},
}
BAND_COLOUR = "#2f8a3b"


@dataclass(frozen=True)
class Series:
    label: str
    values: list[Decimal | None]  # one per x label; None leaves a gap
    role: Role
    hollow: frozenset[int] = frozenset()  # positions drawn with an open marker
    hollow_label: str = ""  # what an open marker means (the legend's words)


@dataclass(frozen=True)
class Band:
    """A goal's band: from `lower` to `upper`, or from `lower` up where `upper` is None."""

    label: str
    lower: Decimal
    upper: Decimal | None


@dataclass(frozen=True)
class Panel:
    title: str  # above the panel ("" for none)
    unit: str  # written upright above the axis ("" for none)
    series: list[Series]
    band: Band | None = None
    whole_numbers: bool = False  # counts: ticks at whole numbers only


@dataclass(frozen=True)
class Chart:
    x_labels: list[str]
    panels: list[Panel]
    share_y: bool = False  # panels of one measure on one scale, to compare them
    height: float = 2.5  # inches, at a width of 6.6


def available() -> bool:
    """Whether matplotlib can be imported (the extra `wuhai-green[report]`)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _figure(width: float, height: float) -> Any:
    """A figure drawn by the SVG backend alone: no pyplot, no GUI backend, no global state."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    FigureCanvasSVG(figure)
    return figure


def _ticker() -> Any:
    import matplotlib.ticker

    return matplotlib.ticker


WIDTH = 6.6  # inches: the width of an A4 page between its margins, less a little
FONT_SIZE = 8


def text_width(text: str, size: float) -> float:
    """About how wide a text is, in points: a Chinese character is 1 em, others ~0.6 em."""
    return sum(size if unicodedata.east_asian_width(char) in "WF" else size * 0.6
               for char in text)


def wrapped(text: str, width: float, size: float) -> str:
    """The text on as many lines as it needs to fit `width` points: broken at a space, or
    between two Chinese characters, never inside a number or a word."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if line and text_width(line + token, size) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    lines.append(line.rstrip())
    return "\n".join(lines)


def _tokens(text: str) -> list[str]:
    """Pieces a line may break between: each Chinese character (with the punctuation that
    follows it), and each run of other characters (with the spaces before it)."""
    tokens: list[str] = []
    for char in text:
        if not tokens:
            tokens.append(char)
        elif _is_wide(char):
            if unicodedata.category(char).startswith("P"):
                tokens[-1] += char  # 、，。 stay at the end of a line
            else:
                tokens.append(char)
        elif char.isspace() or _is_wide(tokens[-1][-1]):
            tokens.append(char)
        else:
            tokens[-1] += char  # a number or a word, and the spaces before it
    return tokens


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _floats(values: list[Decimal | None]) -> list[float]:
    return [float(value) if value is not None else float("nan") for value in values]


def _draw_series(axes: Any, positions: list[int], series: Series) -> None:
    look = dict(LOOKS[series.role])
    values = _floats(series.values)
    filled = [index for index, value in enumerate(series.values)
              if value is not None and index not in series.hollow]
    axes.plot(positions, values, label=visible(series.label), markevery=filled or None, zorder=3,
              **look)
    hollow = [index for index in sorted(series.hollow) if series.values[index] is not None]
    if hollow:
        axes.plot([positions[index] for index in hollow], [values[index] for index in hollow],
                  linestyle="none", marker=look["marker"], markersize=look["markersize"],
                  markerfacecolor="white", markeredgecolor=look["color"], zorder=4,
                  label=visible(series.hollow_label))


def _draw_band(axes: Any, band: Band, top: float) -> None:
    lower = float(band.lower)
    if band.upper is None:
        axes.axhspan(lower, max(top, lower) * 1.15 or 1, color=BAND_COLOUR, alpha=0.10,
                     linewidth=0, label=visible(band.label))
        axes.axhline(lower, color=BAND_COLOUR, linewidth=0.8, linestyle=":")
    else:
        axes.axhspan(lower, float(band.upper), color=BAND_COLOUR, alpha=0.16, linewidth=0,
                     label=visible(band.label))


def _highest(panel: Panel) -> float:
    values = [float(value) for series in panel.series for value in series.values
              if value is not None]
    if panel.band is not None:
        values += [float(panel.band.lower)] + ([float(panel.band.upper)]
                                                if panel.band.upper is not None else [])
    return max(values, default=0.0)


def to_svg(chart: Chart) -> str:
    import matplotlib

    ticker = _ticker()
    style: Any = {"svg.fonttype": "none", "font.family": "sans-serif",
                  "font.sans-serif": CJK_FONTS, "svg.hashsalt": "wuhai-green",
                  "font.size": FONT_SIZE, "axes.titlesize": FONT_SIZE,
                  "legend.fontsize": FONT_SIZE,
                  "text.parse_math": False}  # a `$` in a name is a dollar sign, not TeX
    # matplotlib logs each CJK font it cannot find here; the browser will find one.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    with matplotlib.rc_context(style), warnings.catch_warnings():
        # The layout is measured with whatever font is installed; glyphs it lacks are
        # still written as text and drawn by the browser.
        warnings.simplefilter("ignore")
        count = len(chart.panels)
        figure = _figure(WIDTH, chart.height)
        grid = figure.subplots(1, count, sharey=chart.share_y, squeeze=False)
        positions = list(range(len(chart.x_labels)))
        panel_width = WIDTH * 72 / count * 0.75  # the title clears the unit
        top = max((_highest(panel) for panel in chart.panels), default=0.0)
        handles: dict[str, Any] = {}
        title_lines = 0
        for axes, panel in zip(grid[0], chart.panels, strict=True):
            if panel.band is not None:
                _draw_band(axes, panel.band, top if chart.share_y else _highest(panel))
            for series in panel.series:
                _draw_series(axes, positions, series)
            axes.set_xticks(positions, [visible(label) for label in chart.x_labels])
            axes.set_xlim(-0.4, len(positions) - 0.6)
            title = wrapped(visible(panel.title), panel_width, FONT_SIZE) if panel.title else ""
            title_lines = max(title_lines, title.count("\n") + 1 if title else 0)
            # placed, not searched for: the margins below leave room for it
            axes.set_title(title, fontsize=FONT_SIZE, pad=4, y=1.0)
            if panel.unit and (axes is grid[0][0] or not chart.share_y):
                # upright, above the axis: never turned sideways
                axes.set_ylabel(visible(panel.unit), rotation=0, horizontalalignment="right",
                                verticalalignment="bottom")
                axes.yaxis.set_label_coords(0, 1.01)
            axes.grid(axis="y", alpha=0.3)
            axes.tick_params(axis="both", labelsize=FONT_SIZE - 0.5, labelrotation=0)
            # a few round ticks (fewer ticks are also much less work for matplotlib)
            axes.yaxis.set_major_locator(ticker.MaxNLocator(nbins=5, integer=panel.whole_numbers,
                                                            min_n_ticks=3))
            for handle, label in zip(*axes.get_legend_handles_labels(), strict=True):
                handles.setdefault(label, handle)
        for axes in grid[0]:
            axes.set_ylim(bottom=0)  # once every panel is drawn: shared panels keep one scale
        columns = min(len(handles), 3 if count > 1 else 4)
        legend_rows = -(-len(handles) // columns) if columns else 0
        figure.legend(list(handles.values()), list(handles), loc="lower center",
                      bbox_to_anchor=(0.5, 0), ncol=columns, frameon=False)
        _lay_out(figure, chart, title_lines, legend_rows)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]  # drop the XML prolog and doctype for inline use


LINE = FONT_SIZE * 1.3 / 72  # inches a line of text takes


def _lay_out(figure: Any, chart: Chart, title_lines: int, legend_rows: int) -> None:
    """Margins set from what stands around the panels (faster than a layout engine, which
    draws every chart twice): the unit and titles above, tick labels beside and below, the
    legend at the bottom."""
    above = 0.08 + LINE + title_lines * LINE  # the unit above the axis, and the titles
    below = 0.08 + 1.6 * LINE + legend_rows * 1.4 * LINE  # tick labels, then the legend
    left, right = 0.5, 0.12
    gap = 0.12 if chart.share_y else 0.5  # between panels: their own tick labels, if any
    count = len(chart.panels)
    panel = (WIDTH - left - right - gap * (count - 1)) / count
    figure.subplots_adjust(left=left / WIDTH, right=1 - right / WIDTH,
                           top=1 - above / chart.height, bottom=below / chart.height,
                           wspace=gap / panel)
