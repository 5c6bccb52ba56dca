"""Fuzzing the reader and the command line: no input ends in a traceback or a hang (issue 6 A).

(a) the loader on random text and bytes returns a tree or raises `DataError`, nothing else;
(b) random YAML documents, shaped like a progress report or free-form, run through
    `wuhai validate` and `wuhai status`; (c) random mutations of a real report, likewise.
The CLI may exit 0, 1 or 2 (good, targets not met, bad input), never 3, and writes nothing.
"""

from __future__ import annotations

import json
import re
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from tests.harness import DEMO, PLAN, DataError, Problem, examples, snapshot, wuhai
from wuhai_green.load.files import decode
from wuhai_green.load.reading import parse_yaml, read_yaml
from wuhai_green.load.validate import validate
from wuhai_green.model.progress import ProgressFile
from wuhai_green.show.problems import text as problem_text

DEMO_REPORT = (DEMO / "2025-hainan.yaml").read_text(encoding="utf-8")
# A hang detector, not a speed limit: one run on a few small files takes well under a second,
# so only a loop that never ends reaches this, on however slow a machine.
HANG_SECONDS = 120

# The examples scale with the Hypothesis profile (tests/conftest.py): the full counts under
# CI=true, a quarter of them otherwise.
FUZZ = settings(
    deadline=None,
    max_examples=examples(200),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
FUZZ_CLI = settings(FUZZ, max_examples=examples(150))


# --- guards --------------------------------------------------------------------------------


class Hang(BaseException):
    """Not an Exception: the CLI's own handler must not turn a hang into exit 3."""


@contextmanager
def no_hang(seconds: int = HANG_SECONDS) -> Iterator[None]:
    if not hasattr(signal, "SIGALRM"):  # pragma: no cover - Windows
        yield
        return

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check_problem(problem: Problem, file: str, text: str | None = None) -> None:
    """A problem names its file, has a sane place, and renders in both languages."""
    assert problem.file == file
    if problem.line is None:
        assert problem.column is None
    else:
        assert problem.line >= 1
        assert problem.column is None or problem.column >= 1
        if text is not None:
            assert problem.line <= len(text.splitlines()) + 1, problem
    for lang in ("zh", "en"):
        assert problem_text(problem, lang).startswith(problem.where())


def load(text: str, file: str = "fuzz.yaml") -> None:
    """Parse and validate `text` as a progress report; only `DataError` may escape."""
    try:
        located = parse_yaml(text, file)
    except DataError as error:
        assert error.problems
        for problem in error.problems:
            check_problem(problem, file, text)
        return
    model, problems = validate(ProgressFile, located)
    assert (model is None) == bool(problems)
    for problem in problems:
        check_problem(problem, file, text)


# --- (a) the loader on random text -----------------------------------------------------------

YAML_CHARS = list(":-[]{},#&*!|>'\"%@`?.~ \n\t\r") + list("aynoe019") + ["海", "区", "\ufeff", "\x85",
                                                                    "\u2028", "\x00", "\x07"]


@FUZZ
@given(st.text())
def test_loader_on_random_text(text: str) -> None:
    with no_hang():
        load(text)


@FUZZ
@given(st.text(st.sampled_from(YAML_CHARS), max_size=200))
def test_loader_on_yaml_punctuation(text: str) -> None:
    with no_hang():
        load(text)


@FUZZ
@given(st.lists(st.sampled_from(["year: 2025\n", "certificates:\n", "  - id: A\n", "    issued: 1:30\n",
                                 "- ", "  ", "\t", "[", "]", "{", "}", ": ", "&a ", "*a ", "!!str ",
                                 "? ", "---\n", "...\n", "#", "'", '"', "|\n", ">-\n", "海南区",
                                 "output_tonnes: ", "010", "no", "\n"]), max_size=40).map("".join))
def test_loader_on_yaml_fragments(text: str) -> None:
    with no_hang():
        load(text)


@FUZZ
@given(st.binary(max_size=300))
def test_decoding_random_bytes(raw: bytes) -> None:
    try:
        text, warnings = decode(raw, "fuzz.yaml")
    except DataError as error:
        for problem in error.problems:
            check_problem(problem, "fuzz.yaml")
        return
    assert isinstance(text, str)
    for warning in warnings:
        assert warning.severity == "warning"
        check_problem(warning, "fuzz.yaml")


@FUZZ
@given(st.binary(max_size=300) | st.text(st.sampled_from(YAML_CHARS), max_size=100).flatmap(
    lambda text: st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]).map(
        lambda codec: text.encode(codec, "replace"))))
