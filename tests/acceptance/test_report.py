"""`wuhai report`: one document a year, in markdown or as one self-contained HTML file.

The sections (i18n `report.*`): status, gaps, the adjustment for next year, renewals due,
the tasks checklist and, in HTML, four inline SVG charts. The HTML must print on A4 and
fetch nothing: no script, no external reference.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.harness import DEMO, PLAN, wuhai, wuhai_on

pytestmark = pytest.mark.usefixtures("workdir")  # -o FILE writes into the test's own folder

SECTIONS = {
    "zh": ["完成情况", "差距与剩余任务", "2026 年任务调整", "2026 年底前到期需续展的证书",
           "主要任务与保障措施", "图表"],
    "en": ["Status", "Gaps and what remains", "Adjusted targets for 2026",
           "Renewals due by the end of 2026", "Tasks and measures", "Charts"],
}
TITLE = {"zh": "乌海市绿色有机品牌建设 2025 年度报告",
         "en": "Wuhai City green and organic brands: report 2025"}
CHART_TITLES = {
    "zh": ["乌海市新增绿色有机食品认证：累计目标与完成", "2025 年各区新增绿色有机食品认证",
           "乌海市新增名特优新农产品：累计目标与完成", "2025 年各区新增名特优新农产品"],
    "en": ["Wuhai City, Newly certified green and organic food output: cumulative target and "
           "achieved",
           "Newly certified green and organic food output by district, 2025",
           "Wuhai City, Newly listed famous, special, quality and new products: cumulative "
           "target and achieved",
           "Newly listed famous, special, quality and new products by district, 2025"],
}
DISTRICTS = {"zh": ["海勃湾区", "海南区", "乌达区"],
             "en": ["Haibowan District", "Hainan District", "Wuda District"]}
LEGEND = {"zh": {"累计目标", "已完成"}, "en": {"cumulative target", "achieved"}}
CJK = re.compile(r"[\u4e00-\u9fff]")
NO_MATPLOTLIB = {
    "zh": "生成图表需要 matplotlib：请安装 pip install 'wuhai-green[report]'，或加 --no-charts\n",
    "en": "charts need matplotlib: pip install 'wuhai-green[report]', or add --no-charts\n",
}


@pytest.fixture(scope="module", params=["zh", "en"])
def html_report(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(lang, the 2025 HTML report of the demo data), drawn once per language."""
    lang: str = request.param
    run = wuhai_on("report", DEMO, "--year", "2025", "--as-of", "2025-12-31", "--format", "html",
               "--lang", lang)
    assert (run.exit_code, run.stderr) == (0, ""), run.stderr
    return lang, run.stdout


@pytest.fixture(scope="module", params=["zh", "en"])
def markdown_report(request: pytest.FixtureRequest) -> tuple[str, str]:
    lang: str = request.param
    run = wuhai_on("report", DEMO, "--year", "2025", "--as-of", "2025-12-31", "--format", "markdown",
               "--lang", lang)
    assert (run.exit_code, run.stderr) == (0, ""), run.stderr
    return lang, run.stdout


# --- HTML structure ----------------------------------------------------------------------------

VOID = {"meta", "link", "br", "img", "hr", "input", "col", "area", "base", "embed", "source",
        "track", "wbr", "param"}


