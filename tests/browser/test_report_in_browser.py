"""The yearly HTML report in a real browser: headless Chromium, driven by Playwright.

Playwright cannot download its own browsers here; the tests drive Debian's Chromium
(`scripts/install-browser` installs it and a Chinese font; `.ci/run` runs that script, so
CI runs these tests). `$WUHAI_BROWSER` names another Chromium. Without a browser or without
Playwright the module is skipped with one line that says how to get them, unless
`$WUHAI_BROWSER_TESTS` is `required` (as `.ci/run` sets it): then a missing browser fails.

What a leader printing the report would notice: a request leaving the file, an error in
the console, a missing section, a table or chart wider than an A4 page, too many pages, a
date or id broken across two lines, a box where a Chinese character should be, a colour
without its legend.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.harness import DEMO, freeze_today, wuhai_on
from wuhai_green.show.charts import CJK_FONTS

CANDIDATES = ("chromium-headless-shell", "/usr/lib/chromium/chromium-headless-shell",
              "chromium", "/usr/lib/chromium/chromium")
INSTALL_HINT = "run scripts/install-browser (Debian: chromium-headless-shell, fonts-wqy-zenhei)"


def find_browser() -> str | None:
    named = os.environ.get("WUHAI_BROWSER")
    for candidate in ([named] if named else CANDIDATES):
        found = shutil.which(candidate)
        if found:
            return found
    return None


def _unavailable() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    if find_browser() is None:
        return f"no headless Chromium found: {INSTALL_HINT}"
    return None


REQUIRED = os.environ.get("WUHAI_BROWSER_TESTS") == "required"
_REASON = _unavailable()
if _REASON is not None:
    if REQUIRED:
        raise RuntimeError(f"browser tests required, but {_REASON}")
    pytest.skip(f"browser tests skipped: {_REASON}", allow_module_level=True)


def chinese_font_installed() -> bool:
    """Whether fontconfig knows a font with Chinese (what Chromium on Linux draws with)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    listed = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True,
                            check=False)
    return bool(listed.stdout.strip())


needs_chinese_font = pytest.mark.skipif(
    not REQUIRED and not chinese_font_installed(),
    reason=f"no Chinese font installed: {INSTALL_HINT}")

from playwright.sync_api import (  # noqa: E402
    Browser,
    Page,
    Playwright,
    ViewportSize,
    sync_playwright,
)

A4_PRINTABLE_PX = 186 * 96 / 25.4  # 210 mm less the report's 12 mm margins, in CSS pixels
SECTIONS = {
    "zh": ["1. 进度报告报送情况", "2. 完成情况", "3. 差距与剩余任务", "4. 2026 年任务调整",
           "5. 2026 年底前到期需续展的证书", "6. 主要任务与保障措施", "7. 图表"],
    "en": ["1. Who has reported", "2. Status", "3. Gaps and what remains",
           "4. Adjusted targets for 2026", "5. Renewals due by the end of 2026",
           "6. Tasks and measures", "7. Charts"],
}
DISTRICTS = {"zh": ["乌海市", "海勃湾区", "海南区", "乌达区"],
             "en": ["Wuhai City", "Haibowan District", "Hainan District", "Wuda District"]}
PAGES = {"zh": range(4, 8), "en": range(4, 9)}  # A4 pages the demo report prints on


# As root there is no sandbox; nothing may reach for the network (there is none).
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=find_browser(), args=FLAGS)
    yield launched
    launched.close()


@pytest.fixture(scope="module", params=["zh", "en"])
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[str, Path]:
    """(lang, the 2025 HTML report of the demo data as a file), made once per language."""
    lang: str = request.param
    with pytest.MonkeyPatch.context() as patch:
        freeze_today(patch, date(2026, 11, 30))
        run = wuhai_on("report", DEMO, "--year", "2025", "--as-of", "2025-12-31",
                       "--format", "html", "--lang", lang)
    assert (run.exit_code, run.stderr) == (0, ""), run.stderr
    path = tmp_path_factory.mktemp(f"report-{lang}") / "report.html"
    path.write_text(run.stdout, encoding="utf-8")
    return lang, path


class Opened:
    """A page with the report open, and what it asked for and said on the way."""

    def __init__(self, page: Page, requests: list[str], console: list[str]) -> None:
        self.page = page
        self.requests = requests
        self.console = console


SCREEN: ViewportSize = {"width": 794, "height": 1123}  # A4 at 96 dpi


@pytest.fixture(scope="module")
def loaded(browser: Browser, report: tuple[str, Path]) -> Iterator[Opened]:
    """The report opened once per language; the tests only read it."""
    _, path = report
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    requests: list[str] = []
    console: list[str] = []

    def route(route: Any) -> None:
        requests.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()  # never reaches the network, but is recorded

    page.route("**/*", route)
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    yield Opened(page, requests, console)
    context.close()