def test_reading_random_files(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(raw)
        with no_hang():
            try:
                located = read_yaml(path)
            except DataError as error:
                assert error.problems
                return
            validate(ProgressFile, located)


# --- running the CLI on a folder ---------------------------------------------------------------


def check_commands_on(files: dict[str, bytes], *, explain: bool = False) -> None:
    """`validate` and `status --year 2025` on a folder holding `files`."""
    commands = [["validate"], ["status", "--year", "2025", *(["--explain"] if explain else [])]]
    with tempfile.TemporaryDirectory() as folder:
        progress = Path(folder)
        for name, raw in files.items():
            (progress / name).write_bytes(raw)
        before = snapshot(progress)
        for command in commands:
            with no_hang():  # an exception escaping the CLI fails the test (harness.Escaped)
                result = wuhai(*command, "--plan", PLAN, "--progress", progress)
            assert "Traceback" not in result.stdout + result.stderr
            if currently_in_test_context():
                event(f"{command[0]} exit {result.exit_code}")
            assert result.exit_code in (0, 1, 2), (command, result.exit_code, result.stderr)
            assert snapshot(progress) == before


# --- (b) random YAML documents -----------------------------------------------------------------

TRICKY = ["no", "on", "off", "yes", "y", "NO", "010", "0o10", "0x1F", "1:30", "1,200", "12吨",
          ".nan", "NaN", "inf", "-.inf", "-5", "0", "0.0", "120", "0.0052", "1e3", "2025", "1899",
          "2999", "2025-06-15", "2025-06-31", "2025/06/01", "2025-6-1", "2024-02-29",
          "2025-02-29", "2025-12-31", "null", "~", "true", "false", "", "海南区", "hainan",
          "海勃湾区", "乌达区", "乌海市", "green_food", "organic", "famous_product",
          "exchange_meeting", "sampling", "training", "[/]", "[bold red]x", "LB-18-2506150123A",
          "1" * 60, "%", "@x", "`x`"]
CJK = "海南区乌达勃湾市鸡蛋葡萄绿色有机食品吨产量证书合作社"

texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
cjk_texts = st.text(st.sampled_from(CJK), min_size=1, max_size=8)
dates = st.dates().map(lambda day: day.isoformat())
numbers = st.integers(-100, 100_000).map(str) | st.decimals(allow_nan=True, places=3).map(str) \
    | st.floats().map(repr)
scalars: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(TRICKY), texts, cjk_texts, dates, numbers, st.integers(-5, 3000),
    st.booleans(), st.none())
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(TRICKY) | texts, children, max_size=4),
    max_leaves=20)

districts = st.sampled_from(["海南区", "hainan", "海勃湾区", "haibowan", "乌达区", "wuda"])
days_2025 = st.dates(date(2025, 1, 1), date(2025, 12, 31)).map(lambda day: day.isoformat())
certificate_ids = st.sampled_from(["LB-1", "LB-2", "MT-1", "010", "1:30", "LB-18-2506150123A"])


