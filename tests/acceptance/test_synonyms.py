"""Chinese words for certificate types and activity kinds (issue 10 §2): staff may type
绿色食品 or 培训; the register keeps the codes, the figures are the same."""

from __future__ import annotations

from pathlib import Path

from tests.harness import load, write, wuhai_on

IN_CODES = """\
    year: 2025
    district: 海南区
    certificates:
      - id: LB-1
        type: green_food
        product: 鸡蛋
        holder: 某合作社
        output_tonnes: 120
        issued: 2025-06-15
      - id: OR-1
        type: organic
        product: 鸡蛋
        holder: 某合作社
        output_tonnes: 5
        issued: 2025-03-01
      - id: MT-1
        type: famous_product
        product: 海南区鸡蛋
        holder: 某合作社
        issued: 2025-10-10
    activities:
      - type: training
        date: 2025-05-20
        expert: 郝贵宾
      - type: expo
        date: 2025-08-01
        title: 农博会
    """
IN_WORDS = (IN_CODES.replace("type: green_food", "type: 绿色食品")
            .replace("type: organic", "type: 有机农产品")
            .replace("type: famous_product", "type: 名特优新")
            .replace("type: training", "type: 培训").replace("type: expo", "type: 展会"))


def test_chinese_words_give_the_register_and_figures_of_the_codes(tmp_path: Path) -> None:
    write(tmp_path / "codes", "2025-hainan.yaml", IN_CODES)
    write(tmp_path / "words", "2025-hainan.yaml", IN_WORDS)
    _, by_code = load(tmp_path / "codes")
    _, by_word = load(tmp_path / "words")
    assert [(r.id, r.type) for r in by_word.certificates] == [
        (r.id, r.type) for r in by_code.certificates] == [
        ("LB-1", "green_food"), ("OR-1", "organic"), ("MT-1", "famous_product")]
    assert [str(a.entry.type) for a in by_word.activities] == ["training", "expo"]
    status = [wuhai_on("status", tmp_path / name, "--year", "2025", "--format", "json").json()
              for name in ("codes", "words")]
    assert status[0] == status[1]


def test_an_unknown_word_suggests_the_nearest_kind_in_both_scripts(tmp_path: Path) -> None:
    write(tmp_path / "p", "2025-hainan.yaml", IN_WORDS.replace("type: 培训", "type: 培训会"))
    run = wuhai_on("validate", tmp_path / "p")
    assert run.exit_code == 2
    assert run.stderr.splitlines()[0].endswith(
        "p/2025-hainan.yaml:22:11: 未知的活动类型“培训会”；是否应为“培训”（training）？可用：brand_plan, "
        "expo, agreement, meng_label, brand, exchange_meeting, evaluation_fair, publicity, "
        "training, sampling")
    write(tmp_path / "q", "2025-hainan.yaml", IN_CODES.replace("type: green_food", "type: 绿色产品"))
    run = wuhai_on("validate", tmp_path / "q", "--lang", "en")
    assert run.stderr.strip().endswith(
        "q/2025-hainan.yaml:5:11: unknown certificate type '绿色产品'; did you mean green_food "
        "(绿色食品)? Expected one of: green_food, organic, famous_product")
