"""What a view hands to a renderer: tables of localized cells, notes, and the data of the
JSON and CSV outputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Cell:
    text: str
    style: str | None = None  # a style name the renderer maps to colours (a status value)
    bar: Decimal | None = None  # a completion ratio to draw as a small bar


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
