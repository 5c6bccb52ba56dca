"""GitHub workflow commands: `::error file=…,line=…,col=…::message`, escaped both ways.

`%` is escaped first; a property also escapes `:` and `,`; a message escapes `%` and line
breaks, so one problem is always one line of output. Control characters from data (a line
break among them) are shown escaped before that (`\x1b`, `\n`: issue 12), so none reaches
the log raw.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import parse_github, unescape_data, unescape_property
from wuhai_green.show.render.to_github import command as github_command
from wuhai_green.show.render.to_github import escape_data as github_escape_data
from wuhai_green.show.render.to_github import escape_property as github_escape_property
from wuhai_green.show.views import ci


def test_github_command_exact() -> None:
    assert github_command("error", "bad: a, b 5%", "data/progress/2025-海南区.yaml", 12, 5) == (
        "::error file=data/progress/2025-海南区.yaml,line=12,col=5::bad: a, b 5%25\n")
    assert github_command("warning", "x", "a,b:c%.yaml", 3) == \
        "::warning file=a%2Cb%3Ac%25.yaml,line=3::x\n"
    assert github_command("notice", "line one\r\nline two") == \
        "::notice::line one\\r\\nline two\n"
    assert github_command("error", "\x1b[2J\u202eabc", "a\x1b.yaml") == \
        "::error file=a\\x1b.yaml::\\x1b[2J\\u202eabc\n"


@pytest.mark.parametrize("text", ["%3A", "%25", "100%", "a:b,c", "%0A literal", "海南区:一,二%"])
def test_escapes_round_trip(text: str) -> None:
    """`%` is escaped first, so a literal `%3A` stays `%3A` after unescaping."""
    assert unescape_property(github_escape_property(text)) == text
    assert unescape_data(github_escape_data(text)) == text
    assert ":" not in github_escape_property(text) and "," not in github_escape_property(text)
    assert "\n" not in github_escape_data(text) and "\r" not in github_escape_data(text)
    (parsed,) = parse_github(github_command("error", text, text, 7, 9))
    assert (parsed.file, parsed.line, parsed.column, parsed.message) == (text, 7, 9, text)


@pytest.mark.parametrize(("text", "shown"), [
    ("x\ny\rz", "x\\ny\\rz"), ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
    ("\u202eabc", "\\u202eabc"), ("\x9b31m%", "\\x9b31m%"),
])
def test_control_characters_come_back_escaped(text: str, shown: str) -> None:
    """Neither a line break nor an escape sequence reaches the log: each reads as its
    escape, on one line."""
    (parsed,) = parse_github(github_command("error", text, text, 7, 9))
    assert (parsed.file, parsed.message) == (shown, shown)
    line = github_command("error", text, text)
    assert line.endswith("\n")
    assert [char for char in line[:-1] if ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0] == []


def test_escape_order() -> None:
    assert github_escape_property("%3A") == "%253A"
    assert github_escape_data("50%\n") == "50%25\\n"
    assert github_escape_property("a:b,c") == "a%3Ab%2Cc"


def test_places_name_each_file_as_in_repository_does(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """`ci.Places` (issue 18: each file resolved once) names a file from the root as
    `in_repository` does: inside, through a link, absolute, outside; and asked again, it
    answers without looking at the disk."""
    root = tmp_path / "repo"
    (root / "progress").mkdir(parents=True)
    (root / "progress" / "2025.yaml").write_text("")
    (tmp_path / "elsewhere").mkdir()
    (root / "linked").symlink_to(tmp_path / "elsewhere")
    monkeypatch.chdir(root)
    files = ["progress/2025.yaml", "./progress/../progress/2025.yaml",
             str(root / "progress" / "2025.yaml"), "linked/plan.yaml",
             str(tmp_path / "plan.yaml"), "../plan.yaml", "progress/新.yaml"]
    places = ci.Places(root)
    named = [places(file) for file in files]
    assert named == [ci.in_repository(file, root) for file in files]
    assert named == ["progress/2025.yaml", "progress/2025.yaml", "progress/2025.yaml", None,
                     None, None, "progress/新.yaml"]
    monkeypatch.setattr(ci, "in_repository", lambda file, root: "looked again")
    assert [places(file) for file in files] == named
