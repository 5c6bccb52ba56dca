"""Helpers for the register, metrics, status, gap, new and property tests.

Progress files are written into a test's own folder, either from inline YAML text (so the
test shows the file it reads, line numbers included) or from plain dicts. The CLI runs
in-process through typer's CliRunner, which keeps stdout and stderr apart.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from wuhai_green.cli import app
from wuhai_green.core.register import Register
from wuhai_green.load.plan import load_plan
from wuhai_green.load.progress import load_register
from wuhai_green.model.plan import Area, Indicator, Plan

REPO_ROOT = Path(__file__).resolve().parent.parent
PLAN_PATH = REPO_ROOT / "data" / "plan.yaml"
DEMO_DIR = REPO_ROOT / "examples" / "demo"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
WUHAI_VARIABLES = ("WUHAI_LANG", "WUHAI_PLAN", "WUHAI_PROGRESS", "WUHAI_MAX_FILE_MB")


# --- the plan -----------------------------------------------------------------------------


@cache
def real_plan() -> Plan:
    """The repository's data/plan.yaml, loaded once."""
    return load_plan(PLAN_PATH)


def area(name: str) -> Area:
    found = real_plan().find_area(name)
    assert found is not None, name
    return found


def indicator(indicator_id: str) -> Indicator:
    return real_plan().indicators[indicator_id]


def goal(goal_id: str) -> Any:
    return next(item for item in real_plan().data.goals if item.id == goal_id)


# --- progress files -----------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Decimals as quoted text (the reader turns text into a Decimal without a float); values
    written out in full, never as anchors and aliases (which the reader refuses)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_str(format(value, "f")))


def yaml_text(content: str | Mapping[str, Any]) -> str:
    """Inline YAML (dedented, leading blank line dropped) or a dict dumped as block YAML."""
    if isinstance(content, str):
        return textwrap.dedent(content).lstrip("\n")
    dumped: str = yaml.dump(dict(content), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                            default_flow_style=False)
    return dumped


def write_progress(folder: Path, name: str, content: str | Mapping[str, Any]) -> Path:
    """Write one progress file `folder/name` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml_text(content), encoding="utf-8")
    return path


def write_files(folder: Path, files: Mapping[str, str | Mapping[str, Any]]) -> Path:
    """Write several progress files; returns the folder."""
    for name, content in files.items():
        write_progress(folder, name, content)
    return folder


def certificate(cert_id: str, kind: str, issued: date | str, *, district: str | None = None,
                output: Decimal | int | str | None = None, **extra: Any) -> dict[str, Any]:
    """One entry of `certificates:` as a dict (product and holder filled in)."""
    entry: dict[str, Any] = {"id": cert_id, "type": kind}
    if district is not None:
        entry["district"] = district
    entry["product"] = "产品"
    entry["holder"] = "获证主体"
    if output is not None:
        entry["output_tonnes"] = Decimal(output) if not isinstance(output, Decimal) else output
    entry["issued"] = date.fromisoformat(issued) if isinstance(issued, str) else issued
    entry.update(extra)
    return entry


def report(year: int, certificates: Iterable[Mapping[str, Any]] = (), *,
           district: str | None = None, ended: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """A whole progress file as a dict."""
    data: dict[str, Any] = {"year": year}
    if district is not None:
        data["district"] = district
    data["certificates"] = [dict(entry) for entry in certificates]
    if ended:
        data["ended"] = [dict(entry) for entry in ended]
    return data


def load(folder: Path | None) -> tuple[Plan, Register]:
    """The real plan and the register of a folder of progress files."""
    plan = real_plan()
    return plan, load_register(plan, folder)


def register_of(folder: Path) -> Register:
    return load(folder)[1]


def record(register: Register, cert_id: str, issued: date | str | None = None) -> Any:
    """The one record of an id (and issue date, where the id has several)."""
    wanted = [r for r in register.certificates if r.id == cert_id and
              (issued is None or r.issued == (date.fromisoformat(issued)
                                               if isinstance(issued, str) else issued))]
    assert len(wanted) == 1, (cert_id, issued, wanted)
    return wanted[0]


# --- the command line ---------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None

    def json(self) -> Any:
        """stdout parsed with every number as an exact Decimal."""
        return json.loads(self.stdout, parse_float=Decimal, parse_int=Decimal)


def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in WUHAI_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "250")  # rich must not fold table cells


def wuhai(*args: str | Path) -> Run:
    """Run `wuhai ARGS` in-process; an exception escaping the CLI's handling fails the test."""
    result = CliRunner().invoke(app, [str(arg) for arg in args],
                                env={name: None for name in WUHAI_VARIABLES} | {"COLUMNS": "250"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"wuhai {args} raised {result.exception!r}") from result.exception
    return Run(result.exit_code, result.stdout, result.stderr, result.exception)


def wuhai_on(command: str, progress: Path, *args: str | Path) -> Run:
    """`wuhai COMMAND --plan data/plan.yaml --progress DIR ARGS`."""
    return wuhai(command, "--plan", PLAN_PATH, "--progress", progress, *args)


def status_json(progress: Path, year: int, *args: str) -> Any:
    run = wuhai_on("status", progress, "--year", str(year), "--format", "json", *args)
    assert run.exit_code == 0, run.stderr
    return run.json()


def rows_by_key(document: Mapping[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Status/gap rows by (district, indicator)."""
    return {(row["district"], row["indicator"]): row for row in document["rows"]}
