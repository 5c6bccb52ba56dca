"""What a view hands to a renderer: tables of localized cells, notes, and the data of the
JSON and CSV outputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from wuhai_green.core.numbers import for_json


@dataclass(frozen=True)
class Figure:
    """The number or date a cell's text shows, for the formats that keep types (xlsx)."""

    value: Decimal | date  # a number as exact as in JSON, in the unit the table shows
    places: int = 0  # decimal places of the text: the table's precision
    percent: bool = False  # a ratio shown as a percentage
    suffix: str = ""  # what the text shows after it: a mark (*, †) or a unit


@dataclass(frozen=True)
class Cell:
    text: str
    style: str | None = None  # a style name the renderer maps to colours (a status value)
    bar: Decimal | None = None  # a completion ratio to draw as a small bar
    figure: Figure | None = None  # the number or date behind the text


def figure_cell(text: str, value: Decimal | int | date, *, suffix: str = "",
                style: str | None = None, percent: bool = False) -> Cell:
    """A cell showing `text` (a figure as the table writes it, then `suffix`) whose figure
    is `value`, with as many decimal places as the text shows."""
    if isinstance(value, date):
        return Cell(text + suffix, style, figure=Figure(value, suffix=suffix))
    digits = text.removesuffix("%").partition(".")[2]
    exact = for_json(Decimal(value))
    return Cell(text + suffix, style, figure=Figure(exact, len(digits), percent, suffix))


@dataclass
class TableView:
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()  # right-aligned columns
    wrap: frozenset[int] = frozenset()  # columns of long text that may wrap; others never do
    details: dict[int, list[str]] = field(default_factory=dict)  # lines under a row (--explain)
    # What each style of a cell means in this table (a style name → words); renderers that
    # show colours and have room for it (the HTML report) print it under the table.
    legend: dict[str, str] = field(default_factory=dict)


@dataclass
class Page:
    data: dict[str, Any]  # the JSON document
    tables: list[TableView] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    csv_rows: list[dict[str, Any]] = field(default_factory=list)
