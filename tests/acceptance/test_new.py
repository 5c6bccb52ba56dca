"""`wuhai new`: a template progress file that validates and is never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import load, read_report, wuhai_on


def test_new_writes_a_template_that_validates(tmp_path: Path) -> None:
    folder = tmp_path / "progress"
    run = wuhai_on("new", folder, "--year", "2026", "--district", "hainan")
    assert run.exit_code == 0, run.stderr
    path = folder / "2026-hainan.yaml"
    assert path.is_file()
    assert str(path) in run.stdout
    assert [p.name for p in folder.iterdir()] == ["2026-hainan.yaml"]  # no temporary file left
    report, problems = read_report(path)
    assert problems == [] and report is not None
    assert (report.data.year, report.data.district) == (2026, "海南区")
    validated = wuhai_on("validate", folder)
    assert validated.exit_code == 0, validated.stderr
    _, register = load(folder)
    assert len(register.files) == 1 and register.certificates == ()


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    assert wuhai_on("new", tmp_path, "--year", "2026", "--district", "hainan").exit_code == 0
    path = tmp_path / "2026-hainan.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# 已填写\n", encoding="utf-8")
    before = path.read_bytes()
    again = wuhai_on("new", tmp_path, "--year", "2026", "--district", "海南区", "--lang", "en")
    assert again.exit_code == 2
    assert f"{path} exists already; not overwritten" in again.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-hainan.yaml"]


@pytest.mark.parametrize(("district", "name"), [("haibowan", "2024-haibowan.yaml"),
                                                ("乌达区", "2024-wuda.yaml")])
def test_new_names_the_file_by_the_alias(tmp_path: Path, district: str, name: str) -> None:
    run = wuhai_on("new", tmp_path, "--year", "2024", "--district", district, "--lang", "en")
    assert run.exit_code == 0, run.stderr
    assert (tmp_path / name).is_file()
    assert wuhai_on("validate", tmp_path).exit_code == 0


def test_new_for_the_baseline_year_validates(tmp_path: Path) -> None:
    assert wuhai_on("new", tmp_path, "--year", "2023", "--district", "wuda").exit_code == 0
    assert wuhai_on("validate", tmp_path).exit_code == 0


KNOWN = "海勃湾区 (haibowan), 海南区 (hainan), 乌达区 (wuda)"


@pytest.mark.parametrize(("args", "message"), [
    (("--year", "2029", "--district", "hainan"), "年份 2029 不在方案期 2023-2028 内"),
    (("--year", "2022", "--district", "hainan"), "年份 2022 不在方案期 2023-2028 内"),
    (("--year", "2026", "--district", "haibei"), f"未知的地区“haibei”；应为：{KNOWN}"),
    (("--year", "2026", "--district", "乌海市"),
     f"“乌海市”由几个区组成，不是一个区：进度文件按区填写；应为：{KNOWN}"),
])
def test_new_refuses_bad_usage_and_writes_nothing(tmp_path: Path, args: tuple[str, ...],
                                                  message: str) -> None:
    run = wuhai_on("new", tmp_path / "progress", *args)
    assert (run.exit_code, run.stderr) == (2, message + "\n")
    assert not (tmp_path / "progress").exists() or not any((tmp_path / "progress").iterdir())


def test_the_uncommented_examples_form_a_valid_report(tmp_path: Path) -> None:
    """Taking the `# ` off the example lines gives a report that validates: one certificate
    (issued 2026-06-15, expiring 2029-06-14 as the default would), ended on 2026-09-01."""
    folder = tmp_path / "progress"
    assert wuhai_on("new", folder, "--year", "2026", "--district", "hainan").exit_code == 0
    path = folder / "2026-hainan.yaml"
    text = path.read_text(encoding="utf-8")
    uncommented = "\n".join(line[1:] if line.startswith(("#  - ", "#    ")) else line
                            for line in text.splitlines())
    path.write_text(uncommented + "\n", encoding="utf-8")
    run = wuhai_on("validate", folder, "--lang", "en")
    assert run.exit_code == 0, run.stderr
    assert "1 progress files, 1 certificate records" in run.stdout
    assert "expires: 2029-06-14" in uncommented


def test_the_template_shows_every_activity_kind_and_each_types_validity(tmp_path: Path) -> None:
    """Every kind of the models appears as a commented example with its Chinese label; the
    expiry comment gives each type's own validity (organic: one year, not three)."""
    from wuhai_green.model.progress import ACTIVITY_TYPES

    assert wuhai_on("new", tmp_path, "--year", "2026", "--district", "hainan").exit_code == 0
    text = (tmp_path / "2026-hainan.yaml").read_text(encoding="utf-8")
    kinds = [line.split("type:")[1].split("#")[0].strip() for line in text.splitlines()
             if line.startswith("#  - type:")]
    assert kinds == list(ACTIVITY_TYPES)
    assert "#  - type: training             # 专家培训\n" in text
    assert "#    expert: 郝贵宾\n" in text  # the first expert of the plan's team
    assert "绿色食品 3 年、有机产品 1 年、名特优新农产品 3 年" in text


def test_every_uncommented_activity_is_recorded(tmp_path: Path) -> None:
    """With every example uncommented, each kind is one activity of the register."""
    assert wuhai_on("new", tmp_path, "--year", "2026", "--district", "hainan").exit_code == 0
    path = tmp_path / "2026-hainan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line[1:] if line.startswith(("#  - ", "#    ")) else line
                              for line in text.splitlines()) + "\n", encoding="utf-8")
    _, register = load(tmp_path)
    from wuhai_green.model.progress import ACTIVITY_TYPES

    assert sorted(str(activity.entry.type) for activity in register.activities) == sorted(
        ACTIVITY_TYPES)


def test_new_says_the_plans_warnings(tmp_path: Path) -> None:
    """`new` reads the plan as every command does: a $WUHAI_MAX_FILE_MB it ignores is
    said, and the template is written all the same."""
    folder = tmp_path / "progress"
    run = wuhai_on("new", folder, "--year", "2026", "--district", "hainan",
                   env={"WUHAI_MAX_FILE_MB": "abc"})
    assert run.exit_code == 0, run.stderr
    assert run.stderr == ("$WUHAI_MAX_FILE_MB: 警告: 忽略了无效的值“abc”：应为大于 0 的兆字节数"
                          "（至少 1 字节）；文件大小上限为默认的 20 MiB\n")
    assert (folder / "2026-hainan.yaml").is_file()
