"""The test harness: one way to run `wuhai`, one set of builders for the files it reads.

- `wuhai(*args)` runs the command line in-process (typer's CliRunner keeps stdout and
  stderr apart), with no WUHAI_* variable, no job summary and a 250-column terminal unless
  `env` says otherwise. An exception escaping the CLI's own error handling fails the test
  (`Escaped`, an AssertionError) instead of passing for exit 1. `wuhai_on(COMMAND, DIR)`
  adds `--plan data/plan.yaml --progress DIR`.
- `wuhai_process(*args, cwd=...)` runs `python -m wuhai_green` as a real process, for the
  few tests where the process itself matters: its exit code, a hang, the installed script.
- Builders write progress files from inline YAML (dedented, so a test shows the file it
  reads, line numbers included) or from dicts; `cert()` is one certificate as YAML text,
  `certificate()` one as a dict.

The internals of `wuhai_green` that several tests reach are imported here and re-exported,
so a renaming inside src/ is followed in one place; otherwise a unit test imports the
module it tests, and test_fuzz the reader it fuzzes. `break_inside` and `freeze_today`
name the functions tests replace.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml
from typer.testing import CliRunner

from wuhai_green import __version__
from wuhai_green.cli import app
from wuhai_green.core import metrics
from wuhai_green.core.dates import default_expiry
from wuhai_green.core.problems import DataError, Problem, UsageError
from wuhai_green.core.register import Certificate, Register
from wuhai_green.load.plan import load_plan, shipped_plan_path
from wuhai_green.load.progress import load_register, read_report
from wuhai_green.load.targets import load_targets
from wuhai_green.model.plan import Area, Goal, Indicator, Plan

if TYPE_CHECKING:
    import pytest

__all__ = [  # the harness's names and the src internals several tests share
    "ANNEX_1", "ANNEX_2", "ANNEX_2_CELLS", "BAD_REPORTS", "CERTIFIED", "CITY", "CI_EXAMPLES",
    "DEMO", "DEV_EXAMPLES", "DISTRICTS", "FAMOUS", "FAULTY_PLANS", "GENERATED_REPORTS",
    "GOLDEN_DIR", "GREEN_FOOD_HEADER", "PLAN", "REPO", "REPORT_ENV", "SIZE_LIMIT_BYTES",
    "SIZE_LIMIT_MB", "TESTS", "VALID_REPORT", "Annotation", "Area", "Certificate", "DataError",
    "Escaped", "Formula", "Goal",
    "Indicator", "Plan", "Problem", "Register", "Run", "UsageError", "__version__",
    "activity_items", "activity_report", "app", "area", "break_inside", "cert", "certificate",
    "command_names", "decimal_json", "default_expiry", "examples", "freeze_today", "generated_plan",
    "goal", "hostile_report", "indicator", "load", "load_plan", "load_register", "load_targets",
    "long_strings_report", "metrics", "parse_github", "plan_with", "process_env", "read_report",
    "read_workbook", "real_plan", "record", "register_of", "report", "rows_by_key",
    "shipped_plan_path", "snapshot", "status_json", "unescape_data", "unescape_property", "write",
    "write_files", "write_report", "write_workbook", "wuhai", "wuhai_on", "wuhai_process",
    "yaml_text",
]

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
PLAN = REPO / "data" / "plan.yaml"
DEMO = REPO / "examples" / "demo"
GOLDEN_DIR = TESTS / "golden"
BAD_REPORTS = TESTS / "data" / "bad"  # one broken progress report per fault
FAULTY_PLANS = TESTS / "data" / "plans"  # one broken plan per fault

CITY = "乌海市"
DISTRICTS = ("海勃湾区", "海南区", "乌达区")
CERTIFIED = "certified_output"
FAMOUS = "famous_products"


# --- running the command line -------------------------------------------------------------


class Run(NamedTuple):
    """What one run of `wuhai` gave (a tuple: `exit_code, stdout, stderr = run`)."""

    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """stdout parsed with every number as an exact Decimal."""
        return decimal_json(self.stdout)


class Escaped(AssertionError):
    """An exception escaped the CLI's error handling: a bug, never a result."""

    def __init__(self, args: Sequence[str], run: Run, exception: BaseException) -> None:
        super().__init__(f"wuhai {' '.join(args)} raised {exception!r}")
        self.run = run
        self.exception = exception


