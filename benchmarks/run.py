"""End-to-end benchmarks of `wuhai` (issue 6, part B). See docs/performance.md.

    python benchmarks/run.py                 # 1k, 10k and 100k certificates, 300 districts
    python benchmarks/run.py --quick         # 1k and 10k only
    python benchmarks/run.py --sizes 1000,10000,100000 --repeat 3 --json results.json

Generates the data sets into a temporary folder (benchmarks/generate.py), then times,
each in a fresh subprocess, several times (the median is reported):

- `wuhai status --year 2026 --plan P --progress D --format json`
- `wuhai check  --year 2026 --plan P --progress D --format json` (exit 1 when rows lag: fine)
- the bare parse of the same files: `yaml.load(..., Loader=yaml.CSafeLoader)` of every file
- `wuhai --help` next to `python -c "import typer, rich, pydantic, yaml"` (start-up)

For every run it records wall time, CPU time (user + system) and peak memory (the
child's peak RSS, from /usr/bin/time where present, else `os.wait4`). It prints the
medians, the ratios and the project's targets with whether each is met. It asserts
nothing about time: it exits non-zero only when a command fails (status not 0, check not
0 or 1, output not the expected JSON).

The children run with bytecode caching on (PYTHONDONTWRITEBYTECODE removed) and the
caches under the temporary folder (PYTHONPYCACHEPREFIX), so nothing is written into the
source tree; an untimed `wuhai status` on the smallest data set compiles them first.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

YEAR = 2026
TARGET_PARSE_RATIO = 1.5  # status and check ≤ 1.5 × the bare parse at the largest size
TARGET_SCALING = 11.0  # 10 × the data costs ≤ 11 × the time
TARGET_STARTUP = 1.3  # start-up ≤ 1.3 × the import floor

PARSE_SCRIPT = """
import sys
from pathlib import Path
import yaml
plan, folder = Path(sys.argv[1]), Path(sys.argv[2])
files = sorted(p for pattern in ("*.yaml", "*.yml") for p in folder.glob(pattern)
               if not p.name.startswith("_"))
count = 0
for path in [plan, *files]:
    data = yaml.load(path.read_bytes().decode("utf-8-sig"), Loader=yaml.CSafeLoader)
    count += len((data or {}).get("certificates") or []) if path != plan else 0
