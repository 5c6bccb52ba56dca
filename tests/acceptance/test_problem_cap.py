"""At most 50 problems of one file, in file order, and one line counting the rest exactly
(issue 11 §3): whether the model, a rule of a report or the register's rules found them,
in every language and format; each file counted on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import cert, write, write_report, wuhai_on

pytestmark = pytest.mark.usefixtures("workdir")


def bad_outputs(count: int) -> str:
    """`count` certificates whose output is no number, one per 6 lines from line 4."""
    return "".join(cert(f"LB-{index:04d}", "green_food", "2025-03-01", "很多")
                   for index in range(count))


@pytest.mark.parametrize(("count", "more"), [(50, None), (51, 1), (120, 70)])
def test_the_first_50_problems_and_a_count_of_the_rest(count: int, more: int | None,
                                                       workdir: Path) -> None:
    write(workdir / "progress", "2025.yaml",
          "year: 2025\ndistrict: 海南区\ncertificates:\n" + bad_outputs(count))
    run = wuhai_on("validate", "progress", "--lang", "en")
    assert (run.exit_code, run.stdout) == (2, "")
    lines = run.stderr.splitlines()
    assert lines[:50] == [f"progress/2025.yaml:{8 + 6 * index}:20: 'output_tonnes' must be a "
                          "number such as 120 or 0.5, not '很多'" for index in range(50)]
    assert lines[50:] == ([] if more is None else
                          [f"progress/2025.yaml: … and {more} more problems in this file"])


def test_each_file_is_capped_on_its_own_in_json(workdir: Path) -> None:
    """Two files of 60 and 3 problems: 50 + a count of 10, and 3."""
    write(workdir / "progress", "a.yaml", "year: 2025\ndistrict: 海南区\ncertificates:\n"
          + bad_outputs(60))
    write(workdir / "progress", "b.yaml", "year: 2025\ndistrict: 乌达区\ncertificates:\n"
          + bad_outputs(3).replace("LB-", "LB-B"))
    run = wuhai_on("validate", "progress", "--format", "json")
    assert run.exit_code == 2
    errors = run.json()["errors"]
    assert [error["file"] for error in errors] == ["progress/a.yaml"] * 51 + ["progress/b.yaml"] * 3
    assert errors[50] == {"file": "progress/a.yaml", "line": None, "column": None,
                          "severity": "error", "message": "该文件还有 10 个问题未列出"}
    assert [error["line"] for error in errors[:50]] == [8 + 6 * index for index in range(50)]


def test_problems_of_the_rules_are_capped_too(workdir: Path) -> None:
    """60 certificates valid to the model but issued in a year the report is not for: the
    rules' problems are capped as the model's are."""
    entries = [cert(f"LB-{index:04d}", "green_food", "2024-03-01", 1) for index in range(60)]
    write_report(workdir / "progress", "2025.yaml", 2025, "海南区", *entries)
    run = wuhai_on("status", "progress", "--year", "2025")
    assert (run.exit_code, run.stdout) == (2, "")
    lines = run.stderr.splitlines()
    assert len(lines) == 51
    assert all(line.startswith("progress/2025.yaml:") for line in lines)
    assert lines[-1] == "progress/2025.yaml: 该文件还有 10 个问题未列出"


@pytest.mark.parametrize("fmt", ["github", "gitlab"])
def test_a_check_on_bad_data_counts_every_error_not_only_those_listed(fmt: str,
                                                                      workdir: Path) -> None:
    write(workdir / "progress", "2025.yaml",
          "year: 2025\ndistrict: 海南区\ncertificates:\n" + bad_outputs(60))
    run = wuhai_on("check", "progress", "--year", "2025", "--format", fmt, "--lang", "en")
    assert run.exit_code == 2
    said = run.stdout + run.stderr
    assert "The data files hold 60 errors, annotated on their files and lines" in said
    assert "… and 10 more problems in this file" in said
