"""Any terminal, any encoding (issue 10 §6): under GBK (Chinese Windows redirecting output),
ASCII or Latin-1 every command ends as it does with UTF-8, writing glyphs the encoding
lacks as ASCII; --ascii draws with ASCII only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness import DEMO, PLAN, process_env

COMMANDS = {
    "status": ("status", "--year", "2025", "--explain"),
    "expiring": ("expiring", "--as-of", "2026-01-01"),
    "tasks": ("tasks", "--year", "2025"),
    "report": ("report", "--year", "2025", "--no-charts"),
    "help": ("--help",),
    "usage error": ("stats",),
}
EXIT = {"usage error": 2}


def run(args: tuple[str, ...], encoding: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    data = () if args[0].startswith("-") or args == ("stats",) else ("--plan", str(PLAN),
                                                                    "--progress", str(DEMO))
    return subprocess.run([sys.executable, "-m", "wuhai_green", *args, *data], cwd=cwd,
                          env=process_env(PYTHONIOENCODING=encoding), capture_output=True,
                          timeout=120, check=False)


@pytest.mark.parametrize("encoding", ["gbk", "ascii", "latin-1"])
@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_ends_as_with_utf8(name: str, encoding: str, workdir: Path) -> None:
    done = run(COMMANDS[name], encoding, workdir)
    assert done.returncode == EXIT.get(name, 0), done.stderr.decode(encoding, "replace")
    output = done.stdout + done.stderr
    assert b"Traceback" not in output and b"UnicodeEncodeError" not in output
    # What the tool writes is text in the stream's encoding (click, which writes the help,
    # sends UTF-8 to a stream it finds set to ASCII or Latin-1).
    text = output.decode("utf-8" if name == "help" and encoding != "gbk" else encoding)
    if encoding == "gbk":  # Chinese survives where the encoding has it
        assert any("\u4e00" <= char <= "\u9fff" for char in text)


def test_ascii_draws_with_ascii_only(workdir: Path) -> None:
    """With --ascii, no box, bar, bullet or arrow glyph: only the data and the words are
    not ASCII."""
    done = run(("status", "--year", "2025", "--explain", "--ascii"), "utf-8", workdir)
    text = done.stdout.decode("utf-8")
    drawing = sorted({char for char in text if 0x2190 <= ord(char) <= 0x25FF or char == "•"})
    assert drawing == []
    assert "* " in text and "-> " in text  # the bullet and the arrow, in ASCII