@st.composite
def certificates(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["green_food", "organic", "famous_product"]))
    entry: dict[str, Any] = {"id": draw(certificate_ids), "type": kind,
                             "product": draw(cjk_texts), "holder": draw(cjk_texts),
                             "issued": draw(days_2025)}
    if kind != "famous_product":
        entry["output_tonnes"] = draw(st.sampled_from(["120", "0.5", "60", "1200.25", "0.0052"]))
    optional = {"district": districts, "area_mu": st.sampled_from(["300", "0", "12.5"]),
                "expires": dates, "renews": certificate_ids}
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True, max_size=2)):
        entry[key] = draw(optional[key])
    return entry


activities = st.fixed_dictionaries(
    {"type": st.just("exchange_meeting"), "date": days_2025, "title": cjk_texts},
    optional={"district": districts, "host": districts})
plausible_reports = st.fixed_dictionaries(
    {"year": st.sampled_from([2024, 2025, 2025, 2025, 2023]), "district": districts,
     "certificates": st.lists(certificates(), max_size=4)},
    optional={"reported_on": dates, "activities": st.lists(activities, max_size=2),
              "ended": st.lists(st.fixed_dictionaries({"id": certificate_ids, "date": days_2025}),
                                max_size=1)})


@st.composite
def reports(draw: st.DrawFn) -> Any:
    """A plausible report, then up to three random changes: a value replaced by anything,
    a key deleted, a key added."""
    report = draw(plausible_reports)
    for _ in range(draw(st.integers(0, 3))):
        containers: list[dict[Any, Any]] = [report]
        for section in ("certificates", "activities"):
            entries = report.get(section)
            if isinstance(entries, list):
                containers += [entry for entry in entries if isinstance(entry, dict)]
        target = draw(st.sampled_from(containers))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace" and target:
            target[draw(st.sampled_from(sorted(target)))] = draw(values)
        elif action == "delete" and target:
            del target[draw(st.sampled_from(sorted(target)))]
        else:
            target[draw(st.sampled_from(TRICKY) | texts)] = draw(values)
    return report


documents = st.one_of(reports(), reports(), reports(), values)

PLAIN = re.compile(r"[\w\u4e00-\u9fff][\w\u4e00-\u9fff.:/+,-]*( [\w\u4e00-\u9fff.+-]+)*")


def scalar_text(value: Any) -> str:
    """A scalar as YAML: plain where that is safe, else a JSON string (valid YAML)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text in TRICKY and text:  # YAML 1.1 look-alikes and indicators reach the reader unquoted
        return text
    if PLAIN.fullmatch(text) and ": " not in text and " #" not in text and not text.endswith(":"):
        return text
    return json.dumps(text, ensure_ascii=False)


def to_yaml(value: Any, indent: int = 0) -> str:
    """Block-style YAML with plain scalars (so YAML 1.1 look-alikes reach the reader unquoted)."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return pad + "{}\n"
        lines = []
        for key, item in value.items():
            head = f"{pad}{scalar_text(key)}:"
            if isinstance(item, (dict, list)) and item:
                lines.append(head + "\n" + to_yaml(item, indent + 2))
            else:
                lines.append(f"{head} {to_yaml(item).strip()}\n")
        return "".join(lines)
    if isinstance(value, list):
        if not value:
            return pad + "[]\n"
        lines = []
        for item in value:
            if isinstance(item, (dict, list)) and item:
                nested = to_yaml(item, indent + 2)
                lines.append(f"{pad}- {nested.lstrip()}")
            else:
                lines.append(f"{pad}- {to_yaml(item).strip()}\n")
        return "".join(lines)
    return pad + scalar_text(value) + "\n"


def to_flow(value: Any) -> str:
    """Flow style: JSON is YAML."""
    return json.dumps(value, ensure_ascii=False, default=str) + "\n"


encodings = st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "gb18030"])


@FUZZ_CLI
@given(st.lists(st.tuples(documents, st.booleans(), encodings), min_size=1, max_size=3),
       st.booleans())
