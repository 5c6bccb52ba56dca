"""Text from files as it may reach a terminal, a CI log or a document: every character
that could move the cursor, recolour the screen, set a window title, reorder a line or
break one is shown as an escape instead.

`visible` is the one function every text renderer passes data through (tables, notes,
markdown, GitHub annotations, CSV, HTML, every message); JSON stays exact data and writes
the same characters as JSON escapes (`json_safe`).
"""

from __future__ import annotations

from functools import cache

# C0 controls (ESC among them), DEL and the C1 controls (CSI U+009B is a one-character ESC[).
CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
# Bidirectional formatting (Trojan Source, CVE-2021-42574): embeddings and overrides
# U+202A–U+202E, isolates U+2066–U+2069, and the marks U+061C, U+200E, U+200F.
BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C, 0x200E, 0x200F]
# Line and paragraph separators: a line break for many viewers.
SEPARATORS = [0x2028, 0x2029]
# A file name that is not UTF-8 (a zip made on Chinese Windows) reaches Python with each
# undecodable byte as a lone surrogate U+DC80–U+DCFF; other lone surrogates cannot be
# printed either.
SURROGATES = range(0xD800, 0xE000)

_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def _escape(code: int) -> str:
    if code in _NAMED:
        return _NAMED[code]
    if 0xDC80 <= code <= 0xDCFF:  # the byte of a name that is not UTF-8, as that byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


# The tables of `str.translate`, made on first use (their 2,048 surrogates each cost a run
# that never meets one, such as `wuhai status`, about 1 % of its start-up; issue 18).
@cache
def _visible_table() -> dict[int, str]:
    return {code: _escape(code) for code in [*CONTROLS, *BIDI, *SEPARATORS, *SURROGATES]}


# What JSON must escape beyond json.dumps(ensure_ascii=False), which escapes C0 only.
@cache
def _json_table() -> dict[int, str]:
    return {code: f"\\u{code:04x}" for code in [0x7F, *range(0x80, 0xA0), *BIDI, *SEPARATORS,
                                                *SURROGATES]}


def visible(text: str) -> str:
    """`text` with every control character, bidi control, line separator and undecodable
    byte shown as an escape (`\\x1b`, `\\u202e`, `\\n`); everything else unchanged."""
    # Every character escaped here is one `isprintable` refuses (categories Cc, Cf, Cs, Zl,
    # Zp; a test holds it): a scan in C, where `translate` looks each character up in a
    # dict, and most text holds none of them.
    if text.isprintable():
        return text
    return text.translate(_visible_table())


def json_safe(encoded: str) -> str:
    """A JSON text from json.dumps(ensure_ascii=False) with the characters of `visible`
    written as JSON escapes: the same data once parsed, nothing raw on a terminal."""
    return encoded.translate(_json_table())
