"""`wuhai report`: one document a year, in markdown or as one self-contained HTML file.

The sections (i18n `report.*`): who has reported, status, gaps, the adjustment for next
year, renewals due (one table of them), the tasks checklist and, in HTML, five inline SVG
charts (per indicator the city's and the districts' target, achieved and projection; the
goals' stock against their bands). The HTML must print on A4 and fetch nothing: no script,
no external reference. How it looks in a real browser: tests/browser/.
"""

from __future__ import annotations

import html
import re
import sys
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.harness import DEMO, PLAN, freeze_today, wuhai, wuhai_on

pytestmark = pytest.mark.usefixtures("workdir")  # -o FILE writes into the test's own folder

SECTIONS = {
    "zh": ["进度报告报送情况", "完成情况", "差距与剩余任务", "2026 年任务调整",
           "2026 年底前到期需续展的证书", "主要任务与保障措施", "图表"],
    "en": ["Who has reported", "Status", "Gaps and what remains", "Adjusted targets for 2026",
           "Renewals due by the end of 2026", "Tasks and measures", "Charts"],
}
TITLE = {"zh": "乌海市绿色有机品牌建设 2025 年度报告",
         "en": "Wuhai City green and organic brands: report 2025"}
CHART_TITLES = {
    "zh": ["乌海市新增绿色有机食品认证：累计目标、完成与预测",
           "各区新增绿色有机食品认证：累计目标、完成与预测（纵轴相同）",
           "乌海市新增名特优新农产品：累计目标、完成与预测",
           "各区新增名特优新农产品：累计目标、完成与预测（纵轴相同）",
           "乌海市建设目标：有效证书存量与目标区间"],
    "en": ["Wuhai City, Newly certified green and organic food output: cumulative target, "
           "achieved and projection",
           "Newly certified green and organic food output by district: cumulative target, "
           "achieved and projection (one scale)",
           "Wuhai City, Newly listed famous, special, quality and new products: cumulative "
           "target, achieved and projection",
           "Newly listed famous, special, quality and new products by district: cumulative "
           "target, achieved and projection (one scale)",
           "Wuhai City goals: certificates in force against the goal bands"],
}
DISTRICTS = {"zh": ["海勃湾区", "海南区", "乌达区"],
             "en": ["Haibowan District", "Hainan District", "Wuda District"]}
LEGEND = {"zh": ["累计目标", "节点年之间的插值", "已完成", "按至今进度预测"],
          "en": ["cumulative target", "interpolated between milestones", "achieved",
                 "projection at the pace so far"]}
GOAL_LEGEND = {"zh": ["目标区间", "有效存量", "到期证书都不续展时"],
               "en": ["goal band", "in force", "if the lapses due are not renewed"]}
CJK = re.compile(r"[\u4e00-\u9fff]")
NO_MATPLOTLIB = {
    "zh": "警告: 生成图表需要 matplotlib：请安装 pip install 'wuhai-green[report]'，或加 --no-charts\n",
    "en": "warning: charts need matplotlib: pip install 'wuhai-green[report]', or add --no-charts\n",
}
CHART_MISSING = {
    "zh": "此处应有图表。生成图表需要 matplotlib：请安装 pip install 'wuhai-green[report]' 后重新生成报告",
    "en": "A chart belongs here. Drawing it needs matplotlib: pip install 'wuhai-green[report]', "
          "then make the report again",
}
TODAY = date(2026, 11, 30)  # the day "who has reported" is taken on


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    freeze_today(monkeypatch, TODAY)


def demo_report(lang: str, fmt: str) -> str:
    """The 2025 report of the demo data, as of its last day and made on TODAY."""
    with pytest.MonkeyPatch.context() as patch:
        freeze_today(patch, TODAY)
        run = wuhai_on("report", DEMO, "--year", "2025", "--as-of", "2025-12-31",
                       "--format", fmt, "--lang", lang)
    assert (run.exit_code, run.stderr) == (0, ""), run.stderr
    return run.stdout


