"""`core.problems.capped` (issue 11 §3): at most 50 problems of a file, in file order, the
rest counted exactly in one problem after them."""

from __future__ import annotations

from wuhai_green.core.problems import (
    MORE_PROBLEMS,
    DataError,
    Problem,
    Severity,
    capped,
    error_count,
)


def problem(file: str, line: int | None, severity: Severity = "error") -> Problem:
    return Problem(file, line, 1, "field.number", {"line": line}, severity)


def more(file: str, count: int, severity: Severity = "error", errors: int | None = None
         ) -> Problem:
    return Problem(file, None, None, MORE_PROBLEMS,
                   {"count": count, "errors": count if errors is None else errors}, severity)


def test_each_file_keeps_its_first_problems_in_file_order() -> None:
    found = [problem("b.yaml", line) for line in range(60, 0, -1)]
    found += [problem("a.yaml", line) for line in (3, 1, 2)]
    assert capped(found, 2) == [problem("a.yaml", 1), problem("a.yaml", 2), more("a.yaml", 1),
                                problem("b.yaml", 1), problem("b.yaml", 2), more("b.yaml", 58)]


def test_a_file_at_the_limit_gets_no_count() -> None:
    found = [problem("a.yaml", line) for line in range(1, 51)]
    assert capped(found) == found
    assert capped([*found, problem("a.yaml", 51)]) == [*found, more("a.yaml", 1)]


def test_the_count_is_as_grave_as_the_gravest_left_out() -> None:
    found = [problem("a.yaml", 1), problem("a.yaml", 2, "note"), problem("a.yaml", 3, "warning")]
    assert capped(found, 1)[-1] == more("a.yaml", 2, "warning", errors=0)
    assert capped(found[:2], 1)[-1] == more("a.yaml", 1, "note", errors=0)
    assert capped([*found, problem("a.yaml", 4)], 1)[-1] == more("a.yaml", 3, errors=1)


def test_capping_twice_counts_the_same() -> None:
    """A count already made (by validation, or a first DataError) is added to, and stays
    after the problems it follows whatever sorts them again."""
    found = [problem("a.yaml", line) for line in range(1, 101)]
    once = capped(found, 10)
    assert capped(once, 10) == once == [*found[:10], more("a.yaml", 90)]
    assert capped([*once, problem("a.yaml", 5)], 10) == [*found[:4], problem("a.yaml", 5),
                                                         *found[4:9], more("a.yaml", 91)]
    assert sorted(once, key=Problem.sort_key) == once


def test_a_data_error_carries_the_capped_problems() -> None:
    error = DataError([problem("a.yaml", line) for line in range(200, 0, -1)])
    assert error.problems == [*(problem("a.yaml", line) for line in range(1, 51)),
                              more("a.yaml", 150)]
    assert len(error.errors) == 51
    assert error_count(error.problems) == 200


def test_an_error_is_never_hidden_behind_warnings() -> None:
    """60 warnings of a file, then an error at line 61: the error takes one of the 50
    places (listed in file order, after the first 49 warnings), and the 11 warnings left
    are counted as a warning holding no error."""
    found = [problem("a.yaml", line, "warning") for line in range(1, 61)]
    found.append(problem("a.yaml", 61))
    assert capped(found) == [*found[:49], found[60], more("a.yaml", 11, "warning", errors=0)]
