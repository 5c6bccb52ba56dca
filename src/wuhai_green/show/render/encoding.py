"""Output on any stream encoding: a glyph the encoding lacks is written as ASCII.

Chinese Windows redirects output in cp936 (GBK); a CI log may be ASCII or Latin-1. The
tables' bars, bullets, arrows and dashes have ASCII stand-ins; any other character the
encoding lacks becomes "?", so a command never fails on its own output.
"""

from __future__ import annotations

import codecs
import io
from typing import TextIO

ASCII_GLYPHS = {
    "█": "#", "░": ".", "•": "*", "↳": "->", "→": "->", "—": "-", "–": "-", "≥": ">=",
    "≤": "<=", "…": "...", "“": '"', "”": '"', "‘": "'", "’": "'", "†": "+", "×": "x",
}
HANDLER = "wuhai-ascii"


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    failed = error.object[error.start:error.end]
    return "".join(ASCII_GLYPHS.get(char, "?") for char in failed), error.end


codecs.register_error(HANDLER, _stand_in)


def tolerate(stream: TextIO) -> None:
    """Let a text stream write what its encoding lacks as ASCII stand-ins."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors=HANDLER)
