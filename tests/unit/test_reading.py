"""Safe reading of YAML files: bytes, YAML 1.2 scalars, refusals, marks, limits."""

from __future__ import annotations

import codecs
import os
from decimal import Decimal
from pathlib import Path

import pytest

from wuhai_green.core.problems import DataError, Problem
from wuhai_green.load.files import decode, file_limit_warnings, max_file_bytes
from wuhai_green.load.reading import MAX_DEPTH, Located, parse_yaml, read_yaml
from wuhai_green.load.validate import validate
from wuhai_green.model.marks import Mark
from wuhai_green.model.plan import PlanFile
from wuhai_green.show.problems import message as problem_message
from wuhai_green.show.problems import text as problem_text


def parse(text: str) -> Located:
    return parse_yaml(text, "f.yaml")


def refusal(text: str) -> Problem:
    """The single problem parsing `text` raises."""
    with pytest.raises(DataError) as caught:
        parse(text)
    [problem] = caught.value.problems
    assert problem.file == "f.yaml"
    return problem


def read_problem(path: Path) -> Problem:
    with pytest.raises(DataError) as caught:
        read_yaml(path)
    [problem] = caught.value.problems
    return problem


# --- YAML 1.2 scalars: text stays text ------------------------------------------------


@pytest.mark.parametrize("text", ["no", "No", "NO", "yes", "on", "off", "y", "n", "010", "0o10",
                                  "0x1F", "1:30", "1e3", ".inf", ".nan", "2025-06-15", "0.0052"])
def test_plain_scalars_stay_text(text: str) -> None:
    """YAML 1.1 would read no/on as booleans, 010 as 8, 1:30 as 90 and dates as dates."""
    assert parse(f"value: {text}\n").value == {"value": text}


@pytest.mark.parametrize(("text", "expected"), [
    ("true", True), ("True", True), ("TRUE", True),
    ("false", False), ("False", False), ("FALSE", False),
])
def test_only_true_and_false_are_booleans(text: str, expected: bool) -> None:
    value = parse(f"value: {text}\n").value["value"]
    assert value is expected


@pytest.mark.parametrize("text", ["value: null\n", "value: Null\n", "value: NULL\n", "value: ~\n",
                                  "value:\n", "value: \n"])
def test_nulls(text: str) -> None:
    assert parse(text).value == {"value": None}


@pytest.mark.parametrize("text", ["value: 'true'\n", 'value: "null"\n', "value: |\n  true\n",
                                  "value: ''\n"])
def test_quoted_and_block_scalars_are_always_text(text: str) -> None:
    value = parse(text).value["value"]
    assert isinstance(value, str)
    assert value.strip() in ("true", "null", "")


def test_keys_stay_text() -> None:
    """Year keys and null-like keys are text; the models convert them."""
    assert parse("2024: a\nnull: b\n010: c\n").value == {"2024": "a", "null": "b", "010": "c"}


# --- refusals -------------------------------------------------------------------------


def test_duplicate_key_refused_at_the_second_key() -> None:
    problem = refusal("year: 2025\ndistrict: 海南区\nyear: 2024\n")
    assert (problem.key, problem.line, problem.column) == ("yaml.duplicate_key", 3, 1)
    assert problem.params == {"key": "year"}


def test_duplicate_key_in_a_nested_flow_mapping() -> None:
    """`  certified_output: {2024: 1, 2024: 2}`: the second 2024 starts at column 31."""
    problem = refusal("targets:\n  certified_output: {2024: 1, 2024: 2}\n")
    assert (problem.key, problem.line, problem.column) == ("yaml.duplicate_key", 2, 31)


def test_duplicate_key_quoted_and_plain_are_the_same_key() -> None:
    problem = refusal("'year': 2025\nyear: 2024\n")
    assert (problem.key, problem.line) == ("yaml.duplicate_key", 2)


def test_anchor_refused() -> None:
    problem = refusal("a: &x 1\nb: *x\n")
    assert (problem.key, problem.line, problem.column) == ("yaml.alias", 1, 4)


def test_alias_of_a_mapping_refused() -> None:
    problem = refusal("base: &base\n  x: 1\nother:\n  <<: *base\n")
    assert problem.key == "yaml.alias"
    assert problem.line == 1


