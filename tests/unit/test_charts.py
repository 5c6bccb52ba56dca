"""The words of a chart: titles wrapped to fit a panel, never inside a number or a word;
the HTML report's spans that keep a value on one line."""

from __future__ import annotations

import pytest

from wuhai_green.show.charts import text_width, wrapped
from wuhai_green.show.render.to_html import kept


def test_a_chinese_title_breaks_between_characters_not_inside_a_number() -> None:
    """8 pt characters: 11 of them (88 pt) fit 100 pt; "2500" stays with what precedes it."""
    assert wrapped("全市绿色食品产量稳定在2500吨左右", 100, 8) == "全市绿色食品产量稳定在\n2500吨左右"
    assert wrapped("全市绿色食品产量稳定在2500吨左右", 1000, 8) == "全市绿色食品产量稳定在2500吨左右"


def test_an_english_title_breaks_at_spaces() -> None:
    assert wrapped("Certified green food output stable at about 2500 t", 120, 8) == (
        "Certified green food\noutput stable at about\n2500 t")


def test_punctuation_stays_at_the_end_of_its_line() -> None:
    assert wrapped("甲乙丙，丁戊", 32, 8) == "甲乙丙，\n丁戊"


@pytest.mark.parametrize(("text", "points"), [("乌海", 16), ("ab", 9.6), ("乌a", 12.8)])
def test_text_width_counts_a_chinese_character_as_one_em(text: str, points: float) -> None:
    assert text_width(text, 8) == pytest.approx(points)


def test_dates_ids_ranges_and_names_are_kept_whole_and_escaped() -> None:
    span = '<span class="nb">{}</span>'.format
    assert kept("海勃湾区 2026-04-19 前申请（OR-DEMO-HBW-2401），区间 2250–2750 <b>",
                ("海勃湾区", "乌海市")) == (
        f"{span('海勃湾区')} {span('2026-04-19')} 前申请（{span('OR-DEMO-HBW-2401')}），"
        f"区间 {span('2250–2750')} &lt;b&gt;")
    assert kept("Haibowan District: 86.67 t", ("Haibowan District",)) == (
        f"{span('Haibowan District')}: 86.67 t")


def test_only_joined_values_are_kept_and_joiners_at_their_ends_stay_outside() -> None:
    span = '<span class="nb">{}</span>'.format
    assert kept("x 2024- -2025 a-b: 1:30 -- 86.67", ()) == (
        f"x 2024- -2025 {span('a-b')}: {span('1:30')} -- 86.67")
    long_word = "a" * 100_000  # one pass over a long run (a backtracking pattern took minutes)
    assert kept(long_word, ("海勃湾区",)) == long_word
