"""The parts of one written minutes item: who owns it, by when, and what is left as its text.

People write an owner and a date in many places: a label (``责任人：张工``,
``Owner: Anna``), an @mention, a leading name (``采购部李经理周五前联系…``, ``Anna to
ask Tom``), a trailing bracket (``（张工，12/20）``). This module finds them in one item
and cuts them out, so the text that is left reads as the task itself. Dates go through
``capture.resolve_date`` (the quick-capture DATE forms), plus the few loose forms
minutes use that are not DATE forms (月底, 本周内, end of week, ``12.20`` in a date
column).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from facilitator.capture import DATE_PATTERN, resolve_date
from facilitator.model import Participant
from facilitator.textforms import CJK

EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\u20e3]"
    r"|(?<![\w:]):[a-z][a-z0-9_+-]{1,30}:(?![\w:])"
    r"|\[(?:强|赞|OK|握手|抱拳|玫瑰|微笑|呲牙|好的|收到|胜利|耶|666|ok)\]"
)
_EDGE = " \t\u3000,，;；、:：.。-–—|/"


_KEEP = frozenset("，；。？！：（）、【】" + "".join(map(chr, range(0x2460, 0x2474))))
"""Kept as written: the punctuation every pattern accepts in both forms, and ①–⑳, which
NFKC would turn into bare digits (① 刘晓雨… would lose its list mark and read as 1 刘晓雨…)."""


def nfkc(text: str) -> str:
    """NFKC, except the Chinese punctuation people read (，。：（）) stays as written.

    Full-width letters, digits, @ and slashes become ASCII so the patterns see one form;
    the punctuation that every pattern here accepts in both forms is kept, so an item's
    text reads as it was written."""
    if text.isascii():
        return text
    return "".join(ch if ch in _KEEP else unicodedata.normalize("NFKC", ch) for ch in text)


_BRACKETS = re.compile(r"[()（）]")


def _unbalanced(text: str) -> str:
    """Without a bracket left open or closed alone once a field inside it was cut out."""
    if not _BRACKETS.search(text):
        return text
    depth = 0
    keep: list[str] = []
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            if depth == 0:
                continue
            depth -= 1
        keep.append(ch)
    out = "".join(keep)
    while depth > 0:
        cut_at = max(out.rfind("("), out.rfind("（"))
        out = out[:cut_at] + out[cut_at + 1:]
        depth -= 1
    return out


def clean(text: str) -> str:
    """Text with emoji, doubled spaces, bold marks and edge punctuation removed."""
    text = EMOJI.sub("", text).replace("**", "").replace("__", "")
    text = re.sub(r"[(（]\s*[,，;；、]?\s*[)）]", "", text)
    text = _unbalanced(text)
    text = re.sub(r"[ \t\u3000]{2,}", " ", text).strip()
    text = text.strip(_EDGE).strip()
    text = re.sub(r"\s+([,，。;；!！?？)）])", r"\1", text)
    return text.rstrip(_EDGE.replace(".", "").replace("。", "")).strip()


# --------------------------------------------------------------------------- dates

_LOOSE = (
    r"(?:今|本)?年(?:底|末)|\d{1,2}\.\d{1,2}(?=\s*(?:之前|以前|前|日|号))|\d{1,2}\s*月\s*(?:底|末|上旬|中旬|下旬)|(?:本|这个|这|下个|下)?月(?:底|末)|(?:本|这)?周内|本周|这周|下周内|下周"
    r"|[一二两三四五六七\d]+\s*(?:个)?(?:工作日|天|日)内|一周内|今天内|今日内|今天下班前|今晚"
    r"|(?<![\d月])(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*号(?=\s*(?:之前|以前|前))"
    r"|(?<![\d/.])(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])(?![\d/])|元旦(?=\s*(?:之前|以前|前))"
    r"|(?<![\d/.-])(?:0?[1-9]|[12]\d|3[01])-(?:0?[1-9]|1[0-2])-20\d\d(?![\d-])"
    r"|(?:本月|这个月|下个?月)\s*\d{1,2}\s*[号日]|[一二两三四\d]\s*(?:个)?(?:周|星期|礼拜)内|周末(?=\s*(?:之前|以前|前))|明早|明天上午"
    r"|(?:本|这个)?月中(?=\s*(?:之前|以前|前))|(?<![a-z])(?:eod|cob|end\s+of\s+(?:the\s+)?day)\s+tomorrow(?![a-z])"
    r"|(?<![a-z])tomorrow,?\s+(?:eod|cob|end\s+of\s+(?:the\s+)?day)(?![a-z])"
    r"|(?<![a-z])within\s+(?:\d{1,2}|one|two|three|four|five|ten)\s+(?:working\s+|business\s+)?(?:days?|weeks?)(?![a-z])"
    r"|(?<![a-z])mid-?\s?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"|(?:(?<=by\s)|(?<=before\s)|(?<=until\s))(?:the\s+)?\d{1,2}(?:st|nd|rd|th)(?![a-z])"
    r"|(?<![a-z])(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(?:this\s+|next\s+)?(?:week|month|day)|this\s+week|next\s+week"
    r"|(?:the\s+)?end\s+of\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
    r"|eod|eow|eom)(?![a-z])"
)
_TOMORROW_EOD = r"(?<![a-z])tomorrow,?\s+(?:eod|cob|end\s+of\s+(?:the\s+)?day)(?![a-z])"
"""``tomorrow EOD``: one date, tomorrow (read before the bare ``tomorrow``, which would leave
``EOD`` to be read alone as today)."""
_AT_MEETING = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day'?s\s+(?:call|meeting|standup|stand-up|huddle|sync|review)"
"""``at Monday's call``: the task is due by that meeting."""
_MARK = (
    r"(?:(?<![a-z])(?:due(?:\s+(?:on|by|date))?|by|before|until|no\s+later\s+than|deadline|eta)(?![a-z])"
    r"|截止(?:日期|时间)?|期限)"
)
_DATE_IN_TEXT = re.compile(
    rf"(?:(?P<mark>{_MARK})\s*[:：]?\s*(?:到|于|为|是)?\s*)?(?:在|于)?(?P<d>{_AT_MEETING}|{_TOMORROW_EOD}|{DATE_PATTERN}|{_LOOSE})"
    r"(?:\s*(?:上午|中午|下午|晚上|傍晚|早上|下班|午饭|(?<!\d)\d{1,2}\s*(?:点|時|:\d{2})(?:半|\d{1,2}分?)?))?"
    r"(?P<suf>\s*(?:之前|以前|前|之内|以内|内|为止))?",
    re.I,
)
_OBJECT_DATE = re.compile(r"(?:(?<![a-z])(?:for|on|at|to|from|till|since|of|every|each)|到|至|从|是|为|的|每)\s*$", re.I)
"""Words before a date that make it what the task is about (``book a crane for Dec 21``,
``提前到 12 月 15 日``), not when it is due."""
_THIS_MEETING = re.compile(r"\s*(?:的)?(?:会议|会上|例会|开会|的会)")
"""``把今天会议的签到表发我``: the meeting's own day names the meeting the thing is from,
not when it is due (``下周三例会上讲`` is due at that meeting)."""
_MEETING_ON = re.compile(
    r"(?<![a-z])(?:report\s+back|next\s+(?:meeting|call|review))\b.{0,30}\bon\s*$"
    r"|(?<![a-z])(?:aim(?:ing|s)?|target(?:ing|s)?)\s+(?:for|at)\s*$"
    r"|(?<![a-z])(?:before|ahead\s+of|in\s+time\s+for)\s+the\s+[a-z]+(?:\s+[a-z]+)?\s+on\s*$",
    re.I,
)
"""``report back at the next meeting on 5 January``: the date the task is due at, not its object."""
_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}


