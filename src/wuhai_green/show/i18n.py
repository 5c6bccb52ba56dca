"""Every text a user reads, in Chinese (the default) and English.

A message is looked up by key and filled in with `str.format`; a test checks that both
languages have every key and the same placeholders.
"""

from __future__ import annotations

import os
import warnings
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # severities
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.note": ("说明", "note"),
    # reading files
    "read.is_dir": ("这是一个文件夹，不是 YAML 文件", "this is a folder, not a YAML file"),
    "read.missing": ("文件不存在", "no such file"),
    "read.not_a_file": ("不是普通文件（如管道或设备）", "not a regular file (a pipe or a device, say)"),
    "read.broken_link": ("符号链接指向的文件不存在", "broken symbolic link"),
    "read.too_large": (
        "文件有 {size} 字节，超过上限 {limit} 字节（可用 $WUHAI_MAX_FILE_MB 调整）",
        "file is {size} bytes, over the limit of {limit} bytes (set $WUHAI_MAX_FILE_MB)",
    ),
    "read.os_error": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
    "read.denied": ("无法读取文件：没有权限", "cannot read the file: permission denied"),
    "read.link_loop": ("无法读取文件：符号链接循环", "cannot read the file: a loop of symbolic links"),
    "read.name_too_long": ("无法读取文件：文件名过长", "cannot read the file: file name too long"),
    "read.io": ("无法读取文件：输入输出错误", "cannot read the file: input/output error"),
    "read.bad_utf16": (
        "文件以 UTF-16 BOM 开头，但第 {offset} 字节处无法按 UTF-16 解码",
        "file starts with a UTF-16 BOM but byte {offset} is not valid UTF-16",
    ),
    "read.undecodable": (
        "第 {offset} 字节起既不是 UTF-8 也不是 GB18030 编码；请将文件另存为 UTF-8",
        "byte {offset} is neither UTF-8 nor GB18030; save the file as UTF-8",
    ),
    "read.gb18030": (
        "文件按 GB18030 编码读取；请另存为 UTF-8",
        "file was read as GB18030; please save it as UTF-8",
    ),
    # YAML structure
    "yaml.syntax": ("YAML 格式有误，请检查这一行和上一行", "YAML syntax error: {problem}"),
    "yaml.expected_colon": (
        "这一行或上一行缺少键后面的冒号“: ”（冒号用半角，后面跟一个空格）",
        "a key's colon is missing on this line or the one above ({problem})",
    ),
    "yaml.mapping_here": (
        "这里不能出现“键: 值”：检查上一行是否漏了冒号，或这一行的缩进是否与同级的行对齐",
        "a 'key: value' cannot stand here: check the line above for a missing colon, or this line's indentation ({problem})",
    ),
    "yaml.expected_key": (
        "这一行的缩进与上面的行不对齐，或缺少“键: ”",
        "this line's indentation does not line up with the lines above, or it lacks 'key: ' ({problem})",
    ),
    "yaml.expected_dash": (
        "列表中的每一项都应以“- ”开头，并与其他项对齐",
        "every item of a list starts with '- ', lined up with the others ({problem})",
    ),
    "yaml.unclosed": (
        "文件在引号或括号闭合之前就结束了：检查引号（\"）和括号（[、{{）是否成对",
        "the file ends before a quote or bracket is closed: check that quotes and brackets pair up ({problem})",
    ),
    "yaml.bad_escape": (
        "双引号中的反斜杠“\\”无效：改用单引号，或写成“\\\\”",
        "a backslash in double quotes is not a valid escape: use single quotes, or write \\\\ ({problem})",
    ),
    "yaml.parser_too_deep": (
        "嵌套超过 YAML 解析器允许的层数", "nested deeper than the YAML parser allows ({problem})"),
    "yaml.no_value": ("这里缺少值", "a value is missing here ({problem})"),
    "yaml.cannot_start": (
        "这个字符不能作为值的开头：请给整个值加上引号",
        "this character cannot start a value: put the whole value in quotes ({problem})",
    ),
    "yaml.flow_list": (
        "方括号列表 [ ] 的项目之间用半角逗号“,”分隔，并以“]”结束",
        "the items of a [ ] list are separated by ',' and end with ']' ({problem})",
    ),
    "yaml.flow_mapping": (
        "花括号 {{ }} 中的项目之间用半角逗号“,”分隔，并以“}}”结束",
        "the entries of a {{ }} mapping are separated by ',' and end with '}}' ({problem})",
    ),
    "yaml.control_character": (
        "文件中有不可见的控制字符 {code}：请删除它",
        "the file holds an invisible control character {code}: delete it ({problem})",
    ),
    # typing slips of an input method
    "slip.full_width_colon": (
        "“{key}”后面是全角冒号“：”，应为半角冒号加空格“: ”",
        "the colon after '{key}' is the full-width '：'; write ': ' (ASCII colon and a space)",
    ),
    "slip.full_width_comma": (
        "列表中用了全角逗号“，”，应为半角逗号“,”",
        "the list uses the full-width comma '，'; write ','",
    ),
    "slip.full_width_space": (
        "缩进中有全角空格“　”，应使用半角空格",
        "the indentation holds a full-width space; indent with ASCII spaces",
    ),
    "slip.dash": (
        "列表项以“{char}”开头，应为半角减号加空格“- ”",
        "the list item starts with '{char}'; start it with '- ' (ASCII hyphen and a space)",
    ),
    "slip.no_space_after_dash": (
        "列表项的“-”后面缺少空格，应写成“- ”",
        "a space is missing after the list item's '-'; write '- '",
    ),
    "slip.tab": (
        "缩进中有制表符（Tab），请改为空格",
        "the indentation holds a tab; indent with spaces",
    ),
    "slip.no_space_after_colon": (
        "“{key}:”后面缺少空格，应写成“{key}: 值”",
        "a space is missing after '{key}:'; write '{key}: value'",
    ),
    "slip.reserved_start": (
        "“{key}”的值以“{char}”开头，这是 YAML 的保留字符：请给整个值加上引号",
        "the value of '{key}' starts with '{char}', which YAML reserves: put the value in quotes",
    ),
    "slip.indent": (
        "缩进与上面的行不对齐：这一行有 {spaces} 个空格，同级的行有 {expected} 个",
        "the indentation does not line up with the lines above: {spaces} spaces here, {expected} on the lines of this level",
    ),
    "yaml.alias": (
        "不支持 YAML 锚点和别名（&、*）：请把内容写全；如果 & 或 * 是值的一部分，请给整个值加上引号",
        "YAML anchors and aliases (&, *) are not accepted: write the values out; if & or * is part of a value, put the value in quotes",
    ),
    "yaml.tag": (
        "不支持 YAML 标签 {tag}；如果 ! 是值的一部分，请给整个值加上引号",
        "YAML tags such as {tag} are not accepted; if ! is part of a value, put the value in quotes",
    ),
    "yaml.multiple_documents": (
        "一个文件只能有一个 YAML 文档（去掉多余的 ---）",
        "a file holds one YAML document only (remove the extra ---)",
    ),
    "yaml.too_deep": ("嵌套超过 {limit} 层", "nested more than {limit} levels deep"),
    "yaml.complex_key": ("键必须是简单文本", "a key must be plain text"),
    "yaml.duplicate_key": ("键“{key}”重复出现", "duplicate key '{key}'"),
    "yaml.empty": ("文件是空的", "the file is empty"),
    # schema
    "schema.not_a_mapping_list": (
        "文件顶层应为“键: 值”（如 year: 2025），实际是一个列表",
        "the top level must be a mapping (such as year: 2025), not a list",
    ),
    "schema.not_a_mapping_scalar": (
        "文件顶层应为“键: 值”（如 year: 2025），实际只有一个值",
        "the top level must be a mapping (such as year: 2025), not a single value",
    ),
    "schema.missing": ("缺少必填键“{field}”", "missing required key '{field}'"),
    "schema.unknown_key": (
        "未知的键“{key}”；可用的键：{allowed}",
        "unknown key '{key}'; expected one of: {allowed}",
    ),
    "schema.unknown_key_hint": (
        "未知的键“{key}”；是否应为“{hint}”？",
        "unknown key '{key}'; did you mean '{hint}'?",
    ),
    "schema.one_of": (
        "“{field}”的值“{value}”无效；应为 {expected}",
        "'{field}' is '{value}'; expected {expected}",
    ),
    "schema.wrong_shape_list": (
        "“{field}”应为列表（每项以“- ”开头）", "'{field}' must be a list (items starting with '- ')"),
    "schema.wrong_shape_mapping": (
        "“{field}”应为“键: 值”的组合", "'{field}' must be a mapping of 'key: value' entries"),
    "schema.other": ("“{field}”的值无效", "'{field}' is invalid: {detail}"),
    # field types
    "field.number": (
        "“{field}”应为数字（如 120 或 0.5），实际是“{value}”",
        "'{field}' must be a number such as 120 or 0.5, not '{value}'",
    ),
    "field.negative": ("“{field}”不能为负数：{value}", "'{field}' must not be negative: {value}"),
    "field.not_positive": ("“{field}”必须大于 0：{value}", "'{field}' must be greater than 0: {value}"),
    "field.count": (
        "“{field}”应为整数，实际是“{value}”",
        "'{field}' must be a whole number, not '{value}'",
    ),
    "field.year": (
        "“{field}”应为四位年份（如 2025），实际是“{value}”",
        "'{field}' must be a four-digit year such as 2025, not '{value}'",
    ),
    "field.date": (
        "“{field}”应为 YYYY-MM-DD 格式的日期（如 2025-06-15），实际是“{value}”",
        "'{field}' must be a date written YYYY-MM-DD (such as 2025-06-15), not '{value}'",
    ),
    "field.no_such_date": ("“{field}”：日期 {value} 不存在", "'{field}': there is no date {value}"),
    "field.text": ("“{field}”应为文本，实际是“{value}”", "'{field}' must be text, not '{value}'"),
    "field.empty_text": ("“{field}”不能为空", "'{field}' must not be empty"),
    "field.empty": ("“{field}”没有填写", "'{field}' is empty"),
    # plan checks
    "plan.unknown_unit": ("未知的单位“{unit}”；已定义：{known}", "unknown unit '{unit}'; defined: {known}"),
    "plan.unknown_type": ("未知的证书类型“{type}”", "unknown certificate type '{type}'"),
    "plan.duplicate_id": ("编号“{id}”重复", "duplicate id '{id}'"),
    "plan.unknown_code": (
        "同义词“{word}”对应的“{code}”不是证书类型或活动类型；应为：{known}",
        "the synonym '{word}' stands for '{code}', which is no certificate type or activity kind; expected one of: {known}",
    ),
    "plan.unknown_activity": (
        "未知的活动类型“{kind}”；应为：{known}", "unknown activity kind '{kind}'; expected one of: {known}"),
    "plan.bad_period": (
        "规划期不合理：基期 {baseline}，起止 {start}-{end}（应为 基期 < 起始 ≤ 结束）",
        "bad period: baseline {baseline}, {start}-{end} (need baseline < start <= end)",
    ),
    "plan.milestone_outside": (
        "节点年份 {year} 不在规划期 {start}-{end} 内",
        "milestone year {year} lies outside the period {start}-{end}",
    ),
    "plan.milestones_order": ("节点年份应递增且不重复", "milestone years must increase, without repeats"),
    "plan.no_final_milestone": (
        "规划期末年 {end} 必须是节点年份",
        "the period's last year {end} must be a milestone",
    ),
    "plan.duplicate_name": ("地区名称或别名“{name}”重复", "duplicate area name or alias '{name}'"),
    "plan.unknown_indicator": (
        "未知的指标“{indicator}”；已定义：{known}",
        "unknown indicator '{indicator}'; defined: {known}",
    ),
    "plan.missing_indicator": (
        "{area} 的 {section} 缺少指标“{indicator}”",
        "{area}: {section} lacks the indicator '{indicator}'",
    ),
    "plan.not_a_milestone": (
        "{year} 不是节点年份（节点：{milestones}）",
        "{year} is not a milestone year (milestones: {milestones})",
    ),
    "plan.missing_milestone": (
        "{area} 的 {indicator} 缺少 {year} 年目标（空白请写 null）",
        "{area}: {indicator} has no target for {year} (write null for a blank)",
    ),
    "plan.decreasing": (
        "{area} {indicator} {year} 年累计目标 {value} 小于 {previous_year} 年的 {previous}；累计目标不能减少",
        "{area} {indicator}: cumulative target {value} for {year} is below {previous} "
        "for {previous_year}; cumulative targets never decrease",
    ),
    "plan.sum_mismatch": (
        "{area} {indicator} {year}：合计应为 {value}，但下级各地区之和为 {total}",
        "{area} {indicator} {year}: the total is {value}, but its parts add up to {total}",
    ),
    "plan.sum_part": (
        "{area} {year} 为 {value}，计入 {parent} 合计（应为 {parent_value}，实为 {total}）",
        "{area} {year} is {value}, counted in the total of {parent} "
        "({parent_value} expected, {total} found)",
    ),
    # progress reports and the register
    "progress.not_a_folder": ("进度报告路径不是文件夹", "the progress path is not a folder"),
    "progress.no_folder": ("进度报告文件夹不存在", "no such folder of progress reports"),
    "progress.no_folder_found": (
        "这里没有进度报告文件夹（可用 --progress 或 $WUHAI_PROGRESS 指定）",
        "no folder of progress reports here (name one with --progress or $WUHAI_PROGRESS)",
    ),
    "progress.no_reports": (
        "文件夹中没有进度报告（.yaml 或 .yml 文件）", "the folder holds no progress reports (.yaml or .yml files)"),
    "progress.skipped": (
        "这些文件不是进度报告（.yaml 或 .yml），已跳过：{files}",
        "these files are not progress reports (.yaml or .yml) and were skipped: {files}",
    ),
    "progress.year_outside": (
        "报告年份 {year} 不在方案年份 {first}-{last} 内",
        "reporting year {year} lies outside the plan's years {first}-{last}",
    ),
    "progress.unknown_district": (
        "未知的地区“{district}”；应为：{known}",
        "unknown district '{district}'; expected one of: {known}",
    ),
    "progress.not_a_district": (
        "“{district}”不是区；应为：{known}",
        "'{district}' is not a district; expected one of: {known}",
    ),
    "progress.no_district": (
        "证书没有地区：请在证书或文件顶层写 district",
        "the certificate has no district: give `district` on it or at the top of the file",
    ),
    "progress.unknown_type": (
        "未知的证书类型“{type}”；应为：{known}",
        "unknown certificate type '{type}'; expected one of: {known}",
    ),
    "progress.unknown_type_hint": (
        "未知的证书类型“{type}”；是否应为“{word}”（{code}）？可用：{known}",
        "unknown certificate type '{type}'; did you mean {code} ({word})? Expected one of: {known}",
    ),
    "activity.unknown_kind": (
        "未知的活动类型“{kind}”；应为：{known}", "unknown activity kind '{kind}'; expected one of: {known}"),
    "activity.unknown_kind_hint": (
        "未知的活动类型“{kind}”；是否应为“{word}”（{code}）？可用：{known}",
        "unknown activity kind '{kind}'; did you mean {code} ({word})? Expected one of: {known}",
    ),
    "progress.output_required": (
        "{type} 证书必须填写 output_tonnes（核准产量，吨，大于 0）",
        "a {type} certificate needs output_tonnes (approved output in tonnes, above 0)",
    ),
    "progress.output_forbidden": (
        "{type} 证书不填 output_tonnes", "a {type} certificate has no output_tonnes"),
    "progress.issued_outside": (
        "发证日期 {issued} 不在报告年份 {year} 内",
        "issued {issued} lies outside the reporting year {year}",
    ),
    "progress.expires_before": (
        "到期日 {expires} 不晚于发证日期 {issued}",
        "expiry {expires} is not after the issue date {issued}",
    ),
    "progress.repeated_id": (
        "证书编号 {id} 重复：已见于 {other}；同一编号只能作为续展再次出现（写 renews: {id}）",
        "certificate {id} appears again (first at {other}); an id may appear again only as a renewal of itself (renews: {id})",
    ),
    "progress.renews_itself": (
        "{id} 写的是续展自身（renews: {id}），但此前没有 {id} 的记录",
        "{id} renews itself (renews: {id}), but no earlier record of {id} is on file",
    ),
    "progress.renews_baseline": (
        "有 {count} 条续展记录所续展的编号在任何文件中都没有，已按续展 {year} 年基期证书处理：{records}。如果其中有编号写错，请改正",
        "{count} renewals renew an id that no file holds and are taken as renewals of {year} baseline certificates: {records}. If one of these ids is a typo, correct it",
    ),
    "progress.id_not_normal": (
        "编号写作 {written}，按 {id} 处理（全角字符、小写字母、不可见字符或首尾空格）",
        "the id is written {written} and is taken as {id} (full-width characters, lower case, an invisible character or spaces)",
    ),
    "progress.ended_twice": (
        "证书 {id} 已在 {other} 终止过，不能再次终止", "certificate {id} is ended already at {other}"),
    "progress.ended_other_year": (
        "证书 {id} 的终止日期 {date} 不在报告年份 {year} 内",
        "{id} ends on {date}, outside the reporting year {year}",
    ),
    "progress.reported_early": (
        "报送日期 {date} 早于报告年份 {year}", "reported on {date}, before the reporting year {year}"),
    "progress.date_ahead": (
        "日期 {date} 晚于今天（{today}）：请检查年份", "{date} is after today ({today}): check the year"),
    "progress.renews_unknown": (
        "{id} 续展的证书 {renews} 在此前的记录和基期中都找不到",
        "{id} renews {renews}, which is neither an earlier record nor in the baseline",
    ),
    "progress.renewed_twice": (
        "{renews}（发证 {issued}）已被 {other} 发证的记录续展过，不能再次续展",
        "{renews} issued {issued} is already renewed by the record issued {other}",
    ),
    "progress.renews_other_type": (
        "续展的证书 {renews} 类型是 {type}，与本证书类型 {own} 不同",
        "{renews} is a {type} certificate and cannot be renewed as {own}",
    ),
    "progress.ended_unknown": ("终止的证书 {id} 不在登记中", "ended certificate {id} is not in the register"),
    "progress.ended_outside": (
        "证书 {id} 在 {date} 没有有效记录，无法终止",
        "no record of {id} is in force on {date}, so it cannot end then",
    ),
    "progress.baseline_mismatch": (
        "{year} 年证书登记中 {district} {indicator} 合计 {total}，与方案的基期数 {plan} 不一致",
        "the {year} register gives {district} {indicator} a total of {total}, but the plan's baseline is {plan}",
    ),
    "activity.no_district": (
        "活动没有地区：请在活动或文件顶层写 district",
        "the activity has no district: give `district` on it or at the top of the file",
    ),
    "activity.date_outside": ("活动日期 {date} 不在报告年份 {year} 内", "activity date {date} lies outside the reporting year {year}"),
    "activity.unknown_expert": (
        "“{expert}”不在专家团队中；专家：{known}",
        "'{expert}' is not on the expert team; experts: {known}",
    ),
    "activity.sampling_sum": (
        "抽检批次 {batches} 不等于合格 {passed} 加不合格 {failed}",
        "{batches} batches sampled, but {passed} passed and {failed} failed",
    ),
    "activity.too_many_failures": (
        "列出了 {listed} 个不合格批次，多于不合格数 {failed}",
        "{listed} failed batches are listed, more than the {failed} that failed",
    ),
    "activity.unknown_certificate": ("不合格批次的证书 {id} 不在登记中", "the failed batch's certificate {id} is not in the register"),
    # tasks
    "tasks.title": ("{year} 年品牌打造方案与监管抽检", "Brand plans and sampling {year}"),
    "tasks.counts": ("{year} 年产销对接、品牌与宣传活动（次）", "Linkage, brand and publicity activities {year}"),
    "tasks.meetings": ("{year} 年经验交流座谈会", "Exchange meetings {year}"),
    "tasks.failures": ("认证产品抽检不合格批次", "Failed sampling batches of certified products"),
    "tasks.no_meeting": ("{year} 年召开经验交流座谈会 {held} 次（方案要求每年 {per_year} 次）", "{held} exchange meetings in {year} (the plan asks for {per_year} a year)"),
    "tasks.repeat_host": ("{host} 在各区轮流承办一遍之前再次承办了 {year} 年的交流座谈会", "{host} hosted again in {year} before every district had hosted"),
    "col.brand_plan": ("品牌打造方案", "brand plan"),
    "col.sampled": ("抽检批次", "batches"),
    "col.pass_rate": ("合格率", "pass rate"),
    "col.date": ("日期", "date"),
    "col.host": ("承办区", "host"),
    "col.title_plain": ("名称", "title"),
    "col.reason": ("原因", "reason"),
    "brand_plan.on_time": ("按时", "on time"),
    "brand_plan.late": ("逾期", "late"),
    "brand_plan.missing": ("未报", "missing"),
    "brand_plan.not_due": ("未到期", "not due"),
    "activity.expo": ("展会", "expos"),
    "activity.agreement": ("合作协议", "agreements"),
    "activity.meng_label": ("蒙字标", "Meng-label certifications"),
    "activity.brand": ("品牌建设", "brand work"),
    "activity.evaluation_fair": ("评鉴会", "evaluation fairs"),
    "activity.publicity": ("宣传", "publicity"),
    "activity.training": ("培训", "trainings"),
    # report
    "report.title": ("{area}绿色有机品牌建设 {year} 年度报告", "{area} green and organic brands: report {year}"),
    "report.subtitle": (
        "依据《{document}》；数据截至 {as_of}，{files} 个进度文件，{certificates} 条证书记录",
        "After the plan '{document}'; figures as of {as_of} from {files} progress files, {certificates} certificate records",
    ),
    "report.status": ("完成情况", "Status"),
    "report.gap": ("差距与剩余任务", "Gaps and what remains"),
    "report.adjust": ("{year} 年任务调整", "Adjusted targets for {year}"),
    "report.plan_ended": ("方案已于 {end} 年结束，无需调整", "The plan ended in {end}: nothing to adjust"),
    "report.renewals": ("{year} 年底前到期需续展的证书", "Renewals due by the end of {year}"),
    "report.tasks": ("主要任务与保障措施", "Tasks and measures"),
    "report.charts": ("图表", "Charts"),
    "report.written": ("报告已写入 {path}", "report written to {path}"),
    "report.no_matplotlib": (
        "生成图表需要 matplotlib：请安装 pip install 'wuhai-green[report]'，或加 --no-charts",
        "charts need matplotlib: pip install 'wuhai-green[report]', or add --no-charts",
    ),
    "chart.over_years": ("{area}{indicator}：累计目标、完成与预测", "{area}, {indicator}: cumulative target, achieved and projection"),
    "chart.target": ("累计目标", "cumulative target"),
    "chart.achieved": ("已完成", "achieved"),
    # issue 15: the yearly report as a leader reads it (who has reported, legends, charts)
    "report.reporting": ("进度报告报送情况", "Who has reported"),
    "report.chart_missing": (
        "此处应有图表。生成图表需要 matplotlib：请安装 pip install 'wuhai-green[report]' 后重新生成报告",
        "A chart belongs here. Drawing it needs matplotlib: pip install 'wuhai-green[report]', then make the report again",
    ),
    "reporting.title": ("{start}–{year} 年各区进度报告", "Progress reports by district, {start}–{year}"),
    "reporting.reported": ("已报送", "reported"),
    "reporting.missing": ("未报送", "missing"),
    "reporting.not_due": ("年度未结束", "year not over"),
    "reporting.item": ("{district} {year} 年", "{district} {year}"),
    "reporting.missing_note": (
        "截至 {today}，有 {count} 份已到期的进度报告未报送：{missing}；本报告的数字中没有这些数据",
        "As of {today}, {count} reports due are missing: {missing}; the figures of this report lack their data",
    ),
    "reporting.all_in": ("截至 {today}，各区已到期的进度报告均已报送", "As of {today}, every district has sent every report due"),
    "colour.status.met": ("达标：完成数已达到目标", "met: achieved reaches the target"),
    "colour.status.on_track": ("进度正常：完成数不低于应完成的 {on_track}", "on track: achieved is at least {on_track} of what is expected by now"),
    "colour.status.at_risk": ("需加快：完成数为应完成的 {at_risk}–{on_track}", "at risk: achieved is {at_risk}–{on_track} of what is expected by now"),
    "colour.status.behind": ("滞后：完成数低于应完成的 {at_risk}", "behind: achieved is below {at_risk} of what is expected by now"),
    "colour.status.no_target": ("无目标：方案未设目标或目标为 0", "no target: the plan sets none, or 0"),
    "colour.goal.met": ("有效存量已达到目标区间下限", "the stock in force reaches the goal's lower edge"),
    "colour.goal.not_met": ("有效存量未达到目标区间下限", "the stock in force is below the goal's lower edge"),
    "colour.gap.behind": ("到节点年尚有差距", "still missing for the milestone"),
    "colour.gap.met": ("已达到节点年目标", "the milestone's target is reached"),
    "colour.adjust.raised": ("调整后目标高于方案目标", "adjusted above the plan's target"),
    "colour.adjust.behind": ("需新增多于方案自身的年增量", "more to add than the plan's own addition"),
    "colour.outlook.met": ("预计可达到目标区间下限", "projected to reach the band's lower edge"),
    "colour.outlook.short": ("预计达不到目标区间下限，全市需额外新增", "projected below the band's lower edge: the city needs extra additions"),
    "colour.layout.created": ("已在布局内创建基地", "bases created within the layout"),
    "colour.layout.missing": ("布局内尚未创建基地的产品", "layout products with no base yet"),
    "colour.renewals.overdue": ("续展申请期限已过", "the date to apply for renewal has passed"),
    "colour.brand_plan.on_time": ("品牌打造方案按时报送", "brand plan sent on time"),
    "colour.brand_plan.late": ("品牌打造方案逾期报送", "brand plan sent late"),
    "colour.brand_plan.missing": ("品牌打造方案未报送；合格率标红：抽检有不合格批次", "brand plan missing; a pass rate in red: failed batches"),
    "colour.brand_plan.not_due": ("品牌打造方案未到报送期限", "brand plan not due yet"),
    "colour.reporting.reported": ("该年度有进度文件提到该区", "a progress file of the year names the district"),
    "colour.reporting.missing": ("年度已结束，仍没有该区的进度文件", "the year is over and no progress file names the district"),
    "colour.reporting.not_due": ("年度尚未结束", "the year is not over yet"),
    # issue 18: the cache of the validated register
    "help.opt.cache_dir": ("已校验登记簿的缓存文件夹（默认：$XDG_CACHE_HOME/wuhai-green，即 ~/.cache/wuhai-green）；文件未变时第二次运行不再解析 YAML。", "Folder of the cache of the validated register (default: $XDG_CACHE_HOME/wuhai-green, i.e. ~/.cache/wuhai-green); a second run on unchanged files parses no YAML."),
    "help.opt.no_cache": ("不读也不写缓存，每次都从文件读取（也可设 WUHAI_NO_CACHE=1）。", "Neither read nor write the cache: read every file again (or set WUHAI_NO_CACHE=1)."),
    "chart.districts": ("各区{indicator}：累计目标、完成与预测（纵轴相同）", "{indicator} by district: cumulative target, achieved and projection (one scale)"),
    "chart.goals": ("{area}建设目标：有效证书存量与目标区间", "{area} goals: certificates in force against the goal bands"),
    "chart.interpolated": ("节点年之间的插值", "interpolated between milestones"),
    "chart.projected": ("按至今进度预测", "projection at the pace so far"),
    "chart.projection_note": (
        "预测：按规划期开始至 {as_of} 的进度推算到 {end} 年（累计完成 × 到该年年底的天数 ÷ 已过天数）",
        "Projection: the pace from the start of the period to {as_of}, carried on to {end} (achieved × days to that year's end ÷ days gone)",
    ),
    "chart.stock": ("有效存量", "in force"),
    "chart.unrenewed": ("到期证书都不续展时", "if the lapses due are not renewed"),
    "chart.band": ("目标区间", "goal band"),
    "chart.lapsing_amount": ("（{amount}{unit}）", " ({amount}{unit})"),
    "chart.goal_lapses": (
        "{goal}：{end} 年底前有 {count} 张证书{amount}到期且尚无续展记录，最早 {first} 到期（{id}）",
        "{goal}: {count} certificates{amount} lapse before the end of {end} with no renewal on file, the first on {first} ({id})",
    ),
    "chart.goal_no_lapses": ("{goal}：{end} 年底前没有到期且尚无续展记录的证书", "{goal}: nothing lapses before the end of {end} without a renewal on file"),
    # command line
    # the command line: help pages
    "help.app": (
        "绿色有机品牌工作方案进度跟踪：各区和全市对照方案累计目标的完成情况、差距、到期需续展的证书和下一年任务调整，并在 CI 中检查每次提交的进度报告。",
        "Track the green and organic brand plan: where each district and the city stand against the plan's cumulative targets, what is missing, what must be renewed, next year's adjusted targets; and check every submitted progress report in CI.",
    ),
    "help.usage": ("用法：", "Usage: "),
    "help.options_metavar": ("[选项]", "[OPTIONS]"),
    "help.command_metavar": ("命令 [参数]...", "COMMAND [ARGS]..."),
    "help.options": ("选项：", "Options:"),
    "help.arguments": ("参数：", "Arguments:"),
    "help.commands": ("命令：", "Commands:"),
    "help.default": ("默认：{value}", "default: {value}"),
    "help.required": ("必填", "required"),
    "help.cmd.plan": ("显示方案：建设目标、各区布局、基期数、累计任务、证书有效期、主要任务、保障措施和专家团队，各附件按方案文件的标题。", "Show the plan: goals, districts, baselines, cumulative targets, certificate validity, tasks, measures, experts, each annex under the plan file's own title."),
    "help.cmd.validate": ("检查方案和每个进度报告；有问题时逐条列出（文件:行:列）并以退出码 2 结束。", "Check the plan and every progress file; list every problem (file:line:col) and exit 2 when there is one."),
    "help.cmd.status": ("各区和全市对照方案累计目标的完成情况：目标、应完成、已完成、差距、完成率、状态，以及建设目标。", "Where each district and the city stand against the plan's cumulative targets: target, expected, achieved, gap, completion, status, and the goals."),
    "help.cmd.gap": ("每个尚未到来的节点年还差多少、每年平均需新增多少、期间有哪些证书到期。", "What is still to be added for every milestone ahead, how much a year, and what lapses before it."),
    "help.cmd.new": ("在进度报告文件夹中为某区某年生成带注释的进度报告模板。", "Write a commented template progress report for a year and district into the progress folder."),
    "help.cmd.adjust": ("按附件2 注2 调整下一年任务：依据上一年完成情况和证书到期情况。", "Next year's targets adjusted by note 2 of annex 2: from what was achieved and what lapses."),
    "help.cmd.expiring": ("续展日历：时间窗内到期且尚无续展记录的证书，按续展申请截止日排列。", "The renewal calendar: certificates lapsing in the window with no renewal on file, by the date to apply."),
    "help.cmd.check": ("供 CI 使用：检查全部数据，再计算完成情况；有项目处于或低于 --fail-on 时（加 --changed-since 时：本次修改使状态变差时）以退出码 1 结束。", "For CI: check all data, then the status; exit 1 when a row is at or below --fail-on (with --changed-since: when the change made a row worse)."),
    "help.cmd.diff": ("一次修改对数字的影响：与某个 git 版本相比发生变化的各项，变化前后的完成数和状态。", "What a change does to the figures: the rows that moved since a git revision, before and after."),
    "help.cmd.tasks": ("方案主要任务与保障措施的逐区清单：品牌打造方案、交流座谈会、展会、合作协议、抽检等。", "The plan's tasks and measures as a checklist per district: brand plan, exchange meetings, expos, agreements, sampling."),
    "help.cmd.report": ("年度报告：完成情况、差距、下一年任务调整、续展、任务清单和图表（markdown 或可打印的 HTML）。", "The yearly report: status, gaps, next year's adjustment, renewals, tasks and charts (markdown, or HTML to print)."),
    "help.opt.help": ("显示本帮助并退出。", "Show this message and exit."),
    "help.opt.version": ("显示版本并退出。", "Show the version and exit."),
    "help.opt.plan": ("方案文件（默认：$WUHAI_PLAN、./data/plan.yaml，再为随程序安装的方案）。", "Plan file (default: $WUHAI_PLAN, ./data/plan.yaml, then the shipped plan)."),
    "help.opt.progress": ("进度报告文件夹（默认：$WUHAI_PROGRESS、./data/progress）。", "Folder of progress reports (default: $WUHAI_PROGRESS, ./data/progress)."),
    "help.opt.format": ("输出格式。", "Output format."),
    "help.opt.lang": ("语言（默认 zh，或 $WUHAI_LANG）。", "Language (default zh, or $WUHAI_LANG)."),
    "help.opt.unit": ("表格中产量的单位：吨（t）或万吨（wan-t）；JSON 始终为吨。", "Unit for tonnes in tables (JSON is always tonnes)."),
    "help.opt.unit_quiet": ("产量单位（此命令不显示产量）。", "Unit for tonnes (nothing in tonnes is shown here)."),
    "help.opt.ascii": ("表格边框只用 ASCII 字符。", "ASCII table borders."),
    "help.opt.debug": ("内部错误时显示 Python 调用栈。", "Show a traceback on internal errors."),
    "help.opt.year": ("年份（默认：今年）。", "Year (default: the current year)."),
    "help.opt.year_new": ("报告年份。", "The reporting year."),
    "help.opt.year_adjust": ("要调整的年份（默认：今年），依据截至上一年 12 月 31 日的数据。", "The year being planned (default: the current year); from the data up to 31 Dec of the year before."),
    "help.opt.as_of": ("取数日期（YYYY-MM-DD）。", "Take the figures on this date (YYYY-MM-DD)."),
    "help.opt.district": ("只看一个区（中文名或拼音别名）。", "One district (Chinese name or pinyin alias)."),
    "help.opt.district_new": ("区（中文名或拼音别名）。", "The district (Chinese name or pinyin alias)."),
    "help.opt.force": ("覆盖已存在的文件。", "Overwrite an existing file."),
    "help.opt.explain": ("列出每个数字所依据的证书。", "List the certificates behind each figure."),
    "help.opt.targets": ("对照 `wuhai adjust --write` 写出的调整后目标。", "Track against adjusted targets written by `wuhai adjust --write`."),
    "help.opt.write": ("把调整后目标保存为 YAML，供 `wuhai status --targets` 使用。", "Save the adjusted targets as YAML for `wuhai status --targets`."),
    "help.opt.within": ("从 --as-of 起的时间窗：6m、90d、2w、1y。", "Window from --as-of: 6m, 90d, 2w, 1y."),
    "help.opt.fail_on": ("有项目处于或低于该状态时以退出码 1 结束。", "Exit 1 when a row is at or below this status."),
    "help.opt.changed_since": ("与该 git 版本比较：只有本次修改使状态变差的项目才以退出码 1 结束，原本就需加快或滞后的只列为警告。", "Compare with this git revision: exit 1 only for rows whose status the change made worse; rows already at risk or behind are warnings."),
    "help.opt.base_ref": ("用来比较的 git 版本，如 origin/main。", "The git revision to compare with, e.g. origin/main."),
    "help.opt.output": ("写入该文件（原子写入），而不是标准输出。", "Write to this file (atomically) instead of stdout."),
    "help.opt.charts": ("绘制图表（需要 report 扩展）。", "Draw the charts (needs the `report` extra)."),
    # the command line: usage errors
    "usage.hint": ("运行“{command}”查看帮助。", "Try '{command}' for help."),
    "usage.error": ("错误：{message}", "Error: {message}"),
    "usage.no_such_command": ("没有命令“{name}”", "No such command '{name}'"),
    "usage.did_you_mean": ("；是否应为：{names}？", "; did you mean: {names}?"),
    "usage.no_such_option": ("没有选项 {name}", "No such option: {name}"),
    "usage.missing_option": ("缺少必填选项 {name}", "Missing option {name}"),
    "usage.missing_argument": ("缺少参数 {name}", "Missing argument {name}"),
    "usage.missing_command": ("缺少命令", "Missing command"),
    "usage.bad_choice": ("{name} 的值“{value}”无效；应为：{choices}", "{name} is '{value}'; expected one of: {choices}"),
    "usage.bad_integer": ("{name} 的值“{value}”不是整数", "{name} is '{value}', not a whole number"),
    "usage.bad_value": ("{name} 的值“{value}”无效", "{name}: '{value}' is not a valid value"),
    "usage.needs_value": ("选项 {name} 后面需要一个值", "Option {name} needs a value"),
    "usage.extra_arguments": ("多余的参数：{args}", "Unexpected extra arguments: {args}"),
    "usage.other": ("命令行用法有误", "The command line is not valid"),
    "usage.aborted": ("已中止", "Aborted"),
    "cli.internal": (
        "内部错误（程序缺陷）：{error}。请加 --debug 重新运行查看详细信息并报告。",
        "internal error (a bug): {error}. Rerun with --debug for the traceback and report it.",
    ),
    "cli.bad_date": ("日期“{value}”无效；应为 YYYY-MM-DD", "bad date '{value}'; expected YYYY-MM-DD"),
    "cli.year_outside": (
        "年份 {year} 不在方案期 {start}-{end} 内", "year {year} lies outside the plan's {start}-{end}"),
    "cli.as_of_outside": (
        "--as-of {as_of} 不在 {year} 年内", "--as-of {as_of} lies outside the year {year}"),
    "cli.unknown_district": (
        "未知的地区“{district}”；应为：{known}", "unknown district '{district}'; expected one of: {known}"),
    "cli.not_a_district": (
        "“{district}”由几个区组成，不是一个区：进度文件按区填写；应为：{known}",
        "'{district}' is made of districts, not one: a progress file is of one district; expected one of: {known}"),
    "validate.ok": (
        "检查通过：方案 {plan}，{files} 个进度文件，{certificates} 条证书记录",
        "all clean: plan {plan}, {files} progress files, {certificates} certificate records",
    ),
    "write.exists": (
        "{path} 已存在，不会覆盖（确需覆盖请加 --force）",
        "{path} exists already; not overwritten (add --force to replace it)",
    ),
    "write.is_dir": ("{path} 是文件夹", "{path} is a folder"),
    # issue 12: writes that cannot destroy, output that cannot inject, OS and git faults
    "write.not_a_file": (
        "{path} 不是普通文件（设备、管道或套接字），不会被替换，加 --force 也不会",
        "{path} is not a regular file (a device, a pipe or a socket): it is never replaced, not even with --force",
    ),
    "write.is_input": (
        "{path} 是本次运行读取的文件（方案、进度报告或目标文件），不能写在它上面",
        "{path} is one of the files this run reads (the plan, a progress report or a targets file): not written over",
    ),
    "write.into_progress": (
        "{path} 在进度文件夹 {folder} 中，以后会被当作进度报告读取：请写到其他文件夹，或使用以 _ 开头的文件名",
        "{path} lies in the progress folder {folder}, where it would be read as a progress report: write it elsewhere, or give it a name starting with _",
    ),
    "write.stdout": ("标准输出", "standard output"),
    "write.failed": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "write.denied": ("无法写入 {path}：没有权限", "cannot write {path}: permission denied"),
    "write.read_only": ("无法写入 {path}：文件系统是只读的", "cannot write {path}: read-only file system"),
    "write.no_space": ("无法写入 {path}：磁盘空间不足", "cannot write {path}: no space left on the device"),
    "write.too_big": (
        "无法写入 {path}：超过系统允许的文件大小", "cannot write {path}: larger than the system allows a file to be"),
    "write.name_too_long": ("无法写入 {path}：文件名过长", "cannot write {path}: file name too long"),
    "write.no_folder": ("无法写入 {path}：所在的文件夹不存在", "cannot write {path}: its folder does not exist"),
    "write.not_a_folder": ("无法写入 {path}：路径中有一段不是文件夹", "cannot write {path}: a part of its path is not a folder"),
    "write.link_loop": (
        "无法写入 {path}：路径中的符号链接形成循环", "cannot write {path}: the symbolic links of its path form a loop"),
    "write.closed": ("无法写入 {path}：已关闭", "cannot write {path}: it is closed"),
    "write.io": ("无法写入 {path}：输入输出错误", "cannot write {path}: input/output error"),
    "progress.targets_file": (
        "这是调整后目标文件（由 wuhai adjust --write 写出），不是进度报告：请移出进度文件夹，或改用以 _ 开头的文件名",
        "this is an adjusted-targets file (written by wuhai adjust --write), not a progress report: move it out of the progress folder, or give it a name starting with _",
    ),
    "field.control": (
        "“{field}”的第 {position} 个字符是控制字符 {char}：编号中不能有控制字符，请删除",
        "'{field}' holds the control character {char} at character {position}: an id cannot hold one; delete it",
    ),
    "git.dubious_ownership": (
        "git 拒绝读取 {folder}：仓库属于其他用户（dubious ownership）。确认可信后运行 git config --global --add safe.directory {folder}",
        "git refuses the repository at {folder}: it belongs to another user (dubious ownership). If you trust it, run git config --global --add safe.directory {folder}",
    ),
    "git.not_a_file": (
        "{ref} 中的这一项不是普通文件（符号链接或子模块），比较时略过",
        "not a regular file at {ref} (a symbolic link or a submodule): left out of the comparison",
    ),
    "git.unsafe_name": (
        "{ref} 中的这个文件名含有“..”或空的部分，会指向文件夹之外，比较时略过",
        "a name at {ref} with a '..' or an empty part, which would point outside its folder: left out of the comparison",
    ),
    "git.object_missing": (
        "{ref} 中的 {file} 不在本地仓库中（浅克隆？在 CI 中请用 fetch-depth: 0）",
        "{file} at {ref} is not in the local repository (a shallow clone? In CI, use fetch-depth: 0)",
    ),
    "git.timeout": ("{command} 超过 {seconds} 秒仍未结束", "{command} did not finish within {seconds} s"),
    "targets.schema": ("schema 应为 {expected}", "schema must be {expected}"),
    "targets.unit": (
        "未知的产量单位“{unit}”；应为：{known}", "unknown unit for tonnes '{unit}'; expected one of: {known}"),
    "targets.other_year": (
        "{path} 是 {year} 年的调整后目标，不能用于 {chosen} 年",
        "{path} holds adjusted targets for {year}, not for {chosen}",
    ),
    "targets.unknown_area": ("未知的地区“{area}”", "unknown area '{area}'"),
    "new.written": ("已写入 {path}", "wrote {path}"),
    # issue 14: `wuhai import` (a register kept in a spreadsheet) and `--format xlsx`
    "plan.unknown_district": ("未知的区“{district}”", "unknown district '{district}'"),
    "plan.bad_division_code": (
        "行政区划代码“{code}”应为 6 位数字，且各区不重复",
        "division code '{code}' must be 6 digits, one per district",
    ),
    "plan.bad_pattern": ("编号格式不是有效的正则表达式", "the number's pattern is not a valid regular expression: {problem}"),
    "help.cmd.import": (
        "把表格（.xlsx 或 .csv）中的证书清单导入为经过检查的进度报告：识别官方清单的列名，逐格检查，写入进度文件夹。",
        "Make a certificate register kept in a spreadsheet (.xlsx or .csv) a checked progress file: the official lists' columns recognized, every cell checked.",
    ),
    "help.opt.import_file": ("表格文件（.xlsx，或 UTF-8 / GB18030 编码的 .csv）。", "The spreadsheet (.xlsx, or .csv in UTF-8 or GB18030)."),
    "help.opt.year_import": ("报告年份：导入这一年发证或终止的证书，其他年份的行跳过。", "The reporting year: rows issued or ended in it are imported, others skipped."),
    "help.opt.district_import": ("所有行所属的区（中文名或拼音别名）；否则取“区”列或企业信息码。", "The district of every row (Chinese name or pinyin alias); else a district column or the enterprise code."),
    "help.opt.sheet": ("要读取的工作表（默认：第一个可见的、有证书编号列的工作表）。", "The sheet to read (default: the first visible one with a column of certificate numbers)."),
    "help.opt.output_import": ("写入该文件（默认：进度文件夹中的 年份-区.yaml）。", "The file to write (default: YEAR-district.yaml in the progress folder)."),
    "help.opt.columns": ("指定列：字段=列名或列字母，如 id=证号,holder=C；可重复。", "Name columns: field=header or column letters, e.g. id=证号,holder=C; may repeat."),
    "help.opt.type_import": ("没有类型列、编号又看不出类型时的证书类型（green_food、organic、famous_product 或中文名）。", "The certificate type of rows that do not say (green_food, organic, famous_product or the Chinese name)."),
    "help.opt.output_page": ("写入该文件（原子写入）；--format xlsx 时必填。", "Write to this file (atomically); required with --format xlsx."),
    "sheet.encrypted": (
        "工作簿设有打开密码，无法读取：请在 Excel/WPS 中取消密码后另存",
        "the workbook is password-protected: remove the password in Excel or WPS and save it again",
    ),
    "sheet.old_format": (
        "这是旧版 .xls 格式（Excel 97-2003 或 WPS .et），无法读取：请另存为 .xlsx 或“CSV UTF-8”",
        "this is the old .xls format (Excel 97-2003, or WPS .et): save it as .xlsx or as CSV UTF-8",
    ),
    "sheet.corrupt": ("文件已损坏或不是 .xlsx 工作簿，无法读取", "the file is damaged or not an .xlsx workbook: {problem}"),
    "sheet.unknown_format": (
        "无法识别扩展名“{suffix}”：请使用 .xlsx 或 .csv",
        "unknown file type '{suffix}': use .xlsx or .csv",
    ),
    "sheet.csv_has_no_sheets": ("{path} 是 CSV 文件，没有工作表：去掉 --sheet", "{path} is a CSV file, which has no sheets: leave out --sheet"),
    "sheet.no_excel": (
        "读取和写出 Excel 需要 excel 扩展：pip install 'wuhai-green[excel]'",
        "Excel files need the excel extra: pip install 'wuhai-green[excel]'",
    ),
    "sheet.zip_bomb": (
        "工作簿解压后有 {size} 字节（或压缩比异常），超过上限 {limit} 字节，拒绝读取",
        "the workbook would unpack to {size} bytes (or is compressed beyond reason), over the limit of {limit}: refused",
    ),
    "sheet.xml_entities": (
        "工作簿中的 {member} 含有 XML 文档类型声明（可能是实体炸弹），拒绝读取",
        "{member} in the workbook holds an XML document type declaration (a possible entity bomb): refused",
    ),
    "sheet.library_note": ("读取表格时的提示（加 --debug 查看原文）", "the spreadsheet library says: {problem}"),
    "sheet.no_such_sheet": ("没有工作表“{sheet}”；工作表：{sheets}", "no sheet '{sheet}'; the sheets: {sheets}"),
    "sheet.hidden_chosen": ("工作表“{sheet}”是隐藏的，按 --sheet 读取", "sheet '{sheet}' is hidden; read because --sheet names it"),
    "sheet.hidden_skipped": ("隐藏的工作表未读取：{sheets}", "hidden sheets not read: {sheets}"),
    "sheet.other_sheets": (
        "读取工作表“{sheet}”；其他工作表未读取：{sheets}（用 --sheet 选择）",
        "read sheet '{sheet}'; other sheets not read: {sheets} (choose with --sheet)",
    ),
    "sheet.no_visible": ("工作簿没有可见的工作表（{sheets}）：用 --sheet 指定", "the workbook has no visible sheet ({sheets}): name one with --sheet"),
    "sheet.too_many_rows": (
        "工作表“{sheet}”有 {rows} 行，超过导入上限 {limit} 行：请拆分后分别导入",
        "sheet '{sheet}' has {rows} rows, more than the {limit} an import reads: split it",
    ),
    "sheet.csv_gb18030": ("CSV 文件按 GB18030 编码读取（Excel 在中文 Windows 上保存的 CSV）", "the CSV file was read as GB18030 (Excel's CSV on a Chinese Windows)"),
    "sheet.csv_error": ("CSV 格式有误，无法读取这一行", "this line of the CSV file cannot be read: {problem}"),
    "import.no_header": (
        "找不到表头：前 30 行中没有证书编号列（{names} 等）；可用 --columns id=列名 指定",
        "no header found: none of the first 30 rows has a column of certificate numbers ({names}, …); name it with --columns id=HEADER",
    ),
    "import.column_not_found": (
        "--columns 的 {field}={given}：表头中没有这一列",
        "--columns {field}={given}: the header has no such column",
    ),
    "import.two_columns": (
        "“{header}”与 {first} 都是 {field} 列：用 --columns {field}=列名 指定用哪一列",
        "'{header}' and {first} both hold {field}: say which with --columns {field}=HEADER",
    ),
    "import.header_unit_unknown": (
        "列“{header}”的单位无法换算；可用的单位：{units}",
        "column '{header}' has a unit that cannot be converted; known units: {units}",
    ),
    "import.missing_column": (
        "缺少 {field} 列（{names}）；可用 --columns {field}=列名 指定",
        "no column for {field} ({names}); name it with --columns {field}=HEADER",
    ),
    "import.no_id": ("这一行有内容但没有证书编号", "this row has data but no certificate number"),
    "import.missing": ("“{header}”没有填写", "'{header}' is empty"),
    "import.excel_error": ("单元格是 Excel 错误值 {value}", "the cell holds the Excel error {value}"),
    "import.not_a_date": (
        "“{value}”不是日期；可写作 2025-06-15、2025/6/15、2025年6月15日 或设为日期格式",
        "'{value}' is not a date; write 2025-06-15, 2025/6/15 or 2025年6月15日, or format the cell as a date",
    ),
    "import.no_such_date": ("日期 {value} 不存在", "there is no date {value}"),
    "import.not_a_number": ("“{value}”不是数字", "'{value}' is not a number"),
    "import.bad_separators": (
        "“{value}”中的逗号不是千位分隔符：数字请写作 1200 或 1,200",
        "the commas of '{value}' are not thousands separators: write 1200 or 1,200",
    ),
    "import.wrong_unit": (
        "“{value}”的单位“{unit}”不适用于这一列；可用：{units}",
        "'{value}': the unit '{unit}' does not fit this column; known: {units}",
    ),
    "import.unknown_status": ("未知的证书状态“{value}”；应为：{known}", "unknown certificate status '{value}'; expected one of: {known}"),
    "import.status_needs_date": (
        "证书状态为“{status}”，需要终止日期：请加一列 {names}",
        "the status '{status}' ends the certificate and needs its date: add a column {names}",
    ),
    "import.ended_before_issued": ("终止日期 {date} 早于发证日期 {issued}", "ended {date}, before it was issued {issued}"),
    "import.unknown_type": ("未知的证书类型“{value}”；应为：{known}", "unknown certificate type '{value}'; expected one of: {known}"),
    "import.type_conflict": (
        "编号 {id} 是{shape}的编号格式，但这一行的类型是{given}",
        "{id} has the shape of a {shape} number, but the row's type is {given}",
    ),
    "import.type_unknown": (
        "看不出 {id} 的证书类型：请加一列“证书类型”或用 --type 指定",
        "cannot tell the type of {id}: add a type column (证书类型) or give --type",
    ),
    "import.unknown_district": ("未知的区“{value}”；应为：{known}", "unknown district '{value}'; expected one of: {known}"),
    "import.district_conflict": ("这一行是“{value}”，但 --district 是 {district}", "the row says '{value}', but --district is {district}"),
    "import.no_district": (
        "这一行没有区：请用 --district 指定，或加一列“区”或“企业信息码”",
        "the row has no district: give --district, or add a district column (区) or the enterprise code (企业信息码)",
    ),
    "import.bad_enterprise_code": (
        "企业信息码“{value}”应为 GF 加 12 位数字",
        "enterprise code '{value}' must be GF and 12 digits",
    ),
    "import.division_unknown": (
        "企业信息码 {value} 的行政区划代码 {code} 不是方案中的区（{known}）",
        "enterprise code {value}: division {code} is none of the plan's districts ({known})",
    ),
    "import.division_other": (
        "企业信息码 {value} 属于 {code_district}，但这一行是 {district}",
        "enterprise code {value} belongs to {code_district}, but the row is for {district}",
    ),
    "import.bad_approval": ("编号 {id} 中的核准月份不存在", "{id} carries an approval month that does not exist"),
    "import.approval_mismatch": (
        "编号 {id} 的核准年月是 {approved}，但发证日期是 {issued}（{cell}）；发证应在核准当月或之后 {within} 个月内",
        "{id} was approved in {approved} but issued {issued} ({cell}); a certificate is issued in its approval month or up to {within} months after",
    ),
    "import.duplicate_id": ("证书编号 {id} 在表中重复；已见于 {other}", "certificate {id} appears twice in the sheet; first at {other}"),
    "import.unknown_application": ("未知的申报类型“{value}”；应为：{known} 等", "unknown application kind '{value}'; expected one of: {known}, …"),
    "import.renewal_needs_old": (
        "{id} 是续展，续展会换新编号：请加一列 {names} 写明原编号",
        "{id} is a renewal, which gets a new number: add a column {names} with the old one",
    ),
    "import.on_file": ("{id} 以同一发证日期已在 {other} 中", "{id} with this issue date is on file already: {other}"),
    "import.on_file_other": (
        "{id} 已在 {other} 中；同一编号只能作为编号不变的续展或确认再次出现（请写明原编号列）",
        "{id} is on file already ({other}); an id appears again only as a renewal that keeps its number",
    ),
    "import.bad_columns": (
        "--columns 的“{value}”无效；应为 字段=列名，字段为：{fields}",
        "--columns: '{value}' is not field=HEADER; the fields: {fields}",
    ),
    "import.bad_type": ("--type 的“{value}”不是证书类型；应为：{known}", "--type '{value}' is not a certificate type; expected one of: {known}"),
    "import.nothing_for_year": (
        "表中没有 {year} 年发证或终止的证书：检查 --year",
        "no row of the sheet is a certificate issued or ended in {year}: check --year",
    ),
    "import.time_dropped": ("{header}：{count} 个日期带有时刻（{cells}），只取日期", "{header}: dates with a time of day: {count} ({cells}); the date is kept"),
    "import.serial_date": ("{header}：{count} 个日期是 Excel 序列号（{cells}），已换算为日期", "{header}: dates as Excel serial numbers: {count} ({cells}), read as dates"),
    "import.date_layout": (
        "{header}：{count} 个日期写作 2025/6/15、2025年6月15日 等（{cells}），已按 YYYY-MM-DD 读取",
        "{header}: dates written like 2025/6/15 or 2025年6月15日: {count} ({cells}), read as YYYY-MM-DD",
    ),
    "import.text_date": ("{header}：{count} 个日期以文本保存（{cells}），已按日期读取", "{header}: dates stored as text: {count} ({cells}), read as dates"),
    "import.text_number": ("{header}：{count} 个数字以文本保存（{cells}），已按数字读取", "{header}: numbers stored as text: {count} ({cells}), read as numbers"),
    "import.thousands": ("{header}：{count} 个数字带千位分隔符（{cells}），已去掉", "{header}: numbers with thousands separators: {count} ({cells}), removed"),
    "import.unit_in_cell": ("{header}：{count} 个数字带单位（{cells}），已换算", "{header}: numbers with a unit: {count} ({cells}), converted"),
    "import.header_unit": ("列“{header}”以表头的单位写成，已换算为{unit}（× {factor}）", "column '{header}' is in the unit of its header, converted to {unit} (× {factor})"),
    "import.merged": (
        "{header}：{count} 个单元格在合并单元格中（{cells}），取合并区域第一格 {first} 等的值",
        "{header}: cells in merged cells: {count} ({cells}); each takes the value of its range's first cell ({first}, …)",
    ),
    "import.id_normalized": (
        "{header}：{count} 个编号含全角字符、空格或小写字母（{cells}），已规范化",
        "{header}: numbers with full-width characters, spaces or lower case: {count} ({cells}); normalized",
    ),
    "import.text_cleaned": ("{header}：{count} 个单元格含换行或多余空格（{cells}），已合并为一行", "{header}: cells with line breaks or extra spaces: {count} ({cells}), made one line"),
    "import.approval_later": (
        "{header}：{count} 个编号的核准年月早于发证月份 1 到 {within} 个月（{cells}）",
        "{header}: numbers approved 1 to {within} months before the month of issue: {count} ({cells})",
    ),
    "import.renews_itself": (
        "{header}：{count} 个编号已在此前的进度文件中（{cells}；如 {other}），按编号不变的再认证或年度确认导入（renews 为其本身）",
        "{header}: numbers on file from earlier: {count} ({cells}; {other}, …), imported as recertifications that keep their number (renews: itself)",
    ),
    "import.district_from_code": ("{header}：{count} 行的区取自企业信息码（{cells}）", "{header}: rows whose district comes from the enterprise code: {count} ({cells})"),
    "import.ends_other_year": (
        "{header}：{count} 张证书的终止日期不在本年（{cells}），请在该年份导入时写入 ended",
        "{header}: certificates that end in another year: {count} ({cells}); the end goes into that year's import",
    ),
    "import.read": (
        "已读取 {file}{sheet}：第 {header} 行为表头，第 {first}–{last} 行共 {rows} 行",
        "Read {file}{sheet}: header in row {header}, rows {first}–{last} ({rows} rows)",
    ),
    "import.read_nothing": (
        "已读取 {file}{sheet}：第 {header} 行为表头，其下没有数据行",
        "Read {file}{sheet}: header in row {header}, no rows below it",
    ),
    "import.sheet_named": ("（工作表“{sheet}”）", " (sheet '{sheet}')"),
    "import.entries": (
        "{year} 年：证书 {certificates} 条（其中续展 {renewals} 条），提前终止 {ended} 条；{districts}",
        "{year}: certificates {certificates} (renewals {renewals}), ended early {ended}; {districts}",
    ),
    "import.skipped": ("跳过 {count} 行：", "rows skipped: {count}"),
    "import.unread": ("未读取的列：{headers}", "columns not read: {headers}"),
    "import.more": ("另 {count} 处", "{count} more"),
    "import.failed": ("发现 {count} 个错误，未写入文件", "errors found: {count}; nothing written"),
    "import.written": (
        "已写入 {path}（证书 {certificates} 条，终止 {ended} 条），已通过与 wuhai validate 相同的检查",
        "wrote {path} (certificates {certificates}, ended {ended}); it passes the checks of wuhai validate",
    ),
    "import.yaml_head": (
        "# 由 wuhai import 从 {file}{sheet} 第 {first}–{last} 行导入（{date}）；每条后的注释为其所在单元格。",
        "# Imported by wuhai import from {file}{sheet}, rows {first}–{last} ({date}); the comment after an entry is its cell.",
    ),
    "import.yaml_sheet": ("（工作表 {sheet}）", " (sheet {sheet})"),
    "import.yaml_note": ("备注：{note}", "note: {note}"),
    "skip.empty": ("空行：{count} 行", "empty rows: {count}"),
    "skip.other_year": ("不是 {year} 年发证或终止的证书：{count} 行（{places}）", "rows not issued or ended in {year}: {count} ({places})"),
    "skip.not_a_row": ("标题、合计等非证书行：{count} 行（{places}；如“{text}”）", "titles, totals and other rows that are no certificate: {count} ({places}; '{text}')"),
    "xlsx.needs_output": ("--format {format} 写出的是文件：请用 -o 文件名 指定", "--format {format} writes a file: give it with -o FILE"),
    "xlsx.notes": ("说明", "Notes"),
    "xlsx.sheet_title": ("工作表“{sheet}”：{title}", "sheet '{sheet}': {title}"),
    "output.written": ("已写入 {path}", "wrote {path}"),
    # the template of `wuhai new`
    "template.head": (
        "# {area} {year} 年进度报告：本年获证或续展的证书、提前终止的证书、方案各项活动。\n"
        "# 去掉示例行首的 # 并填写，不需要的删除；填写后用 `wuhai validate` 检查。\n",
        "# Progress report {year}, {area}: certificates awarded or renewed\n"
        "# during {year}, certificates that ended early, and activities of the plan.\n"
        "# Uncomment and fill in the examples, delete what you do not need;\n"
        "# `wuhai validate` checks the file.\n",
    ),
    "template.number": ("产品编号 / 证书编号", "product / certificate number"),
    "template.product": ("产品名称", "product name"),
    "template.holder": ("获证主体名称", "holder name"),
    "template.required": ("{types} 必填；其他类型不填", "required for {types}; leave out for the others"),
    "template.optional": ("选填", "optional"),
    "template.expiry_rule": ("选填；默认：发证日 + 有效期 - 1 天（{validity}）", "optional; default: issued + validity - 1 day ({validity})"),
    "template.validity_of": ("{type} {years} 年", "{type} {years} year(s)"),
    "template.activities": (
        "方案各项活动，每项一条：去掉示例行首的 # 并填写；type 也可写中文（如 培训、展会）",
        "The plan's activities, one entry each: uncomment an example and fill it in; type may also be written in Chinese",
    ),
    "template.value.title": ("名称", "title"),
    "template.value.partner": ("合作单位名称", "partner's name"),
    "template.value.product": ("产品名称", "product name"),
    "template.value.holder": ("获证主体名称", "holder name"),
    "template.value.outlet": ("媒体名称", "media outlet"),
    "template.value.recipient": ("报送单位", "recipient"),
    "template.value.expert": ("专家姓名", "expert's name"),
    "template.value.host": ("承办区", "hosting district"),
    "template.value.name": ("基地名称", "name of the base"),
    "kind.brand_plan": ("品牌打造方案", "brand plan"),
    "kind.expo": ("展会、博览会、产销对接会", "expo or fair"),
    "kind.agreement": ("产销合作协议", "supply agreement"),
    "kind.meng_label": ("“蒙”字标认证", "Meng-label certification"),
    "kind.brand": ("区域公用品牌建设", "regional brand work"),
    "kind.exchange_meeting": ("经验交流座谈会", "exchange meeting"),
    "kind.evaluation_fair": ("绿色有机产品评鉴会", "evaluation fair"),
    "kind.publicity": ("宣传", "publicity"),
    "kind.training": ("专家培训", "training by the expert team"),
    "kind.sampling": ("监督抽检", "supervision sampling"),
    "kind.base_creation": ("绿色有机产品基地创建", "base creation"),
    "kind.supervision": ("日常监管", "daily supervision"),
    "kind.inspection": ("跟踪检查督导", "inspection by the city"),
    "kind.monitoring_plan": ("监管检测计划", "supervision and testing plan"),
    "template.renews_rule": ("选填：所续展或确认的原证书编号", "optional: the certificate this renews or confirms"),
    "template.reason": ("企业停产", "production stopped"),
    # units and words
    "unit.t": ("吨", "t"),
    "years": ("{n} 年", "{n} year(s)"),
    "months": ("{n} 个月", "{n} month(s)"),
    "days": ("{n} 天", "{n} day(s)"),
    # status words
    "status.met": ("达标", "met"),
    "status.on_track": ("进度正常", "on track"),
    "status.at_risk": ("需加快", "at risk"),
    "status.behind": ("滞后", "behind"),
    "status.no_target": ("无目标", "no target"),
    "goal.met": ("达到", "met"),
    "goal.not_met": ("未达到", "not met"),
    # table titles and columns
    "plan.header": (
        "《{title}》 {issuer} {date} 印发；规划期 {start}-{end} 年",
        "{title}, {issuer}, {date}; plan period {start}-{end}",
    ),
    "plan.goals": ("建设目标（五年）", "Five-year goals"),
    "plan.areas": ("重点布局", "Districts and base layout"),
    "plan.baselines": ("{year} 年现状", "Baseline {year}"),
    "plan.targets": ("累计新增任务", "Cumulative new additions"),
    "plan.types": ("证书有效期与续展", "Certificate validity and renewal"),
    "plan.tasks": ("主要任务", "Main tasks"),
    "plan.measures": ("保障措施", "Safeguard measures"),
    "plan.experts": ("技术服务专家团队", "Expert team"),
    "col.goal": ("目标", "goal"),
    "col.value": ("数值", "value"),
    "col.band": ("区间", "band"),
    "col.types": ("计入证书", "certificates counted"),
    "col.area": ("地区", "area"),
    "col.aliases": ("别名", "aliases"),
    "col.products": ("主导产品", "products"),
    "col.base_type": ("基地类型", "base type"),
    "col.indicator": ("指标", "indicator"),
    "col.type": ("证书类型", "certificate type"),
    "col.validity": ("有效期", "validity"),
    "col.lead": ("续展提前", "apply ahead"),
    "col.section": ("条目", "section"),
    "col.task": ("任务", "task"),
    "col.measure": ("措施", "measure"),
    "col.owner": ("责任单位", "owner"),
    "col.recipient": ("报送单位", "report to"),
    "col.due": ("截止日期", "due"),
    "col.detail": ("内容", "detail"),
    "col.name": ("姓名", "name"),
    "col.organization": ("单位", "organization"),
    "col.title": ("职称", "title"),
    "col.baseline": ("基期", "baseline"),
    "col.target": ("{year} 累计目标", "target {year}"),
    "col.target_plain": ("累计目标", "target"),
    "col.expected": ("应完成", "expected"),
    "col.achieved": ("已完成", "achieved"),
    "col.gap": ("差距", "gap"),
    "col.completion": ("完成率", "completion"),
    "col.progress": ("进度完成率", "of expected"),
    "col.status": ("状态", "status"),
    "col.stock": ("有效存量", "stock in force"),
    "col.milestone": ("节点年", "milestone"),
    "col.years_left": ("剩余年数", "years left"),
    "col.per_year": ("年均需新增", "needed a year"),
    "col.lapsing": ("期间到期", "lapsing"),
    "goals.title": ("建设目标（{as_of} 有效证书）", "Goals (certificates in force on {as_of})"),
    "explain.none": ("（无证书）", "(no certificates)"),
    "explain.block": ("基期常量 {value}（无 {year} 年证书登记）", "baseline block {value} (no register of {year})"),
    # notes
    "note.baseline_block": (
        "{districts} 没有 {year} 年证书登记：其存量按方案的基期数计为不会到期的常量，续展基期证书不重复计入。",
        "No register of {year} certificates for {districts}: the plan's baseline is taken as a "
        "constant block that never lapses, and renewals of baseline certificates maintain it.",
    ),
    "note.no_block": (
        "“{goal}”在方案中没有基期数，只计入文件中登记的证书。",
        "'{goal}' has no baseline in the plan; only certificates on file are counted.",
    ),
    "note.missing_reports": (
        "尚未提交进度报告（年份已结束）：{missing}。没有新增的年份也请提交一份各项为空的报告。",
        "Progress reports not yet on file for years that have ended: {missing}. A year with nothing new needs a report with empty lists too.",
    ),
    "note.missing_district": ("{district}（{years} 年）", "{district} ({years})"),
    "note.no_data": ("进度报告中还没有证书记录。", "The progress reports hold no certificates yet."),
    "note.interpolated_mark": (
        "带 * 的目标为两个节点年之间的线性插值。",
        "Targets marked * are interpolated linearly between milestone years.",
    ),
    "note.adjusted_mark": (
        "带 † 的目标为调整后目标（wuhai adjust --write），代替方案目标。",
        "Targets marked † are adjusted targets (wuhai adjust --write), in place of the plan's.",
    ),
    # adjust and expiring
    "col.plan_target": ("{year} 方案目标", "plan {year}"),
    "col.achieved_by": ("截至 {year} 已完成", "achieved by {year}"),
    "col.even_pace": ("均衡进度", "even pace"),
    "col.adjusted": ("{year} 调整后目标", "adjusted {year}"),
    "col.required": ("{year} 需新增", "needed in {year}"),
    "col.plan_addition": ("方案新增", "plan addition"),
    "col.lapsing_in": ("{year} 年到期", "lapsing in {year}"),
    "col.apply_by": ("续展申请截止", "apply by"),
    "col.expires": ("到期日", "expires"),
    "col.id": ("证书编号", "certificate"),
    "col.product": ("产品", "product"),
    "col.holder": ("获证主体", "holder"),
    "col.output": ("产量（{unit}）", "output ({unit})"),
    "renewals.title": ("到期需续展的证书", "Certificates to renew"),
    "renewals.overdue": ("（已逾期）", "(overdue)"),
    "adjust.behind": (
        "{area}：{year} 年{indicator}需新增 {required}{unit}，比方案的 {plan}{unit} 多 {extra}{unit}",
        "{area}: {indicator} needs {required}{unit} in {year}, {extra}{unit} more than the plan's {plan}{unit}",
    ),
    "adjust.behind_whole": (
        "{area}：{year} 年{indicator}需新增 {required}{unit}，比方案的 {plan}{unit}（按整数个计为 {whole}{unit}）多 {extra}{unit}",
        "{area}: {indicator} needs {required}{unit} in {year}, {extra}{unit} more than the plan's {plan}{unit} ({whole}{unit} in whole products)",
    ),
    "targets.header": (
        "wuhai adjust --write 写出的 {year} 年调整后累计目标（吨或个）。\n"
        "wuhai status --targets 本文件 按这些目标而不是方案的目标跟踪 {year} 年。",
        "The adjusted cumulative targets of {year} (tonnes or counts) written by `wuhai adjust --write`.\n"
        "`wuhai status --targets FILE` tracks {year} against them instead of the plan's.",
    ),
    "targets.goal_extra": (
        "目标中属于全市为建设目标另需的新增部分：",
        "The part of a target that is the city's extra additions for its goals:",
    ),
    "adjust.renewals": (
        "{year} 年有 {count} 张证书到期且尚无续展记录；最早须在 {first} 前申请续展（{id}）",
        "{count} certificates lapse in {year} with no renewal on file; the first renewal must be applied for by {first} ({id})",
    ),
    "expiring.summary": (
        "{as_of} 至 {until} 到期或须申请续展、且尚无续展记录的证书 {count} 张，其中 {overdue} 张已过续展申请期限",
        "{count} certificates lapse, or must be renewed, between {as_of} and {until} with no renewal on file; {overdue} are past the date to apply",
    ),
    "cli.bad_window": (
        "时间窗“{value}”无效；应为数字加单位，如 6m、90d、2w、1y",
        "bad window '{value}'; expected a number and a unit such as 6m, 90d, 2w or 1y",
    ),
    "cli.adjust_outside": (
        "调整年份 {year} 不在方案期 {start}-{end} 内",
        "{year} lies outside the plan period {start}-{end}: there is nothing to adjust",
    ),
    "adjust.written": (
        "调整后目标已写入 {path}；用 wuhai status --targets {path} 跟踪",
        "adjusted targets written to {path}; track them with wuhai status --targets {path}",
    ),
    # issue 13: note 2 in full (goal outlook, first year, projection) and every project decision marked
    "plan.unknown_field": ("“{field}”不是这一项的字段，无法标注依据", "'{field}' is not a field of this item; its source cannot be marked"),
    "plan.unknown_rule": ("依据“{rule}”不在 rules.sources 中；已有：{known}", "the source '{rule}' is not in rules.sources; defined: {known}"),
    "note.block_turnover": (
        "到 {turnover} 年底，{year} 年的证书都将已到期或已续展，常量块不再代表实际存量；补上 {year} 年证书登记（year: {year} 的进度文件），存量和建设目标的数字即为准确值。",
        "By the end of {turnover} every certificate of {year} will have expired or been renewed, so the block no longer stands for what is in force; a register of {year} (a progress file of year: {year}) makes the stock and goal figures exact.",
    ),
    "goal.above_band": ("达到（高于区间）", "met (above the band)"),
    "adjust.first_year": (
        "{year} 年是方案期的第一年，之前没有方案期内的年份可依据：{year} 年的目标按方案执行，不作调整（可调整 {first}-{end} 年）",
        "{year} is the first year of the plan period: no year of the period comes before it, so its targets stand as the plan gives them ({first}-{end} can be adjusted)",
    ),
    "adjust.on_plan": (
        "{areas}：按方案原定的新增即可达到 {year} 年调整后目标",
        "{areas}: the plan's own additions reach the adjusted targets for {year}",
    ),
    "adjust.city_extra": (
        "{area} {year} 年{indicator}的调整后目标和需新增中含建设目标所需的额外新增 {extra}{unit}（见建设目标展望）",
        "{area}'s adjusted target and required addition for {indicator} in {year} include {extra}{unit} of extra additions the goals need (see the goal outlook)",
    ),
    "outlook.title": ("{year} 年建设目标展望（依据截至 {based_on} 年底的数据）", "Goal outlook for {year} (from the data up to the end of {based_on})"),
    "col.stock_on": ("{year} 年底存量", "stock end {year}"),
    "col.lower": ("区间下沿", "lower edge"),
    "col.remaining": ("方案尚需新增", "plan still asks"),
    "col.projected_stock": ("预计存量", "projected"),
    "col.shortfall": ("缺口", "shortfall"),
    "col.goal_extra": ("{year} 需额外新增", "extra in {year}"),
    "outlook.reachable": (
        "{goal}：{based_on} 年底存量 {stock}{unit}，加上方案尚需的新增 {remaining}{unit}，预计 {projected}{unit}，不低于区间下沿 {lower}{unit}（假定到期证书都续展）",
        "{goal}: the stock of {stock}{unit} at the end of {based_on} plus the {remaining}{unit} the plan still asks is projected at {projected}{unit}, not below the lower edge {lower}{unit} (every certificate renewed when it lapses)",
    ),
    "outlook.short": (
        "{goal}：预计 {projected}{unit}（{based_on} 年底存量 {stock}{unit} 加方案尚需的新增 {remaining}{unit}），比区间下沿 {lower}{unit}少 {shortfall}{unit}；全市 {year} 年需在各区调整后任务之外再新增 {extra}{unit}，已计入全市{indicator}的调整后目标",
        "{goal}: projected at {projected}{unit} (the stock of {stock}{unit} at the end of {based_on} plus the {remaining}{unit} the plan still asks), {shortfall}{unit} below the lower edge {lower}{unit}; the city needs {extra}{unit} of new additions in {year} beyond the districts' adjusted targets, added to the city's adjusted {indicator}",
    ),
    "outlook.short_alone": (
        "{goal}：预计 {projected}{unit}（{based_on} 年底存量 {stock}{unit}，方案没有对应的新增任务），比区间下沿 {lower}{unit}少 {shortfall}{unit}；全市 {year} 年需另外新增 {extra}{unit}",
        "{goal}: projected at {projected}{unit} (the stock of {stock}{unit} at the end of {based_on}; the plan sets no additions for it), {shortfall}{unit} below the lower edge {lower}{unit}; the city needs {extra}{unit} more in {year}",
    ),
    "outlook.lapsing": (
        "；存量中有 {count} 项证书（{amount}{unit}）在 {year} 年到期且尚无续展记录",
        "; {count} certificates of the stock ({amount}{unit}) lapse in {year} with no renewal on file",
    ),
    "outlook.lapsing_count": (
        "；存量中有 {count} 项在 {year} 年到期且尚无续展记录",
        "; {count} of the stock lapse in {year} with no renewal on file",
    ),
    "outlook.lapsing_short": (
        "，若不续展，预计降至 {unrenewed}{unit}，比区间下沿少 {gap}{unit}",
        ": not renewed, the projection falls to {unrenewed}{unit}, {gap}{unit} below the lower edge",
    ),
    "outlook.lapsing_still": (
        "，若不续展，预计降至 {unrenewed}{unit}，仍不低于区间下沿",
        ": not renewed, the projection falls to {unrenewed}{unit}, still not below the lower edge",
    ),
    "col.at_this_pace": ("按当前进度", "at this pace"),
    "gap.at_this_pace": (
        "；按目前进度，{area} 到 {year} 年底可达 {projected}{unit}（目标 {target}{unit}）",
        "; at this pace {area} reaches {projected}{unit} of {target}{unit} by {year}",
    ),
    "renewals.confirmation": ("{date} 年度确认", "{date} yearly confirmation"),
    "gap.sentence_lapsing_renew": (
        "；另有 {count} 项将在 {year} 年底前到期，需续展",
        "; {count} lapse before the end of {year} and must be renewed",
    ),
    "plan.decided_mark": ("〔决定{n}〕", " [D{n}]"),
    "plan.decided_no": ("决定{n}", "D{n}"),
    "plan.decided_legend": (
        "〔决定n〕：方案没有写明、由本项目决定的取值，理由和来源见“项目决定”表。",
        "[Dn]: a value the plan does not state, decided by this project; the table of project decisions gives the reason and the source.",
    ),
    "plan.decisions": ("项目决定（方案没有写明的取值）", "Project decisions (values the plan does not state)"),
    "col.decision_no": ("编号", "no."),
    "col.decision": ("决定与理由", "decision and reason"),
    "col.source": ("依据", "source"),
    "plan.rule_on": ("（已启用）", " (on)"),
    "plan.rule_off": ("（未启用）", " (off)"),
    "plan.annex_title": ("{label} {name}", "{label}: {name}"),
    "plan.annex_baselines": ("{title}（{year} 年）", "{title} ({year})"),
    "plan.annex_targets": ("{title}（累计新增）", "{title} (cumulative new additions)"),
    "plan.annex_note": ("{annex} {label}：{text}", "{annex}, {label}: {text}"),
    "plan.recipients": ("印发对象：{recipients}", "Addressed to: {recipients}"),
    "plan.contact_phone": ("联系人：{name}，电话 {phone}", "Contact: {name}, telephone {phone}"),
    "plan.contact": ("联系人：{name}", "Contact: {name}"),
    "plan.part": ("└ {name}", "└ {name}"),
    "plan.frequency": ("每年 {per_year} 次，{hosts} 个区承办", "{per_year} a year, hosted by {hosts} district"),
    "plan.rotation": ("，各区轮流", ", the districts in turn"),
    "plan.recorded_as": ("（进度报告中记为 {kind} 活动）", " (recorded in the reports as `{kind}` activities)"),
    "col.confirmation": ("年度确认", "yearly confirmation"),
    "plan.confirmation": ("每年一次，提前 {lead}", "every year, {lead} ahead"),
    "plan.band_about": ("左右：{band}", "about: {band}"),
    "plan.band_at_least": ("以上：{band}", "at least: {band}"),
    "activity.not_city_kind": (
        "“{district}”不是区：{kind} 活动由各区记录；市级活动（district 写 {district}）只能是方案中由市里负责的措施：{kinds}",
        "'{district}' is not a district: {kind} activities are recorded by the districts; the city records as its own only the measures it carries out: {kinds}",
    ),
    "activity.city_meeting_host": (
        "{city} 记录的经验交流座谈会须写明承办区（host）",
        "an exchange meeting recorded by {city} names the district hosting it (host)",
    ),
    "activity.base_creation": ("基地创建", "bases created"),
    "activity.supervision": ("日常监管", "supervision"),
    "activity.inspection": ("检查指导", "inspections"),
    "activity.monitoring_plan": ("监测计划", "monitoring plans"),
    "brand_plan.not_applicable": ("不适用", "n/a"),
    "tasks.city_own": ("{city}（市级）", "{city} (the city's own)"),
    "tasks.supervised": ("{year} 年基地创建与监管（次）", "Bases and supervision {year}"),
    "tasks.layout": ("重点布局与基地创建（截至 {year} 年底）", "Layout and bases created (to the end of {year})"),
    "tasks.base": ("{product}（{date}）", "{product} ({date})"),
    "col.layout": ("布局产品", "layout"),
    "col.bases": ("已创建基地", "bases created"),
    "col.layout_missing": ("尚无基地", "no base yet"),
    "col.outside_layout": ("布局外基地", "outside the layout"),
    # issue 13: end
    "note.adjusted_targets": (
        "{year} 年目标采用调整后目标（{path}）",
        "Targets for {year} are the adjusted targets of {path}",
    ),
    # check and diff
    "check.title": ("进度检查", "Progress check"),
    "check.finding": (
        "{area} {indicator} {year}：已完成 {achieved} / 目标 {target}{unit}（{status}）",
        "{area} {indicator} {year}: achieved {achieved} of {target}{unit} ({status})",
    ),
    "check.missing_report": ("{district} 尚未提交 {year} 年进度报告", "{district} has no progress report for {year}"),
    # issue 16: CI that says why (verdict, setbacks) and `wuhai init`
    "check.verdict_passed": ("检查通过。", "The check passes."),
    "check.verdict_failed": ("检查未通过。", "The check fails."),
    "check.worse": (
        "与 {ref} 相比，本次修改使 {count} 项状态变差：{rows}。",
        "Compared with {ref}, this change made {count} rows worse: {rows}.",
    ),
    "check.at_or_below": (
        "{count} 项处于或低于“{fail_on}”（--fail-on）：{rows}。",
        "{count} rows are at or below '{fail_on}' (--fail-on): {rows}.",
    ),
    "check.not_worse": (
        "与 {ref} 相比，本次修改没有使任何一项状态变差（{moved} 项数字有变化）。",
        "Compared with {ref}, this change made no row worse ({moved} rows moved).",
    ),
    "check.not_compared": (
        "修改前的数据无法读取，没有比较，只检查了现在的数据。",
        "The data before the change could not be read: nothing was compared, only the data now was checked.",
    ),
    "check.none_at_or_below": ("没有项目处于或低于“{fail_on}”。", "No row is at or below '{fail_on}'."),
    "check.warned": (
        "{count} 项处于需加快或滞后，列为警告（不影响检查结果）：{rows}。",
        "{count} rows at risk or behind are listed as warnings (they do not fail the check): {rows}.",
    ),
    "check.scope": ("（{year} 年，截至 {as_of}）", "(Figures of {year} as of {as_of}.)"),
    "check.row": ("{area} {indicator}（{status}）", "{area} {indicator} ({status})"),
    "check.and_more": ("，另有 {count} 项", ", and {count} more"),
    "check.setback": ("{change}（本次修改使状态变差）", "{change} (this change made it worse)"),
    "check.bad_data": (
        "数据文件中有 {count} 个错误，已标注在各自的文件和行上；修正后才会计算完成情况。",
        "The data files hold {count} errors, annotated on their files and lines; the figures are computed once they are fixed.",
    ),
    "help.cmd.init": (
        "新建一个数据仓库：方案副本、进度报告文件夹和模板、安装本版本 wuhai 的 GitHub 与 GitLab CI、pre-commit 配置、使用说明；需要时运行 git init。",
        "Create a data repository: a copy of the plan, the progress folder and its template, GitHub and GitLab CI that install this version of wuhai, a pre-commit configuration, READMEs; git init where needed.",
    ),
    "help.opt.init_folder": ("要创建的数据仓库文件夹（须为空，或加 --force）。", "The folder of the new data repository (empty, or add --force)."),
    "help.opt.tool_repo": (
        "CI 和 pre-commit 从这个 git 仓库安装 wuhai（标签 v版本号）；不填则从软件包索引安装 wuhai-green==版本号。",
        "The git repository CI and pre-commit install wuhai from (at the tag v<version>); by default wuhai-green==<version> from the package index.",
    ),
    "help.opt.force_init": ("文件夹不为空时也写入，覆盖同名文件。", "Write into a folder that is not empty, replacing files of the same names."),
    "init.not_empty": (
        "{path} 不是空文件夹；确需写入（覆盖同名文件）请加 --force",
        "{path} is not empty; add --force to write into it (files of the same names are replaced)",
    ),
    "init.not_a_folder": ("{path} 是文件，不是文件夹", "{path} is a file, not a folder"),
    "init.written": ("已在 {folder} 创建数据仓库（wuhai-green {version}）：", "Created a data repository in {folder} (wuhai-green {version}):"),
    "init.git_init": ("已在 {folder} 运行 git init", "Ran git init in {folder}"),
    "init.no_git": ("没有运行 git init：{reason}；请自行运行", "git init did not run: {reason}; run it yourself"),
    "init.next": (
        "下一步：cd {folder}，按 README.md 的每年流程操作，从 wuhai new --year {year} --district {district} 开始",
        "Next: cd {folder} and follow the yearly routine of README.md, starting with wuhai new --year {year} --district {district}",
    ),
    "init.template_head": (
        "# 模板（以 _ 开头的文件不会被读取）。复制为 {name}，或用\n"
        "# `wuhai new --year {year} --district {alias}` 生成。\n",
        "# A template (files starting with _ are not read). Copy it to {name}, or let\n"
        "# `wuhai new --year {year} --district {alias}` write one.\n",
    ),
    "diff.title": ("与 {ref} 相比的变化（{year} 年）", "Changes since {ref} ({year})"),
    "diff.none": ("没有指标发生变化", "No figure moved"),
    "diff.base_invalid": (
        "{ref} 版本的数据有 {count} 个错误，无法比较（第一个在 {first}）",
        "the data at {ref} has {count} errors and cannot be compared (the first at {first})",
    ),
    "col.before": ("之前", "before"),
    "col.after": ("之后", "after"),
    "git.missing": ("找不到 git 命令", "the git command is not installed"),
    "git.failed": ("{command} 失败：{reason}", "{command} failed: {reason}"),
    "git.unknown_revision": ("git 仓库中没有版本“{ref}”", "unknown git revision '{ref}'"),
    "git.not_a_repository": ("{folder} 不在 git 仓库中", "{folder} is not inside a git repository"),
    # gap
    "gap.sentence": (
        "{area} 需在 {year} 年底前{indicator} {gap}{unit}，平均每年 {per_year}{unit}",
        "{area} must add {gap}{unit} ({indicator}) by the end of {year}, {per_year}{unit} a year",
    ),
    "gap.sentence_whole": (
        "{area} 需在 {year} 年底前{indicator} {gap}{unit}，按整数个计每年 {per_year}{unit}",
        "{area} must add {gap}{unit} ({indicator}) by the end of {year}, {per_year}{unit} a year in whole products",
    ),
    "gap.sentence_met": (
        "{area} 已完成 {year} 年{indicator}目标", "{area} has met its {year} target ({indicator})"),
    "gap.sentence_none": (
        "{area} {year} 年{indicator}没有目标", "{area} has no {year} target ({indicator})"),
    "gap.sentence_lapsing": (
        "；另有 {count} 张证书（{amount}{unit}）将在 {year} 年底前到期，需续展",
        "; {count} certificates ({amount}{unit}) lapse before the end of {year} and must be renewed",
    ),
    "gap.sentence_lapsing_count": (
        "；另有 {count} 项将在 {year} 年底前到期，需续展或年度确认",
        "; {count} lapse before the end of {year} and must be renewed or confirmed",
    ),
    "gap.lapsing_cell": ("{count} 张 / {amount}", "{count} / {amount}"),
    "gap.none_ahead": ("{end} 年之前已没有未到的节点年", "No milestone is ahead: the plan ended in {end}"),
    # issue 11: bounds, so that no input reaches exit 3 (numbers, plan values, targets files,
    # the cap on problems, $WUHAI_MAX_FILE_MB)
    "field.too_large": (
        "“{field}”的值太大：{value}（整数部分最多 {digits} 位）",
        "'{field}' is too large: {value} (at most {digits} digits before the decimal point)",
    ),
    "field.too_precise": (
        "“{field}”的小数位太多：{value}（小数最多 {places} 位）",
        "'{field}' has too many decimal places: {value} (at most {places})",
    ),
    "import.too_large": (
        "“{value}”太大：整数部分最多 {digits} 位",
        "'{value}' is too large: at most {digits} digits before the decimal point",
    ),
    "targets.based_on": (
        "based_on 应为 {expected}，即 year {year} 的前一年（某年的调整后目标依据的是上一年年底前的数据）",
        "based_on must be {expected}, the year before {year} (the adjusted targets of a year "
        "are based on the data up to the end of the year before)",
    ),
    "targets.missing_area": (
        "缺少 {area} 的调整后目标：调整后目标文件应列出方案的每个地区",
        "no adjusted targets for {area}: a targets file gives every area of the plan",
    ),
    "targets.repeated_area": ("{area} 出现了两次（{first} 和 {second}）",
                              "{area} is given twice (as {first} and as {second})"),
    "targets.missing_indicator": ("{area} 缺少 {indicator} 的调整后目标",
                                  "{area} has no adjusted target for {indicator}"),
    "targets.not_whole": ("{indicator} 按个计数：{value} 不是整数",
                          "{indicator} counts whole items: {value} is not a whole number"),
    "targets.sum_mismatch": (
        "{area} {indicator}：合计应为 {value}，但下级各地区之和为 {total}",
        "{area} {indicator}: the total is {value}, but its parts add up to {total}",
    ),
    "targets.sum_mismatch_extra": (
        "{area} {indicator}：合计应为 {value}，但下级各地区之和 {parts} 加 goal_extra {extra} 为 {total}",
        "{area} {indicator}: the total is {value}, but its parts add up to {parts} and "
        "goal_extra {extra} to {total}",
    ),
    "targets.extra_of_district": (
        "{area} 没有下级地区：goal_extra 只用于由各区组成的地区",
        "{area} has no areas below it: goal_extra is for an area made of districts",
    ),
    "plan.bad_validity": (
        "“validity_years”应为 1 到 {most} 之间的年数，实际是 {value}",
        "'validity_years' must be from 1 to {most} years, not {value}",
    ),
    "plan.lead_too_long": (
        "{type} 的续展提前期（{months} 个月 {days} 天，每月按 31 天计）不短于有效期 {years} 年：续展应在有效期内申请",
        "the renewal lead of {type} ({months} months {days} days, a month counted as 31 "
        "days) is not shorter than its {years}-year validity: a renewal is applied for "
        "within the validity",
    ),
    "plan.bad_thresholds": (
        "状态阈值须满足 0 < at_risk < on_track ≤ 1：at_risk 为 {at_risk}，on_track 为 {on_track}",
        "the status thresholds need 0 < at_risk < on_track <= 1: at_risk is {at_risk}, "
        "on_track {on_track}",
    ),
    "plan.bad_band": (
        "about_band 应不小于 0 且小于 1（“左右”的幅度是目标值的一部分）：{value}",
        "about_band must be at least 0 and below 1 (the band of \"about\" is a share of the "
        "goal): {value}",
    ),
    "read.bad_limit": (
        "忽略了无效的值“{value}”：应为大于 0 的兆字节数（至少 1 字节）；文件大小上限为默认的 {limit} MiB",
        "ignored '{value}': a size in MiB is a number above 0 (one byte at least); the file "
        "size limit is the default {limit} MiB",
    ),
    "problems.more": ("该文件还有 {count} 个问题未列出", "… and {count} more problems in this file"),
}


class MissingMessage(UserWarning):
    """A key the catalogue lacks: a bug. Tests turn the warning into an error."""


def t(key: str, lang: Lang, /, **params: Any) -> str:
    """The message `key` in `lang`, filled in; an unknown key is shown as itself, with a
    warning (an error under the tests, whose configuration turns warnings into errors)."""
    texts = MESSAGES.get(key)
    if texts is None:
        warnings.warn(f"no message {key!r} in the catalogue", MissingMessage, stacklevel=2)
        return key
    template = texts[LANGS.index(lang)]
    return template.format(**params) if params else template


def default_lang() -> Lang:
    return "en" if os.environ.get("WUHAI_LANG", "").lower().startswith("en") else "zh"