class Structure(HTMLParser):
    """Every element closed in order; the attributes of every element, for the reference check."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.mismatches: list[str] = []
        self.counts: dict[str, int] = {}
        self.attributes: list[tuple[str, str, str | None]] = []

    def _seen(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1
        self.attributes += [(tag, name, value) for name, value in attrs]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._seen(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._seen(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.mismatches.append(f"</{tag}> with open {self.stack[-3:]}")


def structure(document: str) -> Structure:
    parser = Structure()
    parser.feed(document)
    parser.close()
    return parser


def inline_svgs(document: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", document, flags=re.DOTALL)


def svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(element.itertext()) for element in root.iter()
            if element.tag == "{http://www.w3.org/2000/svg}text"]


def test_html_elements_are_balanced(html_report: tuple[str, str]) -> None:
    lang, document = html_report
    assert document.startswith("<!DOCTYPE html>\n")
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in document
    parsed = structure(document)
    assert parsed.mismatches == []
    assert parsed.stack == []
    assert parsed.counts["html"] == parsed.counts["head"] == parsed.counts["body"] == 1
    assert parsed.counts["section"] == 6
    assert parsed.counts["figure"] == parsed.counts["svg"] == 4
    assert parsed.counts["table"] == parsed.counts["thead"] == parsed.counts["tbody"]
    assert parsed.counts["table"] >= 10


def test_html_has_every_section_in_order(html_report: tuple[str, str]) -> None:
    lang, document = html_report
    assert f"<title>{TITLE[lang]}</title>" in document
    assert f"<h1>{TITLE[lang]}</h1>" in document
    headings = re.findall(r"<h2>(.*?)</h2>", document)
    assert headings == [f"{number}. {title}" for number, title
                        in enumerate(SECTIONS[lang], start=1)]


def test_html_has_four_inline_svg_charts_with_text_in_the_language(
        html_report: tuple[str, str]) -> None:
    lang, document = html_report
    svgs = inline_svgs(document)
    assert len(svgs) == 4
    assert document.count("<figure><svg") == 4
    charts_section = document[document.index(f"<h2>6. {SECTIONS[lang][5]}</h2>"):]
    assert all(svg in charts_section for svg in svgs)
    for svg, title in zip(svgs, CHART_TITLES[lang], strict=True):
        texts = svg_texts(svg)  # parses as XML
        assert title in texts
        assert LEGEND[lang] <= set(texts)
    over_years, by_district = svg_texts(svgs[0]), svg_texts(svgs[1])
    assert [text for text in over_years if re.fullmatch(r"20\d\d", text)] == [
        str(year) for year in range(2023, 2029)]
    assert set(DISTRICTS[lang]) <= set(by_district)
    unit = "吨" if lang == "zh" else "t"
    assert unit in over_years
    every_text = "".join(text for svg in svgs for text in svg_texts(svg))
    if lang == "zh":
        assert CJK.search(every_text)
    else:
        assert not CJK.search(every_text), every_text


def test_html_is_self_contained(html_report: tuple[str, str]) -> None:
    _, document = html_report
    lowered = document.lower()
    for tag in ("<script", "<link", "<img", "<iframe", "<object", "<embed", "@import"):
        assert tag not in lowered, tag
    assert "src=" not in lowered
    parsed = structure(document)
    references = [(tag, name, value) for tag, name, value in parsed.attributes
                  if name in ("href", "xlink:href", "src", "action", "poster", "data")]
    assert references  # the charts' markers are referenced …
    assert all(value is not None and value.startswith("#") for _, _, value in references), [
        r for r in references if not (r[2] or "").startswith("#")]  # … and only inside the file
    assert all(url.startswith("url(#") for url in re.findall(r"url\([^)]*\)", document))
    # the only http text left: namespace names and matplotlib's RDF metadata, never fetched
    without_namespaces = re.sub(r'\sxmlns(:\w+)?="[^"]*"', "", document)
    without_metadata = re.sub(r"<metadata>.*?</metadata>", "", without_namespaces,
                              flags=re.DOTALL)
    assert "http" not in without_metadata.lower()


def test_html_prints_on_a4(html_report: tuple[str, str]) -> None:
    _, document = html_report
    style = re.search(r"<style>(.*?)</style>", document, flags=re.DOTALL)
    assert style is not None
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", style.group(1))
    assert document.index("<style>") < document.index("</head>")


def test_html_holds_the_status_table(html_report: tuple[str, str]) -> None:
    lang, document = html_report
    hainan, met = ("海南区", "达标") if lang == "zh" else ("Hainan District", "met")
    assert (f'<tr><td>{hainan}</td><td class="num">830</td><td class="num">150</td>'
            f'<td class="num">180</td><td class="num">0</td><td class="num">120%</td>'
            f'<td class="met">{met}</td></tr>') in document


def test_the_same_report_twice_is_the_same_file(html_report: tuple[str, str],
                                                tmp_path: Path) -> None:
    """Reports are kept in git: no date, no random id in the file; -o writes what stdout
    shows."""
    lang, document = html_report
    exit_code, _, stderr = wuhai_on("report", DEMO, "--year", "2025", "--as-of", "2025-12-31",
                                    "--format", "html", "--lang", lang, "-o", "report.html")
    assert (exit_code, stderr) == (0, "")
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == document


# --- markdown ----------------------------------------------------------------------------------


def test_markdown_has_every_section_but_the_charts(markdown_report: tuple[str, str]) -> None:
    lang, document = markdown_report
    assert document.startswith(f"# {TITLE[lang]}\n")
    headings = [line for line in document.splitlines() if line.startswith("## ")]
    assert headings == [f"## {number}. {title}" for number, title
                        in enumerate(SECTIONS[lang][:5], start=1)]
    assert "<svg" not in document


def test_markdown_status_rows(markdown_report: tuple[str, str]) -> None:
    lang, document = markdown_report
    lines = document.splitlines()
    if lang == "zh":
        assert "| 海南区 | 830 | 150 | 180 | 0 | 120% | 达标 |" in lines
        assert "| 海勃湾区 | 1300 | 150 | 80 | 70 | 53.3% | 滞后 |" in lines
        assert "| 乌海市 | 11 | 6 | 5 | 1 | 83.3% | 需加快 |" in lines
    else:
        assert "| Hainan District | 830 | 150 | 180 | 0 | 120% | met |" in lines
        assert "| Haibowan District | 1300 | 150 | 80 | 70 | 53.3% | behind |" in lines


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_holds_the_tables_of_the_other_commands(lang: str) -> None:
    """Each section is the markdown the matching command prints for the same data."""
    report = wuhai_on("report", DEMO, "--year", "2025", "--as-of", "2025-12-31", "--lang", lang).stdout
    parts = {
        "status": ("status", "--year", "2025", "--as-of", "2025-12-31"),
        "gap": ("gap", "--year", "2025", "--as-of", "2025-12-31"),
        "adjust": ("adjust", "--year", "2026"),
        "renewals": ("expiring", "--as-of", "2026-01-01", "--within", "365d"),
        "tasks": ("tasks", "--year", "2025"),
    }
    sections = report.split("\n## ")[1:]
    assert len(sections) == len(parts)
    for section, (name, args) in zip(sections, parts.items(), strict=True):
        run = wuhai_on(args[0], DEMO, *args[1:], "--format", "markdown", "--lang", lang)
        assert run.exit_code == 0, name
        assert run.stdout in section, name


# --- files: -o and --force ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_output_file_is_not_overwritten_without_force(tmp_path: Path,
                                                      fmt: str) -> None:
    target = tmp_path / "report.out"
    target.write_text("keep me\n", encoding="utf-8")
    args = ("--year", "2025", "--format", fmt, "--no-charts", "-o", "report.out")
    exit_code, stdout, stderr = wuhai_on("report", DEMO, *args, "--lang", "en")
    assert (exit_code, stdout) == (2, "")
    assert stderr == "report.out exists already; not overwritten (add --force to replace it)\n"
    assert target.read_text(encoding="utf-8") == "keep me\n"
    exit_code, _, stderr = wuhai_on("report", DEMO, *args)
    assert exit_code == 2
    assert stderr == "report.out 已存在，不会覆盖（确需覆盖请加 --force）\n"

    exit_code, stdout, stderr = wuhai_on("report", DEMO, *args, "--force")
    assert (exit_code, stderr) == (0, "")
    assert stdout == "报告已写入 report.out\n"
    written = target.read_text(encoding="utf-8")
    assert "keep me" not in written
    first = "<!DOCTYPE html>" if fmt == "html" else f"# {TITLE['zh']}"
    assert written.startswith(first)
    assert [path.name for path in tmp_path.iterdir()] == ["report.out"]  # no temporary left


def test_output_to_a_new_file(tmp_path: Path) -> None:
    exit_code, stdout, stderr = wuhai_on("report", DEMO, "--year", "2025", "-o", "new.md",
                                         "--lang", "en")
    assert (exit_code, stderr) == (0, "")
    assert stdout == "report written to new.md\n"
    assert (tmp_path / "new.md").read_text(encoding="utf-8").startswith(f"# {TITLE['en']}\n")


# --- the plan's last year, --no-charts, no matplotlib ----------------------------------------


@pytest.mark.parametrize(("lang", "heading", "sentence"), [
    ("zh", "## 3. 2029 年任务调整", "方案已于 2028 年结束，无需调整"),
    ("en", "## 3. Adjusted targets for 2029", "The plan ended in 2028: nothing to adjust"),
])
def test_the_last_year_of_the_plan_has_nothing_to_adjust(lang: str, heading: str,
                                                         sentence: str) -> None:
    run = wuhai_on("report", DEMO, "--year", "2028", "--as-of", "2028-12-31", "--lang", lang)
    assert (run.exit_code, run.stderr) == (0, "")
    lines = run.stdout.splitlines()
    start = lines.index(heading)
    following = lines[start + 1:lines.index("## 4. " + ("2029 年底前到期需续展的证书"
                                                       if lang == "zh" else
                                                       "Renewals due by the end of 2029"))]
    assert [line for line in following if line] == [sentence]


def test_the_last_year_in_html(tmp_path: Path) -> None:
    exit_code, _, stderr = wuhai_on("report", DEMO, "--year", "2028", "--as-of", "2028-12-31",
                                    "--format", "html", "--no-charts", "-o", "2028.html")
    assert (exit_code, stderr) == (0, "")
    document = (tmp_path / "2028.html").read_text(encoding="utf-8")
    assert "<h2>3. 2029 年任务调整</h2>\n<p>方案已于 2028 年结束，无需调整</p>" in document
    assert "<li>2028 年之前已没有未到的节点年</li>" in document


def test_a_year_outside_the_plan_is_refused() -> None:
    run = wuhai_on("report", DEMO, "--year", "2029", "--lang", "en")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == "year 2029 lies outside the plan's 2024-2028\n"


def test_no_charts_gives_html_without_svg() -> None:
    exit_code, stdout, stderr = wuhai_on("report", DEMO, "--year", "2025", "--format", "html",
                                         "--no-charts")
    assert (exit_code, stderr) == (0, "")
    assert "<svg" not in stdout and "<figure" not in stdout
    assert re.findall(r"<h2>(.*?)</h2>", stdout) == [
        f"{number}. {title}" for number, title in enumerate(SECTIONS["zh"][:5], start=1)]
    parsed = structure(stdout)
    assert (parsed.mismatches, parsed.stack) == ([], [])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_charts_without_matplotlib_ask_for_the_extra(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` fails
    exit_code, stdout, stderr = wuhai_on("report", DEMO, "--year", "2025", "--format", "html",
                                         "--lang", lang, "-o", "report.html")
    assert (exit_code, stdout) == (2, "")
    assert stderr == NO_MATPLOTLIB[lang]
    assert not (tmp_path / "report.html").exists()


def test_without_matplotlib_markdown_and_no_charts_still_work(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    exit_code, stdout, stderr = wuhai_on("report", DEMO, "--year", "2025")
    assert (exit_code, stderr) == (0, "")
    assert "| 海南区 | 830 | 150 | 180 | 0 | 120% | 达标 |" in stdout.splitlines()
    exit_code, stdout, stderr = wuhai_on("report", DEMO, "--year", "2025", "--format", "html",
                                         "--no-charts")
    assert (exit_code, stderr) == (0, "")
    assert stdout.startswith("<!DOCTYPE html>")


# --- text from files stays text ----------------------------------------------------------------


LAPSING = """\
year: 2025
district: 海南区
certificates:
  - id: OR-<b>1</b>
    type: organic
    product: 草莓|葡萄
    holder: <script>alert("x")</script> & 合作社
    output_tonnes: 5
    issued: 2025-03-01
