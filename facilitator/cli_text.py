"""The command line in the user's language: ``--help``, argparse's own words and the
messages the commands print.

One language per user (design.md section 3): ``language`` in the home's config.toml,
else the locale (``LC_ALL`` / ``LC_MESSAGES`` / ``LANG``), else Chinese. The parser is
built in English, as the code reads; ``translate_parser`` then puts every help text
into the user's language, so an option added in ``cli.py`` needs no other edit to show
(and, until it has a translation here, the language test names it). ``t`` does the same
for a printed message: the English text is its own key. A refusal (``UserError``) is
said from the one table the TUI reads too, ``messages.ZH``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tomllib
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from facilitator import messages

ZH: dict[str, str] = {
    # argparse's own words
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助后退出",
    "show program's version number and exit": "显示版本号后退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多一个值",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    # the parser's help
    "Run the coordination meeting for a stuck customer order.": "为卡住的客户订单开好内部协调会。",
    "data home (default: $FACILITATOR_HOME or the user data dir)": "数据目录（默认：$FACILITATOR_HOME 或用户数据目录）",
    "open the live meeting on a meeting (new or existing)": "打开会议现场（新建或已有的会议）",
    "list meetings, newest first": "列出会议，最近的在前",
    "build or refresh the case index (incremental)": "建立或更新案例索引（增量）",
    "search the case library": "搜索案例库",
    "open questions of the meeting's stage and levers suggested from cases": "本阶段要问的问题，以及从案例中建议的资源",
    "parse a transcript or notes file, optionally into a meeting": "解析会议转写或笔记文件，可记入一场会议",
    "draft the responsibility summary and follow-up actions": "起草责任归属和后续行动的纪要",
    "export a meeting record": "导出会议记录",
    "follow-up actions across meetings (the ledger)": "所有会议的后续行动（台账）",
    "show or update one action: status, reason, due date": "查看或更新一项行动：状态、原因、截止日期",
    "a follow-up message per owner (Markdown, in the meeting's language)": "给每位负责人一条跟进消息（Markdown）",
    "per owner: what is overdue or due within DAYS, across all meetings": "按负责人：所有会议中已逾期或 DAYS 天内到期的行动",
    "ask the owner's manager to decide about an overdue or blocked action": "请负责人的上级为逾期或受阻的行动拍板",
    "where an order stands: its meetings, responsibilities and actions": "订单的进展：它的会议、责任和行动",
    "check home, database, configuration, index and LLM endpoint": "检查数据目录、数据库、配置、案例索引和模型接口",
    "open this meeting (see `facilitator meetings`)": "打开这场会议（编号见会议列表）",
    "start a new meeting with this title": "以这个标题新建会议",
    "customer name (new meeting)": "客户名称（新建会议时）",
    "order reference; meetings on one order share their open actions": "订单号；同一订单的会议共享未完成的行动",
    "delivery promised to the customer": "对客户承诺的交付日期",
    "meeting date (default: today)": "会议日期（默认：今天）",
    "create or show the meeting without opening the TUI": "只新建或显示会议，不打开界面",
    "with --no-tui: print the meeting as JSON (its `meetings --json` entry)":
        "与 --no-tui 一起用：以 JSON 输出这场会议（与 meetings --json 中的一项相同）",
    "print JSON for scripts": "输出 JSON，供脚本使用",
    "extra folder of case cards": "另一个案例卡片文件夹",
    "leave out the bundled corpus": "不用自带的案例库",
    "drop the index and build it again": "删掉索引，重新建立",
    "what is being discussed, in Chinese or English": "正在讨论的内容，中文或英文",
    "one query a line; prints one JSON list a line": "每行一个查询；每行输出一个 JSON 列表",
    "number of results (default 5)": "结果数量（默认 5）",
    "only cases involving this department (repeatable)": "只要涉及这个部门的案例（可重复）",
    "only cases with this tag (repeatable)": "只要带这个标签的案例（可重复）",
    "search with this meeting's context: title, goal, stuck point, obstacles and their kinds":
        "按这场会议的上下文搜索：标题、目标、卡点、障碍及其类型",
    "with --meeting: rank as in this agenda stage (default: the meeting's current stage)":
        "与 --meeting 一起用：按这个议程阶段排序（默认：会议当前阶段）",
    "the meeting to coach": "要辅导的会议",
    "suggestions quoted from the matched cases (default)": "建议直接引用匹配的案例（默认）",
    "the configured model writes them from the same cases; offline ones if it fails":
        "由配置的模型根据同样的案例写建议；失败时用离线建议",
    "coach for this agenda stage (default: the meeting's current one)": "辅导这个议程阶段（默认：会议当前阶段）",
    "a notes file (quick-capture lines) or a transcript": "笔记文件（速记行）或会议转写",
    "a notes file (quick-capture lines), a transcript, or a recording (WAV, MP3, M4A, OGG, FLAC, WebM: "
    "transcribed offline, see [speech] in config.toml)":
        "笔记文件（速记行）、会议转写或录音（WAV、MP3、M4A、OGG、FLAC、WebM：离线转写，见 config.toml 的 [speech]）",
    "add what is parsed to this meeting": "把解析出的内容记入这场会议",
    "create a meeting with this title from the file": "用这个标题从文件新建会议",
    "customer name (with --new)": "客户名称（与 --new 一起用）",
    "order reference (with --new)": "订单号（与 --new 一起用）",
    "meeting date; relative dates in the file resolve against it": "会议日期；文件中的相对日期以它为准",
    "import a file into a meeting that already has it (its items are added twice)":
        "向已导入过它的会议再导入一次（条目会重复）",
    "refuse files larger than this (default 20 MB)": "拒绝大于这个大小的文件（默认 20 MB）",
    "draft from this meeting's record": "根据这场会议的记录起草",
    "draft from a notes or transcript file instead": "改为根据笔记或转写文件起草",
    "use the offline drafter even if an endpoint is set": "即使配置了模型接口也离线起草",
    "draft with the configured LLM endpoint (an error if none is set; if the model fails, the offline draft "
    "is printed with a warning)": "用配置的模型接口起草（未配置则报错；模型失败时输出离线草稿并提示）",
    "resolve relative dates against this day": "相对日期以这一天为准",
    "write the draft here instead of stdout": "把草稿写到这个文件，而不是输出到屏幕",
    "with --out: replace a file that is already there": "与 --out 一起用：覆盖已有的文件",
    "print prompt token counts, the output mode and usage on stderr (--llm)": "在标准错误输出提示词的词元数、输出方式和用量（--llm）",
    "the meeting to export": "要导出的会议",
    "md: the summary in Markdown; json: the whole record as JSON; csv: the actions as CSV (opens in Excel); "
    "ics: the dated actions as calendar events; txt: the record as plain text for a chat group or a mail; "
    "card: a case card in the home's library (cases/), indexed":
        "md：纪要（Markdown）；json：完整记录；csv：行动表（可用表格软件打开）；ics：有日期的行动作为日历事件；"
        "txt：纯文本记录，可发到群里或邮件；card：写入案例库（cases/）的案例卡片，并建立索引",
    "write here instead of stdout": "写到这个文件，而不是输出到屏幕",
    "only actions still owed (open or blocked)": "只看未完成的行动（进行中或受阻）",
    "only actions still owed and due before --as-of": "只看未完成且在 --as-of 之前到期的行动",
    "the day overdue is judged on (default: today)": "判断逾期所用的日期（默认：今天）",
    "only this owner's actions": "只看这位负责人的行动",
    "only actions from meetings on this order": "只看这个订单的会议中的行动",
    "only actions recorded by this person ([me] name)": "只看这个人记录的行动（[me] name）",
    "the meeting store: copy it into a team's PostgreSQL server or a home": "会议记录库：复制到团队的 PostgreSQL 服务器或另一个数据目录",
    "copy every meeting of this store into another (safe to run again)": "把这里的所有会议复制到另一个记录库（可重复运行）",
    "what to do with the store (copy)": "要对记录库做的事（copy：复制）",
    "a postgresql:// URL (password from PGPASSWORD or ~/.pgpass), a home folder or a .db file":
        "postgresql:// 地址（密码来自 PGPASSWORD 或 ~/.pgpass）、数据目录或 .db 文件",
    "print the counts as JSON": "以 JSON 输出各表数量",
    "same as --format json": "同 --format json",
    "table (default), json, csv, or ics with one event per dated action": "表格（默认）、json、csv，或 ics（每项有日期的行动一个事件）",
    "with --format ics: to-dos (VTODO) with a reminder the day before, not all-day events":
        "与 --format ics 一起用：生成待办（提前一天提醒），而不是全天事件",
    "the id shown by `facilitator actions`": "行动台账中显示的编号",
    "mark done": "标记完成",
    "mark blocked, saying why": "标记受阻，并写明原因",
    "withdraw it, saying why": "撤销，并写明原因",
    "back to open": "恢复为进行中",
    "new due date": "新的截止日期",
    "clear the due date": "清除截止日期",
    "print the action and its history as JSON": "以 JSON 输出这项行动及其历史",
    "what this meeting's owners committed to": "这场会议各负责人承诺的事项",
    "everything still owed on this order instead of one meeting": "改为这个订单所有未完成的事项",
    "only the message for this owner": "只要给这位负责人的消息",
    "write one file per owner into DIR": "每位负责人一个文件，写到 DIR",
    "with --out: replace message files already in DIR": "与 --out 一起用：覆盖 DIR 中已有的消息文件",
    "send by mail ([smtp]) and to the group robots ([webhooks]); never twice": "通过邮件（[smtp]）和群机器人（[webhooks]）发送；不会重复发送",
    "print exactly what would be sent where; send nothing": "只显示将发给谁、发什么；不发送",
    "the day to remind on (default: today)": "提醒所用的日期（默认：今天）",
    "due within this many days (default 3)": "这么多天内到期（默认 3）",
    "the order reference": "订单号",
    "with --send: send again a message whose earlier attempt was cut off with no answer":
        "与 --send 一起用：上次发送中途断开、没有回音的消息，再发一次",
    "with --send: record such a message as delivered (you saw it arrive)":
        "与 --send 一起用：把这样的消息记为已送达（你确认对方收到了）",
    # messages the commands print
    "{prog}: error: {message} (see --help)": "{prog}：错误：{message}（用法见 --help）",
    "no date   ": "未定日期  ",
    " overdue": " 已逾期",
    "meeting {id}": "会议 {id}",
    "No actions.": "没有行动。",
    "Order {order}": "订单 {order}",
    "{head}: {meetings} meetings, {outstanding} actions outstanding, {overdue} overdue (as of {day})":
        "{head}：{meetings} 场会议，{outstanding} 项行动未完成，{overdue} 项逾期（截至 {day}）",
    "undated": "未定日期",
    "closed": "已结束",
    "open": "进行中",
    "  responsibility: {item} -> {owner} ({status})": "  责任：{item} → {owner}（{status}）",
    "  decision: {text}": "  决定：{text}",
    "  obstacle: {text}": "  障碍：{text}",
    "  action {line}": "  行动 {line}",
    " due {day}": " 截止 {day}",
    " (in meeting {id})": "（在会议 {id}）",
    "note: {note}": "提示：{note}",
    "No actions to follow up.": "没有需要跟进的行动。",
    "Nothing to send.": "没有要发送的消息。",
    "mail to {recipient} <{address}>": "邮件给 {recipient} <{address}>",
    "{label} group ({address})": "{label} 群（{address}）",
    "Subject: {subject}": "主题：{subject}",
    " mentions {mobiles}": " 提醒 {mobiles}",
    "{status}: {where}: {answer}": "{status}：{where}：{answer}",
    "new": "新消息", "already sent": "已发送过", "retry": "重发", "unconfirmed": "未确认",
    "sent": "已发送", "failed": "发送失败",
    "notice: {notice}": "提示：{notice}",
    "warning: {warning}": "注意：{warning}",
    "No meetings yet. Start one with: {cmd} meet --new TITLE": "还没有会议。新建一个：{cmd} meet --new 标题",
    "created meeting {id}: {title}": "已新建会议 {id}：{title}",
    "{cards} cards, {chunks} chunks: {added} added, {updated} updated, {removed} removed, {unchanged} unchanged":
        "{cards} 张案例卡片，{chunks} 个片段：新增 {added}，更新 {updated}，删除 {removed}，未变 {unchanged}",
    "No matching cases.": "没有匹配的案例。",
    "No clearly similar case yet; note what is stuck and search again.": "还没有明显相似的案例；记下卡在哪里后再找。",
    "notice: no case clearly matches; the nearest follow": "提示：没有明显相关的案例，以下只是最接近的",
    # import: what was read and what was recorded
    "{name}: {count} cues ({kind})": "{name}：{count} 段发言（{kind}）",
    "recording, {language}": "录音，{language}",
    ", speakers: {names}": "，发言人：{names}",
    "recorded into meeting {id}: {counts}": "已记入会议 {id}：{counts}",
    "nothing": "没有内容",
    "no suggestions in what was said": "没有从发言中听出建议",
    ", ": "、",  # between the items of a list
    # the progress bar of a recording being transcribed
    " {done} of {total}": " {done} / {total}",
    " reading the recording": " 正在读取录音",
    ", about {left} left": "，约剩 {left}",
    "{n} note": "笔记 {n} 条", "{n} participant": "参会人 {n} 位", "{n} action": "行动 {n} 项",
    "{n} responsibility": "责任 {n} 项", "{n} decision": "决定 {n} 条", "{n} question": "问题 {n} 个",
    "{n} obstacle": "障碍 {n} 个", "{n} lever": "资源 {n} 项",
    "suggestions found: {new} new, {pending} waiting to be accepted or dismissed"
    " (open the meeting: facilitator meet {id})":
        "听出建议：新增 {new} 条，共 {pending} 条等待采纳或忽略（打开会议：facilitator meet {id}）",
    "; {count} typed lines wait on this laptop, written in order when the server answers":
        "；本机有 {count} 条记录在等待，服务器恢复后按顺序写入",
    "copied": "行已复制",
    "already there": "行原已存在",
}
"""Chinese for each English text of the command line (the English is the key)."""

SHAPES: list[tuple[str, str]] = [
    (r"no index yet at (?P<where>.+); started it from the installation's ready index of the built-in cards",
     "{where} 还没有案例索引；已从安装时准备好的自带案例索引开始"),
    (r"no index yet at (?P<where>.+); building it from the cards", "{where} 还没有案例索引；正在根据案例卡片建立"),
    (r"(?P<reason>.+); rebuilt the index from the cards", "{reason}；已根据案例卡片重建索引"),
    (r"index was out of step with the cards; updated it \((?P<a>\d+) added, (?P<u>\d+) updated, "
                r"(?P<r>\d+) removed chunks\)", "索引与案例卡片不一致，已更新（新增 {a}，更新 {u}，删除 {r} 个片段）"),
    (r"no usable vector index yet; searching by keywords only", "还没有可用的向量索引；先按关键词搜索"),
    (r"vector index unusable; searching by keywords only", "向量索引不可用；先按关键词搜索"),
    (r"(?P<n>\d+) card\(s\) skipped as malformed; `facilitator index` lists them",
     "{n} 张案例卡片格式有误，已跳过；建立索引时会列出它们"),
    # the one-line refusals a new user meets first
    (r"no meeting with id (?P<id>\S+)", "没有编号为 {id} 的会议（编号见 facilitator meetings）"),
    (r"no action with id (?P<id>\S+)", "没有编号为 {id} 的行动（编号见 facilitator actions）"),
    (r"(?P<name>.+): no such file", "{name}：没有这个文件"),
    (r"(?P<name>.+): is a directory, not a file", "{name}：这是一个目录，不是文件"),
    (r"(?P<name>.+): already imported into meeting (?P<id>\d+) on (?P<when>[^;()]+); "
                r"add --again to import it a second time",
     "{name}：已于 {when} 导入会议 {id}；确实要再导入一次，请加 --again"),
    (r"search needs a QUERY, --batch FILE or --meeting ID", "search 需要 QUERY、--batch FILE 或 --meeting ID"),
]
SHAPES += [
    # an embeddings endpoint that fails while searching: the search goes on by keywords
    (r"could not update the index \((?P<reason>.+)\); searching by keywords only", "无法更新案例索引（{reason}）；先按关键词搜索"),
    (r"(?P<reason>.+); searching by keywords only", "{reason}；先按关键词搜索"),
    (r"embeddings endpoint failed: (?P<kind>\w+): .*", "向量接口无法使用（{kind}）"),
    (r"embeddings endpoint answered (?P<code>\d+) for model (?P<model>.+)", "向量接口对模型 {model} 返回了错误（HTTP {code}）"),
]
"""Messages made with values (the case index's notices): the English shape, then Chinese."""

DOCTOR_NAMES = {
    "home": "数据目录", "database": "数据库", "index": "案例索引", "config": "配置", "llm": "模型接口",
    "embeddings": "向量模型", "delivery": "发送", "speech": "语音转写", "microphone": "麦克风",
    "me": "使用者",
    "chroma server": "案例服务器", "llm-endpoint": "模型连通", "llm-output": "结构化输出",
}
"""The names of `doctor`'s checks, in Chinese (a name not here is shown as it is)."""

SHAPES += [
    # `doctor`: each detail whole, else each of its ``; ``-separated parts
    (r"(?P<p>.+) \(not created yet\), writable", "{p}（尚未创建），可写"),
    (r"(?P<p>.+) \(built on first search\), writable", "{p}（第一次搜索时建立），可写"),
    (r"(?P<p>.+) \(created on first meeting\)", "{p}（第一次开会时创建）"),
    (r"(?P<p>.+): schema (?P<v>\d+), (?P<n>\d+) meetings, quick_check ok, writable",
     "{p}：结构版本 {v}，{n} 场会议，完整性检查通过，可写"),
    (r"(?P<p>.+): schema (?P<v>\d+), (?P<n>\d+) meetings, quick_check ok",
     "{p}：结构版本 {v}，{n} 场会议，完整性检查通过"),
    (r"readable, not writable: (?P<why>.+)", "可读，不可写：{why}"),
    (r"(?P<p>.+) \(absent; defaults in use\)", "{p}（不存在；使用默认设置）"),
    (r"no endpoint configured; offline drafter in use", "没有配置模型接口；使用离线起草"),
    (r"no mail \(\[smtp\] host and from\)", "不发邮件（config.toml 的 [smtp] 没有设置发件服务器和发件人）"),
    (r'not set: add \[me\] name = "…" to config.toml \(recorded with what you capture\)',
     '未设置：请在 config.toml 中写上 [me] name = "…"（记在你记录和修改的每一条上）'),
    (r"robots: none", "群机器人：无"),
    (r"robots: (?P<r>.+)", "群机器人：{r}"),
    (r"(?P<n>\d+) people, (?P<m>\d+) with email", "{n} 位联系人，{m} 位有邮箱"),
    (r"whisper-base \(shipped in PyPI packages\): loads", "whisper-base（随安装包提供）：可以加载"),
    (r"(?P<e>.+): loads", "{e}：可以加载"),
    (r"no microphone found \(no input device\), so listening is off", "没有找到麦克风（没有输入设备），无法现场收音"),
    (r"PortAudio cannot list the sound devices, so listening is off", "无法列出声音设备，无法现场收音"),
    (r"PortAudio is not installed \(e.g. apt install libportaudio2\), so listening is off",
     "没有安装 PortAudio（例如 apt install libportaudio2），无法现场收音"),
    (r"PortAudio and an input device found", "找到了 PortAudio 和输入设备"),
    (r"(?P<url>\S+), model (?P<m>.+), provider (?P<p>.+), context (?P<c>\d+), API key set",
     "{url}，模型 {m}，服务商 {p}，上下文 {c}，API 密钥已设置"),
    (r"(?P<url>\S+), model (?P<m>.+), provider (?P<p>.+), context (?P<c>\d+), API key MISSING",
     "{url}，模型 {m}，服务商 {p}，上下文 {c}，API 密钥缺失"),
    (r"reachable", "可以连通"),
    (r"reachable \(no /models list\)", "可以连通（没有 /models 模型列表）"),
    (r"(?P<n>\d+) models: (?P<ids>.+)", "{n} 个模型：{ids}"),
    (r"model (?P<m>\S+) listed", "模型 {m} 在列表中"),
    (r"model (?P<m>\S+) NOT listed", "模型 {m} 不在列表中"),
    (r"structured output: (?P<mode>json_\w+) supported", "结构化输出：{mode} 可用"),
    (r"(?P<mode>json_\w+) supported", "{mode} 可用"),
    (r"(?P<mode>json_\w+) refused \((?P<code>\d+)\)", "{mode} 被拒绝（{code}）"),
    (r"(?P<p>.+), writable", "{p}，可写"),
] + [
    # `doctor`'s speech line for a transcription endpoint: whether its key is set, whether it answers
    (r"endpoint (?P<url>\S+) \(model (?P<m>[^)]+)\), key " + key + ": " + said, "转写接口 {url}（模型 {m}），"
     + key_zh + "：" + said_zh)
    for key, key_zh in (("set", "密钥已设置"), ("not set", "密钥未设置"))
    for said, said_zh in (("answers", "有应答"), (r"does not answer \((?P<kind>\w+)\)", "没有应答（{kind}）"),
                          (r"HTTP (?P<code>\d+)", "返回错误（HTTP {code}）"))
]
SHAPES.append((r"(?P<url>\S+): cannot reach the team database to [^(]+ \((?P<detail>.*)\); "
               r"check the network and FACILITATOR_DATABASE_URL",
               "{url}：连不上团队数据库（{detail}）；请检查网络和 FACILITATOR_DATABASE_URL"))
"""Messages with values inside, by their shape (a regular expression) and their Chinese."""


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """``SHAPES`` compiled when a message is first translated by its shape, not at every start."""
    return [(re.compile(shape), template) for shape, template in SHAPES]


TABLE_NAMES: dict[str, str] = {
    "meetings": "会议", "participants": "参会人", "notes": "笔记", "responsibilities": "责任边界",
    "actions": "行动", "items": "障碍·决定·问题", "cited_cases": "引用的案例", "drafts": "纪要草稿",
    "action_events": "行动的历史", "stage_times": "阶段用时", "meeting_events": "会议的历史",
    "responsibility_events": "责任的历史", "levers": "资源", "imported_files": "导入的文件",
    "suggestions": "建议", "sends": "发送记录", "send_actions": "发送的行动", "send_claims": "发送认领",
}
"""The record's tables as `db copy` names them in Chinese (a table not here keeps its name)."""


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a CJK character two, others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def copy_line(table: str, copied: int, skipped: int | None = None) -> str:
    """One line of `db copy`: the table (in the user's language), rows copied, rows already
    there (``None``: the total line)."""
    name = (TABLE_NAMES.get(table, table) if table != "total" else "合计") if _lang == "zh" else table
    pad = " " * max(1, 22 - display_width(name))
    if skipped is None:
        return f"{name}{pad}{copied:>7} " + t("copied")
    return f"{name}{pad}{copied:>7} " + t("copied") + f" {skipped:>7} " + t("already there")


def doctor_line(status: str, name: str, detail: str, error: BaseException | None = None) -> str:
    """One line of `doctor`: the status mark as it is (``ok``, ``!!``, ``BAD``), the
    check's name and its detail in the user's language (``error``: the refusal the detail
    is, said as ``error_text`` says it), names padded by display width."""
    if _lang == "zh":
        name = DOCTOR_NAMES.get(name, name)
        whole = error_text(error) if error is not None else t(detail)
        detail = whole if whole != detail else "；".join(t(part) for part in detail.split("; "))
    return f"{status}  {name}{' ' * max(1, 12 - display_width(name))}{detail}"

_lang = ""


def set_language(lang: str | None) -> None:
    """The language of this process's messages (the CLI is one process per command);
    None or "" when the user chose none: messages stay in English, as the code reads."""
    global _lang
    _lang = lang if lang in ("zh", "en") else ""


def chosen_language() -> str:
    """The language the user chose for this process's messages, "" when none (English)."""
    return _lang


def language(meeting_language: str | None = None) -> str:
    """The user's language; when they chose none, the meeting's (else zh)."""
    return _lang or (meeting_language if meeting_language in ("zh", "en") else "zh")


def t(message: str, /, **values: Any) -> str:
    """``message`` in the user's language, then formatted with ``values``."""
    if _lang != "zh":
        return message.format(**values) if values else message
    chinese = ZH.get(message) or messages.ZH.get(message)  # the command line's words, else a refusal's
    if chinese is not None:
        return chinese.format(**values) if values else chinese
    for pattern, template in _patterns():
        if (m := pattern.fullmatch(message)) is not None:  # a nested reason is said in Chinese too
            return template.format(**{k: t(v) if k == "reason" else v for k, v in m.groupdict().items()})
    return message.format(**values) if values else message


def error_text(exc: BaseException) -> str:
    """A ``UserError``'s one line in the user's language: its English template (the key,
    as for ``t``) with its values; an error raised without a template reads as raised."""
    template = getattr(exc, "template", None)
    if template is None:  # raised as a finished line: translated whole where a key matches
        return t(str(exc))
    return t(template, **getattr(exc, "values", {}))


def user_language(argv: list[str] | None = None, env: dict[str, str] | None = None) -> str | None:
    """The user's language before the settings are loaded (``--help`` must know it):
    ``language`` in the home's config.toml, else the locale; None when neither chooses
    (``LANG=C``), as ``Settings.language_chosen`` is false then."""
    from facilitator import locations
    from facilitator.language import locale_language

    env = dict(os.environ) if env is None else env
    args = sys.argv[1:] if argv is None else argv
    home: Path | None = None
    for i, arg in enumerate(args):
        if arg == "--home" and i + 1 < len(args):
            home = Path(args[i + 1])
        elif arg.startswith("--home="):
            home = Path(arg.split("=", 1)[1])
    try:
        path = locations.config_path(locations.data_home(home))
        chosen = tomllib.loads(path.read_text(encoding="utf-8")).get("language") if path.exists() else None
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError):
        chosen = None  # the command itself reports a broken config
    if chosen in ("zh", "en"):
        return str(chosen)
    return locale_language(env)


def _as_written(text: str) -> str:
    return text


def own_words() -> None:
    """argparse's own words (``usage:``, ``options``, each ``-h`` line) as written, never
    from the system's message catalogues: one language per user, and ours are English
    or Chinese (``translate_parser`` then says them in Chinese). It also spares the ~50
    catalogue look-ups on disk that building the parser made at every start."""
    argparse._ = _as_written  # type: ignore[attr-defined]


def translate_parser(parser: argparse.ArgumentParser) -> None:
    """Every help text of ``parser`` and its subcommands in the current language, and
    argparse's own words too (its ``_`` is looked up when it prints)."""
    if _lang != "zh":
        return
    argparse._ = t  # type: ignore[attr-defined]  # usage:, options, error lines
    if parser.description:
        parser.description = t(parser.description)
    for group in parser._action_groups:
        group.title = t(group.title) if group.title else group.title
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            action.help = t(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.help:
                    choice.help = t(choice.help)
            for sub in dict.fromkeys(action.choices.values()):
                translate_parser(sub)
