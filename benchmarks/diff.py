"""How long `wuhai diff` takes over many files (issue 12 §3): the timing no test asserts.

    python benchmarks/diff.py                    # 2,000 reports, 3 runs
    python benchmarks/diff.py --files 5000 --repeat 5

Builds a git repository in a temporary folder: the plan and FILES one-certificate reports
of 2025 in one commit, then one report changed in the working tree. Times, in a fresh
process each, `wuhai diff HEAD --year 2025 --format json` beside `wuhai status` of the
same data (diff reads the data twice: the working tree and the base) and the bare git
reads diff now makes (`git ls-tree` and one `git cat-file --batch`). The base used to be
read with one `git show` per file: 20 s for 2,000 files on the reviewer's machine.
Medians of wall and CPU time (the process and its children, git included) are reported;
on a shared machine the CPU time is the steadier. It exits 1 only when a command fails.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLAN = REPO / "data" / "plan.yaml"
WUHAI = [sys.executable, "-m", "wuhai_green"]
# Timed without the register cache (issue 18), as issue 12 recorded it, and never with the
# user's own cache folder.
ENV = {**os.environ, "WUHAI_NO_CACHE": "1",
       "XDG_CACHE_HOME": str(Path(tempfile.gettempdir()) / "wuhai-bench-diff-cache")}

REPORT = """year: 2025
district: 海南区
certificates:
  - id: LB-BENCH-{number:05d}
    type: green_food
    product: 产品
    holder: 获证主体
    output_tonnes: {tonnes}
    issued: 2025-03-01
"""


def git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org",
                           *args], cwd=repo, input=stdin, capture_output=True,
                          check=True).stdout


def build(root: Path, files: int) -> Path:
    repo = root / "repo"
    progress = repo / "data" / "progress"
    progress.mkdir(parents=True)
    shutil.copyfile(PLAN, repo / "data" / "plan.yaml")
    for number in range(files):
        (progress / f"2025-{number:05d}.yaml").write_text(REPORT.format(number=number, tonnes=1),
                                                         encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    (progress / "2025-00000.yaml").write_text(REPORT.format(number=0, tonnes=2), encoding="utf-8")
    return repo


def timed(command: list[str], repo: Path, repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds (user + system of the process and its children, git's too)."""
    wall, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, cwd=repo, capture_output=True, check=False, env=ENV)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode("utf-8", "replace"))
            raise SystemExit(1)
    return wall, cpu


def git_reads(repo: Path) -> None:
    listing = git(repo, "ls-tree", "-r", "-z", "HEAD", "--", "data")
    oids = [record.split(b"\t")[0].split()[2] for record in listing.split(b"\0") if record]
    git(repo, "cat-file", "--batch", stdin=b"".join(oid + b"\n" for oid in oids))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wuhai-bench-diff-") as folder:
        repo = build(Path(folder), arguments.files)
        options = ["--year", "2025", "--format", "json"]
        rows = [
            ("diff HEAD", *timed([*WUHAI, "diff", "HEAD", *options], repo, arguments.repeat)),
            ("status", *timed([*WUHAI, "status", *options], repo, arguments.repeat)),
        ]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        git_reads(repo)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        rows.append(("git ls-tree + cat-file --batch", [time.perf_counter() - start],
                     [after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime]))
    print(f"{arguments.files} reports, median of {arguments.repeat} runs")
    print(f"  {'':32} {'wall':>9} {'cpu':>9}")
    for name, wall, cpu in rows:
        print(f"  {name:32} {statistics.median(wall):7.2f} s {statistics.median(cpu):7.2f} s")


if __name__ == "__main__":
    main()