def _friday(ref: date, weeks: int) -> date:
    monday = ref - timedelta(days=ref.weekday())
    return monday + timedelta(days=7 * weeks + 4)


def _month_end(ref: date, months: int) -> date:
    year, month = ref.year + (ref.month - 1 + months) // 12, (ref.month - 1 + months) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EN_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}


def _month_part(m: re.Match[str], ref: date) -> date | None:
    """12月底 / 1月中旬: the end (or the 10th, the 20th) of that month, next year's if past."""
    month = int(m[1])
    if not 1 <= month <= 12:
        return None
    year = ref.year + (1 if (ref.month - month) > 2 else 0)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, {"上旬": 10, "中旬": 20}.get(m[2], last))


def _end_of_named_month(m: re.Match[str], ref: date) -> date:
    """end of January: the last day of the next such month."""
    month = _MONTHS.index(m[1]) + 1
    year = ref.year + (1 if month < ref.month else 0)
    return date(year, month, calendar.monthrange(year, month)[1])


def _days_within(m: re.Match[str], ref: date) -> date | None:
    """三天内 / 5个工作日内 / 一周内."""
    if m[3]:
        return ref + timedelta(days=7)
    n = int(m[1]) if m[1].isdigit() else _NUM.get(m[1], 0)
    if not n or n > 60:
        return None
    return ref + timedelta(days=n)


