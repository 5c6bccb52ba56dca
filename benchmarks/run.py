"""End-to-end benchmarks of `wuhai` (issues 6 and 18). See docs/performance.md.

    python benchmarks/run.py                 # 10k and 100k certificates, 300 districts
    python benchmarks/run.py --quick         # 1k and 10k only
    python benchmarks/run.py --sizes 1000,10000,100000 --repeat 3 --json results.json

Generates the data sets into a temporary folder (benchmarks/generate.py), then times each
command in a fresh subprocess, several rounds, interleaved (one run of every command per
round, so a burst of load on a shared machine touches all of them alike); medians are
reported. For every size:

- three floors over the same files: iterating libyaml's events (`yaml.parse`), the full
  `yaml.load(..., Loader=yaml.CSafeLoader)` (the yardstick of every ratio), and `json.loads`
  plus pydantic validation with the tool's own `ProgressFile` model of the same records
  (converted to JSON beforehand, every scalar as the text the reader hands over);
- `wuhai status`, `validate` and `check` cold (an empty cache folder: they read, check and
  cache everything) and warm (the cache the run before wrote, files unchanged);

and once, on the demo data and without data:

- `wuhai status --progress examples/demo` (warm, as a user runs it twice) beside a
  realistic floor: a script that imports typer, rich, pydantic and yaml, builds one pydantic
  model and prints one rich table;
- `wuhai --help` beside the bare import floor (`import typer, rich, pydantic, yaml`);
- `wuhai --version`, and whether it imported typer (`python -X importtime`).

For every run it records wall time, CPU time (user + system) and peak memory (the child's
peak RSS, from /usr/bin/time where present, else `os.wait4`). The ratios against the
targets of issue 18 are printed last. It asserts nothing about time: it exits non-zero
only when a command fails (status not 0, check not 0 or 1, output not the expected JSON).

The children run with bytecode caching on (PYTHONDONTWRITEBYTECODE removed) and the
caches under the temporary folder (PYTHONPYCACHEPREFIX), so nothing is written into the
source tree; an untimed run of each command compiles them first. The cache of `wuhai`
lives in the temporary folder too (`--cache-dir`); a `wuhai` without that option (an
older version) is timed without a cache, and its warm runs are left out.
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
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent / "examples" / "demo"

YEAR = 2026
# The targets of issue 18 (CPU time; the yardstick is the CSafeLoader parse of the same files)
TARGET_COLD = 0.5  # cold status, validate, check ≤ 0.5 × the parse at the largest size
TARGET_PEAK_MB = 150  # peak memory of a cold run at the largest size
TARGET_WARM_PARSE = 0.1  # a warm run ≤ 0.1 × the parse
TARGET_WARM_HELP = 3.0  # … and ≤ 3 × `wuhai --help`
TARGET_GROWTH = 10.0  # 10 × the data costs ≤ 10 × the time and the memory
TARGET_DEMO = 1.2  # `wuhai status` on the demo data ≤ 1.2 × the realistic floor
TARGET_HELP = 1.0  # `wuhai --help` ≤ 1.0 × the bare import floor

FILES = """
import sys
from pathlib import Path
def report_files(folder):
    return sorted(p for pattern in ("*.yaml", "*.yml") for p in folder.glob(pattern)
                  if not p.name.startswith("_"))
"""
PARSE_SCRIPT = FILES + """
import yaml
plan, folder = Path(sys.argv[1]), Path(sys.argv[2])
count = 0
for path in [plan, *report_files(folder)]:
    data = yaml.load(path.read_bytes().decode("utf-8-sig"), Loader=yaml.CSafeLoader)
    count += len((data or {}).get("certificates") or []) if path != plan else 0
print(count)
"""
EVENTS_SCRIPT = FILES + """
import yaml
plan, folder = Path(sys.argv[1]), Path(sys.argv[2])
count = 0
for path in [plan, *report_files(folder)]:
    for event in yaml.parse(path.read_bytes().decode("utf-8-sig"), Loader=yaml.CSafeLoader):
        count += type(event) is yaml.MappingStartEvent