@pytest.fixture(scope="module", params=["zh", "en"])
def html_report(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(lang, the 2025 HTML report of the demo data), drawn once per language."""
    lang: str = request.param
    return lang, demo_report(lang, "html")


@pytest.fixture(scope="module", params=["zh", "en"])
def markdown_report(request: pytest.FixtureRequest) -> tuple[str, str]:
    lang: str = request.param
    return lang, demo_report(lang, "markdown")


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
    assert parsed.counts["section"] == 7
    assert parsed.counts["figure"] == parsed.counts["svg"] == parsed.counts["figcaption"] == 5
    assert parsed.counts["table"] == parsed.counts["thead"] == parsed.counts["tbody"]
    assert parsed.counts["table"] >= 10


def test_html_has_every_section_in_order(html_report: tuple[str, str]) -> None:
    lang, document = html_report
    assert f"<title>{TITLE[lang]}</title>" in document
    assert f"<h1>{TITLE[lang]}</h1>" in document
    headings = re.findall(r"<h2>(.*?)</h2>", document)
    assert headings == [f"{number}. {title}" for number, title
                        in enumerate(SECTIONS[lang], start=1)]


def figure_captions(document: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", caption)
            for caption in re.findall(r"<figcaption>(.*?)</figcaption>", document)]


def test_html_has_five_inline_svg_charts_with_text_in_the_language(
        html_report: tuple[str, str]) -> None:
    lang, document = html_report
    svgs = inline_svgs(document)
    assert len(svgs) == 5
    assert document.count("</figcaption><svg") == 5
    charts_section = document[document.index(f"<h2>7. {SECTIONS[lang][6]}</h2>"):]
    assert all(svg in charts_section for svg in svgs)
    assert figure_captions(document) == CHART_TITLES[lang]
    city_certified, districts_certified, city_famous, districts_famous, goals = [
        svg_texts(svg) for svg in svgs]  # each parses as XML
    years = [str(year) for year in range(2023, 2029)]
    for texts in (city_certified, city_famous):
        assert [text for text in texts if re.fullmatch(r"20\d\d", text)] == years
        assert texts[-4:] == LEGEND[lang]  # the legend names target, interpolated, achieved,
        # projection, in that order
    for texts in (districts_certified, districts_famous):
        assert [text for text in texts if re.fullmatch(r"20\d\d", text)] == years * 3
        assert [text for text in texts if text in DISTRICTS[lang]] == DISTRICTS[lang]
        assert texts[-4:] == LEGEND[lang]  # one legend for the three panels
    assert goals[-3:] == GOAL_LEGEND[lang]
    unit = "吨" if lang == "zh" else "t"
    assert unit in city_certified and unit in districts_certified and unit in goals
    every_text = "".join(text for svg in svgs for text in svg_texts(svg))
    if lang == "zh":
        assert CJK.search(every_text)
        # a long title on two lines, broken between Chinese characters, not inside 2500
        assert "全市绿色食品产量稳定在2500吨左右" not in goals
        assert "全市绿色食品产量稳定在2500吨左右" in "".join(goals)
        assert any(text.endswith("2500吨") for text in goals)
    else:
        assert not CJK.search(every_text), every_text


def test_no_chart_text_is_turned_sideways(html_report: tuple[str, str]) -> None:
    """Units stand upright above the axis; no tick label is slanted."""
    _, document = html_report
    angles = {float(angle) for svg in inline_svgs(document)
              for element in ET.fromstring(svg).iter()
              if element.tag == "{http://www.w3.org/2000/svg}text"
              for angle in re.findall(r"rotate\((-?[\d.]+)", element.get("transform", ""))}
    assert angles == {0.0}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_notes_say_what_the_projection_is_and_what_lapses(lang: str) -> None:
    document = demo_report(lang, "html")
    notes = [re.sub(r"<[^>]+>", "", note) for figure in re.findall(r"<figure>.*?</figure>",
                                                                   document, flags=re.DOTALL)
             for note in re.findall(r"<li>(.*?)</li>", figure)]
    if lang == "zh":
        projection = ("预测：按规划期开始至 2025-12-31 的进度推算到 2028 年"
                      "（累计完成 × 到该年年底的天数 ÷ 已过天数）")
        assert notes == [projection, projection,
                         "全市绿色食品产量稳定在2500吨左右：2028 年底前有 7 张证书（335 吨）到期且尚无"
                         "续展记录，最早 2026-07-19 到期（OR-DEMO-HBW-2401）",
                         "名特优新农产品数量增加到23个以上：2028 年底前有 5 张证书到期且尚无续展记录，"
                         "最早 2027-05-31 到期（MT-DEMO-HN-2401）",
                         "有机农产品认证保持在5个左右：2028 年底前有 1 张证书到期且尚无续展记录，"
                         "最早 2026-07-19 到期（OR-DEMO-HBW-2401）"]
    else:
        assert notes[2] == ("Certified green food output stable at about 2500 t: 7 certificates "
                            "(335 t) lapse before the end of 2028 with no renewal on file, the "
                            "first on 2026-07-19 (OR-DEMO-HBW-2401)")
        assert notes[3] == ("At least 23 famous, special, quality and new products: 5 "
                            "certificates lapse before the end of 2028 with no renewal on file, "
                            "the first on 2027-05-31 (MT-DEMO-HN-2401)")


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


def test_every_colour_of_a_table_has_its_legend(html_report: tuple[str, str]) -> None:
    """Under each table, one legend entry for each colour its cells use, and no other."""
    lang, document = html_report
    tables = re.findall(r"<table>(.*?)</table>\n?(<p class=\"legend\">.*?</p>)?", document,
                        flags=re.DOTALL)
    assert len(tables) == 16  # 1 + 3 + 2 + 3 + 1 + 6, section by section
    coloured = 0
    for table, legend in tables:
        used = set(re.findall(r'<td class="(?:num )?(?:wrap )?([a-z_]+)"', table)) - {"num", "wrap"}
        explained = re.findall(r'<span class="([a-z_]+)">■</span>', legend)
        assert sorted(used) == sorted(explained), (used, legend)
        coloured += bool(used)
    assert coloured >= 8
    amber = "调整后目标高于方案目标" if lang == "zh" else "adjusted above the plan's target"
    assert f'<span class="at_risk">■</span> {html.escape(amber)}</span>' in document


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
                        in enumerate(SECTIONS[lang][:6], start=1)]
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


REPORTING_MD = {
    "zh": """\
1. 进度报告报送情况

### 2024–2025 年各区进度报告

| 地区 | 2024 | 2025 |
|---|---|---|
| 海勃湾区 | 已报送 | 已报送 |
| 海南区 | 已报送 | 已报送 |
| 乌达区 | 已报送 | 已报送 |

- 截至 2026-11-30，各区已到期的进度报告均已报送

""",
    "en": """\
1. Who has reported

### Progress reports by district, 2024–2025

| area | 2024 | 2025 |
|---|---|---|
| Haibowan District | reported | reported |
| Hainan District | reported | reported |
| Wuda District | reported | reported |

- As of 2026-11-30, every district has sent every report due

""",
}


def without_table(markdown: str, title: str) -> str:
    """The markdown of a page without one of its tables (its title, rows, blank line)."""
    return re.sub(rf"### {re.escape(title)}\n\n(\|.*\n)+\n", "", markdown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_holds_the_tables_of_the_other_commands(lang: str) -> None:
    """Each section is the markdown the matching command prints for the same data; the
    adjustment's certificates to renew are left to the renewals section (one table)."""
    report = wuhai_on("report", DEMO, "--year", "2025", "--as-of", "2025-12-31", "--lang", lang).stdout
    parts = {
        "status": ("status", "--year", "2025", "--as-of", "2025-12-31"),
        "gap": ("gap", "--year", "2025", "--as-of", "2025-12-31"),
        "adjust": ("adjust", "--year", "2026"),
        "renewals": ("expiring", "--as-of", "2026-01-01", "--within", "365d"),
        "tasks": ("tasks", "--year", "2025"),
    }
    sections = report.split("\n## ")[1:]
    assert len(sections) == len(parts) + 1
    assert sections[0] == REPORTING_MD[lang]
    renewals_title = "到期需续展的证书" if lang == "zh" else "Certificates to renew"
    for section, (name, args) in zip(sections[1:], parts.items(), strict=True):
        run = wuhai_on(args[0], DEMO, *args[1:], "--format", "markdown", "--lang", lang)
        assert run.exit_code == 0, name
        expected = without_table(run.stdout, renewals_title) if name == "adjust" else run.stdout
        assert expected in section, name
        assert section.count(f"### {renewals_title}") == (name == "renewals"), name


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
    ("zh", "## 4. 2029 年任务调整", "方案已于 2028 年结束，无需调整"),
    ("en", "## 4. Adjusted targets for 2029", "The plan ended in 2028: nothing to adjust"),
])
def test_the_last_year_of_the_plan_has_nothing_to_adjust(lang: str, heading: str,
                                                         sentence: str) -> None:
    run = wuhai_on("report", DEMO, "--year", "2028", "--as-of", "2028-12-31", "--lang", lang)
    assert (run.exit_code, run.stderr) == (0, "")
    lines = run.stdout.splitlines()
    start = lines.index(heading)
    following = lines[start + 1:lines.index("## 5. " + ("2029 年底前到期需续展的证书"
                                                       if lang == "zh" else
                                                       "Renewals due by the end of 2029"))]
    assert [line for line in following if line] == [sentence]


