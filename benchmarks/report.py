"""How long the yearly HTML report takes on the demo data (issue 15). See docs/performance.md.

    python benchmarks/report.py                  # 5 runs of each command
    python benchmarks/report.py --repeat 9 --json report.json

Times, each in a fresh subprocess, several times (the median is reported):

- `wuhai report --year 2025 --as-of 2025-12-31 --progress examples/demo --format html -o F`
- `wuhai report … --format html --no-charts -o F` (the report less its charts)
- `wuhai status --year 2025 --as-of 2025-12-31 --progress examples/demo`
- `python -c "import matplotlib.figure, matplotlib.backends.backend_svg"` (what the report
  imports of matplotlib: it draws without pyplot)

and checks the target: report ≤ 2 × (status + matplotlib's import). Then, in one
process, where the report's time goes: imports, loading the files, the pages of the other
commands, each chart (matplotlib's layout and SVG output), the HTML. It asserts nothing
about time: it exits 1 only when a command fails.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from run import (  # noqa: E402 - the helpers of benchmarks/run.py, beside this file
    Check,
    Failure,
    Measure,
    child_env,
    machine,
    measure,
    run_once,
    wuhai_command,
)

TARGET = 2.0  # report ≤ 2 × (status + matplotlib's import)
# What the report imports of matplotlib (its figure and SVG backend; not pyplot)
MATPLOTLIB_IMPORT = "import matplotlib.figure, matplotlib.backends.backend_svg"

# Run in a child: each phase of `wuhai report --format html` timed on its own.
PHASES = """
import sys, time
from datetime import date
from pathlib import Path
started = time.perf_counter()
marks = []
def mark(name):
    global started
    now = time.perf_counter()
    marks.append((name, now - started))
    started = now
from wuhai_green import commands
from wuhai_green.show import charts, report
from wuhai_green.show.render.to_html import report_html
mark("imports: wuhai (pydantic, the models, the catalogue)")
import matplotlib.figure, matplotlib.backends.backend_svg
mark("imports: matplotlib (its figure and SVG backend)")
options = commands.Options.build(None, Path(sys.argv[1]), "html", "zh")
plan, register = commands._load(options)
query = commands._query(plan, register, commands.Asked(2025, date(2025, 12, 31)))
show = options.display(plan)
mark("loading: the plan and the progress files")
document = report.build(query, show, False, date(2026, 11, 30))
mark("pages: status, gap, adjust, renewals, tasks, who has reported")
specs = report.report_charts(query, show)
mark("chart figures (core/history)")
for caption, chart, _ in specs:
    charts.to_svg(chart)
    mark(f"chart: {caption}")
report_html(document)
mark("HTML")
for name, seconds in marks:
    print(f"{seconds:.3f}\\t{name}")
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--wuhai", help="the command to run (default: wuhai beside this Python)")
    parser.add_argument("--json", type=Path, help="also write every run as JSON here")
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)
    wuhai = wuhai_command(args.wuhai)
    demo = str(REPO / "examples" / "demo")
    folder = Path(tempfile.mkdtemp(prefix="wuhai-bench-report-"))
    env = child_env(folder / "pycache")
    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()), file=sys.stderr)
    common = ["--year", "2025", "--as-of", "2025-12-31", "--progress", demo]
    html = str(folder / "report.html")
    measures: dict[str, Measure] = {}
    try:
        # untimed: compile the bytecode of every module, build matplotlib's font list
        run_once([*wuhai, "report", *common, "--format", "html", "-o", html, "--force"], env,
                 folder, folder / "warmup.txt")
        commands = {
            "report html": [*wuhai, "report", *common, "--format", "html", "-o", html, "--force"],
            "report html --no-charts": [*wuhai, "report", *common, "--format", "html",
                                        "--no-charts", "-o", html, "--force"],
            "status": [*wuhai, "status", *common],
            "import matplotlib": [sys.executable, "-c", MATPLOTLIB_IMPORT],
        }
        for name, command in commands.items():
            measures[name] = measure(name, None, command, repeat, env, folder, Check((0,)))
        phases = run_once([sys.executable, "-c", PHASES, demo], env, folder,
                          folder / "phases.txt")
        if phases.code != 0:
            raise Failure((folder / "phases.err").read_text(encoding="utf-8"))
        breakdown = [(float(seconds), name) for seconds, name in
                     (line.split("\t", 1) for line in
                      (folder / "phases.txt").read_text(encoding="utf-8").splitlines())]
    except Failure as failure:
        print(f"benchmark aborted: a command failed: {failure}", file=sys.stderr)
        return 1
    info["load_after"] = machine().get("load", "")
    report_wall = measures["report html"].wall
    budget = TARGET * (measures["status"].wall + measures["import matplotlib"].wall)
    lines = [f"machine: {', '.join(f'{k} {v}' for k, v in info.items())}",
             f"repeat: {repeat}", "",
             f"{'command':<26} {'wall s':>7} {'min–max':>13} {'cpu s':>7} {'peak MB':>8}"]
    for name, found in measures.items():
        low, high = found.spread
        lines.append(f"{name:<26} {found.wall:7.3f} {low:6.3f}–{high:6.3f} {found.cpu:7.3f} "
                     f"{found.peak_mb or 0:8.1f}")
    lines += ["", f"target: report ≤ {TARGET:g} × (status + import matplotlib) = {budget:.3f} s; "
              f"measured {report_wall:.3f} s ({report_wall / budget * TARGET:.2f}×): "
              + ("met" if report_wall <= budget else "MISSED"),
              "", "where the time goes (one run, in one process):"]
    total = sum(seconds for seconds, _ in breakdown)
    lines += [f"  {seconds:6.3f} s {seconds / total:5.1%}  {name}" for seconds, name in breakdown]
    lines.append(f"  {total:6.3f} s in all")
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps({
            "machine": info, "target": TARGET, "budget": budget,
            "measures": [{"name": m.name, "median_wall": m.wall, "median_cpu": m.cpu,
                          "runs": [asdict(run) for run in m.runs]} for m in measures.values()],
            "phases": [{"name": name, "seconds": seconds} for seconds, name in breakdown],
        }, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
