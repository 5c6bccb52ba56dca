"""Helpers for the adjust, expiring, check, diff and workflow tests.

Progress files are written inline (dedented YAML text) into a test's own folder, so each
test shows the file it reads, line numbers included. The CLI runs in-process through
typer's CliRunner, which keeps stdout and stderr apart, or as a real subprocess
(`python -m wuhai_green`) where the exit code of the process itself matters.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from wuhai_green.cli import app
from wuhai_green.core.register import Register
from wuhai_green.load.plan import load_plan
from wuhai_green.load.progress import load_register
from wuhai_green.model.plan import Area, Indicator, Plan

REPO = Path(__file__).resolve().parent.parent
PLAN = REPO / "data" / "plan.yaml"
ENV_NAMES = ("WUHAI_LANG", "WUHAI_PLAN", "WUHAI_PROGRESS", "WUHAI_MAX_FILE_MB",
             "GITHUB_STEP_SUMMARY")
CERTIFIED = "certified_output"
FAMOUS = "famous_products"
CITY = "乌海市"


def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No WUHAI_* variable and no job summary; a wide terminal so rich never folds cells."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "250")


# --- files --------------------------------------------------------------------------------


def write(folder: Path, name: str, text: str) -> Path:
    """Write `folder/name` from inline YAML (dedented, leading newline dropped)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def cert(cert_id: str, kind: str, issued: str, output: str | int | None = None,
         **extra: str) -> str:
    """One `certificates:` entry as YAML text, indented for a list under `certificates:`."""
    lines = [f"  - id: {cert_id}", f"    type: {kind}", "    product: 产品",
             "    holder: 获证主体"]
    if output is not None:
        lines.append(f"    output_tonnes: {output}")
    lines.append(f"    issued: {issued}")
    lines += [f"    {key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def report(folder: Path, name: str, year: int, district: str, *entries: str,
           ended: str = "") -> Path:
    """A progress file of one district: `year`, `district`, the certificates, `ended`."""
    text = f"year: {year}\ndistrict: {district}\ncertificates:\n" + "".join(entries)
    if not entries:
        text = f"year: {year}\ndistrict: {district}\ncertificates: []\n"
    if ended:
        text += "ended:\n" + ended
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the plan and the register ------------------------------------------------------------


@cache
def plan() -> Plan:
    return load_plan(PLAN)


def area(name: str) -> Area:
    found = plan().find_area(name)
    assert found is not None, name
    return found


def indicator(indicator_id: str) -> Indicator:
    return plan().indicators[indicator_id]


def goal(goal_id: str) -> Any:
    return next(item for item in plan().data.goals if item.id == goal_id)


def register(folder: Path) -> Register:
    return load_register(plan(), folder)


def plan_line(district: str, indicator_id: str) -> int:
    """The line of `indicator_id: {…}` under `targets:` of an area in data/plan.yaml, found
    by reading the file (independently of the loader's marks)."""
    lines = PLAN.read_text(encoding="utf-8").splitlines()
    if district == CITY:
        start = next(i for i, line in enumerate(lines) if line.startswith("  name: 乌海市"))
    else:
        start = next(i for i, line in enumerate(lines) if line.strip() == f"- name: {district}")
    for number in range(start, len(lines)):
        if lines[number].strip().startswith(f"{indicator_id}: {{"):
            return number + 1
    raise AssertionError((district, indicator_id))


# --- numbers ------------------------------------------------------------------------------


def six(value: Fraction | int) -> Decimal:
    """An exact fraction as JSON shows it: at most 6 decimal places, rounded half-even."""
    fraction = Fraction(value)
    exact = Decimal(fraction.numerator) / Decimal(fraction.denominator)
    if fraction.denominator == 1:
        return Decimal(fraction.numerator)
    return exact.quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN).normalize()


def decimal_json(text: str) -> Any:
    """JSON with every fraction as an exact Decimal."""
    return json.loads(text, parse_float=Decimal)


# --- the command line ---------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return decimal_json(self.stdout)


def wuhai(*args: str | Path, env: dict[str, str | None] | None = None) -> Run:
    """`wuhai ARGS` in-process; an exception escaping the CLI's own handling fails the test."""
    environment: dict[str, str | None] = {name: None for name in ENV_NAMES}
    environment["COLUMNS"] = "250"
    environment.update(env or {})
    result = CliRunner().invoke(app, [str(arg) for arg in args], env=environment)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"wuhai {args} raised {result.exception!r}") from result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def on(command: str, progress: Path | str, *args: str | Path, plan_path: Path | str = PLAN,
       env: dict[str, str | None] | None = None) -> Run:
    """`wuhai COMMAND --plan data/plan.yaml --progress DIR ARGS`."""
    return wuhai(command, "--plan", plan_path, "--progress", progress, *args, env=env)


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment of this process without any WUHAI_* variable or job summary."""
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith("WUHAI_") and key != "GITHUB_STEP_SUMMARY"}
    environment["COLUMNS"] = "250"
    environment.update(extra)
    return environment


def run_module(*args: str | Path, cwd: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """`python -m wuhai_green ARGS` as a real process (its exit code is the process's)."""
    return subprocess.run([sys.executable, "-m", "wuhai_green", *[str(a) for a in args]],
                          cwd=cwd, env=subprocess_env(**extra_env), capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)


# --- GitHub workflow commands -------------------------------------------------------------

_COMMAND = re.compile(r"^::(?P<level>[a-z]+)(?: (?P<properties>[^:]*))?::(?P<message>.*)$")


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


@dataclass(frozen=True)
class Annotation:
    level: str
    file: str | None
    line: int | None
    column: int | None
    message: str


def parse_github(output: str) -> list[Annotation]:
    """Every `::level props::message` line of some output, parsed and unescaped."""
    found = []
    for raw in output.splitlines():
        if not raw.startswith("::"):
            continue
        match = _COMMAND.match(raw)
        assert match is not None, raw
        properties: dict[str, str] = {}
        if match["properties"]:
            for item in match["properties"].split(","):
                key, _, value = item.partition("=")
                properties[key] = unescape_property(value)
        found.append(Annotation(
            match["level"], properties.get("file"),
            int(properties["line"]) if "line" in properties else None,
            int(properties["col"]) if "col" in properties else None,
            unescape_data(match["message"])))
    return found
