"""The spreadsheet reader of `wuhai import` (issue 14): which library, and what the import
costs beside it. See docs/performance.md ("Importing a spreadsheet").

    python benchmarks/spreadsheet.py                 # 10,000 rows, 3 runs each
    python benchmarks/spreadsheet.py --rows 2000 --repeat 5 --json spreadsheet.json

It writes a register of ROWS certificates (the official column names, one district, the
year 2025, dates as date cells) with xlsxwriter, then times, each in a fresh subprocess:

- `openpyxl`: load_workbook(read_only=True, data_only=True) and every row, values only;
- `calamine`: python-calamine's CalamineWorkbook, the first sheet as Python values
  (only where python-calamine is installed: it is not a dependency of the project);
- `import`: `wuhai import FILE --year 2025 --district hainan` into an empty folder, which
  reads the sheet with openpyxl, maps and checks every row, writes the YAML and validates it
  as `wuhai validate` would.

It reports the median wall and CPU time (user + system) and the peak memory of each, and
the ratio import ÷ openpyxl (the target: at most 2, on CPU time, which a busy machine
disturbs less than wall time). Then it shows what each library does with a sheet declaring a
million rows of 16,384 columns (`<dimension ref="A1:XFD1048576"/>` and one cell at the far
corner): openpyxl streams rows (the import refuses the sheet before reading it), calamine
allocates the whole declared range. Last, `wuhai import` of each hostile workbook of
tests/acceptance/test_import.py (zip and entity bombs, a million rows, password, .xls, …),
with its time and peak memory. It asserts nothing: it exits 1 only when a command fails
(the import of a hostile file must exit 2).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from tests.acceptance.test_import import HOSTILE  # noqa: E402 - the tests' hostile workbooks
TARGET_RATIO = 2.0

OPENPYXL = """
import sys, openpyxl
workbook = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
rows = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
workbook.close()
print(rows)
"""
CALAMINE = """
import sys, python_calamine
workbook = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
print(len(workbook.get_sheet_by_index(0).to_python()))
"""
HEADERS = ["序号", "产品编号", "企业信息码", "生产单位", "产品名称", "核准产量（吨）", "面积（亩）",
           "颁证日期", "证书截止日期", "证书状态", "备注"]


def write_register(path: Path, rows: int) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("2025")
    day_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADERS)
    for index in range(1, rows + 1):
        issued = date(2025, 1, 1) + timedelta(days=index % 365)
        organic = index % 5 == 0
        number = (f"005OP25{index:05d}" if organic
                  else f"LB-18-{issued:%y%m}15{index % 10000:04d}A")
        sheet.write_row(index, 0, [index, number, "GF150303250012",
                                   f"乌海市示例专业合作社{index}", "鸡蛋", 120.5, 300])
        sheet.write_datetime(index, 7, issued, day_format)
        expires = issued.replace(year=issued.year + (1 if organic else 3)) - timedelta(days=1)
        sheet.write_datetime(index, 8, expires, day_format)
        sheet.write_row(index, 9, ["有效", "示例"])
    workbook.close()


def write_million_rows(source: Path, target: Path) -> None:
    """`source` with its first sheet declaring A1:XFD1048576 and a cell in the last one."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w",
                                                               zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index("<dimension ref=\"")
                end = text.index("/>", start) + 2
                text = text[:start] + '<dimension ref="A1:XFD1048576"/>' + text[end:]
                text = text.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576">'
                                                    "<v>1</v></c></row></sheetData>")
                data = text.encode()
            copy.writestr(item, data)


def timed(command: list[str], cwd: Path) -> tuple[float, float, int | None, int, str]:
    """Wall seconds, CPU seconds (user + system of the child), peak RSS in MB (where
    /usr/bin/time is there), exit code, and what the command printed."""
    wrapper = ["/usr/bin/time", "-f", "peak %M"] if Path("/usr/bin/time").exists() else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([*wrapper, *command], cwd=cwd, capture_output=True, text=True,
                          check=False, env={**os.environ, "COLUMNS": "120"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = done.stderr.strip().splitlines()
    peak = None
    if wrapper and lines and lines[-1].startswith("peak "):
        peak = int(lines.pop()[5:]) // 1024
    return wall, cpu, peak, done.returncode, done.stdout + "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    wuhai = [sys.executable, "-m", "wuhai_green"]
    try:
        import python_calamine  # noqa: F401
        has_calamine = True
    except ImportError:
        has_calamine = False
    results: dict[str, dict[str, object]] = {}
    failed = False
    with tempfile.TemporaryDirectory(prefix="wuhai-sheet-") as folder:
        root = Path(folder)
        register = root / "register.xlsx"
        write_register(register, args.rows)
        cases = {"openpyxl": [sys.executable, "-c", OPENPYXL, str(register)]}
        if has_calamine:
            cases["calamine"] = [sys.executable, "-c", CALAMINE, str(register)]
        cases["import"] = [*wuhai, "import", str(register), "--year", "2025",
                           "--district", "hainan", "--progress", "progress"]
        for name, command in cases.items():
            walls, cpus, peaks = [], [], []
            for _ in range(args.repeat):
                shutil.rmtree(root / "progress", ignore_errors=True)
                wall, cpu, peak, code, output = timed(command, root)
                if code != 0:
                    print(f"{name} failed ({code}):\n{output[-2000:]}", file=sys.stderr)
                    failed = True
                walls.append(wall)
                cpus.append(cpu)
                peaks.append(peak or 0)
            results[name] = {"wall_s": round(statistics.median(walls), 3),
                             "cpu_s": round(statistics.median(cpus), 3),
                             "cpu_min_max": [round(min(cpus), 3), round(max(cpus), 3)],
                             "peak_mb": max(peaks) or None}
        ratio = results["import"]["cpu_s"] / results["openpyxl"]["cpu_s"]  # type: ignore[operator]
        wall_ratio = results["import"]["wall_s"] / results["openpyxl"]["wall_s"]  # type: ignore[operator]
        results["ratio"] = {"import_over_openpyxl_cpu": round(ratio, 2),
                            "import_over_openpyxl_wall": round(wall_ratio, 2),
                            "target": TARGET_RATIO, "met": ratio <= TARGET_RATIO}
        million = root / "million.xlsx"
        write_million_rows(register, million)
        hostile = {"import": [*wuhai, "import", str(million), "--year", "2025", "--district",
                              "hainan", "--progress", "progress"]}
        if has_calamine:
            hostile["calamine"] = [sys.executable, "-c", CALAMINE, str(million)]
        for name, command in hostile.items():
            wall, cpu, peak, code, output = timed(command, root)
            said = output.strip().splitlines()
            results[f"million_rows_{name}"] = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                                              "peak_mb": peak, "exit_code": code,
                                              "said": said[-1][:160] if said else ""}
        for case, (make, _, _) in sorted(HOSTILE.items()):
            folder = root / f"hostile-{case}"
            folder.mkdir()
            path = make(folder)
            wall, cpu, peak, code, output = timed(
                [*wuhai, "import", path.name, "--year", "2025", "--district", "hainan",
                 "--progress", "progress"], folder)
            results[f"hostile_{case}"] = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                                          "peak_mb": peak, "exit_code": code}
            failed |= code != 2
    print(f"{args.rows} rows, {args.repeat} runs each (medians; the target is on CPU time)")
    for name, found in results.items():
        print(f"  {name:24} {found}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