def decimal_json(text: str) -> Any:
    """JSON with every number as an exact Decimal (0.0052 stays Decimal('0.0052'))."""
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


def _cleared_environment() -> dict[str, str | None]:
    """No WUHAI_* variable and no job summary; a wide terminal so rich never folds cells."""
    names = {name for name in os.environ if name.startswith("WUHAI_")}
    names |= {"WUHAI_LANG", "WUHAI_PLAN", "WUHAI_PROGRESS", "WUHAI_MAX_FILE_MB",
              "GITHUB_STEP_SUMMARY"}
    cleared: dict[str, str | None] = dict.fromkeys(sorted(names))
    cleared["COLUMNS"] = "250"
    return cleared


def wuhai(*args: str | Path, env: Mapping[str, str | None] | None = None,
          cwd: Path | None = None) -> Run:
    """`wuhai ARGS` in-process, in `cwd` (default: the current folder).

    `env` sets (or, with None, removes) variables on top of the cleared environment.
    """
    words = [str(arg) for arg in args]
    environment = _cleared_environment() | dict(env or {})
    with contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext():
        run, exception = _invoke(words, environment)
    if exception is not None:
        raise Escaped(words, run, exception) from exception
    return run


@cache
def _click_command() -> Any:
    """The app as a click command, built once (typer builds it anew on every
    `CliRunner.invoke`, which costs more than most commands take to run)."""
    import typer.main

    return typer.main.get_command(app)


def _invoke(words: list[str], environment: Mapping[str, str | None]
            ) -> tuple[Run, Exception | None]:
    """What `typer.testing.CliRunner.invoke` does, with the command built once: run it in
    the runner's isolation (stdin, stdout and stderr apart, the environment) and turn
    SystemExit into the exit code; any other exception is returned, not raised."""
    runner = CliRunner()
    command = _click_command()
    exception: Exception | None = None
    with runner.isolation(env=environment) as (stdout, stderr, _):
        try:
            command.main(args=words, prog_name=runner.get_default_prog_name(command))
            exit_code = 0
        except SystemExit as stop:
            code = 0 if stop.code is None else stop.code
            if not isinstance(code, int):
                sys.stdout.write(f"{code}\n")
                code = 1
            exit_code = code
        except Exception as error:
            exception, exit_code = error, 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            out, err = stdout.getvalue(), stderr.getvalue()

    def text(raw: bytes) -> str:  # as typer's Result shows it
        return raw.decode(runner.charset, "replace").replace("\r\n", "\n")

    return Run(exit_code, text(out), text(err)), exception


def wuhai_on(command: str, progress: Path | str, *args: str | Path,
             plan_path: Path | str = PLAN, env: Mapping[str, str | None] | None = None,
             cwd: Path | None = None) -> Run:
    """`wuhai COMMAND --plan data/plan.yaml --progress PROGRESS ARGS`."""
    return wuhai(command, "--plan", plan_path, "--progress", progress, *args, env=env, cwd=cwd)


def status_json(progress: Path, year: int, *args: str) -> Any:
    """The JSON of `wuhai status --year YEAR` on a progress folder (exit 0 required)."""
    run = wuhai_on("status", progress, "--year", str(year), "--format", "json", *args)
    assert run.exit_code == 0, run.stderr
    return run.json()


