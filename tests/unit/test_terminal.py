"""`show.render.to_terminal`: the lines of problems, as rich would print them one by one."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from tests.harness import Problem, examples
from wuhai_green.show.i18n import Lang
from wuhai_green.show.problems import text
from wuhai_green.show.render.to_terminal import SEVERITY_STYLES, console, print_problems, shown

PROBLEMS = st.lists(st.builds(
    Problem, file=st.sampled_from(["r.yaml", "进度/2025.yaml", "a\x1bb.yaml"]),
    line=st.one_of(st.none(), st.integers(1, 10_000)), column=st.integers(1, 200),
    key=st.sampled_from(["progress.date_ahead", "yaml.syntax", "progress.renews_baseline"]),
    params=st.fixed_dictionaries({
        "date": st.text(max_size=12), "today": st.text(max_size=12),
        "problem": st.text(max_size=30), "count": st.integers(0, 9), "year": st.integers(2000, 2100),
        "records": st.text(st.sampled_from("海 x\t\x1b[]\u202e😀é"), max_size=90)}),
    severity=st.sampled_from(["error", "warning", "note"])), max_size=6)


def one_print_each(problems: list[Problem], stream: io.StringIO, lang: Lang) -> None:
    """The lines as a print of rich per problem writes them (how they were printed)."""
    out = Console(file=stream, highlight=False, soft_wrap=False, emoji=False, markup=False,
                  force_terminal=stream.isatty(), width=40)
    for problem in problems:
        out.print(shown(text(problem, lang), SEVERITY_STYLES[problem.severity]), soft_wrap=True)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@settings(max_examples=examples(200), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(problems=PROBLEMS, lang=st.sampled_from(["zh", "en"]))
@pytest.mark.parametrize("stream_type", [io.StringIO, Terminal])
@pytest.mark.parametrize(("term", "colour"), [  # rich's colour systems, and NO_COLOR (issue 18:
    ("xterm", {}), ("xterm-256color", {}),             # the codes of one line, reused)
    ("xterm", {"COLORTERM": "truecolor"}), ("xterm", {"NO_COLOR": "1"})])
def test_the_lines_of_problems_are_what_a_print_each_would_write(
        stream_type: type[io.StringIO], term: str, colour: dict[str, str],
        problems: list[Problem], lang: Lang, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("TERM", term)
    for name in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in colour.items():
        monkeypatch.setenv(name, value)
    ours, theirs = stream_type(), stream_type()
    print_problems(problems, lang, ours)
    one_print_each(problems, theirs, lang)
    assert ours.getvalue() == theirs.getvalue()
    assert (console(ours).color_system is None) == (stream_type is io.StringIO)
