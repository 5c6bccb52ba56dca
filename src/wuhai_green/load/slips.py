"""Typing slips of a Chinese input method, found where they are (before the YAML parser,
which reports most of them a line later and in its own words).

Every key of the tool's files is an ASCII name, so a slip is only looked for where the
structure of a line is: its indentation, its list marker, the colon after its key, the
first character of its value, the commas of a flow list. Text inside values (a holder's
name with a Chinese comma, a title with a Chinese colon) is never touched.
"""

from __future__ import annotations

import re

from wuhai_green.core.problems import Problem

# indentation, an optional list marker, a key
_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_LINE = re.compile(rf"^(?P<indent>[ \t\u3000]*)(?P<marker>[-－—–][ \t\u3000]*)?(?P<key>{_KEY})?")
# Characters that cannot start a plain value (the parser would stop with its own words);
# & * ! start anchors, aliases and tags, which the reader refuses with a message of its own.
_RESERVED_START = "@`%"
_BLOCK_HEADER = re.compile(r"[|>][+-]?[1-9]?[+-]?\s*(#.*)?$")


# What every slip needs somewhere in the text: a character that no well-typed line holds
# outside its values, a colon followed by no space or by a reserved character, or a line
# starting with a dash that is no list marker. Text with none of them has no slip (a
# superset of the conditions below, checked by a property test), and most files are such
# text: the look at every line, a sixth of a run at 100,000 certificates, is then skipped.
# A carriage return is a line break of its own only where no line feed follows it.
_SLIP_CHARACTERS = ("\t", "\u3000", "：", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85",
                    "\u2028", "\u2029")
_AFTER_COLON = re.compile(r":(?:[^ \t#\r\n]| +[@`%|>\[{])")
_FIRST_LINE_DASH = re.compile(r" *(?:-[A-Za-z_]|[－—–])")
_LINE_DASH = re.compile(r"\n *(?:-[A-Za-z_]|[－—–])")  # the "\n" first: a fast scan


def may_slip(text: str) -> bool:
    """Whether the text holds anything a slip is made of (else it has no slip)."""
    if any(character in text for character in _SLIP_CHARACTERS):
        return True
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return True
    return bool(_AFTER_COLON.search(text) or _FIRST_LINE_DASH.match(text)
                or _LINE_DASH.search(text))


def find_slips(text: str, file: str) -> list[Problem]:
    """The slips of a file's text, each at its line and column."""
    return slips_line_by_line(text, file) if may_slip(text) else []


def slips_line_by_line(text: str, file: str) -> list[Problem]:
    """The slips of a file's text, looked for on every line."""
    problems: list[Problem] = []
    block_indent: int | None = None  # inside a block scalar (| or >) indented deeper than this
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped or indent > block_indent:
                continue
            block_indent = None
        if not stripped or stripped.startswith("#"):
            continue
        found = _line_slips(line, number, file)
        problems += found
        if not found and _opens_block_scalar(line):
            block_indent = indent
    return problems


def _opens_block_scalar(line: str) -> bool:
    value = line.split(":", 1)[1].strip() if ":" in line else line.strip().lstrip("- ")
    return bool(_BLOCK_HEADER.match(value))


def _problem(file: str, line: int, column: int, message: str, /, **params: object) -> Problem:
    return Problem(file, line, column, message, dict(params))


def _line_slips(line: str, number: int, file: str) -> list[Problem]:
    match = _LINE.match(line)
    if match is None:  # every part of the pattern is optional: it always matches
        return []
    indent, marker, key = match.group("indent"), match.group("marker"), match.group("key")
    found = []
    if "\t" in indent:
        found.append(_problem(file, number, indent.index("\t") + 1, "slip.tab"))
    if "\u3000" in indent:
        found.append(_problem(file, number, indent.index("\u3000") + 1, "slip.full_width_space"))
    if marker:
        column = len(indent) + 1
        if marker[0] != "-":
            found.append(_problem(file, number, column, "slip.dash", char=marker[0]))
        elif "\u3000" in marker:
            found.append(_problem(file, number, column + marker.index("\u3000"),
                                  "slip.full_width_space"))
        elif key and marker == "-":
            found.append(_problem(file, number, column + 1, "slip.no_space_after_dash"))
    if key is None or found:
        return found
    after = match.end()
    rest = line[after:]
    spaces = len(rest) - len(rest.lstrip(" "))
    separator = rest[spaces:spaces + 1]
    if separator == "：":
        return [_problem(file, number, after + spaces + 1, "slip.full_width_colon", key=key)]
    if separator != ":":
        return found
    value_at = after + spaces + 1  # 0-based index just after the colon
    value = line[value_at:]
    if value and value[0] not in " \t#":
        return [_problem(file, number, value_at + 1, "slip.no_space_after_colon", key=key)]
    return _value_slips(line, value_at + len(value) - len(value.lstrip(" \t")), number, file, key)


def _value_slips(line: str, start: int, number: int, file: str, key: str) -> list[Problem]:
    """The first character of a plain value, and the commas of a flow list."""
    value = line[start:]
    if not value or value.startswith("#"):
        return []
    first = value[0]
    if first in _RESERVED_START or (first in "|>" and not _BLOCK_HEADER.match(value)):
        return [_problem(file, number, start + 1, "slip.reserved_start", key=key, char=first)]
    if first in "[{":
        return [_problem(file, number, start + position + 1, "slip.full_width_comma", key=key)
                for position in _unquoted_positions(value, "，")]
    return []


def _unquoted_positions(value: str, wanted: str) -> list[int]:
    """Where `wanted` stands in a flow collection outside quotes (and before a comment)."""
    positions, quote = [], ""
    for position, char in enumerate(value):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and position and value[position - 1] == " ":
            break
        elif char == wanted:
            positions.append(position)
    return positions


# --- indentation ----------------------------------------------------------------------------


def _content_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of the lines that hold YAML structure (no blanks, no comments)."""
    return [(number, line) for number, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")]


def find_misaligned(text: str, file: str, near: int) -> Problem | None:
    """A line whose indentation lines up with no enclosing block, at or just before the
    line where the parser stopped (it often stops one line late)."""
    levels: list[int] = []  # the indentations of the blocks open at this line
    opens = True  # whether the line before opens a block (ends with a key and ':')
    flow_depth = 0  # inside [ ] or { }, indentation means nothing
    previous = 0
    for number, line in _content_lines(text):
        if number > near:
            break
        indent = len(line) - len(line.lstrip(" "))
        depth_before = flow_depth
        flow_depth = max(flow_depth + _bracket_balance(line), 0)
        if depth_before:
            continue
        open_levels = list(levels)
        while levels and indent < levels[-1]:
            levels.pop()
        aligned = not levels or indent == levels[-1] or (indent > levels[-1] and opens)
        if not aligned and number >= near - 1:
            expected = min(open_levels or [0],
                           key=lambda level: (abs(level - indent), level != previous))
            return _problem(file, number, indent + 1, "slip.indent", spaces=indent,
                            expected=expected)
        if not levels or indent > levels[-1]:
            levels.append(indent)
        body = line.lstrip(" ")
        if body.startswith("- "):  # the keys of a list item line up after its "- "
            levels.append(indent + 2)
        content = body.split(" #", 1)[0].rstrip()
        opens = content.endswith(":") or content == "-"
        previous = indent
    return None


def _bracket_balance(line: str) -> int:
    """Opened minus closed flow brackets of a line, outside quotes and comments."""
    balance, quote = 0, ""
    for position, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (position == 0 or line[position - 1] == " "):
            break
        elif char in "[{":
            balance += 1
        elif char in "]}":
            balance -= 1
    return balance