print(count)
"""
IMPORT_FLOOR = "import typer, rich, pydantic, yaml"


@dataclass
class Run:
    wall: float
    cpu: float
    peak_kb: int | None
    code: int


@dataclass
class Measure:
    name: str
    size: int | None
    runs: list[Run] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(run.wall for run in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)

    @property
    def spread(self) -> tuple[float, float]:
        walls = [run.wall for run in self.runs]
        return min(walls), max(walls)

    @property
    def peak_mb(self) -> float | None:
        peaks = [run.peak_kb for run in self.runs if run.peak_kb is not None]
        return max(peaks) / 1024 if peaks else None


class Failure(Exception):
    pass


def child_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    for name in ("WUHAI_PLAN", "WUHAI_PROGRESS", "WUHAI_MAX_FILE_MB", "GITHUB_STEP_SUMMARY"):
        env.pop(name, None)
    env["WUHAI_LANG"] = "zh"
    return env


TIME = Path("/usr/bin/time")


def run_once(command: list[str], env: dict[str, str], cwd: Path, out: Path) -> Run:
    """One subprocess: wall time, CPU time and peak RSS of that child alone.

    Wall and CPU time come from `os.wait4`. The peak RSS comes from /usr/bin/time where it
    exists: on Linux a child's `ru_maxrss` also counts the parent's memory at the fork
    (the copied address space before `exec`), so the rusage of a child of this Python
    process is only an upper bound; /usr/bin/time forks from a tiny C process instead.
    """
    peak_file = out.with_suffix(".rss")
    wrapped = ([str(TIME), "-f", "%M", "-o", str(peak_file), *command] if TIME.exists()
               else command)
    with open(out, "wb") as stdout, open(out.with_suffix(".err"), "wb") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, stdout=stdout, stderr=stderr, env=env, cwd=cwd)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            cpu = usage.ru_utime + usage.ru_stime  # includes the reaped grandchild
            peak: int | None = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
        else:  # pragma: no cover - not POSIX
            process.wait()
            wall = time.perf_counter() - start
            cpu, peak = float("nan"), None
    if TIME.exists():
        try:
            # the last line (time writes "Command exited with non-zero status" before it)
            peak = int(peak_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            peak = None
    return Run(wall, cpu, peak, process.returncode)


def measure(name: str, size: int | None, command: list[str], repeat: int, env: dict[str, str],
            cwd: Path, check_output: Check | None = None) -> Measure:
    result = Measure(name, size)
    out = cwd / f"out-{name.replace(' ', '_')}-{size}.txt"
    for index in range(repeat):
        run = run_once(command, env, cwd, out)
        if check_output is not None and index == 0:
            check_output(run, out)
        result.runs.append(run)
        print(f"  {name:<14} {size or '':>7}  run {index + 1}/{repeat}: {run.wall:7.2f} s wall, "
              f"{run.cpu:7.2f} s cpu, {(run.peak_kb or 0) / 1024:7.1f} MB, exit {run.code}",
              file=sys.stderr, flush=True)
    return result


class Check:
    """What a command must print and return for its timing to count."""

    def __init__(self, codes: tuple[int, ...], schema: str | None = None,
                 certificates: int | None = None) -> None:
        self.codes, self.schema, self.certificates = codes, schema, certificates

    def __call__(self, run: Run, out: Path) -> None:
        if run.code not in self.codes:
            error = out.with_suffix(".err").read_text(encoding="utf-8", errors="replace")
            raise Failure(f"exit {run.code} (expected {self.codes}): {error[-2000:]}")
        text = out.read_text(encoding="utf-8")
        if self.schema is not None:
            document = json.loads(text)
            if document.get("schema") != self.schema:
                raise Failure(f"unexpected output schema {document.get('schema')!r}")
        if self.certificates is not None and text.strip() != str(self.certificates):
            raise Failure(f"the parse read {text.strip()} certificates, not {self.certificates}")


def generate_apart(out: Path, districts: int, certificates: int, seed: int,
                   district_in_entries: bool = False) -> dict[str, int]:
    """Run the generator in a subprocess (this process stays small: see `run_once`)."""
    script = ("import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
              "from generate import generate; "
              "print(json.dumps(generate(Path(sys.argv[2]), *map(int, sys.argv[3:]))))")
    done = subprocess.run([sys.executable, "-c", script, str(HERE), str(out), str(districts),
                           str(certificates), str(seed), str(int(district_in_entries))],
                          capture_output=True, text=True, check=True)
    counts: dict[str, int] = json.loads(done.stdout)
    return counts


def machine() -> dict[str, str]:
    info = {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": str(os.cpu_count())}
    with contextlib.suppress(AttributeError):  # not on every platform
        info["nproc"] = str(len(os.sched_getaffinity(0)))
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    with contextlib.suppress(OSError):
        info["load"] = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return info


def wuhai_command(option: str | None) -> list[str]:
    if option:
        return option.split()
    beside = Path(sys.executable).parent / "wuhai"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("wuhai")
    return [found] if found else [sys.executable, "-m", "wuhai_green"]


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else "MISSED"


def report(measures: dict[tuple[str, int | None], Measure], sizes: list[int]) -> list[str]:
    lines = ["", "Medians (wall s, min–max; cpu s = user + system; peak = largest child RSS)", ""]
    header = (f"{'size':>7}  {'command':<14} {'wall s':>8} {'min–max':>15} {'cpu s':>8} "
              f"{'peak MB':>8} {'wall/parse':>10} {'cpu/parse':>9}")
    lines += [header, "-" * len(header)]
    for size in sizes:
        parse = measures[("parse", size)]
        for name in ("status", "check", "parse"):
            m = measures[(name, size)]
            low, high = m.spread
            lines.append(f"{size:>7}  {name:<14} {m.wall:8.2f} {low:7.2f}–{high:<7.2f} "
                         f"{m.cpu:8.2f} {m.peak_mb or 0:8.1f} {ratio(m.wall, parse.wall):10.2f} "
                         f"{ratio(m.cpu, parse.cpu):9.2f}")
    for name in ("wuhai --help", "import floor"):
        m = measures[(name, None)]
        low, high = m.spread
        lines.append(f"{'':>7}  {name:<14} {m.wall:8.3f} {low:7.3f}–{high:<7.3f} {m.cpu:8.3f} "
                     f"{m.peak_mb or 0:8.1f}")
    lines += ["", "Targets", ""]
    largest = max(sizes)
    parse = measures[("parse", largest)]
    for name in ("status", "check"):
        m = measures[(name, largest)]
        wall, cpu = ratio(m.wall, parse.wall), ratio(m.cpu, parse.cpu)
        lines.append(f"{name} ≤ {TARGET_PARSE_RATIO}× bare parse at {largest}: "
                     f"wall {wall:.2f}× ({verdict(wall, TARGET_PARSE_RATIO)}), "
                     f"cpu {cpu:.2f}× ({verdict(cpu, TARGET_PARSE_RATIO)})")
    for small in sizes:
        big = small * 10
        if big not in sizes:
            continue
        for name in ("status", "check", "parse"):
            a, b = measures[(name, small)], measures[(name, big)]
            wall, cpu = ratio(b.wall, a.wall), ratio(b.cpu, a.cpu)
            target = f"≤ {TARGET_SCALING:g}×" if name != "parse" else "(reference)"
            marks = (f" ({verdict(wall, TARGET_SCALING)}, {verdict(cpu, TARGET_SCALING)})"
                     if name != "parse" else "")
            lines.append(f"{name} {small}→{big} {target}: wall {wall:.2f}×, cpu {cpu:.2f}×{marks}")
    startup, floor = measures[("wuhai --help", None)], measures[("import floor", None)]
    wall, cpu = ratio(startup.wall, floor.wall), ratio(startup.cpu, floor.cpu)
    lines.append(f"start-up ≤ {TARGET_STARTUP}× import floor: wall {wall:.2f}× "
                 f"({verdict(wall, TARGET_STARTUP)}), cpu {cpu:.2f}× ({verdict(cpu, TARGET_STARTUP)})")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="certificate counts, comma-separated (default 1000,10000,100000)")
    parser.add_argument("--quick", action="store_true", help="only 1000 and 10000 certificates")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per command (default 3)")
    parser.add_argument("--startup-repeat", type=int, default=10,
                        help="timed runs of the start-up commands (default 10)")
    parser.add_argument("--districts", type=int, default=300)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--district-in-entries", action="store_true",
                        help="name the district on every certificate instead of once per file")
    parser.add_argument("--wuhai", help="the command to run (default: wuhai beside this Python)")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--json", type=Path, help="also write every run as JSON here")
    args = parser.parse_args(argv)
    sizes = [1000, 10000] if args.quick else sorted({int(s) for s in args.sizes.split(",") if s})
    repeat = max(1, args.repeat)
    wuhai = wuhai_command(args.wuhai)

    folder = args.keep or Path(tempfile.mkdtemp(prefix="wuhai-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = child_env(folder / "pycache")
    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()), file=sys.stderr)
    print(f"wuhai: {' '.join(wuhai)}; data in {folder}", file=sys.stderr)
    measures: dict[tuple[str, int | None], Measure] = {}
    counts: dict[int, dict[str, int]] = {}
    started = time.perf_counter()
    try:
        run_once([*wuhai, "--help"], env, folder, folder / "warmup.txt")  # compile the bytecode
        for size in sizes:
            data = folder / f"n{size}"
            begin = time.perf_counter()
            counts[size] = generate_apart(data, args.districts, size, args.seed,
                                          args.district_in_entries)
            print(f"generated {size}: {counts[size]} in {time.perf_counter() - begin:.1f} s",
                  file=sys.stderr, flush=True)
            plan, progress = str(data / "plan.yaml"), str(data / "progress")
            if hasattr(os, "sync"):
                os.sync()  # no write-back of the fresh files during the timed runs
            run_once([sys.executable, "-c", PARSE_SCRIPT, plan, progress], env, folder,
                     folder / "warmup.txt")  # untimed: the files into the page cache
            common = ["--year", str(YEAR), "--plan", plan, "--progress", progress,
                      "--format", "json"]
            if size == sizes[0]:  # untimed: compile the bytecode of every module a command uses
                run_once([*wuhai, "status", *common], env, folder, folder / "warmup.txt")
            measures[("status", size)] = measure(
                "status", size, [*wuhai, "status", *common], repeat, env, folder,
                Check((0,), "wuhai-green/status@1"))
            measures[("check", size)] = measure(
                "check", size, [*wuhai, "check", *common], repeat, env, folder,
                Check((0, 1), "wuhai-green/check@1"))
            measures[("parse", size)] = measure(
                "parse", size, [sys.executable, "-c", PARSE_SCRIPT, plan, progress], repeat, env,
                folder, Check((0,), certificates=counts[size]["certificates"]))
        startup_repeat = max(1, args.startup_repeat)
        measures[("wuhai --help", None)] = measure(
            "wuhai --help", None, [*wuhai, "--help"], startup_repeat, env, folder, Check((0,)))
        measures[("import floor", None)] = measure(
            "import floor", None, [sys.executable, "-c", IMPORT_FLOOR], startup_repeat, env,
            folder, Check((0,)))
    except Failure as failure:
        print(f"benchmark aborted: a command failed: {failure}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    info["load_after"] = machine().get("load", "")
    lines = [f"machine: {', '.join(f'{k} {v}' for k, v in info.items())}",
             f"data: {args.districts} districts; "
             + "; ".join(f"{size}: {c['files']} files, {c['renewals']} renewals, {c['ended']} ended"
                         for size, c in counts.items()),
             f"repeat: {repeat} (start-up {max(1, args.startup_repeat)}); "
             f"total {time.perf_counter() - started:.0f} s"]
    lines += report(measures, sizes)
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps({
            "machine": info, "sizes": sizes, "districts": args.districts, "counts": counts,
            "measures": [{"name": m.name, "size": m.size, "median_wall": m.wall,
                          "median_cpu": m.cpu, "peak_mb": m.peak_mb,
                          "runs": [asdict(run) for run in m.runs]} for m in measures.values()],
        }, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