def test_the_last_year_in_html(tmp_path: Path) -> None:
    exit_code, _, stderr = wuhai_on("report", DEMO, "--year", "2028", "--as-of", "2028-12-31",
                                    "--format", "html", "--no-charts", "-o", "2028.html")
    assert (exit_code, stderr) == (0, "")
    document = (tmp_path / "2028.html").read_text(encoding="utf-8")
    assert "<h2>4. 2029 年任务调整</h2>\n<p>方案已于 2028 年结束，无需调整</p>" in document
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
        f"{number}. {title}" for number, title in enumerate(SECTIONS["zh"][:6], start=1)]
    parsed = structure(stdout)
    assert (parsed.mismatches, parsed.stack) == ([], [])


def test_without_matplotlib_the_html_is_written_with_a_note_for_each_chart(
        html_report: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exit 0 and a warning: the report is there, each chart's place says what to install."""
    lang, with_charts = html_report
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` fails
    exit_code, stdout, stderr = wuhai_on("report", DEMO, "--year", "2025", "--as-of",
                                         "2025-12-31", "--format", "html", "--lang", lang,
                                         "-o", "report.html")
    assert exit_code == 0
    assert stdout == ("报告已写入 report.html\n" if lang == "zh"
                      else "report written to report.html\n")
    assert stderr == NO_MATPLOTLIB[lang]
    document = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<svg" not in document
    assert re.findall(r"<h2>(.*?)</h2>", document) == [
        f"{number}. {title}" for number, title in enumerate(SECTIONS[lang], start=1)]
    placeholders = re.findall(r'<div class="no-chart">(.*?)</div>', document)
    assert [html.unescape(re.sub(r"<[^>]+>", "", text)) for text in placeholders] == [
        CHART_MISSING[lang]] * 5
    assert figure_captions(document) == CHART_TITLES[lang]
    parsed = structure(document)
    assert (parsed.mismatches, parsed.stack) == ([], [])
    assert parsed.counts["figure"] == 5
    # everything else is the report with its charts, less the charts
    assert document.split("<h2>7.")[0] == with_charts.split("<h2>7.")[0]


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
  - id: OR-<B>1</B>
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
    assert "<B>" not in document
    assert ('<td>OR-&lt;B&gt;1&lt;/B&gt;</td><td class="wrap">草莓|葡萄</td>'
            '<td class="wrap">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 合作社</td>'
            ) in document
    parsed = structure(document)
    assert (parsed.mismatches, parsed.stack) == ([], [])
    exit_code, markdown, _ = wuhai(*base)
    assert exit_code == 0
    rows = [line for line in markdown.splitlines()
            if line.startswith("| 2025-11-28") and "| 2026-02-28 |" in line]
    assert len(rows) == 1  # in the renewals due (the adjustment for 2026 points there)
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
    assert (exit_code, stderr) == (0, "progress: 警告: 文件夹中没有进度报告（.yaml 或 .yml 文件）\n")
    svgs = inline_svgs(document)
    assert len(svgs) == 5
    assert figure_captions(document)[1] == CHART_TITLES["zh"][1]
    assert [text for text in svg_texts(svgs[1]) if text in DISTRICTS["zh"]] == DISTRICTS["zh"]
    assert "进度报告中还没有证书记录。" in document
    kept = '<span class="nb">{}</span>'.format
    assert (f"<li>截至 {kept('2026-11-30')}，有 3 份已到期的进度报告未报送：{kept('海勃湾区')} "
            f"2024 年、{kept('海南区')} 2024 年、{kept('乌达区')} 2024 年；"
            "本报告的数字中没有这些数据</li>") in document