def test_billion_laughs_fails_at_the_first_anchor() -> None:
    """Ten levels of nine aliases each would expand to 9**9 ≈ 3.9e8 strings."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    problem = refusal("\n".join(lines) + "\n")
    assert (problem.key, problem.line, problem.column) == ("yaml.alias", 1, 5)


@pytest.mark.parametrize("text", ["a: !!str 010\n", "a: !!python/object:os.system x\n",
                                  "a: !custom x\n"])
def test_explicit_tags_refused(text: str) -> None:
    problem = refusal(text)
    assert (problem.key, problem.line, problem.column) == ("yaml.tag", 1, 4)


def test_tab_indentation_is_a_slip_at_its_own_line_and_column() -> None:
    problem = refusal("year: 2025\ncertificates:\n\t- id: X\n")
    assert (problem.key, problem.line, problem.column) == ("slip.tab", 3, 1)


def test_unclosed_flow_sequence_says_how_a_list_ends() -> None:
    problem = refusal("milestones: [2024, 2025\nother: 1\n")
    assert problem.key == "yaml.flow_list"
    assert problem.line is not None and problem.line >= 1
    assert "expected ',' or ']'" in problem.params["problem"]  # the parser's words, kept


def test_control_character_is_reported_at_its_place() -> None:
    problem = refusal("year: 2025\ntitle: a\x07b\n")
    assert problem.key == "yaml.control_character"
    assert (problem.line, problem.column) == (2, 9)
    assert problem.params["code"] == "U+0007"


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    problem = refusal(text)
    assert (problem.key, problem.line) == ("yaml.empty", None)


def test_multiple_documents_refused_at_the_second() -> None:
    problem = refusal("year: 2024\n---\nyear: 2025\n")
    assert (problem.key, problem.line, problem.column) == ("yaml.multiple_documents", 2, 1)


def test_one_document_with_explicit_markers_is_fine() -> None:
    assert parse("---\nyear: 2025\n...\n").value == {"year": "2025"}


def test_complex_key_refused() -> None:
    problem = refusal("? [a, b]\n: 1\n")
    assert problem.key == "yaml.complex_key"


def test_nesting_up_to_the_limit_is_fine_beyond_it_refused() -> None:
    deepest = parse("[" * MAX_DEPTH + "]" * MAX_DEPTH).value
    for _ in range(MAX_DEPTH - 1):
        assert isinstance(deepest, list) and len(deepest) == 1
        deepest = deepest[0]
    assert deepest == []
    problem = refusal("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert (problem.key, problem.line, problem.column) == ("yaml.too_deep", 1, MAX_DEPTH + 1)
    assert problem.params == {"limit": MAX_DEPTH}


@pytest.mark.parametrize(("text", "kind"), [("- 1\n- 2\n", "list"), ("just text\n", "scalar"),
                                            ("2025\n", "scalar")])
def test_top_level_must_be_a_mapping(text: str, kind: str) -> None:
    data, problems = validate(PlanFile, parse(text))
    assert data is None
    assert [(p.key, p.line, p.column, p.params) for p in problems] == [
        (f"schema.not_a_mapping_{kind}", 1, 1, {})]


# --- marks ----------------------------------------------------------------------------


NESTED = """\
year: 2025
certificates:
  - id: LB-1
    output_tonnes: 120
  - id: LB-2
    renews: {id: LB-1, on: 2025-06-01}
