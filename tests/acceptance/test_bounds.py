"""Bounds, so that no input reaches exit 3 (issue 11 §3).

Every number of a file has at most 12 digits before the decimal point and 6 after it
(`model/fields.py`): a value beyond is refused at load, at its place, by every command; a
value within goes through every command with exit 0, 1 or 2, never 3 (an internal error).
The properties write a generated value where a register or the plan holds a number, ask
`wuhai validate` whether it accepts it (it must exactly when the value is within the bound),
and then run every command that computes.
"""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.harness import PLAN, cert, examples, plan_with, write, write_report, wuhai_on

SETTINGS = settings(deadline=None, max_examples=examples(20),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Every command that computes figures, each in the formats that round them differently.
COMMANDS = [
    ("status", "--year", "2025"),
    ("status", "--year", "2025", "--as-of", "2025-07-01", "--format", "json"),
    ("gap", "--year", "2025", "--as-of", "2025-07-01"),
    ("adjust", "--year", "2026", "--format", "json"),
    ("adjust", "--year", "2026"),
    ("expiring", "--as-of", "2025-07-01", "--within", "5y"),
    ("report", "--year", "2025", "--format", "markdown"),
    ("check", "--year", "2025", "--format", "json"),
    ("tasks", "--year", "2025", "--format", "csv"),
]

MAX_INTEGER_DIGITS, MAX_DECIMAL_PLACES = 12, 6
PLAIN_NUMBER = re.compile(r"(0|[1-9][0-9]*)(\.[0-9]*)?")


def within_bound(text: str) -> bool:
    """Whether a number as written is one the tool computes exactly: plain digits, at most
    12 before the point and 6 after it (trailing zeros aside)."""
    if not PLAIN_NUMBER.fullmatch(text):
        return False
    whole, _, fraction = text.partition(".")
    return len(whole.lstrip("0")) <= MAX_INTEGER_DIGITS and \
        len(fraction.rstrip("0")) <= MAX_DECIMAL_PLACES


def digits(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).flatmap(
        lambda count: st.text("0123456789", min_size=count, max_size=count))


# Numbers around the bound and far beyond it, as a clerk or a spreadsheet may write them.
EDGES = ["999999999999.999999", "999999999999", "1000000000000", "0.000001", "0.0000001",
         "123456789012.1234560", "1e30", "1E+999999", "1E-999999", "12345678901234567890123456",
         "0.1000000", "5"]
numbers = st.one_of(
    st.sampled_from(EDGES),
    st.builds(lambda head, tail: head + tail, st.sampled_from("123456789"), digits(0, 29)),
    st.builds(lambda head, tail, fraction: f"{head}{tail}.{fraction}",
              st.sampled_from("123456789"), digits(0, 15), digits(1, 12)),
    st.builds(lambda fraction, last: f"0.{fraction}{last}", digits(0, 10), st.sampled_from("123456789")),
)


def run_everything(plan: Path, progress: Path) -> list[tuple[tuple[str, ...], int]]:
    """The exit code of every command on the data (each must be 0, 1 or 2)."""
    found = []
    for command in COMMANDS:
        run = wuhai_on(command[0], progress, *command[1:], plan_path=plan)
        assert run.exit_code in (0, 1, 2), (command, run.exit_code, run.stderr)
        found.append((command, run.exit_code))
    return found


@SETTINGS
@given(output=numbers, area=numbers, count=digits(1, 16).map(lambda text: text.lstrip("0") or "0"),
       share=st.sampled_from(["green_food", "organic"]))
def test_a_register_number_is_refused_at_its_place_or_computed(
        output: str, area: str, count: str, share: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        progress = Path(folder) / "progress"
        write_report(progress, "2024.yaml", 2024, "海南区",
                     cert("LB-1", share, "2024-03-01", output, area_mu=area))
        write(progress, "2025.yaml", (
            "year: 2025\ndistrict: 海勃湾区\ncertificates:\n"
            + cert("LB-2", "green_food", "2025-02-01", 7)
            + "activities:\n  - type: sampling\n    date: 2025-05-01\n"
            + f"    batches: {count}\n    passed: {count}\n    failed: 0\n"))
        validated = wuhai_on("validate", progress)
        expected = within_bound(output) and float(output) > 0 and within_bound(area) \
            and len(count) <= MAX_INTEGER_DIGITS
        assert validated.exit_code == (0 if expected else 2), validated.stderr
        if validated.exit_code == 2:
            assert "progress/2024.yaml:" in validated.stderr or "progress/2025.yaml:" in validated.stderr
            return
        run_everything(PLAN, progress)


@settings(SETTINGS, max_examples=examples(10))
@given(factor=numbers, goal=numbers)
def test_a_plan_number_is_refused_at_its_place_or_computed(factor: str, goal: str) -> None:
    """The tonnes in a 万吨 (every target and baseline passes through it) and the first
    goal's value."""
    with tempfile.TemporaryDirectory() as folder:
        plan = plan_with(Path(folder), ("tonnes: 10000", f"tonnes: {factor}"),
                         ("value: 2500", f"value: {goal}"))
        progress = Path(folder) / "progress"
        write_report(progress, "2024.yaml", 2024, "海南区",
                     cert("LB-1", "green_food", "2024-03-01", "120.5"))
        write_report(progress, "2025.yaml", 2025, "海南区",
                     cert("MT-1", "famous_product", "2025-03-01"))
        validated = wuhai_on("validate", progress, plan_path=plan)
        expected = within_bound(factor) and within_bound(goal)
        assert validated.exit_code == (0 if expected else 2), validated.stderr
        if validated.exit_code == 0:
            run_everything(plan, progress)


@pytest.mark.parametrize(("written", "lang", "message"), [
    ("1234567890123", "zh", "“output_tonnes”的值太大：1234567890123（整数部分最多 12 位）"),
    ("1234567890123", "en",
     "'output_tonnes' is too large: 1234567890123 (at most 12 digits before the decimal point)"),
    ("0.1234567", "zh", "“output_tonnes”的小数位太多：0.1234567（小数最多 6 位）"),
    ("0.1234567", "en", "'output_tonnes' has too many decimal places: 0.1234567 (at most 6)"),
])
def test_the_bound_is_said_at_the_value(written: str, lang: str, message: str,
                                        workdir: Path) -> None:
    write_report(workdir / "progress", "2025.yaml", 2025, "海南区",
                 cert("LB-1", "green_food", "2025-03-01", written))
    run = wuhai_on("status", "progress", "--year", "2025", "--lang", lang)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", f"progress/2025.yaml:8:20: {message}\n")


@pytest.mark.parametrize("written", ["999999999999.999999", "1.500000000", "0.000001"])
def test_the_largest_and_finest_numbers_within_the_bound_are_computed(written: str,
                                                                     workdir: Path) -> None:
    """12 digits and 6 decimal places: 999999999999.999999 t achieved, exact in JSON;
    trailing zeros are no decimal places."""
    write_report(workdir / "progress", "2025.yaml", 2025, "海南区",
                 cert("LB-1", "green_food", "2025-03-01", written))
    run = wuhai_on("status", "progress", "--year", "2025", "--format", "json")
    assert run.exit_code == 0, run.stderr
    row = next(row for row in run.json()["rows"]
               if (row["district"], row["indicator"]) == ("海南区", "certified_output"))
    assert row["achieved"] == Decimal(written)
