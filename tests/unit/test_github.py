"""GitHub workflow commands: `::error file=…,line=…,col=…::message`, escaped both ways.

`%` is escaped first; a property also escapes `:` and `,`; a message escapes `%` and line
breaks, so one problem is always one line of output.
"""

from __future__ import annotations

import pytest

from tests.harness import parse_github, unescape_data, unescape_property
from wuhai_green.show.render.to_github import command as github_command
from wuhai_green.show.render.to_github import escape_data as github_escape_data
from wuhai_green.show.render.to_github import escape_property as github_escape_property


def test_github_command_exact() -> None:
    assert github_command("error", "bad: a, b 5%", "data/progress/2025-海南区.yaml", 12, 5) == (
        "::error file=data/progress/2025-海南区.yaml,line=12,col=5::bad: a, b 5%25\n")
    assert github_command("warning", "x", "a,b:c%.yaml", 3) == \
        "::warning file=a%2Cb%3Ac%25.yaml,line=3::x\n"
    assert github_command("notice", "line one\r\nline two") == \
        "::notice::line one%0D%0Aline two\n"


@pytest.mark.parametrize("text", ["%3A", "%25", "100%", "a:b,c", "x\ny\rz", "%0A literal",
                                  "海南区:一,二%"])
def test_escapes_round_trip(text: str) -> None:
    """`%` is escaped first, so a literal `%3A` stays `%3A` after unescaping."""
    assert unescape_property(github_escape_property(text)) == text
    assert unescape_data(github_escape_data(text)) == text
    assert ":" not in github_escape_property(text) and "," not in github_escape_property(text)
    assert "\n" not in github_escape_data(text) and "\r" not in github_escape_data(text)
    (parsed,) = parse_github(github_command("error", text, text, 7, 9))
    assert (parsed.file, parsed.line, parsed.column, parsed.message) == (text, 7, 9, text)


def test_escape_order() -> None:
    assert github_escape_property("%3A") == "%253A"
    assert github_escape_data("50%\n") == "50%25%0A"
    assert github_escape_property("a:b,c") == "a%3Ab%2Cc"