def _day_of_this_month(m: re.Match[str], ref: date) -> date | None:
    """本月20号 / 下月5号."""
    year, month = ref.year, ref.month
    if m[1].startswith("下"):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    try:
        return date(year, month, int(m[2]))
    except ValueError:
        return None


def _day_month_year(m: re.Match[str], ref: date) -> date | None:
    """29-01-2027: day, month, year."""
    try:
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


def _mid_month(m: re.Match[str], ref: date) -> date:
    """by mid-March: the 15th."""
    month = _MONTHS.index(m[1]) + 1
    return date(ref.year + (1 if month < ref.month else 0), month, 15)


_LOOSE_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], date], date | None]], ...] = tuple(
    (re.compile(pattern), rule) for pattern, rule in (
        (r"(\d{1,2}) ?月 ?(底|末|上旬|中旬|下旬)", _month_part),
        (r"(?:今|本)?年(?:底|末)|end of (?:the )?year", lambda m, ref: date(ref.year, 12, 31)),
        # at Monday's call: the task is due by that meeting
        (r"((?:mon|tues|wednes|thurs|fri|satur|sun)day)'?s (?:call|meeting|standup|stand-up|huddle|sync|review)",
         lambda m, ref: resolve_date(m[1], ref)),
        (r"end of (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*", _end_of_named_month),
        (r"(?:本|这个|这)?月(?:底|末)|end of (?:the )?(?:this )?month|eom", lambda m, ref: _month_end(ref, 0)),
        (r"(?:下个|下)月(?:底|末)|end of (?:the )?next month", lambda m, ref: _month_end(ref, 1)),
        (r"(?:本|这)?周内|本周|这周|this week|end of (?:the )?(?:this )?week|eow", lambda m, ref: _friday(ref, 0)),
        (r"下周内|下周|next week|end of (?:the )?next week", lambda m, ref: _friday(ref, 1)),
        (r"今[天日]内|今天下班前|今晚|eod|end of (?:the )?day", lambda m, ref: ref),
        (r"([一二两三四五六七\d]+)\s*(?:个)?(工作日|天|日)内|(一)周内", _days_within),
        (r"(\d{1,2})\.(\d{1,2})", lambda m, ref: resolve_date(f"{m[1]}-{m[2]}", ref)),
        (r"(本月|这个月|下个?月) ?(\d{1,2}) ?[号日]", _day_of_this_month),
        # 两周内: two weeks on
        (r"([一二两三四\d]) ?(?:个)?(?:周|星期|礼拜)内",
         lambda m, ref: ref + timedelta(days=7 * (int(m[1]) if m[1].isdigit() else _NUM.get(m[1], 1)))),
        (r"周末", lambda m, ref: _friday(ref, 0)),  # 周末前: before the weekend, this Friday
        (r"明早|明天上午|(?:eod|cob|end of (?:the )?day) tomorrow|tomorrow,? (?:eod|cob|end of (?:the )?day)",
         lambda m, ref: ref + timedelta(days=1)),
        (r"(?:本|这个)?月中",
         lambda m, ref: date(ref.year, ref.month, 15) if ref.day <= 15 else _month_end(ref, 1).replace(day=15)),
        (r"within (\d{1,2}|one|two|three|four|five|ten) (?:working |business )?(days?|weeks?)",
         lambda m, ref: ref + timedelta(days=(int(m[1]) if m[1].isdigit() else _EN_COUNT[m[1]])
                                        * (7 if m[2].startswith("week") else 1))),
        (r"mid-? ?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*", _mid_month),
        (r"(\d{1,2})-(\d{1,2})-(20\d\d)", _day_month_year),
        # 元旦前: by New Year's Day
        (r"元旦", lambda m, ref: date(ref.year + (1 if ref.month > 1 or ref.day > 1 else 0), 1, 1)),
        # 22/12: a day above 12 comes first, the way most of the world writes it
        (r"(1[3-9]|2\d|3[01])/(\d{1,2})", lambda m, ref: resolve_date(f"{m[2]}-{m[1]}", ref)),
        (r"([一二三四五六七八九十]{1,3}|\d{1,2}) ?号|(\d{1,2})(?:st|nd|rd|th)",
         lambda m, ref: _next_day_of_month(_day_number(m[1] or m[2]), ref)),
    )
)
"""A loose date phrase's forms, tried in order; the first that matches the whole phrase decides."""


