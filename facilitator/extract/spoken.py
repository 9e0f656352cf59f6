"""Date forms people say but do not type: 明天之内, 今天下午, 月底, 两天内, 这周内, 下周,
end of the week, this afternoon, right after this call, within two days.

Kept apart from the quick-capture DATE forms (``capture``), which a typed line keeps
exactly: ``capture.resolve_date`` falls back to :func:`whole_spoken` for a date field that
holds one of these, and :mod:`.dates` finds them inside a sentence beside the typed forms.
This module imports nothing of ours, so both may use it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from facilitator.textforms import nfkc

__all__ = ["SPOKEN", "resolve_spoken", "whole_spoken"]

_CN_NUM = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "半": 0}
_EN_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "a": 1, "couple of": 2, "few": 3}
_WITHIN = r"(?:之内|以内|内|之前|以前|前)?"
_BEFORE = r"(?:在|于|到|截止(?:到)?|最晚|最迟)?"

SPOKEN: list[tuple[str, re.Pattern[str]]] = [
    ("zh_rel", re.compile(r"(?P<rel>大后天|后天|明天|明日|明早|明晚|明儿|明个|今天|今日|今晚|今儿)(?:个)?(?:早上|上午|中午|下午|晚上|一早|下班前)?"
                          r"(?:之内|以内|内|之前|以前|前)?")),
    ("zh_month_end", re.compile(rf"{_BEFORE}(?P<p>下个?|这个?|本)?月(?P<w>底|末){_WITHIN}")),
    ("zh_days", re.compile(r"(?P<n>[一两二三四五六七八九十\d]{1,2})(?:个)?(?P<u>天|工作日|个工作日|周|个星期|星期|礼拜|个礼拜)(?:之内|以内|内)")),
    ("zh_week", re.compile(rf"{_BEFORE}(?P<p>这|本|下)(?:个)?(?:周|星期|礼拜)(?P<w>内|之内|末|底)?(?:之前|以前|前)?(?![一二三四五六日天1-7])")),
    ("zh_dayno", re.compile(rf"{_BEFORE}(?<![\d月])(?P<d>[1-3]?\d)\s*[号日](?:之前|以前|前|之内)?")),
    # 十号之前, 二十五号前: a day said in Chinese numerals counts with a deadline word after it
    # (a bare 三号 is as often a machine or a line as a day)
    ("zh_dayno", re.compile(r"(?<![\d月一二三四五六七八九十周期拜])(?P<d>[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])号(?:之前|以前|前|之内)")),
    # "我十六号跟叶片一起出", "十八号争取": a day said before what is done on it (not "三号机", "五号线")
    ("zh_dayno", re.compile(r"(?<=[我他她你们就在到，,\s])(?P<d>[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])号"
                            r"(?=上午|下午|晚上|早上|中午|一早|开始|跟|把|给|发|出|交|送|去|来|再|就|能|要|必须|争取|[，,。！!…]|$)")),
    # 一月十号, 十二月二十号前, 12月三十号: a month and a day said in words
    ("zh_month_day", re.compile(r"(?<![\d一二三四五六七八九十])(?P<m>十[一二]?|[一二三四五六七八九元]|1[0-2]|[1-9])月份?"
                                r"(?P<d>[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]|[1-3]?\d)[号日]"
                                r"(?:之前|以前|前|之内)?")),
    ("zh_today", re.compile(r"(?:今天|今日|今晚|今儿|会后|散会后|开完会)(?:上午|下午|晚上|中午|下班前|之内|以内|内)?")),
    # 下午 / 晚上 said alone is today's, but not when it names what happens at that time of any
    # day ("晚上的车我来排", "把晚上卸货的事定下来", "只能晚上十点以后送")
    ("zh_today", re.compile(r"(?<![一二三四五六日天号1-7周])(?:(?:下午|晚上)(?![^，,。！？!?\s]{0,5}?的(?:事|车|班|活|货|会)|的|[一二三四五六七八九十\d]{1,2}点)"
                            r"|待会儿?|等会儿?|一会儿)(?:之前|前)?")),
    ("en_eod", re.compile(r"(?<![a-z])(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?day|(?<![a-z])(?:by\s+)?tonight(?![a-z])"
                          r"|(?<![a-z])(?:this\s+(?:afternoon|morning|evening)|later\s+today|(?:right\s+|straight\s+|just\s+)?after\s+(?:this|the)\s+(?:call|meeting))(?![a-z])", re.I)),
    ("en_eow", re.compile(r"(?<![a-z])(?:by\s+)?(?:the\s+)?end\s+of\s+(?P<p>the\s+|this\s+|next\s+)?week(?![a-z])", re.I)),
    ("en_eom", re.compile(r"(?<![a-z])(?:by\s+)?(?:the\s+)?end\s+of\s+(?P<p>the\s+|this\s+|next\s+)?month(?![a-z])", re.I)),
    ("en_within", re.compile(r"(?<![a-z])(?:with)?in\s+(?:the\s+next\s+)?(?P<n>\d+|one|two|three|four|five|a|a\s+couple\s+of|a\s+few)\s+(?P<u>days?|weeks?)(?![a-z])", re.I)),
    ("en_nextweek", re.compile(r"(?<![a-z])(?:by\s+)?(?P<p>next|this)\s+week(?![a-z])", re.I)),
]


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token in _CN_NUM:
        return _CN_NUM[token]
    if len(token) == 2 and token[0] == "十":
        return 10 + _CN_NUM.get(token[1], 0)
    if len(token) == 2 and token[1] == "十":
        return _CN_NUM.get(token[0], 0) * 10
    if len(token) == 3 and token[1] == "十":
        return _CN_NUM.get(token[0], 0) * 10 + _CN_NUM.get(token[2], 0)
    return _EN_NUM.get(re.sub(r"\s+", " ", token.lower()).removeprefix("a ").strip() or "a")


def _friday(ref: date, weeks: int = 0) -> date:
    return ref - timedelta(days=ref.weekday()) + timedelta(days=7 * weeks + 4)


def _month_end(ref: date, months: int = 0) -> date:
    year, month = ref.year + (ref.month - 1 + months) // 12, (ref.month - 1 + months) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _zh_days(m: re.Match[str], ref: date) -> date | None:
    """三天内 / 两个工作日内 / 两周内: working days skip the weekend."""
    n = _number(m["n"])
    if n is None:
        return None
    unit = m["u"]
    if "工作日" in unit:
        day, left = ref, n
        while left:
            day += timedelta(days=1)
            left -= day.weekday() < 5
        return day
    return ref + timedelta(days=n if unit == "天" else 7 * n)


def _zh_dayno(m: re.Match[str], ref: date) -> date | None:
    """十号之前: the next 10th (this month's, else next month's)."""
    day_no = int(m["d"]) if m["d"].isdigit() else (_number(m["d"]) or 0)
    if not 1 <= day_no <= 31:
        return None
    year, month = ref.year, ref.month
    if day_no < ref.day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    try:
        return date(year, month, day_no)
    except ValueError:
        return None


def _zh_month_day(m: re.Match[str], ref: date) -> date | None:
    """一月十号: this year's, or next year's when this year's is more than 60 days gone (as
    the typed 12月9日 resolves)."""
    month = 1 if m["m"] == "元" else (int(m["m"]) if m["m"].isdigit() else _number(m["m"]))
    day_no = int(m["d"]) if m["d"].isdigit() else _number(m["d"])
    if not month or not day_no or not 1 <= month <= 12:
        return None
    for year in (ref.year, ref.year + 1):
        try:
            candidate = date(year, month, day_no)
        except ValueError:
            return None
        if (ref - candidate).days <= 60:
            return candidate
    return None


def _en_within(m: re.Match[str], ref: date) -> date | None:
    n = _number(m["n"])
    if n is None:
        return None
    return ref + timedelta(days=n if m["u"].lower().startswith("day") else 7 * n)


_ZH_REL = {"大后天": 3, "后天": 2, "明天": 1, "明日": 1, "明早": 1, "明晚": 1, "明儿": 1, "明个": 1}
_RESOLVE: dict[str, Callable[[re.Match[str], date], date | None]] = {
    "zh_rel": lambda m, ref: ref + timedelta(days=_ZH_REL.get(m["rel"], 0)),
    "zh_month_end": lambda m, ref: _month_end(ref, 1 if (m["p"] or "").startswith("下") else 0),
    "zh_days": _zh_days,
    "zh_week": lambda m, ref: _friday(ref, 1 if m["p"] == "下" else 0),
    "zh_dayno": _zh_dayno,
    "zh_month_day": _zh_month_day,
    "zh_today": lambda m, ref: ref,
    "en_eod": lambda m, ref: ref,
    "en_eow": lambda m, ref: _friday(ref, 1 if (m["p"] or "").strip().lower() == "next" else 0),
    "en_eom": lambda m, ref: _month_end(ref, 1 if (m["p"] or "").strip().lower() == "next" else 0),
    "en_within": _en_within,
    "en_nextweek": lambda m, ref: _friday(ref, 1 if m["p"].lower() == "next" else 0),
}
"""Each kind of spoken date (the names of ``SPOKEN``) and how it resolves against the meeting date."""


def resolve_spoken(kind: str, m: re.Match[str], ref: date) -> date | None:
    rule = _RESOLVE.get(kind)
    return rule(m, ref) if rule else None


def whole_spoken(text: str, ref: date | None) -> date | None:
    """The date a whole phrase says ("月底", "两天内", "by the end of the week"), or None
    when the phrase is more, or other, than one spoken date."""
    ref = ref or date.today()
    phrase = nfkc(text).strip().strip("。.，,!！")
    phrase = re.sub(r"^(?:by|before|until|due)\s+", "", phrase, flags=re.I)
    for kind, regex in SPOKEN:
        m = regex.fullmatch(phrase)
        if m is None:
            continue
        if kind == "en_nextweek" or (kind == "zh_week" and not (m["w"] or re.search(r"前$", phrase))):
            return None  # "下周" / "next week" names no day: a field asks which one
        return resolve_spoken(kind, m, ref)
    return None