print(count)
"""
JSON_SCRIPT = """
import json, sys
from pathlib import Path
from wuhai_green.model.progress import ProgressFile
count = 0
for path in sorted(Path(sys.argv[1]).glob("*.json")):
    count += len(ProgressFile.model_validate(json.loads(path.read_bytes())).certificates)
print(count)
"""
# The same records as JSON, every scalar as text (what the tool's reader hands the models)
TO_JSON_SCRIPT = FILES + """
import json, yaml
folder, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
for path in report_files(folder):
    data = yaml.load(path.read_bytes().decode("utf-8-sig"), Loader=yaml.BaseLoader)
    (out / (path.stem + ".json")).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
"""
IMPORT_FLOOR = "import typer, rich, pydantic, yaml"
# What any such tool pays to start and show one small table (issue 18: "a realistic floor")
REALISTIC_FLOOR = """
import typer, rich, pydantic, yaml
from rich.console import Console
from rich.table import Table
class Row(pydantic.BaseModel):
    district: str
    achieved: int
row = Row.model_validate(yaml.safe_load("district: 海南区\\nachieved: 120"))
table = Table(title="status")
table.add_column("district")
table.add_column("achieved", justify="right")
table.add_row(row.district, str(row.achieved))
Console().print(table)
"""


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
        cpus = [run.cpu for run in self.runs]
        return min(cpus), max(cpus)

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
    for name in ("WUHAI_PLAN", "WUHAI_PROGRESS", "WUHAI_MAX_FILE_MB", "GITHUB_STEP_SUMMARY",
                 "WUHAI_NO_CACHE", "COLUMNS"):
        env.pop(name, None)
    env["WUHAI_LANG"] = "zh"
    env["XDG_CACHE_HOME"] = str(cache.parent / "xdg-cache")  # never the user's own cache
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


class Check:
    """What a command must print and return for its timing to count."""

    def __init__(self, codes: tuple[int, ...], schema: str | None = None,
                 count: int | None = None) -> None:
        self.codes, self.schema, self.count = codes, schema, count

    def __call__(self, run: Run, out: Path) -> None:
        if run.code not in self.codes:
            error = out.with_suffix(".err").read_text(encoding="utf-8", errors="replace")
            raise Failure(f"exit {run.code} (expected {self.codes}): {error[-2000:]}")
        text = out.read_text(encoding="utf-8")
        if self.schema is not None:
            document = json.loads(text)
            if document.get("schema") != self.schema:
                raise Failure(f"unexpected output schema {document.get('schema')!r}")
        if self.count is not None and text.strip() != str(self.count):
            raise Failure(f"counted {text.strip()}, not {self.count}")


@dataclass
class Job:
    """A command timed in every round; `before` runs untimed before each timed run (to
    empty or fill a cache)."""

    name: str
    size: int | None
    command: list[str]
    check: Check
    before: Callable[[], None] | None = None


def run_rounds(jobs: list[Job], rounds: int, env: dict[str, str], cwd: Path
               ) -> dict[tuple[str, int | None], Measure]:
    """Every job once per round, in order; the first run of each is checked."""
    measures = {(job.name, job.size): Measure(job.name, job.size) for job in jobs}
    for round_index in range(rounds):
        for job in jobs:
            if job.before is not None:
                job.before()
            out = cwd / f"out-{job.name.replace(' ', '_').replace('/', '_')}-{job.size}.txt"
            run = run_once(job.command, env, cwd, out)
            if round_index == 0:
                job.check(run, out)
            measures[(job.name, job.size)].runs.append(run)
            print(f"  {job.name:<16} {job.size or '':>7}  round {round_index + 1}/{rounds}: "
                  f"{run.wall:7.2f} s wall, {run.cpu:7.2f} s cpu, "
                  f"{(run.peak_kb or 0) / 1024:7.1f} MB, exit {run.code}",
                  file=sys.stderr, flush=True)
    return measures


def one_changed(wuhai: list[str], data: Path, size: int, check: Check, env: dict[str, str]
                ) -> Job:
    """`status` on a copy of the reports after one file changed since the cache was written
    (issue 18: a changed file re-reads only that file). Before each run the cache is put
    back as it was before the change."""
    progress, cache, saved = data / "progress-changed", data / "cache-changed", data / "saved"
    shutil.copytree(data / "progress", progress)
    command = [*wuhai, "status", "--year", str(YEAR), "--plan", str(data / "plan.yaml"),
               "--progress", str(progress), "--format", "json", "--cache-dir", str(cache)]
    run_once(command, env, data.parent, data.parent / "warmup.txt")  # untimed: the cache of
    # the files as they were
    shutil.copytree(cache, saved)
    changed = sorted(progress.rglob("*.yaml"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")

    def restore() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(saved, cache)

    return Job("status 1 changed", size, command, check, restore)


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


def has_cache(wuhai: list[str], env: dict[str, str], cwd: Path) -> bool:
    """Whether this `wuhai` keeps a cache (`--cache-dir`): an older one is timed without."""
    done = subprocess.run([*wuhai, "status", "--help"], capture_output=True, text=True,
                          env=env, cwd=cwd, check=False)
    return "--cache-dir" in done.stdout


def imports_typer(wuhai: list[str], env: dict[str, str], cwd: Path) -> bool | None:
    """Whether `wuhai --version` imports typer (None: cannot tell for this command)."""
    if Path(wuhai[0]).name.startswith("python"):
        command = [wuhai[0], "-X", "importtime", *wuhai[1:], "--version"]
    else:
        command = [sys.executable, "-X", "importtime", "-c",
                   "import sys; sys.argv = ['wuhai', '--version']; "
                   "from wuhai_green.__main__ import *"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd,
                          check=False)
    if done.returncode != 0:
        return None
    return any(line.split("|")[-1].strip() == "typer" for line in done.stderr.splitlines())


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else "MISSED"


COMMANDS = ("status", "validate", "check")


def report(measures: dict[tuple[str, int | None], Measure], sizes: list[int],
           typer_on_version: bool | None) -> list[str]:
    def get(name: str, size: int | None) -> Measure | None:
        return measures.get((name, size))

    lines = ["", "Medians (cpu s = user + system, min–max of cpu; wall s; peak = largest "
             "child RSS; ÷ parse = cpu ÷ cpu of the CSafeLoader parse)", ""]
    header = (f"{'size':>7}  {'what':<16} {'cpu s':>8} {'min–max':>15} {'wall s':>8} "
              f"{'peak MB':>8} {'÷ parse':>8}")
    lines += [header, "-" * len(header)]
    names = ("events", "parse", "json+pydantic", *(f"{c} cold" for c in COMMANDS),
             *(f"{c} warm" for c in COMMANDS), "status 1 changed")
    for size in sizes:
        parse = get("parse", size)
        for name in names:
            m = get(name, size)
            if m is None or parse is None:
                continue
            low, high = m.spread
            lines.append(f"{size:>7}  {name:<16} {m.cpu:8.2f} {low:7.2f}–{high:<7.2f} "
                         f"{m.wall:8.2f} {m.peak_mb or 0:8.1f} {ratio(m.cpu, parse.cpu):8.2f}")
    for name in ("demo status", "realistic floor", "wuhai --help", "import floor",
                 "wuhai --version"):
        m = get(name, None)
        if m is None:
            continue
        low, high = m.spread
        lines.append(f"{'':>7}  {name:<16} {m.cpu:8.3f} {low:7.3f}–{high:<7.3f} {m.wall:8.3f} "
                     f"{m.peak_mb or 0:8.1f}")

    lines += ["", "Targets (issue 18; CPU time)", ""]
    largest = max(sizes)
    parse = get("parse", largest)
    assert parse is not None
    events, floor_json = get("events", largest), get("json+pydantic", largest)
    if events is not None and floor_json is not None:
        lines.append(f"floors at {largest}: events {ratio(events.cpu, parse.cpu):.2f}×, "
                     f"JSON + pydantic {ratio(floor_json.cpu, parse.cpu):.2f}× the parse")
    help_run = get("wuhai --help", None)
    for command in COMMANDS:
        cold, warm = get(f"{command} cold", largest), get(f"{command} warm", largest)
        if cold is not None:
            value = ratio(cold.cpu, parse.cpu)
            lines.append(f"{command} cold ≤ {TARGET_COLD}× parse at {largest}: {value:.2f}× "
                         f"({verdict(value, TARGET_COLD)})")
            peak = cold.peak_mb or float("nan")
            lines.append(f"{command} cold peak ≤ {TARGET_PEAK_MB} MB at {largest}: "
                         f"{peak:.0f} MB ({verdict(peak, TARGET_PEAK_MB)})")
        if warm is not None:
            value = ratio(warm.cpu, parse.cpu)
            text = (f"{command} warm ≤ {TARGET_WARM_PARSE}× parse at {largest}: {value:.3f}× "
                    f"({verdict(value, TARGET_WARM_PARSE)})")
            if help_run is not None:
                to_help = ratio(warm.cpu, help_run.cpu)
                text += (f"; ≤ {TARGET_WARM_HELP:g}× wuhai --help: {to_help:.2f}× "
                         f"({verdict(to_help, TARGET_WARM_HELP)})")
            lines.append(text)
    changed, cold = get("status 1 changed", largest), get("status cold", largest)
    if changed is not None and cold is not None:
        lines.append(f"status after one file changed at {largest} (reads that file only): "
                     f"{ratio(changed.cpu, parse.cpu):.2f}× parse, "
                     f"{ratio(changed.cpu, cold.cpu):.2f}× status cold")
    for small in sizes:
        big = small * 10
        if big not in sizes:
            continue
        for name in [f"{c} cold" for c in COMMANDS] + ["parse"]:
            a, b = get(name, small), get(name, big)
            if a is None or b is None:
                continue
            cpu = ratio(b.cpu, a.cpu)
            memory = ratio(b.peak_mb or float("nan"), a.peak_mb or float("nan"))
            if name == "parse":
                lines.append(f"parse {small}→{big} (reference): cpu {cpu:.2f}×, "
                             f"memory {memory:.2f}×")
                continue
            lines.append(f"{name} {small}→{big} ≤ {TARGET_GROWTH:g}×: cpu {cpu:.2f}× "
                         f"({verdict(cpu, TARGET_GROWTH)}), memory {memory:.2f}× "
                         f"({verdict(memory, TARGET_GROWTH)})")
    demo, realistic = get("demo status", None), get("realistic floor", None)
    if demo is not None and realistic is not None:
        value = ratio(demo.cpu, realistic.cpu)
        lines.append(f"status on the demo ≤ {TARGET_DEMO}× realistic floor: {value:.2f}× "
                     f"({verdict(value, TARGET_DEMO)}; wall {ratio(demo.wall, realistic.wall):.2f}×)")
    floor = get("import floor", None)
    if help_run is not None and floor is not None:
        value = ratio(help_run.cpu, floor.cpu)
        lines.append(f"wuhai --help ≤ {TARGET_HELP}× import floor: {value:.2f}× "
                     f"({verdict(value, TARGET_HELP)}; wall {ratio(help_run.wall, floor.wall):.2f}×)")
    if typer_on_version is not None:
        lines.append("wuhai --version without importing typer: "
                     + ("MISSED (typer imported)" if typer_on_version else "met"))
    return lines


def main(argv: list[str] | None = None) -> int:  # noqa: PLR0915 - one run, start to end
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000",
                        help="certificate counts, comma-separated (default 10000,100000)")
    parser.add_argument("--quick", action="store_true", help="only 1000 and 10000 certificates")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of timed runs (default 3)")
    parser.add_argument("--startup-repeat", type=int, default=10,
                        help="rounds of the start-up commands (default 10)")
    parser.add_argument("--districts", type=int, default=300)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--district-in-entries", action="store_true",
                        help="name the district on every certificate instead of once per file")
    parser.add_argument("--wuhai", help="the command to run (default: wuhai beside this Python)")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--json", type=Path, help="also write every run as JSON here")
    args = parser.parse_args(argv)
    sizes = [1000, 10000] if args.quick else sorted({int(s) for s in args.sizes.split(",") if s})
    rounds = max(1, args.repeat)
    wuhai = wuhai_command(args.wuhai)

    folder = (args.keep or Path(tempfile.mkdtemp(prefix="wuhai-bench-"))).absolute()
    folder.mkdir(parents=True, exist_ok=True)
    env = child_env(folder / "pycache")
    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()), file=sys.stderr)
    print(f"wuhai: {' '.join(wuhai)}; data in {folder}", file=sys.stderr)
    measures: dict[tuple[str, int | None], Measure] = {}
    counts: dict[int, dict[str, int]] = {}
    started = time.perf_counter()
    warmup = folder / "warmup.txt"
    try:
        run_once([*wuhai, "--help"], env, folder, warmup)  # compile the bytecode
        caching = has_cache(wuhai, env, folder)
        if not caching:
            print("this wuhai keeps no cache: cold runs only", file=sys.stderr)
        typer_on_version = imports_typer(wuhai, env, folder)
        for size in sizes:
            data = folder / f"n{size}"
            begin = time.perf_counter()
            counts[size] = generate_apart(data, args.districts, size, args.seed,
                                          args.district_in_entries)
            plan, progress = str(data / "plan.yaml"), str(data / "progress")
            subprocess.run([sys.executable, "-c", TO_JSON_SCRIPT, progress, str(data / "json")],
                           env=env, check=True)
            print(f"generated {size}: {counts[size]} in {time.perf_counter() - begin:.1f} s",
                  file=sys.stderr, flush=True)
            if hasattr(os, "sync"):
                os.sync()  # no write-back of the fresh files during the timed runs
            run_once([sys.executable, "-c", PARSE_SCRIPT, plan, progress], env, folder,
                     warmup)  # untimed: the files into the page cache
            common = ["--plan", plan, "--progress", progress, "--format", "json"]
            arguments = {"status": ["--year", str(YEAR), *common],
                         "validate": common,
                         "check": ["--year", str(YEAR), *common]}
            checks = {"status": Check((0,), "wuhai-green/status@1"),
                      "validate": Check((0,), "wuhai-green/validate@1"),
                      "check": Check((0, 1), "wuhai-green/check@1")}
            jobs = [
                Job("events", size, [sys.executable, "-c", EVENTS_SCRIPT, plan, progress],
                    Check((0,))),
                Job("parse", size, [sys.executable, "-c", PARSE_SCRIPT, plan, progress],
                    Check((0,), count=counts[size]["certificates"])),
                Job("json+pydantic", size, [sys.executable, "-c", JSON_SCRIPT,
                                            str(data / "json")],
                    Check((0,), count=counts[size]["certificates"])),
            ]
            for command in COMMANDS:
                cold_cache, warm_cache = data / f"cache-cold-{command}", data / f"cache-warm-{command}"
                cold_options = ["--cache-dir", str(cold_cache)] if caching else []
                run = [*wuhai, command, *arguments[command]]
                if size == sizes[0]:  # untimed: compile every module the command uses
                    run_once([*run, *cold_options], env, folder, warmup)

                def empty(cache: Path = cold_cache) -> None:
                    shutil.rmtree(cache, ignore_errors=True)

                jobs.append(Job(f"{command} cold", size, [*run, *cold_options], checks[command],
                                empty if caching else None))
                if caching:
                    run_once([*run, "--cache-dir", str(warm_cache)], env, folder, warmup)
                    jobs.append(Job(f"{command} warm", size,
                                    [*run, "--cache-dir", str(warm_cache)], checks[command]))
            if caching:
                jobs.append(one_changed(wuhai, data, size, checks["status"], env))
            measures |= run_rounds(jobs, rounds, env, folder)
        demo_cache = ["--cache-dir", str(folder / "cache-demo")] if caching else []
        demo = [*wuhai, "status", "--year", "2025", "--progress", str(DEMO), *demo_cache]
        run_once(demo, env, folder, warmup)  # untimed: compiles, and fills the cache
        startup = [
            Job("demo status", None, demo, Check((0,))),
            Job("realistic floor", None, [sys.executable, "-c", REALISTIC_FLOOR], Check((0,))),
            Job("wuhai --help", None, [*wuhai, "--help"], Check((0,))),
            Job("import floor", None, [sys.executable, "-c", IMPORT_FLOOR], Check((0,))),
            Job("wuhai --version", None, [*wuhai, "--version"], Check((0,))),
        ]
        measures |= run_rounds(startup, max(1, args.startup_repeat), env, folder)
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
             f"rounds: {rounds} (start-up {max(1, args.startup_repeat)}); "
             f"total {time.perf_counter() - started:.0f} s"]
    lines += report(measures, sizes, typer_on_version)
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