"""


def test_marks_of_values_are_one_based() -> None:
    """Line 6 is `    renews: {id: LB-1, on: 2025-06-01}`: `on` at column 24, its value at 28."""
    located = parse(NESTED)
    assert located.marks[("year",)] == Mark(1, 7)
    assert located.marks[("certificates", 0)] == Mark(3, 5)
    assert located.marks[("certificates", 0, "output_tonnes")] == Mark(4, 20)
    assert located.marks[("certificates", 1, "renews", "on")] == Mark(6, 28)


def test_marks_of_keys() -> None:
    located = parse(NESTED)
    assert located.key_marks[("year",)] == Mark(1, 1)
    assert located.key_marks[("certificates", 0, "output_tonnes")] == Mark(4, 5)
    assert located.key_marks[("certificates", 1, "renews", "on")] == Mark(6, 24)
    assert located.key_mark(("certificates", 1, "id")) == Mark(5, 5)


def test_mark_falls_back_to_the_longest_known_prefix() -> None:
    """A missing key inside the second certificate points at that certificate."""
    located = parse(NESTED)
    assert located.mark(("certificates", 1, "issued")) == Mark(5, 5)
    assert located.mark(("no_such_key", 3)) == Mark(1, 1)


def test_problem_at_key_or_value() -> None:
    located = parse(NESTED)
    at_value = located.problem(("certificates", 0, "output_tonnes"), "field.number", field="x")
    at_key = located.problem(("certificates", 0, "output_tonnes"), "field.number", at_key=True)
    assert (at_value.line, at_value.column) == (4, 20)
    assert (at_key.line, at_key.column) == (4, 5)
    assert at_value.where() == "f.yaml:4:20"


# --- bytes and encodings --------------------------------------------------------------

TEXT = "district: 海南区\nproduct: 鸡蛋\n"
EXPECTED = {"district": "海南区", "product": "鸡蛋"}


def write_bytes(tmp_path: Path, data: bytes, name: str = "report.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_is_read(tmp_path: Path) -> None:
    located = read_yaml(write_bytes(tmp_path, TEXT.encode("utf-8")))
    assert located.value == EXPECTED
    assert located.warnings == []


def test_utf8_bom_is_read_silently_and_does_not_shift_columns(tmp_path: Path) -> None:
    located = read_yaml(write_bytes(tmp_path, codecs.BOM_UTF8 + TEXT.encode("utf-8")))
    assert located.value == EXPECTED
    assert located.warnings == []
    assert located.key_marks[("district",)] == Mark(1, 1)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read(tmp_path: Path, encoding: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding]
    located = read_yaml(write_bytes(tmp_path, bom + TEXT.encode(encoding)))
    assert located.value == EXPECTED
    assert located.warnings == []


def test_utf16_bom_with_a_truncated_character_is_an_error(tmp_path: Path) -> None:
    problem = read_problem(write_bytes(tmp_path, codecs.BOM_UTF16_LE + "a: b".encode("utf-16-le") + b"\x00"))
    assert problem.key == "read.bad_utf16"


def test_gb18030_is_read_with_a_warning(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, TEXT.encode("gb18030"))
    located = read_yaml(path)
    assert located.value == EXPECTED
    [warning] = located.warnings
    assert (warning.key, warning.severity) == ("read.gb18030", "warning")
    assert problem_text(warning, "en").endswith("warning: file was read as GB18030; please save it as UTF-8")


def test_utf8_is_tried_before_gb18030() -> None:
    """These UTF-8 bytes also decode as GB18030 (into other characters): UTF-8 must win."""
    raw = "鸡蛋".encode()
    assert raw.decode("gb18030") != "鸡蛋"
    assert decode(raw, "f.yaml") == ("鸡蛋", [])


def test_undecodable_bytes_are_an_error_at_their_place(tmp_path: Path) -> None:
    """0xFF is neither UTF-8 nor a GB18030 lead byte. It is byte 15 (11 bytes of line 1,
    then "id: "): line 2, column 5."""
    problem = read_problem(write_bytes(tmp_path, b"year: 2025\nid: \xff\xfe\n"))
    assert (problem.key, problem.line, problem.column) == ("read.undecodable", 2, 5)
    assert problem.params == {"offset": 15}


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    problem = read_problem(tmp_path)
    assert (problem.key, problem.line) == ("read.is_dir", None)


def test_missing_file(tmp_path: Path) -> None:
    problem = read_problem(tmp_path / "nope.yaml")
    assert problem.key == "read.missing"
    assert problem.where() == str(tmp_path / "nope.yaml")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_broken_symbolic_link(tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    assert read_problem(link).key == "read.broken_link"


def test_display_name_is_relative_to_the_working_folder(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    write_bytes(tmp_path / "data", b"a: [\n", "bad.yaml")
    monkeypatch.chdir(tmp_path)
    problem = read_problem(tmp_path / "data" / "bad.yaml")
    assert problem.file == os.path.join("data", "bad.yaml")


# --- the size limit -------------------------------------------------------------------


def test_size_limit_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """0.0001 MiB = 104.8576 bytes → a limit of 104 bytes."""
    monkeypatch.setenv("WUHAI_MAX_FILE_MB", "0.0001")
    assert max_file_bytes() == 104
    small = write_bytes(tmp_path, b"a: 1\n", "small.yaml")
    assert read_yaml(small).value == {"a": "1"}
    big = write_bytes(tmp_path, b"a: " + b"x" * 200 + b"\n", "big.yaml")
    problem = read_problem(big)
    assert problem.key == "read.too_large"
    assert problem.params == {"size": 204, "limit": 104}
    assert "204" in problem_message(problem, "en") and "$WUHAI_MAX_FILE_MB" in problem_message(problem, "en")


def test_size_limit_exactly_at_the_limit_is_fine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WUHAI_MAX_FILE_MB", "0.0001")
    exact = write_bytes(tmp_path, b"a: " + b"x" * 100 + b"\n")  # 104 bytes
    assert read_yaml(exact).value == {"a": "x" * 100}


@pytest.mark.parametrize("setting", ["", " ", "lots", "0", "0.0", "-1", "nan", "inf", "1e400",
                                     "1e-9"])
def test_size_limit_default_is_20_mib(monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    """Anything but a positive finite number of one byte or more (0 included: not "no
    limit", not 0 bytes; 1e-9 MiB, 0.001 bytes, would refuse every file): the default, with
    a warning naming the value ignored unless it is blank (issue 11 §3)."""
    monkeypatch.setenv("WUHAI_MAX_FILE_MB", setting)
    assert max_file_bytes() == 20 * 1024 * 1024
    expected = [] if not setting.strip() else [
        Problem("$WUHAI_MAX_FILE_MB", None, None, "read.bad_limit",
                {"value": setting, "limit": 20}, "warning")]
    assert file_limit_warnings() == expected


def test_size_limit_of_one_byte_is_kept_without_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WUHAI_MAX_FILE_MB", repr(1 / (1024 * 1024)))
    assert (max_file_bytes(), file_limit_warnings()) == (1, [])


def test_an_ignored_size_limit_is_named_cut_to_40_characters(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WUHAI_MAX_FILE_MB", "x" * 41)
    assert [problem_message(problem, "en") for problem in file_limit_warnings()] == [
        f"ignored '{'x' * 40}…': a size in MiB is a number above 0 (one byte at least); the "
        "file size limit is the default 20 MiB"]


# --- quantities are Decimal from the text ---------------------------------------------


def test_figures_reach_the_model_as_decimal_from_their_digits(tmp_path: Path, plan_path: Path) -> None:
    """0.0052 read through a float would be Decimal(0.0052) = 0.005199999…"""
    text = plan_path.read_text(encoding="utf-8")
    located = parse_yaml(text, "plan.yaml")
    data, problems = validate(PlanFile, located)
    assert problems == [] and data is not None
    haibowan = data.area.children[0]
    assert haibowan.targets["certified_output"][2024] == Decimal("0.0052")
    assert haibowan.targets["certified_output"][2024] != Decimal(float("0.0052"))


# --- a subtree under a key the model refuses is not built (issue 11 §3) --------------------

SUBTREES = """\
year: 2025
certificate:
  - {id: LB-1, holder: &a x}
  - [*a, [1, 2, {deep: [3]}]]
certificates:
  - id: LB-2
    notes: {a: [1, 2], b: {c: d}}
    output_tonnes: 5
district: 海南区
"""


def test_a_subtree_under_a_refused_key_is_skipped_unbuilt() -> None:
    """The unknown `certificate:` (its anchor and alias unexpanded, never looked at) and
    the unknown `notes:` of a certificate stand as null at their key; the rest is built."""
    from wuhai_green.load.validate import refused_keys
    from wuhai_green.model.progress import ProgressFile

    located = parse_yaml(SUBTREES, "f.yaml", refused_keys(ProgressFile))
    assert located.value == {"year": "2025", "certificate": None,
                             "certificates": [{"id": "LB-2", "notes": None,
                                               "output_tonnes": "5"}],
                             "district": "海南区"}
    assert located.key_marks[("certificate",)] == Mark(2, 1)
    assert located.key_marks[("certificates", 0, "notes")] == Mark(7, 5)
    assert located.marks[("certificates", 0, "output_tonnes")] == Mark(8, 20)
    assert not [path for path in located.marks if path[:1] == ("certificate",) and path[1:]]
    data, problems = validate(ProgressFile, located)
    assert data is None
    assert sorted((problem.line, problem.column, problem.key, problem.params.get("key"))
                  for problem in problems if problem.key.startswith("schema.unknown")) == [
        (2, 1, "schema.unknown_key_hint", "certificate"), (7, 5, "schema.unknown_key", "notes")]


def test_a_mapping_of_free_keys_is_built_whatever_its_keys() -> None:
    """A plan's `targets:` maps indicators (a dict, not a model): nothing there is refused."""
    from wuhai_green.load.validate import refused_keys

    refused = refused_keys(PlanFile)
    assert not refused(("area", "targets"), "anything")
    assert not refused(("area", "children", 2, "baseline"), "anything")
    assert refused(("area", "children", 2), "chidren")
    assert not refused(("area", "children", 2), "children")
    assert refused((), "isuer")