def _loose_date(phrase: str, ref: date) -> date | None:
    p = re.sub(r"\s+", " ", nfkc(phrase).strip().lower())
    p = re.sub(r"^the ", "", p)
    for pattern, rule in _LOOSE_RULES:
        m = pattern.fullmatch(p)
        if m:
            return rule(m, ref)
    return None


def _day_number(word: str) -> int:
    """十 -> 10, 二十五 -> 25, 7 -> 7 (a day of the month; 0 where it is none)."""
    if word.isdigit():
        return int(word)
    digits = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if "十" in word:
        tens, _, ones = word.partition("十")
        return (digits.get(tens, 0) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    return digits.get(word, 0) if len(word) == 1 else 0


def _next_day_of_month(day: int, ref: date) -> date | None:
    """十号之前 / before the 14th: that day of this month, or of the next when it has passed."""
    if not 1 <= day <= 31:
        return None
    year, month = ref.year, ref.month
    if day < ref.day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if day > calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def read_date(phrase: str, ref: date | None) -> date | None:
    """One date phrase (a due column, the value of 完成时间：) as a date, else None."""
    ref = ref or date.today()
    phrase = clean(phrase)
    if re.fullmatch(r"(?:即日|即刻|立即|马上|当天|当日|今日|本日|会后即办|asap|immediately)(?:起|办理|执行)?", phrase, re.I):
        return ref  # | 即日 | in a due column: the day of the meeting
    got = resolve_date(phrase, ref)
    if got is None:
        m = _DATE_IN_TEXT.search(nfkc(phrase))
        if m:
            got = _date_of(m, ref)
    return got or _loose_date(phrase, ref)


def _date_of(m: re.Match[str], ref: date) -> date | None:
    """The date a match of ``_DATE_IN_TEXT`` names: the phrase with its marker, the date
    alone, or one of the loose forms."""
    return resolve_date(m.group(0), ref) or resolve_date(m["d"], ref) or _loose_date(m["d"], ref)


def find_date(text: str, ref: date | None) -> tuple[date, tuple[int, int]] | None:
    """The due date written in ``text`` and its span (with its marker and 前): the first
    marked one (``by Friday``, ``周三前``, ``截止 12/5``), else the last bare date that is not
    the object of the task (``提前到 12 月 15 日``)."""
    norm = nfkc(text)
    if len(norm) != len(text):
        return None  # spans would not map back; callers pass NFKC text
    ref = ref or date.today()
    bare: tuple[date, tuple[int, int]] | None = None
    for m in _DATE_IN_TEXT.finditer(norm):
        got = _date_of(m, ref)
        if got is None:
            continue
        if m["mark"] or m["suf"] or re.search(r"day'?s\s", m["d"]):
            return got, m.span()
        before = norm[: m.start()]
        if (not _OBJECT_DATE.search(before) or _MEETING_ON.search(before)) and not norm.startswith("的", m.end()) \
                and not (got == ref and _THIS_MEETING.match(norm, m.end())):
            bare = (got, m.span())
    return bare


def cut(text: str, span: tuple[int, int]) -> str:
    a, b = span
    left, right = text[:a].rstrip(), text[b:].lstrip()
    joiner = " " if left and right and not (CJK.match(left[-1]) or CJK.match(right[0])) else ""
    return left + joiner + right


# --------------------------------------------------------------------------- owners

SURNAMES = (
    "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
    "武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒"
    "阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓"
    "古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣"
    "巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝阎官封谈匡鞠荆冀郁胥储栗鄢谌奚粟冼"
)
_TITLES = (
    r"(?:经理|总监|总经理|总工|副总|总|工|主任|主管|科长|部长|处长|厂长|老师|助理|专员|组长|班长|师傅"
    r"|工程师|博士|老板|董|姐|哥|秘书|同学)"
)
_DEPT_WORDS = (
    r"(?:销售|采购|生产|质量|品质|质检|质管|技术|研发|工程|财务|物流|仓储|仓库|计划|生管|物控|PMC|IT|信息"
    r"|人事|人力资源|人力|行政|法务|市场|客服|售后|商务|设计|工艺|设备|运营|供应链|安全|环保|总经办|项目"
    r"|制造|装配|包装|外贸|内贸|结构|电气|软件|硬件|测试|QA|QC|客户服务"
    r"|品控|品保|质保|检验|产品|营销|渠道|交付|实施|售前|后勤|总务|综合|基建|安环|模具|注塑|冲压|涂装|总装|资产|审计|风控)"
)
_DEPT_SUFFIX = r"(?:部门|部|科|处|组|室|中心|车间|团队|小组|办公室|事业部|课|(?<![持控入参炒配散个])股)"
DEPT_FULL = rf"(?:[\u4e00-\u9fffA-Za-z]{{0,6}}?{_DEPT_WORDS}{_DEPT_SUFFIX})"
DEPT = rf"(?:{DEPT_FULL}|{_DEPT_WORDS}{_DEPT_SUFFIX}?)"
ZH_PERSON = rf"(?:[小老阿][{SURNAMES}]|[{SURNAMES}][\u4e00-\u9fff]?{_TITLES}|[{SURNAMES}]总)"

EN_NOT_NAMES = frozenset((
    "call", "motion", "proposal", "item", "report", "decision", "note", "outcome", "other", "next", "time",
    # verbs a decision or task opens with ("Switch to the old supplier", "Stick to the plan")
    "switch", "keep", "stay", "stick", "hold", "ship", "stop", "start", "revert", "return", "roll", "push",
    "default", "limit", "cap", "freeze", "pause", "delay", "postpone", "defer", "continue", "add", "remove",
    "raise", "lower", "cut", "drop", "set", "reduce", "increase", "extend", "open", "close", "approve", "agree",
    "decide", "vote", "invite", "proceed", "launch", "release", "commit", "allocate",
    "a", "able", "about", "access", "according", "added", "after", "agenda", "agreed", "ah", "aim",
    "all", "also", "an", "and", "answer", "any", "anything", "as", "ask", "asks", "at", "back",
    "bad", "based", "because", "before", "best", "better", "both", "but", "by", "bye", "can",
    "cannot", "change", "changed", "cool", "could", "currently", "deadline", "deadlines",
    "decided", "decision", "did", "difficult", "discussion", "do", "does", "done", "due", "each",
    "easy", "eight", "either", "else", "er", "erm", "everybody", "everything", "fifty", "fine",
    "first", "five", "for", "forty", "four", "from", "fyi", "glad", "go", "goal", "goals", "going",
    "good", "great", "had", "happy", "hard", "has", "have", "he", "hello", "her", "here", "hey",
    "hi", "his", "hmm", "hope", "how", "hundred", "i", "idea", "ideas", "if", "important",
    "impossible", "in", "interesting", "into", "is", "it", "its", "just", "last", "let", "likely",
    "make", "many", "maybe", "me", "meeting", "mine", "mm", "more", "most", "move", "my", "need",
    "needed", "needs", "next", "nice", "nine", "no", "none", "nope", "not", "note", "nothing",
    "now", "of", "oh", "ok", "okay", "on", "once", "one", "only", "option", "options", "or",
    "other", "our", "ours", "over", "perhaps", "plan", "plans", "please", "possible", "proposal",
    "proposed", "question", "reach", "ready", "related", "remember", "reminder", "reminders",
    "reply", "request", "requests", "required", "response", "right", "second", "seven", "she",
    "should", "similar", "since", "six", "so", "some", "someone", "something", "sorry", "steps",
    "still", "subject", "such", "sure", "ten", "thank", "thanks", "that", "the", "their", "theirs",
    "them", "then", "there", "these", "they", "thirty", "this", "those", "three", "time", "to",
    "today", "tomorrow", "try", "twenty", "two", "uh", "uhm", "um", "under", "unlikely", "until",
    "up", "update", "updates", "us", "use", "want", "wants", "was", "way", "ways", "we", "welcome",
    "well", "were", "what", "when", "where", "whether", "which", "while", "who", "why", "will",
    "with", "would", "yeah", "yep", "yes", "yet", "you", "your", "yours",
))
"""Words that start a sentence but name nobody (``We to…``, ``Um to be honest``)."""
OFFICE = (
    r"(?:Vice[\s-]+)?(?:President|Chair(?:man|woman|person)?|Secretary|Treasurer|Director|Chief|Captain|Lieutenant"
    r"|Commissioner|Councillor|Cllr|Trustee|Clerk|Superintendent|Principal|Dr|Prof(?:essor)?|Mr|Mrs|Ms|Miss|Rev|Sir)"
)
"""A title written before a surname in minutes (``Secretary Lin``, ``Vice President Koenig``,
``Cllr Pike``): the office or courtesy, the surname says who."""
EN_NAME = rf"(?:@[\w.-]+|(?-i:{OFFICE})\.?\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?|[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?)?)"
EN_OWNERS = rf"{EN_NAME}(?:\s*(?:,|/|&|\+|\band\b)\s*{EN_NAME})*"
EN_TEAMS = (
    r"(?:(?-i:IT)(?:\s+(?i:team|dept\.?|department))?|"
    r"(?i:(?:the\s+)?(?:sales|procurement|purchasing|production|manufacturing|quality|qa|qc|finance|engineering"
    r"|r&d|logistics|warehouse|hr|legal|operations|ops|marketing|planning|supply chain|customer service|design"
    r"|dev|devops|infra|docs|release|security|support|everyone|all|each team|team leads?"
    r"|chair(?:man|woman|person)?|secretary|treasurer|president|clerk|ceo|cfo|coo|cto)"
    r"(?:\s+(?:team|dept\.?|department|group|folks))?)"
    r"|(?-i:[A-Z][\w&-]{1,15})\s+(?i:team|dept\.?|department))"
)


def _split_owners(owner: str) -> list[str]:
    return [p.strip() for p in re.split(r"\s*(?:,|，|、|/|／|&|\band\b|和|及|与|以及|\+)\s*", owner) if p.strip()]


_ME = frozenset({"我", "本人", "笔者", "记录人"})


@dataclass
class People:
    """The meeting's participants, for turning an owner as written into their name."""

    participants: Sequence[Participant]
    _lead: _Lead | None = None
    _resolver: Any = None
    writer: str | None = None
    """Who wrote the page, when its attendee line says so (庞宇（我）, 我（韦大军）): the 我 of
    its items."""

    def __post_init__(self) -> None:
        # an attendee line of a chat paste names people as mentions: @周明(销售), and may
        # list them with spaces only (Attendees: @jenny @marco @li.wei)
        split: list[Participant] = []
        for p in self.participants:
            # @Nadia Petrov @Owen Fitzgerald: a full name runs to the next @
            names = [n.strip() for n in re.findall(r"[@＠]([^@＠,，、;；]+)", p.name)] \
                if p.name.count("@") + p.name.count("＠") > 1 else []
            if len(names) > 1:
                split.extend(Participant(n) for n in names)
            elif p.department in _ME and p.name not in _ME:
                split.append(Participant(p.name, "", p.role))
                self.writer = self.writer or p.name
            elif p.name in _ME and re.fullmatch(r"[\u4e00-\u9fff]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+)?", p.department or ""):
                split.append(Participant(p.department, "", p.role))
                self.writer = self.writer or p.department
            else:
                split.append(Participant(p.name.lstrip("@＠").strip(), p.department, p.role))
        self.participants = split

    def names(self) -> list[str]:
        return sorted({p.name for p in self.participants if p.name}, key=len, reverse=True)

    def departments(self) -> list[str]:
        return sorted({p.department for p in self.participants if p.department}, key=len, reverse=True)

    def knows(self, text: str) -> bool:
        t = nfkc(text).strip().casefold()
        titled = re.fullmatch(rf"(?i:{OFFICE})\.?\s+([a-z][\w'’-]+)", t)
        if titled and any(len(n.split()) >= 2 and n.split()[-1].casefold() == titled[1] for n in self.names()):
            return True  # Prof. Kim for Prof. Jiwoo Kim
        return any(
            t == n.casefold() or t == n.split()[0].casefold() for n in self.names() if n
        ) or any(t == d.casefold() for d in self.departments())

    def is_department(self, owner: str) -> bool:
        """A department or team as such (采购部, 品控部, Legal, the IT team), not a person."""
        text = nfkc(owner).strip()
        if not text or any(text.casefold() == n.casefold() for n in self.names()):
            return False
        return bool(
            re.fullmatch(DEPT, text) or re.fullmatch(rf"[\u4e00-\u9fff]{{1,6}}{_DEPT_SUFFIX}", text)
            or re.fullmatch(EN_TEAMS, text) or text in self.departments()
        )

    def one(self, owner: str) -> str:
        """One owner as the minutes wrote it, named as a participant where it is one: the
        person of 采购部（彭丽） or 采购部李经理, the holder of a role (the Chair, JM), a
        department as such, a name or first name in the room, 王工 for 王强."""
        owner = self._person_of_pair(clean(owner.lstrip("@＠")))
        if owner in _ME and self.writer:
            return self.writer  # 我这边下周三前…, on a page whose attendees say who 我 is
        m = re.fullmatch(rf"{DEPT}\s*(?P<n>{ZH_PERSON}|[{SURNAMES}][\u4e00-\u9fff]{{1,2}})", owner)
        if m:
            # 采购部李经理, 采购部 孙丽: the person of that department when they are in the
            # room; otherwise the owner as the minutes name them
            person = self.one(m["n"])
            return person if person in self.names() else owner
        holder = self._role_holder(owner)
        if holder is not None:
            return holder
        if self.is_department(owner):
            # 品控部 / Legal written as the owner stays that department, even when one
            # person of it is in the room: the minutes handed the task to the department
            return owner
        return self._named(owner) or owner

    def _person_of_pair(self, owner: str) -> str:
        """采购部（彭丽） / 彭丽（采购部）: the person, not the department."""
        m = re.fullmatch(r"(?P<a>[^()（）]+?)\s*[(（]\s*(?P<b>[^()（）]+?)\s*[)）]", owner)
        if not m:
            return owner
        a, b = m["a"], m["b"]

        def is_dept(x: str) -> bool:
            return bool(re.search(_DEPT_SUFFIX + "$", x) or re.fullmatch(DEPT, x) or re.fullmatch(EN_TEAMS, x, re.I)
                        or x in self.departments())

        return b if is_dept(a) and not is_dept(b) else a

    def holds_role(self, owner: str) -> bool:
        """``The Treasurer``: a role one person in the room holds, as the attendee line says."""
        return self._role_holder(owner) is not None

    def _role_holder(self, owner: str) -> str | None:
        """The one participant holding a role the owner names: The Chair will report … (the
        attendee line names the chair), JM for John Miller (JM)."""
        role = re.fullmatch(r"(?:the\s+)?(chair(?:man|woman|person)?|secretary|treasurer|president|clerk|ceo|cfo|coo|cto)",
                            nfkc(owner).strip(), re.I)
        if role:
            holders = list(dict.fromkeys(
                p.name for p in self.participants
                if (p.department or p.role or "").casefold().startswith(role[1].casefold()[:5])
            ))
            if len(holders) == 1:
                return holders[0]
        if re.fullmatch(r"[A-Z]{2,3}", owner):
            holders = list(dict.fromkeys(
                p.name for p in self.participants
                if owner in (p.department, p.role) or "".join(w[0] for w in p.name.split() if w[:1].isupper()) == owner
            ))
            if len(holders) == 1:
                return holders[0]
        return None

    def _named(self, owner: str) -> str | None:
        """The participant the owner names: the whole name, a first name alone, a Chinese
        name inside it, or as the conversation reader names them (王工 for 王强, 采购部 for
        the one person of purchasing), so both readers give one owner the same name."""
        folded = nfkc(owner).casefold()
        for name in self.names():
            if folded == nfkc(name).casefold():
                return name
        for name in self.names():
            first = nfkc(name).split()[0].casefold() if name.split() else ""
            if not CJK.search(name) and first and folded.split()[:1] == [first] and len(folded.split()) == 1:
                return name
        for name in self.names():
            if len(name) >= 2 and CJK.search(name) and name in owner:
                return name
        titled = re.fullmatch(rf"(?i:{OFFICE})\.?\s+([\w'’-]+)", folded)
        if titled:
            # Cllr Pike for Cllr Joan Pike, Secretary Lin for Grace Lin: the title, then the
            # surname of one person in the room
            same = [n for n in self.names() if not CJK.search(n) and len(n.split()) >= 2
                    and nfkc(n).split()[-1].casefold() == titled[1]]
            if len(same) == 1:
                return same[0]
        if self._resolver is None:
            from facilitator.extract.people import People as Resolver

            self._resolver = Resolver(self.participants)
        resolved = self._resolver.owner(owner)
        if resolved and resolved in self._resolver.names:
            return resolved
        return None

    def normalise(self, owner: str | None) -> str | None:
        """Each owner named in ``owner``, as a participant's name when it is one."""
        if not owner:
            return None
        parts = [self.one(p) for p in _split_owners(owner)]
        parts = [p for p in dict.fromkeys(parts) if p]
        if not parts:
            return None
        joiner = "、" if any(CJK.search(p) for p in parts) else ", "
        return joiner.join(parts)

    def zh_lead(self) -> _Lead:
        """A Chinese owner at the start of an item: a department and/or a person."""
        if self._lead is None:
            names = "|".join(re.escape(n) for n in self.names() if CJK.search(n))
            # a department in the room (技术) is no owner where the line names a longer one (技术部)
            depts = "|".join(rf"{re.escape(n)}(?!{_DEPT_SUFFIX})" for n in self.departments() if CJK.search(n))
            self._lead = _Lead(names, depts)
        return self._lead


_GENERIC_LEAD = re.compile(
    rf"^(?:由|请)?(?P<owner>(?:{DEPT})?\s*{ZH_PERSON}"
    rf"|{DEPT_FULL}\s*(?!(?:周|星期)[一二三四五六日天末]|[今明后]天|本周|下周|月底|月末)"
    rf"[{SURNAMES}][\u4e00-\u9fff]{{1,2}}?"
    rf"(?=\d|[今明后本下周月]|负责|牵头|跟进|落实|[，,：:\s])"
    rf"|{DEPT_FULL}(?![的们])"
    rf"|{DEPT}(?=负责|牵头|跟进|落实|[\s，,：:]))"
)
"""Owners any page may lead with (采购部李经理, 张工, 品控部): compiled once, as it is costly
(the class of surnames); the people of one meeting go in small patterns of their own."""


class _Lead:
    """The owner at the start of a Chinese item: someone in the room (with or without
    their department) first, then a titled person or a department, then a department of
    the room alone."""

    def __init__(self, names: str, depts: str) -> None:
        self._known = re.compile(rf"^(?:由|请)?(?P<owner>(?:{DEPT}|{depts or '(?!)'})?\s*(?:{names}))") if names else None
        known = "|".join(k for k in (names, depts) if k)
        self._tail = re.compile(rf"^(?:由|请)?(?P<owner>{known})") if known else None

    def match(self, text: str) -> re.Match[str] | None:
        for pattern in (self._known, _GENERIC_LEAD, self._tail):
            m = pattern.match(text) if pattern is not None else None
            if m:
                return m
        return None


def looks_like_name(owner: str, people: People) -> bool:
    """Can ``owner`` (the words before ``to`` / ``will`` / ``:``) be a person or a team?"""
    owner = owner.strip()
    if people.knows(owner) or re.fullmatch(EN_TEAMS, owner, re.I) or people.holds_role(owner):
        return True
    if re.fullmatch(rf"{DEPT}|{ZH_PERSON}", owner):
        return True
    parts = _split_owners(owner)
    if not parts:
        return False
    for part in parts:
        if people.knows(part) or re.fullmatch(EN_TEAMS, part, re.I):
            continue
        if part.startswith("@") and len(part) > 1:
            continue
        words = part.split()
        if words and re.search(r"['’](?:ll|re|ve|d|s|m)$", words[0], re.I):
            return False  # We'll, Let's, It's
        if len(words) == 1 and len(part) > 3 and part.endswith("s") and part[:-1].istitle() and people.participants:
            return False  # Ideas to absorb, Changes to …: a plural noun, when the room's names are known
        if not words or len(words) > 3 or words[0].casefold().rstrip(".") in EN_NOT_NAMES:
            return False
        if not all(w[:1].isupper() for w in words):
            return False
    return True