def test_cli_on_random_documents(files: list[tuple[Any, bool, str]], explain: bool) -> None:
    contents = {}
    for index, (document, flow, encoding) in enumerate(files):
        text = to_flow(document) if flow else to_yaml(document)
        contents[f"2025-{index}.yaml"] = text.encode(encoding, "replace")
    check_commands_on(contents, explain=explain)


def test_the_yaml_writer_round_trips_a_report() -> None:
    """The writer of the fuzz documents writes what a reader reads back (so (b) is not all noise)."""
    document = {"year": 2025, "district": "海南区", "certificates": [
        {"id": "010", "type": "green_food", "product": "鸡蛋", "holder": "示例合作社", "output_tonnes": "120",
         "issued": "2025-06-15"}], "ended": [], "extra": {"a": [1, ["x", {}]], "b: c": "d #e"}}
    located = parse_yaml(to_yaml(document), "w.yaml")
    expected = json.loads(json.dumps(document), parse_int=str)
    assert located.value == expected
    assert parse_yaml(to_flow(document), "w.yaml").value["certificates"][0]["id"] == "010"


# --- (c) random mutations of a real report ------------------------------------------------------

VALUE_LINE = re.compile(r"^(\s*(?:- )?[\w]+:) (\S.*)$")
INSERTED = [*":-[]{},#&*!|>'\"\n \t", "海", "\x07", "\ufeff", "\u2028", "0", "no"]


@st.composite
def mutations(draw: st.DrawFn) -> str:
    text = DEMO_REPORT
    for _ in range(draw(st.integers(1, 2))):
        operation = draw(st.sampled_from(["delete", "duplicate_line", "swap_values", "insert_tab",
                                          "truncate", "insert", "replace", "delete_line"]))
        position = draw(st.integers(0, max(len(text) - 1, 0)))
        lines = text.splitlines(keepends=True)
        if operation == "delete":
            text = text[:position] + text[position + 1:]
        elif operation == "insert_tab":
            text = text[:position] + "\t" + text[position:]
        elif operation == "truncate":
            text = text[:position]
        elif operation == "insert":
            text = text[:position] + draw(st.sampled_from(INSERTED)) + text[position:]
        elif operation == "replace":
            text = text[:position] + draw(st.sampled_from(INSERTED)) + text[position + 1:]
        elif operation in ("duplicate_line", "delete_line") and lines:
            line = draw(st.integers(0, len(lines) - 1))
            if operation == "duplicate_line":
                lines.insert(line, lines[line])
            else:
                del lines[line]
            text = "".join(lines)
        elif operation == "swap_values":
            with_values = [i for i, line in enumerate(lines) if VALUE_LINE.match(line.rstrip("\n"))]
            if len(with_values) >= 2:
                first, second = draw(st.lists(st.sampled_from(with_values), min_size=2, max_size=2,
                                              unique=True))
                match_a = VALUE_LINE.match(lines[first].rstrip("\n"))
                match_b = VALUE_LINE.match(lines[second].rstrip("\n"))
                assert match_a is not None and match_b is not None
                lines[first] = f"{match_a.group(1)} {match_b.group(2)}\n"
                lines[second] = f"{match_b.group(1)} {match_a.group(2)}\n"
                text = "".join(lines)
    return text


def test_the_unmutated_report_is_valid() -> None:
    check_commands_on({"2025-hainan.yaml": DEMO_REPORT.encode()})
    located = parse_yaml(DEMO_REPORT, "demo.yaml")
    model, problems = validate(ProgressFile, located)
    assert model is not None and problems == []


@FUZZ_CLI
@given(mutations(), st.booleans())
def test_cli_on_mutated_report(text: str, explain: bool) -> None:
    check_commands_on({"2025-hainan.yaml": text.encode("utf-8")}, explain=explain)


@FUZZ
@given(mutations())
def test_loader_on_mutated_report(text: str) -> None:
    with no_hang():
        load(text, "2025-hainan.yaml")
