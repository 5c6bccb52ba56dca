"""How long `wuhai` takes on hostile input (issue 6, part A): the timing the tests do not assert.

    python benchmarks/hostile.py                 # every case, 3 runs each
    python benchmarks/hostile.py --repeat 5 --json hostile.json

The cases are those of tests/acceptance/test_bad_input.py: every broken report of
tests/data/bad/ and the ones built at run time (GB18030, UTF-16, oversized, 10,000 levels
of nesting…, see tests/harness.py), each alone in a fresh progress folder, checked with
`wuhai validate` and `wuhai status --year 2025`; then a report with 100,000-character
names under `validate`, `status --explain` and `status --format json`. A billion laughs
must not expand, a deep nesting must not recurse for long: each case should stay far
below the budget of 10 s a run that test_bad_input once asserted.

Issue 11 §3 adds: 100,000 bad values in one file (the first 50 listed, the rest counted)
beside a valid file of the same size, and the memory (the peak resident size of a real
process) of a 17 MiB list under one unknown key, in block and in flow style, beside a
valid report of 17 MiB (`--no-memory` leaves those out).

Each command runs in-process through the test harness (as the tests run it), after one
untimed run that imports everything, several times; the median and the slowest run are
reported, slowest first. It asserts nothing
about time: it exits 1 only when a command ends in an exception or an exit code other
than 0 or 2.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.harness import (  # noqa: E402 - the repository's tests, importable from its root
    BAD_REPORTS,
    GENERATED_REPORTS,
    PLAN,
    REPORT_ENV,
    VALID_REPORT,
    Escaped,
    hostile_report,
    huge_unknown_subtree,
    long_strings_report,
    many_bad_values,
    process_env,
    wuhai,
)

BUDGET_SECONDS = 10.0  # what test_bad_input asserted per run until the timing moved here
COMMANDS = {"validate": ("validate",), "status": ("status", "--year", "2025")}
LONG_COMMANDS = {"validate": ("validate",),
                 "status-explain": ("status", "--year", "2025", "--explain"),
                 "status-json": ("status", "--year", "2025", "--format", "json")}


@dataclass
class Timing:
    case: str
    command: str
    exit_code: int
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def slowest(self) -> float:
        return max(self.seconds)


@dataclass(frozen=True)
class Case:
    label: str
    file_name: str
    content: bytes
    commands: dict[str, tuple[str, ...]]


def time_case(case: Case, command_name: str, repeat: int) -> Timing:
    """Run a command on a fresh folder holding only the case's file, `repeat` times."""
    command = case.commands[command_name]
    env = REPORT_ENV.get(case.file_name)
    seconds = []
    exit_code = 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            progress = Path(folder) / "progress"
            progress.mkdir()
            (progress / case.file_name).write_bytes(case.content)
            started = time.perf_counter()
            run = wuhai(*command, "--plan", PLAN, "--progress", progress, env=env,
                        cwd=Path(folder))
            seconds.append(time.perf_counter() - started)
            exit_code = run.exit_code
            if exit_code not in (0, 2):
                raise Unexpected(f"{case.label} {command_name}: exit {exit_code}\n{run.stderr}")
    return Timing(case.label, command_name, exit_code, seconds)


class Unexpected(Exception):
    """A command ended other than with exit 0 or 2."""


def valid_of_size(size: int) -> bytes:
    """A valid report of green food certificates, at least `size` bytes long."""
    head = "year: 2025\ndistrict: 海南区\ncertificates:\n"
    entry = ("  - id: LB-{:08d}\n    type: green_food\n    product: 鸡蛋\n    holder: 合作社\n"
             "    output_tonnes: 1.5\n    issued: 2025-06-15\n")
    count = size // len(entry.format(0).encode("utf-8")) + 1
    return (head + "".join(entry.format(index) for index in range(count))).encode("utf-8")


