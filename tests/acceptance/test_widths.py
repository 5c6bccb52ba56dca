"""Tables never cut a figure (issue 10 §4): at a terminal 60, 80, 120 or 200 columns wide,
every figure, date, certificate number and district name of the JSON output is printed
whole (a table too wide is shown a row at a time; free text may wrap)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from tests.harness import DEMO, wuhai_on
from wuhai_green.core.numbers import shown

WIDTHS = (60, 80, 120, 200)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
COMMANDS = {
    "status": ("status", "--year", "2025"),
    "status-within-year": ("status", "--year", "2025", "--as-of", "2025-06-30"),
    "status-explain": ("status", "--year", "2025", "--explain"),
    "gap": ("gap", "--year", "2025", "--as-of", "2025-06-30"),
    "adjust": ("adjust", "--year", "2026"),
    "expiring": ("expiring", "--as-of", "2026-01-01", "--within", "2y"),
}
# JSON keys whose values the tables show: figures, dates, ids and names
SHOWN = {"district", "baseline", "target", "expected", "achieved", "gap", "milestone",
         "per_year", "plan_target", "even_pace", "adjusted_target", "required_addition",
         "plan_addition", "id", "expires", "apply_by", "certificates", "value"}


def terminal(args: tuple[str, ...], width: int) -> str:
    run = wuhai_on(args[0], DEMO, *args[1:], env={"COLUMNS": str(width), "TTY_COMPATIBLE": "1"})
    assert run.exit_code == 0, run.stderr
    return ANSI.sub("", run.stdout)


def wanted(document: Any) -> set[str]:
    """The texts the table must hold whole: each figure as shown (two places), each name,
    date and id."""
    found: set[str] = set()
    if isinstance(document, dict):
        for key, value in document.items():
            if key in SHOWN and isinstance(value, Decimal):
                found.add(shown(value, 2))
            elif key in SHOWN and isinstance(value, str) and value not in ("乌海市",):
                found.add(value)
            elif key == "certificates" and isinstance(value, list):
                found |= {str(item) for item in value}
            else:
                found |= wanted(value)
    elif isinstance(document, list):
        for item in document:
            found |= wanted(item)
    return found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", COMMANDS)
def test_every_figure_is_printed_whole(name: str, width: int) -> None:
    args = COMMANDS[name]
    document = wuhai_on(args[0], DEMO, *args[1:], "--format", "json").json()
    rows = document["rows"]
    if "--explain" not in args:  # the certificates behind a figure are shown with --explain
        rows = [{key: value for key, value in row.items() if key != "certificates"}
                for row in rows]
    expected = wanted(rows)
    assert len(expected) > 5
    text = terminal(args, width)
    tokens = set(re.split(r"[\s│┃|]+", text))
    missing = sorted(item for item in expected if item not in tokens)
    assert missing == [], f"cut at {width} columns:\n{text}"


@pytest.mark.parametrize("width", (60, 80))
def test_explain_keeps_the_figures_in_their_columns(width: int) -> None:
    """The certificates follow the table: each row of the table stays one line."""
    text = terminal(COMMANDS["status-explain"], width)
    hbw = [line for line in text.splitlines() if line.strip().startswith("海勃湾区")]
    assert any(" 1300 " in line and " 150 " in line for line in hbw)
