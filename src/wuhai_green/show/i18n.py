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
    "progress.duplicate_record": (
        "证书 {id}（发证 {issued}）重复；已见于 {other}",
        "certificate {id} issued {issued} appears twice; first at {other}",
    ),
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
        "{year} 年证书登记中 {district} {indicator} 合计 {total}，与附件1 基期 {plan} 不一致",
        "the {year} register gives {district} {indicator} a total of {total}, but annex 1 says {plan}",
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
    "chart.over_years": ("{area}{indicator}：累计目标与完成", "{area}, {indicator}: cumulative target and achieved"),
    "chart.by_district": ("{year} 年各区{indicator}", "{indicator} by district, {year}"),
    "chart.target": ("累计目标", "cumulative target"),
    "chart.achieved": ("已完成", "achieved"),
    # command line
    # the command line: help pages
    "help.app": (
        "乌海市绿色有机品牌工作方案进度跟踪：各区和全市对照方案累计目标的完成情况、差距、到期需续展的证书和下一年任务调整，并在 CI 中检查每次提交的进度报告。",
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
    "help.cmd.plan": ("显示方案：建设目标、各区布局、基期数（附件1）、累计任务（附件2）、证书有效期、主要任务、保障措施和专家团队（附件3）。", "Show the plan: goals, districts, baselines (annex 1), cumulative targets (annex 2), certificate validity, tasks, measures, experts (annex 3)."),
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
    "validate.ok": (
        "检查通过：方案 {plan}，{files} 个进度文件，{certificates} 条证书记录",
        "all clean: plan {plan}, {files} progress files, {certificates} certificate records",
    ),
    "write.exists": (
        "{path} 已存在，不会覆盖（确需覆盖请加 --force）",
        "{path} exists already; not overwritten (add --force to replace it)",
    ),
    "write.is_dir": ("{path} 是文件夹", "{path} is a folder"),
    "targets.schema": ("schema 应为 {expected}", "schema must be {expected}"),
    "targets.unit": (
        "未知的产量单位“{unit}”；应为：{known}", "unknown unit for tonnes '{unit}'; expected one of: {known}"),
    "targets.other_year": (
        "{path} 是 {year} 年的调整后目标，不能用于 {chosen} 年",
        "{path} holds adjusted targets for {year}, not for {chosen}",
    ),
    "targets.unknown_area": ("未知的地区“{area}”", "unknown area '{area}'"),
    "new.written": ("已写入 {path}", "wrote {path}"),
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
    "template.renews_rule": ("选填：所续展或确认的原证书编号", "optional: the certificate this renews or confirms"),
    "template.reason": ("企业停产", "production stopped"),
    "template.meeting": ("绿色有机品牌经验交流座谈会", "exchange meeting on green and organic brands"),
    # units and words
    "unit.t": ("吨", "t"),
    "years": ("{n} 年", "{n} year(s)"),
    "months": ("{n} 个月", "{n} month(s)"),
    "days": ("{n} 天", "{n} day(s)"),
    "band.about": ("左右（区间）", "about (a band)"),
    "band.at_least": ("以上（下限）", "at least"),
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
    "plan.baselines": ("{year} 年现状（附件1）", "Baseline {year} (annex 1)"),
    "plan.targets": ("累计新增任务（附件2）", "Cumulative new additions (annex 2)"),
    "plan.types": ("证书有效期与续展", "Certificate validity and renewal"),
    "plan.tasks": ("主要任务", "Main tasks"),
    "plan.measures": ("保障措施", "Safeguard measures"),
    "plan.experts": ("技术服务专家团队（附件3）", "Expert team (annex 3)"),
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
        "{districts} 没有 {year} 年证书登记：其存量按附件1 基期数计为不会到期的常量，续展基期证书不重复计入。",
        "No register of {year} certificates for {districts}: their baseline of annex 1 is taken as a "
        "constant block that never lapses, and renewals of baseline certificates maintain it.",
    ),
    "note.no_block": (
        "“{goal}”在方案中没有基期数，只计入文件中登记的证书。",
        "'{goal}' has no baseline in the plan; only certificates on file are counted.",
    ),
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
    "adjust.all_on_plan": (
        "各区 {year} 年按方案原定任务推进即可完成建设目标",
        "Every district reaches the goals with the plan's own additions for {year}",
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
    "check.failing": (
        "{count} 项处于或低于“{fail_on}”：检查未通过（退出码 1）",
        "{count} rows at or below '{fail_on}': the check fails (exit 1)",
    ),
    "check.ok": ("检查通过；{findings} 项需关注", "check passed; {findings} rows need attention"),
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
        "{ref} 版本的数据有 {count} 个错误，无法比较",
        "the data at {ref} has {count} errors and cannot be compared",
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