def rows_by_key(document: Mapping[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """The rows of a status, gap or adjust document by (district, indicator)."""
    return {(row["district"], row["indicator"]): row for row in document["rows"]}


def command_names() -> list[str]:
    """Every command of the app, sorted."""
    return sorted(_click_command().commands)


def process_env(**extra: str) -> dict[str, str]:
    """This process's environment without any WUHAI_* variable or job summary, 250 columns."""
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith("WUHAI_") and key != "GITHUB_STEP_SUMMARY"}
    environment["COLUMNS"] = "250"
    environment.update(extra)
    return environment


def wuhai_process(*args: str | Path, cwd: Path, env: Mapping[str, str] | None = None,
                  program: Sequence[str | Path] | None = None,
                  timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m wuhai_green ARGS` (or `program ARGS`) as a real process in `cwd`.

    `env` adds variables to `process_env()`. A hang raises `subprocess.TimeoutExpired`.
    """
    command = [str(word) for word in (program or [sys.executable, "-m", "wuhai_green"])]
    return subprocess.run([*command, *[str(arg) for arg in args]], cwd=cwd,
                          env=process_env(**dict(env or {})), capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, check=False)


# The functions the CLI calls that a test makes fail, to see the internal-error path.
_INSIDE = {
    "status": "wuhai_green.commands.status_page",
    "validate": "wuhai_green.commands.load_register",
    "plan": "wuhai_green.show.views.plan.plan_page",  # imported by show_plan when it runs
    "show_plan": "wuhai_green.commands.show_plan",
}


def break_inside(monkeypatch: pytest.MonkeyPatch, command: str,
                 replacement: Callable[..., Any]) -> None:
    """Replace a function that `command` calls (see `_INSIDE`) for the test's duration."""
    monkeypatch.setattr(_INSIDE[command], replacement)


def freeze_today(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    """Make the CLI's today `day` (the default --as-of of the current year)."""
    monkeypatch.setattr("wuhai_green.commands.today", lambda: day)


# --- the plan and the register ---------------------------------------------------------------


@cache
def real_plan() -> Plan:
    """The repository's data/plan.yaml, loaded once."""
    return load_plan(PLAN)


def area(name: str) -> Area:
    found = real_plan().find_area(name)
    assert found is not None, name
    return found


def indicator(indicator_id: str) -> Indicator:
    return real_plan().indicators[indicator_id]


def goal(goal_id: str) -> Goal:
    return next(item for item in real_plan().data.goals if item.id == goal_id)


def load(folder: Path | None) -> tuple[Plan, Register]:
    """The real plan and the register of a folder of progress files."""
    plan = real_plan()
    return plan, load_register(plan, folder)


def register_of(folder: Path) -> Register:
    return load(folder)[1]


def record(register: Register, cert_id: str, issued: date | str | None = None) -> Certificate:
    """The one record of an id (and issue date, where the id has several)."""
    day = date.fromisoformat(issued) if isinstance(issued, str) else issued
    wanted = [r for r in register.certificates
              if r.id == cert_id and (day is None or r.issued == day)]
    assert len(wanted) == 1, (cert_id, issued, wanted)
    return wanted[0]


# --- progress files ------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Decimals as quoted text (the reader turns text into a Decimal without a float); values
    written out in full, never as anchors and aliases (which the reader refuses)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_str(format(value, "f")))


def yaml_text(content: str | Mapping[str, Any]) -> str:
    """Inline YAML (dedented, leading newline dropped) or a dict dumped as block YAML."""
    if isinstance(content, str):
        return textwrap.dedent(content).lstrip("\n")
    dumped: str = yaml.dump(dict(content), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                            default_flow_style=False)
    return dumped


def write(folder: Path, name: str, content: str | Mapping[str, Any]) -> Path:
    """Write `folder/name` from inline YAML or a dict, and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml_text(content), encoding="utf-8")
    return path


def write_files(folder: Path, files: Mapping[str, str | Mapping[str, Any]]) -> Path:
    """Write several files into `folder`; returns the folder."""
    for name, content in files.items():
        write(folder, name, content)
    return folder


# Dicts: one `certificates:` entry and a whole report.


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


# Text: one `certificates:` entry and a file of one district, exactly as written.


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


def write_report(folder: Path, name: str, year: int, district: str, *entries: str,
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


# Text: activities, as list items under `activities:`.


def activity_items(text: str) -> str:
    """Activity list items (inline YAML, dedented), indented under `activities:`."""
    return textwrap.indent(textwrap.dedent(text).strip("\n"), "  ") + "\n"


def activity_report(year: int, district: str | None, items: str) -> str:
    """A progress file of `year` (for `district`, if any) holding only these activities."""
    head = f"year: {year}\n" + (f"district: {district}\n" if district else "")
    return head + "activities:\n" + activity_items(items)


# --- hostile progress files (tests/data/bad/ and the ones built at run time) -----------------

VALID_REPORT = (
    "year: 2025\n"
    "district: 海南区\n"
    "certificates:\n"
    "  - id: LB-BAD-0001\n"
    "    type: green_food\n"
    "    product: 鸡蛋\n"
    "    holder: 示例养殖专业合作社\n"
    "    output_tonnes: 120\n"
    "    issued: 2025-06-15\n"
)

# A size limit between the plan's size and the oversized file's: the limit applies to every
# file read, the plan included.
SIZE_LIMIT_BYTES = 2 * PLAN.stat().st_size
SIZE_LIMIT_MB = f"{SIZE_LIMIT_BYTES / (1024 * 1024):.6f}"


def _too_large() -> bytes:
    text = VALID_REPORT + "# padding\n" * (SIZE_LIMIT_BYTES // 10 + 100)
    return text.encode("utf-8")


def many_bad_values(count: int = 100_000) -> bytes:
    """A report of `count` certificates, each a bare word where a mapping belongs: that
    many problems in one file (issue 11 §3: the first 50 are listed, the rest counted)."""
    return ("year: 2025\ndistrict: 海南区\ncertificates:\n" + "  - x\n" * count).encode()


def huge_unknown_subtree(mebibytes: float = 1) -> bytes:
    """A valid report with a list of about `mebibytes` MiB under one misspelt key
    (`certificate:`, for `certificates:`): refused once, by its key, never built."""
    items = int(mebibytes * 1024 * 1024) // 6
    return (VALID_REPORT + "certificate:\n" + "  - 0\n" * items).encode()


# Binary or oversized cases, built at run time rather than kept as files.
GENERATED_REPORTS: dict[str, Callable[[], bytes]] = {
    "gb18030.yaml": lambda: VALID_REPORT.encode("gb18030"),
    "utf8_bom.yaml": lambda: VALID_REPORT.encode("utf-8-sig"),
    "utf16_le_bom.yaml": lambda: codecs.BOM_UTF16_LE + VALID_REPORT.encode("utf-16-le"),
    "utf16_be_bom.yaml": lambda: codecs.BOM_UTF16_BE + VALID_REPORT.encode("utf-16-be"),
    "utf16_truncated.yaml": lambda: codecs.BOM_UTF16_LE + VALID_REPORT.encode("utf-16-le") + b"\x00",
    "undecodable.yaml": lambda: b"year: 2025\ndistrict: \xff\xfe\x80\n",
    "control_character_ascii.yaml": lambda: b"year: 2025\ndistrict: hainan\x07\n",
    "control_character.yaml": lambda: "year: 2025\ndistrict: 海南区\x07\nreported_on: 2026-01-15\n"
                                      .encode(),
    "too_large.yaml": _too_large,
    "deep_flow_lists.yaml": lambda: ("year: 2025\nx: " + "[" * 10_000 + "]" * 10_000 + "\n").encode(),
    "deep_flow_mappings.yaml": lambda: ("year: 2025\nx: " + "{a: " * 10_000 + "}" * 10_000
                                        + "\n").encode(),
    "many_bad_values.yaml": many_bad_values,
    "huge_unknown_subtree.yaml": huge_unknown_subtree,
}

# The variables a case runs with (the size limit below the oversized file's size).
REPORT_ENV: dict[str, dict[str, str]] = {"too_large.yaml": {"WUHAI_MAX_FILE_MB": SIZE_LIMIT_MB}}


def hostile_report(name: str) -> bytes:
    """The bytes of a hostile case: built at run time, or the file in tests/data/bad/."""
    if name in GENERATED_REPORTS:
        return GENERATED_REPORTS[name]()
    return (BAD_REPORTS / name).read_bytes()


def long_strings_report() -> str:
    """A valid report whose product and holder are 100,000 characters each."""
    return VALID_REPORT.replace("鸡蛋", "蛋" * 100_000).replace("示例养殖专业合作社", "x" * 100_000)


Snapshot = dict[str, tuple[int, int, int, bytes | str | None]]


def snapshot(root: Path) -> Snapshot:
    """Every entry under `root`: type and permission bits, size, mtime, and its content
    (bytes of a regular file, target of a link); FIFOs and unreadable files are not opened."""
    import stat

    entries: Snapshot = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            info = path.lstat()
            content: bytes | str | None = None
            if stat.S_ISLNK(info.st_mode):
                content = os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                try:
                    content = path.read_bytes()
                except PermissionError:
                    content = None
            entries[str(path.relative_to(root))] = (info.st_mode, info.st_size,
                                                    info.st_mtime_ns, content)
    return entries


# --- other plans: 300 districts, another city ---------------------------------------------

# 附件1 绿色有机产品发展现状清单: (area, certified_output in 万吨, famous_products count)
ANNEX_1 = [
    (CITY, "0.243", "11"),
    ("海勃湾区", "0.13", "4"),
    ("海南区", "0.083", "3"),
    ("乌达区", "0.03", "4"),
]

# 附件2 打造绿色有机品牌工作任务清单 (cumulative): area -> indicator -> {year: figure as printed}.
# 乌达区's 2024 certified_output cell is blank in the document (None, not 0).
ANNEX_2: dict[str, dict[str, dict[int, str | None]]] = {
    CITY: {"certified_output": {2024: "0.0152", 2025: "0.04", 2028: "0.06"},
           "famous_products": {2024: "3", 2025: "6", 2028: "12"}},
    "海勃湾区": {"certified_output": {2024: "0.0052", 2025: "0.015", 2028: "0.02"},
             "famous_products": {2024: "1", 2025: "2", 2028: "4"}},
    "海南区": {"certified_output": {2024: "0.0100", 2025: "0.015", 2028: "0.02"},
            "famous_products": {2024: "1", 2025: "2", 2028: "4"}},
    "乌达区": {"certified_output": {2024: None, 2025: "0.01", 2028: "0.02"},
            "famous_products": {2024: "1", 2025: "2", 2028: "4"}},
}

ANNEX_2_CELLS = [
    (area, indicator, year, printed)
    for area, by_indicator in ANNEX_2.items()
    for indicator, by_year in by_indicator.items()
    for year, printed in by_year.items()
]


def generated_plan(districts: list[tuple[str, list[str]]] | None = None, *, count: int = 300,
                   city: str = "示例省", baseline_year: int = 2025, start: int = 2026,
                   end: int = 2030, milestones: tuple[int, ...] = (2027, 2030),
                   blank: set[tuple[int, int]] | None = None, city_offset: Decimal = Decimal(0),
                   ) -> str:
    """A plan whose city figures are the exact sums of its districts'.

    District i (1-based) has baseline certified_output i/1000 万吨 and famous_products i % 5;
    cumulative targets (m+1)·i/10000 万吨 and m+1 products at the m-th milestone (0-based).
    `blank` holds (district index, milestone year) cells written null. `city_offset` is
    added to the city's first certified_output target (to break a sum).
    """
    blank = blank or set()
    names = districts or [(f"D{i:03d}", [f"d{i:03d}"]) for i in range(1, count + 1)]

    def figures(index: int) -> tuple[Decimal, int, dict[int, Decimal | None], dict[int, int]]:
        base_output = Decimal(index) / 1000
        output: dict[int, Decimal | None] = {
            year: None if (index, year) in blank else Decimal(index) * (m + 1) / 10000
            for m, year in enumerate(milestones)}
        famous = {year: m + 1 for m, year in enumerate(milestones)}
        return base_output, index % 5, output, famous

    def flow(values: dict[int, Decimal | None] | dict[int, int]) -> str:
        return "{" + ", ".join(f"{year}: {'null' if v is None else v}" for year, v in values.items()) + "}"

    children = []
    total_base, total_famous = Decimal(0), 0
    total_output = dict.fromkeys(milestones, Decimal(0))
    total_targets = dict.fromkeys(milestones, 0)
    for index, (name, aliases) in enumerate(names, start=1):
        base_output, famous, output, famous_targets = figures(index)
        total_base += base_output
        total_famous += famous
        for year in milestones:
            total_output[year] += output[year] or Decimal(0)
            total_targets[year] += famous_targets[year]
        children.append(
            f"    - name: {name}\n"
            f"      aliases: [{', '.join(aliases)}]\n"
            f"      baseline: {{certified_output: {base_output}, famous_products: {famous}}}\n"
            f"      targets:\n"
            f"        certified_output: {flow(output)}\n"
            f"        famous_products: {flow(famous_targets)}\n")
    first = milestones[0]
    city_output: dict[int, Decimal | None] = {
        year: total_output[year] + (city_offset if year == first else 0) for year in milestones}
    return f"""\
schema: wuhai-green/plan@1
document:
  title: {city}绿色有机品牌工作方案
  issuer: {city}农牧厅
  date: {baseline_year}-09-01
period:
  baseline_year: {baseline_year}
  start: {start}
  end: {end}
  milestones: [{', '.join(map(str, milestones))}]
units:
  t: {{zh: 吨, en: t, tonnes: 1}}
  wan-t: {{zh: 万吨, en: "10,000 t", tonnes: 10000}}
  count: {{zh: 个, en: ""}}
indicators:
  - {{id: certified_output, zh: 新增绿色有机食品认证, en: certified output, unit: wan-t,
     certificate_types: [green_food, organic]}}
  - {{id: famous_products, zh: 新增名特优新农产品, en: famous products, unit: count,
     certificate_types: [famous_product]}}
certificate_types:
  - {{id: green_food, zh: 绿色食品, en: green food, validity_years: 3, renewal_lead: {{months: 3}}}}
  - {{id: organic, zh: 有机产品, en: organic, validity_years: 1, renewal_lead: {{months: 3}}}}
  - {{id: famous_product, zh: 名特优新农产品, en: famous product, validity_years: 3,
     renewal_lead: {{days: 30}}}}
area:
  name: {city}
  baseline: {{certified_output: {total_base}, famous_products: {total_famous}}}
  targets:
    certified_output: {flow(city_output)}
    famous_products: {flow(total_targets)}
  children:
{"".join(children)}rules:
  status_thresholds: {{on_track: 0.95, at_risk: 0.6}}
  about_band: 0.1
"""


def plan_with(folder: Path, *changes: tuple[str, str], name: str = "plan.yaml") -> Path:
    """data/plan.yaml with each (old, new) text replaced once (each `old` must be there)."""
    text = PLAN.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- spreadsheets: the registers of `wuhai import`, the workbooks of --format xlsx ------------

# The columns of a green food list as the announcements and the bureaus' sheets give them.
GREEN_FOOD_HEADER = ("序号", "产品编号", "企业信息码", "生产单位", "产品名称", "核准产量（吨）",
                     "面积（亩）", "颁证日期", "证书截止日期", "证书状态", "备注")


class Formula(NamedTuple):
    """A formula cell: its text and the value saved with it (xlsxwriter writes it; openpyxl
    writes none, as a workbook never opened in Excel has none)."""

    text: str
    cached: Any = None


def write_workbook(path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]], *,
                   writer: str = "openpyxl", merged: Mapping[str, Sequence[str]] | None = None,
                   hidden: Sequence[str] = ()) -> Path:
    """A workbook of `sheets` (name → rows; None is an empty cell, a date or datetime a date
    cell, a `Formula` a formula), written by openpyxl or by xlsxwriter, with `merged` ranges
    (sheet → ["D3:D5", …]) and `hidden` sheets."""
    merged = merged or {}
    path.parent.mkdir(parents=True, exist_ok=True)
    if writer == "xlsxwriter":
        import xlsxwriter

        book = xlsxwriter.Workbook(str(path))
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        for name, rows in sheets.items():
            sheet = book.add_worksheet(name)
            for row_index, row in enumerate(rows):
                for column, value in enumerate(row):
                    if value is None:
                        continue
                    if isinstance(value, Formula):
                        sheet.write_formula(row_index, column, value.text, None, value.cached)
                    elif isinstance(value, date):
                        sheet.write_datetime(row_index, column, value, day)
                    elif isinstance(value, Decimal):
                        sheet.write_number(row_index, column, float(value))
                    else:
                        sheet.write(row_index, column, value)
            for cells in merged.get(name, ()):  # merge_range writes the first cell's value
                sheet.merge_range(cells, _cell_value(rows, cells.split(":")[0]))
            if name in hidden:
                sheet.hide()
        book.close()
        return path
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([value.text if isinstance(value, Formula)
                          else float(value) if isinstance(value, Decimal) else value
                          for value in row])
        for cells in merged.get(name, ()):
            sheet.merge_cells(cells)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def _cell_value(rows: Sequence[Sequence[Any]], ref: str) -> Any:
    letters = ref.rstrip("0123456789")
    row, column = int(ref[len(letters):]) - 1, ord(letters) - ord("A")
    return rows[row][column] if column < len(rows[row]) else None


def read_workbook(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet of a workbook: its rows of values, as openpyxl reads them back."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets}


# --- GitHub workflow commands ---------------------------------------------------------------

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


# --- Hypothesis -----------------------------------------------------------------------------

# max_examples of the `ci` profile (Hypothesis's own default); `dev` runs a quarter of it.
CI_EXAMPLES = 100
DEV_EXAMPLES = 25


def examples(full: int) -> int:
    """`full` examples under the `ci` profile, the same share of them as the loaded profile's
    max_examples is of ci's (a quarter under `dev`, the default; see tests/conftest.py)."""
    from hypothesis import settings

    return max(1, full * settings().max_examples // CI_EXAMPLES)