@pytest.fixture
def opened(loaded: Opened) -> Opened:
    """The opened report, on screen at the width of an A4 page."""
    loaded.page.emulate_media(media="screen")
    loaded.page.set_viewport_size(SCREEN)
    return loaded


def test_nothing_is_fetched_but_the_file_itself(opened: Opened, report: tuple[str, Path]) -> None:
    assert opened.requests == [report[1].as_uri()]


def test_the_console_stays_quiet(opened: Opened) -> None:
    assert opened.console == []


def test_every_section_is_there_in_order(opened: Opened, report: tuple[str, Path]) -> None:
    lang, _ = report
    page = opened.page
    assert page.locator("h2").all_inner_texts() == SECTIONS[lang]
    sizes = page.eval_on_selector_all(
        "figure", "figures => figures.map(f => { const svg = f.querySelector('svg'); "
        "const box = svg.getBoundingClientRect(); return [box.width > 300, box.height > 100]; })")
    assert sizes == [[True, True]] * 5  # five charts, each drawn at a readable size
    tables = page.eval_on_selector_all("section", "sections => sections.map("
                                       "s => s.querySelectorAll('table').length)")
    assert tables == [1, 3, 2, 3, 1, 6, 0]


# --- A4 ------------------------------------------------------------------------------------------

WIDEST = """() => {
  const limit = document.documentElement.clientWidth + 0.5;
  const wide = [];
  for (const element of document.querySelectorAll('table, figure, svg, h1, h2, h3, p, ul')) {
    const box = element.getBoundingClientRect();
    if (box.right > limit || element.scrollWidth > element.clientWidth + 1 && element.tagName !== 'svg')
      wide.push(`${element.tagName} ${Math.round(box.right)} > ${Math.round(limit)}: ` +
                element.textContent.slice(0, 40));
  }
  return {wide, page: document.documentElement.scrollWidth};
}"""


def test_no_table_or_chart_is_wider_than_an_a4_page(opened: Opened) -> None:
    page = opened.page
    page.emulate_media(media="print")
    page.set_viewport_size({"width": int(A4_PRINTABLE_PX), "height": 1000})
    found = page.evaluate(WIDEST)
    assert found["wide"] == []
    assert found["page"] <= int(A4_PRINTABLE_PX)


def test_it_prints_on_a_few_a4_pages(opened: Opened, report: tuple[str, Path]) -> None:
    lang, _ = report
    pdf = opened.page.pdf(format="A4")
    counts = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf) or re.findall(
        rb"/Count\s+(\d+)", pdf)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert [int(count) for count in counts][:1] == [pages]
    assert pages in PAGES[lang]


# --- values on one line ----------------------------------------------------------------------

# Every date, id, number, range and name in the report's text: each must sit on one line.
BROKEN = r"""(names) => {
  const kinds = [/\d{4}-\d{2}-\d{2}/g, /[A-Z]{2,}(?:-[A-Z0-9]+)+/g, /\d[\d,]*(?:\.\d+)?%?/g,
                 /\d+(?:\.\d+)?[–-]\d+(?:\.\d+)?/g];
  const escaped = names.map(name => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (escaped.length) kinds.push(new RegExp(escaped.join('|'), 'g'));
  const broken = [];
  let checked = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('svg, style, title')) continue;
    for (const kind of kinds) {
      for (const match of node.data.matchAll(kind)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                                         .map(r => Math.round(r.top)));
        checked += 1;
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  // a cell of a column that never wraps keeps all of its text on one line
  for (const cell of document.querySelectorAll('td:not(.wrap)')) {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                                     .map(r => Math.round(r.top)));
    checked += 1;
    if (tops.size > 1) broken.push('cell: ' + cell.textContent);
  }
  return {broken, checked};
}"""


