"""Output that cannot inject (issue 12 §2).

Free text of a report (a holder, a product, a title) is kept as written and shown with its
control characters escaped in every text output: tables on a terminal and in a pipe,
markdown, CSV, GitHub annotations, HTML and every message; JSON keeps the exact data as
JSON escapes. A certificate number holding a control character is refused at its place.
CSV cells are never formulas; markdown cells never links or images.

The hostile holder below sets the window title (OSC 0, BEL), clears the screen (ESC[2J),
reverses the rest of the line (U+202E) and starts a C1 CSI sequence (U+009B).
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness import (
    DEMO,
    PLAN,
    parse_github,
    plan_with,
    process_env,
    write,
    wuhai_on,
    wuhai_process,
)

HOLDER = "\x1b]0;pwned\x07\x1b[2J\u202eabc[x](http://evil)\x9b31m"
HOLDER_SHOWN = "\\x1b]0;pwned\\x07\\x1b[2J\\u202eabc[x](http://evil)\\x9b31m"
PRODUCT = '=HYPERLINK("http://evil","点我")'
REPORT = """
    year: 2025
    district: 海南区
    certificates:
      - id: LB-ESC-1
        type: green_food
        product: "=HYPERLINK(\\"http://evil\\",\\"点我\\")"
        holder: "\\e]0;pwned\\a\\e[2J\\u202eabc[x](http://evil)\\u009b31m"
        output_tonnes: 120
        issued: 2025-06-15
    """
EXPIRING = ("expiring", "--as-of", "2025-07-01", "--within", "5y")
# What a terminal acts on: C0 but the line break, DEL, C1, bidi controls, line separators.
ACTED_ON = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                      "\u2066-\u2069\u2028\u2029]")


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    write(tmp_path / "progress", "2025-hainan.yaml", REPORT)
    return tmp_path / "progress"


@pytest.mark.parametrize("command", [
    (*EXPIRING,), (*EXPIRING, "--format", "markdown"), (*EXPIRING, "--format", "csv"),
    (*EXPIRING, "--format", "json"), ("status", "--year", "2025", "--explain"),
    ("status", "--year", "2025", "--explain", "--format", "markdown"),
    ("report", "--year", "2027", "--format", "markdown"),  # its renewals of 2028 list it
    ("report", "--year", "2027", "--format", "html", "--no-charts"),
], ids=lambda command: " ".join(command))
def test_nothing_reaches_a_pipe_raw(progress: Path, command: tuple[str, ...]) -> None:
    run = wuhai_on(command[0], progress, *command[1:])
    assert run.exit_code == 0, run.stderr
    assert "pwned" in run.stdout  # the holder is shown
    assert ACTED_ON.findall(run.stdout) == []
    assert ACTED_ON.findall(run.stderr) == []


def test_the_table_in_a_pipe_shows_the_escapes(progress: Path) -> None:
    run = wuhai_on(*EXPIRING[:1], progress, *EXPIRING[1:])
    (row,) = [line for line in run.stdout.splitlines() if "LB-ESC-1" in line]
    assert row.split() == ["2028-03-14", "2028-06-14", "海南区", "绿色食品", "LB-ESC-1",
                           PRODUCT, HOLDER_SHOWN, "120"]


def _on_a_terminal(args: list[str | Path], cwd: Path) -> str:
    """What `wuhai ARGS` writes to a terminal (a pseudo-terminal: rich colours its output)."""
    leader, follower = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "wuhai_green", *map(str, args)], cwd=cwd,
                             stdin=subprocess.DEVNULL, stdout=follower, stderr=follower,
                             env=process_env(TERM="xterm-256color"))
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 120)  # a hang detector, no time limit
        if not ready:
            child.kill()
            pytest.fail(f"wuhai {args} hangs on a terminal")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert child.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_nothing_reaches_a_terminal_raw(progress: Path) -> None:
    """On a terminal rich colours the table (its own SGR sequences); apart from them no
    escape sequence and no bidi control is written, and the holder reads as its escapes."""
    shown = _on_a_terminal(["expiring", "--plan", PLAN, "--progress", progress,
                            "--as-of", "2025-07-01", "--within", "5y"], progress.parent)
    assert "\x1b[" in shown  # it is a terminal: rich colours
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown)
    assert ACTED_ON.findall(plain) == []
    assert HOLDER_SHOWN in plain


def test_csv_cells_are_never_formulas(progress: Path) -> None:
    run = wuhai_on(*EXPIRING[:1], progress, *EXPIRING[1:], "--format", "csv")
    assert run.stdout.splitlines()[1] == (
        "LB-ESC-1,海南区,green_food,\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\","
        f"{HOLDER_SHOWN},120,2028-06-14,2028-03-14,renewal,2028-06-14,2025-06-15,False,987,1079")


def test_markdown_cells_are_never_links(progress: Path) -> None:
    run = wuhai_on(*EXPIRING[:1], progress, *EXPIRING[1:], "--format", "markdown")
    (row,) = [line for line in run.stdout.splitlines() if "LB-ESC-1" in line]
    assert row == ("| 2028-03-14 | 2028-06-14 | 海南区 | 绿色食品 | LB-ESC-1 | "
                   '=HYPERLINK\\("http://evil","点我"\\) | '
                   "\\\\x1b\\]0;pwned\\\\x07\\\\x1b\\[2J\\\\u202eabc\\[x\\]\\(http://evil\\)"
                   "\\\\x9b31m | 120 |")


def test_json_keeps_the_exact_data(progress: Path) -> None:
    run = wuhai_on(*EXPIRING[:1], progress, *EXPIRING[1:], "--format", "json")
    (record,) = json.loads(run.stdout)["rows"]
    assert (record["holder"], record["product"]) == (HOLDER, PRODUCT)
    assert '"holder": "\\u001b]0;pwned\\u0007\\u001b[2J\\u202eabc[x](http://evil)\\u009b31m"' \
        in run.stdout


def test_html_report_shows_the_escapes(progress: Path) -> None:
    run = wuhai_on("report", progress, "--year", "2027", "--format", "html", "--no-charts")
    # a wrapping cell keeps what looks like a link on one line (issue 15)
    assert ('<td class="wrap">\\x1b]0;pwned\\x07\\x1b[2J\\u202eabc[x]'
            '(<span class="nb">http://evil</span>)\\x9b31m</td>') in run.stdout


# --- messages ------------------------------------------------------------------------------

BAD_DISTRICT = """
    year: 2025
    district: "\\e[31m北区\\u202e"
    certificates: []
    """


@pytest.mark.parametrize(("fmt", "expected"), [
    ("table", "progress/2025-x.yaml:2:11: 未知的地区“\\x1b[31m北区\\u202e”；应为：海勃湾区 (haibowan), "
              "海南区 (hainan), 乌达区 (wuda)\n"),
    ("github", "::error file=progress/2025-x.yaml,line=2,col=11::未知的地区“\\x1b[31m北区\\u202e”；"
               "应为：海勃湾区 (haibowan), 海南区 (hainan), 乌达区 (wuda)\n"),
    ("markdown", "- `progress/2025-x.yaml:2:11` 错误: 未知的地区“\\\\x1b\\[31m北区\\\\u202e”；"
                 "应为：海勃湾区 \\(haibowan\\), 海南区 \\(hainan\\), 乌达区 \\(wuda\\)\n"),
])
def test_a_value_quoted_in_a_message_is_escaped(tmp_path: Path, fmt: str, expected: str) -> None:
    write(tmp_path / "progress", "2025-x.yaml", BAD_DISTRICT)
    run = wuhai_on("validate", "progress", "--format", fmt, cwd=tmp_path)
    assert run.exit_code == 2
    assert (run.stderr if fmt == "table" else run.stdout) == expected
    if fmt == "github":
        (annotation,) = parse_github(run.stdout)
        assert annotation.message.startswith("未知的地区“\\x1b[31m北区\\u202e”")


def test_a_file_name_with_an_escape_is_escaped_in_messages(tmp_path: Path) -> None:
    write(tmp_path / "progress", "2025-\x1b[2J.yaml", "year: 2025\ndistrict: 北区\n")
    run = wuhai_on("validate", "progress", cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr.startswith("progress/2025-\\x1b[2J.yaml:2:11: 未知的地区“北区”")
    json_run = wuhai_on("validate", "progress", "--format", "json", cwd=tmp_path)
    assert json.loads(json_run.stdout)["errors"][0]["file"] == "progress/2025-\x1b[2J.yaml"


@pytest.mark.skipif(sys.platform == "win32", reason="a file name of bytes is POSIX")
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "github", "markdown"])
def test_a_name_that_is_not_utf8_is_no_internal_error(tmp_path: Path, fmt: str) -> None:
    """A report named in GBK (海南 = BA A3 C4 CF), read with a strict UTF-8 stdout: exit 2 for
    its bad line, the name shown by its bytes; JSON writes them as escapes Python reads
    back to the same name."""
    folder = tmp_path / "progress"
    folder.mkdir()
    (folder / os.fsdecode(b"2025-\xba\xa3\xc4\xcf.yaml")).write_text(
        "year: 2025\ndistrict: 北区\n", encoding="utf-8")
    done = wuhai_process("validate", "--plan", PLAN, "--progress", "progress", "--format", fmt,
                         cwd=tmp_path, env={"PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 2, done.stderr
    out = done.stderr if fmt == "table" else done.stdout
    if fmt == "json":
        assert '"file": "progress/2025-\\udcba\\udca3\\udcc4\\udccf.yaml"' in out
        assert json.loads(out)["errors"][0]["file"] == "progress/" + os.fsdecode(
            b"2025-\xba\xa3\xc4\xcf.yaml")
    else:
        assert "progress/2025-\\xba\\xa3\\xc4\\xcf.yaml" in out


# --- refused at load: a certificate number with a control character --------------------------

@pytest.mark.parametrize(("field", "entry", "line", "column"), [
    ("id", 'certificates:\n  - id: "LB-\\e[31m1"\n    type: green_food\n    product: x\n'
           "    holder: y\n    output_tonnes: 1\n    issued: 2025-03-01\n", 4, 9),
    ("renews", "certificates:\n  - id: LB-2\n    type: green_food\n    product: x\n"
               "    holder: y\n    output_tonnes: 1\n    issued: 2025-03-01\n"
               '    renews: "LB-\\e[31m1"\n', 10, 13),
    ("id", 'ended:\n  - id: "LB-\\e[31m1"\n    date: 2025-03-01\n', 4, 9),
    ("certificate", "activities:\n  - type: sampling\n    date: 2025-03-01\n    batches: 1\n"
                    "    passed: 0\n    failed: 1\n    failures:\n"
                    '      - certificate: "LB-\\e[31m1"\n', 10, 22),
])
def test_a_certificate_number_with_a_control_character_is_refused(
        tmp_path: Path, field: str, entry: str, line: int, column: int) -> None:
    write(tmp_path / "progress", "2025.yaml", f"year: 2025\ndistrict: 海南区\n{entry}")
    run = wuhai_on("validate", "progress", cwd=tmp_path)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == (f"progress/2025.yaml:{line}:{column}: “{field}”的第 4 个字符是控制字符 "
                          "U+001B：编号中不能有控制字符，请删除\n")
    english = wuhai_on("validate", "progress", "--lang", "en", cwd=tmp_path)
    assert english.stderr == (f"progress/2025.yaml:{line}:{column}: '{field}' holds the control "
                              "character U+001B at character 4: an id cannot hold one; delete it\n")


def test_the_gitlab_verdict_in_the_job_log_is_escaped(tmp_path: Path) -> None:
    """The verdict `check --format gitlab` writes to the job log names plan words: a control
    character in an indicator's name is shown as its escape there, as everywhere."""
    plan = plan_with(tmp_path, ("    zh: 新增名特优新农产品\n",
                                '    zh: "新增名特优新农产品\\e[31m"\n'))
    run = wuhai_on("check", DEMO, "--year", "2025", "--format", "gitlab", plan_path=plan)
    assert run.exit_code == 1, run.stderr
    assert "新增名特优新农产品\\x1b[31m（滞后）" in run.stderr
    assert ACTED_ON.findall(run.stderr) == []