def cases() -> list[Case]:
    """Every hostile case of test_bad_input, and a valid file the size of the 100,000 bad
    values beside them."""
    names = sorted({path.name for path in BAD_REPORTS.glob("*.yaml")} | set(GENERATED_REPORTS))
    found = [Case(name, name, hostile_report(name), COMMANDS) for name in names]
    found.append(Case("long names (100,000 characters)", "2025-hainan.yaml",
                      long_strings_report().encode("utf-8"), LONG_COMMANDS))
    found.append(Case("valid, the size of many_bad_values.yaml", "2025-hainan.yaml",
                      valid_of_size(len(many_bad_values())), COMMANDS))
    return found


@dataclass
class Memory:
    case: str
    exit_code: int
    peak_mib: float
    seconds: float


# A real process each (the peak of this one would hide a smaller one), `wuhai validate`.
_PEAK = ("import resource, subprocess, sys; run = subprocess.run(sys.argv[1:], "
         "capture_output=True); print(run.returncode, "
         "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def memory_cases() -> list[tuple[str, bytes]]:
    mib = 17
    flow = VALID_REPORT + "certificate: [" + "0, " * (mib * 1024 * 1024 // 3) + "0]\n"
    return [(f"{mib} MiB list under an unknown key (block)", huge_unknown_subtree(mib)),
            (f"{mib} MiB list under an unknown key (flow)", flow.encode("utf-8")),
            (f"valid report of {mib} MiB", valid_of_size(mib * 1024 * 1024))]


def measure_memory(label: str, content: bytes) -> Memory:
    with tempfile.TemporaryDirectory() as folder:
        progress = Path(folder) / "progress"
        progress.mkdir()
        (progress / "2025-hainan.yaml").write_bytes(content)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _PEAK, sys.executable, "-m", "wuhai_green",
                               "validate", "--plan", str(PLAN), "--progress", str(progress)],
                              capture_output=True, text=True, env=process_env(), check=True)
        seconds = time.perf_counter() - started
    exit_code, peak_kib = (int(word) for word in done.stdout.split())
    if exit_code not in (0, 2):
        raise Unexpected(f"{label}: exit {exit_code}")
    return Memory(label, exit_code, peak_kib / 1024, seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per command (default 3)")
    parser.add_argument("--json", type=Path, help="also write every run as JSON here")
    parser.add_argument("--no-memory", action="store_true",
                        help="leave out the memory of the 17 MiB files")
    args = parser.parse_args(argv)

    timings: list[Timing] = []
    wuhai("validate", "--plan", PLAN, "--progress", REPO / "examples" / "demo")  # imports, untimed
    try:
        for case in cases():
            for command_name in case.commands:
                timings.append(time_case(case, command_name, args.repeat))
    except (Escaped, Unexpected) as failure:
        print(f"benchmark aborted: {failure}", file=sys.stderr)
        return 1

    timings.sort(key=lambda timing: timing.slowest, reverse=True)
    width = max(len(timing.case) for timing in timings)
    print(f"{'case':<{width}}  {'command':<14} exit  median s  slowest s")
    for timing in timings:
        print(f"{timing.case:<{width}}  {timing.command:<14} {timing.exit_code:>4}  "
              f"{timing.median:8.3f}  {timing.slowest:9.3f}")
    slowest = timings[0]
    verdict = "within" if slowest.slowest < BUDGET_SECONDS else "OVER"
    print(f"\n{len(timings)} case-commands, {args.repeat} runs each; slowest "
          f"{slowest.slowest:.3f} s ({slowest.case}, {slowest.command}): {verdict} the "
          f"{BUDGET_SECONDS:.0f} s budget")
    memory: list[Memory] = []
    if not args.no_memory:
        try:
            memory = [measure_memory(label, content) for label, content in memory_cases()]
        except Unexpected as failure:
            print(f"benchmark aborted: {failure}", file=sys.stderr)
            return 1
        width = max(len(entry.case) for entry in memory)
        print(f"\n{'case':<{width}}  exit  peak MiB  seconds")
        for entry in memory:
            print(f"{entry.case:<{width}}  {entry.exit_code:>4}  {entry.peak_mib:8.0f}  "
                  f"{entry.seconds:7.2f}")
    if args.json:
        args.json.write_text(json.dumps({"timings": [asdict(timing) for timing in timings],
                                         "memory": [asdict(entry) for entry in memory]},
                                        indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