def broken_values(page: Page, names: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate(BROKEN, names)
    return found


@pytest.mark.parametrize("width", [794, int(A4_PRINTABLE_PX), 560])
def test_no_value_is_broken_across_lines(opened: Opened, report: tuple[str, Path],
                                         width: int) -> None:
    """On screen, as printed, and in a narrow window."""
    lang, _ = report
    page = opened.page
    page.emulate_media(media="print" if width == int(A4_PRINTABLE_PX) else "screen")
    page.set_viewport_size({"width": width, "height": 1000})
    found = broken_values(page, DISTRICTS[lang])
    assert found["broken"] == []
    assert found["checked"] > 400


def test_the_line_check_sees_a_broken_date(browser: Browser) -> None:
    """The check above, on a cell too narrow for its date and id: it finds both."""
    page = browser.new_page()
    page.set_content('<table><tr><td class="wrap" style="width: 3em; word-break: break-all">'
                     "2027-02-09 LB-18-2506150123A 海勃湾区</td></tr></table>")
    broken = broken_values(page, ["海勃湾区"])["broken"]
    assert {"2027-02-09", "LB-18-2506150123A", "海勃湾区"} <= set(broken)
    page.close()


# --- Chinese glyphs --------------------------------------------------------------------------

# Each character of the page drawn on a canvas in the page's own fonts, against a character
# no font has (U+0378, unassigned): a character drawn exactly like it is a missing glyph.
MISSING_GLYPHS = """(characters) => {
  const canvas = document.createElement('canvas');
  canvas.width = 40; canvas.height = 40;
  const context = canvas.getContext('2d', {willReadFrequently: true});
  const font = getComputedStyle(document.body).fontFamily;
  const draw = (text, family) => {
    context.clearRect(0, 0, 40, 40);
    context.font = `28px ${family}`;
    context.fillStyle = '#000';
    context.fillText(text, 4, 32);
    return context.getImageData(0, 0, 40, 40).data.join(',');
  };
  const box = draw('\\u0378', font);
  return {missing: characters.filter(c => draw(c, font) === box), font};
}"""


def missing_glyphs(page: Page, characters: list[str]) -> list[str]:
    found: list[str] = page.evaluate(MISSING_GLYPHS, characters)["missing"]
    return found


def page_characters(page: Page) -> list[str]:
    text: str = page.evaluate("() => document.body.innerText + "
                              "[...document.querySelectorAll('svg text')].map(t => "
                              "t.textContent).join('')")
    return sorted({char for char in text if not char.isspace()})


@needs_chinese_font
def test_every_character_has_its_glyph(opened: Opened, report: tuple[str, Path]) -> None:
    lang, _ = report
    characters = page_characters(opened.page)
    chinese = [char for char in characters if "\u4e00" <= char <= "\u9fff"]
    assert len(chinese) > (150 if lang == "zh" else 0)
    assert missing_glyphs(opened.page, characters) == []


@needs_chinese_font
def test_the_glyph_check_sees_a_box(opened: Opened) -> None:
    """The check above finds the box of a character no font has, and not the others."""
    assert missing_glyphs(opened.page, ["\u0378", "乌", "A", "\u0379"]) == ["\u0378", "\u0379"]


def test_without_a_chinese_font_the_glyph_check_finds_the_boxes(
        playwright: Playwright, report: tuple[str, Path], tmp_path: Path) -> None:
    """The report's first defect: a machine with no Chinese font draws every Chinese
    character as a box. A browser that sees only matplotlib's DejaVu fonts shows it, and
    the check finds every one."""
    import matplotlib

    _, path = report
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
        f"<dir>{Path(matplotlib.get_data_path()) / 'fonts' / 'ttf'}</dir>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n", encoding="utf-8")
    bare = playwright.chromium.launch(executable_path=find_browser(), args=FLAGS,
                                      env={**os.environ, "FONTCONFIG_FILE": str(config)})
    page = bare.new_page()
    page.goto(path.as_uri())
    characters = page_characters(page)
    chinese = [char for char in characters if "\u4e00" <= char <= "\u9fff"]
    missing = missing_glyphs(page, characters)
    bare.close()
    assert chinese  # the English report has Chinese too: products and holders
    assert set(chinese) <= set(missing)
    assert "A" not in missing


@needs_chinese_font
def test_chinese_is_drawn_in_a_chinese_font_of_the_stack(opened: Opened,
                                                         report: tuple[str, Path]) -> None:
    """What the browser itself says it used, through the DevTools protocol."""
    lang, _ = report
    page = opened.page
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    used: dict[str, set[str]] = {}
    for selector in ("h1", "td", "figcaption", "li"):
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        used[selector] = {font["familyName"] for font in fonts if font["glyphCount"] > 0}
    session.detach()
    if lang == "zh":
        assert all(names & set(CJK_FONTS) for names in used.values()), used


def test_the_stylesheet_names_a_chinese_font_for_every_system(opened: Opened) -> None:
    family: str = opened.page.evaluate("() => getComputedStyle(document.body).fontFamily")
    for font in ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei"):
        assert f'"{font}"' in family


# --- colours -----------------------------------------------------------------------------------

COLOURS = """() => {
  const found = [];
  for (const table of document.querySelectorAll('table')) {
    const legend = table.nextElementSibling && table.nextElementSibling.matches('p.legend')
      ? table.nextElementSibling : null;
    const keys = legend ? [...legend.querySelectorAll('.key > span')]
                            .map(s => getComputedStyle(s).color) : [];
    for (const cell of table.querySelectorAll('td[class]')) {
      const colour = getComputedStyle(cell).color;
      const plain = getComputedStyle(table).color;
      if (colour !== plain) found.push([cell.textContent, colour, keys.includes(colour)]);
    }
  }
  return found;
}"""


def test_every_coloured_value_has_its_colour_in_the_legend_under_its_table(
        opened: Opened) -> None:
    found = opened.page.evaluate(COLOURS)
    assert len(found) > 20
    assert [entry for entry in found if not entry[2]] == []
    assert len({entry[1] for entry in found}) == 3  # green, amber and red are there