"""


def test_data_is_escaped_in_html_and_markdown(tmp_path: Path) -> None:
    """An organic certificate of 2025-03-01 lapses on 2026-02-28: it is in the renewals tables."""
    (tmp_path / "progress").mkdir()
    (tmp_path / "progress" / "2025.yaml").write_text(LAPSING, encoding="utf-8")
    base = ("report", "--year", "2025", "--plan", PLAN, "--progress", "progress")
    exit_code, document, stderr = wuhai(*base, "--format", "html", "--no-charts")
    assert (exit_code, stderr) == (0, "")
    assert "<script" not in document.lower()
    assert "<b>" not in document
    assert ("<td>OR-&lt;b&gt;1&lt;/b&gt;</td><td>草莓|葡萄</td>"
            "<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 合作社</td>") in document
    parsed = structure(document)
    assert (parsed.mismatches, parsed.stack) == ([], [])
    exit_code, markdown, _ = wuhai(*base)
    assert exit_code == 0
    rows = [line for line in markdown.splitlines()
            if line.startswith("| 2025-11-28") and "| 2026-02-28 |" in line]
    assert len(rows) == 2  # in the adjustment for 2026 and in the renewals due
    for row in rows:
        assert "| 草莓\\|葡萄 |" in row  # the pipe does not split the cell
        assert row.count(" | ") == 7  # 8 cells: apply by, expires, district, type, id, product, …


def test_data_that_looks_like_html_stays_text_in_markdown(
                                                          tmp_path: Path) -> None:
    (tmp_path / "progress").mkdir()
    (tmp_path / "progress" / "2025.yaml").write_text(LAPSING, encoding="utf-8")
    exit_code, markdown, _ = wuhai("report", "--year", "2025", "--plan", PLAN,
                                     "--progress", "progress")
    assert exit_code == 0
    assert "OR-" in markdown
    assert "<b>" not in markdown
    assert "<script" not in markdown


def test_a_report_without_any_data_still_draws_its_charts(tmp_path: Path) -> None:
    """No certificate at all and a blank target (乌达区 2024): gaps in the charts, no error."""
    (tmp_path / "progress").mkdir()
    exit_code, document, stderr = wuhai("report", "--year", "2024", "--format", "html",
                                          "--plan", PLAN, "--progress", "progress")
    assert (exit_code, stderr) == (0, "")
    svgs = inline_svgs(document)
    assert len(svgs) == 4
    assert "2024 年各区新增绿色有机食品认证" in svg_texts(svgs[1])
    assert "进度报告中还没有证书记录。" in document
